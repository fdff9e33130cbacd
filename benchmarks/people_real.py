"""The people finder on real photos with every person annotated (``people.tsv``, see
rpipp_gui/people/annotations.py for the format and the scoring rules).

    .venv/bin/python benchmarks/people_real.py [DIR ...] [--hide-all] [--repeat 1] [--big] [-v]

DIR: folders holding a people.tsv and its photos (default: ../shared/data/real_people; more in
benchmarks/data/real_people_more). A people_uncertain.tsv beside it lists people too unclear to
count: found boxes on them are neither hits nor false people. Prints
recall by size, by view and for people cut by the border; false people (matching nobody, mostly
outside every annotated person) and duplicates (parts of an annotated person found as a second
person); coverage (share of each annotated person's box under the union of all masks, which is
what "hide everyone" hides), the faces found with more than 5 % of their box in nobody's mask, and
seconds per photo (warm models, median of --repeat).
--hide-all: hides everyone found with each style (outline "cover", the default for people, and
"exact", the silhouette) and runs the face and body detectors on the result; prints how many
annotated people are still re-detected per style (goal: 0 with cover).
--big: also runs each photo upscaled to 12 MP at its own aspect ratio (4000x3000 for a 4:3 photo):
wall and CPU seconds (warm, second run) and recall / false people on it (found boxes and masks
scaled back to the annotated photo).
Goals (issue 12): recall >= 0.95 large+medium, >= 0.70 small; <= 1 false person over the dev photos.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rpipp_gui.people.annotations import (  # noqa: E402
    PhotoScore,
    found_union,
    open_faces,
    read_people,
    score_photo,
)

DEFAULT = ROOT.parent / "shared" / "data" / "real_people"
STYLES = ("solid", "mosaic", "noise", "inpaint", "blur")
OUTLINES = ("cover", "exact")


def _ratio(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.2f}" if total else "-"


def _group(scores: list[PhotoScore], key) -> dict[str, tuple[int, int]]:
    out: dict[str, list[int]] = {}
    for s in scores:
        for person, found in zip(s.people, s.found, strict=True):
            pair = out.setdefault(key(person), [0, 0])
            pair[0] += found
            pair[1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def redetected(rgb: np.ndarray, annotated, protected: np.ndarray) -> list[str]:
    """Ids of annotated (non-crowd) people that the privacy check still finds in ``protected``
    (told which pixels protection changed, as the export's check is)."""
    from rpipp_gui.people.privacy import find_visible

    changed = np.any(protected != rgb, axis=2)
    hits = find_visible(protected, [a.box for a in annotated if not a.crowd], hidden=changed)
    people = [a for a in annotated if not a.crowd]
    return [people[i].id for i in hits]


def finder_options(changes: list[str]):
    """FinderOptions with ``FIELD=VALUE`` changes (values parsed as the field's type)."""
    import dataclasses

    from rpipp_gui.people import FinderOptions

    options = FinderOptions()
    for change in changes:  # FIELD=VALUE, or PART.FIELD=VALUE for body, body_mask
        name, _, text = change.partition("=")
        part, _, field = name.rpartition(".")
        inner = getattr(options, part) if part else options
        kind = type(getattr(inner, field))
        value = (text.lower() in ("1", "true", "yes")) if kind is bool else kind(text)
        inner = dataclasses.replace(inner, **{field: value})
        options = dataclasses.replace(options, **{part: inner}) if part else inner
    return options


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--hide-all", action="store_true")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--big", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="a FinderOptions field to change, e.g. --set fine_face_side=0 or "
        "--set body.accept=0.4 (repeatable)",
    )
    args = ap.parse_args()

    from rpipp_gui.imaging.styles import StyleOptions, apply_style
    from rpipp_gui.people import PeopleFinder

    finder = PeopleFinder(options=finder_options(args.set))
    finder.warm_up()
    scores: list[PhotoScore] = []
    times: list[float] = []
    big_times: list[float] = []
    big_cpu: list[float] = []
    big_scores: list[PhotoScore] = []
    left: dict[tuple[str, str], int] = {(o, s): 0 for o in OUTLINES for s in STYLES}
    open_total = [0, 0]  # faces found partly in nobody's mask, faces found
    for folder in args.dirs:
        extra = folder / "people_uncertain.tsv"
        uncertain = read_people(extra) if extra.exists() else {}
        for photo, annotated in read_people(folder / "people.tsv").items():
            rgb = np.asarray(Image.open(folder / photo).convert("RGB"))
            runs = []
            for _ in range(max(1, args.repeat)):
                t0 = time.perf_counter()
                people = finder.set_image(rgb)
                runs.append(time.perf_counter() - t0)
            times.append(statistics.median(runs))
            union = found_union(people, rgb.shape[:2])
            score = score_photo(annotated, [p.box for p in people], union, uncertain.get(photo, []))
            scores.append(score)
            faces_open, faces = open_faces(people, union)
            open_total[0] += faces_open
            open_total[1] += faces
            missed = [a.id for a, f in zip(score.people, score.found, strict=True) if not f]
            line = (
                f"{photo}: {len(people)} found, {sum(score.found)}/{len(score.people)} matched, "
                f"missed {missed}, false {len(score.false)}, duplicates {len(score.duplicates)}, "
                f"{times[-1]:.2f} s"
            )
            if args.hide_all:
                gone = []
                for outline in OUTLINES:
                    for style in STYLES:
                        protected = apply_style(rgb, union, StyleOptions(style=style, outline=outline))
                        ids = redetected(rgb, annotated, protected)
                        left[outline, style] += len(ids)
                        if ids and outline == "cover":
                            gone.append(f"{style}: {ids}")
                line += f"; re-detected {gone or 'none'}"
            print(line)
            if args.verbose:
                for j in score.false + score.duplicates:
                    kind = "false" if j in score.false else "duplicate"
                    p = people[j]
                    print(f"    {kind}: {tuple(round(v) for v in p.box)} {p.source} {p.score:.2f}")
            if args.big:
                big = np.asarray(Image.fromarray(rgb).resize(big_size(*rgb.shape[:2]), Image.BICUBIC))
                finder.set_image(big)
                t0, c0 = time.perf_counter(), time.process_time()
                big_people = finder.set_image(big)
                big_times.append(time.perf_counter() - t0)
                big_cpu.append(time.process_time() - c0)
                big_scores.append(_score_big(big_people, rgb.shape[:2], annotated, uncertain.get(photo, [])))
                s = big_scores[-1]
                missed = [a.id for a, f in zip(s.people, s.found, strict=True) if not f]
                print(
                    f"    12 MP: {sum(s.found)}/{len(s.people)} matched, missed {missed}, false "
                    f"{len(s.false)}, duplicates {len(s.duplicates)}, {big_times[-1]:.2f} s, "
                    f"CPU {big_cpu[-1]:.2f} s"
                )

    _summary(scores)
    print(f"faces found with more than 5 % of their box in nobody's mask: {open_total[0]} of {open_total[1]}")
    print(f"seconds per photo (warm): median {statistics.median(times):.3f}, max {max(times):.3f}")
    if args.big:
        print("\n12 MP (upscaled):")
        _summary(big_scores)
        print(
            f"seconds per 12 MP photo (upscaled, warm): median {statistics.median(big_times):.3f}, "
            f"max {max(big_times):.3f}; CPU median {statistics.median(big_cpu):.3f}, "
            f"max {max(big_cpu):.3f}; load average {os.getloadavg()[0]:.1f}"
        )
    if args.hide_all:
        for outline in OUTLINES:
            print(
                f"re-detected after hiding everyone ({outline}): "
                + ", ".join(f"{s} {left[outline, s]}" for s in STYLES)
            )


