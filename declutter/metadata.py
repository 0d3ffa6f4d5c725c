"""Metadata: what is known of an article besides its text, and how each kind of value is read.

A value is kept only in the shape a clipper files it by: a date as ISO 8601 (the day, with the
time and offset where the page gives them), an author as a person's name or names (`; `
between them), never the publisher or a profile's address.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from .titles import compact

FIELDS = ("title", "author", "date", "url", "site", "host", "language", "description", "image", "tags")


@dataclass(frozen=True)
class Metadata:
    """The article's metadata; None (or no tags) where nothing was found."""

    title: str | None = None
    author: str | None = None  # a person's name, or names separated by "; "
    date: str | None = None  # publication date, ISO 8601: "2025-03-03" or "2025-03-03T10:00:00+01:00"
    url: str | None = None
    site: str | None = None  # the site's name ("The Guardian"), else its host
    host: str | None = None  # the site's host, without "www."
    language: str | None = None  # ISO 639-1 code
    description: str | None = None  # the standfirst or the page's description
    image: str | None = None  # the lead image's URL
    tags: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """The fields in FIELDS order (tags as a list), for JSON and front matter."""
        found = asdict(self)
        found["tags"] = list(self.tags)
        return {name: found[name] for name in FIELDS}


# A full ISO 8601 timestamp: kept with its time and offset.
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?")
_SPANISH_STYLE = re.compile(r"(\d{1,2})\s+de\s+(\w+)\s+(?:de|del)\s+(\d{4})", re.I)  # "5 de mayo de 2024"
# Where a day may be named inside a longer line: "02.02.2025", "3. Mai 2024", "Sep 2, 2024".
_WORD = r"[^\W\d_]+"
_DAY_TEXT = re.compile(rf"\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}|\d{{1,2}}\.?\s+{_WORD}\.?,?\s+\d{{4}}"
                       rf"|{_WORD}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\.?,?\s+\d{{4}}")
EARLIEST = datetime(1995, 1, 1)  # no web page is older
MAX_DATE_CHARS = 200


def iso_date(value: str | None) -> str | None:
    """A date as ISO 8601, from a timestamp, a date's text in one of many languages
    ("Published 3 March 2025", "30 August 2023 • 4:45pm", "Veröffentlicht am 3. März 2025"),
    or None when the text holds no plausible publication date (none before 1995, none more
    than a day ahead)."""
    if not value or len(value) > MAX_DATE_CHARS:
        return None
    value = " ".join(value.split())
    stamp = _ISO.search(value)
    if stamp:
        return _from_iso(stamp)
    for text in (value, *(m.group(0) for m in _DAY_TEXT.finditer(value))):
        day = _day(text)
        if day:
            return day
    return None


def _from_iso(stamp: re.Match) -> str | None:
    year, month, day, hour, minute, second, offset = stamp.groups()
    try:
        when = datetime(int(year), int(month), int(day))
    except ValueError:
        return None
    if not EARLIEST <= when <= datetime.now() + timedelta(days=1):
        return None
    if hour is None:
        return f"{year}-{month}-{day}"
    if offset and offset != "Z" and ":" not in offset:
        offset = f"{offset[:3]}:{offset[3:]}"
    return f"{year}-{month}-{day}T{hour}:{minute}:{second or '00'}{offset or ''}"


def _day(text: str) -> str | None:
    """The day a short text names, read by htmldate's date expressions (many languages)."""
    from htmldate.extractors import try_date_expr

    latest = datetime.now() + timedelta(days=1)
    spanish = _SPANISH_STYLE.search(text)
    if spanish:
        text = " ".join(spanish.groups())
    try:
        return try_date_expr(text, "%Y-%m-%d", True, EARLIEST, latest)
    except (ValueError, TypeError, OverflowError):
        return None


