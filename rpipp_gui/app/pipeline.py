"""``App``: the one pipeline behind the window and the ``rpipp`` command.

    app = App(ModelConfig(engine="instances"))
    photo = app.open("photo.jpg")                 # or app.open_loaded(LoadedImage)
    photo = app.with_people(app.find_people(photo), photo)
    decision = app.decide("hide the face of the man on the right", photo)
    app.export(Snapshot(photo.rgb, decision.mask, StyleOptions(style=decision.style_or(None)), ...), out)

Every method may be slow (it may load a model) and may run on any thread; the models serialise
themselves (``Models``). Contexts are immutable: a front end keeps the latest one and drops results
whose ``photo_version`` is older (``is_current``).
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from rpipp_gui.app.context import PhotoContext
from rpipp_gui.app.decision import Decision, Reason, decision_from
from rpipp_gui.app.models import ModelConfig, Models
from rpipp_gui.errors import AudioError, RpippError
from rpipp_gui.people.person import Person

log = logging.getLogger(__name__)


class App:
    def __init__(self, config: ModelConfig | None = None, models: Models | None = None) -> None:
        self.models = models or Models(config)
        self.photo: PhotoContext | None = None

    @property
    def config(self) -> ModelConfig:
        return self.models.config

    # ---- the open photo --------------------------------------------------------------------------
    def open(self, path: str | Path) -> PhotoContext:
        """Load a photo (ImageLoadError when it cannot be read) and make it the current one."""
        from rpipp_gui.imaging import load_image

        return self.open_loaded(load_image(path))

    def open_loaded(self, loaded, people=()) -> PhotoContext:
        """Make an ``imaging.LoadedImage`` the current photo, with the people already known."""
        self.photo = PhotoContext.of(loaded, people)
        log.debug("photo %s opened as version %d", self.photo.source, self.photo.version)
        return self.photo

    def with_people(self, people, photo: PhotoContext | None = None) -> PhotoContext:
        """The photo with this people list (a new version); it becomes current when ``photo`` is."""
        base = photo or self._current()
        new = base.with_people(people)
        if self.photo is None or self.photo.photo_id == base.photo_id:
            self.photo = new
        return new

    def is_current(self, version: int) -> bool:
        """Whether a result computed for context ``version`` still belongs to the current photo."""
        return self.photo is not None and self.photo.version == version

    def _current(self) -> PhotoContext:
        if self.photo is None:
            raise RpippError("no photo is open")
        return self.photo

    # ---- people ------------------------------------------------------------------------------------
    def find_people(self, photo: PhotoContext | None = None) -> list[Person]:
        """Everyone in the photo (slow). Does not change the current context: see ``with_people``."""
        return self.models.find_people(photo or self._current())

    def segment_box(self, box, photo: PhotoContext | None = None) -> Person | None:
        """The person inside ``box`` (x0, y0, x1, y1 photo pixels), or None."""
        return self.models.segment_box(photo or self._current(), box)

    # ---- deciding ------------------------------------------------------------------------------------
    def decide(self, text: str, photo: PhotoContext | None = None, style: str | None = None) -> Decision:
        """Who ``text`` means in the photo, the mask, the style and the verdict.

        style: a style asked for besides the words (``--style``); ``face`` hides only faces, with
        any engine. Raises RpippError for an empty sentence, ModelError when a model cannot load.
        """
        photo = photo or self._current()
        if not text or not text.strip():
            raise RpippError('say who to hide, e.g. "the man on the left"')
        grounding = self.models.ground(photo, text)
        decision = decision_from(grounding, photo, text, self.config.engine, style)
        log.debug(
            "decided %r: %s, people %s, faces only %s, style %s",
            text,
            decision.verdict,
            decision.people,
            decision.faces_only,
            decision.style,
        )
        return decision

    def transcribe(self, audio: np.ndarray) -> str:
        """The command in float32 mono 16 kHz ``audio``; AudioError when no words were heard."""
        result = self.models.transcribe(audio)
        text = str(getattr(result, "text", result)).strip()
        if not text:
            why = getattr(result, "rejected", "") or "no words"
            raise AudioError(f"no command heard ({why})")
        return text

    def heard(self, audio: np.ndarray) -> str:
        """The command in ``audio``, or "" when no words were heard (the window says so itself)."""
        result = self.models.transcribe(audio)
        return str(getattr(result, "text", result)).strip()

    def decide_audio(
        self, audio: np.ndarray, photo: PhotoContext | None = None, style: str | None = None
    ) -> Decision:
        """Transcribe ``audio``, then ``decide``; the transcript is the decision's "heard" reason."""
        import dataclasses

        text = self.transcribe(audio)
        decision = self.decide(text, photo, style)
        return dataclasses.replace(decision, reasons=(Reason("heard", text), *decision.reasons))

    # ---- export --------------------------------------------------------------------------------------
    def export(self, snapshot, out: str | Path, options=None) -> Path:
        """Write the protected copy of ``snapshot`` (session.Snapshot) atomically, metadata stripped.
        options: imaging ExportOptions or None."""
        from rpipp_gui.app.output import export

        return export(snapshot, out, options)
