"""Box prompt: segment the person inside a box the user drew around someone the finder missed.

The user says someone is in the box, so the answer is never "nobody": pose, then selfie
segmentation, then a foreground segmentation of the box (OpenCV GrabCut, which needs no person
model and works on people seen from behind, far away or half hidden), and when even that finds no
foreground, the box itself (privacy errs towards hiding). Small boxes are enlarged first: the
person models see 256x256 pixels and find nobody in a 30x80 pixel crop.
"""

from __future__ import annotations

import numpy as np

from rpipp_gui.people.faces import FaceDetector
from rpipp_gui.people.mp_models import MediaPipeModels
from rpipp_gui.people.options import BoxPromptOptions, FinderOptions
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
    sizeable selfie-segmentation regions inside the box, else by GrabCut's foreground of the box,
    else the box itself. Returns a Person whose mask is HxW bool at photo resolution and lies inside
    the box, or None only when the box is empty (outside the photo or under ``min_px``, 4 pixels,
    across; ``FinderOptions.box_prompt``).
    """
    height, width = rgb.shape[:2]
    ib = clip_box(box, width, height)
    o = options.box_prompt
    if ib is None or ib[2] - ib[0] < o.min_px or ib[3] - ib[1] < o.min_px:
        return None
    bx0, by0, bx1, by1 = ib
    mw, mh = o.context[0] * (bx1 - bx0), o.context[1] * (by1 - by0)
    cx0, cy0, cx1, cy1 = clip_box((bx0 - mw, by0 - mh, bx1 + mw, by1 + mh), width, height)
    small = _fit(rgb[cy0:cy1, cx0:cx1], work_side, options.box_min_side)
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
        if (inside > thr).sum() >= o.pose_share * inner.sum():
            prob, keypoints, source = inside, pose.keypoints, "box+pose"
    selfie = models.selfie(small)
    regions = components((selfie > thr) & inner, max(o.region[0], int(o.region[1] * inner.sum())))
    if prob is None and regions:
        # The user says someone is in the box: every sizeable region counts (a hidden face or a
        # scarf can cut a person in two).
        body = np.logical_or.reduce([r for r in regions if r.sum() >= o.region_part * regions[0].sum()])
        prob, source = np.where(body, selfie, 0.0).astype(np.float32), "box+selfie"
    elif prob is not None:
        # Pose sometimes segments only part of someone (a face it cannot see, a cut-off body): the
        # selfie regions it touches complete the mask when they are more than twice its size.
        touched = [r for r in regions if (r & (prob > thr)).any()]
        body = np.logical_or.reduce(touched) if touched else None
        if body is not None and body.sum() > o.pose_completion * (prob > thr).sum():
            prob = np.maximum(prob, np.where(body, selfie, 0.0)).astype(np.float32)
            source = "box+pose+selfie"
    if prob is None:
        prob, source = _grabcut(small, inner, options.box_grabcut_iterations, o), "box+grabcut"
    if prob is None:
        prob, source = inner.astype(np.float32), "box"

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


def _fit(crop: np.ndarray, max_side: int, min_side: int) -> np.ndarray:
    """An HxWx3 uint8 crop scaled so that its long side is at most ``max_side`` and, when it is
    smaller, at least ``min_side`` (enlarged with bicubic interpolation)."""
    import cv2

    long_side = max(crop.shape[:2])
    if long_side >= min_side:
        return downscale(crop, max_side)
    scale = min(max_side, min_side) / long_side
    size = (max(1, round(crop.shape[1] * scale)), max(1, round(crop.shape[0] * scale)))
    return cv2.resize(crop, size, interpolation=cv2.INTER_CUBIC)


def _grabcut(rgb: np.ndarray, inner: np.ndarray, iterations: int, o: BoxPromptOptions) -> np.ndarray | None:
    """GrabCut's foreground of an HxWx3 uint8 crop initialised with the box ``inner`` (HxW bool,
    a rectangle): HxW float32 1.0 on the foreground regions touching the box's middle, or None when
    it finds no foreground (a box on a plain wall)."""
    import cv2

    rows, cols = np.flatnonzero(inner.any(axis=1)), np.flatnonzero(inner.any(axis=0))
    if rows.size < 4 or cols.size < 4:
        return None
    rect = (int(cols[0]), int(rows[0]), int(cols[-1] - cols[0] + 1), int(rows[-1] - rows[0] + 1))
    mask = np.zeros(inner.shape, np.uint8)
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    try:
        bgr = np.ascontiguousarray(rgb[:, :, ::-1])
        cv2.grabCut(bgr, mask, rect, bgd, fgd, iterations, cv2.GC_INIT_WITH_RECT)
    except cv2.error:  # a box covering the whole crop leaves no background to learn from
        return None
    fore = ((mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD)) & inner
    regions = components(fore, max(o.grabcut_region[0], int(o.grabcut_region[1] * inner.sum())))
    if not regions:
        return None
    # the regions that make up at least a sixth of the largest (a person cut in two by a pole)
    body = np.logical_or.reduce([r for r in regions if r.sum() >= regions[0].sum() / o.grabcut_part])
    return body.astype(np.float32)
