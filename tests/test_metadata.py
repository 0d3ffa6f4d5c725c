"""Metadata: each field from each of its sources, in its shape, and measured on modern pages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import declutter
from declutter.cli import main
from declutter.metadata import Metadata, iso_date, person_names

PROSE = ("The council met on Tuesday evening and agreed, after a long debate, to fund the new parks plan "
         "for the whole of the coming year. ")


def _page(head: str = "", body_top: str = "") -> str:
    return (f"<html><head><title>Council backs the parks plan | Daily Example</title>{head}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Council backs the parks plan</h1>"
            f"{body_top}" + "".join(f"<p>{PROSE * 2}Paragraph {i}.</p>" for i in range(6)) + "</article></body></html>")


# ---- the shapes of values

@pytest.mark.parametrize("text, day", [
    ("Published 3 March 2025", "2025-03-03"),
    ("Updated 12:40 GMT, 4 May 2024", "2024-05-04"),
    ("30 August 2023 • 4:45pm", "2023-08-30"),
    ("Veröffentlicht am 3. März 2025", "2025-03-03"),
    ("Publicado el 5 de mayo de 2024", "2024-05-05"),
    ("Aashish Saxena / TIMESOFINDIA.COM / Sep 2, 2024, 17:07 IST", "2024-09-02"),
    ("Aktualizacja: 02.02.2025 23:49", "2025-02-02"),
    ("2024-05-03T10:22:00+0200", "2024-05-03T10:22:00+02:00"),
    ("2024-05-03T10:22:00Z", "2024-05-03T10:22:00Z"),
    ("7 hours ago", None), ("The 2024 plan", None), ("1970-01-01", None), ("2999-01-01", None),
])
def test_a_date_is_iso_8601_with_time_and_offset_when_given_and_none_when_implausible(text, day):
    assert iso_date(text) == day


@pytest.mark.parametrize("value, names", [
    ("By Dolores Chang For Dailymail.Com", "Dolores Chang"),
    ("By Jon King, News Reporter", "Jon King"),
    ("By STEVE PEOPLES, THOMAS BEAUMONT and AMELIA THOMSON-DEVEAUX",
     "Steve Peoples; Thomas Beaumont; Amelia Thomson-Deveaux"),
    ("Von Christian Unger, Tobias Köberlein und Laura Wagener", "Christian Unger; Tobias Köberlein; Laura Wagener"),
    ("Trine Juncher Jørgensen og Tôrtia Reimer-Johansen", "Trine Juncher Jørgensen; Tôrtia Reimer-Johansen"),
    ("Miguel A. Herguedas", "Miguel A. Herguedas"),
    ("Brazil, Rachel", "Rachel Brazil"),
    ("[[Jane Doe]], [[John Roe]]", "Jane Doe; John Roe"),
    ("Greg Iacurci @GregIacurci", "Greg Iacurci"),
    ("https://www.facebook.com/janedoe", None),
    ("Daily Example", None),  # the publisher
    ("staff writer", None),
])
def test_an_author_is_person_names_not_the_publisher_a_role_or_an_address(value, names):
    assert person_names(value, ("Daily Example", "dailyexample.com")) == names


# ---- HTML pages

def test_an_html_pages_json_ld_gives_author_and_date_its_head_the_site_image_and_description():
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": "Council backs the parks plan", "author": {"@type": "Person", "name": "Jane Doe"},
                     "datePublished": "2025-03-03T10:00:00+01:00",
                     "keywords": ["parks", "council"]})
    head = (f"<script type='application/ld+json'>{ld}</script>"
            "<meta property='og:site_name' content='Daily Example'>"
            "<meta property='og:image' content='https://dailyexample.com/parks.jpg'>"
            "<meta name='description' content='The plan funds parks for a year.'>")
    found = declutter.extract(_page(head), url="https://www.dailyexample.com/news/parks", kind="html").metadata
    assert found.author == "Jane Doe"
    assert found.date == "2025-03-03T10:00:00+01:00"
    assert (found.site, found.host) == ("Daily Example", "dailyexample.com")
    assert found.image == "https://dailyexample.com/parks.jpg"
    assert found.description == "The plan funds parks for a year."
    assert found.title == "Council backs the parks plan"
    assert found.language == "en"


def test_the_heads_timestamp_keeps_its_time_when_the_page_names_the_same_day():
    head = ("<meta property='article:published_time' content='2025-03-03T10:00:00+0100'>"
            "<meta name='author' content='Jane Doe'>")
    found = declutter.extract(_page(head), url="https://dailyexample.com/news/parks", kind="html").metadata
    assert found.date == "2025-03-03T10:00:00+01:00"
    assert found.author == "Jane Doe"


def test_a_visible_byline_and_time_element_give_author_and_date():
    top = ("<p class='byline'>By <a href='/authors/jane' rel='author'>Jane Doe</a></p>"
           "<time datetime='2024-11-05'>5 November 2024</time>")
    found = declutter.extract(_page(body_top=top), url="https://dailyexample.com/a", kind="html").metadata
    assert found.author == "Jane Doe" and found.date == "2024-11-05"


def test_an_author_that_is_the_publisher_or_a_profile_address_is_no_author():
    head = "<meta property='og:site_name' content='Daily Example'><meta name='author' content='Daily Example'>"
    assert declutter.extract(_page(head), url="https://dailyexample.com/a", kind="html").metadata.author is None
    head = "<meta name='author' content='https://www.facebook.com/dailyexample'>"
    assert declutter.extract(_page(head), url="https://dailyexample.com/a", kind="html").metadata.author is None


def test_a_sites_fivefilters_author_and_date_xpaths_come_first(tmp_path):
    (tmp_path / "dailyexample.com.txt").write_text("author: //span[@class='writer']\ndate: //span[@class='when']\n"
                                                   "test_url: https://dailyexample.com/a\n", encoding="utf-8")
    head = "<meta name='author' content='Somebody Else'><meta property='article:published_time' content='2020-01-01'>"
    top = "<span class='writer'>Jane Doe</span><span class='when'>2025-03-03</span>"
    found = declutter.extract(_page(head, top), url="https://dailyexample.com/a", kind="html",
                              rules=(tmp_path,)).metadata
    assert (found.author, found.date) == ("Jane Doe", "2025-03-03")


def test_plain_cleaning_does_not_pay_for_the_pages_metadata_pass(monkeypatch):
    import trafilatura.metadata

    def fail(*args, **kwargs):
        raise AssertionError("the metadata pass ran")
    monkeypatch.setattr(trafilatura.metadata, "extract_metadata", fail)
    assert "Paragraph 5." in declutter.clean(_page(), url="https://dailyexample.com/a", kind="html")


# ---- text and Markdown clippings

def test_obsidian_web_clipper_front_matter_gives_every_field():
    clip = ("---\ntitle: Council backs the parks plan\nsource: https://www.dailyexample.com/news/parks\n"
            "author:\n  - \"[[Jane Doe]]\"\n  - \"[[John Roe]]\"\npublished: 2025-03-03\ncreated: 2025-03-05\n"
            "description: The plan funds parks for a year.\ntags:\n  - clippings\n  - parks\n---\n\n"
            f"# Council backs the parks plan\n\n{PROSE * 2}\n\n{PROSE}\n")
    found = declutter.extract(clip).metadata
    assert found == Metadata(title="Council backs the parks plan", author="Jane Doe; John Roe", date="2025-03-03",
                             url="https://www.dailyexample.com/news/parks", site="dailyexample.com",
                             host="dailyexample.com", language="en", description="The plan funds parks for a year.",
                             tags=("clippings", "parks"))


def test_markdownloads_created_date_is_the_last_resort():
    clip = f"---\ncreated: 2025-03-05T08:00:00 (UTC +01:00)\nsource: https://dailyexample.com/a\n---\n\n{PROSE * 2}\n"
    assert declutter.extract(clip).metadata.date == "2025-03-05T08:00:00"


@pytest.mark.parametrize("byline, author", [
    ("By Jane Doe and John Roe", "Jane Doe; John Roe"),
    ("By\nJane Doe", "Jane Doe"),
    ("Jane Doe\nPublished 3 March 2025", "Jane Doe"),
    ("Jane Doe | 3 March 2025", "Jane Doe"),
])
def test_a_text_clippings_byline_and_date_lines_give_author_and_date(byline, author):
    clip = (f"Skip to content\nHome\nNews\nCouncil backs the parks plan\n{byline}\nPublished 3 March 2025\n\n"
            f"{PROSE * 2}\n\n{PROSE * 2}\n\nLeave a Reply\n")
    result = declutter.extract(clip)
    assert (result.metadata.author, result.metadata.date) == (author, "2025-03-03")
    assert "Jane Doe" not in result.text  # still no article line


def test_a_date_inside_the_articles_prose_is_no_publication_date():
    clip = f"Council backs the parks plan\n\n{PROSE} The plan was first put forward on 3 March 2019.\n\n{PROSE}\n"
    assert declutter.extract(clip).metadata.date is None


# ---- outputs

def test_json_and_front_matter_carry_the_fields(tmp_path):
    import yaml

    clip = tmp_path / "parks.txt"
    clip.write_text(f"Council backs the parks plan\nBy Jane Doe\n3 March 2025\n\n{PROSE * 2}\n\n{PROSE}\n",
                    encoding="utf-8")
    record = json.loads(CliRunner().invoke(main, ["clean", str(clip), "--format", "json"]).output)
    assert (record["author"], record["date"], record["tags"]) == ("Jane Doe", "2025-03-03", [])
    assert {"title", "author", "date", "url", "site", "host", "language", "description", "image", "tags"} <= set(record)
    text = CliRunner().invoke(main, ["clean", str(clip), "--with-metadata"]).output
    assert yaml.safe_load(text.split("---\n")[1])["author"] == "Jane Doe"
    plain = CliRunner().invoke(main, ["clean", str(clip)]).output
    assert not plain.startswith("---")


# ---- measured: modern news pages of 86 publishers

def test_on_modern_news_pages_declutter_finds_each_field_at_least_as_often_as_trafilatura(shared):
    if not (shared / "bench3").is_dir():
        pytest.skip("../shared/bench3 is absent")
    script = Path(__file__).parent.parent / "scripts" / "eval_metadata.py"
    run = subprocess.run([sys.executable, str(script), str(shared / "bench3")], capture_output=True, text=True,
                         check=True)
    rows = {tuple(c.strip() for c in line.strip("|").split("|")[:2]): [
        tuple(map(int, c.split(" of "))) for c in line.strip("|").split("|")[2:5]]
        for line in run.stdout.splitlines() if line.startswith("| ") and " of " in line}
    ours, theirs = rows[("declutter html", "all")], rows[("trafilatura html", "all")]
    assert ours[0][0] >= theirs[0][0] and ours[2][0] >= theirs[2][0]  # title, date
    person = [rows[(f"{system} html, gold names a person", "all")] for system in ("declutter", "trafilatura")]
    assert person[0][1][0] >= person[1][1][0]  # author, where the gold names a person
    shown = rows[("declutter clip (shown)", "all")]
    assert 2 * shown[1][0] >= shown[1][1] and 2 * shown[2][0] >= shown[2][1]  # author, date: half or more


def test_an_html_pages_tags_and_a_clippings_title_site_and_image():
    head = ("<meta property='article:tag' content='parks'><meta property='article:tag' content='council'>"
            "<link rel='canonical' href='https://dailyexample.com/news/parks'>")
    found = declutter.extract(_page(head), kind="html").metadata
    assert set(found.tags) >= {"parks", "council"}
    assert found.url == "https://dailyexample.com/news/parks" and found.host == "dailyexample.com"
    clip = (f"---\nsource: https://dailyexample.com/a\nsite_name: Daily Example\nimage: https://dailyexample.com/p.jpg\n"
            f"---\n\nCouncil backs the parks plan\n\n{PROSE * 2}\n\n{PROSE}\n")
    found = declutter.extract(clip).metadata
    assert (found.title, found.site, found.image) == ("Council backs the parks plan", "Daily Example",
                                                      "https://dailyexample.com/p.jpg")
