"""Hostile input: every pattern over a page or a line runs in linear time, the time limit holds
in library threads, shared memos survive threads."""

import sys
import threading
import time

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import declutter
from declutter.scan import elements
from declutter.stages import extract, read

# Each of these took minutes (quadratic backtracking in C, where no time limit reaches) at the
# size given; linear, each takes milliseconds. The bound is generous: a machine's noise is not a
# quadratic's hundredfold.
ADVERSARIAL = {
    "table delimiter over a line of spaces": lambda: read.lines_to_blocks("a | b\n" + " " * 300_000 + "x\n"),
    "unclosed figcaptions": lambda: extract.with_captions("body", "<figcaption>" * 30_000 + "<p>x</p>"),
    "unclosed code spans": lambda: read.plain_markdown("`a " * 40_000),
    "unclosed bold": lambda: read.plain_markdown("**a " * 40_000),
    "unclosed link addresses": lambda: read.plain_markdown("[a](" * 40_000),
    "unclosed link texts": lambda: read.plain_markdown("[" * 100_000),
    "unclosed images": lambda: read.plain_markdown("![" * 50_000),
    "unclosed autolinks": lambda: read.plain_markdown("<http://a" * 30_000),
    "unclosed inline tags": lambda: read.plain_markdown("<a " * 50_000),
    "unclosed meta tags": lambda: extract.page_byline("<meta " * 30_000),
    "unclosed tags": lambda: extract.render_text("<a" * 100_000),
    "unclosed comments and scripts": lambda: extract.render_text("<!--" * 30_000 + "<script>" * 30_000),
    "unclosed paragraph tags": lambda: extract.paragraph_chars("<p " * 60_000),
    "unclosed headings": lambda: extract.page_headline("<title>a b c</title>" + "<h1 " * 60_000),
    "unclosed title tags": lambda: extract.page_headline("<title " * 30_000),
    "unclosed formulas": lambda: extract.with_formulas("<math>" * 30_000),
    "unclosed TeX scripts": lambda: extract.with_formulas('<script type="math/tex">' * 30_000),
    "unclosed canonical links": lambda: read.read("<html>" + "<link " * 40_000, kind="html"),
}


@pytest.mark.parametrize("case", ADVERSARIAL, ids=list(ADVERSARIAL))
def test_a_pathological_input_takes_linear_time(case):
    started = time.perf_counter()
    ADVERSARIAL[case]()
    assert time.perf_counter() - started < 3.0


TOKENS = st.sampled_from(["<script>", "</script>", "<SCRIPT >", "</script >", "<!--", "-->", "<style>",
                          "</style>", "a", " ", "\n", "<", ">", "/"])


@settings(max_examples=300, deadline=None)
@given(st.lists(TOKENS, max_size=40).map("".join))
def test_elements_are_what_a_lazy_match_finds(text):
    """scan.elements finds what `<(script|style)\\b.*?</\\1\\s*>|<!--.*?-->` finds, in linear time."""
    reference = regex.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", regex.S | regex.I)
    opener = regex.compile(r"<!--|<(script|style)\b", regex.I)

    def closer(opening):
        name = opening.group(1)
        return regex.compile("-->" if name is None else rf"</{name}\s*>", regex.I)
    found = [(o.start(), c.end()) for o, c in elements(text, opener, closer)]
    assert found == [m.span() for m in reference.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["[", "]", "(", ")", "!", "`", "*", "_", "~", "a", " ", "<", ">", "http://x"]),
                max_size=60).map("".join))
def test_markdown_lines_are_read_without_error_and_no_longer_than_written(line):
    assert len(read.plain_markdown(line)) <= len(line)


def test_the_markdown_a_reader_sees():
    line = ("**Bold** and *it* and `code` and [a link](https://en.wikipedia.org/wiki/Foo_(bar)) and "
            "![an image](pic.png) and <https://example.org> and <b>tag</b>")
    assert read.plain_markdown(line) == ("Bold and it and code and a link and an image and https://example.org "
                                         "and tag")


