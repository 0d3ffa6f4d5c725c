"""Patterns known from earlier runs: a pattern's hints, and that it compiles, remembered on disk;
and the XPaths known to compile to what their directive needs (checking one imports lxml, a
tenth of a one-file run's start-up, which a run of text clippings otherwise never needs).

Reading the rule files' 250-odd patterns costs a one-file run a third of its start-up: each is
compiled (to report a bad one before anything is cleaned) and analysed for its hints. Both
answers depend only on the pattern's text and on the code that finds them, so they are kept in
one JSON file per version of that code, in declutter's cache folder (see cache.py). A pattern
found there is compiled when first matched.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import regex

from ..cache import read_cached, write_cached
from ..compiled import MAX_ENTRIES
from . import prefilter
from .prefilter import Hints


def cache_name() -> str:
    """The cache file of the known patterns, for this version of the code (see cache.py)."""
    return f"patterns-{_code_version()}.json"


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A digest of what the answers depend on: this analysis's code (and the XPaths' checks in
    files.py), the regex module, lxml (its compiled module's size and time: found, not
    imported), Python."""
    sources = (prefilter.__file__, __file__, Path(__file__).with_name("files.py"))
    code = b"".join(Path(path).read_bytes() for path in sources)
    spec = find_spec("lxml.etree")
    lxml = os.stat(spec.origin) if spec and spec.origin else None
    versions = f"{regex.__version__} {lxml and (lxml.st_size, lxml.st_mtime_ns)} {sys.version_info[:2]}".encode()
    return hashlib.sha256(code + versions).hexdigest()[:16]


class _Known:
    """This process's known patterns: read from the cache file when first asked, added to as
    patterns are analysed, written out by save(); safe from several threads at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, list] | None = None  # pattern → [first characters, words, scan] (each or None)
        self._xpaths: set[str] = set()  # "directive: XPath" lines that compiled to what the directive needs
        self._asked: set[str] = set()  # the patterns this process asked about
        self._added = False

    def _loaded(self) -> dict[str, list]:
        if self._entries is None:
            try:
                data = json.loads(read_cached(cache_name()) or "{}")
            except ValueError:
                data = {}
            if not isinstance(data, dict):
                data = {}
            patterns, xpaths = data.get("patterns"), data.get("xpaths")
            self._entries = ({k: v for k, v in patterns.items() if isinstance(v, list) and len(v) == 3}
                             if isinstance(patterns, dict) else {})
            self._xpaths = {x for x in xpaths if isinstance(x, str)} if isinstance(xpaths, list) else set()
        return self._entries

    def xpath(self, line: str) -> bool:
        with self._lock:
            self._loaded()
            return line in self._xpaths

    def remember_xpath(self, line: str) -> None:
        with self._lock:
            self._loaded()
            if line not in self._xpaths:
                self._xpaths.add(line)
                self._added = True

    def hints(self, pattern: str) -> Hints | None:
        with self._lock:
            entry = self._loaded().get(pattern)
            self._asked.add(pattern)
        if entry is None:
            return None
        first, words, scan = entry
        if not (first is None or isinstance(first, list)) or not all(v is None or isinstance(v, str)
                                                                      for v in (words, scan)):
            return None
        return Hints(None if first is None else frozenset(first), words, scan)

    def remember(self, pattern: str, found: Hints) -> None:
        with self._lock:
            entries = self._loaded()
            self._asked.add(pattern)
            if pattern not in entries:
                entries[pattern] = [None if found.first is None else sorted(found.first), found.words, found.scan]
                self._added = True

    def save(self) -> None:
        with self._lock:  # held while writing: a later save never loses to an earlier one's slower write
            if self._entries is None:
                return
            if len(self._entries) > MAX_ENTRIES:  # written again with the patterns this process asked about
                self._entries = {p: self._entries[p] for p in self._asked if p in self._entries}
                self._added = True
            if not self._added:
                return
            self._added = False
            data = {"patterns": self._entries, "xpaths": sorted(self._xpaths)}
            write_cached(cache_name(), json.dumps(data, ensure_ascii=False))


_KNOWN = _Known()


def known_hints(pattern: str) -> Hints | None:
    """The hints of a pattern that compiled in an earlier run, or None when it is not known."""
    return _KNOWN.hints(pattern)


def remember(pattern: str, found: Hints) -> None:
    """Note a pattern that compiled, with its hints (written out by save())."""
    _KNOWN.remember(pattern, found)


def known_xpath(directive: str, expression: str) -> bool:
    """Whether a directive's XPath compiled, to what the directive needs, in an earlier run."""
    return _KNOWN.xpath(f"{directive}: {expression}")


def remember_xpath(directive: str, expression: str) -> None:
    """Note a directive's XPath that compiled to what the directive needs (written out by save())."""
    _KNOWN.remember_xpath(f"{directive}: {expression}")


def save() -> None:
    """Write the known patterns out if any were added (atomically; silently not, where it cannot)."""
    _KNOWN.save()
