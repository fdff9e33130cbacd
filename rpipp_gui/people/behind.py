"""A person at the back, seen by their face between the heads of people in front, keeps only what is
theirs (issue 12).

Pose or selfie segmentation seeded by a face at the back runs on down through the bodies of the
people standing in front of them (real_people_pkg4 ``multi_face``: the young man at the back, his
mask ran from his face down through the two women in front to the bottom border, so his box matched
nobody and his mask hid their pixels). Someone stands in front of a person when their face is
clearly larger (nearer the camera) and lower; their body fills the columns under their face, about
their shoulders' width, from their chin down. The person at the back gives every pixel there, and
whatever of their mask the cut leaves detached from their face in thin scraps, to the people in
front: the pixels move rather than vanish, so hiding everyone still covers them. A face of about
the person's size seen where their chest would be (``directly_under``) is someone sitting or
standing in front of them too, whatever its size: their whole body is behind from that face's
chin down (real_people_pkg9 ``tk_login-bg``: the man in the beanie behind the sitting woman).
"""

from __future__ import annotations

import numpy as np

from rpipp_gui.people.body_options import BehindOptions
from rpipp_gui.people.person_masks import Candidate, give

_DEFAULT = BehindOptions()


def in_front_of(back, front, options: BehindOptions = _DEFAULT) -> bool:
    """Whether the face box ``front`` (x0, y0, x1, y1) belongs to someone standing in front of the
    person with face box ``back``: its size (square root of the area) at least ``options.size_ratio``
    times theirs and its centre at least ``options.lower_fh`` of their face height lower; or, of
    at least ``options.under_size`` times their size, its centre at least ``options.under_fh`` of
    their face heights lower and at most ``options.under_fw`` of their face widths aside (seen where
    their chest would be)."""
    bw, bh = back[2] - back[0], back[3] - back[1]
    fw, fh = front[2] - front[0], front[3] - front[1]
    if bw <= 0 or bh <= 0 or fw <= 0 or fh <= 0:
        return False
    bigger = np.sqrt(fw * fh) >= options.size_ratio * np.sqrt(bw * bh)
    lower = (front[1] + front[3]) / 2 - (back[1] + back[3]) / 2 >= options.lower_fh * bh
    return bool(bigger and lower) or directly_under(back, front, options)


def directly_under(back, front, options: BehindOptions = _DEFAULT) -> bool:
    """Whether the face box ``front`` is seen where the chest of the person with face box ``back``
    would be: at least ``options.under_size`` times their size, its centre ``options.under_fh`` to
    ``options.under_max_fh`` of their face heights lower and at most ``options.under_fw`` of their face
    widths aside. That person sits or stands in front of them and hides their body from there down."""
    bw, bh = back[2] - back[0], back[3] - back[1]
    fw, fh = front[2] - front[0], front[3] - front[1]
    if bw <= 0 or bh <= 0 or fw <= 0 or fh <= 0:
        return False
    size = np.sqrt(fw * fh) >= options.under_size * np.sqrt(bw * bh)
    drop = (
        options.under_fh * bh
        <= (front[1] + front[3]) / 2 - (back[1] + back[3]) / 2
        <= options.under_max_fh * bh
    )
    aside = abs((front[0] + front[2]) / 2 - (back[0] + back[2]) / 2) <= options.under_fw * bw
    return bool(size and drop and aside)


def front_bodies(back, fronts, shape: tuple[int, int], options: BehindOptions = _DEFAULT) -> np.ndarray:
    """HxW bool (``shape``): where the bodies of the people with face boxes ``fronts`` (in front of
    the face box ``back``) hide the person at the back: ``options.shoulder_fw`` face widths either
    side of each front face's centre (for a face ``directly_under`` the back one, at least
    ``options.under_band_fw`` of the back face's widths: their whole body is behind), from its chin
    (never above the back face's chin) down."""
    out = np.zeros(shape, bool)
    h, w = shape
    for fb in fronts:
        half = options.shoulder_fw * (fb[2] - fb[0])
        if directly_under(back, fb, options):
            half = max(half, options.under_band_fw * (back[2] - back[0]))
        cx = (fb[0] + fb[2]) / 2
        x0 = int(np.clip(round(cx - half), 0, w))
        x1 = int(np.clip(round(cx + half), 0, w))
        y0 = int(np.clip(np.ceil(max(fb[3], back[3])), 0, h))
        out[y0:, x0:x1] = True
    return out


def keep_own_behind(
    cands: list[Candidate], shape: tuple[int, int], options: BehindOptions = _DEFAULT, threshold: float = 0.5
) -> None:
    """In place: every candidate seeded by a face gives its pixels on the bodies of the people in
    front of it (``in_front_of``, ``front_bodies``) to them (to the one whose face centre is nearest
    in columns where two bodies meet), and so the scraps of its mask the cut leaves apart from the
    face narrower than ``options.scrap_fw`` of its face width: the pixels move rather than vanish,
    so hiding everyone still covers them; with ``options.own_mask`` the body of someone in front
    is also their own mask (probability above ``threshold``) below their chin. ``shape``: the
    working copy's (h, w); candidate probabilities are float32 on their crops."""
    import cv2

    if not options.enabled:
        return
    faces = [c.face_box for c in cands]
    for i, cand in enumerate(cands):
        back = cand.face_box
        if back is None:
            continue
        fronts = [
            j for j, fb in enumerate(faces) if j != i and fb is not None and in_front_of(back, fb, options)
        ]
        if not fronts:
            continue
        x0, y0, x1, y1 = cand.box
        hidden = front_bodies(back, [faces[j] for j in fronts], shape, options)[y0:y1, x0:x1]
        if options.own_mask:  # their own mask below their chin is their body too
            for j in fronts:
                below = max(faces[j][3], back[3])
                theirs = cands[j].crop((x0, y0, x1, y1)) > threshold
                theirs[: max(0, int(np.ceil(below)) - y0)] = False
                hidden |= theirs
        if not hidden.any():
            continue
        kept = (cand.prob > 0) & ~hidden
        count, labels, stats, _ = cv2.connectedComponentsWithStats(kept.astype(np.uint8), connectivity=8)
        fx0, fy0 = int(max(back[0] - x0, 0)), int(max(back[1] - y0, 0))
        fx1, fy1 = int(np.ceil(back[2])) - x0, int(np.ceil(back[3])) - y0
        at_face = set(np.unique(labels[fy0 : max(fy0, fy1), fx0 : max(fx0, fx1)]).tolist()) - {0}
        scrap = options.scrap_fw * (back[2] - back[0])
        top = int(np.flatnonzero(hidden.any(axis=1))[0])  # scraps are what the cut left below its top
        scraps = [
            k
            for k in range(1, count)
            if k not in at_face and stats[k, cv2.CC_STAT_WIDTH] < scrap and stats[k, cv2.CC_STAT_TOP] >= top
        ]
        take = (hidden | np.isin(labels, scraps)) & (cand.prob > 0)
        # each column goes to the person in front whose face centre is nearest
        centres = np.array([(faces[j][0] + faces[j][2]) / 2 for j in fronts])
        nearest = np.argmin(np.abs(np.arange(x0, x1)[:, None] - centres[None, :]), axis=1)
        for n, j in enumerate(fronts):
            theirs = take & (nearest == n)[None, :]
            if theirs.any():
                give(cand, cands[j], theirs, cand.box)