@pytest.mark.parametrize("limit", ["0.3", "0.05"])
def test_library_threads_with_a_short_time_limit_neither_deadlock_nor_differ(limit):
    """Sixteen threads of a fresh process, a limit short enough to fire during the extractors'
    first imports: every call ends (cleaned or timed out), and those that finish equal a
    sequential run."""
    import subprocess
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    try:
        from stress import THREADS
    finally:
        sys.path.pop(0)
    try:
        run = subprocess.run([sys.executable, "-c", THREADS, limit], capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired:
        pytest.fail("the threads never finished: deadlock")
    assert run.returncode == 0, run.stderr[-2000:]
    ended, _, same = run.stdout.split()
    assert ended == "16" and same == "True"


def test_the_feature_memo_survives_threads_that_clear_it(monkeypatch):
    from declutter.model import features

    monkeypatch.setattr(features, "MAX_REMEMBERED", 50)
    features._REMEMBERED.clear()
    pages = [[f"Line {i} of page {p} with some words" for i in range(40)] + ["Home", "Menu"] for p in range(40)]
    stopwords = frozenset({"of", "with"})
    errors = []

    def work(offset: int) -> None:
        try:
            for _ in range(5):
                for page in pages[offset:] + pages[:offset]:
                    features.text_features(page, stopwords)
        except Exception as exc:  # noqa: BLE001 - any error is the failure
            errors.append(exc)
    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns as often as they can: the race, if any, shows
    try:
        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switching)
        features._REMEMBERED.clear()
    assert not errors


def _slow_or_dying(monkeypatch, behaviours):
    """Make cleaning one named file hang in C code (time.sleep: no time limit reaches it) or kill its
    worker; forked workers inherit the patch."""
    import os
    import signal as signals

    from declutter.run import batch

    original = batch.clean_content

    def patched(job, content, book=None):
        name = job.source.rsplit("/", 1)[-1]
        if behaviours.get(name) == "hang":
            time.sleep(60)
        if behaviours.get(name) == "die":
            os.kill(os.getpid(), signals.SIGKILL)
        return original(job, content, book)
    monkeypatch.setattr(batch, "clean_content", patched)
    monkeypatch.setattr(batch, "GRACE_S", 0.5)


def test_a_file_stuck_in_c_code_is_ended_at_its_limit_and_the_batch_goes_on(tmp_path, monkeypatch):
    from declutter.options import Options
    from declutter.run.batch import Job, run_batch

    _slow_or_dying(monkeypatch, {"stuck.txt": "hang", "dies.txt": "die"})
    names = ["a.txt", "stuck.txt", "b.txt", "dies.txt", "c.txt"]
    for name in names:
        (tmp_path / name).write_text("Headline here\n\n" + "The minister said the talks would go on. " * 5)
    limit = 3  # room for a small file on a loaded machine
    jobs = [Job(str(tmp_path / n), str(tmp_path / f"{n}.out"), "txt", None, Options(timeout=limit)) for n in names]
    started = time.monotonic()
    outcomes = {o.source.rsplit("/", 1)[-1]: o for o in run_batch(jobs, workers=2, timeout=limit)}
    assert time.monotonic() - started < 30
    assert "took longer than the time limit" in outcomes["stuck.txt"].error
    assert "ended while cleaning it" in outcomes["dies.txt"].error
    assert all(outcomes[n].ok for n in ("a.txt", "b.txt", "c.txt"))
    assert not list(tmp_path.glob(".*.part"))


def test_the_jobs_queued_behind_a_stuck_or_dying_file_are_cleaned_by_the_new_worker(tmp_path, monkeypatch):
    from declutter.options import Options
    from declutter.run import batch

    _slow_or_dying(monkeypatch, {"stuck.txt": "hang", "dies.txt": "die"})
    monkeypatch.setattr(batch, "QUEUED_BYTES", 600)  # a job this large waits for an idle worker
    names = ["dies.txt", "a.txt", "stuck.txt", "b.txt", "large.txt", "c.txt"]
    for name in names:
        (tmp_path / name).write_text("Headline here\n\n" + "The minister said the talks would go on. " * 5)
    limit = 3
    jobs = [batch.Job(str(tmp_path / n), str(tmp_path / f"{n}.out"), "txt", None, Options(timeout=limit),
                      template=frozenset(range(1, 300)) if n == "large.txt" else frozenset()) for n in names]
    outcomes = [o for o in batch.run_batch(jobs, workers=1, timeout=limit)]
    assert [o.source.rsplit("/", 1)[-1] for o in outcomes] == names  # one worker: in order, none lost
    errors = {o.source.rsplit("/", 1)[-1]: o.error for o in outcomes if not o.ok}
    assert set(errors) == {"stuck.txt", "dies.txt"}
    assert all((tmp_path / f"{n}.out").exists() for n in ("a.txt", "b.txt", "large.txt", "c.txt"))


