"""The stripe reading (``rpipp_gui.referring.stripes``) on every person the finder returns in real
photos, next to what the annotation's description says they wear.

Usage: python benchmarks/stripes_real.py [--data DIR ...] [--video vtest.avi --frames 180 185 ...]

Each finder person is matched to the annotated box it overlaps most (IoU) in ``DIR/people.tsv``; its
description gives the label: "striped" (says striped), "patterned" (Hawaiian, patterned), "two-tone"
(a red-and-navy jacket: colour blocks, not stripes) or "plain". ``--video`` adds frames of a video
(e.g. OpenCV's vtest.avi, where the striped man of vtest_0200 walks from frame ~150 to ~220) whose
people are unannotated and printed as "frame". Prints one row per person, strongest first within each
label, and per label the strongest reading and how many read as striped (fit > 0). Default data:
../shared/data/real_people and benchmarks/data/real_people_more (about two minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rpipp_gui.app import App, ModelConfig  # noqa: E402
from rpipp_gui.referring import colors  # noqa: E402
from rpipp_gui.referring.stripes import StripeReading, stripe_reading  # noqa: E402

DATA = [ROOT.parent / "shared" / "data" / "real_people", ROOT / "benchmarks" / "data" / "real_people_more"]


def label(desc: str) -> str:
    d = desc.lower()
    if "strip" in d:
        return "striped"
    if "hawaiian" in d or "pattern" in d:
        return "patterned"
    if "red-and-navy" in d:
        return "two-tone"
    return "plain"


def iou(a, b) -> float:
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    inter = max(0.0, x1 - x0) * max(0.0, y1 - y0)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def read_people(app: App, path: Path):
    context = app.open(path)
    return context.rgb, app.find_people(context)


def row(kind: str, name: str, i: int, ann: str, person, r: StripeReading | None) -> tuple:
    """(label, -strength for sorting, printed line, striped fit)."""
    text = (
        f"{r.strength:.2f} fit {r.fit():.2f}  E {r.energy:.2f} R {r.periodicity:.2f} period {r.period:2d}"
        f" bands {r.bands:4.1f} {'V' if r.vertical else 'H'}{r.angle:+.1f}"
        if r
        else "-- (too small)"
    )
    strength = r.strength if r else -1.0
    fit = r.fit() if r else 0.0
    return kind, -strength, f"{kind:9s} {name:15s} #{i + 1} {ann:4s} h={person.height:4.0f} {text}", fit


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, nargs="*", default=DATA)
    ap.add_argument("--video", type=Path, default=None)
    ap.add_argument("--frames", type=int, nargs="*", default=[])
    args = ap.parse_args(argv)
    app = App(ModelConfig())
    rows = []
    for folder in args.data:
        ann: dict[str, list] = {}
        with open(folder / "people.tsv", encoding="utf-8") as f:
            for r in list(csv.reader(f, delimiter="\t"))[1:]:
                if r and not r[0].startswith("#"):
                    ann.setdefault(r[0], []).append((r[1], tuple(map(float, r[2:6])), r[10]))
        for name in sorted(ann):
            image, people = read_people(app, folder / name)
            for i, p in enumerate(people):
                pid, _, desc = max(ann[name], key=lambda a: iou(a[1], p.box))
                r = stripe_reading(image, p.mask, p.box, colors.body_bands(p)[0])
                rows.append(row(label(desc), name, i, pid, p, r))
    if args.video is not None:
        import tempfile

        import cv2

        cap = cv2.VideoCapture(str(args.video))
        with tempfile.TemporaryDirectory() as tmp:
            for n in args.frames:
                cap.set(cv2.CAP_PROP_POS_FRAMES, n)
                ok, frame = cap.read()
                if not ok:
                    continue
                path = Path(tmp) / f"frame_{n:04d}.png"
                cv2.imwrite(str(path), frame)
                image, people = read_people(app, path)
                for i, p in enumerate(people):
                    r = stripe_reading(image, p.mask, p.box, colors.body_bands(p)[0])
                    rows.append(row("frame", path.name, i, "-", p, r))
    rows.sort()
    for _, _, text, _ in rows:
        print(text)
    for kind in sorted({r[0] for r in rows}):
        mine = [r for r in rows if r[0] == kind]
        strongest = max(-r[1] for r in mine)
        striped = sum(r[3] > 0 for r in mine)
        print(f"{kind:9s}: {len(mine)} people, strongest {strongest:.2f}, read striped (fit > 0) {striped}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
