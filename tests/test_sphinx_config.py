"""Configuration for a local test cluster and for real hosts; the engine URL both ways."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from broadsheet.cli import main
from search.sphinx import topology
from search.sphinx.config import LISTEN_BACKLOG, AgentPolicy, ClusterPlan, write_configs
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


def test_mirrors_share_a_shard_and_an_agent_line(tmp_path: Path) -> None:
    plan = ClusterPlan.for_hosts(["search1|search1b", "search2"], "front1", Path("/srv/b"))
    assert [(s.name, s.shard) for s in plan.shards] == [
        ("shard-1", 1),
        ("shard-1-mirror-2", 1),
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
    local = ClusterPlan.local(tmp_path, list(range(9000, 9010)), mirrors=2)
    assert [s.name for s in local.shards] == ["shard-1", "shard-1-mirror-2", "shard-2", "shard-2-mirror-2"]


def test_files_for_real_hosts(tmp_path: Path) -> None:
    plan = ClusterPlan.for_hosts(["search1", "search2", "search3"], "front1", Path("/srv/broadsheet"))
    files = write_configs(plan, tmp_path)
    assert sorted(files) == ["aggregator", "shard-1", "shard-2", "shard-3"]
    shard = files["shard-2"].read_text()
    assert "listen = search2:9312\n" in shard and "listen = search2:9306:mysql41" in shard
    assert (
        "index articles_a" in shard
        and "index articles_b" in shard
        and "path = /srv/broadsheet/shard-2/articles_b" in shard
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


def test_agent_policy_reaches_the_aggregator_and_bounds_a_search(tmp_path: Path) -> None:
    agents = AgentPolicy(
        connect_timeout_ms=250, query_timeout_ms=1500, retry_count=1, ha_strategy="roundrobin"
    )
    plan = ClusterPlan.for_hosts(["s1|s1b", "s2|s2b"], "agg", Path("/srv/b"), agents=agents)
    aggregator = write_configs(plan, tmp_path)["aggregator"].read_text()
    for slot in ("a", "b"):
        block = aggregator.split(f"index dist_{slot}\n", 1)[1].split("}", 1)[0]
        assert "agent_persistent = s1:9312|s1b:9312:articles_" + slot in block
        assert "agent_connect_timeout = 250\n" in block and "agent_query_timeout = 1500\n" in block
        assert "ha_strategy = roundrobin\n" in block
    assert "agent_retry_count = 1\n" in aggregator.split("searchd\n", 1)[1]
    assert agents.budget_s == 3.5
    with pytest.raises(ValueError, match="ha_strategy"):
        AgentPolicy(ha_strategy="fastest")
    with pytest.raises(ValueError, match="positive"):
        AgentPolicy(query_timeout_ms=0)


TOPOLOGY = """
aggregator = "10.1.0.5"
data_dir = "/srv/bs"
shards = [["10.1.0.11", "10.1.0.12"], ["10.1.0.13", "10.1.0.14"]]
sql_port = 9400

[agents]
connect_timeout_ms = 400
retry_count = 2
"""


def test_a_topology_file_describes_every_host(tmp_path: Path) -> None:
    (tmp_path / "cluster.toml").write_text(TOPOLOGY)
    plan = topology.load(tmp_path / "cluster.toml")
    assert [(s.name, s.host, s.shard, s.sql_port, str(s.data_dir)) for s in plan.shards] == [
        ("shard-1", "10.1.0.11", 1, 9400, "/srv/bs/shard-1"),
        ("shard-1-mirror-2", "10.1.0.12", 1, 9400, "/srv/bs/shard-1-mirror-2"),
        ("shard-2", "10.1.0.13", 2, 9400, "/srv/bs/shard-2"),
        ("shard-2-mirror-2", "10.1.0.14", 2, 9400, "/srv/bs/shard-2-mirror-2"),
    ]
    assert plan.agents == AgentPolicy(connect_timeout_ms=400, retry_count=2)
    assert plan.engine_url() == (
        "sphinx://10.1.0.5:9400/?shard=10.1.0.11:9400|10.1.0.12:9400&shard=10.1.0.13:9400|10.1.0.14:9400"
    )
    (tmp_path / "cluster.json").write_text(
        json.dumps({"aggregator": "a", "data_dir": "/d", "shards": [["s1"]], "agents": {"retry_count": 1}})
    )
    assert topology.load(tmp_path / "cluster.json").agents.retry_count == 1


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('aggregator = "a"\ndata_dir = "/d"\n', "missing 'shards'"),
        ('aggregator = "a"\ndata_dir = "/d"\nshards = []\n', "one list of mirror hosts"),
        ('aggregator = "a"\ndata_dir = "/d"\nshards = [["s1|s2"]]\n', "shard 1"),
        ('aggregator = "a"\ndata_dir = "/d"\nshards = [["s1"]]\nmirrors = 2\n', "unknown keys"),
        ('aggregator = "a"\ndata_dir = "/d"\nshards = [["s1"]]\n[agents]\ntimeout = 1\n', "takes only"),
        (
            'aggregator = "a"\ndata_dir = "/d"\nshards = [["s1"]]\n[agents]\nha_strategy = "x"\n',
            "ha_strategy",
        ),
        ("aggregator = ", "cluster.toml"),
    ],
)
def test_a_bad_topology_file_says_what_is_wrong(tmp_path: Path, text: str, complaint: str) -> None:
    (tmp_path / "cluster.toml").write_text(text)
    with pytest.raises(topology.TopologyError, match=complaint):
        topology.load(tmp_path / "cluster.toml")


def test_cluster_config_writes_every_file_and_the_budget(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cluster.toml").write_text(TOPOLOGY)
    out = tmp_path / "conf"
    argv = ["cluster", "config", "--dir", str(out), "--topology", str(tmp_path / "cluster.toml")]
    assert main([*argv, "--agent-query-timeout", "1600", "--no-agent-persistent"]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert printed[0] == (
        "agents: connect 400 ms, query 1600 ms, 2 retries, ha_strategy nodeads, a connect per query: "
        "a shard can hold each statement up to 6 s"
    )
    assert printed[-1].startswith("sphinx://10.1.0.5:9400/?shard=")
    names = ["aggregator", "shard-1", "shard-1-mirror-2", "shard-2", "shard-2-mirror-2"]
    assert sorted(p.name for p in out.glob("*.conf")) == sorted(f"{n}.conf" for n in names)
    aggregator = (out / "aggregator.conf").read_text()
    assert "agent_query_timeout = 1600" in aggregator and "agent_persistent" not in aggregator
    assert "    agent = 10.1.0.11:9312|10.1.0.12:9312:articles_a\n" in aggregator
    assert json.loads((out / "cluster.json").read_text())["agents"]["query_timeout_ms"] == 1600
    assert main(["cluster", "config", "--dir", str(out)]) == 2
    assert "either --topology" in capsys.readouterr().err
    (tmp_path / "bad.toml").write_text("shards = 1")
    assert main(["cluster", "config", "--dir", str(out), "--topology", str(tmp_path / "bad.toml")]) == 2
    assert "no configuration written" in capsys.readouterr().err