def test_a_worker_that_dies_on_the_job_queued_behind_another_fails_that_file_alone(tmp_path, monkeypatch):
    """The parent sends a worker its next job as the last one's outcome comes back: a worker that
    died on its queued job meanwhile is found dead at that send, or when its pipe closes."""
    from declutter.options import Options
    from declutter.run import batch

    names = [name for i in range(6) for name in (f"ok{i}.txt", f"dies{i}.txt")]
    _slow_or_dying(monkeypatch, {name: "die" for name in names if name.startswith("dies")})
    for name in names:
        (tmp_path / name).write_text("Headline here\n\n" + "The minister said the talks would go on. " * 5)
    finished = batch._Workers._finished

    def slowly(self, worker):  # a busy parent: the worker has died before its next job is sent
        outcome = finished(self, worker)
        time.sleep(0.05)
        return outcome
    monkeypatch.setattr(batch._Workers, "_finished", slowly)
    jobs = [batch.Job(str(tmp_path / n), str(tmp_path / f"{n}.out"), "txt", None, Options(timeout=5))
            for n in names]
    outcomes = {o.source.rsplit("/", 1)[-1]: o for o in batch.run_batch(jobs, workers=1, timeout=5)}
    assert sorted(outcomes) == sorted(names)
    assert all(outcomes[n].ok == n.startswith("ok") for n in names), {n: o.error for n, o in outcomes.items()}


def test_an_idle_worker_found_dead_as_it_is_given_a_job_is_replaced_and_no_job_is_lost(tmp_path, monkeypatch):
    import os
    import signal as signals

    from declutter.options import Options
    from declutter.run import batch

    process, finished = batch.process, batch._Workers._finished

    def then_dies(job):  # the worker sends this file's outcome, then dies (killed while idle)
        outcome = process(job)
        if job.source.endswith("then_dies.txt"):
            threading.Timer(0.01, os.kill, (os.getpid(), signals.SIGKILL)).start()
        return outcome

    def slowly(self, worker):
        outcome = finished(self, worker)
        time.sleep(0.1)
        return outcome
    monkeypatch.setattr(batch, "process", then_dies)
    monkeypatch.setattr(batch._Workers, "_finished", slowly)
    monkeypatch.setattr(batch, "QUEUED_BYTES", 1)  # one job at a time: the worker is idle when it dies
    names = ["a.txt", "then_dies.txt", "b.txt", "c.txt"]
    for name in names:
        (tmp_path / name).write_text("Headline here\n\n" + "The minister said the talks would go on. " * 5)
    jobs = [batch.Job(str(tmp_path / n), str(tmp_path / f"{n}.out"), "txt", None, Options(timeout=5))
            for n in names]
    outcomes = list(batch.run_batch(jobs, workers=1, timeout=5))
    assert [o.source.rsplit("/", 1)[-1] for o in outcomes] == names and all(o.ok for o in outcomes)


