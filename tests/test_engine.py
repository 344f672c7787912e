"""The Whoosh engine through its interface: ranking, phrases, filters, exact facets, paging."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pickle
import shutil
import sys
import threading
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from testdata import articles_from_jsonl, whoosh_engine

from search import analysis
from search.budget import Deadline
from search.engine import EngineQuery, Filters
from search.models import Article, Sort
from search.parser import parse, relax
from search.query import And, DateRange, Not, Or, Phrase, Term
from search.whoosh.columns import SUFFIX, StaleIndexError
from search.whoosh.engine import ALWAYS_READ, WhooshEngine
from search.whoosh.plan import COORDINATION, Holdings, Plan, _union
from search.whoosh.schema import terms


@pytest.fixture(scope="module")
def articles(test_data: Path) -> list[Article]:
    return articles_from_jsonl()


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, articles: list[Article]):
    engine = WhooshEngine(tmp_path_factory.mktemp("index"))
    generation = engine.begin(fresh=True)
    generation.write(articles)
    assert generation.commit() == len(articles)
    engine.switch(generation)
    yield engine
    engine.close()


def ids(engine: WhooshEngine, node, **kwargs) -> list[str]:
    kwargs.setdefault("limit", 100)
    return [h.article.id for h in engine.query(EngineQuery(node, **kwargs)).hits]


def test_index_terms_are_the_shared_analysis(articles: list[Article]) -> None:
    for article in articles:
        assert terms(article.title + " " + article.body) == analysis.terms(article.title + " " + article.body)


def test_words_rank_headline_matches_first(engine: WhooshEngine) -> None:
    found = ids(engine, Term("rouhani"))
    assert set(found) == {"t01", "t05"}
    assert found[0] == "t05"  # in the headline


def test_stemming_and_accent_folding(engine: WhooshEngine) -> None:
    assert ids(engine, Term("election")) == ["t08"]
    assert ids(engine, Term("zurich")) == ["t08"]
    assert ids(engine, Term("Cafe")) == ["t08"]


def test_phrase_needs_the_words_together(engine: WhooshEngine) -> None:
    assert set(ids(engine, And((Term("imran"), Term("khan"))))) == {"t02", "t05", "t10"}
    assert set(ids(engine, Phrase(("climate", "change")))) == {"t02", "t09"}
    assert ids(engine, Phrase(("change", "climate"))) == []
    assert ids(engine, Phrase(("khan", "imran"))) == []


def test_headline_phrase(engine: WhooshEngine) -> None:
    assert ids(engine, Phrase(("general", "assembly"), field="title")) == ["t02"]
    assert ids(engine, Phrase(("qamar", "javed"), field="title")) == []


def test_boolean_operators(engine: WhooshEngine) -> None:
    assert set(ids(engine, Or((Term("floods"), Term("glaciers"))))) == {"t06", "t09"}
    assert set(ids(engine, And((Term("pakistan"), Not(Term("india")))))) == {"t11"}
    assert "t12" not in ids(engine, Not(Term("cricket")))
    assert len(ids(engine, Not(Term("cricket")))) == 11


def test_prefix_and_fuzzy(engine: WhooshEngine) -> None:
    assert set(ids(engine, Term("rawal", prefix=True))) == {"t10"}
    assert set(ids(engine, Term("rouhni", fuzzy=True))) == {"t01", "t05"}
    assert set(ids(engine, Term("kahn", field="person", fuzzy=True))) == {"t02", "t05", "t10"}


def test_expansions_are_worked_out_once_per_snapshot(engine: WhooshEngine) -> None:
    """The strict reading, the looser one and the spelling check's recount all meet the
    same `*` and `~` words: they reuse the first lookup instead of walking terms again."""
    ids(engine, Or((Term("rouhni", fuzzy=True), Term("rawal", prefix=True))))
    snap = engine._acquire()
    try:
        assert snap.expansion(("body", "rouhni", False), list) == ["rouhni", "rouhani"]
        assert snap.expansion(("body", "rawal", True), list) == ["rawalpindi"]
    finally:
        snap.release()


class CountdownDeadline:
    """A deadline that passes after it has been asked `checks` times: where a search runs out
    of time, without depending on how fast the machine is."""

    def __init__(self, checks: int) -> None:
        self.left = checks

    def passed(self) -> bool:
        self.left -= 1
        return self.left < 0

    def remaining(self) -> float:
        return 60.0


def test_a_plan_out_of_time_keeps_what_it_has(engine: WhooshEngine) -> None:
    either = Or((Term("rouhani"), Term("cricket"), Term("election")))
    whole = engine.query(EngineQuery(either, limit=100))
    assert not whole.timed_out
    # Checked before the query and before each alternative: the second alternative is never read.
    late = engine.query(EngineQuery(either, limit=100, deadline=CountdownDeadline(2)))  # type: ignore[arg-type]
    assert late.timed_out
    assert (
        {h.article.id for h in late.hits}
        == set(ids(engine, Term("rouhani")))
        < {h.article.id for h in whole.hits}
    )
    expanded = engine.query(EngineQuery(Term("rouhni", fuzzy=True), limit=100, deadline=CountdownDeadline(1)))  # type: ignore[arg-type]
    assert expanded.timed_out and expanded.total == 0


def test_articles_are_read_only_until_the_deadline(engine: WhooshEngine, articles: list[Article]) -> None:
    """An export reads thousands of stored articles; past the deadline it stops with those read,
    but a page's worth is always read, so a search that ran out of time still shows something."""
    late = engine.query(EngineQuery(None, limit=100, facets=False, deadline=CountdownDeadline(0)))  # type: ignore[arg-type]
    assert late.timed_out and len(late.hits) == ALWAYS_READ < len(articles) == late.total


