"""The Qt binding itself: guards against a PySide6 release that would crash the window later."""

from __future__ import annotations

import sys


def test_static_void_calls_keep_none_alive(qapp):
    """PySide6 6.12.0 returned None from static void methods without a reference, so every
    ``QCoreApplication.processEvents()`` took one reference from None and a long session (or the
    GUI benchmark's wait loop) aborted with "deallocating None". pyproject.toml excludes it."""
    from PySide6.QtCore import QCoreApplication

    before = sys.getrefcount(None)
    for _ in range(500):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents()
    assert sys.getrefcount(None) - before > -100
