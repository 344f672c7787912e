"""The archive-wide acronym table, counted while articles are read, and the organisations
it merges.

Each article's acronym definitions ("the National Accountability Bureau (NAB)") are counted
as the run reads it (the worker that extracted it found them); the table
(`search.acronyms.AcronymTable`: the expansion given most often wins, the keeper's
`acronyms.txt` has the last word) is then fixed before the first article is written, and
saved beside the generation. An incremental run adds its articles' definitions to the live
generation's counts, so a changed article's definitions count twice until the next full
reindex.

`apply` then gives each organisation one name across the archive: a spelling the table knows
becomes its acronym's winning expansion ("Pakistan Tehreek-e-Insaf" and "PTI" become
"Pakistan Tehreek-i-Insaf" everywhere), a name written in several cases takes the case most
articles give it ("COMSATS University", not "Comsats University"), and an acronym an article
uses without defining it adds the organisation the archive says it stands for. An incremental
run knows the stored names by their counts; stored articles keep their names until the next
full reindex.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from difflib import SequenceMatcher

from indexer.extract.acronyms import find_acronyms
from indexer.extract.organisations import canonical, is_credit, is_organisation, listed
from search.acronyms import AcronymTable, Keeper, fold
from search.models import Article

#: How alike two expansions of one acronym must be (difflib's ratio, abbreviations written
#: out) to be one body's spellings: "Council" / "Committee" is 0.85, "Exporter" / "Exporters" 0.99.
SAME_BODY = 0.9
#: How alike each word of two spellings with as many words must be ("Defence" / "Defense" 0.86,
#: "Emergency" / "Emergencies" 0.8; "African" / "Asian", 0.67, are two words).
SAME_WORD = 0.8
#: Words for a company's legal form, which writers swap for one another (as `_spelled` writes them
#: out; `organisations.LEGAL_FORMS` are the suffixes `canonical` strips).
_LEGAL_WORDS = frozenset({"company", "corporation", "limited", "incorporated", "group"})
#: Abbreviated words written out before two expansions are compared.
_ABBREVIATED = {"ltd": "limited", "corp": "corporation", "co": "company", "dept": "department"}
_ABBREVIATED |= {"intl": "international", "organization": "organisation", "center": "centre"}
#: Definitions the archive must give before an acronym used bare names its organisation.
MIN_DEFINITIONS = 2
#: Shorter acronyms ("PA": Punjab Assembly or Palestinian Authority?) name nothing used bare.
MIN_LETTERS = 3
#: Unicode's hyphens, read as "-" so that `fold` spaces them like it ("Al‐Qadir", "Al Qadir").
_HYPHENS = re.compile("[\u2010\u2011]")
#: A word that may be an acronym: capitals, or a capital and lower case ("Nadra"), maybe "-N".
#: Written to start with the capital and look back for the word boundary: a pattern that
#: starts with a character class lets `re` skip to the next capital, one that starts with
#: `\b` is tried at every position (every body is scanned: twice as fast this way).
_ACRONYM = re.compile(r"[A-Z](?<=\b[A-Z])[A-Za-z]{1,7}(?:-[A-Z]\b)?")


class AcronymCount:
    """Counts definitions and organisations' written names while articles are read; `table`
    then fixes the archive's table and the one spelling of each name."""

    def __init__(
        self,
        keeper: Keeper,
        stored: Callable[[], AcronymTable | None],
        stored_names: Callable[[], Mapping[str, int]] = dict,
    ) -> None:
        self.definitions: Counter[tuple[str, str]] = Counter()
        #: How many articles give each organisation name as written (after `canonical`).
        self.names: Counter[str] = Counter()
        self.keeper = keeper
        #: The live generation's table and its stored names' counts, asked for only once
        #: counting ends (an incremental run).
        self.stored = stored
        self.stored_names = stored_names
        self._table: AcronymTable | None = None
        self._spelling: dict[str, str] = {}

    def count(self, definitions: Iterable[tuple[str, str]], organisations: Iterable[str] = ()) -> None:
        """Count one article's definitions (`indexer.extract.acronyms.definitions` of its body)
        and its organisations."""
        self.definitions.update(definitions)
        self.names.update(set(organisations))

    def table(self) -> AcronymTable:
        """The archive's table; the first call ends counting."""
        if self._table is None:
            self._table = AcronymTable.build(self.definitions, self.keeper, self.stored())
            self.names.update(self.stored_names())
            self._spelling = one_spelling(self.names)
            self.definitions, self.names = Counter(), Counter()
        return self._table

    def apply(self, articles: list[Article]) -> list[Article]:
        """`articles` with their organisations named as the archive's table says."""
        return name_organisations(self.table(), self.keeper, articles, self._spelling)


