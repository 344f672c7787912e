"""The operator's endpoints: /healthz for a load balancer or monitor, /metrics for Prometheus."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from web import metrics
from web.context import archive
from web.health import IndexHealth, Unhealthy, check

bp = Blueprint("ops", __name__)


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """200 with the live generation's figures, or 503 with the reason it cannot serve."""
    try:
        health = _health()
    except Unhealthy as reason:
        return jsonify({"status": "unavailable", "reason": str(reason)}), 503
    return jsonify(
        {
            "status": "ok",
            "generation": health.generation,
            "articles": health.articles,
            "index_age_seconds": None if health.age_seconds is None else round(health.age_seconds, 1),
        }
    ), 200


@bp.get("/metrics")
def prometheus() -> Response:
    try:
        health: IndexHealth | None = _health()
    except Unhealthy:
        health = None
    return metrics.exposition(health)


def _health() -> IndexHealth:
    try:
        opened = archive()
    except Exception as error:  # an index that cannot even be opened
        raise Unhealthy(f"the index cannot be opened ({type(error).__name__})") from error
    return check(opened, current_app.config["INDEX_DIR"])
