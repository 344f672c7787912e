"""Escaping, security headers, friendly refusals of bad input, and 404s."""

from __future__ import annotations

import re

import pytest
from browser.webindex import build_app
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

PAGES = [
    "/",
    "/search?q=budget",
    "/search?q=zzzz",
    "/article/herald-2019-03-script?q=script",
    "/person/Imran%20Khan",
    "/country/Pakistan",
    "/topic/politics",
    "/facet/person",
    "/status",
    "/help",
    "/trends?q=budget&q=pakistan",
    "/trends",
    "/on-this-day/03-20",
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    return build_app(tmp_path_factory.mktemp("web-security")).test_client()


@pytest.mark.parametrize(
    "url",
    [*PAGES, "/api/search", "/search.csv", "/search.atom", "/static/style.css", "/nowhere", "/search?page=0"],
)
def test_security_headers_on_every_response(client: FlaskClient, url: str) -> None:
    with client.get(url) as response:
        headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'self'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("url", PAGES)
def test_pages_have_no_inline_script_style_or_foreign_assets(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "lxml")
    for script in soup.find_all("script"):
        assert script.get("src", "").startswith("/static/") and not script.string
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.startswith("on")], tag.name
        assert "style" not in tag.attrs, tag.name
    for link in soup.select("link[href], img[src]"):
        assert (link.get("href") or link.get("src")).startswith("/"), link
    assert soup.select_one("a.skip[href='#main']") and soup.select_one("main#main")
    assert soup.html["lang"] == "en"


def test_corpus_markup_is_escaped_everywhere(client: FlaskClient) -> None:
    for url in (
        "/search?q=script",
        "/article/herald-2019-03-script?q=script",
        "/person/Ayesha%20%3Ci%3EKhan%3C/i%3E",
        "/search.atom?q=script",
        "/on-this-day/03-20",
        "/trends?q=script",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<script>alert" not in response.text and "<i>Khan" not in response.text, url
        assert "<b>Tech" not in response.text, url


def test_the_query_is_escaped_where_it_is_echoed(client: FlaskClient) -> None:
    text = client.get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E+%22%3E%3Cimg").text
    assert "<script>alert(1)" not in text and '"><img' not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_trend_queries_are_escaped_in_the_chart_legend_and_csv(client: FlaskClient) -> None:
    text = client.get("/trends?q=%3Cscript%3Ealert(1)%3C/script%3E&q=budget").text
    assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    rows = client.get("/trends.csv?q=%3Dcmd()&q=budget").text.splitlines()
    assert rows[0].split(",")[4] == "count: “=cmd()”"


def test_snippets_only_carry_mark_tags(client: FlaskClient) -> None:
    soup = BeautifulSoup(client.get("/search?q=script+developer").text, "lxml")
    for snippet in soup.select(".snippet"):
        assert {t.name for t in snippet.find_all(True)} <= {"mark"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("sort=loudest", "Unknown sort"),
        ("page=0", "page"),
        ("page=1000000000", "page"),
        ("per_page=1000000", "per_page"),
        ("from=not-a-date", "YYYY-MM-DD"),
        ("to=2019-13-01", "YYYY-MM-DD"),
        ("q=%ff%fe", "UTF-8"),
    ],
)
@pytest.mark.parametrize("path", ["/search", "/api/search", "/search.csv", "/search.atom", "/facet/person"])
def test_bad_parameters_are_a_friendly_400(client: FlaskClient, path: str, query: str, message: str) -> None:
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    assert message in response.text
    assert "Traceback" not in response.text
    if path == "/search":
        assert (
            BeautifulSoup(response.text, "lxml").select_one("h1").get_text()
            == "That search address cannot be read"
        )


@pytest.mark.parametrize(
    "url",
    [
        "/article/no-such-id",
        "/person/Nobody%20At%20All",
        "/country/Atlantis",
        "/topic/knitting",
        "/no/such/page",
    ],
)
def test_unknown_things_are_a_404_page(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert re.search(r"<h1[^>]*>Not found</h1>", response.text)
