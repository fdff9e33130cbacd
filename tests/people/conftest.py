"""Fixtures of the people tests: one finder (models load once) and the composite scenes."""

from __future__ import annotations

import pytest
from people_scenes import Scene, make_scene


@pytest.fixture(scope="session")
def finder():
    """One PeopleFinder for the whole run: models load once."""
    from rpipp_gui.people import PeopleFinder

    return PeopleFinder()


@pytest.fixture(scope="session")
def three_apart() -> Scene:
    return make_scene(["astronaut", "grace", "cameraman"], gap=40)


@pytest.fixture(scope="session")
def four_tight() -> Scene:
    return make_scene(["grace", "astronaut", "grace", "astronaut"], flip=(False, True, True, False))


@pytest.fixture(scope="session")
def three_apart_people(finder, three_apart):
    """The people found in ``three_apart`` (computed once; tests must not modify them)."""
    return finder.set_image(three_apart.rgb)
