"""Page titles: their parts, and the headline among them.

A page's <title> wraps the headline in section and site names ("Headline - Sport | Site",
"Site: Headline", "Headline « Blog"). The headline stage matches lines against every run of
its parts; an HTML page's title line keeps only the headline part where the page says which
part that is: one of its headings repeats it, or the other parts name the site.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

import regex

from .compiled import compiled

_PUNCTUATION = compiled(r"[^\w\s]|_")
_WORD = compiled(r"[^\W_]+(?:['’][^\W_]+)*")  # "Today's" is one word, "comments/replies" two
# "Headline - Section | Site", "Headline_English_Site", "Home of Sport: News: Headline"
# Full-width bars stand without spaces in CJK titles ("見出し｜日本経済新聞").
SEPARATOR = compiled(r"\s+[|\-–—:·»«/]\s+|:\s+|_|\s*[｜︱│]\s*")
# The separators a headline itself never holds (a colon or a dash often is the headline's own; a
# part split at " : " or "_" is only ever removed when it names the site).
_SITE_SEPARATOR = compiled(r"\s+[|·»«/]\s+|\s+::?\s+|\s+[-–—]\s+|_|\s*[｜︱│]\s*")
_ARCHIVE_TAIL = compiled(r"\s*\((?:Published|Publié|Veröffentlicht) \d{4}\)\s*$")  # an archive's title
_HOST_NOISE = compiled(r"^(?:www\d?|m|mobile|news|blogs?)\.|\.(?:com|org|net|gov|edu|co|ac|info|biz|tv|"
                       r"[a-z]{2})$")
PART_MIN_WORDS = 3  # a part of the page title this long may be the headline (a section's name is shorter)
MAX_PARTS = 8  # more parts than this: a list of keywords, not a title
SITE_NAME_SHARE = 0.5  # of a title part's letters, the site's name, for the part to be the name


def key(text: str) -> str:
    """A text's words, casefolded, punctuation aside: what two spellings of a title share."""
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


def title_parts(title: str) -> set[str]:
    """The keys of every run of consecutive parts of a page title split at its separators, of at
    least PART_MIN_WORDS words: "Headline - Soccer - Sport - Site" gives "headline", "headline
    soccer", … (a page title wraps the headline in section and site names, before or after it)."""
    return {key(run) for run in _runs(SEPARATOR, title) if _words(run) >= PART_MIN_WORDS}


def headline_of(title: str, headings: Sequence[str], site_name: str | None = None, url: str | None = None) -> str:
    """The headline part of an HTML page's title: the run of its parts that one of the page's
    headings (in page order) repeats, the latest such heading's (a blog's name in <h1> comes
    before its post's title); else the title without its leading and trailing parts that name
    the site (site_name, the url's host); else the whole title."""
    title = _ARCHIVE_TAIL.sub("", title)
    order = {key(heading): at for at, heading in enumerate(headings)}
    repeated = [run for run in _runs(SEPARATOR, title) if key(run) in order and _words(run) >= PART_MIN_WORDS]
    if repeated:
        return max(repeated, key=lambda run: (order[key(run)], len(run)))
    spans = _spans(_SITE_SEPARATOR, title)
    names = _site_names(site_name, url)
    start, end = 0, len(spans)
    while start < end - 1 and _names_site(title[slice(*spans[start])], names):
        start += 1
    while end > start + 1 and _names_site(title[slice(*spans[end - 1])], names):
        end -= 1
    return title if end <= start else title[spans[start][0]:spans[end - 1][1]]


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _spans(separator: regex.Pattern, title: str) -> list[tuple[int, int]]:
    """Where the title's parts (split at the separator, blank space aside) stand; none when
    there are more than MAX_PARTS."""
    bounds = [0, *(b for found in separator.finditer(title) for b in found.span()), len(title)]
    spans = []
    for start, end in zip(bounds[0::2], bounds[1::2]):
        part = title[start:end]
        if part.strip():
            spans.append((start + len(part) - len(part.lstrip()), end - len(part) + len(part.rstrip())))
    return spans if len(spans) <= MAX_PARTS else []


def _runs(separator: regex.Pattern, title: str) -> list[str]:
    """Every run of consecutive parts of the title, as the title spells it (separators inside)."""
    spans = _spans(separator, title)
    return [title[spans[i][0]:spans[j][1]] for i in range(len(spans)) for j in range(i, len(spans))]


def _site_names(site_name: str | None, url: str | None) -> set[str]:
    """The site's names, compacted: the one the page gives, its host's name."""
    names = {compact(site_name)} if site_name else set()
    host = urlsplit(url).hostname if url else None
    if host:
        while (shorter := _HOST_NOISE.sub("", host)) != host:
            host = shorter
        names.update(compact(label) for label in host.split("."))
    return {name for name in names if len(name) >= 3}


def _names_site(part: str, names: set[str]) -> bool:
    """Whether a title part is the site's name (compacted): a name holds it, or it is mostly a
    name ("CNN.com"; not "Towleroad Talking Points")."""
    letters = compact(part)
    if len(letters) < 3:
        return False
    bare = letters.removeprefix("the")
    return any(letters in name or (len(bare) >= 3 and bare in name)
               or (name in letters and len(name) >= SITE_NAME_SHARE * len(letters)) for name in names)


def compact(text: str) -> str:
    """Letters and digits only, casefolded: "The White House" and whitehouse.gov meet."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())
