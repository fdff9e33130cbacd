"""The one step that hands pixels from one found person to another (person_masks.give, take_out,
put_in), which the box-neighbour split, the skeleton split, the islands of someone in front and
merge_candidates share: on drawn masks."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rpipp_gui.people.person_masks import (
    Candidate,
    box_within,
    give,
    grow_crop,
    merge_candidates,
    put_in,
    take_out,
    union_box,
)

SHAPE = (60, 80)
THR = 0.5


def _drawn(box, fill, value: float = 0.8) -> Candidate:
    """A candidate whose crop is ``box`` and whose pixels are the working-copy rectangle ``fill``."""
    x0, y0, x1, y1 = box
    prob = np.zeros((y1 - y0, x1 - x0), np.float32)
    fx0, fy0, fx1, fy1 = fill
    prob[fy0 - y0 : fy1 - y0, fx0 - x0 : fx1 - x0] = value
    return Candidate(prob, box, 0.7, "body+selfie")


def test_give_moves_the_pixels_with_their_probability_and_grows_the_receiver_s_crop():
    a = _drawn((10, 10, 40, 50), (10, 10, 40, 50), 0.8)  # runs 10 px into b's side
    b = _drawn((35, 10, 70, 50), (40, 10, 70, 50), 0.9)
    before_a, before_b = a.full(SHAPE), b.full(SHAPE)
    take = np.zeros((40, 10), bool)  # on the box (30, 10, 40, 50): a's columns 32..39, rows 20..44
    take[10:35, 2:] = True
    assert give(a, b, take, (30, 10, 40, 50)) == 25 * 8
    assert b.box == (30, 10, 70, 50)  # grown to hold the box given
    fa, fb = a.full(SHAPE), b.full(SHAPE)
    assert not fa[20:45, 32:40].any() and (fb[20:45, 32:40] == np.float32(0.8)).all()
    assert (fa[10:20, 32:40] == np.float32(0.8)).all() and not fb[10:20, 32:40].any()  # not taken: a's
    assert np.array_equal(fb[:, 40:], before_b[:, 40:])  # b's own pixels unchanged
    assert np.array_equal(np.maximum(fa, fb), np.maximum(before_a, before_b))  # nothing lost
    assert a.prob.dtype == b.prob.dtype == np.float32


def test_a_pixel_both_hold_keeps_the_higher_probability_and_value_sets_what_is_given():
    a = _drawn((0, 0, 20, 20), (0, 0, 20, 20), 0.6)
    b = _drawn((10, 0, 30, 20), (10, 0, 30, 20), 0.9)
    take = np.ones((20, 10), bool)
    give(a, b, take, (10, 0, 20, 20))
    assert (b.prob[:, :10] == np.float32(0.9)).all() and not a.prob[:, 10:].any()
    c = _drawn((0, 0, 20, 20), (0, 0, 20, 20), 0.6)
    island = np.zeros((20, 20), bool)
    island[5:8, 5:9] = True
    piece = take_out(c, island, c.box, value=1.0)
    assert piece.box == c.box and piece.source == c.source
    assert piece.prob[island].min() == 1.0 and not piece.prob[~island].any()
    assert not c.prob[island].any() and c.prob[~island].min() == np.float32(0.6)
    d = _drawn((30, 30, 40, 40), (30, 30, 40, 40), 0.55)
    put_in(d, piece)  # far apart: the crop spans both
    assert d.box == (0, 0, 40, 40) and d.mask(SHAPE, THR).sum() == 100 + 12


def test_boxes_union_within_and_crops():
    assert union_box([(5, 6, 10, 12), (0, 8, 7, 20)]) == (0, 6, 10, 20)
    assert box_within((3.5, -2, 12.2, 9.9), (4, 0, 10, 20)) == (4, 0, 10, 10)
    assert box_within((30, 0, 40, 5), (0, 0, 20, 20)) is None
    c = _drawn((10, 10, 20, 20), (12, 12, 15, 15), 0.7)
    crop = c.crop((0, 0, 15, 30))
    assert crop.shape == (30, 15) and crop.sum() == np.float32(0.7) * 9 and crop[12:15, 12:15].all()
    assert not c.crop((40, 40, 50, 50)).any()
    grow_crop(c, (5, 10, 20, 25))
    assert c.box == (5, 10, 20, 25) and np.array_equal(
        c.full(SHAPE), _drawn((0, 0, 80, 60), (12, 12, 15, 15), 0.7).prob
    )


BOX = st.tuples(st.integers(0, 40), st.integers(0, 30), st.integers(1, 30), st.integers(1, 25))


@settings(max_examples=60, deadline=None)
@given(BOX, BOX, st.integers(0, 2**31 - 1))
def test_merge_candidates_is_the_maximum_of_both_on_the_whole_copy(ra, rb, seed):
    rng = np.random.default_rng(seed)
    boxes = [(x, y, min(SHAPE[1], x + w), min(SHAPE[0], y + h)) for x, y, w, h in (ra, rb)]
    a, b = (
        Candidate(rng.random((y1 - y0, x1 - x0), np.float32), (x0, y0, x1, y1), 0.5, "s")
        for x0, y0, x1, y1 in boxes
    )
    kept = a.prob.copy()
    merged = merge_candidates(a, b)
    assert merged.box == union_box(boxes)
    assert np.array_equal(merged.full(SHAPE), np.maximum(a.full(SHAPE), b.full(SHAPE)))
    assert np.array_equal(a.prob, kept)  # a is left as it was
