"""The JSON API, CSV export and Atom feed over a real index of the test articles."""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree as ET

import pytest
from browser.webindex import build_app
from flask.testing import FlaskClient

from search.models import FACETS

BUDGET_ID = "https://news.example.org/2019/03/budget-vote"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    return build_app(tmp_path_factory.mktemp("web-api")).test_client()


def test_search_json_follows_the_contract(client: FlaskClient) -> None:
    response = client.get("/api/search?q=budget")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert {"total", "page", "per_page", "results", "facets", "suggestion", "notices", "partial"} <= set(body)
    assert (body["total"], body["page"], body["per_page"]) == (4, 1, 10)
    for result in body["results"]:
        assert {
            "id",
            "title",
            "date",
            "url",
            "source",
            "dateline",
            "snippet",
            "people",
            "countries",
            "topics",
        } <= set(result)
    assert set(body["facets"]) == set(FACETS)
    undated = next(r for r in body["results"] if r["id"] == "herald-undated-profile")
    assert undated["date"] is None


def test_toggle_urls_select_and_count_matches(client: FlaskClient) -> None:
    body = client.get("/api/search?q=budget").get_json()
    asad = next(v for v in body["facets"]["person"] if v["value"] == "Asad Umar")
    assert asad["selected"] is False
    narrowed = client.get(asad["toggle_url"]).get_json()
    assert narrowed["total"] == asad["count"] == 2
    selected = next(v for v in narrowed["facets"]["person"] if v["value"] == "Asad Umar")
    assert selected["selected"] is True
    assert client.get(selected["toggle_url"]).get_json()["total"] == 4


def test_year_facet_toggles_a_date_range(client: FlaskClient) -> None:
    body = client.get("/api/search").get_json()
    y2019 = next(v for v in body["facets"]["year"] if v["value"] == "2019")
    in_year = client.get(y2019["toggle_url"]).get_json()
    assert in_year["total"] == y2019["count"] == 5
    assert next(v for v in in_year["facets"]["year"] if v["value"] == "2019")["selected"] is True


def test_repeated_parameters_select_several_values(client: FlaskClient) -> None:
    both = client.get("/api/search?person=Imran+Khan&person=Shehbaz+Sharif").get_json()
    assert [r["id"] for r in both["results"]] == ["herald-2018-07-election"]


def test_article_json_by_url_id(client: FlaskClient) -> None:
    body = client.get(f"/api/article/{BUDGET_ID}").get_json()
    assert body["id"] == BUDGET_ID and body["body"].count("\n\n") == 2 and body["date"] == "2019-03-14"
    assert body["related"] and all(set(r) == {"id", "title", "date"} for r in body["related"])
    assert BUDGET_ID not in [r["id"] for r in body["related"]]
    missing = client.get("/api/article/https://nowhere.example/x")
    assert missing.status_code == 404 and missing.get_json()["error"]["status"] == 404


def test_bad_parameters_give_a_json_400(client: FlaskClient) -> None:
    response = client.get("/api/search?per_page=1000000")
    assert response.status_code == 400
    assert "per_page" in response.get_json()["error"]["message"]


def test_facet_values_api_with_prefix(client: FlaskClient) -> None:
    body = client.get("/api/facet/country?prefix=ind").get_json()
    assert [v["value"] for v in body["values"]] == ["India"]
    assert body["values"][0]["toggle_url"] == "/search?country=India"


def test_csv_exports_every_match(client: FlaskClient) -> None:
    response = client.get("/search.csv?q=budget&sort=newest&per_page=1")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 4
    assert [r["date"] for r in rows] == ["2020-01-03", "2019-03-20", "2019-03-14", ""]
    assert rows[2]["people"] == "Asad Umar; Shehbaz Sharif"
    one_page = list(csv.DictReader(io.StringIO(client.get("/search.csv?q=budget&per_page=2&page=2").text)))
    assert len(one_page) == 2


def test_atom_feed_is_newest_first_and_well_formed(client: FlaskClient) -> None:
    response = client.get("/search.atom?q=budget&sort=oldest")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 4
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated[:3] == ["2020-01-03T00:00:00Z", "2019-03-20T00:00:00Z", "2019-03-14T00:00:00Z"]
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert "Escaping <script>alert('x')</script> & other tricks" in titles
    assert entries[0].find(f"{ATOM}link").get("href").startswith("http://localhost/article/")


def test_a_time_named_in_the_query_ranks_first_and_says_how_to_turn_it_off(client: FlaskClient) -> None:
    body = client.get("/api/search?q=budget+january+2020").get_json()
    assert body["results"][0]["id"] == "herald-2020-01-economy"
    assert body["period"]["label"] == "January 2020"
    assert (body["period"]["from"], body["period"]["to"]) == ("2020-01-01", "2020-01-31")
    assert "Showing articles from January 2020 first." in body["notices"]
    everywhere = body["period"]["everywhere_url"]
    assert everywhere.startswith("/api/search?") and "anytime=1" in everywhere
    plain = client.get(everywhere).get_json()
    assert plain["period"] is None and not any(n.startswith("Showing") for n in plain["notices"])
    assert client.get("/api/search?q=budget&anytime=yes").status_code == 400


def test_the_results_page_links_search_everywhere(client: FlaskClient) -> None:
    page = client.get("/search?q=budget+january+2020").get_data(as_text=True)
    assert 'class="notice period">Showing articles from January 2020 first;' in page
    assert 'href="/search?q=budget+january+2020&amp;anytime=1">search everywhere</a>' in page
    assert page.count("Showing articles from January 2020") == 1
    assert "Showing articles" not in client.get("/search?q=budget+january+2020&anytime=1").get_data(
        as_text=True
    )


def test_explain_gives_each_result_its_score_in_parts(client: FlaskClient) -> None:
    body = client.get("/api/search?q=budget+assembly+vote&explain=1").get_json()
    assert body["results"]
    for result in body["results"]:
        parts = result["explain"]["parts"]
        assert result["score"] == result["explain"]["total"] > 0
        assert abs(sum(p["value"] for p in parts) - result["score"]) <= 0.01 * result["score"]
        assert {"part", "value"} == set(parts[0])
    assert "score" not in client.get("/api/search?q=budget").get_json()["results"][0]


def test_why_this_result_is_a_link_to_a_table_escaped(client: FlaskClient) -> None:
    page = client.get("/search?q=budget").get_data(as_text=True)
    assert page.count(">why this result?</a>") == 4
    assert 'href="/search?q=budget&amp;explain=1#why-1"' in page
    explained = client.get("/search?q=escaping+script+budget&explain=1").get_data(as_text=True)
    assert '<table class="why" id="why-1">' in explained and "<caption>Why this result: score" in explained
    assert '<th scope="row">body: script</th>' in explained
    assert "<script>alert" not in explained
