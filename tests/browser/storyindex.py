"""A real index of a few versions of one wire story, built by `broadsheet index`, and the
app over it: shared by the story tests (`from browser.storyindex import ...`) and the
browser tests, so both see stories grouped by the real indexing run.

The wire copy (W), a paper's republication under its own headline the same day (R), the wire's
update (U), an unrelated report (C) and the next day's print edition (P); a wire report (A)
and a paper's rewrite of it the next day in its own words (A2); one agency's templated daily
water reports of two days (D1, D2), alike but for their figures. Invented text.
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
#: The wire copy's print edition the next day: a copy, so a version (copies are looked for
#: within `indexer.stories.COPY_DAYS` days).
P = record(
    "https://wire.example/print/flood-plan",
    "Flood plan approved",
    WIRE + "\n\nThe plan goes to parliament next month.",
    "05",
)

AGENCY = (
    "The Sindh Assembly on Thursday passed a bill that makes a licence compulsory for every "
    "tube well drilled in the province's cities, after members from both benches backed the "
    "measure to stop the fall of groundwater under Karachi and Hyderabad.\n\n"
    "Under the Sindh Groundwater Regulation Bill, the irrigation department will keep a register "
    "of wells, meter the largest of them and fine owners who pump without a licence, the law "
    "minister told the house while moving the bill.\n\n"
    "Opposition members asked that farmers be kept out of the fines, and the minister said the "
    "rules to be framed under the law would spare wells used for irrigation in rural districts."
)
#: A paper's rewrite of the agency's report: the same facts in the same order, few of the
#: same word runs.
REWRITE = (
    "Drilling a tube well in the cities of Sindh will need a licence from now on: the provincial "
    "assembly passed the groundwater regulation bill on Thursday, with the treasury and "
    "opposition benches backing a measure meant to stop groundwater falling under Hyderabad and "
    "Karachi.\n\nMoving the bill, the law minister told the house that the irrigation department "
    "would register wells, put meters on the largest and fine owners pumping without a licence.\n\n"
    "Fines should spare farmers, opposition members said; rules framed under the law would "
    "exempt irrigation wells in rural districts, the minister replied."
)


def water_report(day: str, figures: tuple[str, str, str, str, str, str]) -> str:
    """One day's templated water report: the same words every day, other figures."""
    released, inflow, level, mangla_in, mangla_out, mangla_level = figures
    return (
        f"The Indus River System Authority on {day} released {released} cusecs of water from the "
        f"Indus at Tarbela against an inflow of {inflow} cusecs, while the level of the dam stood "
        f"at {level} feet.\n\nThe Jhelum at Mangla had an inflow of {mangla_in} cusecs and an "
        f"outflow of {mangla_out} cusecs, with the reservoir at {mangla_level} feet. Kabul at "
        "Nowshera, Chenab at Marala and the barrages at Taunsa, Guddu, Sukkur and Kotri were "
        "listed with their flows in the authority's daily report."
    )


A = record("https://wire.example/groundwater-bill", "Assembly passes groundwater bill", AGENCY, "10")
A2 = record("https://yorkpaper.example/news/tube-wells", "Tube wells need licence", REWRITE, "11")
D1 = record(
    "https://wire.example/irsa-monday",
    "Water release",
    water_report("Monday", ("61,200", "58,400", "1,452.10", "24,300", "30,000", "1,201.35")),
    "17",
)
D2 = record(
    "https://wire.example/irsa-tuesday",
    "Water release",
    water_report("Tuesday", ("63,900", "57,100", "1,449.80", "22,800", "31,500", "1,199.60")),
    "18",
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
