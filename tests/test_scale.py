"""Archive-scale building through the real `broadsheet` command: a build bounded to tiny
segments and batches answers exactly as an unbounded one, a changed file re-extracts only
its changed records, and a full reindex refuses up front when the disk is too small."""

from __future__ import annotations

import collections
import json
import shutil
from pathlib import Path

import pytest

from broadsheet.cli import EXIT_ERROR, EXIT_OK, main
from indexer import spill
from search.archive import Archive
from search.models import SearchRequest
from search.runs import load_runs
from search.whoosh import writers

TOWNS = ("Lahore", "Karachi", "Quetta", "Peshawar", "Multan")
PEOPLE = ("Farah Qureshi", "Wahid Noorzai", "Hina Rashid", "Imtiaz Rafiq")


def _record(n: int, revision: str = "") -> dict[str, str]:
    town = TOWNS[n % len(TOWNS)]
    person = PEOPLE[n % len(PEOPLE)]
    return {
        "title": f"{town} council report {n} on canals and wheat",
        "content": (
            f"{town.upper()}: Minister {person} said on Monday that report number {n} on irrigation "
            f"canals, wheat prices and water tariffs in {town} would reach the assembly. {revision}\n\n"
            f"Mr {person.split()[-1]} told reporters the repairs would be finished before the monsoon, "
            f"and that {n % 7 + 2} districts would share the funds."
        ),
        "link": f"https://example.test/scale/{n}",
        "date_published": f"20{10 + n % 12:02d}-0{1 + n % 9}-1{n % 10}T08:00:00+05:00",
    }


def _write_jsonl(path: Path, records: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _corpus(folder: Path, files: int = 4, per_file: int = 60) -> Path:
    for f in range(files):
        _write_jsonl(folder / f"month-{f:02d}.jsonl", [_record(f * per_file + i) for i in range(per_file)])
    return folder


def _run(command: str, index: Path, *paths: Path, workers: int = 2) -> int:
    return main([command, "--index", str(index), "--quiet", "--workers", str(workers), *map(str, paths)])


def _answers(index: Path) -> list[object]:
    archive = Archive.open(index)
    try:
        found: list[object] = []
        for query, people in (
            ("canals", ()),
            ('"water tariffs"', ()),
            ("wheat -Karachi", ()),
            ("", ("Hina Rashid",)),
        ):
            # Every article: which of a story's tied versions leads it may follow the segment layout.
            results = archive.search(SearchRequest(query=query, people=people, per_page=100, collapse=False))
            found.append(
                (
                    results.total,
                    sorted((hit.id, round(hit.score, 4)) for hit in results.hits),
                    {facet: [(v.value, v.count) for v in values] for facet, values in results.facets.items()},
                )
            )
        return found
    finally:
        archive.close()


def test_a_build_in_tiny_segments_and_batches_answers_as_an_unbounded_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "corpus")
    assert _run("reindex", tmp_path / "whole", corpus) == EXIT_OK
    whole = load_runs(tmp_path / "whole")[0]

    longest = max(len(r["title"]) + len(r["content"]) for r in map(_record, range(240)))
    monkeypatch.setattr(writers, "SEGMENT_BYTES", 8 * longest)  # a few articles a segment
    monkeypatch.setattr(spill, "BATCH", 7)
    sent: list[int] = []
    send = writers.SegmentWriters.send

    def counted_send(self: writers.SegmentWriters, parts: int = 1) -> int:
        sent.append(send(self, parts))
        return sent[-1]

    monkeypatch.setattr(writers.SegmentWriters, "send", counted_send)
    assert _run("reindex", tmp_path / "bounded", corpus) == EXIT_OK
    bounded = load_runs(tmp_path / "bounded")[0]

    assert len(sent) > 10 and max(sent) <= 9, sent  # handed over a few at a time, never all at once
    assert sum(sent) == 240
    assert (bounded.added, bounded.articles, bounded.duplicates) == (
        whole.added,
        whole.articles,
        whole.duplicates,
    )
    assert bounded.articles == 240
    assert _answers(tmp_path / "bounded") == _answers(tmp_path / "whole")
    assert not (tmp_path / "bounded" / spill.SPILL_DIR).exists()


