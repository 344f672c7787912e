"""The evaluation: metrics on hand-made cases, the gold file's shape, and a real run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from indexer.evaluation import evaluate, format_report, pick_sets
from indexer.evaluation.gold import (
    BLIND3,
    BLIND4,
    BLIND5,
    BLIND6,
    BLIND7,
    BLIND8,
    BLIND9,
    BLIND10,
    BLIND11,
    BLIND12,
    BLIND13,
    BLIND14,
    BLIND15,
    BLIND16,
    BLIND17,
    BLIND18,
    BLIND19,
    BLIND20,
    BLIND21,
    BLIND22,
    BLIND23,
    BLIND24,
    BLIND25,
    BLIND26,
    BLIND27,
    BLIND28,
    DEFAULT_PATHS,
    GOLD,
    HELDOUT,
    OWN_ROWS,
    TUNING,
    TUNING4,
    TUNING5,
    TUNING6,
    TUNING7,
    GoldArticle,
    find_articles,
    load_gold,
)
from indexer.evaluation.metrics import Accuracy, Counts, GoldName, fold, match, top1
from indexer.evaluation.on_bbc import half_of
from indexer.evaluation.on_gold import (
    _add_stored_people,
    _match_organisations,
    _spelled_as,
    evaluate_gold,
    mistakes,
)
from indexer.evaluation.on_reuters import Person, load_people, load_places
from indexer.evaluation.report import Report, Row
from indexer.evaluation.selection import assign_splits, pick, pick_heldout
from indexer.extract.topics import LABELS
from search.models import Article


@pytest.fixture(scope="module")
def cases(test_data: Path) -> dict:
    return json.loads((test_data / "evaluation" / "matching.json").read_text(encoding="utf-8"))


def _gold(entries: list[dict]) -> list[GoldName]:
    return [GoldName(e["name"], tuple(e["aliases"])) for e in entries]


def test_match_counts_each_hand_made_case(cases: dict) -> None:
    for case in cases["cases"]:
        assert match(case["predicted"], _gold(case["gold"])) == Counts(case["tp"], case["fp"], case["fn"]), (
            case
        )


def test_micro_precision_recall_f1(cases: dict) -> None:
    total = sum((match(c["predicted"], _gold(c["gold"])) for c in cases["cases"]), Counts())
    expected = cases["micro"]
    assert (total.tp, total.fp, total.fn) == (expected["tp"], expected["fp"], expected["fn"])
    assert total.precision == pytest.approx(expected["precision"])
    assert total.recall == pytest.approx(expected["recall"])
    assert total.f1 == pytest.approx(expected["f1"])


def test_empty_counts_have_no_score() -> None:
    assert Counts().precision is None and Counts().f1 is None
    assert Counts(fn=3).recall == 0.0 and Counts(fn=3).f1 is None


def test_fold_ignores_case_accents_quotes_and_dots() -> None:
    assert fold("Côte d’Ivoire") == fold("COTE D'IVOIRE") == "cote d'ivoire"
    assert fold("U.S. Navy") == fold("U S Navy") == fold("US Navy") == "us navy"
    assert fold("J.D. Vance") == fold("JD Vance") != fold("J Vance")
    assert fold("Party for a Better Tomorrow") == "party for a better tomorrow"


def test_top1_compares_first_labels_only() -> None:
    assert top1(("sport", "health"), ("sport",)) == Accuracy(1, 1)
    assert top1(("health", "sport"), ("sport",)) == Accuracy(0, 1)
    assert top1((), ("sport",)) == Accuracy(0, 1)


def test_gold_file_is_well_formed() -> None:
    gold = load_gold(GOLD)
    assert len(gold) >= 60
    assert {g.source for g in gold} == {"Dawn", "APP"}
    test_share = sum(g.split == "test" for g in gold) / len(gold)
    assert 0.35 <= test_share <= 0.45
    assert assign_splits([g.url for g in gold]) == {g.url: g.split for g in gold}
    assert all(set(g.topics) <= set(LABELS) for g in gold)
    assert sum(len(g.people) for g in gold) > 100


def test_tuning_articles_only_add_to_dev() -> None:
    gold, tuning = load_gold(GOLD), load_gold(TUNING)
    assert len(tuning) >= 25 and all(g.split == "dev" for g in tuning)
    assert not {g.url for g in gold} & {g.url for g in tuning}
    both = load_gold(GOLD, TUNING)
    assert [g.url for g in both] == [g.url for g in gold + tuning]
    assert [g.url for g in both if g.split == "test"] == [g.url for g in gold if g.split == "test"]


def test_second_held_aside_set_only_adds_to_test() -> None:
    gold, tuning, heldout = load_gold(GOLD), load_gold(TUNING), load_gold(HELDOUT)
    assert len(heldout) == 36 and all(g.split == "test" for g in heldout)
    assert not {g.url for g in heldout} & {g.url for g in gold + tuning}
    everything = load_gold()
    drawn = (
        BLIND3,
        TUNING4,
        BLIND4,
        TUNING5,
        TUNING6,
        TUNING7,
        BLIND5,
        BLIND6,
        BLIND7,
        BLIND8,
        BLIND9,
        BLIND10,
        BLIND11,
        BLIND12,
        BLIND13,
        BLIND14,
        BLIND15,
        BLIND16,
        BLIND17,
        BLIND18,
        BLIND19,
        BLIND20,
        BLIND21,
        BLIND22,
        BLIND23,
        BLIND24,
        BLIND25,
        BLIND26,
        BLIND27,
        BLIND28,
    )
    later = [g for path in drawn for g in load_gold(path)]
    assert [g.url for g in everything] == [g.url for g in gold + tuning + heldout + later]
    dev = [g for g in gold + tuning + later if g.split == "dev"]
    assert [g for g in everything if g.split == "dev"] == dev
    assert {g.source for g in heldout} == {"Dawn", "APP"}


def test_third_held_aside_set_is_test_only_from_four_corpora_with_organisations() -> None:
    blind3 = load_gold(BLIND3)
    assert len(blind3) == 44 and all(g.split == "test" and g.locator for g in blind3)
    assert {g.source for g in blind3} == {"Dawn", "APP", "NewsArticles", "PakistaniHTML"}
    assert all(g.organisations is not None for g in blind3)
    assert not {g.url for g in blind3} & {g.url for g in load_gold(GOLD, TUNING, HELDOUT)}


def test_the_fourth_held_aside_set_is_test_only_and_apart_from_every_other() -> None:
    blind4 = load_gold(BLIND4)
    assert len(blind4) == 43 and all(g.split == "test" and g.locator for g in blind4)
    assert {g.source for g in blind4} == {"Dawn", "APP", "NewsArticles", "PakistaniHTML"}
    assert all(g.organisations is not None for g in blind4)
    assert not {g.url for g in blind4} & {g.url for g in load_gold(GOLD, TUNING, HELDOUT, BLIND3, TUNING4)}


def test_the_fifth_held_aside_set_is_test_only_and_apart_from_every_other() -> None:
    blind5 = load_gold(BLIND5)
    assert len(blind5) == 40 and all(g.split == "test" and g.locator for g in blind5)
    assert {g.source for g in blind5} == {"Dawn", "APP", "NewsArticles", "PakistaniHTML"}
    earlier = load_gold(GOLD, TUNING, HELDOUT, BLIND3, TUNING4, BLIND4, TUNING5)
    assert not {g.url for g in blind5} & {g.url for g in earlier}


@pytest.mark.parametrize("path", OWN_ROWS[OWN_ROWS.index(BLIND6) :], ids=lambda path: path.stem)
def test_a_later_held_aside_set_is_test_only_and_apart_from_every_set_before_it(path: Path) -> None:
    """blind6 onwards: 40 articles from three corpora, organisations labelled, none in a set
    drawn or written before it."""
    drawn = load_gold(path)
    assert len(drawn) == 40 and all(g.split == "test" and g.locator for g in drawn)
    assert {g.source for g in drawn} == {"Dawn", "APP", "NewsArticles"}
    assert all(g.organisations is not None for g in drawn)
    before = DEFAULT_PATHS[: DEFAULT_PATHS.index(path)]
    assert not {g.url for g in drawn} & {g.url for g in load_gold(*before)}


def test_the_tuning4_set_is_dev_only_from_four_corpora_with_organisations() -> None:
    tuning4 = load_gold(TUNING4)
    assert len(tuning4) == 32 and all(g.split == "dev" and g.locator for g in tuning4)
    assert {g.source for g in tuning4} == {"Dawn", "APP", "NewsArticles", "PakistaniHTML"}
    assert all(g.organisations is not None for g in tuning4)
    assert not {g.url for g in tuning4} & {g.url for g in load_gold(GOLD, TUNING, HELDOUT, BLIND3)}


@pytest.mark.shared
@pytest.mark.parametrize(
    "path",
    OWN_ROWS,
    ids=lambda path: path.stem,
)
def test_the_readers_find_every_drawn_article_by_its_locator(shared_dir: Path, path: Path) -> None:
    drawn = load_gold(path)
    articles = find_articles(drawn, shared_dir)
    assert set(articles) == {g.url for g in drawn}
    assert all(articles[g.url].url == g.url for g in drawn if g.source != "PakistaniHTML")
    footers = [g for g in drawn if g.date_source == "footer" and g.source != "NewsArticles"]
    assert footers and all(articles[g.url].date == g.date for g in footers)


@pytest.mark.shared
@pytest.mark.parametrize("draw", [path.stem for path in OWN_ROWS])
def test_a_draw_run_again_gives_the_articles_its_set_labels(shared_dir: Path, draw: str) -> None:
    """Re-running a committed draw must give its set's articles, not skip them as labelled."""
    picked = [c.url for c in pick_sets.pick(shared_dir, pick_sets.DRAWS[draw])]
    assert picked == [g.url for g in load_gold(GOLD.with_name(f"{draw}.jsonl"))]


