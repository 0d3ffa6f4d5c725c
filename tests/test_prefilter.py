"""The pattern prefilter only ever skips patterns that cannot match: same answers as trying all."""

from pathlib import Path

import pytest
import regex
from hypothesis import given, reject, settings
from hypothesis import strategies as st

from declutter.errors import DeclutterError
from declutter.rules import rule_book
from declutter.rules.files import APPLIED, RuleFile, _compile
from declutter.rules.matcher import Matcher
from declutter.rules.prefilter import Hints, LineScan, fold, hints, to_re2
from declutter.stages.read import decode, lines_to_blocks

CORPUS = Path(__file__).parent.parent / "corpus"


def corpus_lines() -> list[str]:
    lines = []
    for path in sorted(CORPUS.rglob("*")):
        if path.is_file() and not path.name.endswith(".expected"):
            lines += [b.bare for b in lines_to_blocks(decode(path.read_bytes()))]
    return lines


def brute_force(rules: RuleFile, directive: str, text: str):
    patterns = rules.text[directive] if directive != "*" else (
        [p for d in APPLIED for p in rules.text[d]] + [p for pair in rules.cuts for p in pair])
    return next((p for p in patterns if p.matches(text)), None)


def test_first_characters_and_needed_words():
    assert hints(r"skip to (?:the )?content").first == {"s"}
    assert hints(r"(?:\d+|one|two) min read").first >= {"o", "t", "0", "9", "٣"}  # \d is any decimal digit
    assert hints(r"[^a]bc").first is None and hints(r".{0,9}x").first is None
    floating = hints(r".{0,300}\b(?:cookies?|tracking)\b.{0,50}")
    assert floating.first is None and floating.needs.search("we use cookies") and not floating.needs.search("cook")
    assert hints(r"(?-i:By\s+\p{Lu}\w+)").first == {"b"}  # \p{..}: the regex module's syntax, still read
    assert hints(r"[\p{L}x]y").first is None and hints(r"\p{Lu}abc").first is None
    assert hints(r"\xe9t\{").first == {"é"} and hints(r"[:|]x").first == {":", "|"}
    deep = hints("a?" * 3000)  # too deep to follow: no condition, no crash while loading rules
    assert (deep.first, deep.words) == (None, None) and deep.scan == to_re2("a?" * 3000)
    for exotic in (r"[[:alpha:]]+", r"(?:foo){e<=1}", r"a{b}"):  # the regex module's own syntax, or a brace
        assert hints(exotic) == Hints() and to_re2(exotic) is None
    assert fold("ſ") == fold("S") == "s" and fold("Σ") == fold("ς")
    assert fold("ı") == fold("İ") == fold("I") == "i"  # the regex module matches them case-insensitively


def test_re2_translation_widens_or_gives_up():
    assert to_re2(r"\bcookies?\b.{0,30}") == "cookies?.*"
    assert to_re2(r"(?P<x>ab)c\u00e9{2,3}") == r"(?:ab)c\x{00e9}+"
    for unsupported in (r"(?<=a)b", r"a(?!b)", r"(a)\1", r"x*+", r"[\S]", "ıx"):
        assert to_re2(unsupported) is None
    assert LineScan.of(["a.b"]).candidates(["a\ud800b", "zzz"]) == [True, True]  # a lone surrogate: no scan
    wide = r"\x{80}-\x{10ffff}"  # past ASCII, every character: cheap for RE2, and never narrower
    assert to_re2(r"\w+") == f"[0-9A-Z_a-z{wide}]+" and to_re2(r"[\d,]") == f"[0-9{wide},]"
    assert to_re2(r"\p{Lu}") == "[" + "".join(f"\\x{{{c:02x}}}" for c in range(65, 91)) + wide + "]"
    assert to_re2(r"[^\p{Lu}\w]") == r"[^\p{Lu}\p{L}\p{N}\p{M}\p{Pc}\p{So}\x{200c}\x{200d}]"  # a negated class: exact
    assert to_re2(r"\p{Nonsense}") is None


