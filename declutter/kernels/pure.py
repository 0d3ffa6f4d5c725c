"""The kernels in Python and numpy: the reference the compiled ones are tested against, and what
runs where they were not built. See the package's docstring for what each column holds."""

from __future__ import annotations

from itertools import chain
from operator import itemgetter

import numpy as np

from ..document import CLOSERS, TERMINALS
from .table import ALPHA, CHARS, COUNTED_BITS, UPPER, WORD

_COLUMNS = len(COUNTED_BITS) + 6


def per_line(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Sums of values over each line, lines starting at `starts` (the last runs to the end).
    What lies between lines (a newline, a line's last word) must sum to 0 or belong to it."""
    padded = np.append(values, False)  # lines with no words at the end start past the last word
    sums = np.add.reduceat(padded, starts, dtype=np.int64)
    sums[np.append(starts[1:], len(values)) <= starts] = 0  # reduceat's answer for an empty span is not 0
    return sums


def line_counts(texts: list[str], stopwords: frozenset[str]) -> np.ndarray:
    """The counts of each text (one row each; a text holds no newline)."""
    n = len(texts)
    out = np.zeros((n, _COLUMNS), np.int64)
    if not n:
        return out
    chars = np.fromiter(map(len, texts), np.int64, n)
    # Characters: one table look-up over all the texts.
    bits = CHARS.of_text("\n".join(texts))
    starts = np.zeros(n, np.int64)
    np.cumsum(chars[:-1] + 1, out=starts[1:])
    for column, bit in enumerate(COUNTED_BITS):
        out[:, column] = per_line((bits & bit) != 0, starts)
    column = len(COUNTED_BITS)
    out[:, column] = chars
    # Words: found line by line, then judged all at once.
    words = list(map(WORD.findall, texts))
    found = np.fromiter(map(len, words), np.int64, n)
    flat = list(chain.from_iterable(words))
    at = np.zeros(n + 1, np.int64)
    np.cumsum(found, out=at[1:])
    word_starts = at[:-1]
    out[:, column + 1] = found
    out[:, column + 2] = per_line(np.fromiter(map(stopwords.__contains__, map(str.lower, flat)), bool, len(flat)),
                                  word_starts)
    first_bits = CHARS.of_text("".join(map(itemgetter(0), flat)))
    out[:, column + 3] = per_line((first_bits & ALPHA) != 0, word_starts)
    out[:, column + 4] = per_line((first_bits & (ALPHA | UPPER)) == (ALPHA | UPPER), word_starts)
    out[:, column + 5] = np.fromiter((t.rstrip(CLOSERS)[-1:] in TERMINALS for t in texts), bool, n)
    return out


def word_counts(texts: list[str], stopwords: frozenset[str]) -> list[tuple[int, int]]:
    """Each text's words and stopwords among them, as (words, stopwords)."""
    lowered = (tuple(map(str.lower, WORD.findall(text))) for text in texts)
    return [(len(words), sum(map(stopwords.__contains__, words))) for words in lowered]
