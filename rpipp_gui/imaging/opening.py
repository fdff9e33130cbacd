"""Open an image file with Pillow, reading only its header, with errors turned into ImageLoadError.

Pillow's own decompression-bomb limit is a process-wide global; we switch it off only while the
header is parsed (under a lock) and apply our own, configurable limit right after, before any pixel
is decoded.
"""

from __future__ import annotations

import struct
import threading
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from rpipp_gui.errors import ImageLoadError

DEFAULT_MAX_PIXELS = 150_000_000

_PIL_GLOBALS_LOCK = threading.Lock()


def _register_heif() -> bool:
    """Teach Pillow HEIC/HEIF (iPhone photos) through pillow-heif; False when it is not installed."""
    try:
        import pillow_heif
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


HEIF_SUPPORTED = _register_heif()

# ISO-BMFF brands of HEIF files (bytes 8..12 of the file), to name the format when it is unsupported.
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")


def _sniff_format(path: Path) -> str | None:
    """The format of a file Pillow did not recognise, when its first bytes tell (HEIF only)."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
    except OSError:
        return None
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "HEIC/HEIF"
    return None


def describe_os_error(e: OSError) -> str:
    """A short human cause for an OSError ("no such file", "permission denied", ...)."""
    if isinstance(e, FileNotFoundError):
        return "no such file"
    if isinstance(e, IsADirectoryError):
        return "it is a folder, not a file"
    if isinstance(e, PermissionError):
        return "permission denied"
    return str(e.strerror or e)


def open_header(path: Path) -> Image.Image:
    """Open ``path`` lazily (header only). Raises ImageLoadError naming the file and the cause.

    The caller must close the returned image (use it as a context manager).
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ImageLoadError(f"cannot read {path}: {describe_os_error(e)}") from e
    if path.is_dir():
        raise ImageLoadError(f"cannot read {path}: it is a folder, not a file")
    if size == 0:
        raise ImageLoadError(f"cannot read {path}: the file is empty (0 bytes)")
    try:
        with _PIL_GLOBALS_LOCK:
            old_limit = Image.MAX_IMAGE_PIXELS
            Image.MAX_IMAGE_PIXELS = None  # our own limit is checked by the caller
            try:
                return Image.open(path)
            finally:
                Image.MAX_IMAGE_PIXELS = old_limit
    except UnidentifiedImageError as e:
        fmt = _sniff_format(path)
        if fmt is not None and not HEIF_SUPPORTED:
            raise ImageLoadError(f"cannot read {path}: {fmt} photos need the pillow-heif package") from e
        if fmt is not None:
            raise ImageLoadError(f"cannot read {path}: a damaged {fmt} file") from e
        raise ImageLoadError(
            f"cannot read {path}: not an image Pillow recognises (corrupt, or not a photo file)"
        ) from e
    except OSError as e:
        cause = "the WebP file is truncated" if _truncated_webp(path, size) else describe_os_error(e)
        raise ImageLoadError(f"cannot read {path}: {cause}") from e
    except (SyntaxError, ValueError, EOFError, struct.error) as e:
        raise ImageLoadError(f"cannot read {path}: corrupt image header ({e})") from e


def _truncated_webp(path: Path, size: int) -> bool:
    """True for a RIFF/WEBP file shorter than its header says (Pillow only says "could not create
    decoder object")."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
    except OSError:
        return False
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP" and int.from_bytes(head[4:8], "little") + 8 > size


def check_pixels(path: Path, size: tuple[int, int], max_pixels: int | None) -> None:
    """Refuse (ImageLoadError) an image whose header claims more than ``max_pixels`` pixels."""
    w, h = size
    if w <= 0 or h <= 0:
        raise ImageLoadError(f"cannot read {path}: the header claims an empty size {w}x{h}")
    if max_pixels is not None and w * h > max_pixels:
        raise ImageLoadError(
            f"refusing to open {path}: its header claims {w}x{h} = {w * h / 1e6:.0f} megapixels, "
            f"more than the limit of {max_pixels / 1e6:.0f} megapixels (possible decompression bomb; "
            "raise max_pixels if the photo is genuine)"
        )
