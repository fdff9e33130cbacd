"""mask_share: the share of a box that a mask covers, against a pixel-by-pixel count; box_mask."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rpipp_gui.imaging.boxes import box_mask, mask_share

coord = st.floats(min_value=-20, max_value=60, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**31 - 1), coord, coord, coord, coord)
def test_mask_share_counts_the_pixels_the_box_touches(seed, a, b, c, d):
    mask = np.random.default_rng(seed).random((30, 40)) < 0.4
    box = (min(a, c), min(b, d), max(a, c), max(b, d))
    inside = [
        mask[y, x]
        for y in range(30)
        for x in range(40)
        if max(0, int(box[0])) <= x < math.ceil(box[2]) and max(0, int(box[1])) <= y < math.ceil(box[3])
    ]
    expected = float(np.mean(inside)) if inside else 0.0
    assert abs(mask_share(mask, box) - expected) < 1e-9


def test_mask_share_of_a_box_beyond_the_frame_is_zero():
    mask = np.ones((10, 10), bool)
    assert mask_share(mask, (12.0, 0.0, 20.0, 5.0)) == 0.0
    assert mask_share(mask, (2.0, 2.0, 6.0, 6.0)) == 1.0


@settings(max_examples=200, deadline=None)
@given(coord, coord, coord, coord)
def test_box_mask_is_the_pixels_whose_centres_lie_between_the_rounded_corners(a, b, c, d):
    mask = box_mask((30, 40), (a, b, c, d))  # corners in either order, partly outside the frame
    assert mask.shape == (30, 40) and mask.dtype == bool
    ys, xs = np.mgrid[0:30, 0:40]
    want = (
        (xs >= round(min(a, c)))
        & (xs < round(max(a, c)))
        & (ys >= round(min(b, d)))
        & (ys < round(max(b, d)))
    )
    assert np.array_equal(mask, want)
