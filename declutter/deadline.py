"""A time limit for one input that works in any thread: a Dask worker's, a process pool's, the main one.

When the time is up, a timer thread raises TimeLimit in the thread doing the work (CPython's
asynchronous exception: delivered at the next Python instruction, so a long call into C code,
such as parsing a huge page, ends first). Signals would only reach the main thread. It is
never raised while the thread is importing a module: an import cut short leaves the module's
import lock to every other thread's wait, forever; it comes as soon as the import is done.
A batch run adds a guarantee for what runs in C (run/batch.py: a worker past its time is ended).
"""

from __future__ import annotations

import ctypes
import sys
import threading
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


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimit in this thread if the block runs longer than `seconds` (None or 0: no limit).

    Catch TimeLimit outside the `with`: it may arrive as the block ends. Once the block has
    ended, it never arrives later.
    """
    if not seconds:
        yield
        return
    worker, lock, done = threading.get_ident(), threading.Lock(), threading.Event()
    state = {"active": True, "fired": False}

    def watch() -> None:
        wait = seconds
        while not done.wait(wait):
            wait = RETRY_S  # until the block has ended
            with lock:
                if not state["active"]:
                    return
                if _importing(worker):
                    continue  # after the import, not inside it
                state["fired"] = True
                _raise_in(worker, TimeLimit)

    watcher = threading.Thread(target=watch, name="declutter time limit", daemon=True)
    try:
        watcher.start()  # inside the try: a short limit may fire before start() returns
        yield
    finally:
        late = False
        while True:  # a TimeLimit delivered during this cleanup must not cut it short, or the
            try:     # watcher would go on raising in this thread, whatever it does next
                done.set()
                with lock:
                    state["active"] = False
                    if state["fired"]:
                        _raise_in(worker, None)  # raised but not yet delivered: withdrawn
                break
            except TimeLimit:
                late = True
        if late:
            raise TimeLimit
