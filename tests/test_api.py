"""The library API and bad input: clear errors, never a traceback from inside."""

import pytest

import declutter
from declutter import InputError

ARTICLE = ("Skip to content\nMenu\n\nA headline for the story\n\n"
           + "\n\n".join(f"Paragraph {i} says that the committee met on Tuesday and agreed on a plan "
                         "that will change how the city collects its taxes from next year." for i in range(6))
           + "\n\nLeave a Reply\nYour email address will not be published.\n")


def paragraphs(story: str, n: int = 5, sep: str = "\n") -> str:
    """n article paragraphs telling story, a line each (sep between them)."""
    return sep.join(f"Paragraph {i} says that {story}" for i in range(n))


def test_clean_keeps_article_and_drops_chrome():
    text = declutter.clean(ARTICLE)
    assert "Paragraph 0 says" in text and "Paragraph 5 says" in text
    assert "Skip to content" not in text and "Leave a Reply" not in text
    assert text.splitlines()[0] == "A headline for the story"


def test_title_false_leaves_headline_out():
    assert "A headline" not in declutter.clean(ARTICLE, title=False)


def test_extract_explains_every_block():
    result = declutter.extract(ARTICLE.encode("utf-8"))
    assert result.kind == "text" and result.language == "en"
    assert result.kept + result.dropped == len(result.blocks)
    assert all(b.reason is not None for b in result.blocks)
    skip = next(b for b in result.blocks if b.text == "Skip to content")
    assert not skip.kept and skip.reason.stage == "generic rules" and skip.reason.rule.startswith("rules/lexicon/")


@pytest.mark.parametrize("content, message", [
    (b"", "empty input"),
    (b"  \n\t\n", "empty input"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "PNG image"),
    (b"%PDF-1.4 binary", "PDF document"),
    (b"abc\x00\x01\x02def", "NUL bytes"),
])
def test_bad_input_raises_input_error(content, message):
    with pytest.raises(InputError, match=message):
        declutter.clean(content)


def test_encodings_are_decoded():
    text = "Ça coûte cher, dit le ministre à la presse. " * 5
    for encoding in ("utf-16", "utf-8-sig", "cp1252"):
        assert "Ça coûte cher" in declutter.clean(text.encode(encoding))


def test_unknown_kind_is_a_usage_error():
    with pytest.raises(ValueError, match="unknown kind 'pdf'"):
        declutter.clean("x", kind="pdf")


def test_html_goes_through_extraction():
    html = ("<html><head><title>Story</title></head><body><nav>Home | World</nav><article><h1>Story</h1>"
            + "".join(f"<p>Paragraph {i} explains the council's decision to spend more on the parks "
                      "this year than in any of the years before.</p>" for i in range(5))
            + "</article><footer>© 2024 Paper</footer></body></html>")
    result = declutter.extract(html)
    assert result.kind == "html"
    assert "Paragraph 4 explains" in result.text and "© 2024" not in result.text


def test_markdown_text_is_what_a_reader_sees():
    from declutter.stages.read import plain_markdown

    assert plain_markdown("  * [Tech](https://x.example/t/)") == "  * Tech"
    assert plain_markdown("# A **bold** _title_ with a [link](http://x)") == "A bold title with a link"
    assert plain_markdown("![A harbour at dawn](img.jpg)") == "A harbour at dawn"
    assert plain_markdown("snake_case_word and 2*3*4") == "snake_case_word and 2*3*4"
    assert plain_markdown("---") == ""
    # A backslash escape is the mark alone, and no link, emphasis or heading ("\\- ", "1\\. ", "\\*").
    assert plain_markdown("#1 \\- Tue Jul 24, 2012 10:14 AM EDT") == "#1 - Tue Jul 24, 2012 10:14 AM EDT"
    assert plain_markdown("1\\. First step") == "1. First step"
    assert plain_markdown("a \\*starred\\* word and \\[not a link\\](x)") == "a *starred* word and [not a link](x)"
    assert plain_markdown("\\# not a heading") == "# not a heading"
    assert plain_markdown("C:\\Users\\me") == "C:\\Users\\me"
    assert plain_markdown("icon \U000f002a and \\- dash") == "icon \U000f002a and \\- dash"  # a stand-in's char
    assert plain_markdown("* ### Latest News") == "* Latest News"  # a list item's heading
    assert plain_markdown("2. ## Play the video") == "2. Play the video"
    clip = ("---\nurl: https://example.org/a\n---\n# The harbour plan\n\n"
            + "\n".join(f"* [Section {i}](https://example.org/s{i})" for i in range(8)) + "\n\n"
            + "\n\n".join(f"Paragraph {i} says the [council](https://example.org/c) met on Tuesday and agreed a "
                          "plan for the parks of the city and its harbour." for i in range(6)) + "\n")
    text = declutter.clean(clip)
    assert "Paragraph 5 says the council met" in text and "](" not in text and "Section 3" not in text


