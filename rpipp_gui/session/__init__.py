"""One open photo: image, people, selection, mask, style and undo history (Qt-free).

``Session`` holds the state and is edited on one thread; ``output`` renders and exports a
``Snapshot`` of it on any thread; ``store`` saves and loads session files.
"""

from rpipp_gui.session.history import History, MaskDelta, Step
from rpipp_gui.session.session import Session
from rpipp_gui.session.snapshot import Snapshot

__all__ = ["History", "MaskDelta", "Session", "Snapshot", "Step"]
