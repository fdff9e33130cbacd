"""Where the box-level referring misses are, by what the sentence's place words say.

Usage: python benchmarks/referring_audit.py ANN.json [--split dev|heldout|all] [--examples N]

Every sentence with a spatial cue word (as in ``referring_boxes.py``: same candidates, same rule for a
correct answer) goes into one class by what the parsed query says about place: a side alone ("man on
the left"; split by whether the target is the farthest person on that side by box centre or the k-th),
the middle alone, front/back alone, top/bottom alone, an order ("second from the right"), a row, a
relation to another person, several place words, or no place at all (the cue word is not used as a
place: "red top", "back to us", "right of the umbrella"). Prints the count and the resolver's accuracy
per class, then what the cue accuracy would be if every class were solved perfectly except the two that
boxes cannot decide: a side alone when the target is not the farthest on that side (what sets them apart
from the farthest one is their looks: "woman on the left" when a man stands further left) and no place
at all. Those two keep the resolver's own accuracy, so the figure is an optimistic ceiling for any
box-only resolver built on this parse.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from referring_boxes import SPLITS, has_cue, load_groups  # noqa: E402

from rpipp_gui.referring import Person, resolve  # noqa: E402
from rpipp_gui.referring.query import Query  # noqa: E402

# Classes whose misses boxes cannot decide (see the module docstring).
UNDECIDABLE = ("side alone, not the farthest", "no place")


def place_class(q: Query, boxes: np.ndarray, target: int) -> str:
    """The class of a cue sentence's parsed query; boxes: Nx4 (x0, y0, x1, y1) of the candidates."""
    sides = set(q.horizontal)
    if q.relation:
        return "relation to a person"
    if q.row:
        return "row"
    if q.ordinal is not None:
        return "order"
    if len(sides) == 1 and not (q.vertical or q.depth):
        side = next(iter(sides))
        if side == "center":
            return "middle alone"
        cx = (boxes[:, 0] + boxes[:, 2]) / 2
        further = int((cx < cx[target]).sum() if side == "left" else (cx > cx[target]).sum())
        return "side alone, farthest" if further == 0 else "side alone, not the farthest"
    if q.depth and not (sides or q.vertical):
        return "front/back alone"
    if q.vertical and not (sides or q.depth):
        return "top/bottom alone"
    if q.has_spatial:
        return "several place words"
    return "no place"


def audit(groups: list[list[dict]]) -> tuple[Counter, Counter, dict[str, list[str]]]:
    """(sentences per class, misses per class, missed sentences per class) over the cue sentences."""
    count: Counter = Counter()
    missed: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for objs in groups:
        boxes = np.array([o["bbox"] for o in objs], dtype=np.float64)
        people = [Person(box=tuple(b)) for b in boxes]
        for target, obj in enumerate(objs):
            for sent in obj["sentences"]:
                if not has_cue(sent["sent"]):
                    continue
                res = resolve(sent["sent"], people)
                ok = bool(res.selected) and res.selected[0] == target
                ok = ok and sum(1 for s in res.scores if s == res.scores[target]) == 1
                cls = place_class(res.query, boxes, target)
                count[cls] += 1
                if not ok:
                    missed[cls] += 1
                    examples[cls].append(sent["sent"])
    return count, missed, examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annotations", help="ANN.json, e.g. ../shared/data/refcoco_persons/refcoco_val.json")
    parser.add_argument("--split", choices=SPLITS, default="all")
    parser.add_argument("--examples", type=int, default=3, help="missed sentences shown per class")
    args = parser.parse_args(argv)
    count, missed, examples = audit(load_groups(args.annotations, args.split))
    total, misses = sum(count.values()), sum(missed.values())
    print(f"split: {args.split}; cue sentences: {total}; missed: {misses}; accuracy {1 - misses / total:.4f}")
    print(f"{'class':32s} {'sentences':>9s} {'share':>6s} {'missed':>6s} {'accuracy':>8s}")
    for cls in sorted(count, key=lambda c: -missed[c]):
        n, m = count[cls], missed[cls]
        print(f"{cls:32s} {n:9d} {n / total:6.1%} {m:6d} {1 - m / n:8.3f}")
        for sentence in examples[cls][: args.examples]:
            print(f"{'':34s}{sentence!r}")
    kept = sum(missed[c] for c in UNDECIDABLE)
    print(
        f"perfect on all but {' and '.join(repr(c) for c in UNDECIDABLE)}: {1 - kept / total:.4f} "
        f"({kept} misses kept); every other class would need to be solved outright for that figure"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
