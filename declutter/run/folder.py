"""Cleaning files and folders into a destination: what `declutter clean` does, as a library function.

    from declutter.run.folder import clean_paths
    from declutter.run.destinations import destination
    summary = clean_paths([Path("clippings")], destination(Path("cleaned"), "txt", options), options)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DeclutterError
from ..options import Options
from ..pipeline import warm_up
from ..rules import rule_book
from .batch import Job, Outcome, run_batch
from .destinations import Destination
from .outputs import walk


@dataclass
class Summary:
    """What a run did: files cleaned, skipped as up to date, failed, lines kept and dropped."""

    files: int = 0  # cleaned or failed in this run
    fresh: int = 0  # up to date from an earlier run, skipped
    kept: int = 0
    dropped: int = 0
    failures: list[Outcome] = field(default_factory=list)
    empty: list[Outcome] = field(default_factory=list)  # written, but (next to) no article was found
    warned: int = 0  # files cleaned with another warning (their site's rules set aside, …)
    report: Path | None = None  # where the failures are listed

    @property
    def cleaned(self) -> int:
        return self.files - len(self.failures) - len(self.empty)


def clean_paths(inputs: Iterable[Path], to: Destination, options: Options, *, url: str | None = None,
                jobs: int = 1, scheduler: str | None = None,
                on_outcome: Callable[[Outcome, Summary], None] | None = None) -> Summary:
    """Clean input files and folders (recursively) into a destination; the run's summary.

    Before anything is written, the destination checks every output it would write (and
    raises DeclutterError naming what is in the way). Outputs are written as files finish;
    each file that fails is an outcome with its one-line reason, and the batch goes on.
    on_outcome is called after each file. An interruption (KeyboardInterrupt) leaves complete
    outputs only, and is raised again.
    """
    inputs = list(inputs)
    # A malformed rule file stops the run before anything is written; what is loaded here is
    # shared by forked workers (a run of one file leaves what it may not need to its page).
    warm_up(rule_book(options.rules), whole=len(inputs) != 1 or not inputs[0].is_file())
    to.claim(inputs)
    summary = Summary()
    planned: dict[str, frozenset[int]] = {}  # template lines of the jobs under way

    def pending() -> Iterator[Job]:
        for source, target, keys in walk(inputs, to.root, to.fmt):
            if to.up_to_date(source, target, keys):
                summary.fresh += 1  # cleaned by an earlier run from the same input, options, rules and code
                continue
            planned[str(source)] = keys
            yield Job(str(source), str(target), to.fmt, url, options, keys, returned=to.returns_outputs)

    to.open()
    try:
        for outcome in _outcomes(pending(), jobs, scheduler, options):
            to.take(outcome, planned.pop(outcome.source, frozenset()))
            summary.files += 1
            if outcome.ok:
                summary.kept, summary.dropped = summary.kept + outcome.kept, summary.dropped + outcome.dropped
                if outcome.empty:
                    summary.empty.append(outcome)
                else:
                    summary.warned += bool(outcome.warnings)
            else:
                summary.failures.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome, summary)
    except BaseException:
        to.abort()
        raise
    summary.report = to.finish(summary.failures + summary.empty)
    return summary


def _outcomes(jobs: Iterator[Job], workers: int, scheduler: str | None, options: Options) -> Iterator[Outcome]:
    """Run the jobs here (in `workers` processes) or on a Dask cluster, writing outputs here."""
    if scheduler is None:
        yield from run_batch(jobs, workers, options.timeout)
        return
    from importlib.util import find_spec

    if find_spec("distributed") is None:
        raise DeclutterError("--scheduler needs Dask: pip install 'declutter[dask]'")
    from .cluster import run_on_cluster

    try:
        yield from run_on_cluster(scheduler, jobs, options)
    except (OSError, TimeoutError) as exc:
        raise DeclutterError(f"Dask scheduler {scheduler}: {exc}") from None
