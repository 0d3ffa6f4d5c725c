"""Matching one rule file's patterns against a page's lines: the same answers as trying every
pattern on every line, at a fraction of the cost.

Three things make it cheap, all behind this class's few methods (stages never see them):
- a memo of answers per line text (menus and footers repeat across pages, and a page's kept
  lines are matched again when it settles);
- one RE2 scan of a page's new lines, which rules most of them out at once (prefilter.LineScan);
- for a remaining line, only the patterns of the scan's programs that found it, and of those
  only the ones that can start with its first character, or that can start anywhere and whose
  needed words it holds (prefilter.hints).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..memo import Memo
from .files import APPLIED, Pattern, RuleFile
from .prefilter import LineScan, bucket, loose

MEMO_SIZE = 100_000  # remembered answers per directive: over this, forgotten before the next page
MAX_MEMO_SIZE = 1_000_000  # ... and, past this, within a page too (a bound for callers that never scan)
MIN_SCAN_LINES = 8  # fewer new lines than this are matched one by one
ANY = "*"  # every applied directive at once: "may some pattern of this file match this line?"
CUTS = "text_cut"  # the memo of which cuts a line starts and ends
_UNSEEN = object()  # no answer remembered yet (None is an answer: no pattern matches)

Shortlist = tuple[tuple[int, ...], list[tuple[int, re.Pattern[str]]]]


class Matcher:
    """The patterns of one rule file, matched against line texts (whole line, case-insensitive)."""

    def __init__(self, rules: RuleFile) -> None:
        self.rules = rules
        self._memo: dict[str, Memo[str, object]] = {}
        self._found: dict[str, dict[str, int]] = {}  # per directive, a scanned text → the programs that found it
        self._scans: dict[str, LineScan | None] = {}
        self._shortlists: dict[tuple[str, str | None], Shortlist] = {}
        self._applied = [p for d in APPLIED for p in rules.text[d]] + [p for pair in rules.cuts for p in pair]
        starts = [0]
        for directive in APPLIED:
            starts.append(starts[-1] + len(rules.text[directive]))
        self._offsets = dict(zip(APPLIED, starts))  # where each applied directive's patterns start among them
        self._cuts_at = starts[-1]  # … and the cuts' markers, after them all (start, end, start, end …)
        patterns = [p for items in rules.text.values() for p in items] + [p for pair in rules.cuts for p in pair]
        self._starts: frozenset[str] = frozenset().union(*(p.hints.first for p in patterns if p.hints.first))

    def first_match(self, directive: str, text: str) -> Pattern | None:
        """The first pattern, in file order, of a directive that matches text."""
        memo = self._memo.get(directive)  # (asked hundreds of times a page: the quick way first)
        if memo is None:
            if not self.rules.text[directive]:
                return None
            memo = self._answers(directive)
        answer = memo.get(text, _UNSEEN)
        if answer is _UNSEEN:
            answer = memo.remember(text, self._try(directive, text))
        return answer  # type: ignore[return-value]

    def first_matches(self, directive: str, texts: Sequence[str]) -> list[Pattern | None]:
        """first_match of every text, after one scan of them all."""
        self._rule_out(directive, texts)
        return [self.first_match(directive, t) for t in texts]

    def cut_marks(self, text: str) -> tuple[int, int]:
        """Which of the file's cuts (rules.cuts; cut k as bit k) text starts, and which it ends:
        remembered per text, each marker tried only where the page scan let the text through."""
        memo = self._answers(CUTS)
        answer = memo.get(text, _UNSEEN)
        if answer is _UNSEEN:
            answer = memo.remember(text, self._cut_marks(text))
        return answer  # type: ignore[return-value]

    def touched(self, texts: Sequence[str]) -> list[int]:
        """Indices of the texts some applied pattern (not a test, not a fingerprint) may match,
        so that the other lines skip every directive at once."""
        self._rule_out(ANY, texts)
        memo = self._answers(ANY)
        found = []
        for index, text in enumerate(texts):
            answer = memo.get(text, _UNSEEN)
            if answer is _UNSEEN:
                answer = memo.remember(text, self._try(ANY, text) is not None)
            if answer:
                found.append(index)
        return found

    def warm_up(self, directive: str = ANY) -> None:
        """Build a directive's page scan now (before worker processes fork, so that they share it)."""
        self._scan(directive)

    def _rule_out(self, directive: str, texts: Sequence[str]) -> None:
        """Remember "no match" for the texts one scan of them all rules out; texts seen before
        are not scanned again. Called as a page starts, so the memo is trimmed here."""
        for key, answers in self._memo.items():  # a page starts: forget here, never within a page
            if len(answers) > MEMO_SIZE:
                answers.clear()
                self._found.pop(key, None)
        memo = self._answers(directive)
        unseen = [t for t in dict.fromkeys(texts) if t not in memo]
        if len(unseen) < MIN_SCAN_LINES:
            return
        scan = self._scan(directive)
        if scan is not None:
            answer = False if directive == ANY else None  # as touched() and first_match() answer
            found = scan.programs_found(unseen)
            memo.make_room(len(unseen))
            memo.update((text, answer) for text, programs in zip(unseen, found) if not programs)
            self._found.setdefault(directive, {}).update((t, p) for t, p in zip(unseen, found) if p)

    def _scan(self, directive: str) -> LineScan | None:
        if directive not in self._scans:
            self._scans[directive] = LineScan.of_translated([p.hints.scan for p in self._patterns(directive)])
        return self._scans[directive]

    def _try(self, directive: str, text: str) -> Pattern | None:
        """The first pattern of a directive (ANY: every applied one) that matches text, trying only
        those text's first character and words allow (see prefilter.py)."""
        patterns = self._patterns(directive)
        always, conditional = self._shortlist(directive, bucket(text, self._starts))
        # The programs of the page scan that found the text: the directive's own scan's, else the
        # scan of every applied pattern's (a directive's patterns lie among them from its offset).
        found, offset = self._found_by(directive, text), 0
        if found is None and directive in self._offsets:
            found, offset = self._found_by(ANY, text), self._offsets[directive]
        folded = loose(text) if conditional else ""
        if found is None:
            chosen = [*always, *(i for i, needs in conditional if needs.search(folded))]
        else:
            programs, program_of = found
            chosen = [i for i in always if programs >> program_of[offset + i] & 1]
            chosen += [i for i, needs in conditional if programs >> program_of[offset + i] & 1 and needs.search(folded)]
        return next((patterns[i] for i in sorted(chosen) if patterns[i].matches(text)), None)

    def _cut_marks(self, text: str) -> tuple[int, int]:
        found = self._found_by(ANY, text)
        marks = [0, 0]
        for k, pair in enumerate(self.rules.cuts):
            for side, pattern in enumerate(pair):
                at = self._cuts_at + 2 * k + side
                if (found is None or found[0] >> found[1][at] & 1) and pattern.matches(text):
                    marks[side] |= 1 << k
        return marks[0], marks[1]

    def _found_by(self, scan: str, text: str) -> tuple[int, list[int]] | None:
        """The programs of a scan (a directive's, or ANY's) that found text, as bits, and each of
        its patterns' program; None where that scan did not see the text (every pattern may match)."""
        programs = self._found.get(scan, {}).get(text)
        scanned = self._scans.get(scan)
        return None if programs is None or scanned is None else (programs, scanned.program_of)

    def _patterns(self, directive: str) -> list[Pattern]:
        return self._applied if directive == ANY else self.rules.text[directive]

    def _shortlist(self, directive: str, start: str | None) -> Shortlist:
        """Indices of the patterns that can match a line starting with `start`: those always
        possible, and those possible only if the line holds one of their needed words."""
        key = (directive, start)
        if key not in self._shortlists:
            # Needed words are checked only for patterns that can start anywhere: they are the costly ones.
            possible = [(i, p.hints.needs if p.hints.first is None else None)
                        for i, p in enumerate(self._patterns(directive))
                        if start is None or p.hints.first is None or start in p.hints.first]
            self._shortlists[key] = (tuple(i for i, needs in possible if needs is None),
                                     [(i, needs) for i, needs in possible if needs is not None])
        return self._shortlists[key]

    def _answers(self, directive: str) -> Memo[str, object]:
        memo = self._memo.get(directive)
        if memo is None:
            memo = self._memo[directive] = Memo(MAX_MEMO_SIZE)
        return memo
