"""Metadata stage: the article's author, date, site, description, image and tags, most trusted
source first.

1. What the user wrote: a clipping's front matter (Obsidian Web Clipper's, MarkDownload's and
   other clippers' keys).
2. The page's own data (HTML, when asked: Options(metadata=True)): the site's FiveFilters
   `author:` and `date:` XPaths, then trafilatura's metadata pass (JSON-LD, Open Graph, Dublin
   Core, visible bylines; htmldate for the date); the head's meta tags are read in any case.
3. The byline and date lines the rules drop near the article's start ("By Jane Doe",
   "Published 3 March 2025"): their values are metadata, not lost text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..context import Context
from ..document import Block, Document
from ..metadata import BY_ALONE, BYLINE, LAST_FIRST, bare_names, iso_date, person_names
from ..options import PROSE_WORDS
from ..rules import RuleFile

STAGE = "metadata"
MAX_LINE_WORDS = 20  # a byline or date line is short (several authors, a date); prose is longer
REACH = 40  # lines before the article's prose where its byline and date may stand
_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')  # JSON-LD's, with its time
HEAD_CHARS = 300_000
_MAY_HOLD_A_DAY = re.compile(r"\d{4}|\d[./]\d")  # a year, or a numeric date's separator
_DATE_KEYS = ("published", "date_published", "datepublished", "date", "pubdate", "publish_date")
_CLIP_DATE_KEYS = ("created", "clipped", "saved")  # when the clipping was made: the last resort
_DESCRIPTION_KEYS = ("description", "summary", "excerpt", "subtitle")
_IMAGE_KEYS = ("image", "cover", "banner", "thumbnail", "featured_image")
_TAG_KEYS = ("tags", "keywords", "categories")
_SITE_KEYS = ("site", "site_name", "sitename", "publisher", "source_name")


def read_page(doc: Document, ctx: Context) -> None:
    """What an HTML page says of itself beyond its head's meta tags, when the options ask
    (about 10 ms a page): the site's author and date XPaths first, then trafilatura's metadata
    pass."""
    if doc.html and ctx.options.metadata:
        from . import extract  # an HTML page's stage (a text clipping needs no HTML parser)

        from_page(doc, doc.html, extract.page_rules(doc, ctx))


def from_page(doc: Document, html: str, rules: Sequence[RuleFile]) -> None:
    """read_page() for a page and its rule files."""
    from lxml import etree
    from trafilatura.metadata import extract_metadata

    from . import extract

    try:
        tree = extract.parsed(html)
    except (etree.ParserError, ValueError):
        return
    xpaths = [(field, expression) for rule in rules for field in ("author", "date")
              for expression, _ in rule.xpath.get(field, [])]
    site = {field: value for field, expression in reversed(xpaths) if (value := _xpath_text(tree, expression))}
    try:
        found = extract_metadata(tree, default_url=doc.url)
    except Exception:  # trafilatura's metadata pass meets many kinds of broken pages
        return
    # The day the page's data names (htmldate), with the time the head's or the JSON-LD's
    # timestamp gives it where one names that day; the head's date where the data names none.
    day = iso_date(found.date)
    meta = iso_date(doc.date)
    stamps = [meta, *(iso_date(m.group(1)) for m in _LD_PUBLISHED.finditer(html, 0, HEAD_CHARS))]
    timed = next((s for s in stamps if s and day and len(s) > 10 and s[:10] == day), None)
    doc.date = site.get("date") or timed or day or meta
    # The head's "Brazil, Rachel" is better read than the same names split apart ("Brazil; Rachel").
    inverted = doc.author and found.author and LAST_FIRST.fullmatch(doc.author) and \
        _words(doc.author) == _words(found.author)
    doc.author = site.get("author") or (doc.author if inverted else found.author) or doc.author
    doc.title = doc.title or found.title
    doc.site_name = doc.site_name or found.sitename
    doc.description = doc.description or found.description
    doc.image = doc.image or found.image
    doc.tags = doc.tags or tuple(dict.fromkeys(t for t in [*(found.tags or []), *(found.categories or [])] if t))


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _xpath_text(tree, expression: str) -> str | None:
    try:
        found = tree.xpath(expression)
    except Exception:  # a FiveFilters XPath lxml cannot evaluate
        return None
    values = found if isinstance(found, list) else [found]
    texts = [" ".join((v.text_content() if hasattr(v, "text_content") else str(v)).split()) for v in values]
    return "; ".join(t for t in texts if t) or None


def apply(doc: Document, ctx: Context) -> None:
    """Fill in what the front matter says, and with Options(metadata=True) what the article's
    lines say; every value in its shape (an ISO date, person names)."""
    matter = doc.front_matter
    doc.date = doc.date or _first(matter, _DATE_KEYS)
    doc.description = doc.description or _first(matter, _DESCRIPTION_KEYS)
    doc.image = doc.image or _first(matter, _IMAGE_KEYS)
    doc.site_name = doc.site_name or _first(matter, _SITE_KEYS)
    doc.tags = doc.tags or _tags(_first(matter, _TAG_KEYS))
    publishers = (doc.site_name, doc.site)
    doc.author = person_names(doc.author, publishers)
    doc.date = iso_date(doc.date)
    if ctx.options.metadata and (doc.author is None or doc.date is None):
        author, date = from_lines(doc.blocks, doc.title, publishers)
        doc.author, doc.date = doc.author or author, doc.date or date
    doc.date = doc.date or iso_date(_first(matter, _CLIP_DATE_KEYS))


def from_lines(blocks: list[Block], title: str | None = None,
               publishers: tuple[str | None, ...] = ()) -> tuple[str | None, str | None]:
    """The author of the byline and the date of the date line between the headline (else the
    start of the page) and the article's prose, the nearest the headline first. A byline is
    "By Jane Doe" (or "By" with the name on the next line), or bare names beside a date line or
    on one ("Chuck Ross" above "April 28, 2023"; "Sehernur Karsu | 05.04.2025")."""
    lines = _between_headline_and_prose(blocks, title)
    dates = [iso_date(text) if len(text.split()) <= MAX_LINE_WORDS and _MAY_HOLD_A_DAY.search(text) else None
             for text in lines]
    author = None
    for i, text in enumerate(lines):
        if len(text.split()) > MAX_LINE_WORDS:
            continue
        if BYLINE.match(text):
            author = person_names(text, publishers)
        elif BY_ALONE.match(text) and i + 1 < len(lines):
            author = person_names(lines[i + 1], publishers)
        elif any(dates[max(0, i - 1):i + 2]):
            author = bare_names(text, publishers)
        if author:
            break
    return author, next((d for d in dates if d), None)


def _between_headline_and_prose(blocks: list[Block], title: str | None) -> list[str]:
    """The short lines where a byline and a date stand: after the headline (the last line that
    repeats the title before the article's prose), up to the article's second prose line (past
    a standfirst); REACH lines at most."""
    prose = [i for i, b in enumerate(blocks) if b.kept and b.words >= PROSE_WORDS][:2]
    end = prose[-1] if prose else len(blocks)
    heads = [i for i, b in enumerate(blocks[:end]) if title and b.text == title]
    start = heads[-1] + 1 if heads else max(0, end - REACH)
    return [b.text for b in blocks[start:min(end, start + REACH)] if b.text]


def _first(matter: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((matter[k] for k in keys if matter.get(k)), None)


def _tags(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(dict.fromkeys(t.strip(" #[]\"'") for t in value.replace(";", ",").split(",") if t.strip(" #[]\"'")))
