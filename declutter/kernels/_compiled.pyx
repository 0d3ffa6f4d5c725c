# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""The kernels compiled: the same answers as pure.py's, a character at a time in C loops.
See the package's docstring for what each column holds."""

from libc.math cimport rint
from libc.string cimport memset
from cpython.unicode cimport Py_UNICODE_ISLINEBREAK, Py_UNICODE_ISSPACE
from libc.stdint cimport int64_t, uint64_t

import numpy as np

from declutter.document import CLOSERS, DROP, KEEP, TERMINALS, UNDECIDED, Block, bare_text
from declutter.kernels.table import ALPHA, BMP, CHARS, COUNTED_BITS, UPPER, WORD_CHAR

cdef enum:
    N_COUNTED = 8

cdef unsigned int _MASKS[N_COUNTED]
for _k in range(min(N_COUNTED, len(COUNTED_BITS))):  # (another number of bits: LAYOUT tells the package)
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


cdef enum:
    LINE = 0
    STRUCTURE = 1
    REPEATED = 2
    DROPPED = 3
    KEPT = 4

# The columns' layout, which the package checks against pure.py's before it uses these kernels.
LAYOUT = (CHAR_COUNT, WORD_COUNT, STOPWORD_COUNT, ALPHA_FIRST, CAPITAL_FIRST, TERMINAL, COLUMNS,
          LINE, STRUCTURE, REPEATED, DROPPED, KEPT)


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


def opening_counts(lines, Py_ssize_t budget, remembered, frozenset stopwords, dict words):
    """The opening of a page and its words and stopwords (see pure.opening_counts)."""
    cdef long long row[COLUMNS]
    cdef const unsigned short[::1] bits = CHARS.bits
    cdef const unsigned char[::1] known = CHARS.known.view(np.uint8)
    cdef long long total = 0, english = 0
    cdef Py_ssize_t length
    cdef str line, piece
    bits_of = CHARS.bits_of
    opening = []
    for line in lines:
        if budget <= 0:
            break
        length = len(line)
        piece = line if length <= budget else line[:budget]
        budget -= length + 1
        opening.append(piece)
        counts = remembered.get(piece)
        if counts is None:
            memset(row, 0, sizeof(row))
            _count(piece, stopwords, row, bits, known, bits_of)
            counts = remembered[piece] = (row[WORD_COUNT], row[STOPWORD_COUNT])
        total += <long long>(<tuple>counts)[0]
        english += <long long>(<tuple>counts)[1]
    return opening, total, english


def prose_run(const double[::1] chars, prose, shorts, skip):
    """The [start, end) run of lines with the most prose (see pure.prose_run); chars are finite."""
    cdef Py_ssize_t n = chars.shape[0], j, start = 0, best_start = 0, best_end = -1
    if n == 0:
        return (0, 0)
    cdef const double[::1] is_prose = np.ascontiguousarray(prose, np.float64)
    cdef const double[::1] is_short = np.ascontiguousarray(shorts, np.float64)
    cdef const unsigned char[::1] skipped = None if skip is None else np.ascontiguousarray(skip, np.bool_).view(np.uint8)
    cdef double gain, prefix = 0.0, lowest = 0.0, total, best = 0.0
    for j in range(n):
        # The best run ending at j starts after the last lowest prefix before it (a tie: later).
        if prefix <= lowest:
            lowest, start = prefix, j
        if skipped is not None and skipped[j]:
            gain = 0.0
        elif is_prose[j] > 0:
            gain = chars[j]
        else:
            gain = -40.0 * (1 + is_short[j])
        prefix = prefix + gain
        total = rint((prefix - lowest) * 1e6) / 1e6  # as numpy rounds to 6 decimals: equal runs tie exactly
        if best_end < 0 or total > best:  # (the first best end wins, as numpy's argmax)
            best, best_start, best_end = total, start, j
    if best > 0:
        return (best_start, best_end + 1)
    return (0, 0)


def viterbi(list emit_boilerplate, list emit_article, tuple start, tuple stay, tuple move):
    """The most likely path of states, True for article (see pure.viterbi)."""
    cdef Py_ssize_t n = len(emit_boilerplate), t
    if n == 0:
        return []
    cdef double stay_b = stay[0], stay_a = stay[1], move_b = move[0], move_a = move[1]
    cdef double score_b = <double>start[0] + <double>emit_boilerplate[0]
    cdef double score_a = <double>start[1] + <double>emit_article[0]
    cdef double same, other, new_b
    cdef bint from_article_b, from_article_a, article
    back = bytearray(2 * n)  # per step: is the best previous state article, from boilerplate / article
    cdef unsigned char[::1] came = back
    came[0], came[1] = 0, 1
    for t in range(1, n):
        same, other = score_b + stay_b, score_a + move_a
        from_article_b = other > same
        new_b = (other if from_article_b else same) + <double>emit_boilerplate[t]
        same, other = score_a + stay_a, score_b + move_b
        from_article_a = same >= other
        score_a = (same if from_article_a else other) + <double>emit_article[t]
        score_b = new_b
        came[2 * t], came[2 * t + 1] = from_article_b, from_article_a
    article = score_b <= score_a
    path = [False] * n
    for t in range(n - 1, -1, -1):
        path[t] = bool(article)
        article = came[2 * t + article]
    return path


