"""Shade words ("navy", "olive", "purple", ...) are read as the pixel names their shade lies between
(``word_lists.SHADES``): a navy top in shade reads black, a plum shirt pink, so "the man in the navy
hoodie" on a photo where nobody shows blue is the one in the darkest top, not "nobody wears blue";
while anyone shows a main name plainly, the fallback names count for nothing."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from imaging_helpers import colour_scene

from rpipp_gui.referring import word_lists as vocab
from rpipp_gui.referring.colour_fit import colour_reading
from rpipp_gui.referring.colour_names import COLOUR_NAMES, name_colours
from rpipp_gui.referring.query import parse
from rpipp_gui.referring.scoring import SCORING_OPTIONS

NAVY_IN_SHADE = (16, 18, 34)  # navy too dark for its hue: black by name
BLUE = (30, 60, 190)
WHITE = (240, 240, 240)
RED = (200, 30, 30)
PLUM = (120, 30, 75)  # hue 334, value 0.47: the pink band's hue (ons_woman-in-purple-dress-shirt)
DARK_OLIVE = (95, 85, 35)  # hue 50: yellow / brown, no green
GREEN = (40, 150, 60)


def _read(sentence: str, tops: list[tuple[int, int, int]]):
    img, people = colour_scene(tops)
    return colour_reading(parse(sentence), people, img, 0.2, SCORING_OPTIONS)


def _name(rgb: tuple[int, int, int]) -> str:
    return COLOUR_NAMES[name_colours(np.array([rgb], np.uint8))[0]]


def test_every_shade_reads_pixel_names_and_every_colour_word_is_read():
    for main, fallback in vocab.SHADES.values():
        assert main and set(main + fallback) <= set(COLOUR_NAMES)
    for canonical in vocab.COLORS.values():
        assert canonical in COLOUR_NAMES or canonical in vocab.SHADES
    assert set(vocab.SHADES) >= vocab.CONFIRM_ONLY


def test_the_scene_colours_are_named_as_the_photos_read_them():
    assert _name(NAVY_IN_SHADE) == "black" and _name(PLUM) == "pink"
    assert _name(DARK_OLIVE) in ("yellow", "brown") and _name(BLUE) == "blue"


def test_a_navy_top_in_shade_is_the_one_in_black_not_nobody():
    got = _read("the man in the navy hoodie", [WHITE, NAVY_IN_SHADE])
    assert got.missing is None and got.absent == ()
    assert got.fit[1] > got.fit[0] + 0.5
    assert got.near == ("navy",)  # no plain reading: the verdict may weigh it as such


def test_a_blue_top_takes_navy_from_one_in_black():
    got = _read("the man in the navy hoodie", [NAVY_IN_SHADE, BLUE])
    assert got.fit[1] > got.fit[0] + 0.5


def test_red_and_navy_with_red_seen_does_not_add_everyone_in_black():
    got = _read("the man in the red and navy jacket", [NAVY_IN_SHADE, RED])
    assert got.fit[1] > got.fit[0] + 0.4


def test_a_plum_shirt_is_purple():
    got = _read("the woman in the purple shirt", [WHITE, PLUM])
    assert got.missing is None and got.fit[1] > got.fit[0] + 0.5


def test_olive_is_green_first_then_its_dark_yellow_and_brown():
    got = _read("the man in the olive jacket", [WHITE, DARK_OLIVE])
    assert got.missing is None and got.fit[1] > got.fit[0] + 0.5
    got = _read("the man in the olive jacket", [DARK_OLIVE, GREEN])
    assert got.fit[1] > got.fit[0] + 0.5


def test_a_shade_nobody_shows_in_any_of_its_names_is_still_nobody():
    got = _read("the man in the olive jacket", [WHITE, BLUE])
    assert got.missing == "olive"
    got = _read("the man in the navy hoodie", [WHITE, RED])
    assert got.missing == "navy"


_COLOUR = st.tuples(*[st.integers(0, 255)] * 3)


@settings(max_examples=40, deadline=None)
@given(tops=st.lists(_COLOUR, min_size=1, max_size=3), shade=st.sampled_from(sorted(vocab.SHADES)))
def test_fallback_names_count_only_where_no_colour_asked_is_seen(tops, shade):
    """With the shade's fallback names taken away, the reading is the same wherever someone shows
    a main name (plainly or near); and a fallback reading is never plainer than a main one."""
    sentence = f"the person in the {shade} shirt"
    got = _read(sentence, tops)
    main, fallback = vocab.SHADES[shade]
    saved = vocab.SHADES[shade]
    try:
        vocab.SHADES[shade] = (main, ())
        plain = _read(sentence, tops)
    finally:
        vocab.SHADES[shade] = saved
    if plain.missing is None:
        np.testing.assert_allclose(got.fit, plain.fit)
    else:
        assert np.all(got.fit >= plain.fit - 1e-9)
        assert got.missing in (None, shade)
