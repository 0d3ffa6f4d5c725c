"""Extract stage (HTML input): apply the site's FiveFilters XPath rules, find the main content
with trafilatura, and turn it into blocks for the text stages.

When trafilatura finds nothing (no body, broken or absurdly deep markup), the page is rendered
to text lines instead and the text stages and fallback decide, as for a clipping.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence
from copy import deepcopy
from functools import lru_cache
from html import escape, unescape

import regex
from lxml import etree
from lxml import html as lxml_html

from ..compiled import compiled
from ..context import Context
from ..document import Block, Document, PageRule, Reason
from ..errors import InputError
from ..model.choice import other_is_better, overlaps, text_chars
from ..options import (
    CHOICE_THRESHOLD,
    MIN_BODY_SHARE,
    MIN_KEPT_SHARE,
    MIN_PARAGRAPH_CHARS,
    OUTVOTED_SHARE,
    PROSE_WORDS,
    SECOND_OPINION_SHARE,
    UNRELATED_SHARE,
    VOTE_OVERLAP,
    VOTE_SHARE,
)
from ..rules import RuleFile
from ..scan import elements, replace_elements
from ..titles import headline_of
from .read import lines_to_blocks, plain_markdown

STAGE = "extract"
# What chose the main content, when one did.
EXTRACTORS = ("trafilatura", "trafilatura (default settings)", "readability")
# Every pattern here is linear in the page's size (see scan.py): a tag's attributes exclude "<",
# and an element's content up to its closing tag is found by scan.elements.
_INVISIBLE = compiled(r"<!--|<(script|style|noscript|template|svg|head)\b", regex.I)  # … up to its closing
_BLOCK_TAG = compiled(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|nav|"
                      r"aside|blockquote|pre|figure|figcaption|dd|dt|form|main|title|hr)\b[^<>]*>", regex.I)
_ANY_TAG = compiled(r"<[^<>]*>")
_META = compiled(r"<meta\b[^<>]*>", regex.I)
_OG_TITLE = compiled(r"""\bproperty\s*=\s*["']og:title["']""", regex.I)
_AUTHOR_META = compiled(r"""\b(?:name|property)\s*=\s*["'](?:author|article:author|dc\.creator|byl)["']""",
                        regex.I)
_DATE_META = compiled(r"""\b(?:name|property|itemprop)\s*=\s*["'](?:article:published_time|datePublished|"""
                      r"""date|pubdate|dc\.date|publish-date|sailthru\.date)["']""", regex.I)
_CONTENT = compiled(r"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')""", regex.I)  # an apostrophe in "…" is text
_TITLE = compiled(r"<title[^<>]*>([^<]+)</title>", regex.I)
_DESCRIPTION_META = compiled(r"""\b(?:name|property)\s*=\s*["'](?:og:description|description)["']""", regex.I)
_SITE_NAME_META = compiled(r"""\b(?:name|property)\s*=\s*["'](?:og:site_name|application-name)["']""", regex.I)
_IMAGE_META = compiled(r"""\b(?:name|property)\s*=\s*["'](?:og:image|twitter:image)["']""", regex.I)
_META_FIELDS = {"title": _OG_TITLE, "site_name": _SITE_NAME_META, "author": _AUTHOR_META, "date": _DATE_META,
                "description": _DESCRIPTION_META, "image": _IMAGE_META}
_HEADING = compiled(r"<h([1-3])\b[^<>]*>", regex.I)  # … up to its closing, at most MAX_HEADING_CHARS
MAX_HEADING_CHARS = 1000
HEAD_CHARS = 200_000  # the part of the page where its meta tags are looked for
HEADINGS_CHARS = 300_000  # … and its headings
_LAZY_ATTRIBUTES = ("data-src", "data-original", "data-lazy-src")
_IMAGE_LINE = compiled(r"!\[[^\]]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")  # a Markdown image alone on its line
# Formulas: MathML (KaTeX and MathJax 3 write it beside their visual copy), its TeX annotation or
# alttext when it has one; MathJax 2's <script type="math/tex">.
_MATH = compiled(r"<math\b([^<>]*)>", regex.I)  # … up to its closing
_TEX = compiled(r"""<annotation\b[^<>]*encoding=["']application/x-tex["'][^<>]*>""", regex.I)
_ALTTEXT = compiled(r"""\balttext=["']([^"']+)["']""", regex.I)
_MATH_SCRIPT = compiled(r"""<script\b[^<>]*type=["']math/tex[^"'<>]*["'][^<>]*>""", regex.I)
_HIDDEN_STYLE = compiled(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)",
                         regex.I)
