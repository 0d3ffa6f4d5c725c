"""Block features for the statistical fallback, in the spirit of jusText: columns over a page's blocks.

Each block gets its own shape (length, stopword density, punctuation, capitals, digits, bullets),
its place in the page (position, paragraph group, distance to the densest prose run) and the
same few measures of its neighbours, so that a linear model sees some context.

Features are computed a column at a time over the whole page (numpy, one character table),
not a block at a time: a page of 200 lines costs a few dozen array operations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import regex

from .. import kernels
from ..compiled import compiled
from ..document import LIST_MARKERS, Block, Decision
from ..kernels.table import (
    ALNUM,
    ALPHA,
    CJK_CHAR,
    COMMA,
    COUNTED_BITS,
    DIGIT,
    LOWER_CASED,
    SEPARATING,
    SEPARATING_CHARS,
    SPACE,
)
from ..memo import Memo
from ..rules.prefilter import LineScan

BULLET = compiled(rf"^\s*(?:[{regex.escape(LIST_MARKERS)}]|\d{{1,3}}[.)]\s)")
# A separator between a menu's items; lines without one of SEPARATING_CHARS (the table's bit) skip the search.
SEPARATOR = compiled(rf"\s[{regex.escape(SEPARATING_CHARS)}]\s|\s[|»›]$")
LINKISH = compiled(r"https?://|www\.|\w@\w|\.(?:com|org|net)\b", regex.I)
LINKISH_HINT = re.compile(r"://|www\.|@|\.(?:com|org|net)", re.I)  # necessary for LINKISH, and quick
DATEISH = compiled(r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}"
                   r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b)", regex.I)

OWN = ("log_chars", "log_words", "stop_density", "log_stopwords", "terminal", "comma_rate",
       "capitalised", "digits", "punctuation", "bullet", "indent", "separator", "linkish",
       "dateish", "all_caps", "cjk", "short", "prose")
PAGE = ("position", "repeated", "log_group_size", "group_mean_words", "in_prose_run",
        "log_run_distance", "rule_dropped", "rule_kept", "words_x_stop", "prose_in_run", "short_in_run",
        "position_squared")
TEXT_OWN = tuple(name for name in OWN if name not in ("bullet", "indent"))  # a line's text alone decides these
MAX_REMEMBERED = 100_000  # distinct texts whose features are kept
TEXT_CHUNK = 4_096  # new texts whose features are computed at once
# text → its TEXT_OWN features, per stoplist (one memo per process and language).
_REMEMBERED: dict[frozenset[str], Memo[str, np.ndarray]] = {}
# (stopwords, texts) → TEXT_OWN columns of the last page asked about.
_LAST_PAGE: Memo[tuple[frozenset[str], tuple[str, ...]], dict[str, np.ndarray]] = Memo(1)
CONTEXT = ("log_words", "stop_density", "terminal", "prose", "rule_dropped")
CONTEXT_WINDOWS = (1, 4)  # the lines before and after each line whose CONTEXT features are averaged
NAMES = OWN + PAGE + tuple(f"{side}{k}_{name}" for k in CONTEXT_WINDOWS for side in ("prev", "next")
                           for name in CONTEXT)

def _found(pattern: regex.Pattern, texts: Sequence[str], candidates: np.ndarray) -> np.ndarray:
    """1.0 where pattern is found in a text; only candidate texts (a necessary condition) are searched."""
    out = np.zeros(len(texts))
    for index in np.flatnonzero(candidates).tolist():
        if pattern.search(texts[index]):
            out[index] = 1.0
    return out


def build_tables() -> None:
    """Build the date scan now (once per process) instead of on first use. The character table
    fills as pages bring their characters (a page has a few hundred distinct ones): filling the
    whole plane before a pool forks cost its start more than its workers' pages ever did."""
    _date_scan()


@lru_cache(maxsize=1)
def _date_scan() -> LineScan | None:
    return LineScan.of([f".*(?:{DATEISH.pattern}).*"])


def _date_candidates(texts: Sequence[str], has_digit: np.ndarray) -> np.ndarray:
    """Lines DATEISH may be found in: every date has a digit, and one RE2 pass over those lines
    rules out most of the rest (see prefilter.LineScan)."""
    scan, indices = _date_scan(), np.flatnonzero(has_digit)
    if scan is None or not len(indices):
        return has_digit
    candidates = np.zeros(len(texts), bool)
    candidates[indices[scan.candidates([texts[i] for i in indices.tolist()])]] = True
    return candidates


