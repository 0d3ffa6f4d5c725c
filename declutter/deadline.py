"""A time limit for one input that works in any thread: a Dask worker's, a process pool's, the main one.

When the time is up, a watcher thread raises TimeLimit in the thread doing the work (CPython's
asynchronous exception: delivered at the next Python instruction, so a long call into C code,
such as parsing a huge page, ends first). Signals would only reach the main thread. It is
never raised while the thread is importing a module: an import cut short leaves the module's
import lock to every other thread's wait, forever; it comes as soon as the import is done.
A batch run adds a guarantee for what runs in C (run/batch.py: a worker past its time is ended).
One watcher thread per process serves every limit (starting a thread per input cost 5% of a
clipping's time); a process forked from this one starts its own when it first needs it.
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class TimeLimit(BaseException):
    """Raised in the working thread when one input takes too long (a BaseException, so that no
    library's `except Exception` swallows it)."""


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Ask CPython to raise `exception` in a thread (None withdraws a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               None if exception is None else ctypes.py_object(exception))


RETRY_S = 0.05  # an exception that lands where Python ignores it (a __del__, a weakref callback) is raised again


def _importing(thread_id: int) -> bool:
    """Whether a thread is inside the import machinery (holding or waiting for a module's lock)."""
    frame = sys._current_frames().get(thread_id)
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


class _Limit:
    """One block's limit: whose thread, and whether it is still running or has been fired at."""

    __slots__ = ("worker", "active", "fired")

    def __init__(self, worker: int) -> None:
        self.worker, self.active, self.fired = worker, True, False


class _Watcher:
    """The process's one watcher: a heap of (when, order, limit), served by a daemon thread that
    sleeps until the earliest is due. A fired limit stays on the heap, RETRY_S later, until its
    block ends (an exception that lands where Python ignores it is raised again). An ended
    block's entry stays until it comes due too: the watcher is woken only for an earlier limit,
    so the heap holds at most the limits begun within one time limit's span."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.heap: list[tuple[float, int, _Limit]] = []
        self.order = itertools.count()
        self.thread: threading.Thread | None = None

    def add(self, limit: _Limit, seconds: float) -> None:
        with self.lock:
            heapq.heappush(self.heap, (time.monotonic() + seconds, next(self.order), limit))
            if self.thread is None:
                self.thread = threading.Thread(target=self._watch, name="declutter time limit", daemon=True)
                self.thread.start()
            if self.heap[0][2] is limit:  # due before what the watcher sleeps for; else it is left asleep
                self.lock.notify()        # (woken for every input, it cost about 4% of a clipping's CPU time)

    def _watch(self) -> None:
        with self.lock:
            while True:
                while self.heap and not self.heap[0][2].active:
                    heapq.heappop(self.heap)  # ended blocks
                if not self.heap:
                    self.lock.wait()
                    continue
                wait = self.heap[0][0] - time.monotonic()
                if wait > 0:
                    self.lock.wait(wait)
                    continue
                _, _, limit = heapq.heappop(self.heap)
                if not _importing(limit.worker):  # after an import, not inside it
                    limit.fired = True
                    _raise_in(limit.worker, TimeLimit)
                heapq.heappush(self.heap, (time.monotonic() + RETRY_S, next(self.order), limit))


_watcher = _Watcher()


def _new_watcher() -> None:
    global _watcher
    _watcher = _Watcher()  # a forked child has none of its parent's threads


os.register_at_fork(after_in_child=_new_watcher)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimit in this thread if the block runs longer than `seconds` (None or 0: no limit).

    Catch TimeLimit outside the `with`: it may arrive as the block ends. Once the block has
    ended, it never arrives later.
    """
    if not seconds:
        yield
        return
    watcher, limit = _watcher, _Limit(threading.get_ident())
    try:
        watcher.add(limit, seconds)  # inside the try: a short limit may fire before add() returns
        yield
    finally:
        late = False
        while True:  # a TimeLimit delivered during this cleanup must not cut it short, or the
            try:     # watcher would go on raising in this thread, whatever it does next
                with watcher.lock:
                    limit.active = False
                    if limit.fired:
                        _raise_in(limit.worker, None)  # raised but not yet delivered: withdrawn
                break
            except TimeLimit:
                late = True
        if late:
            raise TimeLimit
