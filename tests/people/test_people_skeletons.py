"""Pixels shared by people close together go to the nearest skeleton (skeletons.py, issue 12): on
drawn candidates, and on the held-out poker-table photo where a woman reaching across behind her
neighbours lost her arm to them (skips when the photos of real_people_pkg were not fetched)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from rpipp_gui.people.annotations import box_iou, read_people
from rpipp_gui.people.options import SkeletonSplitOptions
from rpipp_gui.people.person_masks import Candidate
from rpipp_gui.people.skeletons import person_scale, skeleton_distance, split_by_skeletons

PKG = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "real_people_pkg"
SHAPE = (200, 200)


def _keypoints(points: dict[int, tuple[float, float]]) -> np.ndarray:
    k = np.zeros((33, 3), np.float32)
    for i, (x, y) in points.items():
        k[i] = (x, y, 1.0)
    return k


def _standing(cx: float) -> np.ndarray:
    """A person 20 px wide at the shoulders, arms hanging, from row 40 to 180."""
    return _keypoints(
        {
            0: (cx, 30),
            11: (cx + 10, 50),
            12: (cx - 10, 50),
            13: (cx + 12, 80),
            14: (cx - 12, 80),
            15: (cx + 12, 110),
            16: (cx - 12, 110),
            23: (cx + 8, 110),
            24: (cx - 8, 110),
            25: (cx + 8, 145),
            26: (cx - 8, 145),
            27: (cx + 8, 180),
            28: (cx - 8, 180),
        }
    )


def _cand(cx: float, prob: np.ndarray, face: bool = True) -> Candidate:
    face_box = (cx - 8, 20, cx + 8, 40) if face else None
    return Candidate(prob.astype(np.float32), (0, 0, *SHAPE[::-1]), 0.9, "face+pose", _standing(cx), face_box)


def _body(cx: float) -> np.ndarray:
    prob = np.zeros(SHAPE, np.float32)
    prob[20:185, int(cx) - 14 : int(cx) + 15] = 0.9
    return prob


def test_an_arm_pose_gave_a_neighbour_goes_back_to_the_arm_s_owner():
    a_prob = _body(60)
    a_prob[60:110, 100:120] = 0.95  # A's mask runs on over B's left arm (B's limb at x = 108)
    b_prob = _body(120)
    a, b = _cand(60, a_prob), _cand(120, b_prob)
    moved = split_by_skeletons([a, b], SHAPE, 0.5, SkeletonSplitOptions())
    assert moved > 0
    a_mask, b_mask = a.mask(SHAPE, 0.5), b.mask(SHAPE, 0.5)
    assert not a_mask[60:110, 104:112].any()  # on B's arm: B's now
    assert b_mask[60:110, 104:112].all()
    assert a_mask[20:185, 50:70].all()  # A's own body stays A's


def test_pixels_near_the_own_skeleton_stay_whoever_is_near():
    # two people so close that their arms touch: nobody loses what lies on their own limbs
    a, b = _cand(60, _body(60)), _cand(84, _body(84))
    before = a.mask(SHAPE, 0.5) & _body(60).astype(bool)
    split_by_skeletons([a, b], SHAPE, 0.5, SkeletonSplitOptions())
    assert a.mask(SHAPE, 0.5)[before][:].mean() > 0.8
    assert a.mask(SHAPE, 0.5)[50:110, 56:64].all()  # the torso itself


def test_people_apart_without_pose_or_with_the_split_off_are_left_alone():
    a_prob = _body(60)
    a_prob[60:110, 100:120] = 0.95
    a, b = _cand(60, a_prob.copy()), _cand(120, _body(120))
    assert split_by_skeletons([a, b], SHAPE, 0.5, SkeletonSplitOptions(enabled=False)) == 0
    assert np.array_equal(a.prob, a_prob)
    b.keypoints, b.face_box = None, None  # a body found by the detector: no skeleton to go to
    assert split_by_skeletons([a, b], SHAPE, 0.5, SkeletonSplitOptions()) == 0
    assert np.array_equal(a.prob, a_prob)


def test_a_skeleton_is_its_limbs_the_filled_torso_and_the_face():
    c = _cand(100, _body(100))
    d = skeleton_distance(c, (0, 0, 200, 200), 0.5)
    assert d[80, 100] == 0.0  # inside the torso
    assert d[30, 100] == 0.0  # in the face box
    assert d[80, 112] == 0.0  # on the left upper arm
    assert d[80, 150] == pytest.approx(38.0, abs=3.0)  # 3x3 chamfer distance
    assert person_scale(c, 0.5) == pytest.approx(16.0)
    c.face_box = None  # no face: half the shoulder width
    assert person_scale(c, 0.5) == pytest.approx(10.0)
    c.keypoints[:, 2] = 0.0
    assert person_scale(c, 0.5) is None and skeleton_distance(c, (0, 0, 200, 200), 0.5) is None


T1 = PKG / "images" / "t1.jpg"


@pytest.mark.skipif(not T1.is_file(), reason="run scripts/fetch_real_people_pkg.py first")
def test_the_woman_reaching_across_the_poker_table_keeps_her_arm(finder):
    # t1: p2 stands behind p3 and reaches across behind him to p4's shoulder; the pose masks of
    # p3 and p4 held her arm, so her mask stopped at her elbow (box IoU 0.45: missed, and her
    # partial box a duplicate). Her skeleton's elbow lies on that arm: it is hers again (IoU >= 0.5).
    annotated = {a.id: a for a in read_people(PKG / "people.tsv")["images/t1.jpg"]}
    rgb = np.asarray(Image.open(T1).convert("RGB"))
    people = finder.set_image(rgb)
    best = max(box_iou(annotated["p2"].box, p.box) for p in people)
    assert best >= 0.5, best
