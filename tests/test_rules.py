"""The rule loader: format, validation errors naming file and line, FiveFilters compatibility."""

import os
from pathlib import Path

import pytest

import declutter
from declutter.document import Block
from declutter.errors import RuleError
from declutter.rules import Matcher, RuleBook, apply_text_rules, parse_rule_file


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def blocks(*lines: str) -> list[Block]:
    return [Block(text=line, raw=line, line=i + 1) for i, line in enumerate(lines)]


@pytest.mark.parametrize("pattern", ["(unclosed", "ends in a backslash\\", "[a\\"])
def test_bad_regex_names_file_and_line(tmp_path, pattern):
    path = write(tmp_path, "example.com.txt", f"# comment\ntext_drop: ok\ntext_drop: {pattern}\n")
    with pytest.raises(RuleError, match=r"example\.com\.txt:3: bad regular expression"):
        parse_rule_file(path)


def test_a_fivefilters_line_that_cannot_be_read_is_skipped_and_named_and_the_rest_used(tmp_path):
    rules = parse_rule_file(write(tmp_path, "example.com.txt", "// a comment, FiveFilters style\n"
                                  "body: //div[@class='a'\nstrp: //aside\njust some words\n"
                                  "replace_string(<a href=\")\">): <b>\nstrip: //nav\n"))
    problems = [problem.replace(f"{tmp_path}/", "") for problem in rules.problems]
    assert problems[1].startswith("example.com.txt:2: bad XPath \"//div[@class='a'\": ")  # lxml's words follow
    assert problems[:1] + problems[2:] == [
        "example.com.txt:1: expected 'directive: value', got '// a comment, FiveFilters style'",
        "example.com.txt:3: unknown directive 'strp' (did you mean 'strip'?)",
        "example.com.txt:4: expected 'directive: value', got 'just some words'"]
    assert rules.values["replace_string"] == ['<a href=")">\t<b>']  # an argument holding a ')'
    assert [x for x, _ in rules.xpath["strip"]] == ["//nav"]


def test_declutters_own_directives_stay_strict_and_name_the_nearest_one(tmp_path):
    ok = parse_rule_file(write(tmp_path, "a.com.txt", "find_string: <b>\nreplace_string(<b>): <i>\n"))
    assert ok.ignored["find_string"] == 1 and not ok.problems
    with pytest.raises(RuleError, match=r"b\.com\.txt:1: unknown directive 'text_dorp' \(did you mean 'text_drop'\?\)"):
        parse_rule_file(write(tmp_path, "b.com.txt", "text_dorp: x\n"))
    with pytest.raises(RuleError, match=r"c\.com\.txt:2: expected 'directive: value'"):
        parse_rule_file(write(tmp_path, "c.com.txt", "title: //h1\ntext_drop\n"))


def test_a_book_warns_once_per_file_and_reads_fivefilters_files_when_their_site_comes(tmp_path):
    from declutter.rules import RuleWarning

    write(tmp_path, "news.example.txt", "strp: //aside\nbody: //article\n// note\n")
    write(tmp_path, "other.example.txt", "body: //main\n")
    book = RuleBook()
    book.add_folder(tmp_path)
    assert book.sites == {} and set(book.unread) == {"news.example", "other.example"}
    with pytest.warns(RuleWarning, match=r"news\.example\.txt:1: unknown directive 'strp'.*and 1 more"):
        rules = book.for_host("www.news.example")
    assert rules is not None and rules.xpath["body"] == [("//article", f"{tmp_path}/news.example.txt:2")]
    assert set(book.unread) == {"other.example"}  # a page pays only for its own site's file
    (tmp_path / "other.example.txt").write_bytes(b"body: //div[@class='caf\xe9']\n")
    with pytest.warns(RuleWarning, match=r"other\.example\.txt:1: rule file is not UTF-8; file skipped"):
        assert book.for_host("other.example").xpath == {}


def test_non_utf8_rule_file(tmp_path):
    path = tmp_path / "d.com.txt"
    path.write_bytes(b"text_drop: caf\xe9\n")
    with pytest.raises(RuleError, match="not UTF-8"):
        parse_rule_file(path)


