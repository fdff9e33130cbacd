"""A face's pose crop is widened when the body runs out of it, even where pose's mask fades to just
under the threshold on the crop's last columns (regions.touches_side with a band)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pkg_photos import pkg2_photo

from rpipp_gui.people.finder import find_people
from rpipp_gui.people.options import FaceSeedOptions
from rpipp_gui.people.regions import touches_side


def body_short_of_edge(width: int, gap: int, left: bool = True) -> np.ndarray:
    """A 200-row crop whose body (rows 50-199) stops ``gap`` columns short of one side."""
    mask = np.zeros((200, width), bool)
    if left:
        mask[50:, gap : width // 2] = True
    else:
        mask[50:, width // 2 : width - gap] = True
    return mask


@settings(max_examples=40, deadline=None)
@given(width=st.integers(200, 900), left=st.booleans())
def test_a_body_faded_off_the_crops_last_columns_still_runs_out_of_it(width, left):
    band = FaceSeedOptions().side_band
    gap = int(np.ceil(band * width)) - 1  # the fade: within the band, short of the last column
    assert gap >= 1
    mask = body_short_of_edge(width, gap, left)
    inner = (100, 0, 100 + width, 200)  # neither side is the photo's
    assert touches_side(mask, inner, 2000, 0.05, band)
    assert not touches_side(mask, inner, 2000, 0.05, 0.0)  # the last column alone misses it
    # a side that is the photo's own edge is never 'run out of'
    at_edge = (0, 0, width, 200) if left else (1000 - width, 0, 1000, 200)
    assert not touches_side(mask, at_edge, 1000, 0.05, band)


def test_a_body_well_inside_the_crop_does_not_run_out_of_it():
    mask = body_short_of_edge(500, 40)
    assert not touches_side(mask, (100, 0, 600, 200), 2000, 0.05, FaceSeedOptions().side_band)


def test_the_leaning_mans_back_is_his_not_cut_where_the_first_crop_ended():
    """real_people_pkg2 zidane.jpg: the bald man leans forward, his back far left of his face;
    pose's mask on the 3-face-width crop faded at its left edge and his back (x 180-290) was
    left out of his mask (found as a box-mismatched 'duplicate')."""
    rgb = np.asarray(Image.open(pkg2_photo("zidane.jpg")).convert("RGB"))
    people = find_people(rgb)
    leaning = min(people, key=lambda p: p.face_box[0] if p.face_box else 1e9)
    back = leaning.mask[350:700, 190:290]
    assert back.mean() > 0.5
    assert leaning.box[0] < 220
