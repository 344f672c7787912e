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
    return {
        "id": hit.id,
        "title": hit.title,
        "date": _date(hit.date),
        "url": hit.url,
        "source": hit.source,
        "section": hit.section,
        "dateline": hit.dateline,
        "byline": hit.byline,
        "snippet": hit.snippet,
        "people": list(hit.people),
        "countries": list(hit.countries),
        "topics": list(hit.topics),
    }


def facet_json(request: SearchRequest, facet: str, fv: FacetValue, path: str = API_PATH) -> dict[str, Any]:
    return {
        "value": fv.value,
        "count": fv.count,
        "selected": fv.selected,
        "toggle_url": toggle_url(request, facet, fv.value, path),
    }


def article_json(article: Article) -> dict[str, Any]:
    """The `/api/article/<id>` body: the article with its full cleaned body."""
    return {
        "id": article.id,
        "title": article.title,
        "date": _date(article.date),
        "url": article.url,
        "source": article.source,
        "section": article.section,
        "dateline": article.dateline,
        "byline": article.byline,
        "body": article.body,
        "people": list(article.people),
        "countries": list(article.countries),
        "topics": list(article.topics),
    }


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
