"""The archive-wide merge through a real run: spellings join, `broadsheet names` shows why,
and the alias file's keep-apart line undoes it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from broadsheet.cli import EXIT_OK, main
from indexer.names_merge import KNOWN_PERSON
from search.engines import open_engine

ARTICLES = {
    "senate-1.txt": (
        "ISLAMABAD: Senate Chairman Yousaf Raza Gilani met Prime Minister Shehbaz Sharif on Monday to "
        "discuss the budget session, officials said.\n\n"
        "The session is expected to run for two weeks, with members from every province taking part in "
        "the debate on spending, taxes and the deficit, and the opposition promising a long fight.\n\n"
        "Published in The Frontier Ledger, June 12th, 2024\n"
    ),
    "senate-2.txt": (
        "ISLAMABAD: Yousaf Raza Gilani said on Tuesday that the upper house would sit until Friday, "
        "after Shehbaz Sharif asked for the finance bill to pass quickly.\n\n"
        "The session is expected to run for two weeks, with members from every province taking part in "
        "the debate on spending, taxes and the deficit, and the opposition promising a long fight.\n\n"
        "Published in The Frontier Ledger, June 13th, 2024\n"
    ),
    "senate-3.txt": (
        "MULTAN: Senate Chairman Yousuf Raza Gilani told reporters that Shehbaz Sharif had his "
        "support on the budget. Former chairman Rabbani said the house should sit longer.\n\n"
        "The session is expected to run for two weeks, with members from every province taking part in "
        "the debate on spending, taxes and the deficit, and the opposition promising a long fight.\n\n"
        "Published in The Frontier Ledger, June 14th, 2024\n"
    ),
}


def _people(index: Path) -> dict[str, int]:
    engine = open_engine(index, None)
    try:
        return {value.value: value.count for value in engine.facet_values("person", "", limit=100)}
    finally:
        engine.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _reindex(index: Path, corpus: Path) -> None:
    assert main(["reindex", "--index", str(index), "--quiet", "--workers", "1", str(corpus)]) == EXIT_OK


def test_two_spellings_become_one_value_and_names_shows_the_evidence(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index = tmp_path / "index"
    _reindex(index, corpus)
    assert _people(index) == {"Yousaf Raza Gilani": 3, "Shehbaz Sharif": 3}
    capsys.readouterr()
    assert main(["names", "--index", str(index)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Yousaf Raza Gilani (2) <= Yousuf Raza Gilani (1)" in out
    assert "spelling: same surname Gilani" in out
    assert "1 co-mentioned in common (Shehbaz Sharif)" in out
    assert "Rabbani: a single word the archive never ties to one person's full name" in out
    assert main(["names", "--index", str(index), "--json"]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert [(m["variant"], m["canonical"], m["rule"]) for m in listed["merges"]] == [
        ("Yousuf Raza Gilani", "Yousaf Raza Gilani", "spelling")
    ]


def test_keep_apart_in_the_alias_file_undoes_the_merge(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index = tmp_path / "index"
    index.mkdir()
    (index / "aliases.txt").write_text(
        "keep apart: Yousuf Raza Gilani | Yousaf Raza Gilani\n", encoding="utf-8"
    )
    _reindex(index, corpus)
    assert _people(index) == {"Yousaf Raza Gilani": 2, "Yousuf Raza Gilani": 1, "Shehbaz Sharif": 3}
    capsys.readouterr()
    assert main(["names", "--index", str(index)]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("0 names merged")
    assert "kept apart by the alias file: Yousuf Raza Gilani | Yousaf Raza Gilani" in out


def test_names_before_any_run_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["names", "--index", str(tmp_path / "none")]) == EXIT_OK
    assert capsys.readouterr().out.startswith("no name merges recorded in")


def _pair(a: str, b: str, same: bool, split: str) -> str:
    return json.dumps({"a": a, "b": b, "same": same, "hard": not same, "split": split, "note": ""})


def test_evaluate_scores_labelled_name_pairs_with_the_archive_as_evidence(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index = tmp_path / "index"
    _reindex(index, corpus)
    pairs = tmp_path / "pairs.jsonl"
    lines = [
        _pair("Yousaf Raza Gilani", "Yousuf Raza Gilani", True, "test"),
        _pair("Shehbaz Sharif", "Nawaz Sharif", False, "test"),
        _pair("Muhammad Ali", "Mohammad Ali", False, "tune"),
        _pair("Pervez Musharraf", "Parvez Musharraf", True, "tune"),
        _pair("Hassan Nawaz", "Hussain Nawaz", True, "tune"),  # labelled wrong on purpose: a miss
    ]
    pairs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    capsys.readouterr()
    command = ["evaluate", "--shared", str(tmp_path), "--name-pairs", str(pairs), "--index", str(index)]
    assert main(command) == EXIT_OK
    rows = {
        line.split()[2]: line.split()[3:6]
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("name pairs  ")
    }
    assert rows == {"pairs:test": ["1.000", "1.000", "1.000"], "pairs:tune": ["1.000", "0.500", "0.667"]}

    pairs.write_text(_pair("A", "B", True, "test") + "\n{not json\n", encoding="utf-8")
    assert main(command) == 2
    assert "line 2 is not a name pair" in capsys.readouterr().err


def test_pair_evidence_is_read_from_the_articles_not_the_merged_values(tmp_path: Path, corpus: Path) -> None:
    """The index stores "Yousaf Raza Gilani" for all three articles; the pairs are judged on
    what the articles wrote, as an indexing run judges them, so the other spelling keeps its
    own count and company."""
    from indexer.evaluation.name_pairs import archive_evidence

    index = tmp_path / "index"
    _reindex(index, corpus)
    assert "Yousuf Raza Gilani" not in _people(index)
    engine = open_engine(index, None)
    try:
        evidence = archive_evidence(engine)
    finally:
        engine.close()
    assert evidence["Yousaf Raza Gilani"].count == 2
    assert evidence["Yousuf Raza Gilani"].count == 1
    assert evidence["Yousuf Raza Gilani"].co_mentions["Shehbaz Sharif"] == 1


def test_evaluate_reads_an_index_named_without_name_pairs(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--index` alone opens the archive for the organisations as stored; without it (or
    `--name-pairs`) evaluate opens no index."""
    import indexer.evaluation

    index = tmp_path / "index"
    _reindex(index, corpus)
    seen: list[object] = []

    def fake_evaluate(shared: Path, **options: object) -> indexer.evaluation.Report:
        seen.append(options["archive"])
        return indexer.evaluation.Report()

    monkeypatch.setattr(indexer.evaluation, "evaluate", fake_evaluate)
    assert main(["evaluate", "--shared", str(tmp_path), "--index", str(index)]) == EXIT_OK
    assert main(["evaluate", "--shared", str(tmp_path)]) == EXIT_OK
    assert seen[0] is not None and seen[1] is None


