"""Rule files as plain data: parse and validate the FiveFilters site-config format plus
declutter's text directives. Matching them against lines is matcher.py's business.

A rule file is a list of `directive: value` lines (`#` starts a comment). FiveFilters
directives (XPath for HTML) are read; ones declutter does not use are counted and ignored. A
FiveFilters line that cannot be read (no directive, an unknown one, a bad XPath) is skipped
and recorded as one of the file's problems, as FiveFilters' own parser skips it: the rest of
the file is used. Directives starting with `text_` are declutter's own and are validated
strictly: any mistake in one is a RuleError.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from ..compiled import compiled
from ..errors import DeclutterError, RuleError
from ..options import MATCH_TIMEOUT_S, MAX_PATTERN_CHARS
from .known import known_hints, known_xpath, remember, remember_xpath
from .prefilter import Hints, hints

if TYPE_CHECKING:
    from lxml import etree

# FiveFilters directives whose value is an XPath expression.
XPATH_DIRECTIVES = frozenset({"title", "body", "strip", "author", "date", "single_page_link",
                              "next_page_link", "native_ad_clue", "if_page_contains"})
USED_FTR_DIRECTIVES = frozenset({"body", "strip", "strip_id_or_class", "strip_image_src",
                                 "test_url", "test_contains"})
# Every directive of the FiveFilters format, used or not by declutter (a name outside these is a misspelling).
FTR_DIRECTIVES = XPATH_DIRECTIVES | USED_FTR_DIRECTIVES | frozenset({
    "strip_attr", "post_strip_attr", "prune", "tidy", "autodetect_on_failure", "single_page_link_in_feed",
    "replace_string", "find_string", "http_header", "skip_json_ld", "parser", "insert_detected_image",
    "src_lazy_load_attr", "move_into", "wrap_in", "dissolve", "convert_double_br_tags", "login_uri",
    "login_username_field", "login_password_field", "login_extra_fields", "not_logged_in_xpath",
    "requires_login", "footnotes", "skip_id_or_class"})
TEXT_DIRECTIVES = frozenset({"text_fingerprint", "text_drop", "text_keep", "text_caption",
                             "text_start_at", "text_start_after", "text_end_before",
                             "text_end_after", "text_cut", "text_list_after", "text_box", "text_title_before",
                             "text_test", "text_test_keeps", "text_test_drops"})
TEST_DIRECTIVES = frozenset({"text_test", "text_test_keeps", "text_test_drops"})
SINGLE_DIRECTIVES = TEXT_DIRECTIVES - TEST_DIRECTIVES - {"text_cut"}  # one pattern a line
CUT_SEPARATOR = " >>> "
CAPTION = "caption or credit"
APPLIED = ("text_keep", "text_caption", "text_start_at", "text_start_after", "text_end_before",
           "text_end_after", "text_list_after", "text_drop", "text_box", "text_title_before")
# An argument may hold a ')' (replace_string(<a href=")">): …): the shortest one followed by '):'.
PATTERN_FLAGS = regex.IGNORECASE | regex.V0
_LINE = compiled(r"^([A-Za-z_][\w-]*)(?:\((.{0,2000}?)\))?\s*:\s?(.*)$")


@dataclass(frozen=True)
class Pattern:
    """A text pattern, where it was written, and what any match of it needs (compiled when first
    matched, where an earlier run found that it compiles: see known.py)."""

    source: str
    where: str
    hints: Hints = Hints()

    @cached_property
    def regex(self) -> regex.Pattern:
        return compiled(self.source, PATTERN_FLAGS)

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
    folder: str = "."  # the rule file's folder: a clipping's path is relative to it
    keeps: list[Pattern | str] = field(default_factory=list)  # Patterns (ours) or strings (ftr test_contains)
    drops: list[Pattern] = field(default_factory=list)


@dataclass
class RuleFile:
    """The rules of one site (or the global rules), possibly merged from several files."""

    name: str
    paths: list[str] = field(default_factory=list)
    text: dict[str, list[Pattern]] = field(default_factory=lambda: {d: [] for d in SINGLE_DIRECTIVES})
    cuts: list[tuple[Pattern, Pattern]] = field(default_factory=list)  # text_cut: (start, end)
    xpath: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    values: dict[str, list[str]] = field(default_factory=dict)
    ignored: Counter[str] = field(default_factory=Counter)
    used: Counter[str] = field(default_factory=Counter)
    tests: list[RuleTest] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # FiveFilters lines skipped: "file:line: why"

    def merge(self, other: RuleFile) -> None:
        """Add another file's rules after this one's (a user's folder adds to the shipped rules)."""
        self.paths += other.paths
        for key, patterns in other.text.items():
            self.text[key] += patterns
        self.cuts += other.cuts
        for key, expressions in other.xpath.items():
            self.xpath.setdefault(key, []).extend(expressions)
        for key, values in other.values.items():
            self.values.setdefault(key, []).extend(values)
        self.ignored.update(other.ignored)
        self.used.update(other.used)
        self.tests += other.tests
        self.problems += other.problems


def _compile(value: str, path: str, number: int) -> Pattern:
    if len(value) > MAX_PATTERN_CHARS:
        raise RuleError(path, number, f"pattern of {len(value):,} characters, over the {MAX_PATTERN_CHARS:,} "
                                      "allowed: split it into several lines")
    found = known_hints(value)
    if found is not None:
        return Pattern(value, f"{path}:{number}", found)
    try:
        pattern = Pattern(value, f"{path}:{number}", hints(value))
        _ = pattern.regex  # compiled now: a bad one stops the run before anything is cleaned
    except regex.error as exc:
        raise RuleError(path, number, f"bad regular expression {value!r}: {exc}") from None
    remember(value, pattern.hints)
    return pattern


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
            if line.lower().startswith("text_"):  # declutter's own: strict
                raise RuleError(label, number, f"expected 'directive: value', got {line[:60]!r}")
            rules.problems.append(f"{where}: expected 'directive: value', got {line[:60]!r}")
            continue
        directive, argument, value = match.group(1).lower(), match.group(2), match.group(3).strip()
        if directive.startswith("text_"):
            _add_text_directive(rules, directive, value, label, number)
        elif directive not in FTR_DIRECTIVES:
            rules.problems.append(f"{where}: unknown directive {directive!r}{nearest(directive, FTR_DIRECTIVES)}")
        elif directive in XPATH_DIRECTIVES:
            why = _xpath_problem(directive, value)
            if why:
                rules.problems.append(f"{where}: {why}")
                continue
            rules.xpath.setdefault(directive, []).append((value, where))
            _count(rules, directive)
        else:
            rules.values.setdefault(directive, []).append(value if argument is None else f"{argument}\t{value}")
            _count(rules, directive)
            expression = _strip_xpath(directive, value)
            if expression:  # applied as the strip XPath it stands for, named by its own line
                rules.xpath.setdefault("strip", []).append((expression, where))
            if directive == "test_url":
                rules.tests.append(RuleTest(value, where))
            elif directive == "test_contains" and rules.tests and rules.tests[-1].source.startswith("http"):
                rules.tests[-1].keeps.append(value)
    for test in rules.tests:
        test.folder = str(path.parent)
    return rules


ELEMENT_DIRECTIVES = frozenset({"body", "strip"})  # XPaths that must select elements
_SAMPLE_PAGE = ("<html><head><title>t</title></head><body><div id='a' class='b'><p>x <a href='y'>z"
                "</a></p></div></body></html>")
_LAST_STEP_NOT_ELEMENT = compiled(r"(?:@[\w:.*-]+|text\(\)|comment\(\)|processing-instruction\(\))\s*$")


def _xpath_problem(directive: str, value: str) -> str | None:
    """Why a directive's XPath cannot be used (bad syntax; not elements where the directive
    removes or selects them), or None; known good from an earlier run, it is not compiled here."""
    if known_xpath(directive, value):
        return None
    from lxml import etree  # imported where a file has an XPath not known from an earlier run

    try:
        xpath = etree.XPath(value)
    except (etree.XPathSyntaxError, ValueError) as exc:
        return f"bad XPath {value[:80]!r}: {exc}"
    if directive in ELEMENT_DIRECTIVES and (why := _not_elements(xpath, value)):
        return f"{directive} XPath {value[:80]!r} {why}, not elements: it cannot remove or select anything"
    remember_xpath(directive, value)
    return None


def _not_elements(xpath: etree.XPath, expression: str) -> str | None:
    """What an XPath selects when that is not elements (a number, a string, attributes, text), else None."""
    from lxml import etree

    try:
        found = xpath(_sample_page())
    except etree.XPathError as exc:
        return f"fails when evaluated ({exc})"
    if not isinstance(found, list):
        return f"evaluates to a {'number' if isinstance(found, float) else type(found).__name__}"
    if _LAST_STEP_NOT_ELEMENT.search(expression) or any(not isinstance(item, etree._Element) for item in found):
        return "selects attributes or text"
    return None


@lru_cache(maxsize=1)
def _sample_page() -> etree._Element:
    from lxml import etree

    return etree.fromstring(_SAMPLE_PAGE)


def _strip_xpath(directive: str, value: str) -> str | None:
    """The XPath that a `strip_id_or_class` or `strip_image_src` line stands for, as FiveFilters
    applies it; None for other directives or a value that cannot be quoted."""
    token = value.strip("'\" ")
    if not token or "'" in token:
        return None
    if directive == "strip_id_or_class":
        return f"//*[contains(concat(' ',normalize-space(@class),' '),' {token} ') or contains(@id,'{token}')]"
    if directive == "strip_image_src":
        return f"//img[contains(@src,'{token}')]"
    return None


def _count(rules: RuleFile, directive: str) -> None:
    (rules.used if directive in USED_FTR_DIRECTIVES else rules.ignored)[directive] += 1


def nearest(name: str, known: Iterable[str]) -> str:
    """ " (did you mean 'strip'?)" for a misspelt directive, or nothing when none is close."""
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _add_text_directive(rules: RuleFile, directive: str, value: str, path: str, number: int) -> None:
    if directive not in TEXT_DIRECTIVES:
        raise RuleError(path, number, f"unknown directive {directive!r}{nearest(directive, TEXT_DIRECTIVES)}; "
                                      f"text directives are {', '.join(sorted(TEXT_DIRECTIVES))}")
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
        rules.cuts.append((_compile(start.strip(), path, number), _compile(end.strip(), path, number)))
    else:
        rules.text[directive].append(_compile(value, path, number))


def site_name(path: Path) -> str:
    """`rules/dw.com.txt` → `dw.com`; `.wordpress.com.txt` → `.wordpress.com`."""
    return path.name[:-4] if path.name.endswith(".txt") else path.name


