"""``rpipp people PHOTO [--json]``: list the people found in a photo (index from 1, left to right)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rpipp_gui.people import BACKENDS, Person


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "people",
        help="list the people found in a photo (box, face, score)",
        description="Find every person in a photo, offline, and list them left to right: index "
        "(from 1), box, face box, detection score and which model found them.",
    )
    p.add_argument("photo", type=Path, help="the photo file")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    p.add_argument(
        "--backend", default="embedded", choices=sorted(BACKENDS), help="people finder (default: embedded)"
    )
    p.set_defaults(func=run)


@dataclass(frozen=True)
class SearchableSize:
    """The photos the people finder is run on at all; others hold nobody it could find.

    min_side:   shortest side in pixels (a 1x2000 strip has no room for a person).
    max_aspect: longest side / shortest side; the finder shrinks the long side to its working size,
                which leaves a strip of 3000x16 under two pixels high.
    """

    min_side: int = 16
    max_aspect: float = 32.0


SEARCHABLE = SearchableSize()


def unsearchable(width: int, height: int, limits: SearchableSize = SEARCHABLE) -> str | None:
    """Why a ``width`` x ``height`` photo is not searched for people, or None when it is."""
    short, long = min(width, height), max(width, height)
    if short < limits.min_side:
        return f"a {width}x{height} photo is too small to hold a person (under {limits.min_side} px)"
    if long > limits.max_aspect * short:
        return f"a {width}x{height} photo is too narrow to hold a person (over {limits.max_aspect:g}:1)"
    return None


def run(args: argparse.Namespace) -> int:
    from rpipp_gui.imaging import load_image
    from rpipp_gui.people import PeopleFinder
    from rpipp_gui.people.mp_models import quiet_native_stderr

    image = load_image(args.photo)
    start = time.perf_counter()
    why_not = unsearchable(*image.size)
    if why_not is not None:
        people = []
        print(f"rpipp: nobody searched for: {why_not}", file=sys.stderr)
    else:
        with quiet_native_stderr():  # MediaPipe's C++ start-up chatter
            people = PeopleFinder(args.backend).set_image(image.rgb)
    seconds = time.perf_counter() - start
    if args.json:
        doc = {
            "photo": str(args.photo),
            "width": image.size[0],
            "height": image.size[1],
            "seconds": round(seconds, 3),
            "people": [person_as_dict(i, p) for i, p in enumerate(people, start=1)],
        }
        if why_not is not None:
            doc["not_searched"] = why_not
        print(json.dumps(doc, indent=2))
    else:
        print(format_people(str(args.photo), people, seconds))
    return 0


def _box(box) -> list[int] | None:
    return None if box is None else [round(v) for v in box]


def person_as_dict(index: int, person: Person) -> dict:
    """JSON-safe summary of one person: index, box and face_box as [x0, y0, x1, y1] pixels, score,
    source and the mask's pixel count."""
    return {
        "index": index,
        "box": _box(person.box),
        "face_box": _box(person.face_box),
        "score": round(float(person.score), 3),
        "source": person.source,
        "mask_pixels": int(person.mask.sum()) if person.mask is not None else 0,
        "has_keypoints": person.keypoints is not None,
    }


def _fmt_box(box) -> str:
    x0, y0, x1, y1 = (round(v) for v in box)
    return f"{x0},{y0} {x1 - x0}x{y1 - y0}"


def format_people(photo: str, people: list[Person], seconds: float) -> str:
    """One header line, then one line per person: "#1  box X,Y WxH  face X,Y WxH  score S  SOURCE"."""
    noun = "person" if len(people) == 1 else "people"
    lines = [f"{photo}: {len(people)} {noun} found in {seconds:.2f} s"]
    for i, p in enumerate(people, start=1):
        face = _fmt_box(p.face_box) if p.face_box is not None else "-"
        lines.append(f"  #{i}  box {_fmt_box(p.box)}  face {face}  score {p.score:.2f}  {p.source}")
    return "\n".join(lines)
