"""Comment-thread stage: after the article, a run of "name line, then an indented reply" pairs, of
comment headers ("Alex on September 17, 2018 at 6:34 am said:", "Jane says:", "Posted by: Jane at
November 8, 2012 7:12 AM"), or of names each
over its time stamp ("Nick A" above "2 days ago at 07:47 am", or "October 2, 2012, | Permalink")."""

from __future__ import annotations

import regex

from ..compiled import compiled
from ..context import Context
from ..document import Block, Document, Reason, index_runs
from ..language import stoplist
from ..options import (
    COMMENT_GAP,
    COMMENT_MAX_NAME_CHARS,
    COMMENT_MIN_PAIRS,
    COMMENT_PROSE_BEFORE,
    COMMENT_PROSE_WORDS,
)

STAGE = "comments"
SHORT_HEADER_WORDS = 5  # "Name said," with a name of up to four words; a longer header carries its date
_BULLET = compiled(r"^(\s*)(?:[•·▪◦‣∙*+\-–]|\d{1,3}[.)])\s*(\S.*)$")
_TERMINAL = compiled(r"[.!?:;,]$")
# A date, a time of day, a time ago, as comment systems print them.
_TIME = r"(?:,?\s(?:at\s|um\s|à\s|a las\s)?\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?)"
_DAY = (r"(?:on\s)?(?:(?:\p{L}{3,9},?\s)?\p{L}{3,9}\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?"
        r"|\d{1,2}\.? \p{L}{3,9}\.? \d{4}"
        r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})")
_AGO = r"(?:about |over |almost )?(?:\d+|a|an|one) (?:second|minute|hour|day|week|month|year)s? ago"
# "Name on <date> at <time> said:", "Name says:", "Name wrote:", "Name said…", "Name said,"
# (English and a few more languages).
_SAID = compiled(r"^\S.{0,60}?\s(?:on|at|am|le|el)\s.{3,50}?\s?"
                 r"(?:said|says|wrote|a écrit|schrieb|dijo|escribió)\s?:?$"
                 r"|^\S.{0,60}?\s(?:says|said|wrote|sagt|schreibt|dit|dice):$"
                 # "Jane Doe said…", "Jane said,": a name of a few words; a longer line is the article's prose
                 r"|^\S+(?:\s\S+){0,3}\s(?:says|said|wrote|sagt|schreibt|dit|dice)(?:\.\.\.|…|,)$", regex.I)
# "Name added 2 days ago", "Name July 18, 2012 at 10:16 pm", "#1.2 - Tue Jul 24, 2012 12:06 PM EDT": a
# list of stories with their times looks the same, so a comment must stand between them.
_DATED = compiled(rf"^\S.{{0,60}}?\s{_AGO}$|^\S.{{0,60}}?\s{_DAY}{_TIME}$"
                  rf"|^#\d{{1,4}}(?:\.\d{{1,4}})*\s?[-–]\s?{_DAY}{_TIME}(?:\s\p{{Lu}}{{2,5}})?$", regex.I)
# A comment's footer or header as blogs print it: "Posted by: Jane Doe at November 8, 2012 7:12 AM",
# "Posted by: tom3465, farnworth on 8:21pm Tue 1 Jan 08", "BY GANN AT 01/08/08 05:32 PM" (a day and
# a time, in either order).
_POSTED_BY = compiled(r"^(?:(?:posted|comment(?:ed)?) )?by:?\s+(\S.{0,60}?)\s+(?:at|on|\|)\s+"
                      r"(?=[^\n]{0,30}\d{1,2}[:.]\d{2})[\p{L}\d ,.:/-]{4,40}$", regex.I)
