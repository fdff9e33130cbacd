"""What one sentence decides in one photo: who, which pixels, which style, and how sure.

``Decision`` is the one result both front ends consume; ``rpipp_gui.app.wording`` renders it to text.
``decision_from`` builds it from any grounding engine's answer and applies the faces-only step here,
after the engine, so that every engine (instances, BRPPNet, ...) hides only faces when asked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rpipp_gui.app.context import PhotoContext
from rpipp_gui.app.registry import FACE_STYLE, pixel_style_names
from rpipp_gui.people.person import Person

MATCHED, UNSURE, NOBODY = "matched", "unsure", "nobody"
VERDICTS = (MATCHED, UNSURE, NOBODY)


@dataclass(frozen=True)
class Reason:
    """One piece of why. kind: "why" (the engine's own account: "rightmost of 2 people"), "found"
    (who is in the photo: "#1 left, #2 right"), "heard" (the transcript of spoken input)."""

    kind: str
    text: str


@dataclass(frozen=True, eq=False)
class Decision:
    """sentence:    what was typed or heard.
    verdict:     "matched", "unsure" or "nobody" (as the engine's resolver says).
    people:      indices into the photo's people of those chosen, most confident first.
    candidates:  for "unsure", who the sentence might mean (indices); else empty.
    mask:        HxW bool at photo resolution, the pixels to hide (only faces when ``faces_only``).
    style:       the pixel style the words named ("blur both kids" -> "blur"; "blur the face of ..."
                 -> "blur"), or None.
    faces_only:  hide only the faces of the people chosen (said, or asked for with the face style).
    reasons:     structured reasons, rendered by ``wording.summary``.
    engine:      the grounding engine that answered. photo_version: the context it was decided in.
    """

    sentence: str
    verdict: str
    people: tuple[int, ...]
    candidates: tuple[int, ...]
    mask: np.ndarray
    style: str | None
    faces_only: bool
    reasons: tuple[Reason, ...]
    engine: str
    photo_version: int
    people_count: int
    score: float = 0.0

    @property
    def matched(self) -> bool:
        return self.verdict == MATCHED

    @property
    def hides_anything(self) -> bool:
        return self.verdict != NOBODY and bool(self.mask.any())

    def reason(self, kind: str) -> str:
        """The text of the first reason of ``kind``, or ""."""
        return next((r.text for r in self.reasons if r.kind == kind), "")

    def style_or(self, current: str | None) -> str:
        """The pixel style to use: the one the words named, else ``current`` (the user's choice) when
        it is a pixel style, else the default. The same rule for the window and the command line."""
        from rpipp_gui.app.registry import DEFAULT_STYLE, FACE_FILL

        if self.style:
            return self.style
        if current and current in pixel_style_names():
            return current
        return FACE_FILL if self.faces_only else DEFAULT_STYLE


def _engine_reason(text: str) -> str:
    """An engine's explanation without the person numbers it may lead with ("#2: leftmost of 3
    people" -> "leftmost of 3 people"): the numbers are ``Decision.people``, rendered by wording."""
    why = (text or "").strip()
    if why.startswith("#") and ":" in why:
        why = why.split(":", 1)[1].strip()
    return why


def regions_as_people(mask: np.ndarray) -> list[Person]:
    """One Person (box + mask) per connected region of an HxW bool mask, left to right: the people
    of an engine's mask when it chose none of the known people (their faces are then estimated)."""
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    people = []
    for k in range(1, n):
        x, y, w, h, _area = (int(v) for v in stats[k])
        people.append(Person((x, y, x + w, y + h), mask=labels == k, source="mask"))
    return sorted(people, key=lambda p: p.center[0])


COVERED = 0.5  # a person counts as chosen by a bare mask when it covers this share of their pixels


def covered_people(mask: np.ndarray, people) -> tuple[int, ...]:
    """Indices of the people whose masks (boxes when they have none) ``mask`` mostly covers."""
    from rpipp_gui.referring.face_mask import person_region

    out = []
    for i, person in enumerate(people):
        region = person_region(person, mask.shape)
        area = int(region.sum())
        if area and (region & mask).sum() >= COVERED * area:
            out.append(i)
    return tuple(out)


def kept_region(mask: np.ndarray, people) -> np.ndarray | None:
    """HxW bool: the pixels of the people ``mask`` leaves visible (not ``covered_people``), which the
    cover outline must not take ("everyone except the man kicking the ball": the crowd's hull
    would cover him); None when there are none."""
    from rpipp_gui.referring.face_mask import person_region

    covered = set(covered_people(mask, people))
    out = np.zeros(mask.shape, dtype=bool)
    for i, person in enumerate(people):
        if i not in covered:
            out |= person_region(person, mask.shape)
    return out if out.any() else None


def faces_of(people, shape: tuple[int, int]) -> np.ndarray:
    """HxW bool: the union of the faces of ``people`` (``referring.face_mask.face_region``)."""
    from rpipp_gui.referring.face_mask import face_region

    out = np.zeros(shape, dtype=bool)
    for person in people:
        out |= face_region(person, shape)
    return out


def decision_from(
    grounding, photo: PhotoContext, sentence: str, engine: str, style: str | None = None
) -> Decision:
    """Turn an engine's ``Grounding`` into a Decision.

    style: the style the user asked for besides the words (``--style``), or None; ``face`` asks for
    faces only. The words' own verb wins for the pixel style ("blur the man" -> blur).
    """
    named = grounding.style
    faces_only = named == FACE_STYLE or style == FACE_STYLE
    pixel = grounding.fill if named == FACE_STYLE else named
    if pixel not in pixel_style_names():
        pixel = None
    people = photo.people
    selected = tuple(i for i in grounding.selected if 0 <= i < len(people))
    verdict = getattr(grounding, "verdict", None)
    nobody = grounding.matched_nobody or (not selected and not grounding.mask.any())
    if verdict not in VERDICTS or (verdict == MATCHED and nobody):
        verdict = NOBODY if nobody else MATCHED  # a "match" that hides nothing is nobody
    candidates = tuple(getattr(grounding, "candidates", ()) or ())
    mask = np.asarray(grounding.mask, dtype=bool)
    if verdict == NOBODY:
        mask = np.zeros(photo.shape, dtype=bool)
    elif faces_only:
        crowd = getattr(grounding, "crowd", None)
        crowd = None if crowd is None else np.asarray(crowd, dtype=bool) & mask
        bare = mask if crowd is None else mask & ~crowd
        if not selected:  # an engine's bare mask (BRPPNet): the people it mostly covers
            selected = covered_people(bare, people)
        anonymous = regions_as_people(bare) if bare.any() and not selected else []
        chosen = [people[i] for i in selected] or anonymous
        mask = faces_of(chosen, photo.shape)
        if crowd is not None:  # a crowd's faces are not found one by one: all of it is hidden
            mask |= crowd
    reasons = [Reason("why", _engine_reason(grounding.explanation))]
    if verdict != MATCHED:
        from rpipp_gui.referring.resolver import describe_people

        reasons.append(Reason("found", describe_people(list(people), photo.size) if people else ""))
    return Decision(
        sentence=sentence.strip(),
        verdict=verdict,
        people=selected,
        candidates=candidates,
        mask=mask,
        style=pixel,
        faces_only=faces_only,
        reasons=tuple(r for r in reasons if r.text or r.kind == "found"),
        engine=engine,
        photo_version=photo.version,
        people_count=len(people),
        score=float(getattr(grounding, "score", 0.0)),
    )
