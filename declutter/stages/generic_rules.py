"""Generic-rules stage: rules/global.txt, then the lexicon of the document's language and English's
(rules/lexicon/<code>.txt): skip links, share bars, appeals and the like on any site; then lists
of teasers cut short by an ellipsis, in any language."""

from __future__ import annotations

from itertools import repeat
from operator import attrgetter

from ..context import Context
from ..document import Block, Document, Reason, index_runs
from ..options import (
    GENERIC_PROSE_BEFORE_END,
    HEADLINE_PROSE_REACH,
    PROSE_WORDS,
    TEASER_GAP,
    TEASER_MAX_SHARE,
    TEASER_RUN,
)
from ..rules import apply_text_rules
from ..titles import key, title_parts

STAGE = "generic rules"
SPELLING_SLACK = 20  # characters a line may have beyond its title part's key (punctuation, spacing)
CUT_SHORT = ("..", "…", "[...]", "[…]")  # the endings of a line cut short (two dots in Korean teasers)
TEASER = Reason(STAGE, "", f"one of {TEASER_RUN} or more lines together cut short by an ellipsis: a list of teasers")


def apply(doc: Document, ctx: Context) -> None:
    book = ctx.book
    start, end = 0, len(doc.blocks)
    headline: list[int] = []

    def headline_at() -> int:  # found once, and only when an end marker matches
        if not headline:
            headline.append(headline_line(doc.blocks, doc.title))
        return headline[0]
    for rules in [book.generic] + [book.lexicons[code] for code in dict.fromkeys([doc.language, "en"])
                                   if code and code in book.lexicons]:  # English: the web's lingua franca
        found = apply_text_rules(doc.blocks, book.matcher(rules), STAGE, GENERIC_PROSE_BEFORE_END,
                                 end_after_most_prose=True, not_ending_before=headline_at)
        if found:
            start, end = max(start, found[0]), min(end, found[1])
    doc.region = (start, end)
    drop_teasers(doc.blocks)


def drop_teasers(blocks: list[Block]) -> None:
    """Drop the open lines of three words or more that end in an ellipsis ("…", "...", "..", "[…]") where
    TEASER_RUN or more of them stand together, at most TEASER_GAP other lines apart: another page's
    headlines or excerpts, each cut to fit its box, with its title or date between. An article's
    sentence trailing off, or a headline ending in "…", stands alone; and lines that hold over
    TEASER_MAX_SHARE of the page's open prose (a poem or a chat whose every line trails off) are
    its text, not its teasers."""
    ends = map(str.endswith, map(attrgetter("text"), blocks), repeat(CUT_SHORT))  # one pass in C, no Python call a line
    cut_short = [i for i, cut in enumerate(ends) if cut and blocks[i].words >= 3]
    runs = index_runs(cut_short, 1 + TEASER_GAP)
    teasers = [blocks[i] for run in runs if len(run) >= TEASER_RUN for i in run if blocks[i].undecided]
    if not teasers:
        return
    chosen = set(map(id, teasers))
    rest = sum(b.words for b in blocks if b.undecided and b.words >= PROSE_WORDS and id(b) not in chosen)
    words = sum(b.words for b in teasers)
    if words > TEASER_MAX_SHARE * (words + rest):
        return
    for block in teasers:
        block.drop(TEASER)


def headline_line(blocks: list[Block], title: str | None) -> int:
    """Where the article's headline stands: the first line after the top one that repeats the page's
    title (the front matter's, else the clipping's first line) with a paragraph within
    HEADLINE_PROSE_REACH lines after it (not a teaser list's link); 0 when none does. A "No Comment" menu item or a
    "Comments" tab above the headline is no end of the article."""
    if not blocks:
        return 0
    parts = title_parts(title or blocks[0].text)
    if not parts:
        return 0
    # A line much longer or shorter than every part repeats none (a menu's items, a paragraph).
    shortest, longest = min(map(len, parts)) - SPELLING_SLACK, max(map(len, parts)) + SPELLING_SLACK
    return next((i for i in range(1, len(blocks)) if shortest <= len(blocks[i].text) <= longest
                 and key(blocks[i].text) in parts
                 and any(_paragraph(b) for b in blocks[i + 1:i + 1 + HEADLINE_PROSE_REACH])), 0)


def _paragraph(block: Block) -> bool:
    """A line of an article's prose: long, and ending its sentence with a full stop (a list of
    links to other posts ends with a question or nothing)."""
    return block.words >= PROSE_WORDS and block.text.rstrip("\"”’»)").endswith((".", "…"))
