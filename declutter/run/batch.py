"""Cleaning many files on this machine: jobs, worker processes, outcomes as files finish."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path

from ..deadline import TimeLimit
from ..errors import DeclutterError
from ..options import Options
from ..pipeline import clean_input
from ..rules import RuleBook
from ..stages.write import render
from .outputs import read_input, shown, write_atomically


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

    @property
    def ok(self) -> bool:
        return self.error is None


def process(job: Job) -> Outcome:
    """Clean one file and write its output; every failure becomes a one-line error."""
    source, target = Path(job.source), Path(job.target)
    try:
        if target.exists() and target.resolve() == source.resolve():
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
                   warnings=tuple(cleaned.doc.warnings)), output


def run_batch(jobs: Iterable[Job], workers: int = 1) -> Iterator[Outcome]:
    """Outcomes as files finish (in any order when workers > 1).

    When every job is done the workers are told to finish and are waited for; only an
    interruption (or a consumer that stops early) terminates them.
    """
    if workers <= 1:
        yield from map(process, jobs)
        return
    pool = get_context("spawn" if os.name == "nt" else "fork").Pool(workers, initializer=_ignore_interrupts)
    try:
        yield from pool.imap_unordered(_work, jobs, chunksize=16)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


_busy = False  # in a worker: whether it is cleaning a file (which may have a half-written output)


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


def _exit_cleanly(signum, frame) -> None:
    """SIGTERM in a worker: unwind a file being cleaned; an idle worker leaves at once (unwinding
    through the pool's own code could wait forever on a queue lock the parent holds)."""
    if _busy:
        raise SystemExit(128 + signum)
    os._exit(128 + signum)


