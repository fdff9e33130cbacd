"""Box prompt: segment the person inside a box the user drew around someone the finder missed."""

from __future__ import annotations

import numpy as np

from rpipp_gui.people.faces import FaceDetector
from rpipp_gui.people.mp_models import MediaPipeModels
from rpipp_gui.people.options import FinderOptions
from rpipp_gui.people.person import Box, Person
from rpipp_gui.people.person_masks import (
    Candidate,
    clip_box,
    components,
    downscale,
    exclusive_full_masks,
    mask_bbox,
)


def segment_in_box(
    rgb: np.ndarray,
    box: Box,
    models: MediaPipeModels,
    faces: FaceDetector,
    options: FinderOptions,
    work_side: int = 512,
) -> Person | None:
    """Segment the person inside ``box`` of an HxWx3 uint8 RGB photo.

    The box (x0, y0, x1, y1 photo pixels) plus a small margin of context is cropped, scaled to at
    most ``work_side`` pixels, and segmented by pose (keypoints kept; completed by the selfie
    segmentation regions it touches when they are much larger) or, when pose sees nobody, by the
    sizeable selfie-segmentation regions inside the box. Returns a Person whose mask is HxW bool at
    photo resolution and lies inside the box, or None when the box is empty or holds no person.
    """
    height, width = rgb.shape[:2]
    ib = clip_box(box, width, height)
    if ib is None or ib[2] - ib[0] < 4 or ib[3] - ib[1] < 4:
        return None
    bx0, by0, bx1, by1 = ib
    mw, mh = 0.1 * (bx1 - bx0), 0.05 * (by1 - by0)
    cx0, cy0, cx1, cy1 = clip_box((bx0 - mw, by0 - mh, bx1 + mw, by1 + mh), width, height)
    small = downscale(rgb[cy0:cy1, cx0:cx1], work_side)
    sh, sw = small.shape[:2]
    sx, sy = sw / (cx1 - cx0), sh / (cy1 - cy0)
    inner = np.zeros((sh, sw), bool)
    inner[int(np.floor((by0 - cy0) * sy)) : int(np.ceil((by1 - cy0) * sy)),
          int(np.floor((bx0 - cx0) * sx)) : int(np.ceil((bx1 - cx0) * sx))] = True  # fmt: skip
    thr = options.mask_threshold

    prob, keypoints, source = None, None, ""
    pose = models.pose(small)
    if pose is not None:
        inside = np.where(inner, pose.prob, 0.0).astype(np.float32)
        if (inside > thr).sum() >= 0.03 * inner.sum():
            prob, keypoints, source = inside, pose.keypoints, "box+pose"
    selfie = models.selfie(small)
    regions = components((selfie > thr) & inner, max(16, int(0.02 * inner.sum())))
    if prob is None and regions:
        # The user says someone is in the box: every sizeable region counts (a hidden face or a
        # scarf can cut a person in two).
        body = np.logical_or.reduce([r for r in regions if r.sum() >= 0.15 * regions[0].sum()])
        prob, source = np.where(body, selfie, 0.0).astype(np.float32), "box+selfie"
    elif prob is not None:
        # Pose sometimes segments only part of someone (a face it cannot see, a cut-off body): the
        # selfie regions it touches complete the mask when they are more than twice its size.
        touched = [r for r in regions if (r & (prob > thr)).any()]
        body = np.logical_or.reduce(touched) if touched else None
        if body is not None and body.sum() > 2 * (prob > thr).sum():
            prob = np.maximum(prob, np.where(body, selfie, 0.0)).astype(np.float32)
            source = "box+pose+selfie"
    if prob is None:
        return None

    cand = Candidate(prob, (0, 0, sw, sh), 1.0, source)
    (crop_mask,) = exclusive_full_masks([cand], (sh, sw), (cy1 - cy0, cx1 - cx0), thr)
    if crop_mask is None:
        return None
    mask = np.zeros((height, width), bool)
    mask[by0:by1, bx0:bx1] = crop_mask[by0 - cy0 : by1 - cy0, bx0 - cx0 : bx1 - cx0]
    tight = mask_bbox(mask)
    if tight is None:
        return None

    def to_photo(x: np.ndarray | float, y: np.ndarray | float):
        return x / sx + cx0, y / sy + cy0

    if keypoints is not None:
        keypoints = keypoints.copy()
        keypoints[:, 0], keypoints[:, 1] = to_photo(keypoints[:, 0], keypoints[:, 1])
    face_box = None
    on_mask = prob > thr
    for face in sorted(faces.detect(small, options.face_threshold), key=lambda f: -f.score):
        fx, fy = int(face.center[0]), int(face.center[1])
        if 0 <= fy < sh and 0 <= fx < sw and on_mask[fy, fx]:
            x0, y0 = to_photo(face.box[0], face.box[1])
            x1, y1 = to_photo(face.box[2], face.box[3])
            face_box = (float(x0), float(y0), float(x1), float(y1))
            break
    score = float(prob[on_mask].mean()) if on_mask.any() else 0.0
    return Person(tight, mask, face_box, keypoints, score, source)
