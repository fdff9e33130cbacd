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

from dataclasses import dataclass

import numpy as np

from rpipp_gui.people.centerface import CenterFace, nms
from rpipp_gui.people.faces import Face, FaceDetector
from rpipp_gui.people.person_masks import downscale, downscaled_size

# CenterFace sees its input on a 32 px grid (its coarsest stride): crops of the finer pass start on it.
_NET_GRID = 32


@dataclass(frozen=True)
class SmallFaceOptions:
    """How weak, small face detections of the working copy are checked (``SMALL_FACE_OPTIONS`` is
    the default). Measured on benchmarks/people.py --small, the dev photos and 26 photos without
    people (see the module's docstring), with the commit that set each.

    check_face_px:    the candidate's box is this wide in the enlarged crop (the face itself 40-80 px,
                      which CenterFace is sure of) (dc6dd93).
    check_crop_faces: the crop is this many candidate widths across, centred on the candidate
                      (dc6dd93).
    check_score:      score on the enlarged crop that confirms a candidate: midway between the false
                      candidates' highest (0.24) and the faces' lowest (0.71) (079313b).
    glance_face_px:   a first glance at half that zoom (the candidate's box this wide: a quarter of
                      the pixels)...
    glance_score:     ...drops the candidates scoring below this there; only the others get the full
                      check. On the 465 candidates of the small-people composites, the dev photos
                      (native and upscaled to 12 MP) and the photos without people: the 87 faces
                      confirmed at 80 px scored 0.45-0.93 at 40 px, and 86% of the rejected
                      candidates below 0.2 (the checks cost ~0.3-0.5 CPU s on a 12 MP street photo
                      before).
    small_share:      candidates wider than this share of the working copy's long side are not
                      small: the working copy already shows them at a size CenterFace judges well.
    same_face_iou:    weak candidates overlapping a better one by more than this IoU are the same
                      face (low thresholds give several boxes per face) (079313b).
    min_crop_px:      crops are at least this many pixels a side: smaller finer-pass regions are
                      skipped (260a879), smaller check crops enlarged to it (079313b).
    fine_min_zoom:    the finer pass runs only on a photo at least this many times the working
                      copy's long side (dc6dd93).
    hint_cell:        the finer pass looks only at cells of this many working-copy pixels where the
                      working copy's face heat reaches the hint threshold
                      (FinderOptions.fine_face_hint)...
    hint_margin:      ...grown by this many working-copy pixels on each side: the faces it is for are
                      at most ~8 px wide there, so one warming a cell lies inside the grown cell,
                      with context around it (260a879).
    hint_whole:       when the cells to look at cover this share of the photo, one pass over it all
                      is cheaper (260a879).
    """

    check_face_px: int = 80
    check_crop_faces: float = 3.5
    check_score: float = 0.47
    glance_face_px: int = 40
    glance_score: float = 0.2
    small_share: float = 0.035
    same_face_iou: float = 0.1
    min_crop_px: int = 8
    fine_min_zoom: float = 1.5
    hint_cell: int = 32
    hint_margin: int = 12
    hint_whole: float = 0.7


SMALL_FACE_OPTIONS = SmallFaceOptions()


