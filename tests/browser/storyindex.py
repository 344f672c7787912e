"""A real index of a few versions of one wire story, built by `broadsheet index`, and the
app over it: shared by the story tests (`from browser.storyindex import ...`) and the
browser tests, so both see stories grouped by the real indexing run.

The wire copy (W), a paper's republication under its own headline the same day (R), the wire's
update (U), an unrelated report (C) and the next day's print edition (P). Invented text.
"""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask

from broadsheet.cli import EXIT_OK, main
from search.archive import Archive
from web import create_app

WIRE = (
    "The federal cabinet on Tuesday approved a new national flood protection plan that sets aside "
    "funds for embankments along the Indus and its tributaries, the strengthening of the early "
    "warning system in the northern valleys and the relocation of villages built in river beds.\n\n"
    "The plan, prepared by the Federal Flood Commission after last summer's floods, will be carried "
    "out over ten years with the provinces sharing the cost, the information minister told "
    "reporters after the meeting, adding that work on the first embankments would start before the "
    "monsoon.\n\n"
    "The minister said the commission had surveyed more than four hundred sites and ranked them by "
    "the damage they suffered, and that the worst affected districts of Sindh and southern Punjab "
    "would be the first to receive funds under the plan approved on Tuesday."
)
#: The same wire copy as a paper ran it: its own headline, one sentence cut, one added.
REPUBLISHED = WIRE.replace(
    "adding that work on the first embankments would start before the monsoon.",
    "adding that work would start soon. The opposition called the plan overdue.",
)
#: An update of the report: a new last paragraph below the same lead.
UPDATE = (
    WIRE + "\n\nLater on Tuesday the prime minister chaired a meeting on the plan's first phase and "
    "directed the provinces to send their lists of priority sites within two weeks."
)
OTHER = (
    "The national cricket team left for Australia on Monday night for a three-match one-day "
    "series, with the selectors naming two uncapped fast bowlers in a squad of sixteen and the "
    "captain telling reporters at the airport that the team had prepared on bouncy pitches at the "
    "national academy for a fortnight before the tour, which begins with a practice match in Perth "
    "against a side of the state's second eleven next week, while flood relief matches were put off."
)


def record(link: str, title: str, content: str, day: str) -> dict[str, str]:
    return {"title": title, "content": content, "link": link, "date_published": f"2025-03-{day}T09:00:00Z"}


W = record("https://wire.example/flood-plan", "Cabinet approves flood plan", WIRE, "04")
R = record("https://yorkpaper.example/news/flood-plan", "Flood plan gets nod", REPUBLISHED, "04")
U = record("https://wire.example/flood-plan-update", "PM directs provinces on flood plan", UPDATE, "04")
C = record("https://wire.example/cricket-tour", "Team leaves for Australia", OTHER, "03")
#: The wire copy's print edition the next day: versions are looked for on the same day only.
P = record(
    "https://wire.example/print/flood-plan",
    "Flood plan approved",
    WIRE + "\n\nThe plan goes to parliament next month.",
    "05",
)


def article_id(item: dict[str, str]) -> str:
    """The id the indexer gives a record: its canonical URL without the scheme."""
    return item["link"].removeprefix("https://")


def write_jsonl(path: Path, *records: dict[str, str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def run(command: str, index: Path, *paths: Path) -> None:
    assert main([command, "--index", str(index), "--quiet", "--workers", "1", *map(str, paths)]) == EXIT_OK


def build_story_app(folder: Path, *records: dict[str, str]) -> Flask:
    """Index `records` (by default the wire copy, its republication and the cricket report)
    with `broadsheet index` and serve them."""
    corpus = write_jsonl(folder / "corpus" / "wire.jsonl", *(records or (W, R, C)))
    index = folder / "index"
    run("index", index, corpus)
    return create_app({"ARCHIVE": Archive.open(index), "INDEX_DIR": index, "CORPUS_PATHS": [str(corpus)]})