#: Five unrelated reports that call Yoweri Museveni Uganda's leader.
MUSEVENI = (
    "Ugandan leader Yoweri Museveni inspected a new river port on the White Nile.",
    "Rice prices rose again, and Ugandan leader Yoweri Museveni ordered farms to plant more.",
    "A football team from Kampala lost in Nairobi; Ugandan leader Yoweri Museveni did not attend.",
    "Floods destroyed bridges in the north, and Ugandan leader Yoweri Museveni visited the camps.",
    "Ugandan leader Yoweri Museveni received a delegation of Kenyan engineers at the airport.",
)


PROSE = (
    "Officials said more would follow in the coming weeks, and that the ministries had prepared "
    "plans for the season ahead, with reports due before the end of the month."
)


def _known_person_corpus(folder: Path, cued: int) -> Path:
    """`cued` articles calling Yoweri Museveni Uganda's leader, and one naming him bare."""
    folder.mkdir()
    for day, text in enumerate(MUSEVENI[:cued], start=1):
        (folder / f"kiir-{day}.txt").write_text(
            f"Report {day} from Uganda\n\nKAMPALA: {text} {PROSE}\n\n"
            f"Published in The Frontier Ledger, June {day + 1}th, 2024\n",
            encoding="utf-8",
        )
    (folder / "talks.txt").write_text(
        "Talks on hold\n\nWASHINGTON: Officials doubt the president would speak to Yoweri Museveni, "
        f"and his aides were quiet about any talks. {PROSE}\n\n"
        "Published in The Frontier Ledger, July 20th, 2024\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(("cued", "bare_counts"), [(KNOWN_PERSON, True), (KNOWN_PERSON - 1, False)])
def test_a_bare_full_name_is_a_person_where_the_archive_names_that_person_often_enough(
    tmp_path: Path, cued: int, bare_counts: bool
) -> None:
    index = tmp_path / "index"
    _reindex(index, _known_person_corpus(tmp_path / "corpus", cued))
    assert _people(index) == {"Yoweri Museveni": cued + bare_counts}


def _lone_name_corpus(folder: Path) -> Path:
    """Three cabinet reports naming Shehbaz Sharif in full, one naming "PM Shehbaz" beside the
    same ministers, and a crime report naming a "Shehbaz" beside no one the archive knows."""
    folder.mkdir()
    for day in (1, 2, 3):
        (folder / f"cabinet-{day}.txt").write_text(
            f"Cabinet meets\n\nISLAMABAD: Prime Minister Shehbaz Sharif met Finance Minister Ishaq Dar "
            f"and Defence Minister Khawaja Asif on day {day}, officials said. {PROSE}\n\n"
            f"Published in The Frontier Ledger, June {day + 1}th, 2024\n",
            encoding="utf-8",
        )
    (folder / "talks.txt").write_text(
        "Talks to go ahead\n\nISLAMABAD: PM Shehbaz said on Tuesday that Defence Minister Khawaja Asif "
        f"and Finance Minister Ishaq Dar would lead the talks. {PROSE}\n\n"
        "Published in The Frontier Ledger, June 9th, 2024\n",
        encoding="utf-8",
    )
    (folder / "shop.txt").write_text(
        "Shopkeeper shot dead\n\nKARACHI: Shehbaz, 40, was shot dead near his shop on Monday, police "
        f"said. His brother Farhan Ali Khan said he had no enemies. {PROSE}\n\n"
        "Published in The Frontier Ledger, June 10th, 2024\n",
        encoding="utf-8",
    )
    return folder


def test_a_lone_given_name_is_the_person_whose_company_its_article_names(tmp_path: Path) -> None:
    index = tmp_path / "index"
    _reindex(index, _lone_name_corpus(tmp_path / "corpus"))
    people = _people(index)
    assert people["Shehbaz Sharif"] == 4
    assert "Shehbaz" not in people
    engine = open_engine(index, None)
    try:
        stored = [engine.get(article_id) for article_id in engine.fingerprints()]
    finally:
        engine.close()
    (shop,) = [article for article in stored if article and "his shop" in article.body]
    assert shop.people == ("Farhan Ali Khan",)
