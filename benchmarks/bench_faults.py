"""Network faults under a steady stream of searches, and a rolling restart of the mirrors.

    .venv/bin/python benchmarks/bench_faults.py --work /tmp/bench-faults      (as root)

Spreads the cluster over network namespaces (tests/faultcluster.py: two shards with a
mirror each, the aggregator and a web server, each on its own address, configured by
`broadsheet cluster config --topology`), indexes one corpus (the BBC's 2,225 articles by
default), and sends searches at a steady rate through the web server's `/api/search`
from outside every host. Each fault is applied while the searches go on, held, then
undone without restarting anything:

- a mirror unreachable (its link down): the other mirror should cover;
- a shard and its mirror unreachable: answers `partial`, naming the shard;
- a shard host answering 2 s late (netem delay, or the harness's relay without netem);
- 30% of what one mirror sends lost;
- the aggregator's link flapping (down and up every second).

Then each shard server in turn is stopped and started again (a rolling restart), with
the next one stopped only once the restarted one answers and the aggregator has pinged it.

The table gives, for the searches sent while a fault held: their p50/p95/longest time,
how many were partial (and which shards they named), failed (no answer, an error) or hung
(no answer within 30 s), and the recovery time: from undoing the fault to the first
search after which every answer is whole again (the same total as with no fault).
The budget a search should keep to is the aggregator's, from the topology's agent
timeouts (`AgentPolicy.budget_s`).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_search import load_articles, machine, make_queries, pct
from corpora import SHARED

from search.budget import DEFAULT_SECONDS
from search.sphinx.config import HA_STRATEGIES

# The harness lives beside the tests that also use it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from faultcluster import AGENTS, SERVERS, FaultCluster, fault_cluster  # noqa: E402
from netns import Host, unavailable_reason  # noqa: E402

#: `broadsheet serve`'s search budget: no statement starts after it, and the one in flight
#: may take the agents' budget (the stated budget of a search is their sum).
SEARCH_BUDGET = DEFAULT_SECONDS
#: A search not answered within this long counts as hung.
HUNG_S = 30.0
PREFIX = "bsfb"
SUBNET = 51


@dataclass(frozen=True, slots=True)
class Sample:
    started: float
    took: float
    query: str
    body: dict[str, Any] | None


class Stream:
    """Searches sent at a steady rate from a pool of client threads, each recorded."""

    def __init__(self, faults: FaultCluster, queries: list[str], rate: float) -> None:
        self.faults = faults
        self.queries = queries
        self.interval = 1 / rate
        self.samples: list[Sample] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=int(rate * HUNG_S) + 4)
        self._thread = threading.Thread(target=self._send, daemon=True)

    def __enter__(self) -> Stream:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._pool.shutdown(wait=True)

    def _send(self) -> None:
        rng = random.Random(11)
        next_at = time.monotonic()
        while not self._stop.is_set():
            self._pool.submit(self._one, rng.choice(self.queries))
            next_at += self.interval
            self._stop.wait(max(0.0, next_at - time.monotonic()))

    def _one(self, query: str) -> None:
        started = time.monotonic()
        took, body = self.faults.search(query, timeout=HUNG_S)
        with self._lock:
            self.samples.append(Sample(started, took, query, body))

    def between(self, start: float, end: float) -> list[Sample]:
        """The searches sent and answered (or given up) between `start` and `end`."""
        with self._lock:
            inside = [s for s in self.samples if start <= s.started and s.started + s.took <= end]
        return sorted(inside, key=lambda s: s.started)


@dataclass
class Row:
    fault: str
    expected: str
    during: list[Sample]
    after: list[Sample]
    healed: float


def whole(sample: Sample, totals: dict[str, int]) -> bool:
    return (
        sample.body is not None
        and not sample.body["partial"]
        and sample.body["total"] == totals[sample.query]
    )


def recovery(row: Row, totals: dict[str, int]) -> str:
    """Seconds from undoing the fault to the first search after which every answer is whole."""
    if not row.after:
        return "n/a"
    if not whole(row.after[-1], totals):
        return f"not within {row.after[-1].started - row.healed:.0f} s"
    first = len(row.after)
    while first > 0 and whole(row.after[first - 1], totals):
        first -= 1
    if first == 0:
        return "0 (whole at once)"
    return f"{max(0.0, row.after[first].started - row.healed):.1f}"


def line(row: Row, totals: dict[str, int], budget: float) -> str:
    times = [s.took * 1000 for s in row.during if s.body is not None] or [0.0]
    partial = [s for s in row.during if s.body is not None and s.body["partial"]]
    named = sorted({n for s in partial for n in s.body["missing_shards"]}) if partial else []
    failed = sum(1 for s in row.during if s.body is None and s.took < HUNG_S)
    hung = sum(1 for s in row.during if s.body is None and s.took >= HUNG_S)
    over = sum(1 for s in row.during if s.took > budget)
    cells = [
        row.fault,
        str(len(row.during)),
        f"{pct(times, 50):,.0f} / {pct(times, 95):,.0f} / {max(times, default=0):,.0f}",
        f"{len(partial)}" + (f" (shard {', '.join(map(str, named))})" if named else ""),
        row.expected,
        str(over),
        str(failed),
        str(hung),
        recovery(row, totals),
    ]
    return "| " + " | ".join(cells) + " |"


def run_fault(
    stream: Stream,
    rows: list[Row],
    fault: str,
    expected: str,
    apply: Callable[[], None],
    undo: Callable[[], None],
    seconds: float,
    settle: float,
) -> None:
    start = time.monotonic()
    apply()
    time.sleep(max(0.0, start + seconds - time.monotonic()))
    healed = time.monotonic()
    undo()
    time.sleep(settle)
    rows.append(
        Row(fault, expected, stream.between(start, healed), stream.between(healed, time.monotonic()), healed)
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=SHARED / "corpora" / "bbc-news-2225")
    parser.add_argument(
        "--work", type=Path, required=True, help="folder for articles, servers' data and logs"
    )
    parser.add_argument("--rate", type=float, default=4.0, help="searches per second (default 4)")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long each fault holds (default 20)")
    parser.add_argument("--settle", type=float, default=15.0, help="time watched after undoing (default 15)")
    parser.add_argument(
        "--persistent",
        action=argparse.BooleanOptionalAction,
        default=AGENTS.persistent,
        help="persistent agents (default: as the harness, a connect per query)",
    )
    parser.add_argument(
        "--ha-strategy", choices=HA_STRATEGIES, default=AGENTS.ha_strategy, help="how a mirror is chosen"
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    print(machine())
    articles = load_articles(args.corpora, args.work)
    why = unavailable_reason()
    if why is not None:
        sys.exit(f"bench_faults.py: {why}")
    queries = sorted(
        {r.query for kind, rs in make_queries(articles).items() if kind != "person, newest" for r in rs}
    )
    print(
        f"{len(articles)} articles from {args.corpora}, {len(queries)} distinct searches at {args.rate:g}/s"
    )

    agents = dataclasses.replace(AGENTS, persistent=args.persistent, ha_strategy=args.ha_strategy)
    with fault_cluster(
        args.work / "cluster", articles, prefix=PREFIX, subnet=SUBNET, agents=agents
    ) as faults:
        budget = SEARCH_BUDGET + agents.budget_s
        connects = "persistent" if agents.persistent else "a connect per query"
        print(
            f"agents (topology file): connect {agents.connect_timeout_ms} ms,"
            f" query {agents.query_timeout_ms} ms, {agents.retry_count} retry,"
            f" ha_strategy {agents.ha_strategy}, {connects}: {agents.budget_s:g} s a statement at most;"
            f" a search {budget:g} s (with serve's budget of {SEARCH_BUDGET:g} s)"
        )
        totals = {}
        for query in queries:
            _, body = faults.search(query, timeout=HUNG_S)
            if body is None or body["partial"]:
                sys.exit(f"bench_faults.py: {query!r} got no whole answer with every server up")
            totals[query] = int(body["total"])
        net = faults.network
        rows: list[Row] = []
        with Stream(faults, queries, args.rate) as stream:
            time.sleep(args.settle)
            rows.append(Row("none (baseline)", "none", stream.between(0, time.monotonic()), [], 0.0))
            mirror = faults.host("shard-1-mirror-2")
            shard = [faults.host("shard-2"), faults.host("shard-2-mirror-2")]
            slow, lossy = faults.host("shard-1"), faults.host("shard-2-mirror-2")
            how: list[str] = []
            flapping = threading.Event()

            def flap() -> None:
                aggregator = faults.host("aggregator")
                while not flapping.is_set():
                    net.cut(aggregator)
                    flapping.wait(1.0)
                    net.mend(aggregator)
                    flapping.wait(1.0)

            flapper = threading.Thread(target=flap, daemon=True)

            def stop_flapping() -> None:
                flapping.set()
                flapper.join()

            def rolling_restart() -> None:
                for name in SERVERS:
                    faults.stop_server(name)
                    time.sleep(2.0)
                    faults.start_server(name)  # returns once it answers SphinxQL
                    time.sleep(2.0)  # the aggregator's pings see it alive again

            plan: list[tuple[str, str, Callable[[], None], Callable[[], None]]] = [
                ("a mirror unreachable (link down)", "none",
                 lambda: net.cut(mirror), lambda: net.mend(mirror)),
                ("a shard and its mirror unreachable", "all, shard 2",
                 lambda: _each(net.cut, shard), lambda: _each(net.mend, shard)),
                ("a shard host answering 2 s late", "none",
                 lambda: how.append(net.impair(slow, delay_ms=2000)), lambda: net.repair(slow)),
                ("30% loss from one mirror", "none",
                 lambda: how.append(net.impair(lossy, loss=0.3)), lambda: net.repair(lossy)),
                ("the aggregator's link flapping (1 s down, 1 s up)", "while down (empty answer)",
                 flapper.start, stop_flapping),
                ("rolling restart of the 4 shard servers", "none", rolling_restart, lambda: None),
            ]  # fmt: skip
            for fault, expected, apply, undo in plan:
                run_fault(stream, rows, fault, expected, apply, undo, args.seconds, args.settle)

    print(f"delay and loss made by: {', '.join(sorted(set(how)))}; load average {_load()} at the end")
    print()
    print(
        "| fault | searches | ms p50 / p95 / max | partial | partial expected"
        f" | over {budget:g} s | failed | hung | recovery s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(line(row, totals, budget))


def _each(action: Callable[[Host], None], hosts: list[Host]) -> None:
    for host in hosts:
        action(host)


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


if __name__ == "__main__":
    main()