@pytest.mark.parametrize(
    ("source", "wrong", "message"),
    [
        (HELDOUT, "dev", r"heldout\.jsonl:1: held-aside articles are test only"),
        (TUNING, "test", r"tuning\.jsonl:1: tuning articles are dev only"),
        (BLIND3, "dev", r"blind3\.jsonl:1: held-aside articles are test only"),
        (TUNING4, "test", r"tuning4\.jsonl:1: tuning articles are dev only"),
        (BLIND4, "dev", r"blind4\.jsonl:1: held-aside articles are test only"),
        (TUNING5, "test", r"tuning5\.jsonl:1: tuning articles are dev only"),
        (TUNING6, "test", r"tuning6\.jsonl:1: tuning articles are dev only"),
        (TUNING7, "test", r"tuning7\.jsonl:1: tuning articles are dev only"),
        (BLIND5, "dev", r"blind5\.jsonl:1: held-aside articles are test only"),
        (BLIND6, "dev", r"blind6\.jsonl:1: held-aside articles are test only"),
        (BLIND7, "dev", r"blind7\.jsonl:1: held-aside articles are test only"),
        (BLIND8, "dev", r"blind8\.jsonl:1: held-aside articles are test only"),
        (BLIND9, "dev", r"blind9\.jsonl:1: held-aside articles are test only"),
        (BLIND10, "dev", r"blind10\.jsonl:1: held-aside articles are test only"),
        (BLIND11, "dev", r"blind11\.jsonl:1: held-aside articles are test only"),
    ],
)
def test_a_line_on_the_wrong_side_of_the_split_is_refused(
    tmp_path: Path, source: Path, wrong: str, message: str
) -> None:
    row = json.loads(source.read_text(encoding="utf-8").splitlines()[0]) | {"split": wrong}
    path = tmp_path / source.name
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_gold(path)


