"""Pixels shared by people close together go to the nearest skeleton (issue 12).

Pose segmentation in a crop around one face often runs on into a neighbour: the arm a woman reaches
across behind someone, the forearm of a man standing behind. Each person found with pose keypoints
has a skeleton (limbs between visible keypoints, the torso filled, the face box); a pixel of
person i's mask that lies far from i's skeleton and much nearer to neighbour j's is j's. Distances
are counted in each person's face widths (half the shoulder width without a face), so a large
person in front and a small one behind are compared fairly.
"""

from __future__ import annotations

import numpy as np

from rpipp_gui.imaging.boxes import box_iou
from rpipp_gui.people.options import SkeletonSplitOptions
from rpipp_gui.people.person_masks import Candidate, clip_box, give, mask_bbox, union_box

# MediaPipe Pose's 33-point order: shoulders 11/12, elbows 13/14, wrists 15/16, hips 23/24,
# knees 25/26, ankles 27/28, ears 7/8, nose 0.
LIMBS = (
    (11, 12),
    (11, 13),
    (13, 15),
    (12, 14),
    (14, 16),
    (11, 23),
    (12, 24),
    (23, 24),
    (23, 25),
    (25, 27),
    (24, 26),
    (26, 28),
    (7, 11),
    (8, 12),
    (0, 7),
    (0, 8),
)
TORSO = (11, 12, 24, 23)


def person_scale(cand: Candidate, min_vis: float) -> float | None:
    """A person's size in working-copy pixels: their face width, or half their shoulder width when
    they have no face; None when neither is known."""
    if cand.face_box is not None:
        return max(1.0, float(cand.face_box[2] - cand.face_box[0]))
    k = cand.keypoints
    if k is None or min(k[11, 2], k[12, 2]) < min_vis:
        return None
    return max(1.0, 0.5 * float(np.hypot(*(k[11, :2] - k[12, :2]))))


def skeleton_distance(cand: Candidate, region, min_vis: float) -> np.ndarray | None:
    """HxW float32 distance (working-copy pixels) from each pixel of ``region`` (x0, y0, x1, y1 of
    the working copy) to the candidate's skeleton: limbs whose two keypoints are visible (>=
    ``min_vis``), the torso filled when its four corners are, the face box filled. None when no
    part is visible."""
    import cv2

    x0, y0, x1, y1 = region
    canvas = np.full((y1 - y0, x1 - x0), 255, np.uint8)
    drawn = False
    k = cand.keypoints
    if k is not None:
        pts = np.round(k[:, :2] - (x0, y0)).astype(np.int32)
        vis = k[:, 2] >= min_vis
        if all(vis[i] for i in TORSO):
            cv2.fillPoly(canvas, [pts[list(TORSO)]], 0)
            drawn = True
        for a, b in LIMBS:
            if vis[a] and vis[b]:
                cv2.line(canvas, tuple(int(v) for v in pts[a]), tuple(int(v) for v in pts[b]), 0, 1)
                drawn = True
    if cand.face_box is not None:
        fx0, fy0, fx1, fy1 = (int(round(v)) for v in cand.face_box)
        cv2.rectangle(canvas, (fx0 - x0, fy0 - y0), (fx1 - x0 - 1, fy1 - y0 - 1), 0, -1)
        drawn = True
    if not drawn:
        return None
    return cv2.distanceTransform(canvas, cv2.DIST_L2, 3)


def split_by_skeletons(
    cands: list[Candidate], shape: tuple[int, int], threshold: float, options: SkeletonSplitOptions
) -> int:
    """Move the pixels of each posed candidate's mask that lie far from its own skeleton and much
    nearer to a neighbour's to that neighbour (in place; ``shape`` (h, w): the working copy).
    Only candidates with keypoints and a known size take part. Returns how many pixels moved."""
    o = options
    if not o.enabled:
        return 0
    posed = [
        i
        for i, c in enumerate(cands)
        if c.keypoints is not None
        and person_scale(c, o.min_visibility) is not None
        and (c.prob > threshold).any()
    ]
    pairs = [(i, j) for i in posed for j in posed if i != j and box_iou(cands[i].box, cands[j].box) > 0]
    if not pairs:
        return 0
    involved = sorted({i for i, _ in pairs})
    h, w = shape
    region = clip_box(union_box(cands[i].box for i in involved), w, h)
    rx0, ry0, rx1, ry1 = region
    dist: dict[int, np.ndarray] = {}
    for i in involved:
        d = skeleton_distance(cands[i], region, o.min_visibility)
        if d is not None:
            dist[i] = d / np.float32(person_scale(cands[i], o.min_visibility))
    # who each one is and holds before any pixel moves (the crops of those given pixels grow)
    boxes = {i: cands[i].box for i in dist}
    probs = {i: cands[i].crop(region) for i in dist}
    moved = np.zeros((ry1 - ry0, rx1 - rx0), bool)
    total = 0
    for i in dist:
        mine = (probs[i] > threshold) & (dist[i] > o.own_reach) & ~moved
        own = mask_bbox(mine)
        if own is None:
            continue
        others = [j for j in dist if j != i and box_iou(boxes[i], boxes[j]) > 0]
        if not others:
            continue
        # only where i's far pixels lie (a group photo's region is most of the photo)
        mx0, my0, mx1, my1 = own
        sub = (slice(my0, my1), slice(mx0, mx1))
        stack = np.stack([dist[j][sub] for j in others])
        nearest = stack.argmin(axis=0)
        near = stack.min(axis=0)
        take = mine[sub] & (near < o.other_reach) & (near < o.ratio * dist[i][sub])
        for n, j in enumerate(others):
            part = take & (nearest == n)
            box = mask_bbox(part)
            if box is not None:  # to j, in a crop around what j is given
                bx0, by0, bx1, by1 = box
                at = (rx0 + mx0 + bx0, ry0 + my0 + by0, rx0 + mx0 + bx1, ry0 + my0 + by1)
                total += give(cands[i], cands[j], part[by0:by1, bx0:bx1], at)
        moved[sub] |= take
    return total
