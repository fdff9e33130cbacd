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


def _key_names(sequences) -> set[str]:
    return {QKeySequence(s).toString() for s in sequences if not QKeySequence(s).isEmpty()}


class CommandField(QLineEdit):
    """The sentence field. A line edit claims some Ctrl keys for itself (Ctrl+E is "end of line" on
    Linux), so while it had the focus the window's Ctrl+E (Export) never fired: the keys given to
    ``leave_to_window`` now reach the window's actions even while one types here. Undo and redo
    (``settled_keys``) edit the text while it has unsent changes, and undo the mask once the text is
    empty or unchanged since it was sent. Esc emits ``escaped`` (the window gives the canvas the
    focus). Plain letters always stay text."""

    escaped = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._window_keys: set[str] = set()
        self._settled_keys: set[str] = set()
        self.sent_text = ""  # the text as last sent (Enter) or put here by the app (voice)

    def leave_to_window(self, sequences, settled_keys=()) -> None:
        """Let these QKeySequences (the window's Ctrl/Alt shortcuts) trigger their actions;
        ``settled_keys`` only while the text is empty or as it was sent."""
        self._window_keys = _key_names(sequences)
        self._settled_keys = _key_names(settled_keys)

    @property
    def settled(self) -> bool:
        """True when the text holds no unsent edit (empty, or unchanged since it was sent)."""
        return not self.text().strip() or self.text() == self.sent_text

    def event(self, e) -> bool:  # noqa: N802 - Qt API
        if e.type() == QEvent.Type.ShortcutOverride:
            pressed = QKeySequence(e.keyCombination()).toString()
            if pressed in self._window_keys or (pressed in self._settled_keys and self.settled):
                e.ignore()  # not overridden: the shortcut map gives the key to the window's action
                return True
        return super().event(e)

    def keyPressEvent(self, e) -> None:  # noqa: N802 - Qt API
        if e.key() == Qt.Key.Key_Escape and not e.modifiers():
            self.escaped.emit()
            e.accept()
            return
        super().keyPressEvent(e)


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
        self.mic.setToolTip("Hold to talk (or hold T on the photo); click for hands-free")
        self.mic.setAccessibleName("Talk")
        self.mic.setAccessibleDescription("Hold to say who to hide; a short click listens hands-free")
        self.mic.setCheckable(False)
        self.mic.setMinimumWidth(36)
        self.mic.pressed.connect(self._mic_pressed)
        self.mic.released.connect(self._mic_released)
        self.field = CommandField()
        self.field.setPlaceholderText('Say or type who to hide, e.g. "the person on the right", then Enter')
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self._submit)
        self.field.setAccessibleName("Command")
        self.field.setAccessibleDescription("Type who to hide, then press Enter. Esc returns to the photo.")
        self.level = QProgressBar()
        self.level.setRange(0, 100)
        self.level.setTextVisible(False)
        self.level.setFixedWidth(70)
        self.level.setMaximumHeight(10)
        self.level.setToolTip("Microphone level")
        self.level.setAccessibleName("Microphone level")
        self.state = QLabel("")
        self.state.setMinimumWidth(90)
        row.addWidget(self.mic)
        row.addWidget(self.field, 1)
        row.addWidget(self.level)
        row.addWidget(self.state)
        outer.addLayout(row)
        self.result = QLabel("Open a photo to start.")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setAccessibleName("Result")
        self.result.setWordWrap(True)
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
            self.field.sent_text = self.field.text()
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

    def set_talk_key(self, key: str) -> None:
        """Name the push-to-talk key in the button's tooltip."""
        self.mic.setToolTip(f"Hold to talk (or hold {key} on the photo); click for hands-free")

    def set_microphone_available(self, available: bool) -> None:
        """Without a microphone the level meter would stay empty: hide it."""
        self.level.setVisible(available)

    def talk_key(self, down: bool) -> None:
        """The talk key held on the canvas: push-to-talk."""
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
        self.field.sent_text = text

    def set_result(self, line: str, ok: bool = True) -> None:
        self.result.setText(line)
        self.result.setStyleSheet("" if ok else "color: #d04040;")
