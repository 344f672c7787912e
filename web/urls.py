"""Search URLs as a pure function of a `SearchRequest`.

Every view, template, the JSON API and the command line build links here, so one URL
grammar (`q`, `person`, `country`, `organisation`, `topic`, `from`, `to`, `day`, `sort`, `page`,
`per_page`, `collapse`, `anytime`, `explain`)
holds everywhere and no caller needs a Flask request context.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import lru_cache
from typing import Any
from urllib.parse import quote_plus, urlencode

from search.models import DEFAULT_PER_PAGE, SearchRequest, Sort, month_end

#: Request fields that hold the selected values of each list facet.
LIST_FIELDS: dict[str, str] = {
    "person": "people",
    "country": "countries",
    "organisation": "organisations",
    "topic": "topics",
}


def query_pairs(request: SearchRequest) -> list[tuple[str, str]]:
    """The request as URL parameters, leaving out defaults so links stay short."""
    pairs: list[tuple[str, str]] = []
    if request.query:
        pairs.append(("q", request.query))
    for facet, field in LIST_FIELDS.items():
        pairs.extend((facet, value) for value in getattr(request, field))
    if request.date_from:
        pairs.append(("from", request.date_from.isoformat()))
    if request.date_to:
        pairs.append(("to", request.date_to.isoformat()))
    if request.day:
        pairs.append(("day", request.day))
    if request.sort is not Sort.RELEVANCE:
        pairs.append(("sort", request.sort.value))
    if request.page != 1:
        pairs.append(("page", str(request.page)))
    if request.per_page != DEFAULT_PER_PAGE:
        pairs.append(("per_page", str(request.per_page)))
    if not request.collapse:
        pairs.append(("collapse", "0"))
    if request.anytime:
        pairs.append(("anytime", "1"))
    if request.explain:
        pairs.append(("explain", "1"))
    return pairs


def search_url(request: SearchRequest, path: str = "/search", **changes: Any) -> str:
    """A relative URL for `request` with `changes` applied (dataclass field names).

    Changing anything but the page goes back to page 1, as a new result set starts there.
    """
    if changes and "page" not in changes:
        changes["page"] = 1
    if "sort" in changes:
        changes["sort"] = Sort(changes["sort"])
    changed = dataclasses.replace(request, **changes) if changes else request
    query = urlencode(query_pairs(changed))
    return f"{path}?{query}" if query else path


def toggled(request: SearchRequest, facet: str, value: str) -> SearchRequest:
    """The request with one facet value selected if it was not, or removed if it was.

    A year selects the whole year; a month selects that month, and removing a month goes
    back to its year, so the date histogram can be walked down and up again.
    """
    if facet in LIST_FIELDS:
        change: dict[str, Any] = {LIST_FIELDS[facet]: _toggled_values(request, facet, value)}
        return dataclasses.replace(request, page=1, **change)
    date_from, date_to = _toggled_dates(request, facet, value)
    return dataclasses.replace(request, page=1, date_from=date_from, date_to=date_to)


def _toggled_values(request: SearchRequest, facet: str, value: str) -> tuple[str, ...]:
    """A list facet's selected values with `value` added, or removed if it was there."""
    current: tuple[str, ...] = getattr(request, LIST_FIELDS[facet])
    return tuple(v for v in current if v != value) if value in current else (*current, value)


def _toggled_dates(request: SearchRequest, facet: str, value: str) -> tuple[dt.date | None, dt.date | None]:
    """The dates a year or month facet value's link sets (see `toggled`)."""
    if facet == "year":
        if value in request.selected("year"):
            return None, None
        year = int(value)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if facet == "month":
        first = dt.date.fromisoformat(f"{value}-01")
        if value in request.selected("month"):
            return dt.date(first.year, 1, 1), dt.date(first.year, 12, 31)
        return first, month_end(first)
    raise KeyError(facet)


def toggle_url(request: SearchRequest, facet: str, value: str, path: str = "/search") -> str:
    """The link that selects or removes one facet value.

    A results page links every facet value, person and country tag it shows (over a hundred
    links; at a million articles the month facet alone has hundreds): only the facet's own
    parameters are encoded per link, around the rest of the request encoded once (the same
    URL `search_url(toggled(...))` gives)."""
    if facet in LIST_FIELDS:
        before, after = _around(request, facet)
        own = "&".join(f"{facet}={quote_plus(v)}" for v in _toggled_values(request, facet, value))
    else:
        dates = zip(("from", "to"), _toggled_dates(request, facet, value), strict=True)
        before, after = _around_dates(request)
        own = "&".join(f"{name}={day.isoformat()}" for name, day in dates if day)
    query = "&".join(part for part in (before, own, after) if part)
    return f"{path}?{query}" if query else path


#: A value no facet holds, marking where a facet's parameters go among the others.
_MARK = "\x00"


@lru_cache(maxsize=256)
def _around(request: SearchRequest, facet: str) -> tuple[str, str]:
    """The request's parameters (on page 1) before and after `facet`'s own, URL-encoded."""
    change: dict[str, Any] = {LIST_FIELDS[facet]: (_MARK,)}
    marked = dataclasses.replace(request, page=1, **change)
    pairs = query_pairs(marked)
    at = pairs.index((facet, _MARK))
    return urlencode(pairs[:at]), urlencode(pairs[at + 1 :])


#: A date no request holds, marking where the dates go among the other parameters.
_MARK_DAY = dt.date.min


@lru_cache(maxsize=256)
def _around_dates(request: SearchRequest) -> tuple[str, str]:
    """The request's parameters (on page 1) before and after its dates, URL-encoded."""
    pairs = query_pairs(dataclasses.replace(request, page=1, date_from=_MARK_DAY, date_to=None))
    at = pairs.index(("from", _MARK_DAY.isoformat()))
    return urlencode(pairs[:at]), urlencode(pairs[at + 1 :])


def everywhere_url(request: SearchRequest, path: str = "/search") -> str:
    """The same search with a time named among its words read as words ("search everywhere")."""
    return search_url(request, path, anytime=True)


def without_dates(request: SearchRequest, path: str = "/search") -> str:
    return search_url(request, path, date_from=None, date_to=None)


def without_filters(request: SearchRequest, path: str = "/search") -> str:
    """Keep the words and the sort, drop every facet and date filter ("clear all")."""
    return search_url(
        request,
        path,
        people=(),
        countries=(),
        organisations=(),
        topics=(),
        date_from=None,
        date_to=None,
        day=None,
    )
