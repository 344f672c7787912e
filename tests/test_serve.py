"""`broadsheet serve` as a user runs it: a real waitress process answering over HTTP.

First start builds the index from the bundled corpus; a reindex while it serves is
picked up without a restart, and no request fails meanwhile.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from broadsheet import config
from broadsheet.cli import EXIT_ERROR, EXIT_OK, main

ROOT = Path(__file__).resolve().parents[1]
STORY = (
    "MULTAN: Mango growers in southern Punjab said on Thursday that a late heatwave had cut the "
    "harvest by a third, and exporters warned that shipments to the Gulf would fall.\n\n"
    "Farmers asked the provincial government for cheaper loans and cold storage near the "
    "Qasimpur orchards.\n\n"
    "Published in The Frontier Ledger, June 20th, 2024\n"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


@pytest.fixture()
def serve(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[bytes]]]:
    index = tmp_path / "index"
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "broadsheet", "serve", "--index", str(index), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                _get_json(f"{base}/api/search?q=")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("broadsheet serve did not answer within 120 s")
                time.sleep(0.3)
        yield base, index, server
    finally:
        # gunicorn gives its workers up to 30 s (its graceful timeout) to finish what they are
        # doing, a worker still loading the app included: on a loaded CI machine that passed 10 s.
        server.terminate()
        try:
            server.wait(40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            raise
        finally:
            assert server.stdout is not None
            server.stdout.close()


def test_first_start_builds_the_bundled_corpus_and_prints_the_url(serve) -> None:  # type: ignore[no-untyped-def]
    base, _, server = serve
    everything = _get_json(f"{base}/api/search?q=")
    assert everything["total"] >= 150
    assert len(everything["facets"]["year"]) >= 10
    assert _get_json(f"{base}/api/search?q=cricket")["total"] > 0
    assert server.stdout is not None
    printed = [server.stdout.readline().decode() for _ in range(2)]
    assert any(base in line for line in printed), printed


def test_a_reindex_is_served_without_a_restart_and_no_request_fails(serve, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    base, index, _ = serve
    assert _get_json(f"{base}/api/search?q=qasimpur")["total"] == 0
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "multan-mangoes.txt").write_text(STORY, encoding="utf-8")

    statuses: list[int] = []
    stop = threading.Event()

    def keep_searching() -> None:
        while not stop.is_set() and len(statuses) < 2000:
            try:
                with urllib.request.urlopen(f"{base}/api/search?q=border+security", timeout=10) as response:
                    statuses.append(response.status)
            except OSError as error:
                statuses.append(getattr(error, "code", 0))

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        corpus = ROOT / "corpus"
        assert main(["reindex", "--index", str(index), "--quiet", str(corpus), str(extra)]) == EXIT_OK
        deadline = time.monotonic() + 10
        while _get_json(f"{base}/api/search?q=qasimpur")["total"] == 0:
            assert time.monotonic() < deadline, "the server kept answering from the old generation"
            time.sleep(0.1)
    finally:
        stop.set()
        searcher.join(30)
    assert statuses and set(statuses) == {200}


def test_debug_refuses_any_host_but_loopback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Flask's debugger runs code sent to it: `--debug` never listens beyond this machine."""
    for host in ("0.0.0.0", "192.168.1.20", "::", "news.example.org"):
        assert main(["serve", "--debug", "--host", host, "--index", str(tmp_path / "index")]) == EXIT_ERROR
        assert f"not on {host!r}" in capsys.readouterr().err
    assert not (tmp_path / "index").exists()  # refused before anything was opened or built
    assert all(config.is_loopback(h) for h in ("127.0.0.1", "127.8.0.1", "::1", "[::1]", "localhost"))


def test_serve_settings_from_options_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (config.BUDGET_ENV, config.BASE_URL_ENV, config.SHOW_PATHS_ENV):
        monkeypatch.delenv(name, raising=False)
    assert config.search_budget() == 3.0 and config.base_url() is None and not config.show_paths()
    monkeypatch.setenv(config.BUDGET_ENV, "1.5")
    monkeypatch.setenv(config.BASE_URL_ENV, "https://news.example.org/archive/")
    monkeypatch.setenv(config.SHOW_PATHS_ENV, "yes")
    assert config.search_budget() == 1.5 and config.search_budget(0.25) == 0.25
    assert config.base_url() == "https://news.example.org/archive"
    assert config.base_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080"
    assert config.show_paths()
    monkeypatch.setenv(config.BUDGET_ENV, "soon")
    with pytest.raises(ValueError, match="number of seconds"):
        config.search_budget()
    with pytest.raises(ValueError, match="at most 600"):
        config.search_budget(0)
    with pytest.raises(ValueError, match="base URL"):
        config.base_url("news.example.org")


def test_a_bad_setting_stops_serve_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = str(tmp_path / "index")
    assert main(["serve", "--search-budget", "-1", "--index", index]) == EXIT_ERROR
    assert "search budget" in capsys.readouterr().err
    assert main(["serve", "--base-url", "ftp://x", "--index", index]) == EXIT_ERROR
    assert "base URL" in capsys.readouterr().err
