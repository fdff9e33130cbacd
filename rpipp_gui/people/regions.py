"""Region work of the embedded finder: pose on a crop, selfie segmentation over windows, and the
people found in selfie-segmentation regions that nobody covers yet (people seen from behind)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from rpipp_gui.imaging.boxes import mask_share
from rpipp_gui.people.mp_models import MediaPipeModels
from rpipp_gui.people.options import FinderOptions, LeftoverOptions
from rpipp_gui.people.person_masks import (
    Candidate,
    IntBox,
    clip_box,
    components,
    dilate,
    drop_detached,
    mask_bbox,
    open_mask,
    split_columns,
)
from rpipp_gui.people.worker_pool import WorkerPool


def mean_inside(prob: np.ndarray, threshold: float) -> float:
    """Mean of the probabilities above ``threshold`` (0 when there are none)."""
    inside = prob[prob > threshold]
    return float(inside.mean()) if inside.size else 0.0


@dataclass(frozen=True)
class UpsideDownOptions:
    """When a pose is upside down (``upside_down``).

    rise: the torso (shoulders to hips) points up by more than this share of its length (0.5: more
          than 30 degrees above the horizontal) (29a6870: pose saw a person in the astronaut's
          helmet and shuttle once faces ran at 1024 px).
    """

    rise: float = 0.5


UPSIDE_DOWN_OPTIONS = UpsideDownOptions()


def upside_down(keypoints: np.ndarray, options: UpsideDownOptions = UPSIDE_DOWN_OPTIONS) -> bool:
    """Whether a 33x3 MediaPipe pose has its hips clearly above its shoulders (the torso points up
    more than ``options.rise``, 30 degrees): pose hallucinates such people in objects, real ones are
    very rare."""
    shoulders = keypoints[[11, 12], :2].mean(axis=0)
    hips = keypoints[[23, 24], :2].mean(axis=0)
    dx, dy = hips - shoulders
    return bool(dy < -options.rise * float(np.hypot(dx, dy)))


def crop_pose(
    models: MediaPipeModels, work: np.ndarray, box, threshold: float = 0.5
) -> tuple[Candidate | None, IntBox]:
    """Pose on ``box`` (float, clipped) of the HxWx3 uint8 working copy: a candidate in working-copy
    pixels (probability over the crop without islands apart from the body, keypoints shifted
    back), and the integer crop box. threshold: the mask threshold."""
    h, w = work.shape[:2]
    ib = clip_box(box, w, h)
    if ib is None:
        return None, (0, 0, 0, 0)
    x0, y0, x1, y1 = ib
    res = models.pose(work[y0:y1, x0:x1])
    if res is None:
        return None, ib
    prob = drop_detached(res.prob, threshold)
    keypoints = res.keypoints.copy()
    keypoints[:, 0] += x0
    keypoints[:, 1] += y0
    return Candidate(prob, ib, 0.0, "pose", keypoints), ib


_LEFTOVER_OPTIONS = LeftoverOptions()


def selfie_windows(
    models: MediaPipeModels, work: np.ndarray, options: LeftoverOptions = _LEFTOVER_OPTIONS
) -> np.ndarray:
    """Selfie segmentation over square windows (the model sees 256x256), half overlapping, at
    most 2 * ``options.windows`` - 1 (very long panoramas get wider windows): HxW float32, max over
    windows."""
    h, w = work.shape[:2]
    long_side = max(h, w)
    side = max(min(h, w), -(-long_side // options.windows))
    prob = np.zeros((h, w), np.float32)
    starts = list(range(0, max(1, long_side - side) + 1, max(1, side // 2)))
    if starts[-1] + side < long_side:
        starts.append(long_side - side)
    for s in starts:
        if w >= h:
            view = prob[:, s : s + side]
            np.maximum(view, models.selfie(work[:, s : s + side]), out=view)
        else:
            view = prob[s : s + side, :]
            np.maximum(view, models.selfie(work[s : s + side, :]), out=view)
    return prob


def face_region(
    raw: np.ndarray, covered: np.ndarray, ib: IntBox, face, faces: list, whole, seed, threshold: float
) -> tuple[np.ndarray, np.ndarray] | None:
    """The selfie region of a crop ``ib`` (working-copy pixels) under ``face``: ``raw`` (HxW float32
    selfie probability of the crop) less ``covered`` (HxW bool, people found before) and the columns
    nearer to another of ``faces`` of similar size (``seed``: FaceSeedOptions; sizes from ``whole``,
    the face box completed where the border cuts it); the component holding most of the face.
    Returns (probability, HxW bool region), or None when no region covers ``seed.face_hits`` of
    the visible face."""
    x0, y0 = ib[0], ib[1]
    fw, fh, cx = whole[2] - whole[0], whole[3] - whole[1], (whole[0] + whole[2]) / 2
    prob = np.where(covered, 0.0, raw)
    for other in faces:
        ox = other.center[0]
        similar = seed.similar_face[0] <= other.height / fh <= seed.similar_face[1]
        if other is face or not similar or abs(ox - cx) < seed.split_min_fw * fw:
            continue
        mid = int(round((cx + ox) / 2)) - x0
        if ox > cx:
            prob[:, max(0, mid) :] = 0.0
        else:
            prob[:, : max(0, mid)] = 0.0
    fx0, fy0 = int(face.box[0]) - x0, int(face.box[1]) - y0
    fx1, fy1 = int(np.ceil(face.box[2])) - x0, int(np.ceil(face.box[3])) - y0
    best, best_hits = None, 0
    for comp in components(prob > threshold, 1):
        hits = int(comp[max(0, fy0) : fy1, max(0, fx0) : fx1].sum())
        if hits > best_hits:
            best, best_hits = comp, hits
    if best is None or best_hits < seed.face_hits * face.width * face.height:  # of the visible face
        return None
    return prob, best


def face_share(mask: np.ndarray, ib, face_box) -> float:
    """The share of a face box (working-copy pixels) that a crop's HxW bool mask (crop ``ib``, int
    x0, y0, x1, y1) covers: ``imaging.boxes.mask_share`` on the box moved into the crop."""
    dx, dy = ib[0], ib[1]
    return mask_share(mask, (face_box[0] - dx, face_box[1] - dy, face_box[2] - dx, face_box[3] - dy))


def touches_side(mask: np.ndarray, ib, image_width: int, share: float, band: float = 0.0) -> bool:
    """True when a crop's HxW bool mask runs into a left/right crop edge that is not the image's
    edge: ``share`` of its rows reach the columns within ``band`` of the crop's width from it (at
    least the last column: a segmentation model's probability fades over a pixel or two of its
    input at the edge, so a body cut by the crop can stop just short of the last column)."""
    rows = max(1, int(share * mask.shape[0]))
    band = max(1, int(np.ceil(band * mask.shape[1])))
    left = ib[0] > 0 and mask[:, :band].any(axis=1).sum() >= rows
    right = ib[2] < image_width and mask[:, -band:].any(axis=1).sum() >= rows
    return bool(left or right)


def find_leftovers(
    poses: WorkerPool[MediaPipeModels],
    options: FinderOptions,
    work: np.ndarray,
    owner: np.ndarray,
    areas: list[int],
    min_px: int,
    prob: np.ndarray,
    body_score: Callable[[IntBox], float] | None = None,
) -> list[Candidate]:
    """People in selfie-segmentation regions that no one covers yet. owner: HxW int16, the
    index of the person covering each working-copy pixel or -1; areas: their pixel counts; prob:
    HxW float32 selfie segmentation of the working copy (``selfie_windows``). Pose runs on the
    regions' crops on the ``poses`` workers, several at a time. body_score: the whole-body
    detector's score of a region's box (working-copy pixels, ``weak_large.region_body_score``);
    a region that pose does not confirm needs at least ``LeftoverOptions.body_seen`` from it
    (None: no detector, the shape alone decides)."""
    h, w = work.shape[:2]
    thr, o = options.mask_threshold, options.leftover
    covered = owner >= 0
    grow = max(o.grow_px, int(o.grow * max(h, w)))
    left = (prob > thr) & ~dilate(covered, grow)
    left = open_mask(left, grow)
    regions = []
    for comp in components(left, min_px):
        for part in split_columns(comp):
            box = mask_bbox(part)
            if box is None or part.sum() < min_px or (box[3] - box[1]) < o.min_height * h:
                continue
            # A region touching someone already found and much smaller than them is what they
            # hold, wear or stand in front of (a helmet, a flag), not a new person.
            touching = np.unique(owner[dilate(part, o.touch_grow[0] * grow + o.touch_grow[1]) & covered])
            if touching.size and part.sum() < o.appendage * max(areas[i] for i in touching):
                continue
            regions.append((part, box))
    out = []
    posed = poses.run_ahead(
        lambda models, region: _region_pose(models, thr, work, *region, covered, o), regions, lambda _: True
    )
    for (part, box), cand in posed:
        if (
            cand is None
            and _upright(part, box, prob, min_px, options.selfie_min_aspect, o)
            and (body_score is None or body_score(box) >= o.body_seen)
        ):
            x0, y0, x1, y1 = box
            crop = np.where(part[y0:y1, x0:x1], prob[y0:y1, x0:x1], 0.0).astype(np.float32)
            cand = Candidate(crop, box, o.selfie_score * mean_inside(crop, thr), "selfie")
        if cand is not None:
            out.append(cand)
    return out


def _upright(
    part: np.ndarray, box, prob: np.ndarray, min_px: int, min_aspect: float, o: LeftoverOptions
) -> bool:
    """Whether a region that neither a face nor pose confirms still counts as a person: large;
    clearly not wider than tall (people seen from behind measured 0.97-1.6 tall per wide; a cup
    0.79, a cat 0.67, a horse 0.73); shaped like a person, head narrower than shoulders, so that it
    fills at most 72% of its box (people 0.51-0.61, a retina's disc 0.79); and confidently
    segmented, at least 80% of its pixels above 0.9 (people 0.81-0.96; galaxies, tissue and a
    motorcycle 0.49-0.70)."""
    bw, bh = box[2] - box[0], box[3] - box[1]
    area = int(part.sum())
    return (
        area >= o.upright_px * min_px
        and bh >= o.upright_height * part.shape[0]
        and bh >= min_aspect * bw
        and area <= o.upright_fill * bw * bh
        and float((prob[part] > o.confident).mean()) >= o.confident_share
    )


def _region_pose(
    models: MediaPipeModels,
    thr: float,
    work: np.ndarray,
    part: np.ndarray,
    box,
    covered: np.ndarray,
    o: LeftoverOptions,
) -> Candidate | None:
    """Pose on the crop of a leftover region, kept when pose's person is that region: masks
    agree both ways, the nose or a shoulder lies on the region, and it is nobody found before."""
    bw, bh = box[2] - box[0], box[3] - box[1]
    gx, gy = o.pose_grow
    grown = (box[0] - gx * bw, box[1] - gy * bh, box[2] + gx * bw, box[3] + gy * bh)
    cand, ib = crop_pose(models, work, grown, thr)
    if cand is None:
        return None
    x0, y0, x1, y1 = ib
    pose_mask = cand.prob > thr
    area = max(1, int(pose_mask.sum()))
    agree = (pose_mask & part[y0:y1, x0:x1]).sum()
    stolen = (pose_mask & covered[y0:y1, x0:x1]).sum()
    if agree <= o.agree * area or agree <= o.agree * part.sum() or stolen > o.stolen * area:
        return None
    if upside_down(cand.keypoints):
        return None
    anchors = cand.keypoints[[0, 11, 12]]  # nose, shoulders
    grown_part = dilate(part, o.anchor_grow * max(bw, bh))
    on_region = [
        grown_part[int(y), int(x)]
        for x, y, vis in anchors
        if vis > o.anchor_vis and 0 <= int(x) < part.shape[1] and 0 <= int(y) < part.shape[0]
    ]
    if not any(on_region):
        return None
    cand.source = "selfie+pose"
    cand.score = o.pose_score * mean_inside(cand.prob, thr)
    return cand
