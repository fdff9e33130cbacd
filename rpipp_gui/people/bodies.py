"""Whole-body person detection: MediaPipe's SSD MobileNetV2 (Open Images v4) run with LiteRT.

The model (models/object_detection_ssd_mobilenetv2_oidv4_fp16.tflite, Apache-2.0, extracted from the
npm package @mediapipe/objectron by scripts/extract_person_detector.py and checked against its
sha256 before loading) sees a 300x300 RGB image scaled to [-1, 1], stretched, and predicts 1917
anchor boxes x 24 Open Images classes (index 4 = Person). It finds people from behind, from above,
walking away and far away, which a face-seeded finder cannot; it misses close-up upper bodies, where
faces and pose are strong. The two are complements (embedded.py fuses them).

``BodyDetector.find(rgb)`` looks at the whole photo, then at overlapping tiles (small people), and
checks every weak box again on an enlarged crop around it: a real person scores higher when seen
larger, a rock, a bollard or a traffic cone does not (measured on the real photos of
shared/data/real_people: people 0.39-0.69 on the check crop, objects <= 0.26). Given the photo at
its full resolution (the finder passes it), small boxes too weak even for that check are looked at
on zoomed crops of it, twice (``fine_candidates``, ``fine_check``, ``fine_confirmed``): people a
few pixels high, whom no pass on the whole photo or its tiles sees large enough.
"""

from __future__ import annotations

import logging
import math
import threading
from dataclasses import dataclass

import numpy as np

from rpipp_gui.errors import ModelError
from rpipp_gui.imaging.boxes import mask_share, share_inside
from rpipp_gui.people.centerface import nms
from rpipp_gui.people.options import BodyOptions
from rpipp_gui.people.person import Box, BoxShape, box_iou
from rpipp_gui.shared import Shared

log = logging.getLogger(__name__)

INPUT_SIDE = 300
PERSON_CLASS = 4
_BOX_SCALES = (10.0, 10.0, 5.0, 5.0)  # ty, tx, th, tw of the TF Object Detection API box coder


@dataclass(frozen=True)
class Body(BoxShape):
    """A person's whole visible body: ``box`` (x0, y0, x1, y1) photo pixels, its best 0..1 score,
    ``whole``, its best score on the whole photo (0 when only a tile or a check crop saw it),
    ``fine``, its score on the fine check's zoomed crop (0 when it had none), and ``alone``: the
    detector alone confirmed it (weak_large.py: a box the bottom border cuts, someone close behind
    what they hold), so it is hidden whole as its box, whatever pose or selfie see of it."""

    box: Box
    score: float
    whole: float = 0.0
    fine: float = 0.0
    alone: bool = False


def _sigmoid(logits: np.ndarray) -> np.ndarray:
    return (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)


def ssd_anchors() -> np.ndarray:
    """The 1917 anchors of the model as Nx4 float32 (cy, cx, h, w), normalised to 0..1: the TF
    Object Detection API SSD anchor generator with 6 layers on 19, 10, 5, 3, 2, 1 cells, scales
    0.2..0.95, aspect ratios 1, 2, 1/2, 3, 1/3 plus one interpolated scale, the lowest layer
    reduced to (0.1, 1), (0.2, 2), (0.2, 1/2); ordered layer, row, column, anchor."""
    cells = (19, 10, 5, 3, 2, 1)
    lo, hi = 0.2, 0.95
    scales = [lo + (hi - lo) * i / (len(cells) - 1) for i in range(len(cells))] + [1.0]
    out = []
    for layer, n in enumerate(cells):
        if layer == 0:
            specs = [(0.1, 1.0), (scales[0], 2.0), (scales[0], 0.5)]
        else:
            specs = [(scales[layer], a) for a in (1.0, 2.0, 0.5, 3.0, 1.0 / 3.0)]
            specs.append((math.sqrt(scales[layer] * scales[layer + 1]), 1.0))
        for row in range(n):
            for col in range(n):
                for scale, aspect in specs:
                    r = math.sqrt(aspect)
                    out.append(((row + 0.5) / n, (col + 0.5) / n, scale / r, scale * r))
    return np.asarray(out, dtype=np.float32)


