"""Headline stage: keep the article's title line once, drop its duplicates (e.g. the page <title>)."""

from __future__ import annotations

import regex

from ..context import Context
from ..document import Document, Reason
from ..options import MAX_TITLE_WORDS, MIN_TITLE_WORDS

STAGE = "headline"
_PUNCTUATION = regex.compile(r"[^\w\s]")
_SEPARATOR = regex.compile(r"\s+[|\-–—:·»/]\s+|_")  # "Headline - Section | Site", "Headline_English_Site"
PART_MIN_WORDS = 3  # a part of the page title this long may be the headline (a section's name is shorter)


def _key(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


def _title_parts(title: str) -> set[str]:
    """The keys of every run of consecutive parts of a page title split at its separators, of at
    least PART_MIN_WORDS words: "Headline - Soccer - Sport - Site" gives "headline", "headline
    soccer", … (a page title wraps the headline in section and site names, before or after it)."""
    parts = [p for p in _SEPARATOR.split(title) if p.strip()]
    if len(parts) > 8:
        return set()
    keys = {_key(" ".join(parts[i:j])) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}
    return {key for key in keys if key.count(" ") + 1 >= PART_MIN_WORDS}


def apply(doc: Document, ctx: Context) -> None:
    """Find the headline among the first blocks; keep it (or drop it when the options leave it out)."""
    mark_headline(doc, keep_title=ctx.options.title)


def mark_headline(doc: Document, *, keep_title: bool = True) -> None:
    """Find the headline among the first blocks; keep it (or drop it when keep_title is False)."""
    candidates = [(i, b) for i, b in enumerate(doc.blocks) if b.undecided]
    if not candidates:
        return
    first_index, first = candidates[0]
    # The title the front matter (or the page) names anchors the choice; else the first line,
    # which a text clipping of a whole page starts with (the page's <title>).
    anchor = doc.title or first.text
    first_key = "" if doc.title else _key(first.text)
    keys = {_key(anchor)} | _title_parts(anchor)
    keys.discard("")
    if not keys:
        return
    longest = 2 * len(anchor) + 20  # the headline again, possibly without a site suffix
    # A line's key holds every word of a key only if the casefolded line does: a quick test
    # with each key's longest (rarest) word first.
    needles = {max(key.split(" "), key=len) for key in keys}
    matches = [(i, b) for i, b, folded in ((i, b, b.text.casefold()) for i, b in candidates if len(b.text) <= longest)
               if any(word in folded for word in needles) and _key(b.text) in keys]
    if not matches:
        return
    # "Title - Section | Site" first, then "Title" again lower down: the lower line is the
    # article's heading (the longest part of the first line that a later line repeats).
    later = [m for m in matches if doc.title or (m[0] != first_index and _key(m[1].text) != first_key)]
    index, block = max(later, key=lambda m: len(_key(m[1].text))) if later else matches[0]
    if not doc.title and not MIN_TITLE_WORDS <= len(block.text.split()) <= MAX_TITLE_WORDS:
        return
    if keep_title:
        block.keep(Reason(STAGE, "", "article title"))
    else:
        block.drop(Reason(STAGE, "", "article title left out (title=False)"))
    for other_index, other in matches:
        if other_index != index:
            other.drop(Reason(STAGE, "", "duplicate of the headline"))
