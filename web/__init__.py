"""Broadsheet's web app: an app factory, three small blueprints, Jinja templates, local assets.

Views translate HTTP parameters into a `SearchRequest` and results into pages, JSON,
CSV or Atom; every search decision is made in `search.archive`.

Configuration keys:
- `INDEX_DIR` (Path): where `search.archive.Archive.open` finds the index and its run log.
- `CORPUS_PATHS` (list of str): shown on /status.
- `ARCHIVE` (optional): a ready `Archive`, used instead of opening `INDEX_DIR` (tests, embedding).
- `EXPORT_LIMIT` (int, default 5000): the most rows one CSV export writes.
- `SEARCH_BUDGET` (float seconds, default `search.budget.DEFAULT_SECONDS`): how long a search
  of the `Archive` opened from `INDEX_DIR` may take.
- `BASE_URL` (optional str): where readers reach the app (`https://news.example.org/archive`);
  absolute links in feeds start from it instead of the request's Host header.
- `SHOW_PATHS` (bool, default False): /status lists the index and corpus paths and skipped files.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from web import errors, headers, metrics
from web.api import bp as api_bp
from web.exports import bp as exports_bp
from web.on_this_day import bp as on_this_day_bp
from web.ops import bp as ops_bp
from web.pages import bp as pages_bp
from web.templating import register_filters
from web.trends import bp as trends_bp


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    # Article ids can be URLs (`https://...`): their double slashes must reach the view intact.
    app.url_map.merge_slashes = False
    app.config.update(INDEX_DIR=Path("index"), CORPUS_PATHS=[], ARCHIVE=None, EXPORT_LIMIT=5000)
    app.config.update(config or {})
    app.config["INDEX_DIR"] = Path(app.config["INDEX_DIR"])
    app.config["BASE_URL"] = (app.config.get("BASE_URL") or "").rstrip("/")
    app.json.sort_keys = False  # type: ignore[attr-defined]  # declared as the base provider, which lacks it
    register_filters(app)
    headers.register(app)
    errors.register(app)
    metrics.register(app)
    app.register_blueprint(pages_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(exports_bp)
    app.register_blueprint(trends_bp)
    app.register_blueprint(on_this_day_bp)
    app.register_blueprint(ops_bp)
    return app