def test_html_gets_a_second_opinion_when_the_extractor_keeps_little(monkeypatch):
    import trafilatura

    from declutter.stages.extract import paragraph_chars

    assert paragraph_chars("<p>Hello <a href=x>there</a></p><div><p>Two") == 14
    body = "".join(f"<p>Paragraph {i} explains the council's decision to spend more on the parks this year "
                   "than in any of the years before, and what residents said about it.</p>" for i in range(8))
    html = f"<html><head><title>Parks</title></head><body><article>{body}</article></body></html>"
    # trafilatura keeping a sliver of the page: readability is asked, and its longer text wins.
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: {"text": "Paragraph 0 explains."})
    result = declutter.extract(html, title=False)
    assert "Paragraph 7 explains" in result.text
    assert result.blocks[-1].reason.detail == "main content found by readability"


def test_html_figure_captions_come_back_unless_the_body_alone_is_wanted():
    from pathlib import Path

    page = (Path(__file__).resolve().parent.parent / "corpus/html/harbour-cafe-reopens.html").read_bytes()
    text = declutter.clean(page)
    lines = text.splitlines()
    caption = "The café on the quay on its first morning back. Photo: Lee Hart"
    assert lines.index(caption) == lines.index(next(x for x in lines if x.startswith("The owners"))) - 1
    body = declutter.clean(page, title=False)
    assert caption not in body and "Harbour café reopens" not in body.splitlines()[0]
    for boilerplate in ("Subscribe to continue reading", "weekly newsletter", "seagull42", "© 2024", "By Mira Osei"):
        assert boilerplate not in text


def test_utf16_without_bom_is_read():
    text = "The council met on Tuesday and agreed on a plan for the parks of the city. " * 4
    for encoding in ("utf-16-le", "utf-16-be"):
        assert "agreed on a plan" in declutter.clean(text.encode(encoding))
    with pytest.raises(InputError, match="NUL bytes"):
        declutter.clean(b"\x00\x01\x02\x03" * 100)


def test_a_page_source_saved_as_text_is_read_as_html(tmp_path):
    source = ("A story - The Paper <script>var ads = 1;</script>" + '<div class="menu"><a href="/">Home</a></div>' * 60
              + "<div class='story'>" + "".join(f"<p>Paragraph {i} explains the council's decision to spend more "
                                                 "on the parks this year.</p>" for i in range(6)) + "</div>")
    result = declutter.extract(source, kind=None)
    assert result.kind == "html" and "Paragraph 5 explains" in result.text and "<div" not in result.text
    assert declutter.extract("A line with <b>bold</b> words and a <br> break.\n" * 20).kind == "text"
    assert declutter.extract(source, kind="text").kind == "text"  # what the caller says stands


@pytest.mark.parametrize("page_title", [
    "Chelsea hoping to sign Anelka before weekend - Soccer - Sport - smh.com.au",
    "Typhoon evacuations ordered across the islands_English_Xinhua",
    "StreetInsider.com - LG Electronics expands its product portfolio",
])
def test_the_headline_is_the_line_the_page_title_wraps_in_section_and_site_names(page_title):
    for separator in (" - ", "_"):
        parts = page_title.split(separator)
        if len(parts) > 1:
            break
    headline = max(parts, key=len)
    body = "\n\n".join(f"Paragraph {i} says that the club met on Tuesday and agreed on a plan for the season "
                       "that will change how it trains." for i in range(4))
    text = declutter.clean(f"{page_title}\nHome\nSport\nSoccer\n\n{headline}\n\n{body}\n")
    assert text.splitlines()[0] == headline and page_title not in text


