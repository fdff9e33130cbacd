"""How steady the people finder is: its recall on copies of the annotated real photos changed the
way photos we have not seen differ from them.

    .venv/bin/python benchmarks/people_jitter.py [DIR ...] [--change NAME ...]

Changes (``CHANGES``): mirrored, half and 1.5x the size, half as bright, saved as JPEG at quality
35 and 95, and 2 pixels cropped off the top and left. For each change it prints the large and medium
people found of those annotated, the false people and duplicates (as ``people_real.py`` scores), and
each photo where someone is missed or false. A finder tuned on the photos themselves finds a few
people only just (stop 25: the "more" photos' chessboard man, a box-only body scoring 0.12-0.37,
was lost by cropping 2 pixels); these figures are nearer what photos we have not seen will give.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageEnhance

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rpipp_gui.people.annotations import Annotated, read_people, score_photo  # noqa: E402
from rpipp_gui.people.person import Box  # noqa: E402

DEFAULT = [ROOT.parent / "shared" / "data" / "real_people", ROOT / "benchmarks" / "data" / "real_people_more"]


def _jpeg(im: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def _scaled(im: Image.Image, boxes: list[Box], s: float) -> tuple[Image.Image, list[Box]]:
    w, h = im.size
    out = im.resize((round(w * s), round(h * s)), Image.Resampling.LANCZOS)
    return out, [(b[0] * s, b[1] * s, b[2] * s, b[3] * s) for b in boxes]


def _mirrored(im: Image.Image, boxes: list[Box]) -> tuple[Image.Image, list[Box]]:
    w = im.size[0]
    return im.transpose(Image.Transpose.FLIP_LEFT_RIGHT), [(w - b[2], b[1], w - b[0], b[3]) for b in boxes]


def _cropped(im: Image.Image, boxes: list[Box], px: int = 2) -> tuple[Image.Image, list[Box]]:
    w, h = im.size
    return im.crop((px, px, w, h)), [(b[0] - px, b[1] - px, b[2] - px, b[3] - px) for b in boxes]


Change = Callable[[Image.Image, list[Box]], tuple[Image.Image, list[Box]]]
CHANGES: dict[str, Change] = {
    "mirror": _mirrored,
    "half": lambda im, b: _scaled(im, b, 0.5),
    "larger": lambda im, b: _scaled(im, b, 1.5),
    "dark": lambda im, b: (ImageEnhance.Brightness(im).enhance(0.5), b),
    "jpeg35": lambda im, b: (_jpeg(im, 35), b),
    "jpeg95": lambda im, b: (_jpeg(im, 95), b),
    "crop2": _cropped,
}


def run(folder: Path, name: str, finder) -> tuple[int, int, int, int]:
    """(found, annotated large and medium people, false, duplicates) of ``folder`` under change ``name``."""
    found = total = false = dup = 0
    for photo, people in read_people(folder / "people.tsv").items():
        im, boxes = CHANGES[name](Image.open(folder / photo).convert("RGB"), [p.box for p in people])
        moved: list[Annotated] = [dataclasses.replace(p, box=b) for p, b in zip(people, boxes, strict=True)]
        rgb = np.asarray(im)
        result = finder.set_image(rgb)
        union = np.zeros(rgb.shape[:2], bool)
        for person in result:
            union |= person.mask
        score = score_photo(moved, [p.box for p in result], union)
        lm = [(a, hit) for a, hit in zip(score.people, score.found, strict=True) if a.size != "small"]
        total += len(lm)
        found += sum(hit for _, hit in lm)
        false += len(score.false)
        dup += len(score.duplicates)
        missed = [a.id for a, hit in lm if not hit]
        if missed or score.false:
            print(f"  {name} {photo}: missed {missed}, false {len(score.false)}")
    return found, total, false, dup


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--change", nargs="*", choices=sorted(CHANGES), default=list(CHANGES))
    args = ap.parse_args()
    from rpipp_gui.people.finder import PeopleFinder

    finder = PeopleFinder()
    for folder in args.dirs:
        print(f"== {folder.name}")
        for name in args.change:
            found, total, false, dup = run(folder, name, finder)
            print(f"{name}: large+medium {found}/{total}, false {false}, duplicates {dup}", flush=True)


if __name__ == "__main__":
    main()
