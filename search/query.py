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
class Weighted:
    """`child` with its score scaled by `weight`: an alternative the query did not spell out
    (an acronym's expansion, `search.alternatives`), worth less than the words typed."""

    child: Node
    weight: float


Node = Term | Phrase | DateRange | And | Or | Not | Weighted