@pytest.mark.parametrize("extractor", ["trafilatura", "readability"])
def test_an_html_pages_headline_is_its_own_heading_once_not_the_title_that_wraps_it(extractor, monkeypatch):
    from declutter.stages import extract

    monkeypatch.setattr(extract, "prefers_readability", lambda *args: extractor == "readability")
    headline = "BMW confirms its new sponsorship deal"
    html = (f"<html><head><title>Home of Sport: Formula One: News: {headline}</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/f1'>Formula One</a></nav><article>"
            f"<h1>{headline}</h1>" + "".join(f"<p>Paragraph {i} says that the team met on Tuesday and agreed "
                                             "on a plan for the season that will change how it races.</p>"
                                             for i in range(5)) + "</article></body></html>")
    text = declutter.clean(html)
    assert text.splitlines().count(headline) == 1 and "Home of Sport" not in text, text
    assert headline not in declutter.clean(html, title=False)


def test_a_markdown_clipping_takes_its_headline_from_the_front_matter_not_from_a_nav_bullet():
    body = paragraphs("the keeper climbed the tower every night for forty years and wrote down every ship.", 4,
                      "\n\n")
    clip = ('---\ntitle: "The last keeper of the Eastpoint lighthouse"\nsource: https://coast.example/a\n---\n'
            "* [Home](https://coast.example/)\n* [News](https://coast.example/news)\n\n"
            f"# The last keeper of the Eastpoint lighthouse\n\n{body}\n")
    titles = [b.text for b in declutter.extract(clip).blocks if b.reason and b.reason.detail == "article title"]
    assert titles == ["The last keeper of the Eastpoint lighthouse"]


def test_no_line_is_dropped_as_the_headline_s_duplicate_when_none_repeats_the_title():
    body = paragraphs("the keeper climbed the tower every night for forty years and wrote down every ship.", 4,
                      "\n\n")
    clip = '---\ntitle: "A title that no line repeats"\n---\nA different first line here\n\n' + body + "\n"
    result = declutter.extract(clip)
    assert not any(b.reason and b.reason.detail == "duplicate of the headline" for b in result.blocks)


def test_a_line_that_repeats_the_title_to_introduce_a_list_stays_in_the_article():
    body = paragraphs("the game gives a couple new tasks and questions to try together every weekend.", 3, "\n\n")
    clip = ("Quest Night 3 / October pack – Example Games\nHome\nQuest Night 3\nBlog\n\n"
            f"Quest Night 3 / October pack\n\n{body}\n\nQuest Night 3:\n\n"
            "Hundreds of new tasks that make every evening different\n"
            "Dozens of questions that help you know each other better\n")
    reasons = {b.text: b.reason.detail for b in declutter.extract(clip).blocks if b.reason}
    assert reasons["Quest Night 3"] == "duplicate of the headline"  # the menu's link to the game
    assert reasons["Quest Night 3:"] != "duplicate of the headline"  # what follows is the game's


def _tagline_then(story: str) -> str:
    """A select-all copy: the site's tagline on its first line, a menu, tags and share links, the article."""
    return ("Unbiased Analysis of Today's Healthcare Issues\nHome\nAbout\nArchives\nContact\n"
            "Posted in Policy\nTags\nMedicare\nAnesthesia\nShare\nTweet\nEmail\nPrint\n0 Comments\n"
            + paragraphs(story, 4) + "\n")


def test_a_first_line_that_names_nothing_of_the_article_is_not_taken_for_its_title():
    clip = _tagline_then("rural hospitals may now let nurse anesthetists bill Medicare directly, a change "
                         "that supporters say will keep small operating rooms open.")
    reasons = {b.text: b.reason.detail for b in declutter.extract(clip).blocks if b.reason}
    assert not reasons["Unbiased Analysis of Today's Healthcare Issues"].startswith("article title")
    assert declutter.clean(clip).startswith("Paragraph 0 says")


def test_a_first_line_that_names_the_article_is_still_its_title_where_no_line_repeats_it():
    clip = _tagline_then("unbiased analysis of healthcare issues shows rural hospitals keep small operating "
                         "rooms open when nurse anesthetists bill Medicare directly.")
    assert declutter.clean(clip).startswith("Unbiased Analysis of Today's Healthcare Issues")


