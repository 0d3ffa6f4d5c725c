"""Site identification: URL argument, front matter, Source: line, fingerprints."""

import declutter

DW_TAIL = "\nSkip next section DW's Top Story\nDW's Top Story\nSome other story\n"
BODY = "A first paragraph of the article with enough words to count as prose for everyone.\n"


def test_url_argument_picks_the_site():
    assert declutter.extract(BODY, url="https://www.dw.com/en/x/a-1").site == "dw.com"


def test_front_matter_url():
    text = f"---\ntitle: T\nsource: https://www.newsweek.com/x-1\n---\n{BODY}"
    result = declutter.extract(text)
    assert result.site == "newsweek.com"
    assert result.kind == "markdown"
    assert "source:" not in result.text


def test_source_line_is_used_and_dropped():
    result = declutter.extract(f"{BODY}\nSource: https://themoscowtimes.com/2019/01/16/a\n")
    assert result.site == "themoscowtimes.com"
    assert "Source:" not in result.text


def test_fingerprint_without_url():
    assert declutter.extract(BODY + DW_TAIL).site == "dw.com"


def test_unknown_site_is_none():
    assert declutter.extract(BODY).site is None