def test_a_search_waits_for_the_first_vocabulary_no_longer_than_its_deadline(
    tmp_path: Path, articles: list[Article]
) -> None:
    """The vocabulary's first build takes about a second at 60k articles: a `~` search with
    a deadline waits for it only as long as it has, and it goes on being built meanwhile."""
    engine = whoosh_engine(tmp_path, articles)
    snap = engine._acquire()
    # A commit saves the vocabulary for every worker to map; an index written before that (or
    # one that cannot be written) builds its own on first use, which is what is tested here.
    assert snap.columns.folder is not None
    shutil.rmtree(snap.columns.folder / "vocabulary")
    release = threading.Event()

    def slow_names() -> Counter[str]:
        release.wait(30)
        return Counter()

    try:
        assert snap.vocabulary_within(slow_names, 0.05) is None
        plan = Plan(
            snap, lambda seconds: snap.vocabulary_within(slow_names, seconds or 0), Deadline.after(0.2)
        )
        found = plan.run(Term("rouhni", fuzzy=True))
        assert found is not None and not found.mask.any() and plan.timed_out
        release.set()
        assert snap.vocabulary_within(slow_names, 30) is not None
        assert "rouhani" in snap.vocabulary_within(slow_names, 0).similar("rouhni", 5)
    finally:
        release.set()
        snap.release()
        engine.close()


def test_fielded_names(engine: WhooshEngine) -> None:
    assert set(ids(engine, Term("khan", field="person"))) == {"t02", "t05", "t10"}
    assert set(ids(engine, Term("iran", field="country"))) == {"t01", "t05", "t11"}
    assert set(ids(engine, Term("sport", field="topic"))) == {"t03", "t12"}
    assert set(ids(engine, Term("business", field="section"))) == {"t04", "t11"}


def test_dates(engine: WhooshEngine) -> None:
    node = DateRange(dt.date(2020, 6, 1), dt.date(2020, 6, 30))
    assert set(ids(engine, node)) == {"t11", "t12"}


def test_relevance_ties_break_newest_first(engine: WhooshEngine) -> None:
    found = engine.query(EngineQuery(Term("sport", field="topic"))).hits
    assert [h.article.id for h in found] == ["t12", "t03"]


def test_sorting(engine: WhooshEngine) -> None:
    newest = ids(engine, None, sort=Sort.NEWEST)
    oldest = ids(engine, None, sort=Sort.OLDEST)
    assert newest[:3] == ["t06", "t12", "t11"] and newest[-1] == "t09"  # undated last
    assert oldest[0] == "t04" and oldest[-1] == "t09"


