"""A dismissable message strip floating over the top of the canvas: errors reach the user here, without
a modal box, and without pushing the photo down (it overlays the canvas instead of taking layout room).

Each message is shown once: the same text again only refreshes its timer, and ``clear_stale`` (called
by the window after an action that worked) takes an old error away.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

INFO_MS = 6000  # an information message hides itself after this long; errors stay until dismissed
MARGIN = 8


class MessageBar(QFrame):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName("Message")
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Dismiss")
        close.setAccessibleName("Dismiss message")
        close.clicked.connect(self.hide_message)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.error = False
        self.shown_count = 0  # how many distinct messages were shown (tests: once, not thrice)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide_message)
        self.hide()

    @property
    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def overlay(self, host) -> None:
        """Float over the top of ``host`` (a widget), following its size."""
        self.setParent(host)
        host.installEventFilter(self)
        self._place()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and obj is self.parent():
            self._place()
        return False

    def _place(self) -> None:
        host = self.parentWidget()
        if host is None:
            return
        width = max(100, host.width() - 2 * MARGIN)
        self.setFixedWidth(width)
        self.adjustSize()
        self.move(MARGIN, MARGIN)
        self.raise_()

    def show_message(self, text: str, error: bool = False) -> None:
        if not (self.text == text and self.error == error):
            self.shown_count += 1
        self.error = error
        self.label.setText(text)
        colour = "#7a1f1f" if error else "#1f4f7a"
        self.setStyleSheet(f"MessageBar {{ background: {colour}; }} QLabel {{ color: white; }}")
        self.show()
        self._place()
        if error:
            self._timer.stop()
        else:
            self._timer.start(INFO_MS)

    def clear_stale(self) -> None:
        """An action worked: an error shown before it no longer applies."""
        if self.error and not self.isHidden():
            self.hide_message()

    def hide_message(self) -> None:
        self._timer.stop()
        self.label.setText("")
        self.hide()