_PRE = compiled(r"<pre\b[^<>]*>", regex.I)
_FIGCAPTION = compiled(r"<figcaption\b[^<>]*>", regex.I)
# A paragraph's content runs to the next <p> or </p>: linear even when closing tags are missing.
_PARAGRAPH = compiled(r"<p\b[^<>]*>([^<]*(?:<(?!/?p\b)[^<]*)*)", regex.I)


@lru_cache(maxsize=64)
def _closing(tag: str) -> regex.Pattern:
    """The closing tag of an element: `</tag>`, `</TAG >`; `-->` for a comment."""
    return compiled("-->" if tag == "!--" else rf"</{regex.escape(tag)}\s*>", regex.I)


def _closing_of(opening: regex.Match) -> regex.Pattern:
    """The closing tag an opening match (of `<name` or `<!--`) calls for."""
    name = opening.group(0)[1:].split(None, 1)[0].rstrip(">").lower()
    return _closing("!--" if name.startswith("!--") else name)


def apply(doc: Document, ctx: Context) -> None:
    """An HTML document's blocks, from its page: the site's XPath rules and the generic ones apply."""
    if doc.kind != "html":
        return
    extract(doc, page_rules(doc, ctx), captions=ctx.options.title, markdown=ctx.options.markdown)


def page_rules(doc: Document, ctx: Context) -> list[RuleFile]:
    """The rule files whose XPaths apply to the page: its site's, then the generic ones."""
    site = ctx.book.sites[doc.rule_site] if doc.rule_site else None
    return [r for r in (site, ctx.book.generic) if r is not None]


def warm_up() -> None:
    """Import the extractors now (they are imported on first use: a text clipping needs neither),
    so that no time limit falls inside an import."""
    import trafilatura  # noqa: F401

    _readability()


def keep_main_content(doc: Document) -> bool:
    """Keep what the rules left undecided when an extractor already chose the article (the text
    fallback, trained on whole pages, would only second-guess it); whether it did."""
    if doc.extractor not in EXTRACTORS:
        return False
    reason = Reason(STAGE, "", f"main content found by {doc.extractor}")
    for block in doc.undecided():
        block.keep(reason)
    return True


