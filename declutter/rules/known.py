"""Patterns known from earlier runs: a pattern's hints, and that it compiles, remembered on disk.

Reading the rule files' 250-odd patterns costs a one-file run a third of its start-up: each is
compiled (to report a bad one before anything is cleaned) and analysed for its hints. Both
answers depend only on the pattern's text and on the code that finds them, so they are kept in
one JSON file per version of that code, in declutter's cache folder (see cache.py). A pattern
found there is compiled when first matched.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from functools import lru_cache
from pathlib import Path

import regex

from ..cache import read_cached, write_cached
from . import prefilter
from .prefilter import Hints


def cache_name() -> str:
    """The cache file of the known patterns, for this version of the code (see cache.py)."""
    return f"patterns-{_code_version()}.json"


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A digest of what the answers depend on: this analysis's code, the regex module, Python."""
    code = Path(prefilter.__file__).read_bytes() + Path(__file__).read_bytes()
    versions = f"{regex.__version__} {sys.version_info[:2]}".encode()
    return hashlib.sha256(code + versions).hexdigest()[:16]


class _Known:
    """This process's known patterns: read from the cache file when first asked, added to as
    patterns are analysed, written out by save(); safe from several threads at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, list] | None = None  # pattern → [first characters or None, words or None]
        self._added = False

    def _loaded(self) -> dict[str, list]:
        if self._entries is None:
            try:
                data = json.loads(read_cached(cache_name()) or "{}")
            except ValueError:
                data = {}
            self._entries = ({k: v for k, v in data.items() if isinstance(v, list) and len(v) == 2}
                             if isinstance(data, dict) else {})
        return self._entries

    def hints(self, pattern: str) -> Hints | None:
        with self._lock:
            entry = self._loaded().get(pattern)
        if entry is None:
            return None
        first, words = entry
        if not (first is None or isinstance(first, list)) or not (words is None or isinstance(words, str)):
            return None
        return Hints(None if first is None else frozenset(first), words)

    def remember(self, pattern: str, found: Hints) -> None:
        with self._lock:
            entries = self._loaded()
            if pattern not in entries:
                entries[pattern] = [None if found.first is None else sorted(found.first), found.words]
                self._added = True

    def save(self) -> None:
        with self._lock:  # held while writing: a later save never loses to an earlier one's slower write
            if not self._added or self._entries is None:
                return
            self._added = False
            write_cached(cache_name(), json.dumps(self._entries, ensure_ascii=False))


_KNOWN = _Known()


def known_hints(pattern: str) -> Hints | None:
    """The hints of a pattern that compiled in an earlier run, or None when it is not known."""
    return _KNOWN.hints(pattern)


def remember(pattern: str, found: Hints) -> None:
    """Note a pattern that compiled, with its hints (written out by save())."""
    _KNOWN.remember(pattern, found)


def save() -> None:
    """Write the known patterns out if any were added (atomically; silently not, where it cannot)."""
    _KNOWN.save()
