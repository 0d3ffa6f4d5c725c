"""Where a run's outputs go: a folder of files that mirrors the inputs (txt, md, json), or one
stream of JSON lines (jsonl: a file, or stdout).

Each destination says where an input's output goes, refuses before anything is written when a
file it would replace is not its own (`force` allows it), takes each outcome as it comes, and
ends with the failures report. A worker writes a folder's outputs itself; a stream's records
come back to the destination, which writes them in one place.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from ..errors import DeclutterError
from ..options import Options
from ..stages.write import SUFFIXES
from .batch import Outcome
from .outputs import (
    FAILURES,
    STDIN,
    Manifest,
    atomic_output,
    check_output_dir,
    check_writable,
    failure_record,
    remove_partial_files,
    run_key,
    shown,
    source_name,
    targets,
    write_atomically,
)

MAX_NAMED = 3  # files named in a refusal; the rest are counted
SAVE_EVERY, SAVE_EVERY_S = 500, 10.0  # the manifest is saved after this many outputs or seconds …
# … and saving it takes at most about this share of a run: the manifest of a folder of many
# thousand files is large, and writing it whole every SAVE_EVERY outputs made a run's time grow
# with the square of its files.
SAVE_SHARE = 0.05


def _refuse(found: list[str], why: str) -> None:
    if found:
        more = f" and {len(found) - MAX_NAMED} more" if len(found) > MAX_NAMED else ""
        raise DeclutterError(f"{', '.join(found[:MAX_NAMED])}{more}: {why}; nothing written (--force replaces "
                             "them)")


def _is_report(path: Path) -> bool:
    return is_record_file(path, ("path", "error"))


def is_record_file(path: Path, keys: tuple[str, ...]) -> bool:
    """Whether a file is one declutter wrote as JSON lines: its first line is an object with these keys."""
    try:
        with path.open("rb") as handle:
            first = handle.readline(1 << 20)
        record = json.loads(first)
    except (OSError, ValueError):
        return False
    return isinstance(record, dict) and all(key in record for key in keys)


class Destination:
    """What every destination shares: its format, options, failures report and force."""

    fmt: str
    root: Path  # what output paths are built on (a stream's are names only)
    returns_outputs = False  # outputs come back to take() as records, rather than written by workers

    def __init__(self, fmt: str, options: Options, failures: Path | None, force: bool) -> None:
        self.fmt, self.options, self.failures, self.force = fmt, options, failures, force
        self._stack = ExitStack()
        self.stale: list[str] = []  # outputs whose input no longer exists (a folder's; removed with prune)

    def claim(self, inputs: Iterable[Path]) -> None:
        """Check, before anything is cleaned or written, that every output may be written."""
        raise NotImplementedError

    def _claim_report(self) -> None:
        """The failures report (--failures FILE, else the default one) must be a file in a
        writable folder, and one of declutter's where a file is there already."""
        path = self.failures or self._default_failures()
        if path is None:
            return
        if path.is_dir():
            raise DeclutterError(f"the failures report {shown(path)} is a folder: name a file (--failures)")
        check_writable(path.parent)
        if not self.force and path.exists() and path.stat().st_size and not _is_report(path):
            _refuse([shown(path)], "not a failures report of declutter's")

    def claim_stdin(self) -> Path:
        """claim() for stdin as the one input; where its output goes."""
        raise NotImplementedError

    def up_to_date(self, source: Path, target: Path, template: frozenset[int]) -> bool:
        return False

    def take(self, outcome: Outcome, template: frozenset[int]) -> None:
        """One input's outcome, as it finishes (its output written by a worker, or its record)."""

    def put(self, outcome: Outcome, output: str) -> None:
        """One input's outcome with its output, written here."""
        raise NotImplementedError

    def open(self) -> None:
        """Start writing (a stream opens its file)."""

    def abort(self) -> None:
        """The run was interrupted: keep what is complete, remove what is not."""
        self._stack.close()

    def finish(self, failures: list[Outcome]) -> Path | None:
        """Complete the outputs and write the failures report (or remove a stale one); its path."""
        self._stack.close()
        default = self._default_failures()
        path = self.failures or default
        if path is None:
            return None
        if not failures:
            if path == default and path.is_file() and _is_report(path):
                path.unlink()  # a report from an earlier run no longer holds
            return None
        write_atomically(path, "".join(failure_record(o.source, o.problem) for o in sorted(failures, key=_by_source)))
        return path

    def _default_failures(self) -> Path | None:
        raise NotImplementedError