def test_gold_file_holds_labels_not_article_text() -> None:
    required = {"url", "source", "split", "date", "date_source", "topics", "people", "countries"}
    lines = [
        line for path in (GOLD, TUNING, HELDOUT) for line in path.read_text(encoding="utf-8").splitlines()
    ]
    for line in lines:
        row = json.loads(line)
        assert required <= set(row) <= required | {"organisations"}
        assert row["url"].startswith(("https://www.dawn.com/", "https://www.app.com.pk/"))
    for line in BLIND3.read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) == required | {"organisations", "locator"}


def test_malformed_gold_names_its_line(test_data: Path) -> None:
    with pytest.raises(ValueError, match=r"bad_gold\.jsonl:2: .*topics"):
        load_gold(test_data / "evaluation" / "bad_gold.jsonl")


def test_reuters_people_match_by_full_name_or_surname() -> None:
    people = load_people()
    assert people["james-baker"].matches("James Baker")
    assert not people["james-baker"].matches("Howard Baker")
    assert people["volcker"].matches("Paul Volcker") and people["volcker"].matches("Volcker")
    assert not Person("Ronald Reagan", "Reagan").matches("Reaganomics")


def test_reuters_places_map_codes_to_countries_and_drop_territories() -> None:
    places = load_places()
    assert places["west-germany"].name == "Germany"
    assert places["usa"].name == "United States" and "U.S." in places["usa"].aliases
    assert "hong-kong" not in places and "yugoslavia" not in places


def test_mapping_files_cover_every_reuters_code(shared_dir: Path) -> None:
    corpus = shared_dir / "corpora" / "reuters21578"
    people_codes = set((corpus / "all-people-strings.lc.txt").read_text().split())
    place_codes = set((corpus / "all-places-strings.lc.txt").read_text().split())
    assert set(load_people()) == people_codes
    assert set(load_places()) <= place_codes and len(load_places()) >= 150


