"""The main window: layout, opening photos and sessions, exporting, quitting.

State lives in the Qt-free ``Session``; the window observes it and refreshes the widgets. Editing
commands (tools, sentences, voice, preview) are in ``editing.EditingMixin``, the Help sheets in
``help``. Every slow step runs in ``Workers``; failures are shown once, in the message bar that floats
over the canvas, never as a crash. The window fits the screen it opens on and remembers its geometry
and dock sizes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rpipp_gui import __version__
from rpipp_gui.app import App
from rpipp_gui.errors import RpippError
from rpipp_gui.imaging.opening import HEIF_SUPPORTED
from rpipp_gui.session import Session
from rpipp_gui.ui.actions import TEXT_EDITING, build_actions, window_shortcuts
from rpipp_gui.ui.canvas import LOOK, Canvas, display_pixels
from rpipp_gui.ui.command_bar import CommandBar
from rpipp_gui.ui.editing import EditingMixin
from rpipp_gui.ui.errors import describe_error
from rpipp_gui.ui.message_bar import MessageBar
from rpipp_gui.ui.people_panel import PeoplePanel
from rpipp_gui.ui.settings import Settings
from rpipp_gui.ui.start_page import StartPage
from rpipp_gui.ui.style_panel import StylePanel
from rpipp_gui.ui.tool_bar import ToolBar
from rpipp_gui.ui.voice import VoiceInput
from rpipp_gui.ui.workers import Workers

PHOTO_FILTER = (
    f"Photos (*.jpg *.jpeg *.png *.webp *.tif *.tiff *.bmp *.gif{' *.heic *.heif' if HEIF_SUPPORTED else ''})"
    ";;All files (*)"
)
EXPORT_FILTER = "JPEG (*.jpg *.jpeg);;PNG (*.png);;WebP (*.webp);;TIFF (*.tif *.tiff)"
SESSION_SUFFIX = ".rpipp.json"


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WindowLayout:
    """First size of the window and how much of the screen it may take.

    size:          the size it opens at on a big enough screen (logical pixels).
    screen_share:  at most this share of the screen's available width and height (a 1.5x-scaled
                   laptop screen is about 1280x720 logical pixels: the window must still fit).
    minimum:       the smallest size that keeps the command field and the panels usable.
    """

    size: tuple[int, int] = (1280, 820)
    screen_share: float = 0.92
    minimum: tuple[int, int] = (640, 440)


LAYOUT = WindowLayout()


def _load_for_display(path: str):
    """Worker: decode the photo and convert it for the screen (both slow for big photos)."""
    from rpipp_gui.imaging import load_image

    loaded = load_image(path)
    return loaded, display_pixels(loaded.rgb)


def _microphone_names() -> list[str]:
    """Names of the input devices; [] when there is none (or no PortAudio)."""
    try:
        from rpipp_gui.speech import list_input_devices

        return [getattr(d, "name", str(d)) for d in list_input_devices()]
    except Exception:  # noqa: BLE001 - no PortAudio: no list
        return []


class MainWindow(EditingMixin, QMainWindow):
    def __init__(
        self, settings: Settings | None = None, app: App | None = None, warm_up: bool = True
    ) -> None:
        super().__init__()
        self.setWindowTitle("RPIPP")
        self.setAcceptDrops(True)
        self.settings = settings or Settings()
        self.app_settings = self.settings.load()
        self.app = app or App(self.app_settings.model_config())
        self.models = self.app.models
        self.session = Session()
        self.workers = Workers(self)
        self.workers.busy.connect(self._show_busy)
        self.workers.error.connect(lambda name, e: self.show_error(f"{name} failed: {describe_error(e)}"))
        self.last_export: Path | None = None
        self._opening: str | None = None
        self._display_image = None

        self.canvas = Canvas()
        self.start_page = StartPage()
        self.command_bar = CommandBar()
        self.stack = QStackedWidget()  # the start page until a photo is open, then the canvas
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(self.canvas)
        self.message_bar = MessageBar()
        self.message_bar.overlay(self.stack)  # floats over the canvas: never reflows it
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.stack, 1)
        column.addWidget(self.command_bar)
        self.setCentralWidget(central)
        self.start_page.open_photo.connect(self.on_open)
        self.start_page.open_session.connect(self.on_open_session)
        self.start_page.open_recent.connect(self.open_path)
        self.command_bar.field.escaped.connect(self.canvas.setFocus)

        self.people_panel = PeoplePanel()
        self.style_panel = StylePanel()
        for title, widget, area in (
            ("People", self.people_panel, Qt.DockWidgetArea.RightDockWidgetArea),
            ("Protection", self.style_panel, Qt.DockWidgetArea.RightDockWidgetArea),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(title)
            dock.setWidget(widget)
            dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
            self.addDockWidget(area, dock)

        self.models_label = QLabel()
        self.models_label.setAccessibleName("Models")
        self.busy_label = QLabel()  # plain text: an hourglass glyph is missing from many fonts
        self.busy_label.setAccessibleName("Working on")
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # "busy" animation
        self.busy_bar.setMaximumSize(60, 12)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.statusBar().addPermanentWidget(self.busy_bar)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.models_label)
        self.recent_menu = None
        self.actions = build_actions(self)
        self.command_bar.field.leave_to_window(
            window_shortcuts(self.actions), window_shortcuts(self.actions, TEXT_EDITING)
        )
        self.tool_bar = ToolBar(self.actions, LOOK.overlay_opacity, self)
        self.tool_bar.opacity_changed.connect(self.canvas.set_overlay_opacity)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.tool_bar)
        self.voice = VoiceInput(self.app_settings.microphone, self)
        self._apply_talk_key()
        self.set_microphones(None)
        self._connect()
        self.session.add_observer(self._session_changed)
        if self.app_settings.default_style:
            self._apply_default_style()
        self.style_panel.set_options(self.session.style)
        self._refresh_recent()
        self._refresh_models()
        self._refresh_actions()
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(1000)
        self._status_timer.timeout.connect(self._refresh_models)
        self._status_timer.start()
        self._warm_timer = QTimer(self)  # load the models in the background while the user picks a photo
        self._warm_timer.setSingleShot(True)
        self._warm_timer.setInterval(200)
        self._warm_timer.timeout.connect(self._warm_up)
        if warm_up:
            self._warm_timer.start()
        self.setTabOrder(self.command_bar.field, self.canvas)
        self.setTabOrder(self.canvas, self.people_panel.list)
        self._place_on_screen()

    # ---- size and place ----------------------------------------------------------------------------
    def _place_on_screen(self) -> None:
        """The saved geometry and dock sizes, else the default size; either way clamped to the screen."""
        self.setMinimumSize(*LAYOUT.minimum)
        geometry, state = self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(*LAYOUT.size)
        if state is not None:
            self.restoreState(state)
        self.clamp_to_screen()

    def clamp_to_screen(self) -> None:
        """Shrink (and move) the window so that all of it is on its screen's available area."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        limit = QSize(int(area.width() * LAYOUT.screen_share), int(area.height() * LAYOUT.screen_share))
        self.setMinimumSize(min(LAYOUT.minimum[0], limit.width()), min(LAYOUT.minimum[1], limit.height()))
        size = self.size().boundedTo(limit)
        if size != self.size():
            self.resize(size)
        frame = self.frameGeometry()
        x = min(max(frame.x(), area.x()), area.right() - frame.width() + 1)
        y = min(max(frame.y(), area.y()), area.bottom() - frame.height() + 1)
        if (x, y) != (frame.x(), frame.y()):
            self.move(max(area.x(), x), max(area.y(), y))

    def set_microphones(self, names) -> None:
        """What microphones there are (None: not known yet): without one, no empty level meter."""
        self.microphones = list(names) if names is not None else None
        self.command_bar.set_microphone_available(bool(names))

    def _apply_talk_key(self) -> None:
        key = self.app_settings.talk_key
        seq = QKeySequence(key)
        if seq.count():
            self.canvas.talk_key = seq[0].key()
        self.command_bar.set_talk_key(key)
        self.start_page.set_talk_key(key)

    def _warm_up(self) -> None:
        # low priority: a photo opened meanwhile is searched for people before Whisper loads
        self.workers.submit(
            "Loading people models",
            self.models.warm_up,
            False,
            priority=-1,
            on_done=lambda _r: self._refresh_models(),
            on_error=lambda e: self.show_error(f"Loading the people models failed: {e}"),
        )
        self.workers.submit(
            "Loading speech model",
            self.models.transcriber,
            priority=-2,
            on_done=lambda _r: self._refresh_models(),
            on_error=lambda e: self.show_error(f"Loading the speech model failed: {e}"),
        )
        self.workers.submit(
            "Looking for microphones",
            _microphone_names,
            priority=-3,
            on_done=self.set_microphones,
            on_error=lambda _e: self.set_microphones([]),
        )

    # ---- messages --------------------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        """An error, shown once: in the message bar over the canvas (not also in the status bar)."""
        self.message_bar.show_message(text, error=True)

    def show_info(self, text: str, timeout_ms: int = 5000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def _show_busy(self, names: str) -> None:
        self.busy_label.setText(f"Working: {names}" if names else "")
        self.busy_bar.setVisible(bool(names))

    def _refresh_models(self) -> None:
        status = self.models.status()
        if "grounding:" not in status:  # say which engine the next sentence will use
            engine = f"grounding: {self.app_settings.engine} (loads on first use)"
            status = engine if status == "no models loaded yet" else f"{status} · {engine}"
        self.models_label.setText(status)

    # ---- opening ---------------------------------------------------------------------------------
    def open_path(self, path: str | Path) -> None:
        """Open a photo (or a session file ending in .rpipp.json) in the background."""
        path = str(path)
        if path.endswith(SESSION_SUFFIX):
            self.open_session_file(path)
            return
        if not self.confirm_discard():
            return
        self._opening = path
        self.people_panel.set_busy("Opening…")
        self.show_info(f"Opening {Path(path).name}…", 0)
        self.workers.submit(
            "Opening photo",
            _load_for_display,
            path,
            pool="render",
            key="open",
            on_done=self._photo_loaded,
            on_error=self._open_failed,
        )

    def _open_failed(self, e: BaseException) -> None:
        self._opening = None
        self.people_panel.set_busy(
            "No photo" if not self.session.has_image else self.people_panel.header.text()
        )
        self.show_error(f"Could not open the photo: {describe_error(e)}")

    def _photo_loaded(self, result) -> None:
        loaded, self._display_image = result
        self._opening = None
        self.message_bar.hide_message()
        self.session.set_image(loaded)
        self._display_image = None
        self._remember(loaded.path)
        for w in getattr(loaded, "warnings", ()) or ():
            self.show_info(str(w), 8000)
        self.detect_people()

    def open_session_file(self, path: str | Path) -> None:
        if not self.confirm_discard():
            return
        from rpipp_gui.session.store import SessionPhotoChangedError, load_session

        # load_session validates and builds everything before it touches self.session, so on any
        # error the window keeps what it showed.
        try:
            load_session(path, self.session)
        except SessionPhotoChangedError as e:
            self.show_error(f"Could not open the session: {e}")
            if self.ask_open_photo_without_mask(e):
                self.open_path(e.photo)
            return
        except Exception as e:  # noqa: BLE001 - any failure is reported; the old state stays
            msg = str(e) if isinstance(e, RpippError) else f"{type(e).__name__}: {e}"
            self.show_error(f"Could not open the session: {msg}")
            return
        self.message_bar.clear_stale()
        self._remember(path)
        self.command_bar.set_result(f"Session {Path(path).name} restored.")

    def ask_open_photo_without_mask(self, error) -> bool:
        """Ask whether to open the changed photo of a session without the session's mask."""
        answer = QMessageBox.question(
            self,
            "The photo changed",
            f"{error}\n\nOpen {Path(error.photo).name} without the session's mask?",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Open

    def on_open(self) -> None:
        start = str(self.session.path.parent) if self.session.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open photo", start, PHOTO_FILTER)
        if path:
            self.open_path(path)

    def on_open_session(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open session", "", f"RPIPP sessions (*{SESSION_SUFFIX})")
        if path:
            self.open_session_file(path)

    def _remember(self, path) -> None:
        """Put a photo or session file first in the recent list (menu and start page)."""
        self.app_settings = self.settings.add_recent(path)
        self._refresh_recent()

    def _refresh_recent(self) -> None:
        self.start_page.set_recent(self.app_settings.recent)
        if self.recent_menu is None:
            return
        self.recent_menu.clear()
        for p in self.app_settings.recent:
            kind = " (session)" if p.endswith(SESSION_SUFFIX) else ""
            act = self.recent_menu.addAction(f"{Path(p).name}{kind} — {Path(p).parent}")
            act.setToolTip(p)
            act.triggered.connect(lambda _c=False, p=p: self.open_path(p))
        self.recent_menu.setEnabled(bool(self.app_settings.recent))

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.open_path(paths[0])

    # ---- saving and exporting ------------------------------------------------------------------
    def _need_photo(self) -> bool:
        if not self.session.has_image:
            self.show_error("Open a photo first.")
            return False
        return True

    def export_to(self, path: str | Path) -> None:
        """Export the protected copy to ``path`` in the background, after the privacy check: the
        detectors search the protected copy for the hidden people, and when one is still found the
        user is warned (with the person's number) before anything is written."""
        from rpipp_gui.app.output import privacy_check

        snap = self.session.snapshot()
        people = list(self.session.people)

        def checked(leaks: list[str]) -> None:
            if not leaks or self.ask_export_despite(leaks):
                self._write_export(snap, path)
            else:
                self.command_bar.set_result("Not exported: " + leaks[0], ok=False)

        self.workers.submit(
            "Checking privacy",
            privacy_check,
            snap,
            people,
            pool="render",
            on_done=checked,
            on_error=lambda e: self.show_error(f"Privacy check failed: {e}"),
        )

    def ask_export_despite(self, leaks: list[str]) -> bool:
        """Warn that hidden people can still be detected; True to export all the same."""
        answer = QMessageBox.warning(
            self,
            "Someone can still be recognised",
            "The detectors still find people you hid in the protected copy:\n\n"
            + "\n".join(f"• {leak[0].upper()}{leak[1:]}" for leak in leaks)
            + "\n\nTry a stronger style or strength, or grow the mask. Export anyway?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    def _write_export(self, snap, path: str | Path) -> None:
        def done(out: Path) -> None:
            # The export is a copy: the session's edits stay unsaved (and quitting still asks).
            self.last_export = Path(out)
            self.message_bar.clear_stale()
            self.show_info(f"Exported {Path(out).name} (metadata removed)", 8000)
            hidden = "" if snap.mask.any() else " — nothing was hidden (the mask is empty)"
            self.command_bar.set_result(f"Exported to {out}{hidden}", ok=not hidden)

        self.workers.submit(
            "Exporting",
            self.app.export,
            snap,
            path,
            pool="render",
            on_done=done,
            on_error=lambda e: self.show_error(f"Export failed: {e}"),
        )

    def on_export(self) -> None:
        if self._need_photo():
            self.export_to(self.session.default_export_path())

    def on_export_as(self) -> None:
        if not self._need_photo():
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Export protected copy", str(self.session.default_export_path()), EXPORT_FILTER
        )
        if path:
            self.export_to(path)

    def on_export_mask(self) -> None:
        if not self._need_photo():
            return
        from rpipp_gui.app.output import export_mask

        default = self.session.path.with_name(self.session.path.stem + ".mask.png")
        path, _ = QFileDialog.getSaveFileName(self, "Export mask", str(default), "PNG (*.png)")
        if path:
            self.workers.submit(
                "Exporting mask",
                export_mask,
                self.session.snapshot(),
                path,
                pool="render",
                on_done=lambda out: self.show_info(f"Mask saved to {out}", 8000),
                on_error=lambda e: self.show_error(f"Could not save the mask: {e}"),
            )

    def save_session_to(self, path: str | Path) -> bool:
        from rpipp_gui.session.store import save_session

        try:
            save_session(self.session, path)
        except RpippError as e:
            self.show_error(f"Could not save the session: {e}")
            return False
        self.show_info(f"Session saved to {path}", 8000)
        self._remember(path)
        return True

    def on_save_session(self) -> bool:
        if not self._need_photo():
            return False
        if self.session.session_path is not None:
            return self.save_session_to(self.session.session_path)
        return self.on_save_session_as()

    def on_save_session_as(self) -> bool:
        if not self._need_photo():
            return False
        default = self.session.path.with_name(self.session.path.stem + SESSION_SUFFIX)
        path, _ = QFileDialog.getSaveFileName(
            self, "Save session", str(default), f"RPIPP sessions (*{SESSION_SUFFIX})"
        )
        return bool(path) and self.save_session_to(path)

    # ---- settings, launcher, about, quit ----------------------------------------------------------
    def on_settings(self) -> None:
        from rpipp_gui.ui.settings import SettingsDialog
        from rpipp_gui.ui.style_panel import style_names

        mics = self.microphones if self.microphones is not None else _microphone_names()
        self.set_microphones(mics)
        dialog = SettingsDialog(self.app_settings, style_names(), mics, self)
        if dialog.exec():
            self.apply_settings(dialog.result_settings())

    def apply_settings(self, new) -> None:
        """Use settings the dialog accepted (it checked them on OK)."""
        self.app_settings = new
        self.settings.save(new)
        self.models.reconfigure(new.model_config())
        self.voice.device = new.microphone
        self._apply_talk_key()
        self._refresh_models()
        self.show_info("Settings saved.", 4000)

    def on_install_launcher(self) -> None:
        from rpipp_gui.ui.launcher import install_launcher

        try:
            where = install_launcher()
        except RpippError as e:
            self.show_error(str(e))
            return
        self.show_info(f"Launcher installed: {where}", 10000)

    def on_shortcuts(self) -> None:
        from rpipp_gui.ui.help import show_shortcuts

        show_shortcuts(self, self.app_settings.talk_key)

    def on_examples(self) -> None:
        from rpipp_gui.ui.help import show_examples

        show_examples(self, self.app_settings.talk_key)

    def on_about(self) -> None:
        QMessageBox.about(
            self,
            "About RPIPP",
            f"RPIPP {__version__}\nHide the person you name in a photo, offline.\n\n{self.models.status()}",
        )

    def on_quit(self) -> None:
        self.close()

    def confirm_discard(self) -> bool:
        """True when there are no unsaved edits or the user agreed to lose (or saved) them."""
        if not self.session.dirty:
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved edits",
            "This photo has edits that are not saved in a session (an export is only a copy)."
            " Save the session first?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.on_save_session()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.confirm_discard():
            event.ignore()
            return
        self.settings.save_window_state(self.saveGeometry(), self.saveState())
        self.voice.cancel()
        self._status_timer.stop()
        self._warm_timer.stop()
        self.workers.wait(10000)
        event.accept()