def find_small_faces(
    detector: FaceDetector,
    rgb: np.ndarray,
    work_shape: tuple[int, int],
    weak: np.ndarray,
    known: list[Face],
    max_faces: int = 24,
    fine_side: int = 0,
    weak_threshold: float = 0.1,
    hint: tuple[np.ndarray, float] | None = None,
    hint_threshold: float = 0.0,
    options: SmallFaceOptions = SMALL_FACE_OPTIONS,
) -> list[Face]:
    """Small faces of a working copy of ``work_shape`` (h, w; a downscaled copy of the HxWx3 uint8
    photo ``rgb``) that ``known`` (working-copy faces) does not hold yet, in working-copy pixels.

    weak: Nx5 float32 CenterFace detections on the working copy below the face threshold
    (``FaceDetector.detect_with_weak``). Those narrower than ``small_share`` (3.5%) of the working
    copy's long side are candidates; at most ``max_faces`` of them, best first, are each confirmed by
    CenterFace on a crop of ``rgb`` around them enlarged so the candidate's box is
    ``check_face_px`` (80 px) wide. A confirmed face
    takes the box, landmarks and score found on the crop.

    fine_side: when some small face was confirmed (far people: maybe more, smaller ones) and the
    photo is at least ``fine_min_zoom`` (1.5) times the working copy, CenterFace also runs on a copy
    of the photo whose long side is ``fine_side`` pixels, and its detections above
    ``weak_threshold`` that are new are candidates too; 0 never does.

    hint: (heatmap, working-copy pixels per cell), CenterFace's face heat on the working copy
    (``FaceSearch.heat`` and ``heat_step``). With it, the finer pass looks only around the cells
    (``hint_cell`` px) where the heat reaches ``hint_threshold`` outside the faces known by then:
    a face too small to be detected on the working copy still warms its cell a little (0.024-0.25
    for the faces only the finer pass found in benchmarks/people.py --small), while the finer pass
    over a whole 12 MP photo costs about 1 CPU second.
    """
    h, w = work_shape
    taken = [f.box for f in known]
    o = options
    out = _confirm(detector, rgb, work_shape, weak, taken, max_faces, o)
    if out and fine_side and max(rgb.shape[:2]) >= o.fine_min_zoom * max(h, w) and len(out) < max_faces:
        regions = (
            None if hint is None else hint_regions(hint[0], hint[1], hint_threshold, taken, work_shape, o)
        )
        if regions is None:
            fine = downscale(rgb, fine_side)
            boxes, _ = detector.centerface.detect(fine, weak_threshold, max_side=fine_side)
            boxes[:, :4] *= w / fine.shape[1]  # to working-copy pixels
        else:
            boxes = _fine_regions(detector, rgb, work_shape, regions, fine_side, weak_threshold, o)
        out += _confirm(detector, rgb, work_shape, boxes, taken, max_faces - len(out), o)
    return out


