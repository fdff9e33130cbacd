"""What the worn-things classifier (rpipp_gui/referring/worn.py) reads on annotated people.

Usage: python benchmarks/worn_classes.py [DIR ...] [--top K] [--batch] [--auc] [--margin M] [--quiet]

DIR: folders holding a people.tsv (photo, id, x0, y0, x1, y1, ..., desc) and its photos (default:
benchmarks/data/real_people_pkg7). For each annotated person whose photo is present, prints the K
(default 5) most probable ImageNet classes of their box's crop (first synonym: probability) and the
start of their description; then the milliseconds per crop (median and mean, one crop at a time,
or with --batch all the people of one photo in one ``probabilities_many`` call) after one warm-up
crop. One thread (``WornOptions.threads``); noisy when the machine is shared.

--auc: how well the classes tell apart the people whose description names a thing: for each
keyword below (e.g. 'helmet' -> crash helmet + football helmet), the summed probability of its
classes on the people whose desc matches it, ranked against all the other people (AUC, 0.5 =
chance), and the mean AUC weighted by the number of people matched. ``WornOptions`` was chosen by
it over all the sets (``--auc`` with every DIR: dev, more, pkg..pkg7); --margin M reads with a
grown box.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rpipp_gui.imaging import load_image  # noqa: E402
from rpipp_gui.referring.worn import WornOptions, WornReader, class_names  # noqa: E402

DEFAULT = ROOT / "benchmarks" / "data" / "real_people_pkg7"
# desc keyword (regular expression) -> the first names of the ImageNet classes it stands for
KEYWORDS = {
    r"cowboy hat|stetson": ("cowboy hat", "sombrero"),
    r"helmet": ("crash helmet", "football helmet"),
    r"(?<!swim)\bsuit\b|suit jacket|blazer": ("suit",),
    r"\btie\b": ("Windsor tie", "bow tie"),
    r"backpack": ("backpack",),
    r"sunglasses": ("sunglasses", "sunglass"),
    r"\bjeans\b": ("jean",),
    r"bicycle|\bbike\b": ("mountain bike", "bicycle-built-for-two", "tricycle", "unicycle"),
    r"jersey|t-shirt|tshirt": ("jersey",),
    r"sweatshirt|hoodie": ("sweatshirt",),
    r"cardigan": ("cardigan",),
    r"lab coat|white coat": ("lab coat",),
    r"apron": ("apron",),
    r"umbrella": ("umbrella",),
    r"guitar": ("acoustic guitar", "electric guitar"),
    r"uniform": ("military uniform",),
    r"mask": ("mask", "ski mask", "gasmask"),
    r"microphone|\bmic\b": ("microphone",),
    r"\bphone\b": ("cellular telephone",),
    r"necklace": ("necklace",),
    r"bikini|swimsuit": ("bikini", "maillot"),
    r"kimono": ("kimono",),
    r"scarf": ("stole",),
    r"dress\b": ("gown", "overskirt", "hoopskirt"),
    r"skirt": ("miniskirt", "overskirt"),
}


def keyword_auc(descs: list[str], probs: np.ndarray, names: list[str]) -> tuple[float, list[str]]:
    """(weighted mean AUC, 'class:people:AUC' per keyword that matches someone) of the (N, 1000)
    ``probs`` of people with descriptions ``descs``; ``names`` the classes' first names."""
    parts, total, weight = [], 0.0, 0
    for pattern, classes in KEYWORDS.items():
        idx = [i for i, n in enumerate(names) if n in classes]
        hit = np.array([bool(re.search(pattern, d.lower())) for d in descs])
        if not hit.any() or hit.all():
            continue
        score = probs[:, idx].sum(axis=1)
        pos, neg = score[hit][:, None], score[~hit][None]
        auc = float((pos > neg).mean() + 0.5 * (pos == neg).mean())
        parts.append(f"{classes[0]}:{int(hit.sum())}:{auc:.2f}")
        total += auc * hit.sum()
        weight += int(hit.sum())
    return (total / weight if weight else float("nan")), parts


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--top", type=int, default=5)
    ap.add_argument("--batch", action="store_true", help="one probabilities_many call per photo")
    ap.add_argument("--auc", action="store_true", help="the desc-keyword AUC over all the people read")
    ap.add_argument("--margin", type=float, default=WornOptions().margin)
    ap.add_argument("-q", "--quiet", action="store_true", help="no line per person")
    args = ap.parse_args(argv)
    names = [n.split(",")[0] for n in class_names()]
    reader = WornReader(WornOptions(margin=args.margin))
    reader.warm_up()
    per_crop: list[float] = []
    descs: list[str] = []
    read: list[np.ndarray] = []
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
                descs.append(r["desc"])
                read.append(p)
                if not args.quiet:
                    top = ", ".join(f"{names[i]}:{p[i]:.2f}" for i in np.argsort(p)[::-1][: args.top])
                    print(f"{Path(photo).name[:30]:30s} {r['id']:4s} {top} | {r['desc'][:70]}")
    if per_crop:
        ms = np.array(per_crop) * 1000
        print(f"{len(ms)} crops: {np.median(ms):.1f} ms median, {ms.mean():.1f} ms mean per crop")
    if args.auc and read:
        mean, parts = keyword_auc(descs, np.stack(read), names)
        print(f"desc-keyword AUC {mean:.3f} (weighted by people) | {' '.join(parts)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