SMALL_PIPES = """
import socket, sys
from pathlib import Path
from declutter.options import Options
from declutter.run import batch

class SmallPipes:  # the pipes of a system with small buffers (macOS's sockets hold 8 KB)
    def __init__(self, context):
        self.context = context
    def __getattr__(self, name):
        return getattr(self.context, name)
    def Pipe(self):
        ends = self.context.Pipe()
        for end in ends:
            with socket.socket(fileno=end.fileno()) as sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                sock.detach()
        return ends

get_context = batch.get_context
batch.get_context = lambda method: SmallPipes(get_context(method))
folder = Path(sys.argv[1])
paragraph = "The council met on Tuesday and agreed on a plan for the parks of the city, after a long debate. "
jobs = []
for i in range(6):
    path = folder / f"{i}.txt"
    path.write_text(f"Headline number {i}\\n\\n" + (paragraph * 3 + "\\n\\n") * 40)
    jobs.append(batch.Job(str(path), str(path) + ".out", "json", None, Options(timeout=30),
                          template=frozenset(range(1, 8000)), returned=True))  # a large job, a large outcome
outcomes = list(batch.run_batch(jobs, workers=1, timeout=30))
print(len(outcomes), all(o.ok and len(o.record) > 8192 for o in outcomes))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="socket pipes")
def test_large_jobs_and_large_outcomes_never_wait_on_each_other_in_small_pipes(tmp_path):
    """A job too large for a pipe's buffer is never queued behind a busy worker: the parent's send
    would block while the worker blocks sending its large outcome, both forever."""
    import subprocess

    try:
        run = subprocess.run([sys.executable, "-c", SMALL_PIPES, str(tmp_path)], capture_output=True, text=True,
                             timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the run never finished: the parent and its worker waited on each other")
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["6", "True"]


def _run_cli(*args, **kwargs):
    import subprocess

    return subprocess.Popen([sys.executable, "-m", "declutter", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_a_run_stopped_midway_keeps_its_progress_and_a_new_run_finishes_it(tmp_path, how):
    import json
    import signal as signals

    source = tmp_path / "clips"
    source.mkdir()
    body = "\n\n".join(f"Paragraph {i}: the council met on Tuesday and agreed a plan for the parks."
                       for i in range(300))
    for i in range(150):
        (source / f"{i:03}.txt").write_text(f"Headline number {i}\n\n{body}\n")
    out = tmp_path / "out"
    run = _run_cli("clean", source, "-o", out, "--no-template")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.txt"))) < 5:
        time.sleep(0.05)
    run.send_signal(getattr(signals, how))
    _, stderr = run.communicate(timeout=60)
    written = {p.name for p in out.glob("*.txt")}
    assert 5 <= len(written) < 150, "the run was not stopped midway"
    if how == "SIGTERM":
        assert run.returncode == 143 and "terminated after" in stderr and "Traceback" not in stderr
        manifest = json.loads((out / ".declutter-manifest.json").read_text())["outputs"]
        assert {name for name, entry in manifest.items() if entry["digest"]} == written  # every output recorded
    again = _run_cli("clean", source, "-o", out, "--no-template")
    _, stderr = again.communicate(timeout=300)
    assert again.returncode == 0, stderr  # no output of the first run is taken for a file of the user's
    assert "150 files, " in stderr
    if how == "SIGTERM":
        assert f"{len(written)} up to date" in stderr
    assert len(list(out.glob("*.txt"))) == 150 and not list(out.glob(".*.part"))


def test_an_input_edited_while_it_is_cleaned_is_not_up_to_date_afterwards(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from declutter import pipeline
    from declutter.cli import main

    source = tmp_path / "clips"
    source.mkdir()
    clip = source / "a.txt"
    clip.write_text("Headline here\n\n" + "The minister said the talks would go on. " * 5 + "\n")
    original = pipeline.clean_input

    def editing(content, **kwargs):
        clip.write_text(clip.read_text() + "An edit made while cleaning, a new sentence of the article.\n")
        return original(content, **kwargs)
    monkeypatch.setattr("declutter.run.batch.clean_input", editing)
    args = ["clean", str(source), "-o", str(tmp_path / "out"), "--timeout", "0"]
    assert CliRunner().invoke(main, args).exit_code == 0
    monkeypatch.setattr("declutter.run.batch.clean_input", original)
    result = CliRunner().invoke(main, args)
    assert "1 cleaned" in result.output and "up to date" not in result.output
    assert "An edit made while cleaning" in (tmp_path / "out" / "a.txt").read_text()


def test_the_outputs_of_deleted_inputs_are_named_and_pruned_on_request(tmp_path):
    from click.testing import CliRunner

    from declutter.cli import main

    source = tmp_path / "clips"
    source.mkdir()
    for name in ("a.txt", "b.txt"):
        (source / name).write_text("Headline here\n\n" + "The minister said the talks would go on. " * 5 + "\n")
    args = ["clean", str(source), "-o", str(tmp_path / "out")]
    CliRunner().invoke(main, args)
    (source / "b.txt").unlink()
    result = CliRunner().invoke(main, args)
    assert "1 output(s) of inputs that no longer exist (--prune removes them)" in result.output
    assert (tmp_path / "out" / "b.txt").exists()
    result = CliRunner().invoke(main, [*args, "--prune"])
    assert "removed 1 output(s)" in result.output and not (tmp_path / "out" / "b.txt").exists()


def test_an_output_name_of_250_bytes_is_written(tmp_path):
    from click.testing import CliRunner

    from declutter.cli import main

    source = tmp_path / "clips"
    source.mkdir()
    (source / ("é" * 120 + "ab.txt")).write_text("Headline here\n\n" + "The minister said the talks go on. " * 5)
    result = CliRunner().invoke(main, ["clean", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / ("é" * 120 + "ab.txt")).exists()


def test_twenty_thousand_files_named_one_by_one_are_planned_in_linear_time(tmp_path):
    from declutter.run.outputs import targets

    files = []
    for folder in range(200):
        (tmp_path / f"d{folder}").mkdir()
        for i in range(100):
            files.append(tmp_path / f"d{folder}" / f"{i}.txt")
    started = time.perf_counter()
    planned = list(targets(files, tmp_path / "out", "txt"))  # the files need not exist to be planned
    assert len(planned) == 20_000 and len({t for _, t in planned}) == 20_000
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_in_any_script_is_read(encoding):
    text = "Погода в Москве\n\n" + "Это статья о погоде в Москве, которая была очень холодной в этом году. " * 4
    assert "холодной" in declutter.clean(text.encode(encoding))


def test_a_few_stray_nuls_in_a_short_clipping_are_dropped():
    text = ("Headline here\n\nThe minister said the talks would go on\x00 until the end of the week, and that "
            "both sides\x00 had agreed to meet again.\n")
    assert "both sides had agreed" in declutter.clean(text.encode())


def test_the_template_pass_does_not_read_a_file_over_the_size_limit(tmp_path, monkeypatch):
    from declutter.stages import template

    monkeypatch.setattr(template, "MAX_INPUT_BYTES", 100)
    (tmp_path / "big.txt").write_text("x" * 1000)
    read = []
    monkeypatch.setattr(template, "_line_hashes", lambda data: read.append(len(data)) or [])
    template.template_lines([tmp_path / "big.txt"])
    assert read == []


@pytest.mark.parametrize("kind,content", [("text", "A short line\n" * 60_000),
                                          ("html", "<p>" + "<b>x</b>" * 250_000)])
def test_an_input_over_the_memory_bounds_is_refused_at_once_in_one_line(kind, content):
    started = time.perf_counter()
    with pytest.raises(declutter.InputError, match="bounded memory"):
        declutter.clean(content, kind=kind)
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("output", ["loop/out", "loop"])
def test_an_output_path_through_a_symbolic_link_loop_is_one_line(tmp_path, output):
    from click.testing import CliRunner

    from declutter.cli import main

    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    source = tmp_path / "clips"
    source.mkdir()
    (source / "a.txt").write_text("Headline here\n\n" + "The minister said the talks would go on. " * 5)
    result = CliRunner().invoke(main, ["clean", str(source), "-o", str(tmp_path / output)])
    assert result.exit_code == 2 and "Traceback" not in result.output and result.output.count("\n") == 1
    assert "cannot write in" in result.output


def test_a_full_disk_at_the_end_of_a_run_is_one_line(tmp_path, monkeypatch):
    import errno

    from click.testing import CliRunner

    from declutter.cli import main
    from declutter.run import outputs

    source = tmp_path / "clips"
    source.mkdir()
    (source / "a.txt").write_text("Headline here\n\n" + "The minister said the talks would go on. " * 5)
    real = outputs.Manifest.save

    def full(self):
        if self.changed and any(entry.get("digest") for entry in self.entries.values()):
            raise OSError(errno.ENOSPC, "No space left on device", str(self.path))
        real(self)
    monkeypatch.setattr(outputs.Manifest, "save", full)
    result = CliRunner().invoke(main, ["clean", str(source), "-o", str(tmp_path / "out"), "--timeout", "0"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "No space left on device" in result.output


OPENINGS = ["<figcaption>", "`a ", "**a ", "[a](", "[", "![", "<http://a", "<a ", "<meta ", "<!--", "<script>",
            "<p ", "<h1 ", "<title ", "<math>", '<script type="math/tex">', "<link ", "<pre>", " "]
READERS = [read.plain_markdown, lambda s: read.lines_to_blocks("a | b\n" + s), extract.render_text,
           extract.paragraph_chars, extract.with_formulas, lambda s: extract.with_captions("x", s),
           extract.page_byline, lambda s: extract.page_headline("<title>a b c</title>" + s)]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(OPENINGS), min_size=1, max_size=3), st.sampled_from(range(len(READERS))))
def test_any_mix_of_unclosed_openings_is_read_in_linear_time(openings, reader):
    """Generated: a mix of constructs left open, repeated 20,000 times, through one of the
    readers of pages and lines; quadratic, the slowest took minutes at this size."""
    started = time.perf_counter()
    READERS[reader]("".join(openings) * 20_000)
    assert time.perf_counter() - started < 5.0


def test_a_worker_told_to_stop_while_a_finalizer_runs_stops_before_writing(tmp_path, monkeypatch):
    """SIGTERM landing in an object's __del__ raises a SystemExit that Python prints and drops:
    the worker must still stop (a run waited forever on it), and write no output the run will
    not record."""
    import gc

    from declutter.run import batch

    monkeypatch.setattr(batch, "_stopping", False)
    monkeypatch.setattr(batch, "_busy", True)
    swallowed = []
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: swallowed.append(unraisable.exc_value))

    class Finalized:
        def __del__(self):
            batch._exit_cleanly(15, None)  # as the signal would, while this finalizer runs

    Finalized()
    gc.collect()
    assert swallowed and isinstance(swallowed[0], SystemExit) and batch._stopping
    target = tmp_path / "out.txt"
    with pytest.raises(SystemExit):
        batch.write_output(batch.Outcome("in.txt", str(target)), "The article.\n")
    assert not target.exists()
