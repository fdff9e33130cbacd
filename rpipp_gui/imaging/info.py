"""What a photo file holds besides pixels: size, format and the metadata a user may not want to share.

``read_info`` reads the header only (no pixel decoding), so it is fast on huge files and safe on
decompression bombs; ``rpipp info`` prints its result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from rpipp_gui.errors import ImageLoadError
from rpipp_gui.imaging.opening import open_header

EXIF_IFD_POINTER = 0x8769
GPS_IFD_POINTER = 0x8825
ORIENTATION_TAG = 0x0112
MAKER_NOTE_TAG = 0x927C
TIFF_XMP_TAG = 700
TIFF_IPTC_TAG = 33723
TIFF_DESCRIPTION_TAG = 270
PHOTOSHOP_IPTC_RESOURCE = 0x0404

# Tags every TIFF needs to describe its pixels; they say nothing about the photo's origin.
_TIFF_STRUCTURE_TAGS = frozenset(
    {254, 255, 256, 257, 258, 259, 262, 263, 266, 273, 274, 277, 278, 279, 280, 281, 282, 283, 284}
    | {290, 291, 296, 297, 317, 318, 319, 320, 322, 323, 324, 325, 338, 339, 340, 341}
    | {529, 530, 531, 532, 34675, TIFF_XMP_TAG, TIFF_IPTC_TAG}
)
# PNG info keys that are not text chunks.
_PNG_NON_TEXT_KEYS = frozenset(
    {"XML:com.adobe.xmp", "Raw profile type exif", "Raw profile type APP1", "Raw profile type iptc"}
    | {"Raw profile type 8bim", "Raw profile type xmp"}
)


@dataclass(frozen=True)
class ImageInfo:
    """Header facts about one image file.

    ``width``/``height`` are the stored pixel size; ``display_size`` applies the EXIF orientation.
    ``exif_tags_count`` counts entries in IFD0 (for TIFF only the non-structural ones), the Exif IFD
    and the GPS IFD.
    """

    path: str
    width: int
    height: int
    format: str
    mode: str
    frames: int
    file_size: int
    has_exif: bool
    has_gps: bool
    has_xmp: bool
    has_iptc: bool
    has_icc: bool
    has_comment: bool
    has_maker_note: bool
    orientation: int
    exif_tags_count: int
    damage: str = ""  # "" when the file looks whole; else what is wrong ("truncated: ...")

    @property
    def megapixels(self) -> float:
        return self.width * self.height / 1e6

    @property
    def display_size(self) -> tuple[int, int]:
        """(w, h) as shown, after the EXIF orientation (5..8 swap width and height)."""
        if self.orientation in (5, 6, 7, 8):
            return self.height, self.width
        return self.width, self.height

    @property
    def metadata_found(self) -> tuple[str, ...]:
        """Names of the identifying metadata kinds present, e.g. ("EXIF", "GPS")."""
        kinds = {
            "EXIF": self.has_exif,
            "GPS": self.has_gps,
            "XMP": self.has_xmp,
            "IPTC": self.has_iptc,
            "maker note": self.has_maker_note,
            "comment": self.has_comment,
        }
        return tuple(name for name, present in kinds.items() if present)


def read_info(path: Path | str) -> ImageInfo:
    """Read ``path``'s header and metadata without decoding pixels. Raises ImageLoadError."""
    path = Path(path)
    with open_header(path) as im:
        try:
            return _info_from_open(path, im)
        except (OSError, SyntaxError, ValueError, EOFError) as e:
            raise ImageLoadError(f"cannot read the metadata of {path}: {e}") from e


