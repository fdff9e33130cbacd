"""How a body box found by the detector relates to the people the faces found before it: which of
them it holds (one person, or parts of one), and where it may add to their masks. Boxes are
(x0, y0, x1, y1) working-copy pixels; masks HxW bool."""

from __future__ import annotations

import logging

import numpy as np

from rpipp_gui.people.body_rows import row_mates
from rpipp_gui.people.options import FinderOptions, KeepOptions
from rpipp_gui.people.person_masks import (
    Candidate,
    IntBox,
    clip_box,
    drop_detached,
    mask_bbox,
    merge_candidates,
    take_out,
)

log = logging.getLogger(__name__)


def inside(point: tuple[float, float], box, margin: float = 0.0) -> bool:
    """The point lies in the box grown by ``margin`` of its width and height on each side."""
    mx, my = margin * (box[2] - box[0]), margin * (box[3] - box[1])
    return box[0] - mx <= point[0] <= box[2] + mx and box[1] - my <= point[1] <= box[3] + my


def face_centre(face_box) -> tuple[float, float]:
    """The centre (x, y) of a face box (x0, y0, x1, y1)."""
    return (face_box[0] + face_box[2]) / 2, (face_box[1] + face_box[3]) / 2


def in_head_zone(face_box, box, head_faces: float, margin: float) -> bool:
    """The face's centre lies where the head of the person a body ``box`` is around is: across the
    box, from one face height above its top to ``head_faces`` face heights below it, grown by
    ``margin`` (the head is at the top of a body, whether the box holds all of it or the chest up)."""
    fh = face_box[3] - face_box[1]
    head = (box[0], box[1] - fh, box[2], box[1] + head_faces * fh)
    return inside(face_centre(face_box), head, margin)


def near_columns(cand: Candidate, own: np.ndarray, body_box, shape, reach: float) -> np.ndarray:
    """HxW bool: the columns within ``reach`` of the body box's width of a person's face centre
    (or the centre of their pixels ``own``, HxW bool): where a body box may add to that person's
    mask (the whole box for one person, their half of a box around two people close together)."""
    fb = cand.face_box
    cols = np.flatnonzero(own.any(axis=0))
    if fb is not None:
        cx = (fb[0] + fb[2]) / 2
    elif cols.size:
        cx = (cols[0] + cols[-1] + 1) / 2
    else:
        cx = (cand.box[0] + cand.box[2]) / 2
    half = reach * (body_box[2] - body_box[0])
    out = np.zeros(shape, bool)
    out[:, max(0, int(cx - half)) : max(0, int(np.ceil(cx + half)))] = True
    return out


def beyond_others(
    cands: list[Candidate], known: int, parts: list[int], body_box, shape, other_face_fw: float
) -> np.ndarray:
    """HxW bool: the columns past the midway between the face of person ``known`` and the face of
    each other person (not one of ``parts``) whose face lies in the body box: a box around two
    people, one partly behind the other, completes neither with the other's side (their face
    centres are the best guide to where one ends); a face less than ``other_face_fw`` face widths
    to the side is not split off."""
    out = np.zeros(shape, bool)
    fb = cands[known].face_box
    if fb is None:
        return out
    cx = (fb[0] + fb[2]) / 2
    for j, cand in enumerate(cands):
        ob = cand.face_box
        if j == known or j in parts or ob is None:
            continue
        ox, oy = face_centre(ob)
        if not inside((ox, oy), body_box) or abs(ox - cx) < other_face_fw * (fb[2] - fb[0]):
            continue
        mid = int(round((cx + ox) / 2))
        if ox > cx:
            out[:, max(0, mid) :] = True
        else:
            out[:, : max(0, mid)] = True
    return out


