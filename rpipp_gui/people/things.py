"""Things people are placed by: the non-person boxes of the body detector (cars, bicycles, dogs,
chairs, laptops, ...), for sentences such as "the man next to the car" or "the woman on the bike".

The body detector (``bodies.BodyDetector``, SSD MobileNetV2 on Open Images v4) scores 24 classes;
the people finder keeps only Person. ``find_things(rgb)`` runs it once on the whole photo and keeps
the other classes a sentence can name, grouped into a few kinds (Car and Vehicle are both "car").
Its scores for things are low even when right (the cars of the vtest frames 0.38-0.51), and it
gives chairs, tables, laptops and books to chessboards held up and pages of text: only the kinds
seen to separate are kept (cars, bicycles, dogs; ``body_options.ThingOptions``), and a thing not
found is never proof of absence (the sentence's words about it then stay unjudged).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rpipp_gui.people.body_options import THING_OPTIONS, ThingOptions
from rpipp_gui.people.person import Box


@dataclass(frozen=True)
class Thing:
    """A thing seen in the photo: ``kind`` ("car", "bicycle", "dog", ...), ``box`` (x0, y0, x1, y1)
    photo pixels, ``score`` 0..1 (the detector's)."""

    kind: str
    box: Box
    score: float


# Open Images class (a line of models/object_detection_oidv4_labelmap.txt) -> the kind a sentence
# names. Footwear, boots and high heels are worn, not places; the computer mouse, boxes, mugs and
# cups are left out (small on the whole 300x300 pass, and not measured).
_KINDS = {
    "Car": "car", "Vehicle": "car", "Bicycle": "bicycle", "Stationary bicycle": "bicycle",
    "Dog": "dog", "Cat": "cat", "Cattle": "cow", "Chair": "chair", "Table": "table", "Desk": "table",
    "Laptop": "laptop", "Computer monitor": "laptop", "Book": "book", "Camera": "camera",
    "Bottle": "bottle",
}  # fmt: skip


def labels() -> list[str]:
    """The detector's class names, by column (models/object_detection_oidv4_labelmap.txt)."""
    from rpipp_gui.vendored import vendored_path

    return vendored_path("person_detector_labels").read_text(encoding="utf-8").splitlines()


def things_from_scores(
    boxes: np.ndarray, probs: np.ndarray, names: list[str], options: ThingOptions = THING_OPTIONS
) -> list[Thing]:
    """The things among the detector's boxes. boxes: Nx4 float (x0, y0, x1, y1) pixels; probs: NxC
    float 0..1, one column per name of ``names``. Best first."""
    from rpipp_gui.people.centerface import nms

    found: dict[str, list[tuple[float, Box]]] = {}
    for column, name in enumerate(names[: probs.shape[1]]):
        kind = _KINDS.get(name)
        if kind is None:
            continue
        thr = options.threshold.get(kind, options.default)
        for i in np.flatnonzero(probs[:, column] >= thr):
            found.setdefault(kind, []).append((float(probs[i, column]), tuple(float(v) for v in boxes[i])))
    out = []
    for kind, seen in found.items():
        b = np.array([box for _, box in seen], np.float32)
        s = np.array([score for score, _ in seen], np.float32)
        out += [Thing(kind, seen[i][1], seen[i][0]) for i in nms(b, s, options.nms_iou)]
    return sorted(out, key=lambda t: -t.score)


def find_things(rgb: np.ndarray, detector=None, options: ThingOptions = THING_OPTIONS) -> list[Thing]:
    """The things in an HxWx3 uint8 RGB photo (one detector pass on the whole photo, ~20 ms on
    2 cores), best first. detector: a ``bodies.BodyDetector`` (None: the shared one)."""
    if detector is None:
        from rpipp_gui.people.bodies import default_body_detector

        detector = default_body_detector()
    h, w = rgb.shape[:2]
    boxes, probs = detector.class_scores(rgb)
    boxes = np.clip(boxes, 0, [w, h, w, h])
    return things_from_scores(boxes, probs, labels(), options)
