"""declutter on a Dask cluster (install the `dask` extra), and the pure functions to use elsewhere.

`clean_texts` is a plain function over a partition of documents: use it with Dask
(`clean_bag`), Spark (`rdd.mapPartitions`) or any other engine. Rules and the
fallback model travel with the installed package; extra rule folders are read once on the
driver and handed to the workers, so nothing depends on a worker's working directory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import DeclutterError
from ..options import Options
from ..pipeline import clean_input
from ..rules import RuleBook, rule_book
from .batch import Job, Outcome, clean_content, deliver
from .outputs import read_input

IN_FLIGHT_PER_WORKER = 4
CONNECT_TIMEOUT = "10s"


def clean_texts(contents: Iterable[str | bytes], *, url: str | None = None, kind: str | None = None,
                title: bool = True, book: RuleBook | None = None, options: Options | None = None) -> list[str | None]:
    """Clean each document of a partition; None where a document cannot be cleaned (whatever
    the reason: one bad document never fails the partition). options: every option at once
    (then title is not read); its timeout holds in a worker's threads too."""
    options = options or Options(title=title)
    return [None if cleaned.doc is None else cleaned.doc.text
            for cleaned in (clean_input(c, url=url, kind=kind, options=options, book=book) for c in contents)]


def clean_bag(bag: Any, *, url: str | None = None, kind: str | None = None, title: bool = True,
              rules: tuple[str | Path, ...] = (), options: Options | None = None) -> Any:
    """A Dask bag of documents (str or bytes) → a bag of cleaned texts (None where one failed)."""
    options = options or Options(title=title, rules=tuple(map(str, rules)))
    book = rule_book(options.rules)
    book.read_all()  # every site file travels with the book: workers need no rule folder
    return bag.map_partitions(clean_texts, url=url, kind=kind, book=book, options=options)


def run_on_cluster(address: str, jobs: Iterable[Job], options: Options) -> Iterator[Outcome]:
    """Clean jobs on the Dask scheduler at `address`: the driver reads the inputs and writes the
    outputs, the workers only clean bytes. A bounded number of documents is in flight at once."""
    from distributed import Client, as_completed

    book = rule_book(options.rules)
    book.read_all()  # every site file travels with the book: workers need no rule folder
    with Client(address, timeout=CONNECT_TIMEOUT) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        shared_book = client.scatter(book, broadcast=True)
        pending = as_completed()
        jobs_of: dict[Any, Job] = {}

        def delivered(future: Any) -> Outcome:
            return deliver(jobs_of.pop(future), *future.result())

        for job in jobs:
            try:
                content = read_input(Path(job.source))
            except DeclutterError as exc:
                yield Outcome(job.source, job.target, error=str(exc))
                continue
            future = client.submit(clean_content, job, content, shared_book, pure=False)
            jobs_of[future] = job
            pending.add(future)
            while pending.count() >= IN_FLIGHT_PER_WORKER * workers:
                yield delivered(next(pending))
        for future in pending:
            yield delivered(future)
