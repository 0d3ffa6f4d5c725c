"""`declutter rules learn`: write a site's rule file from a few of its clippings.

Lines that repeat across the clippings are the site's chrome. Numbers, month and day names are
generalised ("Comments (12)" and "Comments (3)" are one line), the repeated lines become drops,
the ones only this site prints become fingerprints, and the repeated lines that come just
before and just after the articles become start and end markers.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..document import Block, Document
from ..errors import InputError
from ..options import (
    FINGERPRINT_SHARE,
    LEARN_TEMPLATE_SHARE,
    MARKER_MAJORITY,
    MAX_FINGERPRINTS,
    MIN_CLIPPINGS,
    PROSE_WORDS,
)
from ..rules import RuleBook
from ..stages.read import read

_SPECIAL = re.compile(r"([.^$*+?{}\[\]\\|()])")
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAYS = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_MONTH_WORD = re.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                         r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\?\.?(?= |$|,)")
_DAY_WORD = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\\?\.?(?= |$|,)")


def shape(text: str) -> str:
    """A whole-line pattern for a line, with numbers, months and weekdays generalised."""
    pattern = _SPECIAL.sub(r"\\\1", text.lower())  # escape only what regexes treat specially: stays readable
    pattern = re.sub(r"\d+", r"\\d+", pattern)
    pattern = _MONTH_WORD.sub(_MONTHS, pattern)
    return _DAY_WORD.sub(_DAYS, pattern)


@dataclass
class Learned:
    """What was learned, ready to be written as a rule file."""

    site: str
    clippings: int
    fingerprints: list[str] = field(default_factory=list)
    start_after: str | None = None
    end_before: str | None = None
    drops: list[tuple[str, int, str]] = field(default_factory=list)  # shape, clippings, an example
    generic: int = 0

    def render(self) -> str:
        lines = [f"# Rules for {self.site}, learned by `declutter rules learn` from {self.clippings} clippings.",
                 "# Edit freely: every pattern matches a whole line, case-insensitively (see rules/README.md).", ""]
        if self.fingerprints:
            lines += ["# Lines only this site prints: they identify a clipping that carries no URL."]
            lines += [f"text_fingerprint: {f}" for f in self.fingerprints] + [""]
        if self.start_after or self.end_before:
            lines += ["# Where the article starts and ends."]
            if self.start_after:
                lines.append(f"text_start_after: {self.start_after}")
            if self.end_before:
                lines.append(f"text_end_before: {self.end_before}")
            lines.append("")
        if self.drops:
            lines += ["# Lines repeated across the clippings (menus, appeals, footers): the site's chrome.",
                      "# After each: in how many clippings it was seen, and one example."]
            for pattern, count, example in self.drops:
                lines += [f"text_drop: {pattern}", f"#   {count}/{self.clippings}: {example[:100]}"]
        if self.generic:
            lines += ["", f"# {self.generic} more repeated lines are already dropped by the generic rules."]
        return "\n".join(lines) + "\n"


def _template_runs(shapes: list[str], template: set[str], start: int) -> list[tuple[int, int]]:
    """(first index, length) of each run of two or more consecutive template lines from `start`."""
    runs, index = [], start
    while index < len(shapes):
        if shapes[index] in template:
            end = index
            while end + 1 < len(shapes) and shapes[end + 1] in template:
                end += 1
            if end > index:
                runs.append((index, end - index + 1))
            index = end + 1
        else:
            index += 1
    return runs


# A line this long that not nearly every clipping prints is some story's (a teaser of the
# related-articles box, a quote), and may be the headline of the next clipping: no chrome.
STORY_WORDS = 5
MIN_MARKER_WORDS = 2  # a one-word marker ("Home", the site's name) is also printed above articles


def _is_prose(text: str) -> bool:
    """A line long enough to be prose that ends a sentence: article text, even when repeated."""
    return len(text.split()) >= PROSE_WORDS and text.rstrip()[-1:] in '.!?"”'


def _outside(marker: str, docs: list[list[Block]], article_starts: list[int], *, after: bool) -> bool:
    """Whether every line of that shape stands after (end markers) or before (start markers) the
    article's first line, in every clipping."""
    for blocks, first in zip(docs, article_starts):
        for index, block in enumerate(blocks):
            if shape(block.bare) == marker and (index < first if after else index > first):
                return False
    return True


def _shapes(content: bytes) -> set[str]:
    try:
        return {shape(b.bare) for b in read(content).blocks}
    except InputError:
        return set()


def rule_file_name(site: str) -> str:
    """The name of a site's rule file: its host, without www."""
    return f"{site.lower().removeprefix('www.')}.txt"


