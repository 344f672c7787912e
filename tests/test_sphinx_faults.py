"""The cluster under real network faults: hosts in network namespaces (`netns`), two shards
with a mirror each, the aggregator and a web server on their own addresses.

Every search goes through the web server's `/api/search`, and must answer within the
budget the topology's agent timeouts set (plus the web server's own time on a shared
machine). Run alone with `pytest -m netns`; skipped where namespaces cannot be made.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from netns import Network, unavailable_reason
from testdata import articles_from_jsonl

pytest.importorskip("pymysql", reason="pymysql is not installed (pip install -e '.[cluster]')")

from faultcluster import SERVERS, FaultCluster, fault_cluster  # noqa: E402  (needs pymysql)

from search.sphinx import (
    cluster,  # noqa: E402
    meta,  # noqa: E402
)
from search.sphinx.documents import hash63  # noqa: E402

pytestmark = [pytest.mark.cluster, pytest.mark.netns]

PREFIX = "bsft"
#: Time the web server itself may add to the aggregator's budget on a loaded machine.
SLACK_S = 2.0
#: What reads of the cluster's own records (facet-value names) may add (`search.sphinx.meta`):
#: one read's timeouts as a margin, though a slow or unreachable server now costs only
#: `meta.HEDGE_S` before the next one is asked.
META_READ_S = meta.CONNECT_TIMEOUT_S + meta.READ_TIMEOUT_S
QUERY = "pakistan"


@pytest.fixture(scope="module")
def reason() -> None:
    why = unavailable_reason()
    if why is not None:
        pytest.skip(why)
    if cluster.searchd_binary() is None:
        pytest.skip("searchd is not installed (apt-get install sphinxsearch)")


@pytest.fixture(scope="module")
def spread(reason: None, tmp_path_factory: pytest.TempPathFactory, test_data: Path) -> Iterator[FaultCluster]:
    articles = articles_from_jsonl(test_data / "contract" / "articles.jsonl")
    work = tmp_path_factory.mktemp("faults")
    with fault_cluster(work, articles, prefix=PREFIX, subnet=41) as faults:
        yield faults


@pytest.fixture(scope="module")
def full(spread: FaultCluster) -> dict[str, Any]:
    """The answer with every server up."""
    _, body = spread.search(QUERY, timeout=10)
    assert body is not None and body["total"] > 0 and not body["partial"]
    return body


def within_budget(spread: FaultCluster, times: int = 6) -> list[dict[str, Any]]:
    """`times` searches, each answered (never a failure) within the budget."""
    limit = spread.agents.budget_s + META_READ_S + SLACK_S
    answers = []
    for _ in range(times):
        took, body = spread.search(QUERY, timeout=limit + 10)
        assert body is not None, "the search failed"
        assert took < limit, f"{took:.1f} s is over the budget of {limit:.1f} s"
        answers.append(body)
    return answers


def settled(spread: FaultCluster, full: dict[str, Any], timeout: float = 15.0) -> float:
    """Seconds until three searches in a row give the full answer again."""
    started = time.monotonic()
    in_a_row = 0
    while in_a_row < 3:
        assert time.monotonic() - started < timeout, "the full answer did not come back"
        body = within_budget(spread, 1)[0]
        in_a_row = in_a_row + 1 if _same(body, full) else 0
    return time.monotonic() - started


def test_the_harness_comes_up_and_goes_away_cleanly(reason: None, tmp_path: Path) -> None:
    with Network("bsfh", 42) as network:
        host = network.add("one")
        sleeper = network.spawn(
            host, [sys.executable, "-c", "import time; time.sleep(600)"], tmp_path / "log"
        )
        assert str(host.address) in _run("ip", "netns", "exec", host.namespace, "ip", "-o", "addr")
        assert network.impair(host, delay_ms=10) in ("netem", "relay")
    assert sleeper.poll() is not None
    assert "bsfh" not in _run("ip", "netns", "list") and "bsfh" not in _run("ip", "-o", "link")


def test_a_mirror_down_is_covered(spread: FaultCluster, full: dict[str, Any]) -> None:
    mirror = spread.host("shard-1-mirror-2")
    spread.network.cut(mirror)
    try:
        # From the first search on: the aggregator retries the connect on the other mirror,
        # and the engine asks again an answer that missed a shard whose mirror still answers.
        assert all(_same(body, full) for body in within_budget(spread, 10))
    finally:
        spread.network.mend(mirror)
    settled(spread, full)


def test_a_shard_and_its_mirror_down_is_partial_and_named(spread: FaultCluster, full: dict[str, Any]) -> None:
    hosts = [spread.host("shard-2"), spread.host("shard-2-mirror-2")]
    for host in hosts:
        spread.network.cut(host)
    try:
        for body in within_budget(spread):
            assert body["partial"] is True and body["missing_shards"] == [2]
            kept = {r["id"] for r in full["results"] if hash63(r["id"]) % 2 == 0}
            assert {r["id"] for r in body["results"]} == kept
    finally:
        for host in hosts:
            spread.network.mend(host)
    # Recovery without restarting anything: the links come back, so do the answers.
    assert settled(spread, full) < 15


def test_a_slow_host_does_not_hold_searches_past_the_budget(
    spread: FaultCluster, full: dict[str, Any]
) -> None:
    slow = spread.host("shard-1")
    spread.network.impair(slow, delay_ms=2000)
    try:
        assert all(_same(body, full) for body in within_budget(spread, 8))
    finally:
        spread.network.repair(slow)
    settled(spread, full)


def test_a_rolling_restart_of_the_mirrors_loses_no_search(spread: FaultCluster, full: dict[str, Any]) -> None:
    for name in SERVERS:
        shard = next(s.shard for s in spread.plan.shards if s.name == name)
        spread.stop_server(name)
        try:
            # Every search answered in time; one that reached the stopped mirror before the
            # aggregator gave up on it may miss its shard, and says which.
            for body in within_budget(spread, 4):
                assert _same(body, full) or body["missing_shards"] == [shard]
        finally:
            spread.start_server(name)
        settled(spread, full)


def _same(body: dict[str, Any], full: dict[str, Any]) -> bool:
    ids = [r["id"] for r in body["results"]]
    return (
        not body["partial"] and body["total"] == full["total"] and ids == [r["id"] for r in full["results"]]
    )


def _run(*argv: str) -> str:
    return subprocess.run(argv, capture_output=True, text=True, check=True).stdout
