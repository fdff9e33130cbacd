"""Box geometry shared by every layer: (x0, y0, x1, y1) boxes in photo pixels."""

from __future__ import annotations

import math

import numpy as np

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in photo pixels, x1 > x0, y1 > y0


def box_iou(a: Box, b: Box) -> float:
    """Intersection over union of two (x0, y0, x1, y1) boxes; 0.0 when they do not overlap."""
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def share_inside(inner: Box, outer: Box) -> float:
    """The share (0..1) of box ``inner`` that lies inside box ``outer``; 0.0 for an empty ``inner``."""
    ix = max(0.0, min(inner[2], outer[2]) - max(inner[0], outer[0]))
    iy = max(0.0, min(inner[3], outer[3]) - max(inner[1], outer[1]))
    area = (inner[2] - inner[0]) * (inner[3] - inner[1])
    return ix * iy / area if area > 0 else 0.0


def mask_share(mask: np.ndarray, box: Box) -> float:
    """Share (0..1) of ``box`` that an HxW bool mask covers (the box clipped to the mask's pixels,
    covering the pixels it touches); 0.0 when nothing of the box lies in the mask's frame."""
    h, w = mask.shape
    x0, y0 = max(0, int(box[0])), max(0, int(box[1]))
    x1, y1 = min(w, math.ceil(box[2])), min(h, math.ceil(box[3]))
    if x1 <= x0 or y1 <= y0:
        return 0.0
    return float(mask[y0:y1, x0:x1].mean())


def box_mask(shape: tuple[int, int], box: Box) -> np.ndarray:
    """HxW bool: the pixels inside box (x0, y0, x1, y1), corners rounded, clipped to the frame."""
    h, w = int(shape[0]), int(shape[1])
    out = np.zeros((h, w), dtype=bool)
    x0, y0, x1, y1 = box
    xa, xb = (min(max(int(round(v)), 0), w) for v in (min(x0, x1), max(x0, x1)))
    ya, yb = (min(max(int(round(v)), 0), h) for v in (min(y0, y1), max(y0, y1)))
    out[ya:yb, xa:xb] = True  # a box wholly outside the frame is empty, not a wrapped-around slice
    return out
