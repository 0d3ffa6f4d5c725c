"""Train the HTML extract stage's choice between trafilatura's and readability's text and write
declutter/model/choice.json.

    python scripts/train_choice.py ../shared/bench/html ../shared/bench/gold \
        ../shared/bench2/html ../shared/bench2/gold --body-only ../shared/bench/html

Each dev page is cleaned twice, once with each extractor's text (the same stages after it), and
scored against its gold: the trees learn which of the two scores better, each page weighing
what choosing wrong would cost it (the gap between the two F1s). Pages whose gold is the body
alone (--body-only) are cleaned without the headline, as `eval --no-title` does. Every
--holdout-every-th page of each dataset is held out and never trained on, as in
train_fallback.py; --fold also leaves out the dev pages of that rank modulo --holdout-every and
reports the choice's F1 on them (at three thresholds), to choose settings.
Needs catboost (the `train` extra); the written model does not.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_fallback import boosted_trees, write_model  # noqa: E402

from declutter.model.choice import NAMES, features  # noqa: E402
from declutter.options import Options  # noqa: E402
from declutter.pipeline import clean_input  # noqa: E402
from declutter.stages import extract  # noqa: E402
from declutter.tools.evaluate import datasets, ranks_of, read_gold, token_score  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "declutter" / "model" / "choice.json"


def both_ways(job: tuple[Path, Path, bool]) -> tuple[list[float], float, float] | None:
    """A page's choice features and the F1 of its cleaned text with trafilatura's and with
    readability's extraction; None where readability found nothing (there is no choice)."""
    page, gold_path, title = job
    gold, data = read_gold(gold_path), page.read_bytes()
    asked: list[list[float]] = []
    scores = []
    for readability in (False, True):
        def choose(precise: str, other: str, paragraphs: int, answer: bool = readability) -> bool:
            asked.append(features(precise, other, paragraphs))
            return answer
        extract.prefers_readability = choose  # this process only: a page is cleaned both ways
        cleaned = clean_input(data, kind="html", options=Options(title=title, timeout=None))
        scores.append(token_score(cleaned.doc.text if cleaned.doc else "", gold).f1)
    return (asked[0], scores[0], scores[1]) if asked else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", type=Path, nargs="+", metavar="HTML GOLD",
                        help="pairs of folders: HTML pages and their gold texts")
    parser.add_argument("--holdout-every", type=int, default=5)
    parser.add_argument("--fold", type=int, default=-1)
    parser.add_argument("--body-only", type=Path, action="append", default=[],
                        help="an HTML folder whose gold has no headline (repeatable)")
    parser.add_argument("--trees", type=int, default=200)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    if len(args.folders) % 2:
        parser.error("give folders in pairs: HTML GOLD [HTML GOLD ...]")
    jobs, names, tuning = [], [], []
    for pages, golds in zip(args.folders[::2], args.folders[1::2]):
        paths = [p for p in sorted(pages.glob("*.html")) if (golds / f"{p.stem}.txt").is_file()]
        stems = [p.stem for p in paths]
        title = pages.resolve() not in {p.resolve() for p in args.body_only}
        for path, rank, name in zip(paths, ranks_of(stems, pages), datasets(stems, pages)):
            if rank % args.holdout_every == 0:
                continue
            jobs.append((path, golds / f"{path.stem}.txt", title))
            names.append(name)
            tuning.append(rank % args.holdout_every == args.fold)
    with Pool(args.jobs) as pool:
        found = pool.map(both_ways, jobs, chunksize=4)
    train = [row for row, tune in zip(found, tuning) if row is not None and not tune]
    x = np.array([row for row, _, _ in train], float)
    y = np.array([b > a for _, a, b in train], float)
    weight = np.array([abs(b - a) + 1e-3 for _, a, b in train])
    trees = boosted_trees(x, y, weight, args.trees, args.depth)
    if args.fold >= 0:
        from declutter.model.classifier import Trees

        model = Trees.from_data(trees)
        margins = (0.0, 0.4, 0.85)  # the logits of 0.5, 0.6 and 0.7
        totals: dict[str, list[float]] = defaultdict(lambda: [0.0] * (len(margins) + 3))
        for row, name, tune in zip(found, names, tuning):
            if not tune or row is None:
                continue
            features_, a, b = row
            score = model.scores(np.array([features_]))[0]
            for i, value in enumerate((a, *(b if score > m else a for m in margins), max(a, b), 1.0)):
                totals[name][i] += value
        for name, (a, *chosen, best, n) in totals.items():
            print(f"{name:10s} pages {n:.0f}  trafilatura {a / n:.3f}  chosen (p > 0.5, 0.6, 0.7) "
                  + " ".join(f"{c / n:.3f}" for c in chosen) + f"  best {best / n:.3f}")
        return 0
    write_model({"names": list(NAMES), "trained_on": f"{len(train)} pages", "trees": trees}, args.output)
    print(f"trained on {len(train)} pages ({int(y.sum())} where readability's text is better); "
          f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
