"""Small faces: faces of people far from the camera, which the working copy shrinks below what the
face detector sees with confidence.

CenterFace on the working copy (long side ~1000 px) scores a face 10-20 px wide there at only
0.05-0.5, below the finder's threshold, while the same face cut out of the photo and enlarged
scores 0.7-0.93. So the weak, small detections of the working copy are *candidates*, and each is
checked again on such an enlarged crop of the full-resolution photo. When some are confirmed (far
people), a second CenterFace pass on a 2048 px copy of the photo adds candidates for even smaller
faces. Measured with crops 3.5 candidate widths across, scaled so that the candidate's box is 80 px
wide (the boxes of tiny faces are up to twice too big): the 91 faces of benchmarks/people.py
--small that were checked scored 0.71-0.93; candidates on 26 photos without people, on 12 more
12 MP mosaics of them and on the clutter around the small people scored at most 0.24.
"""

from __future__ import annotations

import numpy as np

from rpipp_gui.people.centerface import CenterFace, nms
from rpipp_gui.people.faces import Face, FaceDetector
from rpipp_gui.people.person_masks import downscale

# The candidate's box is this wide in the enlarged crop (the face itself 40-80 px, which
# CenterFace is sure of).
_CHECK_FACE_PX = 80
# The crop is this many candidate widths across, centred on the candidate.
_CHECK_CROP_FACES = 3.5
# Score on the enlarged crop that confirms a candidate: midway between the false candidates'
# highest (0.24) and the faces' lowest (0.71).
_CHECK_SCORE = 0.47
# Candidates wider than this share of the working copy's long side are not small: the working copy
# already shows them at a size CenterFace judges well.
_SMALL_SHARE = 0.035


def find_small_faces(
    detector: FaceDetector,
    rgb: np.ndarray,
    work_shape: tuple[int, int],
    weak: np.ndarray,
    known: list[Face],
    max_faces: int = 24,
    fine_side: int = 0,
    weak_threshold: float = 0.1,
) -> list[Face]:
    """Small faces of a working copy of ``work_shape`` (h, w; a downscaled copy of the HxWx3 uint8
    photo ``rgb``) that ``known`` (working-copy faces) does not hold yet, in working-copy pixels.

    weak: Nx5 float32 CenterFace detections on the working copy below the face threshold
    (``FaceDetector.detect_with_weak``). Those narrower than 3.5% of the working copy's long
    side are candidates; at most ``max_faces`` of them, best first, are each confirmed by CenterFace
    on a crop of ``rgb`` around them enlarged so the candidate's box is 80 px wide. A confirmed face
    takes the box, landmarks and score found on the crop.

    fine_side: when some small face was confirmed (far people: maybe more, smaller ones) and the
    photo is at least 1.5 times the working copy, CenterFace also runs on a copy of the photo whose
    long side is ``fine_side`` pixels, and its detections above ``weak_threshold`` that are new are
    candidates too; 0 never does.
    """
    h, w = work_shape
    taken = [f.box for f in known]
    out = _confirm(detector, rgb, work_shape, weak, taken, max_faces)
    if out and fine_side and max(rgb.shape[:2]) >= 1.5 * max(h, w) and len(out) < max_faces:
        fine = downscale(rgb, fine_side)
        boxes, _ = detector.centerface.detect(fine, weak_threshold, max_side=fine_side)
        boxes[:, :4] *= w / fine.shape[1]  # to working-copy pixels
        out += _confirm(detector, rgb, work_shape, boxes, taken, max_faces - len(out))
    return out


def _confirm(
    detector: FaceDetector, rgb: np.ndarray, work_shape, dets: np.ndarray, taken: list, max_faces: int
) -> list[Face]:
    """The small detections of ``dets`` (Nx5, working-copy pixels) that the enlarged crop confirms,
    best first, skipping faces in ``taken`` (boxes; confirmed faces are added to it)."""
    h, w = work_shape
    scale = rgb.shape[1] / w  # photo pixels per working-copy pixel
    small = [b for b in dets if b[2] - b[0] <= _SMALL_SHARE * max(h, w)]
    if not small:
        return []
    small = np.asarray(small, np.float32)
    # Low thresholds give several boxes per face: keep one, the best, per face.
    small = small[nms(small[:, :4], small[:, 4], 0.1)]
    out: list[Face] = []
    checked = detector.checks.run_ahead(  # the next candidates are checked while one is judged
        lambda centerface, cand: _check(centerface, rgb, cand, scale),
        small,
        lambda cand: (
            len(out) < max_faces and not any(_centre_in(cand, box) or _centre_in(box, cand) for box in taken)
        ),
    )
    for _, face in checked:
        if face is not None and not any(_centre_in(face.box, box) for box in taken):
            out.append(face)
            taken.append(face.box)
    return out


def _centre_in(a, b) -> bool:
    """Whether the centre of box ``a`` lies in box ``b`` (x0, y0, x1, y1)."""
    cx, cy = (a[0] + a[2]) / 2, (a[1] + a[3]) / 2
    return b[0] <= cx <= b[2] and b[1] <= cy <= b[3]


def _check(centerface: CenterFace, rgb: np.ndarray, cand: np.ndarray, scale: float) -> Face | None:
    """CenterFace on an enlarged crop of the photo around a working-copy candidate box; the
    confirmed face in working-copy pixels, or None."""
    import cv2

    height, width = rgb.shape[:2]
    fw = max(1.0, float(cand[2] - cand[0]), float(cand[3] - cand[1])) * scale  # photo pixels
    cx, cy = (cand[0] + cand[2]) / 2 * scale, (cand[1] + cand[3]) / 2 * scale
    half = _CHECK_CROP_FACES / 2 * fw
    x0, y0 = max(0, int(cx - half)), max(0, int(cy - half))
    x1, y1 = min(width, int(np.ceil(cx + half))), min(height, int(np.ceil(cy + half)))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    zoom = _CHECK_FACE_PX / fw
    size = (max(8, round((x1 - x0) * zoom)), max(8, round((y1 - y0) * zoom)))
    crop = cv2.resize(rgb[y0:y1, x0:x1], size, interpolation=cv2.INTER_LINEAR if zoom > 1 else cv2.INTER_AREA)
    boxes, marks = centerface.detect(crop, _CHECK_SCORE, max_side=max(size))
    if boxes.size == 0:
        return None
    # The detection nearest the crop's centre, which must lie within a face width of it.
    centres = (boxes[:, :2] + boxes[:, 2:4]) / 2 / zoom + (x0, y0)
    dist = np.hypot(centres[:, 0] - cx, centres[:, 1] - cy)
    best = int(np.argmin(dist))
    if dist[best] > fw:
        return None
    to_work = 1.0 / (zoom * scale)
    box = boxes[best, :4] * to_work + np.array([x0, y0, x0, y0]) / scale
    landmarks = marks[best] * to_work + np.array([x0, y0]) / scale
    return Face(
        tuple(float(v) for v in box), float(boxes[best, 4]), landmarks.astype(np.float32), "centerface"
    )
