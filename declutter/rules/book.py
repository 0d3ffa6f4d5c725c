"""The rule book: every rule file of the shipped folder and the user's folders, by site, with a
matcher for each (built on first use, and not sent along when the book is pickled to a worker).

Site files are indexed by host when a folder is added; a file with declutter's own `text_`
directives is read at once (its fingerprints name its site in clippings without a URL, and a
mistake in it stops the run), a FiveFilters file only when a page of its site comes: a
collection of thousands costs a page only its own file. A FiveFilters line that cannot be
read is skipped with one warning (RuleWarning) per file.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import DeclutterError, RuleError
from . import known
from .files import RuleFile, parse_rule_file, site_name
from .matcher import Matcher

FINGERPRINT = "text_fingerprint"
SKIPPED_FILES = ("license.txt", "readme.txt")


class RuleWarning(UserWarning):
    """A rule file's line skipped (FiveFilters' format, read leniently): names the file and line."""


def warn_problems(rules: RuleFile) -> None:
    """One warning for a file's skipped lines: the first, and how many more."""
    if rules.problems:
        others = len(rules.problems) - 1
        more = f" (and {others} more line{'s' if others > 1 else ''} of this file)" if others else ""
        warnings.warn(RuleWarning(f"{rules.problems[0]}; line skipped{more}"), stacklevel=2)


def builtin_rules_dir() -> Path:
    """The rules shipped with declutter (`declutter/ruledata` links to the project's `rules/`)."""
    return Path(str(resources.files("declutter").joinpath("ruledata")))


def rule_book(rule_dirs: tuple[str, ...] = ()) -> RuleBook:
    """Rules of the shipped folder plus the user's folders (later ones add to earlier), loaded
    once per process; raises RuleError naming the file and line of a mistake. `rule_book()` and
    `rule_book(())` are one book: the one warmed up is the one the pipeline cleans with."""
    return _rule_book(tuple(rule_dirs))


@lru_cache(maxsize=8)
def _rule_book(rule_dirs: tuple[str, ...]) -> RuleBook:
    book = RuleBook()
    folders: list[str | Path] = [builtin_rules_dir(), *rule_dirs]
    for folder in folders:
        book.add_folder(folder)
    known.save()
    return book


