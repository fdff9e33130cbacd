"""Clothing colours and posture read from a person's pixels and pose keypoints.

Colours are named per pixel from chroma and lightness, so that a shirt in shade and in sun gets the
same name: pixels with little chroma are white / gray / black by lightness alone; coloured pixels are
named by hue, with dark orange/red/yellow called brown and light, weakly saturated red called pink.
"""

from __future__ import annotations

import numpy as np

from rpipp_gui.people.person import Person

COLOUR_NAMES = (
    "red",
    "orange",
    "yellow",
    "green",
    "blue",
    "purple",
    "pink",
    "brown",
    "black",
    "white",
    "gray",
)
# MediaPipe Pose indices.
L_SHOULDER, R_SHOULDER, L_HIP, R_HIP, L_KNEE, R_KNEE, L_ANKLE, R_ANKLE = 11, 12, 23, 24, 25, 26, 27, 28
_MAX_PIXELS = 1500
HEAD_SHARE = 0.2  # the top fifth of a standing person's box holds the head (and a hood or hat)


def name_colours(rgb: np.ndarray) -> np.ndarray:
    """rgb: Nx3 uint8 pixels. Returns (N,) int indices into COLOUR_NAMES."""
    x = np.asarray(rgb, dtype=np.float32).reshape(-1, 3) * np.float32(1 / 255)
    r, g, b = x[:, 0], x[:, 1], x[:, 2]
    mx = np.maximum(np.maximum(r, g), b)
    mn = np.minimum(np.minimum(r, g), b)
    chroma = mx - mn
    light = (mx + mn) / 2
    sat = chroma / np.maximum(mx, 1e-6)
    hue = np.zeros_like(mx)
    nz = chroma > 1e-6
    rc = nz & (mx == r)
    gc = nz & (mx == g) & ~rc
    bc = nz & ~rc & ~gc
    hue[rc] = ((g[rc] - b[rc]) / chroma[rc]) % 6
    hue[gc] = (b[gc] - r[gc]) / chroma[gc] + 2
    hue[bc] = (r[bc] - g[bc]) / chroma[bc] + 4
    hue = hue * 60.0
    idx = {n: i for i, n in enumerate(COLOUR_NAMES)}
    out = np.full(len(x), idx["gray"], dtype=np.int64)
    # Hue first, then the achromatic and dark overrides.
    out[(hue < 10) | (hue >= 340)] = idx["red"]
    out[(hue >= 10) & (hue < 40)] = idx["orange"]
    out[(hue >= 40) & (hue < 70)] = idx["yellow"]
    out[(hue >= 70) & (hue < 170)] = idx["green"]
    out[(hue >= 170) & (hue < 255)] = idx["blue"]
    out[(hue >= 255) & (hue < 290)] = idx["purple"]
    out[(hue >= 290) & (hue < 340)] = idx["pink"]
    orange_hue = (hue >= 10) & (hue < 50)
    red_hue = (hue < 10) | (hue >= 340)
    out[orange_hue & (mx < 0.55) & (sat > 0.25)] = idx["brown"]
    out[red_hue & (mx < 0.45) & (sat > 0.25) & (sat < 0.6)] = idx["brown"]
    out[(hue >= 20) & (hue < 50) & (sat > 0.2) & (sat < 0.45) & (mx < 0.8)] = idx["brown"]
    out[((hue < 15) | (hue >= 330)) & (light > 0.65) & (sat < 0.55) & (sat > 0.15)] = idx["pink"]
    grey = (sat < 0.18) | (chroma < 0.08)
    out[grey & (light < 0.22)] = idx["black"]
    out[grey & (light >= 0.22) & (light < 0.72)] = idx["gray"]
    out[grey & (light >= 0.72)] = idx["white"]
    out[mx < 0.16] = idx["black"]
    return out


def _kp(keypoints: np.ndarray | None, i: int, min_vis: float = 0.5) -> np.ndarray | None:
    if keypoints is None or len(keypoints) <= i:
        return None
    row = np.asarray(keypoints[i], dtype=np.float64)
    if len(row) > 2 and row[2] < min_vis:
        return None
    return row[:2]


def _mid(keypoints: np.ndarray | None, a: int, b: int) -> np.ndarray | None:
    pa, pb = _kp(keypoints, a), _kp(keypoints, b)
    if pa is None or pb is None:
        return pa if pb is None else pb
    return (pa + pb) / 2


