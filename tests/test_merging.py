"""The archive-wide merge: spellings with evidence, contractions, surnames, and keep-apart."""

from __future__ import annotations

from collections import Counter

from indexer.extract.aliases import Aliases
from indexer.extract.contexts import name_contexts
from indexer.extract.merging import NameEvidence, merge_decisions


def seen(count: int, *others: str, years: tuple[int, int] = (2025, 2025)) -> NameEvidence:
    return NameEvidence(count, Counter(dict.fromkeys(others, 1)), *years)


def test_a_distinctive_name_under_another_spelling_joins_the_most_frequent_spelling() -> None:
    decisions = merge_decisions(
        {
            "Yousaf Raza Gilani": seen(169, "Shehbaz Sharif"),
            "Yousuf Raza Gilani": seen(112, "Asif Ali Zardari"),
        }
    )
    assert decisions.mapping == {"Yousuf Raza Gilani": "Yousaf Raza Gilani"}
    (merge,) = decisions.merges
    assert (merge.rule, merge.variant_count, merge.canonical_count) == ("spelling", 112, 169)
    assert "surname Gilani" in merge.evidence


def test_two_words_written_as_one_are_one_spelling() -> None:
    decisions = merge_decisions({"Miangul Hassan Aurangzeb": seen(40), "Mian Gul Hassan Aurangzeb": seen(12)})
    assert decisions.mapping == {"Mian Gul Hassan Aurangzeb": "Miangul Hassan Aurangzeb"}
    reverse = merge_decisions({"Miangul Hassan Aurangzeb": seen(4), "Mian Gul Hassan Aurangzeb": seen(12)})
    assert reverse.mapping == {"Miangul Hassan Aurangzeb": "Mian Gul Hassan Aurangzeb"}


def test_a_generic_name_joins_its_spellings_only_on_shared_co_mentions() -> None:
    boxer = seen(130, "Joe Frazier", "George Foreman", "Sonny Liston")
    official = seen(20, "Murad Ali Shah", "Sharjeel Inam Memon")
    assert merge_decisions({"Muhammad Ali": boxer, "Mohammad Ali": official}).mapping == {}
    same = seen(9, "Joe Frazier", "George Foreman")
    assert merge_decisions({"Muhammad Ali": boxer, "Mohammad Ali": same}).mapping == {
        "Mohammad Ali": "Muhammad Ali"
    }


def titled(count: int, titles: dict[str, int], *others: str) -> NameEvidence:
    return NameEvidence(count, Counter(dict.fromkeys(others, 1)), 2025, 2025, titles=Counter(titles))


def test_a_generic_name_joins_its_spellings_on_the_titles_both_are_given() -> None:
    """Spellings of a name many people share whose articles name different people: the
    titles the archive gives both ("Religious Affairs Minister") join them, other titles
    ("opener", "Deputy Commissioner") keep them apart, and titles seen in one article weigh less."""
    minister = {"religious": 9, "affairs": 9, "minister": 7}
    evidence = {
        "Muhammad Yousaf": titled(107, minister, "Shehbaz Sharif"),
        "Muhammad Yousuf": titled(19, {"religious": 4, "affairs": 4, "minister": 3}, "Ishaq Dar"),
        "Muhammad Naeem": titled(40, {"opener": 12, "batter": 5}, "Babar Azam"),
        "Mohammad Naeem": titled(23, {"deputy": 6, "commissioner": 6}, "Maryam Nawaz"),
        # other names, which make "minister" a common title and "religious" a rare one
        **{
            f"{given} {surname}": titled(3, {"minister": 2})
            for given in ("Bilal", "Kamran", "Tariq", "Nasir", "Fahad", "Imran")
            for surname in ("Baig", "Lodhi", "Chishti", "Qureshi", "Warraich")
        },
    }
    decisions = merge_decisions(evidence)
    assert decisions.mapping == {"Muhammad Yousuf": "Muhammad Yousaf"}
    (merge,) = decisions.merges
    assert "titled alike (affairs, religious, minister)" in merge.evidence
    once = {**evidence, "Muhammad Yousuf": titled(19, {"religious": 1, "affairs": 1}, "Ishaq Dar")}
    assert merge_decisions(once).mapping == {}  # alike titles, but two words of one article


