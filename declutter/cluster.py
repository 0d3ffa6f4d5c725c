"""declutter on a Dask cluster (install the `dask` extra), and the pure functions to use elsewhere.

`clean_texts` is a plain function over a partition of documents: use it with Dask
(`clean_bag`), Spark (`rdd.mapPartitions`) or any other engine. Rules and the
fallback model travel with the installed package; extra rule folders are read once on the
driver and handed to the workers, so nothing depends on a worker's working directory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .batch import Job, Outcome, clean_content, read_input
from .errors import DeclutterError
from .pipeline import Options, rule_book, run
from .rules import RuleBook

IN_FLIGHT_PER_WORKER = 4
CONNECT_TIMEOUT = "10s"


def clean_texts(contents: Iterable[str | bytes], *, url: str | None = None, kind: str | None = None,
                title: bool = True, book: RuleBook | None = None) -> list[str | None]:
    """Clean each document of a partition; None where a document cannot be cleaned."""
    options = Options(keep_title=title)
    out: list[str | None] = []
    for content in contents:
        try:
            out.append(run(content, url=url, kind=kind, options=options, book=book).text)
        except DeclutterError:
            out.append(None)
    return out


def clean_bag(bag, *, url: str | None = None, kind: str | None = None, title: bool = True,
              rules: tuple[str | Path, ...] = ()):
    """A Dask bag of documents (str or bytes) → a bag of cleaned texts (None where one failed)."""
    book = rule_book(tuple(str(r) for r in rules))
    return bag.map_partitions(clean_texts, url=url, kind=kind, title=title, book=book)


def run_on_cluster(address: str, jobs: Iterable[Job], options: Options) -> Iterator[tuple[Outcome, str | None]]:
    """Clean jobs on the Dask scheduler at `address`: the driver reads the inputs and writes the
    outputs, the workers only clean bytes. A bounded number of documents is in flight at once."""
    from distributed import Client, as_completed

    book = rule_book(options.rule_dirs)
    with Client(address, timeout=CONNECT_TIMEOUT) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        shared_book = client.scatter(book, broadcast=True)
        pending = as_completed()
        for job in jobs:
            try:
                content = read_input(Path(job.source))
            except DeclutterError as exc:
                yield Outcome(job.source, job.target, error=str(exc)), None
                continue
            pending.add(client.submit(clean_content, job, content, shared_book, pure=False))
            while pending.count() >= IN_FLIGHT_PER_WORKER * workers:
                yield next(pending).result()
        for future in pending:
            yield future.result()
