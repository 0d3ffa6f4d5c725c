"""HTML input: the main content found by trafilatura, turned into blocks for the text stages."""

from __future__ import annotations

from .document import Document
from .errors import InputError
from .readers import lines_to_blocks


def html_to_document(html: str, *, path: str | None = None, url: str | None = None) -> Document:
    """Extract an HTML page's main text with trafilatura; each output line becomes a block."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(html, url=url, include_comments=False, include_tables=True,
                                                favor_precision=True, with_metadata=True)
    except Exception as exc:  # trafilatura raises many kinds of parser errors on broken pages
        raise InputError(f"HTML could not be parsed: {exc.__class__.__name__}") from None
    if extracted is None:
        raise InputError("no article text found in the HTML page")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = data.get("text") or ""
    title = data.get("title")
    body = f"{title}\n\n{text}" if title else text
    blocks = lines_to_blocks(body)
    if not blocks:
        raise InputError("no article text found in the HTML page")
    return Document(blocks=blocks, kind="html", path=path, url=url or data.get("url"), title=title)
