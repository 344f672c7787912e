"""A cluster spread over hosts of a `netns.Network`: two shards with a mirror each, the
aggregator and a web server, each on its own address, for fault tests and benchmarks.

The layout goes through the real path of a deployment: a topology file, `broadsheet
cluster config --topology` writing one configuration file per server, `searchd` started
on each host with its own file (`search.sphinx.cluster.start`), articles written by an
indexing engine outside every host (the network's bridge address), and `broadsheet
serve --engine URL` on the web host with an empty index folder of its own: like a web
server on another machine, it knows only the cluster's address.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netns import Host, Network

from broadsheet.cli import main
from search.models import Article
from search.sphinx import cluster
from search.sphinx.cluster import load_plan
from search.sphinx.config import AgentPolicy, ClusterPlan
from search.sphinx.engine import SphinxEngine

#: Inside the range this work keeps to (searchd 9500-9799, web 5600-5699); every host
#: has its own address, so all use the same ports.
API_PORT = 9512
SQL_PORT = 9506
WEB_PORT = 5600
SERVERS = ("shard-1", "shard-1-mirror-2", "shard-2", "shard-2-mirror-2")
#: What the harness configures: a connect per query, so a mirror that cannot be reached
#: costs a connect timeout (100 ms: ample on one network), not a query timeout, and the
#: connect is retried; a slow mirror (2 s) misses both timeouts; `nodeads` learns to avoid
#: a failed mirror (docs/scale-out.md compares `roundrobin`); a statement waits at most
#: `budget_s` (3.2 s) for any shard.
AGENTS = AgentPolicy(
    connect_timeout_ms=100, query_timeout_ms=1500, retry_count=1, ha_strategy="nodeads", persistent=False
)


@dataclass
class FaultCluster:
    network: Network
    work: Path
    plan: ClusterPlan
    url: str
    web: Host
    #: The web server's own index folder: empty when it starts, and it must stay so.
    web_folder: Path

    @property
    def agents(self) -> AgentPolicy:
        return self.plan.agents

    def host(self, name: str) -> Host:
        return self.network.hosts[name]

    def search(self, query: str, timeout: float) -> tuple[float, dict[str, Any] | None]:
        """One `/api/search` through the web host: (seconds, its JSON, or None on any failure)."""
        url = f"http://{self.web.address}:{WEB_PORT}/api/search?" + urllib.parse.urlencode({"q": query})
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=timeout) as answer:
                body: dict[str, Any] = json.load(answer)
        except (OSError, urllib.error.URLError, ValueError):
            return time.monotonic() - started, None
        return time.monotonic() - started, body

    def stop_server(self, name: str) -> None:
        cluster.stop(self.work / "conf", name)

    def start_server(self, name: str) -> None:
        cluster.restart(self.work / "conf", name, prefix=self.host(name).prefix)


def topology(network: Network, agents: AgentPolicy, data_dir: Path) -> dict[str, Any]:
    """The topology file's content for the network's hosts."""
    return {
        "aggregator": network.hosts["aggregator"].address,
        "data_dir": str(data_dir),
        "api_port": API_PORT,
        "sql_port": SQL_PORT,
        "shards": [
            [network.hosts["shard-1"].address, network.hosts["shard-1-mirror-2"].address],
            [network.hosts["shard-2"].address, network.hosts["shard-2-mirror-2"].address],
        ],
        "agents": {
            "connect_timeout_ms": agents.connect_timeout_ms,
            "query_timeout_ms": agents.query_timeout_ms,
            "retry_count": agents.retry_count,
            "ha_strategy": agents.ha_strategy,
            "persistent": agents.persistent,
        },
    }


@contextlib.contextmanager
def fault_cluster(
    work: Path, articles: Sequence[Article], *, prefix: str, subnet: int, agents: AgentPolicy = AGENTS
) -> Any:
    """Bring the hosts, servers and web server up with `articles` indexed; take all down after."""
    binary = cluster.searchd_binary()
    if binary is None:
        raise RuntimeError("searchd is not installed (apt-get install sphinxsearch)")
    work.mkdir(parents=True, exist_ok=True)
    with Network(prefix, subnet) as network:
        for name in (*SERVERS, "aggregator", "web"):
            network.add(name)
        conf = work / "conf"
        topology_file = work / "topology.json"
        topology_file.write_text(json.dumps(topology(network, agents, work / "data"), indent=2))
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            if main(["cluster", "config", "--dir", str(conf), "--topology", str(topology_file)]) != 0:
                raise RuntimeError("broadsheet cluster config failed")
        url = printed.getvalue().strip().splitlines()[-1]
        plan = load_plan(conf)
        engine = None
        try:
            for server in (*plan.shards, plan.aggregator):
                cluster.start(
                    conf,
                    server,
                    conf / f"{server.name}.conf",
                    binary,
                    prefix=network.hosts[server.name].prefix,
                )
            engine = SphinxEngine.from_url(url)
            generation = engine.begin(fresh=True)
            generation.write(list(articles))
            generation.commit()
            engine.switch(generation)
            engine.close()
            web = network.hosts["web"]
            serve = [
                sys.executable,
                "-m",
                "broadsheet",
                "serve",
                "--host",
                web.address,
                "--port",
                str(WEB_PORT),
            ]
            web_folder = work / "web-host"
            web_folder.mkdir()
            serve += ["--workers", "1", "--threads", "8", "--engine", url, "--index", str(web_folder)]
            network.spawn(web, serve, work / "web.log")
            faults = FaultCluster(network, work, plan, url, web, web_folder)
            _wait_for_web(faults, work / "web.log")
            yield faults
        finally:
            if engine is not None:
                engine.close()
            cluster.down(conf)
            network.close()


def _wait_for_web(faults: FaultCluster, log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _, body = faults.search("the", timeout=5)
        if body is not None:
            return
        time.sleep(0.3)
    raise RuntimeError(f"the web server did not answer within {timeout:.0f} s: {log.read_text()[-2000:]}")
