"""Read stage: bytes or str → Document (encoding, kind, front matter, blocks)."""

from __future__ import annotations

import codecs
import re

from .. import kernels
from ..document import Block, Document
from ..errors import InputError
from ..options import MAX_LINES, MAX_TAGS

KINDS = ("text", "markdown", "html")
_EXTENSIONS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
               ".html": "html", ".htm": "html", ".xhtml": "html"}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_MAGIC = ((b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive"), (b"\x1f\x8b", "gzip data"),
          (b"RIFF", "a RIFF (WebP/WAV/AVI) file"), (b"\x7fELF", "an executable"),
          (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"))
_META_CHARSET = re.compile(rb"""<meta[^<>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_SOURCE_LINE = re.compile(r"(?i)^\s*(?:source|url|link|original(?: url)?|clipped from|saved from)\s*:\s*"
                          r"<?(https?://\S+?)>?\s*$")
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,500}>")
MARKUP_SCAN_CHARS = 200_000
MARKUP_MIN_TAGS = 100
MARKUP_SHARE = 0.5  # of the characters, inside tags: no clipping of a page's text comes near
STRAY_NULS = (16, 0.01)  # up to this many NULs, or this share of an input, are stray bytes (dropped); more: binary
CONTROL_SHARE = 0.1  # … unless control characters make up this share of it (a short run of binary data)
_CONTROLS = frozenset(range(0, 9)) | frozenset(range(14, 32))


def _binary(data: bytes | str) -> bool:
    """Whether NULs (and other control characters) make an input binary data rather than text
    with a few stray NUL bytes."""
    nul = b"\x00" if isinstance(data, bytes) else "\x00"
    nuls = data.count(nul)  # type: ignore[arg-type]
    if nuls > STRAY_NULS[0] and nuls > STRAY_NULS[1] * len(data):
        return True
    head = data[:4096].encode("utf-8", "replace") if isinstance(data, str) else data[:4096]
    return sum(byte in _CONTROLS for byte in head) > CONTROL_SHARE * len(head)
_URL_KEYS = ("source", "url", "link", "original_url", "canonical")


def kind_from_path(path: str | None) -> str | None:
    """The kind an input's file extension names, if any."""
    if not path:
        return None
    dot = path.rfind(".")
    return _EXTENSIONS.get(path[dot:].lower()) if dot >= 0 else None


def decode(data: bytes) -> str:
    """Decode bytes: BOM, then UTF-8, then a declared HTML charset, then detection."""
    head = data[:8]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return data.decode(encoding, errors="replace")
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(f"binary data ({what}), not a text, Markdown or HTML clipping")
    if b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
    if b"\x00" in data:
        if _binary(data):
            raise InputError("binary data (NUL bytes), not a text, Markdown or HTML clipping")
        data = data.replace(b"\x00", b"")  # a few stray NULs in a saved page: noise, not binary
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    text = _mostly_utf8(data, declared.group(1) if declared else None)
    if text is not None:
        return text  # a few broken bytes, not another encoding
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii", errors="replace"))
        except (LookupError, UnicodeDecodeError):
            pass  # unknown or wrong declaration: detect instead
    return _detect_single_byte(data)


BROKEN_UTF8_SHARE = 0.01  # of a text's non-ASCII bytes: up to this many in broken sequences, it is UTF-8


def _mostly_utf8(data: bytes, declared: bytes | None) -> str | None:
    """Bytes that are not all valid UTF-8 read as UTF-8 all the same (broken sequences replaced),
    when they say they are, or nearly all their non-ASCII bytes form valid sequences (a page cut
    mid-character, a stray byte); else None."""
    text = data.decode("utf-8", errors="replace")
    if declared is not None and declared.lower().replace(b"_", b"-") in (b"utf-8", b"utf8"):
        return text
    non_ascii = len(data.translate(None, _ASCII))  # in C: a 200 MB input is no Python loop
    return text if text.count("\ufffd") <= BROKEN_UTF8_SHARE * non_ascii else None


_ASCII = bytes(range(128))


_WESTERN = frozenset({"English", "French", "German", "Spanish", "Italian", "Portuguese", "Dutch", "Danish",
                      "Swedish", "Norwegian", "Finnish", "Catalan", "Indonesian"})


def _detect_single_byte(data: bytes) -> str:
    """Undeclared single-byte text: Windows-1252 when it reads as a Western language, else detection.

    Detectors guess poorly on Western text with few accented letters (any Latin code page fits),
    and Windows-1252 is what such text on the web overwhelmingly is.
    """
    from charset_normalizer import from_bytes

    sample = data[:200_000]
    matches = list(from_bytes(sample))
    try:
        western = sample.decode("cp1252")
    except UnicodeDecodeError:  # bytes 0x81 0x8D 0x8F 0x90 0x9D are not Windows-1252
        western = None
    if western is not None:
        letters = sum(map(str.isalpha, western)) or 1
        accented = sum(1 for c in western if ord(c) > 127 and c.isalpha())
        if not matches or matches[0].language in _WESTERN or accented / letters < 0.15:
            return data.decode("cp1252", errors="replace")
    encoding = matches[0].encoding if matches else "latin-1"
    return data.decode(encoding, errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM: the NULs of its ASCII characters (all of them in Latin
    text, the spaces and punctuation in Cyrillic or Greek) stand at odd bytes (little-endian) or
    even ones (big-endian), never at both, as binary data's do."""
    head = data[:4096]
    if len(head) < 4:
        return None
    odd, even = head[1::2].count(0), head[0::2].count(0)
    for encoding, here, there in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if here >= 4 and here >= 20 * there:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            printable = sum(c.isprintable() or c.isspace() for c in text[:2000])
            return text if printable >= 0.95 * min(len(text), 2000) else None
    return None


def sniff_kind(text: str) -> str:
    """Guess text, markdown or html from the content itself."""
    head = text[:2000].lstrip("\ufeff \t\r\n").lower()
    # A page starts with its markup; a clipping that quotes "<head>" further in is still text.
    if head.startswith(("<!doctype", "<html", "<?xml")) or (
            head.startswith("<") and ("<body" in head or "<head" in head)) or is_markup(text):
        return "html"
    if _FRONT_MATTER.match(text) or re.search(r"(?m)^(#{1,6} |!\[[^\]]*\]\(|\[[^\]]+\]\(https?://)", text[:20000]):
        return "markdown"
    return "text"


def kind_of(text: str, path: str | None = None) -> str:
    """The kind an input is read as: its file extension's, else what its content looks like; a
    page's source saved as text (or a clipper that kept the markup) is a page."""
    kind = kind_from_path(path) or sniff_kind(text)
    return "html" if kind == "text" and is_markup(text) else kind


def is_markup(text: str) -> bool:
    """Whether a text is mostly HTML tags: a page's source, whatever its file is called."""
    tags = _TAG.findall(text, 0, MARKUP_SCAN_CHARS)
    return len(tags) >= MARKUP_MIN_TAGS and sum(map(len, tags)) >= MARKUP_SHARE * min(len(text), MARKUP_SCAN_CHARS)


def parse_front_matter(text: str) -> tuple[dict[str, str], int]:
    """Markdown front matter as a flat dict of strings, and how many lines it spans."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    import yaml

    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        data = None
    meta = {str(k).lower(): _as_str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    return meta, match.group(0).count("\n") + (0 if match.group(0).endswith("\n") else 1)


def _as_str(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


# Linear in a line's length, however many constructs are left open: a repeated class excludes the
# character that opens its construct, so an unclosed one is not rescanned from every opening. A
# link's address may hold one level of parentheses (…/wiki/Foo_(bar)).
_MD_ADDRESS = r"\((?:[^()]|\([^()]*\))*\)"
_MD_IMAGE = re.compile(r"!\[([^\[\]]*)\]" + _MD_ADDRESS)
_MD_LINK = re.compile(r"\[([^\[\]]*)\](?:" + _MD_ADDRESS + r"|\[[^\[\]]*\])")
_MD_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_MD_LINE_START = re.compile(r"^\s*(?:#{1,6}\s+|>\s?)+")
_MD_ITEM_HEADING = re.compile(r"^(\s*(?:[*+-]|\d{1,3}[.)])\s+)#{1,6}\s+")  # "* ### Watch …": a list item's heading
_MD_EMPHASIS = re.compile(r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*|__(?=\S)([^_]+?)(?<=\S)__|~~(?=\S)([^~]+?)(?<=\S)~~"
                          r"|`(?=\S)([^`]+?)(?<=\S)`|(?<![\w*])[*_](?=\S)([^*_]+?)(?<=\S)[*_](?![\w*])")
_MD_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
# A backslash before ASCII punctuation makes it a literal ("1\. ", "\- ", "\*"): a reader sees the mark alone.
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ASIDE = 0xF0000  # an escaped ASCII mark stands here, in a private-use plane, while the marks are read
_SET_BACK = {_ASIDE + code: code for code in range(0x21, 0x7F)}
_ASIDE_USED = re.compile(f"[{chr(_ASIDE + 0x21)}-{chr(_ASIDE + 0x7E)}]")


def plain_markdown(line: str) -> str:
    """A Markdown line as the text a reader sees: links and images become their text, heading,
    quote and emphasis marks and escaping backslashes go (list markers stay; rules and features
    know them)."""
    if _MD_RULE.match(line):
        return ""
    # An escaped mark is no link, emphasis or heading: set aside until the end (unless the line
    # already holds a stand-in's character, which setting back would turn into a mark).
    escaped = "\\" in line and not _ASIDE_USED.search(line)
    if escaped:
        line = _MD_ESCAPE.sub(_set_aside, line)
    line = _MD_IMAGE.sub(r"\1", line)
    for _ in range(2):  # a link whose text is an image, or nested emphasis
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(lambda m: next((g for g in m.groups() if g), ""), line)
    line = _MD_AUTOLINK.sub(r"\1", line)
    line = _MD_TAG.sub("", line)
    line = _MD_ITEM_HEADING.sub(r"\1", _MD_LINE_START.sub("", line))
    return line.translate(_SET_BACK) if escaped else line


def _set_aside(match: re.Match[str]) -> str:
    """An escaped mark's stand-in, which no Markdown pattern reads as a mark."""
    return chr(_ASIDE + ord(match[1]))


# Zero-width, byte-order and soft-hyphen characters: invisible, and no part of any word.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))


_FENCE = re.compile(r"^\s*(?:```|~~~)")
# No two runs of blanks side by side (a blank run, an optional "|", another): they would share a
# line of spaces between them every possible way. Within a line only ("\s" reaches across lines).
_TABLE_DELIMITER = re.compile(r"^[ \t]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+(?:\|[ \t]*)?$")
_TABLE_DELIMITER_LINE = re.compile(_TABLE_DELIMITER.pattern, re.M)
TABLE_ROWS = (3, 40)  # a table of fewer rows is no table; of more, a page's layout rendered as one
TABLE_CELL_CHARS = 40  # a content table's cells are short; a layout table's hold paragraphs and menus


def structure_lines(lines: list[str]) -> tuple[set[int], set[int]]:
    """Indices of the lines of fenced code blocks (fences included) and of tables: a run of
    lines with "|" whose second is a delimiter row ("|---|---|"), of 3 to 40 short-celled rows."""
    code: set[int] = set()
    opened = None
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            if opened is None:
                opened = i
            else:
                code.update(range(opened, i + 1))
                opened = None
    table: set[int] = set()
    start = None
    for i, line in enumerate(lines + [""]):
        if "|" in line and i not in code:
            start = i if start is None else start
            continue
        if start is not None and _is_table(lines[start:i]):
            table.update(range(start, i))
        start = None
    return code, table


def _is_table(rows: list[str]) -> bool:
    if not TABLE_ROWS[0] <= len(rows) <= TABLE_ROWS[1] or not _TABLE_DELIMITER.match(rows[1]):
        return False
    cells = [cell.strip() for row in rows[:1] + rows[2:] for cell in row.strip().strip("|").split("|")]
    return max(map(len, cells), default=0) <= TABLE_CELL_CHARS


def lines_to_blocks(text: str, first_line: int = 1, *, markdown: bool = False) -> list[Block]:
    """One block per non-blank line; text is whitespace-normalised (and, for Markdown, what a
    reader sees; a code block's lines stay as written, indentation and all), raw keeps the line
    as it is. A table's or a code block's lines are marked as structure."""
    lines = text.splitlines()
    if any(chr(code) in text for code in _INVISIBLE):
        lines = [raw.translate(_INVISIBLE) for raw in lines]
    # Only a page with a fence or a table's delimiter row is walked line by line for them.
    found = "```" in text or "~~~" in text or ("|" in text and _TABLE_DELIMITER_LINE.search(text))
    code, table = structure_lines(lines) if found else (set(), set())
    # A code line keeps its indentation (it is meaning); every other line is whitespace-normalised.
    texts = [line if i in code else plain_markdown(line) for i, line in enumerate(lines)] if markdown else lines
    return kernels.text_blocks(lines, texts, first_line, code, table)


def picture_lines(text: str, first_line: int = 1) -> list[Block]:
    """A Markdown clipping's lines that are images without alt text (`![](src)`): no text a reader
    sees, so no block the stages judge (lines_to_blocks leaves them out), but lines of the
    article all the same, written in md output with the line below them."""
    if "![" not in text:
        return []
    return [Block("", raw.rstrip(), number) for number, raw in enumerate(text.splitlines(), first_line)
            if "![" in raw and _MD_IMAGE.search(raw) and not " ".join(plain_markdown(raw).split())]


_CANONICAL = re.compile(r"""<link[^<>]+rel=["']canonical["'][^<>]*>|<meta[^<>]+property=["']og:url["'][^<>]*>""",
                        re.I)
_HREF = re.compile(r"""(?:href|content)=["'](https?://[^"']+)["']""", re.I)


def _page_url(html: str) -> str | None:
    """The page's own URL, from <link rel=canonical> or og:url."""
    for tag in _CANONICAL.finditer(html[:200_000]):
        found = _HREF.search(tag.group(0))
        if found:
            return found.group(1)
    return None


def url_from_lines(blocks: list[Block]) -> str | None:
    """A `Source: https://…` style line near the top or bottom of a clipping."""
    for block in blocks[:10] + blocks[-10:]:
        match = _SOURCE_LINE.match(block.text)
        if match:
            return match.group(1)
    return None


def read(content: str | bytes, *, kind: str | None = None, path: str | None = None,
         url: str | None = None) -> Document:
    """Turn an input into a Document of undecided blocks."""
    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
    text = decode(content) if isinstance(content, bytes) else content
    if "\x00" in text:
        if _binary(text):
            raise InputError("binary data (NUL characters), not a text, Markdown or HTML clipping")
        text = text.replace("\x00", "")
    if not text.strip():
        raise InputError("empty input (nothing but whitespace)")
    if kind is None:
        kind = kind_of(text, path)
    if kind == "html" and text.count("<") > MAX_TAGS:
        raise InputError(f"a page of over {MAX_TAGS:,} tags, more than declutter cleans in bounded memory")
    if kind != "html" and text.count("\n") > MAX_LINES:
        raise InputError(f"a clipping of {text.count(chr(10)):,} lines, over the {MAX_LINES:,} declutter cleans in "
                         "bounded memory: split it")
    if kind == "html":
        # Blocks come later, from the extract stage, once the site (and its XPath rules) is known.
        return Document(blocks=[], kind="html", path=path, url=url or _page_url(text), html=text)
    front_matter: dict[str, str] = {}
    skip, written = 0, ""
    if kind == "markdown":
        front_matter, skip = parse_front_matter(text)
        lines = text.splitlines()
        written = "\n".join(lines[:skip]) + "\n" if skip else ""
        text = "\n".join(lines[skip:])
    blocks = lines_to_blocks(text, first_line=skip + 1, markdown=kind == "markdown")
    if not blocks:
        raise InputError("empty input (front matter only)")
    pictures = picture_lines(text, first_line=skip + 1) if kind == "markdown" else []
    url = url or next((front_matter[k] for k in _URL_KEYS if front_matter.get(k, "").startswith("http")), None)
    url = url or url_from_lines(blocks)
    return Document(blocks=blocks, kind=kind, path=path, url=url, title=front_matter.get("title"),
                    front_matter=front_matter, front_matter_text=written, pictures=pictures,
                    author=_first_of(front_matter, _AUTHOR_KEYS), date=_first_of(front_matter, _DATE_KEYS))


_AUTHOR_KEYS = ("author", "authors", "byline", "creator")
_DATE_KEYS = ("published", "date_published", "date", "created")  # publication first; a clipper's own date last


def _first_of(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((meta[k] for k in keys if meta.get(k)), None)
