"""Cleaning many files on this machine: jobs, worker processes, outcomes as files finish."""

from __future__ import annotations

import os
import pickle
import signal
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from ..deadline import TimeLimit
from ..errors import DeclutterError
from ..options import Options
from ..pipeline import clean_input
from ..rules import RuleBook
from ..stages.write import render
from .outputs import read_input, real_path, remove_partial, shown, write_atomically


@dataclass(frozen=True)
class Job:
    source: str
    target: str
    fmt: str
    url: str | None
    options: Options
    template: frozenset[int] = frozenset()
    returned: bool = False  # the output comes back as the outcome's record (a stream), not written to target


@dataclass(frozen=True)
class Outcome:
    source: str
    target: str
    error: str | None = None
    kept: int = 0
    dropped: int = 0
    record: str | None = None  # the output, for a job whose output is returned (a stream's JSON line)
    warnings: tuple[str, ...] = ()  # what the user should know of this file's cleaning
    empty: str | None = None  # why the output holds (next to) no article, though it was written

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def problem(self) -> str | None:
        """What the failures report says of this file: its error, or that no article was found."""
        return self.error or (f"empty: {self.empty}" if self.empty else None)


def process(job: Job) -> Outcome:
    """Clean one file and write its output; every failure becomes a one-line error."""
    source, target = Path(job.source), Path(job.target)
    try:
        if target.exists() and real_path(target) == real_path(source):
            raise DeclutterError("output would overwrite the input")
        content = read_input(source)
    except DeclutterError as exc:
        return Outcome(job.source, job.target, error=str(exc))
    try:
        outcome, output = clean_content(job, content)
    except TimeLimit:  # delivered just past the cleaning's own guard: this file's failure, not the batch's
        return Outcome(job.source, job.target, error="took longer than the time limit (--timeout); skipped")
    return deliver(job, outcome, output)


def deliver(job: Job, outcome: Outcome, output: str | None) -> Outcome:
    """A cleaned output returned in its outcome or written to its target, as the job asks."""
    if output is None:
        return outcome
    return replace(outcome, record=output) if job.returned else write_output(outcome, output)


def write_output(outcome: Outcome, output: str) -> Outcome:
    """Write a cleaned output; a write that fails (permissions, full disk, a folder in the way)
    turns the outcome into a failure instead of stopping the batch."""
    if _stopping:  # in a worker told to stop (its SystemExit swallowed by a finalizer): nothing more is written
        raise SystemExit(128 + signal.SIGTERM)
    try:
        write_atomically(Path(outcome.target), output)
    except OSError as exc:
        return Outcome(outcome.source, outcome.target, error=f"cannot write {shown(outcome.target)}: "
                                                             f"{exc.strerror or exc}")
    return outcome


def clean_content(job: Job, content: bytes, book: RuleBook | None = None) -> tuple[Outcome, str | None]:
    """Clean one input's bytes: its outcome and rendered output (None when it failed).

    Pure (no file access), so that it runs wherever the bytes are sent: a worker process or a
    cluster node, with the rules loaded there or handed over as `book`.
    """
    cleaned = clean_input(content, url=job.url, path=job.source, options=job.options, book=book,
                          template_lines=job.template)
    if cleaned.doc is None:
        return Outcome(job.source, job.target, error=cleaned.error), None
    try:
        output = render(cleaned.doc, job.fmt, job.options)
    except Exception as exc:  # a writer's bug fails this file, not the batch
        return Outcome(job.source, job.target, error=f"internal error: {exc.__class__.__name__}: {exc}"), None
    kept = sum(1 for b in cleaned.doc.blocks if b.kept)
    return Outcome(job.source, job.target, kept=kept, dropped=len(cleaned.doc.blocks) - kept,
                   warnings=tuple(cleaned.doc.warnings), empty=cleaned.doc.empty), output