def test_a_first_line_of_prose_is_no_page_title_whose_duplicates_go():
    # A cleaned text can start with the article's paragraph, run together with the blog's
    # "« Older | Main | Newer »" links; a sidebar's link to the older post is no reason to drop it.
    first = ("« Notes on the harbour lights | Main | The winter ferry timetable » The keeper climbed the tower "
             "every night for forty years and wrote down every ship that passed the point, and his notebooks "
             "are now kept in the town library for anyone to read.")
    body = paragraphs("the keeper's daughter took over the light when he retired and kept it for ten more years.",
                      3, "\n\n")
    clip = f"{first}\n\n{body}\n\nRecent posts\n* Notes on the harbour lights\n* Winter walks\n"
    reasons = {b.text: b.reason.detail for b in declutter.extract(clip).blocks if b.reason}
    assert reasons[first] != "duplicate of the headline"
    assert first in declutter.clean(clip)


def test_a_markdown_table_and_code_block_inside_the_article_stay_with_it():
    def para(i: int) -> str:
        return (f"Paragraph {i} says that the keeper climbed the tower every night for forty years, "
                "and that she wrote down every ship that passed and every storm that came through.")
    table = "| Year | Storms | Ships |\n|------|-------:|------:|\n| 1985 | 14 | 2,310 |\n| 2005 | 19 | 1,870 |"
    code = "```\nif dusk <= now < dawn:\n    lamp.on()\n```"
    clip = ('---\ntitle: "The keeper of the light"\n---\n# The keeper of the light\n\n'
            + "\n\n".join(map(para, range(3))) + f"\n\n{table}\n\n" + "\n\n".join(map(para, range(3, 6)))
            + f"\n\n{code}\n\n{para(6)}\n\n{para(7)}\n\n© 2025 Coast News. All rights reserved.\n")
    lines = declutter.clean(clip).splitlines()
    assert all(row in lines for row in table.splitlines()) and "| 1985 | 14 | 2,310 |" in lines
    assert "```" in lines and "    lamp.on()" in lines and para(7) in lines
    assert not any(line.startswith("©") for line in lines)


def test_a_short_markdown_article_keeps_its_closing_paragraphs_after_a_table_and_a_code_block():
    """Table and code lines are neither prose nor chrome: they do not split the article's prose run."""
    clip = ('---\ntitle: "Solar power for the old lighthouse"\n---\n- [Home](https://coast.example/)\n'
            "- [Blog](https://coast.example/blog)\n\n# Solar power for the old lighthouse\n\n"
            "When the keepers left in 1987, the lamp went dark for almost a decade. Today it burns again.\n\n"
            "## The numbers\n\nWe logged the consumption over one winter, month by month.\n\n"
            "| Month | kWh |\n|---|---|\n| November | 18.4 |\n| December | 21.0 |\n\n"
            "The panels on the south wall produce about twice that even in December.\n\n"
            "The controller reads the battery voltage every minute:\n\n"
            "```python\nwhile True:\n    check_battery()\n```\n\n"
            "It has never let the battery drop below half charge, not even during the storm week.\n\n"
            "If you want to visit, the tower is open on summer Sundays, and the volunteers show it.\n\n"
            "Share this post: [Facebook](https://facebook.example)\n")
    lines = declutter.clean(clip).splitlines()
    assert "When the keepers left in 1987, the lamp went dark for almost a decade. Today it burns again." in lines
    assert "| December | 21.0 |" in lines and "    check_battery()" in lines
    assert lines[-1].startswith("If you want to visit") and not any("Share" in line for line in lines)


