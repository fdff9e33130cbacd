"""A person found by their face stops where the evidence for them stops (issue 12: pose seeded by a
face ran on down over whoever or whatever was below it; real_people_pkg8 ``md_office-dark``,
real_people_pkg9 ``tk_login-bg``): a face seen where their chest would be is someone in front
(behind.py ``directly_under``); legs under a front face join them only when they reach their
mask (body_fusion.py ``joins_below``); the detector's body box ends them (``box_bottoms``,
``stop_below_boxes``)."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rpipp_gui.people.behind import directly_under, in_front_of, keep_own_behind
from rpipp_gui.people.body_fusion import box_bottoms, joins_below, stop_below_boxes
from rpipp_gui.people.body_options import BehindOptions
from rpipp_gui.people.person_masks import Candidate, mask_bbox

SHAPE = (400, 400)
STANDING = (180.0, 30.0, 225.0, 90.0)  # 45x60: the man standing at the back
SITTING = (185.0, 140.0, 223.0, 202.0)  # 38x62, a little smaller, 1.9 of his face heights lower


def _mask(face, x0: int, x1: int, y1: int) -> Candidate:
    prob = np.zeros(SHAPE, np.float32)
    prob[int(face[1]) : y1, x0:x1] = 0.9
    return Candidate(prob, (0, 0, SHAPE[1], SHAPE[0]), 0.9, "face+pose", face_box=face)


def test_a_face_of_about_his_size_below_his_chin_is_someone_in_front():
    assert directly_under(STANDING, SITTING) and in_front_of(STANDING, SITTING)
    assert not directly_under(SITTING, STANDING)  # the one higher up is not in front
    aside = (300.0, 140.0, 338.0, 202.0)  # as low, but beside him: someone else's chest
    assert not directly_under(STANDING, aside) and not in_front_of(STANDING, aside)
    small = (195.0, 150.0, 210.0, 170.0)  # a far, small face below (seen through a window)
    assert not directly_under(STANDING, small) and not in_front_of(STANDING, small)
    near = (182.0, 70.0, 220.0, 132.0)  # only a little lower: a neighbour's head, not one in front
    assert not directly_under(STANDING, near)
    belly = (185.0, 200.0, 223.0, 262.0)  # 3.6 face heights lower: at his belly, not his chest
    assert not directly_under(STANDING, belly)


def test_the_standing_man_stops_at_the_chin_of_the_woman_sitting_in_front():
    # his pose mask ran down over her and her chair, wider than her shoulders (4.8 face widths)
    him = _mask(STANDING, 95, 310, 380)
    her = _mask(SITTING, 130, 300, 390)
    union = (him.prob > 0.5) | (her.prob > 0.5)
    keep_own_behind([him, her], SHAPE)
    box = mask_bbox(him.prob > 0.5)
    assert box is not None and box[3] <= int(np.ceil(SITTING[3])) + 1
    assert (him.prob[30:90, 180:225] > 0.5).all()  # his face is kept
    assert np.array_equal((him.prob > 0.5) | (her.prob > 0.5), union)  # his pixels went to her
    # without the rule (she is not larger than him) his box runs down over her
    him2, her2 = _mask(STANDING, 95, 310, 380), _mask(SITTING, 130, 300, 390)
    keep_own_behind([him2, her2], SHAPE, dataclasses.replace(BehindOptions(), under_fh=10.0))
    box2 = mask_bbox(him2.prob > 0.5)
    assert box2 is not None and box2[3] >= 370


def test_legs_join_the_person_in_front_only_when_they_reach_their_mask():
    head = _mask((100.0, 100.0, 120.0, 124.0), 95, 125, 160)  # a small far head, mask to row 160
    near = Candidate(np.full((40, 30), 0.9, np.float32), (95, 170, 125, 210), 0.5, "body+selfie")
    far = Candidate(np.full((40, 30), 0.9, np.float32), (95, 240, 125, 280), 0.5, "body+selfie")
    assert joins_below(head, near, 0.5, 1.0)  # 10 px below, under one face height (24 px)
    assert not joins_below(head, far, 0.5, 1.0)  # 80 px below: a part of someone further down
    assert joins_below(head, far, 0.5, 4.0)


def test_a_person_the_detector_boxes_ends_half_a_face_below_the_box():
    face = (180.0, 100.0, 220.0, 150.0)  # 40x50
    she = _mask(face, 150, 250, 390)  # pose ran on under the table to row 390
    other = _mask((300.0, 100.0, 340.0, 150.0), 290, 350, 300)
    cands = [she, other]
    body = (140, 90, 260, 250)  # the detector sees her down to the table's edge
    bottoms = box_bottoms(cands, [body], head_faces=1.5, margin=0.1)
    assert bottoms == {0: 250.0}
    stop_below_boxes(cands, bottoms, 0.5)
    box = mask_bbox(she.prob > 0.5)
    assert box is not None and box[3] == 275  # 250 + 0.5 x 50
    assert mask_bbox(other.prob > 0.5)[3] == 300  # held by no box: unchanged
    # a box with two faces in its head zone ends neither
    two = (140, 90, 360, 250)
    assert box_bottoms(cands, [two], head_faces=1.5, margin=0.1) == {}
    # a box only a little short of her mask (her feet) keeps it: the cut needs a long run below
    short = _mask(face, 150, 250, 290)
    stop_below_boxes([short], {0: 250.0}, 0.5, run_fh=1.5)  # 290 <= 250 + 1.5 x 50
    assert mask_bbox(short.prob > 0.5)[3] == 290
    stop_below_boxes([short], {0: 250.0}, 0.5, run_fh=0.5)
    assert mask_bbox(short.prob > 0.5)[3] == 275
    # the lowest of the boxes that hold her counts
    assert box_bottoms(cands, [body, (140, 90, 260, 380)], 1.5, 0.1) == {0: 380.0}


@given(st.floats(0.0, 2.0), st.integers(100, 399))
@settings(max_examples=50, deadline=None)
def test_the_box_bottom_cut_keeps_the_face_and_never_adds(below_fh, bottom):
    face = (180.0, 100.0, 220.0, 150.0)
    she = _mask(face, 150, 250, 390)
    before = she.prob.copy()
    stop_below_boxes([she], {0: float(bottom)}, below_fh)
    assert (she.prob <= before).all()
    if bottom >= 150:
        assert (she.prob[100:150, 180:220] == before[100:150, 180:220]).all()


def test_a_box_shorter_than_the_body_of_a_face_holds_nobody():
    # pkg t1: a 30 px box above a woman's head (her face 94 px tall) lay in her head zone, which is
    # sized by her face, and cut her mask at her forehead
    she = _mask((216.0, 119.0, 298.0, 213.0), 200, 320, 390)
    tiny = (256.0, 56.0, 279.0, 86.0)
    assert box_bottoms([she], [tiny], head_faces=1.5, margin=0.1) == {0: 86.0}  # no floor: taken
    assert box_bottoms([she], [tiny], head_faces=1.5, margin=0.1, min_fh=2.0) == {}
    body = (200.0, 100.0, 320.0, 300.0)  # 2.1 of her face heights: a body
    assert box_bottoms([she], [body, tiny], head_faces=1.5, margin=0.1, min_fh=2.0) == {0: 300.0}