def hint_regions(
    heat: np.ndarray,
    step: float,
    threshold: float,
    known: list,
    work_shape: tuple[int, int],
    options: SmallFaceOptions = SMALL_FACE_OPTIONS,
) -> list[tuple[int, int, int, int]] | None:
    """Where a finer face pass should look: boxes (x0, y0, x1, y1 working-copy pixels) around the
    groups of ``hint_cell`` px cells whose heat (``heat``, ``step`` px per heatmap cell) reaches
    ``threshold`` outside the ``known`` face boxes, each grown by ``hint_margin``; None when
    they would cover ``hint_whole`` of the working copy or more (look everywhere)."""
    import cv2

    h, w = work_shape
    heat = heat.copy()
    for box in known:  # faces known already warm their cells: nothing to look for there
        x0, y0 = int(box[0] / step), int(box[1] / step)
        heat[y0 : int(np.ceil(box[3] / step)), x0 : int(np.ceil(box[2] / step))] = 0.0
    k = max(1, round(options.hint_cell / step))
    gh, gw = -(-heat.shape[0] // k), -(-heat.shape[1] // k)
    padded = np.zeros((gh * k, gw * k), np.float32)
    padded[: heat.shape[0], : heat.shape[1]] = heat
    hot = (padded.reshape(gh, k, gw, k).max(axis=(1, 3)) >= threshold).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(hot, connectivity=8)
    cell = k * step
    regions, area = [], 0
    for x, y, cw, ch, _ in stats[1:n]:
        margin = options.hint_margin
        x0, y0 = max(0, int(x * cell) - margin), max(0, int(y * cell) - margin)
        x1 = min(w, int(np.ceil((x + cw) * cell)) + margin)
        y1 = min(h, int(np.ceil((y + ch) * cell)) + margin)
        if x1 > x0 and y1 > y0:
            regions.append((x0, y0, x1, y1))
            area += (x1 - x0) * (y1 - y0)
    return None if area >= options.hint_whole * h * w else regions


def _fine_regions(
    detector: FaceDetector,
    rgb: np.ndarray,
    work_shape,
    regions,
    fine_side: int,
    threshold: float,
    options: SmallFaceOptions,
) -> np.ndarray:
    """CenterFace detections (Nx5, working-copy pixels) in ``regions`` (working-copy boxes) of the
    photo seen at the finer pass's scale (its long side ``fine_side``, as ``downscale`` makes it)."""
    import cv2

    height, width = rgb.shape[:2]
    fine_w, fine_h = downscaled_size(width, height, fine_side)
    zoom = fine_w / width  # finer-pass pixels per photo pixel
    to_fine = zoom * width / work_shape[1]  # finer-pass pixels per working-copy pixel
    found = [np.zeros((0, 5), np.float32)]
    for x0, y0, x1, y1 in regions:
        # Crops start on the network's 32 px grid of the whole finer copy, so that a face is seen
        # as the whole-copy pass sees it (a weak detection moves with the grid's alignment).
        fx0, fy0 = int(x0 * to_fine) // _NET_GRID * _NET_GRID, int(y0 * to_fine) // _NET_GRID * _NET_GRID
        fx1, fy1 = min(fine_w, int(np.ceil(x1 * to_fine))), min(fine_h, int(np.ceil(y1 * to_fine)))
        if fx1 - fx0 < options.min_crop_px or fy1 - fy0 < options.min_crop_px:
            continue
        px0, py0 = int(fx0 / zoom), int(fy0 / zoom)
        px1, py1 = min(width, int(np.ceil(fx1 / zoom))), min(height, int(np.ceil(fy1 / zoom)))
        crop = rgb[py0:py1, px0:px1]
        if zoom < 1.0:
            crop = cv2.resize(crop, (fx1 - fx0, fy1 - fy0), interpolation=cv2.INTER_AREA)
        boxes, _ = detector.centerface.detect(crop, threshold, max_side=max(crop.shape[:2]))
        boxes[:, :4] = (boxes[:, :4] + np.array([fx0, fy0, fx0, fy0])) / to_fine
        found.append(boxes)
    out = np.concatenate(found)
    return out[np.argsort(-out[:, 4], kind="stable")]


def _confirm(
    detector: FaceDetector,
    rgb: np.ndarray,
    work_shape,
    dets: np.ndarray,
    taken: list,
    max_faces: int,
    options: SmallFaceOptions,
) -> list[Face]:
    """The small detections of ``dets`` (Nx5, working-copy pixels) that the enlarged crop confirms,
    best first, skipping faces in ``taken`` (boxes; confirmed faces are added to it)."""
    h, w = work_shape
    scale = rgb.shape[1] / w  # photo pixels per working-copy pixel
    small = [b for b in dets if b[2] - b[0] <= options.small_share * max(h, w)]
    if not small:
        return []
    small = np.asarray(small, np.float32)
    # Low thresholds give several boxes per face: keep one, the best, per face.
    small = small[nms(small[:, :4], small[:, 4], options.same_face_iou)]
    out: list[Face] = []
    checked = detector.checks.run_ahead(  # the next candidates are checked while one is judged
        lambda centerface, cand: _check(centerface, rgb, cand, scale, options),
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


def _check(
    centerface: CenterFace, rgb: np.ndarray, cand: np.ndarray, scale: float, options: SmallFaceOptions
) -> Face | None:
    """CenterFace on an enlarged crop of the photo around a working-copy candidate box (after a
    first glance at half the zoom); the confirmed face in working-copy pixels, or None."""
    o = options
    if _look(centerface, rgb, cand, scale, o.glance_face_px, o.glance_score, options=o) is None:
        return None
    return _look(centerface, rgb, cand, scale, o.check_face_px, o.check_score, options=o)


def _look(
    centerface: CenterFace,
    rgb: np.ndarray,
    cand: np.ndarray,
    scale: float,
    face_px: int,
    threshold: float,
    options: SmallFaceOptions = SMALL_FACE_OPTIONS,
) -> Face | None:
    """CenterFace on a crop of the photo around a working-copy candidate box, scaled so that the
    box is ``face_px`` wide: the detection at least ``threshold`` nearest the crop's centre (within
    a candidate width of it), in working-copy pixels, or None."""
    import cv2

    height, width = rgb.shape[:2]
    fw = max(1.0, float(cand[2] - cand[0]), float(cand[3] - cand[1])) * scale  # photo pixels
    cx, cy = (cand[0] + cand[2]) / 2 * scale, (cand[1] + cand[3]) / 2 * scale
    half = options.check_crop_faces / 2 * fw
    x0, y0 = max(0, int(cx - half)), max(0, int(cy - half))
    x1, y1 = min(width, int(np.ceil(cx + half))), min(height, int(np.ceil(cy + half)))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    zoom = face_px / fw
    least = options.min_crop_px
    size = (max(least, round((x1 - x0) * zoom)), max(least, round((y1 - y0) * zoom)))
    crop = cv2.resize(rgb[y0:y1, x0:x1], size, interpolation=cv2.INTER_LINEAR if zoom > 1 else cv2.INTER_AREA)
    boxes, marks = centerface.detect(crop, threshold, max_side=max(size))
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
