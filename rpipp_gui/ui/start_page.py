"""What an empty window shows: how to start (open a photo or a session, drop one here) and the recent
photos and sessions, instead of a grey area. Thin: signals ``open_photo()``, ``open_session()`` and
``open_recent(str)``; ``set_recent(paths)`` fills the list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

SESSION_SUFFIX = ".rpipp.json"


class StartPage(QWidget):
    open_photo = Signal()
    open_session = Signal()
    open_recent = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Start")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(10)
        title = QLabel("<h2>Hide a person in a photo</h2>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        steps = QLabel()
        self._steps = steps
        steps.setAlignment(Qt.AlignmentFlag.AlignCenter)
        steps.setWordWrap(True)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("&Open Photo…")
        self.open_button.setAccessibleDescription("Choose a photo to protect")
        self.open_button.clicked.connect(self.open_photo.emit)
        self.session_button = QPushButton("Open &Session…")
        self.session_button.setAccessibleDescription("Continue a saved session")
        self.session_button.clicked.connect(self.open_session.emit)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.session_button)
        buttons.addStretch(1)
        self.recent_label = QLabel("Recent photos and sessions:")
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent photos and sessions")
        self.recent.setMaximumHeight(180)
        self.recent.itemActivated.connect(
            lambda item: self.open_recent.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.recent_label.setBuddy(self.recent)
        for w in (title, steps):
            column.addWidget(w)
        column.addLayout(buttons)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent)
        holder = QHBoxLayout()
        holder.addStretch(1)
        holder.addLayout(column, 3)
        holder.addStretch(1)
        outer.addLayout(holder)
        outer.addStretch(2)
        self.setTabOrder(self.open_button, self.session_button)
        self.setTabOrder(self.session_button, self.recent)
        self.set_recent(())
        self.set_talk_key("T")

    def set_talk_key(self, key: str) -> None:
        self._steps.setText(
            "1. Open a photo (Ctrl+O) or drop one on this window.<br>"
            f"2. Say (hold {key}) or type who to hide: "
            "<i>“the man on the left”</i>, <i>“blur both kids”</i>.<br>"
            "3. Fix the mask with a click, the brush (B) or a box (R), then export (Ctrl+E)."
        )

    def set_recent(self, paths) -> None:
        self.recent.clear()
        for p in paths:
            kind = "session" if str(p).endswith(SESSION_SUFFIX) else "photo"
            item = QListWidgetItem(f"{Path(p).name}  ({kind}) — {Path(p).parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(p))
            item.setToolTip(str(p))
            self.recent.addItem(item)
        self.recent_label.setVisible(bool(paths))
        self.recent.setVisible(bool(paths))
