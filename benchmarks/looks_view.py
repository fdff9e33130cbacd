"""Which way each annotated person faces (front / profile / back), as the resolver reads it.

Usage: python benchmarks/looks_view.py [DIR ...] [--finder] [--cache DIR] [-v]

For every annotated person (``view`` column of ``people.tsv``: front, side, back; crowds left out) in
``../shared/data/real_people`` (the dev photos the reader was tuned on) and
``benchmarks/data/real_people_more`` (not tuned on), the view is read as the resolver reads it
(``looks.PhotoLooks.get(i, "view")``), the people of a photo being:
- the annotated boxes (no mask, face or keypoints), by default;
- with ``--finder``, the people finder's people (masks, faces, keypoints), each annotated person
  matched to a found one by box IoU >= 0.5 (unmatched: "not found", left out of the accuracy).
  ``--cache DIR`` keeps the finder's people per photo there (pickles), so a rerun skips the finder.

Prints accuracy per class and a confusion table (rows: annotated; columns: read, "?" = unknown) per
folder. The calibration photos of real_people_more (``left*.jpg``, ``right*.jpg``: a man holding a
chessboard in front of his face) are annotated ``back`` by the "face not visible" rule although he
faces the camera; they are reported apart and not in the folder's table.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rpipp_gui.imaging import load_image  # noqa: E402
from rpipp_gui.people.annotations import read_people  # noqa: E402
from rpipp_gui.people.person import Person, box_iou  # noqa: E402
from rpipp_gui.referring.looks import PhotoLooks  # noqa: E402

DIRS = (ROOT.parent / "shared" / "data" / "real_people", ROOT / "benchmarks" / "data" / "real_people_more")
CLASSES = ("front", "profile", "back")
READ = (*CLASSES, "?")


def _calibration(photo: str) -> bool:
    return photo.startswith(("left", "right"))


def _finder_people(path: Path, rgb, cache: Path | None) -> list[Person]:
    if cache is not None:
        f = cache / f"{path.parent.name}_{path.stem}.pkl"
        if f.is_file():
            with open(f, "rb") as fh:
                return pickle.load(fh)
    from rpipp_gui.app import App, ModelConfig

    app = _finder_people.__dict__.setdefault("app", App(ModelConfig()))
    people = app.find_people(app.open(path))
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        with open(f, "wb") as fh:
            pickle.dump(people, fh)
    return people


def read_views(d: Path, finder: bool, cache: Path | None, verbose: bool) -> list[tuple[str, str, str]]:
    """(photo id, annotated view, read view) of each annotated person of folder ``d``."""
    out = []
    for photo, annotated in read_people(d / "people.tsv").items():
        annotated = [a for a in annotated if not a.crowd]
        rgb = load_image(d / photo).rgb
        people = _finder_people(d / photo, rgb, cache) if finder else [Person(box=a.box) for a in annotated]
        looks = PhotoLooks(rgb, people)
        for k, a in enumerate(annotated):
            if finder:
                ious = [box_iou(a.box, p.box) for p in people]
                k = max(range(len(people)), key=ious.__getitem__) if people else -1
                if k < 0 or ious[k] < 0.5:
                    out.append((f"{photo} {a.id}", _label(a.view), "not found"))
                    continue
            g = looks.get(k, "view")
            got = g.value if g.known else "?"
            out.append((f"{photo} {a.id}", _label(a.view), got))
            if verbose:
                mark = "ok " if got == _label(a.view) else "BAD"
                fits = " ".join(f"{v[0][0]}{v[1]:.2f}" for v in g.scores)
                ev = looks.view_evidence(k)
                ev = " ".join(f"{f}={v:.2f}" for f, v in vars(ev).items() if v is not None)
                print(f"  {mark} {photo:15s} {a.id:4s} {_label(a.view):7s} read {got:7s} {fits:14s} {ev}")
    return out


def _label(view: str) -> str:
    return "profile" if view == "side" else view


def report(name: str, rows: list[tuple[str, str, str]]) -> None:
    missed = sum(r[2] == "not found" for r in rows)
    rows = [r for r in rows if r[2] != "not found"]
    right = sum(r[1] == r[2] for r in rows)
    n = len(rows)
    print(
        f"{name}: {right}/{n} = {right / max(n, 1):.2f} right" + (f"; {missed} not found" if missed else "")
    )
    print(f"  {'annotated':10s}" + "".join(f"{c:>9s}" for c in READ) + "    right")
    for c in CLASSES:
        mine = [r for r in rows if r[1] == c]
        counts = [sum(r[2] == v for r in mine) for v in READ]
        ok = counts[CLASSES.index(c)]
        print(
            f"  {c:10s}"
            + "".join(f"{v:9d}" for v in counts)
            + f"    {ok}/{len(mine)} = {ok / max(len(mine), 1):.2f}"
        )


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=list(DIRS))
    ap.add_argument("--finder", action="store_true", help="read on the people finder's people")
    ap.add_argument("--cache", type=Path, help="keep the finder's people per photo here")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    print(f"people from {'the people finder' if args.finder else 'the annotated boxes'}")
    for d in args.dirs:
        rows = read_views(d, args.finder, args.cache, args.verbose)
        report(d.name, [r for r in rows if not _calibration(r[0])])
        calib = [r for r in rows if _calibration(r[0])]
        if calib:
            report(f"{d.name} calibration photos (chessboard over the face, annotated back)", calib)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