def same_person(
    cands: list[Candidate], owner: np.ndarray, box, shape, head_faces: float, keep: KeepOptions
) -> list[int]:
    """The people found before whose pixels lie mostly inside a body ``box``, when they can be one
    person: at most one of them has a face whose centre lies at most ``head_faces`` face heights
    below the box's top (where a head is);
    people with a face lower down are someone else and are left out. Several such people are
    parts of one body (legs found apart from the torso). The one with the face (else the largest)
    comes first. Empty when there is nobody, or several faces where the head should be."""
    ib = clip_box(box, shape[1], shape[0])
    if ib is None:
        return []
    # pixels each person owns in the box and in all (owner -1: nobody's), counted at once
    n = len(cands)
    held = np.bincount(owner[ib[1] : ib[3], ib[0] : ib[2]].ravel().astype(np.intp) + 1, minlength=n + 1)[1:]
    totals = np.bincount(owner.ravel().astype(np.intp) + 1, minlength=n + 1)[1:]
    hits: list[tuple[bool, int, int]] = []
    for j, cand in enumerate(cands):
        own, total = int(held[j]), int(totals[j])
        if total == 0 or own < keep.body_share * total:
            continue
        fb = cand.face_box
        if fb is not None and not in_head_zone(fb, box, head_faces, keep.head_margin):
            continue  # a face low in the box: someone else (in front, a child, a second row)
        hits.append((fb is not None, total, j))
    if sum(has_face for has_face, _, _ in hits) > 1:
        return []
    return [j for _, _, j in sorted(hits, reverse=True)]


def completed(cand: Candidate, extra: Candidate, shape, threshold: float) -> Candidate:
    """A person's candidate completed by the pixels a body box adds (``extra``; both on a working
    copy of ``shape`` (h, w)): the added pixels that float apart from the person (``drop_detached``:
    a speck a few pixels beside them, broken bits of fringe down the side of someone in front) are
    left out, the person's own pixels all stay. Both stretched a man's box to twice his height
    (vtest_0350 of benchmarks/data/real_people_more: IoU 0.27, missed, and a false person)."""
    merged = merge_candidates(cand, extra)
    merged.prob = np.maximum(drop_detached(merged.prob, threshold), cand.crop(merged.box)).astype(np.float32)
    return merged


def in_front(cands: list[Candidate], box, head_faces: float, keep: KeepOptions) -> list[int]:
    """The people found before whose face centre lies inside a body ``box`` but below its head
    zone (more than ``head_faces`` face heights under its top, grown by ``keep.head_margin``): people
    in front of (or below) the person the box is around."""
    out = []
    for j, cand in enumerate(cands):
        fb = cand.face_box
        if fb is None:
            continue
        if inside(face_centre(fb), box) and not in_head_zone(fb, box, head_faces, keep.head_margin):
            out.append(j)
    return out


def _tight(mask: np.ndarray, crop: IntBox) -> IntBox | None:
    """The box (x0, y0, x1, y1 ints, working-copy pixels) of the True pixels of ``mask`` (hxw bool
    on the working-copy box ``crop``), or None when it is empty."""
    box = mask_bbox(mask)
    if box is None:
        return None
    return box[0] + crop[0], box[1] + crop[1], box[2] + crop[0], box[3] + crop[1]


def lower_body_of(
    cands: list[Candidate], cand: Candidate | None, skip: list[int], opts: FinderOptions
) -> int | None:
    """The person found before (index into ``cands``, none of ``skip``) whose lower body a new
    body-box candidate ``cand`` is: the only one whose face lies in the head zone of ``cand``'s
    own box, with at least ``below_share`` of ``cand``'s pixels in their box's columns, and whose
    box stops above ``cand``'s bottom (found down to the chest, the rest hidden by people in
    front). None when nobody (or several) fit. Pixels: each candidate's crop probability (hxw
    float32) above the mask threshold. ``opts``: body_head_faces, keep.below_share, the mask
    threshold."""
    head_faces, keep, threshold = opts.body_head_faces, opts.keep, opts.mask_threshold
    if cand is None or not cand.source.startswith("body+"):
        return None
    mask = cand.prob > threshold
    box = _tight(mask, cand.box)
    if box is None:
        return None
    x0, y0, x1, y1 = box
    per_column = mask.sum(axis=0)
    hits = []
    for j, other in enumerate(cands):
        fb = other.face_box
        if j in skip or fb is None or not in_head_zone(fb, box, head_faces, keep.head_margin):
            continue
        theirs = _tight(other.prob > threshold, other.box)
        if theirs is None:
            continue
        ox0, _, ox1, oy1 = theirs
        under = per_column[max(0, ox0 - cand.box[0]) : max(0, ox1 - cand.box[0])].sum()
        if not x0 <= face_centre(fb)[0] <= x1 or under < keep.below_share * per_column.sum() or oy1 >= y1:
            continue
        hits.append(j)
    return hits[0] if len(hits) == 1 else None


