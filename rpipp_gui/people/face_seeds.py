"""How a face seeds a person (the finder's first step, embedded.py): pose in crops around the face
(``face_pose``), else selfie segmentation of a crop under it (``face_selfie``); a person seeded by a
face never covers another's face (``clear_other_faces``). Boxes are (x0, y0, x1, y1) working-copy
pixels; sizes are in widths and heights of the whole face (FaceSeedOptions). A face nothing
could segment is hidden as its head (``head_only``)."""

from __future__ import annotations

import numpy as np

from rpipp_gui.imaging.masks import in_ellipse
from rpipp_gui.people.body_fusion import inside
from rpipp_gui.people.faces import Face, other_faces, paint_other_faces, whole_face_box
from rpipp_gui.people.mp_models import MediaPipeModels
from rpipp_gui.people.options import FinderOptions, HeadOptions, KeepOptions
from rpipp_gui.people.person import HEAD_ONLY
from rpipp_gui.people.person_masks import Candidate, clip_box
from rpipp_gui.people.regions import (
    crop_pose,
    face_region,
    face_share,
    mean_inside,
    selfie_windows,
    touches_side,
)


def face_pose(
    models: MediaPipeModels, work: np.ndarray, face: Face, options: FinderOptions, faces: list[Face] = ()
) -> tuple[Candidate | None, bool]:
    """Pose in crops around a face, accepted when the pose's nose lies in the face: first about
    3.5 face widths across and 11 face heights down; when the body runs out of that crop or
    stops at the head, 6 face widths across, then a square-ish crop of about 12 face heights
    (people bent or side on); when none is accepted, the same crops again with the other
    ``faces`` painted grey (pose took a neighbour), or those first when other faces lie in the
    first crop (``FaceSeedOptions.paint_first``: a group). Returns the candidate with the
    largest mask (crop float32 probability, 33x3 keypoints) and whether it looks complete. ``work``:
    the HxWx3 uint8 working copy; ``faces``: every face found on it."""
    thr, o = options.mask_threshold, options.seed
    whole = whole_face_box(face, work.shape)  # sizes from the whole face, even when cut
    fw, fh = whole[2] - whole[0], whole[3] - whole[1]
    cx = (whole[0] + whole[2]) / 2
    tries = [(half * fw, below * fh) for half, below in o.pose_crops]
    tries.append((o.square_crop[0] * fh, o.square_crop[1] * fh))
    if work.shape[0] - whole[3] < o.shoulders_fh * fh:
        tries = tries[1:]  # head and shoulders only: the shoulders need the wider crop
    cand, best_area, complete = None, 0, False
    painting = o.paint_others > 0 and len(faces) >= 2
    first_half, first_below = tries[0]
    first = (cx - first_half, whole[1] - fh, cx + first_half, whole[3] + first_below)
    # in a group, pose in the plain crops mostly takes a neighbour: the painted ones go first
    crowded = painting and o.paint_first > 0 and neighbours_in(first, face, faces) >= o.paint_first
    for painted in (True, False) if crowded else (False, True):
        if cand is not None or (painted and not painting):
            break
        image = paint_other_faces(work, face, faces, o.paint_others) if painted else work
        for half, below in tries:
            box = (cx - half, whole[1] - fh, cx + half, whole[3] + below)
            found, ib = crop_pose(models, image, box, thr)
            if found is None or not inside(found.keypoints[0, :2], whole, o.nose_margin):
                continue
            mask = found.prob > thr
            if face_share(mask, ib, face.box) < o.face_covered:
                continue  # its mask is somewhere else (a body painted into the background)
            area = int(mask.sum())
            if area > best_area:
                cand, best_area = found, area
            rows = np.flatnonzero(mask.any(axis=1))
            # Complete: the body does not run out of the crop sideways, and reaches either the
            # crop's bottom or well below the chin (a mask that stops at the head is a bad crop).
            bottom = min(whole[3] + o.complete_fh * fh, ib[3] - o.complete_px)
            low_enough = rows.size > 0 and rows[-1] + ib[1] >= bottom
            if low_enough and not touches_side(mask, ib, work.shape[1], o.side_rows, o.side_band):
                complete = cand is found
                break
    if cand is None:
        return None, False
    cand.source, cand.face_box = "face+pose", face.box
    cand.score = o.pose_score[0] * face.score + o.pose_score[1] * mean_inside(cand.prob, thr)
    return cand, complete


