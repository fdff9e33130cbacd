"""Rows of a group photo ("second from left in the top row"), soft ranks, combined place cues."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rpipp_gui.referring import Person, resolve
from rpipp_gui.referring import geometry as geo
from rpipp_gui.referring.query import parse

# A back row of four standing (heads at y=40..60) behind a front row of three sitting (heads at y=220..230),
# the front row shifted right so that counting over everyone gives other people than counting in a row.
BACK = [(0, 40, 90, 400), (100, 60, 190, 400), (200, 50, 290, 400), (300, 45, 390, 400)]
FRONT = [(150, 220, 250, 420), (260, 230, 360, 420), (370, 225, 470, 420)]
GROUP = [Person(box=b) for b in FRONT + BACK]  # indices: front 0..2, back 3..6


def test_rows_from_head_heights():
    lay = geo.layout(np.array([p.box for p in GROUP]))
    assert list(geo.rows(lay)) == [1, 1, 1, 0, 0, 0, 0]
    assert list(geo.row_members(lay, "bottom")) == [True] * 3 + [False] * 4
    assert geo.row_members(lay, "middle") is None  # two rows have no middle one
    one_row = geo.layout(np.array(BACK))
    assert geo.row_members(one_row, "top") is None


@pytest.mark.parametrize(
    "text, row, ordinal, side",
    [
        ("second in the top row", "top", 2, "left"),
        ("front row far right", "bottom", None, None),
        ("bottom row second kid from left", "bottom", 2, "left"),
        ("second from the right, back row", "top", 2, "right"),
        ("second from left bottom", "bottom", 2, "left"),
        ("the man on the left", None, None, None),
        ("second from the left", None, 2, "left"),
    ],
)
def test_parser_reads_rows(text, row, ordinal, side):
    q = parse(text)
    assert (q.row, q.ordinal, q.ordinal_from) == (row, ordinal, side)


@pytest.mark.parametrize(
    "text, want",
    [
        ("second from left in the top row", 4),
        ("back row third from the left", 5),
        ("front row second from left", 1),
        ("second from the right in the front row", 1),
        ("front row far right", 2),
        ("the guy on the left in the back row", 3),
        ("second from left", 4),  # no row named: counted over everyone (x centres 45, 145, 200, ...)
    ],
)
def test_counting_within_a_row(text, want):
    res = resolve(text, GROUP)
    assert res.selected[0] == want
    assert sorted(res.scores, reverse=True)[0] > sorted(res.scores, reverse=True)[1]


def test_row_cue_without_rows_falls_back_to_the_whole_group():
    people = [Person(box=b) for b in BACK]
    assert resolve("second from left in the top row", people).selected[0] == 1


@given(st.lists(st.floats(0, 1), min_size=1, max_size=8), st.floats(0.0, 0.3))
def test_soft_rank_is_an_order_in_unit_range(values, width):
    v = np.array(values)
    r = geo.soft_rank(v, width)
    assert r.shape == v.shape and np.all((r >= 0) & (r <= 1))
    for i in range(len(v)):
        for j in range(len(v)):
            if v[i] < v[j]:
                assert r[i] <= r[j] + 1e-12


def test_soft_rank_shares_the_rank_of_near_equal_positions():
    r = geo.soft_rank(np.array([0.10, 0.11, 0.90]), 0.1)
    assert abs(r[0] - r[1]) < 0.1 and r[2] > 0.9
    assert list(geo.soft_rank(np.array([0.10, 0.11, 0.90]), 0.0)) == [0.0, 0.5, 1.0]


def test_middle_of_a_photo_of_unknown_size_lies_beyond_half_the_rightmost_box():
    # Two people, the photo's size unknown: the rightmost box ends at x=410, so the photo is wider and
    # the one centred at x=328 stands nearer its middle than the one at x=151.
    pair = [Person(box=(54, 89, 248, 314)), Person(box=(246, 97, 410, 300))]
    assert resolve("the man in the middle", pair).selected[0] == 1
    # With the size known, the middle is the middle.
    assert resolve("the man in the middle", pair, image_size=(640, 320)).selected[0] == 1
    assert resolve("the man in the middle", pair, image_size=(300, 320)).selected[0] == 0


def test_two_places_named_decide_without_word_priors():
    # Two women at the left edge, one above the other; "upper left" is the upper one even though she is
    # smaller than the one below (word priors for "woman" lean to the bigger person).
    people = [
        Person(box=(213, 6, 351, 229)),
        Person(box=(31, 291, 198, 498)),
        Person(box=(38, 73, 200, 240)),
        Person(box=(115, 257, 371, 491)),
    ]
    for text in ("woman upper left", "top left woman", "the woman at the bottom left"):
        want = 1 if "bottom" in text else 2
        assert resolve(text, people).selected[0] == want, text
