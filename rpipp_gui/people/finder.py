"""``PeopleFinder``: the stateful, set-image-once front of the people backends."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from rpipp_gui.people.backends import PersonBackend, create_backend
from rpipp_gui.people.faces import check_rgb
from rpipp_gui.people.options import FinderOptions
from rpipp_gui.people.person import Box, Person


@dataclass(frozen=True)
class SearchableSize:
    """The photos the people finder is run on at all; others hold nobody it could find.

    min_side:   shortest side in pixels (a 1x2000 strip has no room for a person).
    max_aspect: longest side / shortest side; the finder shrinks the long side to its working size,
                which leaves a strip of 3000x16 under two pixels high.
    """

    min_side: int = 16
    max_aspect: float = 32.0


SEARCHABLE = SearchableSize()


def unsearchable(width: int, height: int, limits: SearchableSize = SEARCHABLE) -> str | None:
    """Why a ``width`` x ``height`` photo is not searched for people, or None when it is."""
    short, long = min(width, height), max(width, height)
    if short < limits.min_side:
        return f"a {width}x{height} photo is too small to hold a person (under {limits.min_side} px)"
    if long > limits.max_aspect * short:
        return f"a {width}x{height} photo is too narrow to hold a person (over {limits.max_aspect:g}:1)"
    return None


class PeopleFinder:
    """Finds every person in a photo once, then answers box prompts on the same photo.

    ``set_image(rgb)`` does the expensive work; ``people`` and ``segment_box(box)`` reuse it. Models
    load on first use and are reused for every later photo. One call runs at a time (a lock guards
    the state), so a finder can live in a worker thread while the UI thread reads ``people``.
    """

    def __init__(self, backend: str = "embedded", options: FinderOptions | None = None) -> None:
        self.options = options or FinderOptions()
        self.backend_name = backend
        self._backend: PersonBackend = create_backend(backend, self.options)
        self._lock = threading.RLock()
        self._rgb: np.ndarray | None = None
        self._people: list[Person] = []

    @property
    def device(self) -> str:
        """Where the models run ("cpu" for the embedded backend)."""
        return getattr(self._backend, "device", "cpu")

    def set_image(self, rgb: np.ndarray, people: list[Person] | None = None) -> list[Person]:
        """Find everyone in an HxWx3 uint8 RGB photo; returns (and keeps) the people, left to right.

        people: the people already known for this photo (e.g. from a saved session): kept as they
        are and the detectors do not run, so that box prompts on a reopened photo are cheap.
        A photo too small or too narrow to hold a person (``unsearchable``) holds nobody.
        """
        well_typed = (
            isinstance(rgb, np.ndarray) and rgb.ndim == 3 and rgb.shape[2] == 3 and rgb.dtype == np.uint8
        )
        if people is None and well_typed and unsearchable(rgb.shape[1], rgb.shape[0]):
            with self._lock:
                self._rgb, self._people = np.ascontiguousarray(rgb), []
                return []
        rgb = check_rgb(rgb)
        with self._lock:
            found = self._backend.find(rgb) if people is None else list(people)
            self._rgb, self._people = rgb, found
            return list(found)

    def warm_up(self) -> None:
        """Load every model now (a few seconds, once per process) by searching a small blank
        image, so that the first real photo is fast; e.g. from a worker thread at start-up."""
        with self._lock:
            warm_up = getattr(self._backend, "warm_up", None)
            if callable(warm_up):  # a backend may have models a blank image does not reach
                warm_up()
            else:
                self._backend.find(np.full((96, 128, 3), 127, np.uint8))

    def reset_image(self) -> None:
        """Forget the current photo."""
        with self._lock:
            self._rgb, self._people = None, []

    @property
    def is_image_set(self) -> bool:
        return self._rgb is not None

    @property
    def people(self) -> list[Person]:
        """The people found in the current photo, left to right (a new list; empty before set_image)."""
        with self._lock:
            return list(self._people)

    def segment_box(self, box: Box) -> Person | None:
        """Segment the person inside ``box`` (x0, y0, x1, y1 photo pixels) of the current photo.

        The mask is HxW bool at photo resolution, clipped to the box; None when nobody is seen there.
        The person is not added to ``people``: the caller decides.
        """
        with self._lock:
            if self._rgb is None:
                raise RuntimeError("call set_image() before segment_box()")
            return self._backend.segment_box(self._rgb, box)


def find_people(rgb: np.ndarray, options: FinderOptions | None = None) -> list[Person]:
    """Every person in an HxWx3 uint8 RGB photo with the embedded backend, sorted left to right.

    Each Person has box, mask (HxW bool, no two masks overlap), face_box when a face is seen,
    keypoints (33x3, MediaPipe order, photo pixels) when pose saw the person, score and source.
    """
    return create_backend("embedded", options or FinderOptions()).find(check_rgb(rgb))
