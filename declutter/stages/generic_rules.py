"""Generic-rules stage: rules/global.txt, then the lexicon of the document's language and English's
(rules/lexicon/<code>.txt): skip links, share bars, appeals and the like on any site."""

from __future__ import annotations

from ..context import Context
from ..document import Document
from ..options import GENERIC_PROSE_BEFORE_END
from ..rules import apply_text_rules

STAGE = "generic rules"


def apply(doc: Document, ctx: Context) -> None:
    book = ctx.book
    start, end = 0, len(doc.blocks)
    for rules in [book.generic] + [book.lexicons[code] for code in dict.fromkeys([doc.language, "en"])
                                   if code and code in book.lexicons]:  # English: the web's lingua franca
        found = apply_text_rules(doc.blocks, book.matcher(rules), STAGE, GENERIC_PROSE_BEFORE_END,
                                 end_after_most_prose=True)
        if found:
            start, end = max(start, found[0]), min(end, found[1])
    doc.region = (start, end)
