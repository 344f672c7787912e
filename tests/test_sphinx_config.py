"""Configuration for a local test cluster and for real hosts; the engine URL both ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.sphinx.config import LISTEN_BACKLOG, ClusterPlan, write_configs
from search.sphinx.url import Address, parse_url


def test_a_local_plan_uses_loopback_and_the_ports_given(tmp_path: Path) -> None:
    plan = ClusterPlan.local(tmp_path, [9001, 9002, 9003, 9004, 9005, 9006])
    assert [(s.name, s.host, s.api_port, s.sql_port) for s in (*plan.shards, plan.aggregator)] == [
        ("shard-1", "127.0.0.1", 9001, 9002),
        ("shard-2", "127.0.0.1", 9003, 9004),
        ("aggregator", "127.0.0.1", 9005, 9006),
    ]
    assert parse_url(plan.engine_url()) == (
        Address("127.0.0.1", 9006),
        ((Address("127.0.0.1", 9002),), (Address("127.0.0.1", 9004),)),
    )


def test_replicas_share_a_shard_and_an_agent_line(tmp_path: Path) -> None:
    plan = ClusterPlan.for_hosts(["search1|search1b", "search2"], "front1", Path("/srv/b"))
    assert [(s.name, s.shard) for s in plan.shards] == [
        ("shard-1", 1),
        ("shard-1-replica-2", 1),
        ("shard-2", 2),
    ]
    aggregator = write_configs(plan, tmp_path)["aggregator"].read_text()
    assert "agent_persistent = search1:9312|search1b:9312:articles_a\n" in aggregator
    assert "agent_persistent = search2:9312:articles_b\n" in aggregator
    url = plan.engine_url()
    assert url == "sphinx://front1:9306/?shard=search1:9306|search1b:9306&shard=search2:9306"
    assert parse_url(url)[1] == (
        (Address("search1", 9306), Address("search1b", 9306)),
        (Address("search2", 9306),),
    )
    local = ClusterPlan.local(tmp_path, list(range(9000, 9010)), replicas=2)
    assert [s.name for s in local.shards] == ["shard-1", "shard-1-replica-2", "shard-2", "shard-2-replica-2"]


def test_files_for_real_hosts(tmp_path: Path) -> None:
    plan = ClusterPlan.for_hosts(["search1", "search2", "search3"], "front1", Path("/srv/broadsheet"))
    files = write_configs(plan, tmp_path)
    assert sorted(files) == ["aggregator", "shard-1", "shard-2", "shard-3"]
    shard = files["shard-2"].read_text()
    assert "listen = search2:9312\n" in shard and "listen = search2:9306:mysql41" in shard
    assert (
        "index articles_a" in shard
        and "index articles_b" in shard
        and "path = /srv/broadsheet/articles_b" in shard
    )
    assert f"listen_backlog = {LISTEN_BACKLOG}" in shard and "rt_attr_multi_64 = person" in shard
    aggregator = files["aggregator"].read_text()
    for slot in ("a", "b"):
        for host in ("search1", "search2", "search3"):
            assert f"agent_persistent = {host}:9312:articles_{slot}" in aggregator
    assert "persistent_connections_limit" in aggregator
    assert (
        plan.engine_url() == "sphinx://front1:9306/?shard=search1:9306&shard=search2:9306&shard=search3:9306"
    )


@pytest.mark.parametrize(
    "url", ["http://x:1/?shard=a:1", "sphinx://x:1/", "sphinx://x/?shard=a:1", "sphinx://x:1/?shard=a", ""]
)
def test_bad_engine_urls_say_what_is_wrong(url: str) -> None:
    with pytest.raises(ValueError):
        parse_url(url)
