"""End-to-end indexing speed and memory: a full build, a run with nothing to do, a day's update.

    .venv/bin/python benchmarks/bench_reindex.py [--work /tmp/bench-reindex] [--workers N] [--reuse]
                                                 [PATH ...]
    .venv/bin/python benchmarks/bench_reindex.py --archive DIR [--work ...]   (DIR from make_archive.py)

With no PATH it indexes every shared corpus (../shared/corpora: Dawn, APP, the CSV, Reuters,
BBC and the HTML pages, about 60,000 articles) and the update changes 100 articles of its
own. With `--archive` (made by `benchmarks/make_archive.py`) it indexes that archive and the
update is a day's news: 1,000 new articles in a new file and 100 corrected inside the largest
monthly file (the archive is changed in place, as a newspaper's export would be).

Each step runs the real `broadsheet` command in a fresh process, so the times include
start-up, reading, cleaning, extraction, writing, committing and the switch. While it runs,
the memory of its whole process tree (the command, its readers and segment writers) is
sampled from /proc every `SAMPLE_SECONDS`: the peak of the tree's summed PSS (each shared
page split between the processes sharing it) and RSS, and each process's own peak. It
prints the machine, and for each step the wall time, articles per second, time per phase,
peak memory and the index's size on disk.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path

from corpora import DEFAULT_CORPORA, ROOT, require_corpora
from make_archive import daily_update

from search.runs import load_runs

CHANGED = 100
#: A day's news on an archive: new articles in a new file, corrections in an existing one.
DAILY_NEW = 1000
DAILY_CORRECTED = 100
SAMPLE_SECONDS = 0.2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--archive", type=Path, help="an archive made by benchmarks/make_archive.py")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-reindex"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--reuse", action="store_true", help="keep an index already in --work: skip the full build"
    )
    args = parser.parse_args()
    args.work = args.work.resolve()  # the command runs from the checkout, not from here
    args.work.mkdir(parents=True, exist_ok=True)
    index = args.work / "index"
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    if args.archive:
        require_corpora(args.archive)
        _bench_archive(args.archive.resolve(), index, args)
        return
    require_corpora(*(args.paths or [DEFAULT_CORPORA]))
    paths = args.paths or sorted(p for p in DEFAULT_CORPORA.iterdir() if p.is_dir())
    extra = args.work / "extra"
    extra.mkdir(exist_ok=True)
    changes = extra / "changes.jsonl"
    version = _version(changes)
    if not (args.reuse and index.exists() and version):
        version = 1
        _write_changes(changes, paths, version)
    sources = [*map(str, paths), str(extra)]

    print(f"workers: {args.workers}; inputs: {', '.join(p.name for p in paths)} + {CHANGED} bench articles")
    full = (
        None
        if args.reuse and index.exists()
        else _timed("full reindex", ["reindex", *sources], index, args.workers)
    )
    _timed("nothing to do", ["index", *sources], index, args.workers)
    _write_changes(changes, paths, version + 1)
    _timed(f"{CHANGED} articles changed", ["index", *sources], index, args.workers)
    if full is not None:
        print(f"full build: {full:,.0f} articles/s end to end")


def _bench_archive(archive: Path, index: Path, args: argparse.Namespace) -> None:
    files = sorted(archive.glob("*.jsonl.gz"))
    size = sum(p.stat().st_size for p in files)
    print(f"workers: {args.workers}; archive: {archive} ({len(files)} files, {size / 1e6:,.0f} MB)")
    full = None
    if not (args.reuse and index.exists()):
        full = _timed("full reindex", ["reindex", str(archive)], index, args.workers)
    _timed("nothing to do", ["index", str(archive)], index, args.workers)
    day = 1 + max((int(p.name[6:10]) for p in archive.glob("daily-*.jsonl.gz")), default=0)
    daily_update(archive, DAILY_NEW, DAILY_CORRECTED, day)
    _timed(f"day: {DAILY_NEW} new, {DAILY_CORRECTED} fixed", ["index", str(archive)], index, args.workers)
    if full is not None:
        print(f"full build: {full:,.0f} articles/s end to end")


def _timed(label: str, command: list[str], index: Path, workers: int) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "broadsheet",
            *command,
            "--index",
            str(index),
            "--quiet",
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    memory = TreeMemory(process.pid)
    memory.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    memory.stop()
    if process.returncode:
        sys.exit(f"{label} failed ({process.returncode}): {err.strip()}")
    summary = out.strip().splitlines()[-1]
    articles = int(summary.rsplit(";", 1)[1].split()[0])
    print(f"{label:>24}: {seconds:8.1f} s  | {summary}")
    phases = load_runs(index)[0].phases
    print(f"{'':>24}  where: " + ", ".join(f"{name} {s:.1f} s" for name, s in phases.items()))
    print(f"{'':>24}  memory: {memory.describe()}")
    print(f"{'':>24}  on disk: {_index_sizes(index)}")
    return articles / seconds


class TreeMemory:
    """Samples the memory of a process and all its descendants until stopped."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peak_pss = self.peak_rss = 0
        #: The peak of the summed anonymous PSS: the heap, not pages of files the processes map
        #: (story profiles, index files), which the kernel can drop and read again.
        self.peak_anon = 0
        #: Seconds from the start to the sample with the highest summed PSS, and to the one
        #: with the highest anonymous PSS (set the phase's times beside them).
        self.peak_at = self.anon_peak_at = 0.0
        self._started = time.perf_counter()
        #: pid -> (its command, its peak PSS, its peak RSS), in kB.
        self.per_process: dict[int, tuple[str, int, int]] = {}
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._done.is_set():
            pss_sum = rss_sum = anon_sum = 0
            for pid in _tree(self.root):
                pss, rss, anon = _memory_kb(pid)
                pss_sum += pss
                rss_sum += rss
                anon_sum += anon
                name, top_pss, top_rss = self.per_process.get(pid) or (_role(pid, self.root), 0, 0)
                self.per_process[pid] = (name, max(top_pss, pss), max(top_rss, rss))
            now = time.perf_counter() - self._started
            if pss_sum > self.peak_pss:
                self.peak_pss, self.peak_at = pss_sum, now
            if anon_sum > self.peak_anon:
                self.peak_anon, self.anon_peak_at = anon_sum, now
            self.peak_rss = max(self.peak_rss, rss_sum)
            self._done.wait(SAMPLE_SECONDS)

    def describe(self) -> str:
        ranked = sorted(self.per_process.values(), key=lambda p: -p[1])
        each = ", ".join(f"{name} {pss / 1024:,.0f}" for name, pss, _ in ranked[:6])
        return (
            f"peak of all {len(ranked)} processes together {self.peak_pss / 1024:,.0f} MB PSS "
            f"at {self.peak_at:.0f} s ({self.peak_rss / 1024:,.0f} MB RSS); anonymous (not pages "
            f"of mapped files) {self.peak_anon / 1024:,.0f} MB at {self.anon_peak_at:.0f} s; "
            f"each one's peak PSS in MB: {each}"
        )


