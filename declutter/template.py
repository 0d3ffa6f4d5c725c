"""Template stage: lines that repeat across several clippings of one folder are the site's chrome.

Works in any language and catches prose-like appeals that a per-page classifier keeps. The
lines of each file are hashed once (a pre-pass that keeps only 8-byte keys), a line is template
when it occurs in at least MIN_FILES distinct clippings, and exact duplicate files count once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from hashlib import blake2b
from pathlib import Path

from .document import Document, Reason
from .readers import decode

MIN_FILES = 3
PROSE_WORDS = 10
MAX_PROSE_SHARE = 0.5


def line_key(text: str) -> int:
    """A stable key for a whitespace-normalised, case-folded line."""
    normal = " ".join(text.split()).casefold()
    return int.from_bytes(blake2b(normal.encode("utf-8"), digest_size=8).digest(), "big")


def file_keys(data: bytes) -> frozenset[int]:
    """The keys of a file's non-blank lines; empty for what cannot be decoded."""
    try:
        text = decode(data)
    except Exception:  # a bad file is reported by the cleaning pass, not here
        return frozenset()
    return frozenset(line_key(line) for line in text.splitlines() if line.strip())


def template_keys(paths: Iterable[Path]) -> dict[Path, frozenset[int]]:
    """For each file, the keys of its lines that repeat in at least MIN_FILES distinct files."""
    per_file: dict[Path, frozenset[int]] = {}
    counts: Counter = Counter()
    seen: set[frozenset[int]] = set()
    for path in paths:
        try:  # only regular files: reading a pipe would wait forever
            keys = file_keys(path.read_bytes()) if path.is_file() else frozenset()
        except OSError:
            keys = frozenset()
        per_file[path] = keys
        if keys and keys not in seen:
            seen.add(keys)
            counts.update(keys)
    return {path: frozenset(k for k in keys if counts[k] >= MIN_FILES) for path, keys in per_file.items()}


def drop_template(doc: Document, keys: frozenset[int]) -> None:
    """Drop undecided blocks whose line repeats across the folder (protected lines stay).

    When the repeated lines hold most of the document's prose, the folder holds copies of the
    same article (clipped twice, or with two tools), not a template: nothing is dropped.
    """
    if not keys:
        return
    repeated = [b for b in doc.blocks if b.undecided and line_key(b.text) in keys]
    prose = sum(n for b in doc.blocks if (n := len(b.text.split())) >= PROSE_WORDS)
    repeated_prose = sum(n for b in repeated if (n := len(b.text.split())) >= PROSE_WORDS)
    if prose and repeated_prose > MAX_PROSE_SHARE * prose:
        return
    reason = Reason("template", "", f"line repeats in {MIN_FILES} or more clippings of this folder")
    for block in repeated:
        block.drop(reason)
