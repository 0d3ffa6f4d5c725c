"""The `declutter` command: argument parsing, progress, summary and exit codes only."""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from .document import Document
from .errors import DeclutterError
from .options import DEFAULT_TIMEOUT_S, Options
from .pipeline import Cleaned, clean_input
from .rules import RuleBook, rule_book
from .run.batch import Outcome
from .run.destinations import Destination, destination
from .run.folder import Summary, clean_paths
from .run.outputs import (
    INPUT_SUFFIXES,
    STDIN,
    check_output_dir,
    check_writable,
    count_inputs,
    read_input,
    shown,
    walk,
    write_atomically,
)
from .stages.write import FORMATS, render

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143


class Terminated(KeyboardInterrupt):
    """SIGTERM (kill, timeout, docker stop): handled as Ctrl-C is, with its own exit status."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _stopped(exc: KeyboardInterrupt) -> int:
    return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED


def _fail(message: str) -> NoReturn:
    click.echo(f"declutter: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


F = TypeVar("F", bound=Callable[..., Any])


def cleaning_options(command: F) -> F:
    """The options every command that cleans shares (clean, explain, report, eval), declared once."""
    decorators = [
        click.option("--url", help="The page's URL (chooses the site's rules)."),
        click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False, path_type=Path),
                     help="Extra rule folder (repeatable); FiveFilters site configs load as they are."),
        click.option("--no-title", is_flag=True,
                     help="The body alone: leave the headline out (and the captions and credits)."),
        click.option("--no-site-rules", is_flag=True, help="Generic rules and fallback only."),
        click.option("--no-template", is_flag=True,
                     help="Do not drop lines repeated across the clippings of a folder."),
        click.option("--timeout", default=DEFAULT_TIMEOUT_S, show_default=True, type=click.FloatRange(0),
                     help="Seconds one file may take before it is reported and skipped (0: no limit)."),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def _options(rule_dirs: tuple[Path, ...], no_title: bool, no_site_rules: bool, no_template: bool,
             timeout: float) -> tuple[Options, RuleBook]:
    """The options object of the shared options, and its rules loaded once (or a one-line error)."""
    options = Options(title=not no_title, site_rules=not no_site_rules, template=not no_template,
                      rules=tuple(map(str, rule_dirs)), timeout=timeout or None)
    try:
        return options, rule_book(options.rules)  # fail early, once, on a malformed rule file
    except DeclutterError as exc:
        _fail(str(exc))


def _warning(message: Warning | str, category: type[Warning], *_: Any, **__: Any) -> None:
    click.echo(f"declutter: warning: {message}", err=True)


class _Commands(click.Group):
    """The command group: Ctrl-C is exit status 130 in every command, a file that cannot be
    written or read is one line, never a traceback, and warnings are one line each."""

    def invoke(self, ctx: click.Context) -> Any:
        warnings.showwarning = _warning
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _terminate)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            click.echo(f"\ndeclutter: {'terminated' if isinstance(exc, Terminated) else 'interrupted'}", err=True)
            sys.exit(_stopped(exc))
        except OSError as exc:
            if exc.filename is None:
                raise
            _fail(f"{shown(exc.filename)}: {exc.strerror or exc}")


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="declutter")
def main() -> None:
    """Turn web clippings (text, Markdown, HTML) into clean article text."""


def run() -> None:
    """The program (`declutter`, `python -m declutter`): main(), then an exit whose garbage
    collections pass over none of what the run loaded (rules, model, memos: about 30 ms of a
    one-file run). Every output is written and closed before main() returns."""
    try:
        main()
    finally:
        gc.freeze()


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path),
              help="Output folder (mirrors the inputs' tree); with --format jsonl, the one file to write. "
                   "'-' or none: stdout, for one input (any format) or with --format jsonl.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="txt", show_default=True)
@cleaning_options
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(0),
              help="Parallel worker processes (0: one per core).")
@click.option("--failures", "failures_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the failures report (JSON lines) [default: OUTPUT/failures.jsonl, "
                   "written only when a file failed].")
@click.option("--force", is_flag=True, help="Clean every input again, even when its output is up to date, and "
              "replace files in the output folder that declutter did not write.")
@click.option("--prune", is_flag=True, help="Remove the outputs of inputs that no longer exist.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on an existing Dask cluster (e.g. tcp://10.0.0.5:8786); needs the 'dask' extra.")
@click.option("--with-metadata", is_flag=True,
              help="Find the article's metadata (an HTML page's JSON-LD, bylines and dates too: slower) and start "
                   "txt and md outputs with it as YAML front matter: title, author, date, url, site, host, language, "
                   "description, image, tags (a Markdown clipping's own front matter stands in for it in md). json "
                   "and jsonl always carry it.")
@click.option("--no-front-matter", is_flag=True, help="md output: leave a Markdown clipping's front matter out.")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures (no progress, no summary).")
@click.option("-v", "--verbose", is_flag=True, help="Also print each file cleaned, with its lines kept and dropped.")
def clean(inputs: tuple[Path, ...], outdir: Path | None, fmt: str, url: str | None,
          rule_dirs: tuple[Path, ...], no_title: bool, no_site_rules: bool, no_template: bool, timeout: float,
          jobs: int, failures_path: Path | None, force: bool, prune: bool, scheduler: str | None, with_metadata: bool,
          no_front_matter: bool, quiet: bool, verbose: bool) -> None:
    """Clean clippings: files or folders (recursive: .txt .md .html .htm), or '-' for stdin.

    One input without -o (or with -o -) is written to stdout; '-' with -o FOLDER writes
    FOLDER/stdin.txt (.md, .json).

    Outputs mirror the inputs' paths relative to the folder that holds them all. An output is
    up to date (and skipped) when it was made from the same input with the same options, rules
    and declutter.

    Exit status: 0 every file cleaned, 1 some file failed (each is named, and listed in the
    failures report), 2 usage error, 130 interrupted.
    """
    options, book = _options(rule_dirs, no_title, no_site_rules, no_template, timeout)
    options = replace(options, metadata=with_metadata or fmt in ("json", "jsonl"), front_matter=not no_front_matter,
                      markdown=fmt == "md")
    if rule_dirs and not quiet:
        lazy = (f" ({len(book.unread)} FiveFilters files read when a page of their site comes; `declutter rules "
                "check FOLDER` checks them all)") if book.unread else ""
        click.echo(f"rules: {len(book.names())} sites{lazy}", err=True)
    stdin = inputs == (Path("-"),)
    missing = [str(p) for p in inputs if str(p) != "-" and not p.exists() and not p.is_symlink()]
    if missing:
        _fail(f"no such file or folder: {', '.join(missing)}")
    one_file = stdin or (len(inputs) == 1 and not inputs[0].is_dir())
    if outdir is None and not one_file:
        _fail("missing -o/--output: several inputs or a folder need an output folder (one file, or '-', "
              "writes to stdout)")
    if str(outdir) == "-" and fmt != "jsonl" and not one_file:
        _fail(f"-o - writes one input's {fmt} to stdout: give several inputs an output folder, or use "
              "--format jsonl for one stream of records")
    if one_file and (outdir is None or str(outdir) == "-"):
        sys.exit(_clean_to_stdout(inputs[0], url, options, book, fmt))
    assert outdir is not None
    to = destination(outdir, fmt, options, failures=failures_path, force=force, prune=prune)
    if stdin:
        sys.exit(_clean_stdin_to(to, url, options, book, quiet))
    show_progress = sys.stderr.isatty() and not quiet
    started = time.monotonic()

    def rate(_: object) -> str:
        elapsed = time.monotonic() - started
        return f"{bar.pos / elapsed:.0f} files/s, {elapsed:.0f} s" if elapsed > 1 else ""
    bar = click.progressbar(length=count_inputs(inputs) if show_progress else 0, label="cleaning", file=sys.stderr,
                            show_pos=True, show_eta=True, item_show_func=rate, hidden=not show_progress)
    shown_so_far = 0

    def on_outcome(outcome: Outcome, summary: Summary) -> None:
        nonlocal shown_so_far
        gap = "\n" if show_progress else ""
        if not outcome.ok:
            click.echo(f"{gap}declutter: failed: {shown(outcome.source)}: {outcome.error}", err=True)
        for warning in outcome.warnings:
            click.echo(f"{gap}declutter: warning: {shown(outcome.source)}: {warning}", err=True)
        if outcome.ok and verbose:
            click.echo(f"{gap}{shown(outcome.source)}: kept {outcome.kept}, dropped {outcome.dropped}", err=True)
        bar.update(summary.files + summary.fresh - shown_so_far)  # up-to-date files skipped on the way count too
        shown_so_far = summary.files + summary.fresh

    try:
        with bar:
            summary = clean_paths(inputs, to, options, url=url, jobs=jobs or os.cpu_count() or 1,
                                  scheduler=scheduler, on_outcome=on_outcome)
    except DeclutterError as exc:
        _fail(str(exc))
    except KeyboardInterrupt as exc:
        click.echo(f"\ndeclutter: {'terminated' if isinstance(exc, Terminated) else 'interrupted'} after "
                   f"{shown_so_far} files; outputs written so far are complete and recorded (a new run goes on "
                   "from there)", err=True)
        sys.exit(_stopped(exc))
    if summary.files + summary.fresh == 0:
        click.echo(f"declutter: warning: no clippings found in {', '.join(shown(p) for p in inputs)} "
                   f"(inputs end in {', '.join(sorted(INPUT_SUFFIXES))})", err=True)
        sys.exit(EXIT_FAILURES)
    status = EXIT_FAILURES if summary.failures or summary.empty else EXIT_OK
    if to.stale and not quiet:
        click.echo(f"declutter: {'removed' if prune else 'note:'} {len(to.stale)} output(s) of inputs that no "
                   f"longer exist{'' if prune else ' (--prune removes them)'}, e.g. {shown(to.stale[0])}", err=True)
    if quiet:
        sys.exit(status)
    skipped = f", {summary.fresh} up to date (--force to redo them)" if summary.fresh else ""
    if summary.report is not None:
        listed = f"; failures listed in {shown(summary.report)}"
    else:
        listed = "; failures are in the JSON lines on stdout" if summary.failures else ""
    warned = f" ({summary.warned} with a warning)" if summary.warned else ""
    empty = f", {len(summary.empty)} empty (no article found)" if summary.empty else ""
    click.echo(f"{summary.files + summary.fresh} files, {summary.cleaned} cleaned{warned}{empty}{skipped}, "
               f"{len(summary.failures)} failed; lines kept {summary.kept}, dropped {summary.dropped}; "
               f"output in {shown(outdir)}{listed}", err=True)
    sys.exit(status)


def _clean_one(source: Path, url: str | None, options: Options, book: RuleBook) -> Document | None:
    """One input (a file, or '-' for stdin) cleaned; None, with its failure printed, when it fails."""
    stdin = str(source) == "-"
    try:
        cleaned = clean_input(sys.stdin.buffer.read() if stdin else read_input(source), url=url,
                              path=None if stdin else str(source), options=options, book=book)
    except DeclutterError as exc:  # the file could not be read
        cleaned = Cleaned(failure=exc)
    name = '<stdin>' if stdin else shown(source)
    if cleaned.doc is None:
        click.echo(f"declutter: failed: {name}: {cleaned.error}", err=True)
    for warning in cleaned.doc.warnings if cleaned.doc else ():
        click.echo(f"declutter: warning: {name}: {warning}", err=True)
    return cleaned.doc


def _clean_to_stdout(source: Path, url: str | None, options: Options, book: RuleBook, fmt: str) -> int:
    """One input (a file, or '-' for stdin) cleaned to stdout; the exit status."""
    doc = _clean_one(source, url, options, book)
    if doc is None:
        return EXIT_FAILURES
    sys.stdout.write(render(doc, fmt, options))
    return EXIT_FAILURES if doc.empty else EXIT_OK


def _clean_stdin_to(to: Destination, url: str | None, options: Options, book: RuleBook, quiet: bool) -> int:
    """stdin cleaned into OUTPUT/stdin.<format> (with --format jsonl, the record into OUTPUT); the exit status."""
    try:
        target = to.claim_stdin()
    except DeclutterError as exc:
        _fail(str(exc))
    doc = _clean_one(Path("-"), url, options, book)
    if doc is None:
        return EXIT_FAILURES
    kept = sum(1 for b in doc.blocks if b.kept)
    to.open()
    outcome = Outcome(STDIN, str(target), kept=kept, dropped=len(doc.blocks) - kept, empty=doc.empty)
    to.put(outcome, render(doc, to.fmt, options))
    to.finish([outcome] if doc.empty else [])
    if not quiet:
        click.echo(f"1 file {'empty (no article found)' if doc.empty else 'cleaned'}; lines kept {kept}, dropped "
                   f"{len(doc.blocks) - kept}; output in {shown(target)}", err=True)
    return EXIT_FAILURES if doc.empty else EXIT_OK


def _cleaned(inputs: tuple[Path, ...], url: str | None, options: Options,
             book: RuleBook) -> Iterator[tuple[Path, bytes, Cleaned]]:
    """Each input file of files and folders, its bytes and its cleaning exactly as `clean` would
    (template lines included), without writing anything; '-' reads stdin."""
    if inputs == (Path("-"),):
        content = sys.stdin.buffer.read()
        yield Path("-"), content, clean_input(content, url=url, options=options, book=book)
        return
    for source, _, keys in walk(inputs, Path("."), "txt"):
        try:
            content = read_input(source)
        except DeclutterError as exc:
            yield source, b"", Cleaned(failure=exc)
            continue
        yield source, content, clean_input(content, url=url, path=str(source), options=options, book=book,
                                           template_lines=keys)


@main.command("eval")
@click.argument("inputs", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("gold", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--peers", default="", help="Comma-separated peers to run on the same files: trafilatura, "
              "trafilatura-balanced, justext, boilerpy3-article, boilerpy3-largest, readability, resiliparse, "
              "readability-js (node with @mozilla/readability and jsdom), or 'all' (all but readability-js). "
              "Some need the 'eval' extra.")
@cleaning_options
@click.option("--holdout-every", default=0, type=click.IntRange(0),
              help="Also report the held-out part: every Nth file in sorted order.")
@click.option("--per-file", is_flag=True, help="Print every file's scores.")
def evaluate_cmd(inputs: Path, gold: Path | None, peers: str, url: str | None, rule_dirs: tuple[Path, ...],
                 no_title: bool, no_site_rules: bool, no_template: bool, timeout: float,
                 holdout_every: int, per_file: bool) -> None:
    """Score declutter (and peers) on INPUTS against same-named gold texts in GOLD, per dataset
    (a manifest.tsv with id and dataset columns beside INPUTS names them), with the articles
    lost (token recall < 0.5) and the stage that removed most of each.

    Without GOLD, INPUTS is a corpus folder: each NAME.txt/.md/.html is scored against NAME.expected.
    """
    import resource

    from .tools.evaluate import datasets, gold_pairs, parts_of, score_systems, summary_lines
    from .tools.peers import PEERS, missing_peers

    names = [p for p in PEERS if p != "readability-js"] if peers == "all" else [p for p in peers.split(",") if p]
    unknown = [n for n in names if n not in PEERS]
    if unknown:
        _fail(f"unknown peer(s) {', '.join(unknown)}; known: {', '.join(PEERS)}")
    absent = missing_peers(names)
    if absent:
        _fail(f"peer(s) not installed: {'; '.join(absent)}")
    options, _ = _options(rule_dirs, no_title, no_site_rules, no_template, timeout)
    pairs = gold_pairs(inputs, gold)
    if not pairs:
        _fail(f"no input in {inputs} has a gold text ({gold or 'NAME.expected beside it'})")
    scores = score_systems(pairs, names, options, url=url,
                           on_file=(lambda line: click.echo(line)) if per_file else None)
    stems = [path.stem for path, _ in pairs]
    parts = parts_of(stems, inputs, holdout_every) if holdout_every else None
    for line in summary_lines(scores, datasets(stems, inputs), parts):
        click.echo(line)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    click.echo(f"peak RSS of this process (all systems): {peak:.0f} MB")


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=Path))
@cleaning_options
@click.option("--width", default=100, show_default=True, help="Cut long lines to this many characters.")
def explain(inputs: tuple[Path, ...], url: str | None, rule_dirs: tuple[Path, ...], no_title: bool,
            no_site_rules: bool, no_template: bool, timeout: float, width: int) -> None:
    """Show clippings (files, folders, or '-') line by line: kept (+) or dropped (-), and the stage
    and rule or score that decided, exactly as `clean` decides (a folder's template lines included)."""
    from .tools.explain import explain_lines

    options, book = _options(rule_dirs, no_title, no_site_rules, no_template, timeout)
    missing = [str(p) for p in inputs if str(p) != "-" and not p.exists() and not p.is_symlink()]
    if missing:
        _fail(f"no such file or folder: {', '.join(missing)}")
    failed = 0
    for source, _, cleaned in _cleaned(inputs, url, options, book):
        name = "<stdin>" if str(source) == "-" else shown(source)
        if cleaned.doc is None:
            click.echo(f"declutter: failed: {name}: {cleaned.error}", err=True)
            failed += 1
            continue
        doc = cleaned.doc
        kept = sum(1 for b in doc.blocks if b.kept)
        click.echo(f"{name}: site {doc.site or 'unknown'}, language {doc.language or 'unknown'}, "
                   f"{kept} lines kept, {len(doc.blocks) - kept} dropped")
        for rule in doc.page_rules:  # before the lines: what the site's XPath rules did to the page
            click.echo(f"{'':7}{click.style(str(rule), dim=True)}")
        for warning in doc.warnings:
            click.echo(f"{'':7}warning: {warning}")
        for line in explain_lines(doc.blocks, width=width):
            click.echo(line)
    sys.exit(EXIT_FAILURES if failed else EXIT_OK)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "target", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write the review into (index.html and a page per file); an earlier "
                   "report there is replaced, a folder of other files is refused.")