@dataclass
class RuleBook:
    """Every rule file of some folders: sites by host, global rules, lexicons by language."""

    sites: dict[str, RuleFile] = field(default_factory=dict)  # the site files read so far, by name
    generic: RuleFile = field(default_factory=lambda: RuleFile(name="global"))
    lexicons: dict[str, RuleFile] = field(default_factory=dict)
    fingerprints: RuleFile = field(default_factory=lambda: RuleFile(name="fingerprints"))
    unread: dict[str, list[Path]] = field(default_factory=dict)  # site files read on their site's first page
    _matchers: dict[int, Matcher] = field(default_factory=dict, repr=False)

    def add_folder(self, folder: str | Path) -> None:
        folder = Path(folder)
        if not folder.is_dir():
            raise DeclutterError(f"{folder}: rules folder not found")
        self._matchers.clear()
        for path in sorted(folder.glob("*.txt")):
            if path.name.lower() in SKIPPED_FILES:
                continue
            name = site_name(path)
            if name != "global" and not _has_text_directives(path):
                self.unread.setdefault(name, []).append(path)
                continue
            rules = parse_rule_file(path)
            warn_problems(rules)
            if rules.name == "global":
                self.generic.merge(rules)
                continue
            self.site(name)  # files of this name read so far come first
            self.sites.setdefault(name, RuleFile(name=name)).merge(rules)
            self.fingerprints.text[FINGERPRINT] += rules.text[FINGERPRINT]
        for path in sorted((folder / "lexicon").glob("*.txt")):
            lang = path.name[:-4]
            self.lexicons.setdefault(lang, RuleFile(name=f"lexicon/{lang}")).merge(parse_rule_file(path))

    def site(self, name: str) -> RuleFile | None:
        """A site's rules by its file's name, its FiveFilters files read now if not yet."""
        paths = self.unread.pop(name, None)
        if paths:
            target = self.sites.setdefault(name, RuleFile(name=name))
            for path in paths:
                try:
                    rules = parse_rule_file(path)
                except RuleError as exc:  # not UTF-8, unreadable: this file only, as FiveFilters skips it
                    warnings.warn(RuleWarning(f"{exc}; file skipped"), stacklevel=2)
                    continue
                warn_problems(rules)
                target.merge(rules)
            self._matchers.pop(id(target), None)
        return self.sites.get(name)

    def names(self) -> set[str]:
        """The names of every site file, read or not."""
        return set(self.sites) | set(self.unread)

    def read_all(self) -> None:
        """Read every site file now (to count or check them all)."""
        for name in list(self.unread):
            self.site(name)

    def matcher(self, rules: RuleFile) -> Matcher:
        """The matcher of one of this book's rule files (one per file and process)."""
        found = self._matchers.get(id(rules))
        if found is None or found.rules is not rules:
            found = self._matchers[id(rules)] = Matcher(rules)
        return found

    def warm_up(self, *, compiled: bool = True) -> None:
        """Build the page scans of the generic rules, lexicons and fingerprints now, once (before
        worker processes fork, so that they share them), not on each worker's first page; with
        compiled, compile every pattern of the files read (a pattern known from an earlier run is
        otherwise compiled when first matched; its needed words are, on a worker's pages), and
        scan every language's lexicon (else English's alone: another language's waits for its
        first page)."""
        lexicons = self.lexicons.values() if compiled else [self.lexicons[c] for c in ("en",) if c in self.lexicons]
        for rules in (self.generic, *lexicons):
            self.matcher(rules).warm_up()
        self.matcher(self.fingerprints).warm_up(FINGERPRINT)
        if compiled:
            for rules in (self.generic, *self.lexicons.values(), *self.sites.values()):
                for pattern in (*(p for patterns in rules.text.values() for p in patterns),
                                *(p for pair in rules.cuts for p in pair)):
                    _ = pattern.regex

    def fingerprint_lines(self, texts: list[str]) -> list[bool]:
        """Whether each line could be any site's fingerprint (all sites' fingerprints at once)."""
        if not self.fingerprints.text[FINGERPRINT]:
            return [False] * len(texts)
        return [m is not None for m in self.matcher(self.fingerprints).first_matches(FINGERPRINT, texts)]

    def for_host(self, host: str) -> RuleFile | None:
        """The rules for a host as FiveFilters finds them: the host's own file (`www.` aside),
        else the wildcard file of its parent domain (`.example.com` for `news.example.com`)."""
        host = host.lower().strip(".")
        if host.startswith("www."):
            host = host[4:]
        for name in (host, "." + host.split(".", 1)[1] if "." in host else None):
            if name and (name in self.sites or name in self.unread):
                return self.site(name)
        return None

    def counts(self) -> tuple[Counter[str], Counter[str]]:
        """Directives used and ignored, over every file (all read now)."""
        used: Counter[str] = Counter()
        ignored: Counter[str] = Counter()
        self.read_all()
        for rules in [self.generic, *self.sites.values(), *self.lexicons.values()]:
            used.update(rules.used)
            ignored.update(rules.ignored)
        return used, ignored

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (for a cluster's workers) without matchers: they are rebuilt where used."""
        return {**self.__dict__, "_matchers": {}}


_TEXT_LINE = re.compile(rb"(?mi)^[ \t]*text_")


def _has_text_directives(path: Path) -> bool:
    """Whether a rule file holds declutter's own directives (read at once), judged by its bytes."""
    try:
        return _TEXT_LINE.search(path.read_bytes()) is not None
    except OSError:
        return True  # read at once, to say why it cannot be
