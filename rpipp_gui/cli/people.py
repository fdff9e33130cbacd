"""``rpipp people PHOTO [--json]``: list the people found in a photo (index from 1, left to right)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from rpipp_gui.app import registry
from rpipp_gui.people.finder import unsearchable
from rpipp_gui.people.person import Person


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
        "--backend",
        default=registry.DEFAULT_PEOPLE_BACKEND,
        choices=registry.people_backend_names(),
        help="people finder (default: embedded)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rpipp_gui.app import App, ModelConfig

    app = App(ModelConfig(people_backend=args.backend))
    photo = app.open(args.photo)
    start = time.perf_counter()
    people = app.find_people(photo)
    why_not = unsearchable(*photo.size)
    if why_not is not None:
        print(f"rpipp: nobody searched for: {why_not}", file=sys.stderr)
    seconds = time.perf_counter() - start
    if args.json:
        doc = {
            "photo": str(args.photo),
            "width": photo.size[0],
            "height": photo.size[1],
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