def test_a_near_spelling_joins_only_on_the_company_both_names_keep() -> None:
    cabinet = ("Sarfraz Bugti", "Mir Jan Jamali", "Ali Hasan Zehri")
    assert merge_decisions(
        {"Younis Aziz Zehri": seen(16, *cabinet), "Younas Aziz Zehri": seen(9, *cabinet[:2])}
    ).mapping == {"Younas Aziz Zehri": "Younis Aziz Zehri"}
    (merge,) = merge_decisions(
        {"Younis Aziz Zehri": seen(16, *cabinet), "Younas Aziz Zehri": seen(9, *cabinet[:2])}
    ).merges
    assert merge.rule == "spelling" and "near spelling" in merge.evidence
    cricket = seen(15, "Babar Azam", "Shaheen Afridi")
    assert merge_decisions({"Imad Wasim": cricket, "Umaid Wasim": seen(6, *cabinet)}).mapping == {}


def test_similar_names_of_different_people_stay_apart() -> None:
    decisions = merge_decisions(
        {
            "Asif Ali Zardari": seen(1000),
            "Asif Ali": seen(30),
            "Hassan Nawaz": seen(20),
            "Hussain Nawaz": seen(25),
            "Nawaz Sharif": seen(300),
            "Shehbaz Sharif": seen(300),
        }
    )
    assert decisions.mapping == {}


def test_a_spelling_and_a_contraction_chain_to_one_name() -> None:
    decisions = merge_decisions(
        {"Yousaf Raza Gilani": seen(169), "Yousuf Raza Gilani": seen(112), "Yousuf Gilani": seen(9)}
    )
    assert decisions.mapping == {
        "Yousuf Raza Gilani": "Yousaf Raza Gilani",
        "Yousuf Gilani": "Yousaf Raza Gilani",
    }
    assert {m.rule for m in decisions.merges} == {"spelling", "contraction"}


def test_keep_apart_undoes_a_merge() -> None:
    evidence = {"Qamar Javed Bajwa": seen(10), "Qamar Bajwa": seen(4), "Qamar Javed": seen(3)}
    assert merge_decisions(evidence).mapping["Qamar Bajwa"] == "Qamar Javed Bajwa"
    decisions = merge_decisions(evidence, keep_apart=[("qamar bajwa", "Qamar  Javed Bajwa")])
    assert "Qamar Bajwa" not in decisions.mapping
    assert decisions.kept_apart == [("Qamar Bajwa", "Qamar Javed Bajwa")]
    assert all(m.variant != "Qamar Bajwa" for m in decisions.merges)


def test_keep_apart_of_two_variants_keeps_both_under_their_own_names() -> None:
    evidence = {"Zelensky": seen(100), "Zelenskyy": seen(10), "Zelenskiy": seen(5)}
    assert merge_decisions(evidence).mapping == {"Zelenskyy": "Zelensky", "Zelenskiy": "Zelensky"}
    decisions = merge_decisions(evidence, keep_apart=[("Zelenskyy", "Zelenskiy")])
    assert decisions.mapping == {}


def test_the_alias_file_reads_keep_apart_lines() -> None:
    aliases = Aliases.parse("keep apart: Asif Ali | Asif Ali Zardari\nAsif Zardari => Asif Ali Zardari\n")
    assert aliases.keep_apart == (("Asif Ali", "Asif Ali Zardari"),)
    assert aliases.canonical("Asif Zardari") == "Asif Ali Zardari"


