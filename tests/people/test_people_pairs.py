"""A small body box holding two people side by side is split in two when a zoomed look sees them
apart (body_pairs.py; issue-12ab: the two far walkers of real_people_pkg2's detect_test2.jpg)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image
from pkg_photos import pkg2_photo

from rpipp_gui.imaging.boxes import share_inside
from rpipp_gui.people.bodies import Body
from rpipp_gui.people.body_options import PairSplitOptions
from rpipp_gui.people.body_pairs import split_pairs, two_in, wide_for_one
from rpipp_gui.people.person import box_iou

PAIR = Body((100.0, 100.0, 134.0, 160.0), 0.61, whole=0.37)  # 34x60: wide for one person
LEFT = Body((98.0, 102.0, 122.0, 160.0), 0.58)
RIGHT = Body((110.0, 102.0, 136.0, 161.0), 0.59)


def test_two_people_seen_apart_on_the_zoomed_crop_replace_the_wide_box():
    pair = two_in(PAIR, [RIGHT, LEFT, Body((40.0, 60.0, 70.0, 120.0), 0.26)], PairSplitOptions())
    assert pair is not None
    left, right = pair
    assert left.box == LEFT.box and right.box == RIGHT.box
    assert left.whole == PAIR.whole and left.fine == pytest.approx(0.58)  # sure as the box was


@pytest.mark.parametrize(
    "found",
    [
        [LEFT],  # one person only
        [LEFT, dataclasses.replace(RIGHT, score=0.3)],  # the second is weak
        [LEFT, Body((112.0, 130.0, 136.0, 161.0), 0.6)],  # a leg, not a whole person
        [LEFT, Body((101.0, 102.0, 125.0, 160.0), 0.6)],  # the same person twice: not apart
        [LEFT, RIGHT, Body((99.0, 100.0, 135.0, 161.0), 0.7)],  # it still sees the pair box surer
        [LEFT, Body((160.0, 102.0, 184.0, 160.0), 0.6)],  # someone beside the box, not in it
    ],
)
def test_the_wide_box_stays_one_unless_the_zoom_clearly_sees_two(found):
    assert two_in(PAIR, found, PairSplitOptions()) is None


def test_only_small_boxes_wide_for_one_person_are_looked_at():
    o = PairSplitOptions()
    assert wide_for_one(PAIR, 576, o)
    assert not wide_for_one(Body((100.0, 100.0, 124.0, 160.0), 0.6), 576, o)  # narrow: one person
    assert not wide_for_one(Body((100.0, 100.0, 200.0, 300.0), 0.6), 576, o)  # large: tiles saw it


def test_split_pairs_looks_once_per_wide_box_and_keeps_the_others():
    full = np.zeros((720, 1280, 3), np.uint8)
    o = PairSplitOptions()
    narrow = Body((300.0, 100.0, 324.0, 160.0), 0.7)
    detector = _ZoomAt(full, (576, 1024), PAIR, [LEFT, RIGHT], o)
    out = split_pairs(detector, full, (576, 1024), [narrow, PAIR], o)
    assert len(detector.crops) == 1  # the narrow box is not looked at
    assert np.allclose([b.box for b in out[1:]], [LEFT.box, RIGHT.box], atol=1.0)
    assert out[0] is narrow
    off = dataclasses.replace(o, max_checks=0)
    assert split_pairs(detector, full, (576, 1024), [narrow, PAIR], off) == [narrow, PAIR]


class _ZoomAt:
    """A detector that sees ``found`` (working-copy pixels) on the crop split_pairs cuts for ``body``."""

    def __init__(self, full, shape, body, found, o) -> None:
        from rpipp_gui.people.body_pairs import _square

        h, w = shape
        self.sx, self.sy = full.shape[1] / w, full.shape[0] / h
        x0, y0, _, _ = _square(body.center, max(o.min_px, o.context * body.height), w, h)
        self.origin = (int(x0 * self.sx), int(y0 * self.sy))
        self.found, self.crops = found, []

    def detect(self, rgb, threshold=None):
        self.crops.append(rgb.shape)
        ox, oy = self.origin
        return [
            dataclasses.replace(
                b,
                box=(
                    b.box[0] * self.sx - ox,
                    b.box[1] * self.sy - oy,
                    b.box[2] * self.sx - ox,
                    b.box[3] * self.sy - oy,
                ),
            )
            for b in self.found
        ]


@pytest.mark.slow
def test_the_two_far_walkers_of_detect_test2_are_two_people():
    from rpipp_gui.people import FinderOptions, find_people

    rgb = np.asarray(Image.open(pkg2_photo("detect_test2.jpg")).convert("RGB"))
    walkers = [(1211, 217, 1234, 289), (1229, 214, 1261, 289)]  # real_people_pkg2's p1, p2
    people = find_people(rgb)
    assert all(any(box_iou(p.box, a) >= 0.5 for p in people) for a in walkers)
    options = FinderOptions()
    off = dataclasses.replace(options.body, pairs=dataclasses.replace(options.body.pairs, max_checks=0))
    before = find_people(rgb, dataclasses.replace(options, body=off))
    assert sum(any(box_iou(p.box, a) >= 0.5 for p in before) for a in walkers) == 1


_box = st.tuples(
    st.floats(80, 150), st.floats(80, 150), st.floats(5, 40), st.floats(20, 80), st.floats(0.0, 1.0)
).map(lambda t: Body((t[0], t[1], t[0] + t[2], t[1] + t[3]), t[4]))


@given(st.lists(_box, max_size=6))
@example([RIGHT, LEFT])
@example([RIGHT, Body((99.0, 100.0, 135.0, 161.0), 0.5), LEFT])
@settings(max_examples=200, deadline=None)
def test_a_split_is_two_sure_people_side_by_side_inside_the_box(found):
    o = PairSplitOptions()
    pair = two_in(PAIR, found, o)
    if pair is None:
        return
    left, right = pair
    assert left.center[0] < right.center[0] and min(left.score, right.score) >= o.accept
    x0, y0, x1, y1 = PAIR.box
    gx, gy = o.grow * (x1 - x0), o.grow * (y1 - y0)
    for part in pair:
        assert part.box in [b.box for b in found] and part.height >= o.height * PAIR.height
        assert share_inside(part.box, (x0 - gx, y0 - gy, x1 + gx, y1 + gy)) >= o.inside
