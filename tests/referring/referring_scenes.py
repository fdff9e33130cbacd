"""Synthetic people for referring tests: numpy-drawn figures with known clothes, size and posture,
and the Person records (box, mask, keypoints, face box) that describe them."""

from __future__ import annotations

import numpy as np

from rpipp_gui.people.person import Person

SKIN = (224, 172, 140)
RGB = {
    "red": (200, 30, 35), "blue": (30, 60, 190), "green": (40, 140, 50), "yellow": (235, 215, 40),
    "black": (20, 20, 25), "white": (240, 240, 236), "gray": (128, 128, 130), "orange": (240, 130, 20),
    "purple": (120, 40, 160), "pink": (240, 150, 180), "brown": (110, 70, 40),
}  # fmt: skip


def blank(width: int = 640, height: int = 400, shade: int = 90) -> np.ndarray:
    """HxWx3 uint8 background (a gray-green wall)."""
    img = np.zeros((height, width, 3), np.uint8)
    img[:] = (shade, shade + 10, shade - 10)
    return img


def _rect(img, mask, x0, y0, x1, y1, colour) -> None:
    h, w = mask.shape
    xa, xb = max(0, int(x0)), min(w, int(x1))
    ya, yb = max(0, int(y0)), min(h, int(y1))
    img[ya:yb, xa:xb] = colour
    mask[ya:yb, xa:xb] = True


def _disc(img, mask, cx, cy, r, colour) -> None:
    yy, xx = np.mgrid[: mask.shape[0], : mask.shape[1]]
    d = (xx - cx) ** 2 + (yy - cy) ** 2 <= r * r
    img[d] = colour
    mask |= d


def figure(
    img,
    cx: float,
    bottom: float,
    height: float,
    shirt="red",
    pants="blue",
    posture="standing",
    light: float = 1.0,
) -> Person:
    """Draw a person centred at ``cx`` whose feet are at ``bottom`` (pixels) on ``img`` (in place).

    posture: "standing" (tall box), "sitting" (thighs level, box wider than tall-ish) or "lying".
    light: multiplies the clothing colours (0.5 = in shade). Returns the Person with box, HxW bool
    mask, 33x3 keypoints (MediaPipe order; shoulders, hips, knees, ankles, nose) and face box.
    """
    mask = np.zeros(img.shape[:2], bool)
    top_c = tuple(int(min(255, c * light)) for c in RGB[shirt])
    low_c = tuple(int(min(255, c * light)) for c in RGB[pants])
    kp = np.zeros((33, 3), np.float32)
    u = height / 8.0  # one head height
    if posture == "lying":
        y = bottom - u
        x0 = cx - 4 * u
        _disc(img, mask, x0 + 0.5 * u, y, 0.5 * u, SKIN)
        _rect(img, mask, x0 + u, y - 0.6 * u, x0 + 4 * u, y + 0.6 * u, top_c)
        _rect(img, mask, x0 + 4 * u, y - 0.5 * u, x0 + 8 * u, y + 0.5 * u, low_c)
        kp[[11, 12], :2] = (x0 + 1.2 * u, y)
        kp[[23, 24], :2] = (x0 + 4 * u, y)
        kp[[25, 26], :2] = (x0 + 6 * u, y)
        kp[[27, 28], :2] = (x0 + 7.8 * u, y)
        face = (x0, y - 0.5 * u, x0 + u, y + 0.5 * u)
    else:
        sitting = posture == "sitting"
        head_top = bottom - (6 * u if sitting else 8 * u)
        _disc(img, mask, cx, head_top + 0.5 * u, 0.5 * u, SKIN)
        sh, hip = head_top + 1.2 * u, head_top + 4 * u
        _rect(img, mask, cx - 1.1 * u, sh, cx + 1.1 * u, hip, top_c)
        kp[11, :2], kp[12, :2] = (cx + u, sh), (cx - u, sh)
        kp[23, :2], kp[24, :2] = (cx + 0.6 * u, hip), (cx - 0.6 * u, hip)
        if sitting:  # thighs forward (to the right), shins down
            _rect(img, mask, cx - 0.9 * u, hip - 0.3 * u, cx + 2.4 * u, hip + 0.7 * u, low_c)
            _rect(img, mask, cx + 1.6 * u, hip, cx + 2.4 * u, bottom, low_c)
            kp[[25, 26], :2] = (cx + 2.2 * u, hip + 0.2 * u)
            kp[[27, 28], :2] = (cx + 2.0 * u, bottom)
        else:
            _rect(img, mask, cx - 0.9 * u, hip, cx + 0.9 * u, bottom, low_c)
            kp[[25, 26], :2] = (cx, hip + 2 * u)
            kp[[27, 28], :2] = (cx, bottom)
        face = (cx - 0.5 * u, head_top, cx + 0.5 * u, head_top + u)
    kp[0, :2] = ((face[0] + face[2]) / 2, (face[1] + face[3]) / 2)
    kp[[0, 11, 12, 23, 24, 25, 26, 27, 28], 2] = 0.99
    ys, xs = np.nonzero(mask)
    box = (float(xs.min()), float(ys.min()), float(xs.max() + 1), float(ys.max() + 1))
    return Person(box=box, mask=mask, keypoints=kp, face_box=face, score=1.0, source="synthetic")


def exclusive(people: list[Person]) -> list[Person]:
    """Make masks non-overlapping (later figures are drawn on top, so they win)."""
    taken = np.zeros_like(people[0].mask)
    for p in reversed(people):
        p.mask = p.mask & ~taken
        taken |= p.mask
    return people


class GenderOnlyFaces:
    """A ``looks.photo_looks`` stand-in: p(female) per person (None: the face not read), nothing
    else read."""

    def __init__(self, p_female):
        self.p_female = p_female

    def fit(self, i, attribute, value):
        if attribute != "gender" or self.p_female[i] is None:
            return None
        return self.p_female[i] if value == "female" else 1 - self.p_female[i]

    def get(self, i, attribute):
        from rpipp_gui.referring.looks import UNKNOWN, Guess

        return Guess(UNKNOWN)
