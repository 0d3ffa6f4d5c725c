"""Cheap necessary conditions for a text pattern to match a line, so that most lines are tried
against few patterns.

Rule patterns are mostly alternations of words ("skip to content", "share this", ...): a line
starting with "T" is only tried against the patterns that can start with "t". Patterns that can
start anywhere (".{0,300}\\bcookies?\\b...") are only tried on lines holding one of the words
they cannot match without. The analysis reads Python's own parse of a pattern and, whenever it
is unsure, answers "no condition": it can only widen, never narrow, what a pattern is tried on.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

import numpy as np
import regex

from ..compiled import compiled

try:
    import re2
except ImportError:  # an accelerator only: without it every line is matched on its own
    re2 = None

if sys.version_info >= (3, 11):  # the parser's opcodes and the parser itself
    from re import _constants as sre
    from re import _parser
else:
    import sre_constants as sre
    import sre_parse as _parser

BMP = 0x10000
MAX_CLASS = 128  # a character class wider than this counts as "any character"
MAX_WORDS = 64  # needed words: more alternatives than this are no condition worth checking
MIN_WORD = 2
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None))
_PROPERTY = compiled(r"\\[pP]\{[^}]*\}|\\[pP]\w")  # \p{Lu}: the regex module's, not re's
# Syntax Python's parser and RE2 read otherwise than the regex module: POSIX classes ([[:alpha:]])
# and fuzzy matching ((?:foo){e<=1}), or a brace that is no repeat count (looked for once \p{..},
# \x{..} and \N{..} are taken out). No hints, no scan.
_ESCAPED_BRACES = compiled(r"\\[pPxN]\{[^}]*\}")
_EXOTIC = compiled(r"\[:\^?[A-Za-z]+:\]|(?<!\\)\{(?!\d*,?\d*\})")


def _exotic(pattern: str) -> bool:
    return _EXOTIC.search(_ESCAPED_BRACES.sub("", pattern)) is not None


def _plain_i(text: str) -> str:
    """text with the Turkish ı and İ made i and I. The regex module's case-insensitive matching
    takes them for i and I, casefold() and RE2 do not: both sides of every comparison go through
    this first. (str.replace, because str.translate is slower where they are absent.)"""
    return text.replace("ı", "i").replace("İ", "I")


@dataclass(frozen=True)
class Hints:
    """What any match of a pattern needs: a first character among `first` (folded; None: any),
    and, where `needs` is set, one of its words somewhere in the casefolded line; and the
    pattern as the page scan reads it (`scan`, see to_re2; None where it has no such form)."""

    first: frozenset[str] | None = None
    words: str | None = None  # the needed words, as a pattern (compiled into `needs` when first asked)
    scan: str | None = None

    @cached_property
    def needs(self) -> re.Pattern | None:
        return None if self.words is None else re.compile(self.words)


def hints(pattern: str) -> Hints:
    """The hints of a pattern (no condition where the analysis is unsure)."""
    scan = to_re2(pattern)
    if _exotic(pattern):
        return Hints(scan=scan)
    try:
        # \w: "any character" to this analysis, in a class or out of one (as \p{..} may be)
        parsed = list(_parser.parse(_PROPERTY.sub(r"\\w", pattern), re.IGNORECASE).data)
        first = _sequence(parsed, 0)
        runs = [run for run in _runs(parsed) if "" not in run and min(map(len, run)) >= MIN_WORD]
    except (re.error, RecursionError, OverflowError, ValueError):
        # syntax only the regex module knows, or a pattern too deep to follow: try it on every line
        return Hints(scan=scan)
    words = max(runs, key=lambda run: min(map(len, run)), default=None)
    needs = "|".join(map(re.escape, sorted(words, key=len, reverse=True))) if words else None
    return Hints(None if first is None else frozenset(first - {""}), needs, scan)


def fold(char: str) -> str:
    """One key for the characters a case-insensitive pattern treats as one: 's', 'S' and 'ſ' give
    's'; 'i', 'I', 'ı' and 'İ' give 'i'."""
    upper = _plain_i(char).upper()
    return (upper.lower() if len(upper) == 1 else char.lower())[:1]


def loose(text: str) -> str:
    """text as needed words are looked for in it: casefolded, Turkish i's made plain."""
    return _plain_i(text).casefold()


