"""``annotations.open_faces``: the benchmark's count of faces found that "hide everyone" leaves
partly open (more than a share of the face box in nobody's mask)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from rpipp_gui.people.annotations import open_faces
from rpipp_gui.people.person import Person


def test_a_face_half_outside_every_mask_is_open_and_a_covered_one_is_not():
    union = np.zeros((100, 100), bool)
    union[10:40, 10:40] = True  # covers the first face whole, the second one's left half
    covered = Person((5.0, 5.0, 45.0, 90.0), face_box=(15.0, 15.0, 35.0, 35.0))
    half = Person((30.0, 5.0, 80.0, 90.0), face_box=(30.0, 15.0, 50.0, 35.0))
    no_face = Person((60.0, 50.0, 90.0, 99.0))
    assert open_faces([covered, half, no_face], union) == (1, 2)
    assert open_faces([covered], union) == (0, 1)


@given(
    x0=st.floats(-50, 150),
    y0=st.floats(-50, 150),
    w=st.floats(1, 80),
    h=st.floats(1, 80),
    share=st.floats(0, 0.99),
)
def test_a_face_box_anywhere_is_counted_at_most_once_and_never_open_under_a_full_mask(x0, y0, w, h, share):
    person = Person((x0, y0, x0 + w, y0 + h), face_box=(x0, y0, x0 + w, y0 + h))
    full = np.ones((120, 100), bool)
    left, total = open_faces([person], full, share)
    assert left == 0 and total in (0, 1)
    left, total = open_faces([person], np.zeros_like(full), share)
    assert left == total  # nothing hidden: every face inside the photo is open


def test_a_face_found_is_filled_where_no_mask_holds_it_and_never_taken_from_another():
    from rpipp_gui.people.person_masks import fill_own_faces

    own = np.zeros((100, 100), bool)
    own[40:90, 20:60] = True  # their body; the face above it was left out by segmentation
    neighbour = np.zeros_like(own)
    neighbour[10:40, 48:70] = True  # someone beside them (no face found), over the face box's right side
    masks = [own.copy(), neighbour.copy()]
    fill_own_faces([(30.0, 16.0, 54.0, 40.0), None], masks)
    assert masks[0][28, 40] and masks[0][18, 40]  # the middle of the face (photo 30-54 x 16-40)
    assert not (masks[0] & masks[1]).any() and (masks[1] == neighbour).all()  # exclusive, theirs kept
    assert not masks[0][16, 30] and not masks[0][5, 40]  # the box's corner and above it stay open
    assert (masks[0] & ~own).sum() < 0.8 * 24 * 24  # no more than the face's ellipse was added