def test_malformed_rule_folder_fails_the_api_with_a_clear_error(tmp_path):
    write(tmp_path, "e.com.txt", "text_keep: [\n")
    with pytest.raises(RuleError, match=r"e\.com\.txt:1"):
        declutter.clean("Some words here.", rules=(tmp_path,))


def test_region_markers_keep_and_cut():
    rules = RuleFile_from_text("""
text_start_after: skip to content
text_end_before: related stories
text_keep: .*\\(Reuters\\)
text_cut: advert start >>> advert end
text_drop: read more: .*
""")
    items = blocks("Menu", "Skip to content", "Title", "advert start", "buy", "advert end",
                   "Read more: other", "Body text.", "Related stories", "x (Reuters)", "Footer")
    region = apply_text_rules(items, Matcher(rules), "site rules")
    kept = [b.text for b in items if b.undecided or b.kept]
    assert region == (2, 8)
    assert kept == ["Title", "Body text.", "x (Reuters)"]
    assert items[0].reason.detail == "before the article start marker"


def RuleFile_from_text(text: str):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return parse_rule_file(write(Path(folder), "x.com.txt", text))


def test_host_lookup_is_fivefilters_own(tmp_path):
    write(tmp_path, "example.com.txt", "text_drop: a\n")
    write(tmp_path, ".blog.net.txt", "text_drop: b\n")
    write(tmp_path, ".example.com.txt", "body: //main\n")
    book = RuleBook()
    book.add_folder(tmp_path)
    assert book.for_host("www.example.com").name == "example.com"  # the host's own file, www. aside
    assert book.for_host("EXAMPLE.com").name == "example.com"
    assert book.for_host("amp.example.com").name == ".example.com"  # a subdomain: its parent's wildcard file
    assert book.for_host("someone.blog.net").name == ".blog.net"
    assert book.for_host("a.b.blog.net") is None  # one level, as FiveFilters
    assert book.for_host("blog.net") is None  # a wildcard file is for subdomains only
    assert book.for_host("other.org") is None


def test_fivefilters_sample_loads_as_is(shared):
    folder = shared / "ftr-site-config-sample"
    book = RuleBook()
    book.add_folder(folder)
    used, ignored = book.counts()
    assert len(book.sites) >= 40 and not book.unread
    assert used["body"] > 50 and used["strip"] > 100
    assert ignored["find_string"] > 0


def test_shipped_rules_load():
    from declutter.rules import builtin_rules_dir, rule_book

    book = rule_book(())
    assert {"dw.com", "newsweek.com", "themoscowtimes.com", "japantimes.co.jp", ".wordpress.com", ".wikipedia.org",
            "bbc.com"} <= set(book.sites)
    assert rule_book() is book  # the book warm_up() warms is the one the pipeline cleans with
    assert {"en", "de", "fr", "es"} <= set(book.lexicons)
    assert (builtin_rules_dir() / "README.md").exists()


def test_ftr_xpath_rules_shape_html_extraction(tmp_path):
    page = ("<html><head><title>T</title><link rel='canonical' href='https://news.example/a'></head><body>"
            "<div class='promo'><p>" + "Buy our magazine today and save a lot of money on it. " * 4 + "</p></div>"
            "<div id='story'>" + "".join(f"<p>Paragraph {i} tells what the council decided about the "
                                           "parks and the harbour this week.</p>" for i in range(6)) + "</div>"
            "</body></html>")
    (tmp_path / "news.example.txt").write_text("body: //div[@id='story']\nstrip_id_or_class: promo\n")
    plain = declutter.clean(page, title=False)
    ruled = declutter.clean(page, title=False, rules=(tmp_path,))
    assert "Paragraph 5 tells" in ruled and "Buy our magazine" not in ruled
    assert declutter.extract(page, rules=(tmp_path,)).site == "news.example"
    assert "Paragraph 5 tells" in plain