def extract(doc: Document, rules: Sequence[RuleFile], *, captions: bool = True, markdown: bool = False) -> None:
    """Fill an HTML document's blocks: site rules on the DOM, then trafilatura, else a text rendering.

    captions: put the article's figure captions back where their figures stand (extractors drop
    them); left out when only the body is wanted.
    markdown: give each line from trafilatura its Markdown form as its raw line (a second,
    formatted extraction of the same page; the decisions stay those of the plain text).
    """
    import trafilatura

    html = with_formulas(doc.html or "")  # the page stays the document's until the pipeline lets it go
    stripped, body = apply_xpath_rules(html, rules, doc.page_rules)
    paragraphs = paragraph_chars(html)

    def main_content(page) -> dict:
        # trafilatura's fast pass (no comparison with its fallback extractors) is enough when it
        # keeps a fair share of the page's paragraph text; else the full pass, fallbacks and all.
        found = _trafilatura(page, fast=True)
        if paragraphs < MIN_PARAGRAPH_CHARS or text_chars(found.get("text") or "") < SECOND_OPINION_SHARE * paragraphs:
            found = _trafilatura(page, fast=False)
        return found

    def _trafilatura(page, *, fast: bool, precision: bool = True, formatted: bool = False) -> dict:
        try:
            found = trafilatura.bare_extraction(page, url=doc.url, include_comments=False, include_tables=True,
                                                favor_precision=precision, fast=fast,
                                                include_formatting=formatted, include_links=formatted,
                                                include_images=formatted)
        except Exception:  # trafilatura raises many kinds of parser errors on broken pages
            return {}
        return {} if found is None else found if isinstance(found, dict) else found.as_dict()

    page = stripped if stripped is not None else html
    data = main_content(page)
    if body is not None:
        # A site's body XPath is taken unless it has gone stale and now selects a fragment; its
        # text is still checked against readability's, as an extractor's would be (the body
        # may hold the article's first part only: a page split into chunks).
        selected = main_content(body)
        if len(selected.get("text") or "") >= MIN_BODY_SHARE * len(data.get("text") or ""):
            data, page = selected, body
        else:
            doc.page_rules[:] = [r for r in doc.page_rules if r.directive != "body"]  # stale: not used
    meta = page_meta(html)
    text, title = data.get("text") or "", page_headline(html, doc.url, meta)
    doc.title, doc.author, doc.date = title, meta["author"], meta["date"]
    doc.site_name, doc.description, doc.image = meta["site_name"], meta["description"], meta["image"]
    extractor = "trafilatura"
    if _in_doubt(text, paragraphs):
        other = readability_text(html)
        if paragraphs < MIN_PARAGRAPH_CHARS or text_chars(text) < VOTE_SHARE * paragraphs:
            # The extractor kept little of the page's paragraph text: favor_precision sometimes
            # keeps a fragment of the article (a table cell, a standfirst). When trafilatura's
            # default setting keeps far more and readability sides with it by size, two opinions
            # of three win.
            def default_text() -> str:
                return _trafilatura(page, fast=False, precision=False).get("text") or ""
            winner = _vote(text, other, default_text) or _paragraphs_of(text, other, default_text, paragraphs)
            if winner is not None:
                text, extractor = winner, "trafilatura (default settings)"
        if not text.strip() and not _has_prose(other):
            other = ""  # a few navigation words are no article: the page's text rendering is cleaned instead
        if other.strip() and (not text.strip() or prefers_readability(text, other, paragraphs)):
            text, extractor = other, "readability"
    text = unicodedata.normalize("NFC", text)  # "café" typed or written with a combining accent: one word
    if text.strip():
        if captions:
            text = with_captions(text, html)
        text = with_standfirst(text, html, meta["description"])
        doc.blocks = lines_to_blocks(f"{title}\n\n{text}" if title else text)
        _mark_code(doc, html)
        if markdown and extractor.startswith("trafilatura"):
            formatted = _trafilatura(with_lazy_images(page), fast=False, precision=extractor == "trafilatura",
                                     formatted=True)
            with_markdown(doc.blocks, formatted.get("text") or "")
        doc.extractor = extractor
        if not paragraphs:  # extractors anchor on <p>: without any, the page's text is another opinion
            doc.rendering = render_text(html)
        return
    doc.blocks = lines_to_blocks(render_text(html))
    doc.extractor = "text rendering"
    if not doc.blocks:
        raise InputError("no text found in the HTML page")


def _has_prose(text: str) -> bool:
    """Whether a text holds a line of prose (PROSE_WORDS words or more)."""
    return any(len(line.split()) >= PROSE_WORDS for line in text.splitlines())


