"""Logging for the app and the command line, and the one way to quieten native model chatter.

Every module logs through ``logging.getLogger(__name__)``; nothing is printed unless ``configure``
was called (the ``rpipp`` command and the window call it once at start-up).

    configure(verbose=False)        level from ``verbose`` or ``RPIPP_LOG`` (debug, info, warning, error)
    native_output_to_log(what)      a block whose C/C++ writes to stderr (file descriptor 2) are
                                    captured and logged at DEBUG instead of reaching the terminal

MediaPipe and TensorFlow Lite print start-up lines ("Created TensorFlow Lite XNNPACK delegate",
absl feedback-manager warnings) straight to file descriptor 2, where ``logging`` and ``warnings``
cannot reach. Wrap the code that creates (and first runs) such a graph or interpreter in
``native_output_to_log``; with ``RPIPP_LOG=debug`` or ``--verbose`` the captured lines are shown.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import threading

ENV_VAR = "RPIPP_LOG"
LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}
ROOT = "rpipp_gui"
FORMAT = "rpipp: %(levelname)s: %(name)s: %(message)s"

log = logging.getLogger(__name__)


def level_from_env(default: int = logging.WARNING) -> int:
    """The level ``RPIPP_LOG`` names (case-insensitive), else ``default``."""
    return LEVELS.get(os.environ.get(ENV_VAR, "").strip().lower(), default)


def configure(verbose: bool = False, stream=None) -> int:
    """Send the app's log records to ``stream`` (stderr) at DEBUG with ``verbose``, else at the level
    of ``RPIPP_LOG`` (default WARNING). Idempotent: a second call only changes the level.
    Returns the level set."""
    level = logging.DEBUG if verbose else level_from_env()
    logger = logging.getLogger(ROOT)
    logger.setLevel(level)
    if not any(getattr(h, "_rpipp", False) for h in logger.handlers):
        handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
        handler.setFormatter(logging.Formatter(FORMAT))
        handler._rpipp = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.propagate = False
    os.environ.setdefault("GLOG_minloglevel", "0" if level <= logging.DEBUG else "2")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "0" if level <= logging.DEBUG else "2")
    return level


class _NativeCapture:
    """Process-wide: file descriptor 2 goes to a temporary file while at least one block is open.
    Blocks may nest and overlap across threads; the outermost exit restores fd 2 and logs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._saved: int | None = None
        self._file = None
        self._names: list[str] = []

    def enter(self, what: str) -> None:
        with self._lock:
            self._depth += 1
            self._names.append(what)
            if self._depth > 1:
                return
            try:
                saved = os.dup(2)
            except OSError:  # no stderr at all: nothing to capture
                return
            sys.stderr.flush()
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed in leave()
            os.dup2(self._file.fileno(), 2)
            self._saved = saved

    def leave(self) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth > 0:
                return
            names, self._names = self._names, []
            saved, captured = self._saved, self._file
            self._saved, self._file = None, None
            if saved is None or captured is None:
                return
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
        with captured:
            captured.seek(0)
            text = captured.read().decode("utf-8", "replace")
        lines = [line for line in text.splitlines() if line.strip()]
        if lines:
            log.debug("native output while %s:\n%s", ", ".join(sorted(set(names))), "\n".join(lines))


_capture = _NativeCapture()


@contextlib.contextmanager
def native_output_to_log(what: str = "loading a model"):
    """Capture what native code writes to stderr during the block and log it at DEBUG.

    what: the work, for the log line ("creating MediaPipe Pose"). Python exceptions propagate
    normally. While the block runs every thread's fd-2 output is captured, so keep it to the
    creation and first run of a graph or interpreter.
    """
    _capture.enter(what)
    try:
        yield
    finally:
        _capture.leave()