def test_a_whole_page_clipping_keeps_the_headline_and_standfirst_above_the_byline_not_the_site_name():
    body = paragraphs("the council met on Tuesday and agreed to build the bridge over the river by the spring.")
    clip = ("Skip to main content\nThe Riverside Gazette\nNews\nSport\nLocal\n"
            "Council approves new footbridge over the Avon after years of delay\n"
            "The crossing will link the station with the old market quarter by 2028\n"
            f"By Daniel Okafor\nPublished 3 November 2026\nShare\n{body}\nRelated stories\n© 2026 Riverside Media\n")
    result = declutter.extract(clip)
    kept = result.text.splitlines()
    assert kept[:2] == ["Council approves new footbridge over the Avon after years of delay",
                        "The crossing will link the station with the old market quarter by 2028"]
    assert "The Riverside Gazette" not in kept and kept[-1].startswith("Paragraph 4")
    assert declutter.clean(clip, title=False).splitlines()[0].startswith("The crossing")


def test_the_headline_is_the_top_of_its_block_above_a_standfirst_a_byline_and_an_uncredited_caption():
    body = paragraphs("the singer slipped during the last song of the night and was helped off by the crew.")
    clip = ("Daily Pulse\nMenu\nSHOWBIZ\nPop star cancels tour after fall on stage\n"
            "Jamie Lee, 29, was taken to hospital in Leeds\nInterview by Pulse Reporter\n16:20, 21 Nov 2026\n"
            f"Comments\nThe singer was carried off stage during the encore\n{body}\nMost Read\n")
    kept = declutter.clean(clip).splitlines()
    assert kept[:3] == ["Pop star cancels tour after fall on stage", "Jamie Lee, 29, was taken to hospital in Leeds",
                        "The singer was carried off stage during the encore"]
    assert "Interview by Pulse Reporter" not in kept and "SHOWBIZ" not in kept


def test_a_credit_printed_alone_keeps_the_caption_under_it_and_the_headline_above_stays_the_headline():
    body = paragraphs("the river rose by a metre overnight and crews moved families from the lowest streets.")
    clip = ("Skip to content\nHome\nNews\nSport\nFlood warnings issued as heavy rain hits the north\n2 hours ago\n"
            "Share\nSave\nJane Smith\nNews, Leeds\nGetty Images\nRivers in Cumbria rose quickly overnight\n"
            f"Flood warnings were issued across the north after a night of heavy rain in the hills.\n{body}\n"
            "Related topics\nFlooding\n")
    kept = declutter.clean(clip).splitlines()
    assert kept[:3] == ["Flood warnings issued as heavy rain hits the north", "Getty Images",
                        "Rivers in Cumbria rose quickly overnight"]
    under_prose = "Getty Images\nThe river rose by a metre overnight, and crews moved families from the lowest streets."
    assert declutter.extract(f"Flood warnings issued\n{under_prose}\n{body}").blocks[2].reason.stage != "captions"


def test_a_caption_with_its_credit_after_an_ellipsis_is_a_caption():
    body = paragraphs("the council approved the plan to rebuild a dozen bridges over the next decade.")
    caption = ("Workers inspected the Elm Street bridge in October. Officials say it is among the most urgent "
               "repairs.Credit...Jane Doe for The Daily Record")
    clip = (f"Daily Record\nSubscribe\nCouncil approves plan to rebuild aging bridges\nShare full article\n{caption}\n"
            f"By John Smith\nNov. 27, 2024\n{body}\nSite Index\n")
    assert caption in declutter.clean(clip).splitlines()
    assert caption not in declutter.clean(clip, title=False)


def test_a_related_article_promo_and_an_ad_feedback_label_inside_the_article_are_dropped():
    body = paragraphs("the court agreed to decide whether states may set their own limits on river water.")
    later = paragraphs("farm groups said a ruling could leave thousands of acres without water in dry years.")
    clip = (f"Politics\nCongress\nCourt agrees to hear river case\nBy Jo Rowe, News\n3 minute read\n{body}\n"
            f"Related article\nDrought forces new limits on western farms as reservoirs fall\n{later}\n"
            f"Ad Feedback\n{later}\nTerms of Use\n")
    kept = declutter.clean(clip).splitlines()
    assert "Related article" not in kept and "Ad Feedback" not in kept
    assert "Drought forces new limits on western farms as reservoirs fall" not in kept


