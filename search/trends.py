"""Attention over time: how many articles a search matches per day, week, month or year,
and what share of everything published in that period they are.

Counts come from `Engine.dates` (matches per day) summed into periods here, so every
engine draws the same lines and a period's count is exactly what the same search,
restricted to that period's dates, counts. Shares divide by the archive's own count
for the period, since an archive holds more articles some years than others.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from search.archive import request_filters
from search.engine import DateCounts, Engine, Filters
from search.models import SearchRequest, month_end
from search.parser import parse

#: The most searches one chart compares.
MAX_SERIES = 6
#: Spans up to these lengths are drawn by day, by week and by month; longer ones by year.
DAY_SPAN_DAYS = 90
WEEK_SPAN_YEARS = 2
MONTH_SPAN_YEARS = 20
#: More periods than this are refused: a chart of them could not be read or drawn.
MAX_PERIODS = 2000


class Interval(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def choose_interval(first: dt.date, last: dt.date) -> Interval:
    """Day up to 90 days (first to last, both counted), week up to 2 years, month up to
    20 years, year beyond."""
    if (last - first).days + 1 <= DAY_SPAN_DAYS:
        return Interval.DAY
    if last < add_years(first, WEEK_SPAN_YEARS):
        return Interval.WEEK
    if last < add_years(first, MONTH_SPAN_YEARS):
        return Interval.MONTH
    return Interval.YEAR


@dataclass(frozen=True, slots=True)
class Period:
    """One interval of the chart: its first and last day, and its name (`2019-03-04`,
    `2019-W10`, `2019-03`, `2019`)."""

    start: dt.date
    end: dt.date
    name: str


def period_of(day: dt.date, interval: Interval) -> Period:
    """The period that holds `day`. Weeks are ISO weeks, Monday to Sunday."""
    if interval is Interval.DAY:
        return Period(day, day, day.isoformat())
    if interval is Interval.WEEK:
        start = day - dt.timedelta(days=day.weekday())
        year, week, _ = start.isocalendar()
        return Period(start, start + dt.timedelta(days=6), f"{year}-W{week:02d}")
    if interval is Interval.MONTH:
        start = day.replace(day=1)
        return Period(start, month_end(start), start.strftime("%Y-%m"))
    return Period(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), str(day.year))


def period_count(first: dt.date, last: dt.date, interval: Interval) -> int:
    """How many periods `periods(first, last, interval)` would hold, without making them."""
    if interval is Interval.DAY:
        return (last - first).days + 1
    if interval is Interval.WEEK:
        return (period_of(last, interval).start - period_of(first, interval).start).days // 7 + 1
    if interval is Interval.MONTH:
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return last.year - first.year + 1


def periods(first: dt.date, last: dt.date, interval: Interval) -> list[Period]:
    """Every period from the one holding `first` to the one holding `last`, empty ones included."""
    found = [period_of(first, interval)]
    while found[-1].end < last:
        if len(found) == MAX_PERIODS:
            raise ValueError(
                f"{first} to {last} by {interval.value} is more than {MAX_PERIODS} points: "
                "choose a longer interval or a shorter span"
            )
        found.append(period_of(found[-1].end + dt.timedelta(days=1), interval))
    return found


@dataclass(frozen=True, slots=True)
class Point:
    period: Period
    count: int
    #: `count` over the archive's articles in the period; None when the archive has none.
    share: float | None


@dataclass(frozen=True, slots=True)
class Series:
    request: SearchRequest
    #: Every match, dated or not (what the search itself counts).
    total: int
    undated: int
    points: list[Point]
    partial: bool = False

    @property
    def peak(self) -> Point | None:
        return max(self.points, key=lambda p: p.count, default=None)


@dataclass(frozen=True, slots=True)
class Trend:
    interval: Interval
    #: Whether `interval` was chosen by the span (False: asked for).
    automatic: bool
    periods: list[Period]
    series: list[Series]
    #: How many articles the whole archive holds in each period, and undated.
    archive_counts: list[int]
    archive_undated: int


def trend(engine: Engine, requests: Sequence[SearchRequest], interval: Interval | None = None) -> Trend:
    """Each search's matches per period, over the span of all their matches (or of their
    date filters, where every search sets both ends); `interval` overrides the rule."""
    if not 1 <= len(requests) <= MAX_SERIES:
        raise ValueError(f"a trend compares 1 to {MAX_SERIES} searches")
    counted = [engine.dates(parse(r.query).node, request_filters(r)) for r in requests]
    everything = engine.dates(None, Filters())
    first, last = _span(requests, counted)
    if first is None or last is None:
        return Trend(interval or Interval.YEAR, interval is None, [], [], [], everything.undated)
    chosen = interval or choose_interval(first, last)
    spans = periods(first, last, chosen)
    archive_counts = _sum_by_period(everything, spans)
    series = [
        _series(request, counts, spans, archive_counts)
        for request, counts in zip(requests, counted, strict=True)
    ]
    return Trend(chosen, interval is None, spans, series, archive_counts, everything.undated)


def restricted(request: SearchRequest, period: Period) -> SearchRequest:
    """The search narrowed to one period (within its own dates): what a point links to,
    and what counts exactly the articles the point counts."""
    start = max(period.start, request.date_from) if request.date_from else period.start
    end = min(period.end, request.date_to) if request.date_to else period.end
    return dataclasses.replace(request, date_from=start, date_to=end, page=1)


def _span(
    requests: Sequence[SearchRequest], counted: list[DateCounts]
) -> tuple[dt.date | None, dt.date | None]:
    if all(r.date_from and r.date_to for r in requests):
        return min(r.date_from for r in requests), max(r.date_to for r in requests)  # type: ignore[type-var]
    days = [day for counts in counted for day in counts.days]
    return (min(days), max(days)) if days else (None, None)


def _sum_by_period(counts: DateCounts, spans: list[Period]) -> list[int]:
    """Per-day counts summed into `spans` (consecutive periods); days outside them are left out."""
    totals = [0] * len(spans)
    starts = [p.start for p in spans]
    for day, count in counts.days.items():
        if spans and spans[0].start <= day <= spans[-1].end:
            totals[bisect_right(starts, day) - 1] += count
    return totals


def _series(
    request: SearchRequest, counts: DateCounts, spans: list[Period], archive_counts: list[int]
) -> Series:
    summed = _sum_by_period(counts, spans)
    points = [
        Point(period, count, count / whole if whole else None)
        for period, count, whole in zip(spans, summed, archive_counts, strict=True)
    ]
    return Series(request, counts.total, counts.undated, points, counts.partial)
