"""The headline part of an HTML page's title, and the title line an HTML page's output starts with."""

from __future__ import annotations

import pytest

import declutter
from declutter.titles import headline_of, title_parts

SITE = "The Harbour Gazette"


def test_the_part_a_later_heading_repeats_is_the_headline_not_the_blogs_name_above_it():
    headings = ["Inside Desktop Search", "Desktop Search Update"]
    assert headline_of("Inside Desktop Search: Desktop Search Update", headings) == "Desktop Search Update"


def test_the_parts_that_name_the_site_are_left_out_at_either_end():
    assert headline_of("Harbour cafe reopens after the flood | The Harbour Gazette", [], SITE) \
        == "Harbour cafe reopens after the flood"
    assert headline_of("The Harbour Gazette » Harbour cafe reopens after the flood", [], SITE) \
        == "Harbour cafe reopens after the flood"
    assert headline_of("Why the vote went the way it did - News - Example.com", [], url="https://www.example.com/a") \
        == "Why the vote went the way it did - News"


def test_a_title_keeps_its_colon_and_its_parts_without_evidence_of_which_is_the_site():
    assert headline_of("Analysis: why the vote went the way it did", []) == "Analysis: why the vote went the way it did"
    assert headline_of("Ten reasons to cycle | Green Living", []) == "Ten reasons to cycle | Green Living"
    # A part that only starts with the site's name is a headline that names it.
    title = "Towleroad Talking Points: Election Day |News | Towleroad"
    assert headline_of(title, [], url="http://www.towleroad.com/") == "Towleroad Talking Points: Election Day |News"


def test_the_headline_is_never_the_whole_title_split_to_nothing():
    assert headline_of("Harbour Gazette", [], SITE) == "Harbour Gazette"
    assert headline_of("The Harbour Gazette | Harbour Gazette", [], SITE) in ("The Harbour Gazette", "Harbour Gazette")


def test_title_parts_split_at_guillemets_and_underscores_too():
    assert "harbour cafe reopens after the flood" in title_parts("Harbour cafe reopens after the flood « Gazette")
    assert "harbour cafe reopens english" in title_parts("Harbour cafe reopens_English_Gazette")


def test_an_html_pages_title_line_is_its_headline_without_the_sites_name():
    body = "".join(f"<p>Paragraph {i} says that the harbour cafe opened its doors again on Tuesday after "
                   "the flood, with a new kitchen and the old menu.</p>" for i in range(5))
    html = (f"<html><head><meta property='og:site_name' content='{SITE}'>"
            f"<title>Harbour cafe reopens after the flood | {SITE}</title></head>"
            f"<body><article>{body}</article></body></html>")
    lines = declutter.clean(html, kind="html").splitlines()
    assert lines[0] == "Harbour cafe reopens after the flood" and SITE not in lines
    assert "Harbour cafe reopens" not in declutter.clean(html, kind="html", title=False)


def test_an_html_pages_title_line_is_the_part_its_post_heading_repeats():
    body = "".join(f"<p>Paragraph {i} says that the harbour cafe opened its doors again on Tuesday after "
                   "the flood, with a new kitchen and the old menu.</p>" for i in range(5))
    html = ("<html><head><title>Notes From The Harbour: Harbour cafe reopens after the flood</title></head><body>"
            "<h1>Notes From The Harbour</h1><h2><a href='/p'>Harbour cafe reopens after the flood</a></h2>"
            f"{body}</body></html>")
    assert declutter.clean(html, kind="html").splitlines()[0] == "Harbour cafe reopens after the flood"


@pytest.mark.parametrize("title, site, url, headline", [
    ("新しい経済対策を発表｜日本経済新聞", "日本経済新聞", "https://www.nikkei.com/a", "新しい経済対策を発表"),
    ("习近平会见外宾_新华网", "新华网", None, "习近平会见外宾"),
    ("기사 제목입니다 : 네이버 뉴스", "네이버 뉴스", None, "기사 제목입니다"),
    ("The Secret Life of Bees (Published 2016)", "The New York Times", "https://www.nytimes.com/x",
     "The Secret Life of Bees"),
    ("Just Coup It : le survêtement Nike de Maduro", "euronews", "https://fr.euronews.com/x",
     "Just Coup It : le survêtement Nike de Maduro"),
])
def test_a_cjk_separator_a_spaced_colon_and_an_archive_tail_leave_the_headline(title, site, url, headline):
    assert headline_of(title, [], site, url) == headline
