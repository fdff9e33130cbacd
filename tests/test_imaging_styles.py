"""Protection styles: nothing outside the mask changes, and the inside is really hidden."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from imaging_helpers import ASTRONAUT_FACE, astronaut

from rpipp_gui.imaging import STYLES, StyleOptions, apply_style, masks
from rpipp_gui.imaging.styles import mosaic_block


def face_mask(img: np.ndarray, box=ASTRONAUT_FACE) -> np.ndarray:
    x0, y0, x1, y1 = box
    m = np.zeros(img.shape[:2], np.uint8)
    cv2.ellipse(m, ((x0 + x1) // 2, (y0 + y1) // 2), ((x1 - x0) // 2, (y1 - y0) // 2), 0, 0, 360, 1, -1)
    return m.astype(bool)


def person_mask(img: np.ndarray) -> np.ndarray:
    m = face_mask(img)
    m[150:400, 60:360] = True  # head and upper body
    return m


def high_freq_energy(gray: np.ndarray, cycles_per_px: float) -> float:
    g = gray.astype(np.float64) - gray.mean()
    g *= np.outer(np.hanning(g.shape[0]), np.hanning(g.shape[1]))
    power = np.abs(np.fft.fft2(g)) ** 2
    f = np.hypot(np.fft.fftfreq(g.shape[0])[:, None], np.fft.fftfreq(g.shape[1])[None, :])
    return float(power[f > cycles_per_px].sum())


def face_core(img: np.ndarray, box=ASTRONAUT_FACE, r_frac: float = 0.3) -> np.ndarray:
    x0, y0, x1, y1 = box
    cx, cy, r = (x0 + x1) // 2, (y0 + y1) // 2, int((x1 - x0) * r_frac)
    return cv2.cvtColor(np.ascontiguousarray(img[cy - r : cy + r, cx - r : cx + r]), cv2.COLOR_RGB2GRAY)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("feather", [0.0, 7.5])
def test_outside_mask_is_bit_identical_and_inside_changes(style, feather):
    img = astronaut()
    mask = person_mask(img)
    out = apply_style(img, mask, StyleOptions(style=style, feather_px=feather))
    assert out.dtype == np.uint8 and out.shape == img.shape
    alpha = masks.feather(mask, feather)
    np.testing.assert_array_equal(out[alpha == 0], img[alpha == 0])
    changed = np.any(out != img, axis=2)
    assert changed[mask].mean() > 0.9
    if feather:
        ring = (alpha > 0) & (alpha < 1)
        assert changed[ring].mean() > 0.3  # the soft edge blends
    assert not np.shares_memory(out, img)


def test_solid_fills_exact_colour_and_is_default():
    img = astronaut()
    mask = face_mask(img)
    assert StyleOptions().style == "solid"
    out = apply_style(img, mask, StyleOptions(color=(10, 200, 30)))
    assert (out[mask] == (10, 200, 30)).all()


def test_solid_default_colour_is_the_mean_around_each_region():
    img = np.zeros((120, 200, 3), np.uint8)
    img[:, :100] = (200, 40, 40)  # red left half, blue right half
    img[:, 100:] = (30, 60, 220)
    img[40:80, 20:60] = (255, 255, 255)  # a white "face" in each half
    img[40:80, 140:180] = (0, 0, 0)
    mask = np.zeros(img.shape[:2], bool)
    mask[40:80, 20:60] = mask[40:80, 140:180] = True
    assert StyleOptions().color is None
    out = apply_style(img, mask, StyleOptions())
    assert (out[40:80, 20:60] == (200, 40, 40)).all()  # hidden pixels do not count
    assert (out[40:80, 140:180] == (30, 60, 220)).all()
    whole = apply_style(img, np.ones(img.shape[:2], bool))  # nothing around: mid grey, no leak
    assert (whole == 128).all()
    with pytest.raises(ValueError, match="color"):
        StyleOptions(color=(0, 0, 300))


def test_noise_mean_follows_the_surroundings_not_the_hidden_pixels():
    img = np.full((300, 300, 3), 90, np.uint8)
    img[100:200, 100:200] = 250  # a bright patch, hidden
    mask = np.zeros(img.shape[:2], bool)
    mask[90:210, 90:210] = True
    out = apply_style(img, mask, StyleOptions(style="noise"))
    inner = out[110:190, 110:190].astype(np.float32)
    assert abs(inner.mean() - 90) < 6  # the surroundings' level, not the patch's 250
    assert inner.std() > 30  # visibly noisy
    assert (inner.std(axis=2) < 1).all()  # grey noise: the same in R, G and B
    assert (
        out[91, 150].astype(np.float32).std() < 1 and abs(int(out[91, 150, 0]) - 90) < 15
    )  # faint at the edge


def test_empty_mask_returns_a_copy():
    img = astronaut()
    for style in STYLES:
        out = apply_style(img, np.zeros(img.shape[:2], bool), StyleOptions(style=style))
        np.testing.assert_array_equal(out, img)


def _runs_across(row: np.ndarray) -> int:
    return 1 + int(np.count_nonzero(np.any(row[1:] != row[:-1], axis=1)))


@pytest.mark.parametrize("strength", [0.0, 0.5, 1.0])
@pytest.mark.parametrize("scale", [1.0, 0.25])
def test_mosaic_leaves_at_most_four_blocks_across_a_face(strength, scale):
    """Criterion for the minimum strength: a face spans <= 4 blocks (+1 when the grid is not
    aligned), at any size (a far-away person is pixelated as coarsely as a near one)."""
    img = astronaut()
    box = ASTRONAUT_FACE
    if scale != 1.0:
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        box = tuple(int(round(v * scale)) for v in box)
    for mask in (face_mask(img, box), person_mask(img) if scale == 1.0 else face_mask(img, box)):
        out = apply_style(img, mask, StyleOptions(style="mosaic", strength=strength))
        x0, y0, x1, y1 = box
        for y in (y0 + (y1 - y0) // 3, (y0 + y1) // 2, y1 - (y1 - y0) // 3):
            inside = face_mask(img, box)[y, x0:x1]  # the face's pixels on this row
            assert _runs_across(out[y, x0:x1][inside]) <= 5


def test_mosaic_block_scales_with_region_size():
    assert mosaic_block(80, 0.0) == 20 and mosaic_block(20, 0.0) == 5
    assert mosaic_block(80, 1.0) == 40
    assert mosaic_block(3, 0.0) == 2  # never a no-op


def test_mosaic_blocks_carry_noise_so_they_are_not_exact_averages():
    img = np.full((64, 64, 3), 128, np.uint8)
    mask = np.ones((64, 64), bool)
    out = apply_style(img, mask, StyleOptions(style="mosaic", strength=0.0))
    # A flat grey image would give flat grey blocks; the per-block noise must show.
    assert len(np.unique(out.reshape(-1, 3), axis=0)) > 4
    assert np.abs(out.astype(int) - 128).max() <= 24


@pytest.mark.parametrize("strength", [0.0, 1.0])
@pytest.mark.parametrize("scale", [1.0, 0.25])
def test_blur_removes_face_detail(strength, scale):
    """Criterion: energy above 4 cycles per face width drops below 1 % of the original's."""
    img = astronaut()
    box = ASTRONAUT_FACE
    if scale != 1.0:
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        box = tuple(int(round(v * scale)) for v in box)
    out = apply_style(img, face_mask(img, box), StyleOptions(style="blur", strength=strength))
    cutoff = 4.0 / (box[2] - box[0])
    ratio = high_freq_energy(face_core(out, box), cutoff) / high_freq_energy(face_core(img, box), cutoff)
    assert ratio < 0.01


