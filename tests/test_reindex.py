"""Indexing runs through the real path: files on disk, readers, extractors, the index, a search.

Incremental runs add, update and delete exactly what changed; a full reindex builds a
new generation; bad files are skipped with reasons; one writer at a time; and the live
index survives a killed run and a full disk.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from broadsheet.cli import EXIT_BUSY, EXIT_OK, EXIT_SKIPPED, main
from search.archive import Archive
from search.engine import EngineQuery, EngineResults
from search.models import SearchRequest
from search.runs import load_runs
from search.whoosh.engine import WhooshGeneration

ROOT = Path(__file__).resolve().parents[1]

ARTICLES = {
    "lahore-budget.txt": (
        "LAHORE: Finance Minister Farah Qureshi presented a budget on Friday that raises spending on "
        "schools and hospitals while cutting the deficit, officials said.\n\n"
        "Ms Qureshi told the assembly that revenue from the new sales tax would pay for the programme.\n\n"
        "Published in The Frontier Ledger, June 12th, 2018\n"
    ),
    "kabul-trade.txt": (
        "KABUL: Afghan Trade Minister Wahid Noorzai said on Monday that the Torkham crossing would stay "
        "open at night so that lorries carrying fruit could reach markets in Pakistan.\n\n"
        "Mr Noorzai said traders had lost millions while the border was shut.\n\n"
        "Published in The Frontier Ledger, March 3rd, 2016\n"
    ),
    "karachi-squash.txt": (
        "KARACHI: Hina Rashid won the national squash title on Sunday, beating the top seed in five games "
        "before a packed gallery.\n\n"
        "Rashid, 19, said she would now aim for the world junior championship in Cairo.\n\n"
        "Published in The Frontier Ledger, October 9th, 2014\n"
    ),
}


def _write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _index(index: Path, *args: str) -> int:
    return main(["index", "--index", str(index), "--quiet", "--workers", "1", *args])


def _titles(index: Path, query: str) -> int:
    archive = Archive.open(index)
    try:
        return archive.search(SearchRequest(query=query)).total
    finally:
        archive.close()


def test_incremental_runs_add_update_delete_and_skip_unchanged(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus")
    index = tmp_path / "index"

    assert _index(index, str(corpus)) == EXIT_OK
    first = load_runs(index)[0]
    assert (first.added, first.updated, first.deleted, first.unchanged) == (3, 0, 0, 0)
    assert _titles(index, "squash") == 1

    assert _index(index, str(corpus)) == EXIT_OK
    again = load_runs(index)[0]
    assert (again.added, again.updated, again.deleted, again.unchanged) == (0, 0, 0, 3)

    (corpus / "karachi-squash.txt").write_text(
        ARTICLES["karachi-squash.txt"].replace("squash title", "squash crown"), encoding="utf-8"
    )
    (corpus / "kabul-trade.txt").unlink()
    (corpus / "quetta-quake.txt").write_text(
        "QUETTA: A magnitude 6.1 earthquake shook Balochistan before dawn on Tuesday, damaging mud-brick "
        "homes in three districts and cutting the main highway to Ziarat, seismologist Imtiaz Rafiq said.\n\n"
        "Rescue teams reached the worst-hit villages by noon and set up tents for families.\n\n"
        "Published in The Frontier Ledger, February 2nd, 2017\n",
        encoding="utf-8",
    )
    assert _index(index, str(corpus)) == EXIT_OK
    changed = load_runs(index)[0]
    assert (changed.added, changed.updated, changed.deleted, changed.unchanged) == (1, 1, 1, 1)
    assert changed.articles == 3
    assert _titles(index, "crown") == 1
    assert _titles(index, "Torkham") == 0
    assert _titles(index, "earthquake") == 1
    assert gc.get_freeze_count() == 0  # what a run froze for its own passes is let go


def test_after_the_index_cuts_words_otherwise_a_run_writes_every_article_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index built before `search.analysis` changed holds the old words ("3", "000" for
    "3,000"): the next incremental run must write every article again, not only changed files."""
    import indexer.extract
    from search.analysis import ANALYSIS_VERSION

    corpus = _write_corpus(tmp_path / "corpus")
    (corpus / "quetta-quake.txt").write_text(
        "QUETTA: Nearly 3,000 homes were damaged when a magnitude 6.1 earthquake shook Balochistan "
        "before dawn on Tuesday, cutting the main highway to Ziarat, officials said.\n\n"
        "Rescue teams reached the worst-hit villages by noon and set up tents for families.\n\n"
        "Published in The Frontier Ledger, February 2nd, 2017\n",
        encoding="utf-8",
    )
    index = tmp_path / "index"
    current = indexer.extract.EXTRACTOR_VERSION
    assert current.endswith(f".a{ANALYSIS_VERSION}")
    monkeypatch.setattr(indexer.extract, "EXTRACTOR_VERSION", current.removesuffix(ANALYSIS_VERSION) + "0")
    assert _index(index, str(corpus)) == EXIT_OK
    monkeypatch.setattr(indexer.extract, "EXTRACTOR_VERSION", current)
    assert _index(index, str(corpus)) == EXIT_OK
    run = load_runs(index)[0]
    assert (run.added, run.updated, run.deleted, run.unchanged) == (0, 4, 0, 0)
    assert _titles(index, "3000 homes") == 1


