"""Write stage: a cleaned Document as text, Markdown, JSON or one JSON line (the caller writes it)."""

from __future__ import annotations

import json
from collections.abc import Callable

from ..document import Block, Document
from ..options import Options

FORMATS = ("txt", "md", "json", "jsonl")
SUFFIXES = {"txt": ".txt", "md": ".md", "json": ".json", "jsonl": ".jsonl"}


def to_text(doc: Document, options: Options = Options()) -> str:
    """The kept blocks in their order, one per line, paragraphs apart as in the input (a blank
    line between them), ending with a newline; a metadata block first with options.metadata."""
    return _header(doc, options, markdown=False) + _paragraphs(doc, lambda block: block.text)


def to_markdown(doc: Document, options: Options = Options()) -> str:
    """The kept lines as written (Markdown syntax, indentation), paragraphs apart as in the input;
    a Markdown clipping's front matter first, as written (unless options.front_matter is False)."""
    return (_header(doc, options, markdown=True)
            + _paragraphs(doc, lambda block: block.raw if doc.kind != "text" else block.text))


def metadata(doc: Document) -> dict[str, object]:
    """What is known of the document besides its text (metadata.FIELDS, in order)."""
    return doc.metadata.as_dict()


def _header(doc: Document, options: Options, *, markdown: bool) -> str:
    """The front matter that starts an output: the clipping's own, as written (Markdown output),
    else with options.metadata a YAML block of what is known; else nothing."""
    if markdown and options.front_matter and doc.front_matter_text:
        return doc.front_matter_text
    if not options.metadata:
        return ""
    import yaml

    known = {k: v for k, v in metadata(doc).items() if v}
    block = yaml.safe_dump(known, allow_unicode=True, sort_keys=False, width=1000) if known else ""
    return f"---\n{block}---\n\n"


def _paragraphs(doc: Document, line_of: Callable[[Block], str]) -> str:
    out: list[str] = []
    previous: Block | None = None
    for block in doc.blocks:
        if not block.kept or not line_of(block):
            continue  # an image without alt text has no text (it is written in Markdown output)
        if previous is not None and _new_paragraph(doc, previous, block):
            out.append("")
        out.append(line_of(block))
        previous = block
    return "\n".join(out) + "\n" if out else ""


def _new_paragraph(doc: Document, previous: Block, block: Block) -> bool:
    """A clipping's paragraphs are its runs of adjacent lines (a blank or a dropped line between
    two kept ones parts them); an extracted page's are its blocks, a code block's or a table's
    lines aside."""
    if doc.kind == "html":
        return not ((previous.structure and block.structure)
                    or (previous.text.startswith("|") and block.text.startswith("|")))
    return block.line != previous.line + 1


def _metadata(doc: Document) -> dict:
    return {"path": doc.path, "kind": doc.kind, **metadata(doc), "kept": sum(1 for b in doc.blocks if b.kept),
            "dropped": sum(1 for b in doc.blocks if not b.kept), "warnings": doc.warnings}


def to_json_line(doc: Document) -> str:
    """One line of JSON: metadata, the text, and each dropped block with its reason (for pipelines)."""
    payload = {**_metadata(doc), "text": doc.text,
               "removed": [{"line": b.line, "text": b.text, "reason": str(b.reason) if b.reason else None}
                           for b in doc.blocks if not b.kept]}
    return json.dumps(payload, ensure_ascii=False) + "\n"


def to_json(doc: Document) -> str:
    """Text, metadata and every block with its decision and reason."""
    payload = {
        **_metadata(doc), "text": doc.text,
        "blocks": [{"line": b.line, "text": b.text, "kept": b.kept,
                    "stage": b.reason.stage if b.reason else None,
                    "rule": b.reason.rule if b.reason else None,
                    "reason": b.reason.detail if b.reason else None} for b in doc.blocks],
        "page_rules": [{"directive": r.directive, "rule": r.rule, "text": r.text} for r in doc.page_rules],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def render(doc: Document, fmt: str, options: Options = Options()) -> str:
    """The document in one of FORMATS."""
    if fmt == "json":
        return to_json(doc)
    if fmt == "jsonl":
        return to_json_line(doc)
    return (to_markdown if fmt == "md" else to_text)(doc, options)
