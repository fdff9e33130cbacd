"""Background work for the window: nothing heavy runs on the GUI thread.

Two pools: ``models`` has ONE thread, so the person finder, grounding engine and transcriber are
never used concurrently (and model loading happens there too); ``render`` has two threads for
preview rendering and export. Results and errors come back on the GUI thread through queued signals;
every failure is logged with its traceback (logger ``rpipp_gui.ui.workers``) before its ``on_error``
shows the message.
A job submitted with a ``key`` supersedes older jobs with the same key: their results are dropped.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(int, object)
    failed = Signal(int, object, str)


class _Job(QRunnable):
    def __init__(self, job_id: int, relay: _Relay, fn: Callable[..., Any], args: tuple) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._id, self._relay, self._fn, self._args = job_id, relay, fn, args

    def run(self) -> None:  # worker thread
        try:
            result = self._fn(*self._args)
        except BaseException as e:  # noqa: BLE001 - every failure must reach the window
            self._relay.failed.emit(self._id, e, traceback.format_exc())
        else:
            self._relay.done.emit(self._id, result)


@dataclass
class _Pending:
    name: str
    key: str | None
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None


class Workers(QObject):
    """Runs callables on worker threads; callbacks run on the GUI thread.

    Signals: ``busy(str)`` with the names of running jobs ("" when idle), ``error(str, object)``
    for failures that had no ``on_error`` (name, exception).
    """

    busy = Signal(str)
    error = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.models = QThreadPool(self)
        self.models.setMaxThreadCount(1)
        self.render = QThreadPool(self)
        self.render.setMaxThreadCount(2)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._latest: dict[str, int] = {}

    def submit(
        self,
        name: str,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        pool: str = "models",
        key: str | None = None,
        priority: int = 0,
    ) -> int:
        """Run ``fn(*args)`` on ``pool`` ("models" or "render"); returns the job id. Queued jobs
        with a higher ``priority`` start first (background warm-up uses a negative one)."""
        job_id = next(self._ids)
        self._pending[job_id] = _Pending(name, key, on_done, on_error)
        if key is not None:
            self._latest[key] = job_id
        target = self.models if pool == "models" else self.render
        target.start(_Job(job_id, self._relay, fn, args), priority)
        self._emit_busy()
        return job_id

    @property
    def running(self) -> list[str]:
        return [p.name for p in self._pending.values()]

    def is_idle(self) -> bool:
        return not self._pending

    def wait(self, msecs: int = 30000) -> bool:
        """Block until both pools are idle (shutdown and tests only)."""
        return self.models.waitForDone(msecs) and self.render.waitForDone(msecs)

    def _emit_busy(self) -> None:
        names = sorted(set(self.running))
        self.busy.emit(", ".join(names))

    def _take(self, job_id: int) -> _Pending | None:
        pending = self._pending.pop(job_id, None)
        self._emit_busy()
        if pending is None:
            return None
        if pending.key is not None and self._latest.get(pending.key) != job_id:
            return None  # superseded by a newer job with the same key
        return pending

    @Slot(int, object)
    def _on_done(self, job_id: int, result: object) -> None:
        pending = self._take(job_id)
        if pending is not None and pending.on_done is not None:
            pending.on_done(result)

    @Slot(int, object, str)
    def _on_failed(self, job_id: int, exc: object, tb: str) -> None:
        name = self._pending[job_id].name if job_id in self._pending else "a background job"
        log.error("%s failed:\n%s", name, tb.rstrip())  # the message bar shows one line, the log all
        pending = self._take(job_id)
        if pending is None:
            return
        if pending.on_error is not None:
            pending.on_error(exc)  # type: ignore[arg-type]
        else:
            self.error.emit(pending.name, exc)