def own_features(blocks: Sequence[Block], stopwords: frozenset[str]) -> dict[str, np.ndarray]:
    """Features of each block on its own, one column (array over the blocks) per name in OWN."""
    columns = text_features([b.text for b in blocks], stopwords)
    raws = [b.raw for b in blocks]
    n = len(raws)
    indent = np.fromiter(map(len, raws), np.int64, n) - np.fromiter(map(len, map(str.lstrip, raws)), np.int64, n)
    columns["bullet"] = np.fromiter(map(bool, map(BULLET.match, raws)), bool, n).astype(float)
    columns["indent"] = np.log1p(indent)
    return columns


def text_features(texts: Sequence[str], stopwords: frozenset[str]) -> dict[str, np.ndarray]:
    """The features a line's text alone decides, one column per name in TEXT_OWN.

    They are remembered per distinct text (menus repeat across pages, and a page's kept lines
    are seen again when it settles); only new texts are computed. The last page's columns are
    remembered whole: the headline and the fallback ask about the same page in turn.
    """
    key = (stopwords, tuple(texts))
    columns = _LAST_PAGE.get(key)
    if columns is None:
        columns = _LAST_PAGE.remember(key, _text_columns(texts, stopwords))
    return dict(columns)


def _text_columns(texts: Sequence[str], stopwords: frozenset[str]) -> dict[str, np.ndarray]:
    """The page's table, built from its own rows (remembered ones looked up once, new ones
    computed), then the new rows added to the memo: another thread may clear the memo at any
    moment, and never takes a row from under this page."""
    remembered = _REMEMBERED.get(stopwords)
    if remembered is None:
        remembered = _REMEMBERED.setdefault(stopwords, Memo(MAX_REMEMBERED))
    rows: dict[str, np.ndarray] = {}
    new = []
    for text in dict.fromkeys(texts):
        row = remembered.get(text)
        if row is None:
            new.append(text)
        else:
            rows[text] = row
    computed: dict[str, np.ndarray] = {}
    for start in range(0, len(new), TEXT_CHUNK):  # a huge page in slices: bounded working memory
        part = new[start:start + TEXT_CHUNK]
        computed.update(zip(part, _text_features(part, stopwords)))
    rows.update(computed)
    if len(computed) <= remembered.bound:
        remembered.make_room(len(computed))
        remembered.update(computed)
    table = np.array([rows[t] for t in texts]) if texts else np.zeros((0, len(TEXT_OWN)))
    return {name: table[:, j] for j, name in enumerate(TEXT_OWN)}


def _text_features(texts: list[str], stopwords: frozenset[str]) -> np.ndarray:
    """The TEXT_OWN features of texts, one row each."""
    counts = kernels.line_counts(texts, stopwords)
    (letters, alnum, digits, cjk, lower_cased, commas, spaces, separating) = (
        counts[:, COUNTED_BITS.index(bit)]
        for bit in (ALPHA, ALNUM, DIGIT, CJK_CHAR, LOWER_CASED, COMMA, SPACE, SEPARATING))
    chars, found, stops, alpha, capitals, terminal = (
        counts[:, column] for column in (kernels.CHAR_COUNT, kernels.WORD_COUNT, kernels.STOPWORD_COUNT,
                                         kernels.ALPHA_FIRST, kernels.CAPITAL_FIRST, kernels.TERMINAL))
    terminal = terminal.astype(bool)
    page = "\n".join(texts)
    starts = np.zeros(len(texts), np.int64)
    np.cumsum(chars[:-1] + 1, out=starts[1:])
    hints = np.zeros(len(texts), bool)
    hints[np.searchsorted(starts, [m.start() for m in LINKISH_HINT.finditer(page)], "right") - 1] = True
    n_words = found + cjk // 2  # CJK scripts have no spaces: count about two characters a word
    stop_density = np.where(found > 0, stops / np.maximum(found, 1), 0.0)
    prose = ((n_words >= 10) & ((stop_density >= 0.2) | (cjk > 20))) | ((n_words >= 6) & terminal & (stops >= 2))
    columns = {
        "log_chars": np.log1p(chars),
        "log_words": np.log1p(n_words),
        "stop_density": stop_density,
        "log_stopwords": np.log1p(stops),
        "terminal": terminal,
        "comma_rate": commas / np.maximum(n_words, 1),
        "capitalised": np.where(alpha > 0, capitals / np.maximum(alpha, 1), 0.0),
        "digits": digits / chars,
        "punctuation": (chars - alnum - spaces) / chars,  # block text has no other whitespace
        "separator": _found(SEPARATOR, texts, separating > 0),
        "linkish": _found(LINKISH, texts, hints),
        "dateish": _found(DATEISH, texts, _date_candidates(texts, digits > 0)),
        "all_caps": (letters >= 4) & (lower_cased == 0),
        "cjk": cjk / chars,
        "short": n_words <= 3,
        "prose": prose,
    }
    return np.column_stack([columns[name] for name in TEXT_OWN]).astype(float)


