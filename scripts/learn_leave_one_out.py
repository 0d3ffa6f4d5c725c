"""Measure `rules learn` on real sites: for every host with MIN_PAGES or more pages in a
benchmark's manifest, each page is cleaned with rules learned from the host's other pages and
without site rules, and both are scored against its gold (token F1).

    python scripts/learn_leave_one_out.py ../shared/bench2            # a summary line
    python scripts/learn_leave_one_out.py ../shared/bench2 --verbose  # and every page

The benchmark folder holds manifest.tsv (id, url columns), clip/<id>.txt and gold/<id>.txt.
A page is "worse" when the rules lower its F1 at all.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

from declutter.rules import rule_book
from declutter.tools.evaluate import read_gold, token_score
from declutter.tools.learn import cleaned_both_ways

MIN_PAGES = 4


def hosts_of(bench: Path) -> dict[str, list[str]]:
    """The manifest's page ids per host (without www.), for hosts with MIN_PAGES pages or more."""
    hosts: dict[str, list[str]] = defaultdict(list)
    with open(bench / "manifest.tsv", encoding="utf-8") as manifest:
        for row in csv.DictReader(manifest, delimiter="\t"):
            host = (urlparse(row["url"]).hostname or "").lower().removeprefix("www.")
            if host:
                hosts[host].append(row["id"])
    return {host: ids for host, ids in sorted(hosts.items()) if len(ids) >= MIN_PAGES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every page's scores")
    args = parser.parse_args()
    generic = rule_book(())
    deltas: list[float] = []
    lost = 0  # pages whose article the rules lose (recall under 0.5 with them, not without)
    for host, ids in hosts_of(args.bench).items():
        clips = {i: (args.bench / "clip" / f"{i}.txt").read_bytes() for i in ids}
        for left_out in ids:
            both = cleaned_both_ways([clips[i] for i in ids if i != left_out], clips[left_out], host, generic)
            if both is None:
                print(f"{host} {left_out}: nothing learned, or the page cannot be cleaned", file=sys.stderr)
                continue
            gold = read_gold(args.bench / "gold" / f"{left_out}.txt")
            after, before = (token_score(doc.text, gold) for doc in both)
            deltas.append(after.f1 - before.f1)
            lost += after.recall < 0.5 <= before.recall
            if args.verbose or deltas[-1] < 0:
                print(f"{'worse' if deltas[-1] < 0 else 'level' if deltas[-1] == 0 else 'better':6} {host:28} "
                      f"{left_out:14} F1 {before.f1:.3f} -> {after.f1:.3f} (P {after.precision:.3f}, "
                      f"R {before.recall:.3f} -> {after.recall:.3f})")
    if not deltas:
        print("no host with enough pages", file=sys.stderr)
        return 1
    print(f"{len(deltas)} pages: {sum(d < 0 for d in deltas)} worse, {sum(d > 0 for d in deltas)} better, "
          f"{sum(d == 0 for d in deltas)} level; mean F1 change {sum(deltas) / len(deltas):+.4f}; "
          f"articles lost by the rules (recall under 0.5 with them only): {lost}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
