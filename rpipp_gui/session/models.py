"""The models the app uses, loaded lazily and kept for the whole run (Qt-free).

``ModelHost`` owns the person finder, the grounding engine and the speech transcriber. Every method
may be slow (the first call loads a model) and must run on ONE worker thread at a time: the app
serialises them on a single-thread pool. ``status()`` is cheap and safe from any thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np

from rpipp_gui.errors import ModelError
from rpipp_gui.people.person import Person
from rpipp_gui.referring.engine import Grounding


@dataclass(frozen=True)
class ModelConfig:
    """What to load. engine: "instances" or "brppnet" (needs ``checkpoint``); speech_backend and
    speech_model as rpipp_gui.speech.make_transcriber takes them; device "auto", "cpu" or "cuda"."""

    engine: str = "instances"
    checkpoint: str = ""
    people_backend: str = "embedded"
    speech_backend: str = "faster-whisper"
    speech_model: str = ""
    device: str = "auto"


# Past tense for the result line, by the style the sentence's verb named.
VERBS = {
    "blur": "Blurred",
    "mosaic": "Pixelated",
    "inpaint": "Removed",
    "solid": "Covered",
    "face": "Hid the face of",
}


@dataclass(frozen=True)
class Explained:
    """A grounding with the line the app shows: "Hid #2 — leftmost of 3 people"."""

    grounding: Grounding
    text: str
    line: str
    people_count: int


def explain(grounding: Grounding, text: str, people_count: int, verb: str = "Hid") -> str:
    """The result line for one sentence."""
    if getattr(grounding, "unsure", False):
        ids = [f"#{i + 1}" for i in sorted(grounding.candidates)]
        who = ", ".join(ids[:-1]) + f" or {ids[-1]}" if len(ids) > 1 else "".join(ids)
        return f"Not sure whom '{text}' means: {who} (outlined) — click one, or say more"
    if getattr(grounding, "matched_nobody", False) or (not grounding.selected and grounding.empty):
        noun = "person" if people_count == 1 else "people"
        return f"Nobody matches '{text}' — {people_count} {noun} found"
    who = ", ".join(f"#{i + 1}" for i in sorted(grounding.selected)) or "the area it names"
    why = grounding.explanation.strip()
    # engines may lead with the numbers themselves ("#2: leftmost of 3 people"); keep only the reason
    if why.startswith("#") and ":" in why:
        why = why.split(":", 1)[1].strip()
    return f"{verb} {who} — {why}" if why else f"{verb} {who}"


@dataclass
class ModelHost:
    config: ModelConfig = field(default_factory=ModelConfig)

    def __post_init__(self) -> None:
        self._finder = None
        self._finder_image: np.ndarray | None = None
        self._engine = None
        self._engine_image_id: int | None = None
        self._transcriber = None
        self._loaded: dict[str, str] = {}
        self._lock = threading.Lock()

    # ---- status ------------------------------------------------------------------------------
    def status(self) -> str:
        """One line: which models are loaded and where, e.g. "people: embedded (CPU) · speech: ..."."""
        with self._lock:
            parts = [f"{k}: {v}" for k, v in self._loaded.items()]
        return " · ".join(parts) if parts else "no models loaded yet"

    def _mark(self, key: str, what: str) -> None:
        with self._lock:
            self._loaded[key] = what

    def reconfigure(self, config: ModelConfig) -> None:
        """Use new settings; models whose settings changed are dropped and reload on next use."""
        old, self.config = self.config, config
        if (old.engine, old.checkpoint, old.device) != (config.engine, config.checkpoint, config.device):
            self._engine, self._engine_image_id = None, None
            with self._lock:
                self._loaded.pop("grounding", None)
        if (old.speech_backend, old.speech_model, old.device) != (
            config.speech_backend,
            config.speech_model,
            config.device,
        ):
            self._transcriber = None
            with self._lock:
                self._loaded.pop("speech", None)
        if old.people_backend != config.people_backend:
            self._finder = None
            with self._lock:
                self._loaded.pop("people", None)

    def warm_up(self, speech: bool = True) -> str:
        """Load every model now (person finder on a blank photo, grounding engine, and with
        ``speech`` the transcriber), so the first real request does not wait. Returns ``status()``."""
        self.finder().set_image(np.zeros((64, 64, 3), dtype=np.uint8))
        self._finder_image = None
        self.engine()
        if speech:
            self.transcriber()
        return self.status()

    # ---- people ------------------------------------------------------------------------------
    def finder(self):
        if self._finder is None:
            from rpipp_gui.people import PeopleFinder

            try:
                self._finder = PeopleFinder(backend=self.config.people_backend)
            except Exception as e:  # noqa: BLE001 - any backend failure is a model problem to report
                raise ModelError(f"cannot start the person finder '{self.config.people_backend}': {e}") from e
            self._mark("people", f"{self.config.people_backend} ({self._finder.device.upper()})")
        return self._finder

    def find_people(self, rgb: np.ndarray) -> list[Person]:
        """All people in an HxWx3 uint8 RGB photo (slow: runs the detectors)."""
        finder = self.finder()
        people = finder.set_image(rgb)
        self._finder_image = rgb
        return list(people)

    def segment_box(self, rgb: np.ndarray, box: tuple[float, float, float, float]) -> Person | None:
        """The person inside ``box`` (x0, y0, x1, y1) of the photo, or None."""
        finder = self.finder()
        if self._finder_image is not rgb:
            finder.set_image(rgb)
            self._finder_image = rgb
        return finder.segment_box(box)

    # ---- sentences ---------------------------------------------------------------------------
    def engine(self):
        if self._engine is None:
            from rpipp_gui.referring.engines import make_engine

            kw = {}
            if self.config.engine == "brppnet":
                if not self.config.checkpoint:
                    raise ModelError("the BRPPNet engine needs a checkpoint: set one in Settings")
                kw = {"checkpoint": self.config.checkpoint, "device": self.config.device}
            try:
                self._engine = make_engine(self.config.engine, **kw)
            except ModelError:
                raise
            except Exception as e:  # noqa: BLE001
                raise ModelError(f"cannot start the '{self.config.engine}' grounding engine: {e}") from e
            device = getattr(self._engine, "device", "CPU")
            self._mark("grounding", f"{self.config.engine} ({str(device).upper()})")
        return self._engine

    def ground(self, rgb: np.ndarray, people: list[Person], text: str) -> Explained:
        """Resolve ``text`` in the photo against ``people``; the photo is set once per image."""
        engine = self.engine()
        key = hash((id(rgb), len(people), tuple(p.box for p in people)))
        if self._engine_image_id != key:
            engine.set_image(rgb, people)
            self._engine_image_id = key
        grounding = engine.ground(text)
        verb = VERBS.get(grounding.style or "", "Hid")
        line = explain(grounding, text, len(people), verb)
        return Explained(grounding, text, line, len(people))

    # ---- speech ------------------------------------------------------------------------------
    def transcriber(self):
        if self._transcriber is None:
            from rpipp_gui.speech import make_transcriber

            kw = {"backend": self.config.speech_backend, "device": self.config.device}
            if self.config.speech_model:
                kw["model"] = self.config.speech_model
            try:
                t = make_transcriber(**kw)
                t.load()
            except Exception as e:  # noqa: BLE001
                raise ModelError(f"cannot load the speech model ({self.config.speech_backend}): {e}") from e
            self._transcriber = t
            device = getattr(t, "device", "cpu")
            self._mark("speech", f"{self.config.speech_backend} ({str(device).upper()})")
        return self._transcriber

    def loaded_transcriber(self):
        """The transcriber if it is loaded already (for streaming decode), else None. Cheap."""
        return self._transcriber

    def transcribe(self, audio: np.ndarray) -> str:
        """Text of float32 mono 16 kHz ``audio``."""
        result = self.transcriber().transcribe(np.asarray(audio, dtype=np.float32))
        return str(getattr(result, "text", result)).strip()
