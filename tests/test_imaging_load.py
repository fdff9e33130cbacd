"""load_image / read_info on every input kind the app must accept or refuse cleanly."""

from __future__ import annotations

import io

import numpy as np
import pytest
from imaging_helpers import astronaut, png_16bit_rgb, png_bytes, srgb_icc, write_private_jpeg
from PIL import Image

from rpipp_gui.errors import ImageLoadError
from rpipp_gui.imaging import load_image, read_info


def _photo(h: int = 48, w: int = 64) -> np.ndarray:
    return np.ascontiguousarray(astronaut()[:h, 150 : 150 + w])


def _jpeg_bytes(rgb: np.ndarray, **params) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="JPEG", **params)
    return buf.getvalue()


# --- files that must be refused with one clear error naming the file ------------------------------


def test_missing_file(tmp_path):
    path = tmp_path / "nope.jpg"
    with pytest.raises(ImageLoadError, match=r"nope\.jpg.*no such file"):
        load_image(path)


def test_zero_byte_file(tmp_path):
    path = tmp_path / "empty.jpg"
    path.write_bytes(b"")
    with pytest.raises(ImageLoadError, match=r"empty\.jpg.*empty \(0 bytes\)"):
        load_image(path)


def test_text_file_named_jpg(tmp_path):
    path = tmp_path / "notes.jpg"
    path.write_text("this is a shopping list, not a photo\n")
    with pytest.raises(ImageLoadError, match=r"notes\.jpg.*not an image"):
        load_image(path)


def test_folder(tmp_path):
    with pytest.raises(ImageLoadError, match="folder"):
        load_image(tmp_path)


def test_truncated_jpeg(tmp_path):
    data = _jpeg_bytes(astronaut())
    path = tmp_path / "cut.jpg"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImageLoadError, match=r"cut\.jpg.*truncated"):
        load_image(path)


def test_corrupt_jpeg_headers(tmp_path):
    data = bytearray(_jpeg_bytes(astronaut()))
    rng = np.random.default_rng(1)
    data[20:400] = rng.integers(0, 256, 380, dtype=np.uint8).tobytes()  # tables and frame header
    path = tmp_path / "garbled.jpg"
    path.write_bytes(bytes(data))
    with pytest.raises(ImageLoadError, match=r"garbled\.jpg"):
        load_image(path)


def test_corrupt_png_header(tmp_path):
    data = bytearray(png_bytes(8, 8))
    data[20] ^= 0xFF  # inside IHDR: CRC no longer matches
    path = tmp_path / "bad.png"
    path.write_bytes(bytes(data))
    with pytest.raises(ImageLoadError, match=r"bad\.png"):
        load_image(path)