GRACE_S = 10.0  # past its time limit and this, a worker is ended (its file runs in C code no limit reaches)
PARENT_CHECK_S = 1.0  # an idle worker looks this often whether the run that started it is still there
QUEUED = 2  # jobs a worker holds at once: the next one waits in its pipe, so it never waits for this process
# A larger job is sent only to an idle worker. Two queued jobs must fit in the smallest pipe buffers
# (8 KB: macOS's sockets, Windows' pipes), so that a send to a busy worker never blocks: blocked,
# it would wait forever on a worker blocked sending a large outcome. (Jobs of 2,814 benchmark
# clippings: 500 bytes typically, 1,964 at most.)
QUEUED_BYTES = 2048


def run_batch(jobs: Iterable[Job], workers: int = 1, timeout: float | None = None) -> Iterator[Outcome]:
    """Outcomes as files finish (in any order when workers > 1).

    With a time limit, or more than one worker, files are cleaned in worker processes that this
    one watches: a worker still on one file past its limit and a grace period (a regular
    expression or a parser in C, where the limit cannot reach) is ended, its file reported, and a
    new worker started; a worker that dies (out of memory) fails its file alone. When every job
    is done the workers are told to finish and are waited for.
    """
    if workers <= 1 and timeout is None:
        yield from map(process, jobs)
        return
    yield from _Workers(max(1, workers), None if timeout is None else timeout + GRACE_S).run(jobs)


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    jobs: deque[Job] = field(default_factory=deque)  # sent to it, in order; the first is under way
    started: float = 0.0  # when the first began (about: when the one before it was done)


