"""Page titles: their parts, and the headline among them.

A page's <title> wraps the headline in section and site names ("Headline - Sport | Site",
"Site: Headline", "Headline « Blog"). The headline stage matches lines against every run of
its parts; an HTML page's title line keeps only the headline part where the page says which
part that is: one of its headings repeats it, or the other parts name the site.
"""

from __future__ import annotations

from html import unescape
from urllib.parse import urlsplit

import regex

_PUNCTUATION = regex.compile(r"[^\w\s]")
# "Headline - Section | Site", "Headline_English_Site", "Home of Sport: News: Headline"
SEPARATOR = regex.compile(r"\s+[|\-–—:·»«/]\s+|:\s+|_")
# The separators a headline itself never holds (a colon or a dash often is the headline's own).
_SITE_SEPARATOR = regex.compile(r"\s+[|·»«/]\s+|\s+::\s+|\s+[-–—]\s+")
_HEADING = regex.compile(r"<h([1-3])\b[^>]*>(.*?)</h\1\s*>", regex.S | regex.I)
_ANY_TAG = regex.compile(r"<[^>]*>")
_SITE_NAME = regex.compile(r"""<meta\b[^>]*\b(?:property|name)\s*=\s*["'](?:og:site_name|application-name)["']"""
                           r"""[^>]*>""", regex.I)
_CONTENT = regex.compile(r"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')""", regex.I)
_HOST_NOISE = regex.compile(r"^(?:www\d?|m|mobile|news|blogs?)\.|\.(?:com|org|net|gov|edu|co|ac|info|biz|tv|"
                            r"[a-z]{2})$")
PART_MIN_WORDS = 3  # a part of the page title this long may be the headline (a section's name is shorter)
MAX_PARTS = 8  # more parts than this: a list of keywords, not a title
SITE_NAME_SHARE = 0.5  # of a title part's letters, the site's name, for the part to be the name
HEAD_CHARS = 300_000  # the part of the page searched for headings and the site's name


def key(text: str) -> str:
    """A text's words, casefolded, punctuation aside: what two spellings of a title share."""
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


def title_parts(title: str) -> set[str]:
    """The keys of every run of consecutive parts of a page title split at its separators, of at
    least PART_MIN_WORDS words: "Headline - Soccer - Sport - Site" gives "headline", "headline
    soccer", … (a page title wraps the headline in section and site names, before or after it)."""
    parts = [p for p in SEPARATOR.split(title) if p.strip()]
    if len(parts) > MAX_PARTS:
        return set()
    keys = {key(" ".join(parts[i:j])) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}
    return {k for k in keys if k.count(" ") + 1 >= PART_MIN_WORDS}


def headline_of(title: str, html: str, url: str | None = None) -> str:
    """The headline part of an HTML page's title: the longest run of its parts that one of the
    page's h1-h3 headings repeats; else the title without its leading and trailing parts that
    name the site (og:site_name, or the host's name); else the whole title."""
    runs = _runs(SEPARATOR, title)
    if len(runs) > 1:
        head = html[:HEAD_CHARS]
        # A blog's h1 is its name, the post's title a later heading: the latest heading wins.
        order = {key(unescape(_ANY_TAG.sub(" ", found.group(2)))): at
                 for at, found in enumerate(_HEADING.finditer(head))}
        repeated = [run for run in runs if key(run) in order and len(run.split()) >= PART_MIN_WORDS]
        if repeated:
            return max(repeated, key=lambda run: (order[key(run)], len(run)))
    parts = [p.strip() for p in _SITE_SEPARATOR.split(title) if p.strip()]
    if not 1 < len(parts) <= MAX_PARTS:
        return title
    names = _site_names(html[:HEAD_CHARS], url)
    start, end = 0, len(parts)
    while start < end - 1 and _names_site(parts[start], names):
        start += 1
    while end > start + 1 and _names_site(parts[end - 1], names):
        end -= 1
    if (start, end) == (0, len(parts)):
        return title
    kept = _runs(_SITE_SEPARATOR, title)
    return next((run for run in kept if [p.strip() for p in _SITE_SEPARATOR.split(run) if p.strip()]
                 == parts[start:end]), title)


def _runs(separator: regex.Pattern, title: str) -> list[str]:
    """Every run of consecutive parts of the title, as the title spells it (separators inside)."""
    bounds = [0, *(b for found in separator.finditer(title) for b in found.span()), len(title)]
    starts, ends = bounds[0::2], bounds[1::2]
    if len(starts) > MAX_PARTS:
        return []
    return [title[starts[i]:ends[j]].strip() for i in range(len(starts)) for j in range(i, len(ends))
            if title[starts[i]:ends[j]].strip()]


def _site_names(head: str, url: str | None) -> set[str]:
    """The site's names, compacted: its og:site_name or application-name, its host's name."""
    names = set()
    for tag in _SITE_NAME.finditer(head):
        found = _CONTENT.search(tag.group())
        if found:
            names.add(_compact(unescape(found.group(1) or found.group(2))))
    host = urlsplit(url).hostname if url else None
    if host:
        while (shorter := _HOST_NOISE.sub("", host)) != host:
            host = shorter
        names.update(_compact(label) for label in host.split("."))
    names.discard("")
    return {name for name in names if len(name) >= 3}


def _names_site(part: str, names: set[str]) -> bool:
    """Whether a title part is the site's name (compacted): a name holds it, or it is mostly a
    name ("CNN.com"; not "Towleroad Talking Points")."""
    compact = _compact(part)
    if len(compact) < 3:
        return False
    bare = compact.removeprefix("the")
    return any(compact in name or (len(bare) >= 3 and bare in name)
               or (name in compact and len(name) >= SITE_NAME_SHARE * len(compact)) for name in names)


def _compact(text: str) -> str:
    """Letters and digits only, casefolded: "The White House" and whitehouse.gov meet."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())
