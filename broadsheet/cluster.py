"""`broadsheet cluster up|down|status|config`: run a local SphinxQL cluster, or write one's files.

`up` starts N shards, each on M mirror servers, and an aggregator on free loopback ports
and prints the engine URL (for `--engine` or BROADSHEET_ENGINE) as its last line; `down`
stops exactly the processes whose ids `up` recorded; `status` shows each server's state.
`config` writes the same configuration for real hosts, from the command line or a
topology file, without starting anything (docs/scale-out.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.sphinx.config import AgentPolicy

EXIT_OK = 0
EXIT_ERROR = 2


def add_cluster_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `cluster` and its subcommands on the `broadsheet` parser."""
    cmd = subparsers.add_parser(
        "cluster",
        help="Start, stop or inspect a sharded SphinxQL cluster (Sphinx 2.2 or Manticore).",
        description="Run Broadsheet's search on a sharded cluster: see docs/scale-out.md.",
    )
    sub = cmd.add_subparsers(title="cluster commands", metavar="ACTION")

    up = sub.add_parser(
        "up", help="Start N shards × M mirrors and an aggregator on loopback; print the engine URL."
    )
    up.add_argument(
        "--dir", required=True, type=Path, help="folder for configuration, data, logs and pid files"
    )
    up.add_argument("--shards", type=int, default=2, help="number of shards (default 2)")
    up.add_argument(
        "--mirrors",
        "--replicas",
        dest="mirrors",
        type=int,
        default=1,
        help="servers holding each shard, each with its own copy (default 1)",
    )
    _agent_options(up)
    up.set_defaults(run=_run_up)

    down = sub.add_parser("down", help="Stop the servers recorded in DIR's pid files.")
    down.add_argument("--dir", required=True, type=Path)
    down.set_defaults(run=_run_down)

    status = sub.add_parser("status", help="Show each server's process and whether it answers.")
    status.add_argument("--dir", required=True, type=Path)
    status.set_defaults(run=_run_status)

    config = sub.add_parser(
        "config",
        help="Write configuration files for real hosts (nothing is started); print the engine URL.",
        description="Hosts come from --shard-host/--aggregator-host or from a --topology file "
        "(TOML, or JSON by its .json suffix; docs/scale-out.md shows one). Agent options given "
        "on the command line override the file's [agents].",
    )
    config.add_argument("--dir", required=True, type=Path, help="where to write the files")
    config.add_argument("--topology", type=Path, help="a TOML or JSON file naming every host")
    config.add_argument(
        "--shard-host", action="append", help="a shard's host, or HOST|HOST for mirrors (repeat)"
    )
    config.add_argument("--aggregator-host")
    config.add_argument(
        "--data-dir",
        type=Path,
        default=Path("/var/lib/broadsheet"),
        help="data folder on each host; each server uses DATA_DIR/<server name>",
    )
    config.add_argument("--api-port", type=int, default=9312)
    config.add_argument("--sql-port", type=int, default=9306)
    _agent_options(config)
    config.set_defaults(run=_run_config)
    cmd.set_defaults(run=lambda args: _usage(cmd))


def _usage(cmd: argparse.ArgumentParser) -> int:
    cmd.print_help()
    return EXIT_ERROR


def _agent_options(parser: argparse.ArgumentParser) -> None:
    from search.sphinx.config import HA_STRATEGIES

    agents = parser.add_argument_group(
        "how the aggregator treats shard servers (defaults: 300 ms, 5000 ms, 0, nodeads, persistent)"
    )
    agents.add_argument("--agent-connect-timeout", type=int, metavar="MS", help="connect timeout per try")
    agents.add_argument("--agent-query-timeout", type=int, metavar="MS", help="answer timeout per try")
    agents.add_argument("--agent-retry-count", type=int, metavar="N", help="tries after a failed one")
    agents.add_argument("--ha-strategy", choices=HA_STRATEGIES, help="how a shard's mirror is chosen")
    agents.add_argument(
        "--agent-persistent",
        action=argparse.BooleanOptionalAction,
        help="keep connections to shard servers open (saves a connect, loses the retry: docs/scale-out.md)",
    )


def _policy(args: argparse.Namespace, base: AgentPolicy) -> AgentPolicy:
    """`base` with the agent options given on the command line."""
    given = {
        "connect_timeout_ms": args.agent_connect_timeout,
        "query_timeout_ms": args.agent_query_timeout,
        "retry_count": args.agent_retry_count,
        "ha_strategy": args.ha_strategy,
        "persistent": args.agent_persistent,
    }
    return dataclasses.replace(base, **{k: v for k, v in given.items() if v is not None})


def _run_up(args: argparse.Namespace) -> int:
    from search.sphinx.cluster import ClusterError, up
    from search.sphinx.config import DEFAULT_AGENTS

    try:
        plan = up(args.dir, args.shards, mirrors=args.mirrors, agents=_policy(args, DEFAULT_AGENTS))
    except (ClusterError, ValueError) as error:
        print(f"cluster did not start: {error}", file=sys.stderr)
        return EXIT_ERROR
    for server in (*plan.shards, plan.aggregator):
        print(f"{server.name}: sphinxql {server.sql_address}, agents {server.host}:{server.api_port}")
    print(plan.engine_url())
    return EXIT_OK


def _run_down(args: argparse.Namespace) -> int:
    from search.sphinx.cluster import down

    lines = down(args.dir)
    for line in lines:
        print(line)
    if not lines:
        print(f"no pid files in {args.dir}: nothing to stop")
    return EXIT_OK


def _run_status(args: argparse.Namespace) -> int:
    from search.sphinx.cluster import status

    states = status(args.dir)
    if not states:
        print(f"no cluster in {args.dir}", file=sys.stderr)
        return EXIT_ERROR
    for state in states:
        print(state.line())
    return EXIT_OK if all(s.answering for s in states) else EXIT_ERROR


def _run_config(args: argparse.Namespace) -> int:
    from search.sphinx.cluster import write_manifest
    from search.sphinx.config import DEFAULT_AGENTS, ClusterPlan, write_configs
    from search.sphinx.topology import TopologyError, load

    if (args.topology is None) == (args.shard_host is None and args.aggregator_host is None):
        print("give either --topology FILE or --shard-host and --aggregator-host", file=sys.stderr)
        return EXIT_ERROR
    try:
        if args.topology is not None:
            plan = load(args.topology)
            plan = dataclasses.replace(plan, agents=_policy(args, plan.agents))
        elif not args.shard_host or not args.aggregator_host:
            print("--shard-host and --aggregator-host go together", file=sys.stderr)
            return EXIT_ERROR
        else:
            plan = ClusterPlan.for_hosts(
                args.shard_host,
                args.aggregator_host,
                args.data_dir,
                args.api_port,
                args.sql_port,
                _policy(args, DEFAULT_AGENTS),
            )
    except (TopologyError, ValueError) as error:
        print(f"no configuration written: {error}", file=sys.stderr)
        return EXIT_ERROR
    files = write_configs(plan, args.dir)
    write_manifest(plan, args.dir)
    agents = plan.agents
    print(
        f"agents: connect {agents.connect_timeout_ms} ms, query {agents.query_timeout_ms} ms, "
        f"{agents.retry_count} retries, ha_strategy {agents.ha_strategy}, "
        f"{'persistent' if agents.persistent else 'a connect per query'}: a shard can hold "
        f"each statement up to {agents.budget_s:g} s"
    )
    for name, path in files.items():
        print(f"{name}: {path}")
    print(plan.engine_url())
    return EXIT_OK
