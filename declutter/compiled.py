"""Regular expressions compiled once per install, not once per run.

The regex module compiles a pattern in Python (a quarter of a millisecond each) before handing
its program to its C core: a one-file run spent a tenth of its time compiling the few hundred
patterns declutter and its rules need. What the compiler hands to the core for a pattern and
its flags is kept in the cache folder (see cache.py) and handed to the core again in a later run.

A cache entry is only ever what the compiler itself handed over for that very pattern and those
flags, in the same versions of the regex module, of Python and of this file (the cache file's
version). The file carries a digest of its entries: a damaged one is ignored, and any entry the
core refuses is compiled afresh.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import sys
import threading
import time
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from .cache import read_cached, write_cached

DIGEST_BYTES = 32  # the sha256 of the entries, before them in the cache file

SAVE_EVERY_S = 5.0  # a run that keeps compiling new patterns writes the cache file at most this often
# Entries a cache file holds at most (the shipped rules need about 600); past it, a save keeps
# those its process asked for: rules edited again and again, or generated ones, would otherwise
# grow the file, and every run's start-up with it, without end.
MAX_ENTRIES = 4_096
_lock = threading.Lock()
_entries: dict[tuple[str, int], tuple] | None = None  # (pattern, flags) → what the compiler handed the core
_asked: set[tuple[str, int]] = set()  # the entries this process asked for
_added = False
_saved_at = float("-inf")


def compiled(pattern: str, flags: int = 0) -> regex.Pattern:
    """regex.compile(pattern, flags), its program taken from the cache where an earlier run
    compiled it."""
    global _added
    core = _core()
    key = (pattern, int(flags))
    with _lock:
        found = _loaded().get(key)
        _asked.add(key)
    if found is not None and core is not None:
        try:
            replayed = core.compile(*found)
            if replayed.pattern == pattern:
                return replayed
        except Exception:  # an entry the core refuses: compiled afresh below
            pass
    if core is None:
        return regex.compile(pattern, flags)
    with _lock:  # the core's compile is looked at for this pattern alone, one pattern at a time
        captured: list[tuple] = []
        real = core.compile

        def spy(*args: Any) -> Any:
            if args and args[0] == pattern:
                captured.append(tuple(a.value if isinstance(a, Enum) else a for a in args))
            return real(*args)

        core.compile = spy
        try:
            result = regex.compile(pattern, flags)
        finally:
            core.compile = real
        if len(captured) == 1 and captured[0][1] == result.flags:  # this very compile's, not another thread's
            _loaded()[key] = captured[0]
            _added = True
    return result


def save(*, now: bool = True) -> None:
    """Write the cache file out if patterns were compiled afresh (silently not, where it cannot);
    not now: only if it was not written in the last SAVE_EVERY_S seconds (a run's first pages
    each compile a few patterns more)."""
    global _added, _saved_at, _entries
    with _lock:
        if _entries is None or (not now and time.monotonic() - _saved_at < SAVE_EVERY_S):
            return
        if len(_entries) > MAX_ENTRIES:  # written again with the entries this process asked for
            _entries, _added = {key: _entries[key] for key in _asked if key in _entries}, True
        if not _added:
            return
        _added, _saved_at = False, time.monotonic()
        try:
            payload = marshal.dumps(_entries)
        except ValueError:  # a value marshal cannot hold: nothing is kept
            return
    write_cached(cache_name(), hashlib.sha256(payload).digest() + payload)


@atexit.register
def _save_at_exit() -> None:
    """What a process compiled since its last write, kept as it ends (a forked worker ends
    without this: its run's pages write at most every SAVE_EVERY_S seconds)."""
    try:
        save()
    except Exception:  # an interpreter shutting down: nothing is kept
        pass


def cache_name() -> str:
    return f"regex-{_version()}.bin"


@lru_cache(maxsize=1)
def _version() -> str:
    """A digest of what the entries depend on: the regex module, Python (and its marshal
    format), this file."""
    versions = f"{regex.__version__} {sys.version} {marshal.version}".encode()
    return hashlib.sha256(versions + Path(__file__).read_bytes()).hexdigest()[:16]


def _loaded() -> dict[tuple[str, int], tuple]:
    """The entries, read from the cache file when first asked (empty where it is missing or damaged)."""
    global _entries
    if _entries is None:
        _entries = {}
        data = read_cached(cache_name()) or b""
        digest, payload = data[:DIGEST_BYTES], data[DIGEST_BYTES:]
        if payload and hashlib.sha256(payload).digest() == digest:
            try:
                entries = marshal.loads(payload)
            except (ValueError, EOFError, TypeError):
                entries = None
            if isinstance(entries, dict):
                _entries = entries
    return _entries


@lru_cache(maxsize=1)
def _core() -> Any:
    """The regex module's C core, where its compiler hands it programs; None where it does not."""
    core = getattr(getattr(regex, "_main", None), "_regex", None)
    return core if callable(getattr(core, "compile", None)) else None
