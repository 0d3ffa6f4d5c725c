"""Rewrite the corpus's expected outputs and per-line decisions after an intended change.

For every input under corpus/ (NAME.txt, .md, .html, …; a new case too), writes NAME.expected
(the cleaned text) and NAME.reasons (each line's decision and the stage and rule that made
it). Review the diff: it shows what changed, line by line, and why; a new case's files are
new, and must be read whole.

    python scripts/update_golden.py        (or: make golden)
"""

from __future__ import annotations

from pathlib import Path

import declutter
from declutter.run.outputs import is_input
from declutter.tools.explain import decisions

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def cases(corpus: Path = CORPUS) -> list[Path]:
    """Every input of the corpus: each one is a case."""
    return sorted(p for p in corpus.rglob("*") if p.is_file() and is_input(p))


def main() -> None:
    for case in cases():
        result = declutter.extract(case.read_bytes())
        case.with_suffix(".expected").write_text(result.text + "\n", encoding="utf-8")
        case.with_suffix(".reasons").write_text(decisions(result.blocks), encoding="utf-8")
        print(f"{case.relative_to(CORPUS)}: {result.kept} kept, {result.dropped} dropped")


if __name__ == "__main__":
    main()
