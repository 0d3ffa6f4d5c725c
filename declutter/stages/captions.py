"""Captions stage: the caption line directly above each credit is kept with it.

Credits ("Photo: Reuters") are found by the rule files' `text_caption` patterns, and protected
by the site-rules and generic-rules stages as they apply them. This stage runs once every rule
has had its say (a skip link or menu item above a photo credit is dropped by its rule, not kept
as a caption), and before the template stage, so that a credit a site prints on every page
(and its caption) is not taken for the site's chrome.

With the body alone asked for (title=False), `leave_out` drops them once the page is settled,
as an HTML page's figure captions are left out: the line model still sees them where they stand.
"""

from __future__ import annotations

from ..context import Context
from ..document import Document, Reason
from ..options import MAX_CAPTION_CHARS
from ..rules import CAPTION

STAGE = "captions"


def apply(doc: Document, ctx: Context) -> None:
    blocks = doc.blocks
    for index, block in enumerate(blocks):
        if index and block.reason and block.reason.detail == CAPTION:
            previous = blocks[index - 1]
            if previous.line == block.line - 1 and previous.undecided and len(previous.text) <= MAX_CAPTION_CHARS:
                previous.keep(Reason(STAGE, block.reason.rule, "caption above a credit"), protect=True)


def leave_out(doc: Document) -> None:
    """Drop the credits and the captions kept with them (the body alone, title=False)."""
    for block in doc.blocks:
        if block.kept and block.reason and (block.reason.detail == CAPTION or block.reason.stage == STAGE):
            block.protected = False
            block.drop(Reason(STAGE, block.reason.rule, "caption or credit left out (title=False)"))