def test_contexts_count_uses_as_place_thing_and_person() -> None:
    body = (
        "Strikes hit Khan Younis on Monday. Families fled the Khan Younis area, and in Khan Younis "
        "nothing stood. The Hubble Space telescope watched. Mr Ghulam Ali said he was fine, and "
        "Ghulam Ali, 70, sang. A deal in Imran Khan's time."
    )
    assert name_contexts(body, "Khan Younis")[:3] == (2, 0, 0)  # "hit Khan Younis" is neither
    assert name_contexts(body, "Hubble Space")[:3] == (0, 1, 0)
    assert name_contexts(body, "Ghulam Ali")[:3] == (0, 0, 2)
    assert name_contexts(body, "Imran Khan")[:3] == (0, 0, 0)  # "in Imran Khan's time": a person's
    assert name_contexts("Sahibzada Farhan scored", "Farhan")[:3] == (0, 0, 0)  # inside a longer name


def test_contexts_keep_the_words_written_before_a_name_in_its_clause() -> None:
    body = (
        "The meeting was chaired by Federal Minister for Religious Affairs Muhammad Yousaf on Monday. "
        "In Lahore, Ali Raza spoke. Later, Muhammad Yousaf said the Hajj flights would start."
    )
    assert name_contexts(body, "Muhammad Yousaf").titles == {"minister", "religious", "affairs"}
    assert name_contexts(body, "Ali Raza").titles == set()  # the comma ends the clause
    # The reach opens inside "counter-terrorism": its tail "rrorism" is no title.
    cut = "Officers of the counter-terrorism department's superintendent Ali Raza said"
    assert name_contexts(cut, "Ali Raza").titles == {"department", "superintendent"}


def test_names_the_archive_uses_as_places_or_things_are_dropped() -> None:
    decisions = merge_decisions(
        {
            "Khan Yunis": NameEvidence(56, place=31),
            "Babar Azam": NameEvidence(141, place=3),  # a few "in Babar Azam ..." among many articles
            "James Webb Space": NameEvidence(5, thing=4),
            "Ghulam Ali": NameEvidence(16, person=3, place=1),
            "Landi Kotal": NameEvidence(17, place=13, person=7),  # a settlement, more often a place
            "Mian Channu": NameEvidence(8),  # a settlement never shown acting as a person
            "Reko Diq": NameEvidence(54, place=6),  # a mine: a place in few articles, a person in none
        }
    )
    assert set(decisions.dropped) == {
        "Khan Yunis",
        "James Webb Space",
        "Landi Kotal",
        "Mian Channu",
        "Reko Diq",
    }
    assert decisions.dropped["James Webb Space"].startswith("a thing")
    assert decisions.dropped["Mian Channu"].startswith("a settlement in the gazetteer")


def test_a_single_word_stays_only_as_a_known_mononym_or_a_full_names_surname() -> None:
    decisions = merge_decisions(
        {
            "Slam": seen(128),
            "Muhammad": seen(119),
            "Rouhani": seen(10),
            "Hassan Rouhani": seen(50),
            "Putin": seen(40),
            "Sharif": seen(30),
            "Nawaz Sharif": seen(300),
            "Shehbaz Sharif": seen(300),
        }
    )
    assert set(decisions.dropped) == {"Slam", "Muhammad", "Sharif"}
    assert decisions.mapping == {"Rouhani": "Hassan Rouhani"}


def test_a_full_name_opening_with_al_is_kept_where_the_archive_titles_it_as_a_person() -> None:
    evidence: dict[str, NameEvidence] = {}
    for name, body in (
        ("Al Franken", "Democratic Senator Al Franken said the plan failed."),
        ("Al Gore", "Former vice president Al Gore said."),
        ("Al Udeid", "US troops at Al Udeid air base were hit."),
    ):
        evidence.setdefault(name, NameEvidence()).add((), 2017, name_contexts(body, name))
    decisions = merge_decisions(evidence)
    assert set(decisions.dropped) == {"Al Udeid"}


