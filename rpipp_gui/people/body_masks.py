"""Masks for the bodies the body detector finds (bodies.py), on the finder's working copy.

A body box becomes a person's mask in three steps: MediaPipe pose on a square crop around the box
(a mask and keypoints for one person, accepted when its torso lies in the box), else selfie
segmentation of the crop; either is kept only inside the box (slightly grown), so a neighbour in
the same crop is not absorbed. When neither model sees person pixels in the box, a confident box is
hidden whole (privacy errs towards hiding) and a weak one is dropped (weak boxes on traffic cones
and bollards have no person pixels; real people seen small or from behind had 0.28-0.74).

A box hidden whole often runs over what hides the person (the detector guesses the body behind a
sign or a car): ``trim_box_only`` cuts such a box to the rows and columns whose colours the
surroundings do not explain (``trim_to_visible``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from rpipp_gui.imaging.boxes import mask_share
from rpipp_gui.people.bodies import Body
from rpipp_gui.people.box_neighbours import BODY_BOX
from rpipp_gui.people.mp_models import MediaPipeModels
from rpipp_gui.people.options import BodyMaskOptions, OccluderTrimOptions
from rpipp_gui.people.person import box_iou
from rpipp_gui.people.person_masks import Candidate, clip_box, mask_bbox
from rpipp_gui.people.regions import crop_pose, upside_down

_DEFAULT = BodyMaskOptions()
_TRIM = OccluderTrimOptions()


@dataclass
class BodyMask:
    """Person probability for one body on the working copy: ``prob`` (float32 0..1) inside ``box``
    (ints, ends exclusive), with pose keypoints (33x3, working-copy pixels) when pose was trusted,
    and ``evidence``, the share of the body box the models called person."""

    prob: np.ndarray
    box: tuple[int, int, int, int]
    keypoints: np.ndarray | None
    evidence: float
    source: str


def body_mask(
    models: MediaPipeModels,
    work: np.ndarray,
    box: tuple[float, float, float, float],
    threshold: float,
    options: BodyMaskOptions = _DEFAULT,
    selfie: np.ndarray | None = None,
    pose: bool = True,
) -> BodyMask | None:
    """The person probability of the body ``box`` (x0, y0, x1, y1, working-copy pixels) of the
    HxWx3 uint8 working copy ``work``; None when the box lies outside the photo. selfie: the
    working copy's selfie segmentation over windows (HxW float32), which sees arms and held things
    a crop around the box may cut off: used instead of the crop's own for large bodies when pose
    does not fit (for small ones the windows are too coarse). pose: False skips pose (selfie
    segmentation only; no keypoints)."""
    h, w = work.shape[:2]
    bw, bh = box[2] - box[0], box[3] - box[1]
    large = bh >= options.large * h  # the whole photo's selfie windows see it well
    gx, gy = (options.grow_sideways if large else options.grow) * bw, options.grow * bh
    keep = clip_box((box[0] - gx, box[1] - gy, box[2] + gx, box[3] + gy), w, h)
    inner = clip_box(box, w, h)
    if keep is None or inner is None:
        return None
    side = options.crop * max(bw, bh)
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    crop = clip_box((cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2), w, h)
    cand, ib = None, crop
    if pose and bh >= options.pose_min_px:  # pose needs a body of some size; selfie is 5x cheaper
        cand, ib = crop_pose(models, work, crop, threshold)
    keypoints, source = None, "body+selfie"
    if cand is not None and _pose_fits(cand, inner, options.min_pose_visible):
        prob, keypoints, source = cand.prob, cand.keypoints, "body+pose"
    elif selfie is not None and large:
        prob = selfie[ib[1] : ib[3], ib[0] : ib[2]]
    else:
        prob = models.selfie(work[ib[1] : ib[3], ib[0] : ib[2]])
    full = np.zeros((keep[3] - keep[1], keep[2] - keep[0]), np.float32)
    # paste the crop's probability into the kept box (their overlap)
    ox0, oy0 = max(keep[0], ib[0]), max(keep[1], ib[1])
    ox1, oy1 = min(keep[2], ib[2]), min(keep[3], ib[3])
    if ox1 > ox0 and oy1 > oy0:
        full[oy0 - keep[1] : oy1 - keep[1], ox0 - keep[0] : ox1 - keep[0]] = prob[
            oy0 - ib[1] : oy1 - ib[1], ox0 - ib[0] : ox1 - ib[0]
        ]
    ix0, iy0, ix1, iy1 = (inner[0] - keep[0], inner[1] - keep[1], inner[2] - keep[0], inner[3] - keep[1])
    evidence = float((full[iy0:iy1, ix0:ix1] > threshold).mean())
    return BodyMask(full, keep, keypoints, evidence, source)


def body_candidate(
    body_prob: BodyMask,
    covered: np.ndarray,
    body: Body,
    options: BodyMaskOptions = _DEFAULT,
    sure: bool = False,
) -> Candidate | None:
    """A candidate person from a body's mask, leaving out pixels others already cover (HxW bool
    ``covered``). Without enough person pixels: the whole box when the body detector was confident
    on the whole photo (not only on a zoomed tile, where cones and posts can score as high) or on
    both looks of the fine check (or the second look confirmed it), else None; such a sure box
    with only a sliver of person pixels and no pose (``sparse_evidence``) is hidden whole too, and
    so is a box the detector alone confirmed (``Body.alone``), with the pixels the models see,
    and a box it sees plainly on a tile (``seen_apart``) that nobody found overlaps.
    ``sure``: the caller vouches for the box (it stands in a row of people, body_rows.py)."""
    score = body.score
    x0, y0, x1, y1 = body_prob.box
    free = ~covered[y0:y1, x0:x1]
    sure = sure or body.whole >= options.confident or body.fine >= options.fine_confident
    cut = _cut_by_bottom(body, covered.shape[0], options)
    shaped = box_shaped(body, covered.shape[0], options)
    # a sure box whose segmentation (no pose) sees only a sliver of it: what hides the person
    # leaves a few pixels (an arm beside a board); hidden whole too
    sparse = sure and shaped and body_prob.keypoints is None and body_prob.evidence < options.sparse_evidence
    if body_prob.evidence >= options.min_evidence and not sparse and not body.alone:
        prob = np.where(free, body_prob.prob, 0.0).astype(np.float32)
        made = body_prob.source
        return Candidate(prob, body_prob.box, score, made, body_prob.keypoints, extra={BODY_BOX: body.box})
    # a box the detector sees plainly (on a tile), away from everyone found: the export's privacy
    # check would still see it, so it is hidden rather than dropped
    apart = body.score >= options.seen_apart and mask_share(covered, body.box) <= options.apart_share
    if not (sure or apart) or not shaped:
        return None
    # the body's own box (rounded outwards, clipped), inside the grown box the mask is kept in; one the bottom
    # border cuts runs on to it (the detector's box stops a few pixels short)
    bx0, by0 = max(x0, int(np.floor(body.box[0]))), max(y0, int(np.floor(body.box[1])))
    bx1, by1 = min(x1, int(np.ceil(body.box[2]))), y1 if cut else min(y1, int(np.ceil(body.box[3])))
    prob = np.zeros((y1 - y0, x1 - x0), np.float32)
    prob[by0 - y0 : max(by0 - y0 + 1, by1 - y0), bx0 - x0 : max(bx0 - x0 + 1, bx1 - x0)] = 1.0
    keypoints = None
    if body.alone and body_prob.evidence >= options.min_evidence:
        # what pose or selfie see of them (a shirt beside the board they hold) is only a part:
        # the box is hidden whole, with what the models see beyond it (right09.jpg at 12 MP: pose
        # fitted his shirt, and his person shrank to it)
        prob = np.maximum(prob, body_prob.prob)
        keypoints = body_prob.keypoints
    prob = np.where(free, prob, 0.0).astype(np.float32)
    return Candidate(prob, body_prob.box, score, "body", keypoints, extra={BODY_BOX: body.box})


def seen_once_hidden(
    detector, work: np.ndarray, covered: np.ndarray, body: Body, options: BodyMaskOptions = _DEFAULT
) -> Body:
    """``body`` as the export's privacy check would see it once the people found so far are
    hidden: the detector (a BodyDetector) on the HxWx3 uint8 working copy ``work`` with the
    ``covered`` pixels (HxW bool) painted ``hidden_grey``; when a box there overlaps ``body`` by at least
    ``hidden_iou`` IoU and scores at least ``confident``, the body with that score as ``whole``
    (sure: ``body_candidate`` hides it as its box), else ``body`` unchanged. A box not shaped like
    a person (``box_shaped``) is returned unchanged without running the detector: the score could
    not make ``body_candidate`` keep it."""
    if not options.hidden_look or body.whole >= options.confident:
        return body
    if not box_shaped(body, covered.shape[0], options):
        return body  # body_candidate rejects a box of that shape however sure: no detector run
    painted = work.copy()
    painted[covered] = options.hidden_grey
    best = max(
        (
            b.score
            for b in detector.detect(painted, options.confident)
            if box_iou(b.box, body.box) >= options.hidden_iou
        ),
        default=0.0,
    )
    return replace(body, whole=best) if best >= options.confident else body


def _cut_by_bottom(body: Body, photo_h: int, options: BodyMaskOptions) -> bool:
    """Whether the photo's bottom border (``photo_h`` rows) cuts the body's box."""
    return body.box[3] >= (1.0 - options.cut_margin) * photo_h


def box_shaped(body: Body, photo_h: int, options: BodyMaskOptions = _DEFAULT) -> bool:
    """Whether a body's box is shaped like a person (tall enough for its width:
    ``box_min_aspect``, or ``cut_min_aspect`` when the bottom border of a photo ``photo_h`` rows
    high cuts it): only such a box is hidden whole when its models see too few person pixels."""
    cut = _cut_by_bottom(body, photo_h, options)
    return body.height >= (options.cut_min_aspect if cut else options.box_min_aspect) * body.width


def _pose_fits(cand: Candidate, box: tuple[int, int, int, int], min_visible: float) -> bool:
    """A pose belongs to the body when its shoulders and hips are visible enough, it is not upside
    down, and the torso's centre lies inside the body box."""
    kp = cand.keypoints
    torso = kp[[11, 12, 23, 24]]
    if float(torso[:, 2].mean()) < min_visible or upside_down(kp):
        return False
    tx, ty = torso[:, :2].mean(axis=0)
    return box[0] <= tx < box[2] and box[1] <= ty < box[3]


