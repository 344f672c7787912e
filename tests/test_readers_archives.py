"""Archives through the real path: every gzip member read, one unpacking budget per file.

Bombs are generated here: small on disk, huge (or deep) when unpacked. Where a test
needs the budget to run out quickly it lowers the budget rather than unpack 200 MB.
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
import zlib
from pathlib import Path

import pytest

from broadsheet.cli import EXIT_OK, main
from indexer.readers import Skipped, SourceFile, archives, read
from search.archive import Archive
from search.models import Article, SearchRequest
from search.runs import load_runs

STORIES = [
    {
        "url": f"https://oldpaper.example/story-{number}",
        "title": f"{place} council opens a new {thing}",
        "content": f"The {place} council opened a new {thing} on Monday after two years of building work, "
        f"and officials said the {thing} would serve thousands of residents every week.",
        "date": f"2019-0{number}-1{number}",
    }
    for number, (place, thing) in enumerate(
        [("Quetta", "library"), ("Multan", "hospital"), ("Sialkot", "bridge")], start=1
    )
]


def _member(record: dict[str, str]) -> bytes:
    return gzip.compress((json.dumps(record) + "\n").encode("utf-8"))


def _read(path: Path) -> tuple[list[Article], list[Skipped]]:
    items = list(read(SourceFile(path, path.parent)))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Skipped)]


def _zeros_gzip(size: int) -> bytes:
    """A gzip member of `size` zero bytes, about a thousandth of that on disk."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1024 * 1024)
    parts = [packer.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join([*parts, packer.compress(bytes(size % len(chunk))), packer.flush()])


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_gzip_file_of_three_members_gives_three_articles(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(b"".join(_member(record) for record in STORIES))  # cat a.gz b.gz c.gz
    articles, skipped = _read(path)
    assert [a.url for a in articles] == [s["url"] for s in STORIES]
    assert skipped == []


def test_a_gzip_file_of_three_members_indexes_three_articles(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "export.jsonl.gz").write_bytes(b"".join(_member(record) for record in STORIES))
    index = tmp_path / "index"
    assert main(["index", "--index", str(index), "--quiet", "--workers", "1", str(corpus)]) == EXIT_OK
    run = load_runs(index)[0]
    assert (run.added, run.duplicates, run.skipped) == (3, 0, {})
    archive = Archive.open(index)
    try:
        for query in ("library", "hospital", "bridge"):
            assert archive.search(SearchRequest(query=query)).total == 1
    finally:
        archive.close()


def test_bgzip_blocks_and_zero_padding_are_read(tmp_path: Path) -> None:
    lines = b"".join((json.dumps(s) + "\n").encode("utf-8") for s in STORIES)
    blocks = [gzip.compress(lines[i : i + 100]) for i in range(0, len(lines), 100)]  # lines cut mid-way
    path = tmp_path / "blocks.jsonl.gz"
    path.write_bytes(b"".join(blocks) + gzip.compress(b"") + bytes(512))
    articles, skipped = _read(path)
    assert len(blocks) > 3 and len(articles) == 3 and skipped == []


def test_data_after_the_last_member_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "tail.jsonl.gz"
    path.write_bytes(_member(STORIES[0]) + b"not gzip at all")
    articles, skipped = _read(path)
    assert len(articles) == 1
    assert [s.reason for s in skipped] == ["15 bytes after the last gzip member are not gzip"]


def test_a_corrupt_later_member_keeps_the_earlier_ones(tmp_path: Path) -> None:
    broken = bytearray(_member(STORIES[1]))
    broken[12:20] = b"\xff" * 8
    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(_member(STORIES[0]) + bytes(broken))
    articles, skipped = _read(path)
    assert [a.url for a in articles] == [STORIES[0]["url"]]
    assert skipped[0].reason == "corrupt gzip member 2 (records after it are lost)"


def test_a_gzip_bomb_is_skipped_with_the_reason(tmp_path: Path) -> None:
    bomb = _zeros_gzip(archives.MAX_UNPACKED_BYTES + 1024 * 1024)
    assert len(bomb) < 300 * 1024
    (tmp_path / "bomb.jsonl.gz").write_bytes(bomb)
    (tmp_path / "good.jsonl.gz").write_bytes(_member(STORIES[0]))
    found = [item for path in sorted(tmp_path.iterdir()) for item in read(SourceFile(path, tmp_path))]
    assert found[0] == Skipped("bomb.jsonl.gz", "over the unpacking budget (unpacks to over 200 MB)")
    assert isinstance(found[1], Article) and len(found) == 2


def test_one_budget_covers_every_member_of_a_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archives, "MAX_UNPACKED_BYTES", 3 * 1024 * 1024)
    story = (json.dumps(STORIES[0]) + "\n").encode("utf-8")
    members = {f"part-{n}.jsonl.gz": _zeros_gzip(1024 * 1024) for n in range(5)}
    path = tmp_path / "bomb.zip"
    path.write_bytes(_zip({"story.jsonl": story, **members}))
    articles, skipped = _read(path)
    assert len(articles) == 1
    reasons = {s.origin: s.reason for s in skipped}
    # Two members fit after the story (they are not text); the third overdraws the budget.
    assert reasons["bomb.zip/part-0.jsonl.gz"] == "binary file"
    assert reasons["bomb.zip/part-3.jsonl.gz"] == "over the unpacking budget (unpacks to over 3 MB)"
    assert reasons["bomb.zip/part-4.jsonl.gz"].startswith("over the unpacking budget")


def test_nesting_deeper_than_the_budget_is_skipped(tmp_path: Path) -> None:
    story = (json.dumps(STORIES[0]) + "\n").encode("utf-8")
    shallow = _zip({"story.jsonl.gz": gzip.compress(story)})  # two layers: read
    deep = gzip.compress(_zip({"inner.zip": _zip({"story.jsonl.gz": gzip.compress(story)})}))
    (tmp_path / "shallow.zip").write_bytes(shallow)
    (tmp_path / "deep.zip.gz").write_bytes(deep)
    articles, _ = _read(tmp_path / "shallow.zip")
    assert len(articles) == 1
    articles, skipped = _read(tmp_path / "deep.zip.gz")
    assert articles == []
    assert skipped == [
        Skipped(
            "deep.zip.gz/inner.zip/story.jsonl.gz", "over the unpacking budget (archives nested over 3 deep)"
        )
    ]


def test_a_zip_declaring_more_members_than_the_budget_is_not_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archives, "MAX_MEMBERS", 10)
    path = tmp_path / "many.zip"
    path.write_bytes(_zip({f"{n}.txt": b"x" for n in range(11)}))
    _, skipped = _read(path)
    assert skipped == [Skipped("many.zip", "over the unpacking budget (11 members; 10 per file)")]


def test_gzip_members_beyond_the_budget_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archives, "MAX_MEMBERS", 2)
    path = tmp_path / "many.jsonl.gz"
    path.write_bytes(b"".join(_member(record) for record in STORIES))
    articles, skipped = _read(path)
    assert len(articles) == 2
    assert [s.reason for s in skipped] == [
        "over the unpacking budget (2 members per file; the rest are not read)"
    ]
