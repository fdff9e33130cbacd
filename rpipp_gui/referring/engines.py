"""Grounding-engine registry and the ``instances`` engine.

    make_engine("instances", finder=None)                      find people once, resolve sentences
    make_engine("brppnet", checkpoint=PATH, device=None)       the BRPPNet network (needs a checkpoint)

Engines load their models lazily: making one is cheap, ``set_image`` does the work.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from rpipp_gui.errors import ImageLoadError, ModelError
from rpipp_gui.people.person import Person
from rpipp_gui.referring.face_mask import person_region
from rpipp_gui.referring.grounding import Grounding, GroundingEngine
from rpipp_gui.referring.resolver import Resolution, resolve


def _check_rgb(image: np.ndarray) -> np.ndarray:
    a = np.asarray(image)
    if a.ndim != 3 or a.shape[2] != 3 or a.dtype != np.uint8 or a.shape[0] == 0 or a.shape[1] == 0:
        raise ImageLoadError(f"expected an HxWx3 uint8 RGB photo, got shape {a.shape} dtype {a.dtype}")
    return a


class InstancesEngine:
    """Find every person once per photo (``rpipp_gui.people.PeopleFinder``), then resolve each
    sentence against them. The mask is the union of the selected people's masks (their boxes when
    a person has no mask). Faces only ("hide the face of ...") is the app's step after any engine
    (``rpipp_gui.app.decision``): the grounding says ``style="face"`` and keeps the whole people."""

    name = "instances"

    def __init__(self, finder=None, backend: str = "embedded") -> None:
        """finder: an object with ``set_image(rgb) -> list[Person]`` (e.g. PeopleFinder), or None to
        create ``PeopleFinder(backend)`` on first use."""
        self._finder = finder
        self._backend = backend
        self._image: np.ndarray | None = None
        self._people: list[Person] = []
        self._crowd: list = []  # [] not looked for yet, [None] no crowd, [Crowd]
        self._things: list | None = None  # None: not looked for yet

    def set_image(self, image: np.ndarray, people: list[Person] | None = None) -> None:
        """image: HxWx3 uint8 RGB. people: already-found people, or None to run the finder."""
        image = _check_rgb(image)
        if people is None:
            if self._finder is None:
                from rpipp_gui.people import PeopleFinder

                self._finder = PeopleFinder(backend=self._backend)
            people = self._finder.set_image(image)
        self._image, self._people, self._crowd, self._things = image, list(people), [], None

    @property
    def people(self) -> list[Person]:
        return list(self._people)

    def warm_up(self) -> None:
        """Load the face models the looks words use (the people finder warms up on its own)."""
        import contextlib

        from rpipp_gui.referring.face_attributes import face_reader

        with contextlib.suppress(ModelError):  # the looks words then stay unknown, nothing else
            face_reader().warm_up()

    def resolve(self, text: str) -> Resolution:
        """The people ``text`` means in the current photo (see ``rpipp_gui.referring.resolve``)."""
        if self._image is None:
            raise RuntimeError("call set_image() before resolve()")
        return resolve(text, self._people, image=self._image, crowd=self._crowd_faces, things=self.things)

    def things(self) -> list:
        """The things of the current photo (``people.things.Thing``: cars, bicycles, dogs, balls,
        ties, bottles, ...); looked for once per photo, when a sentence first names one (one pass
        of the SSD and one of NanoDet, whose session the people finder shares, ~50 ms). [] when
        a detector cannot load: the thing's words then stay unjudged."""
        if self._image is None:
            raise RuntimeError("call set_image() before things()")
        if self._things is None:
            from rpipp_gui.people.things import find_things

            try:
                self._things = find_things(self._image)
            except ModelError:
                self._things = []
        return self._things

    def crowd(self):
        """The crowd of the current photo beside its people (``people.crowd.Crowd``), or None;
        looked for once per photo, when a sentence first asks (about a second on a 2-core CPU)."""
        if self._image is None:
            raise RuntimeError("call set_image() before crowd()")
        if not self._crowd:
            from rpipp_gui.people.crowd import find_crowd

            self._crowd = [find_crowd(self._image, self._people)]
        return self._crowd[0]

    def _crowd_faces(self) -> int:
        crowd = self.crowd()
        return 0 if crowd is None else crowd.count

    def ground(self, text: str) -> Grounding:
        res = self.resolve(text)
        crowd = self.crowd() if res.crowd else None
        return grounding_from(res, self._people, self._image.shape[:2], crowd)


def grounding_from(res: Resolution, people: list[Person], shape: tuple[int, int], crowd=None) -> Grounding:
    """Turn a Resolution into a Grounding: the union of the selected people's regions, and the
    crowd's region (``people.crowd.Crowd``) when the resolution takes the crowd in. shape: (H, W)
    of the photo. The crowd's region never holds a person found one by one: those the sentence
    leaves out stay out."""
    mask = np.zeros(shape, dtype=bool)
    crowd_part = None
    if not res.unsure:  # an unsure sentence hides nobody until the user picks
        for i in res.selected:
            mask |= person_region(people[i], shape)
        if res.crowd and crowd is not None and crowd.mask.shape == tuple(shape):
            left_out = np.zeros(shape, dtype=bool)
            for i in set(range(len(people))) - set(res.selected):
                left_out |= person_region(people[i], shape)
            crowd_part = crowd.mask & ~left_out
            mask |= crowd_part
    scores = res.selected_scores
    return Grounding(
        selected=() if res.unsure else res.selected,
        scores=() if res.unsure else scores,
        mask=mask,
        explanation=res.explanation,
        style=res.style,
        score=res.confidence,
        matched_nobody=res.matched_nobody,
        fill=res.query.fill,
        verdict=res.verdict,
        candidates=res.candidates or res.selected,
        crowd=crowd_part,
    )


def _build_instances(**kwargs) -> GroundingEngine:
    return InstancesEngine(**kwargs)


def _build_brppnet(checkpoint=None, device=None, **kwargs) -> GroundingEngine:
    try:
        from rpipp_gui.referring.brppnet_engine import BRPPNetEngine
    except ImportError as e:
        raise ModelError(f"the brppnet engine is not available in this installation: {e}") from e
    return BRPPNetEngine(checkpoint=checkpoint, device=device, **kwargs)


ENGINES: dict[str, Callable[..., GroundingEngine]] = {
    "instances": _build_instances,
    "brppnet": _build_brppnet,
}


def make_engine(name: str, **kwargs) -> GroundingEngine:
    """Build the grounding engine ``name`` ("instances" or "brppnet") with its keyword options.

    Raises ModelError for an unknown name or an engine that cannot be built."""
    try:
        builder = ENGINES[name]
    except KeyError as e:
        raise ModelError(f"unknown grounding engine {name!r}; choose one of {', '.join(ENGINES)}") from e
    return builder(**kwargs)
