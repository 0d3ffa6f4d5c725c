"""Which extraction of an HTML page holds its article: trafilatura's or readability's.

Each extractor fails on its own kind of page (trafilatura keeps a 2008 layout table whole,
readability keeps a list of teasers or a fragment), and neither's length says which failed.
A few measures of both texts and of how far they agree are read by boosted trees learnt on the
dev pages of all three page families (scripts/train_choice.py): the model says how likely it
is that readability's text, cleaned by the same stages, scores better than trafilatura's.
The model is `model/choice.json`, read at run time with no training dependency.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

import numpy as np

from ..compiled import compiled
from .classifier import Trees

_WORD = compiled(r"\w+")
_SENTENCE_END = frozenset('.!?"”\'')
LONG_LINE_WORDS = 12

# One text's measures (for each of the two), then the pair's.
_TEXT = ("log_words", "log_share_of_paragraphs", "table_lines", "sentence_lines", "long_lines", "log_words_per_line")
NAMES = (*(f"precise_{n}" for n in _TEXT), *(f"other_{n}" for n in _TEXT),
         "precise_in_other", "other_in_precise", "log_paragraph_chars", "log_size_ratio")


def features(precise: str, other: str, paragraph_chars: int) -> list[float]:
    """The measures, in NAMES order, of the precise extraction, the other one, and the page's
    paragraph text size (characters)."""
    return [*_measures(precise, paragraph_chars), *_measures(other, paragraph_chars),
            *overlaps(precise, other), math.log1p(paragraph_chars),
            math.log((len(other.split()) + 1) / (len(precise.split()) + 1))]


def text_chars(text: str) -> int:
    """How much text an extraction holds, a layout table's cell separators and blank space aside
    (a fast pass that returns a page's empty table rows has found nothing)."""
    return len(" ".join(text.replace("|", " ").split()))


def _measures(text: str, paragraph_chars: int) -> list[float]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    words, count = len(text.split()), max(len(lines), 1)
    return [math.log1p(words), math.log((text_chars(text) + 1) / (paragraph_chars + 1)),
            sum("|" in line for line in lines) / count,
            sum(line[-1] in _SENTENCE_END for line in lines) / count,
            sum(len(line.split()) >= LONG_LINE_WORDS for line in lines) / count,
            math.log1p(words / count)]


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)} if len(words) >= 3 else {tuple(words)}


def overlaps(precise: str, other: str) -> tuple[float, float]:
    """The share of each text's word trigrams that the other holds too: (precise's, other's)."""
    precise_grams, other_grams = _trigrams(precise), _trigrams(other)
    shared = len(precise_grams & other_grams)
    return shared / max(len(precise_grams), 1), shared / max(len(other_grams), 1)


def other_is_better(precise: str, other: str, paragraph_chars: int) -> float:
    """How likely it is that the other extraction holds the article better than the precise one."""
    trees = load_choice()
    score = trees.scores(np.asarray([features(precise, other, paragraph_chars)], float))[0]
    return float(1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0))))


@lru_cache(maxsize=1)
def load_choice() -> Trees:
    """The shipped model, read once per process."""
    data = json.loads(resources.files("declutter").joinpath("model/choice.json").read_text("utf-8"))
    if tuple(data["names"]) != NAMES:
        raise RuntimeError("model/choice.json was trained on other features: run scripts/train_choice.py")
    return Trees.from_data(data["trees"])
