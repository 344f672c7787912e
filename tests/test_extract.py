"""The whole extractor: what the pipeline calls, in worker processes, with the keeper's aliases."""

from __future__ import annotations

import pickle
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from indexer.extract import EXTRACTOR_VERSION, extract, load_aliases, topics, version_for
from indexer.extract.aliases import Aliases

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bench_extract import place_name, reuters

from search.models import Article

BODY = (
    "ISLAMABAD: Prime Minister Shehbaz Sharif met US Secretary of State Marco Rubio on Monday.\n\n"
    "Mr Rubio said Washington valued its ties with Pakistan. Gen Asim Munir also attended."
)


def sample() -> Article:
    return Article(id="a1", title="PM meets Rubio", body=BODY, dateline="ISLAMABAD")


def test_extract_fills_every_facet_and_the_version() -> None:
    result = extract(sample())
    assert result.people == ("Shehbaz Sharif", "Marco Rubio", "Asim Munir")
    assert result.countries == ("Pakistan", "United States")
    assert result.topics == topics.classify(sample())
    assert result.extractor_version == version_for(load_aliases())
    assert result.extractor_version.startswith(EXTRACTOR_VERSION + "+")
    assert (result.id, result.body) == (sample().id, sample().body)


def test_extract_is_pure_and_works_in_worker_processes() -> None:
    articles = [sample()] * 3
    with ProcessPoolExecutor(max_workers=1) as pool:
        remote = list(pool.map(extract, articles))
    assert remote == [extract(a) for a in articles]
    assert pickle.loads(pickle.dumps(remote[0])) == remote[0]


def test_an_alias_file_in_the_index_folder_overrides_the_default(tmp_path: Path) -> None:
    path = tmp_path / "aliases.txt"
    path.write_text(
        "# keeper's file\nShehbaz Sharif => Muhammad Shehbaz Sharif\ndrop: Marco Rubio\n", encoding="utf-8"
    )
    aliases = load_aliases(path)
    result = extract(sample(), aliases)
    assert result.people == ("Muhammad Shehbaz Sharif", "Asim Munir")
    assert result.extractor_version != extract(sample()).extractor_version


def test_a_missing_alias_file_means_the_shipped_default(tmp_path: Path) -> None:
    assert load_aliases(tmp_path / "absent.txt") == load_aliases()


def test_alias_lines_chain_ignore_case_and_reject_nonsense() -> None:
    aliases = Aliases.parse("a  b => C D\nc d => E F   # comment\ndrop: junk\n")
    assert aliases.apply(["A B", "e f", "Junk", "Other"]) == ("E F", "Other")
    with pytest.raises(ValueError, match="line 1"):
        Aliases.parse("Just a name\n")


@pytest.mark.slow
@pytest.mark.shared
def test_reuters_places_and_people_recall(shared_dir: Path) -> None:
    from indexer.extract.countries import find_countries
    from indexer.extract.names import name_key
    from indexer.extract.people import find_people

    places = [0, 0]
    people = [0, 0]
    for article, place_codes, people_codes in reuters(shared_dir / "corpora"):
        found = set(find_countries(article))
        places[0] += sum(place_name(code) in found for code in place_codes)
        places[1] += len(place_codes)
        keys = [set(name_key(n)) for n in find_people(article)] if people_codes else []
        people[0] += sum(
            any(set(name_key(code.replace("-", " "))) <= key for key in keys) for code in people_codes
        )
        people[1] += len(people_codes)
    assert places[0] / places[1] >= 0.90
    assert people[0] / people[1] >= 0.85
