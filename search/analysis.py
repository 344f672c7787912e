"""One way of cutting text into words, shared by the index, the query parser and snippets.

The Whoosh analyzer, the parser and the highlighter all call `tokens`, `fold` and `stem`
from here, so a word that the index matched is the word a snippet marks: "Élections"
in an article, "elections" in the index, "election" in a query all meet at `stem`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from whoosh.lang.porter2 import stem as _porter2

#: Words too common to rank or mark on their own. Deliberately smaller than most lists:
#: "us" (the country), "may" (the month), "new", "not" and numbers stay searchable.
# fmt: off
STOP_WORDS: frozenset[str] = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "of", "on", "or", "our",
    "she", "that", "the", "their", "them", "they", "this", "those", "to", "was", "were", "which",
    "who", "will", "with",
})

# Curly quotes, primes and the dash family, as people paste them from articles.
_PUNCTUATION = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u00a0": " ",
})

# Letters that Unicode does not decompose into a base letter plus an accent.
_LETTERS = str.maketrans({
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ı": "i", "æ": "ae", "Æ": "ae",
    "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d",
})
# fmt: on

# Invisible characters that typesetting leaves inside words: Dawn's text is full of soft
# hyphens ("Haba\u00adra\u00adna", "res\u00adponsibility") that would otherwise split words.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_DROP = str.maketrans("", "", _INVISIBLE)
_DROP = str.maketrans("", "", _INVISIBLE + "',")

#: Bump when `tokens` cuts text otherwise: every article's terms change, so the version is
#: part of every article's (`indexer.extract.EXTRACTOR_VERSION`) and a run writes them all again.
ANALYSIS_VERSION = "2"

# A number as news writes it and readers type it: "3,000" is the word "3000" (readers type
# "3000 dead"), "1.2" one word, and a currency before or a unit after the digits its own word:
# "Rs1,400" is "rs 1400", "29pc" is "29 pc", "$1.2bn" is "1.2 bn", so "1400 rupees" and "29
# percent" find them. Only digit runs are cut ("g20", "1990s" and "21st" stay whole).
_NUMBER = (
    r"(?=[\dr])(?:rs(?=\d)|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+\.\d+"
    r"|\d+(?=(?:pc|bn|mn|m|km|kg|mw)\b))"
)
# A word: a number as above, or letters and digits, possibly joined by apostrophes
# ("Pakistan's", "O'Brien") or invisible characters.
_WORD = re.compile(rf"{_NUMBER}|[^\W_]+(?:['\u2019{_INVISIBLE}]+[^\W_]+)*", re.IGNORECASE)
# A number whose digits are grouped: its word needs the commas taken out.
GROUPED = re.compile(r"\d,\d")
# Characters that make a word need more than lowercasing.
_ODD = re.compile(r"[^\x00-\x7f]|'|\d,\d")


class Token(NamedTuple):
    """A word as the index sees it (`text`, folded) and where it sits in the original.
    A named tuple because snippets make one per word of every article on a page."""

    text: str
    start: int
    end: int


def normalize_punctuation(text: str) -> str:
    """Straight quotes and plain hyphens for their typographic cousins; same length."""
    return text.translate(_PUNCTUATION)


def fold(text: str) -> str:
    """Lowercase without accents, quotes and dashes made plain: "Zürich’s" -> "zurich's"."""
    text = normalize_punctuation(text).translate(_LETTERS).translate(_INVISIBLE_DROP)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=200_000)
def _word(raw: str) -> str:
    """The folded form of one matched word: possessive "'s" dropped, inner apostrophes
    removed. Cached, with a shortcut for plain ASCII, because snippets tokenise whole
    articles while a page of results is being built."""
    if raw.isascii() and raw.isalnum():
        return raw.lower()
    return fold(raw).removesuffix("'s").translate(_DROP)


def tokens(text: str) -> list[Token]:
    """Every word of `text`, folded, with its character offsets in `text` itself."""
    low = text.lower()
    if len(low) != len(text):  # a rare letter whose lowercase is longer: offsets would drift
        return [Token(w, *m.span()) for m in _WORD.finditer(text) if (w := _word(m.group()))]
    found = [Token(m.group(), *m.span()) for m in _WORD.finditer(low)]
    if low.isascii() and "'" not in low and not GROUPED.search(low):
        return found
    # Only words holding an accent, an apostrophe, an invisible mark or a number's commas need
    # folding; find them from those characters' positions rather than by looking at every word.
    starts = [t.start for t in found]
    odd = set()
    for match in _ODD.finditer(low):
        i = bisect_right(starts, match.start()) - 1
        if i >= 0 and found[i].end > match.start():
            odd.add(i)
    for i in sorted(odd, reverse=True):
        word = _word(text[found[i].start : found[i].end])
        if word:
            found[i] = found[i]._replace(text=word)
        else:
            del found[i]
    return found


def word_set(text: str) -> set[str]:
    """The distinct folded words of `text`, as `tokens` reads them, without their offsets:
    much cheaper where only which words occur matters (significant terms)."""
    return {w for raw in set(_WORD.findall(text.lower())) if (w := _word(raw))}


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """English (Porter2) stem of a folded word; cached because every token passes here."""
    stemmed: str = _porter2(word)
    return stemmed


def terms(text: str) -> list[str]:
    """The stemmed, stop-word-free words of `text` in order: what the body index holds."""
    return [stem(t.text) for t in tokens(text) if t.text not in STOP_WORDS]
