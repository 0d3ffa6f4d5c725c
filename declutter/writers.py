"""Write stage: a cleaned Document as text or JSON."""

from __future__ import annotations

import json

from .document import Document

FORMATS = ("txt", "json")


def to_text(doc: Document) -> str:
    """The kept blocks in their order, one per line, ending with a newline."""
    text = doc.text
    return text + "\n" if text else ""


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
    return to_json(doc) if fmt == "json" else to_text(doc)