def test_a_site_body_holding_part_of_the_article_still_gets_readabilitys_opinion(tmp_path, monkeypatch):
    from declutter.stages import extract

    asked = []

    def prefers(precise: str, other: str, paragraphs: int) -> bool:
        asked.append(precise)
        return True

    monkeypatch.setattr(extract, "prefers_readability", prefers)
    def part(i: int) -> str:
        return (f"<p>Part {i} tells what the council decided about the parks and the harbour this week, "
                "and why the vote was close.</p>")

    chunks = "".join(f"<div class='chunk'>{part(i)}</div>" for i in range(3, 7))
    page = ("<html><head><title>T</title><link rel='canonical' href='https://news.example/a'></head><body>"
            f"<main><article class='main-content'>{part(1)}{part(2)}</article>{chunks}</main></body></html>")
    (tmp_path / "news.example.txt").write_text("body: //article[@class='main-content']\n")
    declutter.clean(page, title=False, rules=(tmp_path,))
    assert len(asked) == 1 and "Part 2 tells" in asked[0] and "Part 3 tells" not in asked[0]  # the body's text


def test_stale_ftr_strip_that_would_remove_the_article_is_not_applied(tmp_path):
    page = ("<html><body><div class='wrapper'>" + "".join(f"<p>Paragraph {i} tells what the council decided "
            "about the parks and the harbour this week.</p>" for i in range(6)) + "</div></body></html>")
    (tmp_path / "news.example.txt").write_text("strip: //div[@class='wrapper']\n")
    assert "Paragraph 5 tells" in declutter.clean(page, url="https://news.example/a", rules=(tmp_path,))


def test_a_generic_caption_does_not_revive_a_line_the_site_dropped(tmp_path):
    write(tmp_path, "paper.example.txt", "text_end_before: more from the paper\n")
    clip = ("A headline here\n\n" + "The council met on Tuesday and agreed on a plan for the parks of the city. " * 3
            + "\n\nMore from the paper\nA related story about boats\nImage: Agency/Photographer\n")
    result = declutter.extract(clip, url="https://paper.example/a", rules=(tmp_path,))
    credit = next(b for b in result.blocks if b.text.startswith("Image:"))
    assert not credit.kept and credit.reason.detail == "after the article end marker"


SENTENCE = "The council met on Tuesday and agreed on a plan for the parks of the city, the mayor said today. "


def test_a_generic_end_marker_above_the_article_does_not_take_it_along():
    teasers = "\n".join(f"Read also: how the harbour of town number {i} was rebuilt after the storm that hit it "
                        "last winter" for i in range(3))  # prose enough for the article to seem begun
    clip = (f"Menu\nNews\n{teasers}\nA headline about the parks of the city\nComments\nShare this article\n\n"
            + "\n\n".join(SENTENCE * 2 for _ in range(6)) + "\n")
    text = declutter.clean(clip)
    assert text.count(SENTENCE.strip()) >= 6 and "Comments" not in text.splitlines()


def test_a_generic_end_marker_before_a_comment_thread_still_ends_the_article():
    article = "\n\n".join(SENTENCE * 2 for _ in range(4))
    thread = "\n".join(f"Reader {i}\nMay {i}, 2012 at 8:0{i} am\n" + "I think the plan for the parks is a good "
                       "idea, and I hope the city keeps its promise to all of us." for i in range(1, 6))
    text = declutter.clean(f"A headline about the parks of the city\n\n{article}\n\nLeave a Reply\n{thread}\n")
    assert text.count(SENTENCE.strip()) >= 4 and "I hope the city keeps its promise" not in text


def test_a_generic_end_marker_in_a_tab_bar_above_a_notice_and_the_article_does_not_take_it_along():
    menu = "\n".join(f"Markets today: the index of town number {i} rose on the news of the harbour plan and "
                     "the new port\nVideo" for i in range(6))  # long lines, each standing alone
    notice = "This copy is for your personal, non-commercial use only, to order copies for colleagues see below."
    clip = (f"{menu}\nA headline about the parks of the city\nArticle\nComments\n{notice}\nPARKS\nBy A. Writer\n\n"
            + "\n\n".join(SENTENCE * 2 for _ in range(5)) + "\n")
    assert declutter.clean(clip).count(SENTENCE.strip()) >= 5


