"""Hostile input: every pattern over a page or a line runs in linear time, the time limit holds
in library threads, shared memos survive threads."""

import sys
import threading
import time

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

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


THREADS_SCRIPT = """
import sys, threading
import declutter

page = ("<html><head><title>Parks plan agreed</title></head><body><article>"
        + "<p>The council met on Tuesday and agreed on a plan for the parks of the city.</p>" * 30
        + "</article></body></html>")
clipping = "Parks plan agreed\\n\\n" + "The council met on Tuesday and agreed a plan for the parks. " * 5
results = []

def work(index):
    kind, content = ("html", page) if index % 2 else ("text", clipping)
    try:
        results.append((kind, declutter.clean(content, options=declutter.Options(timeout=float(sys.argv[1])))))
    except declutter.InputError:
        results.append((kind, None))

threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
expected = {"html": declutter.clean(page, kind="html"), "text": declutter.clean(clipping)}
assert len(results) == 16, results
assert all(text == expected[kind] for kind, text in results if text is not None), results
print("finished", sum(text is not None for _, text in results))
"""


@pytest.mark.parametrize("limit", ["0.3", "0.05"])
def test_library_threads_with_a_short_time_limit_neither_deadlock_nor_differ(limit):
    """Sixteen threads of a fresh process, a limit short enough to fire during the extractors'
    first imports: every call ends (cleaned or timed out), and those that finish equal a
    sequential run."""
    import subprocess
    import sys

    try:
        run = subprocess.run([sys.executable, "-c", THREADS_SCRIPT, limit], capture_output=True, text=True,
                             timeout=180)
    except subprocess.TimeoutExpired:
        pytest.fail("the threads never finished: deadlock")
    assert run.returncode == 0 and "finished" in run.stdout, run.stderr[-2000:]


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
