"""Leave-one-family-out measure of the HTML extract stage's choice (model/choice.py).

    python scripts/choice_lofo.py ../shared/bench/html ../shared/bench/gold \
        ../shared/bench2/html ../shared/bench2/gold ../shared/bench3/html ../shared/bench3/gold \
        --body-only ../shared/bench/html --body-only ../shared/bench3/html [--write]

Every page where the choice is asked is cleaned both ways (train_choice.both_ways). A page's
family is its benchmark folder, or its dataset where a folder holds a few (Dragnet, L3S-GN1;
a folder of many, such as one of publishers' countries, is one family).
For each family, trees are trained on the dev pages of the other families only and judged on
that family's pages (its dev pages and its held-out fifth, apart); the shipped model and the
two extractions alone are judged on the same pages. Prints the family's mean token F1 over all
its pages, so that the columns compare with `declutter eval`. --write trains on the dev pages
of every family and writes declutter/model/choice.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_choice import OUT, both_ways  # noqa: E402
from train_fallback import boosted_trees, write_model  # noqa: E402

from declutter.model.choice import NAMES, load_choice  # noqa: E402
from declutter.model.classifier import Trees  # noqa: E402
from declutter.tools.evaluate import datasets, ranks_of  # noqa: E402

MAX_FAMILIES = 3  # a folder whose manifest names a few datasets holds that many families


def rows_of(folders: list[Path], body_only: set[Path], holdout_every: int, jobs: int) -> list[dict]:
    """Each page with its family, part and both ways' features and F1 (None: not asked)."""
    pages = []
    for html, golds in zip(folders[::2], folders[1::2]):
        paths = [p for p in sorted(html.glob("*.html")) if (golds / f"{p.stem}.txt").is_file()]
        stems = [p.stem for p in paths]
        names = datasets(stems, html)
        several = 1 < len(set(names)) <= MAX_FAMILIES  # datasets, not the countries of one family
        for path, rank, name in zip(paths, ranks_of(stems, html), names):
            pages.append({"family": name if several else html.parent.name, "held_out": rank % holdout_every == 0,
                          "job": (path, golds / f"{path.stem}.txt", html.resolve() not in body_only)})
    with Pool(jobs) as pool:
        found = pool.map(both_ways, [p["job"] for p in pages], chunksize=4)
    return [{**{k: v for k, v in p.items() if k != "job"}, "found": f} for p, f in zip(pages, found)]


def train(rows: list[dict], trees: int, depth: int) -> dict:
    asked = [r["found"] for r in rows if r["found"] is not None]
    x = np.array([f for f, _, _ in asked], float)
    y = np.array([b > a for _, a, b in asked], float)
    weight = np.array([abs(b - a) + 1e-3 for _, a, b in asked])
    return boosted_trees(x, y, weight, trees, depth)


def judged(rows: list[dict], model: Trees | None) -> float:
    """Sum of F1 over the rows' asked pages, choosing readability where the model says so
    (None: trafilatura's text always)."""
    total = 0.0
    for row in rows:
        if row["found"] is None:
            continue
        features, a, b = row["found"]
        total += b if model is not None and model.scores(np.array([features]))[0] > 0 else a
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", type=Path, nargs="+", metavar="HTML GOLD")
    parser.add_argument("--body-only", type=Path, action="append", default=[])
    parser.add_argument("--holdout-every", type=int, default=5)
    parser.add_argument("--trees", type=int, default=200)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--cache", type=Path, help="keep the pages cleaned both ways in this JSON file")
    parser.add_argument("--write", action="store_true", help="train on every family's dev pages and write the model")
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        rows = json.loads(args.cache.read_text())
    else:
        rows = rows_of(args.folders, {p.resolve() for p in args.body_only}, args.holdout_every, args.jobs)
        if args.cache:
            args.cache.write_text(json.dumps(rows))
    families = sorted({r["family"] for r in rows})
    shipped = load_choice()
    print("| family | part | pages | asked | trafilatura only | shipped model | left out (trained on the others) "
          "| oracle |\n|---|---|---:|---:|---:|---:|---:|---:|")
    gains: dict[str, float] = defaultdict(float)
    for family in families:
        own = [r for r in rows if r["family"] == family]
        others = [r for r in rows if r["family"] != family and not r["held_out"]]
        model = Trees.from_data(train(others, args.trees, args.depth))
        for part, held in (("dev", False), ("held-out", True)):
            part_rows = [r for r in own if r["held_out"] == held]
            asked = [r for r in part_rows if r["found"] is not None]
            # Pages never asked score the same whatever the choice: only the asked pages' sums differ.
            n = len(part_rows)
            trafilatura, ship, left = judged(asked, None), judged(asked, shipped), judged(asked, model)
            oracle = sum(max(r["found"][1], r["found"][2]) for r in asked)
            gains[family] += left - ship
            print(f"| {family} | {part} | {n} | {len(asked)} | {trafilatura / max(len(asked), 1):.3f} | "
                  f"{ship / max(len(asked), 1):.3f} | {left / max(len(asked), 1):.3f} | "
                  f"{oracle / max(len(asked), 1):.3f} |")
    print("\n(means over the asked pages; the family's mean over all its pages changes by the difference "
          "times asked / pages)")
    if args.write:
        write_model({"names": list(NAMES), "trained_on": f"dev pages of {', '.join(families)}",
                     "trees": train([r for r in rows if not r["held_out"]], args.trees, args.depth)}, OUT)
        print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
