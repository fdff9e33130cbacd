"""What boxes alone tell about people: position, order, size, aspect, each as a 0..1 score per person.

Every function takes a ``Layout`` (the boxes of all candidates, measured once) and returns an (N,)
float64 array in [0, 1], 1 = fits the cue best. Pure numpy, no image needed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Layout:
    """Box geometry of N candidates, normalised to the photo (or, if its size is unknown, to the extent
    of all boxes).

    boxes: Nx4 float64 (x0, y0, x1, y1) pixels. The other fields are (N,) float64.
    cx, cy: box centres in 0..1 of the frame; x0, x1, y0, y1: edges in 0..1.
    area, height: relative to the largest candidate (0..1]. aspect: height / width.
    xrank: 0 = leftmost ... N-1 = rightmost (ties by index). known_frame: the photo size was given.
    """

    boxes: np.ndarray
    cx: np.ndarray
    cy: np.ndarray
    x0: np.ndarray
    x1: np.ndarray
    y0: np.ndarray
    y1: np.ndarray
    area: np.ndarray
    height: np.ndarray
    aspect: np.ndarray
    xrank: np.ndarray
    known_frame: bool

    @property
    def n(self) -> int:
        return len(self.boxes)


def layout(boxes: np.ndarray, image_size: tuple[int, int] | None = None) -> Layout:
    """boxes: Nx4 (x0, y0, x1, y1) pixels, N >= 1. image_size: (width, height) of the photo, or None."""
    b = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    if image_size is not None:
        fx0, fy0, fx1, fy1 = 0.0, 0.0, float(image_size[0]), float(image_size[1])
    else:  # pixel coordinates start at the photo's top-left corner; its far edges are unknown
        fx0, fy0 = min(0.0, b[:, 0].min()), min(0.0, b[:, 1].min())
        fx1, fy1 = b[:, 2].max(), b[:, 3].max()
    fw, fh = max(fx1 - fx0, 1e-6), max(fy1 - fy0, 1e-6)
    w = np.maximum(b[:, 2] - b[:, 0], 1e-6)
    h = np.maximum(b[:, 3] - b[:, 1], 1e-6)
    area = w * h
    cx = ((b[:, 0] + b[:, 2]) / 2 - fx0) / fw
    xrank = _left_to_right_rank(cx)
    return Layout(
        boxes=b,
        cx=cx,
        cy=((b[:, 1] + b[:, 3]) / 2 - fy0) / fh,
        x0=(b[:, 0] - fx0) / fw,
        x1=(b[:, 2] - fx0) / fw,
        y0=(b[:, 1] - fy0) / fh,
        y1=(b[:, 3] - fy0) / fh,
        area=area / area.max(),
        height=h / h.max(),
        aspect=h / w,
        xrank=xrank,
        known_frame=image_size is not None,
    )


def _rank01(values: np.ndarray) -> np.ndarray:
    """Rank of each value scaled to 0..1 (0 = smallest); all 0.5 for a single value."""
    n = len(values)
    if n == 1:
        return np.full(1, 0.5)
    order = np.lexsort((np.arange(n), values))
    r = np.empty(n)
    r[order] = np.arange(n)
    return r / (n - 1)


@dataclass(frozen=True)
class GeometryOptions:
    """Shapes of the box-only fits. Set in the first cut of the scorer (4c2afea, RefCOCO box-level
    val 0.69) unless said otherwise, not swept since. Aspect = box height / width.

    child_min_aspect: a box squatter than this (someone sitting) is never read as a child on the
                      ground line (916e68a, with the word priors).
    child_ground:     feet closer than this share of the frame height stand on the same ground line.
    child_ratio:      (full, span): height / the tallest neighbour's; the child fit is 0 at ``full``
                      and 1 at ``full - span`` or below (916e68a).
    posture_aspect:   (low, high) clip of the aspect before its log is taken.
    lying_ramp:       (offset, span): "lying" fits by (offset + log aspect) / span, 1 for wide boxes.
    standing_ramp:    (start, span): "standing" fits by (log aspect - start) / span, 1 for tall boxes.
    border_near, border_far: a box edge below border_near or past border_far (0..1 of the frame)
                      touches the photo's border ("partly visible").
    partial_touch, partial_small: weights of touching the border and of being small in "partly
                      visible".
    side_falloff:     "left of the woman": the fit falls by this per frame width of distance.
    closer_area, closer_feet: "in front of" / "behind": weights of a larger box and of lower feet.
    depth_far:        ... times this for someone a frame width away, rising to 1 beside the anchor.
    next_to_reach:    "next to": the fit falls to 0 where the feet (the middle of the box's bottom edge)
                      lie this many of the two's mean heights apart (``feet_gaps``; issue-13q: the
                      frame width alone made "next to" a person across a deep scene as near as one
                      beside them; before: 0 at half the frame width).
    company_near, company_far: "alone" fits 0 for whom the nearest other person stands at most
                      company_near mean heights away (``feet_gaps``) and 1 from company_far on;
                      "in the group" / "with the others" the other way round (issue-13q; couples side
                      by side stand 0.3-0.36 apart, groups.py; real_people_more vtest_0150 "the man
                      standing alone at the far right" stands 0.85 from the nearest: with 0.6 / 1.5
                      he fit "alone" 0.28 and a man 1.9 away in the middle made it unsure).
    frame_growth:     a photo of unknown size (boxes only) is taken as this much wider than its
                      rightmost box reaches: people seldom touch the right edge, so the true middle
                      lies right of half that reach (6b1672d: RefCOCO box-level dev 0.7110 / cue
                      0.8697, all 0.7191 / 0.8743).
    frame_aspect:     ... and at least as wide as a landscape photo of this width / height as tall as
                      the lowest box reaches (171636a: dev +1 and RPCOCO-L train +6 cue sentences).
    side_rank_width:  "left" / "right": box centres closer than about this share of the frame width
                      share their rank (soft_rank), so a second cue decides between two people at
                      about the same place (1e44645: all 0.7186 / cue 0.8733).
    depth_size_width: "front" / "back": a linear size (square root of the relative area) within
                      about this of another's shares its rank ...
    depth_feet_width: ... and so do feet within about this share of the frame height (both 4405251:
                      all 0.7243 / cue 0.8784, RPCOCO-L train cue 0.7940 -> 0.7988).
    row_gap:          rows of a group: a new row where the next head (box top) is lower by more than
                      this share of the median box height (1d116e3: all 0.7177 / cue 0.8716).
    """

    child_min_aspect: float = 1.6
    child_ground: float = 0.06
    child_ratio: tuple[float, float] = (0.85, 0.3)
    posture_aspect: tuple[float, float] = (0.1, 10)
    lying_ramp: tuple[float, float] = (0.3, 1.5)
    standing_ramp: tuple[float, float] = (0.2, 1.2)
    border_near: float = 0.01
    border_far: float = 0.99
    partial_touch: float = 0.6
    partial_small: float = 0.4
    side_falloff: float = 0.5
    closer_area: float = 0.6
    closer_feet: float = 0.4
    depth_far: float = 0.5
    next_to_reach: float = 1.5
    company_near: float = 0.45
    company_far: float = 0.8
    frame_growth: float = 1.2
    frame_aspect: float = 4 / 3
    side_rank_width: float = 0.1
    depth_size_width: float = 0.3
    depth_feet_width: float = 0.2
    row_gap: float = 0.2


GEOMETRY_OPTIONS = GeometryOptions()


def soft_rank(values: np.ndarray, width: float) -> np.ndarray:
    """(N,) rank of each value in 0..1 (0 = smallest) where two values closer than about ``width``
    share the rank: the mean over the others of a logistic step of (value - other) / width."""
    n = len(values)
    if n == 1:
        return np.full(1, 0.5)
    if width < 1e-9:  # no width: the plain rank
        return _rank01(values)
    d = (values[:, None] - values[None, :]) / width
    step = 1 / (1 + np.exp(-np.clip(d, -50, 50)))
    np.fill_diagonal(step, 0.0)
    return step.sum(axis=1) / (n - 1)


def _unknown_frame_middle(lay: Layout, options: GeometryOptions = GEOMETRY_OPTIONS) -> float:
    """Middle of a photo of unknown size, in units of the rightmost box's reach (boxes start at the
    photo's left edge): the photo is at least ``frame_growth`` times that reach wide, and at least
    as wide as a ``frame_aspect`` landscape photo as tall as the lowest box's reach."""
    reach_x = max(float(lay.boxes[:, 2].max()), 1e-6)
    width = max(reach_x * options.frame_growth, options.frame_aspect * float(lay.boxes[:, 3].max()))
    return 0.5 * width / reach_x