def test_a_read_more_list_inside_a_short_article_takes_no_paragraph_along():
    paras = ["The town council voted on Tuesday to approve a new harbour wall, ending ten years of arguments over "
             "how to protect the seafront from winter storms.",
             "The project will cost about £40m and is expected to take three years, with work starting in the "
             "autumn once the fishing season ends.",
             "\"We have waited long enough,\" said council leader Mark Evans. \"This wall will protect homes and jobs "
             "for the next century.\"",
             "Residents have been asked to comment on the designs, which include a wider promenade and new lighting "
             "along the quay.",
             "Opponents argued that the money should have been spent on moving the most exposed homes further "
             "inland, and some plan to appeal.", "The council will publish the final plans next month."]
    titles = ["Town's lifeboat crew called out three times in one night", "Seafront hotel reopens after flood repairs"]
    clip = "\n".join(["Council approves new harbour wall | Coastal News", "Skip to content", "News", "Sport",
                      "Council approves new harbour wall", "By Anna Brown", "12 March 2024, 09:14", *paras[:3],
                      "Read more:", *titles, *paras[3:], "Share this article", "More from Coastal News",
                      "Tides to peak this weekend", "New ferry timetable announced", "© 2024 Coastal News"])
    kept = declutter.clean(clip).splitlines()
    assert all(p in kept for p in paras) and not any(t in kept for t in titles)


def test_a_byline_under_the_share_bar_is_no_headline_the_heading_the_prose_names_above_it_is():
    body = paragraphs("the wind farm off the coast sent its first power to the grid on Monday morning.")
    clip = ("Environment\nEnergy\nOffshore wind farm sends first power to the grid\n"
            "The first turbines of the largest offshore wind farm began to turn on Monday\nShare\nTweet this\nEmail\n"
            "Hilary Osborne and Phillip Inman\nguardian.co.uk, Monday 29 October 2012 11.55 EDT\n"
            f"The offshore wind farm sent its first power to the grid on Monday, its owners said.\n{body}\n")
    result = declutter.extract(clip)
    assert result.title == "Offshore wind farm sends first power to the grid"
    assert "guardian.co.uk, Monday 29 October 2012 11.55 EDT" not in result.text
    byline = next(b for b in result.blocks if b.text == "Hilary Osborne and Phillip Inman")
    assert byline.reason is not None and byline.reason.stage != "headline"  # neither headline nor standfirst


def test_a_short_first_line_ends_the_search_for_the_headline_and_is_never_taken_for_it():
    clip = ("Home\nNews\nCouncil to review parking fees\nThe council will review parking fees in the town centre "
            "next month, after complaints from shop owners.\nTraders say the charges, which rose in April, have "
            "kept shoppers away.\nShare on Facebook\nRelated\nParking fines double in a year\n")
    assert declutter.clean(clip).splitlines()[0] == "Council to review parking fees"


def test_a_heading_above_the_article_is_never_a_share_bar_or_a_post_navigation_line():
    body = paragraphs("the council met on Tuesday and agreed to build the bridge over the river by the spring.")
    nav = "« Older post | Main | Newer post »\nEmail | Print | Share this story"
    clip = f"My blog\nAbout\nArchive\nContact the author\n{nav}\n{body}\n"
    blocks = declutter.extract(clip).blocks
    headlines = {b.text: b.reason.detail for b in blocks if b.reason and b.reason.stage == "headline"}
    assert headlines == {"My blog": "article title"}  # a short first line just above the article, as before


def test_a_few_stray_nul_bytes_in_a_saved_page_are_dropped_not_taken_for_binary_data():
    page = ("<html><body><article><h1>Story</h1>" + "".join(
        f"<p>Paragraph {i} explains the council's decision to spend more on the parks this year.</p>"
        for i in range(40)) + "</article></body></html>").encode()
    page = page[:200] + b"\x00" + page[200:400] + b"\x00" + page[400:]
    assert "Paragraph 39 explains" in declutter.clean(page, kind="html")
    with pytest.raises(InputError, match="NUL"):
        declutter.clean(b"A line of text\x00\x00\x00 and more\x00\x00 text\n" * 3)