def test_a_scan_keeps_patterns_that_start_anywhere_apart_and_knows_each_patterns_program():
    """At most SCAN_LOOSE patterns that can start anywhere share an RE2 program (together they
    multiply its states), at most SCAN_CHUNK in all; each pattern's program is the one that finds
    what it matches."""
    from declutter.rules.prefilter import SCAN_CHUNK, SCAN_LOOSE

    words = [f"word{i}" for i in range(40)]
    anywhere = [f".{{0,300}}tail{i}" for i in range(7)]
    patterns = [*anywhere[:3], *words[:20], *anywhere[3:], *words[20:]]
    scan = LineScan.of(patterns)
    if scan is None:
        pytest.skip("no RE2 here: every line is matched on its own")
    groups: dict[int, list[str]] = {}
    for pattern, program in zip(patterns, scan.program_of):
        groups.setdefault(program, []).append(pattern)
    assert sorted(groups) == list(range(len(scan.programs))) and scan.program_of == sorted(scan.program_of)
    assert all(len(g) <= SCAN_CHUNK and sum(p.startswith(".") for p in g) <= SCAN_LOOSE for g in groups.values())
    lines = ["word3", "a line ending in tail5", "word33", "nothing"]
    found = scan.programs_found(lines)
    for line, bits, pattern in zip(lines, found, ["word3", anywhere[5], "word33"]):
        assert bits >> scan.program_of[patterns.index(pattern)] & 1, line
    assert found[3] == 0


def test_shipped_rules_answer_as_if_every_pattern_were_tried():
    book = rule_book(())
    lines = corpus_lines() + ["Skip to content", "ſhare this", "3 min read", "Photo: AFP", "🎉 Share",
                              "SIGN UP FOR OUR NEWSLETTER", "We use cookies. Accept all", "SKİP TO CONTENT",
                              "sıgn up", "İmage: Reuters", "We use cookıes, accept them"]
    for rules in [book.generic, *book.lexicons.values(), *book.sites.values()]:
        applied = [p for d in APPLIED for p in rules.text[d]] + [p for pair in rules.cuts for p in pair]
        scan = LineScan.of([p.regex.pattern for p in applied])
        assert scan is not None, rules.name  # every shipped pattern has an RE2 translation
        for text, maybe in zip(lines, scan.candidates(lines)):
            assert maybe or brute_force(rules, "*", text) is None, (rules.name, text)
        matcher = Matcher(rules)
        truth = [i for i, t in enumerate(lines) if brute_force(rules, "*", t) is not None]
        assert matcher.touched(lines) == truth, rules.name
        for directive in APPLIED:  # each directive's patterns tried where the scan of them all found the line
            assert [matcher.first_match(directive, t) for t in lines] == [brute_force(rules, directive, t)
                                                                          for t in lines], (rules.name, directive)
        assert matcher.first_matches("text_drop", lines) == [brute_force(rules, "text_drop", t) for t in lines]
        matcher = Matcher(rules)  # line by line, nothing remembered from a scan
        for text in lines:
            assert matcher.touched([text]) == ([0] if brute_force(rules, "*", text) else []), (rules.name, text)
            for directive in APPLIED:
                assert matcher.first_match(directive, text) is brute_force(rules, directive, text), (rules.name, text)


PATTERNS = [r"(?:share|tweet)(?: this)?", r".{0,40}\bdonate\b.{0,40}", r"[\d,]+ comments?", r"by \w+",
            r"(?:ab|ac)+d?", r"[^x]y.{0,3}", r"(?:é|e)crit", r"\(photo\)", r"[[:alpha:]]{2}", r"(?:tweet){e<=1}"]


@given(st.text(alphabet="abcdeéxyS ſ(),0123456789sharetwigonphot", min_size=1, max_size=40))
def test_random_lines_answer_as_if_every_pattern_were_tried(text):
    rules = RuleFile(name="test")
    rules.text["text_drop"] = [_compile(p, "test.txt", n) for n, p in enumerate(PATTERNS, start=1)]
    matcher = Matcher(rules)
    assert matcher.first_match("text_drop", text) is brute_force(rules, "text_drop", text)
    assert matcher.touched([text]) == ([0] if brute_force(rules, "*", text) else [])
    scanned = rules.text["text_drop"][:-2]  # the last two have syntax only the regex module reads
    assert LineScan.of(PATTERNS[:-2]).candidates([text, "share"])[0] or not any(p.matches(text) for p in scanned)


def test_without_re2_every_line_is_matched_on_its_own(monkeypatch):
    import declutter.rules.prefilter as prefilter

    monkeypatch.setattr(prefilter, "re2", None)
    rules = RuleFile(name="test")
    rules.text["text_drop"] = [_compile(p, "test.txt", n) for n, p in enumerate(PATTERNS, start=1)]
    lines = ["share this", "nothing here", "12 comments", "by Jane"] * 3
    assert Matcher(rules).touched(lines) == [i for i in range(12) if i % 4 != 1]


