"""A served app across many generation switches: an old generation's files are closed.

A worker serves for weeks while reindexes and rollbacks switch generations under it. Each
switch opens the new generation's files; the old one's must be closed (and unmapped) once
its last search ends, or every switch would leave a worker holding more descriptors and
memory. The app here answers a mix of pages and API calls through Flask, as a worker does,
while another engine writes and switches generations in the same index folder.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from flask.testing import FlaskClient
from testdata import articles_from_jsonl

from search.models import Article
from search.whoosh.engine import WhooshEngine
from search.whoosh.generations import Layout
from web import create_app

SWITCHES = 6
PAGES = (
    "/search?q=budget",
    "/search?q=minister+water",
    "/search?q=elecshun",  # the spelling check opens the generation's vocabulary
    "/api/search?q=court*",
    "/facet/person",
    "/",
)


def build(writer: WhooshEngine, articles: list[Article]) -> None:
    generation = writer.begin(fresh=True)
    generation.write(articles)
    generation.commit()
    writer.switch(generation)


def serve_mix(client: FlaskClient, ids: list[str]) -> None:
    for path in (*PAGES, *(f"/article/{i}" for i in ids), *(f"/api/article/{i}" for i in ids)):
        assert client.get(path).status_code in (200, 404), path


def index_files_open(index: Path) -> tuple[set[str], set[str]]:
    """(generation folders, under `index`, that this process has a file open or mapped in;
    mapped files that were deleted since)."""
    folders: set[str] = set()
    deleted: set[str] = set()
    targets = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            targets.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:  # the listing's own descriptor, closed meanwhile
            continue
    with open("/proc/self/maps", encoding="utf-8") as maps:
        targets += [line.split(maxsplit=5)[5].strip() for line in maps if len(line.split(maxsplit=5)) == 6]
    for target in targets:
        if target.endswith(" (deleted)") and str(index) in target:
            deleted.add(target)
        elif target.startswith(f"{index}/generations/"):
            folders.add(target.removeprefix(f"{index}/generations/").split("/")[0])
    return folders, deleted


def test_a_served_app_keeps_only_the_live_generations_files_open(tmp_path: Path) -> None:
    articles = articles_from_jsonl()
    ids = [a.id for a in articles[:5]]
    index = tmp_path / "index"
    writer = WhooshEngine(index)
    build(writer, articles)
    client = create_app({"INDEX_DIR": index}).test_client()
    serve_mix(client, ids)
    descriptors = len(os.listdir("/proc/self/fd"))
    layout = Layout(index)
    for switch in range(SWITCHES):
        if switch % 3 == 2:
            assert writer.rollback()
        else:
            # Every other build rewrites one article, so each generation differs from the last.
            changed = dataclasses.replace(articles[0], body=f"{articles[0].body} Revision {switch}.")
            build(writer, [changed, *articles[1:]])
        serve_mix(client, ids)
        folders, deleted = index_files_open(index)
        assert folders == {layout.current()}, f"after switch {switch + 1}: files open in {folders}"
        assert not deleted, f"after switch {switch + 1}: deleted files still mapped: {deleted}"
        assert len(os.listdir("/proc/self/fd")) <= descriptors
    writer.close()