def test_an_html_page_keeps_its_formulas_as_tex_and_its_text_in_one_unicode_form():
    paragraphs = "".join(f"<p>Paragraph {i} of the lecture notes explains the proof step by step for the "
                         "students of the course.</p>" for i in range(6))
    page = ("<html><body><article><h1>Notes</h1>" + paragraphs
            + "<p>The identity <span class=\"katex\"><span class=\"katex-mathml\"><math><semantics><mrow><mi>a</mi>"
            "</mrow><annotation encoding=\"application/x-tex\">a^2+b^2=c^2</annotation></semantics></math></span>"
            "<span class=\"katex-html\" aria-hidden=\"true\">a2+b2=c2</span></span> holds for every right triangle "
            "we drew.</p><p>Mass and energy: <math><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup>"
            "</math> is the best known formula, in the cafe\u0301 and the lecture hall alike.</p>"
            "<p>A half is <script type=\"math/tex\">\\frac{1}{2}</script> as the teacher wrote on the board.</p>"
            "</article></body></html>")
    text = declutter.clean(page, kind="html")
    assert "The identity a^2+b^2=c^2 holds for every right triangle we drew." in text
    assert "E = m c 2 is the best known formula" in text and "A half is \\frac{1}{2} as the teacher" in text
    assert "caf\u00e9" in text and "e\u0301" not in text


def test_the_precise_extraction_is_outvoted_only_when_both_other_opinions_find_far_more():
    from declutter.stages.extract import _vote

    def words(n: int) -> str:
        return " ".join(["word"] * n)
    asked = []

    def default(n: int):
        return lambda: asked.append(n) or words(n)
    assert _vote(words(40), words(780), default(800)) == words(800)  # a table cell kept: the article, twice
    assert _vote(words(100), words(210), default(460)) is None  # readability sides with the precise text
    assert _vote(words(300), words(500), default(500)) is None and 500 not in asked  # not far more: not asked
    assert _vote(words(40), "", default(800)) is None and asked == [800, 460]  # no other opinion: not asked


def test_a_layout_table_kept_whole_by_trafilatura_gives_way_to_readabilitys_article():
    story = paragraphs("the harbour board approved the new ferry timetable for the winter months.", 6).split("\n")
    menu = "".join(f"<tr><td><a href='/s{i}'>Section {i}</a></td><td>Latest headline number {i} from the wire</td></tr>"
                   for i in range(12))
    page = ("<html><head><title>Ferry timetable</title></head><body><table><tr><td><table>" + menu + "</table></td>"
            "<td><b>Ferry timetable approved</b>" + "".join(f"<p>{line}</p>" for line in story) + "</td></tr>"
            "<tr><td colspan=2>Contact us | Advertise | Copyright 2008 Harbour Times</td></tr></table></body></html>")
    result = declutter.extract(page, kind="html")
    assert all(line in result.text.splitlines() for line in story)  # paragraphs as lines, not one table cell
    assert "Section 3" not in result.text and "Contact us" not in result.text
    assert any(b.reason and b.reason.detail == "main content found by readability" for b in result.blocks)


def test_a_page_without_paragraphs_takes_its_rendering_only_when_that_keeps_far_more():
    from declutter.document import Document, Reason
    from declutter.pipeline import _or_rendering
    from declutter.stages.read import lines_to_blocks

    def cleaned(text: str, kind: str) -> Document:
        doc = Document(lines_to_blocks(text), kind=kind, extractor="trafilatura")
        for block in doc.blocks:
            block.keep(Reason("extract", "", "kept"))
        return doc
    fragment, article = "Ferry timetable approved", paragraphs("the ferry runs hourly.", 4)
    page = cleaned(fragment, "html")
    _or_rendering(page, cleaned(article, "text"))
    assert page.text == article and page.extractor == "text rendering" and page.kind == "html"
    page = cleaned(article, "html")
    _or_rendering(page, cleaned(article + "\nMore news", "text"))
    assert page.text == article and page.extractor == "trafilatura"


def test_the_choice_model_reads_the_features_it_was_trained_on():
    from declutter.model.choice import NAMES, features, load_choice, other_is_better

    assert len(features("A line.\nAnother line.", "A line.", 500)) == len(NAMES)
    assert load_choice() is load_choice()
    assert 0.0 <= other_is_better("", "", 0) <= 1.0


def test_an_extraction_of_empty_layout_table_rows_counts_as_no_text():
    from declutter.stages.extract import text_chars

    assert text_chars("|  |  \n|  |  |\n| Today's Edition |") == len("Today's Edition")
    assert text_chars("A paragraph of the story.\n\nAnother one.") == len("A paragraph of the story. Another one.")


