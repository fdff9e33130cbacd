"""Soak: does memory grow when the same work is repeated in one process? Prints RSS per step.

    .venv/bin/python benchmarks/soak.py                 (both parts; offscreen Qt)
    .venv/bin/python benchmarks/soak.py --runs 5 --photos 5 --part cli

Part "cli": ``rpipp protect PHOTO --say ... -o OUT`` run ``--runs`` times (default 30) on a
12-megapixel photo of two people, each as a fresh process as a user runs it (the peak RSS of each
run); with ``--in-process`` all runs go through the CLI's ``main`` in this one process, each building
its own engine and person finder, so whatever a run fails to release piles up.
Part "gui": the real window (offscreen) opens ``--photos`` photos (default 30; two people each, sizes
cycling from 0.5 to 12 megapixels) one after the other and waits each time until the people are
outlined. Growth is read after a warm-up of ``--warmup`` steps (models and caches load in the
first ones): "growth after warm-up" is the last step's RSS minus the warm-up step's, and "slope" the
least-squares RSS increase per step after warm-up. Asserts nothing; prints numbers.

Measured (December 2026, 2 shared cores, load 3-5): cli, 30 fresh processes: peak RSS 805-858 MiB
each, no trend (slope +0.01 MiB/step), median 3.1 s per run. gui, 30 photos: RSS 748 MiB after the
first, 932 after warm-up, 950 at the end; each size's RSS flat from its 2nd opening (12 MP: 1043 ->
1051 MiB). With ``--in-process`` the RSS grows ~300 MiB per run: a PeopleFinder dropped after a run
leaves native (MediaPipe/TFLite) memory behind; Python holds no finder, engine or model object.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

SENTENCES = ("the person on the right", "the woman on the left", "blur both people", "the astronaut")


def rss_mb() -> float:
    """Resident set size of this process in MiB (Linux /proc)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def summary(name: str, rss: list[float], warmup: int) -> None:
    w = min(warmup, len(rss) - 1)
    tail = np.asarray(rss[w:])
    slope = float(np.polyfit(np.arange(tail.size), tail, 1)[0]) if tail.size >= 2 else 0.0
    print(
        f"{name}: RSS first {rss[0]:.0f} MiB, after warm-up (step {w + 1}) {rss[w]:.0f} MiB, "
        f"last {rss[-1]:.0f} MiB, max {max(rss):.0f} MiB; growth after warm-up {rss[-1] - rss[w]:+.0f} MiB, "
        f"slope {slope:+.2f} MiB/step"
    )


def big_photo(tmp: Path, megapixels: float, name: str) -> Path:
    """Two people side by side (scikit-image's astronaut, matplotlib's Grace Hopper), resized."""
    from PIL import Image
    from screenshots import composite_photo

    small = composite_photo(tmp / f"{name}-small.jpg", height=600)
    im = Image.open(small)
    scale = (megapixels * 1e6 / (im.width * im.height)) ** 0.5
    out = tmp / f"{name}.jpg"
    im.resize((round(im.width * scale), round(im.height * scale)), Image.BILINEAR).save(out, quality=90)
    return out


CHILD = (
    "import sys\n"
    "from rpipp_gui.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
    "print(f'SOAK-HWM {hwm}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def soak_cli(tmp: Path, runs: int, warmup: int, in_process: bool) -> None:
    """``runs`` x ``rpipp protect --say``: as separate processes (what a user runs; the peak RSS of
    each), or with ``in_process`` all through ``main`` in this process (RSS after each)."""
    import contextlib
    import io
    import subprocess

    from PIL import Image

    from rpipp_gui.cli import main

    photo = big_photo(tmp, 12.0, "twelve")
    how = "in one process" if in_process else "each a fresh process (peak RSS of each)"
    print(f"cli: {runs} x rpipp protect --say on {photo.name} {Image.open(photo).size}, {how}")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    rss, times = [], []
    for i in range(runs):
        text = SENTENCES[i % len(SENTENCES)]
        argv = ["protect", str(photo), "--say", text, "-o", str(tmp / f"out-{i % 2}.jpg")]
        t0 = time.perf_counter()
        if in_process:
            with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
                code = main(argv)
            rss.append(rss_mb())
        else:
            r = subprocess.run([sys.executable, "-c", CHILD, *argv], capture_output=True, text=True, env=env)
            code = r.returncode
            hwm = [line.split()[1] for line in r.stderr.splitlines() if line.startswith("SOAK-HWM")]
            rss.append(int(hwm[0]) / 1024 if hwm else float("nan"))
        times.append(time.perf_counter() - t0)
        line = f"  run {i + 1:2d}: exit {code}  {times[-1]:5.2f} s  RSS {rss[-1]:7.1f} MiB  ('{text}')"
        print(line, flush=True)
    summary("cli", rss, warmup)
    print(f"cli: median {np.median(times):.2f} s per run")


def soak_gui(tmp: Path, photos: int, warmup: int) -> None:
    from PySide6.QtCore import QCoreApplication

    from rpipp_gui.ui.app import make_app
    from rpipp_gui.ui.main_window import MainWindow
    from rpipp_gui.ui.settings import Settings

    sizes = (0.5, 2.0, 5.0, 12.0)
    files = [big_photo(tmp, mp, f"gui-{mp:g}mp") for mp in sizes]
    make_app()
    w = MainWindow(Settings(tmp / "soak.ini"), warm_up=False)
    w.show()

    def spin(cond, timeout_s: float = 300.0) -> None:
        t0 = time.perf_counter()
        while not cond():
            QCoreApplication.processEvents()
            if time.perf_counter() - t0 > timeout_s:
                raise TimeoutError("soak step timed out")
            time.sleep(0.002)

    print(f"gui: {photos} photos opened one after the other in one window ({', '.join(map(str, sizes))} MP)")
    rss = []
    for i in range(photos):
        photo = files[i % len(files)]
        w.session.mark_clean()
        t0 = time.perf_counter()
        w.open_path(photo)
        spin(lambda p=photo: w.session.path == p and w.canvas.people_count >= 1 and w.workers.is_idle())
        rss.append(rss_mb())
        print(
            f"  photo {i + 1:2d}: {photo.name:14s} outlined in {time.perf_counter() - t0:5.2f} s  "
            f"RSS {rss[-1]:7.1f} MiB",
            flush=True,
        )
    summary("gui", rss, warmup)
    for k, photo in enumerate(files):  # the same photo's visits: sizes cycle, so compare like with like
        visits = rss[k :: len(files)]
        if len(visits) >= 3:
            second, last = visits[1], visits[-1]
            print(f"gui: {photo.name}: RSS {second:.0f} MiB at its 2nd opening, {last:.0f} MiB at its last")
    w.session.mark_clean()
    w.close()
    w.workers.wait(30_000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="protect --say runs (part cli)")
    parser.add_argument("--photos", type=int, default=30, help="photos opened (part gui)")
    parser.add_argument("--warmup", type=int, default=4, help="steps before growth is measured")
    parser.add_argument("--part", choices=("cli", "gui", "both"), default="both")
    parser.add_argument(
        "--in-process", action="store_true", help="part cli: call rpipp's main in this process each run"
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="rpipp-soak-"))
    print(f"start: RSS {rss_mb():.0f} MiB")
    if args.part in ("cli", "both"):
        soak_cli(tmp, args.runs, args.warmup, args.in_process)
    if args.part in ("gui", "both"):
        soak_gui(tmp, args.photos, args.warmup)
    return 0


if __name__ == "__main__":
    sys.exit(main())
