"""The kernels in Python and numpy: the reference the compiled ones are tested against, and what
runs where they were not built. See the package's docstring for what each column holds."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from operator import itemgetter

import numpy as np

from ..document import CLOSERS, DROP, KEEP, TERMINALS, Block, Decision
from .table import ALPHA, CHARS, COUNTED_BITS, UPPER, WORD

# line_counts' columns: one per bit of COUNTED_BITS, then these.
CHAR_COUNT = len(COUNTED_BITS)
WORD_COUNT, STOPWORD_COUNT, ALPHA_FIRST, CAPITAL_FIRST, TERMINAL = range(CHAR_COUNT + 1, CHAR_COUNT + 6)
COLUMNS = TERMINAL + 1
LINE, STRUCTURE, REPEATED, DROPPED, KEPT = range(5)  # block_columns' columns


def _per_line(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Sums of values over each line, lines starting at `starts` (the last runs to the end).
    What lies between lines (a newline, a line's last word) must sum to 0 or belong to it."""
    padded = np.append(values, False)  # lines with no words at the end start past the last word
    sums = np.add.reduceat(padded, starts, dtype=np.int64)
    sums[np.append(starts[1:], len(values)) <= starts] = 0  # reduceat's answer for an empty span is not 0
    return sums


def line_counts(texts: list[str], stopwords: frozenset[str]) -> np.ndarray:
    """The counts of each text (one row each; a text holds no newline)."""
    n = len(texts)
    out = np.zeros((n, COLUMNS), np.int64)
    if not n:
        return out
    chars = np.fromiter(map(len, texts), np.int64, n)
    # Characters: one table look-up over all the texts.
    bits = CHARS.of_text("\n".join(texts))
    starts = np.zeros(n, np.int64)
    np.cumsum(chars[:-1] + 1, out=starts[1:])
    for column, bit in enumerate(COUNTED_BITS):
        out[:, column] = _per_line((bits & bit) != 0, starts)
    out[:, CHAR_COUNT] = chars
    # Words: found line by line, then judged all at once.
    words = list(map(WORD.findall, texts))
    found = np.fromiter(map(len, words), np.int64, n)
    flat = list(chain.from_iterable(words))
    at = np.zeros(n + 1, np.int64)
    np.cumsum(found, out=at[1:])
    word_starts = at[:-1]
    out[:, WORD_COUNT] = found
    out[:, STOPWORD_COUNT] = _per_line(np.fromiter(map(stopwords.__contains__, map(str.lower, flat)), bool,
                                                  len(flat)), word_starts)
    first_bits = CHARS.of_text("".join(map(itemgetter(0), flat)))
    out[:, ALPHA_FIRST] = _per_line((first_bits & ALPHA) != 0, word_starts)
    out[:, CAPITAL_FIRST] = _per_line((first_bits & (ALPHA | UPPER)) == (ALPHA | UPPER), word_starts)
    out[:, TERMINAL] = np.fromiter((t.rstrip(CLOSERS)[-1:] in TERMINALS for t in texts), bool, n)
    return out


def opening_counts(lines: Iterable[str], budget: int, remembered: dict[str, tuple[int, int]],
                   stopwords: frozenset[str], words: dict[str, tuple[str, ...]]) -> tuple[list[str], int, int]:
    """The opening of a page: its lines up to `budget` characters in all (a newline counts one; the
    last line cut to fit), and its words and stopwords among them, each line's counts as
    remembered (by text) or counted and remembered. A line's words (lower-cased) found on the
    way are left in `words` (the compiled kernel counts them without making them)."""
    opening, total, english = [], 0, 0
    for line in lines:
        if budget <= 0:
            break
        piece = line if len(line) <= budget else line[:budget]
        budget -= len(line) + 1
        opening.append(piece)
        found = remembered.get(piece)
        if found is None:
            lowered = words[piece] = tuple(map(str.lower, WORD.findall(piece)))
            found = remembered[piece] = (len(lowered), sum(map(stopwords.__contains__, lowered)))
        total += found[0]
        english += found[1]
    return opening, total, english


def prose_run(chars: np.ndarray, prose: np.ndarray, shorts: np.ndarray, skip: np.ndarray | None) -> tuple[int, int]:
    """The [start, end) run of lines with the most prose: a prose line gains its chars, another
    loses 40 (80 if short), a skipped one counts for nothing; the best run by maximum subarray."""
    gains = np.where(prose > 0, chars, -40.0 * (1 + shorts))
    if skip is not None:
        gains = np.where(skip, 0.0, gains)
    if not len(gains):
        return (0, 0)
    # Maximum subarray by prefix sums: the best run ending at j starts after the last lowest
    # prefix at or before j (a tie starts it later), and the first best end wins.
    prefix = np.concatenate(([0.0], np.cumsum(gains)))
    lowest = np.minimum.accumulate(prefix[:-1])
    where = np.arange(len(gains))
    start = np.maximum.accumulate(np.where(prefix[:-1] <= lowest, where, 0))
    totals = np.round(prefix[1:] - lowest, 6)  # equal runs tie exactly, whatever the sums' rounding
    end = int(np.argmax(totals))
    return (int(start[end]), end + 1) if totals[end] > 0 else (0, 0)