def test_a_manifest_in_its_first_form_still_spares_unchanged_files(tmp_path: Path) -> None:
    """Manifests are written a line per input file (never one string of the whole archive);
    one written whole, as one JSON document, is still read: after an upgrade, a run reads
    only the changed file, and writes the new form."""
    from indexer.manifest import MANIFEST_DIR, OLD_SUFFIX, SUFFIX

    corpus = _write_corpus(tmp_path / "corpus")
    index = tmp_path / "index"
    assert _index(index, str(corpus)) == EXIT_OK
    built = load_runs(index)[0].generation
    lines = (index / MANIFEST_DIR / f"{built}{SUFFIX}").read_text(encoding="utf-8").splitlines()
    header, files = json.loads(lines[0]), [json.loads(line) for line in lines[1:]]
    assert len(files) == len(ARTICLES)
    whole = {
        "extractor_version": header["extractor_version"],
        "files": {entry.pop("path"): entry for entry in files},
    }
    (index / MANIFEST_DIR / f"{built}{SUFFIX}").unlink()
    (index / MANIFEST_DIR / f"{built}{OLD_SUFFIX}").write_text(json.dumps(whole), encoding="utf-8")

    (corpus / "karachi-squash.txt").write_text(
        ARTICLES["karachi-squash.txt"].replace("squash title", "squash crown"), encoding="utf-8"
    )
    assert _index(index, str(corpus)) == EXIT_OK
    run = load_runs(index)[0]
    assert (run.extracted, run.updated, run.unchanged) == (1, 1, 2)
    assert sorted(p.name for p in (index / MANIFEST_DIR).glob("*.json*")) == sorted(
        [f"{built}{OLD_SUFFIX}", f"{run.generation}{SUFFIX}"]
    )


