"""Document, Block and Reason: the ground floor every stage stands on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from .metadata import Metadata
from .options import PROSE_WORDS

TERMINALS = frozenset(".!?…。！？")  # a line ends a sentence: one of these, then maybe CLOSERS
CLOSERS = "\"'”’»)]"
LIST_MARKERS = "•·▪◦‣∙*+-–—>"  # a line starting with one of these (or "1." / "1)") is a list item
_LIST_MARKER = re.compile(rf"^(?:[{re.escape(LIST_MARKERS)}]|\d{{1,3}}[.)])\s+")
_MARKER_SET = frozenset(LIST_MARKERS)


def bare_text(text: str) -> str:
    """What rules match a line's text against: the text without a leading bullet or list number."""
    first = text[:1]
    return _LIST_MARKER.sub("", text, count=1) if first in _MARKER_SET or first.isdigit() else text


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (a terminal mark, then maybe closing quotes or brackets), as
    the line model's `terminal` feature says of every line at once."""
    return text.rstrip(CLOSERS)[-1:] in TERMINALS


def prose_sentence(block: Block) -> bool:
    """Whether a block is a sentence of prose: PROSE_WORDS words or more, ending a sentence."""
    return block.words >= PROSE_WORDS and ends_sentence(block.text)


class Decision(str, Enum):
    UNDECIDED = "undecided"
    KEEP = "keep"
    DROP = "drop"


# The members as plain names: looking one up on the Enum class costs more than the test it is for.
UNDECIDED, KEEP, DROP = Decision.UNDECIDED, Decision.KEEP, Decision.DROP


@dataclass(frozen=True)
class Reason:
    """Why a block was kept or dropped: the stage, the rule (file:line) or score, a short text."""

    stage: str
    rule: str = ""
    detail: str = ""

    def __str__(self) -> str:
        parts = [self.stage]
        if self.rule:
            parts.append(self.rule)
        if self.detail:
            parts.append(self.detail)
        return ": ".join(parts)


@dataclass(slots=True)
class Block:
    """One line of a clipping (or one extracted HTML block), with where it came from."""

    text: str
    raw: str
    line: int
    decision: Decision = Decision.UNDECIDED
    reason: Reason | None = None
    protected: bool = False
    structure: bool = False  # a line of a table or a fenced code block: the lines around it decide it
    bare: str = field(init=False, repr=False)
    words: int = field(init=False, repr=False)  # the text's whitespace-separated words, counted once

    def __post_init__(self) -> None:
        first = self.text[:1]  # (bare_text's test, inline: every line of a page is made a block)
        self.bare = bare_text(self.text) if first in _MARKER_SET or first.isdigit() else self.text
        self.words = len(self.text.split())

    @property
    def kept(self) -> bool:
        return self.decision is KEEP

    @property
    def undecided(self) -> bool:
        return self.decision is UNDECIDED and not self.protected

    def keep(self, reason: Reason, *, protect: bool = False) -> None:
        self.decision = KEEP
        self.reason = reason
        self.protected = self.protected or protect

    def drop(self, reason: Reason) -> None:
        """Drop the block unless a rule protects it."""
        if not self.protected:
            self.decision = DROP
            self.reason = reason


@dataclass(frozen=True)
class PageRule:
    """A site's XPath rule that changed an HTML page before extraction: the text it removed
    (strip) or selected (body), and where the rule is written (file:line)."""

    directive: str
    rule: str
    text: str

    def __str__(self) -> str:
        verb = "selected" if self.directive == "body" else "removed"
        return f"site rules: {self.rule}: {self.directive} {verb} {self.text!r}"


@dataclass
class Document:
    """An input being cleaned: what the user gave (front matter included, as written) apart from
    what the stages learn about it (site, language, extractor, region), each a typed field."""

    blocks: list[Block]
    kind: str = "text"
    path: str | None = None
    url: str | None = None
    title: str | None = None
    front_matter: dict[str, str] = field(default_factory=dict)  # a Markdown clipping's, as the user wrote it
    front_matter_text: str = field(default="", repr=False)  # the same block as written, --- lines included
    author: str | None = None  # from the front matter, the page, or a byline (stages/metadata.py)
    date: str | None = None  # ISO 8601 once the metadata stage has run
    site_name: str | None = None  # "The Guardian"
    description: str | None = None
    image: str | None = None  # the lead image's URL
    tags: tuple[str, ...] = ()
    html: str | None = field(default=None, repr=False)  # the page, for HTML inputs, until extracted
    # Learned by the stages:
    site: str | None = None  # the host, from the URL or a rule file's fingerprints (identify)
    rule_site: str | None = None  # the name of the site's rule file in the rule book (identify)
    language: str | None = None  # ISO code where known (language detection, before the rules)
    extractor: str | None = None  # what found an HTML page's main content (extract)
    region: tuple[int, int] | None = None  # blocks [start, end) within the generic rules' markers (generic rules)
    rendering: str | None = field(default=None, repr=False)  # a page without paragraphs, as text (extract)
    page_rules: list[PageRule] = field(default_factory=list)  # the site's XPath rules that changed the page (extract)
    warnings: list[str] = field(default_factory=list)  # what the user should know of this cleaning (one line each)
    pictures: list[Block] = field(default_factory=list)  # a Markdown clipping's images without alt text (read)
    empty: str | None = None  # why the cleaning left (next to) no article: the input had text, the output has not

    @property
    def metadata(self) -> Metadata:
        """What is known of the article besides its text."""
        return Metadata(title=self.title, author=self.author, date=self.date, url=self.url,
                        site=self.site_name or self.site, host=self.site, language=self.language,
                        description=self.description, image=self.image, tags=self.tags)

    def undecided(self) -> list[Block]:
        return [b for b in self.blocks if b.undecided]

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks if b.kept and b.text)  # an image's line has no text


def index_runs(indices: list[int], step: int) -> list[list[int]]:
    """Sorted block indices in runs: a new run starts where an index is more than `step` past
    the one before (step 1: consecutive blocks)."""
    runs: list[list[int]] = []
    for i in indices:
        if runs and i - runs[-1][-1] <= step:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs
