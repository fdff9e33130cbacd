"""Time the embedded people finder (warm models) on composites of public-domain portraits.

    .venv/bin/python benchmarks/people.py [--repeat 3] [--tdir] [--tdir-scenes] [--scenes]
        [--small] [--border] [--no-people] [--no-sizes] [--set FIELD=VALUE]

Prints, per photo size: people found / present, median seconds for find_people (PeopleFinder.set_image)
and for one segment_box; with --tdir the privacy check (TDIR) of every protection style (with
--tdir-scenes: summed over many photos and seeds); with
--scenes how many people of the test scenes are found; with --small, --border and --no-people the
small-people, photo-border and no-people checks of benchmarks/people_small.py (see there).
Goal (issue 3): a 12-megapixel photo within 1.0 s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import numpy as np
from PIL import Image


def portraits() -> list[tuple[np.ndarray, tuple[int, int, int, int]]]:
    """(HxWx3 uint8 photo, hand-measured person box) for each public-domain portrait."""
    import matplotlib
    import skimage.data

    grace = np.asarray(Image.open(Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"))
    camera = np.repeat(skimage.data.camera()[:, :, None], 3, axis=2)
    return [
        (skimage.data.astronaut(), (10, 15, 370, 512)),
        (grace.copy(), (5, 15, 512, 600)),
        (camera, (0, 60, 335, 512)),
        (skimage.data.astronaut()[:, ::-1].copy(), (142, 15, 502, 512)),
    ]


def scene(width: int, height: int, count: int) -> tuple[np.ndarray, list[tuple[float, ...]]]:
    """A width x height photo: a soft grey-blue backdrop with ``count`` portraits standing along the
    bottom, each up to 0.45 of the photo high and slightly apart. Returns the photo and the people's boxes."""
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    backdrop = np.stack([150 + 40 * yy / height, 160 + 30 * xx / width, 175 + 0 * xx], axis=2)
    rgb = backdrop.astype(np.uint8)
    slot = width / count
    person_h = int(min(0.45 * height, 0.9 * slot))
    boxes = []
    for i, (src, gt) in enumerate(portraits()[:count]):
        s = person_h / src.shape[0]
        pw = round(src.shape[1] * s)
        img = np.asarray(Image.fromarray(src).resize((pw, person_h), Image.BILINEAR))
        x0 = int(i * slot + (slot - pw) / 2)
        y0 = height - person_h
        rgb[y0:, x0 : x0 + pw] = img
        boxes.append((x0 + gt[0] * s, y0 + gt[1] * s, x0 + gt[2] * s, y0 + gt[3] * s))
    return rgb, boxes


def iou(a, b) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def matched(found, truth, min_iou: float = 0.5) -> int:
    """How many true people some found box overlaps with IoU >= min_iou (each used once)."""
    used, hits = set(), 0
    for t in truth:
        best = max(((iou(p.box, t), i) for i, p in enumerate(found) if i not in used), default=(0, -1))
        if best[0] >= min_iou:
            used.add(best[1])
            hits += 1
    return hits


