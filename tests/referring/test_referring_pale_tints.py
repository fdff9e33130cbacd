"""A pale colour (light blue, pastel pink) is named white or gray by its pixels, yet still shows its
hue: it is near that hue (``colour_names.tint_colours``), so "the man in the blue shirt" of a man in a
light-blue shirt is a partial fit, not "nobody wears blue" (issue-13y); a truly neutral white or
gray shows no hue, and a colour someone wears exactly is read as before."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from imaging_helpers import colour_scene
from PIL import Image

from rpipp_gui.people.person import Person
from rpipp_gui.referring.colors import clothing_colours
from rpipp_gui.referring.colour_fit import colour_fit
from rpipp_gui.referring.colour_names import COLOUR_NAMES, name_colours, tint_colours
from rpipp_gui.referring.query import parse
from rpipp_gui.referring.scoring import SCORING_OPTIONS

LIGHT_BLUE = (200, 215, 235)  # sat 0.15: white by name
PASTEL_PINK = (228, 200, 210)
NAVY = (20, 30, 90)
WHITE = (240, 240, 240)
MID_GREY_BLUE = (110, 115, 128)  # light 0.47: a grey-blue, not a pale blue


def _names(px) -> tuple[list[str], list[str | None]]:
    px = np.array(px, np.uint8)
    own = [COLOUR_NAMES[i] for i in name_colours(px)]
    return own, [COLOUR_NAMES[i] if i >= 0 else None for i in tint_colours(px)]


def test_pale_pixels_are_white_and_near_their_hue():
    own, tint = _names([LIGHT_BLUE, PASTEL_PINK, WHITE, MID_GREY_BLUE, NAVY])
    assert own == ["white", "white", "white", "gray", "blue"]
    assert tint == ["blue", "pink", None, None, None]


@given(st.integers(0, 255), st.integers(-3, 3), st.integers(-3, 3))
def test_a_neutral_pixel_shows_no_tint(v, dg, db):
    px = [(v, int(np.clip(v + dg, 0, 255)), int(np.clip(v + db, 0, 255)))]
    assert _names(px)[1] == [None]


@given(st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)))
def test_only_white_or_gray_pixels_get_a_tint(rgb):
    own, tint = _names([rgb])
    assert tint == [None] or (own[0] in ("white", "gray") and tint[0] not in ("white", "gray", "black"))


def _fit(sentence, tops):
    img, people = colour_scene(tops)
    return colour_fit(parse(sentence), people, img, 0.2, SCORING_OPTIONS)


def test_a_light_blue_shirt_is_partly_blue_not_nobody():
    fit, missing, absent = _fit("the man in the light blue shirt", [(200, 30, 30), LIGHT_BLUE])
    assert missing is None and absent == ()
    assert fit[1] > fit[0] + 0.5


def test_blue_asked_of_a_white_and_a_red_shirt_is_still_nobody():
    _, missing, _ = _fit("the man in the blue shirt", [(200, 30, 30), WHITE])
    assert missing == "blue"


def test_a_blue_worn_exactly_is_not_blurred_by_a_pale_one():
    fit, missing, _ = _fit("the man in the blue shirt", [NAVY, LIGHT_BLUE])
    assert missing is None
    assert fit[0] == 1.0 and fit[1] < 0.1


PHOTO = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "real_people_more" / "vtest_0150.png"
# annotated boxes of real_people_more/people.tsv: p4 wears a light-blue jacket, the others dark ones
LIGHT_BLUE_JACKET = (447, 179, 475, 255)
DARK_JACKETS = [(388, 195, 417, 279), (434, 195, 467, 275), (589, 228, 627, 315)]


@pytest.mark.skipif(not PHOTO.exists(), reason="real_people_more photo not present")
def test_a_real_light_blue_jacket_is_near_blue_and_dark_ones_are_not():
    img = np.asarray(Image.open(PHOTO).convert("RGB"))
    near_blue = [
        clothing_colours(img, Person(box=b))["near"]["upper"].get("blue", 0.0)
        for b in [LIGHT_BLUE_JACKET, *DARK_JACKETS]
    ]
    assert near_blue[0] > 0.1
    assert near_blue[0] > 2 * max(near_blue[1:])
