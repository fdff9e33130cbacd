"""Masks made from a body box stop at a neighbour (issue 12).

A small or medium body box without pose gets its mask from selfie segmentation of a crop around it,
kept inside the box (slightly grown). Selfie segmentation marks every person in the crop, so where
two people walk close together (vtest's plaza, filmed from above) the box of the first one found
holds a strip of the other: their arm, their side. The part of such a mask that lies in a
neighbour's box goes to the neighbour when the neighbour stands in front (their feet clearly lower:
they hide the person there), or, side by side, the part past the midway between the two boxes'
centres. The pixels move to the neighbour rather than vanish, so "hide everyone" still covers them.
Pose-made masks are left to the skeleton split (skeletons.py).
"""

from __future__ import annotations

import numpy as np

from rpipp_gui.people.body_options import BoxNeighbourOptions
from rpipp_gui.people.person_masks import Candidate, box_within, give, mask_bbox

_DEFAULT = BoxNeighbourOptions()
BODY_BOX = "body_box"  # Candidate.extra key: the detector box (working-copy pixels) a mask came from


def reference_box(cand: Candidate, threshold: float) -> tuple[float, float, float, float] | None:
    """Where a person is (x0, y0, x1, y1, working-copy pixels): the body detector's box their mask
    came from, else the box around their pixels above ``threshold``; None without pixels."""
    if BODY_BOX in cand.extra:
        return tuple(float(v) for v in cand.extra[BODY_BOX])
    inner = mask_bbox(cand.prob > threshold)
    if inner is None:
        return None
    x0, y0 = cand.box[:2]
    return float(x0 + inner[0]), float(y0 + inner[1]), float(x0 + inner[2]), float(y0 + inner[3])


def neighbour_part(
    own, other, region: tuple[int, int, int, int], options: BoxNeighbourOptions
) -> np.ndarray | None:
    """Which pixels of ``region`` (x0, y0, x1, y1 ints: where the person's crop meets the
    neighbour's box) are the neighbour's: hxw bool, all of it when the neighbour stands in front
    (the bottom of their box ``other`` lower than that of ``own`` by ``front`` of the taller
    height), none when the person stands in front, else the columns past the midway between the
    boxes' centres. None when nothing is."""
    oh, nh = own[3] - own[1], other[3] - other[1]
    if min(oh, nh) < options.size_ratio * max(oh, nh):
        return None  # a box around several people, or a child beside an adult: not one neighbour
    x0, y0, x1, y1 = region
    out = np.zeros((y1 - y0, x1 - x0), bool)
    lower = other[3] - own[3]
    if lower >= options.front * max(oh, nh):
        out[:] = True
        return out
    if -lower >= options.front * max(oh, nh):
        return None
    mid = ((own[0] + own[2]) / 2 + (other[0] + other[2]) / 2) / 2
    cols = np.arange(x0, x1) + 0.5
    out[:, (cols >= mid) if (other[0] + other[2]) / 2 > (own[0] + own[2]) / 2 else (cols < mid)] = True
    return out if out.any() else None


def stop_at_neighbours(
    cands: list[Candidate], threshold: float, options: BoxNeighbourOptions = _DEFAULT
) -> int:
    """Give the pixels of each box-made mask (source starting with "body", no keypoints) that lie
    in a neighbour's box to that neighbour (``neighbour_part``), in place; a move that would leave
    the person less than ``min_keep`` of their pixels is not made. Returns how many pixels moved."""
    if not options.enabled:
        return 0
    refs = [reference_box(c, threshold) for c in cands]
    moved = 0
    for i, cand in enumerate(cands):
        own = refs[i]
        if own is None or not cand.source.startswith("body") or cand.keypoints is not None:
            continue
        total = int((cand.prob > threshold).sum())
        for j, other in enumerate(refs):
            region = None if j == i or other is None else box_within(other, cand.box)
            part = None if region is None else neighbour_part(own, other, region, options)
            if part is None:
                continue
            x0, y0, x1, y1 = region
            cx0, cy0 = cand.box[:2]
            take = part & (cand.prob[y0 - cy0 : y1 - cy0, x0 - cx0 : x1 - cx0] > threshold)
            count = int(take.sum())
            if count and int((cand.prob > threshold).sum()) - count >= options.min_keep * total:
                moved += give(cand, cands[j], take, region)  # their crop grows to hold the region
    return moved
