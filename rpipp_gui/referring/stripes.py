"""Stripes on a person's clothing, read on small, real people.

A striped top is a set of bands that (a) run across the whole torso, so the clothing's light and
dark change along one direction only, and (b) repeat, so the profile across them has a clear
period. Both are measured on the person's own pixels (the mask, eroded and inset from its sides, so
the outline against the background is not read as a band), after removing the slow shading of the
body:

    band energy  E: the share of the high-passed clothing's energy that the 1-D profile across the
                    bands explains (1 when every pixel equals its band's mean, about 1/width for noise);
    periodicity  R: the profile's highest autocorrelation after its first trough (1 for a perfect
                    repeat), at lags from ``min_period`` pixels to a third of the profile;
    strength       E * R, the best over a fan of directions around horizontal and around vertical
                    (a walking body tilts its stripes).

    reading = stripe_reading(image, mask, box, (ya, yb))      # None when too small to read
    reading.strength -> 0.34 (the striped top in vtest_0200); reading.fit() -> 0..1 ("striped")
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class StripeOptions:
    """Tuned numbers of the stripe reading. Measured with benchmarks/stripes_real.py on every person
    the finder returns in the dev photos (real_people), benchmarks/data/real_people_more and frames
    180-220 of vtest.avi (``--video``: the striped man of vtest_0200 walking), issue 13s:

    the striped man: strength 0.34 (vtest_0200), 0.42 / 0.32 / 0.43 (frames 185 / 190 / 195), 0.29
    (vtest_0150's p5, the same man, annotated "navy jacket"), 0.22 (frame 180); messi5's red-and-blue
    striped shirt (vertical bands): 0.54. Plain and two-tone people: 0.28 (frame 210, a man half
    behind the lamp post), 0.25 (vtest_0600's leather jacket), 0.19 (frame 195, a red-and-navy
    jacket), all others (69 + 10 annotated, ~45 in the frames) 0.13 or less. The calibration photos'
    striped shirt reads 0.17 or less: the chessboard held in front fills the band.

    inset:       each row of the mask loses this share of its width on each side (the outline and
                 the arms are not the shirt).
    erode_px:    the mask is eroded by this many pixels first (its edge mixes in the background).
    min_pixels:  fewer mask pixels than this in the band: unreadable.
    detrend:     the body's slow shading is removed with a Gaussian of sigma = band height over this
                 (at least 2 px): a period of a sixth of the torso passes almost whole.
    min_period:  shortest period (pixels) read as stripes: a 3-px repeat is the video's own
                 interlacing and compression blocks (plain people peaked at 3 px before this).
    min_bins:    the profile needs at least this many bands of pixels (each with ``bin_pixels``).
    bin_pixels:  a profile bin counts when at least this many pixels fall in it.
    angles:      directions tried, in degrees either side of horizontal (and of vertical): steps
                 of 2.5 keep bands 5 px apart and 60 px long within half a period of a tried
                 direction (5-degree steps lost them: the hypothesis test); the tables above moved
                 by 0.01 - 0.03 from 5-degree steps.
    max_rows:    a band taller than this is shrunk to it first (time on large photos; stripes finer
                 than ``min_period`` after the shrink are not read: unsure, not wrong).
    min_amplitude: bands whose profile has an rms below this (0..255 units, along the clothing's
                 main colour axis) are not read: a plain top lit by a slow gradient is stored as
                 8-bit steps that repeat (found by the hypothesis test); the striped man's bands
                 are about 15.
    fit:         striped fit = clip((strength - a) / b, 0, 1): none up to 0.27, so only the
                 strongest plain reading (0.28, frame 210) gets a little (0.14) and the leather
                 jacket (0.25) none; full from 0.33: vtest_0200's striped man (0.34) fully, 0.86 at
                 frame 190's 0.32, 0.33 at vtest_0150's 0.29. A wrong "striped" costs more than an unsure one.
    trim:        the band loses this share of its height at each end before it is read: where the
                 top meets the neck and the belt a single bright row outweighed the bands (the
                 striped man 0.12 -> 0.33 in vtest_0200, frame 195 0.27 -> 0.40).
    """

    inset: float = 0.15
    erode_px: int = 1
    min_pixels: int = 40
    detrend: float = 6.0
    min_period: int = 4
    min_bins: int = 12
    bin_pixels: int = 3
    angles: tuple[float, ...] = tuple(np.arange(-20.0, 20.1, 2.5))
    max_rows: int = 256
    min_amplitude: float = 4.0
    fit: tuple[float, float] = (0.27, 0.06)
    trim: float = 0.05


STRIPE_OPTIONS = StripeOptions()


@dataclass(frozen=True)
class StripeReading:
    """strength: E * R (0..1) of the best direction; energy E, periodicity R, period (pixels of the
    read band), bands (profile length over period), angle (degrees off horizontal, or off vertical
    when ``vertical``)."""

    strength: float
    energy: float
    periodicity: float
    period: int
    bands: float
    angle: float
    vertical: bool

    def fit(self, options: StripeOptions = STRIPE_OPTIONS) -> float:
        """How well "striped" fits, 0..1 (``StripeOptions.fit``)."""
        a, b = options.fit
        return float(np.clip((self.strength - a) / b, 0.0, 1.0))


def _blur(x: np.ndarray, sigma: float) -> np.ndarray:
    import cv2

    return cv2.GaussianBlur(x, (0, 0), sigma)


def _clothing(crop: np.ndarray, mask: np.ndarray, o: StripeOptions) -> np.ndarray:
    """HxW bool: the mask eroded, each row inset by ``o.inset`` of its own extent."""
    import cv2

    m = mask.astype(np.uint8)
    if o.erode_px > 0:
        m = cv2.erode(m, np.ones((2 * o.erode_px + 1,) * 2, np.uint8))
    m = m.astype(bool)
    cols = np.arange(m.shape[1])
    any_row = m.any(axis=1)
    first = np.where(any_row, m.argmax(axis=1), 0)
    last = np.where(any_row, m.shape[1] - 1 - m[:, ::-1].argmax(axis=1), -1)
    cut = o.inset * (last + 1 - first)
    inside = (cols[None, :] >= (first + cut)[:, None]) & (cols[None, :] < (last + 1 - cut)[:, None])
    return m & inside


def _periodicity(profile: np.ndarray, min_period: int) -> tuple[float, int]:
    """(the highest autocorrelation after the first trough, the first lag reaching 0.8 of it: the
    period, not a multiple) of a 1-D profile, lags ``min_period``..len/3; (0, 0) when none."""
    p = profile - profile.mean()
    n = len(p)
    den = float((p * p).sum())
    if den <= 1e-9:
        return 0.0, 0
    lags = np.arange(1, n // 3 + 1)
    ac = np.array([1.0] + [float((p[:-k] * p[k:]).sum()) / den * n / (n - k) for k in lags])
    k = 1
    while k < len(ac) - 1 and ac[k + 1] < ac[k]:
        k += 1
    start = max(k, min_period)
    if start >= len(ac):
        return 0.0, 0
    peak = float(ac[start:].max())
    if peak <= 0:
        return 0.0, 0
    first = start + int(np.argmax(ac[start:] >= 0.8 * peak))  # 2x and 3x the period peak as high
    return peak, first


def stripe_reading(
    image: np.ndarray,
    mask: np.ndarray | None,
    box: tuple[float, float, float, float],
    band: tuple[float, float],
    options: StripeOptions = STRIPE_OPTIONS,
) -> StripeReading | None:
    """The stripes of the clothing between rows ``band`` (y0, y1, photo pixels) of a person.

    image: HxWx3 uint8 RGB. mask: HxW bool (the person), or None (the box is read whole).
    box: (x0, y0, x1, y1) photo pixels. Returns None when the band holds too few pixels to read.
    """
    import cv2

    o = options
    h, w = image.shape[:2]
    xa, xb = max(0, int(round(box[0]))), min(w, int(round(box[2])))
    trim = o.trim * (band[1] - band[0])
    ya, yb = max(0, int(np.floor(band[0] + trim))), min(h, int(np.ceil(band[1] - trim)))
    if xb - xa < 4 or yb - ya < o.min_bins:
        return None
    crop = image[ya:yb, xa:xb].astype(np.float32)
    m = mask[ya:yb, xa:xb] if mask is not None and mask.shape == (h, w) else np.ones(crop.shape[:2], bool)
    if yb - ya > o.max_rows:
        s = o.max_rows / (yb - ya)
        size = (max(4, int(round((xb - xa) * s))), o.max_rows)
        crop = cv2.resize(crop, size, interpolation=cv2.INTER_AREA)
        m = cv2.resize(m.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST).astype(bool)
    keep = _clothing(crop, m, o)
    if keep.sum() < o.min_pixels:
        return None
    px = crop[keep]
    mu = px.mean(axis=0)
    _, _, vt = np.linalg.svd(px - mu, full_matrices=False)
    value = (crop - mu) @ vt[0]  # along the clothing's main colour axis: red-and-blue stripes count
    weight = keep.astype(np.float32)
    sigma = max(2.0, crop.shape[0] / o.detrend)
    high = value - _blur(value * weight, sigma) / np.maximum(_blur(weight, sigma), 1e-3)
    vals = high[keep].astype(np.float64)
    total = float((vals * vals).sum())
    if total <= 1e-6:
        return None
    yy, xx = np.nonzero(keep)
    best: StripeReading | None = None
    for vertical in (False, True):
        along, across = (xx, yy) if vertical else (yy, xx)
        for angle in o.angles:
            t = np.deg2rad(angle)
            coord = along * np.cos(t) - across * np.sin(t)
            k = np.round(coord - coord.min()).astype(int)
            count = np.bincount(k)
            sums = np.bincount(k, vals)
            ok = count >= o.bin_pixels
            if ok.sum() < o.min_bins:
                continue
            profile = sums[ok] / count[ok]
            energy = float((count[ok] * profile**2).sum() / total)
            r, period = _periodicity(profile, o.min_period)
            if float(np.sqrt(np.mean(profile**2))) < o.min_amplitude:
                r = 0.0  # bands fainter than this are the 8-bit steps of a smooth shade
            reading = StripeReading(
                energy * r, energy, r, period, len(profile) / period if period else 0.0, angle, vertical
            )
            if best is None or reading.strength > best.strength:
                best = reading
    return best
