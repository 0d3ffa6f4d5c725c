"""The order of the stages, and nothing else:

read → identify site → (HTML: extract) → site rules → template → generic rules → captions →
headline → comments → fallback → settle.
Writing is the caller's (see writers.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .comments import drop_comment_thread
from .document import Document, Reason
from .fallback import classify, load_model
from .features import build_tables
from .headline import mark_headline
from .html import EXTRACTOR, extract
from .lexicon import apply_generic_rules, language_of, stopword_index
from .readers import read
from .rules import RuleBook, apply_text_rules, protect_captions
from .sites import identify
from .template import drop_template

SITE_PROSE_BEFORE_END = 1  # a site's end marker counts once the article has begun
MAX_SETTLE_PASSES = 4


@dataclass(frozen=True)
class Options:
    """How to clean; immutable and passed down (there is no global setting)."""

    keep_title: bool = True
    rule_dirs: tuple[str, ...] = ()
    site_rules: bool = True

    def __post_init__(self) -> None:
        # Paths or strings in, strings kept: the options key the per-process rule cache.
        object.__setattr__(self, "rule_dirs", tuple(str(d) for d in self.rule_dirs))


def builtin_rules_dir() -> Path:
    """The rules shipped with declutter (`declutter/ruledata` links to the project's `rules/`)."""
    return Path(str(resources.files("declutter").joinpath("ruledata")))


@lru_cache(maxsize=8)
def rule_book(rule_dirs: tuple[str, ...]) -> RuleBook:
    """Rules of the shipped folder plus the user's folders (later ones add to earlier), once per process."""
    book = RuleBook()
    for folder in (builtin_rules_dir(), *rule_dirs):
        book.add_folder(folder)
    return book


def warm_up(options: Options = Options(), *, rules: bool = True) -> None:
    """Load what every document needs once per process (rules unless handed over, model,
    stoplists, the feature and rule scan tables)."""
    if rules:
        rule_book(options.rule_dirs).warm_up()
    load_model()
    stopword_index()
    build_tables()


def prepare(content: str | bytes, *, url: str | None = None, kind: str | None = None,
            path: str | None = None, options: Options = Options(),
            template: frozenset[int] = frozenset(), book: RuleBook | None = None) -> Document:
    """Every stage but the fallback: what the rules decide, the rest left undecided.

    book: the rules to use, when they were loaded elsewhere (a cluster's driver); else the
    options' rule folders are loaded (once per process).
    """
    doc = read(content, kind=kind, path=path, url=url)
    book = book or rule_book(options.rule_dirs)
    site = identify(doc, book) if options.site_rules else None
    if doc.kind == "html":
        extract(doc, [r for r in (site, book.generic) if r is not None], captions=options.keep_title)
    doc.language = language_of(b.text for b in doc.blocks)
    if site is not None:
        doc.region = apply_text_rules(doc.blocks, site, "site", SITE_PROSE_BEFORE_END)
    drop_template(doc, template)
    apply_generic_rules(doc, book)
    protect_captions(doc)
    mark_headline(doc, keep_title=options.keep_title)
    drop_comment_thread(doc)
    return doc


def run(content: str | bytes, *, url: str | None = None, kind: str | None = None,
        path: str | None = None, options: Options = Options(),
        template: frozenset[int] = frozenset(), book: RuleBook | None = None) -> Document:
    """Clean one input through every stage; the returned Document holds each block's decision.

    template: numbers of this input's lines that repeat across its folder (see template.py).
    """
    doc = prepare(content, url=url, kind=kind, path=path, options=options, template=template, book=book)
    if doc.meta.get(EXTRACTOR) in ("trafilatura", "readability"):
        # An extractor already chose the article: the text fallback, trained on whole pages,
        # would only second-guess it.
        keep_undecided(doc, Reason("html", "", f"main content found by {doc.meta[EXTRACTOR]}"))
    else:
        classify(doc)
        settle(doc, options, book)
    return doc


def settle(doc: Document, options: Options, book: RuleBook | None = None) -> None:
    """Clean the output again until nothing changes, so that cleaning is idempotent.

    The kept lines, cleaned on their own (as a user cleaning the output would: no URL, plain
    text), can lose a menu line that the page's context hid; each pass only removes lines, so
    this ends. Protected lines stay; lines dropped in a later pass keep its reason.
    """
    again = replace(options, keep_title=True)  # the headline, if left out, is already gone
    for _ in range(MAX_SETTLE_PASSES):
        kept = [b for b in doc.blocks if b.kept]
        if not kept:
            return
        redo = prepare("\n".join(b.text for b in kept), kind="text", options=again, book=book)
        classify(redo)
        changed = False
        for block, second in zip(kept, redo.blocks):
            if not second.kept and not block.protected:
                block.decision, block.reason, changed = second.decision, second.reason, True
        if not changed:
            return


def keep_undecided(doc: Document, reason: Reason) -> None:
    for block in doc.undecided():
        block.keep(reason)