def test_one_corrected_record_in_a_changed_file_is_the_only_one_extracted_and_written(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", files=2, per_file=30)
    index = tmp_path / "index"
    assert _run("index", index, corpus, workers=1) == EXIT_OK
    assert load_runs(index)[0].extracted == 60

    records = [_record(30 + i) for i in range(30)]
    records[17] = _record(47, revision="Correction: the assembly meets on Tuesday.")
    _write_jsonl(corpus / "month-01.jsonl", records)
    assert _run("index", index, corpus, workers=1) == EXIT_OK
    run = load_runs(index)[0]
    assert (run.extracted, run.written) == (1, 1)
    assert (run.added, run.updated, run.unchanged, run.deleted, run.articles) == (0, 1, 59, 0, 60)
    archive = Archive.open(index)
    try:
        assert archive.search(SearchRequest(query="Tuesday")).total == 1
        assert archive.search(SearchRequest(query="canals")).total == 60
    finally:
        archive.close()

    assert _run("reindex", index, corpus, workers=1) == EXIT_OK  # a full build extracts everything
    assert (load_runs(index)[0].extracted, load_runs(index)[0].written) == (60, 60)


def test_an_unchanged_record_whose_id_another_record_takes_keeps_its_article(tmp_path: Path) -> None:
    """Records without URLs are named by where they were read. A second corpus root with the
    same file names, read first, takes those ids; a record of the first root that is unchanged
    (not extracted again) must then move to a new id with its stored article, not vanish."""

    def unlinked(n: int, revision: str = "") -> dict[str, str]:
        record = _record(n, revision)
        del record["link"]
        return record

    old, new = tmp_path / "b-old" / "news", tmp_path / "a-new" / "news"
    _write_jsonl(old / "wire.jsonl", [unlinked(1), unlinked(2)])
    index = tmp_path / "index"
    assert _run("index", index, old, workers=1) == EXIT_OK

    _write_jsonl(old / "wire.jsonl", [unlinked(1), unlinked(2, revision="Updated: tariffs rise.")])
    _write_jsonl(new / "wire.jsonl", [unlinked(3), unlinked(4)])
    assert _run("index", index, new, old, workers=1) == EXIT_OK
    run = load_runs(index)[0]
    assert run.articles == 4 and run.deleted == 0
    archive = Archive.open(index)
    try:
        for n in (1, 2, 3, 4):
            assert archive.search(SearchRequest(query=f'"council report {n}"')).total == 1, n
    finally:
        archive.close()


DiskUsage = collections.namedtuple("DiskUsage", "total used free")


def test_a_full_reindex_without_room_for_a_second_copy_refuses_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path / "corpus", files=2, per_file=20)
    index = tmp_path / "index"
    real = shutil.disk_usage

    monkeypatch.setattr(shutil, "disk_usage", lambda path: DiskUsage(10**9, 10**9 - 1000, 1000))
    assert _run("reindex", index, corpus) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "not enough disk for a full reindex" in err and "the input's size" in err
    assert not (index / "CURRENT").exists() and not list((index / "generations").glob("*"))

    monkeypatch.setattr(shutil, "disk_usage", real)
    assert _run("reindex", index, corpus) == EXIT_OK
    live = (index / "CURRENT").read_text()
    live_size = sum(p.stat().st_size for p in (index / "generations" / live.strip()).iterdir())

    # Less room than a second copy of the live index takes.
    monkeypatch.setattr(shutil, "disk_usage", lambda path: DiskUsage(10**9, 10**9, live_size // 2))
    assert _run("reindex", index, corpus) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "not enough disk for a full reindex" in err and "the live index's size" in err
    assert (index / "CURRENT").read_text() == live
    assert [p.name for p in (index / "generations").iterdir()] == [live.strip()]
    assert load_runs(index)[0].kind == "reindex" and load_runs(index)[0].ok

    # An incremental run builds no second copy: it is not refused.
    assert _run("index", index, corpus) == EXIT_OK
