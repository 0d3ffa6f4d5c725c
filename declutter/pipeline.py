"""The order of the stages, and the one function that cleans one input.

read → identify → extract (HTML) → site rules → generic rules → captions → template →
headline → comments → fallback → settle (→ captions left out, for the body alone) → images →
metadata. The template stage comes after every rule has had its say, so that what a rule
protects (a credit the site prints on every page, its caption) is not taken for the site's chrome.
Writing is the caller's (stages/write.py).

Every entry point (the API, `clean`, `explain`, `report`, `eval`, `rules check`, the Dask and
Spark functions) cleans an input through `clean_input`, so they all decide alike and fail alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from types import ModuleType

from . import compiled
from .context import Context
from .deadline import TimeLimit, time_limit
from .document import Document
from .errors import DeclutterError, InputError, InternalError
from .language import language_of, stopword_index
from .model.classifier import load_model
from .model.features import build_tables
from .options import EMPTY_WORDS, MAX_LINES, PROSE_WORDS, RENDERING_GAIN, Options
from .rules import RuleBook, rule_book
from .stages import (
    captions,
    comments,
    fallback,
    generic_rules,
    headline,
    identify,
    images,
    metadata,
    read,
    settle,
    site_rules,
    template,
)

RULE_STAGES = (site_rules, generic_rules, captions, template, headline, comments)


@dataclass(frozen=True)
class Cleaned:
    """One input, cleaned or not: its document, or the one-line reason it failed."""

    doc: Document | None = None
    failure: DeclutterError | None = None

    @property
    def error(self) -> str | None:
        return None if self.failure is None else str(self.failure)


def clean_input(content: str | bytes, *, url: str | None = None, kind: str | None = None,
                path: str | None = None, options: Options = Options(), book: RuleBook | None = None,
                template_lines: frozenset[int] = frozenset()) -> Cleaned:
    """Clean one input within the options' time limit; never raises for the input's sake.

    An input's own problem (empty, binary, too slow, too deep) is a one-line failure; a bug met
    on it is an InternalError naming the exception. A malformed rule file raises RuleError
    (it is no input's problem). book: the rules, when they were loaded elsewhere (a cluster's
    driver); else the options' rule folders, once per process.
    template_lines: numbers of this input's lines that repeat across its folder.
    """
    book = book or rule_book(options.rules)
    warm_up(book, whole=False)  # one-time loading is no document's time (what few pages need comes with them)
    content, kind = _told(content, kind, path)
    if kind == "html":
        _extract().warm_up()  # imported before the time limit starts
    ctx = Context(options, book, template_lines)
    try:
        return _cleaned(content, url=url, kind=kind, path=path, ctx=ctx)
    finally:
        compiled.save(now=False)  # the patterns this input compiled first, for later runs


def _cleaned(content: str | bytes, *, url: str | None, kind: str | None, path: str | None, ctx: Context) -> Cleaned:
    """clean_input's cleaning, every failure caught."""
    options, book, template_lines = ctx.options, ctx.book, ctx.template
    failure: DeclutterError
    try:
        with time_limit(options.timeout):
            return Cleaned(doc=_flag_empty(_guarded(
                decide(content, url=url, kind=kind, path=path, ctx=ctx),
                lambda: decide(content, url=url, kind=kind, path=path, ctx=Context(
                    replace(options, site_rules=False), book, template_lines)))))
    except DeclutterError as exc:
        failure = exc
    except TimeLimit:
        failure = InputError(f"took longer than {options.timeout:g} s (the time limit, --timeout); skipped")
    except RecursionError:
        failure = InputError("input nested too deeply to parse")
    except MemoryError:
        failure = InputError("out of memory on this input")
    except Exception as exc:  # a bug in declutter must not stop a batch: reported on one line
        failure = InternalError(f"internal error: {exc.__class__.__name__}: {exc}")
        failure.__cause__ = exc
    return Cleaned(failure=failure)


def _guarded(doc: Document, without_site_rules: Callable[[], Document]) -> Document:
    """The document, unless its site's rules dropped every line of its prose (a `text_drop: .*`, a
    start marker near the end, a cut over everything): then the page as cleaned without them,
    where that keeps prose, with a warning naming the rule."""
    rule = _emptying_rule(doc)
    if rule is None:
        return doc
    plain = without_site_rules()
    if _prose_words(plain) == 0:
        return doc
    plain.warnings.append(f"the site's rule {rule} dropped all of the article's prose: cleaned without the "
                          "site's rules")
    return plain


def _flag_empty(doc: Document) -> Document:
    """The document, flagged (doc.empty, and a warning) when the cleaning kept fewer than
    EMPTY_WORDS words of an input that had more: no article was found, which a user must hear of."""
    kept = 0
    for block in doc.blocks:
        if block.kept:
            kept += block.words
            if kept >= EMPTY_WORDS:
                return doc  # most documents: a few kept lines in
    total = sum(b.words for b in doc.blocks)
    if total > kept:
        doc.empty = f"{kept} word{'s' if kept != 1 else ''} kept of {total}: no article found"
        doc.warnings.append(f"empty: {doc.empty}")
    return doc


