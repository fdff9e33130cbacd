"""Pose words from a person's 33 MediaPipe keypoints (photo pixels): pointing, arms raised, hand to
the face, holding, sitting, standing, walking, bending, kicking (``pose_words``), for the looks."""

from __future__ import annotations

import numpy as np

from rpipp_gui.referring import colors
from rpipp_gui.referring.looks_options import LOOKS_OPTIONS, LooksOptions

# MediaPipe Pose indices.
NOSE, L_SH, R_SH, L_EL, R_EL, L_WR, R_WR, L_HIP, R_HIP, L_KN, R_KN, L_AN, R_AN = (
    0, 11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28,
)  # fmt: skip
L_EYE, R_EYE, L_INDEX, R_INDEX = 2, 5, 19, 20


def point(kp: np.ndarray, i: int, vis: float = 0.5) -> np.ndarray | None:
    """Keypoint i's (x, y) of Nx3 (or Nx2) keypoints, None when missing or less visible than ``vis``."""
    if kp is None or len(kp) <= i or (kp.shape[1] > 2 and kp[i, 2] < vis):
        return None
    return kp[i, :2]


def _angle_deg(a: np.ndarray, b: np.ndarray) -> float:
    """The angle in degrees (0..180) between 2-vectors a and b; 0 when either is (nearly) zero."""
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    if na < 1e-6 or nb < 1e-6:
        return 0.0
    return float(np.degrees(np.arccos(np.clip(np.dot(a, b) / (na * nb), -1.0, 1.0))))


def pose_words(kp: np.ndarray, o: LooksOptions = LOOKS_OPTIONS) -> dict[str, float]:  # noqa: C901 - a rule a word
    """Fit 0..1 of each pose word from 33x3 keypoints (photo pixels, MediaPipe order): pointing,
    arms_raised, hand_to_face, holding, sitting, standing, walking, bending, kicking. Words whose
    joints are not seen are left out."""
    vis = o.min_visibility
    ls, rs, lh, rh = point(kp, L_SH, vis), point(kp, R_SH, vis), point(kp, L_HIP, vis), point(kp, R_HIP, vis)
    if ls is None or rs is None:
        return {}
    sh = (ls + rs) / 2
    hip = (lh + rh) / 2 if lh is not None and rh is not None else None
    torso = (
        float(np.hypot(*(hip - sh))) if hip is not None else o.shoulder_torso * float(np.hypot(*(ls - rs)))
    )
    torso = max(torso, 1.0)
    out: dict[str, float] = {}
    wrists = [
        (point(kp, L_WR, vis), point(kp, L_EL, vis), ls),
        (point(kp, R_WR, vis), point(kp, R_EL, vis), rs),
    ]
    raised, pointing = [], []
    for wr, el, s in wrists:
        if wr is None:
            continue
        raised.append(float(np.clip((s[1] - wr[1]) / (o.raised * torso), 0, 1)))
        reach = float(np.hypot(*(wr - s))) / torso
        side = abs(wr[0] - s[0]) / torso
        straight = 1.0
        if el is not None:
            a, b = el - s, wr - el
            straight = float(np.clip(np.dot(a, b) / max(np.linalg.norm(a) * np.linalg.norm(b), 1e-6), 0, 1))
        level = float(np.clip(1 - abs(wr[1] - s[1]) / (o.point_level * torso), 0, 1))
        (ra, rb), sd = o.point_reach, o.point_side
        pointing.append(float(np.clip((reach - ra) / rb, 0, 1) * np.clip(side / sd, 0, 1) * straight * level))
    if raised:
        out["arms_raised"] = max(raised)
    if pointing:
        out["pointing"] = max(pointing)
    nose = point(kp, NOSE, vis)
    if nose is not None:
        eyes = [e[1] for e in (point(kp, L_EYE, vis), point(kp, R_EYE, vis)) if e is not None]
        brow = min(eyes) if eyes else nose[1]
        near = []
        for (wr, _, _), tip in zip(wrists, (point(kp, L_INDEX, vis), point(kp, R_INDEX, vis)), strict=True):
            if wr is None or wr[1] < brow:
                continue  # no wrist, or one above the eyes: a hand on the head, not at the face
            near.append(min(float(np.hypot(*(p - nose))) for p in (wr, tip) if p is not None) / torso)
        if near:
            out["hand_to_face"] = float(np.clip((o.hand_face[0] - min(near)) / o.hand_face[1], 0, 1))
    lw, rw = point(kp, L_WR, o.hold_visibility), point(kp, R_WR, o.hold_visibility)
    if lw is not None and rw is not None and hip is not None:
        ta, tb = o.hold_together
        together = float(np.clip((ta - np.hypot(*(lw - rw)) / torso) / tb, 0, 1))
        in_front = float(np.clip((hip[1] - max(lw[1], rw[1])) / (o.hold_front * torso), 0, 1))
        out["holding"] = together * in_front
    if hip is not None:
        upright = abs(hip[1] - sh[1]) / torso
        out["bending"] = float(np.clip((o.bending[0] - upright) / o.bending[1], 0, 1))
        for word in ("sitting", "standing"):
            fit = colors.posture_from_keypoints(kp, word)
            if fit is not None:
                out[word] = float(fit)
        la, ra = point(kp, L_AN, vis), point(kp, R_AN, vis)
        if la is not None and ra is not None:
            stride = abs(la[0] - ra[0]) / torso
            walk = float(np.clip((stride - o.walking[0]) / o.walking[1], 0, 1))
            out["walking"] = walk * out.get("standing", 1.0)
            lift = abs(la[1] - ra[1]) / torso
            spread = _angle_deg(la - hip, ra - hip)
            out["kicking"] = float(
                max(
                    np.clip((lift - o.kicking[0]) / o.kicking[1], 0, 1),
                    np.clip((spread - o.kick_spread[0]) / o.kick_spread[1], 0, 1),
                )
            )
    return out
