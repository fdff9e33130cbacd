"""A small body box holding two people side by side, split in two (issue 12).

Seen small, two people walking side by side look to the body detector like one wide person: on
the finder's working copy and its tiles the pair box wins, and the mask made from it (pose or
selfie segmentation of one crop) is one blob, so the two are found as one person. Seen larger, on a
zoomed crop of the photo at its full resolution, the detector sees each of them and no longer the
pair. ``split_pairs`` looks at each small box that is wide for one person that way, and replaces it
by the two boxes when the zoomed look is clearly two (``PairSplitOptions``). One detector run per
such box (at most ``max_checks`` per photo), never a pass over the whole photo.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

import numpy as np

from rpipp_gui.imaging.boxes import share_inside
from rpipp_gui.people.bodies import Body
from rpipp_gui.people.body_options import PairSplitOptions
from rpipp_gui.people.person import Box, box_iou

_DEFAULT = PairSplitOptions()


class _Detector(Protocol):
    def detect(self, rgb: np.ndarray, threshold: float | None = None) -> list[Body]: ...


def wide_for_one(body: Body, photo_h: int, options: PairSplitOptions) -> bool:
    """Whether a body box (photo pixels of a photo ``photo_h`` rows high) is small and wide enough
    for one person to be worth a zoomed look (``min_aspect``, ``max_height``)."""
    return body.height < options.max_height * photo_h and body.width >= options.min_aspect * body.height


def two_in(body: Body, found: list[Body], options: PairSplitOptions) -> tuple[Body, Body] | None:
    """The two people side by side that the detections ``found`` on a zoomed crop (photo pixels,
    best first) see in the box of ``body``, or None when they do not clearly see two: two scoring at
    least ``accept``, each at least ``height`` of the box's height, at most ``narrow`` of its width
    and ``inside`` the grown box, their centres ``apart``, together spanning ``span`` of its width,
    and no detection of the box itself (wider than ``narrow``, overlapping it by ``whole_iou``)
    scoring more than ``prefer`` times the weaker of them. The two keep ``body``'s whole-photo
    score and get their zoomed scores as ``score`` and ``fine``."""
    o = options
    x0, y0, x1, y1 = body.box
    bw, bh = x1 - x0, y1 - y0
    grown = (x0 - o.grow * bw, y0 - o.grow * bh, x1 + o.grow * bw, y1 + o.grow * bh)
    parts = [
        b
        for b in found
        if b.score >= o.accept and b.height >= o.height * bh and share_inside(b.box, grown) >= o.inside
    ]
    parts = [b for b in parts if b.width <= o.narrow * bw]  # the pair box itself is not a part
    whole = max(
        (b.score for b in found if b.width > o.narrow * bw and box_iou(b.box, body.box) >= o.whole_iou),
        default=0.0,
    )
    for i, a in enumerate(parts):
        for b in parts[i + 1 :]:
            left, right = (a, b) if a.center[0] <= b.center[0] else (b, a)
            spread = max(right.box[2], left.box[2]) - min(left.box[0], right.box[0])
            if right.center[0] - left.center[0] < o.apart * bw or spread < o.span * bw:
                continue
            if whole > o.prefer * min(a.score, b.score):
                return None  # zoomed in, it still sees one box there at least as surely
            return tuple(  # type: ignore[return-value]
                Body(p.box, p.score, whole=body.whole, fine=p.score, alone=body.alone) for p in (left, right)
            )
    return None


def split_pairs(
    detector: _Detector,
    full: np.ndarray,
    shape: tuple[int, int],
    bodies: list[Body],
    options: PairSplitOptions = _DEFAULT,
) -> list[Body]:
    """``bodies`` (boxes in pixels of a photo of ``shape`` (h, w)) with each small box wide for one
    person (``wide_for_one``) that a zoomed crop of ``full`` (H'xW'x3 uint8 RGB, the same photo at its
    full resolution) sees as two people side by side (``two_in``) replaced by the two, in place of
    it. At most ``max_checks`` boxes are looked at, smallest first."""
    o = options
    h, w = shape
    if o.max_checks <= 0 or not bodies:
        return bodies
    wide = sorted((b for b in bodies if wide_for_one(b, h, o)), key=lambda b: b.height)[: o.max_checks]
    if not wide:
        return bodies
    sx, sy = full.shape[1] / w, full.shape[0] / h
    split: dict[int, tuple[Body, Body]] = {}
    for body in wide:
        x0, y0, x1, y1 = _square(body.center, max(o.min_px, o.context * body.height), w, h)
        fx0, fy0 = int(x0 * sx), int(y0 * sy)
        fx1, fy1 = max(fx0 + 1, int(round(x1 * sx))), max(fy0 + 1, int(round(y1 * sy)))
        found = [
            replace(b, box=_to_photo(b.box, fx0, fy0, sx, sy))
            for b in detector.detect(full[fy0:fy1, fx0:fx1], min(o.accept, o.seen_from))
        ]
        pair = two_in(body, found, o)
        if pair is not None:
            split[id(body)] = pair
    if not split:
        return bodies
    out: list[Body] = []
    for body in bodies:
        out.extend(split.get(id(body), (body,)))
    return out


def _to_photo(box: Box, fx0: int, fy0: int, sx: float, sy: float) -> Box:
    """A box on a crop of the full-resolution photo (origin ``fx0``, ``fy0``) in photo pixels."""
    return ((box[0] + fx0) / sx, (box[1] + fy0) / sy, (box[2] + fx0) / sx, (box[3] + fy0) / sy)


def _square(center: tuple[float, float], side: float, width: int, height: int) -> tuple[int, int, int, int]:
    """A square of ``side`` pixels around ``center``, shifted (not cut) to lie in the photo when it
    fits, clipped otherwise (as the body detector's check crops)."""
    s = int(min(side, width, height))
    x0 = int(np.clip(center[0] - s / 2, 0, width - s))
    y0 = int(np.clip(center[1] - s / 2, 0, height - s))
    return x0, y0, x0 + s, y0 + s