def bucket(text: str, starts: frozenset[str]) -> str | None:
    """Which patterns to try on text: those that can start with this folded character; "" for
    only those that can start with any character; None for all of them (a rare first character
    the analysis does not cover)."""
    if not text or ord(text[0]) >= BMP:
        return None
    start = fold(text[0])
    return start if start in starts else ""


def _sequence(items: list, index: int) -> set[str] | None:
    """First characters of items[index:], with "" when they can match the empty string."""
    if index == len(items):
        return {""}
    op, value = items[index]
    if op is sre.LITERAL:
        return {fold(chr(value))}
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _sequence(items, index + 1)  # zero-width: what follows comes first
    if op is sre.IN:
        return _then(_class(value), items, index)
    if op is sre.SUBPATTERN:
        return _then(_sequence(list(value[-1]), 0), items, index)
    if op is sre.BRANCH:
        found: set[str] = set()
        for branch in value[1]:
            chars = _sequence(list(branch), 0)
            if chars is None:
                return None
            found |= chars
        return _then(found, items, index)
    if op in _REPEATS:
        low, _, item = value
        chars = _sequence(list(item), 0)
        if chars is not None and low == 0:
            chars = chars | {""}
        return _then(chars, items, index)
    return None  # any character, a category (\w, \d), a back-reference: anything may come first


def _then(chars: set[str] | None, items: list, index: int) -> set[str] | None:
    """chars, and when they may be empty, also what follows items[index]."""
    if chars is None or "" not in chars:
        return chars
    rest = _sequence(items, index + 1)
    return None if rest is None else (chars - {""}) | rest


@lru_cache(maxsize=1)
def _categories() -> dict:
    """The characters of the Basic Multilingual Plane in \\d and \\s (or wider: str.isspace
    takes four control characters \\s does not). Lines starting beyond that plane try every
    pattern (see `bucket`)."""
    chars = list(map(chr, range(BMP)))
    return {sre.CATEGORY_DIGIT: set(filter(str.isdecimal, chars)), sre.CATEGORY_SPACE: set(filter(str.isspace, chars))}


def _class(members: list) -> set[str] | None:
    found: set[str] = set()
    for op, value in members:
        if op is sre.CATEGORY and value in _categories():
            found |= _categories()[value]
        elif op is sre.LITERAL:
            found.add(fold(chr(value)))
        elif op is sre.RANGE and value[1] - value[0] < MAX_CLASS:
            found.update(fold(chr(c)) for c in range(value[0], value[1] + 1))
        else:  # negated classes, categories, wide ranges
            return None
    return found


def _runs(items: list) -> list[set[str]]:
    """Sets of strings, one of each set in every match: runs of mandatory literal items."""
    runs, current = [], {""}
    for op, value in items:
        strings = _strings([(op, value)])
        if strings is not None and len(strings) * len(current) <= MAX_WORDS:
            current = {a + b for a in current for b in strings}
            continue
        runs.append(current)
        current = strings if strings is not None and len(strings) <= MAX_WORDS else {""}
        if strings is None and op is sre.SUBPATTERN:
            runs += _runs(list(value[-1]))
        elif strings is None and op in _REPEATS and value[0] >= 1:
            runs += _runs(list(value[2]))
    return runs + [current]


def _strings(items: list) -> set[str] | None:
    """Every string (as `loose` leaves it) items can match, when they are few; else None."""
    found = {""}
    options: set[str] | None
    for op, value in items:
        if op is sre.LITERAL:
            options = {loose(chr(value))}
        elif op is sre.AT:
            continue
        elif op is sre.IN:
            chars = _class(value) if len(value) <= MAX_WORDS else None
            options = None if chars is None or len(chars) > MAX_WORDS else set(map(loose, chars))
        elif op is sre.SUBPATTERN:
            options = _strings(list(value[-1]))
        elif op is sre.BRANCH:
            options = set()
            for branch in value[1]:
                strings = _strings(list(branch))
                options = None if options is None or strings is None else options | strings
        elif op in _REPEATS and value[1] <= 1:
            options = _strings(list(value[2]))
            options = None if options is None else options | ({""} if value[0] == 0 else set())
        else:
            return None
        if options is None or len(options) * len(found) > MAX_WORDS:
            return None
        found = {a + b for a in found for b in options}
    return found


