"""The core of a person's clothing drawn from their pose keypoints (issue 13).

In a tight group the person finder's mask often takes in a neighbour's clothes or the background
beside a person, and the box bands of ``colors.body_bands`` then read those colours too. Where the
pose keypoints are seen, the upper body is read on the torso between the shoulders and the hips
(shrunk towards its middle) and the lower body along the legs (hip-knee-ankle, a band a share of
the shoulder width wide, and the quad between hips and knees for a skirt): the pixels there are the
person's own. ``colors._region_pixels`` intersects this core with the mask and falls back to the
whole band where the keypoints are missing or the core holds too few pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rpipp_gui.people.person import Person

# MediaPipe Pose indices.
L_SHOULDER, R_SHOULDER, L_HIP, R_HIP, L_KNEE, R_KNEE, L_ANKLE, R_ANKLE = 11, 12, 23, 24, 25, 26, 27, 28
LEGS = ((L_HIP, L_KNEE), (L_KNEE, L_ANKLE), (R_HIP, R_KNEE), (R_KNEE, R_ANKLE))
ARMS = ((L_SHOULDER, 13), (13, 15), (R_SHOULDER, 14), (14, 16))  # shoulder, elbow, wrist


@dataclass(frozen=True)
class CoreOptions:
    """Where the clothing core lies (``core_grid``). Issue 13, set on real_people_pkg (sample3's
    purple dress beside a blue window, sample5's navy dress and white skirt inside a neighbour's
    mask) and checked on the dev and more sets.

    enabled:     read colours on the core at all (off: the bands of the box, as before).
    min_visibility: keypoints seen from this MediaPipe visibility on.
    torso_shrink: the torso polygon (shoulders, hips) is narrowed: each shoulder and hip is pulled
                 this share of the way towards the middle of its pair (a shoulder keypoint on the
                 background, an arm at the hip).
    limb_width:  the legs are read in a band this many shoulder widths wide...
    arm_width:   ...and the sleeves (shoulder-elbow-wrist, with the torso) in one this wide (a
                 jacket's red shoulders and sleeves over a navy body: more vtest_0750).
    min_share:   the core is used when it holds at least this share of the band's mask pixels...
    min_px:      ...and at least this many grid pixels; else the whole band is read.
    """

    enabled: bool = True
    min_visibility: float = 0.5
    torso_shrink: float = 0.15
    limb_width: float = 0.35
    arm_width: float = 0.3
    min_share: float = 0.15
    min_px: int = 30


CORE_OPTIONS = CoreOptions()


def _seen(keypoints: np.ndarray, i: int, min_vis: float) -> bool:
    return len(keypoints) > i and (keypoints.shape[1] < 3 or keypoints[i, 2] >= min_vis)


def core_grid(
    person: Person,
    part: str,
    origin: tuple[int, int],
    shape: tuple[int, int],
    step: int,
    options: CoreOptions = CORE_OPTIONS,
) -> np.ndarray | None:
    """(rows, cols) bool on the sparse grid ``image[ya::step, xa::step]`` of ``shape`` (origin
    (xa, ya) in photo pixels): True inside the person's torso and arms (``part`` "upper") or legs ("lower")
    drawn from the keypoints. None when the part is not seen (both shoulders and both hips for the
    torso; a hip and its knee for the legs) or ``options.enabled`` is off."""
    import cv2

    kp = person.keypoints
    if not options.enabled or kp is None or part not in ("upper", "lower"):
        return None
    kp = np.asarray(kp, dtype=np.float64)
    vis = options.min_visibility
    if not (_seen(kp, L_SHOULDER, vis) and _seen(kp, R_SHOULDER, vis)):
        return None
    shoulder_w = float(np.hypot(*(kp[L_SHOULDER, :2] - kp[R_SHOULDER, :2])))
    pts = (kp[:, :2] - np.asarray(origin, dtype=np.float64)) / step
    canvas = np.zeros(shape, np.uint8)
    if part == "upper":
        torso = (L_SHOULDER, R_SHOULDER, R_HIP, L_HIP)
        if not all(_seen(kp, i, vis) for i in torso):
            return None
        quad = pts[list(torso)]
        # each side pulled in towards the middle of its own pair (the shoulder line stays whole:
        # a yoke or collar of another colour is read)
        pair_mid = np.repeat([quad[:2].mean(axis=0), quad[2:].mean(axis=0)], 2, axis=0)
        quad = quad + options.torso_shrink * (pair_mid - quad)
        cv2.fillPoly(canvas, [np.round(quad).astype(np.int32)], 1)
        _limbs(canvas, kp, pts, ARMS, max(1, int(round(options.arm_width * shoulder_w / step))), vis)
        return canvas.astype(bool)
    width = max(1, int(round(options.limb_width * shoulder_w / step)))
    drawn = _limbs(canvas, kp, pts, LEGS, width, vis)
    thighs = (L_HIP, R_HIP, R_KNEE, L_KNEE)
    if all(_seen(kp, i, vis) for i in thighs):
        cv2.fillPoly(canvas, [np.round(pts[list(thighs)]).astype(np.int32)], 1)
    return canvas.astype(bool) if drawn else None


def _limbs(canvas, kp, pts, limbs, width: int, vis: float) -> bool:
    """Draw (value 1, ``width`` grid pixels wide) each of ``limbs`` whose two keypoints are seen;
    True when any was."""
    import cv2

    drawn = False
    for a, b in limbs:
        if _seen(kp, a, vis) and _seen(kp, b, vis):
            pa, pb = (tuple(int(v) for v in np.round(pts[i])) for i in (a, b))
            cv2.line(canvas, pa, pb, 1, width)
            drawn = True
    return drawn
