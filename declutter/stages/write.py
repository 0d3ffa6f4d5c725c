"""Write stage: a cleaned Document as text, Markdown, JSON or one JSON line (the caller writes it)."""

from __future__ import annotations

import json

from ..document import Document

FORMATS = ("txt", "md", "json", "jsonl")
SUFFIXES = {"txt": ".txt", "md": ".md", "json": ".json", "jsonl": ".jsonl"}


def to_text(doc: Document) -> str:
    """The kept blocks in their order, one per line, ending with a newline."""
    text = doc.text
    return text + "\n" if text else ""


def to_markdown(doc: Document) -> str:
    """The kept lines as written (Markdown syntax, indentation), paragraphs apart as in the input."""
    out: list[str] = []
    previous = None
    for block in doc.blocks:
        if not block.kept:
            continue
        if previous is not None and (doc.kind == "html" or block.line != previous + 1):
            out.append("")
        out.append(block.raw if doc.kind == "markdown" else block.text)
        previous = block.line
    return "\n".join(out) + "\n" if out else ""


def _metadata(doc: Document) -> dict:
    return {"path": doc.path, "url": doc.url, "site": doc.site, "kind": doc.kind, "language": doc.language,
            "title": doc.title, "kept": sum(1 for b in doc.blocks if b.kept),
            "dropped": sum(1 for b in doc.blocks if not b.kept)}


def to_json_line(doc: Document) -> str:
    """One line of JSON: metadata, the text, and each dropped block with its reason (for pipelines)."""
    payload = {**_metadata(doc), "text": doc.text,
               "removed": [{"line": b.line, "text": b.text, "reason": str(b.reason) if b.reason else None}
                           for b in doc.blocks if not b.kept]}
    return json.dumps(payload, ensure_ascii=False) + "\n"


def to_json(doc: Document) -> str:
    """Text, metadata and every block with its decision and reason."""
    payload = {
        "path": doc.path, "url": doc.url, "site": doc.site, "kind": doc.kind,
        "language": doc.language, "title": doc.title, "text": doc.text,
        "kept": sum(1 for b in doc.blocks if b.kept),
        "dropped": sum(1 for b in doc.blocks if not b.kept),
        "blocks": [{"line": b.line, "text": b.text, "kept": b.kept,
                    "stage": b.reason.stage if b.reason else None,
                    "rule": b.reason.rule if b.reason else None,
                    "reason": b.reason.detail if b.reason else None} for b in doc.blocks],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def render(doc: Document, fmt: str) -> str:
    """The document in one of FORMATS."""
    writer = {"json": to_json, "jsonl": to_json_line, "md": to_markdown}.get(fmt, to_text)
    return writer(doc)
