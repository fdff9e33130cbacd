"""colors.inset_median: the median colour of a box less a margin, shared by the skin and scalp readers."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rpipp_gui.referring.colors import inset_median

coord = st.floats(min_value=-30, max_value=70, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(
    seed=st.integers(0, 2**16),
    box=st.tuples(coord, coord, coord, coord),
    inset=st.floats(min_value=0, max_value=0.45),
)
def test_inset_median_is_the_median_of_the_clipped_inner_box_or_none(seed, box, inset):
    image = np.random.default_rng(seed).integers(0, 256, (40, 50, 3), dtype=np.uint8)
    got = inset_median(image, box, inset)
    x0, y0, x1, y1 = box
    dx, dy = inset * (x1 - x0), inset * (y1 - y0)
    xa, ya = max(0, int(round(x0 + dx))), max(0, int(round(y0 + dy)))
    xb, yb = min(50, int(round(x1 - dx))), min(40, int(round(y1 - dy)))
    if xb <= xa or yb <= ya:
        assert got is None
        return
    inner = image[ya:yb, xa:xb].reshape(-1, 3)
    assert got.shape == (3,) and got.dtype == np.float32
    assert np.array_equal(got, np.median(inner.astype(np.float32), axis=0))
    assert (got >= inner.min(axis=0)).all() and (got <= inner.max(axis=0)).all()


def test_a_box_wholly_outside_the_image_has_no_colour():
    image = np.full((20, 20, 3), 200, np.uint8)
    assert inset_median(image, (-40, -40, -10, -10), 0.1) is None
    assert inset_median(image, (30, 0, 60, 20), 0.0) is None
    assert inset_median(image, (0, 0, 20, 20), 0.25).tolist() == [200.0, 200.0, 200.0]