def test_bbc_halves_are_fixed_and_balanced() -> None:
    halves = [half_of(f"sport/{n:03d}.txt") for n in range(1, 401)]
    assert halves == [half_of(f"sport/{n:03d}.txt") for n in range(1, 401)]
    assert 160 <= halves.count("report") <= 240


def test_format_report_prints_a_row_per_figure() -> None:
    report = Report(
        rows=[
            Row("people", "gold:test", 24, counts=Counts(9, 1, 3)),
            Row("date", "gold:test", 24, accuracy=Accuracy(23, 24)),
            Row("countries", "reuters PLACES", 10, counts=Counts(9, 5, 1), recall_only=True),
        ],
        notes=["bbc: not found"],
    )
    text = format_report(report).splitlines()
    assert text[0].split() == ["facet", "source", "precision", "recall", "F1", "accuracy", "n"]
    assert text[2].split() == ["people", "gold:test", "0.900", "0.750", "0.818", "-", "24"]
    assert text[3].split() == ["date", "gold:test", "-", "-", "-", "0.958", "24"]
    assert text[4].split() == ["countries", "reuters", "PLACES", "-", "0.900", "-", "-", "10"]
    assert text[-1] == "note: bbc: not found"


@pytest.mark.shared
def test_selection_reproduces_the_gold_articles(shared_dir: Path) -> None:
    assert [record["link"] for record in pick(shared_dir)] == [g.url for g in load_gold(GOLD)]


@pytest.mark.shared
def test_selection_reproduces_the_held_aside_articles(shared_dir: Path) -> None:
    picked = pick_heldout(shared_dir, {g.url for g in load_gold(GOLD, TUNING)})
    assert [record["link"] for record in picked] == [g.url for g in load_gold(HELDOUT)]


@pytest.mark.shared
def test_every_gold_article_is_in_the_corpora(shared_dir: Path) -> None:
    gold = load_gold()
    articles = find_articles(gold, shared_dir)
    assert set(articles) == {g.url for g in gold}
    footers = [g for g in gold if g.date_source == "footer"]
    assert all(articles[g.url].date == g.date for g in footers)


@pytest.mark.slow
@pytest.mark.shared
def test_evaluate_runs_end_to_end(shared_dir: Path) -> None:
    report = evaluate(shared_dir, split="all")
    dev = len([g for g in load_gold(GOLD, TUNING) if g.split == "dev"])
    sizes = {
        "gold:dev": dev,
        "gold:tuning4": 32,
        "gold:tuning5": 32,
        "gold:tuning6": 32,
        "gold:tuning7": 32,
        "gold:blind4": 43,
        "gold:test-all": 60,
    }
    for source, n in sizes.items():
        assert report.row("date", source).n == n
    assert report.row("topics (top-1)", "gold:dev").accuracy.value > 0.5
    assert report.row("topics (top-1)", "gold:test").accuracy.value > 0.5
    bbc = report.row("topics (top-1)", "bbc:report")
    assert bbc.n > 1000 and bbc.accuracy.value >= 0.85
    assert "gold:test" in format_report(report)
    assert any(note.startswith("speed on 1000 Dawn articles") for note in report.notes)


@pytest.mark.shared
def test_mistakes_list_dev_errors_only(shared_dir: Path) -> None:
    dev = {g.url: g for g in load_gold() if g.split == "dev"}
    found = mistakes(shared_dir, "topics")
    assert found and all(url in dev for url, _, _ in found)
    for url, missed, extra in found:
        assert missed or extra
        assert set(missed) <= set(dev[url].topics) and not set(extra) & set(dev[url].topics)


