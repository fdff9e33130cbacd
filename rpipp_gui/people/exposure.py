"""A dim photo brightened for the people finder's models (issue 12: real photos are often dim).

The face, pose, selfie and body detectors were trained on well-exposed photos: on the dev photos
darkened to half their brightness the finder lost the blurred player behind messi5.jpg's footballer
and a walker seen from behind in vtest_0100.png (29 -> 27 of 29 large and medium people), as it did
on the same photos saved as JPEG at quality 35. ``brighten`` stretches a photo whose bright end
(a high percentile of its luminance) lies below ``ExposureOptions.dim`` so that end reaches
``target``: a gain on every channel, clipped, so hues and the people's shapes stay as they were.
Only the models see the brightened copy; the looks of people (colours) are read on the photo itself
(which ``referring.colors.exposure_gain`` names as if exposed normally, by its own measure).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ExposureOptions:
    """When and how far a dim photo is brightened for the models (``brighten``).

    percentile: the photo's bright end is this percentile of its luminance (0..255), read on the
                working copy (a highlight of a few pixels does not count).
    dim:        a bright end below this is dim: brightened (0 turns brightening off). Of the
                photos of the seven real sets only pkg4 xmorph_image1.png is (bright end 152,
                gain 1.6; its one person unchanged). At 180 pkg sample1.jpg (177, gain 1.4) was
                brightened too, and its white gloves were no longer read (the pose model's wrists
                moved a few pixels; tests/referring/test_referring_gloves.py); at 235 fifteen
                photos were, by 1.08-1.6, and pkg4 multi_face.jpg lost p2 to a pose mask that
                spilled at 1.08. The finder's masks change with small changes of the input both
                ways: only a photo far too dark (a half-bright photo's bright end is under 128) is
                changed.
    target:     the bright end is stretched to this level (almost nothing clips: a stretch to the
                99th percentile at 235 washed out the small dark people against the bright windows
                of pkg4 2011_000006.jpg and lost one)...
    max_gain:   ...by a gain of at most this (a night photo is not made day).
    step:       the luminance is read on every step-th row and column (a few ms on the working copy).
    """

    percentile: float = 99.9
    dim: float = 160.0
    target: float = 250.0
    max_gain: float = 2.5
    step: int = 3

    def __post_init__(self) -> None:
        if not 0.0 < self.percentile <= 100.0:
            raise ValueError("percentile must be in (0, 100]")
        if not 0.0 <= self.dim <= self.target <= 255.0:
            raise ValueError("0 <= dim <= target <= 255 required")
        if self.step < 1:
            raise ValueError("step must be >= 1")
        if self.max_gain < 1.0:
            raise ValueError("max_gain must be >= 1")


def brightening_gain(sample: np.ndarray, options: ExposureOptions = ExposureOptions()) -> float:
    """The gain (>= 1.0; 1.0: leave it) that brightens a photo, read on ``sample``, an HxWx3 uint8
    RGB copy of it (any size, e.g. the working copy)."""
    if options.dim <= 0 or sample.size == 0:
        return 1.0
    px = sample[:: options.step, :: options.step].reshape(-1, 3).astype(np.uint32)
    luma = (px @ np.array([77, 150, 29], np.uint32)) >> 8  # 0..255, BT.601 weights
    counts = np.cumsum(np.bincount(luma, minlength=256))
    bright = float(np.searchsorted(counts, options.percentile / 100.0 * counts[-1]))
    if bright >= options.dim:
        return 1.0
    return float(min(options.max_gain, options.target / max(bright, 1.0)))


def brighten(rgb: np.ndarray, gain: float) -> np.ndarray:
    """HxWx3 uint8 RGB times ``gain`` (rounded in float64, clipped to 255), as a new HxWx3 uint8
    array; ``rgb`` itself when the gain is 1.0."""
    if gain == 1.0:
        return rgb
    lut = np.clip(np.arange(256, dtype=np.float64) * gain + 0.5, 0, 255).astype(np.uint8)
    return lut[rgb]
