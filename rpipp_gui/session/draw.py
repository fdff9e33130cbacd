"""Rasterise the shapes the mask tools draw: brush strokes (round capsules) and lasso polygons.

Points are (x, y) float photo pixels. Results are HxW bool at photo resolution; work is confined to
the shape's bounding box, so a stroke on a 24-megapixel photo costs what the stroke covers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageDraw

Point = tuple[float, float]


def stroke_crop(
    shape: tuple[int, int], points: Sequence[Point], radius: float
) -> tuple[int, int, np.ndarray]:
    """The brush stroke within its bounding box: (y0, x0, hxw bool), where True pixels have their
    centre within ``radius`` of the polyline through ``points``. Empty (0x0) when it misses the photo.

    shape: (H, W) of the photo. points: one or more (x, y); one point paints a disc.
    """
    h, w = int(shape[0]), int(shape[1])
    empty = (0, 0, np.zeros((0, 0), dtype=bool))
    if radius <= 0 or not points:
        return empty
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    r = float(radius)
    x0 = max(int(np.floor(pts[:, 0].min() - r)), 0)
    x1 = min(int(np.ceil(pts[:, 0].max() + r)) + 1, w)
    y0 = max(int(np.floor(pts[:, 1].min() - r)), 0)
    y1 = min(int(np.ceil(pts[:, 1].max() + r)) + 1, h)
    if x0 >= x1 or y0 >= y1:
        return empty
    crop = np.zeros((y1 - y0, x1 - x0), dtype=bool)
    segments = zip(pts[:-1], pts[1:], strict=False) if len(pts) > 1 else [(pts[0], pts[0])]
    r2 = r * r
    for (ax, ay), (bx, by) in segments:
        # bounding box of this segment only, to keep long strokes cheap
        sx0 = max(int(np.floor(min(ax, bx) - r)), x0)
        sx1 = min(int(np.ceil(max(ax, bx) + r)) + 1, x1)
        sy0 = max(int(np.floor(min(ay, by) - r)), y0)
        sy1 = min(int(np.ceil(max(ay, by) + r)) + 1, y1)
        if sx0 >= sx1 or sy0 >= sy1:
            continue
        qy, qx = np.ogrid[sy0:sy1, sx0:sx1]
        qx, qy = qx + 0.5, qy + 0.5
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        if length2 == 0:
            d2 = (qx - ax) ** 2 + (qy - ay) ** 2
        else:
            t = np.clip(((qx - ax) * dx + (qy - ay) * dy) / length2, 0.0, 1.0)
            d2 = (qx - (ax + t * dx)) ** 2 + (qy - (ay + t * dy)) ** 2
        crop[sy0 - y0 : sy1 - y0, sx0 - x0 : sx1 - x0] |= d2 <= r2
    return y0, x0, crop


def stroke_mask(shape: tuple[int, int], points: Sequence[Point], radius: float) -> np.ndarray:
    """HxW bool: every pixel whose centre lies within ``radius`` of the polyline through ``points``."""
    out = np.zeros((int(shape[0]), int(shape[1])), dtype=bool)
    y0, x0, crop = stroke_crop(shape, points, radius)
    out[y0 : y0 + crop.shape[0], x0 : x0 + crop.shape[1]] = crop
    return out


def polygon_crop(shape: tuple[int, int], points: Sequence[Point]) -> tuple[int, int, np.ndarray]:
    """The inside of the closed polygon through ``points`` within its bounding box: (y0, x0, hxw bool)."""
    h, w = int(shape[0]), int(shape[1])
    if len(points) < 3:
        return 0, 0, np.zeros((0, 0), dtype=bool)
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    x0, y0 = max(int(np.floor(pts[:, 0].min())), 0), max(int(np.floor(pts[:, 1].min())), 0)
    x1, y1 = min(int(np.ceil(pts[:, 0].max())) + 1, w), min(int(np.ceil(pts[:, 1].max())) + 1, h)
    if x0 >= x1 or y0 >= y1:
        return 0, 0, np.zeros((0, 0), dtype=bool)
    img = Image.new("1", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(img).polygon([(float(x) - x0, float(y) - y0) for x, y in pts], fill=1, outline=1)
    return y0, x0, np.asarray(img, dtype=bool)


def polygon_mask(shape: tuple[int, int], points: Sequence[Point]) -> np.ndarray:
    """HxW bool: the inside of the closed polygon through ``points`` (3 or more (x, y))."""
    out = np.zeros((int(shape[0]), int(shape[1])), dtype=bool)
    y0, x0, crop = polygon_crop(shape, points)
    out[y0 : y0 + crop.shape[0], x0 : x0 + crop.shape[1]] = crop
    return out
