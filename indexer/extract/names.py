"""Name lexicons and the rules that say when two name forms are one person.

Shared by the people extractor (inside one article) and by `merge_names` (across the
archive). The word lists are plain text files in `data/`, loaded once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

#: Lower-case particles that may sit inside a name ("Osama bin Laden", "Ursula von der Leyen").
PARTICLES = frozenset(
    {
        "bin",
        "binte",
        "bint",
        "ibn",
        "al",
        "el",
        "ul",
        "ud",
        "ur",
        "ud-Din",
        "de",
        "da",
        "di",
        "du",
        "del",
        "della",
        "dos",
        "das",
        "van",
        "von",
        "der",
        "den",
        "le",
        "la",
        "y",
    }
)

#: Spellings of one given name that archive-wide merging treats as the same word.
SPELLINGS = {
    "mohammad": "muhammad",
    "mohammed": "muhammad",
    "muhammed": "muhammad",
    "mohamed": "muhammad",
    "mohd": "muhammad",
    "muhamad": "muhammad",
    "mohamad": "muhammad",
    "md": "muhammad",
    "ahmed": "ahmad",
    "hussain": "husain",
    "hussein": "husain",
    "hossein": "husain",
}

#: Leading words that many South Asian names carry or drop freely ("Muhammad Nawaz Sharif" is
#: "Nawaz Sharif"); a name that differs from a fuller one only by these is the same person.
NAME_PREFIXES = frozenset(
    {
        "muhammad",
        "syed",
        "mian",
        "hafiz",
        "haji",
        "malik",
        "rana",
        "raja",
        "chaudhry",
        "khawaja",
        "sheikh",
        "mir",
        "pir",
        "makhdoom",
        "sahibzada",
        "nawabzada",
        "sardar",
        "qazi",
        "maulana",
        "mufti",
    }
)

#: How dominant a full name must be among those sharing a surname to absorb the bare surname.
SURNAME_SHARE = 0.9

#: How common a fuller name must be, against the short form, to absorb it across the archive:
#: "Naseem Ali Shah" once does not swallow the cricketer "Naseem Shah" named 34 times.
FULLER_SHARE = 0.1

#: Name suffixes that make a different person ("Wasim Akram Jr").
GENERATIONS = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

#: First words so common that a two-word name opening with one is shared by many people.
GENERIC_FIRST = frozenset({"muhammad", "syed"})

_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")


def read_words(name: str) -> frozenset[str]:
    """One entry per line from `data/<name>`, ignoring blank lines and `#` comments."""
    return frozenset(_lines(DATA / name))


def _lines(path: Path) -> Iterable[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


@cache
def titles() -> frozenset[str]:
    return read_words("titles.txt")


@cache
def honorifics() -> frozenset[str]:
    """Words dropped from the front of a name when two or more name words follow them."""
    return read_words("honorifics.txt")


@cache
def known_surnames() -> frozenset[str]:
    """Surnames (and one-word names) the press uses alone for one well-known person, kept by hand."""
    return read_words("known_surnames.txt")


@cache
def cue_words() -> frozenset[str]:
    return read_words("cue_words.txt")


@cache
def not_people() -> frozenset[str]:
    return read_words("not_people.txt")


@cache
def surnames() -> frozenset[str]:
    """Words that close full names after a title in news text (see `lexicon.py`)."""
    return read_words("surnames.txt")


@cache
def common_words() -> frozenset[str]:
    """Lower-case words that news text mostly writes in lower case: a capitalised one is
    a sentence start or part of a title, not a name, unless a given name or honorific
    vouches for it (see `lexicon.py`, which builds the list)."""
    return read_words("common_words.txt")


@cache
def given_names() -> frozenset[str]:
    """Mined from news text (`given_names.txt`, see `lexicon.py`) plus a hand-kept list of
    common given names that are also ordinary words or too rare in the corpora to mine."""
    return read_words("given_names.txt") | read_words("given_names_hand.txt")


def strip_possessive(word: str) -> tuple[str, bool]:
    """`Imran's` -> (`Imran`, True); `Davies` stays as it is."""
    stripped = _POSSESSIVE.sub("", word)
    if stripped != word and len(stripped) > 1 and not word.endswith(("s'", "s’")):
        return stripped, True
    if word.endswith(("s'", "s’")):
        return word[:-1], True
    return word, False


def name_key(name: str) -> tuple[str, ...]:
    """The comparison form of a name: lower case, known respellings folded."""
    return tuple(SPELLINGS.get(w, w) for w in name.casefold().replace("-", " ").split())


def is_contraction(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """True when `short` is `full` with words left out, keeping its first word.

    "Qamar Bajwa" is a contraction of "Qamar Javed Bajwa", "Maryam Nawaz" of "Maryam
    Nawaz Sharif"; "Nawaz Sharif" is not one of "Shehbaz Sharif" nor of "Maryam Nawaz
    Sharif", because a different first name is a different person, unless the fuller name
    only adds leading `NAME_PREFIXES` words ("Muhammad Nawaz Sharif").
    """
    if len(short) < 2 or len(short) >= len(full):
        return False
    if short[0] != full[0]:
        extra = len(full) - len(short)
        return full[extra:] == short and all(word in NAME_PREFIXES for word in full[:extra])
    rest = iter(full[1:])
    return all(word in rest for word in short[1:])


def _safe_across(short: tuple[str, ...], full: tuple[str, ...], given: set[str]) -> bool:
    """Across articles, a contraction is trusted only when it keeps the surname, or ends in a
    word that is no given name ("Imran Ali" is a whole name, not "Imran Ali Dahot"). Generic
    names, all given names ("Umar Farooq") or opening with Muhammad ("Muhammad Farooq"), join
    nothing: too many people share them."""
    if full[-1] in GENERATIONS or short[0] in GENERIC_FIRST or all(word in given for word in short):
        return False
    return short[-1] == full[-1] or short[-1] not in given


def merge_names(counts: Mapping[str, int]) -> dict[str, str]:
    """Map each archive-wide name variant to its canonical form (variant -> canonical).

    The rules: spellings that differ only in a known respelling ("Mohammad"/"Muhammad")
    merge to the most frequent one. A name of two or more words joins the fullest name
    it contracts (`is_contraction`) if it keeps that name's surname or ends in a word that
    is no given name (`_safe_across`), if the fuller name has at least `FULLER_SHARE` of
    the shorter one's mentions, and only when every such fuller name is itself a
    contraction of that longest one, so "Muhammad Khan" never swallows both "Muhammad
    Ali Khan" and "Muhammad Asif Khan". A single word (a surname the article never
    expanded) joins a full name ending in it only when that name holds at least
    `SURNAME_SHARE` of the mentions of all such names ("Rouhani" -> "Hassan Rouhani",
    but "Sharif" stays, shared by Nawaz and Shehbaz). Names not in the result map to
    themselves; the keeper's alias file handles what rules cannot decide.
    """
    given = {name.casefold() for name in given_names()}
    by_key: dict[tuple[str, ...], str] = {}
    weight: dict[tuple[str, ...], int] = {}
    for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        key = name_key(name)
        by_key.setdefault(key, name)
        weight[key] = weight.get(key, 0) + count
    by_word: dict[str, set[tuple[str, ...]]] = {}
    for key in by_key:
        for word in key:
            by_word.setdefault(word, set()).add(key)
    target: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key in sorted(by_key, key=len, reverse=True):
        candidates = by_word[key[0]] & by_word[key[-1]]
        fuller = [
            other
            for other in candidates
            if is_contraction(key, other)
            and _safe_across(key, other, given)
            and weight[other] >= FULLER_SHARE * weight[key]
        ]
        if not fuller:
            continue
        longest = max(fuller, key=lambda k: (len(k), weight[k]))
        if all(other == longest or is_contraction(other, longest) for other in fuller):
            target[key] = target.get(longest, longest)
    totals: dict[tuple[str, ...], int] = {}
    for key in by_key:
        final = target.get(key, key)
        totals[final] = totals.get(final, 0) + weight[key]
    by_surname: dict[str, list[tuple[str, ...]]] = {}
    for key in totals:
        if len(key) > 1:
            by_surname.setdefault(key[-1], []).append(key)
    for key in by_key:
        if len(key) == 1:
            full = by_surname.get(key[0], [])
            best = max(full, key=lambda k: totals[k], default=None)
            if best and totals[best] >= SURNAME_SHARE * sum(totals[k] for k in full):
                target[key] = best
    result: dict[str, str] = {}
    for name in counts:
        key = name_key(name)
        canonical = by_key[target.get(key, key)]
        if canonical != name:
            result[name] = canonical
    return result