def test_full_reindex_builds_a_new_generation_and_rollback_restores_the_old(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus")
    index = tmp_path / "index"
    assert _index(index, str(corpus)) == EXIT_OK
    before = (index / "CURRENT").read_text().strip()

    (corpus / "kabul-trade.txt").unlink()
    assert main(["reindex", "--index", str(index), "--quiet", "--workers", "2", str(corpus)]) == EXIT_OK
    rebuilt = load_runs(index)[0]
    assert rebuilt.kind == "reindex"
    assert (rebuilt.deleted, rebuilt.unchanged, rebuilt.articles) == (1, 2, 2)
    assert list(rebuilt.phases) == [
        "find changes",
        "read and extract",
        "group stories",
        "write",
        "verify and switch",
    ]
    assert 0 < sum(rebuilt.phases.values()) <= rebuilt.seconds + 0.001 * len(rebuilt.phases)  # each rounded
    assert (index / "CURRENT").read_text().strip() != before
    assert _titles(index, "Torkham") == 0

    assert main(["rollback", "--index", str(index)]) == EXIT_OK
    assert (index / "CURRENT").read_text().strip() == before
    assert _titles(index, "Torkham") == 1


def test_duplicates_and_bad_files_are_reported_and_the_rest_indexes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _write_corpus(tmp_path / "corpus")
    shutil.copy(corpus / "lahore-budget.txt", corpus / "lahore-budget-copy.txt")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "noise.txt").write_bytes(os.urandom(4096))
    lines = [
        json.dumps(
            {
                "title": "Wheat prices fall",
                "content": "ISLAMABAD: Wheat prices fell for a third week.",
                "link": "https://example.test/news/1",
                "date_published": "2020-05-01T10:00:00+05:00",
            }
        ),
        "{ this is not json",
        json.dumps(
            {
                "title": "Rain floods Karachi streets",
                "content": "KARACHI: Heavy monsoon rain flooded roads.",
                "link": "https://example.test/news/2",
                "date_published": "2020-07-08T09:00:00+05:00",
            }
        ),
    ]
    (corpus / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    index = tmp_path / "index"

    assert _index(index, str(corpus)) == EXIT_OK
    run = load_runs(index)[0]
    assert run.added == 5
    assert run.duplicates == 1
    assert len(run.skipped) == 3, run.skipped
    assert any("wire.jsonl" in origin for origin in run.skipped)
    assert _titles(index, "monsoon") == 1
    assert (index / "logs").is_dir() and any((index / "logs").iterdir())

    assert _index(index, "--strict", str(corpus)) == EXIT_SKIPPED


def test_a_second_writer_exits_non_zero_naming_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _write_corpus(tmp_path / "corpus")
    index = tmp_path / "index"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time; from pathlib import Path; from indexer.lock import WriteLock\n"
            "with WriteLock(Path(sys.argv[1]), 'index'):\n print('locked', flush=True); time.sleep(60)",
            str(index),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert _index(index, str(corpus)) == EXIT_BUSY
        assert f"process {holder.pid}" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert _index(index, str(corpus)) == EXIT_OK


def _many_articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "bulk.jsonl").open("w", encoding="utf-8") as out:
        for n in range(count):
            body = (
                f"ISLAMABAD: Report number {n} on irrigation canals, wheat harvests and water tariffs "
                "in Punjab and Sindh, with officials promising repairs before the monsoon. "
            ) * 8
            out.write(
                json.dumps(
                    {
                        "title": f"Canal report {n}",
                        "content": body,
                        "link": f"https://example.test/bulk/{n}",
                        "date_published": "2021-03-04T08:00:00+05:00",
                    }
                )
                + "\n"
            )
    return folder


