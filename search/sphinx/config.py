"""Sphinx/Manticore configuration files for the shard servers and the aggregator.

Every shard server holds two real-time indexes, one per generation slot (`articles_a`,
`articles_b`); the aggregator holds one distributed index per slot (`dist_a`, `dist_b`)
whose agents are that slot's index on every shard. A full rebuild fills the slot that is
not live, and switching a generation only changes which distributed index readers name,
so no server is reconfigured or restarted (Sphinx 2.2 cannot add indexes at runtime).

The same generator writes files for real hosts (`ClusterPlan.for_hosts`); only the
local test cluster is started by `search.sphinx.cluster`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Generation slots: a full rebuild writes the one that is not live.
SLOTS: tuple[str, ...] = ("a", "b")
#: Full-text fields, in insert order. `title` and `body` hold stemmed terms, and so does
#: `lead` (the headline and the body's first words, as the embedded engine's lead field:
#: ranking rewards a query whose words it holds); the others hold folded words (names and
#: labels); `dates` holds date tokens; `present` one constant token so a pure exclusion
#: (`-word`) has something to subtract from.
FIELDS: tuple[str, ...] = (
    "title", "body", "person_words", "country_words", "organisation_words", "topic_words",
    "section", "source", "dateline", "byline", "dates", "present", "lead",
)  # fmt: skip
#: Integer attributes: the day's ordinal (0 = undated), the same with undated articles
#: last (for oldest-first sorting: FACET queries cannot sort by a computed column), the
#: year, the month as YYYYMM, and the day of the year as MMDD (for "on this day").
UINT_ATTRS: tuple[str, ...] = ("day", "oldest", "year", "month", "monthday")
#: 64-bit attributes: the hash of the article's story (the id of its first article), which
#: collapsing groups by.
BIGINT_ATTRS: tuple[str, ...] = ("story",)
#: Multi-valued attributes: 64-bit hashes of facet values (their text is in `NAMES_INDEX`).
MVA_ATTRS: tuple[str, ...] = ("person", "country", "organisation", "topic")
#: String attributes: the article itself (JSON) and what an incremental run compares
#: (`search.sphinx.stored`). Kept on the shards so that any host knowing only the
#: cluster's address can serve pages; a string attribute because Sphinx 2.2 has no stored
#: fields and the full-text fields hold analysed terms, not the text.
STRING_ATTRS: tuple[str, ...] = ("article", "fingerprint")
#: On every shard server (each replica too), written to all of them: the live-generation
#: pointer and run history (`search.sphinx.meta`) ...
META_INDEX = "meta"
#: ... and the text of every facet value, by its hash (the id).
NAMES_INDEX = "names"
#: Listen backlog: Sphinx's default (5) drops connections from 16 concurrent clients.
LISTEN_BACKLOG = 256
#: Persistent connections the aggregator keeps to each agent.
PERSISTENT_CONNECTIONS = 32
#: At most this many index terms a trailing `*` stands for (as the Whoosh engine).
EXPANSION_LIMIT = 64
#: How often the aggregator pings mirrors; a dead one is skipped from the next ping on
#: (Sphinx 2.2 retries a failed query on the same mirror, so until then answers can be partial).
HA_PING_INTERVAL_MS = 300
#: How the aggregator picks among a shard's mirrors (Sphinx 2.2 and Manticore both know these).
HA_STRATEGIES: tuple[str, ...] = ("nodeads", "noerrors", "random", "roundrobin")


@dataclass(frozen=True, slots=True)
class AgentPolicy:
    """How long the aggregator waits for a shard server, and how often it tries again.

    A retry follows only a failed connect, and goes to another mirror of the shard. With
    `persistent` agents the aggregator keeps connections open, saving a connect per query,
    but a mirror that stops answering on an open connection costs the query timeout and
    no retry: that shard is missing from the answer until the pings mark the mirror dead.

    `budget_s` is the longest one statement can wait on the aggregator because of one slow
    or unreachable shard: every attempt may spend the whole connect and query timeouts."""

    connect_timeout_ms: int = 300
    query_timeout_ms: int = 5000
    retry_count: int = 0
    ha_strategy: str = "nodeads"
    persistent: bool = True

    def __post_init__(self) -> None:
        if self.ha_strategy not in HA_STRATEGIES:
            raise ValueError(f"ha_strategy must be one of {', '.join(HA_STRATEGIES)}: {self.ha_strategy!r}")
        if min(self.connect_timeout_ms, self.query_timeout_ms) < 1 or self.retry_count < 0:
            raise ValueError("agent timeouts must be positive and the retry count not negative")

    @property
    def budget_s(self) -> float:
        return (self.retry_count + 1) * (self.connect_timeout_ms + self.query_timeout_ms) / 1000


DEFAULT_AGENTS = AgentPolicy()


def rt_index(slot: str) -> str:
    return f"articles_{slot}"


def dist_index(slot: str) -> str:
    return f"dist_{slot}"


@dataclass(frozen=True, slots=True)
class Server:
    """One searchd: its name, host, binary-protocol port (agents) and SphinxQL port."""

    name: str
    host: str
    api_port: int
    sql_port: int
    #: Where the server keeps its indexes, binlog and logs, on its own host.
    data_dir: Path
    #: The shard it holds (from 1); mirrors of a shard share the number. 0: the aggregator.
    shard: int = 0

    @property
    def sql_address(self) -> str:
        return f"{self.host}:{self.sql_port}"


@dataclass(frozen=True, slots=True)
class ClusterPlan:
    """Which servers make the cluster: every shard server (mirrors of a shard included,
    in shard order), the aggregator, and how the aggregator treats its agents."""

    shards: tuple[Server, ...]
    aggregator: Server
    agents: AgentPolicy = DEFAULT_AGENTS

    @classmethod
    def local(
        cls, directory: Path, ports: list[int], mirrors: int = 1, agents: AgentPolicy = DEFAULT_AGENTS
    ) -> ClusterPlan:
        """Shards (each on `mirrors` servers) and an aggregator on loopback, two ports per
        server, data under `directory`."""
        servers = len(ports) // 2 - 1
        shards = tuple(
            Server(
                _name(i // mirrors + 1, i % mirrors + 1), "127.0.0.1", ports[2 * i], ports[2 * i + 1],
                directory / _name(i // mirrors + 1, i % mirrors + 1), i // mirrors + 1,
            )
            for i in range(servers)
        )  # fmt: skip
        aggregator = Server("aggregator", "127.0.0.1", ports[-2], ports[-1], directory / "aggregator")
        return cls(shards, aggregator, agents)

    @classmethod
    def for_hosts(
        cls,
        shard_hosts: list[str],
        aggregator_host: str,
        data_dir: Path,
        api_port: int = 9312,
        sql_port: int = 9306,
        agents: AgentPolicy = DEFAULT_AGENTS,
    ) -> ClusterPlan:
        """One shard per entry, for real hosts; an entry `host1|host2` puts the shard on
        both hosts (mirrors). The same ports on every host; each server keeps its data in
        `data_dir/<server name>`, so hosts sharing a filesystem do not collide."""
        shards = tuple(
            Server(_name(number, mirror), host, api_port, sql_port, data_dir / _name(number, mirror), number)
            for number, entry in enumerate(shard_hosts, start=1)
            for mirror, host in enumerate(entry.split("|"), start=1)
        )
        aggregator = Server("aggregator", aggregator_host, api_port, sql_port, data_dir / "aggregator")
        return cls(shards, aggregator, agents)

    def by_shard(self) -> list[list[Server]]:
        """The servers of each shard, shard 1 first."""
        out: dict[int, list[Server]] = {}
        for server in self.shards:
            out.setdefault(server.shard, []).append(server)
        return [out[n] for n in sorted(out)]

    def engine_url(self) -> str:
        """The URL `search.sphinx.engine.SphinxEngine.from_url` reads: mirrors of a shard joined by `|`."""
        shards = "&".join("shard=" + "|".join(s.sql_address for s in group) for group in self.by_shard())
        return f"sphinx://{self.aggregator.sql_address}/?{shards}"


def _name(shard: int, mirror: int) -> str:
    return f"shard-{shard}" if mirror == 1 else f"shard-{shard}-mirror-{mirror}"


#: The largest reply a shard may send the aggregator (Sphinx 2.2's ceiling; default 8M). A
#: facet over all of a 60k archive's people brought back 9.4 MB from one shard (the
#: groups its `max_matches` buffer holds), which the default refused: that shard was left
#: out and the archive's total halved.
MAX_PACKET = "128M"


def _searchd(server: Server, retry_count: int = 0) -> str:
    d = server.data_dir
    host = server.host
    return f"""searchd
{{
    listen = {host}:{server.api_port}
    listen = {host}:{server.sql_port}:mysql41
    listen_backlog = {LISTEN_BACKLOG}
    persistent_connections_limit = {PERSISTENT_CONNECTIONS}
    expansion_limit = {EXPANSION_LIMIT}
    ha_ping_interval = {HA_PING_INTERVAL_MS}
    log = {d}/searchd.log
    query_log = {d}/query.log
    pid_file = {d}/searchd.pid
    binlog_path = {d}
    read_timeout = 5
    client_timeout = 300
    agent_retry_count = {retry_count}
    max_packet_size = {MAX_PACKET}
}}
"""


def shard_config(server: Server) -> str:
    """A shard server: one real-time index per generation slot."""
    blocks = []
    for slot in SLOTS:
        lines = ["    type = rt", f"    path = {server.data_dir}/{rt_index(slot)}"]
        lines += [f"    rt_field = {name}" for name in FIELDS]
        lines += [f"    rt_attr_uint = {name}" for name in UINT_ATTRS]
        lines += [f"    rt_attr_bigint = {name}" for name in BIGINT_ATTRS]
        lines += [f"    rt_attr_multi_64 = {name}" for name in MVA_ATTRS]
        lines += [f"    rt_attr_string = {name}" for name in STRING_ATTRS]
        lines += [
            "    dict = keywords",
            "    min_prefix_len = 1",
            # Terms arrive analysed by `search.analysis` (folded, stemmed, non-ASCII
            # hex-spelled), so the index only has to split on spaces.
            "    charset_table = 0..9, a..z, _",
            "    rt_mem_limit = 256M",
        ]
        blocks.append(f"index {rt_index(slot)}\n{{\n" + "\n".join(lines) + "\n}\n")
    # Small indexes replicated on every shard server; `key` is a full-text field only
    # because a real-time index needs one.
    meta = ["rt_field = key", "rt_attr_uint = kind", "rt_attr_bigint = seq", "rt_attr_string = value"]
    names = ["rt_field = key", "rt_attr_string = value"]
    for name, lines in ((META_INDEX, meta), (NAMES_INDEX, names)):
        body = ["    type = rt", f"    path = {server.data_dir}/{name}", *(f"    {line}" for line in lines)]
        blocks.append(f"index {name}\n{{\n" + "\n".join(body + ["    rt_mem_limit = 64M"]) + "\n}\n")
    return "\n".join(blocks) + "\n" + _searchd(server)


def aggregator_config(plan: ClusterPlan) -> str:
    """The aggregator: one distributed index per slot over every shard, mirrors on one line."""
    blocks = []
    for slot in SLOTS:
        lines = ["    type = distributed"]
        # Mirrors of a shard share one agent line; the aggregator asks one that answers.
        lines += [
            ("    agent_persistent = " if plan.agents.persistent else "    agent = ")
            + "|".join(f"{s.host}:{s.api_port}" for s in group)
            + f":{rt_index(slot)}"
            for group in plan.by_shard()
        ]
        lines += [
            f"    agent_connect_timeout = {plan.agents.connect_timeout_ms}",
            f"    agent_query_timeout = {plan.agents.query_timeout_ms}",
            f"    ha_strategy = {plan.agents.ha_strategy}",
        ]
        blocks.append(f"index {dist_index(slot)}\n{{\n" + "\n".join(lines) + "\n}\n")
    # Sphinx 2.2 reads the retry count for every distributed index from `searchd`.
    return "\n".join(blocks) + "\n" + _searchd(plan.aggregator, plan.agents.retry_count)


def write_configs(plan: ClusterPlan, directory: Path) -> dict[str, Path]:
    """One `<server>.conf` per server in `directory`; returns server name -> file."""
    directory.mkdir(parents=True, exist_ok=True)
    out = {}
    for server in plan.shards:
        out[server.name] = directory / f"{server.name}.conf"
        out[server.name].write_text(shard_config(server), encoding="utf-8")
    out["aggregator"] = directory / "aggregator.conf"
    out["aggregator"].write_text(aggregator_config(plan), encoding="utf-8")
    return out
