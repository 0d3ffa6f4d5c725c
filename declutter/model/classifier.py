"""The fallback's model: a logistic regression over `features.NAMES`, averaged with boosted
trees over the same features, whose probabilities are the emissions of a two-state HMM
(article / boilerplate), decoded by Viterbi.

The linear model and the HMM's statistics are learnt from the benchmark of body-only gold, the
trees from all three page families with each weighing the same (scripts/train_fallback.py);
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

    _folded: np.ndarray = field(init=False, repr=False, compare=False)
    _offset: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Fold the standardisation into the weights: z = bias' + Σ w'·x.
        folded = tuple(w / s for w, s in zip(self.weights, self.scale))
        object.__setattr__(self, "_folded", np.asarray(folded))
        object.__setattr__(self, "_offset", self.bias - sum(f * m for f, m in zip(folded, self.mean)))

    trees: Trees | None = None

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """The article probability of each row of features: the linear model's, averaged with the
        boosted trees' where the model has them."""
        linear = _sigmoid(self._offset + rows @ self._folded)
        return linear if self.trees is None else (linear + _sigmoid(self.trees.scores(rows))) / 2


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


@dataclass(frozen=True)
class Trees:
    """Boosted trees, laid out for walking all of them at once, level by level: a node's two
    children are adjacent (the right one after the left), and a leaf is its own child with an
    infinite threshold, so that a row that reached a leaf stays there."""

    feature: np.ndarray
    threshold: np.ndarray
    child: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    depth: int

    @classmethod
    def from_data(cls, data: dict) -> Trees:
        """From the model file's nodes (feature, threshold, left, right, value; roots; depth)."""
        old_feature, old_left, old_right = data["feature"], data["left"], data["right"]
        order: list[int] = []
        roots = []
        for root in data["roots"]:
            roots.append(len(order))
            order.append(root)
            at = len(order) - 1
            while at < len(order):  # breadth first: children appended in pairs
                node = order[at]
                if old_feature[node] >= 0:
                    order.extend((old_left[node], old_right[node]))
                at += 1
        new = {old: i for i, old in enumerate(order)}
        feature = np.array([max(old_feature[o], 0) for o in order], np.intp)
        threshold = np.array([data["threshold"][o] if old_feature[o] >= 0 else np.inf for o in order])
        child = np.array([new[old_left[o]] if old_feature[o] >= 0 else i for i, o in enumerate(order)], np.intp)
        value = np.array([data["value"][o] for o in order])
        return cls(feature, threshold, child, value, np.array(roots, np.intp), int(data["depth"][0]))

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """The sum of the trees' leaf values for each row."""
        n = len(rows)
        flat = np.ascontiguousarray(rows, dtype=float).ravel()
        offsets = np.arange(n) * (rows.shape[1] if n else 0)
        node = np.repeat(self.roots[:, None], n, axis=1)  # trees × rows
        for _ in range(self.depth):
            right = flat.take(offsets + self.feature.take(node)) > self.threshold.take(node)
            node = self.child.take(node) + right
        return self.value.take(node).sum(axis=0)


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model, read once per process."""
    data = json.loads(resources.files("declutter").joinpath("model/fallback.json").read_text("utf-8"))
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