def test_filters_people_and_countries_are_conjunctive(engine: WhooshEngine) -> None:
    both = Filters(people=("Imran Khan", "Hassan Rouhani"))
    assert ids(engine, None, filters=both) == ["t05"]
    countries = Filters(countries=("Pakistan", "India"))
    assert set(ids(engine, None, filters=countries)) == {"t02", "t03"}


def test_topics_are_disjunctive_and_counted_as_if_unselected(engine: WhooshEngine, articles) -> None:
    chosen = ("sport", "environment")
    results = engine.query(
        EngineQuery(None, Filters(topics=chosen), pinned={"topic": chosen}, facet_limit=50)
    )
    assert {h.article.id for h in results.hits} == {"t03", "t12", "t06", "t09"}
    expected = Counter(t for a in articles for t in a.topics)
    assert {v.value: v.count for v in results.facets["topic"]} == dict(expected)
    assert {v.value for v in results.facets["topic"] if v.selected} == set(chosen)


def test_facet_counts_are_exact_over_all_matches(engine: WhooshEngine, articles) -> None:
    results = engine.query(EngineQuery(Term("pakistan"), limit=1, facet_limit=50))
    matching = [a for a in articles if "pakistan" in terms(a.title + " " + a.body)]
    assert results.total == len(matching)
    for facet, attr in (("person", "people"), ("country", "countries")):
        expected = Counter(v for a in matching for v in getattr(a, attr))
        assert {v.value: v.count for v in results.facets[facet]} == dict(expected)
    years = Counter(str(a.date.year) for a in matching if a.date)
    assert {v.value: v.count for v in results.facets["year"]} == dict(years)
    months = Counter(a.date.strftime("%Y-%m") for a in matching if a.date)
    assert {v.value: v.count for v in results.facets["month"]} == dict(months)


def test_year_and_month_facets_count_dates_on_both_sides_of_1970(tmp_path: Path) -> None:
    """A search gathers its documents' months once and counts their years from them (a
    month number's floor over twelve): right before 1970 too, few matches or many."""
    days = [dt.date(1965, 6, 15), dt.date(1969, 12, 31), dt.date(1970, 1, 1), dt.date(1999, 12, 31)]
    days += [dt.date(2024, 2, 29), None]
    found = [Article(id=f"a{i}", title="Report", body="glacier melt", date=d) for i, d in enumerate(days)]
    early = dt.date(1968, 3, 1)
    others = [Article(id=f"o{i}", title="Other", body="harbour news", date=early) for i in range(30)]
    engine = whoosh_engine(tmp_path, found + others)
    try:
        # A few documents of many are read by number (`SPARSE_SHARE`), every one by mask.
        for node, matching in ((Term("glacier"), days), (None, days + [a.date for a in others])):
            results = engine.query(EngineQuery(node, facet_limit=50))
            years = Counter(str(d.year) for d in matching if d)
            assert {v.value: v.count for v in results.facets["year"]} == dict(years)
            months = Counter(d.strftime("%Y-%m") for d in matching if d)
            assert {v.value: v.count for v in results.facets["month"]} == dict(months)
    finally:
        engine.close()


def test_facets_count_the_same_from_a_selections_documents_as_from_its_mask(engine: WhooshEngine) -> None:
    """Small selections are counted from their documents' pairs, large ones by a pass over
    every pair: both give every value's exact count, filters find the same documents."""
    snap = engine._acquire()
    try:
        rng = np.random.default_rng(3)
        for share in (0.0, 0.05, 0.3, 0.9, 1.0):
            mask = rng.random(snap.size) < share
            members = np.flatnonzero(mask)
            for facet, column in snap.columns.facets.items():
                assert column.counts(mask).tolist() == column.counts(mask, members).tolist(), facet
                pairs = list(zip(column.docs.tolist(), column.ords.tolist(), strict=True))
                for value in column.values:
                    expected = {d for d, o in pairs if column.values[o] == value}
                    assert set(column.holding(value).tolist()) == expected
                    assert set(np.flatnonzero(column.mask(value, snap.size)).tolist()) == expected
    finally:
        snap.release()


