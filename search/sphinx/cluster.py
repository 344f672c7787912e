"""Start, stop and inspect a local cluster: N shard servers and one aggregator.

`up` writes the configuration (`search.sphinx.config`), starts each `searchd` on free
loopback ports in its own session (so it outlives the command that started it), waits
until each answers SphinxQL, and records its process id in `DIR/<server>.pid`. `down`
stops exactly those processes: a recorded pid is signalled only while it still belongs
to a `searchd` started with that server's configuration file, so a recycled pid is
never touched.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pymysql

from search.sphinx.config import DEFAULT_AGENTS, AgentPolicy, ClusterPlan, Server, write_configs

MANIFEST = "cluster.json"
START_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 10.0
_ATTEMPTS = 3


class ClusterError(Exception):
    """A server would not start, or the folder holds no cluster."""


@dataclass(frozen=True, slots=True)
class ServerState:
    name: str
    pid: int | None
    running: bool
    answering: bool
    address: str

    def line(self) -> str:
        state = "answering" if self.answering else ("running, not answering" if self.running else "stopped")
        pid = f"pid {self.pid}" if self.pid else "no pid"
        return f"{self.name:<12} {state:<24} {pid:<12} sphinxql {self.address}"


def searchd_binary() -> str | None:
    """The `searchd` on PATH (Debian's sphinxsearch, or Manticore's), or None."""
    return shutil.which("searchd")


def free_ports(count: int) -> list[int]:
    """Ports the kernel reports free on loopback now (a server may still lose a race: `up` retries)."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def up(
    directory: Path,
    shards: int,
    *,
    mirrors: int = 1,
    agents: AgentPolicy = DEFAULT_AGENTS,
    timeout: float = START_TIMEOUT_S,
) -> ClusterPlan:
    """Start `shards` shards (each on `mirrors` servers, every one with its own copy) and an
    aggregator; returns the plan (its `engine_url()`)."""
    if shards < 1 or mirrors < 1:
        raise ClusterError("a cluster needs at least one shard on at least one server")
    binary = searchd_binary()
    if binary is None:
        raise ClusterError("searchd not found: install Debian's sphinxsearch or Manticore Search")
    directory = Path(directory).resolve()
    if any(s.running for s in status(directory)):
        raise ClusterError(f"a cluster is already running in {directory}; stop it with `cluster down`")
    last = ""
    for _ in range(_ATTEMPTS):
        plan = ClusterPlan.local(directory, free_ports(2 * (shards * mirrors + 1)), mirrors, agents)
        configs = write_configs(plan, directory)
        write_manifest(plan, directory)
        try:
            for server in (*plan.shards, plan.aggregator):
                start(directory, server, configs[server.name], binary, timeout=timeout)
            return plan
        except ClusterError as error:
            last = str(error)
            down(directory)
    raise ClusterError(last)


def start(
    directory: Path,
    server: Server,
    config: Path,
    binary: str,
    *,
    timeout: float = START_TIMEOUT_S,
    prefix: Sequence[str] = (),
) -> int:
    """Start one searchd, record its pid, and wait until it answers.

    `prefix` runs it through a launcher that execs it in place (`ip netns exec NS` puts it
    on another host of a test network), so the recorded pid is still the searchd's."""
    server.data_dir.mkdir(parents=True, exist_ok=True)
    log = directory / f"{server.name}.out"
    argv = [*prefix, binary, "--config", str(config), "--nodetach"]
    pid = os.posix_spawnp(
        argv[0],
        argv,
        dict(os.environ),
        file_actions=[
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, str(log), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
            (os.POSIX_SPAWN_DUP2, 1, 2),
        ],
        setsid=True,
    )
    _pid_file(directory, server.name).write_text(f"{pid}\n", encoding="ascii")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            _reap(pid)
            raise ClusterError(f"{server.name} exited at start: {_tail(log)}")
        if answers(server.host, server.sql_port):
            return pid
        time.sleep(0.05)
    raise ClusterError(f"{server.name} did not answer within {timeout:.0f} s: {_tail(log)}")


