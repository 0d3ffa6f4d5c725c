"""Remembered answers: a dict with a bound, forgotten all at once when it outgrows it.

Menus and footers repeat across pages, and a page's kept lines are seen again when it settles,
so per-line answers (rule matches, features, word counts) are worth remembering within a
process. A Memo says so in its name; its bound keeps a long batch's memory flat.
"""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V], Generic[K, V]):
    """Answers by key, at most `bound` of them (over that, all are forgotten before more are added)."""

    def __init__(self, bound: int) -> None:
        super().__init__()
        self.bound = bound

    def make_room(self, more: int = 1) -> None:
        """Forget everything if `more` answers would not fit."""
        if len(self) + more > self.bound:
            self.clear()

    def remember(self, key: K, value: V) -> V:
        """Remember one answer and return it."""
        self.make_room()
        self[key] = value
        return value
