"""Comment-thread stage: a run of "name line, then an indented reply" pairs after the article."""

from __future__ import annotations

import regex

from .document import Document, Reason

MIN_PAIRS = 2
MAX_NAME_CHARS = 40
_BULLET = regex.compile(r"^(\s*)(?:[•·▪◦‣∙*+\-–]|\d{1,3}[.)])\s*(\S.*)$")
_TERMINAL = regex.compile(r"[.!?:;,]$")


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip())


def _is_author_line(raw: str) -> bool:
    """A bullet followed by a short name-like text: `  • Jane Doe`."""
    match = _BULLET.match(raw)
    if not match:
        return False
    name = match.group(2).strip()
    return len(name) <= MAX_NAME_CHARS and len(name.split()) <= 5 and not _TERMINAL.search(name)


def find_thread_start(doc: Document) -> int | None:
    """Index of the first block of a comment thread, or None."""
    blocks = doc.blocks
    pairs = []
    for i in range(len(blocks) - 1):
        author, reply = blocks[i], blocks[i + 1]
        if _is_author_line(author.raw) and _indent(reply.raw) > _indent(author.raw) \
                and len(reply.text.split()) >= 3 and not _is_author_line(reply.raw):
            pairs.append(i)
    if len(pairs) < MIN_PAIRS:
        return None
    first = pairs[0]
    prose_before = sum(1 for b in blocks[:first] if len(b.text.split()) >= 15)
    return first if prose_before >= 2 else None


def drop_comment_thread(doc: Document) -> None:
    """Drop everything from the start of a comment thread to the end (protected lines stay)."""
    start = find_thread_start(doc)
    if start is None:
        return
    reason = Reason("comments", "", "comment thread (author line, indented reply)")
    for block in doc.blocks[start:]:
        if block.undecided:
            block.drop(reason)
