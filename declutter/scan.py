"""Markup found in linear time: an element's content as `<tag …>(.*?)</tag>` finds it, without the
regular expression's rescan of the rest of the page from every opening tag that is never closed.

Every pattern over a page or a line in declutter is written to be linear: a repeated class
excludes the character that opens its construct (`<[^<>]*>`, `\\[[^\\[\\]]*\\]`), so that an
unclosed construct is scanned once, not once per opening; what needs a lazy match up to a
closing tag is found here, the closing tag searched once for all openings of its kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex


def elements(text: str, opener: regex.Pattern, closer: Callable[[regex.Match], regex.Pattern]
             ) -> Iterator[tuple[regex.Match, regex.Match]]:
    """Non-overlapping (opening, closing) matches in order, as `opener.*?closer` would find them:
    each opening with the first closing after it (its kind's, as `closer(opening)` says). Once a
    kind finds no closing after some place, its later openings are passed over unsearched."""
    position = 0
    unclosed_from: dict[str, int] = {}  # a closing's pattern → a place after which it never occurs
    while (opening := opener.search(text, position)) is not None:
        ending = closer(opening)
        if unclosed_from.get(ending.pattern, len(text) + 1) <= opening.end():
            position = opening.end()  # no closing of this kind anywhere after here
            continue
        closing = ending.search(text, opening.end())
        if closing is None:
            unclosed_from[ending.pattern] = opening.end()
            position = opening.end()
            continue
        yield opening, closing
        position = closing.end()


def replace_elements(text: str, opener: regex.Pattern, closer: Callable[[regex.Match], regex.Pattern],
                     replacement: Callable[[regex.Match, str, regex.Match], str]) -> str:
    """The text with each element (see elements) replaced by `replacement(opening, content, closing)`."""
    parts, last = [], 0
    for opening, closing in elements(text, opener, closer):
        parts += [text[last:opening.start()], replacement(opening, text[opening.end():closing.start()], closing)]
        last = closing.end()
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)
