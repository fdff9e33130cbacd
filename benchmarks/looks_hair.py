"""Hair colour words on real photos: what each annotated person's description says against what the
hair reader reads on the person the finder found for them.

Usage: python benchmarks/looks_hair.py [DIR ...] [-v]

For every annotated person (not a crowd) of the folders (default: ``../shared/data/real_people`` and
every ``benchmarks/data/real_people_*`` whose photos are fetched) whose description names a hair
colour ("blonde", "grey-haired", "dark hair", "bald", ...; the word nearest the start of the
description, which describes the person themselves before anyone beside them), the people finder
runs on the photo, the found person whose box overlaps the annotated box most (IoU at least 0.3) is
taken, and ``looks.get(i, "hair")`` read on them as the resolver reads it (face, age and all).

Printed: the confusion table (rows: the description's colour; columns: the reading's best value,
"unknown", or "not found" when no found box matches), the share read right per colour, and with
``-v`` every person read otherwise with all the hair fits. The reading's best value is the strictest
view: the resolver uses every fit (a blonde read "bald 1.0, blonde 0.3" can still be picked as
blonde), so a wrong best value is not always a wrong sentence.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rpipp_gui.imaging import load_image  # noqa: E402
from rpipp_gui.people.annotations import box_iou, read_people  # noqa: E402

COLOURS = ("blonde", "gray", "red", "bald", "dark")
_LENGTHS = r"(?:(?:short|long|curly|wavy|straight|cropped|tousled|thinning|receding|tied[- ]back)[, ]+)*"
_WORDS = {
    "blonde": rf"\b(?:blonde?|platinum|fair[- ]haired|fair {_LENGTHS}hair|golden {_LENGTHS}hair)\b",
    "gray": rf"\b(?:(?:gr[ae]y(?:ing)?|white|silver)[- ]haired"
    rf"|(?:gr[ae]y(?:ing)?|white|silver) {_LENGTHS}hair)\b",
    "red": rf"\b(?:red[- ]haired|ginger|auburn|red {_LENGTHS}hair)\b",
    "bald": r"\b(?:bald(?:ing)?|shaved head)\b",
    "dark": rf"\b(?:brunette|(?:dark|black|brown)[- ]haired"
    rf"|(?:dark|black|brown|light-brown) {_LENGTHS}hair)\b",
}


def said_colour(desc: str) -> str | None:
    """The hair colour a description names first, or None."""
    hits = [(m.start(), name) for name, pat in _WORDS.items() for m in re.finditer(pat, desc.lower())]
    return min(hits)[1] if hits else None


def default_dirs() -> list[Path]:
    dirs = [ROOT.parent / "shared" / "data" / "real_people"]
    dirs += sorted((ROOT / "benchmarks" / "data").glob("real_people_*"))
    return [d for d in dirs if (d / "people.tsv").is_file()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    from rpipp_gui.people import PeopleFinder
    from rpipp_gui.referring.looks import photo_looks

    finder = PeopleFinder()
    table: Counter = Counter()
    for folder in args.dirs or default_dirs():
        for photo, annotated in read_people(folder / "people.tsv").items():
            wanted = [(a, said_colour(a.desc or "")) for a in annotated if not a.crowd]
            wanted = [(a, c) for a, c in wanted if c is not None]
            if not wanted or not (folder / photo).is_file():
                continue  # no hair word, or the photo is not fetched
            rgb = load_image(folder / photo).rgb
            people = finder.set_image(rgb)
            looks = photo_looks(rgb, people)
            for a, colour in wanted:
                overlaps = [box_iou(a.box, p.box) for p in people]
                if not overlaps or max(overlaps) < 0.3:
                    table[colour, "not found"] += 1
                    continue
                guess = looks.get(int(np.argmax(overlaps)), "hair")
                table[colour, guess.value] += 1
                if args.verbose and guess.value != colour:
                    fits = ", ".join(f"{k} {v:.2f}" for k, v in guess.scores if k in COLOURS)
                    print(f"{folder.name}/{photo} {a.id}: said {colour}, read {guess.value} ({fits})")
    columns = (*COLOURS, "unknown", "not found")
    print("said \\ read " + "".join(f"{c:>10}" for c in columns) + "   right")
    for colour in COLOURS:
        row = [table[colour, c] for c in columns]
        right = row[COLOURS.index(colour)]
        print(f"{colour:<12}" + "".join(f"{n:>10}" for n in row) + f"   {right}/{sum(row)}")
    right = sum(table[c, c] for c in COLOURS)
    print(
        f"read right: {right}/{sum(table.values())} (found people only: {right}/"
        f"{sum(v for (s, r), v in table.items() if r != 'not found')})"
    )


if __name__ == "__main__":
    main()