# A whole page at once: RE2 (a DFA, linear time) tells which lines some pattern may match, in one
# pass over the page per few patterns. Patterns are translated to RE2's syntax loosely, so that
# the translation matches at least what the original does: \b is dropped, {m,n} becomes * or +,
# \w, \d, \s and a Unicode property (\p{Lu}) become the ASCII characters they hold plus every
# character past ASCII: RE2 compiles and runs such a class at a fraction of a Unicode class's cost
# (a run's first page scanned 7 times faster), and a line it lets through more is matched
# exactly all the same. In a negated class they stay exact. Lines it picks are matched exactly.
SCAN_CHUNK = 16  # patterns per RE2 program: much larger alternations outgrow the DFA's cache
# Patterns that can start anywhere in a line (".{0,300}© …"), per program: together in one DFA they
# multiply its states. Scans of bench's and bench3's clippings: 1 a program 175 and 184 ms, 2 159
# and 161 ms, 3 165 and 178 ms, no limit 162 and 225 ms.
SCAN_LOOSE = 2
_WIDE = r"\x{80}-\x{10ffff}"  # every character past ASCII: a class is widened to it, cheap for RE2
_WORD = "0-9A-Z_a-z" + _WIDE  # wider than the regex module's \w
_SPACE = r"\t-\r\x{20}\x{1c}-\x{1f}" + _WIDE  # and than its \s
_DIGIT = "0-9" + _WIDE  # and than its \d
_EXACT_WORD = r"\p{L}\p{N}\p{M}\p{Pc}\p{So}\x{200c}\x{200d}"  # \w, in a negated class (never narrower)
_EXACT_SPACE = r"\t-\r\x{20}\p{Z}\x{85}\x{1c}-\x{1f}"
_COUNTED = re.compile(r"\{(\d*)(,?)(\d*)\}")
_UNSUPPORTED_GROUPS = ("(?=", "(?!", "(?<=", "(?<!", "(?>", "(?#", "(?|", "(?&", "(?R", "(?(", "(?P=", "(?P>")


@cache
def _wide_property(escape: str) -> str | None:
    """A class's inside for a Unicode property (\\p{Lu}, \\P{L}): the ASCII characters it
    holds, and every character past ASCII; None where the regex module does not know it."""
    try:
        test = regex.compile(escape)
    except regex.error:
        return None
    return "".join(f"\\x{{{c:02x}}}" for c in range(128) if test.fullmatch(chr(c))) + _WIDE


def to_re2(pattern: str) -> str | None:
    """An RE2 pattern matching at least every line pattern fully matches, or None where there is
    none this translation can give (look-arounds, back-references, unusual escapes)."""
    if "ı" in pattern or "İ" in pattern or _exotic(pattern):
        return None  # scanned text has ı and İ made plain (see LineScan.candidates)
    out: list[str] = []
    index, in_class, negated, size = 0, False, False, len(pattern)
    while index < size:
        char = pattern[index]
        if char == "\\":
            escape = pattern[index + 1:index + 2]
            if not escape:
                return None  # a pattern ending in a lone backslash: no pattern at all (its compiling says so)
            if escape in ("p", "P"):
                end = pattern.find("}", index) + 1 if pattern[index + 2:index + 3] == "{" else index + 3
                if end <= index:
                    return None
                wide = _wide_property(pattern[index:end])
                if wide is None:
                    return None
                out.append(pattern[index:end] if negated else wide if in_class else f"[{wide}]")
                index = end
                continue
            digits = {"x": 2, "u": 4, "U": 8}.get(escape, 0)
            if digits:
                code = pattern[index + 2:index + 2 + digits]
                if len(code) < digits or not all(c in "0123456789abcdefABCDEF" for c in code):
                    return None
                out.append(f"\\x{{{code}}}")
                index += 2 + digits
                continue
            if escape in "wsd" and negated:  # in a negated class, the exact class (as wide as can be)
                out.append({"w": _EXACT_WORD, "s": _EXACT_SPACE, "d": r"\p{Nd}"}[escape])
            elif escape in "wsd":
                wide = {"w": _WORD, "s": _SPACE, "d": _DIGIT}[escape]
                out.append(wide if in_class else f"[{wide}]")
            elif escape in ("S", "W", "D") and not in_class:
                out.append(r"[^\n]")
            elif escape in ("b", "B") and not in_class:
                pass  # a word boundary only narrows a match: leave it out
            elif escape in ("n", "t", "r", "f", "v") or (escape and not escape.isalnum()):
                out.append(pattern[index:index + 2])
            else:
                return None
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = negated = False
            out.append("\\[" if char == "[" else char)
            index += 1
            continue
        if char == "[":
            in_class, index = True, index + 1
            negated = pattern[index:index + 1] == "^"
            out.append("[")
            for special in ("^", "]"):
                if pattern[index:index + 1] == special:
                    out.append(special if special == "^" else "\\]")
                    index += 1
            continue
        if pattern.startswith(_UNSUPPORTED_GROUPS, index):
            return None
        if pattern.startswith(("(?P<", "(?<"), index):  # a named group: only its content counts
            index = pattern.find(">", index) + 1
            if not index:
                return None
            out.append("(?:")
            continue
        if char == "{":
            counted = _COUNTED.match(pattern, index)
            if counted and (counted.group(1) or counted.group(3)):
                out.append("*" if int(counted.group(1) or 0) == 0 else "+")
                index = counted.end()
                continue
            out.append("\\{")
            index += 1
            continue
        if char in "*+?}" and pattern[index + 1:index + 2] == "+":
            return None  # possessive
        out.append(char)
        index += 1
    return None if in_class else "".join(out)


