"""The `declutter` command: argument parsing, progress, summary and exit codes only."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path

import click

from .batch import (
    DEFAULT_TIMEOUT_S,
    Job,
    Outcome,
    atomic_output,
    check_output_dir,
    failure_record,
    newest_change,
    remove_partial_files,
    run_batch,
    shown,
    up_to_date,
    walk,
    write_failures,
)
from .errors import DeclutterError
from .pipeline import Options, rule_book, run, warm_up
from .writers import FORMATS, render

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _fail(message: str) -> None:
    click.echo(f"declutter: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="declutter")
def main() -> None:
    """Turn web clippings (text, Markdown, HTML) into clean article text."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path),
              help="Output folder (mirrors the input tree); with --format jsonl, the one file to write "
                   "('-' for stdout). Required unless the input is '-'.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="txt", show_default=True)
@click.option("--url", help="The page's URL (chooses the site's rules).")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              help="Extra rule folder (repeatable); FiveFilters site configs load as they are.")
@click.option("--no-title", is_flag=True,
              help="The body alone: leave the headline out (and an HTML page's figure captions).")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(0),
              help="Parallel worker processes (0: one per core).")
@click.option("--timeout", default=DEFAULT_TIMEOUT_S, show_default=True, type=click.FloatRange(0),
              help="Seconds one file may take before it is reported and skipped (0: no limit).")
@click.option("--failures", "failures_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the failures report (JSON lines) [default: OUTPUT/failures.jsonl, "
                   "written only when a file failed].")
@click.option("--force", is_flag=True, help="Clean every input again, even when its output is up to date.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on an existing Dask cluster (e.g. tcp://10.0.0.5:8786); needs the 'dask' extra.")
def clean(inputs: tuple[Path, ...], outdir: Path | None, fmt: str, url: str | None,
          rule_dirs: tuple[Path, ...], no_title: bool, jobs: int, timeout: float,
          failures_path: Path | None, force: bool, scheduler: str | None) -> None:
    """Clean clippings: files or folders (recursive: .txt .md .html .htm), or '-' for stdin.

    Exit status: 0 every file cleaned, 1 some file failed (each is named, and listed in the
    failures report), 2 usage error, 130 interrupted.
    """
    options = Options(keep_title=not no_title, rule_dirs=rule_dirs)
    try:
        book = rule_book(options.rule_dirs)  # fail early, once, on a malformed rule file
    except DeclutterError as exc:
        _fail(str(exc))
    if rule_dirs:
        used, ignored = book.counts()
        top = ", ".join(f"{name} {count}" for name, count in ignored.most_common(4))
        click.echo(f"rules: {len(book.sites)} sites; directives used {sum(used.values())}, ignored "
                   f"{sum(ignored.values())}{f' ({top})' if top else ''}", err=True)
    if inputs == (Path("-"),):
        try:
            doc = run(sys.stdin.buffer.read(), url=url, options=options)
        except DeclutterError as exc:
            click.echo(f"declutter: error: <stdin>: {exc}", err=True)
            sys.exit(EXIT_FAILURES)
        sys.stdout.write(render(doc, fmt))
        return
    if outdir is None:
        _fail("missing -o/--output folder (or use '-' to read stdin and write stdout)")
    missing = [str(p) for p in inputs if not p.exists() and not p.is_symlink()]
    if missing:
        _fail(f"no such file or folder: {', '.join(missing)}")
    try:
        if str(outdir) != "-":
            check_output_dir(inputs, outdir)
    except DeclutterError as exc:
        _fail(str(exc))
    workers = jobs or os.cpu_count() or 1
    warm_up(options)  # loaded once here, then shared by forked workers
    newest = newest_change(options.rule_dirs)
    fresh = 0
    jsonl = fmt == "jsonl"  # one stream of records (a file written atomically, or stdout), not a folder
    sink = nullcontext(None) if not jsonl else nullcontext(sys.stdout) if str(outdir) == "-" else atomic_output(outdir)

    def pending() -> Iterator[Job]:
        nonlocal fresh
        for source, target, keys in walk(inputs, Path(".") if jsonl else outdir, fmt):
            if not jsonl and not force and up_to_date(source, target, newest):
                fresh += 1  # cleaned by an earlier run, and nothing changed since
                continue
            yield Job(str(source), str(target), fmt, url, options, keys, timeout or None)

    jobs_iter = pending()
    files = kept = dropped = 0
    failures: list[Outcome] = []
    show_progress = sys.stderr.isatty()
    progress = (click.progressbar(length=0, label="cleaning", file=sys.stderr, show_pos=True)
                if show_progress else nullcontext())
    try:
        with sink as records, progress as bar:
            for outcome in _outcomes(jobs_iter, workers, scheduler, options):
                files += 1
                if records is not None:
                    records.write(outcome.record if outcome.ok else failure_record(outcome))
                if outcome.ok:
                    kept, dropped = kept + outcome.kept, dropped + outcome.dropped
                else:
                    failures.append(outcome)
                    click.echo(f"{chr(10) if show_progress else ''}declutter: failed: "
                               f"{shown(outcome.source)}: {outcome.error}", err=True)
                if show_progress:
                    bar.update(1)
    except KeyboardInterrupt:  # the jsonl file's temporary copy is already gone with its block
        if not jsonl:
            remove_partial_files(outdir)
        click.echo(f"\ndeclutter: interrupted after {files} files; outputs written so far are complete",
                   err=True)
        sys.exit(EXIT_INTERRUPTED)
    report = ""
    if failures and str(outdir) == "-" and failures_path is None:
        report = "; failures are in the JSON lines on stdout"
    elif failures:
        failures_path = failures_path or (outdir.parent / f"{outdir.stem}.failures.jsonl" if jsonl
                                          else outdir / "failures.jsonl")
        write_failures(failures_path, failures)
        report = f"; failures listed in {shown(failures_path)}"
    skipped = f", {fresh} up to date (--force to redo them)" if fresh else ""
    click.echo(f"{files + fresh} files, {files - len(failures)} cleaned{skipped}, {len(failures)} failed; "
               f"lines kept {kept}, dropped {dropped}; output in {shown(outdir)}{report}", err=True)
    sys.exit(EXIT_FAILURES if failures else EXIT_OK)


