"""Pose for many face seeds at once.

MediaPipe 0.10.14 runs its pose graph on one CPU thread (XNNPACK's default outside Android and
iOS), so on a 2-core machine one pose crop at a time leaves a core idle: ~30 ms per crop. Two graphs
in two worker threads run two crops at a time, ~16 ms per crop. The finder's face seeds are taken
in order and each depends on the people accepted before it (a face someone already covers seeds
nobody), so ``PosePool.run_ahead`` computes the next seeds speculatively while the current one is
judged, and hands results back strictly in order: the people found are the same as with one worker.
"""

from __future__ import annotations

import collections
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

import numpy as np

from rpipp_gui.people.mp_models import MediaPipeModels

T = TypeVar("T")
R = TypeVar("R")


class PosePool:
    """``workers`` MediaPipe model sets, each used by one worker thread at a time.

    workers <= 1 runs everything in the caller's thread on ``models`` (no threads, no extra graphs).
    Models and threads are created on first use; each extra pose graph holds ~40 MB.
    """

    def __init__(self, workers: int, models: MediaPipeModels) -> None:
        self.workers = max(1, int(workers))
        self._main = models
        self._free: queue.SimpleQueue[MediaPipeModels] = queue.SimpleQueue()
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def _start(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                for _ in range(self.workers):
                    self._free.put(MediaPipeModels())
                self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="rpipp-pose")
            return self._executor

    def _call(self, fn: Callable[[MediaPipeModels, T], R], item: T) -> R:
        models = self._free.get()
        try:
            return fn(models, item)
        finally:
            self._free.put(models)

    def warm_up(self) -> None:
        """Load every worker's pose graph now (about 0.2 s each), e.g. at start-up."""
        if self.workers <= 1:
            return
        self._start()
        blank = np.full((64, 64, 3), 127, np.uint8)
        for _ in range(self.workers):  # the queue hands the models out in turn
            models = self._free.get()
            try:
                models.pose(blank)
            finally:
                self._free.put(models)

    def run_ahead(
        self, fn: Callable[[MediaPipeModels, T], R], items: Iterable[T], wanted: Callable[[T], bool]
    ) -> Iterator[tuple[T, R]]:
        """Yield ``(item, fn(models, item))`` in the order of ``items``, for each item that is
        ``wanted`` when its turn comes. While the caller handles one result, the workers already
        compute the next wanted items (judged wanted at that moment, and judged again at their
        turn; a result no longer wanted is dropped). Stopping the iteration early cancels the work
        not started yet. Exceptions of ``fn`` are raised here, at the item's turn."""
        if self.workers <= 1:
            for item in items:
                if wanted(item):
                    yield item, fn(self._main, item)
            return
        executor = self._start()
        source = iter(items)
        pending: collections.deque[tuple[T, Future]] = collections.deque()

        def fill() -> None:
            while len(pending) < self.workers:
                for item in source:
                    if wanted(item):
                        pending.append((item, executor.submit(self._call, fn, item)))
                        break
                else:
                    return

        try:
            fill()
            while pending:
                item, future = pending.popleft()
                fill()
                if wanted(item):
                    yield item, future.result()
                else:
                    future.cancel()
        finally:
            for _, future in pending:
                future.cancel()
