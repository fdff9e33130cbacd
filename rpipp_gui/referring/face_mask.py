"""The ``face`` style's region: only the faces of the selected people.

Face box -> an ellipse grown a little (hair, ears, chin), intersected with the person's mask grown a
little (so a face never leaks onto a neighbour). Without a detected face the head is estimated from
pose keypoints (nose, eyes, ears), else from the top of the box.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rpipp_gui.imaging import masks as mask_ops
from rpipp_gui.people.person import Box, Person

_HEAD_POINTS = range(0, 11)  # MediaPipe pose: nose, eyes, ears, mouth


@dataclass(frozen=True)
class FaceMaskOptions:
    """The face style's region, set by hand in 2a03a02 (not measured; tests/test_imaging_styles.py
    checks the astronaut's face is hidden and nothing far beyond it).

    grow_face:     the face ellipse's radii grow by this share of the face box's size (hair, ears,
                   chin).
    grow_person:   the person's mask grows by this share of the face width...
    grow_px:       ...plus this many pixels before the ellipse is cut to it (a face never leaks
                   onto a neighbour).
    min_visibility: head keypoints count from this visibility on...
    min_points:    ...and at least this many of them place the head...
    min_size:      ...in a square of at least this many pixels...
    keypoint_face: ...as (half width, above the centre, below it) in that size.
    box_head:      without a face or keypoints the head is min(this share of the box's width, this
                   share of its height) across, at the top middle of the box...
    head_aspect:   ...and this many times as high.
    """

    grow_face: float = 0.25
    grow_person: float = 0.15
    grow_px: float = 2
    min_visibility: float = 0.5
    min_points: int = 3
    min_size: float = 4.0
    keypoint_face: tuple[float, float, float] = (0.6, 0.8, 0.7)
    box_head: tuple[float, float] = (0.6, 0.2)
    head_aspect: float = 1.25


FACE_MASK_OPTIONS = FaceMaskOptions()


def estimate_face_box(person: Person, o: FaceMaskOptions = FACE_MASK_OPTIONS) -> Box:
    """The face box: detected, else from head keypoints, else the top-middle of the person's box."""
    if person.face_box is not None:
        return person.face_box
    kp = person.keypoints
    if kp is not None and len(kp) >= 11:
        pts = np.asarray(kp, dtype=np.float64)[list(_HEAD_POINTS)]
        seen = pts[pts[:, 2] >= o.min_visibility] if pts.shape[1] > 2 else pts
        if len(seen) >= o.min_points:
            x0, y0 = seen[:, 0].min(), seen[:, 1].min()
            x1, y1 = seen[:, 0].max(), seen[:, 1].max()
            size = max(x1 - x0, y1 - y0, o.min_size)
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            half, above, below = o.keypoint_face
            return (cx - size * half, cy - size * above, cx + size * half, cy + size * below)
    x0, y0, x1, y1 = person.box
    w, h = x1 - x0, y1 - y0
    side = min(w * o.box_head[0], h * o.box_head[1])
    cx = (x0 + x1) / 2
    return (cx - side / 2, y0, cx + side / 2, y0 + side * o.head_aspect)


def face_region(person: Person, shape: tuple[int, int], o: FaceMaskOptions = FACE_MASK_OPTIONS) -> np.ndarray:
    """HxW bool mask of the person's face: grown ellipse in the face box, within the grown person mask.

    shape: (H, W) of the photo.
    """
    h, w = shape
    fx0, fy0, fx1, fy1 = estimate_face_box(person, o)
    cx, cy = (fx0 + fx1) / 2, (fy0 + fy1) / 2
    rx = max((fx1 - fx0) / 2 * (1 + o.grow_face), 1.0)
    ry = max((fy1 - fy0) / 2 * (1 + o.grow_face), 1.0)
    ya, yb = max(0, int(cy - ry) - 1), min(h, int(cy + ry) + 2)
    xa, xb = max(0, int(cx - rx) - 1), min(w, int(cx + rx) + 2)
    out = np.zeros((h, w), dtype=bool)
    if ya >= yb or xa >= xb:
        return out
    out[ya:yb, xa:xb] = mask_ops.in_ellipse((xa, ya, xb, yb), cx, cy, rx, ry)
    if person.mask is not None and person.mask.shape == (h, w) and person.mask.any():
        out &= mask_ops.grow(person.mask, o.grow_person * (fx1 - fx0) + o.grow_px)
    return out


def person_region(person: Person, shape: tuple[int, int]) -> np.ndarray:
    """HxW bool: the person's mask, or the filled box when no mask is known."""
    h, w = shape
    if person.mask is not None and person.mask.shape == (h, w):
        return person.mask.copy()
    out = np.zeros((h, w), dtype=bool)
    x0, y0, x1, y1 = (int(round(v)) for v in person.box)
    out[max(0, y0) : max(0, min(h, y1)), max(0, x0) : max(0, min(w, x1))] = True
    return out
