"""How far each found person's mask spills beyond them, on the annotated real photos.

    .venv/bin/python benchmarks/people_spill.py [DIR ...] [--worst 12] [--save FOLDER]

For each found person matched (box IoU >= 0.5, as ``people_real.py`` scores) to an annotated one:
``outside`` = share of their mask outside their annotated box (hiding a bit beyond a person is
acceptable), ``on others`` = share of their mask lying on OTHER annotated people's boxes but not
on their own (a mask on another person is an error: hiding them hides a neighbour too). Prints the
means, how many masks put >= 5% / >= 15% on others, and the worst cases. --save writes overlays of
the worst cases (target box green, other boxes blue, the mask red) for viewing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rpipp_gui.people.annotations import mask_spill, read_people, score_photo  # noqa: E402

DEFAULT = [ROOT.parent / "shared" / "data" / "real_people", ROOT / "benchmarks" / "data" / "real_people_more"]


def _overlay(rgb: np.ndarray, mask: np.ndarray, own, others, path: Path) -> None:
    import cv2

    out = rgb.copy()
    out[mask] = (0.45 * out[mask] + 0.55 * np.array([255, 0, 0])).astype(np.uint8)
    for box, colour in [(own, (0, 255, 0))] + [(b, (0, 90, 255)) for b in others]:
        x0, y0, x1, y1 = (int(round(v)) for v in box)
        cv2.rectangle(out, (x0, y0), (x1 - 1, y1 - 1), colour, 2)
    x0, y0, x1, y1 = own  # a crop around the target, two boxes wide, enlarged for viewing
    w, h = x1 - x0, y1 - y0
    ys = slice(max(0, int(y0 - 0.5 * h)), int(y1 + 0.5 * h))
    xs = slice(max(0, int(x0 - 1.5 * w)), int(x1 + 1.5 * w))
    crop = Image.fromarray(out[ys, xs])
    scale = max(1.0, 480 / crop.height)
    crop.resize((round(crop.width * scale), round(crop.height * scale)), Image.NEAREST).save(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--worst", type=int, default=12)
    ap.add_argument("--save", type=Path)
    args = ap.parse_args()

    from rpipp_gui.people import PeopleFinder

    finder = PeopleFinder()
    finder.warm_up()
    rows = []  # (on others, outside, set, photo, id, source)
    for folder in args.dirs:
        extra = folder / "people_uncertain.tsv"
        uncertain = read_people(extra) if extra.exists() else {}
        for photo, annotated in read_people(folder / "people.tsv").items():
            rgb = np.asarray(Image.open(folder / photo).convert("RGB"))
            people = finder.set_image(rgb)
            score = score_photo(annotated, [p.box for p in people], None, uncertain.get(photo, []))
            for a, j in zip(score.people, score.matches, strict=True):
                if j is None or people[j].mask is None or not people[j].mask.any():
                    continue
                others = [b.box for b in score.people if b is not a]
                outside, on_others = mask_spill(people[j].mask, a.box, others)
                rows.append((on_others, outside, folder.name, photo, a.id, people[j].source))
                if args.save and (on_others >= 0.05 or outside >= 0.2):
                    args.save.mkdir(parents=True, exist_ok=True)
                    _overlay(rgb, people[j].mask, a.box, others, args.save / f"{Path(photo).stem}_{a.id}.png")
    for name in sorted({r[2] for r in rows}):
        sub = [r for r in rows if r[2] == name]
        on = np.array([r[0] for r in sub])
        out = np.array([r[1] for r in sub])
        print(
            f"{name}: {len(sub)} matched masks; outside own box mean {out.mean():.3f}; on others mean "
            f"{on.mean():.3f}, >= 0.05: {int((on >= 0.05).sum())}, >= 0.15: {int((on >= 0.15).sum())}"
        )
    print(f"worst {args.worst} by share on others (on others, outside own box):")
    for on_others, outside, name, photo, aid, source in sorted(rows, key=lambda r: -r[0])[: args.worst]:
        print(f"  {name}/{photo} {aid} ({source}): {on_others:.3f}, {outside:.3f}")
    print(f"worst {args.worst} by share outside the own box (on others, outside own box):")
    for on_others, outside, name, photo, aid, source in sorted(rows, key=lambda r: -r[1])[: args.worst]:
        print(f"  {name}/{photo} {aid} ({source}): {on_others:.3f}, {outside:.3f}")


if __name__ == "__main__":
    main()
