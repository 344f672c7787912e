"""A cluster's topology for real hosts, read from a small TOML or JSON file.

`broadsheet cluster config --topology FILE` turns it into one configuration file per
server (`search.sphinx.config`). The file names the hosts, each shard's mirrors and how
the aggregator treats its agents, so the whole layout is kept in one reviewed place:

    aggregator = "10.0.0.5"
    data_dir = "/var/lib/broadsheet"       # each server keeps data_dir/<server name>
    shards = [["10.0.0.11", "10.0.0.12"], ["10.0.0.13", "10.0.0.14"]]   # mirrors per shard
    api_port = 9312                        # optional: agents' binary protocol
    sql_port = 9306                        # optional: SphinxQL

    [agents]                               # optional; the defaults of AgentPolicy
    connect_timeout_ms = 300
    query_timeout_ms = 1500
    retry_count = 1
    ha_strategy = "nodeads"
    persistent = false                     # a connect per query: a failed connect is retried
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from search.sphinx.config import AgentPolicy, ClusterPlan

_TOP_KEYS = {"aggregator", "data_dir", "shards", "api_port", "sql_port", "agents"}
_AGENT_KEYS = {"connect_timeout_ms", "query_timeout_ms", "retry_count", "ha_strategy", "persistent"}


class TopologyError(ValueError):
    """The topology file cannot be read, or says something a cluster cannot be."""


def load(path: Path) -> ClusterPlan:
    """The plan a topology file describes (`.json` is read as JSON, anything else as TOML)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise TopologyError(f"cannot read {path}: {error.strerror}") from error
    try:
        data = json.loads(text) if Path(path).suffix == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        raise TopologyError(f"{path}: {error}") from error
    try:
        return plan(data)
    except TopologyError as error:
        raise TopologyError(f"{path}: {error}") from error


def plan(data: dict[str, Any]) -> ClusterPlan:
    """The plan of a parsed topology: every key checked, so a typo is an error, not a default."""
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise TopologyError(f"unknown keys {sorted(unknown)}; expected some of {sorted(_TOP_KEYS)}")
    for key in ("aggregator", "data_dir", "shards"):
        if key not in data:
            raise TopologyError(f"missing {key!r}")
    shards = data["shards"]
    if not isinstance(shards, list) or not shards:
        raise TopologyError("'shards' must be a list with one list of mirror hosts per shard")
    entries = []
    for number, mirrors in enumerate(shards, start=1):
        if not isinstance(mirrors, list) or not mirrors or not all(_host(m) for m in mirrors):
            raise TopologyError(f"shard {number}: a list of one or more host names or addresses")
        entries.append("|".join(mirrors))
    if not _host(data["aggregator"]):
        raise TopologyError("'aggregator' must be a host name or address")
    agents = data.get("agents", {})
    if not isinstance(agents, dict) or set(agents) - _AGENT_KEYS:
        raise TopologyError(f"[agents] takes only {sorted(_AGENT_KEYS)}")
    try:
        policy = AgentPolicy(**agents)
        return ClusterPlan.for_hosts(
            entries,
            data["aggregator"],
            Path(str(data["data_dir"])),
            int(data.get("api_port", 9312)),
            int(data.get("sql_port", 9306)),
            policy,
        )
    except (TypeError, ValueError) as error:
        raise TopologyError(str(error)) from error


def _host(value: object) -> bool:
    return isinstance(value, str) and bool(value) and not any(c in value for c in "|:/ \t")
