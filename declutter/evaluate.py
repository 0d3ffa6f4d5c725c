"""Scoring against gold text: token and 4-gram-shingle precision, recall and F1.

Tokens are lower-cased words; overlap is counted on multisets, as in the usual
article-extraction benchmarks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

TOKEN = regex.compile(r"\w+")
SHINGLE = 4


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def _prf(predicted: Counter, gold: Counter) -> Score:
    overlap = sum((predicted & gold).values())
    p_total, g_total = sum(predicted.values()), sum(gold.values())
    if p_total == 0 and g_total == 0:
        return Score(1.0, 1.0, 1.0)
    precision = overlap / p_total if p_total else 0.0
    recall = overlap / g_total if g_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def token_score(predicted: str, gold: str) -> Score:
    return _prf(Counter(tokens(predicted)), Counter(tokens(gold)))


def shingle_score(predicted: str, gold: str, n: int = SHINGLE) -> Score:
    def shingles(text: str) -> Counter:
        words = tokens(text)
        return Counter(tuple(words[i:i + n]) for i in range(max(len(words) - n + 1, 1 if words else 0)))

    return _prf(shingles(predicted), shingles(gold))


# --- Peers, run on the same inputs (the `bench` extra installs them) -------------------------

def _as_html(text: str) -> str:
    """A text clipping as HTML, one <p> per line (how text is fed to HTML extractors)."""
    from html import escape

    lines = "".join(f"<p>{escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return f"<html><body>{lines}</body></html>"


def _trafilatura(text: str, is_html: bool) -> str:
    import trafilatura

    html = text if is_html else _as_html(text)
    return trafilatura.extract(html, include_comments=False, favor_precision=is_html) or ""


def _justext(text: str, is_html: bool) -> str:
    import justext

    html = text if is_html else _as_html(text)
    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"), encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _boilerpy3(extractor: str):
    def run(text: str, is_html: bool) -> str:
        from boilerpy3 import extractors

        html = text if is_html else _as_html(text)
        try:
            return getattr(extractors, extractor)(raise_on_failure=False).get_content(html)
        except Exception:
            return ""
    return run


def _readability(text: str, is_html: bool) -> str:
    from lxml import html as lxml_html
    from readability import Document as ReadabilityDocument

    html = text if is_html else _as_html(text)
    try:
        summary = ReadabilityDocument(html).summary(html_partial=True)
    except Exception:
        return ""
    return lxml_html.fromstring(summary).text_content() if summary.strip() else ""


def _trafilatura_balanced(text: str, is_html: bool) -> str:
    import trafilatura

    return trafilatura.extract(text if is_html else _as_html(text), include_comments=False) or ""


def _resiliparse(text: str, is_html: bool) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return extract_plain_text(HTMLTree.parse(text if is_html else _as_html(text)), main_content=True)


class _ReadabilityJs:
    """Mozilla's Readability.js through node (scripts/readability.cjs; needs @mozilla/readability
    and jsdom where node finds them, e.g. NODE_PATH), one long-lived process for all pages."""

    def __init__(self) -> None:
        self.process = None

    def __call__(self, text: str, is_html: bool) -> str:
        import json
        import subprocess
        from pathlib import Path

        from .html import render_text

        if self.process is None:
            script = Path(__file__).resolve().parent.parent / "scripts" / "readability.cjs"
            self.process = subprocess.Popen(["node", str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            text=True, encoding="utf-8")
        self.process.stdin.write(json.dumps({"html": text if is_html else _as_html(text)}) + "\n")
        self.process.stdin.flush()
        article = json.loads(self.process.stdout.readline() or '{"text": ""}')["text"]
        return render_text(article)


PEERS = {
    "trafilatura": _trafilatura,
    "trafilatura-balanced": _trafilatura_balanced,
    "readability-js": _ReadabilityJs(),
    "resiliparse": _resiliparse,
    "justext": _justext,
    "boilerpy3-article": _boilerpy3("ArticleExtractor"),
    "boilerpy3-largest": _boilerpy3("LargestContentExtractor"),
    "readability": _readability,
}
