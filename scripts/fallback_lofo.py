"""Leave one page family out, for the fallback's line model: each family's clippings cleaned by a
model trained without any page of that family, beside the held-out fifth the shipped model
never saw.

    python scripts/fallback_lofo.py ../shared/bench ../shared/bench2 ../shared/bench3 \
        --body-only ../shared/bench --body-only ../shared/bench3 --models /tmp/lofo

A family is a benchmark folder, or each dataset of one whose manifest names a few (Dragnet and
L3S-GN1 in bench2). For each family, scripts/train_fallback.py trains a model on the other
families' dev pages (every --holdout-every-th page of each held out, as always) into
MODELS/<family>.json, unless that file is there already (--train: always); then every page of
the family is cleaned with it as `declutter eval` cleans it (the template lines of its folder;
--body-only folders without the headline, their gold having none) and scored. Prints, per
family, the mean token F1 over all its pages and over its held-out fifth, and the articles lost
(token recall under 0.5). Needs the `train` extra.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import declutter.stages.fallback as fallback
from declutter.model.classifier import model_from_data
from declutter.options import Options
from declutter.pipeline import clean_input
from declutter.stages.template import template_lines
from declutter.tools.evaluate import LOST_RECALL, read_gold, token_score

MAX_FAMILIES = 3  # a folder whose manifest names a few datasets holds that many families
TRAIN = Path(__file__).resolve().parent / "train_fallback.py"


def families_of(benches: list[Path]) -> dict[str, tuple[Path, list[str]]]:
    """Family name → (its benchmark folder, its page ids in sorted order)."""
    found: dict[str, tuple[Path, list[str]]] = {}
    for bench in benches:
        with open(bench / "manifest.tsv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        names = {row.get("dataset") or bench.name for row in rows}
        for row in rows:
            name = row.get("dataset") if len(names) <= MAX_FAMILIES and row.get("dataset") else bench.name
            found.setdefault(name, (bench, []))[1].append(row["id"])
    return {name: (bench, sorted(ids)) for name, (bench, ids) in found.items()}


def family_folder(root: Path, name: str, bench: Path, ids: list[str]) -> Path:
    """A folder of the family's pages alone (links to clip/, gold/ and html/ files, and its manifest)."""
    folder = root / name
    for part, suffix in (("clip", ".txt"), ("gold", ".txt"), ("html", ".html")):
        (folder / part).mkdir(parents=True, exist_ok=True)
        for page in ids:
            source = bench / part / f"{page}{suffix}"
            if source.exists():
                (folder / part / source.name).symlink_to(source.resolve())
    (folder / "manifest.tsv").write_text("id\tdataset\n" + "".join(f"{page}\t{name}\n" for page in ids), "utf-8")
    return folder


def train(models: Path, families: dict[str, tuple[Path, list[str]]], every: int, always: bool) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folders = {name: family_folder(Path(scratch), name, bench, ids) for name, (bench, ids) in families.items()}
        for name in families:
            out = models / f"{name}.json"
            if out.exists() and not always:
                continue
            pairs = [str(folders[other] / part) for other in families if other != name for part in ("clip", "gold")]
            print(f"training without {name} …", file=sys.stderr)
            subprocess.run([sys.executable, str(TRAIN), *pairs, "--holdout-every", str(every), "-o", str(out)],
                           check=True, stdout=subprocess.DEVNULL)


def score(models: Path, families: dict[str, tuple[Path, list[str]]], body_only: set[Path], every: int) -> None:
    templates: dict[Path, dict] = {}
    print(f"{'family (left out)':20} {'pages':>5} {'tok F1':>7} {'held-out F1':>11} {'lost':>5}")
    for name, (bench, ids) in families.items():
        model = model_from_data(json.loads((models / f"{name}.json").read_text("utf-8")))
        fallback.load_model = lambda model=model: model  # type: ignore[assignment]  # the stage asks for its model
        clips = sorted((bench / "clip").glob("*.txt"))
        if bench not in templates:
            templates[bench] = template_lines(clips)
        options = Options(title=bench.resolve() not in body_only)
        f1, held, lost = [], [], 0
        for rank, page in enumerate(ids, 1):
            path = bench / "clip" / f"{page}.txt"
            if not path.exists() or not (bench / "gold" / path.name).exists():
                continue
            cleaned = clean_input(path.read_bytes(), path=str(path), options=options,
                                  template_lines=templates[bench].get(path, frozenset()))
            result = token_score("" if cleaned.doc is None else cleaned.doc.text, read_gold(bench / "gold" / path.name))
            f1.append(result.f1)
            if rank % every == 0:
                held.append(result.f1)
            lost += result.recall < LOST_RECALL
        print(f"{name:20} {len(f1):5} {sum(f1) / len(f1):7.4f} {sum(held) / max(1, len(held)):11.4f} {lost:5}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("benches", type=Path, nargs="+", help="benchmark folders (clip/, gold/, manifest.tsv)")
    parser.add_argument("--models", type=Path, required=True, help="folder of the left-out models (kept between runs)")
    parser.add_argument("--body-only", type=Path, action="append", default=[],
                        help="a benchmark whose gold has no headline (cleaned without it)")
    parser.add_argument("--holdout-every", type=int, default=5)
    parser.add_argument("--train", action="store_true", help="train every model again, even where one is there")
    args = parser.parse_args()
    families = families_of(args.benches)
    args.models.mkdir(parents=True, exist_ok=True)
    train(args.models, families, args.holdout_every, args.train)
    score(args.models, families, {p.resolve() for p in args.body_only}, args.holdout_every)
    return 0


if __name__ == "__main__":
    sys.exit(main())
