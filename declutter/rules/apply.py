"""What a rule file's text directives do to a page's blocks: protect, find the article region,
cut, drop. The site-rules and generic-rules stages apply it with their rule files."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import cache

from ..document import DROP, Block, Reason, prose_sentence
from ..options import PROSE_WORDS
from .files import CAPTION
from .matcher import Matcher

RUN_LOOKAHEAD = 10  # lines after an end marker in which the prose that follows must begin
MAX_SEPARATORS = 3
SENTENCE_WORDS = 6  # a shorter line that ends a sentence still continues a run of prose
LIST_LINES = 6  # the most titles a text_list_after heading takes along
CUT_MAX_PROSE = 2  # a text_cut never takes this many sentences of prose (a box holds none)
LIST_TITLE_WORDS = 25  # a longer line is no title of a list of links
LIST_HEADING = "heading of a list of links"
LIST_TITLE = "title under a heading of a list of links"
LIST_LINES_DROPPED = (LIST_HEADING, LIST_TITLE)
BOX_LINE = "line of a box inside the article"
CUT = "cut between markers"
END_MARKER_LINE = "end marker where the article does not end"
PROTECTED = "protected line"
_SENTENCE_END = tuple(".!?…\"”’»")
LINK_ITEM = re.compile(r"\s*(?:[*+-]|\d{1,3}[.)])\s+!?\[.*\)\s*$")  # a Markdown list item that is a link


def _sentence(block: Block) -> bool:
    return block.text.endswith(_SENTENCE_END) and block.words >= SENTENCE_WORDS


def apply_text_rules(blocks: list[Block], matcher: Matcher, stage: str,
                     min_prose_before_end: int = 0, *, end_after_most_prose: bool = False,
                     end_before_most_prose: bool = False,
                     not_ending_before: Callable[[], int] | None = None) -> tuple[int, int] | None:
    """Apply a rule file's text directives to blocks, in order: protect, region, cuts, lists, drops, boxes.

    Returns the (start, end) block indices of the article region when a start or end
    marker matched, else None. An end marker counts only after min_prose_before_end
    prose lines (generic rules use it so that a "Leave a comment" link under a title
    does not end the article). With end_after_most_prose (generic rules), an end marker
    followed within a few lines by a longer run of prose than any before it is inside the
    article, not at its end: a share bar or a "Comments" tab above the text must not take it along.
    With end_before_most_prose (site rules), an end marker with more prose after it than
    between the start and it is not the article's end either: a site's marker printed above
    one page's article (its skip links, a video box) would take the whole article along.
    No end marker counts before the block not_ending_before() says (the article's headline; asked
    only when a marker matches). An end marker's own line goes wherever it stands ("Leave a
    reply" under the title): where the article does not end, it is still no line of it.
    """
    rules = matcher.rules
    touched = matcher.touched([b.bare for b in blocks])  # lines some pattern may match
    for block in map(blocks.__getitem__, touched):
        if block.protected or block.decision is DROP:
            continue  # an earlier stage's drop stands: "protect" means against later rules
        pattern = matcher.first_match("text_keep", block.bare)
        if pattern:
            block.keep(Reason(stage, pattern.where, PROTECTED), protect=True)
            continue
        pattern = matcher.first_match("text_caption", block.bare)
        if pattern:
            block.keep(Reason(stage, pattern.where, CAPTION), protect=True)
    region = _find_region(blocks, matcher, min_prose_before_end, touched, end_after_most_prose,
                          end_before_most_prose, not_ending_before)
    if region:
        start, end, start_where, end_where = region
        for block in blocks[:start]:
            if block.undecided:
                block.drop(Reason(stage, start_where, "before the article start marker"))
        for block in blocks[end:]:
            if block.undecided:
                block.drop(Reason(stage, end_where, "after the article end marker"))
    for cut, (start_pattern, _) in enumerate(rules.cuts):
        after, bit = 0, 1 << cut  # lines before `after` are cut already
        for at, index in enumerate(touched):  # markers are lines some pattern may match
            # A start marker the template already dropped (printed on every page of the site) still opens the cut.
            if index < after or blocks[index].kept or not matcher.cut_marks(blocks[index].bare)[0] & bit:
                continue
            stop = next((j for j in touched[at + 1:] if matcher.cut_marks(blocks[j].bare)[1] & bit), None)
            if stop is None:
                break  # no end marker after this start: none after any later start either
            if sum(map(prose_sentence, blocks[index + 1:stop])) >= CUT_MAX_PROSE:
                continue  # paragraphs between: the box's end marker is missing and a later one matched
            for block in blocks[index:stop + 1]:
                block.drop(Reason(stage, start_pattern.where, CUT))
            after = stop + 1
    if rules.text["text_list_after"]:
        _drop_lists(blocks, matcher, touched, stage)
    for directive, why in (("text_drop", "boilerplate line"), ("text_box", BOX_LINE),
                           ("text_end_before", END_MARKER_LINE)):
        if rules.text[directive]:
            for block in map(blocks.__getitem__, touched):
                if block.undecided and not block.structure:  # a table's or code's line is no chrome line
                    pattern = matcher.first_match(directive, block.bare)
                    if pattern:
                        block.drop(Reason(stage, pattern.where, why))
    return region[:2] if region else None


def title_line(blocks: list[Block], matcher: Matcher) -> Block | None:
    """The page's title a text_title_before pattern places: the nearest line above the first line
    it matches that the rules left open (a select-all copy has no <title> line to name it)."""
    for index in matcher.touched([b.bare for b in blocks]):
        if matcher.first_match("text_title_before", blocks[index].bare):
            return next((b for b in reversed(blocks[:index]) if b.undecided), None)
    return None


def _section_question(block: Block, at: int, last_at: Callable[[], dict[str, int]]) -> bool:
    """Whether a block (at blocks[at]) is a table of contents' question ("Why grow in
    containers?"): short, and the heading of a section further down the page, where it stands
    again (last_at: each text's last index on the page, found when first asked)."""
    return block.text.endswith("?") and block.words < PROSE_WORDS and last_at()[block.text] > at


def _drop_lists(blocks: list[Block], matcher: Matcher, touched: list[int], stage: str) -> None:
    """Drop each heading a text_list_after pattern matches ("Related stories") and the titles right
    under it: up to LIST_LINES lines, each short and no sentence, up to the first that is not."""
    # Each text's last index on the page, built once when a question under a heading first asks.
    last_at = cache(lambda: {b.text: i for i, b in enumerate(blocks)})
    for index in touched:
        heading = blocks[index]
        if not heading.undecided or heading.structure:
            continue
        pattern = matcher.first_match("text_list_after", heading.bare)
        if pattern is None:
            continue
        heading.drop(Reason(stage, pattern.where, LIST_HEADING))
        for at, block in enumerate(blocks[index + 1:index + 1 + LIST_LINES], index + 1):
            # (a Markdown list item that is a link alone is a title, a question's or a quotation's too)
            if (not block.undecided or block.structure or block.words > LIST_TITLE_WORDS
                    or (block.text.endswith(_SENTENCE_END) and not _section_question(block, at, last_at)
                        and not LINK_ITEM.match(block.raw))):
                break
            block.drop(Reason(stage, pattern.where, LIST_TITLE))


def _find_region(blocks: list[Block], matcher: Matcher, min_prose_before_end: int, touched: list[int],
                 end_after_most_prose: bool = False, end_before_most_prose: bool = False,
                 not_ending_before: Callable[[], int] | None = None) -> tuple[int, int, str, str] | None:
    """The article region from the first start marker and the first end marker after it
    (touched: indices of the lines some pattern may match, in order)."""
    start_marker = _first_marker(matcher, blocks, touched, "text_start_at", "text_start_after")
    start, start_where = start_marker or (0, "")
    begin, prose = start, 0
    while begin < len(blocks) and prose < min_prose_before_end:  # the article must have begun
        prose += blocks[begin].words >= PROSE_WORDS
        begin += 1
    after_begin = touched[bisect_left(touched, begin):]
    accept: Callable[[int], bool] | None = None
    if end_after_most_prose:
        found: list[tuple[list[tuple[int, int, int]], list[int]]] = []  # the page's runs of prose, once needed

        def accept(end: int) -> bool:
            # The longest run of prose beginning within a few lines after the marker against the
            # longest between the start and the marker: an article runs on for paragraphs, a
            # comment's reply stops at the next author line, and a menu's long lines stand alone.
            # A marker that is itself a sentence ("© 2012 … All Rights Reserved. This material…")
            # splits the run it stands in: its part above is before, its part below after.
            if not found:
                found.append((_prose_runs(blocks), [_prose_words(b) for b in blocks]))
            runs, words = found[0]
            after = max((n if first > end else sum(words[end + 1:last + 1])
                         for first, last, n in runs if end <= last and first < end + RUN_LOOKAHEAD), default=0)
            before = max((n if last < end else sum(words[first:end])
                          for first, last, n in runs if start <= first < end), default=0)
            return after <= before
    if end_before_most_prose:
        words = [_prose_words(b) for b in blocks]
        total = sum(words[start:])

        def accept(end: int) -> bool:
            before = sum(words[start:end])
            return before >= total - before
    if not_ending_before is not None:
        accept = _not_before(not_ending_before, accept)
    end_marker = _first_marker(matcher, blocks, after_begin, "text_end_before", "text_end_after", accept)
    if start_marker is None and end_marker is None:
        return None
    end, end_where = end_marker or (len(blocks), "")
    return start, end, start_where, end_where


def _not_before(first: Callable[[], int], accept: Callable[[int], bool] | None) -> Callable[[int], bool]:
    """accept, for an end marker at or after the block first() names (asked once, when needed)."""
    known: list[int] = []

    def accepted(end: int) -> bool:
        if not known:
            known.append(first())
        return end >= known[0] and (accept is None or accept(end))
    return accepted


def _prose_words(block: Block) -> int:
    """A line's words when it is prose (long, no row of "a | b | c" links, no Markdown list item
    that is a link and nothing more: a teaser), else 0."""
    n = block.words
    return n if n >= PROSE_WORDS and block.text.count("|") < MAX_SEPARATORS and not LINK_ITEM.match(block.raw) else 0


def _prose_runs(blocks: list[Block]) -> list[tuple[int, int, int]]:
    """(first prose line, last line, words) of each run of consecutive lines of prose or of short
    sentences that holds a line of prose."""
    words = [_prose_words(b) for b in blocks]
    runs = []
    first = last = -1
    total = 0
    for i, block in enumerate(blocks + [Block("", "", 0)]):
        if i < len(blocks) and (words[i] or _sentence(block)):
            if words[i] and first < 0:
                first = i
            last, total = i, total + words[i]
            continue
        if first >= 0:
            runs.append((first, last, total))
        first, total = -1, 0
    return runs


def _first_marker(matcher: Matcher, blocks: list[Block], indices: list[int], at: str, after: str,
                  accept: Callable[[int], bool] | None = None) -> tuple[int, str] | None:
    """(index where the region starts or ends, rule) of the first line of indices matching `at`
    (that line) or `after` (the next one), where `accept` (if given) accepts that index."""
    if not (matcher.rules.text[at] or matcher.rules.text[after]):
        return None
    for index in indices:
        hit = matcher.first_match(at, blocks[index].bare)
        if hit and (accept is None or accept(index)):
            return index, hit.where
        hit = None if hit else matcher.first_match(after, blocks[index].bare)
        if hit and (accept is None or accept(index + 1)):
            return index + 1, hit.where
    return None
