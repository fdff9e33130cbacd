"""The grounding-engine interface: photo + sentence -> the people it means and the final mask.

Two engines implement it: ``instances`` (find every person once, resolve the sentence against them)
and ``brppnet`` (the BRPPNet network predicts the mask end to end). Callers use only this interface.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from rpipp_gui.people.person import Person


@dataclass(frozen=True)
class Grounding:
    """What a sentence picked in one photo.

    selected:    indices into the engine's people list, most confident first (may be empty).
    scores:      one score per selected person, same order.
    mask:        HxW bool at photo resolution: union of what should be hidden.
    explanation: one line a person can read, e.g. "#2: leftmost of 3 people".
    style:       protection style named by the sentence's verb ("blur", "mosaic", ...), or None.
    score:       overall confidence 0..1 of the mask.
    matched_nobody: the sentence fits nobody in the photo (then ``selected`` is empty).
    fill:        for the ``face`` style, the style the verb named for filling the faces ("blur the
                 face of ..."), or None.
    verdict:     "matched", "unsure" or "nobody". When unsure the mask is empty and ``candidates``
                 are the people the words leave: ask the user to pick one, never hide a guess.
    candidates:  the people an unsure sentence leaves (best guess first); else ``selected``.
    crowd:       HxW bool, the part of ``mask`` that is a crowd (people not found one by one,
                 ``people.crowd``), or None. Its faces are too many and too weak to pick out, so
                 "the faces of the crowd" hides all of it.
    """

    selected: tuple[int, ...]
    scores: tuple[float, ...]
    mask: np.ndarray
    explanation: str
    style: str | None = None
    score: float = 0.0
    matched_nobody: bool = False
    fill: str | None = None
    verdict: str = "matched"
    candidates: tuple[int, ...] = ()
    crowd: np.ndarray | None = None

    @property
    def unsure(self) -> bool:
        return self.verdict == "unsure"

    @property
    def empty(self) -> bool:
        return not bool(self.mask.any())


@runtime_checkable
class GroundingEngine(Protocol):
    """Stateful, like a predictor: ``set_image`` does the expensive work once per photo,
    then ``ground`` answers each sentence cheaply."""

    name: str

    def set_image(self, image: np.ndarray, people: list[Person] | None = None) -> None:
        """image: HxWx3 uint8 RGB. people: already-found people, or None to let the engine find them."""
        ...

    @property
    def people(self) -> list[Person]:
        """The people the engine knows in the current photo (may be empty)."""
        ...

    def ground(self, text: str) -> Grounding:
        """Resolve one sentence in the current photo."""
        ...
