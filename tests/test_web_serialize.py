"""The /api/search body as the architecture contract fixes it, built without a Flask request."""

from __future__ import annotations

import datetime as dt
import json

from search.models import FACETS, Article, FacetValue, Hit, SearchRequest, SearchResults
from web.serialize import article_json, results_json


def test_results_json_carries_the_contract_fields_and_toggle_urls() -> None:
    req = SearchRequest(query="budget", people=("Asad Umar",))
    hit = Hit(
        id="https://x.example/a?b=1",
        title="T",
        date=dt.date(2019, 3, 14),
        url="https://x.example/a",
        source="Herald",
        section=None,
        dateline="KARACHI",
        byline=None,
        snippet="the <mark>budget</mark>",
        people=("Asad Umar",),
        countries=("Pakistan",),
        topics=("politics",),
    )
    results = SearchResults(
        request=req,
        total=1,
        hits=[hit],
        facets={"person": [FacetValue("Asad Umar", 1, True)], "year": [FacetValue("2019", 1)]},
        suggestion=None,
        notices=("n",),
    )
    body = results_json(results)
    assert json.loads(json.dumps(body)) == body
    assert list(body)[:6] == ["total", "page", "per_page", "results", "facets", "suggestion"]
    assert (body["total"], body["page"], body["per_page"]) == (1, 1, 10)
    first = body["results"][0]
    assert {k: first[k] for k in ("id", "date", "snippet", "people", "countries", "topics")} == {
        "id": "https://x.example/a?b=1",
        "date": "2019-03-14",
        "snippet": "the <mark>budget</mark>",
        "people": ["Asad Umar"],
        "countries": ["Pakistan"],
        "topics": ["politics"],
    }
    assert set(body["facets"]) == set(FACETS)
    assert body["facets"]["person"] == [
        {"value": "Asad Umar", "count": 1, "selected": True, "toggle_url": "/api/search?q=budget"}
    ]
    assert body["facets"]["year"][0]["toggle_url"] == (
        "/api/search?q=budget&person=Asad+Umar&from=2019-01-01&to=2019-12-31"
    )
    assert body["facets"]["month"] == []
    assert body["notices"] == ["n"] and body["partial"] is False


def test_article_json_has_the_full_body_and_null_date() -> None:
    article = Article(id="a/b:c", title="T", body="one\n\ntwo", countries=("Iran",))
    body = article_json(article)
    assert body["body"] == "one\n\ntwo" and body["date"] is None and body["countries"] == ["Iran"]
