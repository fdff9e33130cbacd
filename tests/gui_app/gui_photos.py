"""Test photos for the session and desktop-app tests: public-domain people composited side by side."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
from PIL import Image


def composite_rgb(height: int = 400) -> np.ndarray:
    """Two public-domain people side by side (astronaut left, Grace Hopper right): HxWx3 uint8."""
    import matplotlib.cbook
    from skimage import data

    left = Image.fromarray(data.astronaut())
    with matplotlib.cbook.get_sample_data("grace_hopper.jpg") as f:
        right = Image.open(f).convert("RGB")
    parts = [
        im.resize((round(im.width * height / im.height), height), Image.BILINEAR) for im in (left, right)
    ]
    return np.concatenate([np.asarray(p) for p in parts], axis=1)


def write_photo_with_gps(path: Path, rgb: np.ndarray) -> Path:
    """Save ``rgb`` as a JPEG carrying EXIF with a camera model and a GPS position."""
    exif = Image.Exif()
    exif[0x0110] = "Test Camera"  # Model
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 10.0), 3: "E", 4: (4.0, 53.0, 30.0)}  # GPS IFD
    Image.fromarray(rgb).save(path, "JPEG", quality=92, exif=exif)
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
