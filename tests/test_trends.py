"""Period arithmetic, the interval rule, the chart's geometry and the G² statistic."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from search.models import Article, SearchRequest
from search.significant import _bound, g_squared
from search.trends import (
    Interval,
    Period,
    add_years,
    choose_interval,
    period_count,
    period_of,
    periods,
    restricted,
    trend,
)
from search.whoosh.engine import WhooshEngine
from web.trend_chart import DASHES, SHAPES, marker_path, nice_ceiling


def test_add_years_keeps_the_day_or_falls_back_from_a_leap_day() -> None:
    assert add_years(dt.date(2019, 3, 31), 2) == dt.date(2021, 3, 31)
    assert add_years(dt.date(2020, 2, 29), 1) == dt.date(2021, 2, 28)


def test_the_interval_rule_counts_both_ends() -> None:
    first = dt.date(2020, 2, 29)
    assert choose_interval(first, first) is Interval.DAY
    assert choose_interval(first, first + dt.timedelta(days=89)) is Interval.DAY
    assert choose_interval(first, first + dt.timedelta(days=90)) is Interval.WEEK
    assert choose_interval(first, dt.date(2022, 2, 27)) is Interval.WEEK
    assert choose_interval(first, dt.date(2022, 2, 28)) is Interval.MONTH
    assert choose_interval(first, dt.date(2040, 2, 28)) is Interval.MONTH
    assert choose_interval(first, dt.date(2040, 2, 29)) is Interval.YEAR


def test_periods_cover_the_span_without_gaps() -> None:
    months = periods(dt.date(2019, 11, 15), dt.date(2020, 2, 1), Interval.MONTH)
    assert [p.name for p in months] == ["2019-11", "2019-12", "2020-01", "2020-02"]
    assert months[0].start == dt.date(2019, 11, 1) and months[-1].end == dt.date(2020, 2, 29)
    for before, after in zip(months, months[1:], strict=False):
        assert after.start == before.end + dt.timedelta(days=1)
    assert period_of(dt.date(2021, 1, 3), Interval.WEEK).name == "2020-W53"
    assert period_of(dt.date(2021, 6, 9), Interval.YEAR) == Period(
        dt.date(2021, 1, 1), dt.date(2021, 12, 31), "2021"
    )
    for interval in Interval:
        first, last = dt.date(2018, 12, 30), dt.date(2021, 1, 4)
        assert period_count(first, last, interval) == len(periods(first, last, interval))
    with pytest.raises(ValueError, match="more than 2000 points"):
        periods(dt.date(1990, 1, 1), dt.date(2020, 1, 1), Interval.DAY)


def test_a_point_links_to_the_period_within_the_search_dates() -> None:
    request = SearchRequest(query="floods", date_from=dt.date(2019, 3, 10), page=3)
    narrowed = restricted(request, Period(dt.date(2019, 3, 1), dt.date(2019, 3, 31), "2019-03"))
    assert (narrowed.date_from, narrowed.date_to, narrowed.page) == (
        dt.date(2019, 3, 10),
        dt.date(2019, 3, 31),
        1,
    )


def test_a_trend_sums_days_into_periods_and_divides_by_the_archive(tmp_path: Path) -> None:
    day = dt.date
    dated = [day(2019, 1, 5), day(2019, 1, 5), day(2019, 2, 1), day(2019, 3, 9), day(2019, 3, 9)]
    articles = [
        Article(id=f"a{i}", title="Floods" if i % 2 == 0 else "Budget", body="Text.", date=d)
        for i, d in enumerate([*dated, None, None])
    ]
    engine = WhooshEngine(tmp_path)
    generation = engine.begin(fresh=True)
    generation.write(articles)
    generation.commit()
    engine.switch(generation)
    try:
        found = trend(engine, [SearchRequest(query="floods")], Interval.MONTH)
    finally:
        engine.close()
    assert [p.name for p in found.periods] == ["2019-01", "2019-02", "2019-03"]
    assert found.archive_counts == [2, 1, 2] and found.archive_undated == 2
    series = found.series[0]  # a0, a2 (Jan 5, Feb 1), a4 (Mar 9), a6 (undated)
    assert [(p.count, p.share) for p in series.points] == [(1, 0.5), (1, 1.0), (1, 0.5)]
    assert (series.total, series.undated) == (4, 1)


def test_g_squared_is_zero_at_the_expectation_and_grows_with_surprise() -> None:
    assert g_squared(10, 100, 0.1) == pytest.approx(0.0)
    assert g_squared(20, 100, 0.1) > g_squared(15, 100, 0.1) > 0
    expected = 2 * (20 * math.log(20 / 10) + 80 * math.log(80 / 90))
    assert g_squared(20, 100, 0.1) == pytest.approx(expected)
    # The bound used to stop looking up archive counts: no archive count k or more beats it.
    for archive_count in (5, 50, 500):
        assert g_squared(5, 100, archive_count / 60_000) <= _bound(5, 100, 60_000) + 1e-9


def test_lines_differ_without_colour_and_axes_are_round() -> None:
    assert len(set(DASHES)) == len(DASHES) == len(set(SHAPES)) == 6
    assert len({marker_path(s, 10, 10, 4) for s in SHAPES}) == 6
    assert [nice_ceiling(v) for v in (0.3, 4.1, 6.25, 18, 0)] == [0.5, 5, 10, 20, 1]
