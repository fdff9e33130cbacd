"""The tool bar: the mask tools (the active one pressed and named), the view modes, the people boxes
toggle and the mask overlay's opacity. Built from the window's actions (``actions.build_actions``), so
a tool picked by key, menu or tool bar shows the same everywhere."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSlider, QToolBar

TOOL_NAMES = ("tool_select", "tool_brush", "tool_eraser", "tool_box", "tool_lasso")
VIEW_NAMES = ("view_original", "view_preview", "view_split")


class ToolBar(QToolBar):
    """Signal ``opacity_changed(float)`` (0..1) while the slider moves."""

    opacity_changed = Signal(float)

    def __init__(self, actions: dict, opacity: float, parent=None) -> None:
        super().__init__("Tools", parent)
        self.setObjectName("Tools")  # saveState needs a name
        self.setAccessibleName("Tools")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.active = QLabel()
        self.active.setAccessibleName("Active tool")
        self.active.setMinimumWidth(110)
        self.addWidget(self.active)
        for name in TOOL_NAMES:
            self.addAction(actions[name])
            actions[name].toggled.connect(lambda on, a=actions[name]: on and self.show_tool(a.text()))
        self.addSeparator()
        for name in VIEW_NAMES:
            self.addAction(actions[name])
        self.addSeparator()
        self.addAction(actions["toggle_boxes"])
        self.addSeparator()
        label = QLabel(" Mask opacity ")
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(round(opacity * 100))
        self.opacity.setMaximumWidth(120)
        self.opacity.setToolTip("How strongly the red mask covers the photo (the export is not affected)")
        self.opacity.setAccessibleName("Mask overlay opacity")
        label.setBuddy(self.opacity)
        self.opacity.valueChanged.connect(lambda v: self.opacity_changed.emit(v / 100.0))
        self.addWidget(label)
        self.addWidget(self.opacity)
        self.show_tool(actions["tool_select"].text())

    def show_tool(self, text: str) -> None:
        """Name the active tool ("Tool: Brush")."""
        self.active.setText(f"Tool: {text.replace('&', '').split(' /')[0]}")
