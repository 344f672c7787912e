"""Stories through the real `broadsheet index` path: versions of one report share a story.

A wire copy, its republication under another headline, its update and the next day's print
copy join one story named after the first of them (earliest date, then smallest id); an
unrelated report stays apart; a paper's rewrite of an agency report in its own words joins it,
while one agency's templated reports of two days, alike but for their figures, stay apart;
an incremental run adds a new version to the stored story (renaming it when the newcomer
comes first) and groups exactly as a full rebuild of the same files; a line in
`stories-apart.txt` separates two versions on the next run; deleting a story's first article
passes its name on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from browser.storyindex import A2, D1, D2, WIRE, A, C, P, R, U, W
from browser.storyindex import article_id as _id
from browser.storyindex import run as _run
from browser.storyindex import write_jsonl as _jsonl

from broadsheet.cli import EXIT_OK, main
from indexer import reindex
from indexer.stories import HEADER_SIZE, PROFILES_SUFFIX, STORIES_DIR, Stories, signature
from search.archive import Archive
from search.whoosh.engine import WhooshEngine


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


def test_versions_of_a_report_share_the_story_of_the_earliest(tmp_path: Path) -> None:
    corpus = _jsonl(tmp_path / "corpus" / "wire.jsonl", R, U, W, C, P)
    index = tmp_path / "index"
    _run("index", index, corpus)

    stories = _stories(index)
    assert stories == {
        W["link"]: _id(W),  # all of one day: the smallest id names the story
        R["link"]: _id(W),
        U["link"]: _id(W),
        C["link"]: _id(C),
        P["link"]: _id(W),  # the print copy, a day later
    }


def test_a_rewrite_joins_its_source_and_templated_reports_stay_apart(tmp_path: Path) -> None:
    corpus = _jsonl(tmp_path / "corpus" / "wire.jsonl", A2, A, D1, D2, C)
    index = tmp_path / "index"
    _run("index", index, corpus)

    stories = _stories(index)
    assert stories[A2["link"]] == _id(A)  # another outlet's words, the same report, a day later
    assert stories[D1["link"]] == _id(D1)  # the same words as the next day's, other figures
    assert stories[D2["link"]] == _id(D2)
    assert stories[C["link"]] == _id(C)


def test_an_incremental_run_groups_as_a_full_rebuild_does(tmp_path: Path) -> None:
    first = _jsonl(tmp_path / "corpus" / "a.jsonl", R, C)
    index = tmp_path / "incremental"
    _run("index", index, first.parent)
    assert _stories(index)[R["link"]] == _id(R)

    # The wire copy arrives later but comes first (same day, smaller id): the stored
    # republication joins its story, which it now names.
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


def test_profiles_are_small_arrays_kept_per_generation(tmp_path: Path) -> None:
    corpus = _jsonl(tmp_path / "corpus" / "wire.jsonl", W, R, U, C)
    index = tmp_path / "index"
    _run("index", index, corpus)

    saved = list((index / STORIES_DIR).glob("*.npz"))
    assert len(saved) == 1
    state = Stories.load(index, saved[0].stem)
    assert len(state) == 4
    # The fixed part, then one value per distinct word of the body.
    assert all(HEADER_SIZE < len(s) < HEADER_SIZE + len(WIRE.split()) for s in state.signatures)
    assert {s.dtype for s in state.signatures} == {np.dtype(np.uint32)}
    assert signature(WIRE).tolist() == state.signatures[state.ids.index(_id(W))].tolist()


def test_a_run_without_grouping_leaves_every_article_alone(tmp_path: Path) -> None:
    """What benchmarks/bench_stories.py compares a build with."""
    corpus = _jsonl(tmp_path / "corpus" / "wire.jsonl", W, R, C)
    index = tmp_path / "index"
    engine = WhooshEngine(index)
    try:
        reindex.run(engine, index, [corpus], full=True, workers=1, group_stories=False)
    finally:
        engine.close()

    assert _stories(index) == {x["link"]: _id(x) for x in (W, R, C)}
    assert not (index / STORIES_DIR).exists()


def test_the_search_command_collapses_stories_unless_told_not_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _jsonl(tmp_path / "corpus" / "wire.jsonl", W, R, C)
    index = tmp_path / "index"
    _run("index", index, corpus)
    capsys.readouterr()

    def search(*options: str) -> dict[str, Any]:
        assert main(["search", "--index", str(index), "--json", *options, "embankments"]) == EXIT_OK
        found: dict[str, Any] = json.loads(capsys.readouterr().out)
        return found

    collapsed, every = search(), search("--no-collapse")
    assert collapsed["collapse"] is True and every["collapse"] is False
    assert [(r["story"], r["versions"]) for r in collapsed["results"]] == [(_id(W), 2)]
    assert sorted(r["id"] for r in every["results"]) == sorted([_id(W), _id(R)])
    assert collapsed["total"] == every["total"] == 2

    assert main(["search", "--index", str(index), "embankments"]) == EXIT_OK
    printed = capsys.readouterr().out
    assert "2 articles in 1 stories" in printed and "1 other version" in printed


def test_the_numpy_minhash_and_banding_are_datasketchs() -> None:
    """The profile's MinHash is computed in numpy, and copy candidates come from banding in
    numpy; both must stay what datasketch computes, or stored profiles and links would
    change meaning."""
    from datasketch import MinHash, MinHashLSH

    from indexer.stories import BAND_ROWS, NUM_PERM, _band_pairs, _minhash

    rng = np.random.default_rng(7)
    for size in (0, 1, 5, 700):
        values = rng.integers(0, 2**32, size=size, dtype=np.uint64)
        reference = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=lambda v: v, scheme="affine32")
        reference.update_batch(values.tolist())
        assert np.array_equal(_minhash(values), reference.hashvalues)

    lsh = MinHashLSH(threshold=0.4, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (NUM_PERM // BAND_ROWS, BAND_ROWS)
    # Thirty signatures; some share one band with another, some several, most none.
    signatures = [rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32) for _ in range(30)]
    for a, b, band in ((0, 1, 0), (2, 3, 15), (4, 5, 3), (4, 6, 3), (7, 8, 1), (7, 8, 9)):
        signatures[b][band * BAND_ROWS : (band + 1) * BAND_ROWS] = signatures[a][
            band * BAND_ROWS : (band + 1) * BAND_ROWS
        ]
    fresh = {0, 3, 4, 8, 20}
    expected = set()
    with lsh.insertion_session() as session:
        for row, sig in enumerate(signatures):
            session.insert(row, MinHash(num_perm=NUM_PERM, hashvalues=sig, scheme="affine32"))
    for row in fresh:
        query = MinHash(num_perm=NUM_PERM, hashvalues=signatures[row], scheme="affine32")
        expected |= {(min(row, o), max(row, o)) for o in lsh.query(query) if o != row}
    assert (
        _band_pairs(list(range(30)), fresh, np.stack(signatures), [739000] * 30)
        == expected
        == {(0, 1), (2, 3), (4, 5), (4, 6), (7, 8)}
    )


def test_copy_candidates_are_every_banded_pair_within_the_copy_days() -> None:
    """Banding with the days inside gives exactly the pairs that share a band, hold a fresh
    article, and are at most `COPY_DAYS` apart or undated: recurring texts (yearly copies of
    one article, a daily report) no longer pair every member of their bucket first."""
    from itertools import combinations

    from indexer.stories import BAND_ROWS, COPY_DAYS, NUM_PERM, UNDATED, _band_pairs

    rng = np.random.default_rng(11)
    count = 300
    signatures = [
        rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32) for _ in range(count)
    ]
    # Recurring texts: groups sharing bands, on days close together and far apart, some undated.
    for _ in range(30):
        members = rng.choice(count, size=int(rng.integers(2, 12)), replace=False)
        band = int(rng.integers(0, NUM_PERM // BAND_ROWS))
        for member in members[1:]:
            span = slice(band * BAND_ROWS, (band + 1) * BAND_ROWS)
            signatures[member][span] = signatures[members[0]][span]
    days = [int(d) for d in rng.integers(739000, 739000 + 40, size=count)]
    for undated in rng.choice(count, size=15, replace=False):
        days[int(undated)] = UNDATED
    rows = sorted(int(r) for r in rng.choice(count, size=250, replace=False))
    fresh = {int(r) for r in rng.choice(rows, size=60, replace=False)}

    def banded(a: int, b: int) -> bool:
        return any(
            np.array_equal(signatures[a][i : i + BAND_ROWS], signatures[b][i : i + BAND_ROWS])
            for i in range(0, NUM_PERM, BAND_ROWS)
        )

    expected = {
        (a, b)
        for a, b in combinations(rows, 2)
        if (a in fresh or b in fresh)
        and banded(a, b)
        and (UNDATED in (days[a], days[b]) or abs(days[a] - days[b]) <= COPY_DAYS)
    }
    assert len(expected) > 20
    assert _band_pairs(rows, fresh, np.stack([signatures[r] for r in rows]), days) == expected


def test_the_saved_state_keeps_strings_compact_and_reads_the_older_layouts(tmp_path: Path) -> None:
    """Ids and URLs are saved as UTF-8 bytes (a numpy string array pads each to the longest),
    profiles in a file of their own that loading maps; states saved by the releases before
    (string arrays, profiles inside the state) still load."""
    stories = Stories()
    long_url = "https://example.com/" + "x" * 400
    for number, (article_id, url) in enumerate((("a", long_url), ("b/ü", "https://ex.com/ü"), ("c", ""))):
        stories.add(article_id, url, 739000 + number, signature(f"body {number} " * 20), "Dawn")
    grouped = stories.group()
    stories.save(tmp_path, "g1", grouped, keep=set())
    saved = tmp_path / STORIES_DIR / "g1.npz"
    with np.load(saved) as data:
        assert data["ids_utf8"].nbytes < 10 and data["urls_utf8"].nbytes < 450
    loaded = Stories.load(tmp_path, "g1")
    assert (loaded.ids, loaded.urls, loaded.sources) == (stories.ids, stories.urls, stories.sources)
    assert loaded.previous == grouped
    assert [p.tolist() for p in loaded.signatures] == [p.tolist() for p in stories.signatures]
    profiles = (tmp_path / STORIES_DIR / f"g1{PROFILES_SUFFIX}").read_bytes()
    assert profiles == np.concatenate(list(stories.signatures)).astype("<u4").tobytes()

    with np.load(saved) as data:
        newer = ("_utf8", "_ends", "profile_values")
        older = {k: data[k] for k in data.files if not k.endswith(newer)}
    older |= {
        "profiles": np.concatenate(list(stories.signatures)),
        "ids": np.asarray(stories.ids, dtype=str),
        "urls": np.asarray(stories.urls, dtype=str),
        "sources": np.asarray(stories.sources, dtype=str),
        "stories": np.asarray([grouped[i] for i in stories.ids], dtype=str),
    }
    np.savez(tmp_path / STORIES_DIR / "g0.npz", **older)
    old = Stories.load(tmp_path, "g0")
    assert (old.ids, old.urls, old.previous, len(old.signatures)) == (loaded.ids, loaded.urls, grouped, 3)
    assert [p.tolist() for p in old.signatures] == [p.tolist() for p in stories.signatures]
    # A profiles file that does not match its state is not trusted: the state is as if absent.
    (tmp_path / STORIES_DIR / f"g1{PROFILES_SUFFIX}").write_bytes(profiles[:-4])
    assert len(Stories.load(tmp_path, "g1")) == 0


def test_a_flood_of_one_texts_copies_costs_a_bounded_number_of_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of near-identical articles in one week (a template replicated, an import
    stamped with one date) paired every member of their bucket, and compared every body of a
    day with every other: minutes and gigabytes for one flood. Each article now meets at
    most `CANDIDATES_PER_ARTICLE` others by each rule, and nearly all still join stories."""
    from indexer import stories

    monkeypatch.setattr(stories, "CANDIDATES_PER_ARTICLE", 6)
    count = 60
    body = "Prices of wheat flour, sugar and cooking oil in the city markets on the day, as listed. " * 12
    found = Stories()
    for n in range(count):
        day = 739000 + (n % 2) if n % 10 else stories.UNDATED
        found.add(
            f"a{n:03d}",
            f"https://example.test/rates/{n}",
            day,
            signature(body + f"Table {n}."),
            "example.test",
        )
    # One bucket in every band (the same MinHash): each article pairs with its next six.
    heads = np.tile(found.signatures[0][: stories.NUM_PERM], (count, 1))
    pairs = stories._band_pairs(list(range(count)), set(range(count)), heads, found.days)
    per_article = np.bincount(np.asarray(sorted(pairs)).ravel(), minlength=count)
    assert per_article.min() >= 6 and len(pairs) <= count * 6

    scores = np.random.default_rng(3).random((5, 40))
    closest = stories._closest(scores.copy(), 0.0)
    assert (np.count_nonzero(closest, axis=1) == 6).all()
    assert np.array_equal(np.sort(closest, axis=1)[:, -6:], np.sort(scores, axis=1)[:, -6:])

    story_of = found.group()
    assert len(found.links) <= count * 6 * 2
    sizes = np.unique(list(story_of.values()), return_counts=True)[1]
    assert sizes[sizes > 1].sum() >= 0.9 * count  # a few may be left alone: not linked to all of any group


