"""A body box hidden whole stops at what hides the person (body_masks.py ``trim_to_visible``)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rpipp_gui.people.body_masks import trim_box_only, trim_to_visible, unexplained
from rpipp_gui.people.options import OccluderTrimOptions
from rpipp_gui.people.person_masks import Candidate

PAVEMENT = (170, 165, 160)
HAIR = (35, 30, 30)
COAT = (90, 30, 40)
CAR = (150, 200, 215)
SIGN = (60, 190, 185)


def _scene(seed: int = 0, h: int = 240, w: int = 160) -> np.ndarray:
    """Pavement with a little noise: HxWx3 uint8."""
    rng = np.random.default_rng(seed)
    img = np.empty((h, w, 3), np.float32)
    img[:] = PAVEMENT
    img += rng.normal(0, 2.0, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def _paint(img: np.ndarray, box, colour) -> None:
    x0, y0, x1, y1 = box
    img[y0:y1, x0:x1] = colour


def test_head_over_a_car_loses_the_rows_the_car_fills():
    # a person's head and shoulders over a car that runs on to the right of the box and below it
    img = _scene()
    _paint(img, (64, 40, 74, 50), HAIR)  # head
    _paint(img, (61, 50, 77, 56), COAT)  # shoulders
    _paint(img, (66, 56, 150, 90), CAR)
    box = (60, 40, 78, 76)  # the detector's guess runs down over the car
    none = np.zeros(img.shape[:2], bool)
    x0, y0, x1, y1 = trim_to_visible(img, box, none)
    assert (y0, x0, x1) == (40, 60, 78)
    # the shoulders stay, plus the margin towards hiding; the car rows go
    assert 56 <= y1 <= 56 + int(np.ceil(0.1 * 36)) + 1


def test_legs_below_a_sign_keep_the_box_and_the_sign_beside_is_cut():
    # a person behind a sign that runs on to the left of the box: head above it, legs below it
    img = _scene(1)
    _paint(img, (84, 20, 94, 30), HAIR)  # head
    _paint(img, (81, 30, 97, 45), COAT)  # shoulders, above the sign
    _paint(img, (84, 75, 88, 96), HAIR)  # legs below the sign
    _paint(img, (91, 75, 95, 96), HAIR)
    _paint(img, (40, 45, 92, 75), SIGN)  # in front of the body's middle
    box = (74, 20, 99, 96)  # the box runs left over the sign
    x0, y0, x1, y1 = trim_to_visible(img, box, np.zeros(img.shape[:2], bool))
    assert (y0, y1) == (20, 96)  # the legs keep the bottom, the top is never cut
    assert 78 <= x0 <= 81 and x1 == 99


def test_a_box_the_surroundings_explain_or_a_large_box_is_kept():
    img = _scene(2)
    box = (60, 30, 80, 70)
    assert trim_to_visible(img, box, np.zeros(img.shape[:2], bool)) == box  # nothing unexplained
    tall = (60, 10, 80, 110)  # 100 px of a 240 px photo: large (its ring is mostly cut off by the border)
    _paint(img, (62, 10, 78, 30), HAIR)
    _paint(img, (40, 40, 150, 110), CAR)
    assert trim_to_visible(img, tall, np.zeros(img.shape[:2], bool)) == tall


def test_other_people_in_the_ring_explain_nothing():
    # a second dark-haired person beside the head: their hair would explain the head's colour
    img = _scene(3)
    _paint(img, (64, 40, 74, 50), HAIR)
    _paint(img, (46, 40, 54, 50), HAIR)  # the neighbour, in the left ring
    box = (60, 40, 78, 76)
    neighbour = np.zeros(img.shape[:2], bool)
    neighbour[40:50, 46:54] = True
    alone, _ = unexplained(img, box, np.zeros(img.shape[:2], bool))
    told, _ = unexplained(img, box, neighbour)
    assert not alone[:10, 4:14].any()
    assert told[:10, 4:14].all()


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    x0=st.integers(0, 120),
    y0=st.integers(0, 80),
    bw=st.integers(2, 60),
    bh=st.integers(2, 60),
    tol=st.floats(2.0, 40.0),
)
def test_the_trimmed_box_lies_in_the_box_keeps_its_top_and_enough_of_it(seed, x0, y0, bw, bh, tol):
    rng = np.random.default_rng(seed)
    img = rng.integers(0, 256, (100, 140, 3), dtype=np.uint8)
    img[rng.random((100, 140)) < 0.5] = PAVEMENT
    box = (x0, y0, min(140, x0 + bw), min(100, y0 + bh))
    options = OccluderTrimOptions(tol=tol)
    t = trim_to_visible(img, box, rng.random((100, 140)) < 0.1, options)
    assert t[1] == box[1]
    assert box[0] <= t[0] < t[2] <= box[2] and t[3] <= box[3]
    assert t[3] - t[1] >= options.min_keep * (box[3] - box[1])
    assert t[2] - t[0] >= options.min_keep * (box[2] - box[0])


def test_trim_box_only_cuts_only_boxes_hidden_whole():
    img = _scene(4)
    _paint(img, (64, 40, 74, 50), HAIR)
    _paint(img, (61, 50, 77, 56), COAT)
    _paint(img, (66, 56, 150, 90), CAR)
    prob = np.zeros((40, 22), np.float32)
    prob[2:38, 2:20] = 1.0  # the box (60, 40, 78, 76) inside the candidate's crop
    whole = Candidate(prob.copy(), (58, 38, 80, 78), 0.5, "body")
    posed = Candidate(prob.copy(), (58, 38, 80, 78), 0.5, "body+selfie")
    owner = np.full(img.shape[:2], -1, np.int16)
    trim_box_only([whole, posed], owner, img, 0.5)
    assert np.array_equal(posed.prob, prob)
    rows = np.flatnonzero(whole.prob.any(axis=1))
    assert rows[0] == 2 and 38 + rows[-1] + 1 <= 60
    assert whole.extra["trimmed_from"] == (60, 40, 78, 76)


def test_options_are_validated():
    with pytest.raises(ValueError):
        OccluderTrimOptions(row_share=0.0)
    with pytest.raises(ValueError):
        OccluderTrimOptions(tol=0.0)
