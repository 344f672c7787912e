"""Plain data that crosses every boundary: articles in, requests and results out.

Nothing here knows about Whoosh, Flask or files. The indexer builds `Article`s, an
`Engine` stores them, and the web app and command line send a `SearchRequest` and
render the `SearchResults` they get back. Keeping these types engine-neutral is what
lets a second engine (a SphinxQL cluster) slot in without touching the layers above.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

#: The facet fields a request can filter on and results count, in display order.
FACETS: tuple[str, ...] = ("person", "country", "organisation", "topic", "year", "month")

#: Facets whose selected values must all match (an article about both people).
CONJUNCTIVE_FACETS: frozenset[str] = frozenset({"person", "country", "organisation"})

#: Facets whose selected values widen the match (either topic), counted disjunctively.
DISJUNCTIVE_FACETS: frozenset[str] = frozenset({"topic"})

#: Date facets are histograms: every value comes back, in time order, whatever the facet
#: limit (up to a century of months), so a chart never silently loses a year.
DATE_FACETS: frozenset[str] = frozenset({"year", "month"})
MAX_DATE_VALUES = 1200

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 10
DEFAULT_FACET_LIMIT = 10
#: The most values one facet list of a search may carry.
MAX_FACET_LIMIT = 100
#: The deepest result a page may reach (page x per_page): engines rank every result above
#: it, and nobody reads that far; filters and dates narrow a search better.
MAX_RESULT_DEPTH = 10_000


def facet_limit(facet: str, limit: int) -> int:
    """How many values of `facet` a result carries when `limit` is asked for."""
    return MAX_DATE_VALUES if facet in DATE_FACETS else limit


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned news article, as indexed and as shown on its own page.

    `body` holds clean paragraphs separated by a blank line. `people`, `countries`,
    `organisations` and `topics` are canonical facet values (most relevant first for topics).
    `content_hash` fingerprints what the reader produced, so an incremental run
    can tell a changed article from an unchanged one without trusting file times.
    """

    id: str
    title: str
    body: str
    source: str = ""
    url: str | None = None
    title_derived: bool = False
    section: str | None = None
    byline: str | None = None
    dateline: str | None = None
    date: dt.date | None = None
    people: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    origin: str = ""
    content_hash: str = ""
    extractor_version: str = ""
    #: The story this article is a version of: the id of the story's first article
    #: (itself when it stands alone); "" before an indexing run has grouped it.
    story: str = ""
    #: Full names the body writes bare, with nothing in it to say they are people's
    #: (`indexer.extract.people.PeopleFound`): the indexing run makes those the archive names
    #: as people elsewhere people, and stores none of them.
    unconfirmed_people: tuple[str, ...] = ()

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def month(self) -> str | None:
        """The month facet value, `YYYY-MM`."""
        return self.date.strftime("%Y-%m") if self.date else None


def content_hash(*parts: str | None) -> str:
    """A short, stable fingerprint of an article's reader output."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update((part or "").encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What an incremental run compares to decide whether an article changed."""

    content_hash: str
    extractor_version: str
    origin: str


