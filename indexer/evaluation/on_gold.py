"""Every facet against the hand-labelled gold set, one split at a time."""

from __future__ import annotations

from pathlib import Path

from indexer.evaluation import extractors
from indexer.evaluation.gold import GoldArticle, find_articles, load_gold
from indexer.evaluation.metrics import Accuracy, Counts, GoldName, fold, match, top1
from indexer.evaluation.report import Report, Row
from indexer.extract.topics import classify


def evaluate_gold(
    shared: Path, splits: tuple[str, ...], report: Report, gold_paths: tuple[Path, ...] = ()
) -> None:
    """Add people, countries, topics and date rows for each split to `report`; `gold_paths`
    defaults to the gold set plus the (dev-only) tuning articles."""
    gold = load_gold(*gold_paths)
    articles = find_articles(gold, shared)
    missing = [g.url for g in gold if g.url not in articles]
    if missing:
        report.notes.append(
            f"gold: {len(missing)} labelled articles not found in the corpora, e.g. {missing[0]}"
        )
    find_people, find_countries = extractors.people(), extractors.countries()
    for split in splits:
        part = [g for g in gold if g.split == split and g.url in articles]
        source = f"gold:{split}"
        for facet, extract, field in (
            ("people", find_people, "people"),
            ("countries", find_countries, "countries"),
        ):
            if extract is None:
                report.notes.append(f"{facet}: extractor not available yet, not evaluated on {source}")
                continue
            counts = sum((match(extract(articles[g.url]), getattr(g, field)) for g in part), Counts())
            report.rows.append(Row(facet, source, len(part), counts=counts))
        predicted = {g.url: classify(articles[g.url]) for g in part}
        report.rows.append(
            Row(
                "topics (top-1)",
                source,
                len(part),
                accuracy=sum((top1(predicted[g.url], g.topics) for g in part), Accuracy()),
            )
        )
        report.rows.append(
            Row(
                "topics (set)",
                source,
                len(part),
                counts=sum((_topic_set(predicted[g.url], g) for g in part), Counts()),
            )
        )
        report.rows.append(Row("date", source, len(part), accuracy=_dates(part, articles)))


def _topic_set(predicted: tuple[str, ...], gold: GoldArticle) -> Counts:
    return match(predicted, [GoldName(t) for t in gold.topics])


def _dates(part: list[GoldArticle], articles: dict) -> Accuracy:
    return Accuracy(sum(articles[g.url].date == g.date for g in part), len(part))


def mistakes(shared: Path, facet: str, split: str = "dev") -> list[tuple[str, list[str], list[str]]]:
    """(url, gold names missed, predicted names not in gold) per article with an error, for
    tuning an extractor on the `dev` split. Looking at `test` this way spoils it as a yardstick."""
    extract = {"people": extractors.people(), "countries": extractors.countries(), "topics": classify}[facet]
    if extract is None:
        raise LookupError(f"no {facet} extractor yet")
    gold = [g for g in load_gold() if g.split == split]
    articles = find_articles(gold, shared)
    out: list[tuple[str, list[str], list[str]]] = []
    for g in gold:
        if g.url not in articles:
            continue
        predicted = extract(articles[g.url])
        entries = [GoldName(t) for t in g.topics] if facet == "topics" else list(getattr(g, facet))
        extra = [p for p in predicted if not any(fold(p) in e.forms for e in entries)]
        missed = [e.name for e in entries if not any(fold(p) in e.forms for p in predicted)]
        if missed or extra:
            out.append((g.url, missed, extra))
    return out
