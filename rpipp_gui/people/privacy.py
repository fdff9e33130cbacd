"""Privacy checks: the target face de-identification rate of BRPPNet's paper (TDIR), and the check
before export that the face and body detectors cannot find a hidden person on the protected copy.

A face counts as a target when the detector finds it before protection and it lies in the protected
region. TDIR is the share of target faces that the detector can no longer find after protection
(1.0 = no target face re-found). The detector is CenterFace plus MediaPipe's full-range model, so a
face either of them still sees counts as re-found.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rpipp_gui.imaging.boxes import box_mask, mask_share, share_inside
from rpipp_gui.people.faces import Face, check_rgb, default_face_detector
from rpipp_gui.people.person import box_iou


@dataclass(frozen=True)
class TdirResult:
    """targets: faces found before protection inside the region; refound: the targets that a face
    found after protection still overlaps (IoU >= iou). rate = 1 - len(refound) / len(targets), or
    None when there was no target face to protect."""

    targets: tuple[Face, ...]
    refound: tuple[Face, ...]
    after: tuple[Face, ...]

    @property
    def rate(self) -> float | None:
        if not self.targets:
            return None
        return 1.0 - len(self.refound) / len(self.targets)


@dataclass(frozen=True)
class TdirOptions:
    """How TDIR counts faces: set with the first privacy check (b625357), not swept.

    threshold: face detector score for the targets, and for re-finding them unless ``tdir`` is
               given an ``after_threshold`` (the face detector's own 0.3, c886a36).
    min_share: a face is a target when at least this share of its box lies in the protected region.
    iou:       a target is re-found when a face detected after protection overlaps it with at least
               this IoU.
    """

    threshold: float = 0.3
    min_share: float = 0.5
    iou: float = 0.3


TDIR_OPTIONS = TdirOptions()


def tdir(
    before_rgb: np.ndarray,
    after_rgb: np.ndarray,
    region_mask: np.ndarray,
    threshold: float = TDIR_OPTIONS.threshold,
    *,
    min_share: float = TDIR_OPTIONS.min_share,
    iou: float = TDIR_OPTIONS.iou,
    after_threshold: float | None = None,
) -> TdirResult:
    """Measure how well protection hid the faces inside ``region_mask``.

    before_rgb, after_rgb: HxWx3 uint8 RGB, the photo before and after protection (same size).
    region_mask: HxW bool, the protected pixels; a face is a target when at least ``min_share`` of
    its box lies in it. threshold: face detector score for the targets, and for re-finding them
    unless ``after_threshold`` is given (a laxer, higher one ignores the weak detections a
    detector makes on head-shaped silhouettes). A target is re-found when a face detected after
    protection overlaps it with IoU >= ``iou``.
    """
    before_rgb, after_rgb = check_rgb(before_rgb), check_rgb(after_rgb)
    region = np.asarray(region_mask, dtype=bool)
    if before_rgb.shape != after_rgb.shape or region.shape != before_rgb.shape[:2]:
        raise ValueError(
            f"before {before_rgb.shape}, after {after_rgb.shape} and region {region.shape} must share H and W"
        )
    detector = default_face_detector()
    targets = [f for f in detector.detect(before_rgb, threshold) if mask_share(region, f.box) >= min_share]
    after_thr = threshold if after_threshold is None else after_threshold
    after = detector.detect(after_rgb, after_thr) if targets else []
    refound = [t for t in targets if any(box_iou(t.box, a.box) >= iou for a in after)]
    return TdirResult(tuple(targets), tuple(refound), tuple(after))


# -- the check before export: can the detectors still find a hidden person? --------------------


@dataclass(frozen=True)
class CheckOptions:
    """How the protected copy is searched before it is written.

    face_threshold: a face scoring at least this on the protected copy is still visible (the
                    finder seeds people from 0.5; weak detections on blurred or filled head shapes
                    score 0.1-0.3).
    body_threshold: a body scoring at least this is still visible (the finder's ``confident``: a
                    flat-filled cover of a large person scored 0.39, re-found silhouettes 0.42-0.64).
    hidden_share:   a person counts as hidden (a target) when this share of their mask is masked.
    overlap:        a detection is a target's when this share of the detection's box lies in the
                    target's box (faces) or their boxes overlap by this IoU (bodies).
    fill_share:     a body detected over a box at least this share hidden by one flat colour...
    fill_flat:      ...(the hidden pixels' colours vary by at most this standard deviation, 0-255)
                    is the fill's outline, not the person: nothing of them shows. pkg6's solid
                    covers of a ballerina, a pool player and a selfie (each filling most of its
                    photo) scored 0.45-0.47 as a person, a person-shaped blob; a solid fill's
                    pixels vary by 0, any person showing through mosaic, noise, blur or inpainting
                    by far more.
    fill_blocks:    ...or whose hidden pixels are at least this share flat (each the colour of its
                    right and lower neighbours: a mosaic of blocks some 40 px and larger, where
                    nothing of the person shows but the blocks' mean colours). pkg2's zidane.jpg
                    (a man filling the frame): his cover mosaic, 0.99 flat, scored 0.46 as a
                    person over the whole mosaic. Measured on zidane.jpg and pkg10's uswds_hero.jpg:
                    solid and mosaic 0.98-1.0, noise 0.0-0.02, blur 0.31-0.64, inpainting 0.23-0.43
                    (1.0 where it fills flat, showing nothing either).
    body_threshold was set in 63f7de6 (a flat cover of a large person scored 0.39), the others with
    the check itself (cf27663); not swept.
    """

    face_threshold: float = 0.5
    body_threshold: float = 0.42
    hidden_share: float = 0.5
    overlap: float = 0.5
    fill_share: float = 0.7
    fill_flat: float = 3.0
    fill_blocks: float = 0.95


CHECK_OPTIONS = CheckOptions()


@dataclass(frozen=True)
class Leak:
    """A hidden person the detectors still find: ``index`` into the people list (0-based), ``kind``
    "face" or "body", the detection's ``box`` (photo pixels) and ``score``."""

    index: int
    kind: str
    box: tuple[float, float, float, float]
    score: float


@dataclass(frozen=True)
class CheckResult:
    """leaks: hidden people still found. unconfirmed: when everyone found was hidden, person-like
    regions (body detections) the finder did not confirm and the mask leaves visible."""

    leaks: tuple[Leak, ...]
    unconfirmed: tuple[tuple[float, float, float, float], ...]

    @property
    def ok(self) -> bool:
        return not self.leaks

    def messages(self) -> list[str]:
        """One line per finding, people numbered from 1 as the app shows them."""
        out = [
            f"person #{leak.index + 1}: a {leak.kind} can still be detected "
            f"({leak.score:.2f}) at {tuple(round(v) for v in leak.box)}"
            for leak in self.leaks
        ]
        out += [
            f"a region that looks like a person was not hidden at {tuple(round(v) for v in box)}"
            for box in self.unconfirmed
        ]
        return out


def hidden_people(people, mask: np.ndarray, share: float = CHECK_OPTIONS.hidden_share) -> list[int]:
    """Indices of the people (Person list) at least ``share`` of whose mask (or box, without a
    mask) lies in ``mask`` (HxW bool)."""
    out = []
    for i, person in enumerate(people):
        if person.mask is not None and person.mask.shape == mask.shape and person.mask.any():
            inside = float(mask[person.mask].mean())
        else:
            x0, y0, x1, y1 = (int(round(v)) for v in person.box)
            crop = mask[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
            inside = float(crop.mean()) if crop.size else 0.0
        if inside >= share:
            out.append(i)
    return out


def find_visible(
    protected_rgb: np.ndarray,
    target_boxes,
    options: CheckOptions = CHECK_OPTIONS,
    *,
    bodies=None,
    faces=None,
    hidden: np.ndarray | None = None,
) -> list[int]:
    """Indices of ``target_boxes`` (x0, y0, x1, y1 photo pixels) in which a face or a body is still
    detected on the HxWx3 uint8 RGB ``protected_rgb``. hidden: HxW bool, the pixels protection
    changed, when known (a body that is only a flat fill's outline is then no leak,
    ``flat_fill``)."""
    leaks, _ = _detect_leaks(check_rgb(protected_rgb), list(target_boxes), options, bodies, faces, hidden)
    return sorted({leak.index for leak in leaks})


def flat_fill(rgb: np.ndarray, hidden: np.ndarray, box, options: CheckOptions = CHECK_OPTIONS) -> bool:
    """Whether ``box`` (x0, y0, x1, y1) of the HxWx3 uint8 RGB protected copy is mostly (``fill_share``)
    hidden pixels (``hidden``, HxW bool) of one flat colour (``fill_flat``) or of flat blocks
    (``fill_blocks``): what a detector sees there is the fill's outline."""
    if mask_share(hidden, box) < options.fill_share:
        return False
    inside = hidden & box_mask(hidden.shape, box)
    colours = rgb[inside].astype(np.float32)
    if len(colours) == 0:
        return False
    if colours.std(axis=0).max() <= options.fill_flat:
        return True
    ys, xs = np.nonzero(inside)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    return _flat_share(rgb[y0:y1, x0:x1], inside[y0:y1, x0:x1]) >= options.fill_blocks


def _flat_share(rgb: np.ndarray, where: np.ndarray) -> float:
    """Share (0..1) of the HxW bool ``where`` pixels of HxWx3 ``rgb`` that have the colour of both
    their right and lower neighbours (the last row and column have none: never flat)."""
    flat = np.zeros(where.shape, bool)
    same_right = np.all(rgb[:-1, :-1] == rgb[:-1, 1:], axis=2)
    flat[:-1, :-1] = same_right & np.all(rgb[:-1, :-1] == rgb[1:, :-1], axis=2)
    return float(flat[where].mean())


def _detect_leaks(rgb, boxes, options: CheckOptions, bodies, faces, hidden=None):
    from rpipp_gui.people.bodies import default_body_detector

    bodies = bodies or default_body_detector()
    faces = faces or default_face_detector()
    found_bodies = bodies.find(rgb)
    found_faces = faces.detect(rgb, options.face_threshold)
    leaks = []
    for i, box in enumerate(boxes):
        for face in found_faces:
            if share_inside(face.box, box) >= options.overlap:
                leaks.append(Leak(i, "face", face.box, face.score))
        for body in found_bodies:
            if body.score < options.body_threshold or box_iou(body.box, box) < options.overlap:
                continue
            if hidden is None or not flat_fill(rgb, hidden, body.box, options):
                leaks.append(Leak(i, "body", body.box, body.score))
    return leaks, found_bodies


def check_protected(
    protected_rgb: np.ndarray,
    people,
    mask: np.ndarray,
    options: CheckOptions = CHECK_OPTIONS,
    *,
    bodies=None,
    faces=None,
) -> CheckResult:
    """Search the protected copy for the people it should hide.

    protected_rgb: HxWx3 uint8 RGB, the copy about to be written. people: the Person list found in
    the original photo. mask: HxW bool, what was hidden. A person is a target when most of them is
    in the mask; a face or body detected on the protected copy over a target is a leak. When every
    person was hidden ("everyone"), body detections the mask leaves visible are reported too.
    """
    rgb = check_rgb(protected_rgb)
    mask = np.asarray(mask, dtype=bool)
    targets = hidden_people(people, mask, options.hidden_share)
    boxes = [people[i].box for i in targets]
    leaks, found_bodies = _detect_leaks(rgb, boxes, options, bodies, faces, mask)
    leaks = [Leak(targets[leak.index], leak.kind, leak.box, leak.score) for leak in leaks]
    unconfirmed = []
    if people and len(targets) == len(people):
        for body in found_bodies:
            x0, y0, x1, y1 = (int(round(v)) for v in body.box)
            crop = mask[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
            if crop.size and crop.mean() < options.hidden_share:
                unconfirmed.append(body.box)
    return CheckResult(tuple(leaks), tuple(unconfirmed))
