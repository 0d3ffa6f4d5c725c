"""Metadata found against a benchmark's manifest (title, authors, date), beside trafilatura's.

    python scripts/eval_metadata.py ../shared/bench3            # HTML pages and text clippings

A title counts when it equals the manifest's (case, spacing and quote marks aside); an author
when it names one of the manifest's authors; a date when its day is the manifest's. For the
clippings, each field is also counted over the pages whose clipping shows it (the author's
name, the day in any of a few common spellings), which is what the text path can find. An
author is also counted over the pages whose manifest names a person (not the publisher, its
newsroom or its domain: declutter gives person names only). Every
5th page (manifest order) is also reported apart: it was held out of tuning.
"""

from __future__ import annotations

import argparse
import csv
import re
import time
import unicodedata
from datetime import date
from pathlib import Path

import declutter
from declutter.stages.read import decode

FIELDS = ("title", "author", "date")


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(re.sub(r"[\"'‘’´`“”„«»]", "", text).split())  # quote marks aside


def found(field: str, value: str | None, row: dict[str, str]) -> bool:
    if field == "title":
        return bool(value) and norm(value) == norm(row["title"])
    if field == "author":
        names = [norm(a).replace(".", "") for a in row["authors"].split(";") if a.strip()]
        return bool(value) and any(name in norm(value).replace(".", "") for name in names)  # "Miguel A. X"
    return bool(value) and value[:10] == row["date"][:10]


def _letters(text: str) -> str:
    return re.sub(r"\W+", "", norm(text).removeprefix("the "))


def names_a_person(row: dict[str, str]) -> bool:
    """Whether the manifest's authors name a person, not only the publisher ("Le Monde"), its
    newsroom ("IN-Redaktion", "Guardian staff reporter") or a domain ("ndr.de")."""
    publisher = _letters(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", row["publisher"]))
    for author in (a.strip() for a in row["authors"].split(";") if a.strip()):
        key = _letters(author)
        if not (publisher[:6] in key or key in publisher or re.search(r"\w\.[a-z]{2,}\b", author)
                or re.search(r"(?i)redakt|redacc|staff|desk|newsroom", author)):
            return True
    return False


def shown(field: str, clip: str, row: dict[str, str]) -> bool:
    """Whether a clipping shows the field's value (what the text path could find)."""
    if field == "title":
        return norm(row["title"]) in norm(clip)
    if field == "author":
        return any(norm(a) in norm(clip) for a in row["authors"].split(";") if a.strip())
    day = date.fromisoformat(row["date"][:10])
    spellings = {day.isoformat(), f"{day.day} {day:%B %Y}", f"{day:%B} {day.day}, {day.year}",
                 f"{day.day} {day:%b %Y}", f"{day:%b} {day.day}, {day.year}", f"{day.day:02}.{day.month:02}.{day.year}",
                 f"{day.day}.{day.month}.{day.year}", f"{day.day}. {day:%B %Y}"}
    return any(norm(s) in norm(clip) for s in spellings)


def trafilatura_fields(html: str, url: str) -> dict[str, str | None]:
    from trafilatura.metadata import extract_metadata

    meta = extract_metadata(html, default_url=url)
    return {"title": meta.title, "author": meta.author, "date": meta.date}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bench", type=Path, help="a folder with html/, clip/ and manifest.tsv")
    args = parser.parse_args()
    rows = [r for r in csv.DictReader((args.bench / "manifest.tsv").open(encoding="utf-8"), delimiter="\t")
            if r.get("date")]
    counts: dict[tuple[str, str, str], list[int]] = {}
    seconds = {"declutter html": 0.0, "trafilatura html": 0.0}

    def count(system: str, part: str, field: str, hit: bool, eligible: bool = True) -> None:
        tally = counts.setdefault((system, part, field), [0, 0])
        tally[0] += hit and eligible
        tally[1] += eligible

    for index, row in enumerate(rows, 1):
        parts = ("all", "held out") if index % 5 == 0 else ("all",)
        html = decode((args.bench / "html" / f"{row['id']}.html").read_bytes())
        started = time.process_time()
        page = declutter.extract(html, url=row["url"], kind="html").metadata
        seconds["declutter html"] += time.process_time() - started
        started = time.process_time()
        theirs = trafilatura_fields(html, row["url"])
        seconds["trafilatura html"] += time.process_time() - started
        clip_path = args.bench / "clip" / f"{row['id']}.txt"
        clip_text = clip_path.read_text(encoding="utf-8", errors="replace") if clip_path.exists() else None
        clip = declutter.extract(clip_text, kind="text").metadata if clip_text is not None else None
        for part in parts:
            for field in FIELDS:
                if not row[field if field != "author" else "authors"]:
                    continue
                person = field != "author" or names_a_person(row)
                count("declutter html", part, field, found(field, getattr(page, field), row))
                count("trafilatura html", part, field, found(field, theirs[field], row))
                count("declutter html, gold names a person", part, field, found(field, getattr(page, field), row),
                      person)
                count("trafilatura html, gold names a person", part, field, found(field, theirs[field], row), person)
                if clip is not None and clip_text is not None:
                    count("declutter clip (all)", part, field, found(field, getattr(clip, field), row))
                    count("declutter clip (shown)", part, field, found(field, getattr(clip, field), row),
                          shown(field, clip_text, row))
    print(f"{len(rows)} pages of {args.bench}\n")
    print("| system | part | " + " | ".join(FIELDS) + " |")
    print("|---|---|" + "---:|" * len(FIELDS))
    for system in ("declutter html", "trafilatura html", "declutter html, gold names a person",
                   "trafilatura html, gold names a person", "declutter clip (all)", "declutter clip (shown)"):
        for part in ("all", "held out"):
            cells = [f"{counts[(system, part, f)][0]} of {counts[(system, part, f)][1]}"
                     if (system, part, f) in counts else "-" for f in FIELDS]
            print(f"| {system} | {part} | " + " | ".join(cells) + " |")
    print("\nCPU seconds a page: " + ", ".join(f"{k} {v / len(rows) * 1000:.1f} ms" for k, v in seconds.items()))


if __name__ == "__main__":
    main()
