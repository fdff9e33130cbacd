"""Argument helpers shared by sub-commands: value types with clear messages, one-line usage errors."""

from __future__ import annotations

import argparse
import math
import sys
from typing import NoReturn

EXIT_USAGE = 2


def one_line_errors(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Make ``parser`` report a usage error as one stderr line (what and why) and exit 2, instead
    of argparse's multi-line usage dump."""

    def error(message: str) -> NoReturn:
        print(f"{parser.prog}: error: {message} (see {parser.prog} --help)", file=sys.stderr)
        sys.exit(EXIT_USAGE)

    parser.error = error  # type: ignore[method-assign]
    return parser


def _number(text: str) -> float:
    """A finite float; "inf", "nan" and numbers too large for a float are refused."""
    try:
        value = float(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from e
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def unit_float(text: str) -> float:
    """argparse type: a number in 0..1."""
    value = _number(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is outside 0..1")
    return value


def non_negative_float(text: str) -> float:
    """argparse type: a number >= 0."""
    value = _number(text)
    if not value >= 0.0:
        raise argparse.ArgumentTypeError(f"{text} is negative")
    return value


def count_int(text: str, lo: int = 0, hi: int = 10**9) -> int:
    """A whole number in lo..hi."""
    try:
        value = int(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from e
    if not lo <= value <= hi:
        raise argparse.ArgumentTypeError(f"{text} is outside {lo}..{hi}")
    return value


def non_negative_int(text: str) -> int:
    """argparse type: a whole number >= 0."""
    return count_int(text, 0)


def positive_int(text: str) -> int:
    """argparse type: a whole number >= 1."""
    return count_int(text, 1)


# Widest soft edge ``--feather`` accepts: wider than any photo's subject needs, small enough that the
# feathering's distance transform and crop padding stay bounded.
MAX_FEATHER_PX = 1000.0


def feather_px(text: str) -> float:
    """argparse type: a soft-edge width in pixels, 0..MAX_FEATHER_PX."""
    value = non_negative_float(text)
    if value > MAX_FEATHER_PX:
        raise argparse.ArgumentTypeError(f"{text} px is wider than the {MAX_FEATHER_PX:g} px limit")
    return value


def percent_int(text: str) -> int:
    """argparse type: a whole number in 1..100."""
    try:
        value = int(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from e
    if not 1 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text} is outside 1..100")
    return value


# Names a user may give for a solid fill, as (R, G, B).
COLOR_NAMES: dict[str, tuple[int, int, int]] = {
    "black": (0, 0, 0), "white": (255, 255, 255), "gray": (128, 128, 128), "grey": (128, 128, 128),
    "red": (200, 30, 30), "green": (40, 140, 60), "blue": (30, 60, 200), "yellow": (240, 200, 40),
    "orange": (240, 130, 30), "purple": (120, 50, 160), "pink": (240, 150, 180), "brown": (120, 80, 40),
}  # fmt: skip


def rgb_color(text: str) -> tuple[int, int, int]:
    """argparse type: a colour as "#RRGGBB", "RRGGBB", "R,G,B" (0..255 each) or a name ("black",
    "gray", ...). Returns (R, G, B) ints in 0..255."""
    t = text.strip().lower()
    if t in COLOR_NAMES:
        return COLOR_NAMES[t]
    hexa = t[1:] if t.startswith("#") else t
    if len(hexa) == 6 and all(c in "0123456789abcdef" for c in hexa):
        return int(hexa[0:2], 16), int(hexa[2:4], 16), int(hexa[4:6], 16)
    parts = [part.strip() for part in t.split(",")]
    if len(parts) == 3 and all(part.isdigit() for part in parts):
        values = tuple(int(part) for part in parts)
        if all(v <= 255 for v in values):
            return values  # type: ignore[return-value]
        raise argparse.ArgumentTypeError(f"{text!r}: each of R,G,B must be 0..255")
    names = ", ".join(sorted(COLOR_NAMES))
    raise argparse.ArgumentTypeError(f"{text!r} is not a colour: use #RRGGBB, R,G,B or one of {names}")