def _tree(root: int) -> list[int]:
    """`root` and every process descended from it, as /proc shows them now."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as stat:
                    fields = stat.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, ()))
    return found


def _memory_kb(pid: int) -> tuple[int, int, int]:
    """(PSS, RSS, anonymous PSS) of one process in kB, zeros when it has gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            values = dict(line.split(":", 1) for line in rollup if ":" in line and " kB" in line)
        anon = int(values.get("Pss_Anon", values["Pss"]).split()[0])
        return int(values["Pss"].split()[0]), int(values["Rss"].split()[0]), anon
    except (OSError, KeyError, ValueError):
        return 0, 0, 0


def _role(pid: int, root: int) -> str:
    """A short name for a process: the command itself, the forkserver or a worker."""
    if pid == root:
        return "command"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmd:
            line = cmd.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return f"pid {pid}"
    return "forkserver" if "forkserver" in line and "main(" in line else f"worker {pid}"


def _index_sizes(index: Path) -> str:
    live = (index / "CURRENT").read_text(encoding="utf-8").strip()
    generation = index / "generations" / live
    return (
        f"live generation {_du(generation) / 1e6:,.0f} MB; "
        f"index folder {_du(index) / 1e6:,.0f} MB (with the generation kept for rollback)"
    )


def _du(folder: Path) -> int:
    """Bytes on disk under `folder`, a hard-linked file counted once."""
    seen: set[int] = set()
    total = 0
    for path in folder.rglob("*"):
        st = path.lstat()
        if path.is_file() and st.st_ino not in seen:
            seen.add(st.st_ino)
            total += st.st_blocks * 512
    return total


def _version(path: Path) -> int:
    """The revision the bench articles are at, 0 when there are none yet."""
    if not path.exists():
        return 0
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    return int(first["content"].split(".", 1)[0].rsplit(" ", 1)[1])


def _write_changes(path: Path, paths: list[Path], version: int) -> None:
    """`CHANGED` articles of our own (new URLs), whose text differs between versions."""
    dawn = next((p for p in paths if p.name.startswith("dawn")), None)
    records = []
    if dawn:
        files = sorted(dawn.glob("*.jsonl.gz"))
        with gzip.open(files[0], "rt", encoding="utf-8") as lines:
            records = [json.loads(line) for line in itertools.islice(lines, CHANGED)]
    with path.open("w", encoding="utf-8") as out:
        for n in range(CHANGED):
            body = records[n]["content"] if n < len(records) else "ISLAMABAD: A benchmark article. " * 40
            out.write(
                json.dumps(
                    {
                        "title": f"Benchmark article {n}",
                        # First, so a print footer in the borrowed body cannot cut it off.
                        "content": f"Benchmark revision {version}. {body}",
                        "link": f"https://bench.invalid/article/{n}",
                        "date_published": "2024-01-01T09:00:00+05:00",
                    }
                )
                + "\n"
            )


if __name__ == "__main__":
    main()
