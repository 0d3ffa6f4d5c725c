"""Site-rules stage: the text directives of the site's own rule file (rules/<host>.txt).

They come first and are authoritative: what they protect stays, what they drop goes, and what
lies outside their start and end markers goes too. They only ever remove what the page would
otherwise keep: inside the markers the fallback judges the lines as it would without them.
A clipping that names no title of its own (no front matter, no page) takes the one the site's
file places (text_title_before): the headline stage finds the headline by it.
"""

from __future__ import annotations

from ..context import Context
from ..document import Document
from ..options import SITE_PROSE_BEFORE_END
from ..rules import apply_text_rules
from ..rules.apply import title_line

STAGE = "site rules"


def apply(doc: Document, ctx: Context) -> None:
    if doc.rule_site is None:
        return
    rules = ctx.book.sites[doc.rule_site]
    matcher = ctx.book.matcher(rules)
    apply_text_rules(doc.blocks, matcher, STAGE, SITE_PROSE_BEFORE_END, end_before_most_prose=True)
    if not doc.title and rules.text["text_title_before"]:
        title = title_line(doc.blocks, matcher)
        if title is not None:
            doc.title = title.text
