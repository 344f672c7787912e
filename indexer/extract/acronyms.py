"""Acronyms an article defines: "the National Accountability Bureau (NAB)", "NAB (National
Accountability Bureau)".

A pure function of the text. A pair counts only when the acronym's letters are the initials
of the expansion's words in order: every capitalised word gives its first letter (or its
first two, as "Nadra" takes "Na" from "National"), and joining words (of, and, the, -i-,
-e- ...) may give theirs or be passed over. So "Pakistan Tehreek-i-Insaf (PTI)" and
"Water and Power Development Authority (Wapda)" are found, "Reuters (AP)" is not.
The archive-wide table built from these pairs is `search.acronyms.AcronymTable`.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Words that may sit inside an expansion without giving a letter.
JOINERS = frozenset(
    {"of", "and", "the", "for", "on", "in", "to", "&", "i", "e", "ul", "al", "el", "de", "des", "du", "la"}
)
#: The most words an expansion may have beyond two per letter (joiners included).
SLACK = 3
MIN_LETTERS, MAX_LETTERS = 2, 8

_ACRONYM = r"[A-Z][A-Za-z&]*(?:-[A-Z][A-Za-z]*)?"
#: "... Expansion Words (ACR)": the acronym in brackets after its expansion.
_AFTER = re.compile(r"\((" + _ACRONYM + r")\)")
#: "ACR (Expansion Words)": the expansion in brackets after its acronym, found from the
#: bracket (`_OPENING`) and then the word before it (`_LAST_WORD`), which is faster than
#: trying every capitalised word of the text.
_OPENING = re.compile(r" \(([A-Z][^()\n]{3,100})\)")
_LAST_WORD = re.compile(r"\b(" + _ACRONYM + r")$")
_WORD = re.compile(r"[\w&’'.-]+")


def find_acronyms(text: str) -> list[tuple[str, str]]:
    """Every (acronym, expansion) pair `text` defines, in order of appearance; an expansion
    loses a leading "the" and keeps its own spelling ("Tehreek-i-Insaf")."""
    found: list[tuple[str, str]] = []
    for match in _AFTER.finditer(text):
        acronym = match.group(1)
        if not _plausible(acronym):
            continue
        before = text[max(0, match.start() - 200) : match.start()]
        words = _WORD.findall(before.rsplit("\n", 1)[-1])
        expansion = _longest_tail(acronym, words)
        if expansion:
            found.append((acronym, expansion))
    for match in _OPENING.finditer(text):
        word = _LAST_WORD.search(text, max(0, match.start() - 12), match.start())
        if word is None:
            continue
        acronym, inside = word.group(1), match.group(1)
        words = _WORD.findall(inside)
        if _plausible(acronym) and words and _match(_letters(acronym), tuple(_parts(words))):
            found.append((acronym, _strip_the(" ".join(words))))
    return found


@lru_cache(maxsize=2)
def definitions(text: str) -> tuple[tuple[str, str], ...]:
    """`find_acronyms(text)`, remembered for the last two texts: the organisations extractor
    reads an article's body for its definitions, and the worker then hands the same ones to
    the run's archive-wide count (`indexer.orgs_merge`) instead of the parent reading the
    body again."""
    return tuple(find_acronyms(text))


def spells(acronym: str, name: str) -> bool:
    """Does `acronym` ("AFP", "JUI-F", "UNHCR") spell `name` ("Agence France-Presse",
    "Jamiat Ulema-i-Islam-Fazl", "UN High Commissioner for Refugees": a part written in
    capitals counts as its own letters)?"""
    if not _plausible(acronym) or acronym == name:
        return False
    parts = tuple(_parts(name.split()))
    letters = _letters(acronym)
    return _match(letters, parts) or _match(letters, tuple(_spelled_out(parts)))


def _spelled_out(parts: tuple[str, ...]) -> list[str]:
    """Parts with a capitals-only part ("UN") written as its letters ("U", "N")."""
    return [letter for part in parts for letter in (part if part.isupper() and len(part) > 1 else [part])]


def _plausible(acronym: str) -> bool:
    """All capitals ("NAB", "PML-N") or a capital and lower case ("Wapda"), 2-8 letters."""
    letters = _letters(acronym)
    if not MIN_LETTERS <= len(letters) <= MAX_LETTERS:
        return False
    capitals = sum(c.isupper() for c in acronym)
    return capitals >= 2 or (len(letters) >= 4 and acronym[1:].replace("-", "").islower())


def _letters(acronym: str) -> str:
    return "".join(c for c in acronym.casefold() if c.isalpha())


def _parts(words: list[str]) -> list[str]:
    """Words split at hyphens, so "Tehreek-i-Insaf" gives "Tehreek", "i", "Insaf"."""
    return [part for word in words for part in word.strip(".’'").split("-") if part]


def _longest_tail(acronym: str, words: list[str]) -> str | None:
    """The shortest run of words ending right before the bracket that spells `acronym`."""
    letters = _letters(acronym)
    limit = 2 * len(letters) + SLACK
    for start in range(len(words) - 1, max(-1, len(words) - 1 - limit), -1):
        tail = words[start:]
        if not tail[0][:1].isupper() or tail[0].casefold() in JOINERS:
            continue
        if _match(letters, tuple(_parts(tail))):
            return _strip_the(" ".join(tail))
    return None


def _strip_the(expansion: str) -> str:
    """Without a leading "the" or a trailing possessive ("the Fund’s" is "Fund")."""
    expansion = expansion.removesuffix("’s").removesuffix("'s")
    return expansion[4:] if expansion.startswith(("the ", "The ")) else expansion


#: Word runs whose spelling test is remembered: the recursion revisits the same tails, and
#: an archive-long cache would grow with every run of capitalised words ever read.
_MATCH_CACHE = 1 << 16


@lru_cache(maxsize=_MATCH_CACHE)
def _match(letters: str, parts: tuple[str, ...]) -> bool:
    """Whether `parts` spell `letters`: every capitalised part gives its first one or two
    letters, a joiner gives its first letter or none; a lower-case word that is not a
    joiner ("said") means the words are not a name."""
    if not parts:
        return not letters
    part, rest = parts[0], parts[1:]
    folded = part.casefold()
    if folded in JOINERS:
        return _match(letters, rest) or (
            bool(letters) and letters[0] == folded[0] and _match(letters[1:], rest)
        )
    if not part[:1].isupper() or not letters:
        return False
    if letters[0] != folded[0]:
        return False
    return _match(letters[1:], rest) or (
        len(letters) > 1 and len(folded) > 1 and letters[1] == folded[1] and _match(letters[2:], rest)
    )
