"""A dismissable message strip above the canvas: errors reach the user here, without a modal box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton


class MessageBar(QFrame):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Dismiss")
        close.clicked.connect(self.hide_message)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.error = False
        self.hide()

    @property
    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def show_message(self, text: str, error: bool = False) -> None:
        self.error = error
        self.label.setText(text)
        colour = "#7a1f1f" if error else "#1f4f7a"
        self.setStyleSheet(f"MessageBar {{ background: {colour}; }} QLabel {{ color: white; }}")
        self.show()

    def hide_message(self) -> None:
        self.label.setText("")
        self.hide()