def neighbours_in(box, own: Face, faces: list[Face]) -> int:
    """How many of ``faces`` other than ``own`` (and other detections of it, ``other_faces``) have
    their centre in ``box`` (x0, y0, x1, y1 working-copy pixels)."""
    return sum(1 for f in other_faces(own, faces) if inside(f.center, box))


def face_selfie(
    models: MediaPipeModels,
    work: np.ndarray,
    face: Face,
    covered: np.ndarray,
    faces: list[Face],
    options: FinderOptions,
) -> Candidate | None:
    """Selfie segmentation of a crop under a face: the region that holds the face. Selfie
    segmentation merges touching people into one blob, so the pixels of people found before,
    and the columns nearer to another face of similar size, are left out. ``work``: the HxWx3 uint8
    working copy; ``covered``: HxW bool, the pixels of people found before. Returns the candidate
    (crop float32 probability, source "face+selfie") or None."""
    thr, o = options.mask_threshold, options.seed
    whole = whole_face_box(face, work.shape)  # sizes from the whole face, even when cut
    fw, fh = whole[2] - whole[0], whole[3] - whole[1]
    cx = (whole[0] + whole[2]) / 2
    half = max(o.selfie_half[0] * fw, o.selfie_half[1] * fh)  # square-ish: the model sees 256x256
    box = (cx - half, whole[1] - fh, cx + half, whole[3] + o.selfie_below * fh)
    ib = clip_box(box, work.shape[1], work.shape[0])
    if ib is None:
        return None
    x0, y0, x1, y1 = ib
    crop, cut = work[y0:y1, x0:x1], covered[y0:y1, x0:x1]
    found = face_region(models.selfie(crop), cut, ib, face, faces, whole, o, thr)
    if found is None and x1 - x0 > o.selfie_aspect * (y1 - y0):  # the border cut its height
        found = face_region(
            selfie_windows(models, crop, options.leftover), cut, ib, face, faces, whole, o, thr
        )
    if found is None:
        return None
    prob, best = found
    fy0, fy1 = int(face.box[1]) - y0, int(np.ceil(face.box[3])) - y0
    if best.sum() > o.body_faces * fw * fh:
        # Far more than a body: the model ran on into a plain background or a crowd. Keep
        # the upper body, about 6 face widths across and 3 face heights below the chin.
        upper = np.zeros_like(best)
        side, above, below = o.upper_body
        ux0, ux1 = max(0, int(cx - side * fw) - x0), max(0, int(cx + side * fw) - x0)
        upper[max(0, fy0 - int(above * fh)) : max(0, fy1 + int(below * fh)), ux0:ux1] = True
        best &= upper
    return Candidate(
        np.where(best, prob, 0.0).astype(np.float32),
        ib,
        o.selfie_score[0] * face.score + o.selfie_score[1] * mean_inside(prob * best, thr),
        "face+selfie",
        face_box=face.box,
    )


def clear_other_faces(cand: Candidate, own: Face, faces: list[Face], keep: KeepOptions) -> None:
    """A person seeded by ``own`` never covers someone else's face: zero the candidate's
    probability inside every other face box (grown by ``keep.face_grow`` of its size), but never
    inside their own face box: two faces cheek to cheek (pkg6 kpa_bar55) each lay in the other's
    grown box, and the man's cheek, eye and mouth, zeroed for him and not the woman's, were in
    nobody's mask."""
    x0, y0, x1, y1 = cand.box
    grow, same = keep.face_grow, keep.same_face_margin
    ox0, oy0 = max(0, int(own.box[0]) - x0), max(0, int(own.box[1]) - y0)
    ox1, oy1 = max(0, int(np.ceil(own.box[2])) - x0), max(0, int(np.ceil(own.box[3])) - y0)
    own_face = cand.prob[oy0:oy1, ox0:ox1].copy()
    for face in faces:
        if face is own or inside(face.center, own.box, same) or inside(own.center, face.box, same):
            continue  # the seed itself, or another detection of the same face
        gx, gy = grow * face.width, grow * face.height
        fx0, fy0 = max(x0, int(face.box[0] - gx)), max(y0, int(face.box[1] - gy))
        fx1, fy1 = min(x1, int(np.ceil(face.box[2] + gx))), min(y1, int(np.ceil(face.box[3] + gy)))
        if fx1 > fx0 and fy1 > fy0:
            cand.prob[fy0 - y0 : fy1 - y0, fx0 - x0 : fx1 - x0] = 0.0
    cand.prob[oy0:oy1, ox0:ox1] = own_face