def _groups(translated: list[str]) -> list[list[str]]:
    """The patterns in runs of at most SCAN_CHUNK, each holding at most SCAN_LOOSE that can start
    anywhere, in their order."""
    groups: list[list[str]] = [[]]
    loose = 0
    for pattern in translated:
        body = pattern
        while body.startswith("(?:"):
            body = body[3:]
        starts_anywhere = body.startswith((".", "[^"))
        if len(groups[-1]) == SCAN_CHUNK or (starts_anywhere and loose == SCAN_LOOSE):
            groups.append([])
            loose = 0
        groups[-1].append(pattern)
        loose += starts_anywhere
    return groups


class LineScan:
    """Which lines some of a list of patterns may fully match, from a few RE2 passes over them all."""

    def __init__(self, programs: list, program_of: list[int]) -> None:
        self.programs = programs
        self.program_of = program_of  # each pattern's program, in the order the patterns were given

    @classmethod
    def of(cls, patterns: list[str]) -> LineScan | None:
        """The scan of these patterns, or None where RE2 is missing or cannot take one of them."""
        return cls.of_translated([to_re2(p) for p in patterns])

    @classmethod
    def of_translated(cls, translated: list[str | None]) -> LineScan | None:
        """The scan of patterns given as to_re2 gives them (None: a pattern without an RE2
        form), or None where RE2 is missing or one has no such form."""
        if re2 is None or not translated or None in translated:
            return None
        options = re2.Options()
        options.case_sensitive, options.never_nl, options.log_errors = False, True, False
        groups = _groups([t for t in translated if t is not None])  # none is None here
        try:
            programs = [re2.compile("(?m)^(?:" + "|".join(f"(?:{t})" for t in group) + ")$", options)
                        for group in groups]
        except re2.error:
            return None
        return cls(programs, [k for k, group in enumerate(groups) for _ in group])

    def candidates(self, texts: list[str]) -> list[bool]:
        """For each text (a line, without newline), whether some pattern may match it."""
        return [mask != 0 for mask in self.programs_found(texts)]

    def programs_found(self, texts: list[str]) -> list[int]:
        """For each text, the programs that found it, as bits (pattern i is program_of[i]'s);
        every bit where the scan cannot tell."""
        every = (1 << len(self.programs)) - 1
        joined = "\n".join(texts)
        try:
            data = _plain_i(joined).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: RE2 would not see it as a character
            return [every] * len(texts)
        if joined.count("\n") != len(texts) - 1:  # a text holding a newline: lines would not line up
            return [every] * len(texts)
        starts = np.flatnonzero(np.frombuffer(data, np.uint8) == 10) + 1
        starts = np.concatenate(([0], starts))
        found = np.zeros(len(texts), np.int64)
        for bit, program in enumerate(self.programs):
            hits = [m.start() for m in program.finditer(data)]
            if hits:
                found[np.searchsorted(starts, hits, "right") - 1] |= 1 << bit
        return found.tolist()