def _outcomes(jobs: Iterator[Job], workers: int, scheduler: str | None, options: Options) -> Iterator[Outcome]:
    """Run the jobs here (in `workers` processes) or on a Dask cluster, writing outputs here."""
    if scheduler is None:
        yield from run_batch(jobs, workers)
        return
    from importlib.util import find_spec

    if find_spec("distributed") is None:
        _fail("--scheduler needs Dask: pip install 'declutter[dask]'")
    from .batch import write_output
    from .cluster import run_on_cluster

    try:
        for outcome, output in run_on_cluster(scheduler, jobs, options):
            if output is not None and Path(outcome.target).suffix == ".jsonl":
                yield replace(outcome, record=output)
            else:
                yield outcome if output is None else write_output(outcome, output)
    except (OSError, TimeoutError) as exc:
        _fail(f"Dask scheduler {scheduler}: {exc}")


@main.command("eval")
@click.argument("inputs", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("gold", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--peers", default="", help="Comma-separated peers to run on the same files: trafilatura, "
              "trafilatura-balanced, justext, boilerpy3-article, boilerpy3-largest, readability, resiliparse, "
              "readability-js (node with @mozilla/readability and jsdom), or 'all' (all but readability-js).")
@click.option("--no-site-rules", is_flag=True, help="Generic rules and fallback only.")
@click.option("--no-title", is_flag=True, help="The body alone: no headline, no HTML figure captions.")
@click.option("--holdout-every", default=0, type=click.IntRange(0),
              help="Also report the held-out part: every Nth file in sorted order.")
@click.option("--per-file", is_flag=True, help="Print every file's scores.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              help="Extra rule folder (repeatable), as for clean.")
@click.option("--no-template", is_flag=True, help="Do not drop lines repeated across the folder's clippings.")
def evaluate_cmd(inputs: Path, gold: Path | None, peers: str, no_site_rules: bool, no_title: bool,
                 holdout_every: int, per_file: bool, rule_dirs: tuple[Path, ...], no_template: bool) -> None:
    """Score declutter (and peers) on INPUTS against same-named gold texts in GOLD.

    Without GOLD, INPUTS is a corpus folder: each NAME.txt/.md/.html is scored against NAME.expected.
    """
    import resource

    from .evaluate import PEERS, gold_pairs, score_systems, summary_lines

    names = [p for p in PEERS if p != "readability-js"] if peers == "all" else [p for p in peers.split(",") if p]
    unknown = [n for n in names if n not in PEERS]
    if unknown:
        _fail(f"unknown peer(s) {', '.join(unknown)}; known: {', '.join(PEERS)}")
    options = Options(keep_title=not no_title, site_rules=not no_site_rules,
                      rule_dirs=rule_dirs)
    pairs = gold_pairs(inputs, gold)
    if not pairs:
        _fail(f"no input in {inputs} has a gold text ({gold or 'NAME.expected beside it'})")
    scores = score_systems(pairs, names, options, template=not no_template,
                           on_file=(lambda line: click.echo(line)) if per_file else None)
    for line in summary_lines(scores, len(pairs), holdout_every):
        click.echo(line)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    click.echo(f"peak RSS of this process (all systems): {peak:.0f} MB")


@main.command()
@click.argument("file", type=click.Path(allow_dash=True, path_type=Path))
@click.option("--url", help="The page's URL (chooses the site's rules).")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              help="Extra rule folder (repeatable).")
@click.option("--width", default=100, show_default=True, help="Cut long lines to this many characters.")
def explain(file: Path, url: str | None, rule_dirs: tuple[Path, ...], width: int) -> None:
    """Show a clipping line by line: kept (+) or dropped (-), and the stage and rule or score that decided."""
    import declutter

    from .explain import explain_lines

    try:
        data = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
        result = declutter.extract(data, url=url, rules=rule_dirs, path=None if str(file) == "-" else str(file))
    except OSError as exc:
        _fail(f"{shown(file)}: cannot read: {exc.strerror or exc}")
    except DeclutterError as exc:
        _fail(f"{shown(file)}: {exc}")
    click.echo(f"{shown(file)}: site {result.site or 'unknown'}, language {result.language or 'unknown'}, "
               f"{result.kept} lines kept, {result.dropped} dropped")
    for line in explain_lines(result.blocks, width=width):
        click.echo(line)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "target", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML page to write.")
@click.option("--url", help="The page's URL (chooses the site's rules).")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              help="Extra rule folder (repeatable).")
def report(inputs: tuple[Path, ...], target: Path, url: str | None, rule_dirs: tuple[Path, ...]) -> None:
    """Write one static HTML page to review a run: each original with dropped lines struck through
    (reasons on hover) beside its cleaned text."""
    from .batch import read_input, write_atomically
    from .report import Entry, render_report

    if target.resolve() in {p.resolve() for p, _, _ in walk(inputs, Path("."), "txt")}:
        _fail(f"{shown(target)} is one of the inputs")
    options = Options(rule_dirs=rule_dirs)
    entries = []
    for source, _, keys in walk(inputs, Path("."), "txt"):
        try:
            doc = run(read_input(source), url=url, path=str(source), options=options, template=keys)
            entries.append(Entry(shown(source), doc=doc))
        except DeclutterError as exc:
            entries.append(Entry(shown(source), error=str(exc)))
    write_atomically(target, render_report(entries))
    failed = sum(1 for e in entries if e.error)
    click.echo(f"wrote {shown(target)}: {len(entries)} files, {failed} failed")
    sys.exit(EXIT_FAILURES if failed else EXIT_OK)


