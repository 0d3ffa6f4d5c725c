"""Headline stage: keep the article's title line once, drop its duplicates (e.g. the page <title>)."""

from __future__ import annotations

import regex

from ..context import Context
from ..document import Document, Reason
from ..options import MAX_TITLE_WORDS, MIN_TITLE_WORDS

STAGE = "headline"
_PUNCTUATION = regex.compile(r"[^\w\s]")
_SITE_SUFFIX = regex.compile(r"\s+[|\-–—:·»]\s+[^|\-–—:·»]{1,60}$")


def _key(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


def apply(doc: Document, ctx: Context) -> None:
    """Find the headline among the first blocks; keep it (or drop it when the options leave it out)."""
    mark_headline(doc, keep_title=ctx.options.title)


def mark_headline(doc: Document, *, keep_title: bool = True) -> None:
    """Find the headline among the first blocks; keep it (or drop it when keep_title is False)."""
    candidates = [(i, b) for i, b in enumerate(doc.blocks) if b.undecided]
    if not candidates:
        return
    first_index, first = candidates[0]
    first_key = _key(first.text)
    keys = {first_key, _key(_SITE_SUFFIX.sub("", first.text))}
    if doc.title:
        keys.add(_key(doc.title))
    keys.discard("")
    longest = 2 * len(first.text) + 20  # the headline again, possibly without a site suffix
    # A line's key holds every word of a key only if the casefolded line does: a quick test
    # with each key's longest (rarest) word first.
    needles = {max(key.split(" "), key=len) for key in keys}
    matches = [(i, b) for i, b in candidates if len(b.text) <= longest
               and any(word in b.text.casefold() for word in needles) and _key(b.text) in keys]
    if not matches:
        return
    # "Title | Site" first, then "Title" again lower down: the lower line is the article's heading.
    later = [m for m in matches if m[0] != first_index and _key(m[1].text) != first_key]
    index, block = later[0] if later else matches[0]
    if not doc.title and not MIN_TITLE_WORDS <= len(block.text.split()) <= MAX_TITLE_WORDS:
        return
    if keep_title:
        block.keep(Reason(STAGE, "", "article title"))
    else:
        block.drop(Reason(STAGE, "", "article title left out (title=False)"))
    for other_index, other in matches:
        if other_index != index:
            other.drop(Reason(STAGE, "", "duplicate of the headline"))
