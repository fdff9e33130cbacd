"""The people panel: a thumbnail and a check box per person found; checking hides them.

Thin: ``set_people(rgb, people, selected)`` fills it, ``set_selected`` updates the ticks, and
``toggled(int)`` says which person the user ticked or unticked.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from rpipp_gui.app.wording import people_lines
from rpipp_gui.ui.canvas import rgb_to_qimage

THUMB = 64


def thumbnail(rgb: np.ndarray, box: tuple[float, float, float, float], size: int = THUMB) -> QPixmap:
    """A square-ish thumbnail of the photo (HxWx3 uint8) cropped to ``box``."""
    h, w = rgb.shape[:2]
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    x0, y0 = max(0, min(x0, w - 1)), max(0, min(y0, h - 1))
    x1, y1 = max(x0 + 1, min(x1, w)), max(y0 + 1, min(y1, h))
    step = max(1, int(max(x1 - x0, y1 - y0) / (size * 2)))  # cheap pre-shrink of big crops
    crop = rgb[y0:y1:step, x0:x1:step]
    pix = QPixmap.fromImage(rgb_to_qimage(crop))
    return pix.scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class PeoplePanel(QWidget):
    toggled = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.header = QLabel("No photo")
        layout.addWidget(self.header)
        self.list = QListWidget()
        self.list.setAccessibleName("People")
        self.list.setAccessibleDescription("Each person found; tick a person to hide them (Space ticks)")
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setSpacing(2)
        self.list.setWordWrap(True)  # "#2 right · face seen · black top, blue below" in a narrow dock
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemChanged.connect(self._item_changed)
        layout.addWidget(self.list, 1)
        self._updating = False

    def set_busy(self, text: str) -> None:
        self.header.setText(text)

    def set_people(self, rgb: np.ndarray | None, people, selected) -> None:
        self._updating = True
        try:
            self.list.clear()
            if rgb is None:
                self.header.setText("No photo")
                return
            n = len(people)
            self.header.setText(f"{n} {'person' if n == 1 else 'people'} found")
            sel = set(selected)
            lines = people_lines(people, rgb.shape[:2], rgb)
            for i, p in enumerate(people):
                item = QListWidgetItem(QIcon(thumbnail(rgb, p.box)), lines[i])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if i in sel else Qt.CheckState.Unchecked)
                item.setToolTip(
                    f"{lines[i]}\nPerson #{i + 1} (found by {p.source or 'a box'}, score {p.score:.2f});"
                    " tick to hide"
                )
                self.list.addItem(item)
        finally:
            self._updating = False

    def set_selected(self, selected) -> None:
        self._updating = True
        try:
            sel = set(selected)
            for i in range(self.list.count()):
                state = Qt.CheckState.Checked if i in sel else Qt.CheckState.Unchecked
                if self.list.item(i).checkState() != state:
                    self.list.item(i).setCheckState(state)
        finally:
            self._updating = False

    def checked(self) -> list[int]:
        return [
            i for i in range(self.list.count()) if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _item_changed(self, item: QListWidgetItem) -> None:
        if not self._updating:
            self.toggled.emit(self.list.row(item))
