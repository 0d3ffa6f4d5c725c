"""Small, deterministic defects of HTML pages and their decoding, one test each."""

import declutter
from declutter.stages import comments
from declutter.stages.read import decode

PROSE = "The federal government agreed on Tuesday to spend more on the parks of every city in the country."


def test_a_soft_hyphen_is_no_part_of_a_word():
    page = ("<html><head><title>Parks</title></head><body><article>"
            + f"<p>Die Bundes\u00adregierung hat am Dienstag beschlossen, mehr Geld für die Parks auszugeben. "
              f"{PROSE}</p>" * 3 + "</article></body></html>")
    text = declutter.clean(page, kind="html")
    assert "Bundesregierung" in text and "\u00ad" not in text
    assert "Bundesregierung" in declutter.clean("Parks\n\nDie Bundes\u00adregierung hat beschlossen. " + PROSE)


def test_a_page_that_is_utf8_but_for_a_stray_byte_is_not_read_as_another_encoding():
    text = ("Über die Straße gehen Müller und Söhne, früh am Morgen, zur Schule. " * 40).encode()
    broken = text[:500] + b"\xe9" + text[500:]  # one byte of another encoding in a UTF-8 page
    assert decode(broken).startswith("Über die Straße gehen Müller")
    declared = b'<html><head><meta charset="UTF-8"></head><body><p>' + "Café ".encode("cp1252") + "crème".encode()
    assert "crème" in decode(declared)
    assert decode("Café crème au lait, très bien.".encode("cp1252")) == "Café crème au lait, très bien."


def test_a_line_of_prose_ending_said_is_no_comment_header():
    assert not comments._SAID.match("Asked about the budget on Tuesday, the minister said...")
    assert comments._SAID.match("Jane Doe said...") and comments._SAID.match("jdoe123 says:")


def test_a_page_whose_extractors_find_only_navigation_is_cleaned_from_its_text(monkeypatch):
    import trafilatura

    from declutter.stages import extract

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)  # it finds nothing
    monkeypatch.setattr(extract, "readability_text", lambda html: "Home\nNews\nSport")
    page = ("<html><head><title>Parks</title></head><body><div>Home</div><div>News</div><div>Sport</div>"
            + "".join(f"<p>{PROSE} Part {i}.</p>" for i in range(6)) + "</body></html>")
    text = declutter.clean(page, kind="html")
    assert "Part 5." in text


ARTICLE = " ".join(f"The council debated item {i} of the city's park budget for a long hour." for i in range(40))
CONSENT = "We and our partners use cookies to store and access information on your device. Accept all or manage."


def test_a_shorter_text_of_another_part_of_the_page_never_replaces_the_article(monkeypatch):
    from declutter.stages import extract

    monkeypatch.setattr(extract, "other_is_better", lambda *args: 1.0)  # the trees trust it
    assert not extract.prefers_readability(ARTICLE, CONSENT, 5000)
    longer = " ".join(f"Residents of district {i} wrote letters about the parks to the mayor's office."
                      for i in range(80))
    assert extract.prefers_readability(ARTICLE, longer, 5000)  # a longer text of another part may still win


def test_an_opinion_of_another_part_of_the_page_takes_no_side_in_the_vote():
    from declutter.stages import extract

    precise = ARTICLE[:600]
    default = precise + " " + " ".join(f"Teaser {i}: another story about something else entirely." for i in range(60))
    unrelated = " ".join(f"Menu item {i} leads to another section of the website today." for i in range(45))
    assert extract._vote(precise, unrelated, lambda: default) is None
    holding = precise + " " + " ".join(f"More of the same article, part {i}, with its details." for i in range(40))
    assert extract._vote(precise, holding, lambda: default) == default


def test_the_standfirst_the_page_shows_above_its_article_is_kept():
    dek = "The city will spend twice as much on its parks next year, after a long debate in the council."
    page = ("<html><head><title>Parks budget doubles</title>"
            f"<meta property='og:description' content='{dek}'></head><body>"
            "<header><h1>Parks budget doubles</h1>"
            f"<div class='teaser'><span>{dek}</span></div></header>"
            "<article>" + "".join(f"<p>{PROSE} Paragraph {i} tells more of it.</p>" for i in range(8)) + "</article>"
            "<aside><div>About us</div><div>A blog about the city and its parks, written by its readers.</div>"
            "</aside></body></html>")
    text = declutter.clean(page, kind="html", title=False)
    assert text.splitlines()[0] == dek and "Paragraph 7" in text
