"""On this day: what the archive published on one day of the year, in every year.

One engine query with the `day` filter (`MM-DD`) answers it: the articles, newest year
first, and the people, countries and topics of exactly that set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from search.engine import Engine, EngineQuery, Filters
from search.models import Article, FacetValue, Sort, valid_month_day

#: The most articles one page lists; the rest are a search away.
LIMIT = 100
FACET_TOP = 12


@dataclass(frozen=True, slots=True)
class OnThisDay:
    day: str  # MM-DD
    total: int
    #: (year, that year's articles), newest year first; at most `LIMIT` articles in all.
    years: list[tuple[int, list[Article]]]
    facets: dict[str, list[FacetValue]]
    partial: bool = False

    @property
    def shown(self) -> int:
        return sum(len(articles) for _, articles in self.years)


def on_this_day(engine: Engine, day: str, limit: int = LIMIT) -> OnThisDay:
    if not valid_month_day(day):
        raise ValueError(f"not a day of the year (MM-DD): {day!r}")
    results = engine.query(
        EngineQuery(None, Filters(day=day), sort=Sort.NEWEST, limit=limit, facet_limit=FACET_TOP)
    )
    articles = [h.article for h in results.hits if h.article.date is not None]
    years = [(year, list(group)) for year, group in groupby(articles, key=lambda a: a.date.year)]  # type: ignore[union-attr]
    facets = {f: results.facets.get(f, []) for f in ("person", "country", "topic")}
    return OnThisDay(day, results.total, years, facets, results.partial)


def neighbours(day: str) -> tuple[str, str]:
    """The days before and after `day` in a leap year, so 29 February has both."""
    current = dt.date(2000, int(day[:2]), int(day[3:]))
    before = current - dt.timedelta(days=1) if current != dt.date(2000, 1, 1) else dt.date(2000, 12, 31)
    after = current + dt.timedelta(days=1) if current != dt.date(2000, 12, 31) else dt.date(2000, 1, 1)
    return before.strftime("%m-%d"), after.strftime("%m-%d")
