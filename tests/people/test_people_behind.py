"""A person at the back, seen by their face between the heads of people in front, keeps only what is
theirs (behind.py; issue-12ac: the young man at the back of real_people_pkg4's multi_face.jpg, whose
mask ran down through the two women in front to the bottom border)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from rpipp_gui.people.behind import front_bodies, in_front_of, keep_own_behind
from rpipp_gui.people.body_options import BehindOptions
from rpipp_gui.people.person import box_iou
from rpipp_gui.people.person_masks import Candidate, mask_bbox

SHAPE = (300, 400)
BACK_FACE = (180.0, 40.0, 220.0, 90.0)  # 40x50, at the back
LEFT_FACE = (110.0, 70.0, 165.0, 135.0)  # 55x65, lower: in front, on the left
RIGHT_FACE = (235.0, 100.0, 290.0, 165.0)  # in front, on the right


def _person(face, x0: int, x1: int, y1: int = SHAPE[0]) -> Candidate:
    """A candidate whose mask is the columns x0..x1 from the face's top down to row y1."""
    prob = np.zeros(SHAPE, np.float32)
    prob[int(face[1]) : y1, x0:x1] = 0.9
    return Candidate(prob, (0, 0, SHAPE[1], SHAPE[0]), 0.9, "face+pose", face_box=face)


def test_a_larger_lower_face_is_in_front_and_a_face_of_the_same_size_beside_is_not():
    assert in_front_of(BACK_FACE, LEFT_FACE) and in_front_of(BACK_FACE, RIGHT_FACE)
    assert not in_front_of(LEFT_FACE, BACK_FACE)  # the one in front is not behind the one at the back
    beside = (240.0, 45.0, 280.0, 95.0)
    assert not in_front_of(BACK_FACE, beside)
    higher = (235.0, 0.0, 290.0, 65.0)  # larger but higher: a taller person, not one in front
    assert not in_front_of(BACK_FACE, higher)


def test_the_person_at_the_back_stops_where_the_people_in_front_begin():
    back = _person(BACK_FACE, 150, 250)  # pose ran on down through both women to the bottom
    left, right = _person(LEFT_FACE, 80, 200), _person(RIGHT_FACE, 220, 320)
    cands = [left, right, back]
    anyone = np.any([c.prob > 0.5 for c in cands], axis=0)
    keep_own_behind(cands, SHAPE)
    box = mask_bbox(back.prob > 0.5)
    assert box is not None and box[1] == 40
    assert box[3] <= int(RIGHT_FACE[3]) + 1  # not below the lower chin of the people in front
    assert (back.prob[40:90, 180:220] > 0.5).all()  # the face is kept
    # what he loses moves to the people in front, nothing vanishes, and each piece to the nearer one
    assert np.array_equal(np.any([c.prob > 0.5 for c in cands], axis=0), anyone)
    assert (left.prob[200:, 150:200] > 0.5).all() and (right.prob[200:, 220:250] > 0.5).all()
    assert not (left.prob[:, 201:] > 0).any()  # the columns nearer the right woman's face went to her


def test_the_body_beside_the_person_in_front_stays_the_person_at_the_back():
    back = _person(BACK_FACE, 150, 250)
    only_left = [_person(LEFT_FACE, 80, 200), back]
    keep_own_behind(only_left, SHAPE)
    hidden = front_bodies(BACK_FACE, [LEFT_FACE], SHAPE)
    assert not (back.prob[hidden] > 0).any()
    right_of_her = back.prob[:, int(np.ceil(137.5 + 1.25 * 55)) + 1 : 250]
    assert (right_of_her[40:] > 0.5).all()  # his body seen beside her, down to the bottom


def test_off_or_without_a_face_in_front_nothing_changes():
    for options, faces in (
        (BehindOptions(enabled=False), LEFT_FACE),
        (BehindOptions(), (240.0, 45.0, 280.0, 95.0)),
    ):
        back, other = _person(BACK_FACE, 150, 250), _person(faces, 100, 200)
        before = back.prob.copy()
        keep_own_behind([other, back], SHAPE, options)
        assert np.array_equal(back.prob, before)


_face = st.tuples(st.floats(0, 350), st.floats(0, 250), st.floats(10, 60), st.floats(10, 60)).map(
    lambda t: (t[0], t[1], t[0] + t[2], t[1] + t[3])
)


@given(st.lists(_face, min_size=1, max_size=5))
@settings(max_examples=100, deadline=None)
def test_pixels_move_between_people_never_vanish_and_no_one_loses_their_face(faces):
    cands = [_person(f, int(f[0]) - 20, int(f[2]) + 20) for f in faces]
    before = [c.prob.copy() for c in cands]
    anyone = np.any([c.prob > 0 for c in cands], axis=0)
    keep_own_behind(cands, SHAPE)
    assert np.array_equal(np.any([c.full(SHAPE) > 0 for c in cands], axis=0), anyone)
    for cand, old, face in zip(cands, before, faces, strict=True):
        fx0, fy0, fx1, fy1 = int(np.ceil(face[0])), int(np.ceil(face[1])), int(face[2]), int(face[3])
        assert (cand.prob[fy0:fy1, fx0:fx1] >= old[fy0:fy1, fx0:fx1]).all()  # a face is never given away


@pytest.mark.slow
def test_the_young_man_at_the_back_of_multi_face_keeps_to_himself():
    from pkg_photos import PKG

    from rpipp_gui.people import FinderOptions, find_people

    path = PKG.with_name("real_people_pkg4") / "images" / "multi_face.jpg"
    if not path.is_file():
        pytest.skip("run scripts/fetch_real_people_pkg4.py first")
    rgb = np.asarray(Image.open(path).convert("RGB"))
    him = (407, 158, 548, 442)  # real_people_pkg4's p3
    people = find_people(rgb)
    assert any(box_iou(p.box, him) >= 0.5 for p in people)
    off = find_people(rgb, dataclasses.replace(FinderOptions(), behind=BehindOptions(enabled=False)))
    assert not any(box_iou(p.box, him) >= 0.5 for p in off)
