"""The contract over HTTP, on both engines, from a web server that holds nothing itself.

The engine contract (`test_engine_contract.py`) asks each engine in-process. Here the
same articles and the same questions go through real HTTP requests to `broadsheet serve`:
once over an embedded Whoosh index, and once on a web host of its own (a network
namespace, `netns`) started with only the cluster's engine URL and an empty index folder,
the cluster's servers each on their own address. Expected answers are computed from the
contract articles, as the contract suite computes them, and the cluster's web server's
folder must still be empty at the end. The cluster half is skipped, saying why, where
namespaces cannot be made or `searchd` is missing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from netns import unavailable_reason
from ports import free_port
from testdata import articles_from_jsonl

from search.analysis import terms
from search.models import Article
from search.whoosh.engine import WhooshEngine

ROOT = Path(__file__).resolve().parents[1]
#: Inside this work's range (web 5600-5699); 5600 is the fault cluster's web host.
WEB_PORTS = range(5601, 5700)


@dataclass
class Web:
    """A running `broadsheet serve`, asked over HTTP."""

    base: str

    def get(self, path: str, **params: str | list[str]) -> tuple[int, bytes]:
        query = urllib.parse.urlencode(params, doseq=True)
        try:
            with urllib.request.urlopen(f"{self.base}{path}?{query}", timeout=30) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def json(self, path: str, **params: str | list[str]) -> dict[str, Any]:
        status, body = self.get(path, **params)
        assert status == 200, (path, params, status, body[:300])
        answer: dict[str, Any] = json.loads(body)
        return answer

    def search(self, query: str = "", **params: str | list[str]) -> dict[str, Any]:
        """`/api/search` with every article listed (no story collapsing), one page of 100."""
        return self.json("/api/search", q=query, per_page="100", collapse="0", **params)

    def ids(self, query: str = "", **params: str | list[str]) -> list[str]:
        return [r["id"] for r in self.search(query, **params)["results"]]


@pytest.fixture(scope="module")
def articles(test_data: Path) -> list[Article]:
    return articles_from_jsonl(test_data / "contract" / "articles.jsonl")


@pytest.fixture(
    scope="module", params=["whoosh", pytest.param("sphinx", marks=[pytest.mark.cluster, pytest.mark.netns])]
)
def web(
    request: pytest.FixtureRequest, articles: list[Article], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Web]:
    work = tmp_path_factory.mktemp(f"contract-http-{request.param}")
    if request.param == "whoosh":
        yield from _whoosh_web(articles, work)
    else:
        yield from _cluster_web(articles, work)


def _whoosh_web(articles: list[Article], work: Path) -> Iterator[Web]:
    engine = WhooshEngine(work / "index")
    generation = engine.begin(fresh=True)
    generation.write(articles)
    generation.commit()
    engine.switch(generation)
    engine.close()
    port = free_port(WEB_PORTS)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BROADSHEET_")}
    argv = [sys.executable, "-m", "broadsheet", "serve", "--index", str(work / "index"), "--port", str(port)]
    with (work / "serve.log").open("wb") as log:
        process = subprocess.Popen(
            [*argv, "--workers", "1", "--threads", "4"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        web = Web(f"http://127.0.0.1:{port}")
        _wait(web, lambda: process.poll() is None, work / "serve.log")
        yield web
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _cluster_web(articles: list[Article], work: Path) -> Iterator[Web]:
    why = unavailable_reason()
    if why is not None:
        pytest.skip(why)
    pytest.importorskip("pymysql", reason="pymysql is not installed (pip install -e '.[cluster]')")
    from faultcluster import WEB_PORT, fault_cluster

    from search.sphinx import cluster

    if cluster.searchd_binary() is None:
        pytest.skip("searchd is not installed (apt-get install sphinxsearch)")
    with fault_cluster(work, articles, prefix="bsch", subnet=44) as spread:
        assert not list(spread.web_folder.iterdir())
        yield Web(f"http://{spread.web.address}:{WEB_PORT}")
        # Everything was served from the cluster: nothing was kept beside the web server.
        assert not list(spread.web_folder.iterdir())


def _wait(web: Web, alive: Callable[[], bool], log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive():
        try:
            if web.get("/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"broadsheet serve did not answer: {log.read_text(errors='replace')[-2000:]}")


def mentions(article: Article, word: str) -> bool:
    return word in terms(article.title + " " + article.body)


def matching(articles: list[Article], test: Callable[[Article], bool]) -> set[str]:
    return {a.id for a in articles if test(a)}


# -- the query language ---------------------------------------------------------------------


def test_words_phrases_or_and_exclusion(web: Web, articles: list[Article]) -> None:
    assert set(web.ids("budget")) == {"c01", "c02", "c13"}
    assert web.ids("budget")[0] == "c01"  # the headline match first
    assert set(web.ids("elections")) == {"c11"}
    assert set(web.ids("zurich")) == {"c14"}
    assert set(web.ids('"imran khan"')) == {"c03"}
    assert set(web.ids("squash OR floods")) == {"c06", "c07", "c08"}
    assert set(web.ids("cricket -squash")) == {"c05"}
    assert set(web.ids("-pakistan")) == matching(articles, lambda a: not mentions(a, "pakistan"))


def test_fields_dates_and_prefixes(web: Web, articles: list[Article]) -> None:
    assert set(web.ids("title:budget")) == {"c01"}
    assert set(web.ids("person:rashid")) == {"c06", "c07"}
    assert set(web.ids("section:sport")) == {"c05", "c06", "c07"}
    assert set(web.ids("dateline:karachi")) == {"c08", "c10"}
    assert set(web.ids("date:[2019-10 TO 2020-02]")) == {"c02", "c04", "c05", "c09"}
    assert set(web.ids("squa*")) == {"c06", "c07"}
    assert set(web.ids("glaci*")) == {"c14"}


def test_broken_queries_answer_and_a_misspelling_is_corrected(web: Web) -> None:
    for text in ('"unclosed phrase', "(((", "title:", "-", "OR OR", "a*", "\\ ' ; DROP", "@title x"):
        assert web.get("/api/search", q=text)[0] == 200, text
    assert web.search("the of and")["total"] == 0
    squosh = web.search("squosh")
    assert squosh["total"] == 0 and squosh["suggestion"] == "squash"


# -- facets and filters ------------------------------------------------------------------------


def test_facet_counts_are_exact(web: Web, articles: list[Article]) -> None:
    body = web.search("pakistan")
    hits = [a for a in articles if a.id in {r["id"] for r in body["results"]}]
    assert len(hits) == body["total"] == len(matching(articles, lambda a: mentions(a, "pakistan")))
    truth = {
        "person": Counter(p for a in hits for p in a.people),
        "country": Counter(c for a in hits for c in a.countries),
        "topic": Counter(t for a in hits for t in a.topics),
        "year": Counter(str(a.date.year) for a in hits if a.date),
    }
    for facet, counted in truth.items():
        shown = {v["value"]: v["count"] for v in body["facets"][facet]}
        assert shown and all(counted[value] == count for value, count in shown.items()), facet


def test_filters_and_their_selected_values(web: Web, articles: list[Article]) -> None:
    assert set(web.ids(person=["Hina Rashid", "Zain Abbasi"])) == {"c07"}
    both = web.search(country=["Pakistan", "India"])
    expected = matching(articles, lambda a: {"Pakistan", "India"} <= set(a.countries))
    assert {r["id"] for r in both["results"]} == expected and both["total"] == len(expected)
    assert {v["value"]: v["selected"] for v in both["facets"]["country"]}["India"] is True
    either = web.search(topic=["sport", "weather"])
    assert {r["id"] for r in either["results"]} == matching(
        articles, lambda a: bool({"sport", "weather"} & set(a.topics))
    )
    in_2020 = matching(articles, lambda a: a.date is not None and a.date.year == 2020)
    assert set(web.ids(**{"from": "2020-01-01", "to": "2020-12-31"})) == in_2020


# -- order, pages, exports ------------------------------------------------------------------------


def test_date_order_and_exact_disjoint_pages(web: Web, articles: list[Article]) -> None:
    dated = sorted((a for a in articles if a.date), key=lambda a: a.date or 0)
    assert web.ids(sort="oldest") == [a.id for a in dated] + ["c13"]
    assert web.ids(sort="newest") == [a.id for a in reversed(dated)] + ["c13"]
    everything = web.ids("pakistan", sort="oldest")
    paged: list[str] = []
    for page in range(1, 6):
        body = web.json(
            "/api/search", q="pakistan", sort="oldest", collapse="0", page=str(page), per_page="3"
        )
        assert body["total"] == len(everything)
        paged += [r["id"] for r in body["results"]]
    assert paged == everything


def test_the_csv_export_holds_every_match(web: Web, articles: list[Article]) -> None:
    status, body = web.get("/search.csv", q="pakistan", collapse="0")
    assert status == 200
    exported = {row["id"] for row in csv.DictReader(io.StringIO(body.decode("utf-8")))}
    assert exported == matching(articles, lambda a: mentions(a, "pakistan"))


# -- articles, values, pages ---------------------------------------------------------------------


def test_articles_come_back_whole_with_related_ones(web: Web, articles: list[Article]) -> None:
    for article in articles:
        body = web.json(f"/api/article/{urllib.parse.quote(article.id)}")
        assert (body["id"], body["title"], body["body"]) == (article.id, article.title, article.body)
        assert body["people"] == list(article.people) and body["countries"] == list(article.countries)
    related = web.json("/api/article/c06")["related"]
    assert related and related[0]["id"] == "c07"
    assert web.get("/api/article/no-such-id")[0] == 404


def test_facet_values_by_prefix_and_profiles(web: Web) -> None:
    values = web.json("/api/facet/person", prefix="ra")["values"]
    assert [(v["value"], v["count"]) for v in values] == [("Hina Rashid", 2)]
    status, page = web.get("/person/Hina%20Rashid")
    assert status == 200 and b"Zain Abbasi" in page
    assert web.get("/person/Nobody%20Here")[0] == 404


def test_the_front_page_and_status_describe_the_archive(web: Web, articles: list[Article]) -> None:
    status, front = web.get("/")
    assert status == 200 and f"<strong>{len(articles)}</strong> articles".encode() in front
    assert web.get("/status")[0] == 200
