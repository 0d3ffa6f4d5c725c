"""The fallback's model: a logistic regression over `features.NAMES`, averaged with boosted
trees over the same features, whose probabilities are the emissions of a two-state HMM
(article / boilerplate), decoded by Viterbi.

The linear model and the HMM's statistics are learnt from the benchmark of body-only gold, the
trees from all four page families, each benchmark folder weighing the same (bench, bench2,
which holds two families, and the modern pages of bench3: scripts/train_fallback.py);
the trees find what a linear model cannot (a teaser among headlines, a byline's neighbours).
The model is `model/fallback.json`, read at run time with no training dependency.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

from .. import kernels
from ..options import CLAMP
from .features import NAMES


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
    trees: Trees | None = None  # boosted trees averaged with the linear model, where the file has them

    _folded: np.ndarray = field(init=False, repr=False, compare=False)
    _offset: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Fold the standardisation into the weights: z = bias' + Σ w'·x.
        folded = tuple(w / s for w, s in zip(self.weights, self.scale))
        object.__setattr__(self, "_folded", np.asarray(folded))
        object.__setattr__(self, "_offset", self.bias - sum(f * m for f, m in zip(folded, self.mean)))

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """The article probability of each row of features: the linear model's, averaged with the
        boosted trees' where the model has them."""
        linear = _sigmoid(self._offset + rows @ self._folded)
        return linear if self.trees is None else (linear + _sigmoid(self.trees.scores(rows))) / 2


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


@dataclass(frozen=True)
class Trees:
    """Boosted oblivious trees: each level of a tree asks one question of every row (is feature
    k above threshold k?), and the answers, as bits, index the tree's leaves. Each distinct
    question is asked once for all rows, then every tree reads its levels' answers."""

    question_feature: np.ndarray  # per distinct (feature, threshold) question
    question_threshold: np.ndarray  # its threshold, as a column
    asks: np.ndarray  # trees × levels: the question each level asks
    leaf_values: np.ndarray  # all trees' leaves in a row, tree t's from t * 2**levels
    first_leaf: np.ndarray  # trees × 1: where each tree's leaves start
    bias: float

    @classmethod
    def from_data(cls, data: dict) -> Trees:
        """From the model file's per-tree lists (feature, threshold, value: one per level, one per
        leaf) and bias."""
        levels = [tuple(zip(f, t)) for f, t in zip(data["feature"], data["threshold"])]
        questions = sorted({q for tree in levels for q in tree})
        number = {q: i for i, q in enumerate(questions)}
        values = np.asarray(data["value"], float)
        if values.shape[1] > 256:
            raise RuntimeError("model/fallback.json: trees of more than 8 levels are not supported")
        return cls(np.array([f for f, _ in questions], np.intp), np.array([[t] for _, t in questions], float),
                   np.array([[number[q] for q in tree] for tree in levels], np.intp), values.ravel(),
                   (np.arange(len(values)) * values.shape[1])[:, None], float(data["bias"]))

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """The sum of the trees' leaf values for each row, plus the bias."""
        answers = (rows.T[self.question_feature] > self.question_threshold).view(np.uint8)  # questions × rows
        leaf = answers[self.asks[:, 0]]  # trees × rows, as bytes: small enough to stay in cache
        for level in range(1, self.asks.shape[1]):
            leaf |= answers[self.asks[:, level]] << level
        return self.leaf_values[self.first_leaf + leaf].sum(axis=0) + self.bias


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model, read once per process."""
    return model_from_data(json.loads(resources.files("declutter").joinpath("model/fallback.json").read_text("utf-8")))


def model_from_data(data: dict) -> Model:
    """A model as scripts/train_fallback.py writes it (JSON, read)."""
    if tuple(data["names"]) != NAMES:
        raise RuntimeError("model/fallback.json was trained on other features: run scripts/train_fallback.py")
    return Model(names=tuple(data["names"]), mean=tuple(data["mean"]), scale=tuple(data["scale"]),
                 weights=tuple(data["weights"]), bias=data["bias"], stay_article=data["stay_article"],
                 stay_boilerplate=data["stay_boilerplate"], prior=data["prior"],
                 trees=Trees.from_data(data["trees"]) if "trees" in data else None)


def viterbi(probabilities: list[float], model: Model) -> list[bool]:
    """Most likely article/boilerplate path given per-block article probabilities."""
    if not len(probabilities):
        return []
    p = np.clip(np.asarray(probabilities, dtype=float), CLAMP, 1 - CLAMP)
    prior = (math.log(1 - model.prior), math.log(model.prior))
    emit_boilerplate = (np.log(1 - p) - prior[0]).tolist()
    emit_article = (np.log(p) - prior[1]).tolist()
    stay = (math.log(model.stay_boilerplate), math.log(model.stay_article))
    move = (math.log(1 - model.stay_boilerplate), math.log(1 - model.stay_article))
    return kernels.viterbi(emit_boilerplate, emit_article, prior, stay, move)