def _in_doubt(text: str, paragraphs: int) -> bool:
    """Whether trafilatura's text may not be the article: it holds less than the page's paragraph
    text, or a table (a layout table kept whole), or the page has little paragraph text. Only
    then is readability asked (on the dev pages, the choice gains next to nothing elsewhere)."""
    return paragraphs < MIN_PARAGRAPH_CHARS or text_chars(text) < paragraphs or "|" in text


def prefers_readability(precise: str, other: str, paragraphs: int) -> bool:
    """Whether readability's text holds the article better than trafilatura's (model/choice.py).
    A shorter text of another part of the page never does: the trees, learnt on old page
    families, trust it where a modern page's consent box or sidebar is all readability found."""
    if len(other.split()) < len(precise.split()) and max(overlaps(precise, other)) < UNRELATED_SHARE:
        return False
    return other_is_better(precise, other, paragraphs) > CHOICE_THRESHOLD


def with_markdown(blocks: list[Block], markdown: str) -> None:
    """Each block's raw line becomes its Markdown form where the formatted extraction has a line
    that reads as the same text (found in order); the others stay as they are. An image of the
    formatted extraction goes above the block that follows it there, or above a line it has not
    when that comes first: a figure's caption, which the extractors drop and is put back."""
    lines = [(line.rstrip(), " ".join(plain_markdown(line).split())) for line in markdown.splitlines() if line.strip()]
    at = 0
    for block in blocks:
        found = next((i for i in range(at, len(lines)) if lines[i][1] == block.text), None)
        if found is None:
            end = at
            while end < len(lines) and _IMAGE_LINE.fullmatch(lines[end][0]):
                end += 1
            if end > at:  # a line of the page the formatted text has not (a caption put back)
                block.raw, at = "\n".join([*(line for line, _ in lines[at:end]), block.raw]), end
            continue
        images = [line for line, _ in lines[at:found] if _IMAGE_LINE.fullmatch(line)]
        block.raw, at = "\n\n".join([*images, lines[found][0]]), found + 1


def with_lazy_images(page: str | etree._Element) -> str | etree._Element:
    """The page as a tree, with each lazily loaded image's real address as its src (a page's src
    is often a placeholder, the image in data-src or data-original until a script swaps them);
    a page that does not parse, as it is."""
    try:
        tree = parsed(page) if isinstance(page, str) else deepcopy(page)
    except (etree.ParserError, ValueError):
        return page
    for image in tree.iter("img"):
        real = next((image.get(name) for name in _LAZY_ATTRIBUTES if image.get(name)), None)
        if real:
            image.set("src", real)
    return tree


def parsed(html: str) -> etree._Element:
    """The page parsed once as lxml's HTML tree, comments and processing instructions left out."""
    return lxml_html.document_fromstring(html.encode("utf-8"), parser=lxml_html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True))


def with_formulas(html: str) -> str:
    """The page with each formula as its TeX (or its text) in a <span>: extractors drop MathML
    and scripts, leaving sentences with holes."""
    if "<math" not in html and "<MATH" not in html and "math/tex" not in html:  # most pages' "Math." is script
        return html
    html = replace_elements(html, _MATH_SCRIPT, _closing_of, lambda _, tex, __: f"<span>{tex.strip()}</span>")
    return replace_elements(html, _MATH, _closing_of, _formula)


def _formula(opening: regex.Match, content: str, _: regex.Match) -> str:
    tex = next(elements(content, _TEX, _closing_of), None)
    alt = _ALTTEXT.search(opening.group(1))
    text = (unescape(content[tex[0].end():tex[1].start()]) if tex else unescape(alt.group(1)) if alt
            else unescape(_ANY_TAG.sub(" ", content)))
    return f"<span>{escape(' '.join(text.split()), quote=False)}</span>"


