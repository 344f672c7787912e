"""The large segments' posting arrays merged into one set (`search.whoosh.merged_postings`):
every term's postings as the segments hold them, a day's update on top, stale when a covered
segment changes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from testdata import bundled_articles, whoosh_engine

from search.engine import EngineQuery
from search.models import Article
from search.parser import parse
from search.whoosh import bulk, merged_postings, posting_arrays, writers
from search.whoosh import engine as engine_module
from search.whoosh.columns import StaleIndexError
from search.whoosh.engine import WhooshEngine
from search.whoosh.merged_postings import MergedPostings, Segment, covered
from search.whoosh.posting_arrays import PostingArrays, part_path
from search.whoosh.snapshot import Snapshot, _without, segments

QUERIES = ("cricket", "budget minister", '"finance minister"', "pakistan -india", "prime minister imran")


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    """The bundled corpus, extracted."""
    return bundled_articles()


def _built(path: Path, articles: list[Article], monkeypatch: pytest.MonkeyPatch) -> WhooshEngine:
    """A full build of `articles` in about four segments, merged in steps of a few hundred postings."""
    monkeypatch.setattr(writers, "SEGMENT_BYTES", sum(map(writers.text_size, articles)) // 4)
    monkeypatch.setattr(merged_postings, "STEP_POSTINGS", 700)
    return whoosh_engine(path, articles)


def _live(path: Path, engine: WhooshEngine) -> Path:
    return path / "generations" / engine.generation_names()[0]


def _answers(engine: WhooshEngine) -> list[object]:
    out = []
    for text in QUERIES:
        result = engine.query(EngineQuery(node=parse(text).node, limit=500))
        out.append((result.total, sorted((h.article.id, round(h.score, 4)) for h in result.hits)))
    return out


def test_every_term_has_the_postings_its_segments_hold(
    tmp_path: Path,
    articles: list[Article],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = _built(tmp_path, articles, monkeypatch)
    live = _live(tmp_path, engine)
    snap = Snapshot(live)
    try:
        listed = segments(snap.leaves)
        assert len(listed) >= 3
        merged = MergedPostings.open(live, listed)
        assert merged is not None and merged.covered == len(listed)
        per_segment = [PostingArrays.open(live, s.id) for s in listed]
        assert merged.arrays.fields == set().union(*(a.fields for a in per_segment if a is not None))
        every_key = np.unique(np.concatenate([a.keys for a in per_segment if a is not None]))
        assert np.array_equal(merged.arrays.keys, every_key)
        for key in every_key.tolist():
            ids, freqs = [], []
            for (_, offset), arrays in zip(snap.leaves, per_segment, strict=True):
                found = arrays.postings(key) if arrays is not None else None
                if found is not None:
                    ids.append(found[0].astype(np.int64) + offset)
                    freqs.append(found[1])
            got = merged.arrays.postings(key)
            assert got is not None
            assert np.array_equal(got[0], np.concatenate(ids)), key
            assert np.array_equal(got[1], np.concatenate(freqs)), key
    finally:
        snap.release()
    # Searches answer as they do from the segments' own arrays.
    with_merged = _answers(engine)
    engine.close()
    for part in live.glob("merged.bsp.*"):
        part.unlink()
    engine = WhooshEngine(tmp_path)
    try:
        assert _answers(engine) == with_merged
        assert all(total for total, _ in with_merged)
    finally:
        engine.close()


def test_a_days_update_is_read_beside_the_merged_arrays(
    tmp_path: Path,
    articles: list[Article],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The update's segment is read through its own arrays; the corrected article's old
    version, in a covered segment, no longer counts (its words' frequencies, which the scores
    depend on, are a fresh build's)."""
    engine = _built(tmp_path / "index", articles, monkeypatch)
    before = covered(_live(tmp_path / "index", engine), _segments(tmp_path / "index", engine))
    corrected = dataclasses.replace(articles[3], body=articles[3].body + " zanzibarite")
    added = dataclasses.replace(articles[7], id="day-new", body="A new zanzibarite cricket report.")
    update = engine.begin(fresh=False)
    update.write([corrected, added])
    update.commit()
    engine.switch(update)
    live = _live(tmp_path / "index", engine)
    listed = _segments(tmp_path / "index", engine)
    assert covered(live, listed) == before < len(listed)  # left as it was: the day is a small tail
    final = [corrected if a.id == corrected.id else a for a in articles] + [added]
    fresh = _built(tmp_path / "fresh", final, monkeypatch)
    try:
        assert _answers(engine) == _answers(fresh)
        found = engine.query(EngineQuery(node=parse("zanzibarite").node, limit=10))
        assert sorted(h.article.id for h in found.hits) == sorted([corrected.id, added.id])
    finally:
        engine.close()
        fresh.close()


