"""Time to resolve one sentence (the people already found), for the 20 ms goal.

Usage: python benchmarks/referring_speed.py [--people N] [--repeat R]

Builds a synthetic photo of N dressed people (masks, keypoints, face boxes), then times ``resolve``
on a mix of sentences: boxes only, and with the image (clothing colours read from the masks), both
"cold" (the first sentence on a photo reads the colours) and "warm" (later sentences re-use them).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "referring"))

from referring_scenes import blank, exclusive, figure  # noqa: E402

from rpipp_gui.referring import Person, resolve  # noqa: E402
from rpipp_gui.referring.colour_fit import _TABLE_CACHE  # noqa: E402

SENTENCES = [
    "hide the man on the left",
    "blur the second person from the right",
    "the woman in the red shirt and blue pants",
    "everyone except the child",
    "the tall guy sitting in the back",
    "pixelate the man left of the woman in white",
    "the dog",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    width = 220 * args.people
    img = blank(width, 1000)
    colours = ["red", "blue", "white", "black", "green", "yellow", "gray", "orange"]
    people = exclusive(
        [
            figure(img, 110 + 220 * i, 980, 700 if i % 3 else 420, colours[i % 8], colours[(i + 3) % 8],
                   "sitting" if i % 4 == 2 else "standing")
            for i in range(args.people)
        ]
    )  # fmt: skip
    boxes = [Person(box=p.box) for p in people]
    print(f"photo {width}x1000, {args.people} people; {args.repeat} runs per sentence")
    worst = 0.0
    runs = (("boxes only", {}, boxes, False), ("image, warm", {"image": img}, people, False),
            ("image, cold", {"image": img}, people, True))  # fmt: skip
    for label, kwargs, who, cold in runs:
        for sentence in SENTENCES:
            times = []
            for _ in range(args.repeat):
                if cold:  # forget the clothing colours read for this photo
                    _TABLE_CACHE.clear()
                t0 = time.perf_counter()
                resolve(sentence, who, **kwargs)
                times.append((time.perf_counter() - t0) * 1000)
            med = statistics.median(times)
            worst = max(worst, max(times))
            print(f"{label:12s} {med:7.2f} ms median  {max(times):7.2f} ms max  {sentence!r}")
    print(f"worst single resolve: {worst:.2f} ms (goal: < 20 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