def _vote(precise: str, other: str, default_text: Callable[[], str]) -> str | None:
    """The default extraction's text when it outvotes the precise one, else None: the precise
    text holds under OUTVOTED_SHARE of the default's words and the other opinion's size is
    nearer the default's (by ratio) than the precise one's, and it holds the precise text's
    article (VOTE_OVERLAP of its trigrams). The default is asked (default_text)
    only when the other opinion is long enough for that to be possible."""
    precise_words, other_words = max(len(precise.split()), 1), len(other.split())
    # Nearer the default than the precise text, which is under OUTVOTED_SHARE of the default:
    # other_words > sqrt(precise × default) > precise / sqrt(OUTVOTED_SHARE).
    if other_words ** 2 <= precise_words ** 2 / OUTVOTED_SHARE:
        return None
    if overlaps(precise, other)[0] < VOTE_OVERLAP:
        return None  # another part of the page: its size says nothing of the precise text's article
    default = default_text()
    default_words = max(len(default.split()), 1)
    if precise_words < OUTVOTED_SHARE * default_words and \
            abs(math.log(other_words / default_words)) < abs(math.log(other_words / precise_words)):
        return default
    return None


def _paragraphs_of(precise: str, other: str, default_text: Callable[[], str], paragraphs: int) -> str | None:
    """The default extraction's text when readability found even less than the precise text (no
    vote to be had) and the default's text is the page's paragraph text, no more, holding the
    precise text (VOTE_OVERLAP of its trigrams) at over 1 / OUTVOTED_SHARE times its words: the
    precise text is a fragment of the article's paragraphs (a standfirst and a caption). Else None."""
    if len(other.split()) >= len(precise.split()):
        return None  # readability's opinion counts: the vote decides
    if text_chars(precise) >= OUTVOTED_SHARE * paragraphs:
        return None  # no fragment of the paragraphs: the default is not asked (a full pass of trafilatura)
    default = default_text()
    if (len(precise.split()) < OUTVOTED_SHARE * len(default.split()) and text_chars(default) <= paragraphs
            and overlaps(precise, default)[0] >= VOTE_OVERLAP):
        return default
    return None


def apply_xpath_rules(html: str, rules: Sequence[RuleFile], applied: list[PageRule] | None = None
                      ) -> tuple[etree._Element | None, etree._Element | None]:
    """The page with FiveFilters `strip`, `strip_id_or_class` and `strip_image_src` applied, and a
    page of just what `body` selects; None for either when no rule has anything to do. Each rule
    that removed or selected text is added to `applied`.

    Site configs go stale as sites change: strips that would remove most of the page's paragraph
    text are not applied.
    """
    if not any(r.xpath.get("strip") or r.xpath.get("body") for r in rules):
        return None, None
    try:
        tree = parsed(html)
    except (etree.ParserError, ValueError):
        return None, None
    found: list[PageRule] = []
    for rule in rules:
        before = _paragraph_chars(tree)
        candidate = deepcopy(tree)
        removed = _strip(candidate, rule)
        if _paragraph_chars(candidate) >= MIN_KEPT_SHARE * before:
            tree = candidate
            found += removed
    for rule in rules:
        for expression, where in rule.xpath.get("body", []):
            bodies = [e for e in _select(tree, expression) if isinstance(e, etree._Element)]
            if bodies:
                found.append(PageRule("body", where, _shown_text(bodies)))
                if applied is not None:
                    applied += found
                return tree, _page_of(tree, bodies)
    if applied is not None:
        applied += found
    return tree, None


def _strip(tree: etree._Element, rule: RuleFile) -> list[PageRule]:
    """Apply a rule file's strips to a tree; those that removed text."""
    removed = []
    for expression, where in rule.xpath.get("strip", []):
        elements = [e for e in _select(tree, expression) if isinstance(e, etree._Element)]
        text = _shown_text(elements)
        _remove(elements)
        if text:
            removed.append(PageRule("strip", where, text))
    return removed


def _shown_text(elements: list[etree._Element], limit: int = 120) -> str:
    """The start of some elements' text, on one line."""
    text = " ".join(" ".join(e.text_content().split()) for e in elements[:20]).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _paragraph_chars(tree: etree._Element) -> int:
    return sum(len(p.text_content()) for p in tree.iter("p"))