def one_spelling(names: Mapping[str, int]) -> dict[str, str]:
    """`name -> spelling` for names the archive writes in several cases or with a hyphen for a
    space ("COMSATS University", "Comsats University"; "Al-Qadir Trust", "Al Qadir Trust"):
    each takes the one most articles give (ties: the first in code point order, so any run
    decides alike)."""
    by_fold: dict[str, list[str]] = {}
    for name in names:
        by_fold.setdefault(fold(_HYPHENS.sub("-", name)), []).append(name)
    spelling = {}
    for group in by_fold.values():
        if len(group) > 1:
            winner = min(group, key=lambda name: (-names[name], name))
            spelling.update({name: winner for name in group if name != winner})
    return spelling


def name_organisations(
    table: AcronymTable, keeper: Keeper, articles: list[Article], spelling: Mapping[str, str] | None = None
) -> list[Article]:
    """`articles` with their organisations named as `table` says and written as the archive
    writes them most (`spelling`, from `one_spelling`), and the organisations their bare
    acronyms stand for added (what an indexing run stores)."""
    spelling = spelling or {}
    merged = []
    #: Each capitalised word's organisation when it stands alone, decided once per call:
    #: most of an article's capitalised words ("The", "Minister") recur in every article.
    stands_for: dict[str, str | None] = {}
    for article in articles:
        names = dict.fromkeys(
            spelling.get(named, named) for named in (_name(table, name) for name in article.organisations)
        )
        words = dict.fromkeys(_ACRONYM.findall(article.body))
        for word in words:
            if word not in stands_for:
                stands_for[word] = _stands_for(table, keeper, word)
        # Most articles use no bare acronym the archive knows: then there is nothing to place.
        if any(stands_for[word] is not None for word in words):
            defined = {acronym for acronym, _ in find_acronyms(article.body)}
            for found in _ACRONYM.finditer(article.body):
                word = found.group()
                organisation = stands_for[word]
                if organisation is None or word in defined or is_credit(article.body, *found.span()):
                    continue
                names.setdefault(spelling.get(organisation, organisation))
        organisations = tuple(names)
        merged.append(
            replace(article, organisations=organisations)
            if organisations != article.organisations
            else article
        )
    return merged


def _stands_for(table: AcronymTable, keeper: Keeper, word: str) -> str | None:
    """The organisation a bare acronym names wherever an article does not define it: one the
    archive defined often enough (or the keeper lists), unless the list names the word."""
    if word in listed() or sum(c.isalpha() for c in word) < MIN_LETTERS:
        return None
    entry = table.by_acronym.get(fold(word))
    if entry is None or not (word in entry.forms or word == entry.acronym):
        return None
    trusted = entry.count >= MIN_DEFINITIONS or fold(word) in keeper.entries
    return canonical(entry.expansion) if trusted and is_organisation(entry.expansion) else None


def _name(table: AcronymTable, name: str) -> str:
    """A listed organisation keeps the list's name; another takes its acronym's winning
    expansion."""
    if canonical(name) != name or name in listed():
        return canonical(name)
    entry = table.entry(name)
    if entry is None or not is_organisation(entry.expansion):
        return name
    if fold(name) != fold(entry.acronym) and not same_body(name, entry.expansion):
        return name  # "Capital Police College" is no "Communist Party of China", though both are CPC
    return canonical(entry.expansion)


def same_body(a: str, b: str) -> bool:
    """Are two expansions of one acronym spellings of one body ("Pakistan Tehreek-e-Insaf",
    "Pakistan Tehreek-i-Insaf"; "... Ltd", "... Limited"), not two bodies that share it
    ("National Security Council", "National Security Committee"; "African Development Bank",
    "Asian Development Bank": a whole word differs, though the names are 91% alike)?"""
    first, second = _spelled(a), _spelled(b)
    if SequenceMatcher(None, first, second).ratio() < SAME_BODY:
        return False
    words, others = first.split(), second.split()
    return len(words) != len(others) or all(
        one == other
        or max(len(one), len(other)) <= 2
        or {one, other} <= _LEGAL_WORDS  # "... Development Corporation Limited" for "... Company Limited"
        or SequenceMatcher(None, one, other).ratio() >= SAME_WORD
        for one, other in zip(words, others, strict=True)
    )


def _spelled(name: str) -> str:
    words = fold(name).split()
    return " ".join(_ABBREVIATED.get(word, word) for word in words)
