"""The cluster holds everything, and nothing a host does with its own folder destroys it.

Both accidents of issue 19, reproduced through the command line on real `searchd`
processes: a second web server started with the cluster's address and a fresh local
folder (it used to build the demo corpus over the live articles), and `broadsheet index`
against a brand-new cluster from a folder that indexed another one (it used to report
every article unchanged and write nothing). A web server with only the engine URL and an
empty folder serves every page, the API, exports, profiles and status.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from ports import free_port

pytest.importorskip("pymysql", reason="pymysql is not installed (pip install -e '.[cluster]')")

from broadsheet import config
from broadsheet.cli import EXIT_ERROR, EXIT_OK, main
from search.archive import Archive
from search.engine import EngineQuery
from search.engines import open_engine
from search.models import Article, SearchRequest
from search.runs import KEEP_RUNS
from search.sphinx import cluster
from search.sphinx.engine import SphinxEngine

pytestmark = pytest.mark.cluster
ROOT = Path(__file__).resolve().parents[1]
WEB_PORTS = range(5500, 5600)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few files of the bundled demo corpus: quick to index, with people and countries."""
    folder = tmp_path_factory.mktemp("corpus")
    for name in ("ledger-wire-2019.jsonl", "ledger-wire-2020.jsonl", "ledger-wire-2021.jsonl"):
        shutil.copy(config.bundled_corpus() / "jsonl" / name, folder / name)
    return folder


def start_cluster(directory: Path) -> str:
    return cluster.up(directory, 2).engine_url()


@pytest.fixture(scope="module")
def filled(
    searchd: str, corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """A cluster filled by `broadsheet reindex` from one host's folder: (URL, that folder)."""
    directory = tmp_path_factory.mktemp("filled")
    try:
        url = start_cluster(directory)
        folder = tmp_path_factory.mktemp("indexing-host")
        assert main(["reindex", "--engine", url, "--index", str(folder), "--quiet", str(corpus)]) == EXIT_OK
        yield url, folder
    finally:
        cluster.down(directory)


@pytest.fixture
def brand_new(searchd: str, tmp_path: Path) -> Iterator[str]:
    try:
        yield start_cluster(tmp_path / "new-cluster")
    finally:
        cluster.down(tmp_path / "new-cluster")


def live(url: str) -> tuple[str | None, int]:
    """The cluster's live generation and how many articles it holds."""
    engine = SphinxEngine.from_url(url)
    try:
        return engine.generation_names()[0], engine.live_count()
    finally:
        engine.close()


class Server:
    """`broadsheet serve` in a child process, as a second host would start it."""

    def __init__(self, url: str, folder: Path, log: Path) -> None:
        self.base = f"http://127.0.0.1:{free_port(WEB_PORTS)}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("BROADSHEET_")}
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "broadsheet", "serve", "--engine", url, "--index", str(folder)]
                + ["--port", self.base.rsplit(":", 1)[1], "--workers", "1", "--threads", "4"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while self.get("/help")[0] != 200:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"broadsheet serve did not start: {log.read_text(errors='replace')}")
            time.sleep(0.2)

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=20) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except OSError:
            return 0, b""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def test_a_second_web_server_with_an_empty_folder_serves_everything_and_builds_nothing(
    filled: tuple[str, Path], tmp_path: Path
) -> None:
    url, _ = filled
    before = live(url)
    assert before[1] > 0
    engine = SphinxEngine.from_url(url)
    try:
        first = engine.query(EngineQuery(None, limit=1)).hits[0].article
        person = next(v.value for v in engine.facet_values("person", limit=1))
        country = next(v.value for v in engine.facet_values("country", limit=1))
        topic = next(v.value for v in engine.facet_values("topic", limit=1))
    finally:
        engine.close()
    empty = tmp_path / "second-host"
    empty.mkdir()
    server = Server(url, empty, tmp_path / "serve.log")
    try:
        word = first.title.split()[0]
        named = {"id": first.id, "person": person, "country": country, "topic": topic, "word": word}
        quoted = {name: urllib.parse.quote(value) for name, value in named.items()}
        day = first.date.strftime("%m-%d") if first.date else "01-01"
        pages = {
            "/": f"The archive holds <strong>{before[1]}</strong> articles",
            f"/search?q={quoted['word']}": first.title,
            f"/article/{quoted['id']}": first.title,
            f"/person/{quoted['person']}": person,
            f"/country/{quoted['country']}": country,
            f"/topic/{quoted['topic']}": topic,
            "/facet/person": person,
            "/status": "reindex",
            "/help": "",
            f"/trends?q={quoted['word']}": "",
            f"/on-this-day/{day}": "",
            f"/api/search?q={quoted['word']}": first.id,
            f"/api/article/{quoted['id']}": first.id,
            "/api/facet/person": person,
            f"/api/trends?q={quoted['word']}": "",
            f"/search.csv?q={quoted['word']}": first.id,
            f"/search.atom?q={quoted['word']}": "",
            "/healthz": "",
        }
        for path, expected in pages.items():
            status, body = server.get(path)
            assert status == 200, (path, status, body[:300])
            text = body.decode("utf-8")
            assert expected in text or expected.replace("'", "&#39;") in text, (path, expected)
    finally:
        server.stop()
    assert live(url) == before  # nothing was built into the cluster
    assert not list(empty.iterdir())  # and nothing was kept beside the web server
    assert "building it from the bundled corpus" not in (tmp_path / "serve.log").read_text()