def test_a_search_reads_no_story_names(tmp_path: Path, articles: list[Article]) -> None:
    """The story facet's value names (one a story: a million at a million articles) stay on
    disk through a search with its facets, and through listing a story's versions, found from
    the article the story is named after; a story named otherwise is found by its name."""
    from search.whoosh.columns import StoredValues

    named = articles[0].id  # a story is named after its first article
    grouped = [
        dataclasses.replace(a, story=named if i < 3 else "elsewhere" if i < 5 else a.id)
        for i, a in enumerate(articles)
    ]
    engine = whoosh_engine(tmp_path, grouped)
    try:
        results = engine.query(EngineQuery(Term("pakistan"), limit=5, facet_limit=10))
        assert results.total and results.facets["person"]
        assert sorted(a.id for a in engine.versions(named)) == sorted(a.id for a in grouped[:3])
        snap = engine._acquire()
        stories = snap.columns.facets["story"].values
        snap.release()
        assert isinstance(stories, StoredValues) and stories._names is None
        assert sorted(a.id for a in engine.versions("elsewhere")) == sorted(a.id for a in grouped[3:5])
        assert stories._names is not None and "elsewhere" in stories
    finally:
        engine.close()


def test_a_shared_folder_in_the_previous_layout_is_made_again(
    tmp_path: Path, articles: list[Article]
) -> None:
    """An index served by an older Broadsheet has a columns folder without the facets'
    indexes: opening it makes the folder again from the segment caches, and counts are exact."""
    engine = whoosh_engine(tmp_path, articles)
    snap = engine._acquire()
    folder = snap.columns.folder
    snap.release()
    engine.close()
    assert folder is not None
    old = folder.with_name("columns-0123456789abcdef")  # another layout gave another key
    folder.rename(old)
    meta = json.loads((old / "meta.json").read_text(encoding="utf-8"))
    (old / "meta.json").write_text(json.dumps({**meta, "version": 4}), encoding="utf-8")
    for stale in old.glob("*-starts.npy"):
        stale.unlink()
    reopened = WhooshEngine(tmp_path)
    try:
        results = reopened.query(EngineQuery(Term("pakistan"), limit=1, facet_limit=50))
        matching = [a for a in articles if "pakistan" in terms(a.title + " " + a.body)]
        expected = Counter(p for a in matching for p in a.people)
        assert {v.value: v.count for v in results.facets["person"]} == dict(expected)
        snap = reopened._acquire()
        assert snap.columns.folder == folder and not old.exists()
        snap.release()
    finally:
        reopened.close()


def test_top_n_keeps_the_selected_value(engine: WhooshEngine) -> None:
    results = engine.query(
        EngineQuery(None, Filters(people=("Tom Jerry",)), facet_limit=1, pinned={"person": ("Tom Jerry",)})
    )
    assert results.facets["person"] == [type(results.facets["person"][0])("Tom Jerry", 1, True)]
    wide = engine.query(EngineQuery(None, facet_limit=1, pinned={"country": ("Switzerland",)}))
    assert [(v.value, v.count, v.selected) for v in wide.facets["country"]] == [
        ("Pakistan", 10, False),
        ("Switzerland", 1, True),
    ]


def test_pagination_is_exact_and_past_the_end_is_empty(engine: WhooshEngine) -> None:
    pages = [ids(engine, None, sort=Sort.NEWEST, offset=o, limit=5) for o in (0, 5, 10)]
    everything = ids(engine, None, sort=Sort.NEWEST)
    assert [i for page in pages for i in page] == everything
    assert engine.query(EngineQuery(None, offset=500, limit=5)).hits == []
    assert engine.query(EngineQuery(None, offset=500, limit=5)).total == 12


def test_fallback_adds_partial_matches_after_full_ones(engine: WhooshEngine) -> None:
    parsed = parse("rouhani cricket")
    strict = engine.query(EngineQuery(parsed.node))
    assert strict.total == 0 and not strict.relaxed
    loose = engine.query(EngineQuery(parsed.node, fallback=relax(parsed.node), fallback_below=3, limit=20))
    assert loose.relaxed
    assert {h.article.id for h in loose.hits} == {"t01", "t05", "t12"}
    parsed = parse("bajwa rawalpindi army")
    loose = engine.query(EngineQuery(parsed.node, fallback=relax(parsed.node), fallback_below=3, limit=20))
    assert loose.relaxed and loose.hits[0].article.id == "t10"


