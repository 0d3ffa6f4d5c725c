"""declutter: turn web clippings (text, Markdown, HTML) into clean article text.

    >>> import declutter
    >>> declutter.clean(open("clipping.txt", "rb").read())
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike

from .document import Block, Reason
from .errors import DeclutterError, InputError, RuleError
from .pipeline import Options, run

__all__ = ["clean", "extract", "Result", "Block", "Reason", "DeclutterError", "InputError", "RuleError"]
__version__ = "0.1.0"


@dataclass(frozen=True)
class Result:
    """What cleaning found: the article text, the site, and every block with its decision."""

    text: str
    site: str | None
    url: str | None
    kind: str
    language: str | None
    title: str | None
    blocks: tuple[Block, ...]

    @property
    def kept(self) -> int:
        return sum(1 for b in self.blocks if b.kept)

    @property
    def dropped(self) -> int:
        return len(self.blocks) - self.kept


def extract(content: str | bytes, *, url: str | None = None, kind: str | None = None,
            title: bool = True, rules: tuple[str | PathLike, ...] = (),
            path: str | None = None) -> Result:
    """Clean a clipping and explain it.

    content: the clipping as str or bytes (bytes are decoded: BOM, UTF-8, declared charset, detection).
    url: where it was clipped from; picks the site's rules (else found in the clipping, else guessed).
    kind: "text", "markdown" or "html"; detected when None.
    title: keep the headline (default) or leave it out.
    rules: extra rule folders, added to the shipped ones.
    Raises InputError for input that cannot be cleaned, RuleError for a malformed rule file.
    """
    options = Options(keep_title=title, rule_dirs=tuple(rules))
    doc = run(content, url=url, kind=kind, path=path, options=options)
    return Result(text=doc.text, site=doc.site, url=doc.url, kind=doc.kind, language=doc.language,
                  title=doc.title, blocks=tuple(doc.blocks))


def clean(content: str | bytes, *, url: str | None = None, kind: str | None = None,
          title: bool = True, rules: tuple[str | PathLike, ...] = ()) -> str:
    """The article text of a clipping: its kept lines, in order, one per line."""
    return extract(content, url=url, kind=kind, title=title, rules=rules).text
