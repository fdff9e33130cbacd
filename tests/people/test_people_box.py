"""A person's box from their mask: the specks scattered over someone else do not stretch it."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rpipp_gui.people.person_masks import BoxOptions, mask_bbox, person_box


def _head_and_specks() -> np.ndarray:
    """A 40x50 head of a person behind, and three specks left on the body in front below it."""
    m = np.zeros((400, 300), bool)
    m[20:70, 200:240] = True
    m[300:303, 20:23] = True
    m[390:394, 100:104] = True
    m[250:252, 150:152] = True
    return m


def test_specks_that_make_most_of_the_box_are_left_out():
    m = _head_and_specks()
    assert mask_bbox(m) == (20, 20, 240, 394)
    assert person_box(m) == (200, 20, 240, 70)


def test_the_face_stays_inside_the_box():
    m = _head_and_specks()
    assert person_box(m, face_box=(195.5, 15.2, 236.0, 60.0)) == (195, 20, 240, 70)


def test_a_hand_apart_from_the_body_is_kept():
    """A hand a gap away from the body stretches the box a little: it is theirs, kept."""
    m = np.zeros((300, 200), bool)
    m[20:280, 60:140] = True
    m[150:160, 150:158] = True  # 80 px: 0.4 % of the mask, the box grows by a tenth
    assert person_box(m) == mask_bbox(m) == (60, 20, 158, 280)


def test_one_part_and_empty_masks():
    m = np.zeros((30, 30), bool)
    assert person_box(m) is None
    m[5:9, 3:20] = True
    assert person_box(m) == (3, 5, 20, 9)
    off = BoxOptions(specks=0.0)  # never leaves specks out
    assert person_box(_head_and_specks(), options=off) == mask_bbox(_head_and_specks())


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 59), st.integers(0, 59), st.integers(1, 30), st.integers(1, 30)),
        min_size=1,
        max_size=6,
    )
)
def test_box_lies_within_the_mask_box_and_holds_the_largest_part(rects):
    import cv2

    m = np.zeros((60, 60), bool)
    for x, y, w, h in rects:
        m[y : y + h, x : x + w] = True
    box, full = person_box(m), mask_bbox(m)
    assert full[0] <= box[0] < box[2] <= full[2] and full[1] <= box[1] < box[3] <= full[3]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(m.astype(np.uint8), connectivity=8)
    big = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    ys, xs = np.nonzero(labels == big)
    assert box[0] <= xs.min() and xs.max() < box[2] and box[1] <= ys.min() and ys.max() < box[3]
