"""Stripes on small people: bands across the torso that repeat (``referring.stripes``), and what the
looks and the verdict make of them."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from referring_scenes import blank, exclusive, figure

from rpipp_gui.people.person import Person
from rpipp_gui.referring.looks import LOOKS_OPTIONS, _pattern_guess
from rpipp_gui.referring.stripes import STRIPE_OPTIONS, stripe_reading


def _torso(
    width: int,
    height: int,
    period: float,
    angle: float,
    contrast: float,
    noise: float,
    seed: int,
    vertical: bool = False,
) -> tuple[np.ndarray, np.ndarray, tuple[float, float, float, float]]:
    """A (height+20)x(width+20)x3 photo: a torso-shaped mask (narrower at the top) over a busy
    background, its clothing dark navy with bands of ``contrast`` every ``period`` pixels, tilted by
    ``angle`` degrees, plus Gaussian noise. Returns (image, mask, box)."""
    rng = np.random.default_rng(seed)
    h, w = height + 20, width + 20
    img = rng.integers(0, 256, (h, w, 3)).astype(np.float32)  # the background is noise
    yy, xx = np.mgrid[:h, :w].astype(np.float32)
    top = 10 + 0.15 * width * (1 - (yy - 10) / height)
    mask = (yy >= 10) & (yy < 10 + height) & (xx >= top) & (xx < w - top)
    t = np.deg2rad(angle)
    across = (xx if vertical else yy) * np.cos(t) - (yy if vertical else xx) * np.sin(t)
    band = (np.sin(2 * np.pi * across / period) > 0).astype(np.float32)
    cloth = np.array([30.0, 35.0, 70.0])[None, None, :] + contrast * band[..., None]
    cloth = cloth + rng.normal(0, noise, (h, w, 1))
    img[mask] = cloth[mask]
    box = (10.0, 10.0, float(w - 10), float(10 + height))
    return np.clip(img, 0, 255).astype(np.uint8), mask, box


@settings(max_examples=40, deadline=None)
@given(
    width=st.integers(22, 90),
    height=st.integers(26, 100),
    period=st.floats(5, 9),
    angle=st.floats(-12, 12),
    contrast=st.floats(25, 90),
    noise=st.floats(0, 6),
    seed=st.integers(0, 10_000),
    vertical=st.booleans(),
)
def test_bands_that_repeat_read_as_stripes(width, height, period, angle, contrast, noise, seed, vertical):
    """Wherever the torso holds 4.5 periods across the bands (the striped man in vtest_0200: 4.5)."""
    across = 0.55 * width if vertical else 0.9 * height  # the clothing left after the inset / trim
    assume(across >= 4.5 * period)
    img, mask, box = _torso(width, height, period, angle, contrast, noise, seed, vertical)
    reading = stripe_reading(img, mask, box, (box[1], box[3]))
    assert reading is not None and reading.fit() == 1.0, reading
    assert reading.vertical == vertical and reading.bands >= 3


@settings(max_examples=40, deadline=None)
@given(
    width=st.integers(22, 60),
    height=st.integers(26, 80),
    noise=st.floats(0, 25),
    shade=st.floats(0, 60),
    seed=st.integers(0, 10_000),
)
def test_plain_clothing_with_noise_and_shading_is_not_striped(width, height, noise, shade, seed):
    img, mask, box = _torso(width, height, 7.0, 0.0, 0.0, noise, seed)
    h = img.shape[0]
    ramp = shade * np.linspace(0, 1, h)[:, None, None]  # light from above: a slow change, not bands
    img = np.where(mask[..., None], np.clip(img + ramp, 0, 255), img).astype(np.uint8)
    reading = stripe_reading(img, mask, box, (box[1], box[3]))
    assert reading is None or reading.fit() == 0.0, reading


@settings(max_examples=20, deadline=None)
@given(cell=st.integers(5, 9), seed=st.integers(0, 10_000))
def test_a_chessboard_is_not_stripes(cell, seed):
    """The calibration photos' board: it repeats both ways, so no one direction's bands explain it."""
    img, mask, box = _torso(48, 72, 7.0, 0.0, 0.0, 2.0, seed)
    yy, xx = np.mgrid[: img.shape[0], : img.shape[1]]
    board = ((yy // cell + xx // cell) % 2 == 1) & mask
    img[board] = (220, 220, 220)
    reading = stripe_reading(img, mask, box, (box[1], box[3]))
    assert reading is None or reading.fit() == 0.0, reading


def test_the_person_outline_against_the_background_is_not_read():
    """Stripes in the background, beside a plain torso, are not the person's."""
    img, mask, box = _torso(40, 70, 7.0, 0.0, 0.0, 3.0, 1)
    rows = (np.arange(img.shape[0]) % 7 < 3)[:, None] & ~mask
    img[rows] = (250, 250, 250)
    reading = stripe_reading(img, mask, box, (box[1], box[3]))
    assert reading is None or reading.fit() == 0.0


def test_too_few_pixels_cannot_be_read_and_a_tall_band_is_shrunk_first():
    img, mask, box = _torso(6, 10, 5.0, 0.0, 60.0, 0.0, 2)
    assert stripe_reading(img, mask, box, (box[1], box[3])) is None
    img, mask, box = _torso(300, 700, 40.0, 0.0, 60.0, 2.0, 3)  # 700 rows -> 256
    reading = stripe_reading(img, mask, box, (box[1], box[3]))
    assert reading is not None and reading.fit() == 1.0
    assert abs(reading.period - 40 * STRIPE_OPTIONS.max_rows / 700) <= 2


def test_the_threshold_lives_in_the_options():
    img, mask, box = _torso(40, 70, 7.0, 0.0, 40.0, 2.0, 4)
    reading = stripe_reading(img, mask, box, (box[1], box[3]))
    strict = dataclasses.replace(STRIPE_OPTIONS, fit=(1.0, 0.01))
    assert reading.fit() == 1.0 and reading.fit(strict) == 0.0


def test_busy_clothing_without_bands_leaves_striped_unknown():
    """A busy top the band reading cannot resolve (a board held in front, fine print): stripes are
    unseen there, not ruled out, so "nobody is seen 'striped'" is never said of it."""
    img = blank(300, 420)
    person = exclusive([figure(img, 150, 400, 330, "white")])[0]
    rng = np.random.default_rng(0)
    noise = rng.integers(0, 256, img.shape, dtype=np.uint8)
    img[person.mask] = noise[person.mask]
    guess = _pattern_guess(img, person, LOOKS_OPTIONS)
    assert guess.value == "patterned" and guess.fit("striped") is None
    plain = blank(300, 420)
    quiet = exclusive([figure(plain, 150, 400, 330, "white")])[0]
    assert _pattern_guess(plain, quiet, LOOKS_OPTIONS).fit("striped") == 0.0


def test_stripes_are_read_within_the_mask_only():
    person = Person(box=(10, 10, 50, 80))
    img, mask, _ = _torso(40, 70, 7.0, 0.0, 50.0, 1.0, 5)
    assert stripe_reading(img, mask, person.box, (10, 80)).fit() == 1.0
    assert stripe_reading(img, None, person.box, (10, 80)) is not None  # no mask: the box is read
