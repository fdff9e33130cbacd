"""Model runs of the people finder computed ahead on worker threads, results handed back in order.

MediaPipe 0.10.14 runs its pose graph on one CPU thread (XNNPACK's default outside Android and
iOS), so on a 2-core machine one pose crop at a time leaves a core idle: ~30 ms per crop; two graphs
in two worker threads run two crops at a time, ~16 ms per crop. Likewise CenterFace on the small
crops that confirm small faces: two single-threaded sessions side by side check a crop every ~7 ms,
one session on two threads every ~8-12 ms (its threads wait for each other at every layer).

The finder takes its face seeds and small-face candidates in order, and each depends on what was
accepted before it (a face someone already covers seeds nobody; a candidate inside a confirmed face
is not checked), so ``WorkerPool.run_ahead`` computes the next items speculatively while the
current one is judged, and hands the results back strictly in order: what is found is the same as
with one worker.
"""

from __future__ import annotations

import collections
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Generic, TypeVar

M = TypeVar("M")  # a model (or set of models) that one thread uses at a time
T = TypeVar("T")
R = TypeVar("R")


class WorkerPool(Generic[M]):
    """``workers`` models made by ``make``, each used by one worker thread at a time.

    workers <= 1 runs everything in the caller's thread on ``main`` (no threads, no extra models).
    main_works: ``main`` is one of the workers' models (``workers - 1`` are made): one model fewer
    to create (a MediaPipe pose graph: ~0.25 s), for a model that is safe to call from several
    threads (it serialises its own calls) and that the caller also uses between runs.
    Models and threads are created on first use.
    """

    def __init__(
        self,
        workers: int,
        make: Callable[[], M],
        main: M,
        name: str = "rpipp-worker",
        main_works: bool = False,
    ) -> None:
        self.workers = max(1, int(workers))
        self._make = make
        self._main = main
        self._main_works = main_works
        self._name = name
        self._free: queue.SimpleQueue[M] = queue.SimpleQueue()
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def _start(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                if self._main_works:
                    self._free.put(self._main)
                for _ in range(self.workers - self._main_works):
                    self._free.put(self._make())
                self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix=self._name)
            return self._executor

    def _call(self, fn: Callable[[M, T], R], item: T) -> R:
        model = self._free.get()
        try:
            return fn(model, item)
        finally:
            self._free.put(model)

    def warm_up(self, load: Callable[[M], object]) -> None:
        """Call ``load(model)`` once on every worker's model now (e.g. a run on a blank image, so
        that the first photo does not pay for loading them)."""
        if self.workers <= 1:
            return
        self._start()
        for _ in range(self.workers):  # the queue hands the models out in turn
            model = self._free.get()
            try:
                load(model)
            finally:
                self._free.put(model)

    def run_ahead(
        self, fn: Callable[[M, T], R], items: Iterable[T], wanted: Callable[[T], bool]
    ) -> Iterator[tuple[T, R]]:
        """Yield ``(item, fn(model, item))`` in the order of ``items``, for each item that is
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
