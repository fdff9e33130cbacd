"""The ``face`` style's region: only the faces of the selected people.

Face box -> an ellipse grown a little (hair, ears, chin), intersected with the person's mask grown a
little (so a face never leaks onto a neighbour). Without a detected face the head is estimated from
pose keypoints (nose, eyes, ears), else from the top of the box.
"""

from __future__ import annotations

import numpy as np

from rpipp_gui.imaging import masks as mask_ops
from rpipp_gui.people.person import Box, Person

GROW_FACE = 0.25  # ellipse radii grow by this share of the face box size
GROW_PERSON = 0.15  # the person's mask grows by this share of the face width before intersecting
_HEAD_POINTS = range(0, 11)  # MediaPipe pose: nose, eyes, ears, mouth


def estimate_face_box(person: Person) -> Box:
    """The face box: detected, else from head keypoints, else the top-middle of the person's box."""
    if person.face_box is not None:
        return person.face_box
    kp = person.keypoints
    if kp is not None and len(kp) >= 11:
        pts = np.asarray(kp, dtype=np.float64)[list(_HEAD_POINTS)]
        seen = pts[pts[:, 2] >= 0.5] if pts.shape[1] > 2 else pts
        if len(seen) >= 3:
            x0, y0 = seen[:, 0].min(), seen[:, 1].min()
            x1, y1 = seen[:, 0].max(), seen[:, 1].max()
            size = max(x1 - x0, y1 - y0, 4.0)
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            return (cx - size * 0.6, cy - size * 0.8, cx + size * 0.6, cy + size * 0.7)
    x0, y0, x1, y1 = person.box
    w, h = x1 - x0, y1 - y0
    side = min(w * 0.6, h * 0.2)
    cx = (x0 + x1) / 2
    return (cx - side / 2, y0, cx + side / 2, y0 + side * 1.25)


def face_region(person: Person, shape: tuple[int, int]) -> np.ndarray:
    """HxW bool mask of the person's face: grown ellipse in the face box, within the grown person mask.

    shape: (H, W) of the photo.
    """
    h, w = shape
    fx0, fy0, fx1, fy1 = estimate_face_box(person)
    cx, cy = (fx0 + fx1) / 2, (fy0 + fy1) / 2
    rx = max((fx1 - fx0) / 2 * (1 + GROW_FACE), 1.0)
    ry = max((fy1 - fy0) / 2 * (1 + GROW_FACE), 1.0)
    ya, yb = max(0, int(cy - ry) - 1), min(h, int(cy + ry) + 2)
    xa, xb = max(0, int(cx - rx) - 1), min(w, int(cx + rx) + 2)
    out = np.zeros((h, w), dtype=bool)
    if ya >= yb or xa >= xb:
        return out
    yy, xx = np.mgrid[ya:yb, xa:xb]
    out[ya:yb, xa:xb] = ((xx + 0.5 - cx) / rx) ** 2 + ((yy + 0.5 - cy) / ry) ** 2 <= 1.0
    if person.mask is not None and person.mask.shape == (h, w) and person.mask.any():
        out &= mask_ops.grow(person.mask, GROW_PERSON * (fx1 - fx0) + 2)
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
