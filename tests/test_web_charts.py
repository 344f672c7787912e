"""Date histograms: time order, gaps filled, bars scaled to the peak, labels that fit."""

from __future__ import annotations

from search.models import FacetValue
from web.charts import HEIGHT, MAX_LABELLED, histogram


def test_years_in_order_with_gaps_filled() -> None:
    chart = histogram([FacetValue("2020", 2), FacetValue("2017", 4, True)], lambda y: f"/y/{y}")
    assert chart is not None
    assert [b.value for b in chart.bars] == ["2017", "2018", "2019", "2020"]
    assert [b.count for b in chart.bars] == [4, 0, 0, 2]
    tallest = chart.bars[0]
    assert tallest.height == HEIGHT and tallest.y == 0 and tallest.selected and tallest.href == "/y/2017"
    assert chart.bars[3].height == HEIGHT / 2
    assert chart.labels == ["2017", "2018", "2019", "2020"]


def test_months_across_a_year_end_and_crowded_labels() -> None:
    chart = histogram([FacetValue("2018-11", 1), FacetValue("2019-02", 3)], str, unit="month")
    assert chart is not None
    assert [b.value for b in chart.bars] == ["2018-11", "2018-12", "2019-01", "2019-02"]
    assert chart.labels == ["N", "D", "J", "F"]
    longer = histogram([FacetValue("2018-01", 1), FacetValue("2020-02", 3)], str, unit="month")
    assert longer is not None and len(longer.bars) > MAX_LABELLED
    assert longer.labels == ["Jan 2018", "Feb 2020"]


def test_many_years_get_short_labels() -> None:
    chart = histogram([FacetValue("2015", 1), FacetValue("2025", 9)], str)
    assert chart is not None and len(chart.bars) == 11
    assert chart.labels[:2] == ["’15", "’16"] and chart.labels[-1] == "’25"


def test_nothing_to_draw() -> None:
    assert histogram([], str) is None
    assert histogram([FacetValue("not a year", 3)], str) is None


def test_days_fill_gaps_and_label_by_day_of_month() -> None:
    chart = histogram([FacetValue("2020-02-28", 1), FacetValue("2020-03-02", 2)], str, unit="day")
    assert chart is not None
    assert [b.value for b in chart.bars] == ["2020-02-28", "2020-02-29", "2020-03-01", "2020-03-02"]
    assert chart.labels == ["28", "29", "1", "2"] and chart.name("2020-02-29") == "29 Feb 2020"
