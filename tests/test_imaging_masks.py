"""Mask operations: algebra, morphology, feathering, RLE and mask files."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image

from rpipp_gui.errors import ExportError, MaskError
from rpipp_gui.imaging import load_mask, masks, save_mask


def bool_masks(max_side: int = 24):
    return st.tuples(st.integers(1, max_side), st.integers(1, max_side)).flatmap(
        lambda hw: arrays(np.bool_, hw)
    )


def mask_pairs(max_side: int = 20):
    return st.tuples(st.integers(1, max_side), st.integers(1, max_side)).flatmap(
        lambda hw: st.tuples(arrays(np.bool_, hw), arrays(np.bool_, hw))
    )


@settings(max_examples=60, deadline=None)
@given(bool_masks())
def test_rle_round_trip_and_json_safe(mask):
    rle = masks.rle_encode(mask)
    assert json.loads(json.dumps(rle)) == rle
    assert sum(rle["counts"]) == mask.size
    np.testing.assert_array_equal(masks.rle_decode(rle), mask)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_rle_matches_pycocotools():
    from pycocotools import mask as coco

    rng = np.random.default_rng(3)
    mask = rng.random((13, 17)) > 0.6
    rle = masks.rle_encode(mask)
    decoded = coco.decode(coco.frPyObjects(rle, 13, 17))
    np.testing.assert_array_equal(decoded.astype(bool), mask)


@pytest.mark.parametrize(
    "bad", [{}, {"size": [2, 2]}, {"size": [2, 2], "counts": [1, 2]}, {"size": [2, 2], "counts": [5, -1]}]
)
def test_rle_decode_rejects_malformed(bad):
    with pytest.raises(MaskError, match="RLE"):
        masks.rle_decode(bad)


@settings(max_examples=40, deadline=None)
@given(bool_masks(), st.floats(0.5, 6.0))
def test_grow_contains_and_shrink_is_contained(mask, px):
    grown, shrunk = masks.grow(mask, px), masks.shrink(mask, px)
    assert grown.dtype == bool and shrunk.dtype == bool
    assert not (mask & ~grown).any()
    assert not (shrunk & ~mask).any()
    np.testing.assert_array_equal(shrunk, ~masks.grow(~mask, px))


def test_grow_is_a_disc():
    mask = np.zeros((21, 21), bool)
    mask[10, 10] = True
    grown = masks.grow(mask, 5)
    yy, xx = np.mgrid[:21, :21]
    np.testing.assert_array_equal(grown, (yy - 10) ** 2 + (xx - 10) ** 2 <= 25)
    assert masks.shrink(grown, 5.0).sum() == 1


@settings(max_examples=60, deadline=None)
@given(mask_pairs())
def test_union_subtract_algebra(pair):
    a, b = pair
    u = masks.union(a, b)
    np.testing.assert_array_equal(u, a | b)
    np.testing.assert_array_equal(masks.union(b, a), u)
    np.testing.assert_array_equal(masks.subtract(a, b), a & ~b)
    np.testing.assert_array_equal(masks.union(masks.subtract(a, b), b), u)
    assert not (masks.subtract(u, b) & b).any()
    np.testing.assert_array_equal(masks.intersect(a, b), a & b)


def test_union_rejects_different_sizes():
    with pytest.raises(MaskError, match="differ"):
        masks.union(np.zeros((2, 3), bool), np.zeros((3, 2), bool))


@settings(max_examples=40, deadline=None)
@given(bool_masks())
def test_bbox_is_tight(mask):
    box = masks.bbox(mask)
    if not mask.any():
        assert box is None
        return
    x0, y0, x1, y1 = box
    assert mask[y0:y1, x0:x1].sum() == mask.sum()
    assert mask[y0, x0:x1].any() and mask[y1 - 1, x0:x1].any()
    assert mask[y0:y1, x0].any() and mask[y0:y1, x1 - 1].any()


@settings(max_examples=30, deadline=None)
@given(bool_masks(), st.floats(1.0, 8.0))
def test_feather_covers_mask_and_fades_outward(mask, radius):
    alpha = masks.feather(mask, radius)
    assert alpha.dtype == np.float32 and alpha.shape == mask.shape
    assert (alpha[mask] == 1.0).all()
    assert alpha.min() >= 0.0 and alpha.max() <= 1.0
    if mask.any():
        far = ~masks.grow(mask, radius)
        assert (alpha[far] == 0.0).all()


def test_fill_holes_and_remove_specks():
    ring = np.zeros((20, 20), bool)
    ring[4:16, 4:16] = True
    ring[8:12, 8:12] = False  # a hole
    ring[0:3, 0:3] = False
    filled = masks.fill_holes(ring)
    assert filled[8:12, 8:12].all() and filled.sum() == 144
    notch = np.zeros((10, 10), bool)
    notch[0:5, 0:5] = True
    notch[0, 2] = False  # open to the border: not a hole
    assert not masks.fill_holes(notch)[0, 2]
    specks = filled.copy()
    specks[0, 19] = True
    specks[18:20, 0:2] = True
    cleaned = masks.remove_specks(specks, min_area=5)
    np.testing.assert_array_equal(cleaned, filled)


def test_save_and_load_mask_round_trip(tmp_path):
    mask = np.zeros((30, 40), bool)
    mask[5:20, 10:30] = True
    path = save_mask(tmp_path / "m.png", mask)
    assert [p.name for p in tmp_path.iterdir()] == ["m.png"]  # no temp file left
    with Image.open(path) as im:
        assert im.mode == "L" and im.size == (40, 30)
    np.testing.assert_array_equal(load_mask(path, size=(40, 30)), mask)


def test_load_mask_colour_alpha_and_jpeg(tmp_path):
    rgba = np.zeros((10, 10, 4), np.uint8)
    rgba[:5, :, 0] = 255  # red paint, opaque
    rgba[:5, :, 3] = 255
    rgba[5:, :, :3] = 255  # white but fully transparent: not painted
    Image.fromarray(rgba).save(tmp_path / "paint.png")
    got = load_mask(tmp_path / "paint.png")
    assert got[:5].all() and not got[5:].any()
    gray = np.zeros((16, 16), np.uint8)
    gray[:, 8:] = 255
    Image.fromarray(gray).save(tmp_path / "m.jpg", quality=60)
    got = load_mask(tmp_path / "m.jpg", size=(16, 16))
    assert got[:, 10:].all() and not got[:, :6].any()


def test_load_mask_errors(tmp_path):
    Image.fromarray(np.zeros((10, 20), np.uint8)).save(tmp_path / "m.png")
    with pytest.raises(MaskError, match=r"20x10 but the photo is 30x10"):
        load_mask(tmp_path / "m.png", size=(30, 10))
    (tmp_path / "junk.png").write_text("not a png")
    with pytest.raises(MaskError, match=r"junk\.png"):
        load_mask(tmp_path / "junk.png")
    with pytest.raises(MaskError, match="no such file"):
        load_mask(tmp_path / "missing.png")


def test_save_mask_into_missing_folder(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        save_mask(tmp_path / "nowhere" / "m.png", np.ones((2, 2), bool))


@settings(max_examples=40, deadline=None)
@given(arrays(bool, st.tuples(st.integers(4, 48), st.integers(4, 48))), st.floats(0.0, 0.3))
def test_cover_outline_contains_the_mask_and_stays_near_it(mask, share):
    cover = masks.cover_outline(mask, share)
    assert cover.shape == mask.shape and cover.dtype == bool
    assert not (mask & ~cover).any()  # never less than the mask
    if not mask.any() or share == 0:
        assert np.array_equal(cover, mask)
        return
    # each part grows by at most share x its longer side (plus the hull, inside its box)
    reach = int(np.ceil(share * max(mask.shape))) + 1
    box = masks.bbox(mask)
    rows, cols = np.nonzero(cover)
    assert rows.min() >= box[1] - reach and rows.max() < box[3] + reach
    assert cols.min() >= box[0] - reach and cols.max() < box[2] + reach


def test_cover_outline_hides_a_silhouette_in_its_hull():
    # a stick figure: the cover fills between the legs and arms, and reaches past the outline
    mask = np.zeros((100, 60), bool)
    mask[10:25, 24:36] = True  # head
    mask[25:60, 26:34] = True  # body
    mask[30:34, 10:50] = True  # arms
    mask[60:95, 24:28] = True  # legs
    mask[60:95, 32:36] = True
    cover = masks.cover_outline(mask, 0.1)
    assert cover[80, 30] and cover[50, 15]  # between the legs, under an arm
    assert cover[6, 30] and not cover[0, 0]  # above the head, not the far corner


@settings(max_examples=40, deadline=None)
@given(
    arrays(bool, st.tuples(st.integers(4, 48), st.integers(4, 48))),
    arrays(bool, st.tuples(st.integers(4, 48), st.integers(4, 48))),
    st.floats(0.0, 0.3),
)
def test_cover_outline_never_grows_over_kept_pixels(mask, keep, share):
    keep = np.resize(keep, mask.shape)
    cover = masks.cover_outline(mask, share, keep=keep)
    assert not (mask & ~cover).any()  # the mask itself is always hidden
    assert not (cover & keep & ~mask).any()  # and nothing kept beyond it
    free = masks.cover_outline(mask, share)
    assert np.array_equal(cover, (free & ~keep) | mask)


def test_cover_outline_leaves_a_person_inside_a_ring_visible():
    # a crowd region around a footballer: its hull would cover him
    mask = np.zeros((80, 80), bool)
    mask[5:75, 5:75] = True
    mask[25:55, 25:55] = False
    player = np.zeros_like(mask)
    player[27:53, 27:53] = True
    assert masks.cover_outline(mask, 0.1)[player].all()
    assert not masks.cover_outline(mask, 0.1, keep=player)[player].any()


def _bust(h: int, w: int) -> np.ndarray:
    """A head on wide shoulders, cut by the bottom border: a portrait's mask."""
    mask = np.zeros((h, w), bool)
    mask[5 : h // 3, w // 2 - w // 8 : w // 2 + w // 8] = True  # head
    rows = np.arange(h // 3, h)[:, None]
    half = (w // 8 + (rows - h // 3) * (w // 2 - 2 - w // 8) / (h - h // 3)).astype(int)
    cols = np.arange(w)[None, :]
    mask[h // 3 :] = np.abs(cols - w // 2) <= half  # shoulders widening to the bottom
    return mask


def test_cover_outline_hides_a_portrait_in_its_box_not_its_bust_shaped_hull():
    mask = _bust(120, 90)
    hull = masks.cover_outline(mask, 0.05)
    boxed = masks.cover_outline(mask, 0.05, box_height=0.75)
    assert not hull[2:10, 2:10].any()  # the hull leaves the top corners: a bust's outline
    x0, y0, x1, y1 = masks.bbox(boxed)
    assert boxed[y0:y1, x0:x1].all() and boxed[2:10, 2:10].all()  # the box takes them
    assert np.array_equal(masks.cover_outline(mask, 0.05, box_height=0.99), hull)  # not tall enough


def test_cover_outline_keeps_the_hull_of_a_wide_part_and_spares_kept_pixels():
    wide = np.ascontiguousarray(_bust(120, 90).T)  # as tall as the photo but wider than tall
    assert np.array_equal(masks.cover_outline(wide, 0.05, box_height=0.5), masks.cover_outline(wide, 0.05))
    mask, keep = _bust(120, 90), np.zeros((120, 90), bool)
    keep[0:8, 0:8] = True  # someone left visible in the corner
    boxed = masks.cover_outline(mask, 0.05, keep=keep, box_height=0.75)
    assert not boxed[keep].any() and boxed[8:12, 8:12].all()


@given(
    x0=st.integers(-20, 50),
    y0=st.integers(-20, 50),
    w=st.integers(1, 40),
    h=st.integers(1, 40),
    rx=st.floats(0.5, 30),
    ry=st.floats(0.5, 30),
)
def test_in_ellipse_covers_its_region_and_holds_its_centre(x0, y0, w, h, rx, ry):
    region = (x0, y0, x0 + w, y0 + h)
    cx, cy = x0 + w / 2, y0 + h / 2
    inside = masks.in_ellipse(region, cx, cy, rx, ry)
    assert inside.shape == (h, w) and inside.dtype == bool
    if w % 2 and h % 2:
        assert inside[h // 2, w // 2]  # the pixel whose centre is the ellipse's centre
    assert (inside == inside[::-1, ::-1]).all()  # symmetric about its centre
    assert not masks.in_ellipse(region, cx + 2 * w + 2 * rx, cy, rx, ry).any()  # far away: nothing
