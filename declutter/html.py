"""HTML input: the main content found by trafilatura, turned into blocks for the text stages.

When trafilatura finds nothing (no body, broken or absurdly deep markup), the page is rendered
to text lines with lxml instead and the text stages and fallback decide, as for a clipping.
"""

from __future__ import annotations

from html import unescape

import regex

from .document import Document
from .errors import InputError
from .readers import lines_to_blocks

EXTRACTOR = "extractor"
_INVISIBLE = regex.compile(r"<!--.*?-->|<(script|style|noscript|template|svg|head)\b.*?</\1\s*>", regex.S | regex.I)
_BLOCK_TAG = regex.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|nav|"
                           r"aside|blockquote|pre|figure|figcaption|dd|dt|form|main|title|hr)\b[^>]*>", regex.I)
_ANY_TAG = regex.compile(r"<[^>]*>")


def html_to_document(html: str, *, path: str | None = None, url: str | None = None) -> Document:
    """Extract an HTML page's main text with trafilatura; each output line becomes a block."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(html, url=url, include_comments=False, include_tables=True,
                                                favor_precision=True, with_metadata=True)
    except Exception:  # trafilatura raises many kinds of parser errors on broken pages
        extracted = None
    data = {} if extracted is None else extracted if isinstance(extracted, dict) else extracted.as_dict()
    text, title = data.get("text") or "", data.get("title")
    blocks = lines_to_blocks(f"{title}\n\n{text}" if title else text)
    if text.strip():
        return Document(blocks=blocks, kind="html", path=path, url=url or data.get("url"), title=title,
                        meta={EXTRACTOR: "trafilatura"})
    blocks = lines_to_blocks(render_text(html))
    if not blocks:
        raise InputError("no text found in the HTML page")
    return Document(blocks=blocks, kind="html", path=path, url=url, title=title, meta={EXTRACTOR: "lxml-text"})


def render_text(html: str) -> str:
    """The page's visible text, a line per block element.

    Tags are stripped with regular expressions rather than parsed: linear in size, and
    indifferent to markup nested deeper than any parser allows.
    """
    text = _INVISIBLE.sub(" ", html)
    text = _BLOCK_TAG.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    return unescape(text)
