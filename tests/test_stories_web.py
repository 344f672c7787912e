"""Stories in search results, the JSON API, CSV, Atom and the compare page, over an index
built by the real indexing run: one entry per story by default, every article with
`collapse=0`, totals and facets still counting articles."""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree as ET

import pytest
from browser.storyindex import C, R, U, W, article_id, build_story_app
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from search.compare import Run, word_diff

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    return build_story_app(tmp_path_factory.mktemp("stories-web"), W, R, U, C).test_client()


def test_search_shows_one_entry_per_story_with_its_versions(client: FlaskClient) -> None:
    body = client.get("/api/search?q=flood").get_json()
    assert (body["total"], body["stories"], body["collapse"]) == (4, 2, True)
    by_id = {r["id"]: r for r in body["results"]}
    assert len(body["results"]) == 2
    story = by_id.keys() - {article_id(C)}
    assert len(story) == 1
    wire = by_id[story.pop()]
    assert (wire["story"], wire["versions"]) == (article_id(W), 3)
    assert (by_id[article_id(C)]["story"], by_id[article_id(C)]["versions"]) == (article_id(C), 1)
    # Facets count articles, not stories.
    years = {v["value"]: v["count"] for v in body["facets"]["year"]}
    assert years == {"2025": 4}


def test_collapse_0_gives_every_article(client: FlaskClient) -> None:
    body = client.get("/api/search?q=flood&collapse=0").get_json()
    assert (body["total"], body["stories"], body["collapse"]) == (4, 2, False)
    assert {r["id"] for r in body["results"]} == {article_id(x) for x in (W, R, U, C)}
    assert all("collapse=0" in v["toggle_url"] for v in body["facets"]["year"])


def test_a_bad_collapse_value_is_refused_with_a_message(client: FlaskClient) -> None:
    response = client.get("/api/search?q=flood&collapse=maybe")
    assert response.status_code == 400
    assert "'collapse' must be 0" in response.get_json()["error"]["message"]


def test_the_article_api_lists_the_story_versions(client: FlaskClient) -> None:
    body = client.get(f"/api/article/{article_id(R)}").get_json()
    assert body["story"] == article_id(W)
    assert [(v["id"], v["date"], v["source"], v["title"]) for v in body["versions"]] == [
        (article_id(W), "2025-03-04", "wire.example", W["title"]),
        (article_id(U), "2025-03-04", "wire.example", U["title"]),
        (article_id(R), "2025-03-04", "yorkpaper.example", R["title"]),
    ]


def test_csv_and_atom_follow_the_collapse_choice(client: FlaskClient) -> None:
    rows = list(csv.reader(io.StringIO(client.get("/search.csv?q=flood").get_data(as_text=True))))
    every = list(csv.reader(io.StringIO(client.get("/search.csv?q=flood&collapse=0").get_data(as_text=True))))
    assert (len(rows) - 1, len(every) - 1) == (2, 4)
    feed = ET.fromstring(client.get("/search.atom?q=flood").get_data())
    every_feed = ET.fromstring(client.get("/search.atom?q=flood&collapse=0").get_data())
    assert (len(feed.findall(f"{ATOM}entry")), len(every_feed.findall(f"{ATOM}entry"))) == (2, 4)


def test_the_results_page_says_articles_in_stories_and_lists_other_versions(client: FlaskClient) -> None:
    page = BeautifulSoup(client.get("/search?q=flood").get_data(as_text=True), "html.parser")
    summary = " ".join(page.select_one("#results-heading").get_text().split())
    assert summary.startswith("1–2 of 4 articles in 2 stories")
    details = page.select("li.hit details.versions")
    assert len(details) == 1
    assert details[0].summary.get_text(strip=True) == "2 other versions"
    listed = [a["href"] for a in details[0].select("li a")]
    assert sorted(listed) == sorted(f"/article/{article_id(x)}" for x in (W, R, U))
    assert page.select_one("form.collapse-toggle input[name=collapse][value='0']") is not None

    every = BeautifulSoup(client.get("/search?q=flood&collapse=0").get_data(as_text=True), "html.parser")
    assert len(every.select("li.hit")) == 4 and not every.select("details.versions")
    assert every.select_one("form.collapse-toggle input[name=collapse]").has_attr("checked")


def test_the_article_page_offers_to_compare_with_each_other_version(client: FlaskClient) -> None:
    page = BeautifulSoup(client.get(f"/article/{article_id(W)}").get_data(as_text=True), "html.parser")
    links = [a["href"] for a in page.select("section.versions a.compare-with")]
    assert len(links) == 2 and all(link.startswith("/compare?a=") for link in links)

    compared = client.get(f"/compare?a={article_id(W)}&b={article_id(R)}")
    assert compared.status_code == 200
    diff = BeautifulSoup(compared.get_data(as_text=True), "html.parser").select_one(".diff")
    deleted = " ".join(d.get_text() for d in diff.select("del")).split()
    inserted = " ".join(i.get_text() for i in diff.select("ins")).split()
    assert {"embankments", "before", "monsoon."} <= set(deleted) and "Tuesday" not in deleted
    assert {"soon.", "opposition", "overdue."} <= set(inserted) and "Tuesday" not in inserted


def test_compare_needs_two_known_articles(client: FlaskClient) -> None:
    assert client.get(f"/compare?a={article_id(W)}").status_code == 400
    assert client.get(f"/compare?a={article_id(W)}&b=nowhere").status_code == 404


def test_word_diff_marks_changes_by_paragraph_and_leaves_escaping_to_the_page() -> None:
    paragraphs = word_diff("One <b>two</b> three.\n\nFour five.", "One <b>2</b> three.\n\nFour five. Six.")
    assert paragraphs == [
        [Run("same", "One"), Run("del", "<b>two</b>"), Run("ins", "<b>2</b>"), Run("same", "three.")],
        [Run("same", "Four five."), Run("ins", "Six.")],
    ]
