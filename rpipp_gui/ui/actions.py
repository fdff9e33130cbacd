"""Menus, actions and shortcuts: every command of the window is one QAction in a menu.

``build_actions(window)`` creates the actions, connects each to the window's handler of the same
name (``window.on_<name>``) and fills the menu bar. Returns the actions by name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

Std = QKeySequence.StandardKey

# name, menu text, shortcut(s), checkable
MENUS: dict[str, list[tuple[str, str, tuple, bool] | None]] = {
    "&File": [
        ("open", "&Open Photo…", (Std.Open,), False),
        ("open_session", "Open &Session…", ("Ctrl+Shift+O",), False),
        None,
        ("save_session", "&Save Session", (Std.Save,), False),
        ("save_session_as", "Save Session &As…", ("Ctrl+Shift+S",), False),
        None,
        ("export", "&Export", ("Ctrl+E",), False),
        ("export_as", "Export &As…", ("Ctrl+Shift+E",), False),
        ("export_mask", "Export &Mask…", ("Ctrl+Alt+E",), False),
        None,
        ("install_launcher", "Install Desktop &Launcher", (), False),
        ("settings", "Se&ttings…", ("Ctrl+,",), False),
        None,
        ("quit", "&Quit", ("Ctrl+Q",), False),
    ],
    "&Edit": [
        ("undo", "&Undo", ("Ctrl+Z",), False),
        ("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), False),
        None,
        ("grow", "&Grow Mask", ("Ctrl+G",), False),
        ("shrink", "S&hrink Mask", ("Ctrl+Shift+G",), False),
        ("feather", "&Feather Edge", ("Ctrl+Alt+F",), False),
        ("fill_holes", "Fill &Holes", ("Ctrl+H",), False),
        ("invert", "&Invert Mask", ("Ctrl+I",), False),
        ("clear", "&Clear Mask", ("Ctrl+Shift+Backspace",), False),
    ],
    "&Tools": [
        ("tool_select", "&Select / Pan", ("V",), True),
        ("tool_brush", "&Brush", ("B",), True),
        ("tool_eraser", "&Eraser", ("E",), True),
        ("tool_box", "Bo&x Prompt", ("R",), True),
        ("tool_lasso", "&Lasso", ("L",), True),
        None,
        ("brush_bigger", "Bigger Brush", ("]",), False),
        ("brush_smaller", "Smaller Brush", ("[",), False),
    ],
    "&View": [
        ("zoom_in", "Zoom &In", ("Ctrl++", "Ctrl+="), False),
        ("zoom_out", "Zoom &Out", ("Ctrl+-",), False),
        ("zoom_fit", "&Fit to Window", ("Ctrl+0",), False),
        ("zoom_actual", "&Actual Size (100%)", ("Ctrl+1",), False),
        None,
        ("view_original", "&Original", ("O",), True),
        ("view_preview", "&Protected Preview", ("P",), True),
        ("view_split", "&Split", ("S",), True),
        None,
        ("toggle_boxes", "Show People &Boxes", ("Ctrl+B",), True),
    ],
    "&Command": [
        ("focus_command", "&Type a Command", ("Ctrl+L",), False),
        ("talk", "&Hands-free Listening", ("Ctrl+M",), False),
        ("detect", "Find &People Again", ("Ctrl+R",), False),
    ],
    "&Help": [
        ("shortcuts", "&Keyboard Shortcuts", ("F1",), False),
        ("examples", "&Example Sentences", (), False),
        None,
        ("about", "&About RPIPP", (), False),
    ],
}


# Keys a text field keeps for editing text while its text has unsent edits; once the text is empty
# or was sent (unchanged since), they undo and redo the mask.
TEXT_EDITING = {"undo", "redo"}


def window_shortcuts(actions: dict[str, QAction], names=None) -> list[QKeySequence]:
    """The Ctrl/Alt shortcuts that must reach the window even while the command field has the
    focus (Ctrl+E exports after typing a sentence); plain letters stay text. ``names``: only these
    actions (default: all but undo/redo)."""
    keys = []
    for name, action in actions.items():
        if (name in TEXT_EDITING) if names is None else (name not in names):
            continue
        for seq in action.shortcuts():
            combo = seq[0] if seq.count() else None
            if combo is not None and combo.keyboardModifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            ):
                keys.append(seq)
    return keys


def build_actions(window: QMainWindow) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    bar = window.menuBar()
    for title, entries in MENUS.items():
        menu = bar.addMenu(title)
        for entry in entries:
            if entry is None:
                menu.addSeparator()
                continue
            name, text, keys, checkable = entry
            action = QAction(text, window)
            if keys:
                # one binding per key: a key bound twice makes Qt refuse both ("Ambiguous shortcut")
                seqs = list(dict.fromkeys(QKeySequence(k).toString() for k in keys))
                action.setShortcuts([QKeySequence(k) for k in seqs])
                action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({seqs[0]})")
            action.setCheckable(checkable)
            handler = getattr(window, f"on_{name}")
            action.triggered.connect(lambda _checked=False, h=handler: h())
            menu.addAction(action)
            window.addAction(action)  # shortcuts work even with the menu bar hidden
            actions[name] = action
        if title == "&File":
            recent = QMenu("Open &Recent", window)
            menu.insertMenu(actions["open_session"], recent)
            window.recent_menu = recent
    for prefix in ("tool_", "view_"):
        group = QActionGroup(window)
        group.setExclusive(True)
        for name, action in actions.items():
            if name.startswith(prefix):
                group.addAction(action)
    actions["tool_select"].setChecked(True)
    actions["view_original"].setChecked(True)
    actions["toggle_boxes"].setChecked(True)
    return actions


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every command with a key: the Help > Keyboard Shortcuts sheet."""
    rows = []
    for title, entries in MENUS.items():
        for entry in entries:
            if entry is None or not entry[2]:
                continue
            _name, text, keys, _checkable = entry
            shown = dict.fromkeys(
                QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys
            )
            rows.append((title.replace("&", ""), text.replace("&", "").rstrip("…"), ", ".join(shown)))
    return rows
