"""`declutter explain`: a clipping line by line, each marked kept or dropped with what decided it."""

from __future__ import annotations

from collections.abc import Iterator

import click

from ..document import Block


def explain_lines(blocks: tuple[Block, ...] | list[Block], *, width: int = 100) -> Iterator[str]:
    """One line per block: line number, + (kept) or - (dropped), the text, then the reason.

    Kept lines are green and dropped ones red and struck through; click removes the styling
    when the output is not a terminal.
    """
    for block in blocks:
        reason = str(block.reason) if block.reason else "undecided"
        shown = block.text or block.raw  # an image's line without alt text shows as written
        text = shown if len(shown) <= width else shown[: width - 1] + "…"
        mark = "+" if block.kept else "-"
        styled = click.style(text, fg="green") if block.kept else click.style(text, fg="red", strikethrough=True)
        yield f"{block.line:5} {mark} {styled}\n{'':7}{click.style(reason, dim=True)}"


def decisions(blocks: tuple[Block, ...] | list[Block]) -> str:
    """Every block's decision as plain text, one line each: line number, + or -, the reason, and
    the start of the text (the corpus's NAME.reasons files, diffed after an intended change)."""
    rows = []
    for block in blocks:
        reason = str(block.reason) if block.reason else "undecided"
        shown = block.text or block.raw
        text = shown if len(shown) <= 60 else shown[:59] + "…"
        rows.append(f"{block.line:4} {'+' if block.kept else '-'} {reason} | {text}\n")
    return "".join(rows)
