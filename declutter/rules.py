"""Rule files: parse and validate the FiveFilters site-config format plus declutter's text directives.

A rule file is a list of `directive: value` lines (`#` starts a comment). FiveFilters
directives (XPath for HTML) are read; ones declutter does not use are counted and ignored.
Directives starting with `text_` are declutter's own and are validated strictly.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import regex
from lxml import etree

from .document import DROP, Reason
from .errors import DeclutterError, RuleError
from .prefilter import Hints, LineScan, bucket, hints, loose

# FiveFilters directives whose value is an XPath expression.
XPATH_DIRECTIVES = frozenset({"title", "body", "strip", "author", "date", "single_page_link",
                              "next_page_link", "native_ad_clue", "if_page_contains"})
USED_FTR_DIRECTIVES = frozenset({"body", "strip", "strip_id_or_class", "strip_image_src",
                                 "test_url", "test_contains"})
TEXT_DIRECTIVES = frozenset({"text_fingerprint", "text_drop", "text_keep", "text_caption",
                             "text_start_at", "text_start_after", "text_end_before",
                             "text_end_after", "text_cut", "text_test", "text_test_keeps", "text_test_drops"})
TEST_DIRECTIVES = frozenset({"text_test", "text_test_keeps", "text_test_drops"})
CUT_SEPARATOR = " >>> "
MATCH_TIMEOUT_S = 1.0
PROSE_WORDS = 15
MEMO_SIZE = 100_000  # remembered answers per directive: over this, forgotten before the next page
MAX_MEMO_SIZE = 1_000_000  # ... and, past this, within a page too (a bound for callers that never scan)
MIN_SCAN_LINES = 8  # fewer new lines than this are matched one by one
CAPTION = "caption or credit"
APPLIED = ("text_keep", "text_caption", "text_start_at", "text_start_after", "text_end_before",
           "text_end_after", "text_drop")
MAX_CAPTION_CHARS = 300
_UNSEEN = object()  # no answer remembered yet (None is an answer: no pattern matches)
_LINE = regex.compile(r"^([A-Za-z_][\w-]*)(?:\(([^)]*)\))?\s*:\s?(.*)$")


@dataclass(frozen=True)
class Pattern:
    """A compiled text pattern, where it was written, and what any match of it needs."""

    regex: regex.Pattern
    where: str
    hints: Hints = Hints()

    def matches(self, text: str) -> bool:
        """Whole-line, case-insensitive match, bounded in time."""
        try:
            return self.regex.fullmatch(text, timeout=MATCH_TIMEOUT_S) is not None
        except TimeoutError:
            raise DeclutterError(f"{self.where}: pattern took over {MATCH_TIMEOUT_S:g}s on one line "
                                 "(catastrophic backtracking?)") from None


@dataclass
class RuleTest:
    """A rule file's own test: a clipping (text_test) or a page URL (ftr test_url), and what
    its cleaned text must keep and must not keep."""

    source: str
    where: str
    keeps: list = field(default_factory=list)  # Patterns (ours) or plain strings (ftr test_contains)
    drops: list = field(default_factory=list)


@dataclass
class RuleFile:
    """The rules of one site (or the global rules), possibly merged from several files."""

    name: str
    paths: list[str] = field(default_factory=list)
    text: dict[str, list] = field(default_factory=lambda: {d: [] for d in TEXT_DIRECTIVES - TEST_DIRECTIVES})
    xpath: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    values: dict[str, list[str]] = field(default_factory=dict)
    ignored: Counter = field(default_factory=Counter)
    used: Counter = field(default_factory=Counter)
    tests: list[RuleTest] = field(default_factory=list)
    _cache: dict = field(default_factory=dict, repr=False)  # scans, short lists: built once per file
    _memo: dict = field(default_factory=dict, repr=False)  # directive → {line text: answer}

    def first_match(self, directive: str, text: str) -> Pattern | None:
        """The first pattern of a directive matching text (see rule_out and prefilter.py for how
        most lines are spared most patterns).

        Answers are remembered per line text: menus and footers repeat across pages, and a
        document's kept lines are matched again when it settles.
        """
        if not self.text[directive]:
            return None
        answer = self._answers(directive).get(text, _UNSEEN)
        if answer is _UNSEEN:
            answer = self._remember(directive, text, self._first_match(directive, text))
        return answer

    def touches(self, text: str) -> bool:
        """Whether any text pattern of this file (other than tests and fingerprints) could match,
        so that most lines skip every directive at once."""
        answer = self._answers("*").get(text)
        if answer is None:
            answer = self._remember("*", text, self._first_match("*", text) is not None)
        return answer

    def answers(self, directive: str, texts: list[str]) -> list:
        """first_match (touches, for "*") of every text, after one scan of them all."""
        self.rule_out(directive, texts)
        known = self._answers(directive)
        ask = self.touches if directive == "*" else partial(self.first_match, directive)
        return [known[t] if t in known else ask(t) for t in texts]

    def rule_out(self, directive: str, texts: list[str]) -> None:
        """Remember "no match" for the lines of texts that one scan of them all rules out (see
        prefilter.LineScan), so that only the others are matched line by line. Lines seen before
        are not scanned again. Called as a page starts, so the memo is trimmed here."""
        for answers in self._memo.values():  # a page starts: forget here, never within a page
            if len(answers) > MEMO_SIZE:
                answers.clear()
        answers = self._answers(directive)
        unseen = [t for t in dict.fromkeys(texts) if t not in answers]
        if len(unseen) < MIN_SCAN_LINES:
            return
        scan = self.scan(directive)
        if scan is not None:
            answer = False if directive == "*" else None  # as touches() and first_match() answer
            answers.update((text, answer) for text, maybe in zip(unseen, scan.candidates(unseen)) if not maybe)

    def scan(self, directive: str) -> LineScan | None:
        """The RE2 scan of a directive's patterns ("*": every applied one), built once."""
        key = ("scan", directive)
        if key not in self._cache:
            self._cache[key] = LineScan.of([p.regex.pattern for p in self._patterns(directive)])
        return self._cache[key]

    def _first_match(self, directive: str, text: str) -> Pattern | None:
        """The first pattern, in file order, of a directive ("*": every applied one) that matches
        text. Only the patterns text's hints allow are tried (see prefilter.py)."""
        patterns = self._patterns(directive)
        always, conditional = self._shortlist(directive, patterns, bucket(text, self._starts))
        folded = loose(text) if conditional else ""
        chosen = always + tuple(i for i, needs in conditional if needs.search(folded))
        return next((patterns[i] for i in sorted(chosen) if patterns[i].matches(text)), None)

    def _patterns(self, directive: str) -> list[Pattern]:
        """The patterns of a directive; "*" for every applied one."""
        if directive != "*":
            return self.text[directive]
        if "*" not in self._cache:
            self._cache["*"] = [p for d in APPLIED for p in self.text[d]] + [
                p for pair in self.text["text_cut"] for p in pair]
        return self._cache["*"]

    def _shortlist(self, directive: str, patterns: list[Pattern],
                   start: str | None) -> tuple[tuple[int, ...], list[tuple[int, re.Pattern]]]:
        """Indices of the patterns that can match a line starting with `start`: those always
        possible, and those possible only if the line holds one of their needed words."""
        key = ("shortlist", directive, start)
        if key not in self._cache:
            # Needed words are checked only for patterns that can start anywhere: they are the costly ones.
            possible = [(i, p.hints.needs if p.hints.first is None else None) for i, p in enumerate(patterns)
                        if start is None or p.hints.first is None or start in p.hints.first]
            self._cache[key] = (tuple(i for i, needs in possible if needs is None),
                                   [(i, needs) for i, needs in possible if needs is not None])
        return self._cache[key]

    @property
    def _starts(self) -> frozenset[str]:
        """Every character some pattern of this file names as a first character."""
        if "starts" not in self._cache:
            patterns = [p for items in self.text.values() for item in items
                        for p in (item if isinstance(item, tuple) else (item,))]
            self._cache["starts"] = frozenset().union(*(p.hints.first for p in patterns if p.hints.first))
        return self._cache["starts"]

    def __getstate__(self) -> dict:
        """Pickled (for a cluster's workers) without the memo and caches: they refill where used."""
        return {**self.__dict__, "_cache": {}, "_memo": {}}

    def _answers(self, directive: str) -> dict:
        answers = self._memo.get(directive)
        if answers is None:
            answers = self._memo[directive] = {}
        return answers

    def _remember(self, directive: str, text: str, answer):
        answers = self._answers(directive)
        if len(answers) >= MAX_MEMO_SIZE:
            answers.clear()
        answers[text] = answer
        return answer

    def merge(self, other: RuleFile) -> None:
        self._cache.clear()
        self._memo.clear()
        self.paths += other.paths
        for key, items in other.text.items():
            self.text[key] += items
        for key, items in other.xpath.items():
            self.xpath.setdefault(key, []).extend(items)
        for key, items in other.values.items():
            self.values.setdefault(key, []).extend(items)
        self.ignored.update(other.ignored)
        self.used.update(other.used)
        self.tests += other.tests


