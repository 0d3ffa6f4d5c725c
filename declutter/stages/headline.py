"""Headline stage: keep the article's title line once, drop its duplicates (e.g. the page <title>).

The page's title (front matter, <title>, or a whole-page clipping's first line) names the
headline when a line repeats it. When none does, the headline is the title-shaped line just
above where the article's prose begins, past its byline, date and share lines, with the
standfirst when one stands between them. A sentence standing just under the headline is its
standfirst too (the line model, which takes a lone sentence between a headline and a byline
for a teaser, sees it as undecided).
"""

from __future__ import annotations

from itertools import islice

import numpy as np

from ..compiled import compiled
from ..context import Context
from ..document import LIST_MARKERS, Block, Document, Reason, ends_sentence, prose_sentence
from ..language import stoplist
from ..model.features import prose_run, text_features
from ..options import (
    HEADING_CANDIDATES,
    HEADLINE_PROSE_REACH,
    HEADLINE_REACH,
    HEADLINE_WINDOW,
    MAX_STANDFIRST_LINES,
    MAX_TITLE_WORDS,
    MIN_HEADING_WORDS,
    MIN_TITLE_WORDS,
    PROSE_NAMING_LINES,
    PROSE_NAMING_SHARE,
    PROSE_WORDS,
    STANDFIRST_REACH,
    STANDFIRST_WORDS,
)
from ..titles import key, title_parts
from . import site_rules, template

STAGE = "headline"
EXTRACTED = "extract"  # the extract stage's name (stages/extract.py, imported for HTML pages alone)
STANDFIRST = "standfirst: the sentence under the headline"
TITLED = "article title"  # the headline a line repeating the page's title named
# A dateline the first sentence goes on from ("New York CNN —"): no heading, whatever its words.
_OPENS_PROSE = compiled(r"\s[—–-]$")
# Navigation, share bars, dates and links are no heading: "« Older | Main | Newer »", "Print | Email",
# a post's link to the next one ("Apple makes peace with HTC ›").
_NOT_A_HEADING = compiled(r"[|«»‹›<>•·@／｜]|://|\d{1,2}:\d{2}|:\s*$|^[^\w\"'“‘(]")


def apply(doc: Document, ctx: Context) -> None:
    """Find the headline among the first blocks; keep it (or drop it when the options leave it out)."""
    mark_headline(doc, keep_title=ctx.options.title)


def mark_headline(doc: Document, *, keep_title: bool = True) -> None:
    """Find the headline among the first blocks; keep it (or drop it when keep_title is False)."""
    # A line the template or the site's rules dropped may repeat the title: other pages of the
    # site list it as a teaser; and the extractor's text of an HTML page often starts with the headline.
    candidates = [b for b in doc.blocks
                  if b.undecided or (b.reason is not None
                                     and b.reason.stage in (template.STAGE, site_rules.STAGE, EXTRACTED))]
    first = next((b for b in doc.blocks if b.undecided), None)
    if first is None:
        return
    top = doc.blocks[0]
    if not doc.title and top.reason is not None and top.reason.stage == site_rules.STAGE:
        first = top  # a cleaned text starts with its headline, whatever the site's rules say of it
    # The title the front matter (or the page) names anchors the choice; else the first line,
    # which a text clipping of a whole page starts with (the page's <title>).
    # A first line longer than any title that ends a sentence is prose (a cleaned text's first
    # paragraph), no title to anchor on.
    prose = first.words > MAX_TITLE_WORDS and ends_sentence(first.text)
    anchor = doc.title or ("" if prose else first.text)
    first_key = "" if doc.title else key(first.text)
    keys = {key(anchor)} | title_parts(anchor)
    keys.discard("")
    longest = 2 * len(anchor) + 20  # the headline again, possibly without a site suffix
    # A line's key holds every word of a key only if the casefolded line does: a quick test
    # with each key's longest (rarest) word first.
    needles = {max(k.split(" "), key=len) for k in keys}
    matches = [b for b, folded in ((b, b.text.casefold()) for b in candidates if len(b.text) <= longest)
               if any(word in folded for word in needles) and key(b.text) in keys]
    # "Title - Section | Site" first, then "Title" again lower down: the lower line is the
    # article's heading (the longest part of the first line that a later line repeats).
    # An HTML page's first line is its <title>, put there by the extract stage: a later line
    # that repeats a part of it is the article's own heading, as in a clipping.
    title_line = first if doc.extractor else None
    later = [b for b in matches
             if (doc.title and b is not title_line) or (b is not first and key(b.text) != first_key)]
    if not later and title_line in matches:
        later = [title_line]
    why = TITLED
    if later:
        headline = max(later, key=lambda b: len(key(b.text)))
    else:  # no line repeats the title: the headline is the one standing above the prose
        start = _article_start(doc)
        found = _headline_above(doc, start, None if doc.title else first)
        if found is not None and found is not first:
            headline, why = found, "article title: the heading above the article's prose"
        elif doc.title or first not in matches or (doc.blocks.index(first) < start - HEADLINE_REACH and (
                first.words < MIN_HEADING_WORDS or not _names_the_prose(first, doc))):
            return
        else:  # the first line: a short one just above the article, or a whole page's <title>
            headline = first
    if not doc.title and not MIN_TITLE_WORDS <= headline.words <= MAX_TITLE_WORDS:
        return
    _keep(headline, keep_title, why)
    at = doc.blocks.index(headline)
    _keep_standfirst(doc.blocks, at)
    doc.title = doc.title or headline.text  # a text clipping's title is its headline
    if later or _shares_most(headline.text, set(key(anchor).split()), frozenset()):
        under = doc.blocks[at + 1:]
        for other in matches:
            # A line under the headline that repeats the title and ends with a colon introduces
            # what follows ("Dare to Play 3:" over a list of its features): no duplicate. Nor is
            # the first copy of a sentence of prose holding a short headline's words (a cleaned
            # text's first line, a review's verdict, taken for its title when the page settles).
            if (other is not headline and not (other.text.endswith(":") and other in under)
                    and (later or other is not matches[0] or not prose_sentence(other))):
                other.drop(Reason(STAGE, "", "duplicate of the headline"))


