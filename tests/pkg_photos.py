"""The group photos of benchmarks/data/real_people_pkg, for tests that need them: they are fetched
from registry packages by scripts/fetch_real_people_pkg.py (not committed), so a test skips when
they are absent (as in CI)."""

from __future__ import annotations

from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "real_people_pkg"
PKG2 = PKG.with_name("real_people_pkg2")


def pkg_photo(name: str, folder: Path = PKG) -> Path:
    """The path of images/NAME in ``folder`` (real_people_pkg or PKG2), or skip the test when it has
    not been fetched."""
    path = folder / "images" / name
    if not path.is_file():
        pytest.skip(f"run scripts/fetch_{folder.name}.py first")
    return path


def pkg_app(name: str, folder: Path = PKG):
    """(App, context with its people found) on images/NAME, the whole pipeline as the window runs it."""
    from rpipp_gui.app import App, ModelConfig

    path = pkg_photo(name, folder)
    app = App(ModelConfig())
    ctx = app.open(path)
    return app, app.with_people(app.find_people(ctx), ctx)


PKG2 = PKG.parent / "real_people_pkg2"


def pkg2_photo(name: str) -> Path:
    """The path of real_people_pkg2's images/NAME, or skip the test when it has not been fetched."""
    path = PKG2 / "images" / name
    if not path.is_file():
        pytest.skip("run scripts/fetch_real_people_pkg2.py first")
    return path


def table_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a tab-separated table with a header line."""
    import csv

    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def check_set_tables(folder: Path, people: int, photos: int) -> None:
    """A set's tables agree with themselves: ``people`` people on ``photos`` photos, exactly the
    manifest's photos; every sentence's targets annotated, none twice; the no-target and uncertain
    tables only on photos of the manifest."""
    from rpipp_gui.people.annotations import read_people

    found = read_people(folder / "people.tsv")
    assert sum(len(v) for v in found.values()) == people and len(found) == photos
    targets = {(p, a.id) for p, group in found.items() for a in group}
    manifest = {r["photo"] for r in table_rows(folder / "manifest.tsv")}
    assert set(found) == manifest
    for r in table_rows(folder / "sentences.tsv"):
        ids = r["target_ids (comma-separated)"].split(",")
        assert len(set(ids)) == len(ids) and all((r["photo"], i) in targets for i in ids), r
    assert {r["photo"] for r in table_rows(folder / "no_target.tsv")} <= manifest
    if (folder / "people_uncertain.tsv").is_file():
        assert set(read_people(folder / "people_uncertain.tsv")) <= manifest


def check_set_boxes(folder: Path) -> None:
    """Every annotated box (people.tsv and people_uncertain.tsv) lies in its photo and its size
    class follows the rule (large >= 1/4 of the photo's height, medium >= 1/10); skips the test when
    a photo has not been fetched."""
    from PIL import Image

    from rpipp_gui.people.annotations import read_people

    for name in ("people.tsv", "people_uncertain.tsv"):
        if not (folder / name).is_file():
            continue
        for photo, group in read_people(folder / name).items():
            if not (folder / photo).is_file():
                pytest.skip(f"run scripts/fetch_{folder.name}.py first")
            w, h = Image.open(folder / photo).size
            for a in group:
                x0, y0, x1, y1 = a.box
                assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, a
                share = (y1 - y0) / h
                assert a.size == ("large" if share >= 0.25 else "medium" if share >= 0.1 else "small"), a


def check_photos_are_new(folder: Path, photos: int, others: tuple[str, ...]) -> None:
    """The set in ``folder`` lists ``photos`` distinct photos, none of them (by SHA-256) one of the
    gender faces' or of the sets named in ``others`` (folder names under benchmarks/data)."""
    data = folder.parent
    ours = {r["sha256"] for r in table_rows(folder / "manifest.tsv")}
    assert len(ours) == photos
    seen = {r["sha256"] for r in table_rows(data / "gender_faces" / "faces.tsv")}
    for name in others:
        seen |= {r["sha256"] for r in table_rows(data / name / "manifest.tsv")}
    assert not ours & seen


def check_fetcher(monkeypatch, script: str, folder: Path, photos: int, kinds: set[str]) -> None:
    """``script`` fetches ``photos`` files into ``folder``/images with the pkg2 fetcher's code, from
    sources of the given ``kinds`` ("npm", "pypi-sdist", "deb"), never from an installed package
    (the download itself is stubbed)."""
    import sys

    from script_helpers import load_script

    fetcher = load_script(script)
    assert folder == fetcher.SET
    pkg2 = sys.modules["fetch_real_people_pkg2"]
    seen: dict = {}
    monkeypatch.setattr(pkg2, "fetch_files", lambda todo, archives: seen.update(todo) or 0)
    monkeypatch.setattr(pkg2, "copy_installed", lambda members: pytest.fail("no installed source here"))
    assert fetcher.main([]) == 0
    files = [t for members in seen.values() for _, t in members.values()]
    assert len(files) == photos and all(t.parent == folder / "images" for t in files)
    assert {s.split(":")[0] for s in seen} == kinds
