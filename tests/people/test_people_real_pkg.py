"""The held-out set benchmarks/data/real_people_pkg: its annotations agree with themselves and with
its manifest, and scripts/fetch_real_people_pkg.py puts the photos where the tables name them. The
checks that need the photos skip when they were not fetched."""

from __future__ import annotations

from pathlib import Path

import pytest
from pkg_photos import check_set_boxes, check_set_tables
from script_helpers import load_script

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "benchmarks" / "data" / "real_people_pkg"


@pytest.fixture(scope="module")
def fetcher():
    return load_script("scripts/fetch_real_people_pkg.py")


def test_every_photo_of_the_tables_is_in_the_manifest_and_every_target_is_annotated(fetcher):
    check_set_tables(PKG, people=36, photos=11)
    # every target file lies in the git-ignored images/ folder of the set
    wanted = fetcher.wanted()
    files = [t for members in wanted.values() for _, t in members.values()]
    assert len(files) == 11 and all(t.parent == PKG / "images" for t in files)


def test_boxes_lie_in_their_photo_and_their_size_follows_the_rule():
    check_set_boxes(PKG)