def test_scenes() -> list[tuple[str, np.ndarray, list]]:
    """The people tests' scenes (tests/people/people_scenes.py) plus a few harder ones."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "people"))
    from people_scenes import make_scene, place_people

    scenes = {
        "3 apart": make_scene(["astronaut", "grace", "cameraman"], gap=40),
        "4 touching": make_scene(
            ["grace", "astronaut", "grace", "astronaut"], flip=(False, True, True, False)
        ),
        "4 sizes": place_people(
            (1800, 1000),
            [("astronaut", 0, 400, 600), ("grace", 650, 700, 300), ("cameraman", 1000, 500, 500)]
            + [("grace", 1450, 850, 150)],
        ),
        "2 overlapping": place_people((1200, 700), [("astronaut", 0, 0, 600), ("grace", 330, 100, 600)]),
        "1 face hidden": make_scene(["grace", "cameraman"], gap=60, hidden=(False, True)),
        "3 faces hidden": make_scene(["astronaut", "cameraman", "grace"], gap=60, hidden=(True, True, True)),
    }
    return [(name, sc.rgb, sc.people) for name, sc in scenes.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed runs per photo, also of --small (median printed)"
    )
    parser.add_argument("--tdir", action="store_true", help="also run the privacy check per style")
    parser.add_argument(
        "--tdir-scenes", action="store_true", help="strict TDIR per style over many photos and seeds"
    )
    parser.add_argument("--scenes", action="store_true", help="also count people found in the test scenes")
    parser.add_argument("--small", action="store_true", help="recall of people 1/5 to 1/16 of the photo high")
    parser.add_argument("--border", action="store_true", help="mask pixels missed where a person is cut")
    parser.add_argument("--no-people", action="store_true", help="false people on photos without people")
    parser.add_argument("--new-refs", action="store_true", help="rebuild the stored reference masks")
    parser.add_argument("--no-sizes", action="store_true", help="skip the timing table per photo size")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="a FinderOptions field to change, e.g. --set fine_face_side=0 (repeatable)",
    )
    args = parser.parse_args()

    from people_real import finder_options

    from rpipp_gui.people import PeopleFinder

    finder = PeopleFinder(options=finder_options(args.set))
    start = time.perf_counter()
    finder.warm_up()
    print(f"models load (PeopleFinder.warm_up): {time.perf_counter() - start:.2f} s")
    warm, _ = scene(800, 600, 2)
    finder.set_image(warm)

    sizes = [] if args.no_sizes else [(1280, 960, 3), (2048, 1536, 3), (4000, 3000, 3), (4000, 3000, 4)]
    print("(wall seconds, median; CPU: process CPU seconds, all threads; load average now:", end=" ")
    print(f"{os.getloadavg()[0]:.1f})")
    print(f"{'photo':>16} {'MP':>5} {'found':>7} {'find_people s':>14} {'CPU s':>7} {'segment_box s':>14}")
    for width, height, count in sizes:
        rgb, truth = scene(width, height, count)
        times, cpu, people = [], [], []
        for _ in range(args.repeat):
            t, c = time.perf_counter(), time.process_time()
            people = finder.set_image(rgb)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        box_times = []
        for t_box in truth:
            t = time.perf_counter()
            finder.segment_box(t_box)
            box_times.append(time.perf_counter() - t)
        hits = matched(people, truth)
        extra = len(people) - hits
        found = f"{hits}/{len(truth)}" + (f"+{extra}" if extra else "")
        print(
            f"{width:>7}x{height:<8} {width * height / 1e6:5.1f} {found:>7} "
            f"{statistics.median(times):14.3f} {statistics.median(cpu):7.2f} "
            f"{statistics.median(box_times):14.3f}"
        )

    if args.scenes:
        total_hits = total = total_extra = 0
        for name, rgb, truth in test_scenes():
            people = finder.set_image(rgb)
            hits = matched(people, truth)
            total_hits, total = total_hits + hits, total + len(truth)
            total_extra += len(people) - hits
            sources = ", ".join(p.source for p in people)
            print(f"  {name:>15}: {hits}/{len(truth)} found, {len(people) - hits} extra ({sources})")
        print(f"test scenes: {total_hits}/{total} people found (box IoU >= 0.5), {total_extra} extra")

    if args.small or args.border or args.no_people or args.new_refs:
        import people_small

        if args.new_refs:
            people_small.reference_masks(finder, portraits(), rebuild=True)
        if args.small:
            people_small.run_small(finder, portraits(), iou, repeat=args.repeat)
        if args.border:
            people_small.run_border(finder, portraits())
        if args.no_people:
            people_small.run_no_people(finder)

    if args.tdir_scenes:
        tdir_over_scenes(finder)

    if args.tdir:
        from rpipp_gui.imaging import STYLES, StyleOptions, apply_style
        from rpipp_gui.people.privacy import tdir

        rgb, truth = scene(2048, 1536, 3)
        people = finder.set_image(rgb)
        region = np.logical_or.reduce([p.mask for p in people])
        print(f"TDIR on a 3 MP photo, {len(people)} people protected, default strength")
        print("  (strict: re-found at the 0.3 detection threshold; lax: re-found only above 0.6)")
        for style in STYLES:
            after = apply_style(rgb, region, StyleOptions(style=style))
            strict = tdir(rgb, after, region)
            lax = tdir(rgb, after, region, after_threshold=0.6)
            changed_outside = int((after[~region] != rgb[~region]).any(axis=-1).sum())
            scores = ", ".join(f"{f.score:.2f}" for f in strict.after) or "-"
            print(
                f"  {style:>8}: strict {_rate(strict)}, lax {_rate(lax)} "
                f"({len(strict.targets)} target faces; scores after: {scores}); "
                f"pixels changed outside the people: {changed_outside}"
            )


def tdir_over_scenes(finder, seeds=(0, 1, 2)) -> None:
    """Strict TDIR per style summed over the test scenes, a 12 MP four-person photo and a mirrored
    four-person row, each with ``seeds`` (the random styles differ per seed)."""
    import sys

    from rpipp_gui.imaging import STYLES, StyleOptions, apply_style
    from rpipp_gui.people.privacy import tdir

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "people"))
    from people_scenes import make_scene

    mirrored = make_scene(
        ["cameraman", "grace", "astronaut", "grace"], gap=30, flip=(True, False, False, True)
    )
    photos = [rgb for _, rgb, _ in test_scenes()] + [scene(4000, 3000, 4)[0], mirrored.rgb]
    regions = []
    for rgb in photos:
        people = finder.set_image(rgb)
        regions.append(np.logical_or.reduce([p.mask for p in people]) if people else None)
    print(f"strict TDIR over {len(photos)} photos x seeds {list(seeds)}, default strength")
    for style in STYLES:
        targets = refound = 0
        for rgb, region in zip(photos, regions, strict=True):
            if region is None:
                continue
            for seed in seeds if style in ("mosaic", "noise") else seeds[:1]:
                after = apply_style(rgb, region, StyleOptions(style=style, seed=seed))
                result = tdir(rgb, after, region)
                targets, refound = targets + len(result.targets), refound + len(result.refound)
        rate = 1 - refound / targets if targets else float("nan")
        print(f"  {style:>8}: strict {rate:.1%} ({refound} re-found of {targets} target faces)")


def _rate(result) -> str:
    return "n/a" if result.rate is None else f"{result.rate:.0%}"


if __name__ == "__main__":
    main()