def _select(tree: etree._Element, expression: str) -> list:
    try:
        found = tree.xpath(expression)
    except (etree.XPathError, ValueError):
        return []
    return found if isinstance(found, list) else []


def _remove(elements: list) -> None:
    for element in elements:
        if isinstance(element, etree._Element) and element.getparent() is not None:
            element.drop_tree() if hasattr(element, "drop_tree") else element.getparent().remove(element)


def _page_of(tree: etree._Element, bodies: list[etree._Element]) -> etree._Element:
    """A new page holding the original <head> and only the selected body elements."""
    page = lxml_html.document_fromstring("<html><head></head><body></body></html>")
    head = tree.find("head")
    if head is not None:
        page.replace(page.find("head"), deepcopy(head))
    body = page.find("body")
    for element in bodies:
        body.append(deepcopy(element))
    return page


MIN_STANDFIRST_WORDS = 8
STANDFIRST_REACH = 12  # rendered lines between a standfirst and the article's first line, at most
STANDFIRST_WINDOW = 15_000  # characters of the page rendered from the standfirst on


def with_standfirst(text: str, html: str, description: str | None) -> str:
    """The extracted text with the page's standfirst above it, where the extractor left it out:
    the page's description (og:description, description: page_meta) when the page shows it as a line of
    its own just above the article (a few lines before the text's first line: a sidebar's
    "about" box or a share card stands elsewhere) and the text does not hold it."""
    if not description or len(description.split()) < MIN_STANDFIRST_WORDS or description in " ".join(text.split()):
        return text
    body = html[max(html.find("</head"), 0):]
    found = body.find(" ".join(description.split()[:4]))
    if found < 0:
        return text  # not shown in the page (most descriptions): nothing to render
    # Only the page from the description's element on, far enough for the article's start.
    start = max(body.rfind("<", 0, found), 0)
    shown = [" ".join(line.split()) for line in render_text(body[start:start + STANDFIRST_WINDOW]).splitlines()
             if line.strip()]
    first = next((" ".join(line.split()) for line in text.splitlines() if line.strip()), "")
    place = next((i for i, line in enumerate(shown) if line == description), None)
    if place is None or first not in shown[place + 1:place + 1 + STANDFIRST_REACH]:
        return text
    return f"{description}\n{text}"


def with_captions(text: str, html: str) -> str:
    """The extracted text with each figure's caption inserted before the paragraph that follows the
    figure. A caption whose figure is not followed by an extracted paragraph (a sidebar's, a
    gallery's elsewhere on the page) is not the article's and stays out."""
    lines = text.splitlines()
    keys = [" ".join(line.split())[:60] for line in lines]
    for opening, closing in elements(html, _FIGCAPTION, _closing_of):
        caption = " ".join(unescape(_ANY_TAG.sub(" ", html[opening.end():closing.start()])).split())
        if not caption or caption in text:
            continue
        following = _PARAGRAPH.search(html, closing.end())
        anchor = " ".join(unescape(_ANY_TAG.sub("", following.group(1))).split())[:60] if following else ""
        index = next((i for i, key in enumerate(keys) if anchor and key and anchor.startswith(key[:40])), None)
        if index is not None:
            lines.insert(index, caption)
            keys.insert(index, caption[:60])
    return "\n".join(lines)


def _mark_code(doc: Document, html: str) -> None:
    """The extracted lines that are lines of the page's <pre> blocks become code lines, as in a
    Markdown clipping: structure (the text rules leave them alone), their indentation kept."""
    if "<pre" not in html:
        return
    code = {line.rstrip() for opening, closing in elements(html, _PRE, _closing_of)
            for line in unescape(_ANY_TAG.sub("", html[opening.end():closing.start()])).splitlines() if line.strip()}
    doc.blocks = [Block(b.raw.rstrip(), b.raw, b.line, structure=True) if b.raw.rstrip() in code else b
                  for b in doc.blocks]