def test_get_and_fingerprints(engine: WhooshEngine, articles) -> None:
    assert engine.get("t07") == articles[6]
    assert engine.get("nope") is None
    prints = engine.fingerprints()
    assert set(prints) == {a.id for a in articles}
    assert prints["t03"].content_hash == "h-t03"


def test_stats(engine: WhooshEngine) -> None:
    stats = engine.stats(top=2)
    assert (stats.articles, stats.first_date, stats.last_date, stats.undated) == (
        12,
        dt.date(2019, 7, 15),
        dt.date(2020, 8, 25),
        1,
    )
    assert [v.value for v in stats.top["country"]] == ["Pakistan", "Iran"]
    assert [(v.value, v.count) for v in stats.per_year] == [("2019", 5), ("2020", 6)]


def test_facet_values_by_prefix(engine: WhooshEngine) -> None:
    assert [v.value for v in engine.facet_values("person", "kh")] == ["Imran Khan"]
    assert [v.value for v in engine.facet_values("person", "imr")] == ["Imran Khan"]
    assert [v.value for v in engine.facet_values("country", "united")] == [
        "United Arab Emirates",
        "United Kingdom",
        "United States",
    ]
    assert [v.value for v in engine.facet_values("topic", "", limit=1)] == ["politics"]
    assert [v.value for v in engine.facet_values("year", "20")] == ["2020", "2019"]


def test_related_and_spelling(engine: WhooshEngine) -> None:
    related = [a.id for a in engine.more_like_this("t01")]
    assert related and "t01" not in related and related[0] in {"t05", "t10"}
    assert "rouhani" in engine.spelling_candidates("rouhni")
    assert engine.spelling_candidates("rupee")[0] == "rupee"


def test_an_index_folder_without_an_index_is_empty(tmp_path: Path) -> None:
    engine = WhooshEngine(tmp_path / "nothing")
    results = engine.query(EngineQuery(Term("pakistan")))
    assert (results.total, results.hits) == (0, [])
    assert engine.stats().articles == 0
    assert engine.get("t01") is None and engine.fingerprints() == {}
    engine.close()


def test_a_query_of_only_stop_words_finds_nothing(engine: WhooshEngine) -> None:
    assert engine.query(EngineQuery(Term("the"))).total == 0
    assert set(ids(engine, And((Term("the"), Term("rouhani"))))) == {"t01", "t05"}


def test_words_in_the_lead_rank_first(tmp_path: Path) -> None:
    filler = " ".join(f"word{i}" for i in range(40))
    late = Article(id="late", title="Report", body=f"{filler} glacier melt", date=dt.date(2020, 1, 2))
    early = Article(id="early", title="Report", body=f"glacier melt {filler}", date=dt.date(2020, 1, 1))
    engine = whoosh_engine(tmp_path, [late, early])
    assert ids(engine, And((Term("glacier"), Term("melt")))) == ["early", "late"]
    engine.close()


def test_spelling_candidates_are_words_not_stems(engine: WhooshEngine) -> None:
    """ "electon" is close to the stem "elect" of "elections"; only surface words are offered."""
    found = engine.spelling_candidates("electon")
    assert "elect" not in found and {"election", "elections"} & set(found)
    assert engine.spelling_candidates("glaciers") == ["glaciers"]  # known words skip the search


def _mixed_operations(engine: WhooshEngine) -> list:
    """Every kind of read the web app makes, each a zero-argument call."""
    queries = [
        Term("rouhani"),
        Term("rouhni", fuzzy=True),
        Term("glaci", prefix=True),
        Phrase(("climate", "change")),
        Phrase(("general", "assembly"), field="title"),
        And((Term("imran"), Term("khan"))),
        Or((Term("pakistan"), Not(Term("india")))),
    ]
    ops = [lambda q=q: _answer(engine.query(EngineQuery(q, limit=20))) for q in queries]
    ops += [
        lambda w=w: engine.spelling_candidates(w)
        for w in ("rouhni", "electon", "pakistn", "kashmr", "glacers")
    ]
    ops += [lambda i=i: engine.get(i) for i in ("t01", "t05", "t09", "missing")]
    ops += [lambda i=i: [a.id for a in engine.more_like_this(i)] for i in ("t01", "t02", "t08")]
    ops += [
        lambda: engine.facet_values("person", "kh"),
        lambda: engine.stats(),
        lambda: len(engine.fingerprints()),
    ]
    return ops


