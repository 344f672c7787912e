"""Abbreviations and their expansions as query-time alternatives.

A reader types "NAB chairman" where the article wrote "National Accountability Bureau",
or the reverse. From the archive's acronym table (`search.acronyms`, learned where the
archive spells both), a query word that is a known acronym gains its expansion as a phrase,
and a run of query words that spells an expansion gains its acronym, each as an alternative
scored lower than what was typed: the acronym at `WEIGHT` of its score, the expansion (which
stands for one word) at `WEIGHT` shared among its words.

Switched off for one process with the environment variable `BROADSHEET_ALTERNATIVES=off`
(so the ranking evaluation can show what it adds), or per archive with
`Archive(engine, alternatives=False)`.
"""

from __future__ import annotations

import os

from search import ranking
from search.acronyms import Acronym, AcronymTable, content_words, fold
from search.analysis import STOP_WORDS
from search.query import TEXT, And, Node, Not, Or, Phrase, Soft, Term, Weighted

#: The environment variable that turns alternatives off when set to "off" (or "0", "no").
SWITCH = "BROADSHEET_ALTERNATIVES"
#: An alternative's score relative to the same words typed.
WEIGHT = 0.5
#: Definitions the archive must give before an acronym is trusted (the keeper's entries,
#: which have none, always are).
MIN_DEFINITIONS = 2
#: A lower-case query word shorter than this is read as a word, not an acronym ("it", "us").
MIN_LOWER_LETTERS = 3


def enabled() -> bool:
    """Whether the environment (and the ranking evaluation's switch) leaves alternatives on."""
    switched_off = os.environ.get(SWITCH, "").strip().lower() in ("off", "0", "no", "false")
    return not switched_off and ranking.enabled("alternatives")


def expand(node: Node | None, table: AcronymTable, weight: float = WEIGHT) -> Node | None:
    """`node` with acronyms and expansions given their alternatives; unchanged when the
    table knows none of its words."""
    if node is None or not len(table):
        return node
    return _expand(node, table, weight)


def _expand(node: Node, table: AcronymTable, weight: float) -> Node:
    if isinstance(node, Term):
        return _acronym(node, table, weight) or node
    if isinstance(node, Phrase):
        entry = _spelled(node.words, table) if node.field == TEXT else None
        return Or((node, Weighted(Term(entry.acronym), weight))) if entry else node
    if isinstance(node, And):
        return And(
            _runs([_expand(child, table, weight) for child in node.children], node.children, table, weight)
        )
    if isinstance(node, Soft):  # a run of words spelling an expansion counts as one of them
        children = _runs(
            [_expand(child, table, weight) for child in node.children], node.children, table, weight
        )
        return Soft(children, min(node.quorum, len(children)))
    if isinstance(node, Or):
        return Or(tuple(_expand(child, table, weight) for child in node.children))
    if isinstance(node, Not):
        return node  # "-NAB" excludes what was typed, not everything it might stand for
    return node


def _acronym(term: Term, table: AcronymTable, weight: float) -> Node | None:
    """A known acronym typed as a word, or'ed with its expansion as a phrase."""
    if term.field != TEXT or term.prefix or term.fuzzy:
        return None
    text = term.text
    if text.islower() and (len(text) < MIN_LOWER_LETTERS or text in STOP_WORDS):
        return None
    entry = table.by_acronym.get(fold(text))
    if entry is None or not _trusted(entry) or fold(entry.expansion) == fold(text):
        return None
    words = tuple(entry.expansion.replace("-", " ").split())
    # The expansion stands for one word: its words share the weight.
    return Or((term, Weighted(Phrase(words), weight / max(1, len(content_words(entry.expansion).split())))))


def _runs(
    expanded: list[Node], original: tuple[Node, ...], table: AcronymTable, weight: float
) -> tuple[Node, ...]:
    """The children of a conjunction, where a run of plain words that spells a known
    expansion ("national accountability bureau") becomes that run or'ed with its acronym."""
    out: list[Node] = []
    i = 0
    while i < len(original):
        for j in range(len(original), i + 1, -1):  # the longest run first, two words at least
            run = original[i:j]
            if all(_plain(child) for child in run):
                entry = _spelled(tuple(child.text for child in run if isinstance(child, Term)), table)
                if entry is not None:
                    out.append(Or((And(run), Weighted(Term(entry.acronym), weight))))
                    i = j
                    break
        else:
            out.append(expanded[i])
            i += 1
    return tuple(out)


def _plain(node: Node) -> bool:
    return isinstance(node, Term) and node.field == TEXT and not (node.prefix or node.fuzzy)


def _spelled(words: tuple[str, ...], table: AcronymTable) -> Acronym | None:
    entry = table.by_words.get(content_words(" ".join(words)))
    return entry if entry is not None and _trusted(entry) else None


def _trusted(entry: Acronym) -> bool:
    return entry.count >= MIN_DEFINITIONS or not entry.expansions