def unexplained(
    work: np.ndarray, box: tuple[int, int, int, int], others: np.ndarray, options: OccluderTrimOptions = _TRIM
) -> tuple[np.ndarray, float]:
    """Which pixels of ``box`` (x0, y0, x1, y1 ints, ends exclusive, inside the HxWx3 uint8
    working copy ``work``) the box's surroundings do not explain: a pixel is explained when its
    colour (CIELAB after a 3x3 blur) lies within ``tol`` of a pixel of the ring around the box
    (``ring`` of the box's height wide) on its row (left, right) or its column (above, below);
    ring pixels in ``others`` (HxW bool, other people) explain nothing. Boxes taller than
    ``max_px`` are judged shrunk. Returns (hxw bool, True = unexplained, on the judged grid;
    its scale, judged pixels per working-copy pixel)."""
    import cv2

    h, w = work.shape[:2]
    x0, y0, x1, y1 = box
    r = max(2, int(round(options.ring * (y1 - y0))))
    gx0, gy0, gx1, gy1 = max(0, x0 - r), max(0, y0 - r), min(w, x1 + r), min(h, y1 + r)
    region = work[gy0:gy1, gx0:gx1]
    blocked = others[gy0:gy1, gx0:gx1].astype(np.uint8)
    scale = min(1.0, options.max_px / (y1 - y0))
    if scale < 1.0:
        size = (max(1, round(region.shape[1] * scale)), max(1, round(region.shape[0] * scale)))
        region = cv2.resize(region, size, interpolation=cv2.INTER_AREA)
        blocked = cv2.resize(blocked, size, interpolation=cv2.INTER_NEAREST)
    lab = cv2.cvtColor(cv2.GaussianBlur(np.ascontiguousarray(region), (3, 3), 0), cv2.COLOR_RGB2LAB)
    lab = lab.astype(np.float32)
    lab[..., 0] *= 100.0 / 255.0  # OpenCV's 8-bit Lab: L scaled to 0..255, a and b offset by 128
    lab[..., 1:] -= 128.0
    rh, rw = lab.shape[:2]
    ix0, iy0 = min(rw - 1, int(round((x0 - gx0) * scale))), min(rh - 1, int(round((y0 - gy0) * scale)))
    ix1, iy1 = max(ix0 + 1, int(round((x1 - gx0) * scale))), max(iy0 + 1, int(round((y1 - gy0) * scale)))
    inner = np.ascontiguousarray(lab[iy0:iy1, ix0:ix1])
    ring = np.where(blocked[..., None] > 0, np.float32(1e4), lab)  # far from every colour
    tol2 = np.float32(options.tol**2)
    out = np.ones(inner.shape[:2], bool)
    for side in (ring[iy0:iy1, :ix0], ring[iy0:iy1, ix1:]):  # same rows: k columns each
        if side.shape[1]:
            out &= _nearest2(inner, side) > tol2
    columns = inner.transpose(1, 0, 2)  # same columns: k rows each, column by column
    for side in (ring[:iy0, ix0:ix1], ring[iy1:, ix0:ix1]):
        if side.shape[0]:
            out &= (_nearest2(columns, side.transpose(1, 0, 2)) > tol2).T
    return out, scale


