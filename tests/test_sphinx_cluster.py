"""`broadsheet cluster up|down|status` on real searchd processes, and a shard going down.

Each test module starts its own small cluster in a temporary folder, so stopping a
shard here cannot disturb the contract suite's cluster.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from testdata import articles_from_jsonl

pytest.importorskip("pymysql", reason="pymysql is not installed (pip install -e '.[cluster]')")

from broadsheet.cluster import add_cluster_commands
from search.archive import Archive
from search.budget import Deadline
from search.engine import EngineQuery, EngineResults, Filters
from search.models import SearchRequest
from search.parser import parse
from search.sphinx import cluster
from search.sphinx import engine as sphinx_engine
from search.sphinx.config import HA_PING_INTERVAL_MS
from search.sphinx.documents import hash63
from search.sphinx.engine import SphinxEngine
from web import create_app

pytestmark = pytest.mark.cluster


def cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="broadsheet")
    add_cluster_commands(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    return int(args.run(args))


@pytest.fixture(scope="module")
def running(searchd: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A cluster started through the command line: (its folder, the engine URL it printed)."""
    directory = tmp_path_factory.mktemp("cli-cluster")
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            assert cli("cluster", "up", "--dir", str(directory), "--shards", "2") == 0
        yield directory, out.getvalue().strip().splitlines()[-1]
    finally:
        cluster.down(directory)


def filled_engine(url: str, test_data: Path) -> SphinxEngine:
    """An engine on the cluster at `url` whose live generation holds the contract articles."""
    engine = SphinxEngine.from_url(url)
    generation = engine.begin(fresh=True)
    generation.write(articles_from_jsonl(test_data / "contract" / "articles.jsonl"))
    generation.commit()
    engine.switch(generation)
    return engine


def searchd_pid(directory: Path, name: str) -> int:
    pid = int((directory / f"{name}.pid").read_text(encoding="ascii"))
    assert b"searchd" in Path(f"/proc/{pid}/cmdline").read_bytes()
    return pid


def test_up_records_each_server_and_prints_the_engine_url(running: tuple[Path, str]) -> None:
    directory, url = running
    assert url.startswith("sphinx://127.0.0.1:") and url.count("shard=127.0.0.1:") == 2
    pids = {name: searchd_pid(directory, name) for name in ("shard-1", "shard-2", "aggregator")}
    assert len(set(pids.values())) == 3
    states = cluster.status(directory)
    assert [(s.name, s.pid, s.answering) for s in states] == [(n, p, True) for n, p in pids.items()]
    assert cli("cluster", "status", "--dir", str(directory)) == 0


def test_a_second_up_in_the_same_folder_is_refused(running: tuple[Path, str]) -> None:
    with pytest.raises(cluster.ClusterError, match="already running"):
        cluster.up(running[0], 2)


def test_a_shard_down_gives_partial_results_then_full_ones_again(
    running: tuple[Path, str], tmp_path: Path, test_data: Path
) -> None:
    directory, url = running
    articles = articles_from_jsonl(test_data / "contract" / "articles.jsonl")
    engine = SphinxEngine.from_url(url)
    generation = engine.begin(fresh=True)
    generation.write(articles)
    generation.commit()
    engine.switch(generation)
    archive = Archive(engine)
    app = create_app({"ARCHIVE": archive, "INDEX_DIR": tmp_path, "TESTING": True})
    full = archive.search(SearchRequest(per_page=100))
    assert full.total == len(articles) and not full.partial
    # The shard's articles are those routed to it: hash(id) % 2 == 1 for shard-2.
    on_first = {a.id for a in articles if hash63(a.id) % 2 == 0}
    assert 0 < len(on_first) < len(articles)

    cluster.stop(directory, "shard-2")
    try:
        part = archive.search(SearchRequest(per_page=100))
        assert part.partial and {h.id for h in part.hits} == on_first and part.total == len(on_first)
        with app.test_client() as client:
            api = client.get("/api/search?q=pakistan")
            assert api.status_code == 200 and api.get_json()["partial"] is True
            page = client.get("/search?q=pakistan")
            assert page.status_code == 200 and b"did not answer" in page.data
        assert cli("cluster", "status", "--dir", str(directory)) != 0
    finally:
        cluster.restart(directory, "shard-2")
    again = archive.search(SearchRequest(per_page=100))
    engine.close()  # searchd waits for open client connections when it is stopped
    assert not again.partial and again.total == len(articles)