def under_face(face_box, shape, half_fw: float) -> np.ndarray:
    """HxW bool: the columns within ``half_fw`` face widths of a face's centre, from the face's top
    down (where the body of the person with that face is when they stand in front)."""
    fw = face_box[2] - face_box[0]
    cx = (face_box[0] + face_box[2]) / 2
    out = np.zeros(shape, bool)
    x0, x1 = max(0, int(round(cx - half_fw * fw))), max(0, int(round(cx + half_fw * fw)))
    out[max(0, int(face_box[1])) :, x0:x1] = True
    return out


def box_bottoms(
    cands: list[Candidate], boxes: list, head_faces: float, margin: float, min_fh: float = 0.0
) -> dict[int, float]:
    """For each person found by their face (index into ``cands``) whose face is the only one in
    the head zone (``in_head_zone``) of some body ``boxes`` (x0, y0, x1, y1, working-copy pixels)
    at least ``min_fh`` of their face heights tall: the lowest bottom row of those boxes, where
    the detector saw their body end."""
    out: dict[int, float] = {}
    faces = [(j, c.face_box) for j, c in enumerate(cands) if c.face_box is not None]
    for box in boxes:
        held = [
            j
            for j, fb in faces
            if in_head_zone(fb, box, head_faces, margin) and box[3] - box[1] >= min_fh * (fb[3] - fb[1])
        ]
        if len(held) == 1:
            out[held[0]] = max(out.get(held[0], float(box[3])), float(box[3]))
    return out


def stop_below_boxes(
    cands: list[Candidate], bottoms: dict[int, float], below_fh: float, run_fh: float = 0.0
) -> None:
    """In place: each person seeded by a face and held by body boxes (``bottoms``: index into
    ``cands`` -> the lowest bottom row of the boxes that held them, working-copy pixels) whose
    mask runs on more than ``run_fh`` of their face heights below it keeps no probability more
    than ``below_fh`` of their face heights below it: what pose ran on into under a table or over
    someone's legs, where the detector saw no more of them."""
    for j, bottom in bottoms.items():
        cand = cands[j]
        fb = cand.face_box
        if fb is None:
            continue
        fh = fb[3] - fb[1]
        rows = np.flatnonzero((cand.prob > 0).any(axis=1))
        if not rows.size or cand.box[1] + rows[-1] + 1 <= bottom + run_fh * fh:
            continue  # the box is only a little short (the feet): keep the mask
        cut = int(np.ceil(bottom + below_fh * fh)) - cand.box[1]
        if 0 < cut < cand.prob.shape[0] and cand.prob[cut:].any():
            cand.prob = cand.prob.copy()
            cand.prob[cut:] = 0.0


def joins_below(cand: Candidate, extra: Candidate, threshold: float, gap_fh: float) -> bool:
    """Whether ``extra``'s pixels (probability above ``threshold``) begin at most ``gap_fh`` of
    ``cand``'s face heights below the lowest row of ``cand``'s own (the legs of the person, not a
    part of someone or something further down with a gap between). Both are candidates on crops
    of the same working copy; True when ``cand`` has no face or either mask is empty."""
    if cand.face_box is None:
        return True
    own, more = _tight(cand.prob > threshold, cand.box), _tight(extra.prob > threshold, extra.box)
    if own is None or more is None:
        return True
    return more[1] <= own[3] + gap_fh * (cand.face_box[3] - cand.face_box[1])


