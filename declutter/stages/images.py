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
# One or more images, nothing else; an image without alt text may be a link's text (a thumbnail
# linking to the large picture: no text either, so no block the classifier judged).
_IMAGE_LINE = re.compile(r"^\s*(?:(?:!\[[^\]]*\]\([^)]*\)|\[!\[\]\([^)]*\)\]\([^)]*\))\s*)+$")


def apply(doc: Document, ctx: Context) -> None:
    if doc.kind != "markdown" or not doc.blocks:
        return
    if doc.pictures:
        doc.blocks = sorted([*doc.blocks, *doc.pictures], key=lambda b: b.line)
        doc.pictures = []
    # The images at the very end go with the last line of text.
    below = next((b for b in reversed(doc.blocks) if not _IMAGE_LINE.match(b.raw)), None)
    for block in reversed(doc.blocks):
        if not _IMAGE_LINE.match(block.raw):
            below = block
        elif below is not None and _judged_by_text(block):
            block.decision = below.decision
            block.reason = Reason(STAGE, "", "an image goes with the line below it "
                                             f"({'kept' if below.kept else 'dropped'})")


def _judged_by_text(image: Block) -> bool:
    """Whether an image line's decision is one the classifier made of its alt text (or none yet),
    not a rule's."""
    return not image.protected and (image.reason is None or image.reason.stage in (fallback.STAGE, settle.STAGE))
