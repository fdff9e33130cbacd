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
