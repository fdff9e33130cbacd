"""Time load -> protect -> export of a large photo for each protection style.

    .venv/bin/python benchmarks/export.py [--megapixels 24] [--format jpg] [--repeat 3]

Builds a photo of the requested size (tiled astronaut + noise, saved as JPEG quality 92) and a
person-sized mask (a standing figure ~70 % of the photo's height), then prints per style the median
seconds for load_image, apply_style, export_image and their total, and the process CPU time of the
total (user + sys, all threads): on a shared, loaded machine wall times are inflated by other work,
while CPU time is close to what an idle machine's wall time would be (more when OpenCV uses two
threads). Goal: total < 1.0 s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from rpipp_gui.imaging import STYLES, StyleOptions, apply_style, export_image, load_image


def make_photo(megapixels: float, seed: int = 0) -> np.ndarray:
    from skimage import data

    w = int(round((megapixels * 1e6 * 3 / 2) ** 0.5))
    h = int(round(w * 2 / 3))
    tile = data.astronaut()
    reps = (-(-h // tile.shape[0]), -(-w // tile.shape[1]), 1)
    big = np.tile(tile, reps)[:h, :w]
    noise = np.random.default_rng(seed).integers(-6, 7, size=big.shape, dtype=np.int16)
    return np.clip(big.astype(np.int16) + noise, 0, 255).astype(np.uint8)


def person_mask(h: int, w: int) -> np.ndarray:
    """A standing person: head ellipse + torso + legs, ~70 % of the height, ~1/5 of the width."""
    m = np.zeros((h, w), np.uint8)
    cx, top, ph = int(w * 0.4), int(h * 0.15), int(h * 0.7)
    cv2.ellipse(m, (cx, top + ph // 14), (ph // 18, ph // 14), 0, 0, 360, 1, -1)
    cv2.rectangle(m, (cx - ph // 8, top + ph // 7), (cx + ph // 8, top + ph * 3 // 5), 1, -1)
    cv2.rectangle(m, (cx - ph // 10, top + ph * 3 // 5), (cx + ph // 10, top + ph), 1, -1)
    return m.astype(bool)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--megapixels", type=float, default=24.0)
    parser.add_argument("--format", default="jpg", choices=["jpg", "png", "webp", "tif"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--feather", type=float, default=0.0)
    args = parser.parse_args(argv)

    print(f"cv2 threads: {cv2.getNumThreads()}, cores: {cv2.getNumberOfCPUs()}")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "photo.jpg"
        rgb = make_photo(args.megapixels)
        Image.fromarray(rgb).save(src, quality=92)
        h, w = rgb.shape[:2]
        mask = person_mask(h, w)
        print(f"load average before: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
        print(
            f"photo {w}x{h} = {w * h / 1e6:.1f} MP, {src.stat().st_size / 1e6:.1f} MB JPEG; mask "
            f"{mask.sum() / mask.size * 100:.1f} % of the photo; output .{args.format}; "
            f"median of {args.repeat}"
        )
        print(f"{'style':<8} {'load':>7} {'protect':>8} {'export':>7} {'total':>7} {'cpu':>7}")
        for style in STYLES:
            rows = []
            for i in range(args.repeat):
                c0, t0 = time.process_time(), time.perf_counter()
                loaded = load_image(src)
                t1 = time.perf_counter()
                out = apply_style(loaded.rgb, mask, StyleOptions(style=style, feather_px=args.feather))
                t2 = time.perf_counter()
                export_image(
                    out, Path(tmp) / f"out{i}.{args.format}", source=src, icc_profile=loaded.icc_profile
                )
                t3, c3 = time.perf_counter(), time.process_time()
                rows.append((t1 - t0, t2 - t1, t3 - t2, t3 - t0, c3 - c0))
            med = [statistics.median(col) for col in zip(*rows, strict=True)]
            print(f"{style:<8} {med[0]:7.3f} {med[1]:8.3f} {med[2]:7.3f} {med[3]:7.3f} {med[4]:7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