# A comment's time stamp on a line of its own, below its author's name: a time ago, or a date with
# its time ("2 days ago at 07:52 am", "July 18, 2012 at 10:16 pm", "18.07.2012, 22:16"); a date
# alone is a teaser's, under its author in a list of stories.
MAX_STAMP_CHARS = 40
_STAMP = compiled(rf"^(?:{_AGO}{_TIME}?|{_DAY}{_TIME}|{_DAY}{_TIME}?,?\s?\|\s?permalink)$", regex.I)
# What readers do under a comment: a thread of time-stamped names has one of these lines; a live
# blog's entries, time-stamped under their reporters' names, have none.
_COMMENT_ACTION = compiled(r"^(?:\d+\s)?(?:reply|replies|report|rating|votes?|likes?|points?|upvotes?|"
                           r"antworten|melden|répondre|signaler|responder|rispondi)\b"
                           r"|.{0,60}\|\s?permalink$", regex.I)  # a comment's own link, under its author
# An article's byline or dateline, however it ends: no commenter's header.
_BYLINE = compiled(r"\b(?:updated|published|posted|modified|by)\b|\|", regex.I)
_CODE = compiled(r"[=;{}()<>\[\]]|\b(?-i:[A-Z]{3,})\b\s+\w")  # code punctuation, or a keyword ("SELECT x")
# The endings _SAID and _DATED allow, casefolded: a cheap test before the expression.
_HEADER_ENDINGS = (":", "...", "…", "said", "says", "wrote", "said,", "says,", "wrote,", "écrit", "schrieb", "dijo",
                   "escribió", " ago",
                   "permalink",
                   *(str(d) for d in range(10)), "am", "pm", "a.m.", "p.m.",
                   *(f" {zone}" for zone in ("edt", "est", "cdt", "cst", "mdt", "mst", "pdt", "pst", "gmt", "utc",
                                             "bst", "cet", "cest")))


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip())


def _is_author_line(raw: str) -> bool:
    """A bullet followed by a short name-like text: `  • Jane Doe`."""
    match = _BULLET.match(raw)
    if not match:
        return False
    name = match.group(2).strip()
    if _CODE.search(name):
        return False  # "- SELECT name", "* x = 1": a listing, not a commenter
    return len(name) <= COMMENT_MAX_NAME_CHARS and len(name.split()) <= 5 and not _TERMINAL.search(name)


def find_thread_start(doc: Document) -> int | None:
    """Index of the first block of a comment thread, or None."""
    blocks = doc.blocks
    pairs = []
    for i in range(len(blocks) - 1):
        author, reply = blocks[i], blocks[i + 1]
        if _is_author_line(author.raw) and _indent(reply.raw) > _indent(author.raw) \
                and reply.words >= 3 and not _is_author_line(reply.raw):
            pairs.append(i)
    if pairs and _prose_after(blocks, pairs[-1] + 1, _indent(blocks[pairs[-1]].raw)):
        pairs = []  # the article goes on after them: a listing or quotes inside it, not a thread
    ending = [i for i, block in enumerate(blocks) if block.text[-10:].casefold().endswith(_HEADER_ENDINGS)]
    stopwords = stoplist(doc.language)
    said = _named([(i, blocks[i].text.split()[0]) for i in ending
                   if _header(blocks[i].text, _SAID) and _names_someone(blocks[i].text, stopwords)])
    dated = _named([(i, blocks[i].text.split()[0]) for i in ending if _header(blocks[i].text, _DATED)])
    posted = _named([(i, found.group(1)) for i in ending if (found := _POSTED_BY.match(blocks[i].text))])
    # A list of stories with their times or authors (a box of the latest news) is no thread.
    dated, posted = (found if _apart(blocks, found) else [] for found in (dated, posted))
    stamped = _stamped_run(blocks, [i for i in ending if i and len(blocks[i].text) <= MAX_STAMP_CHARS
                                    and _STAMP.match(blocks[i].text)])
    # Author lines over indented replies look like a nested list (a menu): they need more article
    # above them than dated headers do (an open thread's one-paragraph post is followed by its comments).
    starts = sorted((found[0], need) for found, need in ((pairs, COMMENT_PROSE_BEFORE), (said, 1), (dated, 1),
                                                         (posted, 1), (stamped, 1)) if len(found) >= COMMENT_MIN_PAIRS)
    for first, need in starts:
        if sum(1 for b in blocks[:first] if b.words >= COMMENT_PROSE_WORDS) >= need:
            return first
    return None