def _info_from_open(path: Path, im: Image.Image) -> ImageInfo:
    fmt = im.format or "unknown"
    info = im.info
    exif = _exif_of(im)
    tiff_tags = getattr(im, "tag_v2", None) if fmt == "TIFF" else None

    ifd0 = dict(exif)
    exif_ifd = _sub_ifd(exif, EXIF_IFD_POINTER)
    gps_ifd = _sub_ifd(exif, GPS_IFD_POINTER)
    pointers = {EXIF_IFD_POINTER, GPS_IFD_POINTER}
    if tiff_tags is not None:
        ifd0_count = sum(1 for tag in ifd0 if tag not in _TIFF_STRUCTURE_TAGS and tag not in pointers)
        ifd0_count -= int(TIFF_DESCRIPTION_TAG in ifd0)  # reported as a comment
    else:
        ifd0_count = sum(1 for tag in ifd0 if tag not in pointers)
    count = ifd0_count + len(exif_ifd) + len(gps_ifd)
    has_exif = count > 0 or (tiff_tags is None and bool(info.get("exif")))

    has_xmp = bool(info.get("xmp") or info.get("XML:com.adobe.xmp") or info.get("Raw profile type xmp"))
    has_iptc = bool(info.get("Raw profile type iptc") or info.get("Raw profile type 8bim"))
    photoshop = info.get("photoshop")
    if isinstance(photoshop, dict) and PHOTOSHOP_IPTC_RESOURCE in photoshop:
        has_iptc = True
    has_comment = bool(info.get("comment"))
    if tiff_tags is not None:
        has_xmp = has_xmp or TIFF_XMP_TAG in tiff_tags
        has_iptc = has_iptc or TIFF_IPTC_TAG in tiff_tags
        has_comment = has_comment or bool(tiff_tags.get(TIFF_DESCRIPTION_TAG))
    if fmt == "PNG":
        has_comment = has_comment or any(
            isinstance(value, str) and key not in _PNG_NON_TEXT_KEYS for key, value in info.items()
        )

    orientation = exif.get(ORIENTATION_TAG, 1)
    if not isinstance(orientation, int) or not 1 <= orientation <= 8:
        orientation = 1
    width, height = im.size
    if tiff_tags is not None and isinstance(tiff_tags.get(256), int) and isinstance(tiff_tags.get(257), int):
        width, height = tiff_tags[256], tiff_tags[257]  # Pillow reports TIFF sizes already rotated
    return ImageInfo(
        path=str(path),
        width=width,
        height=height,
        format=fmt,
        mode=im.mode,
        frames=int(getattr(im, "n_frames", 1) or 1),
        file_size=path.stat().st_size,
        has_exif=has_exif,
        has_gps=len(gps_ifd) > 0,
        has_xmp=has_xmp,
        has_iptc=has_iptc,
        has_icc=bool(info.get("icc_profile")),
        has_comment=has_comment,
        has_maker_note=MAKER_NOTE_TAG in exif_ifd,
        orientation=orientation,
        exif_tags_count=count,
        damage=find_damage(path, fmt),
    )


# How far from the end of the file an end marker is looked for (cameras and editors may append data).
_TAIL_BYTES = 1 << 20


def find_damage(path: Path, fmt: str) -> str:
    """ "" when ``path`` ends as a whole file of format ``fmt`` should, else what is wrong.

    Reads the last ``_TAIL_BYTES`` only (no pixel decoding): JPEG needs its end-of-image marker,
    PNG its IEND chunk, GIF its trailer byte, WebP a RIFF size that fits the file.
    """
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            head = f.read(12)
            f.seek(max(0, size - _TAIL_BYTES))
            tail = f.read()
    except OSError as e:
        return f"unreadable ({e.strerror or e})"
    if fmt in ("JPEG", "MPO") and b"\xff\xd9" not in tail:
        return "truncated: the JPEG has no end-of-image marker (the end of the file is missing)"
    if fmt == "PNG" and b"IEND" not in tail:
        return "truncated: the PNG has no IEND chunk (the end of the file is missing)"
    if fmt == "GIF" and not tail.rstrip(b"\x00").endswith(b"\x3b"):
        return "truncated: the GIF has no trailer (the end of the file is missing)"
    if fmt == "WEBP" and len(head) == 12 and int.from_bytes(head[4:8], "little") + 8 > size:
        return "truncated: the WebP file is shorter than its header says"
    return ""


def _exif_of(im: Image.Image) -> Image.Exif:
    # PNG's getexif() decodes every pixel when the header holds no eXIf chunk: avoid that, so a
    # huge or bomb PNG is inspected from its header alone (an eXIf chunk after the pixels is missed).
    if im.format == "PNG" and "exif" not in im.info and "Raw profile type exif" not in im.info:
        return Image.Exif()
    return im.getexif()


def _sub_ifd(exif: Image.Exif, pointer: int) -> dict:
    if pointer not in exif:
        return {}
    try:
        return dict(exif.get_ifd(pointer))
    except (KeyError, ValueError, OSError, SyntaxError):
        return {}
