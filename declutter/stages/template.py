"""Template stage: lines that repeat across several clippings of one folder are the site's chrome.

Works in any language and catches prose-like appeals that a per-page classifier keeps. A
pre-pass reads each file of a folder once and keeps only a hash per line; a line is template
when it occurs in at least TEMPLATE_MIN_FILES distinct clippings (exact duplicate files count once). Each
file then carries the numbers of its template lines to wherever it is cleaned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import compress, count
from pathlib import Path

from ..context import Context
from ..document import Document, Reason
from ..kernels import line_hashes
from ..options import MAX_INPUT_BYTES, TEMPLATE_MAX_PROSE_SHARE, TEMPLATE_MIN_FILES, TEMPLATE_PROSE_WORDS
from .read import decode, kind_from_path

STAGE = "template"
BLANK = line_hashes(" ")[0]  # the hash of a blank line


def _line_hashes(data: bytes) -> list[int]:
    """A hash per line (BLANK for blank ones) of a decodable file; empty for what cannot be decoded."""
    try:
        text = decode(data)
    except Exception:  # a bad file is reported by the cleaning pass, not here
        return []
    return line_hashes(text.casefold())


def template_lines(paths: Iterable[Path]) -> dict[Path, frozenset[int]]:
    """For each file, the numbers (1-based) of its lines that repeat in at least TEMPLATE_MIN_FILES files.

    HTML files take no part: their blocks come from extraction, not from their lines.
    """
    folder = FolderPass()
    for path in paths:
        folder.add(path)
    return folder.lines()


class FolderPass:
    """The template pre-pass over one folder, a file at a time (so that a run can read the next
    folder's files between the jobs of this one): see template_lines."""

    def __init__(self) -> None:
        self.per_file: dict[Path, list[int]] = {}
        self.counts: Counter[int] = Counter()
        self.seen: set[frozenset[int]] = set()

    def add(self, path: Path) -> None:
        """Read one file of the folder (an unreadable one, or HTML, has no template lines)."""
        hashes: list[int] = []
        if kind_from_path(str(path)) != "html":
            try:  # only regular files (reading a pipe would wait forever) that cleaning will read
                if path.is_file() and path.stat().st_size <= MAX_INPUT_BYTES:
                    hashes = _line_hashes(path.read_bytes())
            except OSError:
                pass
        self.per_file[path] = hashes
        distinct = frozenset(hashes) - {BLANK}
        if distinct and distinct not in self.seen:
            self.seen.add(distinct)
            self.counts.update(distinct)

    def lines(self) -> dict[Path, frozenset[int]]:
        """Each file's template line numbers, once every file of the folder was added."""
        common = {h for h, n in self.counts.items() if n >= TEMPLATE_MIN_FILES}
        return {path: frozenset(compress(count(1), map(common.__contains__, hashes)))
                for path, hashes in self.per_file.items()}


def apply(doc: Document, ctx: Context) -> None:
    """Drop undecided blocks on the input's template lines (protected lines stay).

    When the repeated lines hold most of the document's prose, the folder holds copies of the
    same article (clipped twice, or with two tools), not a template: nothing is dropped.
    """
    lines = ctx.template
    if not lines or not ctx.options.template or doc.kind == "html":
        return
    repeated = [b for b in doc.blocks if b.undecided and b.line in lines and not b.structure]
    prose = sum(n for b in doc.blocks if (n := b.words) >= TEMPLATE_PROSE_WORDS)
    repeated_prose = sum(n for b in repeated if (n := b.words) >= TEMPLATE_PROSE_WORDS)
    if prose and repeated_prose > TEMPLATE_MAX_PROSE_SHARE * prose:
        return
    reason = Reason(STAGE, "", f"line repeats in {TEMPLATE_MIN_FILES} or more clippings of this folder")
    for block in repeated:
        block.drop(reason)