def viterbi(emit_boilerplate: list[float], emit_article: list[float], start: tuple[float, float],
            stay: tuple[float, float], move: tuple[float, float]) -> list[bool]:
    """The most likely path of states (True: article) given each step's emission scores, the
    first step's scores (boilerplate, article) and the log-probabilities of staying in and
    moving out of each state (boilerplate, article)."""
    if not emit_boilerplate:
        return []
    stay_b, stay_a = stay
    move_b, move_a = move
    score_b, score_a = start[0] + emit_boilerplate[0], start[1] + emit_article[0]
    back: list[tuple[bool, bool]] = [(False, True)]  # per step: is the best previous state article?
    for e_b, e_a in zip(emit_boilerplate[1:], emit_article[1:]):
        same, other = score_b + stay_b, score_a + move_a
        from_article_b = other > same
        new_b = (other if from_article_b else same) + e_b
        same, other = score_a + stay_a, score_b + move_b
        from_article_a = same >= other
        score_a = (same if from_article_a else other) + e_a
        score_b = new_b
        back.append((from_article_b, from_article_a))
    article = score_b <= score_a
    path = [False] * len(back)
    for t in range(len(back) - 1, -1, -1):
        path[t] = article
        article = back[t][article]
    return path


def block_columns(blocks: Sequence[Block], decisions: Sequence[Decision] | None) -> np.ndarray:
    """Each block's line number, whether it is structure, whether its text is on the page twice or
    more, and whether its decision (the one given, else its own) is DROP, KEEP: a row each."""
    n = len(blocks)
    counts = Counter(b.text for b in blocks)
    decisions = [b.decision for b in blocks] if decisions is None else decisions
    out = np.zeros((n, KEPT + 1), np.int64)
    out[:, LINE] = np.fromiter((b.line for b in blocks), np.int64, n)
    out[:, STRUCTURE] = np.fromiter((b.structure for b in blocks), bool, n)
    out[:, REPEATED] = np.fromiter((counts[b.text] > 1 for b in blocks), bool, n)
    out[:, DROPPED] = np.fromiter((d is DROP for d in decisions), bool, n)
    out[:, KEPT] = np.fromiter((d is KEEP for d in decisions), bool, n)
    return out


def text_blocks(lines: list[str], texts: list[str], first_line: int, code: set[int], table: set[int]) -> list[Block]:
    """A block per line whose text (its texts[i], whitespace-normalised; a code line's own,
    right-stripped) is not blank, numbered from first_line; a code or table line is structure."""
    normals = [line.rstrip() if i in code and line.strip() else " ".join(text.split())
               for i, (line, text) in enumerate(zip(lines, texts))]
    return [Block(normal, raw.rstrip(), number, structure=index in code or index in table)
            for index, (number, raw, normal) in enumerate(zip(range(first_line, first_line + len(lines)),
                                                              lines, normals))
            if normal]


def stoplist_hits(counted: dict[str, int], answers: dict[str, tuple[str, ...]],
                  look_up: Callable[[str], tuple[str, ...]]) -> dict[str, int]:
    """For each stoplist, how many of the counted words it holds (name → count, in the order
    stoplists are first hit); look_up(word): the stoplists holding a word, of which answers holds
    those already asked for (look_up's own memo, read directly by the compiled kernel)."""
    hits: Counter[str] = Counter()
    for word, count in counted.items():
        for name in look_up(word):
            hits[name] += count
    return hits


def context_means(context: np.ndarray, rows: np.ndarray, first: int, windows: tuple[int, ...]) -> None:
    """Fill rows[:, first:] with the mean of each column of context over the k lines before and
    the k after each line, for each k of windows (before, then after; 0 where there are none)."""
    n, width_of = context.shape
    prefix = np.zeros((n + 1, width_of))
    np.cumsum(context, axis=0, out=prefix[1:])
    index = np.arange(n)
    j = first
    for k in windows:
        for lo, hi in ((np.maximum(index - k, 0), index), (index + 1, np.minimum(index + 1 + k, n))):
            width = (hi - lo)[:, None]
            hi = np.maximum(hi, lo)
            rows[:, j:j + width_of] = np.where(width > 0, (prefix[hi] - prefix[lo]) / np.maximum(width, 1), 0.0)
            j += width_of


def line_hashes(text: str) -> list[int]:
    """A hash per line of text (as str.splitlines cuts it), of the line with its whitespace
    normalised (its words joined by one space): equal lines hash alike, within one process."""
    return list(map(hash, map(" ".join, map(str.split, text.splitlines()))))
