"""The compiled kernels give the pure-Python ones' answers, line for line and page for page."""

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from declutter import kernels
from declutter.kernels import pure
from declutter.kernels.table import WORD
from declutter.language import stoplist
from declutter.memo import Memo

ROOT = Path(__file__).resolve().parent.parent
compiled = pytest.importorskip("declutter.kernels._compiled") if not os.environ.get("CI") else None
if compiled is None:  # CI installs from a fresh clone: the kernels must have been built there
    from declutter.kernels import _compiled as compiled

ENGLISH, GERMAN = stoplist("en"), stoplist("de")
# Words and what borders them: apostrophes inside, before and after words, scripts without
# spaces, characters past the Basic Multilingual Plane, closing quotes after a full stop.
PIECES = st.sampled_from(["the", "Der", "don't", "l’homme", "'", "’", "''", "rock'n'roll", "'quoted'", "x'",
                          "東京都", "ソウル", "한국어", "ไทย", "😀", "𝐀𝐁", "١٢٣", "Ⅻ", "_id", "ǅemal",
                          "İstanbul", "ß", " ", "  ", ",", "，", "、", "|", "»", "·", "•", "/", "3.5", "é",
                          "e\u0301", ".", "!", "?", "…", "。", ")", "\"", "”", "»", "]", "\ud800", "\x00"])
TEXTS = st.lists(st.lists(PIECES | st.text(max_size=6), max_size=12).map("".join), max_size=8)


def same(texts: list[str]) -> None:
    for stopwords in (ENGLISH, GERMAN, frozenset()):
        expected = pure.line_counts(texts, stopwords)
        found = compiled.line_counts(texts, stopwords)
        assert found.shape == expected.shape == (len(texts), kernels.COLUMNS)
        assert np.array_equal(found, expected), [t for t, a, b in zip(texts, expected, found) if (a != b).any()]


def test_the_compiled_kernels_are_in_use_where_built():
    assert kernels.COMPILED == (kernels.line_counts is compiled.line_counts)
    if os.environ.get("CI"):
        assert kernels.COMPILED, "a fresh install should have built the compiled kernels"


@given(TEXTS)
@settings(max_examples=int(os.environ.get("DECLUTTER_EXAMPLES", "300")), deadline=None,
          derandomize=bool(os.environ.get("CI")))
@example(["", "a", "'", "a'", "'a", "a''b", "a'b'", "Don’t stop.”", "ÉCOLE", "😀 Hi"])
def test_line_counts_agree_on_any_text(texts):
    same(texts)


def test_line_counts_agree_on_every_benchmark_page(shared):
    for page in sorted(p for bench in ("bench", "bench2", "bench3") for p in (shared / bench / "clip").iterdir()):
        same([line.strip() for line in page.read_text("utf-8", "replace").split("\n")])


def test_line_counts_agree_on_the_corpus():
    for page in sorted(p for p in (ROOT / "corpus").rglob("*") if p.is_file()):
        same([line.strip() for line in page.read_text("utf-8", "replace").split("\n")])


_DIGESTS = """
import hashlib, json, sys
from pathlib import Path
from declutter import kernels
from declutter.options import Options
from declutter.pipeline import clean_input
from declutter.stages.write import render
out = {"compiled": kernels.COMPILED}
for name in sys.argv[1:]:
    cleaned = clean_input(Path(name).read_bytes(), path=name, options=Options())
    text = "ERR " + str(cleaned.error) if cleaned.doc is None else render(cleaned.doc, "json", Options())
    out[name] = hashlib.sha1(text.encode()).hexdigest()
print(json.dumps(out))
"""


