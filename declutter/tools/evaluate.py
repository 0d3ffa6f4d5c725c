"""Scoring against gold text: token and 4-gram-shingle precision, recall and F1.

Tokens are lower-cased words; overlap is counted on multisets, as in the usual
article-extraction benchmarks.
"""

from __future__ import annotations

import codecs
import csv
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..compiled import compiled
from ..document import Block
from ..options import Options
from ..run.outputs import is_input
from ..stages.read import decode, kind_from_path
from .peers import PEERS, Peer

TOKEN = compiled(r"\w+")
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


# --- Scoring a folder: declutter and peers on the same files ----------------------------------

LOST_RECALL = 0.5  # a page whose token recall is under this has lost its article


@dataclass(frozen=True)
class Lost:
    """A page whose article declutter lost, and the stage (and rule) that removed most of it."""

    index: int
    name: str
    recall: float
    removed_by: str
    gold_tokens_removed: int


@dataclass
class SystemScores:
    """Per-file scores of one system: (index, token P, token R, token F1, shingle F1), and time;
    for declutter, the pages whose article it lost."""

    rows: list[tuple[int, float, float, float, float]] = field(default_factory=list)
    seconds: float = 0.0
    lost: list[Lost] = field(default_factory=list)


def gold_pairs(inputs: Path, gold: Path | None) -> list[tuple[Path, Path]]:
    """(input, gold) pairs: same-named .txt files in GOLD, or NAME.expected beside each input."""
    if gold is None:
        return sorted((p, p.with_suffix(".expected")) for p in inputs.rglob("*")
                      if is_input(p) and p.with_suffix(".expected").exists())
    return sorted((p, gold / (p.stem + ".txt")) for p in inputs.iterdir()
                  if p.is_file() and (gold / (p.stem + ".txt")).exists())


_MANGLED_UTF16_BOM = "\ufeff".encode("utf-16-le").decode("latin-1").encode("utf-8")  # "ÿþ" as UTF-8


def read_gold(path: Path) -> str:
    """A gold text: UTF-8, or UTF-16 (some datasets' gold files are, a few with their byte order
    mark turned into UTF-8 "ÿþ" by an earlier conversion)."""
    data = path.read_bytes()
    if data.startswith(_MANGLED_UTF16_BOM) and b"\x00" in data[:64]:
        data = codecs.BOM_UTF16_LE + data[len(_MANGLED_UTF16_BOM):]
    return decode(data)


def _manifest(inputs: Path) -> dict[str, str]:
    """id → dataset, from a manifest.tsv (id, dataset columns) in or beside the inputs folder."""
    for manifest in (inputs / "manifest.tsv", inputs.parent / "manifest.tsv"):
        if manifest.is_file():
            with open(manifest, encoding="utf-8", newline="") as handle:
                return {row["id"]: row["dataset"] for row in csv.DictReader(handle, delimiter="\t")
                        if row.get("id") and row.get("dataset")}
    return {}


def datasets(stems: list[str], inputs: Path, ids: dict[str, str] | None = None) -> list[str]:
    """The dataset of each input (by file stem): the manifest's (ids, if read), else the inputs
    folder's name."""
    ids = _manifest(inputs) if ids is None else ids
    return [ids.get(stem, inputs.name) for stem in stems]


def ranks_of(stems: list[str], inputs: Path) -> list[int]:
    """Each input's 1-based position among the pages of its dataset: in the sorted order of the
    manifest's ids, so that a page keeps it however it is rendered (text, Markdown, HTML) and
    whichever of its renderings are present; without a manifest, among the inputs themselves."""
    ids = _manifest(inputs)
    rank: dict[str, int] = {}
    seen: Counter[str] = Counter()
    for stem in sorted(ids):
        seen[ids[stem]] += 1
        rank[stem] = seen[ids[stem]]
    counted: Counter[str] = Counter()
    ranks = []
    for stem, name in zip(stems, datasets(stems, inputs, ids)):
        counted[name] += 1
        ranks.append(rank.get(stem, counted[name]))
    return ranks


def parts_of(stems: list[str], inputs: Path, holdout_every: int) -> list[str]:
    """Each input's part: "held-out" for every Nth page of its dataset (by ranks_of), else "dev"."""
    if not holdout_every:
        return ["dev"] * len(stems)
    return ["held-out" if rank % holdout_every == 0 else "dev" for rank in ranks_of(stems, inputs)]


