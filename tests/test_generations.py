"""Generations: built beside the live index, switched atomically, rolled back, crash-safe."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from testdata import articles_from_jsonl

from search.engine import EngineQuery
from search.query import Term
from search.whoosh.engine import WhooshEngine
from search.whoosh.generations import CURRENT, Layout

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def articles():
    return articles_from_jsonl()


def build(engine: WhooshEngine, articles, fresh: bool = True):
    generation = engine.begin(fresh=fresh)
    generation.write(articles)
    generation.commit()
    engine.switch(generation)
    return generation


def snapshot_of_files(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_incremental_generation_never_touches_live_files(tmp_path: Path, articles) -> None:
    engine = WhooshEngine(tmp_path)
    first = build(engine, articles)
    live = tmp_path / "generations" / first.name
    before = snapshot_of_files(live)
    second = engine.begin(fresh=False)
    second.write([dataclasses.replace(articles[0], body="Rewritten body about gliders.", content_hash="new")])
    second.delete(["t02"])
    assert second.commit() == len(articles) - 1
    assert snapshot_of_files(live) == before
    assert engine.query(EngineQuery(Term("gliders"))).total == 0  # not switched yet
    engine.switch(second)
    assert engine.query(EngineQuery(Term("gliders"))).total == 1
    assert engine.get("t02") is None
    assert engine.fingerprints()["t01"].content_hash == "new"
    engine.close()


def test_checks_before_a_switch_share_one_snapshot_let_go_at_the_switch(
    tmp_path: Path, articles, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run searches its new generation a few times before switching to it (a listing, each
    probe): one opening of the index for all of them, closed by the switch (an abort too)."""
    from search.whoosh import engine as whoosh_engine

    opened: list[object] = []
    real = whoosh_engine.Snapshot

    def counted(path: Path) -> object:
        opened.append(path)
        return real(path)

    engine = WhooshEngine(tmp_path)
    build(engine, articles)
    monkeypatch.setattr(whoosh_engine, "Snapshot", counted)
    update = engine.begin(fresh=False)
    update.write([dataclasses.replace(articles[0], body="Rewritten body about gliders.", content_hash="new")])
    update.commit()
    opened.clear()
    assert update.query(EngineQuery(Term("gliders"))).total == 1
    assert update.query(EngineQuery(None, limit=0, facets=False)).total == len(articles)
    assert len(opened) == 1
    snapshot = update._snapshot
    assert snapshot is not None
    engine.switch(update)
    assert update._snapshot is None and snapshot._refs == 0
    engine.close()


def test_readers_follow_a_switch_and_rollback(tmp_path: Path, articles) -> None:
    writer = WhooshEngine(tmp_path)
    build(writer, articles[:4])
    reader = WhooshEngine(tmp_path)
    assert reader.stats().articles == 4
    build(writer, articles)
    assert reader.stats().articles == len(articles)
    assert writer.rollback()
    assert reader.stats().articles == 4
    writer.close()
    reader.close()


def test_a_search_in_flight_finishes_on_the_old_generation(tmp_path: Path, articles) -> None:
    engine = WhooshEngine(tmp_path)
    build(engine, articles[:4])
    old = engine._acquire()  # what a search in progress holds
    build(engine, articles)
    assert engine.stats().articles == len(articles)
    assert old.live_count == 4 and old.stored(0)["id"] == articles[0].id
    old.release()
    engine.close()


def test_switch_keeps_current_and_previous_only(tmp_path: Path, articles) -> None:
    engine = WhooshEngine(tmp_path)
    names = [build(engine, articles[:n]).name for n in (2, 3, 4)]
    left = sorted(p.name for p in (tmp_path / "generations").iterdir())
    assert left == names[1:]
    engine.close()


def test_abort_leaves_the_live_generation(tmp_path: Path, articles) -> None:
    engine = WhooshEngine(tmp_path)
    build(engine, articles)
    generation = engine.begin(fresh=True)
    generation.write(articles[:1])
    generation.abort()
    assert engine.stats().articles == len(articles)
    assert len(list((tmp_path / "generations").iterdir())) == 1
    engine.close()


def test_fresh_generation_keeps_the_last_write_of_an_id(tmp_path: Path, articles) -> None:
    engine = WhooshEngine(tmp_path)
    generation = engine.begin(fresh=True)
    generation.write(articles)
    generation.write([dataclasses.replace(articles[0], title="Second copy", content_hash="two")])
    generation.delete(["t02"])
    assert generation.commit() == len(articles) - 1
    engine.switch(generation)
    assert engine.get("t01").title == "Second copy"
    assert engine.get("t02") is None
    engine.close()


def test_parallel_writer_builds_the_same_index(tmp_path: Path, articles) -> None:
    many = [dataclasses.replace(a, id=f"{a.id}-{k}") for k in range(20) for a in articles]  # 240 articles
    engine = WhooshEngine(tmp_path, procs=2)
    build(engine, many)
    assert engine.stats().articles == len(many)
    assert engine.query(EngineQuery(Term("rouhani"))).total == 40
    engine.close()


def test_kill_during_a_build_leaves_current_complete(tmp_path: Path, articles) -> None:
    engine = WhooshEngine(tmp_path)
    build(engine, articles)
    live = Layout(tmp_path).current()
    script = textwrap.dedent(
        f"""
        import dataclasses, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        sys.path.insert(0, {str(ROOT / "tests")!r})
        from testdata import articles_from_jsonl
        from search.whoosh.engine import WhooshEngine
        from pathlib import Path
        articles = articles_from_jsonl()
        engine = WhooshEngine(Path({str(tmp_path)!r}), procs=1)
        generation = engine.begin(fresh=True)
        print("writing", flush=True)
        while True:
            generation.write([dataclasses.replace(a, id=a.id + str(time.time())) for a in articles])
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "writing"
    time.sleep(0.5)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert (tmp_path / CURRENT).read_text().strip() == live
    reopened = WhooshEngine(tmp_path)
    assert reopened.stats().articles == len(articles)
    # The dead build's folder is cleared by the next switch.
    build(reopened, articles[:3])
    assert len(list((tmp_path / "generations").iterdir())) == 2
    reopened.close()
    engine.close()