def _answer(results) -> tuple:  # type: ignore[no-untyped-def]
    return results.total, [(h.article.id, round(h.score, 6)) for h in results.hits], results.facets


def test_eight_threads_agree_with_one(engine: WhooshEngine) -> None:
    """The web server shares one engine between 8 threads. Thread switches are forced every
    few microseconds so that reads interleave inside Whoosh; a shared reader used without
    a lock returns garbage or raises (`UnicodeDecodeError`, `struct.error`)."""
    ops = _mixed_operations(engine)
    expected = [op() for op in ops]
    errors: list[BaseException] = []
    wrong: list[int] = []
    start = threading.Barrier(8)

    def work(seed: int) -> None:
        start.wait()
        try:
            for round_ in range(6):
                for k in range(len(ops)):
                    i = (k * 7 + seed + round_) % len(ops)
                    if ops[i]() != expected[i]:
                        wrong.append(i)
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert not errors, errors[:3]
    assert not wrong


@pytest.mark.parametrize("damage", ["old format", "truncated"])
def test_an_outdated_column_cache_is_rebuilt(tmp_path: Path, articles: list[Article], damage: str) -> None:
    """An index from an older Broadsheet (other cache layout) or a damaged cache file still opens."""
    engine = WhooshEngine(tmp_path)
    generation = engine.begin(fresh=True)
    generation.write(articles)
    generation.commit()
    engine.switch(generation)
    expected = ids(engine, Term("rouhani"))
    engine.close()
    caches = list(generation.path.glob(f"*{SUFFIX}"))
    assert caches
    for path in caches:
        if damage == "old format":
            path.write_bytes(pickle.dumps({"version": 1, "days": [], "lengths": {}}))
        else:
            path.write_bytes(path.read_bytes()[:40])
        path.with_name(path.name + ".words").unlink()
    reopened = WhooshEngine(tmp_path)
    assert ids(reopened, Term("rouhani")) == expected
    assert "rouhani" in reopened.spelling_candidates("rouhni")
    reopened.close()
    assert all(pickle.loads(p.read_bytes())["count"] > 0 for p in caches)


def test_a_damaged_ids_file_asks_for_a_reindex(tmp_path: Path, articles: list[Article]) -> None:
    engine = WhooshEngine(tmp_path)
    generation = engine.begin(fresh=True)
    generation.write(articles[:3])
    generation.commit()
    engine.switch(generation)
    engine.close()
    for path in generation.path.glob(f"*{SUFFIX}.ids"):
        path.write_bytes(b"not a pickle")
    reopened = WhooshEngine(tmp_path)
    with pytest.raises(StaleIndexError, match="broadsheet reindex"):
        reopened.fingerprints()
    reopened.close()


def test_postings_of_a_segment_with_deletions_leave_the_deleted_out(
    tmp_path: Path, articles: list[Article]
) -> None:
    """After an update, segments hold deleted documents. Postings are read whole and the
    deleted ones dropped by the live mask: the same documents and frequencies as Whoosh's own
    filtered reading, and a deleted article's words find nothing."""
    from search.whoosh.posting_arrays import _read_blocks, whoosh_postings
    from search.whoosh.snapshot import Snapshot

    engine = whoosh_engine(tmp_path, articles)
    gone = articles[::3]
    update = engine.begin(fresh=False)
    update.delete([a.id for a in gone])
    update.commit()
    engine.switch(update)
    engine.close()
    snap = Snapshot(engine.layout.path(update.name))
    assert any(leaf.has_deletions() for leaf, _ in snap.leaves)
    words = Counter(t for a in articles[:40] for t in terms(a.title + " " + a.body))
    checked = held = 0
    for word, _ in words.most_common(60):
        got_ids, got_freqs = snap.postings("body", word)
        want = [
            (int(i) + offset, float(f))
            for leaf, offset in snap.leaves
            if ("body", word) in leaf
            for i, f in zip(*_read_blocks(leaf.postings("body", word)), strict=True)
        ]
        assert list(zip(got_ids.tolist(), got_freqs.tolist(), strict=True)) == want, word
        checked += len(want)
        held += sum(
            len(whoosh_postings(leaf, "body", word)[0]) for leaf, _ in snap.leaves if ("body", word) in leaf
        )
    assert 20 < checked < held  # deleted documents were among the postings read
    deleted_docs = {offset + d for leaf, offset in snap.leaves for d in leaf.deleted_docs_set}
    assert deleted_docs and not deleted_docs & set(
        snap.postings("body", words.most_common(1)[0][0])[0].tolist()
    )
    snap.release()


