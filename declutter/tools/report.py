"""`declutter report`: one static HTML page to review a run, usable offline."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..document import Document

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1400px;padding:1em 2em;color:#222}
h1{font-size:1.4em} h2{font-size:1.1em;margin:2em 0 .3em;border-top:1px solid #ccc;padding-top:1em}
.meta{color:#666;font-size:.9em} .totals{background:#f4f4f4;padding:.6em 1em;border-radius:6px}
.columns{display:grid;grid-template-columns:1fr 1fr;gap:1.5em}
.line{white-space:pre-wrap;padding:1px 4px;border-left:3px solid transparent}
.line .n{color:#999;display:inline-block;width:3.5em;text-align:right;margin-right:.6em;user-select:none}
.kept{border-left-color:#2a7}
.dropped{color:#b00;border-left-color:#b00;background:#fff5f5}
.dropped del{text-decoration-thickness:2px}
pre.cleaned{white-space:pre-wrap;background:#f7fff9;border:1px solid #cde8d5;padding:.6em;margin:0}
.failed{color:#b00}
"""


@dataclass(frozen=True)
class Entry:
    """One input of the report: its name and either its cleaned document or why it failed."""

    name: str
    doc: Document | None = None
    error: str | None = None


def render_report(entries: list[Entry], title: str = "declutter report") -> str:
    """The whole page: totals, then per file the original (dropped lines struck, reasons on
    hover) beside the cleaned text."""
    docs = [e.doc for e in entries if e.doc is not None]
    kept = sum(1 for d in docs for b in d.blocks if b.kept)
    total = sum(len(d.blocks) for d in docs)
    failed = sum(1 for e in entries if e.error)
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title>",
             f"<style>{STYLE}</style></head><body><h1>{escape(title)}</h1>",
             f"<p class='totals'>{len(entries)} files, {failed} failed; lines kept {kept}, "
             f"dropped {total - kept}. Hover over a struck line to see why it was dropped.</p>"]
    for entry in entries:
        parts.append(f"<h2>{escape(entry.name)}</h2>")
        if entry.doc is None:
            parts.append(f"<p class='failed'>failed: {escape(entry.error or '')}</p>")
            continue
        doc = entry.doc
        parts.append(f"<p class='meta'>site {escape(doc.site or 'unknown')}, language "
                     f"{escape(doc.language or 'unknown')}, {sum(1 for b in doc.blocks if b.kept)} of "
                     f"{len(doc.blocks)} lines kept</p><div class='columns'><div>")
        for block in doc.blocks:
            reason = escape(str(block.reason) if block.reason else "undecided", quote=True)
            text = escape(block.text)
            if block.kept:
                parts.append(f"<div class='line kept' title='{reason}'><span class='n'>{block.line}</span>{text}</div>")
            else:
                parts.append(f"<div class='line dropped' title='{reason}'><span class='n'>{block.line}</span>"
                             f"<del>{text}</del></div>")
        parts.append(f"</div><div><pre class='cleaned'>{escape(doc.text)}</pre></div></div>")
    parts.append("</body></html>\n")
    return "".join(parts)
