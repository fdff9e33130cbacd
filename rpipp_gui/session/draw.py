"""Rasterise the shapes the mask tools draw: brush strokes (round capsules) and lasso polygons.

Points are (x, y) float photo pixels. Results are HxW bool at photo resolution; work is confined to
the shape's bounding box, so a stroke on a 24-megapixel photo costs what the stroke covers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageDraw

Point = tuple[float, float]


def stroke_mask(shape: tuple[int, int], points: Sequence[Point], radius: float) -> np.ndarray:
    """HxW bool: every pixel whose centre lies within ``radius`` of the polyline through ``points``.

    shape: (H, W) of the photo. points: one or more (x, y); one point paints a disc.
    """
    h, w = int(shape[0]), int(shape[1])
    out = np.zeros((h, w), dtype=bool)
    if radius <= 0 or not points:
        return out
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    r = float(radius)
    x0 = max(int(np.floor(pts[:, 0].min() - r)), 0)
    x1 = min(int(np.ceil(pts[:, 0].max() + r)) + 1, w)
    y0 = max(int(np.floor(pts[:, 1].min() - r)), 0)
    y1 = min(int(np.ceil(pts[:, 1].max() + r)) + 1, h)
    if x0 >= x1 or y0 >= y1:
        return out
    ys, xs = np.mgrid[y0:y1, x0:x1]
    px, py = xs + 0.5, ys + 0.5
    crop = np.zeros((y1 - y0, x1 - x0), dtype=bool)
    segments = zip(pts[:-1], pts[1:], strict=False) if len(pts) > 1 else [(pts[0], pts[0])]
    r2 = r * r
    for (ax, ay), (bx, by) in segments:
        # bounding box of this segment only, to keep long strokes cheap
        sx0 = max(int(np.floor(min(ax, bx) - r)) - x0, 0)
        sx1 = min(int(np.ceil(max(ax, bx) + r)) + 1 - x0, x1 - x0)
        sy0 = max(int(np.floor(min(ay, by) - r)) - y0, 0)
        sy1 = min(int(np.ceil(max(ay, by) + r)) + 1 - y0, y1 - y0)
        if sx0 >= sx1 or sy0 >= sy1:
            continue
        qx, qy = px[sy0:sy1, sx0:sx1], py[sy0:sy1, sx0:sx1]
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        if length2 == 0:
            d2 = (qx - ax) ** 2 + (qy - ay) ** 2
        else:
            t = np.clip(((qx - ax) * dx + (qy - ay) * dy) / length2, 0.0, 1.0)
            d2 = (qx - (ax + t * dx)) ** 2 + (qy - (ay + t * dy)) ** 2
        crop[sy0:sy1, sx0:sx1] |= d2 <= r2
    out[y0:y1, x0:x1] = crop
    return out


def polygon_mask(shape: tuple[int, int], points: Sequence[Point]) -> np.ndarray:
    """HxW bool: the inside of the closed polygon through ``points`` (3 or more (x, y))."""
    h, w = int(shape[0]), int(shape[1])
    if len(points) < 3:
        return np.zeros((h, w), dtype=bool)
    img = Image.new("1", (w, h), 0)
    ImageDraw.Draw(img).polygon([(float(x), float(y)) for x, y in points], fill=1, outline=1)
    return np.asarray(img, dtype=bool)


def box_mask(shape: tuple[int, int], box: tuple[float, float, float, float]) -> np.ndarray:
    """HxW bool: the pixels inside box (x0, y0, x1, y1), clipped to the photo."""
    h, w = int(shape[0]), int(shape[1])
    out = np.zeros((h, w), dtype=bool)
    x0, y0, x1, y1 = box
    xa, xb = max(int(round(min(x0, x1))), 0), min(int(round(max(x0, x1))), w)
    ya, yb = max(int(round(min(y0, y1))), 0), min(int(round(max(y0, y1))), h)
    out[ya:yb, xa:xb] = True
    return out
