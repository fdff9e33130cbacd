"""Which way across the photo a person faces or walks ("walking to the right", "facing left"), from
the pose keypoints of a side view: the nose lies ahead of the ears (issue-13q).

    s = heading(person)   # +: towards the photo's right, -: left, in head heights; None: unseen

A head shorter than ``min_head_px`` (from the box: ``head_share`` of its height), or a pose without
a nose and an ear seen, is not read: the words stay unjudged. From the front or the back the nose
lies between the ears and the heading is near 0 (neither way).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rpipp_gui.people.person import Person

NOSE, L_EAR, R_EAR, L_SH, R_SH = 0, 7, 8, 11, 12  # MediaPipe Pose indices


@dataclass(frozen=True)
class HeadingOptions:
    """min_head_px: a head shorter than this (pixels) is not read (``ViewOptions.min_head_px``).
    head_share:  a standing person's head height as a share of the box height
                 (``ViewOptions.head_share``).
    min_visible: a keypoint with a lower visibility (0..1) is not seen.
    side_full:   the nose this many head heights ahead of the ears' middle fits the heading fully;
                 a profile's nose lies about half a head ahead (not tuned on photos).
    unseen:      the fit of a person whose heading is not read: about half the people in a street
                 walk either way, so an unread head stays likely, as an unread view does
                 (``looks_scoring.UnseenFits.view``), and a nose read ahead on someone else does
                 not decide the sentence alone (issue-13 --descs, real_people_more vtest_0250:
                 "man dressed all in black walking to the left", the target unread at 0.5, a man
                 beside him in black read 0.9 left and hidden; 0.5 -> 0.8 asks).
    """

    min_head_px: float = 6.0
    head_share: float = 0.14
    min_visible: float = 0.5
    side_full: float = 0.3
    unseen: float = 0.8


HEADING_OPTIONS = HeadingOptions()


def heading(person: Person, options: HeadingOptions = HEADING_OPTIONS) -> float | None:
    """How far the nose lies right (+) or left (-) of the ears' middle, in head heights; None when
    the head is too small or the nose and both ears are not seen. keypoints: (33, 3) float32
    (x, y, visibility) in image pixels."""
    kp = person.keypoints
    x0, y0, x1, y1 = person.box
    head = (y1 - y0) * options.head_share
    if kp is None or len(kp) <= R_EAR or head < options.min_head_px:
        return None
    kp = np.asarray(kp, dtype=np.float64)
    seen = kp[:, 2] >= options.min_visible
    ears = [i for i in (L_EAR, R_EAR) if seen[i]]
    if not seen[NOSE] or not ears:
        return None
    return float((kp[NOSE, 0] - kp[ears, 0].mean()) / head)


def heading_fits(
    people: list[Person], side: str, options: HeadingOptions = HEADING_OPTIONS
) -> tuple[np.ndarray, np.ndarray]:
    """((N,) float64 fit of facing / walking towards ``side`` ("left" or "right" of the photo),
    (N,) bool read). Who is not read fits ``options.unseen``."""
    sign = 1.0 if side == "right" else -1.0
    fits, known = np.full(len(people), options.unseen), np.zeros(len(people), bool)
    for i, p in enumerate(people):
        s = heading(p, options)
        if s is not None:
            fits[i], known[i] = float(np.clip(sign * s / options.side_full, 0, 1)), True
    return fits, known
