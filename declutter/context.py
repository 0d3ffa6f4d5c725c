"""What every stage may read while one input is cleaned: the options, the rule book and the
input's template lines."""

from __future__ import annotations

from dataclasses import dataclass

from .options import Options
from .rules import RuleBook


@dataclass(frozen=True)
class Context:
    options: Options
    book: RuleBook
    template: frozenset[int] = frozenset()  # numbers of this input's lines repeated across its folder
