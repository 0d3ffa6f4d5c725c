"""Train the fallback's line classifier and write declutter/model/fallback.json.

    python scripts/train_fallback.py ../shared/bench/clip ../shared/bench/gold \
        ../shared/bench2/clip ../shared/bench2/gold

Each dev page is seen as a whole-page text clipping, an article selection, the bare article,
and (with html2text, when the page's HTML is in ../html) a whole-page Markdown clipping.
Lines of each clipping are labelled article or boilerplate by aligning them with the gold
text (a line is article when most of its word trigrams, or for short lines the whole line,
occur in the gold). Every --holdout-every-th page of each dataset is held out and never trained
on: the same pages `declutter eval --holdout-every` reports apart. Needs numpy and html2text
(the `train` extra); the written model does not.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from declutter.language import stoplist
from declutter.model.features import NAMES, feature_rows
from declutter.options import Options
from declutter.pipeline import before_fallback
from declutter.stages.read import is_markup
from declutter.tools.evaluate import ranks_of, read_gold, tokens

OUT = Path(__file__).resolve().parent.parent / "declutter" / "model" / "fallback.json"


def label_lines(texts: list[str], gold: str) -> list[int]:
    gold_tokens = tokens(gold)
    trigrams = {tuple(gold_tokens[i:i + 3]) for i in range(len(gold_tokens) - 2)}
    gold_lines = {tuple(tokens(line)) for line in gold.splitlines() if line.strip()}
    labels = []
    for text in texts:
        words = tokens(text)
        if len(words) < 4:
            labels.append(int(bool(words) and tuple(words) in gold_lines))
        else:
            grams = [tuple(words[i:i + 3]) for i in range(len(words) - 2)]
            labels.append(int(sum(g in trigrams for g in grams) / len(grams) >= 0.5))
    return labels


def views(clip: str, gold: str) -> list[str]:
    """The whole page, as a selection of the article with a little around it, and the bare article.

    Users clip whole pages, the article with some chrome, or just the article: train on all three.
    """
    lines = clip.splitlines()
    labels = label_lines(lines, gold)
    article = [i for i, label in enumerate(labels) if label]
    out = [clip, gold]
    if article:
        out.append("\n".join(lines[max(0, article[0] - 12):article[-1] + 12]))
    return out


def markdown_view(clip: Path) -> str | None:
    """The page as a Markdown clipper saves it (menus as link lists), when its HTML is beside clip/."""
    page = clip.parent.parent / "html" / f"{clip.stem}.html"
    if not page.exists():
        return None
    import html2text

    from declutter.stages.read import decode

    converter = html2text.HTML2Text()
    converter.body_width = 0
    return converter.handle(decode(page.read_bytes()))


def collect(clips: Path, golds: Path, every: int, options: Options, fold: int = -1):
    rows, labels, sequences = [], [], []
    paths = sorted(clips.glob("*.txt"))
    for clip, rank in zip(paths, ranks_of([p.stem for p in paths], clips)):
        if rank % every in (0, fold) or not (golds / clip.name).is_file():
            continue  # held out, or in the fold left out to choose the model's settings
        gold = read_gold(golds / clip.name)
        documents = [(view, "text") for view in views(clip.read_text(encoding="utf-8"), gold)]
        markdown = markdown_view(clip)
        if markdown:
            documents.append((markdown, "markdown"))
        for view, kind in documents:
            if not view.strip() or (kind == "text" and is_markup(view)):
                continue  # cleaning never gets here with it: an empty input, or a page's source
            doc = before_fallback(view, kind=kind, options=options)
            all_labels = label_lines([b.text for b in doc.blocks], gold)
            sequences.append(all_labels)
            for block, row, label in zip(doc.blocks, feature_rows(doc.blocks, stoplist(doc.language)), all_labels):
                if block.undecided:
                    rows.append(row)
                    labels.append(label)
    return np.array(rows, dtype=float), np.array(labels, dtype=float), sequences


def logistic_regression(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 50) -> tuple[np.ndarray, float]:
    """Newton's method on the L2-penalised log loss."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.full(xb.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(xb @ w, -30, 30)))
        gradient = xb.T @ (p - y) + penalty * w
        hessian = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w[:-1], float(w[-1])