def _keep_standfirst(blocks: list[Block], headline: int) -> None:
    """Keep the first sentence of STANDFIRST_WORDS or more among the STANDFIRST_REACH lines no
    rule decided under the headline (block index headline), unless a standfirst is kept already."""
    open_lines = 0
    for block in blocks[headline + 1:]:
        if block.reason is not None:
            if block.reason.stage == STAGE:
                return  # the standfirst _headline_above kept, or a duplicate of the headline
            continue
        open_lines += 1
        if open_lines > STANDFIRST_REACH:
            return
        if block.words >= STANDFIRST_WORDS and ends_sentence(block.text):
            block.keep(Reason(STAGE, "", STANDFIRST))
            return


def _keep(block: Block, keep_title: bool, why: str) -> None:
    """Keep the headline, or drop it when the options leave it out."""
    if keep_title:
        block.keep(Reason(STAGE, "", why))
    else:
        block.drop(Reason(STAGE, "", "article title left out (title=False)"))


def _headline_above(doc: Document, start: int, page_title: Block | None = None) -> Block | None:
    """The headline standing just above the page's densest run of prose (its standfirst kept).

    Going up from the run's first sentence (block index start), within HEADLINE_REACH lines no
    rule decided (and HEADLINE_WINDOW lines in all), past the lines the rules decided (bylines,
    dates, share bars, a reading time) and the short lines just above
    the prose (an author's name, "Share"), to the first short line above a longer one (a
    section's name, a menu): the lines met on the way are the headline's block. Its line sharing
    most of its words with the page's title is the headline, else the topmost of its
    HEADING_CANDIDATES lowest heading-shaped lines (more above are a list of teasers); the
    heading-shaped lines below a headline within HEADLINE_REACH lines of the prose are its
    standfirst (farther up, an author's box stands there). page_title: a clipping's first
    line, which no later line repeats: the headline when it stands this close to the article,
    else only the title the others are compared with (a site's name, a <title> the page words
    otherwise)."""
    blocks, stopwords = doc.blocks, stoplist(doc.language)
    title = doc.title or (page_title.text if page_title else "")
    title_words = set(key(title).split()) - stopwords
    near: list[Block] = []  # going up
    open_lines = 0
    for block in reversed(blocks[max(0, start - HEADLINE_WINDOW):start]):
        if not block.undecided:
            continue
        open_lines += 1
        if open_lines > HEADLINE_REACH:
            break
        words = block.words
        if _OPENS_PROSE.search(block.text):
            continue
        if words < MIN_HEADING_WORDS:
            if near or block is page_title:
                break
            continue
        if block.raw.lstrip()[:1] in LIST_MARKERS or words > MAX_TITLE_WORDS:
            break
        near.append(block)
        if block is page_title:
            break
    named = [b for b in near if _shares_most(b.text, title_words, stopwords)]
    # A heading has no separators, links or times, and is no sentence.
    heads = [b for b in near if not _NOT_A_HEADING.search(b.text) and not b.text.endswith(".")]
    headline = named[0] if named else heads[:HEADING_CANDIDATES][-1] if heads else None
    if headline is None:
        return None
    if not named and not _names_the_prose(headline, doc):
        # A lower heading of the block that the prose names is the headline (the one above it
        # heads a box: "Where else to follow us"); else a byline or a dateline stands between
        # the headline and its prose.
        naming = [b for b in heads[:heads.index(headline)] if _names_the_prose(b, doc)]
        if naming:
            headline = naming[-1]
        else:
            found = _heading_naming_the_prose(doc, blocks.index(near[-1]), start)
            if found is not None:
                return found
    # The heading-shaped lines between a headline this close and its prose are its standfirst;
    # under a headline farther up (past a byline's block), they are an author's box.
    close = blocks.index(headline) >= start - HEADLINE_REACH
    below = [b for b in near[:near.index(headline)]
             if close and not _NOT_A_HEADING.search(b.text) and key(b.text) != key(headline.text)]
    for block in below[-MAX_STANDFIRST_LINES:]:
        block.keep(Reason(STAGE, "", "standfirst: between the headline and the article's prose"))
    return headline