def test_decompression_bomb_refused_before_decoding(tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(png_bytes(20000, 10000))  # claims 200 MP in a few hundred bytes
    assert path.stat().st_size < 1000
    with pytest.raises(ImageLoadError, match=r"bomb\.png.*20000x10000.*200 megapixels.*150"):
        load_image(path)
    info = read_info(path)  # header only: fine
    assert (info.width, info.height) == (20000, 10000)


def test_max_pixels_is_configurable(tmp_path):
    path = tmp_path / "small.png"
    Image.fromarray(_photo()).save(path)
    with pytest.raises(ImageLoadError, match="limit"):
        load_image(path, max_pixels=1000)
    assert load_image(path, max_pixels=48 * 64).size == (64, 48)


# --- inputs that load as 8-bit RGB -----------------------------------------------------------------


@pytest.mark.parametrize(
    "suffix,params", [(".png", {}), (".bmp", {}), (".tif", {}), (".webp", {"lossless": True})]
)
def test_lossless_formats_round_trip(tmp_path, suffix, params):
    rgb = _photo()
    path = tmp_path / f"photo{suffix}"
    Image.fromarray(rgb).save(path, **params)
    loaded = load_image(path)
    assert loaded.rgb.dtype == np.uint8 and loaded.rgb.shape == rgb.shape
    np.testing.assert_array_equal(loaded.rgb, rgb)
    assert loaded.alpha is None and loaded.warnings == ()
    assert loaded.size == (64, 48)
    assert not loaded.rgb.flags.writeable


def test_cmyk_jpeg(tmp_path):
    path = tmp_path / "cmyk.jpg"
    cmyk = np.zeros((16, 32, 4), np.uint8)
    cmyk[:, :16, 0] = 255  # cyan
    cmyk[:, 16:, 1:3] = 255  # magenta + yellow = red
    Image.fromarray(cmyk, mode="CMYK").save(path, quality=100)
    loaded = load_image(path)
    assert loaded.info.mode == "CMYK" and loaded.rgb.shape == (16, 32, 3)
    np.testing.assert_allclose(loaded.rgb[8, 4], [0, 255, 255], atol=8)
    np.testing.assert_allclose(loaded.rgb[8, 28], [255, 0, 0], atol=8)
    assert any("CMYK" in w for w in loaded.warnings)


def test_16bit_gray_png(tmp_path):
    gray = (np.arange(40 * 30, dtype=np.uint32).reshape(30, 40) * 53 % 65536).astype(np.uint16)
    path = tmp_path / "deep.png"
    Image.fromarray(gray).save(path)
    loaded = load_image(path)
    assert loaded.info.mode.startswith("I")
    np.testing.assert_array_equal(loaded.rgb, np.repeat((gray >> 8).astype(np.uint8)[..., None], 3, axis=2))


def test_16bit_rgb_png(tmp_path):
    rgb16 = np.random.default_rng(0).integers(0, 65536, (12, 10, 3)).astype(np.uint16)
    path = tmp_path / "deep_rgb.png"
    path.write_bytes(png_16bit_rgb(rgb16))
    np.testing.assert_array_equal(load_image(path).rgb, (rgb16 >> 8).astype(np.uint8))


def test_grayscale_jpeg(tmp_path):
    path = tmp_path / "gray.jpg"
    Image.fromarray(np.full((10, 12), 200, np.uint8)).save(path, quality=100)
    loaded = load_image(path)
    assert loaded.rgb.shape == (10, 12, 3)
    assert np.abs(loaded.rgb.astype(int) - 200).max() <= 1


def test_palette_gif(tmp_path):
    idx = np.zeros((8, 8), np.uint8)
    idx[:, 4:] = 1
    im = Image.fromarray(idx, mode="P")
    im.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    path = tmp_path / "pal.gif"
    im.save(path)
    loaded = load_image(path)
    assert loaded.info.mode == "P"
    assert tuple(loaded.rgb[0, 0]) == (255, 0, 0) and tuple(loaded.rgb[0, 7]) == (0, 0, 255)


def test_animated_gif_gives_first_frame_and_warning(tmp_path):
    frames = [Image.new("RGB", (10, 6), c) for c in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    loaded = load_image(path)
    assert loaded.info.frames == 3
    assert tuple(loaded.rgb[3, 5]) == (255, 0, 0)
    assert len(loaded.warnings) == 1 and "3 frames" in loaded.warnings[0]


def test_rgba_png_keeps_alpha(tmp_path):
    rgba = np.dstack([_photo(), np.tile(np.arange(64, dtype=np.uint8) * 4, (48, 1))])
    path = tmp_path / "rgba.png"
    Image.fromarray(rgba).save(path)
    loaded = load_image(path)
    np.testing.assert_array_equal(loaded.rgb, rgba[..., :3])
    np.testing.assert_array_equal(loaded.alpha, rgba[..., 3])


def test_palette_png_with_transparency_keeps_alpha(tmp_path):
    idx = np.zeros((6, 6), np.uint8)
    idx[2:4, 2:4] = 1
    im = Image.fromarray(idx, mode="P")
    im.putpalette([0, 0, 0, 255, 255, 255] + [0] * 762)
    path = tmp_path / "pt.png"
    im.save(path, transparency=0)
    loaded = load_image(path)
    assert loaded.alpha is not None
    assert loaded.alpha[0, 0] == 0 and loaded.alpha[2, 2] == 255


def test_rotated_exif_jpeg_with_gps(tmp_path):
    rgb = np.zeros((20, 40, 3), np.uint8)
    rgb[:, :20] = (255, 0, 0)  # left half red, right half blue
    rgb[:, 20:] = (0, 0, 255)
    path = write_private_jpeg(tmp_path / "rot.jpg", rgb, orientation=6)
    info = read_info(path)
    assert info.orientation == 6 and info.has_gps and info.has_exif
    assert (info.width, info.height) == (40, 20) and info.display_size == (20, 40)
    loaded = load_image(path)
    assert loaded.size == (20, 40)  # rotated 90 degrees clockwise: left half is now on top
    assert loaded.rgb[2, 10, 0] > 200 and loaded.rgb[2, 10, 2] < 50
    assert loaded.rgb[37, 10, 2] > 200 and loaded.rgb[37, 10, 0] < 50


def test_rotated_tiff_is_rotated_once(tmp_path):
    rgb = np.zeros((20, 40, 3), np.uint8)
    rgb[:, :20] = (255, 0, 0)
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "rot.tif"
    Image.fromarray(rgb).save(path, exif=exif.tobytes())
    loaded = load_image(path)
    assert loaded.size == (20, 40)
    assert tuple(loaded.rgb[0, 0]) == (255, 0, 0) and tuple(loaded.rgb[-1, 0]) == (0, 0, 0)


def test_rgb_icc_profile_is_kept_and_gray_profile_dropped(tmp_path):
    icc = srgb_icc()
    path = tmp_path / "icc.jpg"
    Image.fromarray(_photo()).save(path, icc_profile=icc)
    assert load_image(path).icc_profile == icc
    gray_icc = bytearray(icc)
    gray_icc[16:20] = b"GRAY"
    gpath = tmp_path / "gray_icc.png"
    Image.fromarray(np.zeros((4, 4), np.uint8)).save(gpath, icc_profile=bytes(gray_icc))
    loaded = load_image(gpath)
    assert loaded.icc_profile is None and any("GRAY" in w for w in loaded.warnings)


def test_read_info_finds_every_kind_of_metadata(tmp_path):
    path = write_private_jpeg(tmp_path / "priv.jpg", _photo(), icc=srgb_icc())
    info = read_info(path)
    assert info.metadata_found == ("EXIF", "GPS", "XMP", "IPTC", "comment")
    assert info.has_icc and info.exif_tags_count == 7 and info.format == "JPEG"


def test_read_info_png_text_webp_xmp_tiff_tags_and_maker_note(tmp_path):
    from PIL import PngImagePlugin

    meta = PngImagePlugin.PngInfo()
    meta.add_text("Comment", "hello")
    Image.new("RGB", (4, 4)).save(tmp_path / "t.png", pnginfo=meta)
    assert read_info(tmp_path / "t.png").has_comment
    Image.new("RGB", (4, 4)).save(tmp_path / "x.webp", xmp=b"<x:xmpmeta/>")
    assert read_info(tmp_path / "x.webp").has_xmp
    Image.new("RGB", (4, 4)).save(tmp_path / "t.tif", tiffinfo={271: "ACME", 270: "a note"})
    tinfo = read_info(tmp_path / "t.tif")
    assert tinfo.has_exif and tinfo.has_comment and not tinfo.has_gps
    Image.new("RGB", (4, 4)).save(tmp_path / "plain.tif")
    assert read_info(tmp_path / "plain.tif").metadata_found == ()
    exif = Image.Exif()
    exif[0x8769] = {0x927C: b"secret maker note"}
    Image.new("RGB", (4, 4)).save(tmp_path / "mk.jpg", exif=exif)
    assert read_info(tmp_path / "mk.jpg").has_maker_note


@pytest.mark.parametrize("orientation", range(1, 9))
def test_jpeg_orientations_match_pillow(tmp_path, orientation):
    from imaging_helpers import gps_exif
    from PIL import ImageOps

    path = tmp_path / f"o{orientation}.jpg"
    Image.fromarray(_photo(24, 40)).save(path, exif=gps_exif(orientation), quality=95)
    expected = np.asarray(ImageOps.exif_transpose(Image.open(path)).convert("RGB")).astype(int)
    loaded = load_image(path)
    assert loaded.rgb.shape == expected.shape
    assert np.abs(loaded.rgb.astype(int) - expected).max() <= 3