def big_size(height: int, width: int, pixels: float = 12e6) -> tuple[int, int]:
    """(width, height) of a photo of ``height`` x ``width`` scaled to about ``pixels`` pixels at its
    own aspect ratio. Stretching every photo to 4000x3000 squashed a 1900x710 café panorama's
    people to 0.5x their width (12 MP recall 5/22 against 12/22 at its own size)."""
    scale = (pixels / (height * width)) ** 0.5
    return max(1, round(width * scale)), max(1, round(height * scale))


def _score_big(people, shape, annotated, uncertain) -> PhotoScore:
    """Score people found on an upscaled photo against the annotations of the photo of ``shape``."""
    import cv2

    h, w = shape
    union = None
    for p in people:
        if p.mask is not None:
            union = p.mask if union is None else union | p.mask
    big_h, big_w = union.shape if union is not None else (h, w)
    sx, sy = big_w / w, big_h / h
    boxes = [(p.box[0] / sx, p.box[1] / sy, p.box[2] / sx, p.box[3] / sy) for p in people]
    if union is not None:
        union = cv2.resize(union.astype(np.uint8), (w, h), interpolation=cv2.INTER_AREA) > 0
    return score_photo(annotated, boxes, union, uncertain)


def _summary(scores: list[PhotoScore]) -> None:
    found = [f for s in scores for f in s.found]
    print(f"\nrecall, all: {_ratio(sum(found), len(found))}")
    for name, key in (
        ("size", lambda a: a.size),
        ("view", lambda a: a.view),
        ("cut", lambda a: "cut" if a.cut else "whole"),
    ):
        print(f"recall by {name}: " + ", ".join(f"{k} {_ratio(*v)}" for k, v in _group(scores, key).items()))
    lm = [f for s in scores for a, f in zip(s.people, s.found, strict=True) if a.size != "small"]
    sm = [f for s in scores for a, f in zip(s.people, s.found, strict=True) if a.size == "small"]
    print(
        f"recall large+medium: {_ratio(sum(lm), len(lm))} (goal 0.95); "
        f"small: {_ratio(sum(sm), len(sm))} (goal 0.70)"
    )
    print(
        f"false people: {sum(len(s.false) for s in scores)} (goal <= 1); "
        f"duplicates: {sum(len(s.duplicates) for s in scores)}"
    )
    cov = [c for s in scores for c in s.coverage]
    print(
        f"coverage of annotated boxes by the masks: mean {np.mean(cov):.2f}, "
        f"min {np.min(cov):.2f}, share >= 0.5: {np.mean(np.array(cov) >= 0.5):.2f}"
    )


if __name__ == "__main__":
    main()
