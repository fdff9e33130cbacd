"""export_image: formats, no metadata, ICC kept, atomic writes, never over the source."""

from __future__ import annotations

import os

import numpy as np
import pytest
from imaging_helpers import astronaut, jpeg_markers, png_chunk_types, srgb_icc
from PIL import Image

from rpipp_gui.errors import ExportError
from rpipp_gui.imaging import ExportOptions, default_output_path, export_image, load_image, read_info

SMALL = np.ascontiguousarray(astronaut()[::4, ::4])  # 128x128


@pytest.mark.parametrize("suffix", [".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff"])
def test_each_format_writes_pixels_and_no_metadata(tmp_path, suffix):
    out = export_image(SMALL, tmp_path / f"out{suffix}")
    info = read_info(out)
    assert info.metadata_found == () and not info.has_icc
    assert (info.width, info.height) == (128, 128)
    loaded = load_image(out)
    if suffix in (".png", ".tif", ".tiff"):
        np.testing.assert_array_equal(loaded.rgb, SMALL)
    else:
        assert np.abs(loaded.rgb.astype(int) - SMALL).mean() < 6  # lossy, 4:2:0 chroma


def test_jpeg_segments_are_only_pixels_and_icc(tmp_path):
    icc = srgb_icc()
    out = export_image(SMALL, tmp_path / "o.jpg", icc_profile=icc)
    markers = set(jpeg_markers(out.read_bytes()))
    # APP0 (JFIF), APP2 (ICC), DQT, SOF, DHT, SOS: no APP1 (EXIF/XMP), APP13 (IPTC), COM.
    assert markers <= {0xE0, 0xE2, 0xDB, 0xC0, 0xC4, 0xDA}
    assert 0xE2 in markers
    assert load_image(out).icc_profile == icc


def test_png_chunks_are_only_pixels_and_icc(tmp_path):
    out = export_image(SMALL, tmp_path / "o.png", icc_profile=srgb_icc())
    assert set(png_chunk_types(out.read_bytes())) == {b"IHDR", b"iCCP", b"IDAT", b"IEND"}


def test_icc_can_be_dropped(tmp_path):
    out = export_image(
        SMALL, tmp_path / "o.webp", icc_profile=srgb_icc(), options=ExportOptions(keep_icc=False)
    )
    assert not read_info(out).has_icc


def test_alpha_kept_where_the_format_carries_it(tmp_path):
    alpha = np.tile(np.arange(128, dtype=np.uint8), (128, 1))
    png = export_image(SMALL, tmp_path / "a.png", alpha=alpha)
    np.testing.assert_array_equal(load_image(png).alpha, alpha)
    jpg = export_image(SMALL, tmp_path / "a.jpg", alpha=alpha)
    assert load_image(jpg).alpha is None


def test_jpeg_flattens_transparent_pixels_onto_white(tmp_path):
    """Transparent pixels may still hold colours (even a hidden picture): they must not reappear."""
    secret = np.zeros((64, 64, 3), np.uint8)  # black "hidden content" under full transparency
    alpha = np.zeros((64, 64), np.uint8)
    alpha[:, 32:] = 255
    out = load_image(
        export_image(secret, tmp_path / "f.jpg", alpha=alpha, options=ExportOptions(quality=100))
    )
    assert out.rgb[:, :28].min() >= 250
    assert out.rgb[:, 36:].max() <= 5


def test_format_option_overrides_suffix(tmp_path):
    out = export_image(SMALL, tmp_path / "noext", options=ExportOptions(format="png"))
    with Image.open(out) as im:
        assert im.format == "PNG"


def test_unknown_suffix_refused(tmp_path):
    with pytest.raises(ExportError, match=r"\.bmp"):
        export_image(SMALL, tmp_path / "o.bmp")
    assert list(tmp_path.iterdir()) == []


def test_refuses_to_overwrite_the_source(tmp_path):
    src = tmp_path / "photo.jpg"
    Image.fromarray(SMALL).save(src)
    before = src.read_bytes()
    for target in (src, tmp_path / "." / "photo.jpg"):
        with pytest.raises(ExportError, match="refusing to overwrite the source"):
            export_image(SMALL, target, source=src)
    os.link(src, tmp_path / "hard.jpg")
    os.symlink(src, tmp_path / "soft.jpg")
    for alias in ("hard.jpg", "soft.jpg"):
        with pytest.raises(ExportError, match="source"):
            export_image(SMALL, tmp_path / alias, source=src)
    assert src.read_bytes() == before


def test_failed_write_leaves_nothing_and_keeps_an_old_file(tmp_path, monkeypatch):
    out = tmp_path / "o.png"
    out.write_bytes(b"previous version")

    def broken_save(self, fp, format=None, **params):
        fp.write(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(Image.Image, "save", broken_save)
    with pytest.raises(ExportError, match=r"o\.png.*disk full"):
        export_image(SMALL, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.png"]
    assert out.read_bytes() == b"previous version"


def test_missing_folder_and_too_large_webp(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export_image(SMALL, tmp_path / "no" / "o.jpg")
    wide = np.zeros((2, 17000, 3), np.uint8)
    with pytest.raises(ExportError, match="WebP"):
        export_image(wide, tmp_path / "wide.webp")
    assert list(tmp_path.iterdir()) == []


def test_output_file_has_normal_permissions(tmp_path):
    out = export_image(SMALL, tmp_path / "o.jpg")
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.parametrize(
    "src,expected",
    [
        ("/p/a.jpg", "/p/a.protected.jpg"),
        ("/p/a.JPEG", "/p/a.protected.JPEG"),
        ("/p/b.tar.webp", "/p/b.tar.protected.webp"),
        ("/p/c.tif", "/p/c.protected.tif"),
        ("/p/d.bmp", "/p/d.protected.png"),
        ("/p/e.gif", "/p/e.protected.png"),
    ],
)
def test_default_output_path(src, expected):
    assert str(default_output_path(src)) == expected
