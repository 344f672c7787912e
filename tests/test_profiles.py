"""Story profiles kept in files (`indexer.profiles`): rows read back as written, whatever
mix of saved, appended and reordered rows a run makes of them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indexer.profiles import Profiles


def _rows(seed: int, count: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [
        rng.integers(0, 2**32, size=int(rng.integers(0, 40)), dtype=np.uint64).astype(np.uint32)
        for _ in range(count)
    ]


def _saved(profiles: Profiles, path: Path) -> int:
    with path.open("wb") as out:
        return profiles.save(out)


def test_rows_come_back_as_written_through_save_load_append_and_select(tmp_path: Path) -> None:
    first = _rows(1, 50)
    profiles = Profiles(tmp_path / "run")
    for row in first:
        profiles.append(row)
    assert [p.tolist() for p in profiles] == [r.tolist() for r in first]
    assert _saved(profiles, tmp_path / "g1") == sum(map(len, first))

    # The next run: the saved rows mapped, new ones appended in two rounds (read in between),
    # then some dropped and the rest reordered, as a run's compaction does.
    loaded = Profiles.load(tmp_path / "g1", profiles.sizes(), tmp_path / "run")
    more, late = _rows(2, 20), _rows(3, 5)
    for row in more:
        loaded.append(row)
    assert loaded[55].tolist() == more[5].tolist()
    for row in late:
        loaded.append(row)
    everything = first + more + late
    order = [74, 3, 0, 60, 49, *range(10, 30), 72, 50]
    kept = loaded.select(order)
    kept.release()
    assert [p.tolist() for p in kept] == [everything[r].tolist() for r in order]
    assert kept.sizes().tolist() == [len(everything[r]) for r in order]

    values = _saved(kept, tmp_path / "g2")
    again = Profiles.load(tmp_path / "g2", kept.sizes())
    assert values == sum(len(everything[r]) for r in order)
    assert [p.tolist() for p in again] == [everything[r].tolist() for r in order]


def test_a_file_of_the_wrong_length_is_refused(tmp_path: Path) -> None:
    profiles = Profiles(tmp_path)
    for row in _rows(4, 3):
        profiles.append(row)
    _saved(profiles, tmp_path / "g1")
    sizes = profiles.sizes()
    sizes[0] += 1
    with pytest.raises(ValueError, match="profile values"):
        Profiles.load(tmp_path / "g1", sizes)


def test_rows_without_values_and_an_empty_store(tmp_path: Path) -> None:
    profiles = Profiles(tmp_path)
    assert _saved(profiles, tmp_path / "empty") == 0
    assert len(Profiles.load(tmp_path / "empty", np.zeros(0, dtype=np.int64))) == 0
    profiles.append(np.zeros(0, dtype=np.uint32))
    profiles.append(np.zeros(0, dtype=np.uint32))
    assert [len(p) for p in profiles] == [0, 0]
    assert _saved(profiles, tmp_path / "g1") == 0
    assert [len(p) for p in Profiles.load(tmp_path / "g1", profiles.sizes())] == [0, 0]


def test_unchanged_rows_are_saved_as_a_second_name_for_their_file(tmp_path: Path) -> None:
    """A run that changed no profile does not copy them: the new generation's file is the
    previous one under another name. Any change writes a file of its own."""
    profiles = Profiles(tmp_path)
    for row in _rows(5, 30):
        profiles.append(row)
    assert profiles.save_as(tmp_path / "g1") == sum(map(len, profiles))
    loaded = Profiles.load(tmp_path / "g1", profiles.sizes(), tmp_path)
    same = loaded.select(range(30))
    assert same.save_as(tmp_path / "g2") == loaded.save_as(tmp_path / "g2b")
    assert (tmp_path / "g2").stat().st_ino == (tmp_path / "g1").stat().st_ino
    assert (tmp_path / "g2").read_bytes() == (tmp_path / "g1").read_bytes()

    fewer = loaded.select(range(1, 30))
    fewer.save_as(tmp_path / "g3")
    assert (tmp_path / "g3").stat().st_ino != (tmp_path / "g1").stat().st_ino
    loaded.append(np.arange(3, dtype=np.uint32))
    loaded.save_as(tmp_path / "g4")
    assert (tmp_path / "g4").stat().st_ino != (tmp_path / "g1").stat().st_ino
    assert Profiles.load(tmp_path / "g4", loaded.sizes())[30].tolist() == [0, 1, 2]
