"""Many readers at once: throughput and latency of a running Broadsheet server under load.

    python benchmarks/bench_load.py --url http://127.0.0.1:5250 --clients 1,4,16,64
    python benchmarks/bench_load.py --url http://127.0.0.1:5250 --rate 20 --seconds 600   # steady pace

Closed loop (the default): each of `--clients` threads sends its next request as soon as the
last one is answered, over its own keep-alive connection, until `--requests` requests in
all or `--seconds` have passed, whichever comes first. With `--rate`, requests start at that
steady pace instead (open loop), whatever the answers' speed, as a soak needs.

The mix is a reading room's: searches through the API and the results page (one to three
words, some with a facet filter or a later page), article pages and their JSON, profiles
and facet lists. Every word, article id and name is drawn from the served archive itself,
through its API, before the clock starts. Only loopback servers are accepted: this is a
load generator, and it stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import os
import random
import socket
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

#: (share of requests, kind) of the mix.
MIX = (
    (0.40, "api search"),
    (0.25, "search page"),
    (0.10, "article page"),
    (0.10, "api article"),
    (0.08, "profile"),
    (0.07, "facet list"),
)
TIMEOUT = 30.0
SEED = 14


@dataclass
class Material:
    """What the requests are made of, drawn from the archive."""

    words: list[str]
    ids: list[str]
    people: list[str]
    countries: list[str]


@dataclass
class Tally:
    """Latencies of answered requests and the failures, by kind, shared by the client threads."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.kinds[kind] += 1
            if error:
                self.errors[error] += 1
            else:
                self.latencies.append(seconds)


