"""Segments written by `search.whoosh.bulk` are the ones Whoosh's own writer makes.

The same articles (the bundled archive plus awkward cases) go through Whoosh's writer and
through `write_segment`; every term entry, posting, stored field and length must agree,
and the column caches too. Then the fast segments are searched through the engine.
"""

from __future__ import annotations

import dataclasses
import itertools
import pickle
from pathlib import Path

import numpy as np
import pytest
from testdata import bundled_articles, whoosh_engine
from whoosh import index

from search.engine import EngineQuery
from search.models import Article
from search.parser import parse
from search.whoosh import bulk, incoming, postings, writers
from search.whoosh.bulk import INDEX_NAME, codec, write_segment
from search.whoosh.columns import SUFFIX, StaleIndexError, build_segment_cache, cache_path
from search.whoosh.engine import WhooshEngine
from search.whoosh.posting_arrays import PAIR_FIELDS, SKIPPED_FIELDS, PostingArrays, term_key, whoosh_postings
from search.whoosh.schema import build_schema, pair_text, to_document


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    found = bundled_articles()
    first = found[0]
    awkward = [
        # No optional parts at all, a one-word body, non-ASCII words and a title with a blank line.
        Article(id="bare", title="Ünïcödé Çafé", body="word"),
        dataclasses.replace(first, id="twice-blank", title="First part\n\nSecond part", byline=None),
        # A word in every document but these, so one term has more than one block.
        dataclasses.replace(first, id="long", body=" ".join(["cricket"] * 300 + ["tail"])),
    ]
    return found + awkward


def _whoosh_segment(directory: Path, articles: list[Article]):  # type: ignore[no-untyped-def]
    directory.mkdir()
    ix = index.create_in(str(directory), build_schema())
    writer = ix.writer(limitmb=64, compound=False, codec=codec())
    for article in articles:
        writer.add_document(**to_document(article))
    writer.commit()
    return index.open_dir(str(directory))


def _bulk_segment(directory: Path, articles: list[Article]):  # type: ignore[no-untyped-def]
    directory.mkdir(exist_ok=True)
    ix = index.create_in(str(directory), build_schema())
    segment = write_segment(directory, articles)
    writer = ix.writer(compound=False, codec=codec())
    writer.segments.append(segment)
    writer.commit(merge=False)
    return index.open_dir(str(directory)), segment


def _postings(reader, fieldname: str, text: bytes):  # type: ignore[no-untyped-def]
    info = reader.term_info(fieldname, text)
    matcher = reader.postings(fieldname, text)
    postings = []
    while matcher.is_active():
        postings.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    stats = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(), info.max_weight())
    return stats, (info.min_id(), info.max_id()), info.is_inlined(), postings