def _header(text: str, pattern: regex.Pattern) -> bool:
    """Whether a line is a comment header of this shape, and no article's byline."""
    return pattern.match(text) is not None and not _BYLINE.search(text)


def _names_someone(header: str, stopwords: frozenset[str]) -> bool:
    """Whether a short header's words before its verb ("Jane Doe said,", "dan wrote:") name
    someone: no stopword among them ("And then she said," is a line of a story's dialogue)."""
    words = header.split()
    return len(words) > SHORT_HEADER_WORDS or not any(w.casefold() in stopwords for w in words[:-1])


def _named(headers: list[tuple[int, str]]) -> list[int]:
    """The indices of comment headers, given with their commenters' names; none when one name is
    over every entry (a byline printed twice, a live blog's author: no thread)."""
    if len({name.casefold() for _, name in headers}) < COMMENT_MIN_PAIRS:
        return []
    return [i for i, _ in headers]


def _stamped_run(blocks: list[Block], stamps: list[int]) -> list[int]:
    """The first run of names over time stamps (the lines of stamps) after the article's first
    prose lines, each within COMMENT_GAP lines of the one before, with COMMENT_MIN_PAIRS or more
    names (an article's byline over its date stands alone, above the article) and a reader's
    action among them ("Reply", "Rating: 25 Votes"): without one, a live blog's entries would
    be taken for a thread, and the article with them."""
    if len(stamps) < COMMENT_MIN_PAIRS:
        return []
    begun, prose = len(blocks), 0  # where the article's first prose lines are behind
    for i, block in enumerate(blocks):
        if prose >= COMMENT_PROSE_BEFORE:
            begun = i
            break
        prose += block.words >= COMMENT_PROSE_WORDS
    names = [stamp - 1 for stamp in stamps if stamp - 1 >= begun and _is_name(blocks[stamp - 1].text)]
    runs = index_runs(names, COMMENT_GAP)
    return next((run for run in runs if len({blocks[i].text.casefold() for i in run}) >= COMMENT_MIN_PAIRS
                 and any(_COMMENT_ACTION.match(b.text) for b in blocks[run[0]:run[-1] + COMMENT_GAP])), [])


def _apart(blocks: list[Block], entries: list[int]) -> bool:
    """Whether comment headers or footers (block indices) stand apart, a comment between most two
    of them (a line of a few words): a box of teasers has one dated title under another."""
    gaps = list(zip(entries, entries[1:]))
    filled = sum(1 for a, b in gaps if any(block.words >= 3 for block in blocks[a + 1:b]))
    return 2 * filled >= len(gaps)


def _is_name(text: str) -> bool:
    """A commenter's name on a line of its own: a few words, no sentence, no date."""
    return (0 < len(text) <= COMMENT_MAX_NAME_CHARS and len(text.split()) <= 4 and not _TERMINAL.search(text)
            and not _CODE.search(text) and not _BYLINE.search(text) and not any(c.isdigit() for c in text))


def _prose_after(blocks: list[Block], index: int, indent: int) -> bool:
    """Whether a prose line that is no reply (indented no deeper than the author lines) follows index."""
    return any(b.words >= COMMENT_PROSE_WORDS and _indent(b.raw) <= indent
               and not _is_author_line(b.raw) for b in blocks[index + 1:])


def apply(doc: Document, ctx: Context) -> None:
    """Drop everything from the start of a comment thread to the end (protected lines stay)."""
    start = find_thread_start(doc)
    if start is None:
        return
    reason = Reason(STAGE, "", "comment thread (author lines with their replies or time stamps)")
    for block in doc.blocks[start:]:
        if block.undecided:
            block.drop(reason)