def loopback_only(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise SystemExit(f"bench_load: --url must be http://HOST:PORT, not {url!r}")
    address = socket.gethostbyname(parts.hostname)
    if not ipaddress.ip_address(address).is_loopback:
        raise SystemExit(f"bench_load: only a server on this machine (loopback) may be loaded, not {address}")
    return address, parts.port or 80


class Client:
    """One keep-alive connection; reconnects after a failure."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str) -> tuple[int, bytes]:
        """One request; sent again once on a fresh connection when a kept-alive one turns out
        to have been closed by the server meanwhile (as browsers do: nothing was answered)."""
        reused = self.conn is not None
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        try:
            self.conn.request("GET", path)
            response = self.conn.getresponse()
            body = response.read()
        except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
            self.close()
            if reused:
                return self.get(path)
            raise
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        if response.will_close:
            self.close()
        return response.status, body

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def gather(host: str, port: int) -> Material:
    """Words from headlines, article ids and names, read from the archive's newest pages."""
    import json

    client = Client(host, port)
    words: set[str] = set()
    ids: list[str] = []
    people: set[str] = set()
    countries: set[str] = set()
    for page in (1, 5, 20, 60):
        status, body = client.get(f"/api/search?{urlencode({'q': '', 'per_page': 100, 'page': page})}")
        if status != 200:
            continue
        found = json.loads(body)
        for hit in found["results"]:
            ids.append(hit["id"])
            words.update(w.strip(".,:;'\"()?!").lower() for w in hit["title"].split())
            people.update(hit.get("people", [])[:2])
            countries.update(hit.get("countries", [])[:2])
    client.close()
    usable = sorted(w for w in words if len(w) >= 4 and w.isalpha())
    if not usable or not ids:
        raise SystemExit("bench_load: the server's archive gave no words or articles to ask for")
    return Material(usable, ids, sorted(people) or ["none"], sorted(countries) or ["none"])


def next_request(rng: random.Random, stuff: Material) -> tuple[str, str]:
    """(kind, path) of one request of the mix."""
    kind = rng.choices([k for _, k in MIX], weights=[w for w, _ in MIX])[0]
    if kind in ("api search", "search page"):
        params: dict[str, str] = {"q": " ".join(rng.sample(stuff.words, rng.choice((1, 1, 2, 3))))}
        roll = rng.random()
        if roll < 0.15:
            params["country"] = rng.choice(stuff.countries)
        elif roll < 0.25:
            params["page"] = str(rng.randint(2, 5))
        elif roll < 0.30:
            params["sort"] = "newest"
        return kind, ("/api/search?" if kind == "api search" else "/search?") + urlencode(params)
    if kind == "article page":
        return kind, "/article/" + quote(rng.choice(stuff.ids))
    if kind == "api article":
        return kind, "/api/article/" + quote(rng.choice(stuff.ids))
    if kind == "profile":
        return kind, "/person/" + quote(rng.choice(stuff.people))
    return kind, "/facet/" + rng.choice(("person", "country", "topic"))


def closed_loop(
    host: str, port: int, stuff: Material, clients: int, requests: int, seconds: float
) -> tuple[Tally, float]:
    """`clients` threads back to back until `requests` are sent or `seconds` pass."""
    tally = Tally()
    budget = iter(range(requests))
    budget_lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def one(number: int) -> None:
        rng = random.Random(SEED * 1000 + number)
        client = Client(host, port)
        while time.monotonic() < deadline:
            with budget_lock:
                if next(budget, None) is None:
                    break
            kind, path = next_request(rng, stuff)
            tally.add(kind, *_timed(client, path))
        client.close()

    started = time.monotonic()
    threads = [threading.Thread(target=one, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tally, time.monotonic() - started


def open_loop(
    host: str, port: int, stuff: Material, rate: float, seconds: float, stop: threading.Event
) -> Tally:
    """Requests started at a steady `rate` per second for `seconds` (or until `stop`), each
    taken by whichever of a pool of connections is free; a request that cannot start on
    time because all connections are busy counts its wait in its latency."""
    tally = Tally()
    rng = random.Random(SEED)
    total = int(rate * seconds)
    schedule = [(i / rate, *next_request(rng, stuff)) for i in range(total)]
    position = iter(schedule)
    lock = threading.Lock()
    started = time.monotonic()

    def one() -> None:
        client = Client(host, port)
        while not stop.is_set():
            with lock:
                item = next(position, None)
            if item is None:
                break
            at, kind, path = item
            wait = started + at - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            late = max(0.0, time.monotonic() - (started + at))
            seconds_taken, error = _timed(client, path)
            tally.add(kind, seconds_taken + late, error)
        client.close()

    threads = [threading.Thread(target=one) for _ in range(max(4, int(rate)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tally


def _timed(client: Client, path: str) -> tuple[float, str | None]:
    began = time.perf_counter()
    try:
        status, _ = client.get(path)
    except (OSError, http.client.HTTPException) as error:
        return time.perf_counter() - began, type(error).__name__
    # A 404 for a profile or article is an answer, not a failure: the mix asks for real ones.
    return time.perf_counter() - began, None if status in (200, 404) else f"HTTP {status}"


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(tally: Tally, elapsed: float) -> str:
    ms = [v * 1000 for v in tally.latencies]
    done = len(ms) + sum(tally.errors.values())
    errors = ", ".join(f"{n} {what}" for what, n in tally.errors.items()) or "0"
    return (
        f"{done:6d} requests in {elapsed:5.1f}s = {len(ms) / elapsed:6.1f}/s   p50 {pct(ms, 50):7.1f} ms   "
        f"p95 {pct(ms, 95):7.1f} ms   max {max(ms, default=float('nan')):7.1f} ms   errors {errors}"
    )


def workers_of(master: int) -> list[int]:
    """The worker processes a gunicorn master has forked, oldest first: its children that run
    its command line (the others are helpers left by the first start's index build)."""
    own = Path(f"/proc/{master}/cmdline").read_bytes()
    found = []
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        try:
            if Path(f"/proc/{child}/cmdline").read_bytes() == own:
                found.append(int(child))
        except OSError:
            continue
    return sorted(found)


def memory(pid: int) -> dict[str, int]:
    """A process's resident set, proportional set (shared pages divided among their users),
    the part of that which is its heap (anonymous pages, not pages of mapped files that the
    kernel can drop and read again) and unique set (pages only it maps), in KiB, and how many
    files it holds open (not counting sockets and pipes, which come and go with the clients)."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return {
        "rss": fields["Rss"],
        "pss": fields["Pss"],
        "anon": fields.get("Pss_Anon", 0),
        "uss": fields["Private_Clean"] + fields["Private_Dirty"],
        "fds": sum(1 for fd in Path(f"/proc/{pid}/fd").iterdir() if _is_file(fd)),
    }


def _is_file(fd: Path) -> bool:
    try:
        return os.readlink(fd).startswith("/")
    except OSError:  # closed meanwhile
        return False


def memory_report(master: int) -> str:
    lines = []
    for number, pid in enumerate(workers_of(master), start=1):
        m = memory(pid)
        lines.append(
            f"worker {number} (pid {pid}): RSS {m['rss'] / 1024:.1f} MiB, PSS {m['pss'] / 1024:.1f} MiB "
            f"(heap {m['anon'] / 1024:.1f}), "
            f"USS {m['uss'] / 1024:.1f} MiB, {m['fds']} open files"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", required=True, help="base URL of a running server on this machine")
    parser.add_argument("--clients", default="16", help="concurrent clients, or a comma list of them")
    parser.add_argument("--requests", type=int, default=1500, help="most requests per client count")
    parser.add_argument("--seconds", type=float, default=45.0, help="most seconds per client count")
    parser.add_argument("--warmup", type=int, default=200, help="requests sent first and not measured")
    parser.add_argument("--rate", type=float, default=None, help="steady requests per second (open loop)")
    parser.add_argument("--master-pid", type=int, help="a gunicorn master: report its workers' memory after")
    args = parser.parse_args(argv)
    host, port = loopback_only(args.url)
    stuff = gather(host, port)
    print(f"material: {len(stuff.words)} words, {len(stuff.ids)} articles, {len(stuff.people)} people")
    if args.rate:
        tally = open_loop(host, port, stuff, args.rate, args.seconds, threading.Event())
        print(f"rate {args.rate:g}/s  " + summary(tally, args.seconds), flush=True)
        return 1 if tally.errors else 0
    closed_loop(host, port, stuff, 4, args.warmup, args.seconds)
    failed = False
    for clients in (int(c) for c in args.clients.split(",")):
        tally, elapsed = closed_loop(host, port, stuff, clients, args.requests, args.seconds)
        print(f"{clients:3d} clients  " + summary(tally, elapsed), flush=True)
        failed = failed or bool(tally.errors)
    if args.master_pid:
        print(memory_report(args.master_pid))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
