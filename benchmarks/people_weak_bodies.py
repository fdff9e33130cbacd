"""The body detector's fine check of small weak boxes, box by box, against the annotated people.

    .venv/bin/python benchmarks/people_weak_bodies.py [DIR ...] [--big] [--set FIELD=VALUE]

For each photo of DIR (default: ../shared/data/real_people; more in benchmarks/data/real_people_more)
prints every small weak body box the fine check would look at (``bodies.fine_candidates``, smallest
first), its score on the photo or a tile, its score on the first fine look (``fine_check``: 0 for a
box past the ``fine_max`` crops; pass --set fine_max=400 to see them all) and on the second, centred
on the box the first found (``fine_confirmed`` keeps the lower of the two), the annotated person it
matches (IoU >= 0.3 with their box, or lying at least half inside it; "-" for none), and how much
of it the finder's final masks cover ("known"; the finder leaves out boxes lying more than
``body.fine_known`` on the people found before the bodies; the final masks stand in for those
here). Then the two-look scores of boxes on people nobody else found, on people found anyway and
on nothing, to set ``fine_accept`` on evidence, and the wall and CPU seconds of the two looks
(machine load makes wall time noisy). --big: the same on each photo upscaled to 12 MP at its own
aspect ratio (``people_real.big_size``), as the finder sees it there (its 1024 px working copy,
crops cut from the 12 MP photo). --set:
BodyOptions fields (e.g. --set fine_context=3). --only PHOTO: only these photos (repeatable).
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

from people_real import big_size  # noqa: E402  (benchmarks/, the script's own folder)

from rpipp_gui.people.annotations import best_match, found_union, read_people, score_photo  # noqa: E402
from rpipp_gui.people.bodies import Body, BodyDetector, fine_candidates  # noqa: E402
from rpipp_gui.people.options import BodyOptions, FinderOptions  # noqa: E402
from rpipp_gui.people.person_masks import downscale  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "real_people"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--big", action="store_true")
    ap.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
    ap.add_argument("--only", action="append", default=[], metavar="PHOTO", help="only these photos")
    args = ap.parse_args()
    options = BodyOptions()
    for change in args.set:
        name, _, text = change.partition("=")
        options = dataclasses.replace(options, **{name: type(getattr(options, name))(text)})
    detector = BodyDetector(options)
    detector.warm_up()
    from rpipp_gui.people import PeopleFinder

    finder = PeopleFinder(options=FinderOptions(body=options))
    finder.warm_up()
    work_side = FinderOptions().work_side
    groups: dict[str, list[float]] = {"missed person": [], "found person": [], "nothing": []}
    wall, cpu, crops = 0.0, 0.0, 0
    for folder in args.dirs:
        for photo, annotated in read_people(folder / "people.tsv").items():
            if args.only and photo not in args.only:
                continue
            rgb = np.asarray(Image.open(folder / photo).convert("RGB"))
            full = rgb
            if args.big:
                full = np.asarray(Image.fromarray(rgb).resize(big_size(*rgb.shape[:2]), Image.BICUBIC))
            work = downscale(full, work_side)
            sx, sy = rgb.shape[1] / work.shape[1], rgb.shape[0] / work.shape[0]
            people = finder.set_image(full)
            union = found_union(people, full.shape[:2])
            known = np.asarray(Image.fromarray(union).resize(work.shape[1::-1], Image.NEAREST))
            scale = full.shape[1] / rgb.shape[1]
            found = score_photo(annotated, [tuple(v / scale for v in p.box) for p in people], None)
            found_ids = {a.id for a, f in zip(found.people, found.found, strict=True) if f}
            low = min(options.candidate, options.fine_candidate)
            seen = detector.seen(work, None, low)
            bodies = detector.accepted(work, seen)
            weak = fine_candidates(seen, bodies, work.shape[:2], options, known)

            t0, c0 = time.perf_counter(), time.process_time()
            checked = detector.fine_check(full, work.shape[:2], weak)
            again = detector.fine_check(full, work.shape[:2], [Body(c.box, 0.0) for c in checked])
            wall += time.perf_counter() - t0
            cpu += time.process_time() - c0
            crops += len(weak)
            print(f"{photo}: {len(weak)} weak small boxes")
            for body, fine, fine2 in zip(weak, checked, again, strict=True):
                box = (body.box[0] * sx, body.box[1] * sy, body.box[2] * sx, body.box[3] * sy)
                who = best_match(box, annotated)
                fine_box = (fine.box[0] * sx, fine.box[1] * sy, fine.box[2] * sx, fine.box[3] * sy)
                x0, y0, x1, y1 = (
                    int(body.box[0]),
                    int(body.box[1]),
                    *(int(np.ceil(v)) for v in body.box[2:]),
                )
                covered = float(known[y0:y1, x0:x1].mean())
                kind = "nothing" if who == "-" else ("found person" if who in found_ids else "missed person")
                groups[kind].append(min(fine.fine, fine2.fine))
                print(
                    f"    {tuple(round(v) for v in box)} h {box[3] - box[1]:.0f} score {body.score:.2f} "
                    f"fine {fine.fine:.2f} again {fine2.fine:.2f} -> {tuple(round(v) for v in fine_box)} "
                    f"matches {who} ({kind}), known {covered:.2f}"
                )
    print("\ntwo-look fine scores (the lower of the two):")
    for kind, values in groups.items():
        text = ", ".join(f"{v:.2f}" for v in sorted(values, reverse=True)[:12])
        print(f"  {kind}: {len(values)} boxes; best {text or '-'}")
    each = 1000 * cpu / max(1, crops)
    print(f"fine check of {crops} boxes: {wall:.2f} s wall, {cpu:.2f} s CPU ({each:.1f} ms CPU per box)")


if __name__ == "__main__":
    main()
