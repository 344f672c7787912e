"""Only web addresses are links: a record's URL, a page's og:url and canonical link are kept
only when http or https. Proved through a real index and a real `broadsheet serve` over HTTP:
the API, the results page, the article page and the Atom feed carry no `javascript:` link."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from ports import free_port

from broadsheet.cli import EXIT_OK, main
from indexer.readers.normalize import web_address
from search.runs import load_runs

ROOT = Path(__file__).resolve().parents[1]
#: This test's own ports (the session's range for this work).
PORTS = range(5200, 5250)

BODY = (
    "The Gwadar port authority said on Wednesday that a new berth for container ships would open "
    "next spring, doubling the number of vessels the harbour can take each week."
)
PAGE = """<html><head><title>Harbour berth opens - The Coast Ledger</title>
<meta property="og:type" content="article"><meta property="og:url" content=" JavaScript:alert(2)">
<link rel="canonical" href="data:text/html,hello"></head><body><article>
<p>The Pasni fishing harbour reopened on Monday after dredging that took most of a year, and boat
owners said the catch could now be landed at any tide.</p>
<p>Officials said the works cost less than planned and that the fish market would be rebuilt next.</p>
</article></body></html>"""


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", " JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "\x01javascript:x", "data:,x",
     "file:///etc/passwd", "vbscript:x", "/news/relative", "mailto:desk@example.org", "http://[::1"],
)  # fmt: skip
def test_only_http_and_https_are_web_addresses(url: str) -> None:
    assert web_address(url, "x") is None


def test_web_addresses_are_kept_as_written() -> None:
    for url in ("https://www.dawn.com/news/1", "HTTP://EXAMPLE.COM/a?b=1", "http://[::1]:8080/x"):
        assert web_address(url, "x") == url


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def test_a_javascript_url_never_reaches_the_api_a_page_or_a_feed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = [
        {"title": "Gwadar berth to open", "url": "javascript:alert(1)", "content": BODY},
        {
            "title": "Gwadar berth, web copy",
            "url": "https://coast.example/gwadar",
            "content": BODY + " Update.",
        },
    ]
    (corpus / "export.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (corpus / "pasni.html").write_text(PAGE, encoding="utf-8")
    index = tmp_path / "index"
    assert main(["index", "--index", str(index), "--quiet", "--workers", "1", str(corpus)]) == EXIT_OK
    run = load_runs(index)[0]
    assert run.added == 3
    assert run.notes == {
        "export.jsonl#1": "link dropped: 'javascript:alert(1)' is not a web address (http or https)",
        "pasni.html": "link dropped: 'JavaScript:alert(2)' is not a web address (http or https); "
        "link dropped: 'data:text/html,hello' is not a web address (http or https)",
    }
    log = next((index / "logs").iterdir()).read_text(encoding="utf-8")
    assert "note export.jsonl#1: link dropped: 'javascript:alert(1)'" in log
    assert "note pasni.html: link dropped:" in log and ", 2 noted in" in log

    port = free_port(PORTS)
    server = subprocess.Popen(
        [sys.executable, "-m", "broadsheet", "serve", "--index", str(index), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                api = json.loads(_get(f"{base}/api/search?q=gwadar+OR+pasni&collapse=0"))
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("broadsheet serve did not answer within 120 s")
                time.sleep(0.3)
        urls = {hit["title"]: hit["url"] for hit in api["results"]}
        assert urls == {
            "Gwadar berth to open": None,
            "Gwadar berth, web copy": "https://coast.example/gwadar",
            "Harbour berth opens - The Coast Ledger": None,
        }
        pages = [
            _get(f"{base}/search?q=gwadar+OR+pasni&collapse=0"),
            _get(f"{base}/search.atom?q=gwadar+OR+pasni&collapse=0"),
        ]
        pages += [_get(f"{base}/article/{quote(hit['id'], safe='/')}") for hit in api["results"]]
        for page in pages:
            lowered = page.lower()
            assert "javascript:" not in lowered and "data:text" not in lowered
        assert "https://coast.example/gwadar" in pages[1]  # the web address is still a link
    finally:
        server.terminate()
        server.wait(10)