def _compile(value: str, path: str, number: int) -> Pattern:
    try:
        compiled = regex.compile(value, regex.IGNORECASE | regex.V0)
        return Pattern(compiled, f"{path}:{number}", hints(value))
    except regex.error as exc:
        raise RuleError(path, number, f"bad regular expression {value!r}: {exc}") from None


def shown_path(path: Path) -> str:
    """How a rule file is named in reasons and errors: `rules/dw.com.txt` for the shipped ones,
    relative to the working folder where possible, else as given."""
    if "ruledata" in path.parts:
        return "rules/" + "/".join(path.parts[path.parts.index("ruledata") + 1:])
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def parse_rule_file(path: str | Path, name: str | None = None) -> RuleFile:
    """Parse one rule file; raise RuleError naming the file and line on any mistake."""
    path = Path(path)
    label = shown_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleError(label, 0, f"cannot read rule file: {exc.strerror or exc}") from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleError(label, raw[: exc.start].count(b"\n") + 1, "rule file is not UTF-8") from None
    rules = RuleFile(name=name or site_name(path), paths=[str(path)])
    for number, line in enumerate(content.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{label}:{number}"
        match = _LINE.match(line)
        if not match:
            raise RuleError(label, number, f"expected 'directive: value', got {line[:60]!r}")
        directive, argument, value = match.group(1).lower(), match.group(2), match.group(3).strip()
        if directive.startswith("text_"):
            _add_text_directive(rules, directive, value, label, number)
        elif directive in XPATH_DIRECTIVES:
            try:
                etree.XPath(value)
            except (etree.XPathSyntaxError, ValueError) as exc:
                raise RuleError(label, number, f"bad XPath {value!r}: {exc}") from None
            rules.xpath.setdefault(directive, []).append((value, where))
            _count(rules, directive)
        else:
            rules.values.setdefault(directive, []).append(value if argument is None else f"{argument}\t{value}")
            _count(rules, directive)
            if directive == "test_url":
                rules.tests.append(RuleTest(value, where))
            elif directive == "test_contains" and rules.tests and rules.tests[-1].source.startswith("http"):
                rules.tests[-1].keeps.append(value)
    return rules


def _count(rules: RuleFile, directive: str) -> None:
    (rules.used if directive in USED_FTR_DIRECTIVES else rules.ignored)[directive] += 1


def _add_text_directive(rules: RuleFile, directive: str, value: str, path: str, number: int) -> None:
    if directive not in TEXT_DIRECTIVES:
        known = ", ".join(sorted(TEXT_DIRECTIVES))
        raise RuleError(path, number, f"unknown directive {directive!r} (known text directives: {known})")
    if not value:
        raise RuleError(path, number, f"{directive} needs a value")
    where = f"{path}:{number}"
    rules.used[directive] += 1
    if directive == "text_test":
        rules.tests.append(RuleTest(value, where))
    elif directive in TEST_DIRECTIVES:
        if not rules.tests or rules.tests[-1].source.startswith("http"):
            raise RuleError(path, number, f"{directive} must follow a text_test line")
        target = rules.tests[-1].keeps if directive == "text_test_keeps" else rules.tests[-1].drops
        target.append(_compile(value, path, number))
    elif directive == "text_cut":
        if CUT_SEPARATOR not in value:
            raise RuleError(path, number, f"text_cut needs 'START{CUT_SEPARATOR}END'")
        start, end = value.split(CUT_SEPARATOR, 1)
        rules.text[directive].append((_compile(start.strip(), path, number),
                                      _compile(end.strip(), path, number)))
    else:
        rules.text[directive].append(_compile(value, path, number))


def site_name(path: Path) -> str:
    """`rules/dw.com.txt` → `dw.com`; `.wordpress.com.txt` → `.wordpress.com`."""
    return path.name[:-4] if path.name.endswith(".txt") else path.name


@dataclass
class RuleBook:
    """Every rule file of some folders: sites by host, global rules, lexicons by language."""

    sites: dict[str, RuleFile] = field(default_factory=dict)
    generic: RuleFile = field(default_factory=lambda: RuleFile(name="global"))
    lexicons: dict[str, RuleFile] = field(default_factory=dict)
    _fingerprints: RuleFile | None = field(default=None, repr=False)

    def add_folder(self, folder: str | Path) -> None:
        self._fingerprints = None
        folder = Path(folder)
        if not folder.is_dir():
            raise DeclutterError(f"{folder}: rules folder not found")
        for path in sorted(folder.glob("*.txt")):
            if path.name.lower() in ("license.txt", "readme.txt"):
                continue
            rules = parse_rule_file(path)
            target = self.generic if rules.name == "global" else self.sites.setdefault(
                rules.name, RuleFile(name=rules.name))
            target.merge(rules)
        for path in sorted((folder / "lexicon").glob("*.txt")):
            lang = path.name[:-4]
            self.lexicons.setdefault(lang, RuleFile(name=f"lexicon/{lang}")).merge(parse_rule_file(path))

    def warm_up(self) -> None:
        """Build the page scans of the generic rules, lexicons and fingerprints now, once (before
        worker processes fork, so that they share them), not on each worker's first page."""
        for rules in (self.generic, *self.lexicons.values()):
            rules.scan("*")
        self.fingerprints().scan("text_fingerprint")

    def fingerprints(self) -> RuleFile:
        """Every site's fingerprints, as one rule file."""
        if self._fingerprints is None:
            self._fingerprints = RuleFile(name="fingerprints")
            for rules in self.sites.values():
                self._fingerprints.text["text_fingerprint"] += rules.text["text_fingerprint"]
        return self._fingerprints

    def fingerprint_lines(self, texts: list[str]) -> list[bool]:
        """Whether each line could be any site's fingerprint (all sites' fingerprints at once)."""
        fingerprints = self.fingerprints()
        if not fingerprints.text["text_fingerprint"]:
            return [False] * len(texts)
        return [match is not None for match in fingerprints.answers("text_fingerprint", texts)]

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

    def counts(self) -> tuple[Counter, Counter]:
        """Directives used and ignored, over every file."""
        used, ignored = Counter(), Counter()
        for rules in [self.generic, *self.sites.values(), *self.lexicons.values()]:
            used.update(rules.used)
            ignored.update(rules.ignored)
        return used, ignored


def apply_text_rules(blocks: list, rules: RuleFile, stage: str,
                     min_prose_before_end: int = 0) -> tuple[int, int] | None:
    """Apply a rule file's text directives to blocks, in order: protect, region, cuts, drops.

    Returns the (start, end) block indices of the article region when a start or end
    marker matched, else None. An end marker counts only after min_prose_before_end
    prose lines (generic rules use it so that a "Leave a comment" link under a title
    does not end the article).
    """
    text = rules.text
    bare = [b.bare for b in blocks]
    touched = [i for i, touches in enumerate(rules.answers("*", bare)) if touches]  # lines some pattern may match
    for block in map(blocks.__getitem__, touched):
        if block.protected or block.decision is DROP:
            continue  # an earlier stage's drop stands: "protect" means against later rules
        pattern = rules.first_match("text_keep", block.bare)
        if pattern:
            block.keep(Reason(stage, pattern.where, "protected line"), protect=True)
            continue
        pattern = rules.first_match("text_caption", block.bare)
        if pattern:
            block.keep(Reason(stage, pattern.where, CAPTION), protect=True)
    region = _find_region(blocks, rules, min_prose_before_end, touched)
    if region:
        start, end, start_where, end_where = region
        for block in blocks[:start]:
            if block.undecided:
                block.drop(Reason(stage, start_where, "before the article start marker"))
        for block in blocks[end:]:
            if block.undecided:
                block.drop(Reason(stage, end_where, "after the article end marker"))
    for start_pattern, end_pattern in text["text_cut"]:
        index = 0
        while index < len(blocks):
            if blocks[index].undecided and start_pattern.matches(blocks[index].bare):
                stop = next((j for j in range(index + 1, len(blocks))
                             if end_pattern.matches(blocks[j].bare)), None)
                if stop is None:
                    break  # no end marker after this start: none after any later start either
                for block in blocks[index:stop + 1]:
                    block.drop(Reason(stage, start_pattern.where, "cut between markers"))
                index = stop
            index += 1
    if text["text_drop"]:
        for block in map(blocks.__getitem__, touched):
            if block.undecided:
                pattern = rules.first_match("text_drop", block.bare)
                if pattern:
                    block.drop(Reason(stage, pattern.where, "boilerplate line"))
    return region[:2] if region else None


def protect_captions(doc) -> None:
    """Keep the caption line directly above each credit, once every rule has had its say (a skip
    link or menu item above a photo credit is dropped by its rule, not kept as a caption)."""
    blocks = doc.blocks
    for index, block in enumerate(blocks):
        if index and block.reason and block.reason.detail == CAPTION:
            previous = blocks[index - 1]
            if previous.line == block.line - 1 and previous.undecided and len(previous.text) <= MAX_CAPTION_CHARS:
                previous.keep(Reason(block.reason.stage, block.reason.rule, "caption above a credit"), protect=True)


def _find_region(blocks: list, rules: RuleFile, min_prose_before_end: int,
                 touched: list[int]) -> tuple[int, int, str, str] | None:
    """The article region from the first start marker and the first end marker after it
    (touched: indices of the lines some pattern may match, in order)."""
    start_marker = _first_marker(rules, blocks, touched, "text_start_at", "text_start_after")
    start, start_where = start_marker or (0, "")
    begin, prose = start, 0
    while begin < len(blocks) and prose < min_prose_before_end:  # the article must have begun
        prose += len(blocks[begin].text.split()) >= PROSE_WORDS
        begin += 1
    after_begin = touched[bisect_left(touched, begin):]
    end_marker = _first_marker(rules, blocks, after_begin, "text_end_before", "text_end_after")
    if start_marker is None and end_marker is None:
        return None
    end, end_where = end_marker or (len(blocks), "")
    return start, end, start_where, end_where


def _first_marker(rules: RuleFile, blocks: list, indices: list[int],
                  at: str, after: str) -> tuple[int, str] | None:
    """(index where the region starts or ends, rule) of the first line of indices matching `at`
    (that line) or `after` (the next one)."""
    if not (rules.text[at] or rules.text[after]):
        return None
    for index in indices:
        hit = rules.first_match(at, blocks[index].bare)
        if hit:
            return index, hit.where
        hit = rules.first_match(after, blocks[index].bare)
        if hit:
            return index + 1, hit.where
    return None
