"""What NanoDet sees besides people on the real sets, for the per-kind floors of
``people.things.NanoThingOptions`` (issue-13ac).

    PYTHONPATH=$PWD .venv/bin/python benchmarks/things_nanodet.py [--floor 0.15] [--sheet OUT.png] DIR ...

For each photo of each DIR's ``people.tsv`` prints NanoDet's boxes of the COCO classes
``people.things.NANO_KINDS`` names, scoring at least ``--floor`` (NMS within a class), as
``class:score@x0,y0,x1,y1``, then per kind the boxes ``find_things`` keeps with the floors now set.
Whether a box is right is judged by eye: ``--sheet`` draws every listed box, with its photo around
it, onto one contact sheet. Default DIRs: the seven real sets (dev, more, pkg .. pkg5).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rpipp_gui.people.nanodet import COCO_NAMES, shared_nanodet  # noqa: E402
from rpipp_gui.people.things import NANO_KINDS, nano_things  # noqa: E402

SETS = [ROOT.parent / "shared" / "data" / "real_people"] + [
    ROOT / "benchmarks" / "data" / f"real_people_{s}" for s in ("more", "pkg", "pkg2", "pkg3", "pkg4", "pkg5")
]
TILE = 220


def photos(folder: Path) -> list[Path]:
    """The photos of ``folder``'s people.tsv, in its order."""
    names: list[str] = []
    for line in (folder / "people.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        name = line.split("\t")[0]
        if name and not name.startswith("#") and name not in names:
            names.append(name)
    return [folder / n for n in names if (folder / n).is_file()]


def tile(rgb: np.ndarray, box, label: str) -> Image.Image:
    """The box with as much of the photo around it again, drawn red, labelled below."""
    x0, y0, x1, y1 = (int(v) for v in box)
    w, h = max(x1 - x0, 1), max(y1 - y0, 1)
    cx0, cy0 = max(0, x0 - w), max(0, y0 - h)
    crop = Image.fromarray(rgb[cy0 : y1 + h, cx0 : x1 + w])
    ImageDraw.Draw(crop).rectangle((x0 - cx0, y0 - cy0, x1 - cx0, y1 - cy0), outline=(255, 0, 0), width=3)
    crop.thumbnail((TILE, TILE))
    out = Image.new("RGB", (TILE, TILE + 20), "white")
    out.paste(crop, (0, 0))
    ImageDraw.Draw(out).text((2, TILE + 4), label, fill=(0, 0, 0))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="*", type=Path, default=SETS)
    ap.add_argument("--floor", type=float, default=0.15, help="lowest score listed, every kind")
    ap.add_argument("--sheet", type=Path, default=None, help="write a contact sheet of the listed boxes")
    args = ap.parse_args(argv)
    nanodet = shared_nanodet()
    floors = {COCO_NAMES.index(name): args.floor for name in NANO_KINDS}
    kept: Counter = Counter()
    tiles = []
    for folder in args.dirs:
        for path in photos(folder):
            rgb = np.asarray(Image.open(path).convert("RGB"))
            boxes, scores, classes = nanodet.detect_classes(rgb, floors)
            seen = [
                f"{COCO_NAMES[c]}:{s:.2f}@{','.join(str(int(v)) for v in b)}"
                for b, s, c in zip(boxes, scores, classes, strict=True)
            ]
            print(f"{folder.name}\t{path.name}\t{'  '.join(seen)}")
            for thing in nano_things(boxes, scores, classes):
                kept[thing.kind] += 1
                print(f"  kept {thing.kind} {thing.score:.2f}")
            if args.sheet is not None:
                tiles += [
                    tile(rgb, b, f"{path.name[:14]} {COCO_NAMES[c][:9]} {s:.2f}")
                    for b, s, c in zip(boxes, scores, classes, strict=True)
                ]
    print("kept with the floors now set:", dict(sorted(kept.items())) or "nothing")
    if args.sheet is not None and tiles:
        cols = 6
        sheet = Image.new("RGB", (cols * TILE, -(-len(tiles) // cols) * (TILE + 20)), "white")
        for i, t in enumerate(tiles):
            sheet.paste(t, ((i % cols) * TILE, (i // cols) * (TILE + 20)))
        sheet.save(args.sheet)
        print(f"{len(tiles)} boxes drawn on {args.sheet}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
