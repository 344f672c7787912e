"""Loading the invented articles that engine, archive and generation tests index."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from search.models import Article

SEARCH_ARTICLES = Path(__file__).resolve().parent / "data" / "search" / "articles.jsonl"


def articles_from_jsonl(path: Path = SEARCH_ARTICLES) -> list[Article]:
    """One `Article` per JSON line, facets already assigned, a stand-in content hash."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        data["date"] = dt.date.fromisoformat(data["date"]) if data.get("date") else None
        for key in ("people", "countries", "organisations", "topics"):
            data[key] = tuple(data.get(key, ()))
        data.setdefault("content_hash", f"h-{data['id']}")
        out.append(Article(**data))
    return out
