"""Identify-site stage: which rule file applies, from a URL or the clipping's own lines."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..context import Context
from ..document import Document
from ..options import MIN_FINGERPRINT_HITS
from ..rules import RuleBook, RuleFile


def host_of(url: str) -> str | None:
    """The lower-cased host of a URL (or of a bare `host/path`)."""
    if "://" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def apply(doc: Document, ctx: Context) -> None:
    """Set the document's site and the name of its rule file (none with site rules turned off:
    the site is still named)."""
    rules = identify(doc, ctx.book)
    doc.rule_site = rules.name if rules is not None and ctx.options.site_rules else None


def identify(doc: Document, book: RuleBook) -> RuleFile | None:
    """Find the site's rules: by the document's URL, else by fingerprint lines; sets doc.site."""
    if doc.url:
        host = host_of(doc.url)
        if host:
            doc.site = host[4:] if host.startswith("www.") else host
            rules = book.for_host(host)
            if rules:
                return rules
    best, best_hits = None, 0
    candidates = [b for b, maybe in zip(doc.blocks, book.fingerprint_lines([b.bare for b in doc.blocks])) if maybe]
    for rules in book.sites.values():
        if not rules.text["text_fingerprint"] or not candidates:
            continue
        matcher = book.matcher(rules)
        hits = sum(1 for block in candidates if matcher.first_match("text_fingerprint", block.bare))
        if hits > best_hits:
            best, best_hits = rules, hits
    if best is not None and best_hits >= MIN_FINGERPRINT_HITS:
        doc.site = doc.site or best.name.lstrip(".")
        return best
    return None