def boosted_trees(x: np.ndarray, y: np.ndarray, weight: np.ndarray, trees: int, depth: int) -> dict[str, list]:
    """Gradient-boosted oblivious trees (CatBoost, at training time only: every node of a tree's
    level asks the same question), for the model file: per tree its features and thresholds, one
    per level, and its 2**depth leaf values; a row's leaf sets bit k where it is above level k's
    threshold."""
    import catboost

    model = catboost.CatBoostClassifier(iterations=trees, depth=depth, learning_rate=0.1, random_seed=1,
                                        thread_count=2, verbose=0, allow_writing_files=False)
    model.fit(x, y, sample_weight=weight)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "trees.json"
        model.save_model(str(path), format="json")
        dump = json.loads(path.read_text(encoding="utf-8"))
    scale, bias = dump["scale_and_bias"]
    found = dump["oblivious_trees"]
    return {"feature": [[split["float_feature_index"] for split in tree["splits"]] for tree in found],
            "threshold": [[round(split["border"], 6) for split in tree["splits"]] for tree in found],
            "value": [[round(scale * value, 6) for value in tree["leaf_values"]] for tree in found],
            "bias": round(float(bias[0]), 6)}


def write_model(model: dict, path: Path) -> None:
    """The model as JSON, one tree's numbers to a line: a small file that diffs by tree."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({k: v for k, v in model.items() if k != "trees"}, indent=1)
    if "trees" in model:
        trees = ",\n".join(f'  "{k}": ' + (json.dumps(v) if not isinstance(v, list) else
                                            "[\n" + ",\n".join("   " + json.dumps(row) for row in v) + "\n  ]")
                            for k, v in model["trees"].items())
        text = text[:-2] + ',\n "trees": {\n' + trees + "\n }\n}"
    path.write_text(text + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", type=Path, nargs="+", metavar="CLIPS GOLD",
                        help="pairs of folders: whole-page text clippings and their gold texts")
    parser.add_argument("--holdout-every", type=int, default=5)
    parser.add_argument("--fold", type=int, default=-1,
                        help="also leave out the dev pages whose rank in their dataset is this modulo "
                             "--holdout-every (1 to N-1), to choose settings on them")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--linear-pairs", type=int, default=1,
                        help="the linear model and the sequence's statistics learn from the first N pairs")
    parser.add_argument("--trees", type=int, default=200, help="boosted trees, learnt from every pair (0: none)")
    parser.add_argument("--depth", type=int, default=5, help="levels of each tree")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    if len(args.folders) % 2:
        parser.error("give folders in pairs: CLIPS GOLD [CLIPS GOLD ...]")
    parts = [collect(clips, gold, args.holdout_every, Options(site_rules=False), args.fold)
             for clips, gold in zip(args.folders[::2], args.folders[1::2])]
    linear = parts[:max(1, args.linear_pairs)]
    x = np.vstack([part[0] for part in linear])
    y = np.concatenate([part[1] for part in linear])
    sequences = [seq for part in linear for seq in part[2]]
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    weights, bias = logistic_regression((x - mean) / scale, y, args.l2)
    pairs = [(a, b) for seq in sequences for a, b in zip(seq, seq[1:])]
    stay_article = sum(1 for a, b in pairs if a and b) / max(1, sum(1 for a, _ in pairs if a))
    stay_boiler = sum(1 for a, b in pairs if not a and not b) / max(1, sum(1 for a, _ in pairs if not a))
    model = {"names": list(NAMES), "mean": mean.round(6).tolist(), "scale": scale.round(6).tolist(),
             "weights": weights.round(6).tolist(), "bias": round(bias, 6), "prior": round(float(y.mean()), 6),
             "stay_article": round(stay_article, 6), "stay_boilerplate": round(stay_boiler, 6),
             "trained_on": f"linear: {len(sequences)} pages, {len(y)} lines"}
    if args.trees:
        x_all = np.vstack([part[0] for part in parts])
        y_all = np.concatenate([part[1] for part in parts])
        # Each CLIPS GOLD pair (a benchmark, whatever datasets it holds) weighs the same for the trees.
        weight = np.concatenate([np.full(len(part[1]), len(y_all) / len(parts) / len(part[1])) for part in parts])
        model["trees"] = boosted_trees(x_all, y_all, weight, args.trees, args.depth)
        model["trained_on"] += f"; trees: {sum(len(part[2]) for part in parts)} pages, {len(y_all)} lines"
    write_model(model, args.output)
    print(f"trained on {model['trained_on']}; wrote {args.output}", file=sys.stderr)
    for name, weight in sorted(zip(NAMES, weights), key=lambda t: -abs(t[1]))[:12]:
        print(f"  {weight:+.3f} {name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
