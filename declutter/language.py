"""Language detection over jusText's stoplists, and the stoplists themselves (for the features)."""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from . import kernels
from .cache import read_cached, write_cached
from .kernels.table import WORD
from .memo import Memo
from .options import (
    DETECT_CHARS,
    EAST_ASIAN_KANA_SHARE,
    EAST_ASIAN_SHARE,
    ENGLISH_SHORTCUT,
    MIN_WORDS_TO_DETECT,
    SCRIPT_CHARS,
)

# Every stoplist's language code: ISO 639-1 where the language has one, else ISO 639-3.
ISO_CODES = {"English": "en", "German": "de", "French": "fr", "Spanish": "es", "Italian": "it",
             "Portuguese": "pt", "Dutch": "nl", "Russian": "ru", "Polish": "pl", "Czech": "cs",
             "Swedish": "sv", "Danish": "da", "Norwegian_Bokmal": "nb", "Finnish": "fi",
             "Turkish": "tr", "Hungarian": "hu", "Romanian": "ro", "Greek": "el", "Ukrainian": "uk",
             "Catalan": "ca", "Indonesian": "id", "Vietnamese": "vi", "Arabic": "ar",
             "Afrikaans": "af", "Albanian": "sq", "Aragonese": "an", "Armenian": "hy", "Aromanian": "rup",
             "Asturian": "ast", "Azerbaijani": "az", "Basque": "eu", "Belarusian": "be",
             "Belarusian_Taraskievica": "be-tarask", "Bengali": "bn", "Bishnupriya_Manipuri": "bpy",
             "Bosnian": "bs", "Breton": "br", "Bulgarian": "bg", "Cebuano": "ceb", "Chuvash": "cv",
             "Croatian": "hr", "Esperanto": "eo", "Estonian": "et", "Galician": "gl", "Georgian": "ka",
             "Gujarati": "gu", "Haitian": "ht", "Hebrew": "he", "Hindi": "hi", "Icelandic": "is", "Ido": "io",
             "Igbo": "ig", "Irish": "ga", "Javanese": "jv", "Kannada": "kn", "Kazakh": "kk", "Korean": "ko",
             "Kurdish": "ku", "Kyrgyz": "ky", "Latin": "la", "Latvian": "lv", "Lithuanian": "lt",
             "Lombard": "lmo", "Low_Saxon": "nds", "Luxembourgish": "lb", "Macedonian": "mk", "Malay": "ms",
             "Malayalam": "ml", "Maltese": "mt", "Marathi": "mr", "Neapolitan": "nap", "Nepali": "ne",
             "Newar": "new", "Norwegian_Nynorsk": "nn", "Occitan": "oc", "Persian": "fa", "Piedmontese": "pms",
             "Quechua": "qu", "Samogitian": "sgs", "Serbian": "sr", "Serbo_Croatian": "sh", "Sicilian": "scn",
             "Simple_English": "en-simple", "Slovak": "sk", "Slovenian": "sl", "Sundanese": "su",
             "Swahili": "sw", "Tagalog": "tl", "Tamil": "ta", "Telugu": "te", "Turkmen": "tk", "Urdu": "ur",
             "Uzbek": "uz", "Volapuk": "vo", "Walloon": "wa", "Waray_Waray": "war", "Welsh": "cy",
             "West_Frisian": "fy", "Western_Panjabi": "pnb", "Yoruba": "yo"}
_NAMES = {code: name for name, code in ISO_CODES.items()}
# Scripts, scanned with the standard library's engine: a character class is five times faster there.
_HAN_RANGES, _KANA_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff", "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HANGUL_RANGES = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
_HAN, _KANA, _HANGUL = (re.compile(f"[{ranges}]") for ranges in (_HAN_RANGES, _KANA_RANGES, _HANGUL_RANGES))
_EAST_ASIAN = re.compile(f"[{_HAN_RANGES}{_KANA_RANGES}{_HANGUL_RANGES}]")
_LETTER = re.compile(r"[^\W\d_]")
MAX_REMEMBERED = 100_000  # distinct lines whose word counts are kept
_LINE_COUNTS: Memo[str, tuple[int, int]] = Memo(MAX_REMEMBERED)  # line text → (words, English stopwords)
# The last page not plainly English: its opening lines' words, lower-cased (its settle pass asks
# about its kept lines next). One page's worth, replaced whole.
_LAST_WORDS: list[dict[str, tuple[str, ...]]] = [{}]
INDEX_FORMAT = 2  # of the stoplist index's cache file
INDEX_BUCKETS = 16384  # the index's words are read a bucket (about 10 words) at a time


