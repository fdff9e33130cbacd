"""The models the app uses, loaded lazily and kept for the whole run (Qt-free).

``Models`` owns the person finder, the grounding engine and the speech transcriber. One discipline
for every caller (the window's worker thread, the command line's main thread, the streaming speech
decoder's thread): each model is used under its own lock, so calls from several threads queue up
instead of racing. Loading happens inside the same locks. ``status()`` is cheap and never blocks on
a model.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import numpy as np

from rpipp_gui.app.context import PhotoContext
from rpipp_gui.app.registry import DEFAULT_ENGINE, DEFAULT_PEOPLE_BACKEND, DEFAULT_SPEECH_BACKEND
from rpipp_gui.errors import ModelError
from rpipp_gui.logs import native_output_to_log
from rpipp_gui.people.person import Person

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ModelConfig:
    """What to load. engine: a name of ``registry.engine_names()`` ("brppnet" needs ``checkpoint``);
    people_backend: of ``registry.people_backend_names()``; speech_backend / speech_model as
    ``rpipp_gui.speech.make_transcriber`` takes them; device "auto", "cpu" or "cuda"."""

    engine: str = DEFAULT_ENGINE
    checkpoint: str = ""
    people_backend: str = DEFAULT_PEOPLE_BACKEND
    speech_backend: str = DEFAULT_SPEECH_BACKEND
    speech_model: str = ""
    device: str = "auto"


class LockedTranscriber:
    """A transcriber whose ``transcribe`` holds the models' speech lock (for the streaming decoder,
    which calls it from its own thread). Every other attribute is the transcriber's."""

    def __init__(self, transcriber, lock: threading.RLock) -> None:
        self._inner, self._lock = transcriber, lock

    def transcribe(self, audio, *args, **kwargs):
        with self._lock:
            return self._inner.transcribe(audio, *args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


class Models:
    def __init__(self, config: ModelConfig | None = None) -> None:
        self.config = config or ModelConfig()
        self._finder = None
        self._finder_key: int | None = None  # PhotoContext.photo_id the finder's image belongs to
        self._finder_warm = False
        self._engine = None
        self._engine_key: int | None = None  # PhotoContext.version the engine's image belongs to
        self._transcriber = None
        self._loaded: dict[str, str] = {}
        self._status_lock = threading.Lock()
        self._people_lock = threading.RLock()
        self._engine_lock = threading.RLock()
        self._speech_lock = threading.RLock()

    # ---- status ------------------------------------------------------------------------------
    def status(self) -> str:
        """One line: which models are loaded and where, e.g. "people: embedded (CPU) · speech: ..."."""
        with self._status_lock:
            parts = [f"{k}: {v}" for k, v in self._loaded.items()]
        return " · ".join(parts) if parts else "no models loaded yet"

    def _mark(self, key: str, what: str | None) -> None:
        with self._status_lock:
            if what is None:
                self._loaded.pop(key, None)
            else:
                self._loaded[key] = what
        if what:
            log.info("loaded %s: %s", key, what)

    def reconfigure(self, config: ModelConfig) -> None:
        """Use new settings; models whose settings changed are dropped and reload on next use."""
        old, self.config = self.config, config
        if (old.engine, old.checkpoint, old.device) != (config.engine, config.checkpoint, config.device):
            with self._engine_lock:
                self._engine, self._engine_key = None, None
            self._mark("grounding", None)
        speech = ("speech_backend", "speech_model", "device")
        if any(getattr(old, k) != getattr(config, k) for k in speech):
            with self._speech_lock:
                self._transcriber = None
            self._mark("speech", None)
        if old.people_backend != config.people_backend:
            with self._people_lock:
                self._finder, self._finder_key, self._finder_warm = None, None, False
            self._mark("people", None)

    def warm_up(self, speech: bool = True) -> str:
        """Load every model the first real photo needs (the person finder's detectors, the grounding
        engine and, with ``speech``, the transcriber), so the first request does not wait.
        Returns ``status()``."""
        with self._people_lock, native_output_to_log("loading the people finder"):
            self.finder().warm_up()
            self._finder_key, self._finder_warm = None, True
        engine = self.engine()
        warm = getattr(engine, "warm_up", None)
        if callable(warm):  # e.g. the instances engine's face models for looks words
            with self._engine_lock:
                warm()
        if speech:
            self.transcriber()
        return self.status()

    # ---- people ------------------------------------------------------------------------------
    def finder(self):
        with self._people_lock:
            if self._finder is None:
                from rpipp_gui.people import PeopleFinder

                name = self.config.people_backend
                try:
                    self._finder = PeopleFinder(backend=name)
                except Exception as e:  # noqa: BLE001 - any backend failure is a model problem to report
                    raise ModelError(f"cannot start the person finder '{name}': {e}") from e
                self._mark("people", f"{name} ({self._finder.device.upper()})")
            return self._finder

    def find_people(self, photo: PhotoContext) -> list[Person]:
        """All people in the photo (slow: runs the detectors)."""
        with self._people_lock:
            finder = self.finder()
            if self._finder_warm:
                people = finder.set_image(photo.rgb)
            else:  # the detectors' graphs start on the first photo: their native chatter goes to the log
                with native_output_to_log("finding people the first time"):
                    people = finder.set_image(photo.rgb)
                self._finder_warm = True
            self._finder_key = photo.photo_id
            return list(people)

    def segment_box(self, photo: PhotoContext, box: tuple[float, float, float, float]) -> Person | None:
        """The person inside ``box`` (x0, y0, x1, y1) of the photo, or None. The known people are
        given to the finder, so the detectors do not run again (a reopened session too)."""
        with self._people_lock:
            finder = self.finder()
            if self._finder_key != photo.photo_id or not finder.is_image_set:
                finder.set_image(photo.rgb, people=list(photo.people))
                self._finder_key = photo.photo_id
            return finder.segment_box(box)

    # ---- sentences ---------------------------------------------------------------------------
    def engine(self):
        with self._engine_lock:
            if self._engine is None:
                from rpipp_gui.referring.engines import make_engine

                name, kw = self.config.engine, {}
                if name == "brppnet":
                    if not self.config.checkpoint:
                        raise ModelError("the BRPPNet engine needs a checkpoint: set one in Settings")
                    kw = {"checkpoint": self.config.checkpoint, "device": self.config.device}
                try:
                    self._engine = make_engine(name, **kw)
                except ModelError:
                    raise
                except Exception as e:  # noqa: BLE001
                    raise ModelError(f"cannot start the '{name}' grounding engine: {e}") from e
                device = getattr(self._engine, "device", "CPU")
                self._mark("grounding", f"{name} ({str(device).upper()})")
            return self._engine

    def ground(self, photo: PhotoContext, text: str):
        """The engine's ``Grounding`` of ``text`` in the photo; the photo is set once per version."""
        with self._engine_lock:
            engine = self.engine()
            if self._engine_key != photo.version:
                engine.set_image(photo.rgb, list(photo.people))
                self._engine_key = photo.version
            return engine.ground(text)

    # ---- speech ------------------------------------------------------------------------------
    def transcriber(self):
        with self._speech_lock:
            if self._transcriber is None:
                from rpipp_gui.speech import make_transcriber

                kw = {"backend": self.config.speech_backend, "device": self.config.device}
                if self.config.speech_model:
                    kw["model"] = self.config.speech_model
                try:
                    t = make_transcriber(**kw)
                    t.load()
                except Exception as e:  # noqa: BLE001
                    raise ModelError(
                        f"cannot load the speech model ({self.config.speech_backend}): {e}"
                    ) from e
                self._transcriber = t
                device = getattr(t, "device", "cpu")
                self._mark("speech", f"{self.config.speech_backend} ({str(device).upper()})")
            return LockedTranscriber(self._transcriber, self._speech_lock)

    def loaded_transcriber(self) -> LockedTranscriber | None:
        """The transcriber if it is loaded already (for streaming decode), else None. Cheap."""
        t = self._transcriber
        return None if t is None else LockedTranscriber(t, self._speech_lock)

    def transcribe(self, audio: np.ndarray):
        """The ``Transcript`` of float32 mono 16 kHz ``audio``."""
        return self.transcriber().transcribe(np.asarray(audio, dtype=np.float32))
