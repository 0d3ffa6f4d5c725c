"""Patterns known from earlier runs: a pattern's hints, and that it compiles, remembered on disk.

Reading the rule files' 250-odd patterns costs a one-file run a third of its start-up: each is
compiled (to report a bad one before anything is cleaned) and analysed for its hints. Both
answers depend only on the pattern's text and on the code that finds them, so they are kept in
one JSON file per version of that code (`$DECLUTTER_CACHE`, else `$XDG_CACHE_HOME/declutter`,
else `~/.cache/declutter`; `DECLUTTER_CACHE=off` turns it off). A pattern found there is
compiled when first matched. The file is a hint, never a source of truth: one that cannot be
read or written, or holds anything unexpected, is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import regex

from . import prefilter
from .prefilter import Hints

_known: dict[str, list] | None = None  # pattern text → [first characters or None, needed words' pattern or None]
_added = False


def cache_file() -> Path | None:
    """Where the known patterns are kept for this version of the code, or None when turned off."""
    setting = os.environ.get("DECLUTTER_CACHE", "")
    if setting.lower() == "off":
        return None
    if setting:
        folder = Path(setting)
    else:
        try:
            folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "declutter"
        except RuntimeError:  # no home folder to be found: no cache
            return None
    return folder / f"patterns-{_code_version()}.json"


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A digest of what the answers depend on: this analysis's code, the regex module, Python."""
    code = Path(prefilter.__file__).read_bytes() + Path(__file__).read_bytes()
    versions = f"{regex.__version__} {sys.version_info[:2]}".encode()
    return hashlib.sha256(code + versions).hexdigest()[:16]


def _load() -> dict[str, list]:
    global _known
    if _known is None:
        _known = {}
        path = cache_file()
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path else {}
        except (OSError, ValueError):
            data = {}
        if isinstance(data, dict):
            _known = {k: v for k, v in data.items() if isinstance(v, list) and len(v) == 2}
    return _known


def known_hints(pattern: str) -> Hints | None:
    """The hints of a pattern that compiled in an earlier run, or None when it is not known."""
    entry = _load().get(pattern)
    if entry is None:
        return None
    first, words = entry
    if not (first is None or isinstance(first, list)) or not (words is None or isinstance(words, str)):
        return None
    return Hints(None if first is None else frozenset(first), words)


def remember(pattern: str, found: Hints) -> None:
    """Note a pattern that compiled, with its hints (written out by save())."""
    global _added
    known = _load()
    if pattern not in known:
        known[pattern] = [None if found.first is None else sorted(found.first),
                          found.words]
        _added = True


def save() -> None:
    """Write the known patterns out if any were added (atomically; silently not, where it cannot)."""
    global _added
    path = cache_file()
    if not _added or path is None or _known is None:
        return
    _added = False
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=".patterns-",
                                         suffix=".tmp", delete=False) as out:
            temporary = out.name
            json.dump(_known, out, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
