"""Load any common photo file as 8-bit RGB pixels (+ alpha), the way a viewer would show it."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from rpipp_gui.errors import ImageLoadError
from rpipp_gui.imaging.info import ORIENTATION_TAG, ImageInfo, _info_from_open
from rpipp_gui.imaging.opening import DEFAULT_MAX_PIXELS, check_pixels, open_header

# EXIF orientation -> the transpose that shows the photo upright (as ImageOps.exif_transpose).
_ORIENTATION_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True, eq=False)
class LoadedImage:
    """One decoded photo.

    rgb: HxWx3 uint8 RGB with the EXIF orientation already applied (so H, W are as displayed);
    read-only, like ``alpha`` (copy before drawing on it).
    alpha: HxW uint8 (255 = opaque) when the file carries transparency, else None.
    icc_profile: the file's ICC profile when it describes RGB pixels (kept on export); None when the
    file had none or its profile was for another colour space (the pixels were then converted to sRGB).
    info: header facts (stored size, metadata found) of the file as read.
    warnings: human-readable notes about what loading changed (first frame only, colour conversion).
    """

    rgb: np.ndarray
    alpha: np.ndarray | None
    path: Path
    format: str
    icc_profile: bytes | None
    info: ImageInfo
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # The decoded photo is shared (session, undo history, previews): never changed in place.
        self.rgb.setflags(write=False)
        if self.alpha is not None:
            self.alpha.setflags(write=False)

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) of ``rgb``."""
        return int(self.rgb.shape[1]), int(self.rgb.shape[0])


def load_image(path: Path | str, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> LoadedImage:
    """Decode ``path`` (JPEG, PNG, WebP, TIFF, BMP, GIF, ...) into a LoadedImage.

    CMYK, 16-bit, grayscale, palette and alpha inputs become 8-bit RGB (alpha kept separately); an
    animated file gives its first frame and a warning. The header's pixel count is checked against
    ``max_pixels`` before anything is decoded. Every failure raises ImageLoadError naming the file.
    """
    path = Path(path)
    with open_header(path) as im:
        check_pixels(path, im.size, max_pixels)
        try:
            info = _info_from_open(path, im)
            return _decode(path, im, info)
        except ImageLoadError:
            raise
        except MemoryError as e:
            raise ImageLoadError(f"cannot read {path}: not enough memory to decode {im.size}") from e
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError) as e:
            cause = str(e) or type(e).__name__
            if "truncated" in cause:
                cause = f"the file is truncated or corrupt ({cause})"
            raise ImageLoadError(f"cannot read {path}: {cause}") from e


def _decode(path: Path, im: Image.Image, info: ImageInfo) -> LoadedImage:
    warnings: list[str] = []
    if info.frames > 1:
        im.seek(0)
        warnings.append(f"{path.name} has {info.frames} frames; only the first one is used")
    icc = im.info.get("icc_profile") or None
    if info.format == "JPEG" and im.mode == "RGB" and info.frames == 1:
        fast = _decode_jpeg_with_opencv(path, info.orientation)
        if fast is not None:
            keep = icc if _icc_colour_space(icc) == "RGB" else None
            if icc and keep is None:
                warnings.append("ICC profile for a non-RGB colour space dropped; pixels treated as sRGB")
            return LoadedImage(fast, None, path, info.format, keep, info, tuple(warnings))
    im.load()
    transparent = "transparency" in im.info
    orientation = info.orientation
    if info.format == "TIFF":
        # Pillow's TIFF decoder applies the orientation itself and then drops the tag.
        orientation = im.tag_v2.get(ORIENTATION_TAG, 1)
    method = _ORIENTATION_TRANSPOSE.get(orientation)
    if method is not None:
        im = im.transpose(method)
    rgb, alpha, icc = _to_rgb8(im, icc, transparent, warnings)
    return LoadedImage(
        rgb=rgb,
        alpha=alpha,
        path=path,
        format=info.format,
        icc_profile=icc,
        info=info,
        warnings=tuple(warnings),
    )


def _icc_colour_space(icc: bytes | None) -> str | None:
    if not icc or len(icc) < 20:
        return None
    return icc[16:20].decode("ascii", "replace").strip()


