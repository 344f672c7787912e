"""`broadsheet cluster up|down|status|config`: run a local SphinxQL cluster, or write one's files.

`up` starts N shard servers and an aggregator on free loopback ports and prints the
engine URL (for `--engine` or BROADSHEET_ENGINE) as its last line; `down` stops exactly
the processes whose ids `up` recorded; `status` shows each server's state. `config`
writes the same configuration for real hosts without starting anything (docs/scale-out.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
        "up", help="Start N shard servers and an aggregator on loopback; print the engine URL."
    )
    up.add_argument(
        "--dir", required=True, type=Path, help="folder for configuration, data, logs and pid files"
    )
    up.add_argument("--shards", type=int, default=2, help="number of shards (default 2)")
    up.add_argument("--replicas", type=int, default=1, help="servers holding each shard (default 1)")
    up.set_defaults(run=_run_up)

    down = sub.add_parser("down", help="Stop the servers recorded in DIR's pid files.")
    down.add_argument("--dir", required=True, type=Path)
    down.set_defaults(run=_run_down)

    status = sub.add_parser("status", help="Show each server's process and whether it answers.")
    status.add_argument("--dir", required=True, type=Path)
    status.set_defaults(run=_run_status)

    config = sub.add_parser(
        "config", help="Write configuration files for real hosts (nothing is started); print the engine URL."
    )
    config.add_argument("--dir", required=True, type=Path, help="where to write the files")
    config.add_argument(
        "--shard-host",
        action="append",
        required=True,
        help="a shard's host, or HOST|HOST for mirrors (repeat)",
    )
    config.add_argument("--aggregator-host", required=True)
    config.add_argument(
        "--data-dir", type=Path, default=Path("/var/lib/broadsheet"), help="data folder on each host"
    )
    config.add_argument("--api-port", type=int, default=9312)
    config.add_argument("--sql-port", type=int, default=9306)
    config.set_defaults(run=_run_config)
    cmd.set_defaults(run=lambda args: _usage(cmd))


def _usage(cmd: argparse.ArgumentParser) -> int:
    cmd.print_help()
    return EXIT_ERROR


def _run_up(args: argparse.Namespace) -> int:
    from search.sphinx.cluster import ClusterError, up

    try:
        plan = up(args.dir, args.shards, replicas=args.replicas)
    except ClusterError as error:
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
    from search.sphinx.config import ClusterPlan, write_configs

    plan = ClusterPlan.for_hosts(
        args.shard_host, args.aggregator_host, args.data_dir, args.api_port, args.sql_port
    )
    for name, path in write_configs(plan, args.dir).items():
        print(f"{name}: {path}")
    print(plan.engine_url())
    return EXIT_OK