def test_linking_a_few_days_at_a_time_links_as_all_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A full build links `DAYS_AT_ONCE` days at a time, to bound memory; a rewrite published
    the day after its source is linked to it however the days are cut."""
    import datetime as dt

    from indexer import stories

    def links(days_at_once: int) -> dict[tuple[str, str], int]:
        monkeypatch.setattr(stories, "DAYS_AT_ONCE", days_at_once)
        found = Stories()
        for item in (W, R, U, C, P, A, A2, D1, D2):
            day = dt.date.fromisoformat(item["date_published"][:10]).toordinal()
            host = item["link"].split("/")[2]
            found.add(_id(item), item["link"], day, signature(item["content"]), host)
        found.group()
        return found.links

    together, one_by_one = links(90), links(1)
    assert together == one_by_one
    assert tuple(sorted((_id(A), _id(A2)))) in together


def _jaccard_of_sketches(a: list[int], b: list[int]) -> float:
    """The same-outlet rule's number overlap, one pair at a time: sets of the sketches'
    codes, a full sketch (`NUMBERS` codes) cut at the other's largest when that is smaller."""
    from indexer.stories import NUMBERS

    first, second = {v for v in a if v}, {v for v in b if v}
    upto = min(
        max(first) if len(first) == NUMBERS else 2**32, max(second) if len(second) == NUMBERS else 2**32
    )
    first, second = {v for v in first if v <= upto}, {v for v in second if v <= upto}
    union = len(first | second)
    return len(first & second) / union if union else 0.0


