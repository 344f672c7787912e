"""Name lexicons and the rules that say when two name forms are one person.

Shared by the people extractor (inside one article) and by `merge_names` (across the
archive). The word lists are plain text files in `data/`, loaded once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from search import transliteration

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

#: Name suffixes that make a different person ("Wasim Akram Jr").
GENERATIONS = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

#: First words so common that a two-word name opening with one is shared by many people.
GENERIC_FIRST = frozenset({"muhammad", "syed", "abdul", "ghulam"})

#: A hyphenated modifier's tail, not a name's: "Hamas-run", "US-based", "Five-day"; but not a
#: Persian or Urdu name's linking "-e" or "-i" ("Majid Takht-e Ravanchi").
HYPHENATED_MODIFIER = re.compile(r"-(?![ei]$)[a-z]+$")
#: Small words a spaceless dash glues to the name after them ("and-Conleth Bradley", "by-Sinn
#: Fein"): some exports write a non-breaking space as a dash.
GLUED_BEFORE = frozenset(
    {"the", "of", "in", "on", "to", "at", "by", "as", "and", "with", "from", "for", "that", "said", "says"}
    | {"including", "between", "told", "his", "her", "their", "whose", "when", "while", "after", "but"}
    | {"under", "during", "against", "about", "like"}
)
_DASH_BEFORE_CAPITAL = re.compile(r"-[A-Z]")
#: A dash for a space between a capitalised word and a small word after it ("Al Jazeera-the
#: breach"), not inside a compound ("Mother-in-law", "Up-to-date").
_DASH_BEFORE_SMALL = re.compile(
    r"-(?:has|had|is|was|were|will|would|said|says|told|and|who|the|a|an|that|in|on|of|to|for|as|with)\b(?!-)"
)
_CAPITALISED_END = re.compile(r"(?<![\w’'-])[A-Z][a-z’']+$")
_LAST_WORD = re.compile(r"[A-Za-z][a-z]*$")  # "But-Dave Chappelle" opening a sentence too
#: Marks after which a dash before a capital can only be a space ("Last week,-Amnesty
#: International", "Norman Foster,-Shigeru Ban"); not a full stop ("U.S.-China").
_CLAUSE_MARKS = frozenset({",", ";", ":"})


def unglued(text: str) -> str:
    """`text` with a dash that glues a small word or a comma to the capital after it read as the
    space it stands for ("backed by-Sinn Fein", "Last week,-Amnesty"), its length unchanged so
    that offsets still hold. The dashes before a capital are found first: most texts have none
    or a few."""
    dashes = [
        match.start()
        for match in _DASH_BEFORE_CAPITAL.finditer(text)
        if text[match.start() - 1 : match.start()] in _CLAUSE_MARKS  # "Norman Foster,-Shigeru Ban"
        or (
            (word := _LAST_WORD.search(text, max(0, match.start() - 12), match.start()))
            and word.group().lower() in GLUED_BEFORE
            and not text[word.start() - 1 : word.start()].isalnum()
        )
    ]
    if "-" in text:
        dashes += [  # "Chappelle-has a message", found from the dash: a dash is rarer than a capital
            match.start()
            for match in _DASH_BEFORE_SMALL.finditer(text)
            if _CAPITALISED_END.search(text, max(0, match.start() - 30), match.start())
        ]
    if not dashes:
        return text
    chars = list(text)
    for at in dashes:
        chars[at] = " "
    return "".join(chars)


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
    """Every given name: `common_given_names` and the rarer ones only the whole archive gives
    (`rare_given_names.txt`, "Aqib", "Areej")."""
    return common_given_names() | read_words("rare_given_names.txt")


@cache
def common_given_names() -> frozenset[str]:
    """Given names many people share: mined from a sample of news text (`given_names.txt`, see
    `lexicon.py`) plus a hand-kept list of common given names that are also ordinary words or
    too rare in the corpora to mine. Two of them and nothing else are a name many share."""
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
    """The comparison form of a name: its transliteration key (`search.transliteration`)."""
    return transliteration.name_key(name)


@cache
def prefix_keys() -> frozenset[str]:
    """The transliteration keys of `NAME_PREFIXES`."""
    return frozenset(transliteration.fold_word(word) for word in NAME_PREFIXES)


#: Name keys of the suffixes that tell a son from his father: "Jr", "Sr", "III".
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def is_contraction(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """True when `short` is `full` with words left out, keeping its first word.

    "Qamar Bajwa" is a contraction of "Qamar Javed Bajwa", "Maryam Nawaz" of "Maryam
    Nawaz Sharif"; "Nawaz Sharif" is not one of "Shehbaz Sharif" nor of "Maryam Nawaz
    Sharif", because a different first name is a different person, unless the fuller name
    only adds leading `NAME_PREFIXES` words ("Muhammad Nawaz Sharif").
    """
    if len(short) < 2 or len(short) >= len(full):
        return False
    if full[-1] in GENERATIONS and short[-1] not in GENERATIONS:
        return False  # "Donald Trump" is not "Donald Trump Jr", his son
    if short[0] != full[0]:
        extra = len(full) - len(short)
        return full[extra:] == short and all(word in prefix_keys() for word in full[:extra])
    rest = iter(full[1:])
    return all(word in rest for word in short[1:])