@pytest.mark.parametrize("chunk", [postings.CHUNK_POSTINGS, 7])
def test_bulk_segment_equals_whooshs_own(
    tmp_path: Path, articles: list[Article], chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every term, posting and statistic as Whoosh writes them, also when a field's postings
    are encoded a few at a time."""
    monkeypatch.setattr(postings, "CHUNK_POSTINGS", chunk)
    reference = _whoosh_segment(tmp_path / "whoosh", articles)
    fast, _ = _bulk_segment(tmp_path / "bulk", articles)
    with reference.reader() as want, fast.reader() as got:
        assert got.doc_count_all() == want.doc_count_all() == len(articles)
        want_terms = list(want.all_terms())
        assert list(got.all_terms()) == want_terms
        blocks = inlined = 0
        for fieldname, text in want_terms:
            expected = _postings(want, fieldname, text)
            assert _postings(got, fieldname, text) == expected, (fieldname, text)
            inlined += expected[2]
            blocks += len(expected[3]) > 128
        assert inlined and blocks, "the articles must exercise inlined lists and several blocks"
        for docnum in range(len(articles)):
            assert got.stored_fields(docnum) == want.stored_fields(docnum)
            for fieldname in ("title", "body", "pairs"):
                assert got.doc_field_length(docnum, fieldname) == want.doc_field_length(docnum, fieldname)
        for fieldname in ("title", "body", "pairs"):
            assert got.field_length(fieldname) == want.field_length(fieldname)


def test_posting_arrays_hold_every_word_posting_whoosh_holds(tmp_path: Path, articles: list[Article]) -> None:
    """The arrays a search maps give each term the documents and frequencies Whoosh's files
    give it, for every field but ids (pair fields included), and nothing for other terms."""
    fast, segment = _bulk_segment(tmp_path, articles)
    arrays = PostingArrays.open(tmp_path, segment.segment_id())
    assert arrays is not None
    kept = 0
    with fast.reader() as reader:
        assert arrays.fields == {name for name, _ in reader.all_terms()} - SKIPPED_FIELDS
        assert arrays.fields >= PAIR_FIELDS
        for fieldname, text in reader.all_terms():
            term = text.decode("utf-8")
            found = arrays.postings(term_key(fieldname, term))
            if fieldname in SKIPPED_FIELDS:
                assert found is None
                continue
            kept += 1
            matcher = reader.postings(fieldname, text)
            want = []
            while matcher.is_active():
                want.append((matcher.id(), matcher.weight()))
                matcher.next()
            assert found is not None, (fieldname, term)
            assert list(zip(found[0].tolist(), found[1].astype(float).tolist(), strict=True)) == want
    assert kept == len(arrays.keys) > 1000
    assert arrays.postings(term_key("body", "no-such-word-anywhere")) is None


def test_a_writer_remembers_pair_keys_between_segments() -> None:
    """Pair keys computed for one segment and reused by the next are each pair's own
    `term_key`, per field."""
    codes = np.array([0, 5, 0xFFFFF, 77, 5], dtype=np.int32)
    first = bulk._pair_keys("pairs", codes[:2])
    again = bulk._pair_keys("pairs", codes)
    want = [term_key("pairs", pair_text(code)) for code in codes.tolist()]
    assert first.tolist() == want[:2]
    assert again.tolist() == want
    assert bulk._pair_keys("title_pairs", codes[:1]).tolist() == [term_key("title_pairs", "0")]


def test_a_writer_remembers_term_keys_while_it_has_room(monkeypatch: pytest.MonkeyPatch) -> None:
    """Term keys reused from an earlier segment, or computed once the memory is full, are
    each term's own `term_key`."""
    monkeypatch.setattr(bulk, "_TERM_KEYS", {})
    monkeypatch.setattr(bulk, "MAX_TERM_KEYS", 3)
    assert bulk._term_keys("body", ["budget", "talk"]).tolist() == [
        term_key("body", "budget"),
        term_key("body", "talk"),
    ]
    terms = ["talk", "zurich", "tax", "budget"]
    assert bulk._term_keys("body", terms).tolist() == [term_key("body", term) for term in terms]
    assert set(bulk._TERM_KEYS["body"]) == {"budget", "talk"}  # four would not fit


def test_a_span_past_the_arrays_end_says_reindex(tmp_path: Path, articles: list[Article]) -> None:
    """Opening arrays checks sizes only (not every span: that read all of them); the span a
    search reads is checked, and one pointing past the postings asks for a reindex."""
    _, segment = _bulk_segment(tmp_path, articles)
    arrays = PostingArrays.open(tmp_path, segment.segment_id())
    assert arrays is not None
    damaged_key, sound_key = (int(key) for key in arrays.keys[:2])
    spans = tmp_path / f"{segment.segment_id()}.bsp.spans"
    damaged = np.fromfile(spans, dtype=arrays.spans.dtype).reshape(-1, 2)
    damaged[0, 1] = len(arrays.docs) + 1
    del arrays
    damaged.tofile(spans)
    reopened = PostingArrays.open(tmp_path, segment.segment_id())
    assert reopened is not None
    with pytest.raises(StaleIndexError, match="broadsheet reindex"):
        reopened.postings(damaged_key)
    found = reopened.postings(sound_key)
    assert found is not None and len(found[0]) > 0


def test_searches_answer_alike_with_and_without_posting_arrays(
    tmp_path: Path, articles: list[Article]
) -> None:
    """An index whose segments have no arrays (written before them, or merged by Whoosh) is
    read through Whoosh: same totals, scores and facets, deleted articles left out both ways."""
    engine = whoosh_engine(tmp_path, articles)
    update = engine.begin(fresh=False)
    update.delete([a.id for a in articles[:5]])
    update.commit()
    engine.switch(update)
    queries = ("cricket", "budget minister", '"finance minister"', "pakistan -india", "person:*")

    def answers() -> list[object]:
        out = []
        for text in queries:
            result = engine.query(EngineQuery(node=parse(text).node, limit=500))
            scored = sorted((h.article.id, round(h.score, 4)) for h in result.hits)
            out.append((result.total, scored, result.facets))
        return out

    mapped = answers()
    live = tmp_path / "generations" / engine.generation_names()[0]
    assert list(live.glob("*.bsp.keys"))
    engine.close()
    for keys in live.glob("*.bsp.keys"):
        keys.unlink()
    engine = WhooshEngine(tmp_path)
    try:
        assert answers() == mapped
        assert all(total for total, _, _ in mapped[:4])
        assert not {h for _, hits, _ in mapped for h, _ in hits} & {a.id for a in articles[:5]}
        # The next commit gives the segments written before the arrays theirs.
        update = engine.begin(fresh=False)
        update.delete([articles[5].id])
        update.commit()
        engine.switch(update)
        live = tmp_path / "generations" / engine.generation_names()[0]
        assert len(list(live.glob(f"{INDEX_NAME}_*.bsp.keys"))) == len(list(live.glob(f"*{SUFFIX}"))) > 0
    finally:
        engine.close()


def test_bulk_cache_equals_one_read_back(tmp_path: Path, articles: list[Article]) -> None:
    fast, segment = _bulk_segment(tmp_path, articles)
    written = cache_path(tmp_path, segment.segment_id())
    parts = {
        s: pickle.loads(written.with_name(written.name + s).read_bytes()) for s in ("", ".ids", ".words")
    }
    for suffix in ("", ".ids", ".words"):
        written.with_name(written.name + suffix).unlink()
    with fast.reader() as reader:
        rebuilt = build_segment_cache(reader, written)
    assert pickle.loads(written.with_name(written.name + ".ids").read_bytes()) == parts[".ids"]
    assert pickle.loads(written.with_name(written.name + ".words").read_bytes()) == parts[".words"]
    assert rebuilt["count"] == parts[""]["count"]
    assert (rebuilt["days"] == parts[""]["days"]).all()
    for name, array in rebuilt["lengths"].items():
        assert (array == parts[""]["lengths"][name]).all()
    for facet, (values, docs, ords) in rebuilt["facets"].items():
        want_values, want_docs, want_ords = parts[""]["facets"][facet]
        assert values == want_values and (docs == want_docs).all() and (ords == want_ords).all()


def test_parallel_segments_search_like_one(
    tmp_path: Path, articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes write two segments, or a cap on a segment's text makes several (written
    while articles still arrive); searching them finds what one segment finds, scored alike,
    and the last write of an id is the one kept, even once the first was written to a segment."""
    copies = [dataclasses.replace(a, id=f"{a.id}-copy") for a in articles]
    whole = sum(writers.text_size(a) for a in articles + copies)
    # Long enough that a capped run sends some of them to a writer before they are rewritten.
    stale = [dataclasses.replace(a, body="superseded " * (whole // 100)) for a in articles[:20]]
    answers = []
    for name, procs, cap, segments in (
        ("one", 1, 20 * whole, (1, 1)),
        ("two", 2, 20 * whole, (2, 2)),
        ("capped", 1, whole // 3, (3, 5)),
        ("capped-two", 2, whole // 3, (3, 6)),
    ):
        monkeypatch.setattr(writers, "SEGMENT_BYTES", cap)
        engine = WhooshEngine(tmp_path / name, procs=procs)
        heard: list[int] = []
        generation = engine.begin(fresh=True, progress=heard.append)
        if cap < whole:  # uncapped, the stale articles would make a segment of their own, all deleted
            generation.write(stale)
        generation.write(articles + copies)
        generation.delete([copies[0].id])
        assert generation.commit() == 2 * len(articles) - 1
        # Articles sent to a writer before a later write or delete of their id count as written.
        assert heard == sorted(heard) and 2 * len(articles) - 1 <= heard[-1] <= 2 * len(articles) + 20
        engine.switch(generation)
        made = len(list((tmp_path / name / "generations").glob(f"*/{INDEX_NAME}_*{SUFFIX}")))
        assert segments[0] <= made <= segments[1], name
        found = []
        for text in ("cricket", '"finance minister"', "budget -cricket", "superseded"):
            result = engine.query(EngineQuery(node=parse(text).node, limit=500))
            found.append((result.total, sorted((h.article.id, round(h.score, 4)) for h in result.hits)))
        answers.append(found)
        engine.close()
    assert all(answer == answers[0] for answer in answers)
    assert all(total for total, _ in answers[0][:3]) and answers[0][3][0] == 0


def test_whoosh_merges_small_segments_written_here(tmp_path: Path, articles: list[Article]) -> None:
    """Small incremental runs each add a segment; Whoosh's merge policy folds them into one
    of its own by reading ours back. Every article, facet and score must survive that."""
    engine = WhooshEngine(tmp_path / "index")
    batches = [articles[i : i + 3] for i in range(0, 24, 3)]
    counts = []
    for batch in batches:
        generation = engine.begin(fresh=False)
        generation.write(batch)
        generation.commit()
        engine.switch(generation)
        live = tmp_path / "index" / "generations" / engine.generation_names()[0]
        counts.append(len(list(live.glob(f"*{SUFFIX}"))))
    assert any(b < a for a, b in itertools.pairwise(counts)), f"no merge happened: segments per run {counts}"
    merged = engine.query(EngineQuery(node=parse("cricket OR budget OR minister").node, limit=100))

    reference = WhooshEngine(tmp_path / "reference")
    generation = reference.begin(fresh=True)
    generation.write(articles[:24])
    generation.commit()
    reference.switch(generation)
    whole = reference.query(EngineQuery(node=parse("cricket OR budget OR minister").node, limit=100))
    assert merged.total == whole.total > 0
    assert sorted((h.article.id, round(h.score, 4)) for h in merged.hits) == sorted(
        (h.article.id, round(h.score, 4)) for h in whole.hits
    )
    assert merged.facets == whole.facets
    assert engine.query(EngineQuery(node=None, limit=0)).total == 24
    # Whoosh's merged segment got its posting arrays at commit, read back from its postings.
    live = tmp_path / "index" / "generations" / engine.generation_names()[0]
    assert len(list(live.glob(f"{INDEX_NAME}_*.bsp.keys"))) == len(list(live.glob(f"*{SUFFIX}")))
    # Made from Whoosh's postings, they leave out the pair fields, read through Whoosh.
    held = []
    with index.open_dir(str(live)).reader() as reader:
        for leaf, _ in reader.leaf_readers():
            arrays = PostingArrays.open(live, leaf.segment().segment_id())
            assert arrays is not None
            held.append(arrays.fields)
            for fieldname, text in leaf.all_terms():
                found = arrays.postings(term_key(fieldname, text.decode("utf-8")))
                if fieldname not in arrays.fields:
                    assert found is None
                    continue
                ids, freqs = whoosh_postings(leaf, fieldname, text.decode("utf-8"))
                assert found is not None and found[0].tolist() == ids.tolist()
                assert found[1].tolist() == freqs.tolist()
    assert any(PAIR_FIELDS.isdisjoint(fields) for fields in held)
    assert any(fields >= PAIR_FIELDS for fields in held)
    engine.close()
    reference.close()


def test_a_segment_left_without_articles_is_dropped(tmp_path: Path, articles: list[Article]) -> None:
    engine = WhooshEngine(tmp_path / "index")
    for revision in ("revisionone", "revisiontwo"):
        generation = engine.begin(fresh=False)
        generation.write([dataclasses.replace(a, body=f"{a.body} {revision}") for a in articles[:10]])
        generation.commit()
        engine.switch(generation)
    live = tmp_path / "index" / "generations" / engine.generation_names()[0]
    assert len(list(live.glob(f"*{SUFFIX}"))) == 1
    assert engine.query(EngineQuery(node=parse("revisiontwo").node, limit=0)).total == 10
    assert engine.query(EngineQuery(node=parse("revisionone").node, limit=0)).total == 0
    engine.close()


def test_a_run_file_reads_back_any_slice_in_order(
    tmp_path: Path, articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writers read their part of a run from its file; batches before the part are skipped
    unread, and every slice, across batch boundaries or not, comes back exactly."""
    monkeypatch.setattr(incoming, "BATCH", 4)
    run = incoming.RunFile(tmp_path / "incoming" / "run")
    assert [run.add(a) for a in articles] == list(range(len(articles)))
    run.close()
    path = tmp_path / "incoming" / "run"
    assert list(incoming.read_run(path)) == articles
    for lo, hi in ((0, 1), (3, 9), (4, 8), (5, len(articles)), (len(articles) - 1, len(articles))):
        assert list(incoming.read_run(path, lo, hi)) == articles[lo:hi], (lo, hi)


def test_a_build_leaves_no_run_files(
    tmp_path: Path, articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each run's file goes once its segment is written, and the folder with the commit."""
    monkeypatch.setattr(writers, "SEGMENT_BYTES", sum(map(writers.text_size, articles)) // 4)
    engine = WhooshEngine(tmp_path / "index", procs=2)
    generation = engine.begin(fresh=True)
    generation.write(articles)
    assert generation.commit() == len(articles)
    engine.switch(generation)
    assert not list((tmp_path / "index").rglob(incoming.INCOMING))
    engine.close()
