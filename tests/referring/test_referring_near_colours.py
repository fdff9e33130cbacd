"""A colour asked that nobody wears exactly but someone nearly wears is a partial fit, not "nobody
wears gray" (issue-13v: a charcoal grey-blue sweater read 0.88 black); a colour someone wears
exactly is read as before, so people in clearly different colours stay apart."""

from __future__ import annotations

import numpy as np
from imaging_helpers import colour_scene

from rpipp_gui.referring.colors import clothing_colours
from rpipp_gui.referring.colour_fit import colour_fit
from rpipp_gui.referring.colour_names import COLOUR_NAMES, name_colours, near_colours
from rpipp_gui.referring.query import parse
from rpipp_gui.referring.scoring import SCORING_OPTIONS

CHARCOAL = (40, 44, 52)  # light 0.18: black by name, near gray
RED = (200, 30, 30)
GREY = (128, 128, 128)
BLACK = (8, 8, 8)


def _fit(sentence: str, tops: list[tuple[int, int, int]]):
    img, people = colour_scene(tops)
    return colour_fit(parse(sentence), people, img, 0.2, SCORING_OPTIONS)


def test_pixels_near_a_border_are_near_the_name_across():
    px = np.array([CHARCOAL, BLACK, (150, 160, 200), RED], np.uint8)
    own = [COLOUR_NAMES[i] for i in name_colours(px)]
    near = [COLOUR_NAMES[i] if i >= 0 else None for i in near_colours(px)]
    assert own == ["black", "black", "blue", "red"]
    assert near == ["gray", None, "gray", None]  # charcoal and a grey-blue are near gray; red is not


def test_clothing_colours_report_near_shares():
    img, people = colour_scene([CHARCOAL])
    shares = clothing_colours(img, people[0])
    assert shares["upper"].get("gray", 0.0) < 0.1
    assert shares["near"]["upper"]["gray"] > 0.9


def test_a_charcoal_sweater_is_partly_gray_not_nobody():
    fit, missing, absent = _fit("the man in the grey sweater", [RED, CHARCOAL])
    assert missing is None and absent == ()
    assert fit[1] > fit[0] + 0.5


def test_a_gray_asked_where_nobody_is_near_gray_is_still_nobody():
    fit, missing, _ = _fit("the man in the grey sweater", [RED, BLACK])
    assert missing == "gray"


def test_a_colour_worn_exactly_is_not_blurred_by_near_pixels():
    fit, missing, _ = _fit("the man in the grey sweater", [GREY, CHARCOAL])
    assert missing is None
    assert fit[0] == 1.0 and fit[1] < 0.1  # the charcoal one's near-gray is not read when gray is worn


def test_a_cream_coat_in_shade_reads_brown_and_is_near_white():
    cream = (170, 143, 117)  # real_people_pkg2 bus.jpg's cream fleece, median in shade
    px = np.array([cream], np.uint8)
    assert COLOUR_NAMES[name_colours(px)[0]] == "brown"
    assert COLOUR_NAMES[near_colours(px)[0]] == "white"
    fit, missing, _ = _fit("the guy in the cream coat", [(20, 30, 90), cream])
    assert missing is None
    assert fit[1] > fit[0] + 0.5


def test_cream_never_says_nobody_and_a_white_top_fits_it():
    fit, missing, absent = _fit("the woman in the cream jacket", [(20, 30, 90), (200, 30, 30)])
    assert missing is None and absent == ()
    fit, _, _ = _fit("the woman in the cream jacket", [(20, 30, 90), (235, 235, 235)])
    assert fit[1] > fit[0] + 0.5
