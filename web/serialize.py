"""Results and articles as the JSON the API contract fixes.

Kept free of Flask so that `broadsheet search --json` prints exactly what
`GET /api/search` returns: call `results_json(results)` and dump it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from search.models import (
    FACETS,
    Article,
    Explanation,
    FacetValue,
    Hit,
    Period,
    SearchRequest,
    SearchResults,
    Version,
)
from web.urls import everywhere_url, toggle_url

API_PATH = "/api/search"


def results_json(results: SearchResults, path: str = API_PATH) -> dict[str, Any]:
    """The `/api/search` body. Each facet value's `toggle_url` points at `path` (the API itself)."""
    request = results.request
    return {
        "total": results.total,
        "page": request.page,
        "per_page": request.per_page,
        "results": [hit_json(hit, explain=request.explain) for hit in results.hits],
        "facets": {
            facet: [facet_json(request, facet, fv, path) for fv in results.facets.get(facet, [])]
            for facet in FACETS
        },
        "suggestion": results.suggestion,
        "notices": list(results.notices),
        "partial": results.partial,
        "missing_shards": list(results.missing_shards),
        "timed_out": results.timed_out,
        "stories": results.stories,
        "collapse": request.collapse,
        "period": period_json(results.period, request, path),
    }


def period_json(period: Period | None, request: SearchRequest, path: str = API_PATH) -> dict[str, Any] | None:
    """The time named in the query that ranks first, and the link that searches everywhere."""
    if period is None:
        return None
    return {
        "label": period.label,
        "from": _date(period.start),
        "to": _date(period.end),
        "month": period.month,
        "day": period.day,
        "everywhere_url": everywhere_url(request, path),
    }


def hit_json(hit: Hit, *, explain: bool = False) -> dict[str, Any]:
    """A result; with `explain`, also its `score` and the parts it adds up from."""
    described = {**_described(hit, snippet=hit.snippet), "story": hit.story, "versions": hit.versions}
    if explain:
        described["score"] = hit.score
        described["explain"] = explanation_json(hit.explain, hit.score)
    return described


def explanation_json(explain: Explanation | None, score: float) -> dict[str, Any]:
    if explain is None:  # an engine that cannot say
        return {"total": score, "parts": [], "note": "This engine does not explain its scores."}
    body: dict[str, Any] = {
        "total": explain.total,
        "parts": [{"part": p.part, "value": p.value} for p in explain.parts],
    }
    if explain.note:
        body["note"] = explain.note
    return body


def facet_json(request: SearchRequest, facet: str, fv: FacetValue, path: str = API_PATH) -> dict[str, Any]:
    return {
        "value": fv.value,
        "count": fv.count,
        "selected": fv.selected,
        "toggle_url": toggle_url(request, facet, fv.value, path),
    }


def article_json(
    article: Article, versions: Sequence[Version] = (), related: Sequence[Hit] = ()
) -> dict[str, Any]:
    """The `/api/article/<id>` body: the article with its full cleaned body, its story and
    the story's versions (this article among them, oldest first), and the articles most like
    it (as the article page lists them)."""
    return {
        **_described(article, body=article.body),
        "story": article.story,
        "versions": [
            {"id": v.id, "date": _date(v.date), "source": v.source, "title": v.title} for v in versions
        ],
        "related": [{"id": r.id, "title": r.title, "date": _date(r.date)} for r in related],
    }


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
