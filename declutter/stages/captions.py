"""Captions stage: the caption line next to each credit is kept with it.

A caption stands directly above its credit ("Officials handed out masks." over "Name/Agency"),
or, under an agency's name printed alone on the image ("Getty Images"), directly below it as a
phrase that ends no sentence ("Rivers in Cumbria rose quickly overnight").

Credits ("Photo: Reuters") are found by the rule files' `text_caption` patterns, and protected
by the site-rules and generic-rules stages as they apply them. This stage runs once every rule
has had its say (a skip link or menu item above a photo credit is dropped by its rule, not kept
as a caption), and before the template stage, so that a credit a site prints on every page
(and its caption) is not taken for the site's chrome.

With the body alone asked for (title=False), `leave_out` drops them once the page is settled,
as an HTML page's figure captions are left out: the line model still sees them where they stand.
"""

from __future__ import annotations

import regex

from ..compiled import compiled
from ..context import Context
from ..document import Block, Document, Reason, ends_sentence
from ..options import MAX_CAPTION_CHARS, MAX_CREDIT_WORDS
from ..rules import CAPTION

STAGE = "captions"
ABOVE = "caption above a credit"
OWN_CAPTION_WORDS = 2 * MAX_CREDIT_WORDS  # a credit line longer than this carries a caption of its own
# A credit naming its photographer ("Name/Agency", "Photo: Name", "Photos by Name") follows its caption.
_NAMED = compiled(r"[/:]|\b(?:by|von|par|de)\b", regex.I)


def apply(doc: Document, ctx: Context) -> None:
    blocks = doc.blocks
    for index, block in enumerate(blocks):
        if not (block.reason and block.reason.detail == CAPTION):
            continue
        below = blocks[index + 1] if index + 1 < len(blocks) else None
        if (below is not None and block.words <= MAX_CREDIT_WORDS and not _NAMED.search(block.text)
                and _may_caption(below, block) and not ends_sentence(below.text)):
            below.keep(Reason(STAGE, block.reason.rule, "caption under a credit"), protect=True)
        elif (index and block.words <= OWN_CAPTION_WORDS and _may_caption(blocks[index - 1], block)
              and not (below is not None and below.reason is not None and below.reason.detail == CAPTION
                       and below.words > OWN_CAPTION_WORDS)):
            # (a credit that carries a caption of its own, "… harbour. © dpa | Jane Doe", or stands
            # over its caption, "Image source, PA Media" over "Image caption, …", has none above)
            blocks[index - 1].keep(Reason(STAGE, block.reason.rule, ABOVE), protect=True)


def _may_caption(line: Block, credit: Block) -> bool:
    """Whether a line next to a credit (no blank line between) may be its caption: open, and
    short enough."""
    return abs(line.line - credit.line) == 1 and line.undecided and len(line.text) <= MAX_CAPTION_CHARS


def leave_out(doc: Document) -> None:
    """Drop the credits and the captions kept with them (the body alone, title=False)."""
    for block in doc.blocks:
        if not (block.kept and block.reason and (block.reason.detail == CAPTION or block.reason.stage == STAGE)):
            continue
        block.protected = False
        block.drop(Reason(STAGE, block.reason.rule, "caption or credit left out (title=False)"))