def decode(encodings: np.ndarray, anchors: np.ndarray) -> np.ndarray:
    """Nx4 box encodings (ty, tx, th, tw) -> Nx4 float32 (x0, y0, x1, y1) normalised to 0..1."""
    sy, sx, sh, sw = _BOX_SCALES
    cy = encodings[:, 0] / sy * anchors[:, 2] + anchors[:, 0]
    cx = encodings[:, 1] / sx * anchors[:, 3] + anchors[:, 1]
    h = np.exp(np.clip(encodings[:, 2] / sh, -10, 10)) * anchors[:, 2]
    w = np.exp(np.clip(encodings[:, 3] / sw, -10, 10)) * anchors[:, 3]
    return np.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], axis=1).astype(np.float32)


def _load_interpreter(threads: int):
    from rpipp_gui.vendored import vendored_path

    path = vendored_path("person_detector")
    try:
        from ai_edge_litert.interpreter import Interpreter
    except ImportError as e:
        raise ModelError(f"the body detector needs the ai-edge-litert package: {e}") from e
    from rpipp_gui.people.mp_models import quiet_native_stderr

    try:
        with quiet_native_stderr():  # "Created TensorFlow Lite XNNPACK delegate for CPU."
            interpreter = Interpreter(model_path=str(path), num_threads=threads)
            interpreter.allocate_tensors()
    except Exception as e:
        raise ModelError(f"cannot load the body detector {path.name}: {e}") from e
    inputs, outputs = interpreter.get_input_details(), interpreter.get_output_details()
    shape = tuple(inputs[0]["shape"])
    names = {o["name"]: o for o in outputs}
    boxes, classes = names.get("raw_outputs/box_encodings"), names.get("raw_outputs/class_predictions")
    if shape != (1, INPUT_SIDE, INPUT_SIDE, 3) or boxes is None or classes is None:
        raise ModelError(
            f"{path.name} is not the expected SSD detector (input {shape}, outputs {list(names)})"
        )
    return interpreter, inputs[0]["index"], boxes["index"], classes["index"]