def test_searches_at_once_list_a_facets_values_once_and_a_partial_list_waits(
    running: tuple[Path, str], test_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listing every value of a facet keeps `ALL_VALUES` groups on each shard. Searches that
    arrive together must not each ask (16 at once grew a shard past 8 GB), and a list that
    came back partial is used for a while rather than asked for again by every search."""
    directory, url = running
    engine = filled_engine(url, test_data)
    asked: list[bool] = []
    select = sphinx_engine._Reader.select

    def counted(self: sphinx_engine._Reader, *args: object, **kwargs: object) -> object:
        if kwargs.get("facets") and kwargs.get("limit") == 0:
            time.sleep(0.3)  # a slow listing: the other searches arrive while it runs
            result = select(self, *args, **kwargs)  # type: ignore[arg-type]
            asked.append(result.partial)
            return result
        return select(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sphinx_engine._Reader, "select", counted)
    try:
        with ThreadPoolExecutor(8) as pool:
            lists = list(pool.map(lambda _: engine.facet_values("person", limit=1000), range(8)))
        assert asked == [False] and lists[0] and all(found == lists[0] for found in lists)

        asked.clear()
        cluster.stop(directory, "shard-2")
        try:
            partial = engine.facet_values("country", limit=1000)
            again = engine.facet_values("country", limit=1000)
            assert asked == [True] and again == partial
        finally:
            cluster.restart(directory, "shard-2")
        monkeypatch.setattr(sphinx_engine, "RELIST_SECONDS", 0.0)
        deadline = time.monotonic() + 10
        while engine.facet_values("country", limit=1000) == partial and time.monotonic() < deadline:
            time.sleep(0.2)
        assert asked[-1] is False and len(engine.facet_values("country", limit=1000)) > len(partial)
    finally:
        engine.close()


def test_a_day_count_too_small_for_the_archive_loses_no_day(
    running: tuple[Path, str], test_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The day histogram's group buffer is sized to the generation's distinct days, counted
    once; a count that no longer covers them (too small) makes a full buffer, and the
    search's days are asked for again in full rather than cut short."""
    _, url = running
    engine = filled_engine(url, test_data)
    try:
        right = engine.dates(None, Filters())
        assert len(right.days) > 3
        monkeypatch.setattr(engine, "_per_generation", {})
        monkeypatch.setattr(engine, "_distinct_days", lambda live: 2)
        assert engine.dates(None, Filters()) == right
    finally:
        engine.close()


def test_searches_past_the_limit_wait_their_turn_or_their_deadline(
    running: tuple[Path, str], test_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`&searches=N` in the engine URL: at most N searches of one process on the cluster at
    once (more only queue inside searchd, each holding its buffers, until answers turn
    partial); the others wait here, and one whose deadline passes while waiting answers
    as timed out, not partial."""
    _, url = running
    engine = filled_engine(url + "&searches=2", test_data)
    answer = sphinx_engine._Reader.answer
    running_now: list[int] = []
    busiest = [0]
    guard = threading.Lock()

    def slow(self: sphinx_engine._Reader, query: EngineQuery) -> EngineResults:
        with guard:
            running_now.append(1)
            busiest[0] = max(busiest[0], len(running_now))
        time.sleep(0.3)
        try:
            return answer(self, query)
        finally:
            with guard:
                running_now.pop()

    monkeypatch.setattr(sphinx_engine._Reader, "answer", slow)
    try:
        query = EngineQuery(parse("pakistan").node)
        with ThreadPoolExecutor(6) as pool:
            answers = list(pool.map(lambda _: engine.query(query), range(6)))
        assert busiest[0] == 2
        assert all(a.total == answers[0].total > 0 and not a.partial and not a.timed_out for a in answers)

        with ThreadPoolExecutor(3) as pool:
            first = [pool.submit(engine.query, query) for _ in range(2)]
            time.sleep(0.1)
            hurried = engine.query(dataclasses.replace(query, deadline=Deadline.after(0.05)))
            assert all(f.result().total > 0 for f in first)
        assert hurried.timed_out and not hurried.partial and hurried.total == 0
    finally:
        engine.close()


def test_the_aggregator_down_is_an_empty_partial_answer(running: tuple[Path, str], test_data: Path) -> None:
    directory, url = running
    engine = filled_engine(url, test_data)
    archive = Archive(engine)
    cluster.stop(directory, "aggregator")
    try:
        results = archive.search(SearchRequest(query="pakistan"))
        assert results.partial and results.total == 0 and results.hits == []
    finally:
        cluster.restart(directory, "aggregator")
    assert not archive.search(SearchRequest(query="pakistan")).partial
    engine.close()


def test_the_cluster_records_are_read_through_a_rolling_restart(running: tuple[Path, str]) -> None:
    """Each server that is stopped fails a read and is passed over for a while; when the
    last one is stopped, every other one has failed lately, and the records must come from
    one of those that came back, not from nowhere (a search then lost its facet names and
    answered empty and partial, naming no shard)."""
    directory, url = running
    engine = SphinxEngine.from_url(url)
    try:
        engine.meta.add_names([(7, "Hina Rashid")])
        sequence, _ = engine.meta.pointer()
        for name in ("shard-1", "shard-2"):
            cluster.stop(directory, name)
            try:
                assert engine.meta.names([7]) == {7: "Hina Rashid"}
                assert engine.meta.pointer()[0] == sequence
            finally:
                cluster.restart(directory, name)
    finally:
        engine.close()


def test_down_stops_exactly_the_recorded_processes(searchd: str, tmp_path: Path) -> None:
    plan = cluster.up(tmp_path, 1)
    try:
        pids = [searchd_pid(tmp_path, s.name) for s in (*plan.shards, plan.aggregator)]
    except BaseException:
        cluster.down(tmp_path)
        raise
    # A pid file naming a process that is not this cluster's searchd is never signalled.
    (tmp_path / "stranger.pid").write_text(f"{os.getpid()}\n")
    assert cli("cluster", "down", "--dir", str(tmp_path)) == 0
    assert all(not Path(f"/proc/{pid}").exists() or b"Z" in _state(pid) for pid in pids)
    assert not list(tmp_path.glob("*.pid"))
    assert [s.running for s in cluster.status(tmp_path)] == [False, False]
    assert cli("cluster", "status", "--dir", str(tmp_path)) != 0


def test_a_replica_down_is_covered_by_its_mirror(searchd: str, tmp_path: Path, test_data: Path) -> None:
    plan = cluster.up(tmp_path / "cluster", 2, mirrors=2)
    engine = SphinxEngine.from_url(plan.engine_url())
    try:
        articles = articles_from_jsonl(test_data / "contract" / "articles.jsonl")
        generation = engine.begin(fresh=True)
        generation.write(articles)
        generation.commit()
        engine.switch(generation)
        archive = Archive(engine)
        cluster.stop(tmp_path / "cluster", "shard-2-mirror-2")
        # Until the aggregator's pings have marked the mirror dead, Sphinx 2.2 may still ask
        # it and say so (partial); from then on every query goes to the live mirror.
        deadline = time.monotonic() + 40 * HA_PING_INTERVAL_MS / 1000
        answered = 0
        while answered < 5 and time.monotonic() < deadline:
            answered = 0 if archive.search(SearchRequest()).partial else answered + 1
            time.sleep(HA_PING_INTERVAL_MS / 1000)
        for _ in range(10):
            results = archive.search(SearchRequest(per_page=100))
            assert (
                not results.partial and results.total == len(articles) and len(results.hits) == len(articles)
            )
    finally:
        engine.close()
        cluster.down(tmp_path / "cluster")


def test_a_shard_gone_with_all_its_mirrors_is_named(searchd: str, tmp_path: Path, test_data: Path) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        argv = ["--dir", str(tmp_path / "cluster"), "--shards", "2", "--mirrors", "2"]
        assert cli("cluster", "up", *argv, "--agent-retry-count", "1") == 0
    engine = SphinxEngine.from_url(out.getvalue().strip().splitlines()[-1])
    try:
        assert "agent_retry_count = 1" in (tmp_path / "cluster" / "aggregator.conf").read_text()
        articles = articles_from_jsonl(test_data / "contract" / "articles.jsonl")
        generation = engine.begin(fresh=True)
        generation.write(articles)
        generation.commit()
        engine.switch(generation)
        archive = Archive(engine)
        assert archive.search(SearchRequest()).missing_shards == ()
        cluster.stop(tmp_path / "cluster", "shard-2")
        cluster.stop(tmp_path / "cluster", "shard-2-mirror-2")
        results = archive.search(SearchRequest(per_page=100))
        assert results.partial and results.missing_shards == (2,)
        assert {h.id for h in results.hits} == {a.id for a in articles if hash63(a.id) % 2 == 0}
        app = create_app({"ARCHIVE": archive, "INDEX_DIR": tmp_path, "TESTING": True})
        with app.test_client() as client:
            api = client.get("/api/search?q=pakistan").get_json()
            assert api["partial"] is True and api["missing_shards"] == [2]
            assert b"did not answer (shard 2)" in client.get("/search?q=pakistan").data
    finally:
        engine.close()
        cluster.down(tmp_path / "cluster")


def _state(pid: int) -> bytes:
    return Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
