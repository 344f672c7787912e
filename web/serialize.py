"""Results and articles as the JSON the API contract fixes.

Kept free of Flask so that `broadsheet search --json` prints exactly what
`GET /api/search` returns: call `results_json(results)` and dump it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from search.models import FACETS, Article, FacetValue, Hit, SearchRequest, SearchResults
from web.urls import toggle_url

API_PATH = "/api/search"


def results_json(results: SearchResults, path: str = API_PATH) -> dict[str, Any]:
    """The `/api/search` body. Each facet value's `toggle_url` points at `path` (the API itself)."""
    request = results.request
    return {
        "total": results.total,
        "page": request.page,
        "per_page": request.per_page,
        "results": [hit_json(hit) for hit in results.hits],
        "facets": {
            facet: [facet_json(request, facet, fv, path) for fv in results.facets.get(facet, [])]
            for facet in FACETS
        },
        "suggestion": results.suggestion,
        "notices": list(results.notices),
        "partial": results.partial,
        "timed_out": results.timed_out,
    }


def hit_json(hit: Hit) -> dict[str, Any]:
    return _described(hit, snippet=hit.snippet)


def facet_json(request: SearchRequest, facet: str, fv: FacetValue, path: str = API_PATH) -> dict[str, Any]:
    return {
        "value": fv.value,
        "count": fv.count,
        "selected": fv.selected,
        "toggle_url": toggle_url(request, facet, fv.value, path),
    }


def article_json(article: Article) -> dict[str, Any]:
    """The `/api/article/<id>` body: the article with its full cleaned body."""
    return _described(article, body=article.body)


def _described(item: Hit | Article, **text: str) -> dict[str, Any]:
    """What a hit and an article both say about an article, with the text each carries (the
    snippet or the body) after the byline, where the API contract places it."""
    return {
        "id": item.id,
        "title": item.title,
        "date": _date(item.date),
        "url": item.url,
        "source": item.source,
        "section": item.section,
        "dateline": item.dateline,
        "byline": item.byline,
        **text,
        "people": list(item.people),
        "countries": list(item.countries),
        "organisations": list(item.organisations),
        "topics": list(item.topics),
    }


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
