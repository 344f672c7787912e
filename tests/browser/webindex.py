"""A real Whoosh index of the invented articles in tests/data/web, and the app over it.

Shared by the web unit tests (`from browser.webindex import ...`) and the browser tests,
so both drive the same archive through the real search path.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from search.models import Article
from web import create_app

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "web" / "articles.json"


def load_articles(path: Path = ARTICLES) -> list[Article]:
    articles = []
    for raw in json.loads(path.read_text(encoding="utf-8")):
        fields: dict[str, Any] = dict(raw)
        fields["date"] = dt.date.fromisoformat(raw["date"]) if raw.get("date") else None
        for name in ("people", "countries", "topics"):
            fields[name] = tuple(raw.get(name, ()))
        articles.append(Article(**fields))
    return articles


def build_app(index_dir: Path) -> Flask:
    """Index the test articles into `index_dir` and serve them; skips until the engine exists."""
    whoosh_engine = pytest.importorskip("search.whoosh.engine", reason="the Whoosh engine is missing")
    archive_module = pytest.importorskip("search.archive", reason="search.archive has not landed yet")
    engine = whoosh_engine.WhooshEngine(index_dir)
    generation = engine.begin(fresh=True)
    generation.write(load_articles())
    generation.commit()
    engine.switch(generation)
    return create_app(
        {
            "ARCHIVE": archive_module.Archive(engine),
            "INDEX_DIR": index_dir,
            "CORPUS_PATHS": ["tests/data/web"],
        }
    )
