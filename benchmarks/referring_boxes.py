"""Box-level accuracy of the sentence resolver on RefCOCO-style person annotations.

Usage: python benchmarks/referring_boxes.py ANN.json [--errors N] [--split dev|heldout|all]
       [--images DIR]

For every photo with 2+ referred people (cat == 0), each sentence is resolved against the boxes of all
people referred in that photo. Without ``--images`` it is boxes only: the photo size is unknown, so the
resolver uses the extent of the boxes. With ``--images DIR`` (the COCO train2014 photos, DIR/img_name)
the resolver also gets each photo and its size, so clothing colours are read from the pixels inside
each box; every photo must be there (a missing one is an error naming it). A sentence counts as
correct when the resolution's ``best_guess`` (its top-ranked person, whatever the verdict) is its
person and no other person has the same score (ties are misses). Prints accuracy overall and on
sentences with a spatial cue word, and how often the verdict was matched / unsure / nobody (an
unsure or nobody verdict hides nobody in the app; the best guess is ranked here all the same).

``--split`` halves the photos by a fixed rule, ``crc32(img_name) % 2`` (0: dev, 1: held-out): misses
are studied on dev only, and the held-out half is the honest figure.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import zlib
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rpipp_gui.errors import RpippError  # noqa: E402
from rpipp_gui.imaging import load_image  # noqa: E402
from rpipp_gui.referring import Person, resolve  # noqa: E402
from rpipp_gui.referring.scoring import CUE_WEIGHTS, CueWeights  # noqa: E402

# Words that say where a person is. A sentence with one of them is a "spatial cue" sentence.
CUE_WORDS = frozenset(
    [
        "left",
        "right",
        "middle",
        "center",
        "centre",
        "central",
        "front",
        "back",
        "behind",
        "closest",
        "nearest",
        "far",
        "farthest",
        "furthest",
        "top",
        "bottom",
        "upper",
        "lower",
        "leftmost",
        "rightmost",
        "background",
        "foreground",
        "corner",
        "between",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "last",
        "1st",
        "2nd",
        "3rd",
        "4th",
        "lft",
        "rt",
    ]
)
_WORD = re.compile(r"[a-z0-9]+")


SPLITS = ("all", "dev", "heldout")


def photo_split(img_name: str) -> str:
    """ "dev" or "heldout": the half a photo belongs to, by a fixed rule (crc32 of its name, mod 2)."""
    return "dev" if zlib.crc32(img_name.encode()) % 2 == 0 else "heldout"


def load_groups(path: str, split: str = "all") -> list[list[dict]]:
    """Referred people (cat == 0) grouped by photo, photos with 2+ of them only, of one split."""
    by_image: dict[str, list[dict]] = defaultdict(list)
    for obj in json.loads(Path(path).read_text()):
        if obj.get("cat") == 0 and (split == "all" or photo_split(obj["img_name"]) == split):
            by_image[obj["img_name"]].append(obj)
    return [objs for _, objs in sorted(by_image.items()) if len(objs) >= 2]


def has_cue(sentence: str) -> bool:
    return any(w in CUE_WORDS for w in _WORD.findall(sentence.lower()))


def photo_paths(groups: list[list[dict]], images: str | Path) -> list[Path]:
    """The photo file of each group (DIR/img_name); raises FileNotFoundError naming the first missing
    one and how many are missing, before any sentence is resolved."""
    paths = [Path(images) / objs[0]["img_name"] for objs in groups]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"{len(missing)} of {len(paths)} photos are missing, e.g. {missing[0]}")
    return paths


def evaluate(
    groups: list[list[dict]],
    weights: CueWeights | None = None,
    errors: int = 0,
    images: str | Path | None = None,
) -> dict:
    """Returns counts: total, correct, cue_total, cue_correct, and seconds per sentence (photo loading
    not included). images: folder of the photos, or None for boxes only."""
    stats = dict(
        total=0, correct=0, cue_total=0, cue_correct=0, matched=0, unsure=0, nobody=0, matched_correct=0
    )
    shown = 0
    paths = photo_paths(groups, images) if images is not None else [None] * len(groups)
    seconds = 0.0
    for objs, path in zip(groups, paths, strict=True):
        people = [Person(box=tuple(o["bbox"])) for o in objs]
        photo = load_image(path).rgb if path is not None else None
        size = (photo.shape[1], photo.shape[0]) if photo is not None else None
        t0 = time.perf_counter()
        for target, obj in enumerate(objs):
            for sent in obj["sentences"]:
                res = resolve(sent["sent"], people, image_size=size, image=photo, weights=weights)
                ok = res.best_guess == target
                stats[res.verdict] += 1
                if ok:
                    top = res.scores[target]
                    ok = sum(1 for s in res.scores if s == top) == 1
                cue = has_cue(sent["sent"])
                stats["total"] += 1
                stats["correct"] += ok
                stats["cue_total"] += cue
                stats["cue_correct"] += ok and cue
                stats["matched_correct"] += ok and res.verdict == "matched"
                if not ok and shown < errors:
                    shown += 1
                    picked = res.selected[0] + 1 if res.selected else None
                    print(
                        f"MISS want #{target + 1} got #{picked} of {len(objs)}: {sent['sent']!r} -> "
                        f"{res.explanation}"
                    )
        seconds += time.perf_counter() - t0
    stats["seconds_per_sentence"] = seconds / max(stats["total"], 1)
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annotations", help="ANN.json, e.g. ../shared/data/refcoco_persons/refcoco_val.json")
    parser.add_argument("--errors", type=int, default=0, help="print this many missed sentences")
    parser.add_argument("--no-learned", action="store_true", help="rules only, without the word priors")
    parser.add_argument("--split", choices=SPLITS, default="all", help="photos: dev half, held-out half, all")
    parser.add_argument("--images", metavar="DIR", help="folder of the photos; default: boxes only")
    args = parser.parse_args(argv)
    groups = load_groups(args.annotations, args.split)
    weights = replace(CUE_WEIGHTS, learned=0.0, learned_alone=0.0) if args.no_learned else None
    try:
        s = evaluate(groups, weights=weights, errors=args.errors, images=args.images)
    except (FileNotFoundError, RpippError) as e:
        print(f"referring_boxes: {e}", file=sys.stderr)
        return 2
    inputs = f"boxes and photos from {args.images}" if args.images else "boxes only"
    print(f"split: {args.split}; photos with 2+ referred people: {len(groups)}; {inputs}")
    print(
        f"sentences: {s['total']}, with a spatial cue word: {s['cue_total']} "
        f"({s['cue_total'] / max(s['total'], 1):.1%})"
    )
    print(f"accuracy overall: {s['correct'] / max(s['total'], 1):.4f}")
    print(f"accuracy on spatial-cue sentences: {s['cue_correct'] / max(s['cue_total'], 1):.4f}")
    print(
        f"accuracy on sentences without a cue: "
        f"{(s['correct'] - s['cue_correct']) / max(s['total'] - s['cue_total'], 1):.4f}"
    )
    t = max(s["total"], 1)
    right = s["matched_correct"] / max(s["matched"], 1)
    print(
        f"verdicts: matched {s['matched'] / t:.3f} (right {right:.3f}), "
        f"unsure {s['unsure'] / t:.3f}, nobody {s['nobody'] / t:.3f}"
    )
    print(f"mean time per sentence: {s['seconds_per_sentence'] * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
