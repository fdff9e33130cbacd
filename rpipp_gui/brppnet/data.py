"""Referring data: RPCOCO / RefCOCO annotation files, COCO polygon masks, letterboxing and flips.

Annotation layout (the original's ``data_process_v2.py`` output, as in ../shared/data/refcoco_persons/):
a JSON list of refs, each ``{"bbox": [x0, y0, x1, y1], "cat": 0..79, "segment_id": ref_id,
"img_name": "COCO_train2014_....jpg", "sentences": [{"sent": ...}, ...]}``. ``segment_id`` is the
REFER ref id, not a COCO annotation id, so the mask is found in COCO's instances file as the annotation
of that image whose (integer) box matches ``bbox`` best.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from rpipp_gui.errors import RpippError
from rpipp_gui.imaging.boxes import box_iou

LETTERBOX_FILL = 128  # the original pads with 0.5 grey


class DatasetError(RpippError):
    """An annotation file, image folder or COCO instances file is missing or malformed."""


@dataclass(frozen=True)
class RefRecord:
    """One referred object: image file name, box (x0, y0, x1, y1) in pixels, contiguous category index
    (0 = person), REFER ref id, and its sentences."""

    img_name: str
    bbox: tuple[float, float, float, float]
    cat: int
    segment_id: int
    sentences: tuple[str, ...]


def load_refs(path: str | Path, persons_only: bool = False) -> list[RefRecord]:
    """Read an RPCOCO / RefCOCO annotation JSON; raises DatasetError saying which entry is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        raise DatasetError(f"cannot read annotations {path}: {e.strerror or e}") from e
    except json.JSONDecodeError as e:
        raise DatasetError(f"annotations {path} are not JSON: {e}") from e
    if not isinstance(data, list):
        raise DatasetError(f"annotations {path}: expected a JSON list of refs, got {type(data).__name__}")
    refs = []
    for i, item in enumerate(data):
        try:
            rec = RefRecord(
                img_name=str(item["img_name"]),
                bbox=tuple(float(v) for v in item["bbox"]),
                cat=int(item["cat"]),
                segment_id=int(item["segment_id"]),
                sentences=tuple(str(s["sent"]) for s in item["sentences"]),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise DatasetError(f"annotations {path}: entry {i} is malformed ({e!r})") from e
        if len(rec.bbox) != 4 or not rec.sentences:
            raise DatasetError(f"annotations {path}: entry {i} needs a 4-number bbox and a sentence")
        if persons_only and rec.cat != 0:
            continue
        refs.append(rec)
    return refs


class CocoMasks:
    """Masks of refs from COCO's instances JSON (polygons or RLE) via pycocotools."""

    def __init__(self, instances_json: str | Path, min_iou: float = 0.7):
        from pycocotools.coco import COCO  # lazy: prints and takes seconds on the full file

        if not Path(instances_json).is_file():
            raise DatasetError(f"COCO instances file {instances_json} does not exist")
        try:
            self.coco = COCO(str(instances_json))
        except (ValueError, KeyError, OSError) as e:
            raise DatasetError(f"cannot read COCO instances {instances_json}: {e}") from e
        self.by_name = {img["file_name"]: img["id"] for img in self.coco.dataset.get("images", [])}
        self.cat_ids = sorted(self.coco.getCatIds())
        self.min_iou = min_iou

    def annotation_for(self, ref: RefRecord) -> dict:
        """The COCO annotation dict of ``ref``; DatasetError if its image or object is not there."""
        img_id = self.by_name.get(ref.img_name)
        if img_id is None:
            raise DatasetError(f"image {ref.img_name} is not in the COCO instances file")
        cat_id = self.cat_ids[ref.cat] if 0 <= ref.cat < len(self.cat_ids) else None
        anns = self.coco.loadAnns(self.coco.getAnnIds(imgIds=[img_id]))
        best, best_iou = None, -1.0
        for ann in anns:
            x, y, w, h = ann["bbox"]
            box = (int(x), int(y), int(x) + int(w), int(y) + int(h))
            iou = box_iou(box, ref.bbox) + (0.01 if ann["category_id"] == cat_id else 0.0)
            if iou > best_iou:
                best, best_iou = ann, iou
        if best is None or best_iou < self.min_iou:
            raise DatasetError(
                f"no COCO object in {ref.img_name} matches ref {ref.segment_id} box {ref.bbox}"
            )
        return best

    def mask(self, ref: RefRecord) -> np.ndarray:
        """HxW bool mask of ``ref`` at its image's resolution."""
        return self.coco.annToMask(self.annotation_for(ref)).astype(bool)


def read_rgb(path: str | Path) -> np.ndarray:
    """HxWx3 uint8 RGB image; DatasetError when it cannot be decoded."""
    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if image is None:
        raise DatasetError(f"cannot read image {path} (missing or not an image)")
    return cv2.cvtColor(image, cv2.COLOR_BGR2RGB)


@dataclass(frozen=True)
class Letterbox:
    """How a photo of ``shape`` (H, W) sits in a size x size square: scaled to nh x nw at (dy, dx)."""

    size: int
    shape: tuple[int, int]
    nh: int
    nw: int
    dy: int
    dx: int

    @classmethod
    def fit(cls, shape: tuple[int, int], size: int) -> Letterbox:
        h, w = int(shape[0]), int(shape[1])
        scale = min(size / w, size / h)
        nw, nh = max(1, int(w * scale)), max(1, int(h * scale))
        return cls(size, (h, w), nh, nw, (size - nh) // 2, (size - nw) // 2)

    def image(self, rgb: np.ndarray) -> np.ndarray:
        """HxWx3 uint8 -> size x size x 3 uint8, grey (128) outside the photo."""
        out = np.full((self.size, self.size, 3), LETTERBOX_FILL, dtype=np.uint8)
        out[self.dy : self.dy + self.nh, self.dx : self.dx + self.nw] = cv2.resize(
            rgb,
            (self.nw, self.nh),
            interpolation=cv2.INTER_AREA if self.nw < rgb.shape[1] else cv2.INTER_CUBIC,
        )
        return out

    def mask(self, mask: np.ndarray, out_size: int | None = None) -> np.ndarray:
        """HxW bool -> out_size x out_size float32 in 0..1 (area-averaged), zero outside the photo."""
        full = np.zeros((self.size, self.size), dtype=np.float32)
        full[self.dy : self.dy + self.nh, self.dx : self.dx + self.nw] = cv2.resize(
            mask.astype(np.float32), (self.nw, self.nh), interpolation=cv2.INTER_LINEAR
        )
        if out_size and out_size != self.size:
            full = cv2.resize(full, (out_size, out_size), interpolation=cv2.INTER_AREA)
        return full

    def unbox(self, prob: np.ndarray) -> np.ndarray:
        """hxw float map over the square (any h = w) -> HxW float32 at the photo's resolution."""
        square = cv2.resize(prob.astype(np.float32), (self.size, self.size), interpolation=cv2.INTER_LINEAR)
        crop = square[self.dy : self.dy + self.nh, self.dx : self.dx + self.nw]
        return cv2.resize(crop, (self.shape[1], self.shape[0]), interpolation=cv2.INTER_LINEAR)


_SIDES = {"left": "right", "right": "left", "leftmost": "rightmost", "rightmost": "leftmost"}
_SIDE_WORD = re.compile(r"\b(" + "|".join(_SIDES) + r")\b", re.IGNORECASE)


def flip_sentence(sentence: str) -> str:
    """Swap left and right (and leftmost / rightmost) for a horizontally mirrored image; keeps case."""

    def swap(m: re.Match) -> str:
        word = m.group(0)
        new = _SIDES[word.lower()]
        return new.capitalize() if word[0].isupper() else new

    return _SIDE_WORD.sub(swap, sentence)


def flip_sample(image: np.ndarray, mask: np.ndarray, sentence: str) -> tuple[np.ndarray, np.ndarray, str]:
    """Mirror image (HxWx3) and mask (HxW) left-right and swap the sentence's sides."""
    return image[:, ::-1].copy(), mask[:, ::-1].copy(), flip_sentence(sentence)
