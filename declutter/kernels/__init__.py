"""The kernels: the stages' per-line work that is plain counting, the one place where declutter's
speed machinery meets its features, behind a narrow interface (lines in, counts and paths out).

Each kernel has a pure-Python form (numpy, `pure.py`) and a compiled one (Cython, `_compiled.pyx`,
built by `pip install` where a C compiler is at hand). Both give the same answers, which the
tests check on every benchmark page; the compiled one is used where it was built, unless
DECLUTTER_PURE_PYTHON=1 asks for the pure one.

line_counts(texts, stopwords): an int64 array, a row per text, columns:
- one per bit of table.COUNTED_BITS: the text's characters that have it;
- CHAR_COUNT: its characters;
- WORD_COUNT: its words, as language.WORD finds them;
- STOPWORD_COUNT: those whose lower-cased form is one of the stopwords;
- ALPHA_FIRST, CAPITAL_FIRST: those whose first character is a letter, an upper-case letter;
- TERMINAL: 1 where the text ends a sentence (document.ends_sentence).

opening_counts(lines, budget, remembered, stopwords, words): a page's opening lines, its words and
stopwords (the pure kernel leaves the words it found in `words`; the compiled one finds none).

prose_run(chars, prose, shorts, skip): the [start, end) run of a page's lines with the most prose.

viterbi(emit_boilerplate, emit_article, start, stay, move): the line model's most likely path.

block_columns(blocks, decisions): each block's LINE, STRUCTURE, REPEATED (its text on the page
twice or more), DROPPED and KEPT (its decision, or the one given), as an int64 array.

text_blocks(lines, texts, first_line, code, table): a page's blocks, a line's text normalised.

stoplist_hits(counted, answers, look_up): how many of a page's words each stoplist holds.

context_means(context, rows, first, windows): each line's neighbours' means, into its row.

line_hashes(text): a hash per line, of its whitespace-normalised text (the template stage's).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Sequence
from types import ModuleType

import numpy as np

from ..document import Block, Decision
from . import pure

# The columns' layout is pure.py's; the compiled kernels' is checked against it before they are used.
CHAR_COUNT, WORD_COUNT, STOPWORD_COUNT, ALPHA_FIRST, CAPITAL_FIRST, TERMINAL, COLUMNS = (
    pure.CHAR_COUNT, pure.WORD_COUNT, pure.STOPWORD_COUNT, pure.ALPHA_FIRST, pure.CAPITAL_FIRST, pure.TERMINAL,
    pure.COLUMNS)
LINE, STRUCTURE, REPEATED, DROPPED, KEPT = pure.LINE, pure.STRUCTURE, pure.REPEATED, pure.DROPPED, pure.KEPT

LAYOUT = (CHAR_COUNT, WORD_COUNT, STOPWORD_COUNT, ALPHA_FIRST, CAPITAL_FIRST, TERMINAL, COLUMNS,
          LINE, STRUCTURE, REPEATED, DROPPED, KEPT)

KERNELS = ("line_counts", "opening_counts", "prose_run", "viterbi", "block_columns", "text_blocks", "stoplist_hits",
           "context_means", "line_hashes")


def _compiled_kernels() -> ModuleType | None:
    """The compiled kernels, or None where they were not built, are older than this code (a
    source tree changed since its last build: with a warning), or the pure ones are asked for."""
    if os.environ.get("DECLUTTER_PURE_PYTHON", "").strip().lower() in ("1", "true", "yes"):
        return None
    try:
        from . import _compiled
    except ImportError:
        return None
    missing = [name for name in KERNELS if not hasattr(_compiled, name)]
    if missing or getattr(_compiled, "LAYOUT", None) != LAYOUT:
        lacking = f"lack {', '.join(missing)}" if missing else "count into other columns"
        warnings.warn(f"declutter's compiled kernels {lacking}: they were built from older code "
                      "(`pip install -e .` builds them again); the pure-Python kernels run", stacklevel=2)
        return None
    return _compiled


_KERNELS = _compiled_kernels()
COMPILED = _KERNELS is not None  # whether the compiled kernels are in use
line_counts: Callable[[list[str], frozenset[str]], np.ndarray] = (_KERNELS or pure).line_counts
opening_counts: Callable[[Iterable[str], int, dict[str, tuple[int, int]], frozenset[str],
                          dict[str, tuple[str, ...]]], tuple[list[str], int, int]] = (_KERNELS or pure).opening_counts
prose_run: Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None], tuple[int, int]] = \
    (_KERNELS or pure).prose_run
block_columns: Callable[[Sequence[Block], Sequence[Decision] | None], np.ndarray] = (_KERNELS or pure).block_columns
text_blocks: Callable[[list[str], list[str], int, set[int], set[int]], list[Block]] = (_KERNELS or pure).text_blocks
stoplist_hits: Callable[[dict[str, int], dict[str, tuple[str, ...]], Callable[[str], tuple[str, ...]]],
                        dict[str, int]] = (_KERNELS or pure).stoplist_hits
context_means: Callable[[np.ndarray, np.ndarray, int, tuple[int, ...]], None] = (_KERNELS or pure).context_means
line_hashes: Callable[[str], list[int]] = (_KERNELS or pure).line_hashes
viterbi: Callable[[list[float], list[float], tuple[float, float], tuple[float, float], tuple[float, float]],
                  list[bool]] = (_KERNELS or pure).viterbi
