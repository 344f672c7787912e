"""The narrow waist between Broadsheet and whatever stores and searches its articles.

Everything above this module (the indexer, the web app, the command line) talks to an
`Engine`; only the engine modules below it know Whoosh or SphinxQL. The interface is
kept to what a distributed search server can also do: write a batch, delete by id,
query with filters and facets, fetch by id, and build a new generation beside the live
one and switch to it atomically.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from search.acronyms import AcronymTable
from search.budget import Deadline
from search.models import ArchiveStats, Article, Explanation, FacetValue, Fingerprint, Period, Sort
from search.query import Node


@dataclass(frozen=True, slots=True)
class Filters:
    """Exact-value filters. People, countries and organisations are AND-ed, topics OR-ed; `day`
    (`MM-DD`) keeps articles dated that day of any year."""

    people: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    day: str | None = None
    organisations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EngineQuery:
    """A parsed query plus everything an engine needs to answer it in one round trip."""

    node: Node | None
    filters: Filters = Filters()
    sort: Sort = Sort.RELEVANCE
    offset: int = 0
    limit: int = 10
    facet_limit: int = 10
    #: Facet values that must be counted even when outside the top N (the selected ones).
    pinned: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: A looser reading of `node` ("most of the words"): when `node` matches fewer than
    #: `fallback_below` articles, articles matching `fallback` are added, ranked after all
    #: of `node`'s matches, and the results say so (`EngineResults.relaxed`).
    fallback: Node | None = None
    fallback_below: int = 0
    #: False when only the page is wanted (exports, feeds): no facet is counted.
    facets: bool = True
    #: When the engine stops adding work and answers with what it has (`timed_out`).
    deadline: Deadline | None = None
    #: One hit per story (its best-ranked article), `offset` and `limit` counting stories;
    #: `total` and facets still count articles.
    collapse: bool = False
    #: A time the query's words named: its articles rank higher (relevance order only); it
    #: filters nothing. Engines that cannot prefer a period ignore it.
    prefer: Period | None = None
    #: True: each hit carries its score split into parts (`ScoredArticle.explain`).
    explain: bool = False


@dataclass(frozen=True, slots=True)
class DateCounts:
    """How many articles a query matches on each day, and how many it matches undated."""

    days: dict[dt.date, int]
    undated: int
    #: True when part of the archive (a shard) did not answer.
    partial: bool = False

    @property
    def total(self) -> int:
        return sum(self.days.values()) + self.undated


@dataclass(frozen=True, slots=True)
class ScoredArticle:
    article: Article
    score: float
    #: How many live articles the article's story holds, itself included.
    versions: int = 1
    explain: Explanation | None = None


@dataclass(frozen=True, slots=True)
class EngineResults:
    total: int
    hits: list[ScoredArticle]
    facets: dict[str, list[FacetValue]]
    #: True when part of the archive (a shard) did not answer.
    partial: bool = False
    #: The shards (numbered from 1) a partial answer is missing, when the engine can tell.
    missing_shards: tuple[int, ...] = ()
    #: True when the hits include `EngineQuery.fallback` matches.
    relaxed: bool = False
    #: True when the deadline passed before the answer was complete.
    timed_out: bool = False
    #: How many stories the `total` matching articles make.
    stories: int = 0


#: Told how many articles a generation has written so far.
WriteProgress = Callable[[int], None]


class Generation(ABC):
    """An index under construction: a fresh one (full rebuild) or a copy of the live one
    (incremental run). Nothing written here is visible to searches until the engine
    switches to it, so a crash mid-build leaves the live generation serving."""

    name: str

    @abstractmethod
    def write(self, articles: Sequence[Article]) -> None:
        """Add or replace articles, keyed by `Article.id`."""

    @abstractmethod
    def delete(self, ids: Iterable[str]) -> None:
        """Remove articles by id; unknown ids are ignored."""

    @abstractmethod
    def commit(self) -> int:
        """Make everything written durable and return the article count."""

    @abstractmethod
    def abort(self) -> None:
        """Throw the generation away."""

    def keep_acronyms(self, table: AcronymTable) -> None:  # noqa: B027 - optional hook
        """Keep the generation's acronym table where every host serving it reads it (before
        `commit`); an engine whose hosts share the indexer's folder keeps nothing here
        (`search.acronyms.save` writes it there)."""

    @abstractmethod
    def query(self, query: EngineQuery) -> EngineResults:
        """Answer from this generation once committed, before it is live: how a run checks
        that what it built can be searched before switching to it."""


class Engine(ABC):
    """Stores articles and answers queries. Implementations: `search.whoosh.engine.WhooshEngine`."""

    @abstractmethod
    def query(self, query: EngineQuery) -> EngineResults:
        """Rank, filter, count facets and return one page of stored articles."""

    @abstractmethod
    def dates(self, node: Node | None, filters: Filters) -> DateCounts:
        """Matches of `node` (all articles when None) under `filters`, counted per day:
        what trend lines are summed from. No "most of the words" fallback is applied."""

    @abstractmethod
    def document_frequencies(self, terms: Sequence[str]) -> dict[str, int]:
        """How many live articles hold each analysed (stemmed) term in their body."""

    @abstractmethod
    def get(self, article_id: str) -> Article | None:
        """One stored article, or None."""

    @abstractmethod
    def facet_values(self, facet: str, prefix: str = "", limit: int = 50) -> list[FacetValue]:
        """A facet's values that start with `prefix` (case-insensitive), by count."""

    @abstractmethod
    def stats(self, top: int = 10) -> ArchiveStats:
        """Article count, date span and top values, for home and status pages."""

    @abstractmethod
    def fingerprints(self) -> dict[str, Fingerprint]:
        """Every stored article's id with what an incremental run compares."""

    def size_on_disk(self) -> int | None:
        """Bytes the live generation takes on this machine's disk, None when unknown (or
        kept elsewhere): what a full rebuild beside it needs again."""
        return None

    @abstractmethod
    def begin(self, *, fresh: bool, progress: WriteProgress | None = None) -> Generation:
        """Start a new generation: empty when `fresh`, else a copy of the live one.
        `progress`, when given, is called from time to time with how many of the articles
        given to `write` have been written (in `write` or in `commit`, as the engine does it)."""

    @abstractmethod
    def switch(self, generation: Generation) -> None:
        """Make a committed generation live, atomically, keeping the previous one."""

    @abstractmethod
    def generation_names(self) -> tuple[str | None, str | None]:
        """The live generation's name and the previous one's (the rollback target)."""

    @abstractmethod
    def rollback(self) -> str:
        """Make the previous generation live again; returns its name."""

    def more_like_this(self, article_id: str, limit: int = 5) -> list[Article]:
        """Related articles; engines that cannot rank by similarity return none."""
        return []

    @abstractmethod
    def versions(self, story: str) -> list[Article]:
        """Every live article of `story`, oldest first (undated last, ties by id)."""

    def acronyms(self) -> AcronymTable:
        """The live generation's acronym table (`search.acronyms`); empty where none is kept."""
        return AcronymTable()

    def spelling_candidates(self, word: str, limit: int = 5) -> list[str]:
        """Index terms close to a misspelled word; empty where unsupported."""
        return []

    def record_run(self, record: str) -> bool:
        """Keep one indexing run's record (JSON) where every host serving the index reads
        it; False when the engine keeps none (`search.runs` keeps them beside the index)."""
        return False

    def run_records(self, limit: int) -> list[str] | None:
        """The newest `limit` run records the engine keeps, newest first; None when it keeps none."""
        return None

    def close(self) -> None:  # noqa: B027 - optional hook: an engine holding nothing open inherits it
        """Release files and connections."""
