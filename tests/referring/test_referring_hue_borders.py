"""A clearly coloured pixel whose hue lies just past the border of its hue band is near the name
across it (``colour_names.border_colours``): a red shirt under warm light at hue 18 reads orange,
near red, so "the man in the red shirt" is a partial fit, not nobody (issue-13ab); only in a region
that plainly shows the colour, only within ``ColourOptions.border_hue`` degrees of the border, and
only for saturated pixels named by their hue."""

from __future__ import annotations

import colorsys

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from imaging_helpers import colour_scene

from rpipp_gui.people.person import Person
from rpipp_gui.referring.colors import clothing_colours
from rpipp_gui.referring.colour_fit import colour_fit
from rpipp_gui.referring.colour_names import (
    COLOUR_NAMES,
    COLOUR_OPTIONS,
    NAME_INDEX,
    border_colours,
    name_colours,
)
from rpipp_gui.referring.query import parse
from rpipp_gui.referring.scoring import SCORING_OPTIONS

O = COLOUR_OPTIONS
# each hue band's (lower, upper) border and the names across them
BANDS = {
    "orange": (O.red_end, O.orange_end, "red", "yellow"),
    "yellow": (O.orange_end, O.yellow_end, "orange", "green"),
    "green": (O.yellow_end, O.green_end, "yellow", "blue"),
    "blue": (O.green_end, O.blue_end, "green", "purple"),
    "purple": (O.blue_end, O.purple_end, "blue", "pink"),
}


def hsv(h: float, s: float = 0.8, v: float = 0.8) -> tuple[int, int, int]:
    """An RGB uint8 colour of hue h degrees, saturation s and value v."""
    r, g, b = colorsys.hsv_to_rgb((h % 360) / 360, s, v)
    return int(round(r * 255)), int(round(g * 255)), int(round(b * 255))


def _across(pixels) -> list[str | None]:
    out = border_colours(np.array(pixels, np.uint8))
    return [COLOUR_NAMES[i] if i >= 0 else None for i in out]


def test_a_saturated_hue_just_past_red_is_orange_near_red():
    px = hsv(18)
    assert COLOUR_NAMES[name_colours(np.array([px], np.uint8))[0]] == "orange"
    assert _across([px] * 10) == ["red"] * 10


def test_a_blue_violet_is_blue_near_purple_and_a_red_near_orange_is_not_brown():
    assert _across([hsv(O.blue_end - 6)] * 4) == ["purple"] * 4
    assert _across([hsv(O.red_end - 5)] * 4) == ["orange"] * 4


def test_mid_band_pixels_are_near_nothing_across():
    mids = [hsv((lo + hi) / 2) for lo, hi, _, _ in BANDS.values() if hi - lo > 2 * O.border_hue + 2]
    assert mids and _across(mids) == [None] * len(mids)


@given(st.sampled_from(sorted(BANDS)), st.floats(0.5, O.border_hue - 0.5), st.booleans())
def test_near_a_border_is_the_name_across_it(band, d, upper):
    lo, hi, below, above = BANDS[band]
    h = hi - d if upper else lo + d
    px = hsv(h)
    assert COLOUR_NAMES[name_colours(np.array([px], np.uint8))[0]] == band
    assert _across([px]) == [above if upper else below]


@given(st.floats(0, 360, exclude_max=True), st.floats(0.0, O.border_sat - 0.02), st.floats(0.3, 1.0))
def test_a_weakly_saturated_pixel_is_near_no_hue_across(h, s, v):
    assert _across([hsv(h, s, v)] * 3) == [None] * 3


@given(
    st.lists(
        st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)), min_size=1, max_size=40
    )
)
def test_the_name_across_is_a_neighbouring_hue_of_a_pixel_named_by_its_hue(pixels):
    px = np.array(pixels, np.uint8)
    own = name_colours(px)
    across = border_colours(px, own=own)
    neighbours = {
        "red": {"orange", "pink"},
        "orange": {"red", "yellow"},
        "yellow": {"orange", "green"},
        "green": {"yellow", "blue"},
        "blue": {"green", "purple"},
        "purple": {"blue", "pink"},
        "pink": {"purple", "red"},
    }
    shares = np.bincount(own, minlength=len(COLOUR_NAMES)) / len(own)
    for o, a in zip(own, across, strict=True):
        if a >= 0:
            assert COLOUR_NAMES[a] in neighbours[COLOUR_NAMES[o]]
            assert shares[o] >= O.border_own


def test_a_minority_colour_gets_no_share_across():
    orange = [hsv(18)] * 3
    blue = [hsv(220)] * 7
    assert _across(orange + blue) == [None] * 10  # orange 0.3 of the region: no near red
    assert _across(orange * 2 + blue[:4]) == ["red"] * 6 + [None] * 4  # orange 0.6: near red


def test_a_region_share_passed_in_decides():
    px = np.array([hsv(18)] * 5, np.uint8)
    shares = np.zeros(len(COLOUR_NAMES))
    shares[NAME_INDEX["orange"]] = O.border_own - 0.05
    assert (border_colours(px, shares=shares) == -1).all()
    shares[NAME_INDEX["orange"]] = O.border_own
    assert (border_colours(px, shares=shares) == NAME_INDEX["red"]).all()


def test_a_region_of_hue_18_reads_near_red_and_a_split_one_does_not():
    img, people = colour_scene([hsv(18), hsv(220)])
    near = [clothing_colours(img, p)["near"]["upper"] for p in people]
    assert near[0].get("red", 0.0) > 0.9
    assert near[1].get("red", 0.0) == 0.0
    # a top a third orange at hue 18, the rest blue: orange is a minority, nothing near red
    x0, y0, x1, y1 = (int(v) for v in people[1].box)
    img[y0:y1, x0 : x0 + (x1 - x0) // 3] = hsv(18)
    split = clothing_colours(img, Person(box=people[1].box, mask=people[1].mask))
    assert split["upper"].get("orange", 0.0) < O.border_own
    assert split["near"]["upper"].get("red", 0.0) == 0.0


def _fit(sentence, tops):
    img, people = colour_scene(tops)
    return colour_fit(parse(sentence), people, img, 0.2, SCORING_OPTIONS)


def test_a_red_shirt_at_hue_18_is_partly_red_not_nobody():
    fit, missing, absent = _fit("the man in the red shirt", [hsv(220), hsv(18)])
    assert missing is None and absent == ()
    assert fit[1] > fit[0] + 0.5


def test_a_red_worn_exactly_is_not_blurred_by_one_across_the_border():
    fit, missing, _ = _fit("the man in the red shirt", [hsv(3), hsv(18)])
    assert missing is None
    assert fit[0] == 1.0 and fit[1] < 0.1


def test_a_mid_orange_shirt_is_still_nobody_in_red():
    _, missing, _ = _fit("the man in the red shirt", [hsv(220), hsv((O.red_end + O.orange_end) / 2)])
    assert missing == "red"
