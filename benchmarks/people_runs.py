"""Where the people finder's time goes on 12 MP photos: model runs per photo and their seconds.

    .venv/bin/python benchmarks/people_runs.py [DIR] [--side 4000] [--threads 1] [--profile N]

Each photo of DIR's people.tsv (default: ../shared/data/real_people) is upscaled to ``--side`` x
3/4 ``--side`` (12 MP by default) and searched twice with warm models; the second run is measured.
Prints per photo the runs and wall seconds of each model (pose, selfie, body SSD, CenterFace,
MediaPipe faces) as wall/CPU seconds inside the calls, the photo's wall and CPU (process) seconds,
then the totals. With worker threads the calls overlap, and a call's CPU seconds (the process's)
include what other threads did meanwhile. ``--threads 1`` runs pose and face
checks in the caller's thread (``pose_workers=1``), which makes the seconds add up;
``--profile N`` prints the N costliest functions of a cProfile of the measured runs (one thread).
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import dataclasses
import pstats
import sys
import threading
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT = ROOT.parent / "shared" / "data" / "real_people"


class Counter:
    """Runs and wall seconds per model name, thread-safe."""

    def __init__(self) -> None:
        self.runs: collections.Counter[str] = collections.Counter()
        self.secs: collections.Counter[str] = collections.Counter()
        self.cpu: collections.Counter[str] = collections.Counter()
        self.lock = threading.Lock()
        self.active = False

    def wrap(self, owner, attr: str, name: str) -> None:
        original = getattr(owner, attr)

        def timed(*args, **kwargs):
            if not self.active:
                return original(*args, **kwargs)
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                with self.lock:
                    self.runs[name] += 1
                    self.secs[name] += time.perf_counter() - t0
                    self.cpu[name] += time.process_time() - c0

        setattr(owner, attr, timed)

    def reset(self) -> None:
        self.runs.clear()
        self.secs.clear()
        self.cpu.clear()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--side", type=int, default=4000)
    ap.add_argument("--threads", type=int, default=0, help="pose_workers (0: the default)")
    ap.add_argument("--profile", type=int, default=0)
    args = ap.parse_args()

    from rpipp_gui.people import FinderOptions, PeopleFinder
    from rpipp_gui.people.annotations import read_people
    from rpipp_gui.people.bodies import BodyDetector
    from rpipp_gui.people.centerface import CenterFace
    from rpipp_gui.people.faces import MediaPipeFaces
    from rpipp_gui.people.mp_models import MediaPipeModels

    counter = Counter()
    counter.wrap(MediaPipeModels, "pose", "pose")
    counter.wrap(MediaPipeModels, "selfie", "selfie")
    counter.wrap(BodyDetector, "scores", "body")
    counter.wrap(CenterFace, "detect_with_heat", "centerface")
    counter.wrap(MediaPipeFaces, "detect", "mp-faces")
    from rpipp_gui.people import embedded

    stages = {
        "faces": (embedded.EmbeddedBackend, "_faces"),
        "small-faces": (embedded, "find_small_faces"),
        "face-pose": (embedded.EmbeddedBackend, "_face_pose"),
        "face-selfie": (embedded.EmbeddedBackend, "_face_selfie"),
        "pose-pass": (embedded.EmbeddedBackend, "_pose_pass"),
        "selfie-windows": (embedded, "selfie_windows"),
        "bodies": (BodyDetector, "find"),
        "body-mask": (embedded, "body_mask"),
        "leftovers": (embedded, "find_leftovers"),
        "to-people": (embedded.EmbeddedBackend, "_to_people"),
        "downscale": (embedded, "downscale"),
    }
    for stage, (owner, attr) in stages.items():
        counter.wrap(owner, attr, stage)

    options = FinderOptions()
    if args.threads:
        options = dataclasses.replace(options, pose_workers=args.threads)
    finder = PeopleFinder(options=options)
    finder.warm_up()
    profile = cProfile.Profile() if args.profile else None
    totals_runs: collections.Counter[str] = collections.Counter()
    totals_secs: collections.Counter[str] = collections.Counter()
    totals_cpu: collections.Counter[str] = collections.Counter()
    wall_sum = cpu_sum = 0.0
    names = ("pose", "selfie", "body", "centerface", "mp-faces")
    for photo in read_people(args.dir / "people.tsv"):
        rgb = np.asarray(Image.open(args.dir / photo).convert("RGB"))
        big = np.asarray(Image.fromarray(rgb).resize((args.side, args.side * 3 // 4), Image.BICUBIC))
        finder.set_image(big)
        counter.reset()
        counter.active = True
        if profile is not None:
            profile.enable()
        t0, c0 = time.perf_counter(), time.process_time()
        people = finder.set_image(big)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        if profile is not None:
            profile.disable()
        counter.active = False
        wall_sum += wall
        cpu_sum += cpu
        totals_runs.update(counter.runs)
        totals_secs.update(counter.secs)
        totals_cpu.update(counter.cpu)
        parts = ", ".join(
            f"{n} {counter.runs[n]}x {counter.secs[n]:.2f}/{counter.cpu[n]:.2f}s" for n in names
        )
        print(f"{photo}: {len(people)} people, wall {wall:.2f} s, CPU {cpu:.2f} s; {parts}")
    parts = ", ".join(f"{n} {totals_runs[n]}x {totals_secs[n]:.2f}/{totals_cpu[n]:.2f}s" for n in names)
    print(f"total: wall {wall_sum:.2f} s, CPU {cpu_sum:.2f} s; {parts}")
    print(
        "stages (wall/CPU s; overlapping): "
        + ", ".join(f"{n} {totals_runs[n]}x {totals_secs[n]:.2f}/{totals_cpu[n]:.2f}" for n in stages)
    )
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