def _heading_naming_the_prose(doc: Document, top: int, start: int) -> Block | None:
    """The first heading above block index top, up to HEADLINE_PROSE_REACH lines above the prose
    (block index start), whose words the prose uses; a shorter such line right above it is the
    headline, and it the standfirst."""
    blocks = doc.blocks
    for at in range(top - 1, max(0, start - HEADLINE_PROSE_REACH) - 1, -1):
        block = blocks[at]
        if block.undecided and MIN_HEADING_WORDS <= block.words < PROSE_WORDS and _heading_of(block, doc):
            above = blocks[at - 1] if at else None
            if (above is not None and above.undecided and MIN_TITLE_WORDS <= above.words < block.words
                    and _heading_of(above, doc)):
                block.keep(Reason(STAGE, "", "standfirst: between the headline and the article's prose"))
                return above
            return block
    return None


def _heading_of(line: Block, doc: Document) -> bool:
    """Whether a line is shaped as a heading (no separators, links or times, no sentence) and
    names the prose under it."""
    return not _NOT_A_HEADING.search(line.text) and not line.text.endswith(".") and _names_the_prose(line, doc)


def _names_the_prose(line: Block, doc: Document) -> bool:
    """Whether the first prose lines under a line (PROSE_NAMING_LINES of PROSE_WORDS or more) use
    enough of its words (PROSE_NAMING_SHARE of those no stopword): a page's <title> names its
    article; a select-all copy's first line, a site's tagline or menu, does not."""
    words = {w for w in key(line.text).split() if len(w) > 2} - stoplist(doc.language)
    if not words:
        return False
    below = islice(doc.blocks, doc.blocks.index(line) + 1, None)
    prose = islice((b.text for b in below if b.words >= PROSE_WORDS), PROSE_NAMING_LINES)
    return len(words & set(key(" ".join(prose)).split())) >= PROSE_NAMING_SHARE * len(words)


def _article_start(doc: Document) -> int:
    """The index of the first sentence of the page's densest run of prose (a headline is prose
    too, without a full stop), the rules' lines and tables aside."""
    own = text_features([b.text for b in doc.blocks], stoplist(doc.language))
    skip = np.fromiter((not b.undecided or b.structure for b in doc.blocks), bool, len(doc.blocks))
    start, end = prose_run(own, skip)
    sentences = np.flatnonzero((own["prose"][start:end] > 0) & (own["terminal"][start:end] > 0))
    return start + (int(sentences[0]) if len(sentences) else 0)


def _shares_most(text: str, title_words: set[str], stopwords: frozenset[str]) -> bool:
    """Whether most of a line's words (stopwords aside) are words of the page's title."""
    words = set(key(text).split()) - stopwords
    return bool(words) and 2 * len(words & title_words) >= len(words)
