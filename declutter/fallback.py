"""Fallback stage: a learned line classifier, smoothed over the page as a two-state sequence.

The model (`data/fallback.json`, written by `scripts/train_fallback.py`) is a logistic
regression over `features.NAMES`; its probabilities are the emissions of a two-state HMM
(article / boilerplate) whose Viterbi path decides every block the rules left undecided.
Blocks the rules already decided are clamped, so rules and the model agree on one path.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from operator import mul

from .document import Decision, Document, Reason
from .features import NAMES, feature_rows, own_features, prose_run
from .lexicon import stoplist

CLAMP = 1e-6
REGION_BOILERPLATE_ODDS = 0.5
DROPPED_LEANING = 0.6  # a line a rule dropped leans the page towards boilerplate there, gently


@dataclass(frozen=True)
class Model:
    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    stay_article: float
    stay_boilerplate: float
    prior: float

    def __post_init__(self) -> None:
        # Fold the standardisation into the weights: z = bias' + Σ w'·x.
        folded = tuple(w / s for w, s in zip(self.weights, self.scale))
        object.__setattr__(self, "_folded", folded)
        object.__setattr__(self, "_offset", self.bias - sum(f * m for f, m in zip(folded, self.mean)))

    def probability(self, row: list[float]) -> float:
        z = self._offset + sum(map(mul, self._folded, row))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model, read once per process."""
    data = json.loads(resources.files("declutter").joinpath("data/fallback.json").read_text("utf-8"))
    if tuple(data["names"]) != NAMES:
        raise RuntimeError("data/fallback.json was trained on other features: run scripts/train_fallback.py")
    return Model(names=tuple(data["names"]), mean=tuple(data["mean"]), scale=tuple(data["scale"]),
                 weights=tuple(data["weights"]), bias=data["bias"], stay_article=data["stay_article"],
                 stay_boilerplate=data["stay_boilerplate"], prior=data["prior"])


def viterbi(probabilities: list[float], model: Model) -> list[bool]:
    """Most likely article/boilerplate path given per-block article probabilities."""
    log = math.log
    stay = (log(model.stay_boilerplate), log(model.stay_article))
    move = (log(1 - model.stay_boilerplate), log(1 - model.stay_article))
    prior = (log(1 - model.prior), log(model.prior))
    score = [0.0, 0.0]
    back: list[tuple[int, int]] = []
    for t, p in enumerate(probabilities):
        p = min(max(p, CLAMP), 1 - CLAMP)
        emit = (log(1 - p) - prior[0], log(p) - prior[1])
        if t == 0:
            score = [prior[0] + emit[0], prior[1] + emit[1]]
            back.append((0, 1))
            continue
        pointers = []
        new = []
        for state in (0, 1):
            from_same = score[state] + stay[state]
            from_other = score[1 - state] + move[1 - state]
            best = state if from_same >= from_other else 1 - state
            pointers.append(best)
            new.append(max(from_same, from_other) + emit[state])
        score = new
        back.append((pointers[0], pointers[1]))
    state = 0 if score[0] > score[1] else 1
    path = [False] * len(probabilities)
    for t in range(len(probabilities) - 1, -1, -1):
        path[t] = state == 1
        state = back[t][state]
    return path


def article_probabilities(doc: Document, model: Model | None = None) -> list[float]:
    """The classifier's article probability of every block.

    Blocks the rules already decided get the prior: they say nothing about the region, so a
    "Read more:" line dropped inside the article does not split it in two.
    Inside the article region a site's markers found, the odds of boilerplate are halved.
    """
    model = model or load_model()
    rows = feature_rows(doc.blocks, stoplist(doc.language))
    start, end = doc.region or (0, 0)
    out = []
    for index, (block, row) in enumerate(zip(doc.blocks, rows)):
        if block.decision is not Decision.UNDECIDED:
            out.append(model.prior * (DROPPED_LEANING if block.decision is Decision.DROP else 1.0))
            continue
        p = model.probability(row)
        out.append(1 - (1 - p) * REGION_BOILERPLATE_ODDS if start <= index < end else p)
    return out


def classify(doc: Document) -> None:
    """Decide every undecided block by the smoothed classifier."""
    if not doc.undecided():
        return
    model = load_model()
    probabilities = article_probabilities(doc, model)
    path = viterbi(probabilities, model)
    if not any(path):
        # Never return nothing when there is prose: keep the densest prose run instead.
        start, end = prose_run([own_features(b, stoplist(doc.language)) for b in doc.blocks])
        path = [start <= i < end for i in range(len(path))]
    for block, p, article in zip(doc.blocks, probabilities, path):
        if not block.undecided:
            continue
        detail = f"p(article)={p:.2f}, sequence says {'article' if article else 'boilerplate'}"
        if article:
            block.keep(Reason("fallback", "", detail))
        else:
            block.drop(Reason("fallback", "", detail))