def test_noise_keeps_no_face_detail():
    img = astronaut()
    out = apply_style(img, face_mask(img), StyleOptions(style="noise", strength=0.0))
    a, b = face_core(img).astype(float), face_core(out).astype(float)
    hp_a = a - cv2.GaussianBlur(a, (0, 0), 3)
    hp_b = b - cv2.GaussianBlur(b, (0, 0), 3)
    assert abs(np.corrcoef(hp_a.ravel(), hp_b.ravel())[0, 1]) < 0.1
    assert b.std() > 25


def test_inpaint_fills_from_the_surroundings():
    yy, xx = np.mgrid[:200, :300]
    img = np.dstack([xx * 255 // 300, yy * 255 // 200, np.full_like(xx, 90)]).astype(np.uint8)
    scene = img.copy()
    scene[60:140, 100:180] = (250, 20, 250)  # an object to remove
    mask = np.zeros((200, 300), bool)
    mask[58:142, 98:182] = True
    out = apply_style(scene, mask, StyleOptions(style="inpaint"))
    err = np.abs(out[mask].astype(int) - img[mask].astype(int))
    assert err.mean() < 12
    assert not (np.all(out[mask] == (250, 20, 250), axis=1)).any()


def test_inpaint_of_the_whole_photo_shows_nothing_of_it():
    img = astronaut()
    out = apply_style(img, np.ones(img.shape[:2], bool), StyleOptions(style="inpaint"))
    assert out.std(axis=(0, 1)).max() < 1.0


def test_seeds_make_noise_repeatable_and_different():
    img = astronaut()
    mask = face_mask(img)
    for style in ("mosaic", "noise"):
        a = apply_style(img, mask, StyleOptions(style=style, seed=1))
        b = apply_style(img, mask, StyleOptions(style=style, seed=1))
        c = apply_style(img, mask, StyleOptions(style=style, seed=2))
        np.testing.assert_array_equal(a, b)
        assert (a != c).any()


def test_editing_the_mask_does_not_reshuffle_the_mosaic_or_the_grain_elsewhere():
    """A brush stroke that widens a region (same block size) keeps the other blocks' colours:
    the noise is keyed by the photo and each block's place, not by the region's outline."""
    from rpipp_gui.imaging.styles import _grain

    img = astronaut()
    before = np.zeros(img.shape[:2], bool)
    before[100:220, 100:260] = True  # min side 120 sets the block size
    after = before.copy()
    after[150:170, 260:300] = True  # a stroke to the right: the box widens, its short side stays
    opts = StyleOptions(style="mosaic", outline="exact", seed=3)
    a, b = apply_style(img, before, opts), apply_style(img, after, opts)
    block = mosaic_block(120, opts.strength)
    np.testing.assert_array_equal(a[100 : 100 + 2 * block, 100:200], b[100 : 100 + 2 * block, 100:200])
    key = 12345
    np.testing.assert_array_equal(_grain(key, (10, 20), (30, 40))[5:, 5:], _grain(key, (15, 25), (25, 35)))


def test_soft_float_mask():
    img = astronaut()
    alpha = np.zeros(img.shape[:2], np.float32)
    alpha[100:200, 100:200] = 0.5
    alpha[120:180, 120:180] = 1.0
    out = apply_style(img, alpha, StyleOptions(style="solid", color=(255, 255, 255)))
    np.testing.assert_array_equal(out[alpha == 0], img[alpha == 0])
    assert (out[150, 150] == 255).all()
    expected = np.floor(
        img[105, 105].astype(np.float32) + (255 - img[105, 105].astype(np.float32)) * 0.5 + 0.5
    )
    np.testing.assert_array_equal(out[105, 105], expected.astype(np.uint8))


def test_invalid_options():
    with pytest.raises(ValueError, match="unknown style"):
        StyleOptions(style="sparkle")
    with pytest.raises(ValueError, match="strength"):
        StyleOptions(strength=1.5)
    with pytest.raises(ValueError, match="does not match"):
        apply_style(np.zeros((4, 4, 3), np.uint8), np.zeros((3, 4), bool))


@st.composite
def image_and_mask(draw):
    h, w = draw(st.integers(4, 40)), draw(st.integers(4, 40))
    img = draw(arrays(np.uint8, (h, w, 3)))
    mask = draw(arrays(np.bool_, (h, w)))
    return img, mask


@settings(max_examples=60, deadline=None)
@given(
    image_and_mask(),
    st.sampled_from(STYLES),
    st.floats(0.0, 1.0),
    st.sampled_from([0.0, 0.0, 1.5, 4.0]),
    st.integers(0, 2**31),
)
def test_property_outside_unchanged(data, style, strength, feather, seed):
    img, mask = data
    out = apply_style(img, mask, StyleOptions(style=style, strength=strength, feather_px=feather, seed=seed))
    outside = masks.feather(mask, feather) == 0
    np.testing.assert_array_equal(out[outside], img[outside])
    if style == "solid":
        black = apply_style(img, mask, StyleOptions(color=(0, 0, 0), feather_px=feather))
        np.testing.assert_array_equal(black[outside], img[outside])
        assert (black[mask] == 0).all()
