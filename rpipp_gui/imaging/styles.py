"""Protection styles applied through a mask: solid fill, blur, mosaic, noise, inpaint.

Strength is relative to the size of each masked region (each connected part of the mask is treated
on its own), so a small far-away person is hidden as thoroughly as a large one. The region's size is
``L = min(w, h)`` of its bounding box: a face inside the region is at most L pixels wide, so scaling
with L bounds how much detail of any face can survive:

- mosaic block >= L/4: a face spans at most ~4 blocks across (5 with grid misalignment), and each
  block gets random per-block noise (keyed by ``seed``, the photo's own pixels and the block's place
  in a grid anchored at the photo's corner), so block averages are not exact and the mosaic cannot
  be inverted by matching candidate faces;
- blur sigma >= L/8: frequencies above ~2.5 cycles per face width are attenuated below 1 %;
- noise: strong per-pixel grey noise over a smooth fill taken from the pixels *around* the region
  (none of the hidden pixels is used), its strength ramping up from the region's edge;
- solid: a flat fill, by default the mean colour around the region.

A face detector must not find a face in the result either (BRPPNet's TDIR check, measured in
rpipp_gui/people/privacy.py and benchmarks/people.py). What made it fire, and what the styles do
about it: a black silhouette in the shape of a head (CenterFace scored 0.31), so solid's default
colour is the surroundings' (low contrast); noise over a blur of the person (the blur keeps the
face's layout of dark hair over light skin, scored up to 0.6), and colour noise filling a sharp
head-shaped outline even over a flat fill (up to 0.56), so noise is grey, lies over the
surroundings' colours, fades in from the edge and is milder (sigma 40 instead of 80 at the default
strength: stronger noise makes face-like blotches of its own).

Pixels where the (feathered) mask is 0 are never written: the output equals the input there bit
for bit. Work happens on each region's bounding-box crop, downscaled where the effect allows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from rpipp_gui.imaging import masks as _masks

STYLES = ("solid", "blur", "mosaic", "noise", "inpaint")

# Beyond this many separate mask parts, they are treated as one region (stronger, never weaker).
MAX_REGIONS = 64
INPAINT_WORK_SIDE = 384  # long side of the downscaled crop cv2.inpaint works on
SURROUND_WORK_SIDE = 64  # long side of the grid the surroundings of a region are averaged on
COVER_GROW = 0.12  # "cover" grows each part's hull by this share of its longer side (cover_outline)
# "cover" hides a part at least this share of the photo's height (a portrait, a close-up) with its
# grown bounding box, not its hull: the hull of a bust is still a person to a body detector
# (real_people_pkg2 obama, obama3: re-detected at 0.44-0.46 after solid, noise and blur).
COVER_BOX_HEIGHT = 0.75
OUTLINES = ("cover", "exact")
NOISE_RAMP = 0.3  # the noise reaches full strength this far (x L) inside a region's edge
# The random parts are keyed by the seed, the photo and each pixel's (or mosaic block's) place in the
# photo, never by the mask's outline: editing the mask does not re-randomise the colours elsewhere.
NOISE_TILE = 521  # side of the grey-noise tile laid over the photo from its corner (a prime: no beat)
KEY_SAMPLES = 65536  # about this many pixels of the photo are hashed into the random key


@dataclass(frozen=True)
class StyleOptions:
    """How to hide: ``style`` in STYLES; ``strength`` 0..1 (0 is still unrecognisable);
    ``feather_px`` softens a bool mask's edge outward; ``color`` (R, G, B) for solid, or None for
    the mean colour of the pixels around each region (a low-contrast silhouette that face
    detectors do not take for a head); ``seed`` for the random parts of mosaic and noise;
    ``outline``: "exact" (default) hides exactly the mask; "cover" hides each part of a bool mask as
    its convex hull grown by ``COVER_GROW`` of its size, so that no person-shaped silhouette is left
    for a body detector (what people need; soft float masks are always used as they are)."""

    style: str = "solid"
    strength: float = 0.5
    feather_px: float = 0.0
    color: tuple[int, int, int] | None = None
    seed: int = 0
    outline: str = "exact"

    def __post_init__(self) -> None:
        if self.outline not in OUTLINES:
            raise ValueError(f"unknown outline {self.outline!r}; choose one of {', '.join(OUTLINES)}")
        if self.style not in STYLES:
            raise ValueError(f"unknown style {self.style!r}; choose one of {', '.join(STYLES)}")
        if not 0.0 <= float(self.strength) <= 1.0:
            raise ValueError(f"strength must be between 0 and 1, got {self.strength}")
        if not 0.0 <= float(self.feather_px) < float("inf"):
            raise ValueError(f"feather_px must be a finite number >= 0, got {self.feather_px}")
        if self.color is not None and (
            len(self.color) != 3 or not all(0 <= int(c) <= 255 for c in self.color)
        ):
            raise ValueError(f"color must be three values 0..255, got {self.color}")


def mosaic_block(size: float, strength: float) -> int:
    """Mosaic block side in pixels for a region of size L = ``size`` (L/4 at strength 0 .. L/2 at 1)."""
    return max(2, round(size * (0.25 + 0.25 * strength)))


def blur_sigma(size: float, strength: float) -> float:
    """Gaussian sigma in pixels for a region of size L = ``size`` (L/8 at strength 0 .. L/4 at 1)."""
    return max(1.0, size * (0.125 + 0.125 * strength))


def noise_sigma(strength: float) -> float:
    """Per-pixel noise standard deviation in 8-bit levels for the noise style."""
    return 28.0 + 24.0 * strength


def hidden_region(
    mask: np.ndarray, options: StyleOptions = StyleOptions(), keep: np.ndarray | None = None
) -> np.ndarray:
    """The HxW bool area a bool ``mask`` hides with ``options`` (before feathering): the mask itself,
    or with outline "cover" each part's convex hull grown by COVER_GROW of its size (its grown box
    when it is upright and spans COVER_BOX_HEIGHT of the photo's height), never over ``keep`` (HxW
    bool or None: people the mask leaves visible)."""
    region = np.asarray(mask, dtype=bool)
    if options.outline == "cover":
        return _masks.cover_outline(region, COVER_GROW, MAX_REGIONS, keep, COVER_BOX_HEIGHT)
    return region


def apply_style(
    rgb: np.ndarray, mask: np.ndarray, options: StyleOptions = StyleOptions(), keep: np.ndarray | None = None
) -> np.ndarray:
    """Hide the masked area of ``rgb`` (HxWx3 uint8 RGB) and return a new HxWx3 uint8 image.

    ``mask`` is HxW bool (True = hide) or HxW float32 alpha in 0..1 (soft edge). A bool mask is
    first made a cover (``options.outline``; never over ``keep``, HxW bool or None), then feathered
    outward by ``options.feather_px``. Where the alpha is 0 the output is bit-identical to ``rgb``.
    """
    img = np.asarray(rgb)
    if img.ndim != 3 or img.shape[2] != 3 or img.dtype != np.uint8:
        raise ValueError(f"rgb must be HxWx3 uint8, got {img.shape} {img.dtype}")
    m = np.asarray(mask)
    if m.shape != img.shape[:2]:
        raise ValueError(f"mask shape {m.shape} does not match image {img.shape[:2]}")
    out = img.copy()
    if m.dtype == bool:
        m = hidden_region(m, options, keep)
    region = m > 0 if m.dtype != bool else m
    box = _masks.bbox(region)
    if box is None:
        return out
    h, w = region.shape
    pad = int(np.ceil(options.feather_px)) + 1 if m.dtype == bool and options.feather_px > 0 else 0
    x0, y0, x1, y1 = max(0, box[0] - pad), max(0, box[1] - pad), min(w, box[2] + pad), min(h, box[3] + pad)
    if m.dtype == bool:
        crop_mask = region[y0:y1, x0:x1]
        alpha = _masks.feather(crop_mask, options.feather_px) if pad else None
    else:
        alpha = np.clip(m[y0:y1, x0:x1].astype(np.float32, copy=False), 0.0, 1.0)
    if alpha is not None:
        crop_region = alpha > 0
        if bool((alpha[crop_region] >= 1.0).all()):
            alpha = None  # a hard mask after all
    else:
        crop_region = region[y0:y1, x0:x1]

    for (rx0, ry0, rx1, ry1), sel in _regions(crop_region):
        size = float(min(rx1 - rx0, ry1 - ry0))
        gx0, gy0, gx1, gy1 = x0 + rx0, y0 + ry0, x0 + rx1, y0 + ry1
        effect, (ex0, ey0) = _effect(
            img, region_box=(gx0, gy0, gx1, gy1), size=size, options=options, hard=region
        )
        # Where to write: ``sel`` (bbox-sized bool) in the region's box, in effect coordinates.
        eff = effect[gy0 - ey0 : gy1 - ey0, gx0 - ex0 : gx1 - ex0]
        dst = out[gy0:gy1, gx0:gx1]
        if alpha is None:
            np.copyto(dst, eff, where=sel[..., None])
            continue
        a = alpha[ry0:ry1, rx0:rx1]
        np.copyto(dst, eff, where=(sel & (a >= 1.0))[..., None])
        soft = sel & (a < 1.0)  # the feathered rim only: blend
        src = dst[soft].astype(np.float32)
        blend = src + (eff[soft].astype(np.float32) - src) * a[soft][:, None] + 0.5
        dst[soft] = np.clip(blend, 0, 255).astype(np.uint8)
    return out


def _regions(region: np.ndarray):
    """Yield ((x0, y0, x1, y1), bool array of that box's shape) for each 8-connected part of
    ``region`` (HxW bool, crop coordinates)."""
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(region.view(np.uint8), connectivity=8)
    if n - 1 > MAX_REGIONS:
        x0, y0, x1, y1 = _masks.bbox(region)
        yield (x0, y0, x1, y1), region[y0:y1, x0:x1]
        return
    for k in range(1, n):
        x, y, bw, bh = (int(v) for v in stats[k, :4])
        yield (x, y, x + bw, y + bh), labels[y : y + bh, x : x + bw] == k


def _effect(img, *, region_box, size, options: StyleOptions, hard):
    """Compute the hidden look for one region: returns (crop array, (x0, y0) of that crop)."""
    style, s = options.style, float(options.strength)
    x0, y0, x1, y1 = region_box
    h, w = img.shape[:2]
    if style == "solid":
        fill = np.empty((y1 - y0, x1 - x0, 3), np.uint8)
        color = options.color if options.color is not None else _surround(img, hard, region_box, size)[1]
        fill[:] = np.asarray(color, np.uint8)
        return fill, (x0, y0)
    if style == "mosaic":
        block = mosaic_block(size, s)
        ax0, ay0 = x0 - x0 % block, y0 - y0 % block  # blocks on a grid anchored at the photo's corner
        cells = _mosaic(img[ay0:y1, ax0:x1], block, _photo_key(options.seed, img), (ay0, ax0), s)
        return cells, (ax0, ay0)
    if style == "blur":
        sigma = blur_sigma(size, s)
        m = int(np.ceil(3 * sigma))
        cx0, cy0, cx1, cy1 = max(0, x0 - m), max(0, y0 - m), min(w, x1 + m), min(h, y1 + m)
        return _fast_blur(img[cy0:cy1, cx0:cx1], sigma), (cx0, cy0)
    if style == "noise":
        base = _surround(img, hard, region_box, size)[0]
        grain = _grain(_photo_key(options.seed, img), (y0, x0), (y1 - y0, x1 - x0))
        return _noise(base, hard[y0:y1, x0:x1], size, noise_sigma(s), grain), (x0, y0)
    if style == "inpaint":
        m = max(16, int(0.25 * max(x1 - x0, y1 - y0)))
        cx0, cy0, cx1, cy1 = max(0, x0 - m), max(0, y0 - m), min(w, x1 + m), min(h, y1 + m)
        return _inpaint(img[cy0:cy1, cx0:cx1], hard[cy0:cy1, cx0:cx1]), (cx0, cy0)
    raise ValueError(f"unknown style {style!r}")


def _surround(img, hard, box, size):
    """What lies around one region: (smooth fill of the box from the unhidden pixels near it,
    box_h x box_w x 3 float32; their mean colour, 3 uint8)."""
    import cv2

    h, w = img.shape[:2]
    x0, y0, x1, y1 = box
    m = max(4, int(0.25 * size))
    cx0, cy0, cx1, cy1 = max(0, x0 - m), max(0, y0 - m), min(w, x1 + m), min(h, y1 + m)
    crop = img[cy0:cy1, cx0:cx1]
    known = ~hard[cy0:cy1, cx0:cx1]
    ch, cw = crop.shape[:2]
    factor = max(1.0, max(ch, cw) / SURROUND_WORK_SIDE)
    sw, sh = max(1, round(cw / factor)), max(1, round(ch / factor))
    k = cv2.resize(known.view(np.uint8).astype(np.float32), (sw, sh), interpolation=cv2.INTER_AREA)
    v = cv2.resize((crop * known[..., None]).astype(np.float32), (sw, sh), interpolation=cv2.INTER_AREA)
    total = float(k.sum())
    mean = v.reshape(-1, 3).sum(axis=0) / total if total > 0 else np.full(3, 128.0, np.float32)
    sigma = max(0.5, 0.25 * size / factor)
    kb = cv2.GaussianBlur(k, (0, 0), sigma, borderType=cv2.BORDER_REFLECT)
    vb = cv2.GaussianBlur(v, (0, 0), sigma, borderType=cv2.BORDER_REFLECT)
    eps = 1e-3
    smooth = (vb + eps * mean) / (kb[..., None] + eps)
    smooth = cv2.resize(smooth, (cw, ch), interpolation=cv2.INTER_LINEAR)
    return smooth[y0 - cy0 : y1 - cy0, x0 - cx0 : x1 - cx0], np.clip(mean + 0.5, 0, 255).astype(np.uint8)


def _noise(base: np.ndarray, hidden: np.ndarray, size: float, sigma: float, grain: np.ndarray) -> np.ndarray:
    """Grey (luminance) Gaussian noise of ``sigma`` levels over ``base`` (HxWx3 float32), returned as
    HxWx3 uint8. Its amplitude grows from 0 at the edge of ``hidden`` (HxW bool) to full at
    NOISE_RAMP * ``size`` inside, so no sharp head-shaped outline of texture is left."""
    import cv2

    d = cv2.distanceTransform(np.pad(hidden.view(np.uint8), 1), cv2.DIST_L2, 3)[1:-1, 1:-1]
    amp = np.minimum(d * np.float32(1.0 / max(1.0, NOISE_RAMP * size)), np.float32(1.0))
    amp *= grain
    amp *= np.float32(sigma)
    base += amp[..., None]
    return np.clip(base, 0, 255).astype(np.uint8)


def _photo_key(seed: int, img: np.ndarray) -> int:
    """A 64-bit key from ``seed`` and a hash of the whole photo (including the pixels being hidden),
    so the noise is repeatable for the same photo and seed, whatever the mask, but cannot be
    reproduced (and subtracted) from the output alone."""
    step = max(1, int(np.ceil(np.sqrt(img.shape[0] * img.shape[1] / KEY_SAMPLES))))
    h = hashlib.blake2b(np.ascontiguousarray(img[::step, ::step]).tobytes(), digest_size=8)
    h.update(int(seed).to_bytes(8, "little", signed=False))
    return int.from_bytes(h.digest(), "little")


def _grain(key: int, origin: tuple[int, int], shape: tuple[int, int]) -> np.ndarray:
    """Standard-normal grey noise (float32, ``shape``) for the photo pixels from ``origin`` (y, x): a
    tile keyed by ``key`` laid over the photo from its corner, so a pixel's noise depends only on
    where it is."""
    tile = np.random.default_rng(key).standard_normal((NOISE_TILE, NOISE_TILE), dtype=np.float32)
    rows = (origin[0] + np.arange(shape[0])) % NOISE_TILE
    cols = (origin[1] + np.arange(shape[1])) % NOISE_TILE
    return tile[rows[:, None], cols[None, :]]


def _cell_noise(key: int, first: tuple[int, int], shape: tuple[int, int], amp: int) -> np.ndarray:
    """Integer noise in [-amp, amp] for the mosaic cells ``first`` (row, col) onwards, ``shape``
    (rows, cols) x 3 channels: a hash (splitmix64) of the key and each cell's place in the photo."""
    with np.errstate(over="ignore"):
        r = np.arange(first[0], first[0] + shape[0], dtype=np.uint64)[:, None, None]
        c = np.arange(first[1], first[1] + shape[1], dtype=np.uint64)[None, :, None]
        z = np.uint64(key) + r * np.uint64(0x9E3779B97F4A7C15) + c * np.uint64(0xD1B54A32D192ED03)
        z = z + np.arange(3, dtype=np.uint64)[None, None, :] * np.uint64(0x8CB92BA72F3D8DD7)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z % np.uint64(2 * amp + 1)).astype(np.int16) - np.int16(amp)