class Sort(StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"


def valid_month_day(value: str) -> bool:
    """`MM-DD`, a day that occurs in some year (`02-29` included)."""
    if len(value) != 5 or value[2] != "-" or not (value[:2] + value[3:]).isdigit():
        return False
    try:
        dt.date(2000, int(value[:2]), int(value[3:]))  # a leap year holds every day
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """One search, as the URL grammar states it (`q`, `person`, `country`, `organisation`, `topic`,
    `from`, `to`, `day`, `sort`, `page`, `per_page`). The same value serves the page, the
    JSON API and the command line. `day` (`MM-DD`) keeps articles dated that day of any year;
    `collapse` (the default) shows one entry per story, its best-ranked version."""

    query: str = ""
    people: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    day: str | None = None
    organisations: tuple[str, ...] = ()
    sort: Sort = Sort.RELEVANCE
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    facet_limit: int = DEFAULT_FACET_LIMIT
    collapse: bool = True
    #: True: a time named among the words ("floods march 2024") is read as words, not as a
    #: period to prefer (the "search everywhere" link).
    anytime: bool = False
    #: True: each hit says why it ranks where it does (`Hit.explain`).
    explain: bool = False

    def __post_init__(self) -> None:
        if self.page < 1:
            raise ValueError("page must be 1 or more")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise ValueError(f"per_page must be between 1 and {MAX_PER_PAGE}")
        if not 1 <= self.facet_limit <= MAX_FACET_LIMIT:
            raise ValueError(f"facet_limit must be between 1 and {MAX_FACET_LIMIT}")
        if self.page * self.per_page > MAX_RESULT_DEPTH:
            raise ValueError(f"pages reach only the first {MAX_RESULT_DEPTH:,} results")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("the 'from' date is after the 'to' date")
        if self.day is not None and not valid_month_day(self.day):
            raise ValueError("day must be a day of the year written MM-DD, like 03-31")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def selected(self, facet: str) -> tuple[str, ...]:
        """The values selected for a facet; year and month come from the date range."""
        if facet == "person":
            return self.people
        if facet == "country":
            return self.countries
        if facet == "topic":
            return self.topics
        if facet == "organisation":
            return self.organisations
        if facet == "year":
            return _whole_years(self.date_from, self.date_to)
        if facet == "month":
            return _whole_months(self.date_from, self.date_to)
        raise KeyError(facet)


def _whole_years(start: dt.date | None, end: dt.date | None) -> tuple[str, ...]:
    if start and end and start == dt.date(start.year, 1, 1) and end == dt.date(end.year, 12, 31):
        return tuple(str(y) for y in range(start.year, end.year + 1))
    return ()


def _whole_months(start: dt.date | None, end: dt.date | None) -> tuple[str, ...]:
    if not (start and end and start.day == 1 and start.year == end.year and start.month == end.month):
        return ()
    if end == month_end(start):
        return (start.strftime("%Y-%m"),)
    return ()


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month."""
    next_month = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return next_month - dt.timedelta(days=1)


#: Days after a day named in a query that still count as its period (reports run a day or two later).
DAY_SLACK = 2


@dataclass(frozen=True, slots=True)
class Period:
    """When a query says it wants articles from: a date range, or a month (and day) of any year.
    `label` is how the results name it ("March 2024", "5 March, any year")."""

    label: str
    start: dt.date | None = None
    end: dt.date | None = None
    month: int | None = None
    day: int | None = None

    def holds(self, day: dt.date) -> bool:
        """Whether an article dated `day` is from this period."""
        if self.start is not None and self.end is not None:
            return self.start <= day <= self.end
        if self.month != day.month:
            return False
        return self.day is None or 0 <= day.day - self.day <= DAY_SLACK


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass(frozen=True, slots=True)
class Version:
    """Another article of a hit's story, as a list of versions names it."""

    id: str
    title: str
    date: dt.date | None
    source: str


@dataclass(frozen=True, slots=True)
class ScorePart:
    """One named share of a score: "body: flood" 1.23, "coordination: ..." -0.4."""

    part: str
    value: float


@dataclass(frozen=True, slots=True)
class Explanation:
    """A hit's score and the parts it adds up from; `note` says what an engine cannot split."""

    total: float
    parts: tuple[ScorePart, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked result. `snippet` is safe HTML: escaped text with `<mark>` tags."""

    id: str
    title: str
    date: dt.date | None
    url: str | None
    source: str
    section: str | None
    dateline: str | None
    byline: str | None
    snippet: str
    people: tuple[str, ...]
    countries: tuple[str, ...]
    topics: tuple[str, ...]
    score: float = 0.0
    organisations: tuple[str, ...] = ()
    #: The story this article belongs to, and how many articles it holds (this one included).
    story: str = ""
    versions: int = 1
    #: The story's other articles, oldest first (filled for pages that list them).
    others: tuple[Version, ...] = ()
    #: Why it ranks where it does, when the request asked (`SearchRequest.explain`).
    explain: Explanation | None = None


@dataclass(frozen=True, slots=True)
class SearchResults:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None = None
    notices: tuple[str, ...] = ()
    partial: bool = False
    #: The shards (numbered from 1) a partial answer is missing, when the engine can tell.
    missing_shards: tuple[int, ...] = ()
    took_ms: float = 0.0
    #: True when the search ran out of its time budget and shows what it had by then.
    timed_out: bool = False
    #: How many stories the `total` articles make; the entries to page through when collapsed.
    stories: int = 0

    @property
    def entries(self) -> int:
        """What the pages list: stories when collapsed (and counted), else articles."""
        return self.stories if self.request.collapse and self.stories else self.total

    #: The time named among the query's words that ranks first ("March 2024"), if any.
    period: Period | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.entries // self.request.per_page))


@dataclass(frozen=True, slots=True)
class ArchiveStats:
    """What the archive holds, for the home and status pages."""

    articles: int
    first_date: dt.date | None
    last_date: dt.date | None
    undated: int
    top: dict[str, list[FacetValue]] = field(default_factory=dict)
    per_year: list[FacetValue] = field(default_factory=list)
