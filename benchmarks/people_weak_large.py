"""The second look at large and medium weak body boxes, box by box, against the annotated people.

    .venv/bin/python benchmarks/people_weak_large.py [DIR ...] [--set FIELD=VALUE] [--only PHOTO]

For each photo of DIR (default: ../shared/data/real_people; more in benchmarks/data/real_people_more)
prints every weak body box at least ``BodyOptions.fine_height`` of the photo high that the second
look (rpipp_gui/people/weak_large.py, ``large_candidates``) would look at: its detector score, the
detector's best score on crops centred on it (``again``) and the share of it selfie segmentation
calls person (``selfie``, the people found painted grey), each at five crop sizes, whether
``confirmed`` accepts it with the current WeakLargeOptions (ignoring ``known``), and the annotated
person it matches ("-" for none; IoU >= 0.3 with their box, or lying at least half inside it),
found by the finder or not. "known": how much of it the masks of the finder without the second
look cover (they stand in for the people found before the bodies; the selfie look paints them
grey). Then, per kind, the boxes closest to passing, the extra ms per photo of the second look as
the finder runs it (``second_look``), and the CPU ms per detector or selfie run (machine load makes
it noisy). --set: WeakLargeOptions fields (e.g. --set again_accept=0.3).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rpipp_gui.people.annotations import best_match, found_union, read_people, score_photo  # noqa: E402
from rpipp_gui.people.bodies import BodyDetector  # noqa: E402
from rpipp_gui.people.options import BodyOptions, FinderOptions, WeakLargeOptions  # noqa: E402
from rpipp_gui.people.person_masks import downscale  # noqa: E402
from rpipp_gui.people.weak_large import (  # noqa: E402
    again_score,
    confirmed,
    large_candidates,
    look,
    second_look,
    selfie_share,
)

DEFAULT = ROOT.parent / "shared" / "data" / "real_people"
CONTEXTS = (1.25, 1.5, 2.0, 2.5, 3.0)  # crop sizes (box long sides) the detector looks again at
SELFIE_CONTEXTS = (1.2, 1.5, 2.0, 2.5, 3.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
    ap.add_argument("--only", action="append", default=[], metavar="PHOTO", help="only these photos")
    args = ap.parse_args()
    options = WeakLargeOptions()
    for change in args.set:
        name, _, text = change.partition("=")
        options = dataclasses.replace(options, **{name: type(getattr(options, name))(text)})
    body_options = BodyOptions()
    detector = BodyDetector(body_options)
    detector.warm_up()
    from rpipp_gui.people import PeopleFinder

    # the people found without the second look stand in for those found before the bodies
    finder = PeopleFinder(options=FinderOptions(weak_large=dataclasses.replace(options, max_looks=0)))
    finder.warm_up()
    models = finder._backend.models  # the embedded backend's MediaPipe models
    work_side = FinderOptions().work_side
    cpu, looks = 0.0, 0
    cost: list[tuple[float, float]] = []  # the finder's extra ms per photo (CPU, wall)
    groups: dict[str, list[tuple[float, float, str]]] = {"MISSED": [], "found": [], "nothing": []}
    for folder in args.dirs:
        for photo, annotated in read_people(folder / "people.tsv").items():
            if args.only and photo not in args.only:
                continue
            rgb = np.asarray(Image.open(folder / photo).convert("RGB"))
            work = downscale(rgb, work_side)
            sx, sy = rgb.shape[1] / work.shape[1], rgb.shape[0] / work.shape[0]
            people = finder.set_image(rgb)
            union = found_union(people, rgb.shape[:2])
            known = np.asarray(Image.fromarray(union).resize(work.shape[1::-1], Image.NEAREST))
            found = score_photo(annotated, [p.box for p in people], None)
            found_ids = {a.id for a, f in zip(found.people, found.found, strict=True) if f}
            seen = detector.seen(work, None, min(body_options.candidate, options.candidate))
            bodies = detector.accepted(work, seen)
            every = dataclasses.replace(options, known=1.0, max_looks=400)
            weak = large_candidates(seen, bodies, work.shape[:2], every, body_options.fine_height)
            c0, t0 = time.process_time(), time.perf_counter()
            second_look(detector, models, work, seen, bodies, options, body_options.fine_height, known)
            cost.append((1000 * (time.process_time() - c0), 1000 * (time.perf_counter() - t0)))
            print(f"{photo}: {len(weak)} weak large boxes")
            for body in weak:
                box = (body.box[0] * sx, body.box[1] * sy, body.box[2] * sx, body.box[3] * sy)
                who = best_match(box, annotated)
                kind = "nothing" if who == "-" else ("found" if who in found_ids else "MISSED")
                x0, y0 = int(body.box[0]), int(body.box[1])
                x1, y1 = (int(np.ceil(v)) for v in body.box[2:])
                covered = float(known[max(0, y0) : y1, max(0, x0) : x1].mean())
                c0 = time.process_time()
                again = [again_score(detector, work, body, c, options.again_iou) for c in CONTEXTS]
                selfie = [selfie_share(models, work, body, c, known) for c in SELFIE_CONTEXTS]
                cpu += time.process_time() - c0
                looks += 1
                k = look(detector, models, work, body, options, known)
                ok = bool(confirmed([k], options))
                if covered <= options.known:
                    groups[kind].append((k.again, k.selfie, f"{photo} {tuple(round(v) for v in box)}"))
                parts = [
                    "again " + " ".join(f"{v:.2f}" for v in again),
                    "selfie " + " ".join(f"{v:.2f}" for v in selfie),
                    "OK" if ok else "no",
                ]
                print(
                    f"    {tuple(round(v) for v in box)} h {box[3] - box[1]:.0f} score {body.score:.2f} "
                    f"known {covered:.2f} {' '.join(parts)} -> {who} ({kind})"
                )
    print(f"\nboxes lying at most {options.known} on known people: (again, selfie) as confirmed() sees them")
    for kind, values in groups.items():
        near = [(min(a / options.again_accept, b / options.selfie_accept), a, b, w) for a, b, w in values]
        best = [v[1:] for v in sorted(near, reverse=True)]
        text = "; ".join(f"{a:.2f} {b:.2f} {where}" for a, b, where in best[:8])
        print(f"  {kind}: {len(values)} boxes; closest to passing: {text or '-'}")
    if cost:
        c, t = np.array(cost).T
        print(
            f"second look as the finder runs it: median {np.median(c):.0f} ms CPU "
            f"({np.median(t):.0f} ms wall), max {c.max():.0f} ms CPU per photo"
        )
    each = 1000 * cpu / max(1, looks * (len(CONTEXTS) + len(SELFIE_CONTEXTS)))
    print(f"{looks} boxes; {each:.0f} ms CPU per detector or selfie run (noisy)")


if __name__ == "__main__":
    main()
