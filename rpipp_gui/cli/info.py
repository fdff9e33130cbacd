"""``rpipp info PHOTO [--json]``: size, format, frames and the metadata a photo carries."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from rpipp_gui.cli.parsing import one_line_errors
from rpipp_gui.imaging import ImageInfo, read_info


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "info",
        help="show a photo's size, format and the metadata it carries (EXIF, GPS, XMP, ...)",
        description="Show a photo's size, format, frames and which metadata it carries. "
        "Reads the header only.",
    )
    one_line_errors(p)
    p.add_argument("photo", type=Path, help="the photo file")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    info = read_info(args.photo)
    if info.damage:
        print(f"rpipp: warning: {args.photo} is damaged: {info.damage}", file=sys.stderr)
    print(json.dumps(info_as_dict(info), indent=2) if args.json else format_info(info))
    return 0


def info_as_dict(info: ImageInfo) -> dict:
    """JSON-safe dict of every ImageInfo field plus display size, megapixels and metadata_found."""
    d = asdict(info)
    d["display_width"], d["display_height"] = info.display_size
    d["megapixels"] = round(info.megapixels, 3)
    d["metadata_found"] = list(info.metadata_found)
    return d


def _present(flag: bool) -> str:
    return "present" if flag else "absent"


def format_info(info: ImageInfo) -> str:
    """Human-readable multi-line summary, one fact per line ("GPS: present")."""
    dw, dh = info.display_size
    size = f"{info.width} x {info.height} ({info.megapixels:.1f} MP)"
    if (dw, dh) != (info.width, info.height) or info.orientation != 1:
        size += f", shown as {dw} x {dh} (EXIF orientation {info.orientation})"
    exif = _present(info.has_exif) + (f" ({info.exif_tags_count} tags)" if info.has_exif else "")
    lines = [
        f"{info.path}",
        f"  size: {size}",
        f"  format: {info.format}, mode {info.mode}, {info.frames} frame{'s' if info.frames != 1 else ''}",
        f"  file size: {info.file_size} bytes",
        f"  EXIF: {exif}",
        f"  GPS: {_present(info.has_gps)}",
        f"  XMP: {_present(info.has_xmp)}",
        f"  IPTC: {_present(info.has_iptc)}",
        f"  maker note: {_present(info.has_maker_note)}",
        f"  comment: {_present(info.has_comment)}",
        f"  ICC profile: {_present(info.has_icc)}",
        f"  metadata found: {', '.join(info.metadata_found) or 'none'}",
    ]
    if info.damage:
        lines.insert(4, f"  damage: {info.damage}")
    return "\n".join(lines)
