"""Loading the invented articles that engine, archive and generation tests index."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from indexer.extract import extract
from indexer.readers import Skipped, SourceFile, discover, read
from search.archive import Archive
from search.models import Article
from search.whoosh.engine import WhooshEngine

SEARCH_ARTICLES = Path(__file__).resolve().parent / "data" / "search" / "articles.jsonl"
#: The bundled demo corpus.
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def bundled_articles() -> list[Article]:
    """The bundled demo corpus as the indexer reads and extracts it."""
    return [
        extract(item)
        for source in discover([CORPUS])
        if isinstance(source, SourceFile)
        for item in read(source)
        if not isinstance(item, Skipped)
    ]


def whoosh_engine(folder: Path, articles: list[Article]) -> WhooshEngine:
    """An embedded engine on `folder` whose one live generation holds `articles`; the caller closes it."""
    engine = WhooshEngine(folder)
    generation = engine.begin(fresh=True)
    generation.write(articles)
    generation.commit()
    engine.switch(generation)
    return engine


def whoosh_archive(folder: Path, articles: list[Article]) -> Archive:
    """An embedded index of `articles` in `folder`, one live generation, opened as the app opens it."""
    whoosh_engine(folder, articles).close()
    return Archive.open(folder)


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


FILLER = "officials said the matter was under review and more details would follow later"


def ranking_articles() -> list[Article]:
    """Forty police reports, a target holding four rare words of a five-word query, a weak
    article holding all five among filler, and three rallies alike but for their month."""
    day = dt.date(2025, 1, 1)
    common = [
        Article(f"f{i}", f"Police report {i}", f"The police said {FILLER} number {i}.", date=day)
        for i in range(40)
    ]
    target = Article(
        "target",
        "Firing at Tehkal wedding over old enmity",
        "Five people died when firing broke out at a wedding in Tehkal. The enmity between "
        "two families went back years; the wedding guests fled the firing.",
        date=day,
    )
    weak = Article(
        "weak",
        "A long day in the city",
        f"{FILLER} " * 30 + "A police van passed a wedding; firing practice, enmity, Tehkal.",
        date=day,
    )
    twins = [
        Article(
            f"rally-{month}",
            "Farmers rally against canal plan",
            "Farmers from Sukkur rallied against the canal plan outside the press club.",
            date=dt.date(2025, month, 12),
        )
        for month in (3, 5, 7)
    ]
    return [*common, target, weak, *twins]
