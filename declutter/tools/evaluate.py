"""Scoring against gold text: token and 4-gram-shingle precision, recall and F1.

Tokens are lower-cased words; overlap is counted on multisets, as in the usual
article-extraction benchmarks.
"""

from __future__ import annotations

import subprocess
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ..options import Options

Peer = Callable[[str, bool], str]

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
        self.process: subprocess.Popen[str] | None = None

    def __call__(self, text: str, is_html: bool) -> str:
        import json

        from ..stages.extract import render_text

        if self.process is None:
            script = Path(__file__).resolve().parents[2] / "scripts" / "readability.cjs"
            self.process = subprocess.Popen(["node", str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            text=True, encoding="utf-8")
        assert self.process.stdin is not None and self.process.stdout is not None
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


# What each peer needs beyond declutter's own dependencies: a module, or node with its packages.
_NEEDS = {"boilerpy3-article": "boilerpy3", "boilerpy3-largest": "boilerpy3", "resiliparse": "resiliparse"}


def missing_peers(names: list[str]) -> list[str]:
    """For each named peer that cannot run here, what to install."""
    from importlib.util import find_spec
    from shutil import which

    missing = [f"{name} (pip install 'declutter[eval]')" for name in names
               if name in _NEEDS and find_spec(_NEEDS[name]) is None]
    if "readability-js" in names and which("node") is None:
        missing.append("readability-js (node, with @mozilla/readability and jsdom)")
    return missing


# --- Scoring a folder: declutter and peers on the same files ----------------------------------

@dataclass
class SystemScores:
    """Per-file scores of one system: (index, token P, token R, token F1, shingle F1), and time."""

    rows: list[tuple[int, float, float, float, float]] = field(default_factory=list)
    seconds: float = 0.0


def gold_pairs(inputs: Path, gold: Path | None) -> list[tuple[Path, Path]]:
    """(input, gold) pairs: same-named .txt files in GOLD, or NAME.expected beside each input."""
    if gold is None:
        return sorted((p, p.with_suffix(".expected")) for p in inputs.rglob("*")
                      if p.suffix in (".txt", ".md", ".html", ".htm") and p.with_suffix(".expected").exists())
    return sorted((p, gold / (p.stem + ".txt")) for p in inputs.iterdir()
                  if p.is_file() and (gold / (p.stem + ".txt")).exists())


def score_systems(pairs: list[tuple[Path, Path]], peers: list[str], options: Options, *, url: str | None = None,
                  on_file: Callable[[str], None] | None = None) -> dict[str, SystemScores]:
    """Run declutter (as the CLI would, template lines included unless the options leave them
    out) and each peer on every input."""
    from ..pipeline import clean_input, warm_up
    from ..rules import rule_book
    from ..stages.read import decode
    from ..stages.template import template_lines

    templates: dict[Path, frozenset[int]] = {}
    if options.template:
        for folder in sorted({p.parent for p, _ in pairs}):
            templates.update(template_lines([p for p, _ in pairs if p.parent == folder]))
    systems: dict[str, Peer | None] = {"declutter": None, **{name: PEERS[name] for name in peers}}
    scores = {name: SystemScores() for name in systems}
    warm_up(rule_book(options.rules))  # one-time loading is no document's time, as in the CLI
    if pairs:  # the peers' one-time loading: a first, untimed call
        first = pairs[0][0]
        for name in peers:
            try:
                PEERS[name](decode(first.read_bytes()), first.suffix.lower() in (".html", ".htm"))
            except Exception:  # the timed run reports what goes wrong
                pass
    for index, (path, gold_path) in enumerate(pairs):
        data = path.read_bytes()
        reference = gold_path.read_text(encoding="utf-8")
        is_html = path.suffix.lower() in (".html", ".htm")
        for name, peer in systems.items():
            start = time.perf_counter()
            if peer is None:
                cleaned = clean_input(data, url=url, path=str(path), options=options,
                                      template_lines=templates.get(path, frozenset()))
                predicted = "" if cleaned.doc is None else cleaned.doc.text
            else:
                try:
                    predicted = peer(decode(data), is_html)
                except Exception:  # a peer's failure on one page scores as an empty answer
                    predicted = ""
            scores[name].seconds += time.perf_counter() - start
            tok, shi = token_score(predicted, reference), shingle_score(predicted, reference)
            scores[name].rows.append((index, tok.precision, tok.recall, tok.f1, shi.f1))
            if on_file:
                on_file(f"{name:18} {tok.f1:.3f} {shi.f1:.3f} {path.name}")
    return scores


def summary_lines(scores: dict[str, SystemScores], files: int, holdout_every: int = 0) -> list[str]:
    """The table: mean P/R/F1 per system, for all files and, with holdout_every, dev and held-out."""
    def mean(rows, k):
        return sum(r[k] for r in rows) / len(rows) if rows else float("nan")

    parts = [("all", lambda i: True)]
    if holdout_every:
        parts += [("dev", lambda i: i % holdout_every != holdout_every - 1),
                  ("held-out", lambda i: i % holdout_every == holdout_every - 1)]
    header = ("system", "part", "files", "tok P", "tok R", "tok F1", "4g F1", "docs/s")
    lines = ["{:18} {:9} {:>5} {:>6} {:>6} {:>6} {:>6} {:>7}".format(*header)]
    for name, result in scores.items():
        rate = files / result.seconds if result.seconds else float("inf")
        for part, keep in parts:
            rows = [r for r in result.rows if keep(r[0])]
            lines.append(f"{name:18} {part:9} {len(rows):5d} {mean(rows, 1):6.3f} {mean(rows, 2):6.3f} "
                         f"{mean(rows, 3):6.3f} {mean(rows, 4):6.3f} {rate:7.1f}")
    return lines