def _prose_words(doc: Document) -> int:
    return sum(n for b in doc.blocks if b.kept and (n := b.words) >= PROSE_WORDS)


def _emptying_rule(doc: Document) -> str | None:
    """The site rule (file:line) that dropped most prose of a page that keeps none, if one did."""
    if doc.rule_site is None or _prose_words(doc):
        return None
    dropped: Counter[str] = Counter()
    for block in doc.blocks:
        if not block.kept and block.reason and block.reason.stage == site_rules.STAGE:
            words = block.words
            if words >= PROSE_WORDS:
                dropped[block.reason.rule or site_rules.STAGE] += words
    return dropped.most_common(1)[0][0] if dropped else None


def _extract() -> ModuleType:
    """The extract stage, imported with the first HTML page: a run of text clippings never
    loads an HTML parser (a tenth of a one-file run's start-up)."""
    from .stages import extract

    return extract


def _told(content: str | bytes, kind: str | None, path: str | None) -> tuple[str | bytes, str | None]:
    """The input and its kind, told before the time limit where that decides whether the
    extractors are imported first: the caller's kind, or the file's extension's where that is
    not "text"; else, for an input with a "<" near its start, decoded here and its kind read as
    the read stage reads it (once: the cleaning takes both as told; a clipping holding "a < b"
    needs no extractor). Other inputs are left to the read stage, as one it refuses is."""
    named = read.kind_from_path(path)
    if kind is not None or named not in (None, "text"):
        return content, kind or named
    if (b"<" if isinstance(content, bytes) else "<") not in content[:4096]:  # type: ignore[operator]
        return content, None
    try:
        text = read.decode(content) if isinstance(content, bytes) else content
    except DeclutterError:
        return content, None
    return text, read.kind_of(text, path)


def decide(content: str | bytes, *, url: str | None, kind: str | None, path: str | None, ctx: Context) -> Document:
    """Every stage in order; the returned Document holds each block's decision and reason."""
    doc = prepare(read.read(content, kind=kind, path=path, url=url), ctx)
    if doc.kind == "html" and _extract().keep_main_content(doc):
        rendering, doc.rendering = doc.rendering, None  # read once: not carried with the result
        if rendering is not None and rendering.count("\n") <= MAX_LINES:
            _or_rendering(doc, decide(rendering, url=url, kind="text", path=path, ctx=ctx))
    else:
        # A clipping kept whole as already clean is cleaned again as a user would clean its output
        # (that output may read as another language, with no lexicon to vouch for it); a page's
        # kept lines are judged by the line model again, as they stand.
        whole = fallback.apply(doc, ctx)
        again = Context(replace(ctx.options, title=True), ctx.book)  # the headline, if left out, is gone
        settle.apply(doc, lambda text: _reclean(text, again, whole))
        if not ctx.options.title:
            captions.leave_out(doc)
    images.apply(doc, ctx)
    metadata.apply(doc, ctx)
    return doc


def _or_rendering(doc: Document, rendered: Document) -> None:
    """An HTML page without paragraphs takes the decisions of its text cleaned as a clipping when
    they keep over RENDERING_GAIN times the extraction's words: with no <p> to anchor on, the
    extractors often keep a fragment (a 2008 page of <td>s and <br>s)."""
    if len(rendered.text.split()) > RENDERING_GAIN * len(doc.text.split()):
        doc.blocks, doc.extractor, doc.language = rendered.blocks, "text rendering", rendered.language


def prepare(doc: Document, ctx: Context) -> Document:
    """Every stage before the fallback: what the rules decide, the rest left undecided."""
    identify.apply(doc, ctx)
    if doc.kind == "html":
        _extract().apply(doc, ctx)
    metadata.read_page(doc, ctx)
    doc.html = None  # the page, read: not carried with the result
    doc.language = language_of(b.text for b in doc.blocks)
    for stage in RULE_STAGES:
        stage.apply(doc, ctx)
    return doc


def before_fallback(content: str | bytes, *, kind: str | None = None, options: Options = Options()) -> Document:
    """One input through every stage before the fallback (what the fallback is trained on)."""
    return prepare(read.read(content, kind=kind), Context(options, rule_book(options.rules)))


def _reclean(text: str, ctx: Context, whole: bool) -> Document:
    """A cleaned text cleaned again as plain text, up to the fallback (for the settle stage);
    whole: the clean-clipping test too (the text was kept whole as one)."""
    doc = prepare(read.read(text, kind="text"), ctx)
    fallback.apply(doc, ctx, clean_test=whole)
    return doc


def warm_up(book: RuleBook | None = None, *, whole: bool = True) -> None:
    """Load what every document needs once per process: the rules' scans (the shipped rules'
    unless a book is given), the model, the date scan; and, whole, what only some pages need
    (every pattern compiled, the index of every language's stoplist for a page that is not
    plainly English), so that forked workers share it. A one-file run leaves those to the page
    that needs them."""
    (book or rule_book()).warm_up(compiled=whole)
    load_model()
    if whole:
        stopword_index()
    build_tables()
    compiled.save()