@lru_cache(maxsize=1)
def _stoplist_folder() -> Path:
    """jusText's stoplists folder, found without importing jusText (its imports cost a one-file
    run a tenth of its start-up, and only its data files are needed)."""
    spec = find_spec("justext")
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        raise OSError("jusText's stoplists are not installed")
    return Path(locations[0]) / "stoplists"


def stoplist_names() -> list[str]:
    """The names of jusText's stoplists ("English", "Norwegian_Bokmal", ...), sorted."""
    return sorted(path.stem for path in _stoplist_folder().glob("*.txt"))


def _stoplist_words(name: str) -> frozenset[str]:
    """One of jusText's stoplists, read as jusText reads it (its lines, lower-cased)."""
    if not name.replace("_", "").isalpha():
        raise ValueError(f"no stoplist is named {name!r}")
    lines = (_stoplist_folder() / f"{name}.txt").read_bytes().splitlines()
    return frozenset(line.decode("utf8").lower() for line in lines)


class StopwordIndex:
    """word → the languages whose jusText stoplist holds it, in name order.

    Held as the bytes of its cache file, a line per bucket of words (by a stable hash), and
    read a bucket at a time as words are asked for: a page asks about a few hundred words,
    not the 150,000 the lists hold, so a one-file run does not build them all. The answers are
    remembered by word (up to MAX_REMEMBERED words): pages share most of their words.
    """

    __slots__ = ("_groups", "_lines", "_buckets", "answers")

    def __init__(self, groups: list[tuple[str, ...]], lines: list[bytes]) -> None:
        self._groups, self._lines = groups, lines
        self._buckets: list[dict[str, tuple[str, ...]] | None] = [None] * INDEX_BUCKETS
        self.answers: dict[str, tuple[str, ...]] = {}  # every word asked about (read by the kernels)

    @classmethod
    def from_text(cls, text: bytes) -> StopwordIndex | None:
        """The index from its cache file's bytes (index_text's, encoded), or None when they
        are not such bytes."""
        lines = text.split(b"\n")
        if len(lines) != INDEX_BUCKETS + 2 or lines[-1] or not lines[0]:
            return None
        try:
            groups = [tuple(group.split(" ")) for group in lines[0].decode("utf-8").split("\t")]
        except UnicodeDecodeError:
            return None
        return cls(groups, lines[1:-1])

    def get(self, word: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        found = self.answers.get(word)
        if found is None:
            key = _bucket(word)
            bucket = self._buckets[key]
            if bucket is None:
                bucket = self._buckets[key] = self._read(key)
            found = bucket.get(word, ())
            if len(self.answers) < MAX_REMEMBERED:
                self.answers[word] = found
        return found or default

    def _read(self, key: int) -> dict[str, tuple[str, ...]]:
        """One bucket's words ("word group word group …"); a damaged one (a cache file is a hint,
        never a source of truth) is taken from the stoplists themselves."""
        try:
            fields = self._lines[key].decode("utf-8").split(" ") if self._lines[key] else []
            if len(fields) % 2 == 0:
                return dict(zip(fields[::2], [self._groups[int(group)] for group in fields[1::2]]))
        except (ValueError, IndexError):  # (UnicodeDecodeError is a ValueError)
            pass
        return _built_buckets()[key]


def _bucket(word: str) -> int:
    """A word's bucket in the index: a hash that is the same in every process."""
    return zlib.crc32(word.encode("utf-8", "surrogatepass")) % INDEX_BUCKETS


@lru_cache(maxsize=1)
def stopword_index() -> StopwordIndex:
    """The stoplists' index, once per process: its cache file, read a bucket at a time, else
    built from the stoplists and cached."""
    name = f"stopwords-{_stoplists_version()}.txt"
    index = StopwordIndex.from_text(read_cached(name) or b"")
    if index is None:
        text = index_text(_built_index())
        write_cached(name, text)
        index = StopwordIndex.from_text(text.encode("utf-8"))
        assert index is not None
    return index


@lru_cache(maxsize=1)
def _built_index() -> dict[str, tuple[str, ...]]:
    """word → languages, built a stoplist at a time (most words are in one list only)."""
    index: dict[str, tuple[str, ...]] = {}
    for name in stoplist_names():
        words = _stoplist_words(name)
        shared = index.keys() & words
        index.update(dict.fromkeys(words - shared, (name,)))
        for word in shared:
            index[word] += (name,)
    return index


@lru_cache(maxsize=1)
def _built_buckets() -> list[dict[str, tuple[str, ...]]]:
    """The index built from the stoplists, by bucket: a damaged cache file's buckets are taken
    from it (built once, not a pass over every word for each damaged bucket)."""
    buckets: list[dict[str, tuple[str, ...]]] = [{} for _ in range(INDEX_BUCKETS)]
    for word, names in _built_index().items():
        buckets[_bucket(word)][word] = names
    return buckets


def _stoplists_version() -> str:
    """A digest of what the index depends on: the stoplist files (names, sizes, times) and the
    cache's format (its buckets too)."""
    files = sorted(_stoplist_folder().glob("*.txt"))
    listing = "\n".join(f"{p.name} {s.st_size} {s.st_mtime_ns}" for p in files for s in [p.stat()])
    return hashlib.sha256(f"{INDEX_FORMAT} {INDEX_BUCKETS}\n{listing}".encode()).hexdigest()[:16]


def index_text(index: dict[str, tuple[str, ...]]) -> str:
    """The index as its cache text: a line of its sets of languages ("English German<TAB>…"),
    then a line per bucket, "word group word group …" (a group: a set's place in that line)."""
    groups = {names: number for number, names in enumerate(dict.fromkeys(index.values()))}
    buckets: list[list[str]] = [[] for _ in range(INDEX_BUCKETS)]
    for word, names in index.items():
        if word:  # (a blank line in a stoplist is no word)
            buckets[_bucket(word)] += (word, str(groups[names]))
    head = "\t".join(" ".join(names) for names in groups)
    return head + "\n" + "".join(" ".join(bucket) + "\n" for bucket in buckets)


@lru_cache(maxsize=64)
def stoplist(language: str | None) -> frozenset[str]:
    """jusText's stoplist for an ISO code or stoplist name; English when unknown."""
    name = _NAMES.get(language or "", language or "English")
    try:
        return _stoplist_words(name)
    except (ValueError, OSError):
        return _stoplist_words("English")


def east_asian_language(text: str) -> str | None:
    """Japanese, Korean or Chinese, told by their scripts where they write most of a text's
    letters (their words stand unspaced, so no stoplist counts them): kana is Japanese, hangul
    Korean, Chinese characters alone Chinese."""
    if not _EAST_ASIAN.search(text):
        return None  # most pages: one scan that finds nothing
    han, kana, hangul = (len(script.findall(text)) for script in (_HAN, _KANA, _HANGUL))
    if han + kana + hangul < EAST_ASIAN_SHARE * len(_LETTER.findall(text)):
        return None
    if hangul >= han + kana:
        return "ko"
    return "ja" if kana >= EAST_ASIAN_KANA_SHARE * (han + kana) else "zh"


def _borrowed(name: str, counted: Counter, index: StopwordIndex) -> int:
    """How many of the counted words a stoplist shares with English's."""
    if name == "English":
        return 0
    english = stoplist("en")
    return sum(count for word, count in counted.items() if word in english and name in index.get(word, ()))


def detect_language(text: str) -> str | None:
    """The language whose stoplist covers most of the words, or whose script writes most of the
    letters (east_asian_language): its ISO code (ISO_CODES)."""
    return language_of(text[:DETECT_CHARS].split("\n"))


def _words(line: str) -> tuple[str, ...]:
    """A line's words, lower-cased."""
    return tuple(map(str.lower, WORD.findall(line)))


def language_of(lines: Iterable[str]) -> str | None:
    """detect_language over the first DETECT_CHARS characters of lines joined by newlines.

    Words never span lines, so each line's word and English-stopword counts are remembered
    per text: a page's kept lines, detected again when it settles, cost a look-up each.
    """
    counts = _LINE_COUNTS
    counts.make_room(0)
    found_words: dict[str, tuple[str, ...]] = {}  # the lines whose words the count found, if any
    opening, total, english = kernels.opening_counts(lines, DETECT_CHARS, counts, stoplist("en"), found_words)
    if total >= MIN_WORDS_TO_DETECT and english >= ENGLISH_SHORTCUT * total:
        return "en"  # most of the web: no need to weigh a hundred stoplists
    script = east_asian_language("\n".join(opening)[:SCRIPT_CHARS])
    if script is not None or total < MIN_WORDS_TO_DETECT:
        return script
    last = _LAST_WORDS[0]
    for piece in opening:
        if piece not in found_words:
            found_words[piece] = last[piece] if piece in last else _words(piece)
    _LAST_WORDS[0] = found_words
    words = [word for piece in opening for word in found_words[piece]]
    index = stopword_index()
    counted = Counter(words)
    hits = Counter(kernels.stoplist_hits(counted, index.answers, index.get))
    if not hits:
        return None
    name, count = hits.most_common(1)[0]
    # Many stoplists borrow English words (the smaller ones a brand or two as well: "nokia",
    # "windows"): English when close, or when the winner's own words are fewer than its.
    english = hits["English"]
    if english >= 0.85 * count or english >= count - _borrowed(name, counted, index):
        name, count = "English", english
    if count / len(words) < 0.1:
        return None
    return ISO_CODES.get(name, name.lower())