@pytest.mark.shared
def test_gold_test_is_reported_as_three_rows_per_facet(shared_dir: Path) -> None:
    report = Report()
    evaluate_gold(shared_dir, ("test",), report)
    sizes = {"gold:test": 24, "gold:test2": 36, "gold:test-all": 60}
    facets = ("people", "countries", "topics (top-1)", "topics (set)", "date")
    blind3 = ("people", "countries", "organisations", *facets[2:])
    assert [(r.facet, r.source, r.n) for r in report.rows] == [
        *((facet, "gold:blind3", 44) for facet in blind3),
        *((facet, "gold:blind4", 43) for facet in blind3),
        *((facet, "gold:blind5", 40) for facet in blind3),
        *((facet, "gold:blind6", 40) for facet in blind3),
        *((facet, "gold:blind7", 40) for facet in blind3),
        *((facet, "gold:blind8", 40) for facet in blind3),
        *((facet, "gold:blind9", 40) for facet in blind3),
        *((facet, "gold:blind10", 40) for facet in blind3),
        *((facet, "gold:blind11", 40) for facet in blind3),
        *((facet, "gold:blind12", 40) for facet in blind3),
        *((facet, "gold:blind13", 40) for facet in blind3),
        *((facet, "gold:blind14", 40) for facet in blind3),
        *((facet, "gold:blind15", 40) for facet in blind3),
        *((facet, "gold:blind16", 40) for facet in blind3),
        *((facet, "gold:blind17", 40) for facet in blind3),
        *((facet, "gold:blind18", 40) for facet in blind3),
        *((facet, "gold:blind19", 40) for facet in blind3),
        *((facet, "gold:blind20", 40) for facet in blind3),
        *((facet, "gold:blind21", 40) for facet in blind3),
        *((facet, "gold:blind22", 40) for facet in blind3),
        *((facet, "gold:blind23", 40) for facet in blind3),
        *((facet, "gold:blind24", 40) for facet in blind3),
        *((facet, "gold:blind25", 40) for facet in blind3),
        *((facet, "gold:blind26", 40) for facet in blind3),
        *((facet, "gold:blind27", 40) for facet in blind3),
        *((facet, "gold:blind28", 40) for facet in blind3),
        *((facet, source, n) for source, n in sizes.items() for facet in facets),
    ]


def test_evaluate_rejects_an_unknown_split(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="split"):
        evaluate(tmp_path, split="train")


def test_evaluate_without_corpora_says_what_it_skipped(tmp_path: Path) -> None:
    report = evaluate(tmp_path)
    assert report.rows == []
    assert any(note.startswith("gold:") for note in report.notes)
    assert any(note.startswith("bbc:") for note in report.notes)


def test_stored_people_accept_the_archives_form_of_the_same_name_only() -> None:
    """The facet shows each person under the archive's most written form: the stored row accepts
    another spelling, words between the first and last added or left out, and a leading name
    prefix, but never another first or last word."""
    gold = [GoldName("Mohammad Asif"), GoldName("Jamal Mandokhail"), GoldName("Hanif Abbasi")]
    gold += [GoldName("Nawaz Sharif"), GoldName("Salva Kiir")]
    stored = ("Muhammad Asif", "Jamal Khan Mandokhail", "Muhammad Hanif Abbasi")
    stored += ("Maryam Nawaz Sharif", "Salva Kiir Mayardit")
    assert match(stored, _spelled_as(gold, stored)) == Counts(tp=3, fp=2, fn=2)
    assert match(stored, gold) == Counts(tp=0, fp=5, fn=5)


def test_stored_people_accept_two_words_written_as_one() -> None:
    """The merge joins names whose neighbouring words one article writes as one ("Shahrukh
    Khan", "Aminuddin Khan"): the same letters, so the stored row accepts them both ways, but
    not another name that only shares its start."""
    gold = [GoldName("Shah Rukh Khan"), GoldName("Amin ud Din Khan"), GoldName("Anne Marie O'Brien")]
    stored = ("Shahrukh Khan", "Aminuddin Khan", "Annmarie O'Brien", "Shahrukh Jatoi")
    assert match(stored, _spelled_as(gold, stored)) == Counts(tp=3, fp=1, fn=0)


def test_the_stored_people_row_scores_what_the_index_holds() -> None:
    def labelled(url: str, person: str) -> GoldArticle:
        day = dt.date(2025, 1, 1)
        return GoldArticle(url, "Dawn", "test", day, "record", (), (GoldName(person),), ())

    article = labelled("https://example.com/a", "Hanif Abbasi")
    missing = labelled("https://example.com/b", "Nawaz Sharif")
    read = {url: Article(id=url, title="", body="", url=url) for url in (article.url, missing.url)}
    index = {article.url: Article(id=article.url, title="", body="", people=("Muhammad Hanif Abbasi",))}
    report = Report()
    _add_stored_people(report, "gold:x", [article, missing], read, index.get)
    assert [(row.facet, row.n, row.counts) for row in report.rows] == [
        ("people (stored)", 1, Counts(tp=1, fp=0, fn=0))
    ]
    assert report.notes == ["people (stored): 1 of gold:x's articles not in the index"]


def test_an_organisation_matches_its_acronym_either_way() -> None:
    labelled = [GoldName("AFP"), GoldName("UN High Commissioner for Refugees"), GoldName("Dawn")]
    found = ("Agence France-Presse", "UNHCR", "BBC")
    assert _match_organisations(found, labelled) == Counts(tp=2, fp=1, fn=1)