def horizontal(
    lay: Layout, side: str, mix: float = 0.5, options: GeometryOptions = GEOMETRY_OPTIONS
) -> np.ndarray:
    """side: "left", "right" or "center". mix: weight of order versus continuous position."""
    if side == "center":
        mid_rank = (lay.n - 1) / 2
        by_rank = 1 - np.abs(lay.xrank - mid_rank) / max(mid_rank, 1e-6) if lay.n > 1 else np.ones(1)
        # Without the photo's size its right edge lies somewhere beyond the rightmost box.
        mid = 0.5 if lay.known_frame else _unknown_frame_middle(lay, options)
        by_pos = 1 - np.clip(np.abs(lay.cx - mid) * 2, 0, 1)
        return mix * by_rank + (1 - mix) * by_pos
    rank = soft_rank(lay.cx, options.side_rank_width)
    pos = np.clip(lay.cx, 0, 1)
    s = mix * (1 - rank) + (1 - mix) * (1 - pos)
    return s if side == "left" else 1 - s


def _ahead(v: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """(N,) 1 for whoever nobody's value ``v`` exceeds, falling to 0 for someone whom another's
    exceeds by their own ``scale`` or more."""
    beyond = np.clip(v[None, :] - v[:, None], 0, None).max(axis=1)
    return np.clip(1 - beyond / np.maximum(scale, 1e-6), 0, 1)


def outermost(lay: Layout, side: str) -> np.ndarray:
    """(N,) "far right", "leftmost": 1 for whoever nobody stands beyond on ``side`` (left / right),
    falling to 0 for someone with another person's centre a whole box width (their own) further out.
    Two people about level at the edge both fit; one clearly further out is the only one."""
    return _ahead(lay.cx if side == "right" else -lay.cx, lay.x1 - lay.x0)


def foremost(lay: Layout, side: str, reach: float = 0.5) -> np.ndarray:
    """(N,) "at the front" / "at the back" on one ground: 1 for whoever nobody stands clearly
    nearer (``side`` "front": feet lower in the photo) or farther ("back": feet higher), falling to
    0 for someone with another person's feet ``reach`` of their own box height beyond theirs."""
    return _ahead(lay.y1 if side == "front" else -lay.y1, reach * (lay.y1 - lay.y0))


def vertical(lay: Layout, side: str) -> np.ndarray:
    """side: "top" or "bottom" of the photo (box centre height, ranked)."""
    s = 0.5 * _rank01(lay.cy) + 0.5 * np.clip(lay.cy, 0, 1)
    return 1 - s if side == "top" else s


def depth(
    lay: Layout, side: str, area_weight: float = 0.6, options: GeometryOptions = GEOMETRY_OPTIONS
) -> np.ndarray:
    """side: "front" (big, low bottom edge: close to the camera) or "back"."""
    # Soft ranks: two people of about the same size, or standing on about the same line, are about
    # equally near; a linear size (square root of area) within ~depth_size_width of the largest, feet
    # within ~depth_feet_width of the frame height, share their rank.
    size_rank = soft_rank(np.sqrt(lay.area), options.depth_size_width)
    s = area_weight * size_rank + (1 - area_weight) * soft_rank(lay.y1, options.depth_feet_width)
    return s if side == "front" else 1 - s


@dataclass(frozen=True)
class DepthSideOptions:
    """ "the man at the front right", "the woman in the back on the left": the side is counted
    among the people at that depth, not among everyone (a far person at the photo's right edge is
    not "the front right" one). Tuned on the real dev photos (vtest_0200: the two nearest people
    have depth fits 0.71 and 0.73, the next 0.52) and checked on RefCOCO box-level.

    band: people whose depth fit is within this of the best one stand "at that depth"; the side is
          ranked among them (when they are at least two and not everyone), others keep their
          side fit over the whole photo.
    """

    band: float = 0.15


DEPTH_SIDE_OPTIONS = DepthSideOptions()


def horizontal_at_depth(
    lay: Layout, side: str, depth_side: str, mix: float = 0.5, options: DepthSideOptions = DEPTH_SIDE_OPTIONS
) -> np.ndarray:
    """ "front right": the ``side`` fit (left / right) ranked among the people at ``depth_side``
    (front / back), everyone else's over the whole photo. Falls back to ``horizontal``."""
    fit = horizontal(lay, side, mix)
    d = depth(lay, depth_side)
    keep = d >= float(d.max()) - options.band
    if side not in ("left", "right") or keep.sum() < 2 or keep.all():
        return fit
    fit[keep] = horizontal(subset(lay, keep), side, mix)
    return fit


def ordinal(lay: Layout, k: int, side: str) -> np.ndarray:
    """k-th (1-based) person counted from side (left, right, front, back, top, bottom)."""
    if side in ("left", "right"):
        r = lay.xrank if side == "left" else lay.n - 1 - lay.xrank
    else:
        key = {"front": -depth(lay, "front"), "back": depth(lay, "front"), "top": lay.cy, "bottom": -lay.cy}
        order = np.lexsort((np.arange(lay.n), key.get(side, lay.cx)))
        r = np.empty(lay.n)
        r[order] = np.arange(lay.n)
    return np.exp(-np.abs(r - (k - 1)))


def size(lay: Layout, word: str) -> np.ndarray:
    """word: big, small (by area) or tall, short (by height)."""
    if word in ("tall", "short"):
        s = 0.5 * lay.height + 0.5 * _rank01(lay.height)
        return s if word == "tall" else 1 - s
    s = 0.5 * lay.area + 0.5 * _rank01(lay.area)
    return s if word == "big" else 1 - s


def child_on_same_ground(lay: Layout, options: GeometryOptions = GEOMETRY_OPTIONS) -> np.ndarray:
    """Much shorter than someone standing on the same ground line (feet at the same height in the
    photo): 1 for under ~55% of their height, 0 for 85% or more. Without such a neighbour, or for a
    squat box (someone sitting, not a child), 0."""
    out = np.zeros(lay.n)
    h = lay.y1 - lay.y0
    for i in range(lay.n):
        if lay.aspect[i] < options.child_min_aspect:
            continue
        same = (np.abs(lay.y1 - lay.y1[i]) < options.child_ground) & (np.arange(lay.n) != i)
        if same.any():
            ratio = h[i] / max(float(h[same].max()), 1e-6)
            full, span = options.child_ratio
            out[i] = float(np.clip((full - ratio) / span, 0, 1))
    return out


def posture(lay: Layout, word: str, options: GeometryOptions = GEOMETRY_OPTIONS) -> np.ndarray:
    """word: sitting (squat box), standing (tall box), lying (wide box). Uses height/width."""
    a = np.log(np.clip(lay.aspect, *options.posture_aspect))
    if word == "lying":
        offset, span = options.lying_ramp
        return np.clip(1 - (a + offset) / span, 0, 1) * 0.5 + 0.5 * (1 - _rank01(a))
    start, span = options.standing_ramp
    s = 0.5 * _rank01(a) + 0.5 * np.clip((a - start) / span, 0, 1)
    return s if word == "standing" else 1 - s


def partial(lay: Layout, options: GeometryOptions = GEOMETRY_OPTIONS) -> np.ndarray:
    """Cut off by the photo border: touches a side of the frame and is narrow."""
    if not lay.known_frame:
        return 1 - _rank01(lay.area)
    o = options
    touch = (lay.x0 < o.border_near) | (lay.x1 > o.border_far) | (lay.y1 > o.border_far)
    return o.partial_touch * touch + o.partial_small * (1 - _rank01(lay.area))


def relation(
    lay: Layout, rel: str, anchor_p: np.ndarray, options: GeometryOptions = GEOMETRY_OPTIONS
) -> np.ndarray:
    """How well each person stands in ``rel`` to the anchor; anchor_p: (N,) probability of each person
    being the anchor. rel: left_of, right_of, in_front_of, behind, next_to, above, below."""
    n = lay.n
    o = options
    out = np.zeros(n)
    gaps = feet_gaps(lay) if rel == "next_to" else None
    for j in range(n):
        if anchor_p[j] <= 0:
            continue
        dx = lay.cx - lay.cx[j]
        if rel == "left_of":
            fit = (dx < 0) * (1 - np.clip(np.abs(dx), 0, 1) * o.side_falloff)
        elif rel == "right_of":
            fit = (dx > 0) * (1 - np.clip(np.abs(dx), 0, 1) * o.side_falloff)
        elif rel in ("behind", "in_front_of"):
            bigger, lower = (lay.area > lay.area[j]).astype(float), lay.y1 > lay.y1[j]
            closer = bigger * o.closer_area + lower * o.closer_feet
            near = 1 - np.clip(np.abs(dx), 0, 1)
            fit = (closer if rel == "in_front_of" else 1 - closer) * (o.depth_far + (1 - o.depth_far) * near)
        elif rel in ("above", "below"):
            fit = ((lay.cy < lay.cy[j]) if rel == "above" else (lay.cy > lay.cy[j])).astype(float)
        else:  # next_to
            fit = 1 - np.clip(gaps[j] / o.next_to_reach, 0, 1)
        fit = np.asarray(fit, dtype=np.float64)
        fit[j] = 0.0
        out += anchor_p[j] * fit
    if rel == "next_to":  # never the anchor themself: "the woman next to the man" is not the man
        out = out * (1 - anchor_p)
    return np.clip(out, 0, 1)


def feet_gaps(lay: Layout) -> np.ndarray:
    """(N, N) float64 distance between where each two people stand (the middle of the box's bottom
    edge, the feet or the lowest part seen) over their mean box height; the diagonal is inf."""
    h = np.maximum(lay.boxes[:, 3] - lay.boxes[:, 1], 1e-6)
    cx = (lay.boxes[:, 0] + lay.boxes[:, 2]) / 2
    fy = lay.boxes[:, 3]
    d = np.hypot(cx[:, None] - cx[None, :], fy[:, None] - fy[None, :]) / ((h[:, None] + h[None, :]) / 2)
    np.fill_diagonal(d, np.inf)
    return d


def company(lay: Layout, word: str, options: GeometryOptions = GEOMETRY_OPTIONS) -> np.ndarray:
    """(N,) float64 fit of "alone" (word "alone": nobody stands near) or "in the group" (word
    "group": someone stands near), from the nearest other person's ``feet_gaps``."""
    nearest = feet_gaps(lay).min(axis=1) if lay.n > 1 else np.full(lay.n, np.inf)
    span = max(options.company_far - options.company_near, 1e-6)
    apart = np.clip((nearest - options.company_near) / span, 0, 1)
    return apart if word == "alone" else 1 - apart


def rows(lay: Layout, options: GeometryOptions = GEOMETRY_OPTIONS) -> np.ndarray:
    """(N,) int row of each person in a group, 0 = the top row: heads (box tops) sorted by height,
    a new row where the next head is lower by more than ``row_gap`` of the median box height."""
    order = np.lexsort((np.arange(lay.n), lay.y0))
    step = options.row_gap * float(np.median(lay.y1 - lay.y0))
    out = np.zeros(lay.n, dtype=np.int64)
    row = 0
    for a, b in zip(order[:-1], order[1:], strict=True):
        if lay.y0[b] - lay.y0[a] > step:
            row += 1
        out[b] = row
    return out


def row_members(lay: Layout, which: str) -> np.ndarray | None:
    """(N,) bool: the people in the "top", "bottom" or "middle" row; None when the group has no such
    row apart from the others (one row only, or "middle" of two)."""
    r = rows(lay)
    k = int(r.max()) + 1
    if k < 2 or (which == "middle" and k < 3):
        return None
    pick = {"top": 0, "bottom": k - 1, "middle": k // 2}[which]
    return r == pick


def subset(lay: Layout, keep: np.ndarray) -> Layout:
    """The layout of the people where ``keep`` (N,) bool is True, in the same frame: positions stay,
    order, relative area and height are measured among them only."""
    b = lay.boxes[keep]
    w = np.maximum(b[:, 2] - b[:, 0], 1e-6)
    h = np.maximum(b[:, 3] - b[:, 1], 1e-6)
    cx = lay.cx[keep]
    xrank = _left_to_right_rank(cx)
    return Layout(
        boxes=b,
        cx=cx,
        cy=lay.cy[keep],
        x0=lay.x0[keep],
        x1=lay.x1[keep],
        y0=lay.y0[keep],
        y1=lay.y1[keep],
        area=(w * h) / float((w * h).max()),
        height=h / float(h.max()),
        aspect=h / w,
        xrank=xrank,
        known_frame=lay.known_frame,
    )


def _left_to_right_rank(cx: np.ndarray) -> np.ndarray:
    """(N,) float64 rank 0..N-1 of each box centre from left to right; ties keep input order."""
    order = np.lexsort((np.arange(len(cx)), cx))
    rank = np.empty(len(cx), dtype=np.float64)
    rank[order] = np.arange(len(cx))
    return rank
