# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""The kernels compiled: the same answers as pure.py's, a character at a time in C loops.
See the package's docstring for what each column holds."""

from libc.string cimport memset

import numpy as np

from declutter.document import CLOSERS, TERMINALS
from declutter.kernels.table import ALPHA, BMP, CHARS, COUNTED_BITS, UPPER, WORD_CHAR

cdef enum:
    N_COUNTED = 8
assert len(COUNTED_BITS) == N_COUNTED

cdef unsigned int _MASKS[N_COUNTED]
for _k in range(N_COUNTED):
    _MASKS[_k] = COUNTED_BITS[_k]
cdef unsigned int _WORD = WORD_CHAR, _ALPHA = ALPHA, _CAPITAL = ALPHA | UPPER
cdef Py_UCS4 _BMP = BMP
cdef str _CLOSERS = CLOSERS
cdef frozenset _TERMINALS = frozenset(TERMINALS)


cdef inline bint _apostrophe(Py_UCS4 c) noexcept:
    return c == 0x27 or c == 0x2019  # ' and ’, as language.WORD joins a word's parts


cdef enum:
    CHAR_COUNT = N_COUNTED
    WORD_COUNT = N_COUNTED + 1
    STOPWORD_COUNT = N_COUNTED + 2
    ALPHA_FIRST = N_COUNTED + 3
    CAPITAL_FIRST = N_COUNTED + 4
    TERMINAL = N_COUNTED + 5
    COLUMNS = N_COUNTED + 6


cdef int _count(str text, frozenset stopwords, long long* row, const unsigned short[::1] bits,
                const unsigned char[::1] known, object bits_of) except -1:
    """One text's counts into row (COLUMNS of them, zeroed by the caller)."""
    cdef Py_ssize_t i = 0, k, start = 0, end, length = len(text)
    cdef Py_UCS4 c
    cdef unsigned int b
    cdef bint in_word = False, pending = False
    for c in text:
        if c < _BMP and known[c]:
            b = bits[c]
        else:
            b = bits_of(<long>c)  # fills the table's entry (bits, then known) for the next time
        for k in range(N_COUNTED):
            if b & _MASKS[k]:
                row[k] += 1
        # Words: \w+(?:['’]\w+)*, left to right; `pending`: an apostrophe after a word's part.
        if in_word:
            if b & _WORD:
                pending = False
            elif _apostrophe(c) and not pending:
                pending = True
            else:
                end = i - 1 if pending else i
                in_word = pending = False
                row[WORD_COUNT] += 1
                if text[start:end].lower() in stopwords:
                    row[STOPWORD_COUNT] += 1
        elif b & _WORD:
            in_word, start = True, i
            row[ALPHA_FIRST] += (b & _ALPHA) != 0
            row[CAPITAL_FIRST] += (b & _CAPITAL) == _CAPITAL
        i += 1
    if in_word:
        end = length - 1 if pending else length
        row[WORD_COUNT] += 1
        if text[start:end].lower() in stopwords:
            row[STOPWORD_COUNT] += 1
    row[CHAR_COUNT] = length
    i = length - 1
    while i >= 0 and _CLOSERS.find(text[i]) >= 0:
        i -= 1
    row[TERMINAL] = i >= 0 and text[i] in _TERMINALS
    return 0


def line_counts(list texts, frozenset stopwords):
    """The counts of each text (one row each; a text holds no newline)."""
    cdef Py_ssize_t n = len(texts), row
    out = np.zeros((n, COLUMNS), np.int64)
    if n == 0:
        return out
    cdef long long[:, ::1] counts = out
    cdef const unsigned short[::1] bits = CHARS.bits
    cdef const unsigned char[::1] known = CHARS.known.view(np.uint8)
    bits_of = CHARS.bits_of
    for row in range(n):
        _count(texts[row], stopwords, &counts[row, 0], bits, known, bits_of)
    return out


def word_counts(list texts, frozenset stopwords):
    """Each text's words and stopwords among them, as (words, stopwords)."""
    cdef long long row[COLUMNS]
    cdef const unsigned short[::1] bits = CHARS.bits
    cdef const unsigned char[::1] known = CHARS.known.view(np.uint8)
    bits_of = CHARS.bits_of
    out = []
    for text in texts:
        memset(row, 0, sizeof(row))
        _count(text, stopwords, row, bits, known, bits_of)
        out.append((row[WORD_COUNT], row[STOPWORD_COUNT]))
    return out
