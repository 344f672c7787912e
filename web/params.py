"""HTTP parameters -> `SearchRequest`, refusing bad input with a message a person can act on.

Views never read `request.args` for search state themselves: they call `parse_search`,
so the page, the JSON API and the exports accept and reject exactly the same URLs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol
from urllib.parse import unquote_to_bytes

from search.models import (
    DEFAULT_PER_PAGE,
    MAX_PER_PAGE,
    MAX_RESULT_DEPTH,
    SearchRequest,
    Sort,
    valid_month_day,
)

#: Deeper pages are refused: nobody reads them, and they make engines rank everything.
MAX_PAGE = 1000
MAX_QUERY_CHARS = 1000
MAX_VALUES = 20


class ParamError(ValueError):
    """A parameter that cannot be read; its message is shown to the user as is."""


class MultiArgs(Protocol):
    """What `parse_search` needs from a query string (werkzeug's MultiDict has it)."""

    def get(self, key: str) -> str | None: ...

    def getlist(self, key: str) -> list[str]: ...


def check_utf8(raw_query: bytes) -> None:
    """Refuse a query string whose %-escapes are not UTF-8, instead of guessing at it."""
    for pair in raw_query.split(b"&"):
        try:
            unquote_to_bytes(pair.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            raise ParamError("The address contains characters that are not valid UTF-8.") from None


def parse_search(args: MultiArgs, default_per_page: int = DEFAULT_PER_PAGE) -> SearchRequest:
    """Read `q`, `person`, `country`, `organisation`, `topic`, `from`, `to`, `day`, `sort`, `page`,
    `per_page`, `collapse`, `anytime` (1: a time named among the words is searched as words, not
    preferred) and `explain` (1: each result says why it ranks where it does)."""
    query = " ".join((args.get("q") or "").split())
    if len(query) > MAX_QUERY_CHARS:
        raise ParamError(f"The query is too long: at most {MAX_QUERY_CHARS} characters.")
    date_from = _date(args.get("from"), "from")
    date_to = _date(args.get("to"), "to")
    if date_from and date_to and date_from > date_to:
        raise ParamError("The 'from' date is after the 'to' date.")
    page = _int(args.get("page"), "page", 1, 1, MAX_PAGE)
    per_page = _int(args.get("per_page"), "per_page", default_per_page, 1, MAX_PER_PAGE)
    if page * per_page > MAX_RESULT_DEPTH:
        raise ParamError(
            f"Pages reach only the first {MAX_RESULT_DEPTH:,} results (page {page} of {per_page} "
            f"a page goes to result {page * per_page:,}). Narrow the search with dates, a person, "
            "a country or a topic, or sort by oldest to see the far end."
        )
    return SearchRequest(
        query=query,
        people=_values(args.getlist("person"), "person"),
        countries=_values(args.getlist("country"), "country"),
        organisations=_values(args.getlist("organisation"), "organisation"),
        topics=_values(args.getlist("topic"), "topic"),
        date_from=date_from,
        date_to=date_to,
        day=month_day(args.get("day"), "day"),
        sort=_sort(args.get("sort")),
        page=page,
        per_page=per_page,
        collapse=_collapse(args.get("collapse")),
        anytime=_flag(args.get("anytime"), "anytime"),
        explain=_flag(args.get("explain"), "explain"),
    )


def _collapse(raw: str | None) -> bool:
    """`collapse=0` lists every article; absent (or 1) lists one entry per story."""
    raw = (raw or "").strip()
    if raw not in ("", "0", "1"):
        raise ParamError(
            f"'collapse' must be 0 (every article) or 1 (one entry per story), not {raw[:40]!r}."
        )
    return raw != "0"


def _flag(raw: str | None, name: str) -> bool:
    """`1` or `0` (absent: off)."""
    raw = (raw or "").strip()
    if raw in ("", "0"):
        return False
    if raw == "1":
        return True
    raise ParamError(f"'{name}' is 1 or 0, not {raw[:40]!r}.")


def _values(raw: Sequence[str], name: str) -> tuple[str, ...]:
    values = tuple(dict.fromkeys(v.strip() for v in raw if v.strip()))
    if len(values) > MAX_VALUES:
        raise ParamError(f"At most {MAX_VALUES} '{name}' filters at once.")
    return values


def _date(raw: str | None, name: str) -> dt.date | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw) if len(raw) == 10 else _not_a_date(raw, name)
    except ValueError:
        return _not_a_date(raw, name)


def month_day(raw: str | None, name: str) -> str | None:
    """A day of the year, `MM-DD` (`02-29` included), or None when absent."""
    raw = (raw or "").strip()
    if not raw:
        return None
    if not valid_month_day(raw):
        raise ParamError(f"'{name}' must be a day of the year written MM-DD, like 03-31, not {raw[:40]!r}.")
    return raw


def _not_a_date(raw: str, name: str) -> dt.date:
    raise ParamError(f"'{name}' must be a date written YYYY-MM-DD, like 2019-03-31, not {raw[:40]!r}.")


def _sort(raw: str | None) -> Sort:
    raw = (raw or "").strip().lower()
    if not raw:
        return Sort.RELEVANCE
    try:
        return Sort(raw)
    except ValueError:
        choices = ", ".join(s.value for s in Sort)
        raise ParamError(f"Unknown sort {raw[:40]!r}: use one of {choices}.") from None


def _int(raw: str | None, name: str, default: int, low: int, high: int) -> int:
    raw = (raw or "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9 or not low <= int(raw) <= high:
        raise ParamError(f"'{name}' must be a whole number from {low} to {high}, not {raw[:40]!r}.")
    return int(raw)
