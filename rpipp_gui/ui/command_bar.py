"""The command bar: say or type who to hide.

A text field (Enter applies), a microphone button (press and hold to talk; a short click toggles
hands-free), a live level meter, a state label (listening / transcribing / finding) and the result
line ("Hid #2 — leftmost of 3 people"). Signals out: ``submitted(str)``, ``listen(str)`` with the
mode ("push" or "handsfree"), ``stop_listening()``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rpipp_gui.ui.launcher import resource_path

HOLD_MS = 300  # a press longer than this is push-to-talk, shorter is a click (hands-free toggle)


class CommandField(QLineEdit):
    """The sentence field. A line edit claims some Ctrl keys for itself (Ctrl+E is "end of line" on
    Linux), so while it had the focus the window's Ctrl+E (Export) never fired: the keys given to
    ``leave_to_window`` now reach the window's actions even while one types here."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._window_keys: set[str] = set()

    def leave_to_window(self, sequences) -> None:
        """Let these QKeySequences (the window's Ctrl/Alt shortcuts) trigger their actions."""
        self._window_keys = {QKeySequence(s).toString() for s in sequences if not QKeySequence(s).isEmpty()}

    def event(self, e) -> bool:  # noqa: N802 - Qt API
        if e.type() == QEvent.Type.ShortcutOverride and self._window_keys:
            pressed = QKeySequence(e.keyCombination()).toString()
            if pressed in self._window_keys:
                e.ignore()  # not overridden: the shortcut map gives the key to the window's action
                return True
        return super().event(e)



class CommandBar(QWidget):
    submitted = Signal(str)
    listen = Signal(str)
    stop_listening = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 4, 6, 4)
        outer.setSpacing(2)
        row = QHBoxLayout()
        self.mic = QToolButton()
        self.mic.setIcon(QIcon(str(resource_path("mic.svg"))))
        self.mic.setIconSize(QSize(22, 22))
        self.mic.setText("Talk")
        self.mic.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.mic.setToolTip("Hold to talk (or hold Space on the photo); click for hands-free")
        self.mic.setCheckable(False)
        self.mic.setMinimumWidth(36)
        self.mic.pressed.connect(self._mic_pressed)
        self.mic.released.connect(self._mic_released)
        self.field = CommandField()
        self.field.setPlaceholderText('Say or type who to hide, e.g. "the person on the right", then Enter')
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self._submit)
        self.level = QProgressBar()
        self.level.setRange(0, 100)
        self.level.setTextVisible(False)
        self.level.setFixedWidth(70)
        self.level.setMaximumHeight(10)
        self.level.setToolTip("Microphone level")
        self.state = QLabel("")
        self.state.setMinimumWidth(90)
        row.addWidget(self.mic)
        row.addWidget(self.field, 1)
        row.addWidget(self.level)
        row.addWidget(self.state)
        outer.addLayout(row)
        self.result = QLabel("Open a photo to start.")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.result)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(HOLD_MS)
        self._hold.timeout.connect(self._start_push)
        self.mode: str | None = None  # None, "push" or "handsfree"

    # ---- out ----------------------------------------------------------------------------------
    def _submit(self) -> None:
        text = self.field.text().strip()
        if text:
            self.submitted.emit(text)

    def _mic_pressed(self) -> None:
        if self.mode == "handsfree":
            return  # the release of this click stops hands-free
        self._hold.start()

    def _start_push(self) -> None:
        self.start_listening("push")

    def _mic_released(self) -> None:
        if self._hold.isActive():  # a short click
            self._hold.stop()
            self.start_listening("handsfree")
        elif self.mode is not None:
            self.stop_listening.emit()

    def start_listening(self, mode: str) -> None:
        """Ask for capture in ``mode`` ("push" or "handsfree"), unless already listening."""
        if self.mode is None:
            self.mode = mode
            self.listen.emit(mode)

    def talk_key(self, down: bool) -> None:
        """Space held on the canvas: push-to-talk."""
        if down:
            self.start_listening("push")
        elif self.mode == "push":
            self.stop_listening.emit()

    # ---- in -----------------------------------------------------------------------------------
    def set_listening_done(self) -> None:
        self.mode = None
        self.level.setValue(0)

    def set_level(self, level: float) -> None:
        """Microphone level 0..1."""
        self.level.setValue(int(max(0.0, min(1.0, level)) * 100))

    def set_state(self, state: str) -> None:
        """ "listening", "transcribing", "finding" or "" (idle)."""
        self.state.setText(state.capitalize() + ("…" if state else ""))
        self.mic.setStyleSheet("background-color: #d04040;" if state == "listening" else "")

    def set_text(self, text: str) -> None:
        self.field.setText(text)

    def set_result(self, line: str, ok: bool = True) -> None:
        self.result.setText(line)
        self.result.setStyleSheet("" if ok else "color: #d04040;")
