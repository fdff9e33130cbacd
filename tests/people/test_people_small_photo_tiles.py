"""A photo about 450 px high gets tiles too (BodyOptions.tile_min_px 240 -> 150, issue-12ak): on
real_people_pkg6's balloon field (678x435) people 17-27 px wide standing in a row were squeezed to
8-12 px in the detector's whole-photo look and missed; tiles show them enlarged."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PIL import Image
from pkg_photos import PKG, pkg_photo

from rpipp_gui.imaging.boxes import box_iou
from rpipp_gui.people.bodies import tiles
from rpipp_gui.people.body_rows import BodyRowOptions
from rpipp_gui.people.options import BodyOptions, FinderOptions

PKG6 = PKG.with_name("real_people_pkg6")
# the man in dark clothes and white sneakers in the middle of the field, and the two men beside him
IN_THE_FIELD = [(261, 341, 288, 416), (229, 337, 246, 381), (244, 332, 264, 382)]


def test_a_photo_450_px_high_is_tiled_and_a_tiny_one_is_not():
    assert tiles(678, 435, BodyOptions())
    assert not tiles(300, 200, BodyOptions())


@pytest.fixture(scope="module")
def field():
    return np.asarray(Image.open(pkg_photo("rmagick_Hot_Air_Balloons_H.jpg", PKG6)).convert("RGB"))


def _found(people, box) -> bool:
    return any(box_iou(p.box, box) >= 0.5 for p in people)


def test_people_standing_in_a_far_field_are_found(finder, field):
    people = finder.set_image(field)
    assert all(_found(people, box) for box in IN_THE_FIELD)


def test_without_tiles_on_small_photos_they_are_missed(field):
    from rpipp_gui.people import PeopleFinder

    # without the row rule too: the weak boxes the row keeps (body_rows.py) find one of them
    before = FinderOptions(
        body=dataclasses.replace(BodyOptions(), tile_min_px=240), body_row=BodyRowOptions(on=False)
    )
    people = PeopleFinder(options=before).set_image(field)
    assert not any(_found(people, box) for box in IN_THE_FIELD)