def _company(count: int, *others: str) -> NameEvidence:
    return NameEvidence(count, Counter({other: 3 for other in others}))


def test_a_shorter_form_joins_a_fuller_one_when_both_keep_the_same_rare_company() -> None:
    rare = ("Hina Pervaiz Butt", "Uzma Bokhari", "Salman Rafique")
    common = {name: seen(2) for name in rare} | {f"Person {n}": seen(2) for n in range(9)}
    evidence = {
        "Maryam Nawaz": _company(424, *rare),
        "Maryam Nawaz Sharif": _company(96, *rare[:2]),
        "George Bush": _company(19, "Person 1", "Person 2"),
        "George W. Bush": _company(20, "Person 3", "Person 4"),
        "Mohsin Naqvi": _company(744, "Person 5", "Person 6"),
        "Mohsin Raza Naqvi": _company(45, "Person 5", "Person 6"),
        **common,
    }
    mapping = merge_decisions(evidence).mapping
    # "Nawaz" is a given name: counts alone would not join them; the form written most names both
    assert mapping["Maryam Nawaz Sharif"] == "Maryam Nawaz"
    assert "George Bush" not in mapping and "George W. Bush" not in mapping  # father and son
    assert mapping["Mohsin Raza Naqvi"] == "Mohsin Naqvi"  # the fuller form is too rare to be canonical


def test_a_name_opening_with_muhammad_needs_close_company_to_join_a_fuller_name() -> None:
    colleagues = (
        "Tariq Cheema",
        "Rana Sanaullah",
        "Murad Saeed",
        "Fawad Hassan",
        "Jam Kamal",
        "Zain Qureshi",
    )
    loosely = {
        "Muhammad Ali": _company(98, *colleagues[:4]),
        "Muhammad Ali Jinnah": _company(153, colleagues[0], *colleagues[4:]),
    } | {name: seen(2) for name in colleagues}
    assert merge_decisions(loosely).mapping == {}
    closely = loosely | {"Muhammad Ali": _company(98, colleagues[0], *colleagues[4:])}
    assert merge_decisions(closely).mapping == {"Muhammad Ali": "Muhammad Ali Jinnah"}


def test_a_monarchs_first_name_alone_joins_the_regnal_name() -> None:
    decisions = merge_decisions({"Charles III": seen(30), "Charles": seen(25), "Abdullah II": seen(12)})
    assert decisions.mapping == {"Charles": "Charles III"}
    assert "Abdullah II" not in decisions.mapping


def test_a_name_written_without_its_leading_muhammad_joins_the_fuller_name() -> None:
    decisions = merge_decisions({"Aurangzeb Khichi": seen(12), "Muhammad Aurangzeb Khichi": seen(6)})
    assert decisions.mapping == {"Muhammad Aurangzeb Khichi": "Aurangzeb Khichi"}
    fuller = merge_decisions({"Aurangzeb Khichi": seen(6), "Muhammad Aurangzeb Khichi": seen(12)})
    assert fuller.mapping == {"Aurangzeb Khichi": "Muhammad Aurangzeb Khichi"}
    shared = merge_decisions({"Asif Khan": seen(12), "Muhammad Asif Khan": seen(6)})
    assert shared.mapping == {}  # "Asif Khan" is many people's name


def _titled(count: int, titles: dict[str, int], *others: str) -> NameEvidence:
    return NameEvidence(count, Counter({other: 3 for other in others}), titles=Counter(titles))