@main.group()
def rules() -> None:
    """Rule files: check them, learn them from clippings."""


@rules.command("learn")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--site", required=True, help="The site's host, e.g. example.com (names the rule file).")
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write HOST.txt into.")
@click.option("--force", is_flag=True, help="Overwrite an existing rule file.")
def rules_learn(folder: Path, site: str, outdir: Path, force: bool) -> None:
    """Write a rule file for a site from three or more of its clippings in FOLDER."""
    from .batch import INPUT_SUFFIXES, read_input, write_atomically
    from .learn import MIN_CLIPPINGS, learn
    from .pipeline import rule_book

    paths = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)
    clippings = []
    for path in paths:
        try:
            clippings.append(read_input(path))
        except DeclutterError as exc:
            click.echo(f"declutter: skipped {shown(path)}: {exc}", err=True)
    if len(clippings) < MIN_CLIPPINGS:
        _fail(f"need at least {MIN_CLIPPINGS} clippings of {site} in {shown(folder)}, found {len(clippings)}")
    target = outdir / f"{site.lower().removeprefix('www.')}.txt"
    if target.exists() and not force:
        _fail(f"{shown(target)} exists (use --force to overwrite it)")
    try:
        learned = learn(clippings, site, rule_book(()))
    except DeclutterError as exc:
        _fail(str(exc))
    write_atomically(target, learned.render())
    click.echo(f"wrote {shown(target)}: {len(learned.fingerprints)} fingerprints, {len(learned.drops)} drops, "
               f"start marker {'yes' if learned.start_after else 'no'}, end marker "
               f"{'yes' if learned.end_before else 'no'} (from {len(clippings)} clippings)")


@rules.command("check")
@click.argument("folders", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--pages", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Saved pages for FiveFilters test_url lines: a folder with manifest.tsv (id, url) "
                   "and html/<id>.html.")
def rules_check(folders: tuple[Path, ...], pages: Path | None) -> None:
    """Validate rule files (syntax, regexes, XPath) and run their tests (text_test, test_url).

    Without FOLDERS, checks the rules shipped with declutter.
    """
    from .pipeline import builtin_rules_dir
    from .rulecheck import check_folder

    counts = {"ok": 0, "fail": 0, "skip": 0}
    for folder in folders or (builtin_rules_dir(),):
        for finding in check_folder(folder, pages):
            counts[finding.status] += 1
            if finding.status != "ok" or not folders:
                colour = {"ok": "green", "fail": "red", "skip": "yellow"}[finding.status]
                click.echo(f"{click.style(finding.status.upper(), fg=colour):4} {finding.subject}: {finding.message}")
    click.echo(f"{counts['ok']} ok, {counts['fail']} failed, {counts['skip']} skipped")
    sys.exit(EXIT_FAILURES if counts["fail"] else EXIT_OK)