def _mosaic(crop: np.ndarray, block: int, key: int, origin: tuple[int, int], strength: float) -> np.ndarray:
    """Blocks of ``block`` pixels over ``crop`` (whose corner ``origin`` (y, x) lies on the photo's
    block grid), each its mean colour plus the cell's own noise."""
    import cv2

    h, w = crop.shape[:2]
    ny, nx = -(-h // block), -(-w // block)
    padded = cv2.copyMakeBorder(crop, 0, ny * block - h, 0, nx * block - w, cv2.BORDER_REPLICATE)
    means = cv2.resize(padded, (nx, ny), interpolation=cv2.INTER_AREA).astype(np.int16)
    amp = int(round(12 + 12 * strength))
    means += _cell_noise(key, (origin[0] // block, origin[1] // block), (ny, nx), amp)
    cells = np.clip(means, 0, 255).astype(np.uint8)
    big = np.repeat(np.repeat(cells, block, axis=0), block, axis=1)
    return np.ascontiguousarray(big[:h, :w])


def _fast_blur(crop: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian blur with a large sigma: downscale, blur, upscale (same HxWx3 uint8 shape)."""
    import cv2

    h, w = crop.shape[:2]
    factor = max(1.0, sigma / 3.0)
    if factor <= 1.5:
        return cv2.GaussianBlur(crop, (0, 0), sigma, borderType=cv2.BORDER_REFLECT)
    sw, sh = max(1, round(w / factor)), max(1, round(h / factor))
    small = cv2.resize(crop, (sw, sh), interpolation=cv2.INTER_AREA)
    # INTER_AREA already averages over ~factor pixels (variance ~ factor^2 / 12).
    s_small = float(np.sqrt(max(sigma**2 - factor**2 / 12.0, 0.25))) / factor
    small = cv2.GaussianBlur(small, (0, 0), s_small, borderType=cv2.BORDER_REFLECT)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def _inpaint(crop: np.ndarray, hide: np.ndarray) -> np.ndarray:
    """Fill ``hide`` (HxW bool) in ``crop`` from its surroundings; returns HxWx3 uint8."""
    import cv2

    h, w = crop.shape[:2]
    factor = max(1.0, max(h, w) / INPAINT_WORK_SIDE)
    sw, sh = max(1, round(w / factor)), max(1, round(h / factor))
    small = cv2.resize(crop, (sw, sh), interpolation=cv2.INTER_AREA) if factor > 1 else crop
    small_hide = cv2.resize(hide.view(np.uint8) * 255, (sw, sh), interpolation=cv2.INTER_AREA) > 0
    # Grow a little so the region's own edge colours are not used as the source.
    small_hide = cv2.dilate(small_hide.view(np.uint8), np.ones((5, 5), np.uint8))
    # Blank the hidden pixels first: where the fill cannot reach (no known pixels around, e.g. a
    # mask covering the whole photo) the region then shows a flat colour, never the original.
    small = small.copy()
    known = small_hide == 0
    small[~known] = small[known].mean(axis=0).round().astype(np.uint8) if known.any() else 128
    filled = cv2.inpaint(small, small_hide, 5, cv2.INPAINT_TELEA)
    if factor > 1:
        filled = cv2.resize(filled, (w, h), interpolation=cv2.INTER_LINEAR)
    return filled
