"""The peers `eval` runs beside declutter on the same inputs (the `eval` extra installs those
declutter does not depend on): each takes a page's text and whether it is HTML, and returns
the text it keeps."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

Peer = Callable[[str, bool], str]


def as_html(text: str) -> str:
    """A text clipping as HTML, one <p> per line (how text is fed to HTML extractors)."""
    from html import escape

    lines = "".join(f"<p>{escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return f"<html><body>{lines}</body></html>"


def _trafilatura(text: str, is_html: bool) -> str:
    import trafilatura

    html = text if is_html else as_html(text)
    return trafilatura.extract(html, include_comments=False, favor_precision=is_html) or ""


def _justext(text: str, is_html: bool) -> str:
    import justext

    html = text if is_html else as_html(text)
    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"), encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _boilerpy3(extractor: str) -> Peer:
    def run(text: str, is_html: bool) -> str:
        from boilerpy3 import extractors

        html = text if is_html else as_html(text)
        try:
            return getattr(extractors, extractor)(raise_on_failure=False).get_content(html)
        except Exception:
            return ""
    return run


def _readability(text: str, is_html: bool) -> str:
    from lxml import html as lxml_html
    from readability import Document as ReadabilityDocument

    html = text if is_html else as_html(text)
    try:
        summary = ReadabilityDocument(html).summary(html_partial=True)
    except Exception:
        return ""
    return lxml_html.fromstring(summary).text_content() if summary.strip() else ""


def _trafilatura_balanced(text: str, is_html: bool) -> str:
    import trafilatura

    return trafilatura.extract(text if is_html else as_html(text), include_comments=False) or ""


def _resiliparse(text: str, is_html: bool) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return extract_plain_text(HTMLTree.parse(text if is_html else as_html(text)), main_content=True)


READABILITY_JS = Path(__file__).resolve().parents[2] / "scripts" / "readability.cjs"


def _readability_js_problem() -> str | None:
    """Why Readability.js cannot run here (node, the script, its packages), or None."""
    from shutil import which

    if which("node") is None:
        return "node is not installed"
    if not READABILITY_JS.is_file():
        return f"{READABILITY_JS} is missing (it ships with a checkout of declutter, not the installed package)"
    try:
        run = subprocess.run(["node", str(READABILITY_JS)], stdin=subprocess.DEVNULL, capture_output=True,
                             text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"node could not run {READABILITY_JS.name}: {exc}"
    if run.returncode != 0:
        missing = [m for m in ("jsdom", "@mozilla/readability") if f"Cannot find module '{m}'" in run.stderr]
        return (f"node cannot find {' and '.join(missing)}" if missing
                else f"{READABILITY_JS.name} failed: {(run.stderr.strip().splitlines() or ['?'])[0]}")
    return None


class _ReadabilityJs:
    """Mozilla's Readability.js through node (scripts/readability.cjs; needs @mozilla/readability
    and jsdom where node finds them, e.g. NODE_PATH), one long-lived process for all pages."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None

    def __call__(self, text: str, is_html: bool) -> str:
        import json

        from ..stages.extract import render_text

        if self.process is None:
            self.process = subprocess.Popen(["node", str(READABILITY_JS)], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE,
                                            text=True, encoding="utf-8")
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"html": text if is_html else as_html(text)}) + "\n")
        self.process.stdin.flush()
        article = json.loads(self.process.stdout.readline() or '{"text": ""}')["text"]
        return render_text(article)


PEERS: dict[str, Peer] = {
    "trafilatura": _trafilatura,
    "trafilatura-balanced": _trafilatura_balanced,
    "readability-js": _ReadabilityJs(),
    "resiliparse": _resiliparse,
    "justext": _justext,
    "boilerpy3-article": _boilerpy3("ArticleExtractor"),
    "boilerpy3-largest": _boilerpy3("LargestContentExtractor"),
    "readability": _readability,
}


# What each peer needs beyond declutter's own dependencies: a module, or node with its packages.
_NEEDS = {"boilerpy3-article": "boilerpy3", "boilerpy3-largest": "boilerpy3", "resiliparse": "resiliparse"}


def missing_peers(names: list[str]) -> list[str]:
    """For each named peer that cannot run here, what to install."""
    from importlib.util import find_spec

    missing = [f"{name} (pip install 'declutter[eval]')" for name in names
               if name in _NEEDS and find_spec(_NEEDS[name]) is None]
    problem = _readability_js_problem() if "readability-js" in names else None
    if problem:
        missing.append(f"readability-js ({problem}; it needs node with @mozilla/readability and jsdom, e.g. "
                       "`npm install @mozilla/readability jsdom` in scripts/, or NODE_PATH)")
    return missing