def front_islands(
    cands: list[Candidate],
    cand: Candidate | None,
    fronts: list[int],
    owner: np.ndarray,
    shape: tuple[int, int],
    threshold: float,
) -> list[tuple[int, Candidate]]:
    """The parts of a new person's body mask ``cand`` (from a box around them, source "body+...")
    apart from its largest part that touch one of the people in front of them (``fronts``, indices
    into ``cands``, the people found before; ``owner``: HxW int, who covers each working-copy
    pixel of a photo of ``shape``) on the other side of that person's face centre from the largest
    part, as (that person, the part as a Candidate of probability 1), taken out of ``cand.prob``:
    the limbs of the person in front beside them. vtest_0150.png: a box around a man in black and
    the woman half behind him gave her his arm on his far side, and her box stretched over both (a
    duplicate, her missed); her legs beside his, cut off from her shoulders by him, stay hers."""
    if cand is None or not fronts or not cand.source.startswith("body+"):
        return []
    import cv2

    x0, y0, x1, y1 = cand.box
    mask = (cand.prob > threshold).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count <= 2:
        return []
    main = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    centre = x0 + stats[:, cv2.CC_STAT_LEFT] + stats[:, cv2.CC_STAT_WIDTH] / 2
    # who lies next to each pixel of the box (the box grown by one pixel, a 3x3 neighbourhood)
    gx0, gy0, gx1, gy1 = max(0, x0 - 1), max(0, y0 - 1), min(shape[1], x1 + 1), min(shape[0], y1 + 1)
    out = []
    for k in range(1, count):
        if k == main:
            continue
        part = np.zeros((gy1 - gy0, gx1 - gx0), np.uint8)
        part[y0 - gy0 : y1 - gy0, x0 - gx0 : x1 - gx0] = labels == k
        near = owner[gy0:gy1, gx0:gx1][cv2.dilate(part, np.ones((3, 3), np.uint8)) > 0]
        front = next((j for j in fronts if (near == j).any() and cands[j].face_box is not None), None)
        if front is None:
            continue
        face = (cands[front].face_box[0] + cands[front].face_box[2]) / 2
        if (centre[k] - face) * (centre[main] - face) >= 0:  # on their side of the face: theirs
            continue
        out.append((front, take_out(cand, labels == k, cand.box, value=1.0)))
    return out


def trim_selfie_spill(
    cands: list[Candidate], known: int, owner: np.ndarray, covered: np.ndarray, body, opts: FinderOptions
) -> None:
    """A person seeded by a face whose mask only the selfie model gives (no pose keypoints) loses
    the columns beyond a sure ``body`` (bodies.Body: box, score) that holds their face, grown by
    ``opts.selfie_trim`` (score, margin): the selfie model runs on into what is next to a person
    (a monitor and keyboard on the desk: left06 of benchmarks/data/real_people_more, IoU 0.49,
    missed), where the body detector's box sees where the person ends. Rows are left alone (a
    box may hold the chest up only). ``owner`` (HxW int16, who first covered a pixel) and
    ``covered`` (HxW bool) follow, in place; as the finder keeps them, ``owner`` marks person
    ``known`` only inside their crop ``cands[known].box``, so only that crop is looked at."""
    cand, (sure, margin) = cands[known], opts.selfie_trim
    if cand.keypoints is not None or cand.face_box is None or body.score < sure:
        return
    shape, box = owner.shape, body.box
    grow = margin * (box[2] - box[0])
    x0, x1 = max(0, int(box[0] - grow)), min(shape[1], int(np.ceil(box[2] + grow)))
    cx0, cy0, cx1, cy1 = cand.box
    keep = np.zeros(cx1 - cx0, bool)
    keep[max(0, x0 - cx0) : max(0, x1 - cx0)] = True
    if keep.all():
        return
    cand.prob = np.where(keep[None, :], cand.prob, 0.0).astype(np.float32)
    own_owner, own_covered = owner[cy0:cy1, cx0:cx1], covered[cy0:cy1, cx0:cx1]  # views
    freed = (own_owner == known) & ~keep[None, :]  # hxw bool on the crop
    own_owner[freed], own_covered[freed] = -1, False
    for j, other in enumerate(cands):  # pixels that others hold too stay covered
        ox0, oy0, ox1, oy1 = other.box
        ix0, iy0, ix1, iy1 = max(ox0, cx0), max(oy0, cy0), min(ox1, cx1), min(oy1, cy1)
        if j != known and ix1 > ix0 and iy1 > iy0:
            theirs = other.prob[iy0 - oy0 : iy1 - oy0, ix0 - ox0 : ix1 - ox0] > opts.mask_threshold
            covered[iy0:iy1, ix0:ix1] |= freed[iy0 - cy0 : iy1 - cy0, ix0 - cx0 : ix1 - cx0] & theirs