@cleaning_options
@click.option("--force", is_flag=True, help="Replace the output folder even when it holds files that are not a report.")
def report(inputs: tuple[Path, ...], target: Path, url: str | None, rule_dirs: tuple[Path, ...], no_title: bool,
           no_site_rules: bool, no_template: bool, timeout: float, force: bool) -> None:
    """Write an offline folder to review a run, exactly as `clean` decides: an index of the files
    (sortable, filterable by name, site and stage, failures first) and a page per file with every
    line's decision and reason, and buttons to show only kept or only dropped lines."""
    from .stages.extract import render_text
    from .stages.read import decode
    from .tools.report import Entry, Report, check_report_folder, extractor_removed

    options, book = _options(rule_dirs, no_title, no_site_rules, no_template, timeout)
    try:
        check_output_dir(inputs, target)
        check_report_folder(target, force)
    except DeclutterError as exc:
        _fail(str(exc))
    folder = Report(target)
    failed = files = 0
    try:
        for source, content, cleaned in _cleaned(inputs, url, options, book):
            removed: tuple[str, ...] = ()
            if cleaned.doc is not None and cleaned.doc.kind == "html":
                removed = extractor_removed(render_text(decode(content)), cleaned.doc)
            folder.add(Entry(shown(source), doc=cleaned.doc, error=cleaned.error, removed=removed))
            files, failed = files + 1, failed + bool(cleaned.error)
        index = folder.finish()
    except BaseException:  # Ctrl-C, a full disk: no half-written report
        folder.abort()
        raise
    click.echo(f"wrote {shown(index)}: {files} files, {failed} failed")
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
@click.option("--accept-losses", is_flag=True,
              help="Write the rules even when the leave-one-out check finds them losing article text.")