class _Workers:
    """Worker processes, each given its jobs over its own pipe (the next one queued behind the one
    under way), and watched."""

    def __init__(self, count: int, deadline: float | None) -> None:
        self.count, self.deadline = count, deadline
        self.context: Any = get_context("spawn" if os.name == "nt" else "fork")
        self.workers: list[_Worker] = []
        self.returned: deque[Job] = deque()  # jobs to give before the pending ones (a stopped worker's queue)

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        pending = iter(jobs)
        try:
            self.workers = [self._start() for _ in range(self.count)]
            for worker in self.workers:
                self._give(worker, pending)
            while busy := [w for w in self.workers if w.jobs]:
                for worker in self._ready(busy):
                    yield self._finished(worker)
                    self._give(worker, pending)
                for worker in self._overdue(busy):
                    yield self._stop(worker, "took longer than the time limit (--timeout) in code it cannot "
                                             "interrupt; its worker was ended")
                    self._give(worker, pending)
            for worker in self.workers:  # all done: told to finish, and waited for
                try:
                    worker.connection.send(None)
                except OSError:
                    pass  # it has ended already (killed while idle)
            for worker in self.workers:
                worker.process.join()
        except BaseException:
            for worker in self.workers:
                if worker.process.is_alive():
                    worker.process.terminate()  # SIGTERM: a busy worker unwinds its half-written file
            for worker in self.workers:
                worker.process.join(GRACE_S)
                if worker.process.is_alive():  # stuck in C code past the grace period: ended
                    worker.process.kill()
                    worker.process.join()
                    if worker.jobs:  # the first is under way: its output may be half-written
                        remove_partial(Path(worker.jobs[0].target))
            raise

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        others = [w.connection for w in self.workers if not w.connection.closed] + [parent]
        process = self.context.Process(target=_serve, args=(child, others), name="declutter worker", daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def _give(self, worker: _Worker, pending: Iterator[Job]) -> None:
        """Fill the worker's queue; a large job waits for an idle worker (no two sends may block
        each other). A worker found dead as a job is sent keeps it for the next: one with jobs
        under way is replaced when its pipe closes (_finished), an idle one at once."""
        restarted = False
        while len(worker.jobs) < QUEUED:
            job = self.returned.popleft() if self.returned else next(pending, None)
            if job is None:
                return
            message = pickle.dumps(job, pickle.HIGHEST_PROTOCOL)
            if worker.jobs and len(message) > QUEUED_BYTES:
                self.returned.appendleft(job)
                return
            try:
                worker.connection.send_bytes(message)
            except OSError:  # it died since its last outcome (a file that killed it, out of memory)
                self.returned.appendleft(job)
                if worker.jobs or restarted:
                    return
                self._replace(worker)
                restarted = True
                continue
            if not worker.jobs:
                worker.started = time.monotonic()
            worker.jobs.append(job)

    def _ready(self, busy: list[_Worker]) -> list[_Worker]:
        wait_s = None
        if self.deadline is not None:
            wait_s = max(0.0, min(w.started for w in busy) + self.deadline - time.monotonic())
        ready = set(wait([w.connection for w in busy], timeout=wait_s))
        return [w for w in busy if w.connection in ready]

    def _overdue(self, busy: list[_Worker]) -> list[_Worker]:
        if self.deadline is None:
            return []
        now = time.monotonic()
        return [w for w in busy if w.jobs and now - w.started > self.deadline]

    def _finished(self, worker: _Worker) -> Outcome:
        try:
            outcome: Outcome = worker.connection.recv()
        except (EOFError, OSError):
            return self._stop(worker, "its worker process ended while cleaning it (out of memory?)")
        worker.jobs.popleft()
        worker.started = time.monotonic()
        return outcome

    def _stop(self, worker: _Worker, why: str) -> Outcome:
        """End a worker (stuck or dead), report its file, give the jobs queued behind it to
        others, and put a new worker in its place."""
        job = worker.jobs.popleft()
        self._replace(worker)  # ended before its partial output is removed
        remove_partial(Path(job.target))
        return Outcome(job.source, job.target, error=why)

    def _replace(self, worker: _Worker) -> None:
        """End a worker (if it has not ended) and start a new one in its place; the jobs it was
        sent go to the next worker given jobs."""
        worker.process.kill()
        worker.process.join()
        worker.connection.close()
        self.returned.extendleft(reversed(worker.jobs))
        fresh = self._start()
        worker.process, worker.connection, worker.jobs = fresh.process, fresh.connection, deque()


def _serve(connection: Connection, parents_ends: list[Connection]) -> None:
    """A worker's life: clean the jobs it is given, one at a time, until told to finish, or until
    the parent is gone (killed: then nothing waits for the worker's answers)."""
    _ignore_interrupts()
    for end in parents_ends:  # inherited by the fork; held here, they would keep a dead parent's pipes open
        end.close()
    parent = os.getppid()
    try:
        while True:
            while not connection.poll(PARENT_CHECK_S):
                if os.getppid() != parent:
                    return
            job = connection.recv()
            if job is None:
                return
            connection.send(_work(job))
            if _stopping:  # told to stop while its SystemExit was swallowed (see _exit_cleanly)
                os._exit(128 + signal.SIGTERM)
    except (EOFError, OSError):
        return


_busy = False  # in a worker: whether it is cleaning a file (which may have a half-written output)
_stopping = False  # in a worker: whether SIGTERM has come


def _work(job: Job) -> Outcome:
    """process() in a worker: stopped by SIGTERM while busy, the worker unwinds (removing a
    half-written temporary file), then leaves at once."""
    global _busy
    _busy = True
    try:
        return process(job)
    except SystemExit as stop:
        os._exit(stop.code if isinstance(stop.code, int) else 1)
    finally:
        _busy = False


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool and reports once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_cleanly)
    sys.unraisablehook = _unraisable


def _unraisable(unraisable: Any) -> None:
    """A worker's SystemExit that a finalizer swallowed is no traceback for the user (see
    _exit_cleanly); anything else is reported as Python reports it."""
    if not isinstance(unraisable.exc_value, SystemExit):
        sys.__unraisablehook__(unraisable)


def _exit_cleanly(signum, frame) -> None:
    """SIGTERM in a worker: unwind a file being cleaned; an idle worker leaves at once (unwinding
    through the pool's own code could wait forever on a queue lock the parent holds). A SystemExit
    raised while a finalizer runs (an object's __del__) is printed and dropped by Python: the
    worker then stops before writing its file (write_output), or leaves after it (_serve)."""
    global _stopping
    _stopping = True
    if _busy:
        raise SystemExit(128 + signum)
    os._exit(128 + signum)


