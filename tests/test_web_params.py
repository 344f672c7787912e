"""HTTP parameters -> SearchRequest: what is accepted, and the messages for what is not."""

from __future__ import annotations

import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from search.models import SearchRequest, Sort
from web.params import MAX_PAGE, ParamError, check_utf8, parse_search


def parse(**kwargs: str | list[str]) -> SearchRequest:
    return parse_search(MultiDict(kwargs))


def test_empty_parameters_are_the_default_request() -> None:
    assert parse() == SearchRequest()
    assert parse(q="  ", sort="", page="", per_page="", **{"from": "", "to": ""}) == SearchRequest()


def test_everything_is_read() -> None:
    req = parse(
        q=" imran   khan ",
        person=["Imran Khan", "", "Imran Khan"],
        country="Pakistan",
        topic=["politics", "sport"],
        sort="Newest",
        page="2",
        per_page="50",
        **{"from": "2019-01-01", "to": "2019-06-30"},
    )
    assert req == SearchRequest(
        query="imran khan",
        people=("Imran Khan",),
        countries=("Pakistan",),
        topics=("politics", "sport"),
        date_from=dt.date(2019, 1, 1),
        date_to=dt.date(2019, 6, 30),
        sort=Sort.NEWEST,
        page=2,
        per_page=50,
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sort": "loudest"}, "Unknown sort"),
        ({"page": "0"}, "'page' must be a whole number from 1"),
        ({"page": str(10**9)}, f"from 1 to {MAX_PAGE}"),
        ({"page": "-1"}, "'page'"),
        ({"page": "two"}, "'page'"),
        ({"page": "١"}, "'page'"),
        ({"per_page": str(10**6)}, "'per_page' must be a whole number from 1 to 100"),
        ({"from": "yesterday"}, "YYYY-MM-DD"),
        ({"to": "2019-02-30"}, "YYYY-MM-DD"),
        ({"from": "2019-12-31", "to": "2019-01-01"}, "after the 'to' date"),
        ({"q": "x" * 1001}, "too long"),
        ({"person": [f"p{i}" for i in range(21)]}, "At most 20"),
        ({"page": "101", "per_page": "100"}, "only the first 10,000 results"),
    ],
)
def test_bad_parameters_say_what_is_wrong(params: dict[str, str], message: str) -> None:
    with pytest.raises(ParamError, match=message):
        parse(**params)


def test_invalid_utf8_is_refused_and_valid_utf8_passes() -> None:
    check_utf8(b"q=%C3%A9t%C3%A9&person=Imran+Khan")
    with pytest.raises(ParamError, match="UTF-8"):
        check_utf8(b"q=%ff%fe")


def test_a_day_of_the_year_is_read_and_bad_ones_refused() -> None:
    assert parse(day="08-25").day == "08-25"
    assert parse(day="02-29").day == "02-29"
    for bad in ("8-25", "02-30", "13-01", "2019-08-25", "ab-cd"):
        with pytest.raises(ParamError, match="MM-DD"):
            parse(day=bad)
