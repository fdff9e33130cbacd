"""What one boolean ``verdict.VerdictOptions`` rule changes, sentence by sentence, on every set.

Usage: python benchmarks/verdict_toggle.py [--field near_alone] [SET ...]

SET: dev, more, pkg, pkg2, pkg3, pkg4, pkg5 (default all). For each set, the people are found once
(finder, and annotated boxes) and each sentence (sentences.tsv plain and --boxes, the descriptions
of people.tsv, the no-target table) is decided twice, with the field on and off, as
``referring_real.py`` judges it. Prints every sentence whose result differs, every sentence whose
colour cue rested on near pixels alone (``scoring.ColourReading.near_only``, the cue of
``near_alone``, issue-13ad), and per set the totals with the rule off and on. Faster than two
``/tmp/refall.sh`` runs (the finder runs once per photo), and it names what moved.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import referring_real as rr  # noqa: E402

from rpipp_gui.app.wording import summary  # noqa: E402
from rpipp_gui.errors import NoMatchError  # noqa: E402
from rpipp_gui.referring import scoring  # noqa: E402
from rpipp_gui.referring import verdict as vd  # noqa: E402

SETS = ["dev", "more", "pkg", "pkg2", "pkg3", "pkg4", "pkg5"]


def folders(name: str) -> tuple[Path, Path]:
    """(photo folder, no-target table) of a set."""
    if name == "dev":
        return rr.DATA, rr.NO_TARGET
    data = ROOT / "benchmarks" / "data" / f"real_people_{name}"
    table = (
        ROOT / "benchmarks" / "data" / "referring_no_target_more.tsv"
        if name == "more"
        else data / "no_target.tsv"
    )
    return data, table


class Toggle:
    """Decides a sentence with ``field`` off and on; remembers near-only colour readings."""

    def __init__(self, field: str):
        self.on = replace(vd.VERDICT_OPTIONS, **{field: True})
        self.off = replace(vd.VERDICT_OPTIONS, **{field: False})
        self.near: list[tuple[str, ...]] = []
        reading = scoring.colour_reading

        def spy(*a, **k):
            r = reading(*a, **k)
            if r.near_only and r.near:
                self.near.append(r.near)
            return r

        scoring.colour_reading = spy  # looked up at call time by score_people

    def both(self, decide, *args) -> dict:
        out = {}
        for key, options in (("off", self.off), ("on", self.on)):
            vd.single.__defaults__ = (options,)  # the resolver calls single() with its default
            self.near.clear()
            out[key] = decide(*args)
            out["near"] = tuple(self.near)
        vd.single.__defaults__ = (vd.VERDICT_OPTIONS,)
        return out


def positive(app, context, sentence: str, targets: list[tuple]) -> tuple[str, str]:
    d = app.decide(sentence, context)
    if d.verdict != "matched":
        return "asks", summary(d)
    ok, _ = rr.judge(d.mask, targets)
    return ("right" if ok else "wrong"), summary(d)


def no_target(app, context, sentence: str) -> tuple[str, str]:
    try:
        return "SILENT", summary(rr.decide(app, context, sentence))
    except NoMatchError as e:
        return "asks", str(e)


def run_set(name: str, toggle: Toggle) -> dict:
    data, table = folders(name)
    rows = rr.read_tsv(data / "people.tsv")
    people: dict[str, dict[str, tuple]] = {}
    for row in rows:
        people.setdefault(row[0], {})[row[1]] = tuple(float(v) for v in row[2:6])
    totals: dict = {}

    def count(part: str, r: dict, label: str) -> None:
        for key in ("off", "on"):
            totals[(part, r[key][0], key)] = totals.get((part, r[key][0], key), 0) + 1
        if r["near"] or r["off"][0] != r["on"][0]:
            moved = f"off {r['off'][0]} -> on {r['on'][0]}"
            print(f"[{name} {part}] near-only {r['near']} {label}: {moved} | {r['on'][1]}")

    for mode in ("plain", "boxes"):
        cache: dict = {}
        for photo, sentence, ids in rr.read_tsv(data / "sentences.tsv"):
            boxes = list(people[photo].values()) if mode == "boxes" else None
            app, context, _ = rr.engine_for(data / photo, boxes, cache)
            targets = [people[photo][t.strip()] for t in ids.split(",")]
            count(mode, toggle.both(positive, app, context, sentence, targets), f"{photo} {sentence!r}")
        if mode != "plain":
            continue
        for row in rows:
            if len(row) > 10 and row[9] != "yes":
                app, context, _ = rr.engine_for(data / row[0], None, cache)
                target = [tuple(float(v) for v in row[2:6])]
                r = toggle.both(positive, app, context, row[10], target)
                count("descs", r, f"{row[0]} {row[10]!r}")
        for photo, sentence, _ in rr.read_tsv(table):
            app, context, _ = rr.engine_for(data / photo, None, cache)
            count("no-target", toggle.both(no_target, app, context, sentence), f"{photo} {sentence!r}")
    return totals


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--field", default="near_alone", help="a boolean field of verdict.VerdictOptions")
    ap.add_argument("sets", nargs="*", metavar="SET", help=f"one of {', '.join(SETS)} (default all)")
    args = ap.parse_args(argv)
    if set(args.sets) - set(SETS):
        ap.error(f"unknown set: {', '.join(sorted(set(args.sets) - set(SETS)))}")
    toggle = Toggle(args.field)
    for name in args.sets or SETS:
        totals = run_set(name, toggle)
        line = ", ".join(f"{p} {kind} {k}={v}" for (p, kind, k), v in sorted(totals.items()))
        print(f"== {name}: {line}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
