"""Block features for the statistical fallback, in the spirit of jusText: pure functions over blocks.

Each block gets its own shape (length, stopword density, punctuation, capitals, digits, bullets),
its place in the page (position, paragraph group, distance to the densest prose run) and the
same few measures of its neighbours, so that a linear model sees some context.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import regex

from .document import Block, Decision

WORD = regex.compile(r"\w+(?:['’]\w+)*")
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}]")
TERMINAL = regex.compile(r"[.!?…。！？][\"'”’»)\]]*$")
BULLET = regex.compile(r"^\s*(?:[•·▪◦‣∙*+\-–—>]|\d{1,3}[.)]\s)")
SEPARATOR = regex.compile(r"\s[|»›·/•]\s|\s[|»›]$")
LINKISH = regex.compile(r"https?://|www\.|\w@\w|\.(?:com|org|net)\b", regex.I)
DATEISH = regex.compile(r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}"
                        r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b)", regex.I)

OWN = ("log_chars", "log_words", "stop_density", "log_stopwords", "terminal", "comma_rate",
       "capitalised", "digits", "punctuation", "bullet", "indent", "separator", "linkish",
       "dateish", "all_caps", "cjk", "short", "prose")
PAGE = ("position", "repeated", "log_group_size", "group_mean_words", "in_prose_run",
        "log_run_distance", "rule_dropped", "rule_kept", "words_x_stop", "prose_in_run", "short_in_run",
        "position_squared")
CONTEXT = ("log_words", "stop_density", "terminal", "prose", "rule_dropped")
NAMES = OWN + PAGE + tuple(f"{side}{k}_{name}" for k in (1, 4) for side in ("prev", "next")
                           for name in CONTEXT)


def own_features(block: Block, stopwords: frozenset[str]) -> dict[str, float]:
    """Features of a block on its own (the returned dict is shared: do not modify it)."""
    return _own_features(block.text, block.raw, stopwords)


@lru_cache(maxsize=100_000)
def _own_features(text: str, raw: str, stopwords: frozenset[str]) -> dict[str, float]:
    chars = len(text)
    words = WORD.findall(text)
    cjk = len(CJK.findall(text))
    n_words = len(words) + cjk // 2  # CJK scripts have no spaces: count about two characters a word
    stops = sum(1 for w in words if w.lower() in stopwords)
    alpha = [w for w in words if w[:1].isalpha()]
    letters = sum(map(str.isalpha, text))
    alnum = sum(map(str.isalnum, text))
    prose = (n_words >= 10 and (stops / max(len(words), 1) >= 0.2 or cjk > 20)) or (
        n_words >= 6 and TERMINAL.search(text) is not None and stops >= 2)
    return {
        "log_chars": math.log1p(chars),
        "log_words": math.log1p(n_words),
        "stop_density": stops / len(words) if words else 0.0,
        "log_stopwords": math.log1p(stops),
        "terminal": 1.0 if TERMINAL.search(text) else 0.0,
        "comma_rate": (text.count(",") + text.count("，") + text.count("、")) / max(n_words, 1),
        "capitalised": sum(1 for w in alpha if w[0].isupper()) / len(alpha) if alpha else 0.0,
        "digits": sum(map(str.isdigit, text)) / chars,
        "punctuation": (chars - alnum - text.count(" ")) / chars,  # block text has no other whitespace
        "bullet": 1.0 if BULLET.match(raw) else 0.0,
        "indent": math.log1p(len(raw) - len(raw.lstrip())),
        "separator": 1.0 if SEPARATOR.search(text) else 0.0,
        "linkish": 1.0 if LINKISH.search(text) else 0.0,
        "dateish": 1.0 if DATEISH.search(text) else 0.0,
        "all_caps": 1.0 if letters >= 4 and text.upper() == text else 0.0,
        "cjk": cjk / chars,
        "short": 1.0 if n_words <= 3 else 0.0,
        "prose": 1.0 if prose else 0.0,
    }


def prose_run(own: Sequence[dict[str, float]]) -> tuple[int, int]:
    """The [start, end) run of blocks with the most prose, gaps penalised (maximum subarray)."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, f in enumerate(own):
        gain = math.exp(f["log_chars"]) if f["prose"] else -40.0 * (1 + f["short"])
        if total <= 0:
            total, start = 0.0, i
        total += gain
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def page_features(blocks: Sequence[Block], own: Sequence[dict[str, float]]) -> list[dict[str, float]]:
    """Features that depend on the whole page: position, repetition, groups, the prose run."""
    n = len(blocks)
    counts = Counter(b.text for b in blocks)
    groups: list[list[int]] = []
    for i, block in enumerate(blocks):
        if i and block.line == blocks[i - 1].line + 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    group_of = {i: g for g in groups for i in g}
    group_mean = {id(g): sum(own[j]["log_words"] for j in g) / len(g) for g in groups}
    run_start, run_end = prose_run(own)
    page = []
    for i, block in enumerate(blocks):
        group = group_of[i]
        distance = 0 if run_start <= i < run_end else (run_start - i if i < run_start else i - run_end + 1)
        page.append({
            "position": i / max(n - 1, 1),
            "repeated": 1.0 if counts[block.text] > 1 else 0.0,
            "log_group_size": math.log1p(len(group)),
            "group_mean_words": group_mean[id(group)],
            "in_prose_run": 1.0 if distance == 0 else 0.0,
            "log_run_distance": math.log1p(distance),
            "rule_dropped": 1.0 if block.decision is Decision.DROP else 0.0,
            "rule_kept": 1.0 if block.decision is Decision.KEEP else 0.0,
            # A few products, so that a linear model can tell "long and full of stopwords" and
            # "short but inside the article" from their parts.
            "words_x_stop": own[i]["log_words"] * own[i]["stop_density"],
            "prose_in_run": own[i]["prose"] * (1.0 if distance == 0 else 0.0),
            "short_in_run": own[i]["short"] * (1.0 if distance == 0 else 0.0),
            "position_squared": (i / max(n - 1, 1)) ** 2,
        })
    return page


_CONTEXT_COLUMNS = tuple((OWN + PAGE).index(name) for name in CONTEXT)


def feature_rows(blocks: Sequence[Block], stopwords: frozenset[str]) -> list[list[float]]:
    """One row of len(NAMES) numbers per block."""
    own = [own_features(b, stopwords) for b in blocks]
    page = page_features(blocks, own)
    base = [[o[name] for name in OWN] + [p[name] for name in PAGE] for o, p in zip(own, page)]
    n = len(blocks)
    prefix = []  # running sums per context column, so that a window's mean costs two look-ups
    for column in _CONTEXT_COLUMNS:
        sums = [0.0]
        for row in base:
            sums.append(sums[-1] + row[column])
        prefix.append(sums)
    rows = []
    for i, row in enumerate(base):
        for k in (1, 4):
            for lo, hi in ((i - k if i > k else 0, i), (i + 1, i + 1 + k if i + 1 + k < n else n)):
                if hi > lo:
                    width = hi - lo
                    row.extend((sums[hi] - sums[lo]) / width for sums in prefix)
                else:
                    row.extend((0.0,) * len(prefix))
        rows.append(row)
    return rows
