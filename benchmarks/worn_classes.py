"""What the worn-things classifier (rpipp_gui/referring/worn.py) reads on annotated people.

Usage: python benchmarks/worn_classes.py [DIR ...] [--top K] [--batch]

DIR: folders holding a people.tsv (photo, id, x0, y0, x1, y1, ..., desc) and its photos (default:
benchmarks/data/real_people_pkg7). For each annotated person whose photo is present, prints the K
(default 5) most probable ImageNet classes of their box's crop (first synonym: probability) and the
start of their description; then the milliseconds per crop (median and mean, one crop at a time,
or with --batch all the people of one photo in one ``probabilities_many`` call) after one warm-up
crop. One thread (``WornOptions.threads``); noisy when the machine is shared.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rpipp_gui.imaging import load_image  # noqa: E402
from rpipp_gui.referring.worn import class_names, worn_reader  # noqa: E402

DEFAULT = ROOT / "benchmarks" / "data" / "real_people_pkg7"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--top", type=int, default=5)
    ap.add_argument("--batch", action="store_true", help="one probabilities_many call per photo")
    args = ap.parse_args(argv)
    names = [n.split(",")[0] for n in class_names()]
    reader = worn_reader()
    reader.warm_up()
    per_crop: list[float] = []
    for folder in args.dirs:
        with open(folder / "people.tsv", encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        by_photo: dict[str, list[dict]] = {}
        for r in rows:
            by_photo.setdefault(r["photo"], []).append(r)
        for photo, people in by_photo.items():
            path = folder / photo
            if not path.is_file():
                print(f"{photo}: missing (fetch the set first)")
                continue
            image = load_image(path).rgb
            boxes = [tuple(float(r[k]) for k in ("x0", "y0", "x1", "y1")) for r in people]
            if args.batch:
                t = time.perf_counter()
                probs = reader.probabilities_many(image, boxes)
                per_crop += [(time.perf_counter() - t) / len(boxes)] * len(boxes)
            else:
                probs = []
                for box in boxes:
                    t = time.perf_counter()
                    probs.append(reader.probabilities(image, box))
                    per_crop.append(time.perf_counter() - t)
            for r, p in zip(people, probs, strict=True):
                top = ", ".join(f"{names[i]}:{p[i]:.2f}" for i in np.argsort(p)[::-1][: args.top])
                print(f"{Path(photo).name[:30]:30s} {r['id']:4s} {top} | {r['desc'][:70]}")
    if per_crop:
        ms = np.array(per_crop) * 1000
        print(f"{len(ms)} crops: {np.median(ms):.1f} ms median, {ms.mean():.1f} ms mean per crop")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