def learn(clippings: Sequence[bytes], site: str, generic: RuleBook | None = None) -> Learned:
    """Learn a site's rules from its clippings (at least MIN_CLIPPINGS)."""
    docs = []
    for content in clippings:
        try:
            docs.append(read(content).blocks)
        except InputError:
            continue  # an empty or binary file teaches nothing
    n = len(docs)
    if n < MIN_CLIPPINGS:
        raise InputError(f"need at least {MIN_CLIPPINGS} readable clippings of the site, got {n}")
    seen: Counter[str] = Counter()
    example: dict[str, str] = {}
    for blocks in docs:
        for block in blocks:
            example.setdefault(shape(block.bare), block.text)
        seen.update({shape(b.bare) for b in blocks})
    template = {s for s, count in seen.items() if count >= max(2, math.ceil(LEARN_TEMPLATE_SHARE * n))}
    learned = Learned(site=site, clippings=n)

    starts: Counter[str] = Counter()
    ends: Counter[str] = Counter()
    for blocks in docs:
        shapes = [shape(b.bare) for b in blocks]
        first = next((i for i, s in enumerate(shapes) if s not in template), None)
        if first is None:
            continue
        before = [s for s in shapes[:first] if s in template]
        if before:
            starts[before[-1]] += 1
        # The article ends where a run of chrome lines begins: the first run of three or more
        # (a footer, an appeal, a comment box), else of two. A lone repeated line inside it
        # ("Advertisement", a newsletter plug) is dropped, not taken for the end.
        runs = _template_runs(shapes, template, start=first + 1)
        end = next((i for i, length in runs if length >= 3), runs[0][0] if runs else None)
        if end is not None:
            ends[shapes[end]] += 1
    article_starts = [next((i for i, b in enumerate(blocks) if shape(b.bare) not in template), len(blocks))
                      for blocks in docs]
    for counter, attribute in ((starts, "start_after"), (ends, "end_before")):
        # A marker must stand on the same side of the article in every clipping that has it: an
        # end marker also printed above an article (a "Related" box at the top) would cut it all.
        safe = [(marker, count) for marker, count in counter.most_common()
                if len(example[marker].split()) >= MIN_MARKER_WORDS
                and _outside(marker, docs, article_starts, after=attribute == "end_before")]
        if safe and safe[0][1] >= MARKER_MAJORITY * n:
            setattr(learned, attribute, safe[0][0])

    matchers = [] if generic is None else [generic.matcher(f) for f in (generic.generic, *generic.lexicons.values())]

    def generic_says(directives: tuple[str, ...], text: str) -> bool:
        return any(m.first_match(d, text) for m in matchers for d in directives)

    ordered = sorted(template, key=lambda s: (-seen[s], s))
    for pattern in ordered:
        text = Block(text=example[pattern], raw=example[pattern], line=0).bare
        if len(text.split()) >= STORY_WORDS and seen[pattern] < FINGERPRINT_SHARE * n:
            continue  # a headline or sentence a few clippings share (a teaser, a quote) is a story's
        if generic_says(("text_keep", "text_caption"), text):
            continue  # a photo credit the site repeats ("Photo: Reuters") is still a caption
        if generic_says(("text_drop",), text):
            learned.generic += 1
        else:
            learned.drops.append((pattern, seen[pattern], example[pattern]))
    for min_words in (3, 2):  # prefer longer lines: the shorter, the likelier another site prints them
        distinctive = [p for p, count, text in learned.drops
                       if count >= FINGERPRINT_SHARE * n and len(text.split()) >= min_words]
        if len(distinctive) >= 2:
            break
    learned.fingerprints = sorted(distinctive, key=lambda p: -len(example[p]))[:MAX_FINGERPRINTS]
    return learned


@dataclass(frozen=True)
class Check:
    """One clipping cleaned with rules learned from the others, and without them."""

    name: str
    words_without: int
    words_with: int
    prose_lost: list[str]  # prose lines kept without the rules that the rules drop

    @property
    def hurts(self) -> bool:
        return bool(self.prose_lost)


def cleaned_both_ways(others: Sequence[bytes], content: bytes, site: str,
                      generic: RuleBook) -> tuple[Document, Document] | None:
    """A clipping cleaned with the rules learned from the others, and without site rules; None
    when the others teach nothing or the clipping cannot be cleaned."""
    import tempfile
    from pathlib import Path

    from ..options import Options
    from ..pipeline import clean_input
    from ..rules import rule_book

    try:
        learned = learn(others, site, generic)
    except InputError:
        return None
    url = f"https://{rule_file_name(site).removesuffix('.txt')}/"
    with tempfile.TemporaryDirectory(prefix="declutter-learn-") as folder:
        (Path(folder) / rule_file_name(site)).write_text(learned.render(), encoding="utf-8")
        with_rules = clean_input(content, url=url, options=Options(rules=(folder,)), book=rule_book((folder,)))
    without = clean_input(content, url=url, options=Options(site_rules=False), book=generic)
    return None if with_rules.doc is None or without.doc is None else (with_rules.doc, without.doc)


def leave_one_out(clippings: Sequence[tuple[str, bytes]], site: str, generic: RuleBook) -> list[Check]:
    """Each clipping cleaned with the rules learned from all the others (when they are enough)
    and without rules: the articles' prose lines the rules would lose, per clipping."""
    shapes = [_shapes(content) for _, content in clippings]  # each clipping read once
    checks = []
    for index, (name, content) in enumerate(clippings):
        both = cleaned_both_ways([c for i, (_, c) in enumerate(clippings) if i != index], content, site, generic)
        if both is None:
            continue
        with_rules, without = both
        kept = {b.line for b in with_rules.blocks if b.kept}
        elsewhere = set().union(*(s for i, s in enumerate(shapes) if i != index))
        lost = [b.text for b in without.blocks if b.kept and b.line not in kept and _is_prose(b.text)
                and shape(b.bare) not in elsewhere]  # a line other clippings repeat is the site's, not the article's
        checks.append(Check(name, len(without.text.split()), len(with_rules.text.split()), lost))
    return checks