def test_decoded_postings_are_kept_within_a_byte_budget(
    tmp_path: Path, articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The snapshot's cache of decoded posting lists is bounded in bytes, newest kept; a
    list read again after it was dropped is the same."""
    from search.whoosh import snapshot as snapshots

    engine = whoosh_engine(tmp_path, articles)
    engine.close()
    snap = snapshots.Snapshot(engine.layout.path(engine.generation_names()[0]))
    words = [w for w, _ in Counter(t for a in articles for t in terms(a.body)).most_common(40)]
    first = snap.postings("body", words[0])
    budget = 3 * (first[0].nbytes + first[1].nbytes)
    monkeypatch.setattr(snapshots, "POSTINGS_CACHE_BYTES", budget)
    for word in words:
        snap.postings("body", word)
        held = list(snap._postings.values())
        assert snap._postings_bytes == sum(ids.nbytes + freqs.nbytes for ids, freqs in held) <= budget
    assert ("body", words[-1]) in snap._postings and ("body", words[0]) not in snap._postings
    again = snap.postings("body", words[0])
    assert np.array_equal(again[0], first[0]) and np.array_equal(again[1], first[1])
    snap.release()


@pytest.mark.parametrize("words", [1, 2, 5, 8, 9, 12, 13])
def test_soft_holdings_are_the_per_document_sums_bit_for_bit(words: int) -> None:
    """A soft query's words held and coordination factor come from a table of codes (a
    byte each up to 8 words, two up to 12) or word by word: either way exactly what
    summing per document gives."""
    rng = np.random.default_rng(words)
    size = 5000
    held = Holdings(size, words)
    count = np.zeros(size, dtype=np.int16)
    weight_held = np.zeros(size, dtype=np.float32)
    weights = []
    for _ in range(words):
        mask = rng.random(size) < rng.random()
        weight = float(rng.random() * 10)
        held.add(mask, weight)
        count += mask
        weight_held += weight * mask
        weights.append(weight)
    assert held.count().tolist() == count.tolist()
    want = (weight_held / sum(weights)) ** COORDINATION
    got = held.coordination()
    assert got.dtype == want.dtype and got.tobytes() == want.tobytes()


def test_union_of_postings_is_every_document_of_either_in_order() -> None:
    """A word's documents in two fields merge by binary search or through a mask (made
    here, or the word's match given): the same as a set union, whether one is empty, one
    holds the other, or they run past each other's ends."""
    rng = np.random.default_rng(3)
    cases = [(np.array([], dtype=np.int64), np.array([4, 9], dtype=np.int64))]
    cases.append((np.array([4, 9], dtype=np.int64), np.array([], dtype=np.int64)))
    cases.append((np.array([1, 2, 3], dtype=np.int64), np.array([2], dtype=np.int64)))
    cases.append((np.array([5, 6], dtype=np.int64), np.array([0, 6, 7, 90], dtype=np.int64)))
    for _ in range(50):
        first, second = (np.unique(rng.integers(0, 200, rng.integers(0, 60))) for _ in range(2))
        cases.append((first, second))
    for first, second in cases:
        for size in (200, 4000):  # merged through a mask, then by binary search
            assert _union(first, second, size).tolist() == np.union1d(first, second).tolist()
            marked = np.zeros(size, dtype=bool)  # a word's match, marked field by field
            marked[first] = marked[second] = True
            assert _union(first, second, size, marked).tolist() == np.union1d(first, second).tolist()