ATOMS = ["share", "news", "é", "ab", "S", "ſ", "ı", "İ", "i", "0", r"\d", r"\w", r"\s", r"\S", ".", "[a-c]",
         "[^x]", r"[\d,.]", r"\b", "(?i:Ab)", "(?-i:By)", r"\(", "-", " ", r"\p{Lu}", r"\p{L}", r"(?-i:\p{Lu})",
         r"[\p{L}-]", r"[^\p{Lu}]", r"\P{L}", r"[^\w,]", r"[^\s]", r"\p{N}"]
QUANTIFIERS = ["", "", "?", "*", "+", "{0,3}", "{2,4}", "{1}", "*?"]


@st.composite
def patterns(draw, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 2 and draw(st.integers(0, 4)) == 0:
            branches = draw(st.lists(patterns(depth + 1), min_size=1, max_size=3))
            atom = "(?:" + "|".join(branches) + ")"
        else:
            atom = draw(st.sampled_from(ATOMS))
        quantifier = draw(st.sampled_from(QUANTIFIERS)) if not atom.startswith("\\b") else ""
        parts.append(atom + quantifier)
    return "".join(parts)


LINE_CHARS = "shareńnewsé abSſıİiI0129,.-x(By)\tßЖ٣\u00a0"


def test_every_atom_lets_through_every_character_it_matches():
    """Each class, escape and property of ATOMS, over every character of LINE_CHARS and a few
    more past ASCII: the scan never rules out a line the pattern matches."""
    lines = list(LINE_CHARS + "Ωπ日本語ü\u0301_\u2028") + ["ab", "By", "Ab"]
    for atom in ATOMS:
        for pattern in (atom, atom + "+", f"x?{atom}"):
            scan = LineScan.of([pattern])
            if scan is None:
                continue
            truth = [regex.fullmatch(pattern, text, regex.IGNORECASE | regex.V0) is not None for text in lines]
            for text, maybe, match in zip(lines, scan.candidates(lines), truth):
                assert maybe or not match, (pattern, text)


@settings(deadline=None)  # compiling random patterns takes what it takes on a busy machine
@given(st.lists(patterns(), min_size=1, max_size=5),
       st.lists(st.text(alphabet=LINE_CHARS, min_size=1, max_size=20), min_size=1, max_size=8))
def test_random_patterns_are_never_wrongly_ruled_out(chosen, lines):
    rules = RuleFile(name="test")
    rules.text["text_drop"] = [_compile(p, "test.txt", n) for n, p in enumerate(chosen, start=1)]
    lines = [" ".join(line.split()) or "x" for line in lines]  # lines as blocks hold them
    try:
        truth = [brute_force(rules, "text_drop", text) for text in lines]
    except DeclutterError:
        reject()  # a generated pattern can backtrack catastrophically: the 1 s limit stops it
    scan = LineScan.of(chosen)
    if scan is not None:
        for text, maybe, match in zip(lines, scan.candidates(lines), truth):
            assert maybe or match is None, (chosen, text)
    matcher = Matcher(rules)
    for text, match in zip(lines, truth):
        assert matcher.first_match("text_drop", text) is match, (chosen, text)


def test_a_page_longer_than_the_memo_keeps_its_answers_until_it_is_done(monkeypatch):
    import declutter.rules.matcher as matcher_module

    monkeypatch.setattr(matcher_module, "MEMO_SIZE", 10)
    rules = RuleFile(name="test")
    rules.text["text_drop"] = [_compile(p, "test.txt", n) for n, p in enumerate(PATTERNS[:4], start=1)]
    matcher = Matcher(rules)
    matched = []
    tried = matcher._try
    monkeypatch.setattr(matcher, "_try", lambda d, t: matched.append(t) or tried(d, t))
    page = [f"line {i}" for i in range(40)] + ["share this", "12 comments", "by Jane"]
    assert matcher.touched(page) == [i for i, t in enumerate(page) if brute_force(rules, "*", t) is not None]
    assert len(matcher._answers("*")) == len(page)  # nothing forgotten mid-page
    assert sorted(matched) == sorted(set(matched))  # and no line matched twice
    matcher.touched(["another page"] * 8 + [f"other {i}" for i in range(8)])
    assert len(matcher._answers("*")) <= 16  # forgotten as the next page started