def prose_run(own: dict[str, np.ndarray], skip: np.ndarray | None = None,
              weights: np.ndarray | None = None) -> tuple[int, int]:
    """The [start, end) run of blocks with the most prose, gaps penalised (maximum subarray);
    a prose block's characters count times its weight (if given), and blocks where skip is
    true count for nothing either way."""
    chars = np.exp(own["log_chars"]) if weights is None else np.exp(own["log_chars"]) * weights
    return kernels.prose_run(np.ascontiguousarray(chars, float), own["prose"], own["short"], skip)


def page_features(blocks: Sequence[Block], own: dict[str, np.ndarray],
                  decisions: Sequence[Decision] | None = None) -> dict[str, np.ndarray]:
    """Features that depend on the whole page: position, repetition, groups, the prose run, and
    the rules' decisions (those given, else the blocks' own)."""
    n = len(blocks)
    index = np.arange(n)
    position = index / max(n - 1, 1)
    columns = kernels.block_columns(blocks, decisions)
    lines = columns[:, kernels.LINE]
    group = np.cumsum(np.r_[True, np.diff(lines) != 1]) - 1  # a group: blocks on consecutive lines
    size = np.bincount(group)
    mean_words = np.bincount(group, weights=own["log_words"]) / size
    # A table's or code block's line is neither prose nor chrome: it does not break the run.
    run_start, run_end = prose_run(own, columns[:, kernels.STRUCTURE] != 0)
    distance = np.where(index < run_start, run_start - index, np.where(index >= run_end, index - run_end + 1, 0))
    in_run = (distance == 0).astype(float)
    return {
        "position": position,
        "repeated": (columns[:, kernels.REPEATED] != 0).astype(float),
        "log_group_size": np.log1p(size[group]),
        "group_mean_words": mean_words[group],
        "in_prose_run": in_run,
        "log_run_distance": np.log1p(distance),
        "rule_dropped": (columns[:, kernels.DROPPED] != 0).astype(float),
        "rule_kept": (columns[:, kernels.KEPT] != 0).astype(float),
        # A few products, so that a linear model can tell "long and full of stopwords" and
        # "short but inside the article" from their parts.
        "words_x_stop": own["log_words"] * own["stop_density"],
        "prose_in_run": own["prose"] * in_run,
        "short_in_run": own["short"] * in_run,
        "position_squared": position ** 2,
    }


def feature_rows(blocks: Sequence[Block], stopwords: frozenset[str],
                 decisions: Sequence[Decision] | None = None) -> np.ndarray:
    """A (blocks × len(NAMES)) matrix: own, page, then the mean of each CONTEXT feature over the
    1 and 4 blocks before and after. decisions: the rules' decisions the model sees, if not the
    blocks' own."""
    n = len(blocks)
    if not n:
        return np.zeros((0, len(NAMES)))
    columns = own_features(blocks, stopwords)
    columns.update(page_features(blocks, columns, decisions))
    rows = np.empty((n, len(NAMES)))  # filled in place: a long page's matrix is not copied
    for j, name in enumerate(OWN + PAGE):
        rows[:, j] = columns[name]
    context = np.ascontiguousarray(np.column_stack([columns[name] for name in CONTEXT]), float)
    kernels.context_means(context, rows, len(OWN + PAGE), CONTEXT_WINDOWS)
    return rows
