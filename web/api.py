"""The JSON API: `/api/search` and `/api/article/<id>` as fixed in the architecture contract,
plus `/api/facet/<facet>` for the "more ..." lists."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, request

from web.context import archive
from web.metrics import counted
from web.params import parse_search
from web.serialize import article_json, results_json
from web.urls import LIST_FIELDS, toggle_url

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search() -> dict[str, Any]:
    return results_json(counted(archive().search(parse_search(request.args))))


@bp.get("/article/<path:article_id>")
def article(article_id: str) -> dict[str, Any]:
    found = archive().article(article_id)
    if found is None:
        abort(404, description="No article in the archive has that id.")
    return article_json(found, archive().versions(found), archive().related(found.id))


@bp.get("/facet/<facet>")
def facet(facet: str) -> dict[str, Any]:
    """A facet's values starting with `prefix`, by article count, each with its search link."""
    if facet not in LIST_FIELDS:
        abort(404, description=f"There is no facet called {facet!r}.")
    req = parse_search(request.args)
    prefix = " ".join((request.args.get("prefix") or "").split())[:100]
    values = archive().facet_values(facet, prefix, 100)
    selected = set(req.selected(facet))
    return {
        "facet": facet,
        "prefix": prefix,
        "values": [
            {
                "value": fv.value,
                "count": fv.count,
                "selected": fv.value in selected,
                "toggle_url": toggle_url(req, facet, fv.value),
            }
            for fv in values
        ],
    }