class BodyDetector:
    """The person boxes of the SSD detector; the model loads on first use. Thread-safe (one run at
    a time)."""

    def __init__(self, options: BodyOptions | None = None) -> None:
        self.options = options or BodyOptions()
        self._model = None
        self._anchors = ssd_anchors()
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        """Load the model now and run it once."""
        self.scores(np.full((INPUT_SIDE, INPUT_SIDE, 3), 127, np.uint8))

    def scores(self, rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Run the model on an HxWx3 uint8 RGB image (stretched to 300x300). Returns the 1917 boxes
        (Nx4 float32 x0, y0, x1, y1 in the image's pixels) and their person scores (N float32)."""
        boxes, logits = self._run(rgb)
        return boxes, _sigmoid(logits[:, PERSON_CLASS])

    def class_scores(self, rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """As ``scores``, with the scores of every class: (Nx4 float32 boxes, NxC float32 0..1; the
        columns are the lines of models/object_detection_oidv4_labelmap.txt, 4 = Person)."""
        boxes, logits = self._run(rgb)
        return boxes, _sigmoid(logits)

    def _run(self, rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(Nx4 float32 boxes in the image's pixels, NxC float32 class logits) of one model run."""
        import cv2

        h, w = rgb.shape[:2]
        interp = cv2.INTER_AREA if min(h, w) > INPUT_SIDE else cv2.INTER_LINEAR
        x = cv2.resize(np.ascontiguousarray(rgb), (INPUT_SIDE, INPUT_SIDE), interpolation=interp)
        x = (x.astype(np.float32) / 127.5 - 1.0)[None]
        with self._lock:
            if self._model is None:
                self._model = _load_interpreter(self.options.threads)
            model, inp, out_boxes, out_classes = self._model
            model.set_tensor(inp, x)
            model.invoke()
            enc = model.get_tensor(out_boxes)[0].copy()
            logits = model.get_tensor(out_classes)[0].copy()
        return decode(enc, self._anchors) * np.array([w, h, w, h], np.float32), logits

    def detect(self, rgb: np.ndarray, threshold: float | None = None) -> list[Body]:
        """People in an HxWx3 uint8 RGB image seen whole (no tiles, no checks), best first."""
        thr = self.options.candidate if threshold is None else threshold
        boxes, scores = self.scores(rgb)
        keep = scores >= thr
        boxes, scores = boxes[keep], scores[keep]
        order = nms(boxes, scores, self.options.nms_iou)
        return [Body(tuple(float(v) for v in boxes[i]), float(scores[i])) for i in order]

    def find(
        self,
        rgb: np.ndarray,
        work: np.ndarray | None = None,
        fine: np.ndarray | None = None,
        known: np.ndarray | None = None,
    ) -> list[Body]:
        """Every person's body in an HxWx3 uint8 RGB photo, boxes in its pixels, best first.

        work: an optional smaller copy of the photo for the whole-photo pass (same aspect).
        fine: when given, the photo at its full resolution (H'xW'x3 uint8, same aspect as ``rgb``):
        small weak boxes are checked again on zoomed crops of it (``fine_candidates``,
        ``fine_check``); without it there is no fine check.
        known: HxW bool, pixels of ``rgb`` that people found before cover; a small weak box lying
        on them is not checked finely (it is a part of someone known)."""
        return self.find_with_seen(rgb, work, fine, known)[0]

    def find_with_seen(
        self,
        rgb: np.ndarray,
        work: np.ndarray | None = None,
        fine: np.ndarray | None = None,
        known: np.ndarray | None = None,
        low: float = 1.0,
        seen: list[Body] | None = None,
    ) -> tuple[list[Body], list[Body]]:
        """``find``, and every box seen on the photo or a tile from the lowest of ``candidate``,
        ``fine_candidate`` (with ``fine``) and ``low`` on (weak_large.py looks at the large ones).
        seen: those boxes when computed before (``seen(rgb, work, seen_threshold(...))``)."""
        opts = self.options
        h, w = rgb.shape[:2]
        fine_on = fine is not None and opts.fine_max > 0
        if seen is None:
            seen = self.seen(rgb, work, self.seen_threshold(fine_on, low))
        people = self.accepted(rgb, seen)
        if not fine_on:
            return people, seen
        weak = fine_candidates(seen, people, (h, w), opts, known)
        # the box the zoomed look found may reach into someone found: then it is a part of them
        extra = away_from_people(self.fine_confirmed(fine, (h, w), weak), people, opts, known)
        log.debug("fine check: %d small weak boxes, %d people", len(weak), len(extra))
        if not extra:
            return people, seen
        return _dedupe(people + [_clip(b, w, h) for b in extra], opts, groups=True), seen

    def seen_threshold(self, fine: bool, low: float = 1.0) -> float:
        """The lowest score ``find_with_seen`` looks at: ``candidate``, ``fine_candidate`` when
        weak boxes are checked finely (``fine``), ``low``."""
        return min(self.options.candidate, self.options.fine_candidate if fine else 1.0, low)

    def seen(self, rgb: np.ndarray, work: np.ndarray | None, threshold: float) -> list[Body]:
        """Every box scoring at least ``threshold`` on the whole photo (or its smaller copy
        ``work``) and on the tiles (boxes cut by a tile's inner edge left out), photo pixels; boxes
        seen whole have ``whole`` set."""
        h, w = rgb.shape[:2]
        whole = self.detect(work if work is not None else rgb, threshold)
        if work is not None:
            sx, sy = w / work.shape[1], h / work.shape[0]
            whole = [Body(_scaled(b.box, sx, sy), b.score) for b in whole]
        seen = [Body(b.box, b.score, b.score) for b in whole]
        for tile in tiles(w, h, self.options):
            x0, y0, x1, y1 = tile
            for b in self.detect(rgb[y0:y1, x0:x1], threshold):
                box = (b.box[0] + x0, b.box[1] + y0, b.box[2] + x0, b.box[3] + y0)
                if not _cut_by_tile(box, tile, w, h, self.options.tile_margin):
                    seen.append(Body(box, b.score))
        return seen

    def accepted(self, rgb: np.ndarray, seen: list[Body]) -> list[Body]:
        """The people among the boxes ``seen`` (those from ``candidate`` on): weak ones checked
        again on an enlarged crop (``_check``; at most ``max_checks``, those seen only on a tile
        first), accepted from ``accept`` (``zoomed_accept`` when not seen on the whole photo),
        parts and boxes between two people left out."""
        opts = self.options
        h, w = rgb.shape[:2]
        found = _dedupe([b for b in seen if b.score >= opts.candidate], opts)
        weak = sorted(
            (b for b in found if b.score < opts.accept), key=lambda b: (b.whole >= opts.candidate, -b.score)
        )
        checking = {id(b) for b in weak[: opts.max_checks]}
        people = []
        for body in found:
            if id(body) in checking:
                body = self._check(rgb, body)
            need = opts.accept if body.whole >= opts.candidate else opts.zoomed_accept
            if body.score >= need:
                people.append(_clip(body, w, h))
        return _dedupe(people, opts, groups=True)

    def fine_check(self, full: np.ndarray, shape: tuple[int, int], weak: list[Body]) -> list[Body]:
        """Each weak box (photo pixels of a photo of ``shape`` (h, w)) seen again on a zoomed
        crop of ``full`` (H'xW'x3 uint8, the same photo at its full resolution): a square of
        ``fine_context`` box sides, at least ``fine_min_px`` photo pixels across (the detector
        sees it at most 300 / ``fine_min_px`` times larger). A box lying inside the crop of an
        earlier box, about as enlarged, shares its crop (weak boxes come in clusters); at most
        ``fine_max`` crops, the boxes left over (the last) get none. Returns the boxes in the same
        order with ``fine`` set to the best score of a detection on their crop whose IoU with
        them reaches ``fine_iou`` (0 for none) and, when that beats their score, its box."""
        opts = self.options
        h, w = shape
        sx, sy = full.shape[1] / w, full.shape[0] / h
        regions: list[tuple[int, int, int, int]] = []
        crop_of: list[int] = []
        for body in weak:
            side = max(opts.fine_min_px, opts.fine_context * max(body.width, body.height))
            shared = [
                k
                for k, r in enumerate(regions)
                if share_inside(body.box, _shrunk(r, opts.fine_share_margin)) >= 1.0
                and side >= opts.fine_share_size * (r[2] - r[0])
            ]
            if shared:
                crop_of.append(shared[0])
                continue
            if len(regions) >= opts.fine_max:
                crop_of.append(-1)
                continue
            regions.append(_square(body.center, side, w, h))
            crop_of.append(len(regions) - 1)
        crops, origins = [], []
        for x0, y0, x1, y1 in regions:
            fx0, fy0 = int(x0 * sx), int(y0 * sy)
            fx1, fy1 = max(fx0 + 1, int(round(x1 * sx))), max(fy0 + 1, int(round(y1 * sy)))
            crops.append(full[fy0:fy1, fx0:fx1])
            origins.append(np.array([fx0, fy0, fx0, fy0], np.float32))
        found = []
        scale = np.array([sx, sy, sx, sy], np.float32)
        for origin, (boxes, scores) in zip(origins, self.scores_many(crops), strict=True):
            keep = scores >= opts.fine_candidate
            found.append(((boxes[keep] + origin) / scale, scores[keep]))
        out = []
        for body, k in zip(weak, crop_of, strict=True):
            best = Body(body.box, body.score, body.whole, 0.0)
            for box, score in zip(*(found[k] if k >= 0 else ((), ())), strict=True):
                box = tuple(float(v) for v in box)
                if score > best.fine and box_iou(box, body.box) >= opts.fine_iou:
                    better = score > body.score
                    score = float(score)
                    best = Body(box if better else body.box, max(body.score, score), body.whole, score)
            out.append(best)
        return out

    def fine_confirmed(self, full: np.ndarray, shape: tuple[int, int], weak: list[Body]) -> list[Body]:
        """The weak boxes that are people on two looks (``fine_check``): their crop, then, for those
        reaching ``fine_accept``, a crop centred on the box that look found; both must reach it
        (``fine`` is the lower score). One look alone let a post through on a 12 MP copy (0.57)
        and missed a person's head and shoulders (0.39); two agreed on both (see BodyOptions)."""
        opts = self.options
        first = [b for b in self.fine_check(full, shape, weak) if b.fine >= opts.fine_accept]
        if not first:
            return []
        again = self.fine_check(full, shape, [Body(b.box, 0.0) for b in first])
        return [
            Body(b.box, b.score, b.whole, min(b.fine, c.fine))
            for b, c in zip(first, again, strict=True)
            if c.fine >= opts.fine_accept
        ]

    def scores_many(self, crops: list[np.ndarray]) -> list[tuple[np.ndarray, np.ndarray]]:
        """``scores`` of each HxWx3 uint8 RGB crop."""
        return [self.scores(c) for c in crops]

    def _check(self, rgb: np.ndarray, body: Body) -> Body:
        """Look again at a weak box on an enlarged crop around it; the better of the two."""
        opts = self.options
        h, w = rgb.shape[:2]
        side = max(opts.check_context * max(body.width, body.height), opts.check_min_px)
        x0, y0, x1, y1 = _square(body.center, side, w, h)
        local = (body.box[0] - x0, body.box[1] - y0, body.box[2] - x0, body.box[3] - y0)
        best = body
        for b in self.detect(rgb[y0:y1, x0:x1], opts.candidate):
            if b.score > best.score and box_iou(b.box, local) >= opts.check_iou:
                box = (b.box[0] + x0, b.box[1] + y0, b.box[2] + x0, b.box[3] + y0)
                best = Body(box, b.score, body.whole)
        return best


def fine_candidates(
    seen: list[Body],
    people: list[Body],
    shape: tuple[int, int],
    options: BodyOptions,
    known: np.ndarray | None = None,
) -> list[Body]:
    """The small weak boxes worth a fine check, smallest first: boxes
    seen on the photo or a tile (``seen``, photo pixels of a photo of ``shape`` (h, w)) scoring
    at least ``fine_candidate`` and lower than ``fine_height`` of the photo, that are not one of
    the ``people`` found (overlap by more than ``nms_iou`` or lie more than ``fine_beside`` inside
    one: a part of them, or a thing beside them, and sure to add to their mask if not), nor lie
    more than ``fine_known`` on pixels of people found before (``known``, HxW bool)."""
    h, w = shape
    small = [b for b in seen if b.score >= options.fine_candidate and b.height < options.fine_height * h]
    small = away_from_people(small, people, options, known)
    if not small:
        return []
    boxes = np.array([b.box for b in small], np.float32)
    scores = np.array([b.score for b in small], np.float32)
    kept = [small[i] for i in nms(boxes, scores, options.nms_iou)]
    # the zoom adds most to the smallest: larger boxes were seen enlarged on tiles and check crops
    return sorted(kept, key=lambda b: b.height)


def away_from_people(
    bodies: list[Body], people: list[Body], options: BodyOptions, known: np.ndarray | None = None
) -> list[Body]:
    """The bodies that are not one of the ``people`` the detector accepted (overlap by more than
    ``nms_iou``, or lie more than ``fine_beside`` inside one) and lie at most ``fine_known`` on
    pixels of people found before (``known``, HxW bool of the same photo)."""
    out = [
        b
        for b in bodies
        if not any(
            box_iou(b.box, p.box) > options.nms_iou or share_inside(b.box, p.box) > options.fine_beside
            for p in people
        )
    ]
    if known is not None:
        out = [b for b in out if mask_share(known, b.box) <= options.fine_known]
    return out


def _shrunk(box: tuple[int, int, int, int], margin: float) -> Box:
    """A box shrunk by ``margin`` of its side on each side."""
    mx, my = margin * (box[2] - box[0]), margin * (box[3] - box[1])
    return (box[0] + mx, box[1] + my, box[2] - mx, box[3] - my)


def tiles(width: int, height: int, options: BodyOptions) -> list[tuple[int, int, int, int]]:
    """Overlapping square tiles (x0, y0, x1, y1) covering a width x height photo; none when a tile
    would have fewer than ``options.tile_min_px`` pixels across."""
    side = int(options.tile_side * min(width, height))
    if side < options.tile_min_px:
        return []
    step = max(1, int(side * (1.0 - options.tile_overlap)))

    def starts(total: int) -> list[int]:
        n = max(1, math.ceil((total - side) / step) + 1)
        if n == 1:
            return [0]
        return [round(i * (total - side) / (n - 1)) for i in range(n)]

    return [(x, y, x + side, y + side) for y in starts(height) for x in starts(width)]


def _square(center: tuple[float, float], side: float, width: int, height: int) -> tuple[int, int, int, int]:
    """A square of ``side`` pixels around ``center``, shifted (not cut) to lie in the photo when it
    fits, clipped otherwise."""
    s = int(min(side, width, height))
    x0 = int(np.clip(center[0] - s / 2, 0, width - s))
    y0 = int(np.clip(center[1] - s / 2, 0, height - s))
    return x0, y0, x0 + s, y0 + s


def _cut_by_tile(box: Box, tile, width: int, height: int, share: float) -> bool:
    """True when a box found in a tile runs into a tile edge that is not the photo's edge (a person
    cut by the tile is found whole by the photo pass or a neighbouring tile): within ``share`` of
    the tile's side of it."""
    margin = share * (tile[2] - tile[0])
    return (
        (tile[0] > 0 and box[0] <= tile[0] + margin)
        or (tile[1] > 0 and box[1] <= tile[1] + margin)
        or (tile[2] < width and box[2] >= tile[2] - margin)
        or (tile[3] < height and box[3] >= tile[3] - margin)
    )


def _dedupe(bodies: list[Body], options: BodyOptions, groups: bool = False) -> list[Body]:
    """Non-maximum suppression, then drop boxes that are parts of a better, taller box, and (with
    ``groups``, among accepted people only) boxes around or between two people found on their own;
    a kept box takes the best scores of the boxes it suppressed (the same person seen in several
    passes)."""
    if not bodies:
        return []
    boxes = np.array([b.box for b in bodies], np.float32)
    scores = np.array([b.score for b in bodies], np.float32)
    kept: list[Body] = []
    for i in nms(boxes, scores, options.nms_iou):
        body = bodies[i]
        same = [o for o in bodies if box_iou(o.box, body.box) > options.nms_iou]
        body = Body(
            body.box, max(o.score for o in same), max(o.whole for o in same), max(o.fine for o in same)
        )
        if any(share_inside(body.box, k.box) >= options.part_of and k.height >= body.height for k in kept):
            continue
        kept.append(body)
    if groups:
        between = [g for g in kept if _between(g, kept, options)]
        kept = [b for b in kept if b not in between]
        # among people, a part (an upper body seen on a tile) goes whatever its score
        kept = [
            b
            for b in kept
            if not any(
                o is not b and o.height > b.height and share_inside(b.box, o.box) >= options.part_of
                for o in kept
            )
        ]
    return sorted(kept, key=lambda b: -b.score)


def _scaled(box: Box, sx: float, sy: float) -> Box:
    return (box[0] * sx, box[1] * sy, box[2] * sx, box[3] * sy)


def _between(box: Body, kept: list[Body], options: BodyOptions) -> bool:
    """True when two other boxes of about its height, side by side (hardly overlapping each other),
    together cover at least ``part_of`` of ``box``: a box around, or straddling, two people found on
    their own (SSD's typical box between two people walking close together; ``BodyOptions``)."""
    opts = options
    others = [
        (o, share_inside(box.box, o.box))
        for o in kept
        if o is not box and o.height >= opts.between_height * box.height
    ]
    others = [(o, part) for o, part in others if part >= opts.between_part]
    return any(
        pa + pb >= opts.part_of and box_iou(a.box, b.box) < opts.between_iou
        for i, (a, pa) in enumerate(others)
        for b, pb in others[i + 1 :]
    )


def _clip(body: Body, width: int, height: int) -> Body:
    x0, y0, x1, y1 = body.box
    box = (max(0.0, x0), max(0.0, y0), min(float(width), x1), min(float(height), y1))
    return Body(box, body.score, body.whole, body.fine)


_default = Shared(BodyDetector)


def default_body_detector() -> BodyDetector:
    """The process-wide body detector with default options (the model loads once, on first use)."""
    return _default.get()