def head_only(
    face: Face, shape: tuple[int, int], options: HeadOptions, taken: np.ndarray | None = None
) -> Candidate | None:
    """The head around ``face`` as a person (source "face"): an ellipse over the whole face box
    widened ``options.width`` times, from ``above`` face heights over it to ``below`` under it,
    and the shoulders under the chin (half an ellipse ``shoulders_below`` face heights deep and
    ``shoulders_width`` face widths across) less the pixels of ``taken`` (HxW bool: people found),
    clipped to a working copy of ``shape`` (h, w). None when nothing of it lies in the image."""
    x0, y0, x1, y1 = whole_face_box(face, shape)
    fw, fh = x1 - x0, y1 - y0
    cx = (x0 + x1) / 2
    top, bottom = y0 - options.above * fh, y1 + options.below * fh
    half_w, half_h, cy = options.width * fw / 2, (bottom - top) / 2, (top + bottom) / 2
    side, deep = options.shoulders_width * fw / 2, options.shoulders_below * fh
    reach = max(half_w, side)
    box = clip_box((cx - reach, top, cx + reach, max(bottom, y1 + deep)), shape[1], shape[0])
    if box is None:
        return None
    bx0, by0, bx1, by1 = box
    person = in_ellipse(box, cx, cy, half_w, half_h)
    if side > 0 and deep > 0:  # the shoulders under the chin, where nobody found lies
        below_chin = (np.arange(by0, by1) + 0.5 >= y1)[:, None]
        shoulders = in_ellipse(box, cx, y1, side, deep) & below_chin
        if taken is not None:
            shoulders &= ~taken[by0:by1, bx0:bx1]
        person |= shoulders
    if not person.any():
        return None
    return Candidate(
        person.astype(np.float32), box, options.score * face.score, HEAD_ONLY, face_box=tuple(face.box)
    )


def behind_others(cand: Candidate, covered: np.ndarray, threshold: float, share: float) -> None:
    """A face's person whose mask lies at least ``share`` on people found before (HxW bool
    ``covered``, working copy) stands behind them: pose from their face segmented the bodies in
    front. Their candidate gives up those pixels (its probability there becomes 0, in place), so
    that the people in front keep their own outline and this person keeps what shows of them;
    the keypoints pose fitted are those bodies' too and are dropped: kept, they told the skeleton
    split and the pose words about the wrong body (pkg6 deface_city: the woman in a blue jacket
    behind two women is found once they are dropped; no other person of the twelve sets changed)."""
    x0, y0, x1, y1 = cand.box
    mine = cand.prob > threshold
    area = int(mine.sum())
    if not area:
        return
    front = covered[y0:y1, x0:x1]
    if (mine & front).sum() >= share * area:
        cand.prob = np.where(front, 0.0, cand.prob).astype(np.float32)
        cand.keypoints = None  # the skeleton pose fitted is the body in front


def headless_body(cands: list[Candidate], face: Face, top: float) -> int | None:
    """The index of the person found by their body alone (source "body...", no face box) whose box
    holds ``face``'s centre across and in its top ``top`` share (working-copy pixels): the face
    nothing segmented is their head. The smallest such box when several do; None when none."""
    cx, cy = face.center
    best, best_area = None, np.inf
    for j, cand in enumerate(cands):
        if cand.face_box is not None or not cand.source.startswith("body"):
            continue
        x0, y0, x1, y1 = cand.box
        area = (x1 - x0) * (y1 - y0)
        if x0 <= cx < x1 and y0 <= cy < y0 + top * (y1 - y0) and area < best_area:
            best, best_area = j, area
    return best


def head_owner(
    face: Face, seeded_by: dict[int, int], merged_into: dict[int, int], cands: list[Candidate], top: float
) -> int | None:
    """Whose head ``face`` is, when nothing covers it at the finder's last step: the index of the
    person it seeded (``seeded_by``: id(face) -> index, -1 for a face that must make nobody) or of
    the body found without a face that holds it at its top (``headless_body``), followed through
    ``merged_into`` (index -> the person it was merged into); -1 for nobody; None when the face is
    nobody's yet (its head becomes a person of its own)."""
    j = seeded_by.get(id(face))
    if j is None:
        j = headless_body(cands, face, top)
    while j is not None and j in merged_into:
        j = merged_into[j]
    return j
