"""Errors a user can act on: each renders as one line naming the file (and line)."""

from __future__ import annotations


class DeclutterError(Exception):
    """Base class of every error declutter raises on purpose."""


class InputError(DeclutterError):
    """An input that cannot be cleaned: empty, binary, undecodable, unreadable."""


class RuleError(DeclutterError):
    """A malformed rule file: names the file and the line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line


class InternalError(DeclutterError):
    """A bug in declutter met on one input: reported with the input's name, the batch goes on
    (the original exception is its __cause__)."""
