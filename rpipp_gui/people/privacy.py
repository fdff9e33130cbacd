"""The privacy check of BRPPNet's paper: target face de-identification rate (TDIR).

A face counts as a target when the detector finds it before protection and it lies in the protected
region. TDIR is the share of target faces that the detector can no longer find after protection
(1.0 = no target face re-found). The detector is CenterFace plus MediaPipe's full-range model, so a
face either of them still sees counts as re-found.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rpipp_gui.people.faces import Face, check_rgb, default_face_detector
from rpipp_gui.people.person import box_iou


@dataclass(frozen=True)
class TdirResult:
    """targets: faces found before protection inside the region; refound: the targets that a face
    found after protection still overlaps (IoU >= iou). rate = 1 - len(refound) / len(targets), or
    None when there was no target face to protect."""

    targets: tuple[Face, ...]
    refound: tuple[Face, ...]
    after: tuple[Face, ...]

    @property
    def rate(self) -> float | None:
        if not self.targets:
            return None
        return 1.0 - len(self.refound) / len(self.targets)


def _share_in_region(face: Face, region: np.ndarray) -> float:
    h, w = region.shape
    x0, y0 = max(0, int(face.box[0])), max(0, int(face.box[1]))
    x1, y1 = min(w, int(np.ceil(face.box[2]))), min(h, int(np.ceil(face.box[3])))
    if x1 <= x0 or y1 <= y0:
        return 0.0
    return float(region[y0:y1, x0:x1].mean())


def tdir(
    before_rgb: np.ndarray,
    after_rgb: np.ndarray,
    region_mask: np.ndarray,
    threshold: float = 0.3,
    *,
    min_share: float = 0.5,
    iou: float = 0.3,
    after_threshold: float | None = None,
) -> TdirResult:
    """Measure how well protection hid the faces inside ``region_mask``.

    before_rgb, after_rgb: HxWx3 uint8 RGB, the photo before and after protection (same size).
    region_mask: HxW bool, the protected pixels; a face is a target when at least ``min_share`` of
    its box lies in it. threshold: face detector score for the targets, and for re-finding them
    unless ``after_threshold`` is given (a laxer, higher one ignores the weak detections a
    detector makes on head-shaped silhouettes). A target is re-found when a face detected after
    protection overlaps it with IoU >= ``iou``.
    """
    before_rgb, after_rgb = check_rgb(before_rgb), check_rgb(after_rgb)
    region = np.asarray(region_mask, dtype=bool)
    if before_rgb.shape != after_rgb.shape or region.shape != before_rgb.shape[:2]:
        raise ValueError(
            f"before {before_rgb.shape}, after {after_rgb.shape} and region {region.shape} must share H and W"
        )
    detector = default_face_detector()
    targets = [f for f in detector.detect(before_rgb, threshold) if _share_in_region(f, region) >= min_share]
    after_thr = threshold if after_threshold is None else after_threshold
    after = detector.detect(after_rgb, after_thr) if targets else []
    refound = [t for t in targets if any(box_iou(t.box, a.box) >= iou for a in after)]
    return TdirResult(tuple(targets), tuple(refound), tuple(after))
