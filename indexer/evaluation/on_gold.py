"""Every facet against the hand-labelled gold set, one split at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from indexer.evaluation import extractors
from indexer.evaluation.gold import DEFAULT_PATHS, HELDOUT, OWN_ROWS, GoldArticle, find_articles, load_gold
from indexer.evaluation.metrics import Accuracy, Counts, GoldName, fold, match, top1
from indexer.evaluation.report import Report, Row
from indexer.extract.acronyms import spells
from indexer.extract.names import prefix_keys
from indexer.extract.organisations import canonical
from indexer.extract.topics import classify
from indexer.orgs_merge import name_organisations
from search.acronyms import AcronymTable, Keeper
from search.models import Article
from search.transliteration import joined_keys, name_key


def evaluate_gold(
    shared: Path,
    splits: tuple[str, ...],
    report: Report,
    gold_paths: tuple[Path, ...] = (),
    acronyms: AcronymTable | None = None,
    stored: Callable[[str], Article | None] | None = None,
) -> None:
    """Add people, countries, topics and date rows for each split to `report`; `gold_paths`
    defaults to the gold set, the (dev-only) tuning articles and the (test-only) second
    held-aside sets. `test` gives three sources when the second set is loaded: `gold:test` (the
    original test articles), `gold:test2` (the second set) and `gold:test-all` (both); each set
    drawn from four corpora (blind3, tuning4) is its own source (`gold:blind3`), in no other.
    Organisations are scored on the articles labelled for them; given an archive's
    `acronyms` table, also as an indexing run stores them (`orgs (archive)`: named by the
    table, with the organisations of bare acronyms the archive defines elsewhere). Given
    `stored` (an index's article by id), people are also scored as that index stores them
    (`people (stored)`: after the archive-wide merge, what the facet shows), on the labelled
    articles it holds."""
    paths = gold_paths or DEFAULT_PATHS
    gold = load_gold(*paths)
    second = {g.url for g in load_gold(HELDOUT)} if HELDOUT in paths else set()
    own = {path: {g.url for g in load_gold(path)} for path in OWN_ROWS if path in paths}
    articles = find_articles(gold, shared)
    missing = [g.url for g in gold if g.url not in articles]
    if missing:
        report.notes.append(
            f"gold: {len(missing)} labelled articles not found in the corpora, e.g. {missing[0]}"
        )
    extract = {
        "people": extractors.people(),
        "countries": extractors.countries(),
        "organisations": extractors.organisations(),
    }
    for split in splits:
        part = [g for g in gold if g.split == split and g.url in articles]
        for path, urls in own.items():
            if mine := [g for g in part if g.url in urls]:
                _add_rows(report, f"gold:{path.stem}", mine, articles, extract, acronyms, stored)
                part = [g for g in part if g.url not in urls]
        if split == "test" and second:
            others = [g for g in part if g.url not in second]
            _add_rows(report, "gold:test", others, articles, extract, acronyms, stored)
            held = [g for g in part if g.url in second]
            _add_rows(report, "gold:test2", held, articles, extract, acronyms, stored)
            _add_rows(report, "gold:test-all", part, articles, extract, acronyms, stored)
        else:
            _add_rows(report, f"gold:{split}", part, articles, extract, acronyms, stored)


def _add_rows(
    report: Report,
    source: str,
    part: list[GoldArticle],
    articles: dict[str, Article],
    extract: dict[str, extractors.Extractor | None],
    acronyms: AcronymTable | None = None,
    stored: Callable[[str], Article | None] | None = None,
) -> None:
    for facet in ("people", "countries"):
        find = extract[facet]
        if find is None:
            report.notes.append(f"{facet}: extractor not available yet, not evaluated on {source}")
            continue
        counts = sum((match(find(articles[g.url]), getattr(g, facet)) for g in part), Counts())
        report.rows.append(Row(facet, source, len(part), counts=counts))
    if stored is not None:
        _add_stored_people(report, source, part, articles, stored)
    labelled = [g for g in part if g.organisations is not None]
    find_orgs = extract["organisations"]
    if labelled and find_orgs is not None:
        counts = sum(
            (_match_organisations(find_orgs(articles[g.url]), g.organisations or ()) for g in labelled),
            Counts(),
        )
        report.rows.append(Row("organisations", source, len(labelled), counts=counts))
        if acronyms is not None:
            found = [replace(articles[g.url], organisations=find_orgs(articles[g.url])) for g in labelled]
            named = name_organisations(acronyms, Keeper(), found)
            counts = sum(
                (
                    _match_organisations(a.organisations, g.organisations or ())
                    for a, g in zip(named, labelled, strict=True)
                ),
                Counts(),
            )
            report.rows.append(Row("orgs (archive)", source, len(labelled), counts=counts))
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


def _add_stored_people(
    report: Report,
    source: str,
    part: list[GoldArticle],
    articles: dict[str, Article],
    stored: Callable[[str], Article | None],
) -> None:
    """People as the index stores them: the per-article names after the archive's merges
    and drops, which is what the facet, the person pages and the exports show."""
    found = [(g, stored(articles[g.url].id)) for g in part]
    held = [(g, article) for g, article in found if article is not None]
    if len(held) < len(found):
        missing = len(found) - len(held)
        report.notes.append(f"people (stored): {missing} of {source}'s articles not in the index")
    if held:
        counts = sum(
            (match(article.people, _spelled_as(g.people, article.people)) for g, article in held), Counts()
        )
        report.rows.append(Row("people (stored)", source, len(held), counts=counts))


def _spelled_as(entries: Sequence[GoldName], values: Sequence[str]) -> list[GoldName]:
    """Gold people that also accept the stored value the archive gives the same person under
    a form the labeller of one article could not know: its most frequent spelling (the same
    transliteration key: "Muhammad Asif" for the article's "Mohammad Asif"), or its most
    written form with the same first and last words and more or fewer between them ("Jamal
    Khan Mandokhail" for "Jamal Mandokhail", "Khawaja Asif" for "Khawaja Muhammad Asif"),
    leading name prefixes aside ("Muhammad Hanif Abbasi" for "Hanif Abbasi", `NAME_PREFIXES`),
    or two neighbouring words written as one either way ("Shahrukh Khan" for "Shah Rukh Khan",
    `joined_keys`, as the merge joins them). A form with another first or last word ("Maryam
    Nawaz Sharif" for "Nawaz Sharif", "Salva Kiir Mayardit" for "Salva Kiir", "Barack Obama"
    for a bare "Obama") is not."""
    keyed = [(_unprefixed(key), value) for value in values for key in _keys(value)]
    accepted = []
    for entry in entries:
        keys = {_unprefixed(key) for form in (entry.name, *entry.aliases) for key in _keys(form)}
        spellings = {value for key, value in keyed if any(_same_ends(k, key) for k in keys)}
        accepted.append(GoldName(entry.name, entry.aliases + tuple(sorted(spellings))))
    return accepted


def _keys(name: str) -> set[tuple[str, ...]]:
    """The name's key, and its keys with two neighbouring words written as one."""
    return {name_key(name), *joined_keys(name)}


def _unprefixed(key: tuple[str, ...]) -> tuple[str, ...]:
    """The key without the name prefixes that open it, when two words or more are left."""
    while len(key) > 2 and key[0] in prefix_keys():
        key = key[1:]
    return key


def _same_ends(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Are two keys one name with words between the first and last left in or out?"""
    if a == b:
        return True
    short, full = sorted((a, b), key=len)
    if len(short) < 2 or len(short) == len(full) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    inner = iter(full[1:-1])
    return all(word in inner for word in short[1:-1])


def _match_organisations(predicted: Sequence[str], labelled: Sequence[GoldName]) -> Counts:
    return match(predicted, _as_named(labelled, predicted))


def _as_named(entries: Sequence[GoldName], predicted: Sequence[str] = ()) -> list[GoldName]:
    """Gold organisations that also accept the name the extractor gives each of their forms
    (`organisations.canonical`): the list's name for an acronym or a spelling ("PTI" ->
    "Pakistan Tehreek-i-Insaf"), one word order for a ministry ("finance ministry" ->
    "Ministry of Finance"). The facet shows that name for the body the labeller meant. A
    predicted name that a labelled acronym spells, or an acronym that spells a labelled name,
    is the same body too ("Agence France-Presse" for "AFP", `acronyms.spells`): acronym and
    full name give one value."""
    named = []
    for entry in entries:
        forms = (entry.name, *entry.aliases)
        extra = [named for named in map(canonical, forms) if named not in forms]
        extra += [
            value for value in predicted if any(spells(form, value) or spells(value, form) for form in forms)
        ]
        named.append(GoldName(entry.name, entry.aliases + tuple(dict.fromkeys(extra))))
    return named


def _topic_set(predicted: tuple[str, ...], gold: GoldArticle) -> Counts:
    return match(predicted, [GoldName(t) for t in gold.topics])


def _dates(part: list[GoldArticle], articles: dict[str, Article]) -> Accuracy:
    return Accuracy(sum(articles[g.url].date == g.date for g in part), len(part))


def mistakes(shared: Path, facet: str, split: str = "dev") -> list[tuple[str, list[str], list[str]]]:
    """(url, gold names missed, predicted names not in gold) per article with an error, for
    tuning an extractor on the `dev` split. Looking at `test` this way spoils it as a yardstick."""
    extract = {
        "people": extractors.people(),
        "countries": extractors.countries(),
        "organisations": extractors.organisations(),
        "topics": classify,
    }[facet]
    if extract is None:
        raise LookupError(f"no {facet} extractor yet")
    gold = [
        g
        for g in load_gold()
        if g.split == split and (facet != "organisations" or g.organisations is not None)
    ]
    articles = find_articles(gold, shared)
    out: list[tuple[str, list[str], list[str]]] = []
    for g in gold:
        if g.url not in articles:
            continue
        predicted = extract(articles[g.url])
        entries = [GoldName(t) for t in g.topics] if facet == "topics" else list(getattr(g, facet) or ())
        extra = [p for p in predicted if not any(fold(p) in e.forms for e in entries)]
        missed = [e.name for e in entries if not any(fold(p) in e.forms for p in predicted)]
        if missed or extra:
            out.append((g.url, missed, extra))
    return out