def test_a_fuller_name_with_another_first_word_joins_only_with_the_same_titles() -> None:
    """A daughter's name is often her given name before her father's: "Maryam Nawaz Sharif"
    keeps "Nawaz Sharif"'s company but not his offices; "Recep Tayyip Erdogan" keeps both."""
    party = ("Shehbaz Sharif", "Ishaq Dar", "Rana Sanaullah")
    turkey = ("Hakan Fidan", "Ibrahim Kalin")
    others = {f"Person {n}": _titled(2, {f"title{n}": 1}) for n in range(12)}
    evidence = {
        "Nawaz Sharif": _titled(361, {"former": 40, "prime": 60, "supremo": 20}, *party),
        "Maryam Nawaz Sharif": _titled(104, {"chief": 50, "punjab": 40}, *party),
        "Tayyip Erdogan": _titled(36, {"president": 20, "turkish": 10}, *turkey),
        "Recep Tayyip Erdogan": _titled(267, {"president": 150, "turkish": 80}, *turkey),
        **{name: seen(50) for name in party + turkey},
        **others,
    }
    mapping = merge_decisions(evidence).mapping
    assert "Nawaz Sharif" not in mapping and "Maryam Nawaz Sharif" not in mapping
    assert mapping["Tayyip Erdogan"] == "Recep Tayyip Erdogan"
    # a two-word surname opening with no given name needs no titles ("Le Pen", "Abrego Garcia")
    french = ("Francois Fillon", "Emmanuel Macron")
    surname = {
        "Le Pen": _titled(16, {"far": 3}, *french),
        "Marine Le Pen": _titled(54, {"leader": 20, "candidate": 10}, *french),
        **{name: seen(50) for name in french},
        **others,
    }
    assert merge_decisions(surname).mapping["Le Pen"] == "Marine Le Pen"


def test_a_lone_given_name_joins_a_full_name_only_in_its_company() -> None:
    """One "Rene de la Serre" does not make every "Sara" his; "Rouhani" still joins."""
    decisions = merge_decisions(
        {"Sara": seen(6), "Rene de la Serre": seen(1), "Rouhani": seen(2), "Hassan Rouhani": seen(5)}
    )
    assert decisions.mapping == {"Rouhani": "Hassan Rouhani"}
    assert "Sara" in decisions.dropped


def test_a_lone_word_named_as_often_as_the_full_name_joins_it_only_in_its_company() -> None:
    """ "Naya" once is not "Gissou Nia" once (one key, no company in common); "Rouhani" twice
    beside "Hassan Rouhani" five times still joins."""
    decisions = merge_decisions(
        {"Naya": seen(1), "Gissou Nia": seen(1), "Rouhani": seen(2), "Hassan Rouhani": seen(5)}
    )
    assert decisions.mapping == {"Rouhani": "Hassan Rouhani"}
    assert "Naya" in decisions.dropped


def test_a_lone_word_is_the_full_name_whose_company_the_article_names() -> None:
    """ "PM Shehbaz" beside two of Shehbaz Sharif's usual company is Shehbaz Sharif; beside no
    one the archive knows (a crime report's "Shehbaz, 40"), or beside one, it stays no person."""
    company = ("Ishaq Dar", "Khawaja Asif", "Asim Munir")
    decisions = merge_decisions(
        {
            "Shehbaz": seen(13),
            "Shehbaz Sharif": seen(300, *company),
            "Shehbaz Gill": seen(20, "Imran Khan", "Fawad Chaudhry"),
            **{name: seen(50) for name in company},
        }
    )
    assert "Shehbaz" in decisions.dropped
    assert decisions.people(["Shehbaz", "Ishaq Dar", "Khawaja Asif"]) == [
        "Shehbaz Sharif",
        "Ishaq Dar",
        "Khawaja Asif",
    ]
    assert decisions.people(["Shehbaz", "Ishaq Dar"]) == ["Ishaq Dar"]
    assert decisions.people(["Shehbaz", "Farhan Ali Khan"]) == ["Farhan Ali Khan"]
    assert decisions.people(["Shehbaz", "Shehbaz Sharif"]) == ["Shehbaz Sharif", "Shehbaz Sharif"]


