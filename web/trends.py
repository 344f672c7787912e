"""Attention over time: `/trends` (the chart), `/api/trends` (its JSON) and `/trends.csv`.

The three read the same parameters (`web.trend_params`) and draw from the same `Trend`
(`search.trends`), so the page, the JSON and the spreadsheet never disagree.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Blueprint, Response, render_template, request

from search.models import SearchRequest
from search.significant import SignificantTerms, Term, significant_terms
from search.trends import MAX_PERIODS, Interval, Period, Series, Trend, period_count, restricted, trend
from web.charts import MONTHS, month_day_name, month_name
from web.context import archive
from web.params import ParamError
from web.templating import day
from web.trend_chart import draw, percent
from web.trend_params import TrendParams, parse_trend, trend_url
from web.urls import LIST_FIELDS, search_url

bp = Blueprint("trends", __name__)


@bp.get("/trends")
def trends_page() -> str:
    params = parse_trend(request.args)
    found = _trend(params)
    labels = [describe(r) for r in params.requests]
    chart = None
    if found is not None:
        chart = draw(
            found,
            params.measure,
            labels,
            lambda s, p: search_url(restricted(s.request, p)),
            period_name,
            short_period_name,
        )
    terms = [significant_terms(archive().engine, r) for r in params.requests] if found else []
    return render_template(
        "trends.html",
        params=params,
        trend=found,
        chart=chart,
        labels=labels,
        terms=terms,
        period_name=period_name,
        percent=percent,
        remove_urls=[
            trend_url([r for r in params.requests if r is not kept], params.interval, params.measure)
            for kept in params.requests
        ],
        switch_measure=trend_url(
            params.requests, params.interval, "count" if params.measure == "share" else "share"
        ),
        interval_urls={
            i.value: trend_url(params.requests, i, params.measure) for i in _drawable_intervals(found)
        },
        auto_url=trend_url(params.requests, None, params.measure),
        exports={
            "JSON": trend_url(params.requests, params.interval, params.measure, "/api/trends"),
            "CSV": trend_url(params.requests, params.interval, params.measure, "/trends.csv"),
        },
        Interval=Interval,
    )


@bp.get("/api/trends")
def trends_json() -> dict[str, Any]:
    params = parse_trend(request.args)
    if not params.requests:
        raise ParamError("Give at least one search: /api/trends?q=floods&q=drought")
    found = _trend(params)
    assert found is not None
    return {
        "interval": found.interval.value,
        "interval_chosen": "automatically" if found.automatic else "as asked",
        "measure": params.measure,
        "periods": [_period_json(p) for p in found.periods],
        "archive": {
            "counts": [
                {"period": p.name, "count": c}
                for p, c in zip(found.periods, found.archive_counts, strict=True)
            ],
            "undated": found.archive_undated,
        },
        "searches": [
            _series_json(s, label, significant_terms(archive().engine, s.request))
            for s, label in zip(found.series, [describe(r) for r in params.requests], strict=True)
        ],
    }


@bp.get("/trends.csv")
def trends_csv() -> Response:
    """One row per period: the archive's count, then each search's count and share."""
    params = parse_trend(request.args)
    if not params.requests:
        raise ParamError("Give at least one search: /trends.csv?q=floods&q=drought")
    found = _trend(params)
    assert found is not None
    out = io.StringIO()
    writer = csv.writer(out)
    labels = [describe(r) for r in params.requests]
    header = ["period", "from", "to", "archive articles"]
    for label in labels:
        header += [f"count: {label}", f"share: {label}"]
    writer.writerow(header)
    for i, period in enumerate(found.periods):
        row: list[object] = [
            period.name,
            period.start.isoformat(),
            period.end.isoformat(),
            found.archive_counts[i],
        ]
        for series in found.series:
            point = series.points[i]
            row += [point.count, "" if point.share is None else f"{point.share:.6f}"]
        writer.writerow(row)
    undated: list[object] = ["undated", "", "", found.archive_undated]
    for series in found.series:
        undated += [series.undated, ""]
    writer.writerow(undated)
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="broadsheet-trends.csv"'
    return response


def _trend(params: TrendParams) -> Trend | None:
    if not params.requests:
        return None
    try:
        return trend(archive().engine, params.requests, params.interval)
    except ValueError as error:  # too many periods for the interval asked for
        raise ParamError(str(error).capitalize() + ".") from None


def _drawable_intervals(found: Trend | None) -> list[Interval]:
    """The intervals this chart's span can be drawn in (at most `MAX_PERIODS` points)."""
    if found is None or not found.periods:
        return []
    first, last = found.periods[0].start, found.periods[-1].end
    return [i for i in Interval if period_count(first, last, i) <= MAX_PERIODS]


def describe(req: SearchRequest) -> str:
    """A search in words, for legends and column headings."""
    parts = [f"“{req.query}”" if req.query else "all articles"]
    for facet, field in LIST_FIELDS.items():
        parts += [f"{facet}: {value}" for value in getattr(req, field)]
    if req.date_from:
        parts.append(f"from {day(req.date_from)}")
    if req.date_to:
        parts.append(f"to {day(req.date_to)}")
    if req.day:
        parts.append(f"on {month_day_name(req.day)}")
    return ", ".join(parts)


def period_name(period: Period) -> str:
    """`3 Mar 2019`, `week of 4 Mar 2019`, `Mar 2019` or `2019`."""
    if period.start == period.end:
        return day(period.start)
    if "-W" in period.name:
        return f"week of {day(period.start)}"
    return month_name(period.name)


def short_period_name(period: Period) -> str:
    """An axis label: `4 Mar ’19` for days and weeks, `Mar 2019`, `2019`."""
    if period.start == period.end or "-W" in period.name:
        return f"{period.start.day} {MONTHS[period.start.month - 1]} ’{period.start.year % 100:02d}"
    return month_name(period.name)


def _period_json(period: Period) -> dict[str, str]:
    return {"period": period.name, "from": period.start.isoformat(), "to": period.end.isoformat()}


def _series_json(series: Series, label: str, terms: SignificantTerms) -> dict[str, Any]:
    return {
        "query": series.request.query,
        "label": label,
        "search_url": search_url(series.request),
        "total": series.total,
        "undated": series.undated,
        "partial": series.partial,
        "series": [
            {
                "period": point.period.name,
                "count": point.count,
                "share": point.share,
                "search_url": search_url(restricted(series.request, point.period)),
                "api_url": search_url(restricted(series.request, point.period), "/api/search"),
            }
            for point in series.points
        ],
        "significant": {
            "sampled": terms.sampled,
            "matches": terms.matches,
            "words": [_term_json(t) for t in terms.words],
            "names": [_term_json(t) for t in terms.names],
        },
    }


def _term_json(term: Term) -> dict[str, Any]:
    return {
        "text": term.text,
        "kind": term.kind,
        "count": term.count,
        "expected": round(term.expected, 3),
        "score": round(term.score, 3),
    }
