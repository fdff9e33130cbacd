"""Fixture builders shared by the imaging and CLI tests (files are made by the tests themselves)."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

# Where the face is in skimage.data.astronaut() (x0, y0, x1, y1), found by eye: ~80 px wide.
ASTRONAUT_FACE = (178, 70, 258, 178)

XMP_PACKET = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Secret Person"/></rdf:RDF>'
    b'</x:xmpmeta><?xpacket end="w"?>'
)


def astronaut() -> np.ndarray:
    from skimage import data

    return data.astronaut()


def png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)


def png_bytes(
    width: int, height: int, *, bit_depth: int = 8, color_type: int = 2, raw: bytes | None = None
) -> bytes:
    """A PNG built by hand. ``raw`` is the filtered scanline data (default: all-zero rows), so a
    header may claim any size while the file stays tiny."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    if raw is None:
        channels = {0: 1, 2: 3, 4: 2, 6: 4}[color_type]
        row = 1 + width * channels * bit_depth // 8
        raw = bytes(row * min(height, 4))  # deliberately short for huge headers
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(raw))
        + png_chunk(b"IEND", b"")
    )


def png_16bit_rgb(rgb16: np.ndarray) -> bytes:
    """HxWx3 uint16 -> 16-bit RGB PNG bytes (Pillow cannot write these itself)."""
    h, w, _ = rgb16.shape
    rows = b"".join(b"\x00" + rgb16[y].astype(">u2").tobytes() for y in range(h))
    return png_bytes(w, h, bit_depth=16, color_type=2, raw=rows)


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "ACME Phones"
    exif[0x0110] = "Spy 3000"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.5), 3: "E", 4: (0.0, 7.0, 39.0)}
    return exif


def iptc_app13() -> bytes:
    """A JPEG APP13 segment with a Photoshop IPTC resource (byline 'Secret Person')."""
    byline = b"Secret Person"
    iptc = b"\x1c\x02\x50" + struct.pack(">H", len(byline)) + byline
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    if len(iptc) % 2:
        resource += b"\x00"
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def write_private_jpeg(
    path: Path, rgb: np.ndarray, *, orientation: int = 1, icc: bytes | None = None
) -> Path:
    """A JPEG carrying EXIF (with GPS and orientation), XMP, a comment and IPTC."""
    buf = io.BytesIO()
    params = {"exif": gps_exif(orientation), "xmp": XMP_PACKET, "comment": b"taken at home", "quality": 95}
    if icc:
        params["icc_profile"] = icc
    Image.fromarray(rgb).save(buf, format="JPEG", **params)
    data = buf.getvalue()
    path.write_bytes(data[:2] + iptc_app13() + data[2:])  # right after SOI
    return path


def jpeg_markers(data: bytes) -> list[int]:
    """Marker codes of a JPEG's segments up to the start of scan."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    markers, i = [], 2
    while i < len(data) - 4:
        assert data[i] == 0xFF, f"bad marker at {i}"
        marker = data[i + 1]
        markers.append(marker)
        if marker == 0xDA:
            break
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        i += 2 + length
    return markers


def png_chunk_types(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    types, i = [], 8
    while i < len(data):
        (length,) = struct.unpack(">I", data[i : i + 4])
        types.append(data[i + 4 : i + 8])
        i += 12 + length
    return types


def srgb_icc() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


PRIVATE_STRINGS = (
    b"Exif\x00\x00",
    b"ACME",
    b"Spy 3000",
    b"xmpmeta",
    b"Secret Person",
    b"taken at home",
    b"8BIM",
)


def private_strings_in(data: bytes) -> list[bytes]:
    """Which identifying byte strings of write_private_jpeg survive in ``data``."""
    return [s for s in PRIVATE_STRINGS if s in data]


def colour_scene(tops: list[tuple[int, int, int]]):
    """(HxWx3 uint8 RGB photo, people): people side by side on a mid-gray wall with a white strip
    (exposed normally: ``colors.exposure_gain`` 1), each in a top and trousers of one colour and
    given their exact mask."""
    from rpipp_gui.people.person import Person

    img = np.full((400, 200 * len(tops), 3), 150, np.uint8)
    img[:40] = 250
    people = []
    for k, colour in enumerate(tops):
        x0 = 200 * k + 40
        img[60:390, x0 : x0 + 120] = colour
        mask = np.zeros(img.shape[:2], bool)
        mask[60:390, x0 : x0 + 120] = True
        people.append(Person(box=(x0, 60, x0 + 120, 390), mask=mask))
    return img, people
