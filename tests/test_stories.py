"""Stories through the real `broadsheet index` path: versions of one report share a story.

A wire copy, its republication under another headline and its update join one story named
after the earliest of them; an unrelated report stays alone; an incremental run adds a new
version to the stored story (renaming it when the newcomer is older) and groups exactly as
a full rebuild of the same files; a line in `stories-apart.txt` separates two versions on
the next run; deleting a story's first article passes its name on.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from broadsheet.cli import EXIT_OK, main
from indexer.stories import NUM_PERM, STORIES_DIR, Stories, signature
from search.archive import Archive

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
    "against a side of the state's second eleven next week."
)


def _record(link: str, title: str, content: str, day: str) -> dict[str, str]:
    return {"title": title, "content": content, "link": link, "date_published": f"2025-03-{day}T09:00:00Z"}


W = _record("https://wire.example/flood-plan", "Cabinet approves flood plan", WIRE, "04")
R = _record("https://paper.example/news/flood-plan", "Flood plan gets nod", REPUBLISHED, "05")
U = _record("https://wire.example/flood-plan-update", "PM directs provinces on flood plan", UPDATE, "04")
C = _record("https://wire.example/cricket-tour", "Team leaves for Australia", OTHER, "03")


def _jsonl(path: Path, *records: dict[str, str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _run(command: str, index: Path, *paths: Path) -> None:
    assert main([command, "--index", str(index), "--quiet", "--workers", "1", *map(str, paths)]) == EXIT_OK


def _stories(index: Path) -> dict[str, str]:
    """Every stored article's story, by URL."""
    archive = Archive.open(index)
    try:
        found = {}
        for article_id in archive.engine.fingerprints():
            article = archive.article(article_id)
            assert article is not None and article.url
            found[article.url] = article.story
        return found
    finally:
        archive.close()


def _id(record: dict[str, str]) -> str:
    return record["link"].removeprefix("https://")


def test_versions_of_a_report_share_the_story_of_the_earliest(tmp_path: Path) -> None:
    corpus = _jsonl(tmp_path / "corpus" / "wire.jsonl", W, R, U, C)
    index = tmp_path / "index"
    _run("index", index, corpus)

    stories = _stories(index)
    assert stories == {
        W["link"]: _id(W),
        R["link"]: _id(W),
        U["link"]: _id(W),  # same day as W: the smaller id names the story
        C["link"]: _id(C),
    }


def test_an_incremental_run_groups_as_a_full_rebuild_does(tmp_path: Path) -> None:
    first = _jsonl(tmp_path / "corpus" / "a.jsonl", R, C)
    index = tmp_path / "incremental"
    _run("index", index, first.parent)
    assert _stories(index)[R["link"]] == _id(R)

    # The wire copy arrives later but is older: the stored republication joins its story.
    _jsonl(tmp_path / "corpus" / "b.jsonl", W, U)
    _run("index", index, first.parent)
    rebuilt = tmp_path / "full"
    _run("reindex", rebuilt, first.parent)

    assert _stories(index) == _stories(rebuilt)
    assert _stories(index)[R["link"]] == _id(W)


def test_deleting_the_first_version_passes_the_story_on(tmp_path: Path) -> None:
    corpus = _jsonl(tmp_path / "corpus" / "wire.jsonl", W, R, C)
    index = tmp_path / "index"
    _run("index", index, corpus.parent)
    _jsonl(corpus, R, C)
    _run("index", index, corpus.parent)

    assert _stories(index) == {R["link"]: _id(R), C["link"]: _id(C)}


def test_a_stories_apart_line_separates_two_versions_on_the_next_run(tmp_path: Path) -> None:
    corpus = _jsonl(tmp_path / "corpus" / "wire.jsonl", W, R, C)
    index = tmp_path / "index"
    _run("index", index, corpus.parent)
    assert _stories(index)[R["link"]] == _id(W)

    (index / "stories-apart.txt").write_text(
        f"# two reports, not one\n{_id(W)}  {R['link']}\nonly-one-name\n", encoding="utf-8"
    )
    _run("index", index, corpus.parent)

    assert _stories(index) == {W["link"]: _id(W), R["link"]: _id(R), C["link"]: _id(C)}
    logs = "".join(p.read_text(encoding="utf-8") for p in (index / "logs").glob("*.log"))
    assert "stories-apart.txt line 3: expected two ids or URLs, found 1" in logs


def test_signatures_are_small_fixed_arrays_kept_per_generation(tmp_path: Path) -> None:
    corpus = _jsonl(tmp_path / "corpus" / "wire.jsonl", W, R, U, C)
    index = tmp_path / "index"
    _run("index", index, corpus)

    saved = list((index / STORIES_DIR).glob("*.npz"))
    assert len(saved) == 1
    state = Stories.load(index, saved[0].stem)
    assert len(state) == 4
    assert {s.shape for s in state.signatures} == {(NUM_PERM,)}
    assert {s.dtype for s in state.signatures} == {np.dtype(np.uint32)}
    assert signature(WIRE).tolist() == state.signatures[state.ids.index(_id(W))].tolist()