def test_number_sketches_are_compared_many_pairs_at_once_as_one_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same-outlet rule compares the numbers of thousands of pairs a window; done at
    once in numpy (in blocks), each pair's overlap is the set rule's, with full and empty
    sketches and codes up to 2**32 - 1."""
    from indexer import stories

    monkeypatch.setattr(stories, "_PAIRS_AT_ONCE", 64)  # several blocks
    rng = np.random.default_rng(7)

    def sketch(top: int) -> np.ndarray:
        values = np.unique(rng.integers(1, top, size=int(rng.integers(0, 40))))[: stories.NUMBERS]
        out = np.zeros(stories.NUMBERS, dtype=np.uint32)
        out[: len(values)] = values
        return out

    for top in (50, 2**32 - 1):
        a = np.array([sketch(top) for _ in range(500)])
        b = np.array([sketch(top) for _ in range(500)])
        expected = [_jaccard_of_sketches(x.tolist(), y.tolist()) for x, y in zip(a, b, strict=True)]
        assert stories._numbers_shared(a, b).tolist() == expected
    assert any(np.count_nonzero(s) == stories.NUMBERS for s in a)  # full sketches were tried


def test_word_codes_are_counted_row_by_row_as_over_the_whole_matrix() -> None:
    """`_counted` sorts each row alone; it gives what one count of (row, code) keys gives."""
    from indexer.stories import _counted

    rng = np.random.default_rng(3)
    for shape in [(0, 200), (1, 5), (40, 60), (700, 200)]:
        terms = rng.integers(0, 25, size=shape).astype(np.uint32)
        terms[rng.random(shape) < 0.3] = 0  # no word
        rows = np.repeat(np.arange(shape[0], dtype=np.int64), shape[1])
        codes = terms.ravel().astype(np.int64)
        keys, counts = np.unique(((rows << 32) | codes)[codes != 0], return_counts=True)
        found_rows, found_codes, found_counts = _counted(terms)
        assert found_rows.tolist() == (keys >> 32).tolist()
        assert found_codes.tolist() == (keys & 0xFFFFFFFF).tolist()
        assert found_counts.tolist() == counts.tolist()