def _nearest2(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Squared distance from each of a's colours to the nearest of b's on the same line: a (L, n, 3),
    b (L, k, 3) float32 -> (L, n) float32 (one batched matrix product, no L x n x k x 3 array)."""
    cross = np.matmul(a, b.transpose(0, 2, 1))  # L x n x k
    d2 = (a * a).sum(axis=2)[:, :, None] + (b * b).sum(axis=2)[:, None, :] - 2.0 * cross
    return d2.min(axis=2)


def trim_to_visible(
    work: np.ndarray, box: tuple[int, int, int, int], others: np.ndarray, options: OccluderTrimOptions = _TRIM
) -> tuple[int, int, int, int]:
    """The part of a box-only person's ``box`` (x0, y0, x1, y1 ints, ends exclusive, working copy
    ``work``, HxWx3 uint8) that holds the visible person: down to the last row with at least
    ``row_share`` of the fullest row's unexplained pixels (``unexplained``), between the first and
    last column with ``col_share`` of the fullest column's, each cut moved ``margin`` outwards.
    The top is never cut (an occluder stands in front of the body, the head shows over it); a
    cut keeping less than ``min_keep`` of the height or width, a box at least ``large`` of the
    photo's height (its ring is cut off by the border) and a box whose pixels are all explained
    keep the box. ``others``: HxW bool, other people's pixels. Never larger than ``box``."""
    h = work.shape[0]
    x0, y0, x1, y1 = box
    bw, bh = x1 - x0, y1 - y0
    if bh >= options.large * h or bw < 2 or bh < 2:
        return box
    seen, scale = unexplained(work, box, others, options)
    rows, cols = seen.sum(axis=1), seen.sum(axis=0)
    if rows.max() == 0:
        return box
    kept_rows = np.flatnonzero(rows >= options.row_share * rows.max())
    kept_cols = np.flatnonzero(cols >= options.col_share * cols.max())
    bottom = min(y1, int(np.ceil(y0 + (kept_rows[-1] + 1) / scale + options.margin * bh)))
    left = max(x0, int(np.floor(x0 + kept_cols[0] / scale - options.margin * bw)))
    right = min(x1, int(np.ceil(x0 + (kept_cols[-1] + 1) / scale + options.margin * bw)))
    if bottom - y0 < options.min_keep * bh:
        bottom = y1
    if right - left < options.min_keep * bw:
        left, right = x0, x1
    return left, y0, right, bottom


def trim_box_only(
    cands: list[Candidate],
    owner: np.ndarray,
    work: np.ndarray,
    threshold: float,
    options: OccluderTrimOptions = _TRIM,
) -> None:
    """Cut every candidate hidden as its body box (source "body") to the visible person
    (``trim_to_visible``), in place. owner: HxW int, the candidate that covers each pixel (-1:
    nobody), whose other people's pixels are not background; work: the HxWx3 uint8 working copy;
    threshold: the probability from which a pixel is the candidate's."""
    for i, cand in enumerate(cands):
        if cand.source != "body":
            continue
        inner = mask_bbox(cand.prob > threshold)
        if inner is None:
            continue
        cx0, cy0 = cand.box[:2]
        box = (cx0 + inner[0], cy0 + inner[1], cx0 + inner[2], cy0 + inner[3])
        others = (owner >= 0) & (owner != i)
        left, _, right, bottom = trim_to_visible(work, box, others, options)
        if (left, bottom, right) == (box[0], box[3], box[2]):
            continue
        cand.prob[bottom - cy0 :] = 0.0
        cand.prob[:, : left - cx0] = 0.0
        cand.prob[:, right - cx0 :] = 0.0
        cand.extra["trimmed_from"] = box