def test_english_comment_headers_end_the_article_but_a_link_to_a_comment_elsewhere_does_not():
    from declutter.rules import rule_book

    matcher = rule_book(()).matcher(rule_book(()).lexicons["en"])
    ends = ["Comments", "5 comments:", "Comments (12)", "No comments", "12 thoughts on “A title”",
            "3 Responses to \"A title\"", "One comment on “A title”", "Comments on A title"]
    others = ['Comment on "A guide to the senior team" in the Quarterly', "Thoughts on the budget"]
    assert all(matcher.first_match("text_end_before", line) for line in ends)
    assert not any(matcher.first_match("text_end_before", line) for line in others)


def test_the_fallback_judges_the_lines_a_sites_rules_leave_open_as_it_would_without_them(tmp_path):
    story = ("The council met on Tuesday evening and agreed, after a long debate, to rebuild the harbour wall "
             "before the winter storms arrive.")
    page = "\n\n".join(["Skip to content", "Home", "News", "Council agrees to rebuild the harbour wall",
                        *[f"Paragraph {i}. {story}" for i in range(4)],
                        "Ferry timetable changes for the spring season", "New cafe opens on the quay next week",
                        "Lifeboat crew rescue two sailors off the point", "The Harbour Gazette newsroom team"]) + "\n"
    (tmp_path / "harbourgazette.example.txt").write_text("text_end_before: the harbour gazette newsroom team\n"
                                                         "text_drop: ferry timetable changes for the spring season\n")
    url = "https://harbourgazette.example/a"

    def judged(**options) -> dict[str, str]:
        return {b.text: b.reason.detail for b in declutter.extract(page, url=url, **options).blocks
                if b.reason and b.reason.stage == "fallback"}

    with_rules, without = judged(rules=(tmp_path,)), judged(options=declutter.Options(site_rules=False))
    assert "New cafe opens on the quay next week" in with_rules  # left open by the site's rules
    assert all(without[text] == detail for text, detail in with_rules.items())  # no boost between the markers


def test_a_headline_the_sites_rules_drop_as_a_teaser_is_still_the_headline(tmp_path):
    story = ("The council met on Tuesday evening and agreed, after a long debate, to rebuild the harbour wall "
             "before the winter storms arrive.")
    headline = "Council agrees to rebuild the harbour wall"
    page = "\n\n".join([f"{headline} | Harbour Gazette", headline, *[f"Paragraph {i}. {story}" for i in range(4)],
                        "Most popular", headline, "New cafe opens on the quay next week"]) + "\n"
    # Learned from other pages, whose "Most popular" box listed this story too.
    (tmp_path / "harbourgazette.example.txt").write_text("text_drop: council agrees to rebuild the harbour wall\n")
    url = "https://harbourgazette.example/a"
    text = declutter.clean(page, url=url, rules=(tmp_path,))
    assert text.splitlines()[0] == headline and "| Harbour Gazette" not in text
    assert declutter.clean(text, url=url, rules=(tmp_path,)) == text  # and cleaning it again keeps it



def test_a_sites_title_line_names_the_headline_of_a_select_all_copy(tmp_path):
    story = ("The old lighthouse keeper kept a log of every ship that passed the point, and his notebooks "
             "are now the best record of the coast's trade in the last century.")
    # No <title> line: a select-all copy starts with the site's menu; the title stands above the
    # count of languages, a table of facts between it and the prose.
    page = "\n".join(["Main menu", "Search", "Point Lighthouse", "12 languages", "Article", "Talk",
                      "Built 1871", "Height 22 m", "Keeper John Smith", "Status Active", "Range 18 nmi",
                      "Lens Fresnel", "Fog signal Horn", "Owner Coast Board", "Heritage Listed",
                      *[f"{story} Part {i}." for i in range(4)]]) + "\n"
    (tmp_path / "wiki.example.txt").write_text("text_title_before: \\d{1,3} languages\ntext_drop: \\d{1,3} languages\n")
    text = declutter.clean(page, url="https://wiki.example/Point_Lighthouse", rules=(tmp_path,))
    assert text.splitlines()[0] == "Point Lighthouse"
    assert declutter.clean(text, url="https://wiki.example/Point_Lighthouse", rules=(tmp_path,)) == text

