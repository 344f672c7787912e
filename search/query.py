"""The query language as an engine-neutral tree.

`search.parser` turns what a person typed into these nodes (with notices when it had
to guess); each engine translates the tree into its own query objects. Fields are the
public names of the query language: `text` (headline, body and the rest), `title`,
`person`, `country`, `organisation`, `topic`, `section`, `source`, `dateline`, `byline`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

TEXT = "text"
FIELDS: frozenset[str] = frozenset(
    {TEXT, "title", "person", "country", "organisation", "topic", "section", "source", "dateline", "byline"}
)


@dataclass(frozen=True, slots=True)
class Term:
    """One word in a field. `prefix` expands `word*`; `fuzzy` matches `word~`."""

    text: str
    field: str = TEXT
    prefix: bool = False
    fuzzy: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    words: tuple[str, ...]
    field: str = TEXT


@dataclass(frozen=True, slots=True)
class DateRange:
    """Inclusive on both ends; an open end is None."""

    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class Soft:
    """Most of these, not necessarily all: an article holding at least `quorum` of the
    children matches, scored by what it holds times a coordination factor that grows with
    how many of them, and how rare, it holds. What a plain query of several words becomes."""

    children: tuple[Node, ...]
    quorum: int = 1


@dataclass(frozen=True, slots=True)
class Maybe:
    """Wanted, not required: in a conjunction it narrows nothing and adds its score where it
    matches (a date the query named, which the article's text may or may not give)."""

    child: Node


@dataclass(frozen=True, slots=True)
class Weighted:
    """`child` with its score scaled by `weight`: an alternative the query did not spell out
    (an acronym's expansion, `search.alternatives`), worth less than the words typed."""

    child: Node
    weight: float


Node = Term | Phrase | DateRange | And | Or | Not | Soft | Maybe | Weighted


def every_word(node: Node) -> Node:
    """The query with each `Soft` node read as all of its children: what "holds every word" means."""
    if isinstance(node, Soft):
        return And(tuple(every_word(c) for c in node.children))
    if isinstance(node, And):
        return And(tuple(every_word(c) for c in node.children))
    if isinstance(node, Or):
        return Or(tuple(every_word(c) for c in node.children))
    if isinstance(node, Not):
        return Not(every_word(node.child))
    return node  # a Maybe stays optional; a Weighted alternative is not a word typed


def is_soft(node: Node | None) -> bool:
    """Whether any part of the query is a `Soft` node."""
    if isinstance(node, Soft):
        return True
    if isinstance(node, And | Or):
        return any(is_soft(c) for c in node.children)
    return isinstance(node, Not) and is_soft(node.child)