def rules_learn(folder: Path, site: str, outdir: Path, force: bool, accept_losses: bool) -> None:
    """Write a rule file for a site from three or more of its clippings in FOLDER.

    Before writing, each clipping is cleaned with rules learned from all the others and without
    rules; when the rules lose any of its prose lines, nothing is written (--accept-losses writes
    all the same). A folder of clippings from several sites is refused.
    """
    from urllib.parse import urlsplit

    from .options import MIN_CLIPPINGS
    from .run.outputs import is_input
    from .stages.read import read
    from .tools.learn import learn, leave_one_out, rule_file_name

    paths = sorted(p for p in folder.iterdir() if p.is_file() and is_input(p))
    clippings: list[tuple[str, bytes]] = []
    for path in paths:
        try:
            clippings.append((path.name, read_input(path)))
        except DeclutterError as exc:
            click.echo(f"declutter: skipped {shown(path)}: {exc}", err=True)
    if len(clippings) < MIN_CLIPPINGS:
        _fail(f"need at least {MIN_CLIPPINGS} clippings of {site} in {shown(folder)}, found {len(clippings)}")
    hosts = set()
    for _, content in clippings:
        try:
            url = read(content).url
        except DeclutterError:
            continue
        host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
        if host:
            hosts.add(host)
    if len(hosts) > 1:
        _fail(f"the clippings in {shown(folder)} come from {len(hosts)} sites ({', '.join(sorted(hosts))}): "
              "learn each site's rules from a folder of its own")
    target = outdir / rule_file_name(site)
    if target.exists() and not force:
        _fail(f"{shown(target)} exists (use --force to overwrite it)")
    try:
        check_writable(outdir)
    except DeclutterError as exc:
        _fail(str(exc))
    generic = rule_book(())
    try:
        learned = learn([c for _, c in clippings], site, generic)
    except DeclutterError as exc:
        _fail(str(exc))
    checks = leave_one_out(clippings, site, generic)
    for check in checks:
        verdict = f"LOSES {len(check.prose_lost)} prose line(s), e.g. {check.prose_lost[0][:70]!r}" if check.hurts \
            else "no prose lost"
        click.echo(f"  {check.name}: {check.words_without} words kept without rules, {check.words_with} with "
                   f"rules learned from the others; {verdict}", err=True)
    hurt = [c.name for c in checks if c.hurts]
    if hurt and not accept_losses:
        _fail(f"rules learned from the other clippings lose article text on {len(hurt)} of {len(checks)}: "
              f"{', '.join(hurt)}; nothing written (--accept-losses writes the rules all the same)")
    if hurt:
        click.echo(f"declutter: warning: the rules lose article text on {', '.join(hurt)}", err=True)
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
    from .rules import builtin_rules_dir
    from .tools.rulecheck import check_folder

    counts = {"ok": 0, "fail": 0, "skip": 0, "warn": 0}
    for folder in folders or (builtin_rules_dir(),):
        for finding in check_folder(folder, pages, installed=not folders):
            counts[finding.status] += 1
            if finding.status != "ok" or not folders:
                colour = {"ok": "green", "fail": "red", "skip": "yellow", "warn": "yellow"}[finding.status]
                click.echo(f"{click.style(finding.status.upper(), fg=colour):4} {finding.subject}: {finding.message}")
    warned = f", {counts['warn']} warning{'s' if counts['warn'] > 1 else ''}" if counts["warn"] else ""
    click.echo(f"{counts['ok']} ok, {counts['fail']} failed, {counts['skip']} skipped{warned}")
    sys.exit(EXIT_FAILURES if counts["fail"] else EXIT_OK)