class Folder(Destination):
    """A folder of outputs mirroring the inputs' tree, with a manifest of what declutter wrote."""

    def __init__(self, outdir: Path, fmt: str, options: Options, *, failures: Path | None = None,
                 force: bool = False, prune: bool = False) -> None:
        super().__init__(fmt, options, failures, force)
        self.root, self.prune = outdir, prune
        self.manifest = Manifest(outdir, run_key(options, fmt))
        self._digests: dict[str, tuple[str, Path]] = {}  # input under way → its digest (taken before read), output
        self._since_saved, self._saved_at, self._save_took = 0, time.monotonic(), 0.0
        self._opened_ns = 0

    def claim(self, inputs: Iterable[Path]) -> None:
        inputs = list(inputs)
        check_output_dir(inputs, self.root)
        self._claim(targets(inputs, self.root, self.fmt))

    def claim_stdin(self) -> Path:
        target = self.root / f"stdin{SUFFIXES[self.fmt]}"
        self._claim([(STDIN, target)])
        return target

    def _claim(self, planned: Iterable[tuple[Path | str, Path]]) -> None:
        """Refuse a file where the folder goes, an output that would replace a file that declutter
        did not write or wrote from another input, a failures file of the user's; then make sure
        the folder can be written."""
        if self.root.exists() and not self.root.is_dir():
            raise DeclutterError(f"output folder {shown(self.root)} is a file: name a folder (or '-' for stdout, "
                                 "with one input)")
        self._claim_report()
        pairs = list(planned)
        foreign: list[str] = []
        others: list[str] = []
        if not self.force:
            for source, target in pairs:
                if not target.exists() or target.is_dir():
                    continue  # nothing to replace (a folder in the way fails that file's write)
                owner = self.manifest.owner(target)
                if owner is None:
                    foreign.append(shown(target))
                elif owner and owner != source_name(source):
                    others.append(f"{shown(target)} (made from {shown(owner)})")
        _refuse(foreign, "in the output folder and not written by declutter")
        _refuse(others, "written by declutter from another input")
        check_writable(self.root)
        for source, target in pairs:
            self.manifest.claim(source, target)
        self.manifest.save()  # the outputs are declutter's before any is written

    def up_to_date(self, source: Path, target: Path, template: frozenset[int]) -> bool:
        digest = self.manifest.digest(source, template)  # before it is read
        if not self.force and self.manifest.up_to_date(source, target, digest):
            return True
        self._digests[str(source)] = digest, target
        return False

    def open(self) -> None:
        self._opened_ns = time.time_ns()

    def take(self, outcome: Outcome, template: frozenset[int]) -> None:
        # Recorded, then forgotten as under way: a stop signal landing between the two leaves the
        # output to abort(), which records it again, rather than to neither.
        digest, _ = self._digests.get(outcome.source, (None, None))
        self.manifest.record(outcome.source, Path(outcome.target), digest if outcome.ok else None)
        self._digests.pop(outcome.source, None)
        self._since_saved += 1
        now = time.monotonic()
        if ((self._since_saved >= SAVE_EVERY or now - self._saved_at >= SAVE_EVERY_S)
                and now - self._saved_at >= self._save_took / SAVE_SHARE):
            self.manifest.save()  # a run killed on the way keeps what it did up to here
            self._saved_at = time.monotonic()
            self._since_saved, self._save_took = 0, self._saved_at - now

    def put(self, outcome: Outcome, output: str) -> None:
        write_atomically(Path(outcome.target), output)
        self.take(outcome, frozenset())

    def abort(self) -> None:
        """Outputs a worker completed as the run was stopped, before its outcome came back, are
        recorded too (written atomically, a file there since the run began is complete)."""
        for source, (digest, target) in self._digests.items():
            try:
                complete = target.stat().st_mtime_ns >= self._opened_ns
            except OSError:
                continue
            if complete:
                self.manifest.record(source, target, digest)
        self.manifest.save()
        remove_partial_files(self.root)
        super().abort()

    def finish(self, failures: list[Outcome]) -> Path | None:
        for name, _ in self.manifest.stale():
            if self.prune:
                (self.root / name).unlink(missing_ok=True)
                self.manifest.forget(name)
            self.stale.append(name)
        self.manifest.save()
        return super().finish(failures)

    def _default_failures(self) -> Path | None:
        return self.root / FAILURES


class Stream(Destination):
    """One stream of JSON lines (jsonl): a file, written atomically when the run ends, or stdout."""

    fmt = "jsonl"
    returns_outputs = True

    def __init__(self, path: Path | None, options: Options, *, failures: Path | None = None,
                 force: bool = False) -> None:
        super().__init__("jsonl", options, failures, force)
        self.path, self.root = path, Path(".")
        self.handle: TextIO | None = None

    def claim(self, inputs: Iterable[Path]) -> None:
        self._claim_report()
        if self.path is None:
            return
        if self.path.is_dir():
            raise DeclutterError(f"{shown(self.path)} is a folder: --format jsonl writes one file (name it, or '-' "
                                 "for stdout)")
        check_writable(self.path.parent)
        if self.path.exists() and not self.force and self.path.stat().st_size and not is_record_file(
                self.path, ("path",)):
            _refuse([shown(self.path)], "exists and is not declutter's JSON lines")

    def open(self) -> None:
        self.handle = sys.stdout if self.path is None else self._stack.enter_context(atomic_output(self.path))

    def abort(self) -> None:
        """The file's temporary copy goes; the file as it was stays."""
        self._stack.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)

    def claim_stdin(self) -> Path:
        self.claim(())
        return self.path or Path("-")

    def put(self, outcome: Outcome, output: str) -> None:
        self.take(replace(outcome, record=output), frozenset())

    def take(self, outcome: Outcome, template: frozenset[int]) -> None:
        assert self.handle is not None, "open() first"
        self.handle.write(outcome.record if outcome.record is not None else failure_record(outcome.source,
                                                                                           outcome.error))

    def _default_failures(self) -> Path | None:
        return None if self.path is None else self.path.parent / f"{self.path.stem}.failures.jsonl"


def _by_source(outcome: Outcome) -> str:
    return outcome.source


def destination(output: Path | None, fmt: str, options: Options, *, failures: Path | None = None,
                force: bool = False, prune: bool = False) -> Destination:
    """The destination of a run: a folder, or for jsonl a file (None or '-': stdout)."""
    if fmt == "jsonl":
        return Stream(None if output is None or str(output) == "-" else output, options, failures=failures,
                      force=force)
    if output is None:
        raise DeclutterError(f"--format {fmt} of several inputs needs an output folder")
    return Folder(output, fmt, options, failures=failures, force=force, prune=prune)
