"""Help sheets: the keyboard shortcuts (from the menus' own table, so they never drift) plus the
canvas gestures, and example sentences of what the app understands."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from rpipp_gui.ui.actions import shortcut_rows

# Keys and gestures that are not menu commands.
GESTURES: tuple[tuple[str, str], ...] = (
    ("Pan the photo", "Space + drag, or middle-button drag (any tool)"),
    ("Zoom", "Mouse wheel"),
    ("Talk (push-to-talk)", "Hold {talk} on the photo (Settings: Talk key), or hold the Talk button"),
    ("Send the sentence", "Enter in the command field"),
    ("Back to the photo from the command field", "Esc"),
    ("Undo / redo the mask from the command field", "Ctrl+Z / Ctrl+Shift+Z once the text is sent or empty"),
    ("Move the split view's handle", "Drag the Original | Protected handle"),
    ("Close a lasso", "Double-click or Enter"),
    ("Cancel a shape being drawn", "Esc on the photo"),
)

# What the sentence parser understands, by kind, each with sentences it resolves.
EXAMPLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Position", ("the person on the left", "the man in the middle", "the second person from the right")),
    (
        "Looks and clothes",
        ("the man in the red jacket", "the woman with the black hat", "the one in blue jeans"),
    ),
    ("Size, posture, distance", ("the tallest person", "the person sitting down", "the one in front")),
    ("Several people", ("both kids", "everyone", "everyone except the bride", "the two people on the right")),
    (
        "A style in the words",
        ("blur the man on the left", "pixelate the second person", "black out everyone"),
    ),
    ("Faces only", ("blur the face of the woman on the right", "hide the faces of everyone")),
    ("By number", ("hide #2", "person 3")),
)


def shortcuts_html(talk_key: str = "T") -> str:
    rows = [(menu, command, keys) for menu, command, keys in shortcut_rows()]
    body = "".join(
        f"<tr><td>{html.escape(c)}</td><td><b>{html.escape(k)}</b></td><td>{html.escape(m)}</td></tr>"
        for m, c, k in rows
    )
    gestures = "".join(
        f"<tr><td>{html.escape(what)}</td><td><b>{html.escape(how.format(talk=talk_key))}</b></td>"
        "<td>Photo</td></tr>"
        for what, how in GESTURES
    )
    return (
        "<h3>Keyboard shortcuts</h3><p>Ctrl and Alt shortcuts work while you type in the command field;"
        " single letters are text there (press Esc first).</p>"
        f"<table cellspacing='4'>{gestures}{body}</table>"
    )


def examples_html(talk_key: str = "T") -> str:
    parts = [
        f"<h3>What you can say</h3><p>Say (hold {html.escape(talk_key)} or the Talk button)"
        " or type who to hide, then Enter. "
        "When the words fit nobody the mask stays as it was and the result line says so.</p>"
    ]
    for kind, sentences in EXAMPLES:
        items = "".join(f"<li>“{html.escape(s)}”</li>" for s in sentences)
        parts.append(f"<p><b>{html.escape(kind)}</b></p><ul>{items}</ul>")
    return "".join(parts)


def sheet(parent, title: str, text: str) -> QDialog:
    """A non-modal dialog showing ``text`` (HTML)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    layout = QVBoxLayout(dialog)
    view = QTextBrowser()
    view.setHtml(text)
    view.setAccessibleName(title)
    layout.addWidget(view)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Close")
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(620, 560)
    return dialog


def show_shortcuts(parent, talk_key: str = "T") -> QDialog:
    d = sheet(parent, "Keyboard Shortcuts", shortcuts_html(talk_key))
    d.show()
    return d


def show_examples(parent, talk_key: str = "T") -> QDialog:
    d = sheet(parent, "Example Sentences", examples_html(talk_key))
    d.show()
    return d