def test_code_keeps_its_indentation_from_an_html_page_and_from_a_markdown_clipping():
    story = paragraphs("the loop counts from zero and stops before ten.").split("\n")
    page = ("<html><body><article><h1>Loops</h1>" + "".join(f"<p>{line}</p>" for line in story)
            + "<pre><code>for i in range(10):\n    if i &lt; 3:\n        print(i)\n</code></pre>"
            "<p>After the loop, the counter holds the last value, which surprises many beginners.</p>"
            "</article></body></html>")
    assert "for i in range(10):\n    if i < 3:\n        print(i)\n" in declutter.clean(page, kind="html")
    clip = ("# Loops\n\n" + paragraphs("the loop counts from zero and stops before ten.", 4, "\n\n")
            + "\n\n```python\nfor i in range(10):\n    print(i)\n```\n\n"
            + paragraphs("the counter ends at nine.", 2, "\n\n"))
    assert "for i in range(10):\n    print(i)\n" in declutter.clean(clip, kind="markdown")
    table = "| Ship | Year |\n|---|---|\n| [Aurora](https://ships.example/a) | **1901** |\n| Nordlys | 1910 |"
    lines = declutter.clean(clip.replace("```python", table + "\n\n```python"), kind="markdown").splitlines()
    assert "| Aurora | 1901 |" in lines  # a table's line reads as text; only code keeps its spacing


def test_a_teaser_ending_in_its_link_is_dropped_and_an_article_sentence_ending_in_more_is_not():
    clip = ("Library opens on Sundays\n" + paragraphs("the council will open the library on Sundays from January.")
            + "\nThe mayor said the town would need more.\n"
            + "Andy Murray has cruised past the top seed in straight sets to reach the final. Full Story\n"
            + "The tram line is late again, and the council says it will act. Read more »\n")
    kept = declutter.clean(clip).splitlines()
    assert "The mayor said the town would need more." in kept
    assert not any(line.endswith(("Full Story", "Read more »")) for line in kept)


def test_an_html_title_is_read_whole_apostrophes_and_entities_included():
    from declutter.stages.extract import page_title

    assert page_title('<head><meta content="Taylor Swift&#39;s tour &amp; more" property="og:title">'
                      "<title>Site</title></head>") == "Taylor Swift's tour & more"
    assert page_title("<head><meta property='og:title' content='A \"quoted\" word'></head>") == 'A "quoted" word'
    assert page_title("<head><meta property='og:title' content=''><title>Plain &amp; simple</title></head>") \
        == "Plain & simple"


def test_the_precise_extraction_gives_way_to_the_paragraphs_it_is_a_fragment_of():
    """trafilatura's precise setting keeps a standfirst and a caption, readability even less: the
    default setting's text, all of it paragraph text and holding the precise one, is the article.
    A default text beyond the page's paragraphs (teasers, a sidebar), or one that does not hold
    the precise text, is not taken; nor is it where readability's opinion is there to vote."""
    from declutter.stages.extract import _paragraphs_of

    fragment = " ".join(f"The council met on day {i} and voted on the harbour plan again." for i in range(8))
    rest = " ".join(f"Residents of district {i} wrote to the mayor about the plan." for i in range(60))
    article = f"{fragment} {rest}"
    paragraphs = len(article) + 100
    assert _paragraphs_of(fragment, "Menu", lambda: article, paragraphs) == article
    assert _paragraphs_of(fragment, "Menu", lambda: article, len(article) // 2) is None  # more than the paragraphs
    other = " ".join(f"Another story number {i} about something else entirely." for i in range(80))
    assert _paragraphs_of(fragment, "Menu", lambda: other, paragraphs) is None  # does not hold the fragment
    assert _paragraphs_of(fragment, fragment + " more", lambda: article, paragraphs) is None  # readability votes
    assert _paragraphs_of(fragment, "Menu", lambda: fragment + " and a few words more", paragraphs) is None
    # A precise text holding a fair share of the paragraphs is no fragment: the default is not even asked.
    assert _paragraphs_of(fragment, "Menu", lambda: pytest.fail("asked"), len(fragment)) is None
