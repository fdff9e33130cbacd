"""The held-out set benchmarks/data/real_people_pkg: its annotations agree with themselves and with
its manifest, and scripts/fetch_real_people_pkg.py puts the photos where the tables name them. The
checks that need the photos skip when they were not fetched."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PIL import Image
from script_helpers import load_script

from rpipp_gui.people.annotations import read_people

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "benchmarks" / "data" / "real_people_pkg"


def _rows(name: str) -> list[dict[str, str]]:
    with open(PKG / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.fixture(scope="module")
def fetcher():
    return load_script("scripts/fetch_real_people_pkg.py")


def test_every_photo_of_the_tables_is_in_the_manifest_and_every_target_is_annotated(fetcher):
    people = read_people(PKG / "people.tsv")
    assert sum(len(v) for v in people.values()) == 36 and len(people) == 11
    targets = {(p, a.id) for p, group in people.items() for a in group}
    manifest = {r["photo"] for r in _rows("manifest.tsv")}
    assert set(people) == manifest
    for r in _rows("sentences.tsv"):
        ids = r["target_ids (comma-separated)"].split(",")
        assert all((r["photo"], i) in targets for i in ids), r
    assert {r["photo"] for r in _rows("no_target.tsv")} <= manifest
    # every target file lies in the git-ignored images/ folder of the set
    wanted = fetcher.wanted()
    files = [t for members in wanted.values() for _, t in members.values()]
    assert len(files) == 11 and all(t.parent == PKG / "images" for t in files)


@pytest.mark.skipif(not (PKG / "images").is_dir(), reason="run scripts/fetch_real_people_pkg.py first")
def test_boxes_lie_in_their_photo_and_their_size_follows_the_rule():
    for photo, group in read_people(PKG / "people.tsv").items():
        if not (PKG / photo).is_file():
            pytest.skip(f"{photo} not fetched")
        w, h = Image.open(PKG / photo).size
        for a in group:
            x0, y0, x1, y1 = a.box
            assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, a
            share = (y1 - y0) / h
            assert a.size == ("large" if share >= 0.25 else "medium" if share >= 0.1 else "small"), a
