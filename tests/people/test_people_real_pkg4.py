"""The fourth held-out set benchmarks/data/real_people_pkg4: its annotations agree with themselves and
with its manifest, none of its photos is one of the other sets', and scripts/fetch_real_people_pkg4.py
fetches into this set with the code of the pkg2 fetcher (an sdist and two Debian packages). The
checks that need the photos skip when they were not fetched."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pkg_photos import check_set_boxes, check_set_tables, table_rows
from script_helpers import load_script

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "benchmarks" / "data"
PKG4 = DATA / "real_people_pkg4"


def test_every_photo_of_the_tables_is_in_the_manifest_and_every_target_is_annotated():
    check_set_tables(PKG4, people=25, photos=12)
    assert len(table_rows(PKG4 / "sentences.tsv")) == 39
    assert len(table_rows(PKG4 / "no_target.tsv")) == 22


def test_no_photo_is_one_of_the_other_sets():
    ours = {r["sha256"] for r in table_rows(PKG4 / "manifest.tsv")}
    assert len(ours) == 12
    others = {r["sha256"] for r in table_rows(DATA / "gender_faces" / "faces.tsv")}
    for name in ("real_people_pkg", "real_people_pkg2", "real_people_pkg3"):
        others |= {r["sha256"] for r in table_rows(DATA / name / "manifest.tsv")}
    assert not ours & others


def test_the_pkg4_fetcher_fetches_this_set_with_the_pkg2_code(monkeypatch):
    fetcher = load_script("scripts/fetch_real_people_pkg4.py")
    assert fetcher.SET == PKG4
    pkg2 = sys.modules["fetch_real_people_pkg2"]
    seen = {}
    monkeypatch.setattr(pkg2, "fetch_files", lambda todo, archives: seen.update(todo) or 0)
    monkeypatch.setattr(pkg2, "copy_installed", lambda members: pytest.fail("no installed source here"))
    assert fetcher.main([]) == 0
    files = [t for members in seen.values() for _, t in members.values()]
    assert len(files) == 12 and all(t.parent == PKG4 / "images" for t in files)
    assert {s.split(":")[0] for s in seen} == {"pypi-sdist", "deb"}


def test_boxes_lie_in_their_photo_and_their_size_follows_the_rule():
    check_set_boxes(PKG4)