def block_columns(blocks, decisions):
    """Each block's line, structure, repeated text, DROP and KEEP (see pure.block_columns)."""
    cdef Py_ssize_t n = len(blocks), i
    out = np.zeros((n, KEPT + 1), np.int64)
    if n == 0:
        return out
    cdef long long[:, ::1] columns = out
    cdef dict counts = {}
    cdef list texts = [None] * n
    drop, keep = DROP, KEEP
    for i in range(n):
        block = blocks[i]
        text = block.text
        texts[i] = text
        counts[text] = counts.get(text, 0) + 1
        columns[i, LINE] = block.line
        columns[i, STRUCTURE] = bool(block.structure)
        decision = block.decision if decisions is None else decisions[i]
        columns[i, DROPPED] = decision is drop
        columns[i, KEPT] = decision is keep
    for i in range(n):
        columns[i, REPEATED] = <long long>counts[texts[i]] > 1
    return out


cdef Py_ssize_t _normal_words(str text):
    """The words of text (as len(text.split()) counts them) if it is whitespace-normalised as
    " ".join(text.split()) leaves it (no whitespace but single spaces between words), else -1."""
    cdef Py_ssize_t words = 0
    cdef bint after_space = True  # at the start, as after a space: a leading space is not normal
    cdef Py_UCS4 c
    for c in text:
        if Py_UNICODE_ISSPACE(c):
            if after_space or c != 0x20:
                return -1
            after_space = True
        else:
            if after_space:
                words += 1
            after_space = False
    if after_space and words:
        return -1  # a trailing space
    return words


def text_blocks(list lines, list texts, Py_ssize_t first_line, code, table):
    """A block per line whose normalised text is not blank (see pure.text_blocks)."""
    cdef Py_ssize_t index, words, n = len(lines)
    cdef str line, normal
    blocks = []
    new = Block.__new__
    for index in range(n):
        line = lines[index]
        if code and index in code and line.strip():
            normal = line.rstrip()
            words = -1
        else:
            normal = texts[index]
            words = _normal_words(normal)
            if words < 0:
                normal = " ".join(normal.split())
        if not normal:
            continue
        # The block as Block(normal, raw, number, structure=…) makes it, without its Python __init__.
        block = new(Block)
        block.text = normal
        block.raw = line.rstrip()
        block.line = first_line + index
        block.decision = UNDECIDED
        block.reason = None
        block.protected = False
        block.structure = index in code or index in table
        block.bare = bare_text(normal)
        block.words = words if words >= 0 else len(normal.split())
        blocks.append(block)
    return blocks


def stoplist_hits(counted, dict answers, look_up):
    """For each stoplist, how many of the counted words it holds (see pure.stoplist_hits)."""
    cdef dict hits = {}
    cdef Py_ssize_t count
    for word, count in counted.items():
        names = answers.get(word)
        if names is None:
            names = look_up(word)
        for name in <tuple>names:
            hits[name] = <Py_ssize_t>hits.get(name, 0) + count
    return hits


def context_means(const double[:, ::1] context, double[:, :] rows, Py_ssize_t first, tuple windows):
    """Fill rows[:, first:] with the means of context over the lines before and after each line
    (see pure.context_means)."""
    cdef Py_ssize_t n = context.shape[0], width_of = context.shape[1], i, c, j = first, lo, hi, k, side
    if n == 0:
        return
    prefix_array = np.empty((n + 1, width_of))
    cdef double[:, ::1] prefix = prefix_array
    for c in range(width_of):  # as numpy's cumsum: the first sum is the first value, then one addition a line
        prefix[0, c] = 0.0
        prefix[1, c] = context[0, c]
    for i in range(1, n):
        for c in range(width_of):
            prefix[i + 1, c] = prefix[i, c] + context[i, c]
    for k in windows:
        for side in range(2):
            for i in range(n):
                if side == 0:
                    lo, hi = (i - k if i - k > 0 else 0), i
                else:
                    lo, hi = i + 1, (i + 1 + k if i + 1 + k < n else n)
                for c in range(width_of):
                    if hi > lo:
                        rows[i, j + c] = (prefix[hi, c] - prefix[lo, c]) / <double>(hi - lo)
                    else:
                        rows[i, j + c] = 0.0
            j += width_of


cdef uint64_t _FNV_OFFSET = 0xcbf29ce484222325, _FNV_PRIME = 0x100000001b3


def line_hashes(str text):
    """A hash per line, of its whitespace-normalised text (see pure.line_hashes): 64-bit FNV-1a
    over the line's code points, a run of whitespace as one space, none at either end."""
    cdef list out = []
    cdef uint64_t h = _FNV_OFFSET
    cdef bint in_line = False, words = False, space = False
    cdef Py_UCS4 c, previous = 0
    for c in text:
        if Py_UNICODE_ISLINEBREAK(c):
            if not (c == 10 and previous == 13):  # \r\n ends one line
                out.append(<int64_t>h)
            h, in_line, words, space = _FNV_OFFSET, False, False, False
        elif Py_UNICODE_ISSPACE(c):
            in_line, space = True, words
        else:
            if space:
                h = (h ^ 32u) * _FNV_PRIME
                space = False
            h = (h ^ <uint64_t>c) * _FNV_PRIME
            in_line = words = True
        previous = c
    if in_line:
        out.append(<int64_t>h)
    return out
