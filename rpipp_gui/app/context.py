"""The open photo as the app layer sees it: pixels, the people in it, and a version.

A ``PhotoContext`` is immutable. Finding people or adding one makes a NEW context with a new
``version``; a result computed for an older version is stale and the front end drops it. The version
is also the explicit key under which a grounding engine caches its work for the photo.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from rpipp_gui.people.person import Person

_versions = itertools.count(1)


def next_version() -> int:
    """A process-wide unique, increasing number."""
    return next(_versions)


@dataclass(frozen=True, eq=False)
class PhotoContext:
    """rgb: HxWx3 uint8 RGB as displayed (never written). people: the people known in it, left to
    right as found (box prompts append). photo_id: the same for every context of one opened photo.
    version: unique per context. source, alpha, icc_profile: what the exporter keeps of the file."""

    rgb: np.ndarray
    people: tuple[Person, ...] = ()
    photo_id: int = 0
    version: int = 0
    source: Path | None = None
    alpha: np.ndarray | None = None
    icc_profile: bytes | None = None

    @classmethod
    def of(cls, loaded, people=()) -> PhotoContext:
        """A context for an ``imaging.LoadedImage`` (or anything with ``rgb`` and ``path``)."""
        path = getattr(loaded, "path", None)
        photo_id = next_version()
        return cls(
            rgb=loaded.rgb,
            people=tuple(people),
            photo_id=photo_id,
            version=photo_id,
            source=Path(path) if path else None,
            alpha=getattr(loaded, "alpha", None),
            icc_profile=getattr(loaded, "icc_profile", None),
        )

    @property
    def shape(self) -> tuple[int, int]:
        """(H, W)."""
        return self.rgb.shape[:2]  # type: ignore[return-value]

    @property
    def size(self) -> tuple[int, int]:
        """(W, H)."""
        return int(self.rgb.shape[1]), int(self.rgb.shape[0])

    def with_people(self, people) -> PhotoContext:
        """The same photo with another people list (a new version)."""
        return replace(self, people=tuple(people), version=next_version())
