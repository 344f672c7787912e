"""The trend chart's URL grammar: up to six searches in one address.

`q` is repeated, once per search. A filter the results page takes (`person`, `country`,
`topic`, `from`, `to`, `day`) applies to every search when written plainly, and to
search N alone with N after its name (`country2=Pakistan`: the second search only).
So `/trends?q=floods&q=drought&country=Pakistan` compares two searches within Pakistan,
and a results page's own address becomes a one-line trend by renaming nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from search.models import SearchRequest
from search.trends import MAX_SERIES, Interval
from web.params import MultiArgs, ParamError, parse_search
from web.urls import query_pairs

#: Filters that can be given to one search (suffixed) or to all of them (plain).
FILTERS = ("person", "country", "organisation", "topic", "from", "to", "day")
MEASURES = ("share", "count")


@dataclass(frozen=True, slots=True)
class TrendParams:
    requests: list[SearchRequest]
    #: None: chosen from the span.
    interval: Interval | None
    measure: str  # "share" or "count"


def parse_trend(args: MultiArgs) -> TrendParams:
    texts = args.getlist("q")
    if len(texts) > MAX_SERIES:
        raise ParamError(f"A chart compares at most {MAX_SERIES} searches.")
    requests = []
    for number, text in enumerate(texts, start=1):
        own = MultiDict([("q", text)])
        has_own = False
        for name in FILTERS:
            for value in args.getlist(f"{name}{number}"):
                own.add(name, value)
                has_own = has_own or bool(value.strip())
            for value in args.getlist(name):
                own.add(name, value)
        if text.strip() or has_own:
            requests.append(parse_search(own))
    return TrendParams(requests, _interval(args.get("interval")), _measure(args.get("measure")))


def trend_pairs(
    requests: list[SearchRequest], interval: Interval | None = None, measure: str = "share"
) -> list[tuple[str, str]]:
    """The parameters of a chart of `requests`, each search's filters suffixed with its number."""
    pairs: list[tuple[str, str]] = [("q", r.query) for r in requests]
    for number, request in enumerate(requests, start=1):
        pairs += [(f"{name}{number}", value) for name, value in query_pairs(request) if name in FILTERS]
    if interval is not None:
        pairs.append(("interval", interval.value))
    if measure != "share":
        pairs.append(("measure", measure))
    return pairs


def trend_url(
    requests: list[SearchRequest],
    interval: Interval | None = None,
    measure: str = "share",
    path: str = "/trends",
) -> str:
    return f"{path}?{urlencode(trend_pairs(requests, interval, measure))}"


def _interval(raw: str | None) -> Interval | None:
    raw = (raw or "").strip().lower()
    if not raw or raw == "auto":
        return None
    try:
        return Interval(raw)
    except ValueError:
        choices = ", ".join(i.value for i in Interval)
        raise ParamError(f"Unknown interval {raw[:40]!r}: use one of {choices}, or leave it out.") from None


def _measure(raw: str | None) -> str:
    raw = (raw or "").strip().lower() or "share"
    if raw not in MEASURES:
        raise ParamError(f"Unknown measure {raw[:40]!r}: use share or count.")
    return raw
