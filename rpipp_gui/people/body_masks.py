"""Masks for the bodies the body detector finds (bodies.py), on the finder's working copy.

A body box becomes a person's mask in three steps: MediaPipe pose on a square crop around the box
(a mask and keypoints for one person, accepted when its torso lies in the box), else selfie
segmentation of the crop; either is kept only inside the box (slightly grown), so a neighbour in
the same crop is not absorbed. When neither model sees person pixels in the box, a confident box is
hidden whole (privacy errs towards hiding) and a weak one is dropped (weak boxes on traffic cones
and bollards have no person pixels; real people seen small or from behind had 0.28-0.74).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rpipp_gui.people.bodies import Body
from rpipp_gui.people.mp_models import MediaPipeModels
from rpipp_gui.people.options import BodyMaskOptions
from rpipp_gui.people.person_masks import Candidate, clip_box
from rpipp_gui.people.regions import crop_pose, upside_down

_DEFAULT = BodyMaskOptions()


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
    body_prob: BodyMask, covered: np.ndarray, body: Body, options: BodyMaskOptions = _DEFAULT
) -> Candidate | None:
    """A candidate person from a body's mask, leaving out pixels others already cover (HxW bool
    ``covered``). Without enough person pixels: the whole box when the body detector was confident
    on the whole photo (not only on a zoomed tile, where cones and posts can score as high) or on
    both looks of the fine check, else None."""
    score = body.score
    x0, y0, x1, y1 = body_prob.box
    free = ~covered[y0:y1, x0:x1]
    if body_prob.evidence >= options.min_evidence:
        prob = np.where(free, body_prob.prob, 0.0).astype(np.float32)
        return Candidate(prob, body_prob.box, score, body_prob.source, body_prob.keypoints)
    sure = body.whole >= options.confident or body.fine >= options.fine_confident
    if not sure or body.height < options.box_min_aspect * body.width:
        return None
    gw = int(round(options.grow / (1 + 2 * options.grow) * (x1 - x0)))
    gh = int(round(options.grow / (1 + 2 * options.grow) * (y1 - y0)))
    prob = np.zeros((y1 - y0, x1 - x0), np.float32)
    prob[gh : max(gh + 1, y1 - y0 - gh), gw : max(gw + 1, x1 - x0 - gw)] = 1.0
    return Candidate(np.where(free, prob, 0.0).astype(np.float32), body_prob.box, score, "body", None)


def _pose_fits(cand: Candidate, box: tuple[int, int, int, int], min_visible: float) -> bool:
    """A pose belongs to the body when its shoulders and hips are visible enough, it is not upside
    down, and the torso's centre lies inside the body box."""
    kp = cand.keypoints
    torso = kp[[11, 12, 23, 24]]
    if float(torso[:, 2].mean()) < min_visible or upside_down(kp):
        return False
    tx, ty = torso[:, :2].mean(axis=0)
    return box[0] <= tx < box[2] and box[1] <= ty < box[3]
