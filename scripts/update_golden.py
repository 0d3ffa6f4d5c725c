"""Rewrite the corpus's expected outputs and per-line decisions after an intended change.

For every case NAME.txt / .md / .html under corpus/ that has a NAME.expected, writes
NAME.expected (the cleaned text) and NAME.reasons (each line's decision and the stage and rule
that made it). Review the diff: it shows what changed, line by line, and why.

    python scripts/update_golden.py        (or: make golden)
"""

from __future__ import annotations

from pathlib import Path

import declutter
from declutter.tools.explain import decisions

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SUFFIXES = (".txt", ".md", ".html")


def cases() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in SUFFIXES and p.with_suffix(".expected").exists())


def main() -> None:
    for case in cases():
        result = declutter.extract(case.read_bytes())
        case.with_suffix(".expected").write_text(result.text + "\n", encoding="utf-8")
        case.with_suffix(".reasons").write_text(decisions(result.blocks), encoding="utf-8")
        print(f"{case.relative_to(CORPUS)}: {result.kept} kept, {result.dropped} dropped")


if __name__ == "__main__":
    main()