def digests(files: list[Path]) -> tuple[dict, dict]:
    """Each file's cleaned output (its digest), with the compiled kernels and without, in two
    processes at once."""
    runs = [subprocess.Popen([sys.executable, "-c", _DIGESTS, *map(str, files)], stdout=subprocess.PIPE, text=True,
                             env=dict(os.environ, DECLUTTER_PURE_PYTHON=pure_python))
            for pure_python in ("0", "1")]
    outputs = [run.communicate()[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    with_core, without = map(json.loads, outputs)
    return with_core, without


def inputs(shared: Path | None) -> list[Path]:
    files = sorted(p for p in (ROOT / "corpus").rglob("*") if p.is_file() and ".expected" not in p.name
                   and not p.name.endswith((".reasons", ".json")))
    if shared is not None:
        files += sorted(p for bench in ("bench", "bench2", "bench3") for form in ("clip", "html")
                        for p in (shared / bench / form).iterdir())
    return files


@pytest.mark.parametrize("where", ["corpus", "benchmarks"])
def test_outputs_are_the_same_with_and_without_the_compiled_kernels(where, request):
    files = inputs(request.getfixturevalue("shared") if where == "benchmarks" else None)
    with_core, without = digests(files)
    assert with_core.pop("compiled") and not without.pop("compiled")
    assert len(with_core) == len(files)
    assert [name for name in with_core if with_core[name] != without[name]] == []


@given(TEXTS, st.integers(-1, 80), st.booleans())
@settings(max_examples=int(os.environ.get("DECLUTTER_EXAMPLES", "300")), deadline=None,
          derandomize=bool(os.environ.get("CI")))
def test_opening_counts_agree_with_each_other_and_with_line_counts(texts, budget, half_remembered):
    for stopwords in (ENGLISH, frozenset()):
        remembered: Memo = Memo(1_000)  # as language detection remembers lines (a dict's subclass)
        if half_remembered:  # some lines' counts already known
            counts = pure.line_counts(texts, stopwords)[:, [kernels.WORD_COUNT, kernels.STOPWORD_COUNT]].tolist()
            remembered.update((text, tuple(row)) for text, row in list(zip(texts, counts))[::2])
        found_memo, expected_memo = Memo(1_000), Memo(1_000)
        found_memo.update(remembered)
        expected_memo.update(remembered)
        words: dict = {}
        found = compiled.opening_counts(iter(texts), budget, found_memo, stopwords, {})
        expected = pure.opening_counts(iter(texts), budget, expected_memo, stopwords, words)
        assert found == expected and found_memo == expected_memo
        # The words the pure kernel leaves are language detection's (language._words).
        assert words == {text: tuple(w.lower() for w in WORD.findall(text)) for text in words}


LINES = st.integers(0, 60)


@given(st.data())
@settings(max_examples=int(os.environ.get("DECLUTTER_EXAMPLES", "300")), deadline=None,
          derandomize=bool(os.environ.get("CI")))
def test_prose_run_agrees(data):
    n = data.draw(LINES)
    # Whole numbers tie runs exactly; a line's characters as exp(log1p(count)) tie them within rounding.
    counts = data.draw(st.lists(st.integers(1, 400), min_size=n, max_size=n))
    chars = np.exp(np.log1p(np.array(counts, float))) if data.draw(st.booleans()) else np.array(counts, float)
    prose = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)), float)
    shorts = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)), float)
    skip = data.draw(st.none() | st.lists(st.booleans(), min_size=n, max_size=n).map(lambda b: np.array(b, bool)))
    assert compiled.prose_run(chars, prose, shorts, skip) == pure.prose_run(chars, prose, shorts, skip)


@given(st.lists(st.floats(1e-6, 1 - 1e-6), max_size=60), st.floats(0.05, 0.95), st.floats(0.5, 0.999),
       st.floats(0.5, 0.999))
@settings(max_examples=int(os.environ.get("DECLUTTER_EXAMPLES", "300")), deadline=None,
          derandomize=bool(os.environ.get("CI")))