ARTICLE = ("---\nurl: https://news.example/a\n---\nParks plan agreed\n\n"
           "The council met on Tuesday and agreed on a plan for the parks of the city, after a long debate.\n\n"
           "Residents said they were pleased with the result and hoped the work would begin before summer.\n")


@pytest.mark.parametrize("rule", ["text_drop: .*", "text_start_after: Residents said.*",
                                  "text_drop: (?:The|Residents) .*"])
def test_a_site_rule_that_drops_the_whole_article_is_set_aside_with_a_warning_naming_it(tmp_path, rule):
    write(tmp_path, "news.example.txt", rule + "\n")
    result = declutter.extract(ARTICLE, rules=(tmp_path,))
    assert "The council met on Tuesday" in result.text and "Residents said" in result.text
    assert len(result.warnings) == 1
    assert result.warnings[0].endswith("news.example.txt:1 dropped all of the article's prose: cleaned without the "
                                       "site's rules")


def test_rules_check_fails_rules_that_drop_any_prose_or_select_no_elements(tmp_path):
    from click.testing import CliRunner

    from declutter.cli import main

    write(tmp_path, "news.example.txt", "text_drop: .*\ntext_cut: .* >>> .*\nstrip: count(//p)\n"
                                        "body: //a/@href\nstrip: //aside\ntext_box: .+\n")
    result = CliRunner().invoke(main, ["rules", "check", str(tmp_path)])
    assert result.exit_code == 1
    for line in ("news.example.txt:1: text_drop '.*' matches any line of prose",
                 "news.example.txt:2: text_cut starts at any line of prose",
                 "news.example.txt:3: strip XPath 'count(//p)' evaluates to a number",
                 "news.example.txt:4: body XPath '//a/@href' selects attributes or text",
                 "news.example.txt:6: text_box '.+' matches any line of prose"):
        assert line in result.output
    rules = parse_rule_file(tmp_path / "news.example.txt")
    assert [x for x, _ in rules.xpath["strip"]] == ["//aside"]  # when cleaning: skipped, with a warning


def test_a_huge_pattern_is_refused_at_once_naming_its_line(tmp_path):
    import time

    path = write(tmp_path, "huge.example.txt", "text_drop: " + "|".join(f"word{i}" for i in range(1_000_000)) + "\n")
    started = time.perf_counter()
    with pytest.raises(RuleError, match=r"huge\.example\.txt:1: pattern of [\d,]+ characters, over the"):
        parse_rule_file(path)
    assert time.perf_counter() - started < 5


def test_rules_check_warns_of_a_pattern_the_page_scan_cannot_take_and_still_passes(tmp_path):
    from click.testing import CliRunner

    from declutter.cli import main

    write(tmp_path, "news.example.txt", "text_drop: share this\ntext_end_before: [{(]\\s?\\d+ comments?\\s?[})]\n")
    result = CliRunner().invoke(main, ["rules", "check", str(tmp_path)])
    assert result.exit_code == 0
    assert "WARN" in result.output and "news.example.txt:2:" in result.output and "1 warning" in result.output
    write(tmp_path, "news.example.txt", "text_drop: share this\n")
    assert "WARN" not in CliRunner().invoke(main, ["rules", "check", str(tmp_path)]).output


def _fresh_known(monkeypatch, cache: str):
    from declutter.rules import known

    monkeypatch.setenv("DECLUTTER_CACHE", cache)
    monkeypatch.setattr(known, "_KNOWN", known._Known())
    return known


def test_patterns_known_from_an_earlier_run_give_the_same_hints_and_matches(tmp_path, monkeypatch):
    text = "text_drop: (?:skip to|jump to) (?:content|menu)\ntext_drop: .{0,80}\\bnewsletters?\\b.{0,40}\n"
    path = write(tmp_path, "example.com.txt", text)
    known = _fresh_known(monkeypatch, str(tmp_path / "cache"))
    first = parse_rule_file(path)
    known.save()
    saved = list((tmp_path / "cache").glob("patterns-*.json"))
    assert len(saved) == 1
    known = _fresh_known(monkeypatch, str(tmp_path / "cache"))  # a new run: read from the file
    again = parse_rule_file(path)
    assert [p.hints for p in again.text["text_drop"]] == [p.hints for p in first.text["text_drop"]]
    assert "regex" not in again.text["text_drop"][0].__dict__  # not compiled until matched
    assert [p.matches("Skip to content") for p in again.text["text_drop"]] == [True, False]
    assert again.text["text_drop"][1].matches("Sign up for our newsletter today")


