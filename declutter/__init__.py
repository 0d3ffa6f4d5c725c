"""declutter: turn web clippings (text, Markdown, HTML) into clean article text.

    >>> import declutter
    >>> declutter.clean(open("clipping.txt", "rb").read())
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from os import PathLike

from .document import Block, Document, Reason
from .errors import DeclutterError, InputError, InternalError, RuleError
from .metadata import Metadata
from .options import Options
from .pipeline import clean_input
from .stages.read import KINDS

__all__ = ["clean", "extract", "Result", "Metadata", "Options", "Block", "Reason", "DeclutterError", "InputError",
           "InternalError", "RuleError"]
__version__ = "0.1.0"


@dataclass(frozen=True)
class Result:
    """What cleaning found: the article text, its metadata, and every block with its decision."""

    text: str
    site: str | None  # the site's host (which rules apply); its name is metadata.site
    url: str | None
    kind: str
    language: str | None
    title: str | None
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = ()  # what to know of this cleaning (a site's rules set aside, …)
    metadata: Metadata = Metadata()  # title, author, date, url, site, host, language, description, image, tags

    @property
    def kept(self) -> int:
        return sum(1 for b in self.blocks if b.kept)

    @property
    def dropped(self) -> int:
        return len(self.blocks) - self.kept


def extract(content: str | bytes, *, url: str | None = None, kind: str | None = None,
            title: bool = True, rules: tuple[str | PathLike[str], ...] = (),
            path: str | None = None, options: Options | None = None) -> Result:
    """Clean a clipping and explain it, with its metadata (an HTML page's included: its JSON-LD,
    bylines and dates are read, about 10 ms a page).

    content: the clipping as str or bytes (bytes are decoded: BOM, UTF-8, declared charset, detection).
    url: where it was clipped from; picks the site's rules (else found in the clipping, else guessed).
    kind: "text", "markdown" or "html"; detected when None.
    title: keep the headline (default) or leave it out.
    rules: extra rule folders, added to the shipped ones.
    options: every option at once (then title and rules are not read).
    Raises InputError for input that cannot be cleaned (too slow included: options.timeout),
    RuleError for a malformed rule file, InternalError for a bug met on this input; TypeError
    or ValueError for a call that is wrong whatever the input (content not str or bytes, an
    unknown kind).
    """
    options = replace(options or Options(title=title, rules=tuple(map(str, rules))), metadata=True)
    doc = _cleaned(content, url, kind, path, options)
    return Result(text=doc.text, site=doc.site, url=doc.url, kind=doc.kind, language=doc.language,
                  title=doc.title, blocks=tuple(doc.blocks), warnings=tuple(doc.warnings), metadata=doc.metadata)


def clean(content: str | bytes, *, url: str | None = None, kind: str | None = None,
          title: bool = True, rules: tuple[str | PathLike[str], ...] = (), options: Options | None = None) -> str:
    """The article text of a clipping: its kept lines, in order, one per line."""
    return _cleaned(content, url, kind, None, options or Options(title=title, rules=tuple(map(str, rules)))).text


def _cleaned(content: str | bytes, url: str | None, kind: str | None, path: str | None, options: Options) -> Document:
    if not isinstance(content, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"declutter takes a clipping as str or bytes, not {type(content).__name__}")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}, or None to detect it")
    if isinstance(content, (bytearray, memoryview)):
        content = bytes(content)
    cleaned = clean_input(content, url=url, kind=kind, path=path, options=options)
    if cleaned.failure is not None:
        raise cleaned.failure
    assert cleaned.doc is not None
    return cleaned.doc