def stop(directory: Path, name: str, *, timeout: float = STOP_TIMEOUT_S) -> str:
    """Stop one recorded server by its pid; says what happened."""
    directory = Path(directory).resolve()
    pid_file = _pid_file(directory, name)
    pid = _read_pid(pid_file)
    if pid is None:
        return f"{name}: no pid file"
    config = directory / f"{name}.conf"
    if not _is_ours(pid, config):
        pid_file.unlink(missing_ok=True)
        return f"{name}: pid {pid} was not running"
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        _reap(pid)
        time.sleep(0.05)
    outcome = "stopped"
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
        outcome = "killed (did not stop on SIGTERM)"
        while _alive(pid):
            _reap(pid)
            time.sleep(0.05)
    _reap(pid)
    pid_file.unlink(missing_ok=True)
    return f"{name}: pid {pid} {outcome}"


def restart(
    directory: Path, name: str, *, timeout: float = START_TIMEOUT_S, prefix: Sequence[str] = ()
) -> int:
    """Start one stopped server of the cluster again, on its recorded ports."""
    directory = Path(directory).resolve()
    plan = load_plan(directory)
    binary = searchd_binary()
    if binary is None:
        raise ClusterError("searchd not found")
    server = next(s for s in (*plan.shards, plan.aggregator) if s.name == name)
    return start(directory, server, directory / f"{name}.conf", binary, timeout=timeout, prefix=prefix)


def down(directory: Path) -> list[str]:
    """Stop every recorded server: shards and aggregator, by their pid files."""
    directory = Path(directory).resolve()
    names = [p.name.removesuffix(".pid") for p in sorted(directory.glob("*.pid"))]
    return [stop(directory, name) for name in names]


def status(directory: Path) -> list[ServerState]:
    """Each server of the cluster in `directory`: its pid, whether it runs and answers."""
    directory = Path(directory).resolve()
    if not (directory / MANIFEST).is_file():
        return []
    plan = load_plan(directory)
    out = []
    for server in (*plan.shards, plan.aggregator):
        pid = _read_pid(_pid_file(directory, server.name))
        running = pid is not None and _is_ours(pid, directory / f"{server.name}.conf")
        out.append(
            ServerState(
                server.name,
                pid,
                running,
                running and answers(server.host, server.sql_port),
                server.sql_address,
            )
        )
    return out


def load_plan(directory: Path) -> ClusterPlan:
    try:
        data = json.loads((Path(directory) / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as missing:
        raise ClusterError(f"no cluster in {directory} (no {MANIFEST})") from missing

    def server(d: dict[str, Any]) -> Server:  # a manifest entry as JSON parsed it
        return Server(
            str(d["name"]), str(d["host"]), int(d["api_port"]), int(d["sql_port"]),
            Path(str(d["data_dir"])), int(d.get("shard", 0)),
        )  # fmt: skip

    agents = AgentPolicy(**data.get("agents", {}))
    return ClusterPlan(tuple(server(s) for s in data["shards"]), server(data["aggregator"]), agents)


def answers(host: str, port: int) -> bool:
    """Whether a SphinxQL server accepts a connection and a statement."""
    try:
        conn = pymysql.connect(host=host, port=port, connect_timeout=1, read_timeout=2, autocommit=True)
    except pymysql.err.OperationalError:
        return False
    try:
        with conn.cursor() as cursor:
            cursor.execute("SHOW STATUS")
        return True
    except pymysql.err.MySQLError:
        return False
    finally:
        conn.close()


def write_manifest(plan: ClusterPlan, directory: Path) -> None:
    """Record the plan in `DIR/cluster.json`, which `status`, `restart` and `down` read."""

    def server(s: Server) -> dict[str, object]:
        data = asdict(s)
        data["data_dir"] = str(s.data_dir)
        return data

    manifest = {
        "engine_url": plan.engine_url(),
        "shards": [server(s) for s in plan.shards],
        "aggregator": server(plan.aggregator),
        "agents": asdict(plan.agents),
    }
    directory.mkdir(parents=True, exist_ok=True)
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def _pid_file(directory: Path, name: str) -> Path:
    return directory / f"{name}.pid"


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="ascii").strip())
    except (FileNotFoundError, ValueError):
        return None


def _alive(pid: int) -> bool:
    """Running and not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def _is_ours(pid: int, config: Path) -> bool:
    """The pid is a live searchd started with this configuration file."""
    if not _alive(pid):
        return False
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return any(a.endswith(b"searchd") for a in argv[:1]) and str(config).encode() in argv


def _reap(pid: int) -> None:
    """Collect a server's exit status when this process started it (no zombie left)."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _tail(log: Path, lines: int = 5) -> str:
    try:
        return " | ".join(log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-lines:])
    except FileNotFoundError:
        return "(no output)"
