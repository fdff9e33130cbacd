"""Shared by the window tests (imports nothing from Qt itself)."""

from __future__ import annotations


def shown(qtbot, window):
    """A fixture body: show ``window`` (a MainWindow), hand it to the test, then close it without
    asking about its edits and wait for its workers. Use as ``yield from shown(qtbot, w)``."""
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.session.mark_clean()
    window.close()
    window.workers.wait(30_000)
    window.deleteLater()
