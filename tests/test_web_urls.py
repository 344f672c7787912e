"""The URL grammar: requests -> links and back, and facet toggles that walk dates down and up."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

from werkzeug.datastructures import MultiDict

from search.models import SearchRequest, Sort
from web.params import parse_search
from web.urls import search_url, toggle_url, toggled, without_filters


def args(url: str) -> MultiDict[str, str]:
    return MultiDict(
        [(k, v) for k, vs in parse_qs(urlsplit(url).query, keep_blank_values=True).items() for v in vs]
    )


def test_defaults_are_left_out_of_links() -> None:
    assert search_url(SearchRequest()) == "/search"
    assert search_url(SearchRequest(query="budget")) == "/search?q=budget"


def test_a_link_reads_back_as_the_same_request() -> None:
    req = SearchRequest(
        query='"line of control" & more',
        people=("Imran Khan", "Asad Umar"),
        countries=("India",),
        topics=("economy, business and finance",),
        date_from=dt.date(2019, 1, 1),
        date_to=dt.date(2019, 12, 31),
        sort=Sort.OLDEST,
        page=3,
        per_page=25,
    )
    assert parse_search(args(search_url(req))) == req


def test_changing_anything_but_the_page_goes_back_to_page_one() -> None:
    req = SearchRequest(query="budget", page=4)
    assert "page=" not in search_url(req, sort=Sort.NEWEST)
    assert "page=5" in search_url(req, page=5)


def test_person_toggle_adds_then_removes() -> None:
    req = SearchRequest(query="budget", people=("Asad Umar",), page=2)
    added = toggled(req, "person", "Imran Khan")
    assert added.people == ("Asad Umar", "Imran Khan") and added.page == 1
    assert toggled(added, "person", "Asad Umar").people == ("Imran Khan",)


def test_year_then_month_then_back_up() -> None:
    year = toggled(SearchRequest(), "year", "2019")
    assert (year.date_from, year.date_to) == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert year.selected("year") == ("2019",)
    month = toggled(year, "month", "2019-02")
    assert (month.date_from, month.date_to) == (dt.date(2019, 2, 1), dt.date(2019, 2, 28))
    assert month.selected("month") == ("2019-02",)
    assert toggled(month, "month", "2019-02") == year
    assert toggled(year, "year", "2019") == SearchRequest()


def test_toggle_url_can_point_at_the_api() -> None:
    url = toggle_url(SearchRequest(query="x"), "country", "United States", "/api/search")
    assert url == "/api/search?q=x&country=United+States"


def test_toggle_url_is_the_toggled_requests_link() -> None:
    """Its shortcut for list facets (the rest of the request encoded once) changes no link."""
    requests = [
        SearchRequest(),
        SearchRequest(query="budget & more", page=3),
        SearchRequest(
            query='"line of control"',
            people=("Imran Khan", "Asad Umar"),
            countries=("India",),
            topics=("economy, business and finance",),
            date_from=dt.date(2019, 1, 1),
            date_to=dt.date(2019, 12, 31),
            day="03-31",
            sort=Sort.OLDEST,
            page=2,
            per_page=25,
        ),
        SearchRequest(countries=("São Tomé",), sort=Sort.NEWEST),
        SearchRequest(query="floods", date_from=dt.date(2019, 2, 1), date_to=dt.date(2019, 2, 28), page=4),
        SearchRequest(date_from=dt.date(2020, 1, 1), day="08-25", collapse=False, explain=True),
    ]
    values = ["Imran Khan", "Asad Umar", "India", "São Tomé", "a&b=c+d/é", "economy, business and finance"]
    dates = {"year": ["2019", "2020", "1998"], "month": ["2019-02", "2019-03", "2020-01", "1998-12"]}
    for req in requests:
        for facet, facet_values in [*((f, values) for f in ("person", "country", "topic")), *dates.items()]:
            for value in facet_values:
                for path in ("/search", "/api/search", "/facet/person"):
                    assert toggle_url(req, facet, value, path) == search_url(toggled(req, facet, value), path)


def test_clear_all_keeps_words_and_sort() -> None:
    req = SearchRequest(
        query="floods", people=("A",), topics=("weather",), date_from=dt.date(2017, 1, 1), sort=Sort.NEWEST
    )
    assert without_filters(req) == "/search?q=floods&sort=newest"


def test_the_day_filter_round_trips() -> None:
    req = SearchRequest(query="floods", day="08-25")
    assert search_url(req) == "/search?q=floods&day=08-25"
    assert "day" not in without_filters(req)