def body_bands(person: Person) -> tuple[tuple[float, float], tuple[float, float]]:
    """(upper y0, y1), (lower y0, y1) in photo pixels: shoulders..hips and hips..ankles from pose
    keypoints when seen, else shares of the box (upper 18-55%, lower 55-95% of its height). The upper
    band starts below the face (chin + a quarter face height) so that skin is not read as clothing."""
    x0, y0, x1, y1 = person.box
    h = y1 - y0
    upper = (y0 + 0.18 * h, y0 + 0.55 * h)
    lower = (y0 + 0.55 * h, y0 + 0.95 * h)
    shoulders = _mid(person.keypoints, L_SHOULDER, R_SHOULDER)
    hips = _mid(person.keypoints, L_HIP, R_HIP)
    if shoulders is not None and hips is not None and hips[1] > shoulders[1] + 2:
        upper = (float(shoulders[1]), float(hips[1]))
        ankles = _mid(person.keypoints, L_ANKLE, R_ANKLE)
        bottom = float(ankles[1]) if ankles is not None and ankles[1] > hips[1] else y1
        lower = (float(hips[1]), bottom)
    elif shoulders is not None and y0 <= shoulders[1] < y1:
        upper = (float(shoulders[1]), y1)  # hips not seen: a portrait, all upper body
        lower = (y1, y1)
    if person.face_box is not None:
        fy1, fh = person.face_box[3], person.face_box[3] - person.face_box[1]
        start = max(upper[0], fy1 + 0.25 * fh)
        if start < upper[1]:
            upper = (start, upper[1])
        elif start < y1:
            upper = (start, y1)
    return upper, lower


def _region_pixels(image: np.ndarray, person: Person, band: tuple[float, float]) -> np.ndarray:
    """Mx3 uint8 pixels of the person inside a horizontal band (mask pixels, else the box's middle),
    read on a sparse grid so that at most about 1500 pixels are looked at."""
    h, w = image.shape[:2]
    x0, _, x1, _ = person.box
    ya, yb = int(max(0, np.floor(band[0]))), int(min(h, np.ceil(band[1])))
    has_mask = person.mask is not None and person.mask.shape == (h, w)
    if has_mask:
        xa, xb = int(max(0, np.floor(x0))), int(min(w, np.ceil(x1)))
    else:
        cw = x1 - x0
        xa, xb = int(max(0, x0 + 0.25 * cw)), int(min(w, x1 - 0.25 * cw))
    if yb <= ya or xb <= xa:
        return np.zeros((0, 3), dtype=np.uint8)
    step = max(1, int(np.ceil(np.sqrt((yb - ya) * (xb - xa) / _MAX_PIXELS))))
    crop = image[ya:yb:step, xa:xb:step]
    if has_mask:
        return crop[person.mask[ya:yb:step, xa:xb:step]]
    return crop.reshape(-1, 3)


def clothing_colours(image: np.ndarray, person: Person) -> dict[str, dict[str, float]]:
    """Share (0..1) of each colour name in the person's upper and lower body.

    image: HxWx3 uint8 RGB. Returns {"upper": {name: share}, "lower": {name: share}, "head": {...}}
    (head: the top HEAD_SHARE of the box, for hoods and hats); shares of one part sum to 1 (empty
    dict when the part has no pixels in the photo).
    """
    out: dict[str, dict[str, float]] = {}
    x0, y0, x1, y1 = person.box
    head = (y0, y0 + HEAD_SHARE * (y1 - y0))
    for part, band in zip(("upper", "lower", "head"), (*body_bands(person), head), strict=True):
        pixels = _region_pixels(np.asarray(image), person, band)
        if len(pixels) == 0:
            out[part] = {}
            continue
        counts = np.bincount(name_colours(pixels), minlength=len(COLOUR_NAMES)) / len(pixels)
        out[part] = {n: float(c) for n, c in zip(COLOUR_NAMES, counts, strict=True) if c > 0}
    return out


def posture_from_keypoints(keypoints: np.ndarray, word: str) -> float | None:
    """How well pose keypoints (33x3, MediaPipe order) fit "sitting", "standing" or "lying", 0..1;
    None when shoulders, hips or knees are not seen."""
    shoulders = _mid(keypoints, L_SHOULDER, R_SHOULDER)
    hips = _mid(keypoints, L_HIP, R_HIP)
    knees = _mid(keypoints, L_KNEE, R_KNEE)
    if shoulders is None or hips is None:
        return None
    torso = hips - shoulders
    torso_len = float(np.hypot(*torso)) or 1.0
    upright = abs(torso[1]) / torso_len  # 1 = vertical torso
    if word == "lying":
        return float(np.clip(1.0 - upright, 0, 1))
    if knees is None:
        return None
    thigh_drop = (knees[1] - hips[1]) / torso_len  # ~0.8-1 standing, ~0-0.4 sitting
    standing = float(np.clip((thigh_drop - 0.3) / 0.5, 0, 1)) * upright
    return standing if word == "standing" else float(np.clip(1 - standing, 0, 1)) * upright