# "By Jane Doe", "Von Jana Müller", "Por Ana Pérez", "Par Jean Dupont", "Di Marco Rossi", "Autor: …"
_BY = r"(?:by|von|por|par|di|door|av|af|przez|od|от|автор|author|autor|auteur|autore|yazar|written by)"
BYLINE = re.compile(rf"^{_BY}\s*:?\s+(?=\w)(.+)$", re.I)
BY_ALONE = re.compile(rf"^(?:{_BY}|author of the article)\s*:?$", re.I)  # the name on the next line
# Between names: lower-case "and" words only (an initial "A." is no Czech "a"), in the languages listed.
_SEPARATOR = re.compile(r"\s*(?:;|\b(?:and|AND|und|UND|y|et|ET|e|en|och|og|ve|i|и|és|a)\b|&|\|)\s*|,\s*")
_ROLE_OR_PLACE = re.compile(r"\s+(?:for|für|in|en|à|at|@|-|–|—|•|·)\s+.*$", re.I)  # "… For Dailymail.Com"
_LINK_LIKE = re.compile(r"://|www\.|@|\.(?:com|org|net|co|de|fr|uk)\b", re.I)
LAST_FIRST = re.compile(r"([^\W\d_][\w'’-]*),\s*([^\W\d_][\w'’-]*(?:\s+[^\W\d_]\.)?)")  # "Brazil, Rachel A."
_HANDLE = re.compile(r"\s*@\w+")  # "Greg Iacurci @GregIacurci"
_DATE_TAIL = re.compile(r"\s+\d.*$")  # "Madeleine Howell 30 August 2023 • 4:45pm"
_NOT_A_NAME = re.compile(r"\d|[!?#|<>{}\[\]=+*/\\]")
MAX_NAME_WORDS = 5
MAX_AUTHORS = 8


def person_names(value: str | None, publishers: tuple[str | None, ...] = ()) -> str | None:
    """The person names an author field or a byline holds, "; " between them: without "By",
    roles and places ("Jon King, News Reporter" → "Jon King"), the publisher's name (the
    site's name or host), addresses and handles; None when no name is left."""
    if not value:
        return None
    value = " ".join(value.replace("[[", "").replace("]]", "").split())
    byline = BYLINE.match(value)
    if byline:
        value = byline.group(1)
    inverted = LAST_FIRST.fullmatch(value)
    if inverted:
        value = f"{inverted.group(2)} {inverted.group(1)}"  # "Brazil, Rachel" (a library's catalogue order)
    not_names = {compact(p) for p in publishers if p} | {compact(p.split(".")[0]) for p in publishers if p and "." in p}
    names: list[str] = []
    value = _HANDLE.sub("", _DATE_TAIL.sub("", value))
    for part in _SEPARATOR.split(value):
        name = _without_role(_ROLE_OR_PLACE.sub("", part).strip(" .:'\"“”‘’()"))
        if name.isupper():
            name = name.title()  # "STEVE PEOPLES"
        if not _is_name(name) or compact(name) in not_names or name in names:
            continue
        names.append(name)
        if len(names) == MAX_AUTHORS:
            break
    return "; ".join(names) or None


_LINE_PARTS = re.compile(r"\s*[|•·/]\s*|\s+-\s+|,\s*")
MIN_NAME_WORDS, MAX_BARE_NAME_WORDS = 2, 4


def bare_names(line: str, publishers: tuple[str | None, ...] = ()) -> str | None:
    """The person names of a byline without "By" ("Chuck Ross", "Sehernur Karsu | 05.04.2025",
    "Lucy Thornton News Reporter"): each a part of the line of two to four capitalised words;
    None when a part is not such a name, or none is."""
    names = []
    for part in _LINE_PARTS.split(_HANDLE.sub("", line)):
        part = _DATE_TAIL.sub("", f" {part}").strip()  # a date, a time, "2 minutes read"
        part = _without_role(part) if _ROLE.search(part) else part
        words = part.split()
        if MIN_NAME_WORDS <= len(words) <= MAX_BARE_NAME_WORDS and all(not w[0].islower() for w in words) \
                and _is_name(part):
            names.append(part)
    return person_names("; ".join(names), publishers) if names else None


def _is_name(text: str) -> bool:
    words = text.split()
    if not words or len(words) > MAX_NAME_WORDS or _LINK_LIKE.search(text) or _NOT_A_NAME.search(text):
        return False
    return not words[0][0].islower()  # "Jane Doe", "山田太郎", an agency's "AFP"; not "staff writer"


_ROLE = re.compile(r"(?i)\b(?:reporter|correspondent|editor|writer|columnist|journalist|staff|contributor|director|"
                   r"producer|chief|team|desk|redakteur\w*|korrespondent\w*|redacción|rédaction)\b")


def _without_role(part: str) -> str:
    """A byline's part without the role that follows the name ("Lucy Thornton News Reporter"),
    nothing when it is a role alone ("News Reporter")."""
    role = _ROLE.search(part)
    if role is None:
        return part
    words = part[:role.start()].split()
    return " ".join(words[:2]) if len(words) >= 2 else ""
