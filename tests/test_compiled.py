"""Patterns compiled once per install: a pattern taken from the cache is the pattern compiled afresh."""

import threading

import pytest
import regex

from declutter import compiled as cache

PATTERNS = [(r"(?:share|tweet) this\b.{0,30}", regex.I | regex.V0), (r"\p{Lu}[\p{L}'’-]+ \d{1,2}:\d{2}", 0),
            (r"(?-i:By)\s+\w+(?:\s+\w+)?", regex.I | regex.V0), (r"[^\W_]+(?:['’][^\W_]+)*", 0)]
LINES = ["Share this story", "TWEET THIS", "Sharing this", "Lundi 12:30", "By Jane Doe", "by jane", "Today’s",
         "ſhare this", "İstanbul 9:15", ""]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A run with its own cache folder and nothing loaded yet."""
    monkeypatch.setenv("DECLUTTER_CACHE", str(tmp_path))
    monkeypatch.setattr(cache, "_entries", None)
    monkeypatch.setattr(cache, "_added", False)
    regex.purge()  # nothing compiled in this process before: each pattern goes through the compiler
    return tmp_path


def _answers(patterns) -> list:
    return [[(m.span(), m.groups()) if (m := p.fullmatch(line)) else None for line in LINES] for p in patterns]


def test_a_pattern_from_the_cache_matches_as_the_pattern_compiled_afresh(fresh, monkeypatch):
    first = [cache.compiled(p, f) for p, f in PATTERNS]
    cache.save()
    assert len(list(fresh.glob("regex-*.bin"))) == 1
    monkeypatch.setattr(cache, "_entries", None)  # a later run
    monkeypatch.setattr(regex, "compile", lambda *a, **k: pytest.fail("compiled afresh"))
    again = [cache.compiled(p, f) for p, f in PATTERNS]
    assert [(p.pattern, p.flags, p.groups) for p in again] == [(p.pattern, p.flags, p.groups) for p in first]
    assert _answers(again) == _answers(first) == _answers([regex.Regex(p, f) for p, f in PATTERNS])


def test_a_damaged_cache_file_or_entry_is_compiled_afresh(fresh, monkeypatch):
    pattern, flags = PATTERNS[0]
    cache.compiled(pattern, flags)
    cache.save()
    (saved,) = fresh.glob("regex-*.bin")
    data = saved.read_bytes()
    saved.write_bytes(data[:-5] + b"xxxxx")  # the digest no longer matches
    monkeypatch.setattr(cache, "_entries", None)
    assert cache._loaded() == {}
    assert cache.compiled(pattern, flags).fullmatch("share this now")
    monkeypatch.setattr(cache, "_entries", {(pattern, int(flags)): ("not", "what the core takes")})
    assert cache.compiled(pattern, flags).fullmatch("share this now")  # refused by the core: compiled afresh
    monkeypatch.setattr(cache, "_entries", {(pattern, int(flags)): cache._entries[(pattern, int(flags))]})
    other = cache.compiled(r"x{2}", 0)  # an entry under another pattern is never used for this one
    assert other.fullmatch("xx") and not other.fullmatch("x")


def test_patterns_compiled_from_many_threads_at_once_each_get_their_own_program(fresh):
    wanted = [(rf"word{n}(?:\s+\d+)?", 0) for n in range(40)]
    found: dict[int, object] = {}

    def work(start: int) -> None:
        for n in range(start, len(wanted), 4):
            found[n] = cache.compiled(*wanted[n])

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(found[n].fullmatch(f"word{n} 7") and not found[n].fullmatch(f"word{n + 1}") for n in range(39))
    assert {key[0] for key in cache._loaded()} >= {p for p, _ in wanted}
    assert all(args[0] == key[0] for key, args in cache._loaded().items())


def test_a_cache_file_grown_past_its_bound_keeps_the_entries_its_run_asked_for(fresh, monkeypatch):
    """Rules edited again and again (or generated) leave patterns nobody asks for any more: past
    MAX_ENTRIES, a run writes the file again with the patterns it used, and start-up stays short."""
    monkeypatch.setattr(cache, "MAX_ENTRIES", 5)
    monkeypatch.setattr(cache, "_asked", set())
    for n in range(8):
        cache.compiled(rf"old pattern {n}", 0)
    cache.save()
    monkeypatch.setattr(cache, "_entries", None)  # a later run, with rules of its own
    monkeypatch.setattr(cache, "_asked", set())
    assert len(cache._loaded()) == 8
    kept = [cache.compiled(p, f) for p, f in PATTERNS[:2]]
    cache.save()
    monkeypatch.setattr(cache, "_entries", None)
    assert set(cache._loaded()) == {(p, int(f)) for p, f in PATTERNS[:2]}
    monkeypatch.setattr(regex, "compile", lambda *a, **k: pytest.fail("compiled afresh"))
    again = [cache.compiled(p, f) for p, f in PATTERNS[:2]]
    assert _answers(again) == _answers(kept)


def test_the_known_patterns_file_grown_past_its_bound_keeps_the_patterns_its_run_asked_about(tmp_path, monkeypatch):
    from declutter.rules import known
    from declutter.rules.prefilter import Hints

    monkeypatch.setenv("DECLUTTER_CACHE", str(tmp_path))
    monkeypatch.setattr(known, "MAX_ENTRIES", 3)
    first = known._Known()
    for n in range(6):
        first.remember(f"pattern {n}", Hints(words="word"))
    first.save()
    second = known._Known()
    assert second.hints("pattern 1") == Hints(words="word")
    second.save()
    third = known._Known()
    assert set(third._loaded()) == {"pattern 1"}