def test_merged_arrays_are_made_again_once_the_tail_grows(
    tmp_path: Path,
    articles: list[Article],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = _built(tmp_path, articles, monkeypatch)
    monkeypatch.setattr(merged_postings, "TAIL_SEGMENTS", 0)
    update = engine.begin(fresh=False)
    update.write([dataclasses.replace(articles[0], id="tail-one", body="A tail article about cricket.")])
    update.commit()
    engine.switch(update)
    live = _live(tmp_path, engine)
    listed = _segments(tmp_path, engine)
    try:
        assert covered(live, listed) == len(listed)
    finally:
        engine.close()


def test_merged_arrays_for_other_segments_are_ignored(
    tmp_path: Path,
    articles: list[Article],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = _built(tmp_path, articles, monkeypatch)
    live = _live(tmp_path, engine)
    listed = _segments(tmp_path, engine)
    engine.close()
    assert covered(live, listed) == len(listed)
    resized = [Segment(listed[0].id, listed[0].size + 1), *listed[1:]]
    assert covered(live, resized) == 0
    assert covered(live, listed[1:]) == 0
    assert covered(live, [*listed, Segment("later", 5)]) == len(listed)


def _segments(path: Path, engine: WhooshEngine) -> list[Segment]:
    snap = Snapshot(_live(path, engine))
    try:
        return segments(snap.leaves)
    finally:
        snap.release()


@pytest.mark.skipif(
    not Path("/proc/self/smaps").exists(), reason="reads the kernel's flags of each map (Linux)"
)
def test_posting_files_are_mapped_for_random_reads(
    tmp_path: Path, articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search's posting files are read in short slices at random places
    (`PostingArrays.expect_lookups`): with the kernel's read-around a server held most of them."""
    engine = _built(tmp_path, articles, monkeypatch)
    snap = Snapshot(_live(tmp_path, engine))
    try:
        assert snap.postings("body", "cricket")[0].size
        flags: dict[str, str] = {}
        mapping = ""
        for line in Path("/proc/self/smaps").read_text().splitlines():
            if (
                line[:1].isalnum()
                and "-" in line.split(" ", 1)[0]
                and line.endswith((".docs", ".freqs", ".keys"))
            ):
                mapping = line.rsplit("/", 1)[-1]
            elif line.startswith("VmFlags:") and mapping:
                flags[mapping] = line
                mapping = ""
        assert "merged.bsp.docs" in flags
        assert all(" rr" in line for line in flags.values()), flags
    finally:
        snap.release()
        engine.close()


def test_deleted_documents_leave_the_merged_postings() -> None:
    """A covered segment's deleted documents are taken out of each merged posting list by
    binary search; the same as masking every posting, whether none, some or all are dead."""
    rng = np.random.default_rng(5)
    for _ in range(40):
        ids = np.unique(rng.integers(0, 500, rng.integers(0, 80)))
        freqs = rng.random(len(ids)).astype(np.float32)
        dead = np.unique(rng.integers(0, 520, rng.integers(0, 30)))
        if rng.random() < 0.2:
            dead = ids.copy()
        live = ~np.isin(ids, dead)
        got_ids, got_freqs = _without(dead, ids, freqs)
        assert got_ids.tolist() == ids[live].tolist()
        assert got_freqs.tolist() == freqs[live].tolist()


def test_a_large_segment_keeps_its_word_pairs_in_its_arrays_only(
    tmp_path: Path,
    articles: list[Article],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A segment Whoosh never merges (a full build's) writes its pair fields, most of its
    terms, to its posting arrays and not to Whoosh's term table; phrases and proximity find
    and score what they do when Whoosh holds the pairs too, a day's update on top included.
    Such a segment that lost its arrays is reported at the next commit, not searched wrong."""
    whole = _built(tmp_path / "whole", articles, monkeypatch)
    # Every module that tells small from large segments is told the same: one that writes
    # pairs to the arrays only must never be one that Whoosh's merge policy folds together.
    for module in (bulk, posting_arrays, engine_module):
        monkeypatch.setattr(module, "SMALL_SEGMENT", 1)
    large = WhooshEngine(tmp_path / "large", procs=1)  # segments written here, where the patch is
    build = large.begin(fresh=True)
    build.write(articles)
    build.commit()
    large.switch(build)
    try:
        snap = Snapshot(_live(tmp_path / "large", large))
        try:
            assert len(snap.leaves) >= 3
            for leaf, _ in snap.leaves:
                assert not list(leaf.lexicon("pairs")) and not list(leaf.lexicon("title_pairs"))
                assert list(leaf.lexicon("body"))
        finally:
            snap.release()
        assert _answers(large) == _answers(whole)
        assert all(total for total, _ in _answers(large))
        news = "The finance minister met the prime minister."
        day = [dataclasses.replace(articles[5], id="day-1", body=news)]
        for engine in (whole, large):
            update = engine.begin(fresh=False)
            update.write(day)
            update.commit()
            engine.switch(update)
        assert _answers(large) == _answers(whole)
        listed = _segments(tmp_path / "large", large)
        keys = part_path(_live(tmp_path / "large", large), listed[0].id, "keys")
        keys.unlink()
        update = large.begin(fresh=False)
        update.write([dataclasses.replace(articles[6], id="day-2")])
        with pytest.raises(StaleIndexError, match="reindex"):
            update.commit()
        update.abort()
    finally:
        whole.close()
        large.close()
