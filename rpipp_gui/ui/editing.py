"""Editing half of the main window: people, sentences, voice, mask tools, undo, view, preview.

A mixin for ``MainWindow`` (it uses the window's session, workers, models and widgets). Each user
action calls one Session method (one undo step); the session's observer refreshes the widgets.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging

import numpy as np
from PySide6.QtCore import QTimer

from rpipp_gui.errors import RpippError
from rpipp_gui.ui.canvas import ViewMode
from rpipp_gui.ui.errors import describe_error
from rpipp_gui.ui.tools import Tool

log = logging.getLogger(__name__)

PREVIEW_MAX_SIDE = 1600  # live previews of larger photos are rendered downscaled
BRUSH_STEP = 1.25
GROW_PX = 4


def _same_people(a, b) -> bool:
    """The same Person objects in the same order (identity: a Person holds arrays)."""
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


class EditingMixin:
    # ---- wiring -------------------------------------------------------------------------------
    def _connect(self) -> None:
        c, bar = self.canvas, self.command_bar
        c.tools.on_click = self._canvas_clicked
        c.tools.on_stroke = self._stroke
        c.tools.on_box = self._box_prompt
        c.tools.on_lasso = self._lasso
        c.files_dropped.connect(lambda paths: self.open_path(paths[0]))
        c.talk.connect(bar.talk_key)
        c.brush_resized.connect(lambda r: self.show_info(f"Brush radius {r:.0f} px", 1500))
        c.zoom_changed.connect(lambda z: self.show_info(f"Zoom {z * 100:.0f} %", 1500))
        c.split_moved.connect(lambda f: self.show_info(f"Original | Protected at {f * 100:.0f} %", 1500))
        bar.submitted.connect(self.apply_sentence)
        bar.listen.connect(self._start_listening)
        bar.stop_listening.connect(self.voice.stop)
        self.voice.level.connect(bar.set_level)
        self.voice.captured.connect(self._audio_captured)
        self.voice.transcribed.connect(self._heard)
        self.voice.ended.connect(lambda: self.command_bar.set_state("transcribing"))
        self.voice.failed.connect(self._voice_failed)
        self.people_panel.toggled.connect(self._toggle)
        self.style_panel.changed.connect(self._style_changed)
        self.style_panel.mode_changed.connect(lambda m: self._set_mode(ViewMode(m)))
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(40)
        self._preview_timer.timeout.connect(self._render_preview)
        self._pending_sentence: str | None = None
        self._detecting = False
        self._preview_busy = False
        self._preview_again = False

    def _apply_default_style(self) -> None:
        # a style name from an older version raises ValueError: keep the built-in default then
        with contextlib.suppress(ValueError):
            self.session.style = dataclasses.replace(
                self.session.style, style=self.app_settings.default_style
            )

    # ---- session -> widgets -------------------------------------------------------------------
    def _session_changed(self, what: frozenset[str]) -> None:
        s = self.session
        self._sync_photo(what)
        if what & {"mask", "selection", "people"} and "image" not in what:
            self.message_bar.clear_stale()  # an edit worked: an older error no longer applies
        if "image" in what:
            self.stack.setCurrentWidget(self.canvas if s.has_image else self.start_page)
            if s.has_image:  # the next step is saying whom to hide: keys typed now are that sentence
                self.command_bar.field.setFocus()
            self.canvas.set_photo(s.rgb if s.has_image else None, self._display_image)
            title = f"{s.path.name} — RPIPP" if s.path else "RPIPP"
            self.setWindowTitle(title)
        if what & {"image", "people", "selection"}:
            self.canvas.set_people([p.box for p in s.people], s.selected)
        if what & {"image", "people"}:
            self.people_panel.set_people(s.rgb if s.has_image else None, s.people, s.selected)
        elif "selection" in what:
            self.people_panel.set_selected(s.selected)
        if what & {"image", "mask"}:
            self.canvas.set_mask(s.mask)
        if "style" in what:
            self.style_panel.set_options(s.style)
        if what & {"image", "mask", "style"}:
            self._preview_timer.start()
        if what & {"history", "dirty", "image"}:
            self._refresh_actions()

    def _sync_photo(self, what: frozenset[str]) -> None:
        """The app's photo context follows the session: a new photo, or new people (found, added by
        a box prompt, undone) make a new context version, so results for the old one are dropped."""
        s, photo = self.session, self.app.photo
        if not s.has_image:
            return
        if "image" in what and (photo is None or photo.rgb is not s.rgb):
            self.app.open_loaded(s.image, s.people)
        elif "people" in what and photo is not None and not _same_people(photo.people, s.people):
            self.app.with_people(s.people, photo)

    def _refresh_actions(self) -> None:
        s, a = self.session, self.actions
        a["undo"].setEnabled(s.history.can_undo)
        a["undo"].setText(f"&Undo {s.history.undo_label}" if s.history.can_undo else "&Undo")
        a["redo"].setEnabled(s.history.can_redo)
        a["redo"].setText(f"&Redo {s.history.redo_label}" if s.history.can_redo else "&Redo")
        for name in ("save_session", "save_session_as", "export", "export_as", "export_mask", "detect"):
            a[name].setEnabled(s.has_image)
        if s.path:
            self.setWindowTitle(f"{'• ' if s.dirty else ''}{s.path.name} — RPIPP")

    # ---- people -------------------------------------------------------------------------------
    def detect_people(self) -> None:
        """Find the people of the open photo in the background and outline them."""
        if not self.session.has_image:
            return
        photo = self.app.photo
        self._detecting = True
        self.people_panel.set_busy("Finding people…")
        self.command_bar.set_state("finding")

        def done(people) -> None:
            self._detecting = False
            self.command_bar.set_state("")
            if not self.app.is_current(photo.version):
                log.debug("people of photo version %d dropped: the photo changed", photo.version)
                return  # another photo was opened (or people changed) meanwhile
            self.session.set_people(people)
            n = len(people)
            self.command_bar.set_result(
                f"{n} {'person' if n == 1 else 'people'} found. Say or type who to hide."
                if n
                else "Nobody found. Drag a box around a person (Tools > Box Prompt) or paint the mask."
            )
            if self._pending_sentence:
                text, self._pending_sentence = self._pending_sentence, None
                self.apply_sentence(text)

        def failed(e: BaseException) -> None:
            self._detecting = False
            self._pending_sentence = None
            self.command_bar.set_state("")
            self.people_panel.set_busy("People: not found")
            self.show_error(f"Finding people failed: {describe_error(e)}")

        self.workers.submit("Finding people", self.app.find_people, photo, on_done=done, on_error=failed)

    def on_detect(self) -> None:
        self.detect_people()

    def _toggle(self, index: int) -> None:
        try:
            self.session.toggle_person(index)
        except RpippError as e:
            self.show_error(str(e))

    def _canvas_clicked(self, x: float, y: float) -> None:
        i = self.canvas.person_at(x, y)
        if i is not None:
            self._toggle(i)

    # ---- sentences ----------------------------------------------------------------------------
    def apply_sentence(self, text: str) -> None:
        """Resolve ``text`` against the people in the background, then apply it as one step."""
        if not self._need_photo():
            return
        if self._detecting:
            self._pending_sentence = text  # applied as soon as the people are found
            self.command_bar.set_state("finding")
            return
        photo = self.app.photo
        self.command_bar.set_state("finding")

        def done(decision) -> None:
            self.command_bar.set_state("")
            if not self.app.is_current(decision.photo_version):
                self.command_bar.set_result(f"The photo changed meanwhile; say '{text}' again.", ok=False)
                return
            self.apply_decision(decision)

        def failed(e: BaseException) -> None:
            self.command_bar.set_state("")
            self.command_bar.set_result(f"Could not apply '{text}'; the mask is unchanged.", ok=False)
            self.show_error(f"Could not apply '{text}': {describe_error(e)}")

        self.workers.submit(
            "Finding who", self.app.decide, text, photo, key="ground", on_done=done, on_error=failed
        )

    def apply_decision(self, decision) -> None:
        """Show and apply the app's Decision: one undo step, and its summary as the result line."""
        from rpipp_gui.app import MATCHED, NOBODY, UNSURE
        from rpipp_gui.app.wording import summary

        line = summary(decision)
        if decision.verdict == UNSURE:
            # nothing is hidden on a guess: outline who it could be and let the user click one
            s = self.session
            self.canvas.set_people([p.box for p in s.people], s.selected, decision.candidates)
            self.command_bar.set_result(line, False)
            return
        if decision.verdict != NOBODY and (decision.people or decision.mask.any()):
            self.session.apply_choice(
                decision.people, decision.mask, decision.style, f"Say: {decision.sentence}"
            )
        else:  # a sentence that picks nobody keeps the mask as it was
            line += " — nothing changed"
        if decision.verdict == MATCHED:
            self.message_bar.clear_stale()
        self.command_bar.set_result(line, decision.verdict == MATCHED)

    # ---- voice ---------------------------------------------------------------------------------
    def _start_listening(self, mode: str) -> None:
        transcriber = self.models.loaded_transcriber()  # loaded: decode while the user talks
        if self.voice.start(mode, transcriber):
            self.command_bar.set_state("listening")
            if transcriber is None:  # load Whisper while the user talks
                self.workers.submit("Loading speech model", self.models.transcriber, key="speech-load")
        else:
            self.command_bar.set_listening_done()

    def _heard(self, text: str) -> None:
        """The streaming path's transcript: show it and apply it."""
        self.command_bar.set_listening_done()
        self.command_bar.set_state("")
        if not text:
            self.command_bar.set_result("Could not make out any words; try again or type.", ok=False)
            return
        self.command_bar.set_text(text)
        self.apply_sentence(text)

    def on_talk(self) -> None:
        if self.voice.active:
            self.voice.stop()
        else:
            self.command_bar.start_listening("handsfree")

    def _voice_failed(self, message: str) -> None:
        self.command_bar.set_listening_done()
        self.command_bar.set_state("")
        self.show_error(message)

    def _audio_captured(self, audio: np.ndarray) -> None:
        self.command_bar.set_listening_done()
        if audio.size < 1600:  # under 0.1 s: nothing said
            self.command_bar.set_state("")
            self.command_bar.set_result("Heard nothing; hold the button (or Space) while you talk.", ok=False)
            return
        self.command_bar.set_state("transcribing")

        def failed(e: BaseException) -> None:
            self.command_bar.set_state("")
            self.show_error(f"Speech recognition failed: {describe_error(e)}")

        self.workers.submit("Transcribing", self.app.heard, audio, on_done=self._heard, on_error=failed)

    # ---- mask tools ----------------------------------------------------------------------------
    def _edit(self, fn, *args) -> None:
        if not self._need_photo():
            return
        try:
            fn(*args)
        except (RpippError, ValueError) as e:
            self.show_error(str(e))

    def _stroke(self, points, radius: float, erase: bool) -> None:
        self._edit(self.session.paint, points, radius, erase)

    def _lasso(self, points) -> None:
        self._edit(self.session.lasso, points)

    def _box_prompt(self, box) -> None:
        if not self._need_photo():
            return
        photo = self.app.photo

        def done(person) -> None:
            if not self.app.is_current(photo.version):
                return
            if person is None:
                self.command_bar.set_result("Nobody found in that box; paint the mask instead.", ok=False)
                return
            self.session.add_person(person)
            self.command_bar.set_result(f"Added #{len(self.session.people)} from the box.")

        self.workers.submit(
            "Segmenting box",
            self.app.segment_box,
            box,
            photo,
            on_done=done,
            on_error=lambda e: self.show_error(f"Box prompt failed: {describe_error(e)}"),
        )

    def on_grow(self) -> None:
        self._edit(self.session.grow, GROW_PX)

    def on_shrink(self) -> None:
        self._edit(self.session.shrink, GROW_PX)

    def on_feather(self) -> None:
        self._edit(self.session.feather, self.session.style.feather_px + 4.0)

    def on_fill_holes(self) -> None:
        self._edit(self.session.fill_holes)

    def on_invert(self) -> None:
        self._edit(self.session.invert)

    def on_clear(self) -> None:
        self._edit(self.session.clear)

    def on_undo(self) -> None:
        label = self.session.undo()
        if label:  # the result line no longer describes the mask: say what changed instead
            self.command_bar.set_result(f"Undid {label}.")

    def on_redo(self) -> None:
        label = self.session.redo()
        if label:
            self.command_bar.set_result(f"Redid {label}.")

    def _set_tool(self, tool: Tool) -> None:
        self.canvas.set_tool(tool)
        self.actions[f"tool_{tool.value}"].setChecked(True)

    def on_tool_select(self) -> None:
        self._set_tool(Tool.SELECT)

    def on_tool_brush(self) -> None:
        self._set_tool(Tool.BRUSH)

    def on_tool_eraser(self) -> None:
        self._set_tool(Tool.ERASER)

    def on_tool_box(self) -> None:
        self._set_tool(Tool.BOX)

    def on_tool_lasso(self) -> None:
        self._set_tool(Tool.LASSO)
        self.show_info("Lasso: click the corners, double-click or Enter to close", 5000)

    def on_brush_bigger(self) -> None:
        self.show_info(f"Brush radius {self.canvas.tools.resize(BRUSH_STEP):.0f} px", 1500)

    def on_brush_smaller(self) -> None:
        self.show_info(f"Brush radius {self.canvas.tools.resize(1 / BRUSH_STEP):.0f} px", 1500)

    def on_focus_command(self) -> None:
        self.command_bar.field.setFocus()
        self.command_bar.field.selectAll()

    # ---- view and preview ----------------------------------------------------------------------
    def on_zoom_in(self) -> None:
        self.canvas.zoom_by(1.25)

    def on_zoom_out(self) -> None:
        self.canvas.zoom_by(0.8)

    def on_zoom_fit(self) -> None:
        self.canvas.fit()

    def on_zoom_actual(self) -> None:
        self.canvas.actual_size()

    def on_toggle_boxes(self) -> None:
        self.canvas.set_boxes_visible(self.actions["toggle_boxes"].isChecked())

    def _set_mode(self, mode: ViewMode) -> None:
        self.canvas.set_mode(mode)
        self.actions[f"view_{mode.value}"].setChecked(True)
        self.style_panel.set_mode(mode.value)
        self._preview_timer.start()

    def on_view_original(self) -> None:
        self._set_mode(ViewMode.ORIGINAL)

    def on_view_preview(self) -> None:
        self._set_mode(ViewMode.PREVIEW)

    def on_view_split(self) -> None:
        self._set_mode(ViewMode.SPLIT)

    def _style_changed(self, options) -> None:
        self.session.set_style(options)
        if self.canvas.mode == ViewMode.ORIGINAL and self.session.mask.any():
            self._set_mode(ViewMode.SPLIT)  # a style change is only visible in the preview

    def _render_preview(self) -> None:
        """Render the protected preview in a worker. At most one render runs at a time: changes
        made meanwhile (a dragged slider) are coalesced into one more render when it finishes."""
        if not self.session.has_image or self.canvas.mode == ViewMode.ORIGINAL:
            return
        if self._preview_busy:
            self._preview_again = True
            return
        from rpipp_gui.app.output import render

        snap = self.session.snapshot()
        if not snap.mask.any():
            self.canvas.set_preview(None)
            return
        self._preview_busy, self._preview_again = True, False
        image = self.session.image

        def finished(result, error: BaseException | None = None) -> None:
            self._preview_busy = False
            if error is not None:
                self.show_error(f"Preview failed: {error}")
            elif self.session.image is image:
                self.canvas.set_preview(result)
            if self._preview_again:
                self._render_preview()

        self.workers.submit(
            "Rendering preview",
            render,
            snap,
            PREVIEW_MAX_SIDE,
            pool="render",
            on_done=finished,
            on_error=lambda e: finished(None, e),
        )
