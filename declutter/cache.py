"""The on-disk cache: answers that depend only on declutter's code and the installed data, kept
between runs so that a short run does not work them out again.

One folder (`$DECLUTTER_CACHE`, else `$XDG_CACHE_HOME/declutter`, else `~/.cache/declutter`;
`DECLUTTER_CACHE=off` turns it off) holds one file per kind of answer and version of what it
depends on. A cache file is a hint, never a source of truth: one that cannot be read or
written, or holds anything unexpected, is ignored and the answer worked out again.
"""

from __future__ import annotations

import os
import re
from pathlib import Path


def cache_folder() -> Path | None:
    """The cache's folder, or None when the cache is turned off (or there is no home folder)."""
    setting = os.environ.get("DECLUTTER_CACHE", "")
    if setting.lower() == "off":
        return None
    if setting:
        return Path(setting)
    try:
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "declutter"
    except RuntimeError:  # no home folder to be found: no cache
        return None


def read_cached(name: str) -> bytes | None:
    """The bytes of a cache file, or None when there is none to be read."""
    folder = cache_folder()
    try:
        return (folder / name).read_bytes() if folder else None
    except OSError:
        return None


KEPT_VERSIONS = 3  # of one kind of cache file, the newest kept (installs that share the folder each have theirs)
_VERSION = "[0-9a-f]{16}"  # a cache file's version: the first 16 hex digits of a digest of what it depends on


def write_cached(name: str, text: str | bytes) -> None:
    """Write a cache file ("<kind>-<version>.<ext>") atomically, and remove that kind's files of
    older versions beyond the KEPT_VERSIONS newest: each version of declutter's code or data
    writes its own, and the folder must not grow with every upgrade. Silently not, where it
    cannot be written."""
    from .run.outputs import write_atomically  # the outputs' own atomic write (imported late: run needs rules)

    folder = cache_folder()
    if folder is None:
        return
    try:
        write_atomically(folder / name, text)
        kind, _, version = name.rpartition("-")
        ours = re.compile(rf"{re.escape(kind)}-{_VERSION}{re.escape(Path(version).suffix)}")
        if kind and ours.fullmatch(name):
            # Only files named as declutter names its own: the folder may be one a user chose, holding theirs.
            older = sorted((p for p in folder.iterdir() if p.name != name and ours.fullmatch(p.name)),
                           key=lambda p: p.stat().st_mtime, reverse=True)
            for stale in older[KEPT_VERSIONS - 1:]:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written (or tidied) is no cache