def _to_rgb8(
    im: Image.Image, icc: bytes | None, transparent: bool, warnings: list[str]
) -> tuple[np.ndarray, np.ndarray | None, bytes | None]:
    """Return (HxWx3 uint8 RGB, HxW uint8 alpha or None, RGB ICC profile or None)."""
    mode = im.mode
    space = _icc_colour_space(icc)
    if mode == "CMYK":
        return _cmyk_to_rgb(im, icc if space == "CMYK" else None, warnings), None, None
    if mode.startswith("I;16") or mode in ("I", "F"):
        return _high_depth_to_rgb(im), None, None
    has_alpha = mode in ("RGBA", "LA", "PA", "RGBa", "La") or (mode in ("P", "L", "RGB") and transparent)
    if has_alpha:
        rgba = np.asarray(im if mode == "RGBA" else im.convert("RGBA"))
        rgb = np.ascontiguousarray(rgba[..., :3])
        alpha = np.ascontiguousarray(rgba[..., 3])
    else:
        rgb = np.asarray(im if mode == "RGB" else im.convert("RGB"))
        alpha = None
    keep_icc = icc if space == "RGB" else None
    if icc and keep_icc is None:
        warnings.append(
            f"ICC profile for {space or 'an unknown'} colour space dropped; pixels treated as sRGB"
        )
    return rgb, alpha, keep_icc


def _cmyk_to_rgb(im: Image.Image, cmyk_icc: bytes | None, warnings: list[str]) -> np.ndarray:
    if cmyk_icc:
        try:
            from PIL import ImageCms

            src = ImageCms.ImageCmsProfile(io.BytesIO(cmyk_icc))
            dst = ImageCms.createProfile("sRGB")
            return np.asarray(ImageCms.profileToProfile(im, src, dst, outputMode="RGB"))
        except (ImportError, OSError, ValueError, ImageCms.PyCMSError) as e:  # type: ignore[name-defined]
            warnings.append(f"CMYK colour profile unusable ({e}); converted without it")
    else:
        warnings.append("CMYK image without a colour profile; converted approximately to RGB")
    return np.asarray(im.convert("RGB"))


def _high_depth_to_rgb(im: Image.Image) -> np.ndarray:
    """16-bit / 32-bit integer / float grayscale -> HxWx3 uint8 (16-bit scaled down, not clipped)."""
    arr = np.asarray(im)
    if im.mode.startswith("I;16"):
        arr = arr.astype(np.uint16, copy=False)
        gray = (arr >> 8).astype(np.uint8)
    elif im.mode == "F":
        scale = 255.0 if float(np.nanmax(arr, initial=0.0)) <= 1.0 else 1.0
        gray = np.clip(np.nan_to_num(arr) * scale, 0, 255).round().astype(np.uint8)
    else:  # "I": 32-bit ints, usually holding 16-bit samples
        peak = int(arr.max(initial=0))
        gray = (
            (np.clip(arr, 0, 65535) >> 8).astype(np.uint8)
            if peak > 255
            else np.clip(arr, 0, 255).astype(np.uint8)
        )
    return np.ascontiguousarray(np.repeat(gray[..., None], 3, axis=2))


def _decode_jpeg_with_opencv(path: Path, orientation: int) -> np.ndarray | None:
    """HxWx3 uint8 RGB of a complete colour JPEG via OpenCV (faster than Pillow + numpy copy at
    24 MP), orientation applied; None when the file does not end with an EOI marker (possibly
    truncated: Pillow then decodes it and reports the damage) or OpenCV cannot decode it."""
    import cv2

    data = np.fromfile(path, dtype=np.uint8)
    if data.size < 4 or data[-2] != 0xFF or data[-1] != 0xD9:
        return None
    bgr = cv2.imdecode(data, cv2.IMREAD_COLOR | cv2.IMREAD_IGNORE_ORIENTATION)
    if bgr is None or bgr.ndim != 3:
        return None
    rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    return _orient_array(rgb, orientation)


def _orient_array(a: np.ndarray, orientation: int) -> np.ndarray:
    """Apply EXIF orientation 1..8 to an HxW(xC) array, as ImageOps.exif_transpose does."""
    if orientation == 2:
        a = a[:, ::-1]
    elif orientation == 3:
        a = a[::-1, ::-1]
    elif orientation == 4:
        a = a[::-1]
    elif orientation == 5:
        a = a.swapaxes(0, 1)
    elif orientation == 6:
        a = np.rot90(a, k=-1)
    elif orientation == 7:
        a = a[::-1, ::-1].swapaxes(0, 1)
    elif orientation == 8:
        a = np.rot90(a, k=1)
    return np.ascontiguousarray(a)