@example([0.5, 0.5, 0.5], 0.5, 0.5, 0.5)  # every comparison a tie
def test_viterbi_agrees(probabilities, prior, stay_b, stay_a):
    p = np.array(probabilities, float)
    emit_b, emit_a = (np.log(1 - p) - np.log(1 - prior)).tolist(), (np.log(p) - np.log(prior)).tolist()
    args = ((float(np.log(1 - prior)), float(np.log(prior))), (float(np.log(stay_b)), float(np.log(stay_a))),
            (float(np.log(1 - stay_b)), float(np.log(1 - stay_a))))
    assert compiled.viterbi(emit_b, emit_a, *args) == pure.viterbi(emit_b, emit_a, *args)


def test_block_columns_agree_on_the_corpus():
    from declutter.document import DROP, KEEP, UNDECIDED
    from declutter.stages.read import lines_to_blocks

    choices = [DROP, KEEP, UNDECIDED]
    for number, page in enumerate(sorted(p for p in (ROOT / "corpus").rglob("*") if p.is_file())):
        blocks = lines_to_blocks(page.read_text("utf-8", "replace"), markdown=page.suffix == ".md")
        for i, block in enumerate(blocks):
            block.decision, block.structure = choices[(i * 7 + number) % 3], (i + number) % 5 == 0
        given = [choices[(i * 5 + number) % 3] for i in range(len(blocks))]
        for decisions in (None, given):
            assert np.array_equal(compiled.block_columns(blocks, decisions), pure.block_columns(blocks, decisions))
    assert compiled.block_columns([], None).shape == pure.block_columns([], None).shape == (0, 5)


def _pages(shared: Path | None) -> list[Path]:
    pages = sorted(p for p in (ROOT / "corpus").rglob("*") if p.is_file() and p.suffix in (".txt", ".md"))
    if shared is not None:
        pages += sorted(p for bench in ("bench", "bench2", "bench3") for p in (shared / bench / "clip").iterdir())
    return pages


@pytest.mark.parametrize("where", ["corpus", "benchmarks"])
def test_text_blocks_agree(where, request):
    from declutter.stages.read import plain_markdown, structure_lines

    for page in _pages(request.getfixturevalue("shared") if where == "benchmarks" else None):
        lines = page.read_text("utf-8", "replace").splitlines()
        code, table = structure_lines(lines)
        for texts in (lines, list(map(plain_markdown, lines))):
            found, expected = (kernels.text_blocks(lines, texts, 3, code, table)
                               for kernels in (compiled, pure))
            assert found == expected
            assert [(b.bare, b.words, b.structure) for b in found] == [(b.bare, b.words, b.structure) for b in expected]


@given(st.lists(st.text(st.sampled_from(" \t\u00a0\u2003\x1cab1.•-é\u3000"), max_size=12), max_size=10))
@settings(max_examples=int(os.environ.get("DECLUTTER_EXAMPLES", "300")), deadline=None,
          derandomize=bool(os.environ.get("CI")))
def test_text_blocks_agree_on_any_whitespace(lines):
    code, table = {0, 3}, {1}
    assert compiled.text_blocks(lines, lines, 1, code, table) == pure.text_blocks(lines, lines, 1, code, table)
    assert compiled.text_blocks(lines, lines, 1, set(), set()) == pure.text_blocks(lines, lines, 1, set(), set())