def test_serve_never_builds_the_demo_corpus_into_a_cluster(brand_new: str, tmp_path: Path) -> None:
    server = Server(brand_new, tmp_path / "folder", tmp_path / "serve.log")
    try:
        status, body = server.get("/api/search?q=")
        assert status == 200 and b'"total": 0' in body.replace(b'"total":0', b'"total": 0')
    finally:
        server.stop()
    assert live(brand_new) == (None, 0)
    assert "has no live articles" in (tmp_path / "serve.log").read_text()


def test_index_against_a_brand_new_cluster_compares_every_file(
    filled: tuple[str, Path], brand_new: str, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, folder = filled  # holds the manifest of the other cluster's live generation
    expected = live(filled[0])[1]
    capsys.readouterr()
    assert main(["index", "--engine", brand_new, "--index", str(folder), str(corpus)]) == EXIT_OK
    out = capsys.readouterr()
    assert "the live generation is none (the index is empty)" in out.err
    assert "compared with the live articles in full" in out.err
    assert f"{expected} added" in out.out and "0 unchanged" in out.out
    assert live(brand_new)[1] == expected
    # And the cluster it came from is untouched.
    assert live(filled[0])[1] == expected


def test_a_full_rebuild_says_what_it_replaces_and_an_incremental_run_keeps_it(
    filled: tuple[str, Path], corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = filled
    name, count = live(url)
    other_host = tmp_path / "other-host"
    capsys.readouterr()
    assert main(["index", "--engine", url, "--index", str(other_host), str(corpus)]) == EXIT_OK
    out = capsys.readouterr()
    assert f"the live generation is {name} and this folder holds no manifest" in out.err
    assert f"0 added, 0 updated, 0 deleted, {count} unchanged" in out.out
    replaced = live(url)[0]
    assert main(["reindex", "--engine", url, "--index", str(other_host), str(corpus)]) == EXIT_OK
    out = capsys.readouterr()
    assert f"replacing the live generation {replaced} and its {count:,} articles" in out.err
    assert live(url)[1] == count


def test_a_cluster_configured_before_articles_lived_on_it_is_refused_with_what_to_do(
    filled: tuple[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = filled
    # The aggregator's address given as a shard: a server without the article indexes.
    aggregator = url.split("//", 1)[1].split("/", 1)[0]
    outdated = f"sphinx://{aggregator}/?shard={aggregator}"
    capsys.readouterr()
    assert main(["status", "--engine", outdated, "--index", str(tmp_path)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "lacks articles_a, articles_b, meta, names" in err and "broadsheet reindex" in err
    assert "Traceback" not in err
    engine = SphinxEngine.from_url(url)
    try:
        engine.stats()
        assert engine.capabilities is not None and not engine.capabilities.manticore
        assert engine.capabilities.version.startswith("2.2.")
    finally:
        engine.close()


def test_run_records_are_kept_on_the_cluster_newest_first_and_bounded(filled: tuple[str, Path]) -> None:
    engine = SphinxEngine.from_url(filled[0])
    try:
        for number in range(KEEP_RUNS + 3):
            engine.record_run(f'{{"n": {number}}}')
        kept = engine.run_records(KEEP_RUNS + 10)
        assert kept is not None and len(kept) == KEEP_RUNS
        assert kept[0] == f'{{"n": {KEEP_RUNS + 2}}}' and kept[-1] == '{"n": 3}'
    finally:
        engine.close()


def test_acronyms_learned_on_the_indexing_host_serve_every_host(brand_new: str, tmp_path: Path) -> None:
    """The archive's acronym table is kept on the cluster with its generation: a web server
    on another host, with an empty folder, finds the spelled-out name by its acronym."""
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    indexer_folder, web_folder = tmp_path / "indexing-host", tmp_path / "web-host"
    command = ["reindex", "--engine", brand_new, "--index", str(indexer_folder), "--quiet", str(corpus)]
    assert main(command) == EXIT_OK
    archive = Archive(open_engine(web_folder, brand_new))
    try:
        assert archive.engine.acronyms().expansion("NAF") == "National Awami Front"
        hits = archive.search(SearchRequest(query="NAF", per_page=100)).hits
        bodies = {hit.id: (archive.article(hit.id) or Article("", "", "")).body for hit in hits}
        spelled_only = [i for i, b in bodies.items() if "NAF" not in b and "National Awami Front" in b]
        assert spelled_only  # found by the acronym, though they never write it
    finally:
        archive.close()
    assert not list(web_folder.glob("**/acronyms/*"))  # nothing of it came from the web host's folder
