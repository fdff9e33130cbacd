"""The second held-out set benchmarks/data/real_people_pkg2: its annotations agree with themselves and
with its manifest, and scripts/fetch_real_people_pkg2.py puts the photos where the tables name them
(the installed-package source only with the right SHA-256). The checks that need the photos skip
when they were not fetched."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from PIL import Image
from script_helpers import load_script

from rpipp_gui.people.annotations import read_people

ROOT = Path(__file__).resolve().parents[2]
PKG2 = ROOT / "benchmarks" / "data" / "real_people_pkg2"


def _rows(name: str) -> list[dict[str, str]]:
    with open(PKG2 / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.fixture(scope="module")
def fetcher():
    return load_script("scripts/fetch_real_people_pkg2.py")


def test_every_photo_of_the_tables_is_in_the_manifest_and_every_target_is_annotated(fetcher):
    people = read_people(PKG2 / "people.tsv")
    assert sum(len(v) for v in people.values()) == 23 and len(people) == 12
    targets = {(p, a.id) for p, group in people.items() for a in group}
    manifest = {r["photo"] for r in _rows("manifest.tsv")}
    assert set(people) == manifest
    for r in _rows("sentences.tsv"):
        ids = r["target_ids (comma-separated)"].split(",")
        assert all((r["photo"], i) in targets for i in ids), r
    assert {r["photo"] for r in _rows("no_target.tsv")} <= manifest
    assert {p for p in read_people(PKG2 / "people_uncertain.tsv")} <= manifest
    wanted = load_script("scripts/fetch_real_people_pkg.py").wanted(PKG2 / "manifest.tsv")
    files = [t for members in wanted.values() for _, t in members.values()]
    assert len(files) == 12 and all(t.parent == PKG2 / "images" for t in files)
    assert fetcher.SET == PKG2


def test_an_installed_package_file_is_copied_only_with_its_sha256(fetcher, tmp_path):
    src = ROOT / "rpipp_gui" / "__init__.py"
    sha = hashlib.sha256(src.read_bytes()).hexdigest()
    good, wrong, absent = tmp_path / "good.py", tmp_path / "wrong.py", tmp_path / "absent.py"
    members = {
        "rpipp_gui/__init__.py": (sha, good),
        "rpipp_gui/people/__init__.py": (sha, wrong),
        "rpipp_gui/no_such_file.png": (sha, absent),
    }
    assert fetcher.copy_installed(members) == 2
    assert good.read_bytes() == src.read_bytes()
    assert not wrong.exists() and not absent.exists()


@pytest.mark.skipif(not (PKG2 / "images").is_dir(), reason="run scripts/fetch_real_people_pkg2.py first")
def test_boxes_lie_in_their_photo_and_their_size_follows_the_rule():
    for photo, group in read_people(PKG2 / "people.tsv").items():
        if not (PKG2 / photo).is_file():
            pytest.skip(f"{photo} not fetched")
        w, h = Image.open(PKG2 / photo).size
        for a in group:
            x0, y0, x1, y1 = a.box
            assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, a
            share = (y1 - y0) / h
            assert a.size == ("large" if share >= 0.25 else "medium" if share >= 0.1 else "small"), a
