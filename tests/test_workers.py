"""`broadsheet serve --workers 2` as an operator runs it: a real gunicorn master and two
workers answering over HTTP on the bundled corpus.

The index is built once, before the workers fork; a worker killed with SIGKILL is replaced
while requests keep succeeding; /healthz says 503 while the index folder is gone and 200
when it is back; /metrics sums both workers' counters; the access log names the worker
and leaves the query string out.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from ports import free_port
from prometheus_client.parser import text_string_to_metric_families

ROOT = Path(__file__).resolve().parents[1]
#: Ports these tests may listen on (the range this suite's server tests were given).
PORTS = range(5260, 5300)
ACCESS_LINE = re.compile(r'worker=<(\d+)> "GET ([^" ]+)" (\d{3}) ')


@dataclass
class Server:
    base: str
    index: Path
    log: Path
    process: subprocess.Popen[bytes]

    def workers(self) -> list[int]:
        """The master's forked workers (its other children are the index build's helpers)."""
        master = self.process.pid
        own = Path(f"/proc/{master}/cmdline").read_bytes()
        children = (Path(f"/proc/{master}/task/{master}/children").read_text()).split()
        return sorted(int(c) for c in children if _cmdline(int(c)) == own)

    def access(self, at_least: int = 0) -> list[tuple[int, str, int]]:
        """(worker pid, path as logged, status) of every request logged so far, waiting up to
        10 s for `at_least` lines (a worker logs a request after answering it)."""
        deadline = time.monotonic() + 10
        while True:
            text = self.log.read_text(encoding="utf-8", errors="replace")
            found = [(int(m[1]), m[2], int(m[3])) for m in ACCESS_LINE.finditer(text)]
            if len(found) >= at_least or time.monotonic() > deadline:
                return found
            time.sleep(0.1)


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:  # gone meanwhile
        return b""


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("workers")
    index, log, port = folder / "index", folder / "serve.log", free_port(PORTS)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "broadsheet", "serve", "--index", str(index), "--port", str(port)]
            + ["--workers", "2", "--threads", "4"],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    running = Server(f"http://127.0.0.1:{port}", index, log, process)
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                if _get(f"{running.base}/healthz")[0] == 200 and len(running.workers()) == 2:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"broadsheet serve did not answer within 120 s:\n{log.read_text()[-2000:]}")
            time.sleep(0.3)
        yield running
    finally:
        process.terminate()
        process.wait(20)


def test_the_bundled_corpus_is_built_once_before_the_workers_start(server: Server) -> None:
    assert len(list((server.index / "generations").iterdir())) == 1
    runs = (server.index / "runs.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(runs) == 1 and json.loads(runs[0])["kind"] == "reindex"
    assert len(server.workers()) == 2


def test_metrics_sum_the_requests_of_both_workers(server: Server) -> None:
    def searches_counted() -> float:
        status, body = _get(f"{server.base}/metrics")
        assert status == 200
        families = {f.name: f for f in text_string_to_metric_families(body.decode())}
        assert families["broadsheet_index_articles"].samples[0].value >= 150
        assert families["broadsheet_index_up"].samples[0].value == 1
        requests = families["broadsheet_http_requests"]
        return sum(
            s.value
            for s in requests.samples
            if s.name.endswith("_total") and s.labels == {"route": "/api/search", "status": "200"}
        )

    before = searches_counted()
    logged_before = len(server.access())
    sent, answered_by = 0, set()
    with ThreadPoolExecutor(8) as pool:
        while len(answered_by) < 2 and sent < 400:  # until both workers have answered some
            statuses = list(pool.map(lambda n: _get(f"{server.base}/api/search?q=cricket+{n}")[0], range(40)))
            assert statuses == [200] * 40
            sent += 40
            logged = server.access(logged_before + sent)[logged_before:]
            answered_by = {pid for pid, path, _ in logged if path == "/api/search"}
    assert answered_by == set(server.workers()), "one worker answered every request"
    assert searches_counted() == before + sent


def test_the_access_log_leaves_queries_out(server: Server) -> None:
    logged = len(server.access())
    assert _get(f"{server.base}/search?q=secret+source+name")[0] == 200
    deadline = time.monotonic() + 10
    while ("/search", 200) not in [line[1:] for line in server.access()[logged:]]:
        assert time.monotonic() < deadline, "the request was not logged as GET /search"
        time.sleep(0.1)
    assert "secret" not in server.log.read_text(encoding="utf-8")


def test_a_killed_worker_is_replaced_and_requests_keep_succeeding(server: Server) -> None:
    victim, survivor = server.workers()
    failures: list[str] = []
    statuses: list[int] = []
    stop = threading.Event()

    def keep_asking() -> None:
        while not stop.is_set():
            try:
                statuses.append(_get(f"{server.base}/api/search?q=border+security")[0])
            except (OSError, http.client.HTTPException) as error:  # in flight on the killed worker
                failures.append(repr(error))

    asker = threading.Thread(target=keep_asking)
    asker.start()
    try:
        time.sleep(0.5)
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while True:
            workers = server.workers()
            if len(workers) == 2 and victim not in workers:
                break
            assert time.monotonic() < deadline, f"the killed worker was not replaced: {workers}"
            time.sleep(0.2)
        asked = len(statuses)
        while len(statuses) < asked + 20:  # the replacement answers too
            assert time.monotonic() < deadline, (failures, statuses[-3:])
            time.sleep(0.1)
    finally:
        stop.set()
        asker.join(30)
    assert survivor in server.workers()
    assert len(failures) <= 1, failures  # at most the one request the killed worker held
    assert statuses and set(statuses) == {200}
    replacement = next(pid for pid in server.workers() if pid != survivor)
    logged = len(server.access())
    for _ in range(40):
        _get(f"{server.base}/api/search?q=flood")
    assert replacement in {pid for pid, _, _ in server.access(logged + 40)}


def test_healthz_says_503_while_the_index_folder_is_gone(server: Server) -> None:
    """The tests run as root, who may read a folder whatever its mode bits, so the folder
    is made unreadable by moving it away, as a lost mount or a mistaken `mv` would."""
    status, body = _get(f"{server.base}/healthz")
    healthy = json.loads(body)
    assert status == 200 and healthy["status"] == "ok"
    assert healthy["articles"] >= 150 and healthy["generation"] and healthy["index_age_seconds"] >= 0
    away = server.index.with_name("index-away")
    server.index.rename(away)
    try:
        for _ in range(6):  # whichever worker answers
            status, body = _get(f"{server.base}/healthz")
            assert status == 503
            assert json.loads(body) == {
                "status": "unavailable",
                "reason": "the index folder has no live generation",
            }
        families = {
            f.name: f for f in text_string_to_metric_families(_get(f"{server.base}/metrics")[1].decode())
        }
        assert families["broadsheet_index_up"].samples[0].value == 0
    finally:
        away.rename(server.index)
    for _ in range(6):
        status, body = _get(f"{server.base}/healthz")
        assert status == 200
        assert json.loads(body)["generation"] == healthy["generation"]
