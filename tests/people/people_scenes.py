"""Scenes for the people tests, built from public-domain photos that ship in packages.

Each scene is a row of people pasted side by side (optionally with a plain gap between them), with
the ground-truth person box of each pasted photo, measured once by hand on the source photo.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

# Hand-measured person boxes (x0, y0, x1, y1) in each source photo's own pixels.
GT_BOXES = {
    "astronaut": (10, 15, 370, 512),
    "grace": (5, 15, 512, 600),
    "cameraman": (0, 60, 335, 512),
}

# Hand-measured face boxes, for scenes where a face is hidden (a person seen from behind).
FACE_BOXES = {
    "astronaut": (165, 40, 310, 215),
    "grace": (150, 80, 370, 360),
    "cameraman": (190, 100, 270, 210),
}


def source_photo(name: str, hide_face: bool = False) -> np.ndarray:
    """HxWx3 uint8 RGB public-domain portrait: astronaut, grace (Hopper) or cameraman."""
    import skimage.data

    if name == "astronaut":
        rgb = skimage.data.astronaut()
    elif name == "cameraman":
        rgb = np.repeat(skimage.data.camera()[:, :, None], 3, axis=2)
    elif name == "grace":
        import matplotlib

        path = Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"
        rgb = np.asarray(Image.open(path).convert("RGB"))
    else:
        raise KeyError(name)
    if hide_face:  # paint the face with its mean colour: no face detector can see it
        rgb = rgb.copy()
        x0, y0, x1, y1 = FACE_BOXES[name]
        rgb[y0:y1, x0:x1] = rgb[y0:y1, x0:x1].mean(axis=(0, 1)).astype(np.uint8)
    return rgb


@dataclass
class Scene:
    rgb: np.ndarray
    tiles: list[tuple[int, int, int, int]]  # where each photo was pasted
    people: list[tuple[float, float, float, float]]  # ground-truth person boxes, left to right
    names: list[str]


def make_scene(
    names: list[str],
    height: int = 600,
    gap: int = 0,
    flip: tuple[bool, ...] = (),
    hidden: tuple[bool, ...] = (),
) -> Scene:
    """Paste the named photos left to right at ``height`` pixels, ``gap`` grey pixels apart;
    ``flip[i]`` mirrors photo i, ``hidden[i]`` paints its face over."""
    parts, tiles, people = [], [], []
    x = 0
    for i, name in enumerate(names):
        src = source_photo(name, hide_face=i < len(hidden) and hidden[i])
        s = height / src.shape[0]
        width = round(src.shape[1] * s)
        img = np.asarray(Image.fromarray(src).resize((width, height), Image.BILINEAR))
        gx0, gy0, gx1, gy1 = (v * s for v in GT_BOXES[name])
        if i < len(flip) and flip[i]:
            img = img[:, ::-1]
            gx0, gx1 = width - gx1, width - gx0
        if i:
            parts.append(np.full((height, gap, 3), 170, np.uint8))
            x += gap
        parts.append(img)
        tiles.append((x, 0, x + width, height))
        people.append((x + gx0, gy0, x + gx1, gy1))
        x += width
    return Scene(np.ascontiguousarray(np.concatenate(parts, axis=1)), tiles, people, list(names))


def iou(a, b) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def place_people(
    size: tuple[int, int], placements: list[tuple[str, int, int, int]], background=(150, 170, 160)
) -> Scene:
    """A width x height photo of plain ``background`` with each (name, x, y, height) photo pasted
    at (x, y) scaled to that height; people must be listed left to right."""
    width, height = size
    rgb = np.empty((height, width, 3), np.uint8)
    rgb[:] = background
    tiles, people = [], []
    for name, x, y, h in placements:
        src = source_photo(name)
        s = h / src.shape[0]
        w = round(src.shape[1] * s)
        rgb[y : y + h, x : x + w] = np.asarray(Image.fromarray(src).resize((w, h), Image.BILINEAR))
        gx0, gy0, gx1, gy1 = GT_BOXES[name]
        tiles.append((x, y, x + w, y + h))
        people.append((x + gx0 * s, y + gy0 * s, x + gx1 * s, y + gy1 * s))
    return Scene(rgb, tiles, people, [p[0] for p in placements])
