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

import numpy as np

from .document import DROP, UNDECIDED, Document, Reason
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

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """The article probability of each row of features."""
        z = self._offset + rows @ np.asarray(self._folded)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


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
    if not len(probabilities):
        return []
    p = np.clip(np.asarray(probabilities, dtype=float), CLAMP, 1 - CLAMP)
    prior = (math.log(1 - model.prior), math.log(model.prior))
    emit_boilerplate = (np.log(1 - p) - prior[0]).tolist()
    emit_article = (np.log(p) - prior[1]).tolist()
    stay_b, stay_a = math.log(model.stay_boilerplate), math.log(model.stay_article)
    move_b, move_a = math.log(1 - model.stay_boilerplate), math.log(1 - model.stay_article)
    score_b, score_a = prior[0] + emit_boilerplate[0], prior[1] + emit_article[0]
    back: list[tuple[bool, bool]] = [(False, True)]  # per step: is the best previous state article?
    for e_b, e_a in zip(emit_boilerplate[1:], emit_article[1:]):
        same, other = score_b + stay_b, score_a + move_a
        from_article_b = other > same
        new_b = (other if from_article_b else same) + e_b
        same, other = score_a + stay_a, score_b + move_b
        from_article_a = same >= other
        score_a = (same if from_article_a else other) + e_a
        score_b = new_b
        back.append((from_article_b, from_article_a))
    article = score_b <= score_a
    path = [False] * len(back)
    for t in range(len(back) - 1, -1, -1):
        path[t] = article
        article = back[t][article]
    return path


def article_probabilities(doc: Document, model: Model | None = None) -> list[float]:
    """The classifier's article probability of every block.

    Blocks the rules already decided get the prior: they say nothing about the region, so a
    "Read more:" line dropped inside the article does not split it in two.
    Inside the article region a site's markers found, the odds of boilerplate are halved.
    """
    model = model or load_model()
    rows = feature_rows(doc.blocks, stoplist(doc.language))
    p = model.probabilities(rows)
    start, end = doc.region or (0, 0)
    if end > start:
        p[start:end] = 1 - (1 - p[start:end]) * REGION_BOILERPLATE_ODDS
    for index, block in enumerate(doc.blocks):
        if block.decision is not UNDECIDED:
            p[index] = model.prior * (DROPPED_LEANING if block.decision is DROP else 1.0)
    return p.tolist()


def classify(doc: Document) -> None:
    """Decide every undecided block by the smoothed classifier."""
    if not doc.undecided():
        return
    model = load_model()
    probabilities = article_probabilities(doc, model)
    path = viterbi(probabilities, model)
    if not any(path):
        # Never return nothing when there is prose: keep the densest prose run instead.
        start, end = prose_run(own_features(doc.blocks, stoplist(doc.language)))
        path = [start <= i < end for i in range(len(path))]
    for block, p, article in zip(doc.blocks, probabilities, path):
        if not block.undecided:
            continue
        if article:
            block.keep(_reason(f"{p:.2f}", True))
        else:
            block.drop(_reason(f"{p:.2f}", False))


@lru_cache(maxsize=256)
def _reason(probability: str, article: bool) -> Reason:
    """The fallback's reason for one decision (a few hundred distinct ones, made once each)."""
    return Reason("fallback", "", f"p(article)={probability}, sequence says {'article' if article else 'boilerplate'}")