def join_lower_bodies(
    cands: list[Candidate], pairs: list[tuple[int, int]], merged_into: dict[int, int] | None = None
) -> None:
    """Give each body-box person found as someone's lower body (``lower_body_of``; ``pairs`` of
    (that person, whose lower body), indices into ``cands``) to them: merged, their own left empty
    (in place). Done last, after the neighbours took back what a box overran. ``merged_into``: j ->
    the person a later body merged j into (j left empty): a pair naming j means that person, never
    the empty j (the legs would become a person of their own, a duplicate)."""
    merged_into = merged_into or {}

    def alive(j: int) -> int:
        seen = {j}
        while j in merged_into and merged_into[j] not in seen:
            j = merged_into[j]
            seen.add(j)
        return j

    for new, j in pairs:
        if new in merged_into:
            continue  # the legs went to someone else already: never merge that whole person
        j = alive(j)
        if new == j:
            continue  # the legs were merged into them already
        cands[j] = merge_candidates(cands[j], cands[new])
        cands[new].prob = np.zeros_like(cands[new].prob)


def attach_faces(cands: list[Candidate], faces: list, shape, threshold: float) -> None:
    """Give each candidate without a face (in place) the best-scoring unused face (faces.Face)
    whose centre lies on its mask (crop probability above ``threshold``)."""
    used = {c.face_box for c in cands if c.face_box is not None}
    by_score = sorted(faces, key=lambda f: -f.score)
    for cand in cands:
        if cand.face_box is not None:
            continue
        x0, y0, x1, y1 = cand.box
        for face in by_score:
            if face.box in used:
                continue
            cx, cy = int(face.center[0]), int(face.center[1])
            if x0 <= cx < x1 and y0 <= cy < y1 and cand.prob[cy - y0, cx - x0] > threshold:
                cand.face_box = face.box
                used.add(face.box)
                break


def in_row(
    i: int, boxes: list, score: float, cands: list[Candidate], shape, opts: FinderOptions, floor: float
) -> bool:
    """Whether body ``i`` of ``boxes`` (working-copy pixels, of a working copy of ``shape`` (h,
    w)), a new person too weak on its own (detector ``score``), scores at least ``floor`` and
    stands in a row of people: the other body boxes and the boxes of the masks of the people found
    (``body_rows.row_mates``). ``floor``: ``BodyRowOptions.floor`` for a mask only the selfie model
    gives, ``box_floor`` for a box with no person pixels, to be hidden as its box."""
    o = opts.body_row
    if not o.on or score < floor:
        return False
    others = [b for j, b in enumerate(boxes) if j != i]
    for cand in cands:
        found = mask_bbox(cand.prob > opts.mask_threshold)
        if found is not None:
            x0, y0 = cand.box[:2]
            others.append((found[0] + x0, found[1] + y0, found[2] + x0, found[3] + y0))
    mates = row_mates(boxes[i], others, o, shape[0])
    log.debug("weak body %s %.3f: %d row mates", tuple(round(v) for v in boxes[i]), score, mates)
    return mates >= o.mates


def held_posed(cands: list[Candidate], owner: np.ndarray, box, shape, opts: FinderOptions) -> bool:
    """Whether the body ``box`` (working-copy pixels) holds someone found before (``same_person``)
    and everyone it holds has pose keypoints."""
    parts = same_person(cands, owner, box, shape, opts.body_head_faces, opts.keep)
    return bool(parts) and all(cands[j].keypoints is not None for j in parts)
