"""Properties over generated inputs: ordered subset, idempotence, only declutter's own errors."""

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import declutter
from declutter.errors import RuleError
from declutter.rules import parse_rule_file
from declutter.stages.read import read

LINES = st.sampled_from([
    "Skip to content", "Home", "World", "Politics", "Share this:", "Read more: Another story",
    "Sign up for our newsletter", "Leave a Reply", "By Jane Doe", "January 16, 2019", "  • reader42",
    "    I think this is wrong.", "Image: Agency/Photographer", "Advertisement", "",
    "The minister said on Wednesday that the talks would continue in the spring.",
    "Both sides were ready to compromise, officials said, although no date was set for a new round.",
    "“We are not in a hurry,” he told reporters after the meeting in the capital on Monday evening.",
    "Critics said the plan would cost more than the government had admitted in its budget last year.",
    "Résumé des négociations : les deux parties se retrouveront au printemps prochain à Genève.",
    "Die Gespräche sollen im Frühjahr fortgesetzt werden, sagte der Minister am Mittwoch.",
    "東京で会談が行われ、両国の外相は平和条約について協議した。",
])
CLIPPINGS = st.lists(st.one_of(LINES, st.text(max_size=80)), min_size=1, max_size=60).map("\n".join)
# CI runs 60 examples a property, the same ones every time (a failure there is a regression, not
# luck); DECLUTTER_EXAMPLES=2000 locally for a longer, random hunt.
FAST = settings(max_examples=int(os.environ.get("DECLUTTER_EXAMPLES", "60")), deadline=None,
                derandomize=os.environ.get("CI") == "true", suppress_health_check=[HealthCheck.too_slow])


INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad\x00"))  # and stray NULs, dropped when read


def normalised_lines(text: str) -> list[str]:
    """Lines with whitespace normalised and zero-width characters removed, as declutter reads them."""
    return [" ".join(line.translate(INVISIBLE).split()) for line in text.splitlines() if line.strip()]


def clean_or_none(content):
    try:
        return declutter.clean(content)
    except declutter.InputError:
        return None


@FAST
@given(CLIPPINGS)
@example("HTML<HEAD")  # text that names a tag is no page
def test_output_is_an_ordered_subset_of_input_lines(text):
    out = clean_or_none(text)
    if out is None:
        return
    source, position = normalised_lines(text), 0
    for line in out.splitlines():
        position = source.index(line, position) + 1


@FAST
@given(CLIPPINGS)
# A clipping kept whole as already clean (English, its share line dropped) whose output reads as
# another language, with no lexicon to vouch for it.
@example("Résumé des négociations : les deux parties se retrouveront au printemps prochain à Genève.\n"
         "U\U000d1909\U000569a1b\nThe minister said on Wednesday that the talks would continue in the spring.\n"
         "\x84\U0002e79e\x1e\x9f\nShare this:")
def test_cleaning_is_idempotent(text):
    once = clean_or_none(text)
    if once:
        assert declutter.clean(once) == once


@FAST
@given(st.text(max_size=3000))
def test_arbitrary_unicode_only_raises_declutter_errors(text):
    try:
        declutter.extract(text)
    except declutter.DeclutterError:
        pass


@FAST
@given(st.binary(max_size=3000), st.sampled_from([None, "text", "markdown", "html"]))
def test_arbitrary_bytes_only_raise_declutter_errors(data, kind):
    try:
        read(data, kind=kind)
        declutter.extract(data, kind=kind)
    except declutter.DeclutterError:
        pass


DIRECTIVES = st.sampled_from(["text_drop", "text_keep", "text_caption", "text_cut", "text_fingerprint",
                              "text_start_at", "text_end_before", "text_bogus", "title", "body", "strip",
                              "strip_id_or_class", "find_string", "replace_string(x)", "prune", "#", ""])


@FAST
@given(st.lists(st.tuples(DIRECTIVES, st.text(max_size=40)), max_size=12))
def test_rule_loader_fuzz_only_raises_rule_errors(entries):
    content = "\n".join(f"{d}: {v}" if d not in ("#", "") else d + v for d, v in entries)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.example.txt"
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
        try:
            parse_rule_file(path)
        except RuleError:
            pass


@FAST
@given(st.binary(max_size=500))
def test_rule_loader_fuzz_on_bytes(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bytes.example.txt"
        path.write_bytes(data)
        try:
            parse_rule_file(path)
        except RuleError:
            pass


def test_every_benchmark_clipping_cleans_to_a_fixed_point(shared):
    """Idempotence on every clipping of the shared benchmarks (real pages, not generated ones)."""
    import declutter

    moving = []
    for folder in ("bench", "bench2", "bench3"):
        clips = shared / folder / "clip"
        for path in sorted(clips.iterdir()) if clips.is_dir() else ():
            try:
                once = declutter.clean(path.read_bytes())
            except declutter.InputError:
                continue  # an empty clipping
            if once and declutter.clean(once) != once:
                moving.append(path.name)
    assert not moving
