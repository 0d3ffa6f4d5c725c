"""The rule book: every rule file of the shipped folder and the user's folders, by site, with a
matcher for each (built on first use, and not sent along when the book is pickled to a worker)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import DeclutterError
from .files import RuleFile, parse_rule_file
from .matcher import Matcher

FINGERPRINT = "text_fingerprint"


def builtin_rules_dir() -> Path:
    """The rules shipped with declutter (`declutter/ruledata` links to the project's `rules/`)."""
    return Path(str(resources.files("declutter").joinpath("ruledata")))


@lru_cache(maxsize=8)
def rule_book(rule_dirs: tuple[str, ...] = ()) -> RuleBook:
    """Rules of the shipped folder plus the user's folders (later ones add to earlier), loaded
    once per process; raises RuleError naming the file and line of a mistake."""
    book = RuleBook()
    folders: list[str | Path] = [builtin_rules_dir(), *rule_dirs]
    for folder in folders:
        book.add_folder(folder)
    return book


@dataclass
class RuleBook:
    """Every rule file of some folders: sites by host, global rules, lexicons by language."""

    sites: dict[str, RuleFile] = field(default_factory=dict)
    generic: RuleFile = field(default_factory=lambda: RuleFile(name="global"))
    lexicons: dict[str, RuleFile] = field(default_factory=dict)
    fingerprints: RuleFile = field(default_factory=lambda: RuleFile(name="fingerprints"))
    _matchers: dict[int, Matcher] = field(default_factory=dict, repr=False)

    def add_folder(self, folder: str | Path) -> None:
        folder = Path(folder)
        if not folder.is_dir():
            raise DeclutterError(f"{folder}: rules folder not found")
        self._matchers.clear()
        for path in sorted(folder.glob("*.txt")):
            if path.name.lower() in ("license.txt", "readme.txt"):
                continue
            rules = parse_rule_file(path)
            target = self.generic if rules.name == "global" else self.sites.setdefault(
                rules.name, RuleFile(name=rules.name))
            target.merge(rules)
            self.fingerprints.text[FINGERPRINT] += rules.text[FINGERPRINT]
        for path in sorted((folder / "lexicon").glob("*.txt")):
            lang = path.name[:-4]
            self.lexicons.setdefault(lang, RuleFile(name=f"lexicon/{lang}")).merge(parse_rule_file(path))

    def matcher(self, rules: RuleFile) -> Matcher:
        """The matcher of one of this book's rule files (one per file and process)."""
        found = self._matchers.get(id(rules))
        if found is None or found.rules is not rules:
            found = self._matchers[id(rules)] = Matcher(rules)
        return found

    def warm_up(self) -> None:
        """Build the page scans of the generic rules, lexicons and fingerprints now, once (before
        worker processes fork, so that they share them), not on each worker's first page."""
        for rules in (self.generic, *self.lexicons.values()):
            self.matcher(rules).warm_up()
        self.matcher(self.fingerprints).warm_up(FINGERPRINT)

    def fingerprint_lines(self, texts: list[str]) -> list[bool]:
        """Whether each line could be any site's fingerprint (all sites' fingerprints at once)."""
        if not self.fingerprints.text[FINGERPRINT]:
            return [False] * len(texts)
        return [m is not None for m in self.matcher(self.fingerprints).first_matches(FINGERPRINT, texts)]

    def for_host(self, host: str) -> RuleFile | None:
        """The rules for a host: exact name, then `.domain` wildcards and parent domains."""
        host = host.lower().strip(".")
        if host.startswith("www."):
            host = host[4:]
        if host in self.sites:
            return self.sites[host]
        labels = host.split(".")
        for i in range(len(labels) - 1):
            parent = ".".join(labels[i:])
            for name in ("." + parent, parent if i else None):
                if name and name in self.sites:
                    return self.sites[name]
        return None

    def counts(self) -> tuple[Counter[str], Counter[str]]:
        """Directives used and ignored, over every file."""
        used: Counter[str] = Counter()
        ignored: Counter[str] = Counter()
        for rules in [self.generic, *self.sites.values(), *self.lexicons.values()]:
            used.update(rules.used)
            ignored.update(rules.ignored)
        return used, ignored

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (for a cluster's workers) without matchers: they are rebuilt where used."""
        return {**self.__dict__, "_matchers": {}}