def test_a_lone_word_many_peoples_names_hold_stays_no_person_in_any_company() -> None:
    """No one full name holds a quarter of the names opening or ending with "Muhammad"."""
    many = {f"Muhammad {surname}": seen(10, "Ishaq Dar", "Khawaja Asif") for surname in "ABCDEFGH"}
    decisions = merge_decisions(
        {"Muhammad": seen(119), **many, "Ishaq Dar": seen(50), "Khawaja Asif": seen(50)}
    )
    assert decisions.people(["Muhammad", "Ishaq Dar", "Khawaja Asif"]) == ["Ishaq Dar", "Khawaja Asif"]


def test_two_full_names_in_the_same_company_leave_a_lone_word_unresolved() -> None:
    both = ("Ishaq Dar", "Khawaja Asif")
    decisions = merge_decisions(
        {"Nawaf": seen(5), "Nawaf Salam": seen(20, *both), "Nawaf Malki": seen(18, *both)}
    )
    assert decisions.people(["Nawaf", *both]) == list(both)


def test_a_given_name_shared_by_many_full_names_does_not_join_the_commonest_everywhere() -> None:
    """ "Iqbal" alone is the poet, a victim or a minister: Ahsan Iqbal holds under half the
    names ending in it, so no article's "Iqbal" becomes his unless it names his company; a
    given name one full name holds most of still joins it ("Aurangzeb")."""
    cabinet = ("Shehbaz Sharif", "Ishaq Dar")
    decisions = merge_decisions(
        {
            "Iqbal": seen(60, *cabinet),
            "Ahsan Iqbal": seen(420, *cabinet),
            "Allama Iqbal": seen(200, "Muhammad Ali Jinnah"),
            "Javed Iqbal": seen(150),
            "Zafar Iqbal": seen(150),
            "Aurangzeb": seen(11, *cabinet),
            "Muhammad Aurangzeb": seen(554, *cabinet),
            "Marriyum Aurangzeb": seen(170),
            **{name: seen(300) for name in cabinet},
        }
    )
    assert "Iqbal" not in decisions.mapping
    assert decisions.mapping["Aurangzeb"] == "Muhammad Aurangzeb"
    assert decisions.people(["Iqbal", "Farhan Ali Khan"]) == ["Farhan Ali Khan"]


def test_a_given_name_that_is_also_one_persons_surname_keeps_a_name_mergeable() -> None:
    """ "Musharraf" opens names too ("Musharraf Zaidi"); "Pervez Musharraf" is still one man."""
    from indexer.extract.merging import generic
    from indexer.extract.names import name_key

    assert not generic(name_key("Pervez Musharraf"))
    assert generic(name_key("Ali Raza"))
    merged = merge_decisions(
        {n: NameEvidence(count=c) for n, c in (("Pervez Musharraf", 40), ("Parvez Musharraf", 3))}
    )
    assert merged.mapping == {"Parvez Musharraf": "Pervez Musharraf"}


def test_a_settlement_used_as_often_as_a_place_as_a_persons_name_is_dropped() -> None:
    """A town after "assistant commissioner" or "SHO" reads like a person's name after a title
    as often as the archive says "in Landi Kotal"."""
    decisions = merge_decisions({"Landi Kotal": NameEvidence(14, place=6, person=6)})
    assert decisions.dropped["Landi Kotal"].startswith("a settlement in the gazetteer")


def test_a_rare_given_name_makes_no_name_one_that_many_share() -> None:
    """Aqib is a given name only the whole archive's mining finds; "Aqib Javed" is one man."""
    from indexer.extract.merging import generic
    from indexer.extract.names import common_given_names, given_names, name_key

    assert "Aqib" in given_names() and "Aqib" not in common_given_names()
    assert not generic(name_key("Aqib Javed"))
    counts = (("Aqib Javed", 30), ("Aaqib Javed", 4))
    merged = merge_decisions({name: NameEvidence(count=count) for name, count in counts})
    assert merged.mapping == {"Aaqib Javed": "Aqib Javed"}
