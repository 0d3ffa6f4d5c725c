"""Folders: walk inputs lazily, clean them in parallel, write outputs atomically, collect failures."""

from __future__ import annotations

import json
import os
import signal
import stat
import tempfile
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path
from typing import TextIO

from .errors import DeclutterError
from .pipeline import Options, run, warm_up
from .rules import RuleBook
from .template import template_lines
from .writers import SUFFIXES, render

INPUT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"})
MAX_INPUT_BYTES = 200 * 1024 * 1024
DEFAULT_TIMEOUT_S = 120.0


class TimeLimit(BaseException):
    """Raised in a worker when one document takes too long (a BaseException, so that no
    library's `except Exception` swallows it)."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the block after `seconds` (Unix, main thread; elsewhere no limit)."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise TimeLimit()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def shown(path: str | Path) -> str:
    """A path as it can be printed, whatever bytes its name holds."""
    return os.fsencode(path).decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Job:
    source: str
    target: str
    fmt: str
    url: str | None
    options: Options
    template: frozenset[int] = frozenset()
    timeout: float | None = DEFAULT_TIMEOUT_S


@dataclass(frozen=True)
class Outcome:
    source: str
    target: str
    error: str | None = None
    kept: int = 0
    dropped: int = 0
    record: str | None = None  # the JSON line, for --format jsonl (written by the caller)

    @property
    def ok(self) -> bool:
        return self.error is None


def check_output_dir(inputs: Iterable[Path], outdir: Path) -> None:
    """Refuse an output folder that is, or is inside, an input folder: inputs are never written."""
    out = outdir.resolve()
    for source in inputs:
        if source.is_dir():
            folder = source.resolve()
            if out == folder or folder in out.parents:
                raise DeclutterError(f"output folder {outdir} is inside input folder {source}: "
                                     "choose an output folder outside the inputs")


def walk(inputs: Iterable[Path], outdir: Path, fmt: str) -> Iterator[tuple[Path, Path, frozenset[int]]]:
    """(input file, output file, template line numbers) lazily, one folder at a time.

    Folders are walked recursively and mirrored under outdir; the template lines of a file are
    lines that repeat across the clippings of its folder.
    """
    inputs = list(inputs)
    suffix = SUFFIXES[fmt]
    for source in inputs:
        prefix = Path(source.name) if len(inputs) > 1 else Path()
        if source.is_dir():
            for root, dirs, files in os.walk(source):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                paths = [Path(root, name) for name in sorted(files)
                         if Path(name).suffix.lower() in INPUT_SUFFIXES and not name.startswith(".")]
                stems = Counter(p.stem for p in paths)
                for path, keys in template_lines(paths).items():
                    # a.txt and a.md in one folder: a.txt.txt and a.md.txt rather than one overwriting the other
                    name = path.stem + suffix if stems[path.stem] == 1 else path.name + suffix
                    yield path, outdir / prefix / path.relative_to(source).with_name(name), keys
        else:
            yield source, outdir / Path(source.name).with_suffix(suffix), frozenset()


def newest_change(rule_dirs: Iterable[str | Path]) -> float:
    """When declutter's code, model or any rule file last changed: an output older than this is stale."""
    package = Path(__file__).resolve().parent
    paths = [*package.glob("*.py"), *package.glob("data/*"), *package.glob("ruledata/**/*.txt")]
    for folder in rule_dirs:
        paths += Path(folder).glob("**/*.txt")
    return max((p.stat().st_mtime for p in paths if p.is_file()), default=0.0)


def up_to_date(source: Path, target: Path, newest: float) -> bool:
    """The output exists and is newer than its input and than declutter's code and rules."""
    try:
        if not target.is_file() or target.samefile(source):
            return False  # never "up to date": processing refuses to overwrite the input
        return target.stat().st_mtime >= max(source.stat().st_mtime, newest)
    except OSError:
        return False


@contextmanager
def atomic_output(target: Path) -> Iterator[TextIO]:
    """A text file written through a temporary file in the same folder and renamed into place when
    the block ends; if it ends with an exception (Ctrl-C included), the target is left untouched."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes files private; outputs get the usual mode
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def write_atomically(target: Path, text: str) -> None:
    """Write a whole output at once: never a partial file."""
    with atomic_output(target) as handle:
        handle.write(text)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def read_input(path: Path) -> bytes:
    """The bytes of an input file, with errors a user can act on."""
    try:
        if not path.exists():
            if path.is_symlink():
                raise DeclutterError("broken or looping symbolic link")
            raise DeclutterError("file not found")
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise DeclutterError("not a regular file (a pipe, socket or device)")
        if info.st_size > MAX_INPUT_BYTES:
            raise DeclutterError(f"file larger than {MAX_INPUT_BYTES // 2**20} MB")
        return path.read_bytes()
    except OSError as exc:
        raise DeclutterError(f"cannot read: {exc.strerror or exc}") from None


def process(job: Job) -> Outcome:
    """Clean one file and write its output; every failure becomes a one-line error."""
    source, target = Path(job.source), Path(job.target)
    try:
        if target.exists() and target.resolve() == source.resolve():
            raise DeclutterError("output would overwrite the input")
        content = read_input(source)
    except DeclutterError as exc:
        return Outcome(job.source, job.target, error=str(exc))
    outcome, output = clean_content(job, content)
    if output is not None and job.fmt == "jsonl":
        return replace(outcome, record=output)
    return outcome if output is None else write_output(outcome, output)


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
    try:
        warm_up(job.options, rules=book is None)  # one-time loading is not the document's time
        with time_limit(job.timeout):
            doc = run(content, url=job.url, path=job.source, options=job.options, template=job.template, book=book)
            output = render(doc, job.fmt)
        kept = sum(1 for b in doc.blocks if b.kept)
        return Outcome(job.source, job.target, kept=kept, dropped=len(doc.blocks) - kept), output
    except DeclutterError as exc:
        error = str(exc)
    except TimeLimit:
        error = f"took longer than {job.timeout:g} s (--timeout); skipped"
    except RecursionError:
        error = "input nested too deeply to parse"
    except MemoryError:
        error = "out of memory on this input"
    except Exception as exc:  # a bug in declutter must not stop the batch; report it on one line
        error = f"internal error: {exc.__class__.__name__}: {exc}"
    return Outcome(job.source, job.target, error=error), None


def failure_record(outcome: Outcome) -> str:
    """A failure as one JSON line: {"path": …, "error": …}."""
    return json.dumps({"path": shown(outcome.source), "error": outcome.error}, ensure_ascii=False) + "\n"


def write_failures(path: Path, failures: list[Outcome]) -> None:
    """The failures report: one JSON line per failed input."""
    write_atomically(path, "".join(map(failure_record, failures)))


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


def remove_partial_files(outdir: Path) -> None:
    """Remove temporary files an interrupted run left under outdir (never a finished output)."""
    for path in outdir.rglob(".*.part"):
        try:
            path.unlink()
        except OSError:
            pass