def test_a_damaged_or_unwritable_pattern_cache_is_ignored_and_a_bad_pattern_still_stops_the_run(tmp_path,
                                                                                                   monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    known = _fresh_known(monkeypatch, str(cache))
    saved = cache / known.cache_name()
    saved.write_text("{not json", encoding="utf-8")
    rules = parse_rule_file(write(tmp_path, "example.com.txt", "text_drop: share this\n"))
    assert rules.text["text_drop"][0].matches("Share this")
    known.save()  # the damaged file is replaced by a good one
    assert "share this" in saved.read_text(encoding="utf-8")
    with pytest.raises(RuleError, match=r"bad\.com\.txt:1: bad regular expression"):
        parse_rule_file(write(tmp_path, "bad.com.txt", "text_drop: (unclosed\n"))
    _fresh_known(monkeypatch, str(tmp_path / "a-file"))
    (tmp_path / "a-file").write_text("not a folder")
    parse_rule_file(write(tmp_path, "other.com.txt", "text_drop: print\n"))
    known.save()  # cannot write under a file: nothing happens
    _fresh_known(monkeypatch, "off")
    from declutter.cache import cache_folder

    assert cache_folder() is None


def test_the_pattern_cache_is_filled_and_written_from_many_threads_at_once(tmp_path, monkeypatch):
    import threading

    known = _fresh_known(monkeypatch, str(tmp_path / "cache"))
    paths = [write(tmp_path, f"site{i}.com.txt", "".join(f"text_drop: line {i} number {n}\n" for n in range(40)))
             for i in range(8)]
    errors: list[str] = []

    def work() -> None:
        try:
            for path in paths:
                parse_rule_file(path)
                known.save()
        except Exception as exc:  # any error is the test's failure
            errors.append(repr(exc))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    known = _fresh_known(monkeypatch, str(tmp_path / "cache"))
    assert known.known_hints("line 7 number 39") is not None


def test_a_cut_opens_at_a_start_marker_the_template_already_dropped():
    from declutter.document import Reason

    rules = RuleFile_from_text("text_cut: skip past newsletter promotion >>> after newsletter promotion\n")
    page = blocks("A paragraph of the article.", "skip past newsletter promotion", "Sign up to our newsletter",
                  "after newsletter promotion", "Another paragraph of the article.")
    page[1].drop(Reason("template", "", "repeated on the site's other pages"))
    apply_text_rules(page, Matcher(rules), "generic rules")
    assert [b.reason.detail if b.reason else None for b in page] == [
        None, "cut between markers", "cut between markers", "cut between markers", None]


def test_a_cut_whose_end_marker_comes_only_after_paragraphs_cuts_nothing():
    rules = RuleFile_from_text("text_cut: thanks for reading! >>> subscribe\n")
    paragraph = "The council met on Tuesday and agreed on a plan for the parks of the city, after a long debate."
    page = blocks("A paragraph of the article, the first of several that the reader came here to read today.",
                  "Thanks for reading!", paragraph, paragraph.replace("Tuesday", "Friday"), "Subscribe")
    apply_text_rules(page, Matcher(rules), "generic rules")
    assert all(b.reason is None for b in page)  # the box's own button was missing: no paragraph is cut
    page = blocks("A paragraph.", "Thanks for reading!", "Subscribe", paragraph)
    apply_text_rules(page, Matcher(rules), "generic rules")
    assert [b.reason is None for b in page] == [True, False, False, True]


def test_xpaths_known_from_an_earlier_run_are_not_compiled_again_and_a_bad_one_is_always_named(tmp_path,
                                                                                                 monkeypatch):
    from lxml import etree

    text = "body: //article\nstrip: //div[@class='share']\ndate: //time/@datetime\nstrip: //div[\n"
    path = write(tmp_path, "example.com.txt", text)
    known = _fresh_known(monkeypatch, str(tmp_path / "cache"))
    first = parse_rule_file(path)
    known.save()
    known = _fresh_known(monkeypatch, str(tmp_path / "cache"))  # a new run: read from the file
    compiled: list[str] = []
    real = etree.XPath
    monkeypatch.setattr(etree, "XPath", lambda expression: compiled.append(expression) or real(expression))
    again = parse_rule_file(path)
    assert again.xpath == first.xpath and set(again.xpath) == {"body", "strip", "date"}
    assert compiled == ["//div["]  # the bad one alone, checked again and named again
    assert again.problems == first.problems and "bad XPath '//div['" in again.problems[0]


def test_a_text_clipping_is_cleaned_without_loading_an_html_parser(tmp_path):
    import subprocess
    import sys

    clipping = write(tmp_path, "clip.txt", "Skip to content\nA headline for the page\n" + "A sentence of prose. " * 20
                     + "\nIf a < b and <b> is bold, then x <= y.\n")  # a "<" in a clipping is no page
    program = ("import sys, declutter; declutter.clean(open(sys.argv[1], 'rb').read()); "
               "print('lxml.etree' in sys.modules, 'declutter.stages.extract' in sys.modules, "
               "'trafilatura' in sys.modules)")
    env = {**os.environ, "DECLUTTER_CACHE": str(tmp_path / "cache")}
    for _ in range(2):  # the second run reads what the first one cached (the site files' XPaths)
        found = subprocess.run([sys.executable, "-c", program, str(clipping)], capture_output=True, text=True,
                               env=env, check=True).stdout.split()
    assert found == ["False", "False", "False"]


def test_the_headline_stage_names_the_extract_stage_as_it_names_itself():
    from declutter.stages import extract, headline

    assert headline.EXTRACTED == extract.STAGE


def test_an_input_told_apart_before_the_time_limit_is_decoded_and_sniffed_once(monkeypatch):
    from declutter.pipeline import clean_input
    from declutter.stages import read

    calls = {"decode": 0, "kind_of": 0}
    for name in calls:
        real = getattr(read, name)
        monkeypatch.setattr(read, name, lambda *a, _real=real, _name=name, **k: calls.__setitem__(
            _name, calls[_name] + 1) or _real(*a, **k))
    text = ("A headline for the page\n" + "A sentence of prose, where a < b holds. " * 12 + "\n").encode()
    cleaned = clean_input(text, path="clip.txt")
    assert cleaned.doc is not None and cleaned.doc.kind == "text"
    assert calls == {"decode": 1, "kind_of": 1}


def test_a_lines_cut_marks_are_its_markers_matched_one_by_one_whether_the_page_was_scanned_or_not():
    drops = "".join(f"text_drop: menu item {i}\n" for i in range(47))  # the markers' scan programs: not the first
    rules = RuleFile_from_text(drops + "text_drop: menu\n"
                               "text_cut: advert(?: start)? >>> advert end\n"
                               "text_cut: (?:skip|jump) past .{1,30} >>> after .{1,30}\n"
                               "text_cut: promo >>> advert end|promo end\n")
    texts = ["advert", "advert start", "advert end", "skip past the box", "after the box", "promo",
             "promo end", "A sentence of the article about an advert.", "menu", "jump past it", "after it"]
    for scanned in (True, False):
        matcher = Matcher(rules)
        if scanned:  # the page scan has let each text through (or not) before the marks are asked
            matcher.touched(texts * 2)
        for text in texts:
            expected = [sum(1 << k for k, pair in enumerate(rules.cuts) if pair[side].matches(text)) for side in (0, 1)]
            assert list(matcher.cut_marks(text)) == expected, text


def test_each_cut_closes_at_its_own_end_marker():
    rules = RuleFile_from_text("text_cut: advert start >>> advert end\ntext_cut: promo >>> promo end\n")
    page = blocks("A paragraph of the article.", "promo", "Buy now", "advert end", "promo end",
                  "Another paragraph of the article.", "advert start", "Sale", "advert end", "The last paragraph.")
    apply_text_rules(page, Matcher(rules), "generic rules")
    assert [b.reason is not None for b in page] == [False, True, True, True, True, False, True, True, True, False]
