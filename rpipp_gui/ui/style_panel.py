"""The style panel: protection style, strength, edge feather and the solid fill, plus the view mode.

Thin: ``set_options(StyleOptions)`` shows values, ``changed(object)`` emits the new StyleOptions
while the user drags (the window renders the preview in a worker, so dragging never blocks).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QComboBox, QFormLayout, QLabel, QSlider, QWidget

from rpipp_gui.ui.canvas import ViewMode

# Fill of the solid style: None = the mean colour around each region (the default).
FILLS: dict[str, tuple[int, int, int] | None] = {
    "From surroundings": None,
    "Black": (0, 0, 0),
    "White": (255, 255, 255),
    "Gray": (128, 128, 128),
}
CUSTOM_FILL = "Custom…"


def style_names() -> list[str]:
    """The pixel styles (``rpipp_gui.app.registry``)."""
    from rpipp_gui.app.registry import pixel_style_names

    return list(pixel_style_names())


class StylePanel(QWidget):
    changed = Signal(object)  # StyleOptions
    mode_changed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.style = QComboBox()
        self.style.addItems(style_names())
        self.style.setToolTip(
            "How the people you hide are covered: solid fill, blur, mosaic, noise, or removed (inpaint)"
        )
        form.addRow("St&yle", self.style)
        self.strength = QSlider(Qt.Orientation.Horizontal)
        self.strength.setRange(0, 100)
        self.strength.setToolTip("How strong the cover is: larger blur, bigger mosaic blocks, more noise")
        self.strength_label = QLabel()
        form.addRow("St&rength", self.strength)
        form.addRow("", self.strength_label)
        self.feather = QSlider(Qt.Orientation.Horizontal)
        self.feather.setRange(0, 60)
        self.feather.setToolTip("Soften the cover's edge over this many pixels, so no hard outline shows")
        self.feather_label = QLabel()
        form.addRow("Edge &feather", self.feather)
        form.addRow("", self.feather_label)
        self.fill = QComboBox()
        self.fill.addItems([*FILLS, CUSTOM_FILL])
        self.fill.setToolTip("Colour of the solid fill: from the surroundings, black, white, gray or yours")
        form.addRow("F&ill", self.fill)
        self._custom: tuple[int, int, int] | None = None
        self.mode = QComboBox()
        self.mode.addItems([m.value for m in ViewMode])
        self.mode.setToolTip("Original with the mask, the protected preview, or both split by a handle")
        form.addRow("Vie&w", self.mode)
        for widget, name in (
            (self.style, "Style"),
            (self.strength, "Strength"),
            (self.feather, "Edge feather"),
            (self.fill, "Fill colour"),
            (self.mode, "View"),
        ):
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(widget.toolTip())
        self._options = None
        self._updating = False
        self.style.currentTextChanged.connect(self._emit)
        self.strength.valueChanged.connect(self._emit)
        self.feather.valueChanged.connect(self._emit)
        self.fill.activated.connect(self._fill_chosen)
        self.mode.currentTextChanged.connect(self.mode_changed.emit)

    def set_options(self, options) -> None:
        self._updating = True
        try:
            self._options = options
            self.style.setCurrentText(options.style)
            self.strength.setValue(int(round(float(options.strength) * 100)))
            self.feather.setValue(int(round(float(options.feather_px))))
            self._show_fill(options.color)
            self._labels()
        finally:
            self._updating = False

    def set_mode(self, mode: str) -> None:
        self.mode.setCurrentText(mode)

    def options(self):
        return dataclasses.replace(
            self._options,
            style=self.style.currentText(),
            strength=self.strength.value() / 100.0,
            feather_px=float(self.feather.value()),
            color=self._fill_colour(),
        )

    def _fill_colour(self) -> tuple[int, int, int] | None:
        text = self.fill.currentText()
        return self._custom if text.startswith(CUSTOM_FILL[:-1]) else FILLS[text]

    def _show_fill(self, color) -> None:
        color = tuple(int(c) for c in color) if color is not None else None
        named = [name for name, rgb in FILLS.items() if rgb == color]
        if named:
            self.fill.setCurrentText(named[0])
        else:
            self._custom = color
            self.fill.setItemText(len(FILLS), f"Custom ({QColor(*color).name()})")
            self.fill.setCurrentIndex(len(FILLS))

    def _fill_chosen(self, index: int) -> None:
        """The user picked a fill; "Custom…" asks for a colour (cancel keeps the previous fill)."""
        if index == len(FILLS):
            start = QColor(*self._custom) if self._custom else QColor(0, 0, 0)
            picked = QColorDialog.getColor(start, self, "Fill colour")
            if not picked.isValid():
                self._show_fill(self._options.color if self._options is not None else None)
                return
            self._show_fill((picked.red(), picked.green(), picked.blue()))
        self._emit()

    def _labels(self) -> None:
        self.strength_label.setText(f"{self.strength.value()} %")
        self.feather_label.setText(f"{self.feather.value()} px")
        self.fill.setEnabled(self.style.currentText() == "solid")

    def _emit(self, *_args) -> None:
        self._labels()
        if not self._updating and self._options is not None:
            self._options = self.options()
            self.changed.emit(self._options)