def paragraph_chars(html: str) -> int:
    """How much text the page's <p> elements hold (tags stripped), found without parsing."""
    return sum(len(_ANY_TAG.sub("", body)) for body in _PARAGRAPH.findall(html))


def readability_text(html: str) -> str:
    """The main content as readability-lxml sees it, a line per block element."""
    try:
        summary = _readability()(html).summary(html_partial=True)
    except Exception:  # readability raises on many broken pages
        return ""
    return "\n".join(line.strip() for line in render_text(summary).splitlines() if line.strip())


@lru_cache(maxsize=1)
def _readability() -> type:
    """readability-lxml with a cheaper page cleaning: its own cleaner also rewrites every link and
    attribute, half of its time; scripts, styles, comments and hidden elements go all the same.
    (Imported on first use, as trafilatura is: a text clipping needs neither.)"""
    from readability import Document as Readability

    class Cheaper(Readability):
        def _parse(self, input: str) -> etree._Element:
            page = parsed(input)
            for element in page.xpath("//*[@hidden]"):
                element.drop_tree()
            for element in page.xpath("//*[@style]"):
                if _HIDDEN_STYLE.search(element.get("style")):
                    element.drop_tree()
            etree.strip_elements(page, "script", "style", "link", with_tail=False)
            self.encoding = "utf-8"
            return page

    return Cheaper


def page_meta(html: str) -> dict[str, str | None]:
    """What the page's head says of it, by field (title: og:title; site_name, author, date,
    description): for each, the content (unescaped, whitespace-normalised) of the first <meta>
    tag that names it and has one, all read in one pass over the head's meta tags
    (trafilatura's metadata pass costs a third of its time)."""
    found: dict[str, str | None] = dict.fromkeys(_META_FIELDS)
    for tag in _META.findall(html[:HEAD_CHARS]):
        wanted = [field for field, name in _META_FIELDS.items() if found[field] is None and name.search(tag)]
        content = _CONTENT.search(tag) if wanted else None
        text = _clean(content.group(1) or content.group(2)) if content else None
        for field in wanted if text else ():
            found[field] = text
    return found


def page_title(html: str, meta: dict[str, str | None] | None = None) -> str | None:
    """The page's title: og:title, else <title>."""
    title = _TITLE.search(html[:HEAD_CHARS])
    return (meta or page_meta(html))["title"] or _clean(title.group(1) if title else None)


def page_headline(html: str, url: str | None = None, meta: dict[str, str | None] | None = None) -> str | None:
    """The headline part of the page's title (titles.headline_of): the part its h1-h3 headings
    repeat, or the title without the parts that name the site."""
    meta = meta or page_meta(html)
    title = page_title(html, meta)
    if not title:
        return None
    page = html[:HEADINGS_CHARS]
    headings = [" ".join(unescape(_ANY_TAG.sub(" ", page[opening.end():closing.start()])).split())
                for opening, closing in elements(page, _HEADING, _closing_of)
                if closing.start() - opening.end() <= MAX_HEADING_CHARS]
    return headline_of(title, headings, meta["site_name"], url)


def page_byline(html: str) -> tuple[str | None, str | None]:
    """The page's author and publication date, from its meta tags, where it names them."""
    meta = page_meta(html)
    return meta["author"], meta["date"]


def _clean(text: str | None) -> str | None:
    return " ".join(unescape(text).split()) or None if text else None


def render_text(html: str) -> str:
    """The page's visible text, a line per block element.

    Tags are stripped with regular expressions rather than parsed: linear in size, and
    indifferent to markup nested deeper than any parser allows.
    """
    text = replace_elements(html, _INVISIBLE, _closing_of, lambda *_: " ")
    text = _BLOCK_TAG.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    return unescape(text)