def removed_by_stage(blocks: list[Block], gold: str) -> Counter[str]:
    """How many of the gold text's tokens each stage (with its rule) removed: the dropped lines'
    tokens that the gold has and the kept text lacks, counted once, in page order."""
    missing = Counter(tokens(gold)) - Counter(tokens("\n".join(b.text for b in blocks if b.kept)))
    removed: Counter[str] = Counter()
    for block in blocks:
        if block.kept or not missing:
            continue
        found = Counter(tokens(block.text)) & missing
        if found:
            reason = block.reason
            key = "undecided" if reason is None else f"{reason.stage} ({reason.rule})" if reason.rule else reason.stage
            removed[key] += sum(found.values())
            missing -= found
    return removed


def score_systems(pairs: list[tuple[Path, Path]], peers: list[str], options: Options, *, url: str | None = None,
                  on_file: Callable[[str], None] | None = None) -> dict[str, SystemScores]:
    """Run declutter (as the CLI would, template lines included unless the options leave them
    out) and each peer on every input."""
    from ..pipeline import clean_input, warm_up
    from ..rules import rule_book
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
                PEERS[name](decode(first.read_bytes()), kind_from_path(str(first)) == "html")
            except Exception:  # the timed run reports what goes wrong
                pass
    for index, (path, gold_path) in enumerate(pairs):
        data = path.read_bytes()
        reference = read_gold(gold_path)
        is_html = kind_from_path(str(path)) == "html"
        for name, peer in systems.items():
            start = time.perf_counter()
            doc = None
            if peer is None:
                cleaned = clean_input(data, url=url, path=str(path), options=options,
                                      template_lines=templates.get(path, frozenset()))
                doc = cleaned.doc
                predicted = "" if doc is None else doc.text
            else:
                try:
                    predicted = peer(decode(data), is_html)
                except Exception:  # a peer's failure on one page scores as an empty answer
                    predicted = ""
            scores[name].seconds += time.perf_counter() - start
            tok, shi = token_score(predicted, reference), shingle_score(predicted, reference)
            scores[name].rows.append((index, tok.precision, tok.recall, tok.f1, shi.f1))
            if peer is None and tok.recall < LOST_RECALL:
                removed = removed_by_stage(doc.blocks, reference) if doc is not None else Counter()
                stage, count = removed.most_common(1)[0] if removed else (
                    f"nothing: not cleaned ({cleaned.error})" if doc is None else "nothing", 0)
                scores[name].lost.append(Lost(index, path.name, tok.recall, stage, count))
            if on_file:
                on_file(f"{name:18} {tok.f1:.3f} {shi.f1:.3f} {path.name}")
    return scores


def summary_lines(scores: dict[str, SystemScores], names: list[str], parts: list[str] | None = None) -> list[str]:
    """The tables, per dataset (names: each input's) and their mean when there are several: mean
    P/R/F1 and the articles lost (token recall < 0.5) per system, for all files and, given each
    input's part, dev and held-out apart; then the pages declutter lost, each with the stage that
    removed most of it."""
    kinds = ["all"] + (["dev", "held-out"] if parts else [])
    parts = parts or ["dev"] * len(names)
    groups = sorted(set(names))
    header = ("dataset", "system", "part", "files", "tok P", "tok R", "tok F1", "4g F1", "lost", "docs/s")
    row = "{:10} {:18} {:9} {:>5} {:>6} {:>6} {:>6} {:>6} {:>5} {:>7}"
    lines = [row.format(*header)]
    for name, result in scores.items():
        rate = len(names) / result.seconds if result.seconds else float("inf")
        for kind in kinds:
            means = []
            for group in groups:
                rows = [r for r in result.rows if names[r[0]] == group and kind in ("all", parts[r[0]])]
                if not rows:
                    continue
                mean = [sum(r[k] for r in rows) / len(rows) for k in range(1, 5)]
                means.append(mean)
                lines.append(row.format(group[:10], name, kind, len(rows), *(f"{m:.3f}" for m in mean),
                                        sum(1 for r in rows if r[2] < LOST_RECALL), f"{rate:.1f}"))
            if len(means) > 1:
                overall = [sum(m[k] for m in means) / len(means) for k in range(4)]
                lines.append(row.format("mean", name, kind, "", *(f"{m:.3f}" for m in overall), "", ""))
    pages = scores["declutter"].lost if "declutter" in scores else []
    if pages:
        lines.append(f"\narticles lost by declutter (token recall < {LOST_RECALL}): {len(pages)}")
        for page in pages:
            lines.append(f"  {names[page.index][:10]:10} {parts[page.index]:8} {page.name}  recall {page.recall:.2f}"
                         f"  removed mostly by {page.removed_by} ({page.gold_tokens_removed} gold tokens)")
    return lines