def test_stoplist_hits_agree_on_every_benchmark_page(shared):
    from declutter.language import _words, stopword_index

    index = stopword_index()
    for page in sorted(p for bench in ("bench", "bench2", "bench3") for p in (shared / bench / "clip").iterdir()):
        lines = page.read_text("utf-8", "replace").split("\n")[:200]
        counted = Counter(word for line in lines for word in _words(line))
        half = dict(list(index.answers.items())[: len(index.answers) // 2])  # some words' answers not yet known
        found = compiled.stoplist_hits(counted, half, index.get)
        expected = pure.stoplist_hits(counted, index.answers, index.get)
        assert list(found.items()) == list(expected.items())  # the same counts, stoplists in the same order


def same_partition(text: str) -> None:
    """The two kernels' hashes tell the same lines apart: equal where the normalised lines are."""
    expected, found = pure.line_hashes(text), compiled.line_hashes(text)
    assert len(found) == len(expected) == len(text.splitlines())
    assert _firsts(found) == _firsts(expected)


def _firsts(hashes: list[int]) -> list[int]:
    """For each hash, where it first occurs: a partition of the lines, whatever the hash values."""
    first_of: dict[int, int] = {}
    return [first_of.setdefault(h, i) for i, h in enumerate(hashes)]


@given(st.lists(st.text(st.sampled_from(" \t\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\u00a0\u3000ab\u00e9\U0001f600"),
                        max_size=8), max_size=12).map("".join))
@settings(max_examples=int(os.environ.get("DECLUTTER_EXAMPLES", "300")), deadline=None,
          derandomize=bool(os.environ.get("CI")))
@example("a\r\nb\rc\n\nd  e\n d e \n\r\n ")
def test_line_hashes_tell_the_same_lines_apart(text):
    same_partition(text)
    assert compiled.line_hashes(" ") == compiled.line_hashes("\t\n") == compiled.line_hashes("\u3000\r\n")


def test_line_hashes_tell_the_same_lines_apart_on_every_benchmark_page(shared):
    pages = sorted(p for bench in ("bench", "bench2", "bench3") for p in (shared / bench / "clip").iterdir())
    same_partition("\n".join(page.read_text("utf-8", "replace").casefold() for page in pages))


def test_kernels_built_from_older_code_give_way_to_the_pure_ones(monkeypatch):
    import types

    monkeypatch.delenv("DECLUTTER_PURE_PYTHON", raising=False)
    every = {name: len for name in kernels.KERNELS}
    for older in (types.SimpleNamespace(line_counts=len, LAYOUT=kernels.LAYOUT),  # a kernel missing
                  types.SimpleNamespace(**every, LAYOUT=kernels.LAYOUT[::-1])):  # other columns
        monkeypatch.setitem(sys.modules, "declutter.kernels._compiled", older)
        monkeypatch.setattr(kernels, "_compiled", older, raising=False)
        with pytest.warns(UserWarning, match="built from older code"):
            assert kernels._compiled_kernels() is None
    monkeypatch.setattr(kernels, "_compiled", types.SimpleNamespace(**every, LAYOUT=kernels.LAYOUT), raising=False)
    assert kernels._compiled_kernels() is not None


@given(st.integers(0, 40), st.lists(st.floats(-1e6, 1e6, allow_subnormal=False), min_size=5, max_size=5))
@settings(max_examples=int(os.environ.get("DECLUTTER_EXAMPLES", "300")), deadline=None,
          derandomize=bool(os.environ.get("CI")))
def test_context_means_agree(n, scale):
    rng = np.random.default_rng(n)
    context = rng.random((n, 5)) * np.array(scale)  # any values, of any sign
    found, expected = (np.full((n, 30), np.nan) for _ in range(2))
    compiled.context_means(context, found, 7, (1, 4))
    pure.context_means(context, expected, 7, (1, 4))
    assert found.tobytes() == expected.tobytes()  # bit for bit: signed zeros too


def test_an_sdist_carries_the_kernels_sources(tmp_path):
    """An install from an sdist builds the kernels from their Cython source (or the C made from it)."""
    import tarfile

    done = subprocess.run([sys.executable, "setup.py", "-q", "egg_info", "--egg-base", str(tmp_path), "sdist",
                           "--dist-dir", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    (archive,) = tmp_path.glob("*.tar.gz")
    names = {name.split("/", 1)[1] for name in tarfile.open(archive).getnames() if "/" in name}
    assert {"declutter/kernels/_compiled.pyx", "declutter/kernels/_compiled.pyi", "setup.py"} <= names
