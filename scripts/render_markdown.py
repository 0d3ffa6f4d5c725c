"""Render a benchmark's HTML pages as whole-page Markdown clippings, as a Markdown web clipper
that keeps the whole page saves them: html2text (no line wrapping), with front matter holding
the page's title and source URL (from manifest.tsv, where it has one).

    python scripts/render_markdown.py ../shared/bench2 /tmp/md-bench2

Writes OUT/<id>.md for each html/<id>.html and copies manifest.tsv beside them, so that
`declutter eval OUT BENCH/gold` reports per dataset. A rendering that holds under half of the
gold's words (html2text gives up on some malformed pages) is no clipping of the article and is
left out, and counted. Needs html2text (the `train` extra).
"""

from __future__ import annotations

import argparse
import csv
import re
import shutil
import sys
from pathlib import Path

import html2text

from declutter.stages.read import decode
from declutter.tools.evaluate import read_gold, token_score

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def front_matter(title: str, url: str) -> str:
    lines = ["---"]
    if title:
        lines.append('title: "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"')
    if url:
        lines.append(f"source: {url}")
    return "\n".join(lines + ["---", ""]) if len(lines) > 1 else ""


def render(html: str, url: str) -> str:
    converter = html2text.HTML2Text()
    converter.body_width = 0
    found = _TITLE.search(html)
    title = " ".join(html2text.HTML2Text().handle(found.group(1)).split()) if found else ""
    return front_matter(title, url) + converter.handle(html)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench", type=Path, help="a folder with html/ and manifest.tsv")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    manifest = args.bench / "manifest.tsv"
    urls: dict[str, str] = {}
    if manifest.is_file():
        with open(manifest, encoding="utf-8", newline="") as handle:
            urls = {row["id"]: row.get("url") or "" for row in csv.DictReader(handle, delimiter="\t")}
        args.out.mkdir(parents=True, exist_ok=True)
        shutil.copy(manifest, args.out / "manifest.tsv")
    args.out.mkdir(parents=True, exist_ok=True)
    pages = sorted((args.bench / "html").glob("*.html"))
    written = 0
    for page in pages:
        text = render(decode(page.read_bytes()), urls.get(page.stem, ""))
        gold = args.bench / "gold" / f"{page.stem}.txt"
        if gold.is_file() and token_score(text, read_gold(gold)).recall < 0.5:
            continue
        (args.out / f"{page.stem}.md").write_text(text, encoding="utf-8")
        written += 1
    print(f"wrote {written} Markdown clippings to {args.out}; {len(pages) - written} renderings "
          "held under half of the gold's words and were left out", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
