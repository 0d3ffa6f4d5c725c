"""Fallback stage: a learned line classifier, smoothed over the page as a two-state sequence.

The model (model/classifier.py and model/fallback.json) gives each block a probability of being
article; a two-state HMM (article / boilerplate) turns them into one consistent region whose
Viterbi path decides every block the rules left undecided. Blocks the rules already decided
are clamped, so rules and the model agree on one path. A table's lines, and a line the page
prints again and again (a teaser box between every two paragraphs), stay out of the sequence.
A headline that repeats the page's title, and its standfirst, are article to the sequence: the
article's region starts there. When that path keeps less prose than a fifth of the page's densest
run of prose (a list of links won over the article), the run is kept too. A run the model
alone keeps far below the article, with little confidence (another story's teasers, a sidebar's
blurbs), is dropped; so is a box of teasers inside the article, the few headlines under a heading a
rule dropped, between two of its paragraphs. A box the rules cut out between two markers is not
there for the model.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache
from operator import attrgetter

import numpy as np

from ..context import Context
from ..document import (
    DROP,
    KEEP,
    UNDECIDED,
    Block,
    Decision,
    Document,
    Reason,
    ends_sentence,
    index_runs,
    prose_sentence,
)
from ..language import stoplist
from ..model.classifier import Model, load_model, viterbi
from ..model.features import BULLET as BULLETED
from ..model.features import NAMES, feature_rows, prose_run
from ..options import (
    BOX_TEASER_P,
    BOX_TEASER_RUN,
    CLEAN_HEAD_LINES,
    CLOSING_P,
    CLOSING_WORDS,
    DETACHED_GAP,
    DETACHED_P,
    DETACHED_SURE_P,
    DETACHED_SURE_WORDS,
    DROPPED_LEANING,
    ECHO_MIN_COUNT,
    MENU_LINK_LINES,
    REGION_BRIDGE,
    RESCUE_SHARE,
    RESCUE_WEIGHT,
    SHORT_CLIPPING_LINES,
    TITLED_HEADLINE_P,
)
from ..rules.apply import BOX_LINE, CUT, LINK_ITEM, LIST_LINES_DROPPED, LIST_TITLE_WORDS, PROTECTED
from .headline import STAGE as HEADLINE_STAGE
from .headline import STANDFIRST, TITLED
from .site_rules import STAGE as SITE_STAGE

STAGE = "fallback"
QUOTES = ("\"", "“", "”", "«", "»", "„")  # a pull quote's first or last character
# Other stages' decisions the model judges a page without (see model_decisions).
UNSEEN_DETAILS = frozenset({*LIST_LINES_DROPPED, BOX_LINE, STANDFIRST})


def article_probabilities(doc: Document, model: Model, decisions: list[Decision], rows: np.ndarray) -> list[float]:
    """The classifier's article probability of every block, from the rules' decisions the model
    sees (model_decisions) and the blocks' feature rows.

    Blocks the generic rules already decided get the prior: they say nothing about the region,
    so a "Read more:" line dropped inside the article does not split it in two.
    """
    p = np.array([model.prior * (DROPPED_LEANING if d is DROP else 1.0) for d in decisions])
    # A table's or code block's line is left to the lines around it (the prior), like a rule's.
    open_rows = np.fromiter((d is UNDECIDED and not b.structure for b, d in zip(doc.blocks, decisions)),
                            bool, len(doc.blocks))
    if open_rows.any():
        p[open_rows] = model.probabilities(rows[open_rows])  # the classifier is asked about open blocks only
    return p.tolist()


def model_decisions(doc: Document) -> list[Decision]:
    """The rules' decisions as the model sees them: all but the site's rules' and the lists'.

    The model learnt what the generic rules' decisions say about the lines around them. A site's
    rules drop whole menus and teaser lists; the lines left between them must not look more like
    article for that, so the model judges the page as it would without them, and their decisions
    stand on top: a site's rules only ever remove what the page would otherwise keep. Outside the
    generic rules' own start and end markers, where those drop every line still open, the site's
    drops are theirs too. A list of links under a "Related stories" heading (text_list_after) is
    seen the same way: the article paragraph below it must not look like the list's tail. So are
    the lines of a box inside the article (text_box: an embed's consent box), which must not split
    it in two, and the standfirst sentence the headline stage keeps: its own evidence helps the
    article begin."""
    start, end = doc.region or (0, len(doc.blocks))

    def unseen(i: int, block: Block) -> bool:
        if block.reason is None:
            return False
        if block.reason.stage == SITE_STAGE:
            return start <= i < end or block.decision is not DROP
        return block.reason.detail in UNSEEN_DETAILS

    return [UNDECIDED if unseen(i, b) else b.decision for i, b in enumerate(doc.blocks)]


def apply(doc: Document, ctx: Context, *, clean_test: bool = True) -> bool:
    """Decide every undecided block: a short note or quote is kept whole, and so is (clean_test:
    unless a page's kept lines are judged again) a clipping that is already clean; a page is
    classified. Whether the document was kept whole."""
    if is_note(doc):
        why = f"a clipping of {SHORT_CLIPPING_LINES} lines or fewer that no rule touched: kept whole"
    elif clean_test and is_clean(doc, ctx):
        why = "no rule found a line to drop in the article's lines: an article already clean, kept whole"
    else:
        classify(doc)
        return False
    for block in doc.undecided():
        block.keep(Reason(STAGE, "", why))
    return True


def is_note(doc: Document) -> bool:
    """Whether a text or Markdown clipping is a short note (a line, a quote and its attribution)
    rather than a page: SHORT_CLIPPING_LINES lines or fewer, none of which a rule dropped."""
    return (doc.kind != "html" and len(doc.blocks) <= SHORT_CLIPPING_LINES
            and not any(b.decision is DROP for b in doc.blocks))


def is_clean(doc: Document, ctx: Context) -> bool:
    """Whether a text or Markdown clipping is an article already clean (a web clipper's article
    view, a copy of a reader view, a cleaned text): its language's lexicon, which finds the
    menus, skip links and share bars of a whole page, found no line to drop from its first
    sentence (from the line it begins on: a verse, a hard-wrapped paragraph) to its last open
    line, nor did any other rule; the lines they dropped above the first sentence stand right
    above it (a byline, a date, a reading time) under at most CLEAN_HEAD_LINES others (the
    headline, a standfirst or the site's name); and no menu of links stands in it. A sign-up,
    share bar or comment thread after the article is dropped as usual."""
    if doc.kind == "html" or doc.language not in ctx.book.lexicons:
        return False
    blocks = doc.blocks
    last = max((i for i, b in enumerate(blocks) if b.undecided), default=-1)
    if last < 0:
        return False  # nothing left open to keep
    first = next((i for i, b in enumerate(blocks) if b.decision is not DROP and ends_sentence(b.text)), 0)
    while (first and blocks[first].text[:1].islower() and blocks[first - 1].line == blocks[first].line - 1
           and blocks[first - 1].decision is not DROP and not ends_sentence(blocks[first - 1].text)):
        first -= 1  # the sentence began on the line above (a verse, a hard-wrapped paragraph)
    byline = first  # the lines the rules dropped right above the first sentence
    while byline and blocks[byline - 1].decision is DROP:
        byline -= 1
    if byline > CLEAN_HEAD_LINES:  # more above them: a menu, a page's head
        first = 0
    if any(b.decision is DROP for b in blocks[first:last]):
        return False
    run = 0  # a run of Markdown list items that are a link alone: a menu or a list of teasers
    for block in blocks[:last]:
        run = run + 1 if LINK_ITEM.match(block.raw) else 0
        if run >= MENU_LINK_LINES:
            return False
    return True


def classify(doc: Document) -> None:
    """Decide every undecided block by the smoothed classifier. The page is read as if the boxes
    a rule cut out between two markers (a sign-up box between the article's paragraphs), and an
    advertisement's label between two paragraphs, were not there (without_cuts): the article on
    both sides of one is one region, its lines judged by their own neighbours."""
    if not doc.undecided():
        return
    doc = without_cuts(doc) or doc
    model = load_model()
    decisions = model_decisions(doc)
    rows = feature_rows(doc.blocks, stoplist(doc.language), decisions)
    probabilities = article_probabilities(doc, model, decisions, rows)
    path = structured_path(anchored(doc, probabilities), model, [b.structure for b in doc.blocks],
                           echoes(doc.blocks))
    rescued = rescued_run(doc, path, probabilities, rows)
    chosen = [article or rescued[0] <= index < rescued[1] for index, article in enumerate(path)]
    detached = detached_runs(doc.blocks, chosen, probabilities)
    boxed = boxed_teasers(doc.blocks, chosen, probabilities)
    closing = closing_sentence(doc.blocks, chosen, probabilities)
    for index, (block, p, article) in enumerate(zip(doc.blocks, probabilities, path)):
        if not block.undecided:
            continue
        if index == closing:
            block.keep(Reason(STAGE, "", f"p(article)={p:.2f}, the article's last sentence: only lines the "
                                         "rules dropped follow it"))
        elif index in boxed:
            block.drop(Reason(STAGE, "", f"p(article)={p:.2f}, in a run of {BOX_TEASER_RUN} or more lines, none a "
                                         "sentence, under a heading a rule dropped, between sentences of the "
                                         "article: a box of teasers"))
        elif index in detached:
            block.drop(Reason(STAGE, "", f"p(article)={p:.2f}, in a run kept apart from the article, "
                                         f"{DETACHED_GAP} or more lines below it, with a mean p(article) "
                                         f"under {DETACHED_P:g}: another story's teasers"))
        elif article:
            block.keep(_reason(f"{p:.2f}", True))
        elif chosen[index]:
            block.keep(Reason(STAGE, "", f"p(article)={p:.2f}, in the page's densest run of prose, "
                                         "which holds more prose than the sequence kept"))
        else:
            block.drop(_reason(f"{p:.2f}", False))


def without_cuts(doc: Document) -> Document | None:
    """The document without the boxes cut between markers inside the article (below a sentence
    of prose the rules left open), and without the box lines that stand between two open
    sentences of prose (an advertisement's label between two paragraphs), the same Block
    objects otherwise; None when there are none. A cut above the article (a contents box under
    the menus) stays: the lines around it are the page's head, not two parts of one article. So
    does a box line elsewhere (a teaser's time stamp): reading past every one cut an article."""
    blocks = doc.blocks
    if not any(b.reason is not None and b.reason.detail in (CUT, BOX_LINE) for b in blocks):
        return None  # most pages: nothing built
    details = [b.reason.detail if b.reason is not None else None for b in blocks]
    cut = [d in (CUT, BOX_LINE) for d in details]
    prose = [not c and b.undecided and prose_sentence(b) for b, c in zip(blocks, cut)]
    first = next((i for i, p in enumerate(prose) if p), len(blocks))
    between = _between_prose(cut, prose)
    inside = [i <= first or not c or (d == BOX_LINE and not between[i])
              for i, (c, d) in enumerate(zip(cut, details))]
    if all(inside):
        return None
    start, end = doc.region or (0, len(blocks))
    region = (sum(inside[:start]), sum(inside[:end]))
    return replace(doc, blocks=[b for b, keep in zip(blocks, inside) if keep], region=region)


def _between_prose(cut: list[bool], prose: list[bool]) -> list[bool]:
    """For each line, whether the nearest lines above and below it that are not cut out are both
    open sentences of prose (prose): an advertisement's label between two paragraphs. Two passes,
    however long a run of box lines."""
    def nearest(order: range) -> list[bool]:
        found, last = [False] * len(cut), False
        for i in order:
            found[i] = last
            if not cut[i]:
                last = prose[i]
        return found
    above, below = nearest(range(len(cut))), nearest(range(len(cut) - 1, -1, -1))
    return [a and b for a, b in zip(above, below)]


def anchored(doc: Document, probabilities: list[float]) -> list[float]:
    """The sequence's probabilities: a kept headline that repeats the page's title, and the
    standfirst kept with it, are article (TITLED_HEADLINE_P), so that the article's region starts
    at them (the short lines of a post under its headline stay with it); so are the lines a rule
    protects (text_keep: a recipe's ingredients, an agency's sign-off), so that the lines around
    them (the recipe's steps) stay with them. The other lines keep the classifier's. A headline
    found only above the prose is no such evidence: a list of teasers has headings too."""
    headline: list[int] = []  # the headline stage's kept lines
    protected: list[int] = []
    titled = False
    for i, block in enumerate(doc.blocks):
        reason = block.reason
        if reason is None or block.decision is not KEEP:
            continue
        if reason.stage == HEADLINE_STAGE:
            headline.append(i)
            titled = titled or reason.detail == TITLED
        elif block.protected and reason.detail == PROTECTED:
            protected.append(i)
    raised = (headline if titled else []) + protected
    if not raised:
        return probabilities
    out = list(probabilities)
    for i in raised:
        out[i] = max(out[i], TITLED_HEADLINE_P)
    return out


def echoes(blocks: list[Block]) -> list[bool]:
    """Whether each block is an open line printed ECHO_MIN_COUNT times or more on the page."""
    counts = Counter(map(attrgetter("text"), blocks))
    if not counts or max(counts.values()) < ECHO_MIN_COUNT:
        return [False] * len(blocks)  # most pages: no block's property is asked
    return [counts[b.text] >= ECHO_MIN_COUNT and b.undecided and not b.structure for b in blocks]


def structured_path(probabilities: list[float], model: Model, structure: list[bool],
                    repeated: list[bool] | None = None) -> list[bool]:
    """The article/boilerplate path, a table's or code block's lines left out of the sequence (as
    one would read past them) and then given its neighbours' state: article where the lines on
    both sides of the run are (one side at the page's edge). A long table is no long stretch of
    unknown lines that turns the sequence to boilerplate before the article's last section.
    A line the page repeats (repeated: see echoes) is left out too, and judged on its own: a
    teaser box printed between every two paragraphs must not cut the article into pieces."""
    repeated = repeated or [False] * len(probabilities)
    if not any(structure) and not any(repeated):
        return viterbi(probabilities, model)
    open_lines = [i for i, (tied, echo) in enumerate(zip(structure, repeated)) if not tied and not echo]
    path = [False] * len(probabilities)
    for i, article in zip(open_lines, viterbi([probabilities[i] for i in open_lines], model)):
        path[i] = article
    for i, echo in enumerate(repeated):
        if echo:
            path[i] = probabilities[i] >= 0.5
    if not any(structure):
        return path
    previous: bool | None = None  # the state of the last line in the sequence (a repeated line is not)
    i = 0
    while i < len(path):
        if not structure[i]:
            previous = path[i] if not repeated[i] else previous
            i += 1
            continue
        end = i
        while end < len(path) and structure[end]:
            end += 1
        following = next((path[j] for j in range(end, len(path)) if not structure[j] and not repeated[j]), None)
        sides = [side for side in (previous, following) if side is not None]
        path[i:end] = [bool(sides) and all(sides)] * (end - i)
        i = end
    return path


def detached_runs(blocks: list[Block], chosen: list[bool], probabilities: list[float]) -> set[int]:
    """The blocks of runs that only the sequence keeps (no rule kept one of them), lying below the
    article's run with at least DETACHED_GAP lines between that the sequence drops (or that a
    list's heading took along: the model judged them as open lines), whose mean
    article probability is under DETACHED_P, and which holds no list item (a recipe's later
    ingredients and steps, a list's items, belong to the article) nor a sentence of
    DETACHED_SURE_WORDS words or more the model is DETACHED_SURE_P sure of: another story's
    teasers, a sidebar's blurbs. Nothing is dropped when such runs hold as many words as the
    article's run.

    chosen: whether the sequence (or the rescue) keeps each undecided block. A run is a stretch of
    kept blocks (by a rule or the sequence) at most REGION_BRIDGE other blocks apart; the
    article's run holds the most words. (Decisions are read as attributes: this runs on every page.)"""
    open_lines = [b.decision is UNDECIDED and not b.protected for b in blocks]
    kept = [i for i, (b, is_open, c) in enumerate(zip(blocks, open_lines, chosen))
            if b.decision is KEEP or (c and is_open)]
    runs = index_runs(kept, REGION_BRIDGE + 1)
    if len(runs) < 2:
        return set()  # one run, or none: most pages
    words = [sum(blocks[i].words for i in run) for run in runs]
    article = max(range(len(runs)), key=words.__getitem__)
    listed = [b.reason is not None and b.reason.detail in LIST_LINES_DROPPED for b in blocks]
    detached: set[int] = set()
    dropped = 0
    for run, run_words in zip(runs[article + 1:], words[article + 1:]):
        gap = sum(1 for i in range(runs[article][-1] + 1, run[0]) if (open_lines[i] and not chosen[i]) or listed[i])
        if (gap >= DETACHED_GAP and all(open_lines[i] for i in run)
                and sum(probabilities[i] for i in run) < DETACHED_P * len(run)
                and not any(BULLETED.match(blocks[i].raw) for i in run)
                and not any(probabilities[i] >= DETACHED_SURE_P and blocks[i].words >= DETACHED_SURE_WORDS
                            for i in run)):
            detached.update(run)
            dropped += run_words
    # Runs that together outweigh the article's are no teasers under it: the article itself
    # in pieces, whose middles the model dropped. This pass never takes most of a page's prose.
    return detached if dropped < words[article] else set()


def boxed_teasers(blocks: list[Block], chosen: list[bool], probabilities: list[float]) -> set[int]:
    """The blocks of a box of teasers inside the article ("More on World" over seven headlines,
    between two paragraphs): a run of BOX_TEASER_RUN or more open lines right under a line a rule
    dropped, each kept by the sequence alone while the model leans boilerplate on it (under
    BOX_TEASER_P), none a sentence, a list item or a quotation, each of a title's length at most,
    with a sentence of the article the model leans article on just above the heading and just
    below the run. The sequence keeps such a run for the article on both sides of it. Boxes that
    together hold as many words as the rest of what is kept are the article's own lines (a poem's,
    a list's): nothing is dropped."""
    def article_prose(index: int) -> bool:
        block = blocks[index]
        return (block.decision is not DROP and (block.decision is KEEP or chosen[index])
                and probabilities[index] >= BOX_TEASER_P and prose_sentence(block))

    def teaser(index: int) -> bool:
        block = blocks[index]
        return (block.decision is UNDECIDED and not block.protected and chosen[index]
                and probabilities[index] < BOX_TEASER_P and block.words <= LIST_TITLE_WORDS
                and not ends_sentence(block.text) and not block.text.startswith(QUOTES)
                and not block.text.endswith(QUOTES) and not BULLETED.match(block.raw))

    # Where a run may start: under a dropped line, a line the sequence keeps and the model doubts
    # (on most pages, none: one pass over the page).
    heads = [i for i, (above, kept, p) in enumerate(zip(blocks, chosen[1:], probabilities[1:]), 1)
             if kept and p < BOX_TEASER_P and above.decision is DROP]
    found: set[int] = set()
    n, end = len(blocks), 0
    for start in heads:
        if start < end:
            continue
        end = start
        while end < n and teaser(end):
            end += 1
        if (end - start >= BOX_TEASER_RUN and any(map(article_prose, range(max(start - 4, 0), start - 1)))
                and any(map(article_prose, range(end, min(end + 2, n))))):
            found.update(range(start, end))
    if not found:
        return found
    boxed = sum(blocks[i].words for i in found)
    rest = sum(b.words for i, b in enumerate(blocks)
               if i not in found and (b.decision is KEEP or (chosen[i] and b.undecided)))
    return found if boxed < rest else set()


def closing_sentence(blocks: list[Block], chosen: list[bool], probabilities: list[float]) -> int | None:
    """The index of the article's last sentence where the sequence left it: the page's last line
    no rule dropped, a sentence of CLOSING_WORDS words or more right under a sentence of prose
    the sequence keeps, with only the rules' lines (a share bar, a footer) below it, and an article
    probability of CLOSING_P or more. Those lines below lean the sequence to boilerplate there."""
    last = next((i for i in range(len(blocks) - 1, -1, -1) if blocks[i].decision is not DROP), None)
    if last is None or last == len(blocks) - 1 or not last:
        return None  # nothing the rules dropped below it: the sequence's own call
    block, above = blocks[last], blocks[last - 1]
    if (block.undecided and not chosen[last] and block.words >= CLOSING_WORDS and ends_sentence(block.text)
            and probabilities[last] >= CLOSING_P and above.undecided and chosen[last - 1] and prose_sentence(above)):
        return last
    return None


def rescued_run(doc: Document, path: list[bool], probabilities: list[float],
                rows: np.ndarray | None = None) -> tuple[int, int]:
    """The [start, end) run of blocks with the most prose when the path keeps no open block (the
    headline it is told of is no article found), or when what it and the rules keep holds under
    RESCUE_SHARE of that run's prose (a list of links chosen over the article), else an empty
    span. Never return nothing when there is prose.

    A prose block counts its characters times its article probability (so that an archive's
    list of months, full of stopwords, does not outweigh a paragraph); the rules' drops count
    for nothing. rows: the blocks' feature rows, if known."""
    if rows is None:
        rows = feature_rows(doc.blocks, stoplist(doc.language))  # its prose and size columns: the text's own
    own = {name: rows[:, NAMES.index(name)] for name in ("prose", "log_chars", "short")}
    n = len(doc.blocks)
    start, end = prose_run(own, np.fromiter((b.decision is DROP for b in doc.blocks), bool, n),
                           np.asarray(probabilities) * RESCUE_WEIGHT)
    chars = np.exp(own["log_chars"]) * (own["prose"] > 0)
    chosen = [article and b.undecided for b, article in zip(doc.blocks, path)]
    kept = np.fromiter((b.kept or article for b, article in zip(doc.blocks, chosen)), bool, n)
    return (start, end) if not any(chosen) or chars[kept].sum() < RESCUE_SHARE * chars[start:end].sum() else (0, 0)


@lru_cache(maxsize=256)
def _reason(probability: str, article: bool) -> Reason:
    """The fallback's reason for one decision (a few hundred distinct ones, made once each)."""
    return Reason(STAGE, "", f"p(article)={probability}, sequence says {'article' if article else 'boilerplate'}")
