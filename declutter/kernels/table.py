"""The character table: what each character is (a letter, a digit, upper case …), as bits, so that
a page's characters are classified by look-up instead of a string method per character.

Entries of the Basic Multilingual Plane are filled as pages bring characters (a page has a few
hundred distinct ones); a character past it is classified each time it is met.
"""

from __future__ import annotations

import numpy as np

from ..compiled import compiled

ALPHA, DIGIT, ALNUM, CJK_CHAR, LOWER_CASED, COMMA, SPACE, UPPER, SEPARATING, WORD_CHAR = (1 << b for b in range(10))
# The bits line_counts counts, per line, in this order (its first columns).
COUNTED_BITS = (ALPHA, ALNUM, DIGIT, CJK_CHAR, LOWER_CASED, COMMA, SPACE, SEPARATING)
BMP = 0x10000
COMMAS = ",，、"
SEPARATING_CHARS = "|»›·/•"
CJK = compiled(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}]")
WORD = compiled(r"\w+(?:['’]\w+)*")  # a word, as language detection and the line features count words
_WORD_CHAR = compiled(r"\w")  # a character of a WORD (the WORD_CHAR bit)


def char_bits(char: str) -> int:
    """The bits of one character."""
    return _bits_but_word(char) | (WORD_CHAR if _WORD_CHAR.match(char) else 0)


def chars_bits(chars: list[str]) -> list[int]:
    """The bits of each of the characters (one search for the word characters of them all)."""
    bits = list(map(_bits_but_word, chars))
    for found in _WORD_CHAR.finditer("".join(chars)):
        bits[found.start()] |= WORD_CHAR
    return bits


def _bits_but_word(char: str) -> int:
    return ((ALPHA if char.isalpha() else 0) | (DIGIT if char.isdigit() else 0)
            | (ALNUM if char.isalnum() else 0) | (CJK_CHAR if CJK.match(char) else 0)
            | (LOWER_CASED if char.upper() != char else 0) | (COMMA if char in COMMAS else 0)
            | (SPACE if char == " " else 0) | (UPPER if char.isupper() else 0)
            | (SEPARATING if char in SEPARATING_CHARS else 0))


class CharTable:
    """The bits of the Basic Multilingual Plane's characters, and which of them are known."""

    def __init__(self) -> None:
        self.bits, self.known = np.zeros(BMP, np.uint16), np.zeros(BMP, bool)

    def filled(self, codes: np.ndarray) -> np.ndarray:
        """The table, its entries for codes (BMP code points) filled first."""
        # A set, not np.unique: that imports numpy.ma, a tenth of a one-file run's imports.
        fresh = np.fromiter(set(codes[~self.known[codes]].tolist()), np.int64)
        if len(fresh):
            self.bits[fresh] = chars_bits(list(map(chr, fresh.tolist())))
            self.known[fresh] = True  # after the bits: another thread reading a known entry finds them
        return self.bits

    def bits_of(self, code: int) -> int:
        """One character's bits, its entry filled first where it is in the plane and not yet known."""
        if code >= BMP:
            return char_bits(chr(code))
        if not self.known[code]:
            self.bits[code] = char_bits(chr(code))
            self.known[code] = True
        return int(self.bits[code])

    def of_text(self, text: str) -> np.ndarray:
        """The bits of every character of text."""
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
        clipped = np.minimum(codes, BMP - 1)
        bits = self.filled(clipped)[clipped]
        for index in np.flatnonzero(codes >= BMP):  # emoji and rare scripts: look them up one by one
            bits[index] = char_bits(chr(codes[index]))
        return bits


CHARS = CharTable()  # one per process, shared by every page
