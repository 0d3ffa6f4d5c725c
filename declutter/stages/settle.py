"""Settle stage: the kept lines are cleaned again, as a user cleaning the output would, until
nothing changes, so that cleaning is idempotent.

The kept lines, cleaned on their own (no URL, plain text, no folder), can lose a menu line that
the page's context hid; each pass only removes lines, so this ends. Protected lines stay; a
line dropped in a later pass says which stage dropped it on the cleaned text.
"""

from __future__ import annotations

from collections.abc import Callable

from ..document import Document, Reason
from ..options import MAX_SETTLE_PASSES

STAGE = "settle"


def apply(doc: Document, reclean: Callable[[str], Document]) -> None:
    """reclean: the pipeline's own cleaning of a plain text (every stage up to the fallback)."""
    for _ in range(MAX_SETTLE_PASSES):
        kept = [b for b in doc.blocks if b.kept]
        if not kept:
            return
        redo = reclean("\n".join(b.text for b in kept))
        changed = False
        for block, second in zip(kept, redo.blocks):
            if not second.kept and not block.protected:
                block.decision, block.reason, changed = second.decision, _again(second.reason), True
        if not changed:
            return


def _again(reason: Reason | None) -> Reason:
    """A later pass's reason, said to be the settle stage's."""
    if reason is None:
        return Reason(STAGE, "", "dropped when the cleaned text was cleaned again")
    detail = f": {reason.detail}" if reason.detail else ""
    return Reason(STAGE, reason.rule, f"{reason.stage} on the cleaned text{detail}")
