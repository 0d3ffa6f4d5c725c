"""Whole-page text clippings: a generic end marker never takes the article with it."""

from __future__ import annotations

import declutter

SENTENCES = [
    "Election results reported on Monday point to an effort by the ruling party to tighten its grip on power.",
    "Observers from across the region said the balloting had been marred by pressure on voters and officials.",
    "The opposition denounced the count as a fraud and called its supporters to gather in the capital.",
    "Officials of the electoral commission rejected the charge and promised a full count by the weekend.",
    "Analysts said the result would leave the president with a comfortable majority in the new parliament.",
    "Several candidates who had led in the polls found themselves behind once the rural ballots were counted.",
    "Diplomats from neighbouring countries asked for the observers' reports before saying more about the vote.",
    "The government said the election had been the most open in the country's history, a claim few believed.",
    "Turnout was lower than at the last election, especially in the cities where the opposition is strongest.",
    "The new parliament is to meet for the first time next month, when it will choose its speaker.",
]


def _paragraphs(sentences: list[str]) -> list[str]:
    return [line for sentence in sentences for line in (sentence, "")]


def test_a_comments_tab_in_a_share_bar_does_not_end_an_article_that_goes_on_below_a_sidebar():
    sidebar = [line for i in range(6) for line in (f"Storm story number {i}", "", "Max Fisher", "",
                                                    f"Thousands are left homeless after storm number {i}, and aid "
                                                    "is running low in the camps.", "")]
    clip = "\n".join(["In the east, leaders further their grip on power - The Daily Example", "", "Home", "World",
                      "Politics", "", "In the east, leaders further their grip on power", "",
                      *_paragraphs(SENTENCES[:3]), "Loading...", "", "Comments", "", "Weigh In", "Corrections?", "",
                      *sidebar, *_paragraphs(SENTENCES[3:]), "Comments", "", "Sign in to comment", ""])
    kept = declutter.clean(clip)
    assert all(sentence in kept for sentence in SENTENCES[3:])  # the article below the sidebar
    assert "Storm story number 3" not in kept


def test_a_menu_item_named_no_comment_above_the_headline_does_not_end_the_article():
    teasers = [f"Read our latest report number {i} on how the markets moved and what the analysts expect next "
               "week." for i in range(5)]
    clip = "\n".join(["Leaders further their grip on power | Daily Example", "", "News", "World", "Business", "",
                      *_paragraphs(teasers), "Programmes", "No Comment", "",
                      "No agenda, no argument, no bias, No Comment.", "",
                      *(f"Section {name}" for name in ("Business", "Culture", "Sport", "Travel", "Green", "Next",
                                                        "Health", "Tech", "Video", "Podcasts", "Events")), "",
                      "Leaders further their grip on power", "", "By Jane Doe", "Published on 06/01/2026", "",
                      *_paragraphs(SENTENCES), "Comments", "", "Sign in to comment", ""])
    kept = declutter.clean(clip)
    assert all(sentence in kept for sentence in SENTENCES)
