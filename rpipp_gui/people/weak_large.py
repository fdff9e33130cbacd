"""A second look at large and medium body boxes too weak for the body detector (bodies.py).

A person out of focus in the background (messi5.jpg's blurred player behind the footballer) may
score 0.15-0.2 on the SSD body detector, below ``BodyOptions.candidate``; so do posts, signs, cars
and chessboards. ``large_candidates`` picks the weak boxes at least ``fine_height`` of the photo
high that nobody found covers; ``look`` gathers two independent kinds of evidence on a crop around
each: the body detector run again on a crop centred on the box (``again``), and MediaPipe pose on
a square crop around it (its torso's visibility, where the torso lies, how tall it is against the
box). ``confirmed`` keeps the boxes where both agree (WeakLargeOptions; the thresholds come from
benchmarks/people_weak_large.py's table of every such box on the dev photos and
benchmarks/data/real_people_more).

A tall box the photo's bottom border cuts is someone close to the camera; when they hold something
in front of them (a chessboard over the face), what shows of them (a shirt, an arm) has no person
pixels for selfie segmentation or pose, so the detector seeing them on every crop is enough
(``cut_by_bottom``, ``WeakLargeOptions.cut_again``); the box is then hidden whole.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rpipp_gui.imaging.boxes import mask_share, share_inside
from rpipp_gui.people.bodies import Body, BodyDetector, _square
from rpipp_gui.people.centerface import nms
from rpipp_gui.people.mp_models import MediaPipeModels
from rpipp_gui.people.options import WeakLargeOptions
from rpipp_gui.people.person import box_iou


@dataclass(frozen=True)
class LargeLook:
    """The evidence about one weak large box (working-copy pixels).

    body:   the box as the detector saw it.
    again:  the lowest of the detector's best scores on crops centred on the box
            (``again_score``), one per ``WeakLargeOptions.again_contexts`` (``cut_contexts`` for a
            box the bottom border cuts); the looks stop at the first crop below ``again_accept``.
    selfie: the lowest share of the box selfie segmentation calls person (``selfie_share``), one
            per ``WeakLargeOptions.selfie_contexts`` (stopping at the first below
            ``selfie_accept``; 0 when ``again`` already fails or a cut box is confirmed without).
    cut:    whether the photo's bottom border cuts the box and it is tall enough to count on the
            detector alone (``cut_by_bottom``).
    """

    body: Body
    again: float
    selfie: float
    cut: bool = False


def large_candidates(
    seen: list[Body],
    people: list[Body],
    shape: tuple[int, int],
    options: WeakLargeOptions,
    min_height: float,
    known: np.ndarray | None = None,
) -> list[Body]:
    """The weak boxes worth a second look, tallest first: boxes ``seen`` (photo pixels of a photo of
    ``shape`` (h, w)) scoring at least ``candidate`` and at least ``min_height`` of the photo high,
    at least ``border`` of its sides away from its edges, that are not one of the accepted
    ``people`` (IoU above ``nms_iou``) and lie at most ``known`` on pixels of people found before
    (``known``, HxW bool; a part of someone, or a box around them). A box inside a person's box may
    be someone behind them, so only pixels count."""
    h, w = shape
    mx, my = options.border * w, options.border * h
    out = [
        b
        for b in seen
        if b.score >= options.candidate
        and b.height >= min_height * h
        and mx <= b.box[0]
        and b.box[2] <= w - mx
        and my <= b.box[1]
        and (b.box[3] <= h - my or cut_by_bottom(b, shape, options))
        and not any(box_iou(b.box, p.box) > options.nms_iou for p in people)
    ]
    if known is not None:
        out = [b for b in out if mask_share(known, b.box) <= options.known]
    if not out:
        return []
    boxes = np.array([b.box for b in out], np.float32)
    scores = np.array([b.score for b in out], np.float32)
    kept = [out[i] for i in nms(boxes, scores, options.nms_iou)]
    # the tallest first: a large person missed gives most away
    return sorted(kept, key=lambda b: -b.height)[: options.max_looks]


def cut_by_bottom(body: Body, shape: tuple[int, int], options: WeakLargeOptions) -> bool:
    """Whether the bottom border of a photo of ``shape`` (h, w) cuts ``body`` (its bottom within
    ``cut_margin`` of the height from it) and it is at least ``cut_height`` of the photo high: a
    person close to the camera, whose visible parts (an arm, a shirt beside what they hold in front
    of them) may show no person pixels to selfie segmentation or pose."""
    h = shape[0]
    return body.box[3] >= (1.0 - options.cut_margin) * h and body.height >= options.cut_height * h


def again_score(detector: BodyDetector, work: np.ndarray, body: Body, context: float, iou: float) -> float:
    """The detector's best score on a square crop ``context`` times the box's long side centred on
    ``body`` (of the HxWx3 uint8 ``work``), among detections overlapping it by ``iou`` IoU; 0 for
    none. Boxes from 0.1 on count."""
    h, w = work.shape[:2]
    x0, y0, x1, y1 = _square(body.center, context * max(body.width, body.height), w, h)
    local = (body.box[0] - x0, body.box[1] - y0, body.box[2] - x0, body.box[3] - y0)
    return max(
        (b.score for b in detector.detect(work[y0:y1, x0:x1], 0.1) if box_iou(b.box, local) >= iou),
        default=0.0,
    )


def region_body_score(
    detector: BodyDetector, work: np.ndarray, box, contexts: tuple[float, ...], iou: float, stop: float = 0.0
) -> float:
    """The lowest of the detector's best scores (``again_score``) for a box (x0, y0, x1, y1,
    working-copy pixels of the HxWx3 uint8 ``work``) on square crops ``contexts`` times its long
    side around it; stops at the first crop under ``stop`` (the caller's threshold) or at 0."""
    return lowest_again(detector, work, Body(tuple(float(v) for v in box), 0.0), contexts, iou, stop)


def lowest_again(
    detector: BodyDetector, work: np.ndarray, body: Body, contexts: tuple[float, ...], iou: float, stop: float
) -> float:
    """The lowest ``again_score`` of ``body`` over crops of ``contexts`` (HxWx3 uint8 ``work``),
    stopping at the first crop that scores under ``stop`` (most weak boxes fail on the first) or
    0 (nothing lower can follow)."""
    score = 1.0
    for context in contexts:
        score = min(score, again_score(detector, work, body, context, iou))
        if score < stop or score <= 0.0:
            break
    return score


def selfie_share(
    models: MediaPipeModels, work: np.ndarray, body: Body, context: float, known: np.ndarray | None = None
) -> float:
    """The share of ``body``'s box that selfie segmentation of a square crop ``context`` times its
    long side around it calls person (probability above 0.5), with the pixels of people found
    before (``known``, HxW bool) painted grey: beside a large person in front, the model sees only
    them (messi5.jpg's blurred player: 0.04-0.10 of his box, 0.94-0.99 with the footballer grey)."""
    h, w = work.shape[:2]
    x0, y0, x1, y1 = _square(body.center, context * max(body.width, body.height), w, h)
    crop = work[y0:y1, x0:x1]
    if known is not None and known[y0:y1, x0:x1].any():
        crop = crop.copy()
        crop[known[y0:y1, x0:x1]] = 127
    prob = models.selfie(crop)
    bx0, by0 = max(0, int(body.box[0]) - x0), max(0, int(body.box[1]) - y0)
    bx1, by1 = min(x1 - x0, int(np.ceil(body.box[2])) - x0), min(y1 - y0, int(np.ceil(body.box[3])) - y0)
    if bx1 <= bx0 or by1 <= by0:
        return 0.0
    return float((prob[by0:by1, bx0:bx1] > 0.5).mean())


def look(
    detector: BodyDetector,
    models: MediaPipeModels,
    work: np.ndarray,
    body: Body,
    options: WeakLargeOptions,
    known: np.ndarray | None = None,
) -> LargeLook:
    """The evidence about a weak ``body`` of the HxWx3 uint8 working copy ``work``: the lowest of
    the detector's scores on crops of each of ``again_contexts`` (``cut_contexts`` when the
    bottom border cuts the box and it shows a photograph's texture, ``flat_share``), and the
    lowest selfie share on crops of each of ``selfie_contexts`` with the people found before
    (``known``, HxW bool) painted grey."""
    # a flat rendering (a map, a drawing) is no photo: there the detector alone is not enough
    cut = cut_by_bottom(body, work.shape[:2], options) and flat_share(work, body.box) <= options.cut_flat
    contexts = options.cut_contexts if cut else options.again_contexts
    again = lowest_again(detector, work, body, contexts, options.again_iou, options.again_accept)
    if again < options.again_accept:
        return LargeLook(body, again, 0.0, cut)
    if cut and again >= options.cut_again:  # the detector alone: no selfie look needed
        return LargeLook(body, again, 0.0, cut)
    selfie = 1.0
    for context in options.selfie_contexts:  # a person stays one, a screen or a shadow comes and goes
        selfie = min(selfie, selfie_share(models, work, body, context, known))
        if selfie < options.selfie_accept:
            break
    return LargeLook(body, again, selfie, cut)


def flat_share(work: np.ndarray, box) -> float:
    """The share of horizontally adjacent pixel pairs inside ``box`` (x0, y0, x1, y1) of the HxWx3
    uint8 ``work`` that are identical in all three channels: 0.1-0.45 on photographs (noise,
    texture), near 1 on flat renderings (a disparity map, a cartoon's fills); 0 for an empty box."""
    h, w = work.shape[:2]
    x0, y0 = max(0, int(box[0])), max(0, int(box[1]))
    x1, y1 = min(w, int(np.ceil(box[2]))), min(h, int(np.ceil(box[3])))
    if x1 - x0 < 2 or y1 <= y0:
        return 0.0
    crop = work[y0:y1, x0:x1]
    return float((crop[:, 1:] == crop[:, :-1]).all(axis=2).mean())


def confirmed(looks: list[LargeLook], options: WeakLargeOptions) -> list[Body]:
    """The boxes both kinds of evidence call a person: the detector on every crop at least
    ``again_accept``, selfie segmentation at least ``selfie_accept`` of the box; or, for a box the
    bottom border cuts (``LargeLook.cut``), the detector on every crop at least ``cut_again``."""
    return [k.body for k in looks if _confirmed(k, options)]


def _confirmed(k: LargeLook, options: WeakLargeOptions) -> bool:
    by_selfie = k.again >= options.again_accept and k.selfie >= options.selfie_accept
    return by_selfie or _by_detector(k, options)


def _by_detector(k: LargeLook, options: WeakLargeOptions) -> bool:
    """Whether the detector alone confirms a box the bottom border cuts."""
    return k.cut and k.again >= options.cut_again


def drop_parts(bodies: list[Body], part_of: float) -> list[Body]:
    """``bodies`` without those lying at least ``part_of`` inside a taller one kept before."""
    kept: list[Body] = []
    for b in sorted(bodies, key=lambda b: -b.height):
        if not any(share_inside(b.box, k.box) >= part_of for k in kept):
            kept.append(b)
    return kept


def second_look(
    detector: BodyDetector,
    models: MediaPipeModels,
    work: np.ndarray,
    seen: list[Body],
    people: list[Body],
    options: WeakLargeOptions,
    min_height: float,
    known: np.ndarray | None = None,
) -> list[Body]:
    """The weak large boxes of ``seen`` (working-copy pixels of the HxWx3 uint8 ``work``) that both
    looks call a person, with ``fine`` set to their selfie share (1.0 for a box the bottom border
    cuts that the detector alone confirmed, which is then ``alone``: hidden whole as its box): the
    body's mask then counts them as sure as a small box the fine check confirmed
    (``BodyMaskOptions.fine_confident``), since their mask may be only their box. A confirmed box
    lying ``part_of`` inside a taller one is a part of it. people: the bodies accepted; known: HxW
    bool, pixels of people found before."""
    if options.max_looks <= 0:
        return []
    weak = large_candidates(seen, people, work.shape[:2], options, min_height, known)
    looks = [look(detector, models, work, b, options, known) for b in weak]
    found = [
        Body(
            k.body.box,
            k.body.score,
            k.body.whole,
            1.0 if _by_detector(k, options) else max(k.body.fine, k.selfie),
            alone=_by_detector(k, options),
        )
        for k in looks
        if _confirmed(k, options)
    ]
    return drop_parts(found, options.part_of)
