"""The one known-item evaluation: splits per query, MRR@10 and recall@10, one row per part turned off."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from search import ranking
from search.models import Article
from search.whoosh.engine import WhooshEngine

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "known_item_mrr.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("known_item_mrr", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["known_item_mrr"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("index")
    engine = WhooshEngine(folder)
    generation = engine.begin(fresh=True)
    generation.write(
        [
            Article("a", "Flood waters rise in Sindh", "Rain and flood in Sindh.", url="https://x.test/a"),
            Article("b", "Budget debate", "The flood of amendments to the budget.", url="https://x.test/b"),
            Article("c", "Cricket final", "Pakistan won the final by five wickets.", url="https://x.test/c"),
        ]
    )
    generation.commit()
    engine.switch(generation)
    engine.close()
    return folder


def test_every_split_is_scored_and_each_part_gets_a_row(
    index: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    queries = tmp_path / "q.jsonl"
    rows = [
        {"id": "1", "url": "https://x.test/a", "query": "sindh flood", "split": "tune"},
        {"id": "2", "url": "http://www.x.test/c/", "query": "cricket final", "split": "heldout"},
        {"id": "3", "url": "https://x.test/b", "query": "no such words", "split": "heldout"},
    ]
    queries.write_text("".join(json.dumps(r) + "\n" for r in rows))
    _script().main(
        ["--index", str(index), "--queries", str(queries), "--without", "lead,lead+proximity", "--misses"]
    )
    out = capsys.readouterr().out
    assert "tune (1)" in out and "heldout (2)" in out and "blind" not in out
    full = next(line for line in out.splitlines() if line.startswith("all parts"))
    assert full.split()[2:] == ["1.000", "1.000", "0.500", "0.500"]
    assert any(line.startswith("without lead ") for line in out.splitlines())
    assert any(line.startswith("without lead+proximity") for line in out.splitlines())
    assert "3 [heldout] 'no such words': not in top 10" in out
    assert ranking.enabled("lead")  # switched back on afterwards


def test_an_unknown_split_or_part_is_refused(index: Path, tmp_path: Path) -> None:
    queries = tmp_path / "q.jsonl"
    queries.write_text(json.dumps({"id": "1", "url": "u", "query": "q", "split": "test"}) + "\n")
    with pytest.raises(ValueError, match="split 'test'"):
        _script().load(queries)
    with pytest.raises(SystemExit):
        _script().main(["--index", str(index), "--without", "lead+nosuchpart"])
    with pytest.raises(ValueError, match="unknown ranking part"), ranking.without("nosuchpart"):
        pass


def test_the_judged_pairs_are_tuning_queries_judged_as_documented() -> None:
    """benchmarks/known_items/README.md, "How far a reader gets": a reader shown a reader or dev
    query with its target and the engine's first result (or, where the target came first, the
    second) picked the target; the blind set was never shown."""
    here = SCRIPT.parent / "known_items"
    judged = [json.loads(line) for line in (here / "judged_pairs.jsonl").read_text().splitlines()]
    queries = {
        json.loads(line)["id"]: json.loads(line)
        for name in ("reader.jsonl", "dev.jsonl")
        for line in (here / name).read_text().splitlines()
    }
    assert len(judged) == len({j["id"] for j in judged}) == 207
    assert all(j["id"] in queries and j["query"] == queries[j["id"]]["query"] for j in judged)
    assert all(j["judged"] in ("target", "other", "either") for j in judged)
    reader_misses = [j for j in judged if j["split"] == "reader" and j["rank"] != 1]
    verdicts = [j["judged"] for j in reader_misses]
    assert (len(reader_misses), verdicts.count("target"), verdicts.count("either")) == (72, 41, 19)
