"""Bounded queries through the real request path: every costly shape of request answers,
at once and with a notice, instead of holding a worker (issue 14).

Timing is never asserted (the machine is shared); what is asserted is the answer: a 200,
the notice that says what was left out, and `timed_out` when the budget is forced to run out.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator
from xml.etree import ElementTree as ET

import pytest
from browser.webindex import build_app
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from prometheus_client.parser import text_string_to_metric_families

from search.archive import Archive
from search.budget import MAX_EXPANDED_TERMS, TIMED_OUT_NOTICE
from web import create_app
from web.exports import CSV_COLUMNS

ATOM = "{http://www.w3.org/2005/Atom}"
FUZZY_FLOOD = " ".join(f"{a}{b}{c}~" for a, b, c in itertools.product("smc", "ao", "lnrtdkpbgmy"))[:319]
PREFIX_FLOOD = " ".join(f"{a}{b}*" for a, b in itertools.islice(itertools.product("bcdfghkl", "aeiou"), 32))


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return build_app(tmp_path_factory.mktemp("web-bounds"))


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def variant(app: Flask, **config: object) -> FlaskClient:
    """The same archive served with other settings."""
    return create_app({**app.config, **config}).test_client()


@pytest.fixture
def no_time(app: Flask) -> Iterator[FlaskClient]:
    """The archive with a budget so small every search runs out of it."""
    yield variant(app, ARCHIVE=Archive(app.config["ARCHIVE"].engine, budget=1e-9))


def api(client: FlaskClient, **params: str) -> dict:  # type: ignore[type-arg]
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 200, response.text[:300]
    return response.get_json()


def test_a_flood_of_fuzzy_words_searches_the_first_few_and_says_which_were_left_out(
    client: FlaskClient,
) -> None:
    assert FUZZY_FLOOD.count("~") == 64 and len(FUZZY_FLOOD) == 319
    body = api(client, q=FUZZY_FLOOD)
    (notice,) = [n for n in body["notices"] if "left out" in n]
    assert (
        f"Only {MAX_EXPANDED_TERMS} words with * or ~" in notice
        and "'sag~'" in notice
        and "and 46 more" in notice
    )
    assert body["timed_out"] is False


def test_a_flood_of_prefixes_is_capped_the_same_way(client: FlaskClient) -> None:
    body = api(client, q=PREFIX_FLOOD)
    (notice,) = [n for n in body["notices"] if "left out" in n]
    assert "'ci*'" not in notice and "'co*'" in notice and "and 14 more" in notice
    # Within the cap a prefix finds what its words find.
    assert api(client, q="budg*")["total"] == api(client, q="budget")["total"] > 0


def test_a_very_long_query_is_cut_with_a_notice(client: FlaskClient) -> None:
    words = " ".join(["budget", "vote", "assembly", "imran", "khan"] * 40)  # 200 words, 999 characters
    body = api(client, q=words[:999])
    assert any("more than 64 words" in n for n in body["notices"])
    too_long = client.get("/api/search", query_string={"q": "budget " * 200})
    assert too_long.status_code == 400 and "too long" in too_long.get_json()["error"]["message"]


def test_deep_pages_are_refused_with_a_way_forward(client: FlaskClient) -> None:
    assert client.get("/api/search?q=budget&page=100&per_page=100").status_code == 200
    for path in ("/api/search", "/search", "/search.csv"):
        response = client.get(f"{path}?q=budget&page=101&per_page=100")
        assert response.status_code == 400
        assert "only the first 10,000 results" in response.text and "Narrow the search" in response.text


def test_a_search_out_of_time_answers_200_with_what_it_has(no_time: FlaskClient) -> None:
    body = api(no_time, q="budget")
    assert body["timed_out"] is True and TIMED_OUT_NOTICE in body["notices"]
    page = no_time.get("/search?q=budget")
    assert page.status_code == 200
    notices = [p.get_text() for p in BeautifulSoup(page.text, "lxml").select("p.notice")]
    assert TIMED_OUT_NOTICE in notices


def test_every_costly_shape_answers_200(client: FlaskClient) -> None:
    for url in (
        f"/search?q={FUZZY_FLOOD}",
        f"/search?q={PREFIX_FLOOD}",
        "/search.csv?q=b*",
        "/search.atom?q=b*",
        "/facet/person",
        "/api/facet/person?prefix=a",
        "/country/Pakistan",
    ):
        assert client.get(url).status_code == 200, url


def csv_rows(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.text)))


def test_a_cut_export_says_so_in_its_last_row(app: Flask, client: FlaskClient) -> None:
    whole = csv_rows(client.get("/search.csv?q=budget"))
    assert len(whole) == 5 and not whole[-1][0].startswith("#")  # header and four articles
    cut = csv_rows(variant(app, EXPORT_LIMIT=2).get("/search.csv?q=budget"))
    assert len(cut) == 4 and all(len(row) == len(CSV_COLUMNS) for row in cut)
    assert cut[-1][0] == (
        "# 2 of 4 matching articles: an export holds at most 2 rows."
        " Narrow the search (dates, people, topics) to export the rest."
    )


def test_an_export_out_of_time_says_so(no_time: FlaskClient) -> None:
    rows = csv_rows(no_time.get("/search.csv?q=budget"))
    assert rows[-1][0].startswith("# The search took too long")


def test_feed_links_come_from_the_base_url_when_set(app: Flask, client: FlaskClient) -> None:
    behind = variant(app, BASE_URL="https://news.example.org/archive/")
    feed = ET.fromstring(behind.get("/search.atom?q=budget", headers={"Host": "evil.example"}).data)
    links = [feed.findtext(f"{ATOM}id")] + [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    links += [link.get("href") for link in feed.iter(f"{ATOM}link") if link.get("rel") != "related"]
    assert len(links) > 5
    assert all(link.startswith("https://news.example.org/archive/") for link in links), links
    assert all("evil.example" not in link for link in links)
    # Unset, the request's address is the only one there is.
    plain = ET.fromstring(client.get("/search.atom?q=budget", headers={"Host": "news.test"}).data)
    assert plain.findtext(f"{ATOM}id").startswith("http://news.test/search?")


def test_feeds_count_no_facets(app: Flask) -> None:
    """A feed shows entries only: the search behind it skips facets and spelling."""
    seen = []
    archive = app.config["ARCHIVE"]

    class Recording(Archive):
        def search(self, request, **options):  # type: ignore[no-untyped-def]
            seen.append(options)
            return super().search(request, **options)

    recording = variant(app, ARCHIVE=Recording(archive.engine, budget=archive.budget))
    assert recording.get("/search.atom?q=budget").status_code == 200
    assert seen == [{"facets": False, "spelling": False}]


def test_searches_out_of_time_are_counted_in_metrics(no_time: FlaskClient, client: FlaskClient) -> None:
    def timeouts() -> float:
        text = client.get("/metrics").text
        families = {f.name: f for f in text_string_to_metric_families(text)}
        return sum(
            s.value for s in families["broadsheet_search_timeouts"].samples if s.name.endswith("_total")
        )

    before = timeouts()
    api(no_time, q="budget")
    assert no_time.get("/search?q=budget").status_code == 200
    assert no_time.get("/search.csv?q=budget").status_code == 200
    api(client, q="budget")  # in time: not counted
    assert timeouts() == before + 3
