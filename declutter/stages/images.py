"""Images stage (Markdown clippings): an image goes with the line below it, its figure's caption
or the paragraph it illustrates, whatever the classifier made of its alt text (a rule's decision
on it stands: "![Advertisement](…)"); an image without alt text (read apart: no text to judge)
is put back among the blocks the same way."""

from __future__ import annotations

import re

from ..context import Context
from ..document import Block, Document, Reason
from . import fallback, settle

STAGE = "images"
_IMAGE_LINE = re.compile(r"^\s*(?:!\[[^\]]*\]\([^)]*\)\s*)+$")  # one or more images, nothing else


def apply(doc: Document, ctx: Context) -> None:
    if doc.kind != "markdown" or not doc.blocks:
        return
    if doc.pictures:
        doc.blocks = sorted([*doc.blocks, *doc.pictures], key=lambda b: b.line)
        doc.pictures = []
    last = next((b for b in reversed(doc.blocks) if not _IMAGE_LINE.match(b.raw)), None)
    below: Block | None = None
    for block in reversed(doc.blocks):
        if not _IMAGE_LINE.match(block.raw):
            below = block
        elif _judged_by_text(block) and (below or last) is not None:
            _like(block, below or last)


def _judged_by_text(image: Block) -> bool:
    """Whether an image line's decision is one the classifier made of its alt text (or none yet),
    not a rule's."""
    return not image.protected and (image.reason is None or image.reason.stage in (fallback.STAGE, settle.STAGE))


def _like(image: Block, neighbour: Block | None) -> None:
    assert neighbour is not None
    image.decision = neighbour.decision
    image.reason = Reason(STAGE, "", f"an image goes with the line below it ({'kept' if neighbour.kept else 'dropped'}"
                                     ")")
