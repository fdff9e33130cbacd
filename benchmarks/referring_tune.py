"""Tune the resolver's cue weights on a training split (coordinate search, box-level accuracy).

Usage: python benchmarks/referring_tune.py TRAIN.json [--rounds 2]

Prints the best weights found; copy them into rpipp_gui/referring/scoring.py (CueWeights) by hand
after checking them on the validation split with benchmarks/referring_boxes.py. Objective: accuracy
on sentences with a spatial cue word plus accuracy overall (both from the training split only).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import referring_boxes as rb  # noqa: E402

from rpipp_gui.referring.scoring import CUE_WEIGHTS  # noqa: E402

GRID = {
    "horizontal_mix": [0.0, 0.3, 0.6, 0.8, 1.0],
    "extreme": [0.0, 0.5, 1.0, 2.0],
    "vertical": [0.5, 1.0, 1.5, 2.5],
    "depth": [1.0, 2.0, 3.0],
    "depth_area": [0.2, 0.4, 0.6, 0.8, 1.0],
    "size": [0.5, 1.0, 2.0],
    "age": [0.0, 0.2, 0.4, 0.8],
    "posture": [0.0, 0.4, 0.8, 1.6],
    "relation": [0.5, 1.0, 2.0, 3.0],
    "partial": [0.0, 0.5, 1.0],
}


def objective(groups, weights) -> tuple[float, dict]:
    s = rb.evaluate(groups, weights=weights)
    cue = s["cue_correct"] / max(s["cue_total"], 1)
    overall = s["correct"] / max(s["total"], 1)
    return cue + overall, s


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annotations")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    groups = rb.load_groups(args.annotations)
    best = CUE_WEIGHTS
    best_score, _ = objective(groups, best)
    print(f"start {best_score:.4f}", flush=True)
    for _ in range(args.rounds):
        for name, values in GRID.items():
            for value in values:
                trial = replace(best, **{name: value})
                score, s = objective(groups, trial)
                if score > best_score + 1e-6:
                    best, best_score = trial, score
                    print(
                        f"{name}={value}: {score:.4f} (cue {s['cue_correct'] / s['cue_total']:.4f}, "
                        f"all {s['correct'] / s['total']:.4f})",
                        flush=True,
                    )
    print("best:", {k: getattr(best, k) for k in GRID})
    return 0


if __name__ == "__main__":
    sys.exit(main())