def test_kill_9_mid_reindex_leaves_the_live_index_serving(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus")
    index = tmp_path / "index"
    assert _index(index, str(corpus)) == EXIT_OK
    live = (index / "CURRENT").read_text().strip()
    _many_articles(corpus, 3000)

    for delay in (0.5, 1.5, 3.0):
        run = subprocess.Popen(
            [sys.executable, "-m", "broadsheet", "reindex", "--index", str(index), "--quiet", str(corpus)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        if run.poll() is None:
            os.kill(run.pid, signal.SIGKILL)
        run.wait()
        if (index / "CURRENT").read_text().strip() == live:
            assert _titles(index, "squash") == 1
            assert _titles(index, "irrigation") == 0

    assert main(["reindex", "--index", str(index), "--quiet", str(corpus)]) == EXIT_OK
    assert _titles(index, "irrigation") == 3000
    assert _titles(index, "squash") == 1


@pytest.mark.skipif(
    not Path("/proc/self/environ").exists(), reason="finds a build's processes through /proc (Linux)"
)
def test_kill_9_mid_reindex_leaves_no_worker_behind(tmp_path: Path) -> None:
    """The readers and segment writers are the fork server's children, not the build's: killed
    with kill -9, the build left them (and the fork server and resource tracker) waiting
    forever, 150 MB each. Each pool, killed while it works, is gone soon after."""
    corpus = _many_articles(_write_corpus(tmp_path / "corpus"), 3000)
    mark = uuid.uuid4().hex
    for pool in (1, 2):  # the readers, then the segment writers
        run = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "broadsheet",
                "reindex",
                "--index",
                str(tmp_path / "index"),
                "--quiet",
                str(corpus),
            ],
            cwd=ROOT,
            env={**os.environ, "BROADSHEET_TEST_RUN": mark},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for_pool(run, mark, pool)
            os.kill(run.pid, signal.SIGKILL)
            run.wait()
            deadline = time.monotonic() + 30
            while _marked(mark) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert _marked(mark) == {}, f"left behind after pool {pool}"
        finally:
            for pid in _marked(mark):
                os.kill(pid, signal.SIGKILL)


def _marked(mark: str) -> dict[int, int]:
    """Each running process whose environment holds `mark`, with its parent's id."""
    found = {}
    for entry in Path("/proc").iterdir():
        try:
            if (
                entry.name.isdigit()
                and f"BROADSHEET_TEST_RUN={mark}".encode() in (entry / "environ").read_bytes()
            ):
                found[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except OSError:  # ended meanwhile
            continue
    return found


def _wait_for_pool(run: subprocess.Popen[bytes], mark: str, pool: int) -> None:
    """Return once the `pool`-th set of pool processes of `run` (children of its fork server,
    not of the build) is working."""
    seen, working = 0, False
    while run.poll() is None:
        workers = [
            pid for pid, parent in _marked(mark).items() if parent not in (run.pid, 1) and pid != run.pid
        ]
        if workers and not working:
            seen += 1
            if seen == pool:
                return
        working = bool(workers)
        time.sleep(0.02)
    pytest.fail(f"the build ended before its pool number {pool} was seen")


def test_an_unwritable_index_folder_gives_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _write_corpus(tmp_path / "corpus")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert _index(blocker / "index", str(corpus)) != EXIT_OK
    assert "cannot write to the index folder" in capsys.readouterr().err


def test_a_full_disk_fails_clearly_and_leaves_the_live_index_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True
    ).returncode:
        pytest.skip("needs permission to mount a small tmpfs to fill")
    try:
        corpus = _write_corpus(tmp_path / "corpus")
        index = mount / "index"
        assert _index(index, str(corpus)) == EXIT_OK
        _many_articles(corpus, 2000)
        free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
        (mount / "filler").write_bytes(b"\0" * max(0, free - 256 * 1024))  # far less than 2,000 articles need
        assert _index(index, str(corpus)) != EXIT_OK
        assert "disk is full" in capsys.readouterr().err
        (mount / "filler").unlink()
        assert _titles(index, "squash") == 1
        assert _titles(index, "irrigation") == 0
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_repeat_is_indexed_once_the_copy_kept_before_it_vanishes(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus")
    shutil.copy(corpus / "lahore-budget.txt", corpus / "mirror-lahore-budget.txt")
    index = tmp_path / "index"

    assert _index(index, str(corpus)) == EXIT_OK
    assert _index(index, str(corpus)) == EXIT_OK
    steady = load_runs(index)[0]
    assert (steady.added, steady.unchanged, steady.duplicates, steady.articles) == (0, 3, 1, 3)

    (corpus / "lahore-budget.txt").unlink()
    assert _index(index, str(corpus)) == EXIT_OK
    after = load_runs(index)[0]
    assert (after.added, after.deleted, after.duplicates, after.articles) == (1, 1, 0, 3)
    assert _titles(index, "budget") == 1


def test_indexing_one_folder_leaves_a_sibling_with_a_longer_name_alone(tmp_path: Path) -> None:
    news = _write_corpus(tmp_path / "news")
    sibling = tmp_path / "news-extra"
    sibling.mkdir()
    shutil.move(str(news / "karachi-squash.txt"), sibling / "karachi-squash.txt")
    index = tmp_path / "index"
    assert _index(index, str(news), str(sibling)) == EXIT_OK
    assert load_runs(index)[0].articles == 3

    assert _index(index, str(news)) == EXIT_OK
    again = load_runs(index)[0]
    assert (again.deleted, again.articles) == (0, 3)
    assert _titles(index, "squash") == 1


def test_a_generation_that_cannot_find_what_it_was_given_is_never_switched_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The check before the switch searches the new generation: here its answers lose every
    article whose id mentions squash, as a broken index might."""
    corpus = _write_corpus(tmp_path / "corpus")
    index = tmp_path / "index"
    assert _index(index, str(corpus)) == EXIT_OK
    before = (index / "CURRENT").read_text()
    (corpus / "karachi-squash.txt").write_text(
        ARTICLES["karachi-squash.txt"].replace("five games", "four games"), encoding="utf-8"
    )
    answer = WhooshGeneration.query

    def losing_squash(self: WhooshGeneration, query: EngineQuery) -> EngineResults:
        found = answer(self, query)
        return dataclasses.replace(found, hits=[h for h in found.hits if "squash" not in h.article.id])

    monkeypatch.setattr(WhooshGeneration, "query", losing_squash)
    assert _index(index, str(corpus)) != EXIT_OK
    assert "does not find karachi-squash.txt by its headline" in capsys.readouterr().err
    assert (index / "CURRENT").read_text() == before
    monkeypatch.undo()
    assert _index(index, str(corpus)) == EXIT_OK
    assert (index / "CURRENT").read_text() != before


def test_an_empty_folder_gives_an_empty_index_that_searches_and_grows(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    index = tmp_path / "index"
    assert _index(index, str(corpus)) == EXIT_OK
    assert load_runs(index)[0].articles == 0
    assert _titles(index, "squash") == 0
    _write_corpus(corpus)
    assert _index(index, str(corpus)) == EXIT_OK
    assert _titles(index, "squash") == 1


def _grandchildren(pid: int) -> set[int]:
    """Processes two levels below `pid`: the workers a forkserver (its child) started."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    children = {p for p, parent in parents.items() if parent == pid}
    return {p for p, parent in parents.items() if parent in children}


@pytest.mark.parametrize("phase", ["reading", "writing"])
def test_a_killed_worker_fails_the_run_instead_of_hanging_it(tmp_path: Path, phase: str) -> None:
    """Out-of-memory kills take a worker, not the run: the run must say so and stop."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to find the worker processes")
    corpus = _write_corpus(tmp_path / "corpus")
    index = tmp_path / "index"
    assert _index(index, str(corpus)) == EXIT_OK
    live = (index / "CURRENT").read_text()
    for part in range(4):
        _many_articles(corpus / f"part-{part}", 1500)
    run = subprocess.Popen(
        [sys.executable, "-m", "broadsheet", "reindex", "--index", str(index), "--quiet", str(corpus)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    victim = None
    deadline = time.monotonic() + 120
    while victim is None and run.poll() is None and time.monotonic() < deadline:
        # Segment writers keep Whoosh's temporary folder in the new generation; readers do not.
        writing = any((index / "generations").glob("*/*.tmp"))
        workers = _grandchildren(run.pid)
        if workers and writing == (phase == "writing"):
            victim = min(workers)
        time.sleep(0.02)
    assert victim is not None, f"no {phase} worker was seen"
    os.kill(victim, signal.SIGKILL)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 2
    assert "a worker process died" in err
    assert (index / "CURRENT").read_text() == live
    assert _titles(index, "squash") == 1


def test_a_run_with_nothing_to_do_writes_nothing_and_reports_as_a_full_check_would(tmp_path: Path) -> None:
    """When no input file under the run's folders changed, appeared or vanished, and neither
    the rules nor the keeper's files did, a run loads and writes nothing: the live generation
    stays, and the run reports the counts a full comparison gives. Any such change is a
    real run again."""
    from indexer.manifest import INPUTS_SUFFIX, MANIFEST_DIR
    from indexer.stories import STORIES_APART_FILE

    corpus = _write_corpus(tmp_path / "corpus")
    shutil.copy(corpus / "lahore-budget.txt", corpus / "lahore-budget-copy.txt")
    (corpus / "noise.txt").write_bytes(os.urandom(4096))
    index = tmp_path / "index"
    assert _index(index, str(corpus)) == EXIT_OK
    built = load_runs(index)[0]

    assert _index(index, str(corpus)) == EXIT_OK
    idle = load_runs(index)[0]
    assert idle.generation == built.generation and list(idle.phases) == ["find changes"]
    assert _index(index, str(corpus / "kabul-trade.txt")) == EXIT_OK  # one file of the folder
    assert load_runs(index)[0].generation == built.generation
    assert _index(index, "--strict", str(corpus)) == EXIT_SKIPPED  # the skipped file is still reported

    for record in (index / MANIFEST_DIR).glob(f"*{INPUTS_SUFFIX}"):
        record.unlink()  # no record of the inputs: the run compares everything, as before
    assert _index(index, str(corpus)) == EXIT_OK
    checked = load_runs(index)[0]
    assert checked.generation != built.generation
    counts = ("added", "updated", "deleted", "unchanged", "duplicates", "skipped", "articles")
    assert [getattr(idle, c) for c in counts] == [getattr(checked, c) for c in counts]
    assert (idle.unchanged, idle.duplicates, len(idle.skipped), idle.articles) == (3, 1, 1, 3)

    assert _index(index, str(corpus)) == EXIT_OK
    assert load_runs(index)[0].generation == checked.generation
    (index / STORIES_APART_FILE).write_text("# nothing kept apart yet\n", encoding="utf-8")
    assert _index(index, str(corpus)) == EXIT_OK
    assert load_runs(index)[0].generation != checked.generation  # the keeper's file changed
    (corpus / "kabul-trade.txt").unlink()
    assert _index(index, str(corpus)) == EXIT_OK
    gone = load_runs(index)[0]
    assert (gone.deleted, gone.articles) == (1, 2) and _titles(index, "Torkham") == 0
