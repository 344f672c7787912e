"""What a results page shows beyond the hits: active filters, date charts, ways out, pages.

Built from `SearchResults` alone, so the template only lays it out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from search.archive import period_notice
from search.engine import DateCounts
from search.models import FacetValue, SearchResults, Sort, month_end
from web.charts import Chart, histogram, month_day_name
from web.params import MAX_PAGE
from web.templating import day
from web.trend_params import trend_url
from web.urls import LIST_FIELDS, everywhere_url, search_url, toggle_url, without_dates, without_filters

#: A query made of plain words only (no quotes, fields, operators or wildcards).
_PLAIN = re.compile(r"[\w'-]+(\s+[\w'-]+)+")
_OPERATORS = {"AND", "OR", "NOT"}
#: Matches spanning at most this many days (and calendar months) get a bar per day...
QUARTER_DAYS = 92
QUARTER_MONTHS = 3
#: ... and at most this many calendar months a bar per month.
YEAR_MONTHS = 12


@dataclass(frozen=True, slots=True)
class Filter:
    facet: str
    label: str
    remove_url: str


@dataclass(frozen=True, slots=True)
class WayOut:
    text: str
    url: str


class ResultsView:
    def __init__(self, results: SearchResults, days: DateCounts | None = None) -> None:
        """`days`: the matches per day, when they may fall within a quarter (`may_need_days`)."""
        self.results = results
        self.req = results.request
        self.days = days

    @cached_property
    def notices(self) -> list[str]:
        """The notices shown as they are: all but the named time's, which `period` links."""
        if self.results.period is None:
            return list(self.results.notices)
        shown = period_notice(self.results.period)
        return [n for n in self.results.notices if n != shown]

    @cached_property
    def everywhere_url(self) -> str | None:
        """The same search without preferring the time its words named, when they named one."""
        return None if self.results.period is None else everywhere_url(self.req)

    @staticmethod
    def may_need_days(results: SearchResults) -> bool:
        """Whether the matches fall within `QUARTER_MONTHS` months, so bars may be days."""
        span = _month_span(results)
        return span is not None and span <= QUARTER_MONTHS

    @cached_property
    def filters(self) -> list[Filter]:
        """The active filters, each with the link that removes it."""
        found = [
            Filter(facet, value, toggle_url(self.req, facet, value))
            for facet, field in LIST_FIELDS.items()
            for value in getattr(self.req, field)
        ]
        if self.req.date_from or self.req.date_to:
            found.append(Filter("date", self.date_label, without_dates(self.req)))
        if self.req.day:
            found.append(Filter("day", month_day_name(self.req.day), search_url(self.req, day=None)))
        return found

    @property
    def date_label(self) -> str:
        months = self.req.selected("month")
        years = self.req.selected("year")
        if months:
            return months[0]
        if years:
            return years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"
        start = day(self.req.date_from) if self.req.date_from else "the beginning"
        end = day(self.req.date_to) if self.req.date_to else "today"
        return f"{start} – {end}"

    @property
    def all_years_url(self) -> str:
        return without_dates(self.req)

    @property
    def clear_url(self) -> str:
        return without_filters(self.req)

    @property
    def date_unit(self) -> str:
        """The bars' interval, by the span of the matches: days within a quarter (92 days),
        months within a year, years beyond."""
        span = _month_span(self.results)
        if span is None:
            return "year"
        days = self.days.days if self.days is not None else {}
        if span <= QUARTER_MONTHS and days and (max(days) - min(days)).days < QUARTER_DAYS:
            return "day"
        return "month" if span <= YEAR_MONTHS else "year"

    @cached_property
    def date_chart(self) -> tuple[str, Chart | None]:
        """Bars of the matches per year, month or day (`date_unit`); each narrows the search to itself."""
        unit = self.date_unit
        if unit == "day":
            assert self.days is not None
            values = [FacetValue(d.isoformat(), c, self._one_day(d)) for d, c in self.days.days.items()]
            return "day", histogram(values, self._day_url, unit="day")
        if unit == "month":
            values = self.results.facets.get("month", [])
            return "month", histogram(values, lambda m: toggle_url(self.req, "month", m), unit="month")
        values = self.results.facets.get("year", [])
        return "year", histogram(values, lambda y: toggle_url(self.req, "year", y))

    def _one_day(self, day: dt.date) -> bool:
        return self.req.date_from == day and self.req.date_to == day

    def _day_url(self, value: str) -> str:
        """A day's bar narrows to it; the chosen day's bar goes back to its month."""
        day = dt.date.fromisoformat(value)
        if self._one_day(day):
            return search_url(self.req, date_from=day.replace(day=1), date_to=month_end(day))
        return search_url(self.req, date_from=day, date_to=day)

    @cached_property
    def ways_out(self) -> list[WayOut]:
        """When nothing matches: a better spelling, dropping a filter, or any of the words."""
        if self.results.total:
            return []
        ways = []
        if self.results.suggestion:
            ways.append(WayOut(f"Search for {self.results.suggestion}", self.suggestion_url))
        ways.extend(WayOut(f"Remove the filter {f.label}", f.remove_url) for f in self.filters)
        if any_words := self.any_words_query:
            ways.append(WayOut(f"Match any of the words: {any_words}", search_url(self.req, query=any_words)))
        return ways

    @property
    def suggestion_url(self) -> str:
        return search_url(self.req, query=self.results.suggestion or "")

    @property
    def any_words_query(self) -> str | None:
        query = self.req.query
        if not _PLAIN.fullmatch(query) or _OPERATORS & set(query.split()):
            return None
        return " OR ".join(query.split())

    @property
    def last_page(self) -> int:
        return min(self.results.pages, MAX_PAGE)

    @property
    def page_links(self) -> list[tuple[int, str]]:
        """A window of page numbers around the current one."""
        page = self.req.page
        first, last = max(1, page - 3), min(self.last_page, page + 3)
        return [(n, search_url(self.req, page=n)) for n in range(first, last + 1)]

    def page_url(self, page: int) -> str:
        return search_url(self.req, page=page)

    @property
    def exports(self) -> dict[str, str]:
        return {
            "JSON": search_url(self.req, "/api/search"),
            "CSV": search_url(self.req, "/search.csv"),
            "Atom feed": search_url(self.req, "/search.atom"),
        }

    @property
    def compare_url(self) -> str:
        """This search as the first line of a trend chart, where others can be added."""
        return trend_url([dataclasses.replace(self.req, sort=Sort.RELEVANCE, page=1)])

    @property
    def first_shown(self) -> int:
        return min(self.results.entries, self.req.offset + 1)

    @property
    def last_shown(self) -> int:
        return min(self.results.entries, self.req.offset + len(self.results.hits))


def _month_span(results: SearchResults) -> int | None:
    """How many calendar months the dated matches run over, first to last; None when none are dated."""
    months = sorted(v.value for v in results.facets.get("month", []) if v.count)
    if not months:
        return None
    first, last = (dt.date.fromisoformat(f"{m}-01") for m in (months[0], months[-1]))
    return (last.year - first.year) * 12 + last.month - first.month + 1
