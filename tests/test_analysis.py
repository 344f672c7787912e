"""The shared tokeniser: folding, offsets into the original text, stemming."""

from __future__ import annotations

from search.analysis import STOP_WORDS, fold, stem, terms, tokens


def test_fold_removes_accents_case_and_typographic_punctuation() -> None:
    assert fold("Zürich’s “Élite” — Straße") == 'zurich\'s "elite" - strasse'
    assert fold("Łódź Øresund ﬁnance") == "lodz oresund finance"


def test_tokens_keep_offsets_into_the_original_text() -> None:
    text = "Zürich’s PM, Imran Khan."
    found = tokens(text)
    assert [t.text for t in found] == ["zurich", "pm", "imran", "khan"]
    assert [text[t.start : t.end] for t in found] == ["Zürich’s", "PM", "Imran", "Khan"]


def test_tokens_split_hyphens_and_join_apostrophes() -> None:
    assert [t.text for t in tokens("al-Qaeda O'Brien covid-19 don't")] == [
        "al",
        "qaeda",
        "obrien",
        "covid",
        "19",
        "dont",
    ]
    assert tokens("  ,;- ") == []


def test_stem_conflates_inflections() -> None:
    assert stem("elections") == stem("election") == stem("elected")
    assert stem("pakistan") == "pakistan"


def test_stop_words_keep_country_and_month_words() -> None:
    assert {"the", "of", "and"} <= STOP_WORDS
    assert not {"us", "may", "new", "not"} & STOP_WORDS


def test_terms_are_what_the_body_index_holds() -> None:
    assert terms("The Elections in Pakistan were held") == ["elect", "pakistan", "held"]


def test_soft_hyphens_and_zero_width_characters_do_not_split_words() -> None:
    text = "Haba\u00adra\u00adna res\u00adponsibility zero\u200bwidth"
    assert [t.text for t in tokens(text)] == ["habarana", "responsibility", "zerowidth"]
    assert tokens(text)[0].end == len("Haba\u00adra\u00adna")
    assert fold("Haba\u00adra\u00adna") == "habarana"


def test_tokens_agree_with_folding_each_word_alone() -> None:
    text = "İstanbul’s ÉLAN: Imran Khan's “rally” in Zürich, O’Brien — naïve café 'quoted' ﬁnance"
    assert [t.text for t in tokens(text)] == [
        "istanbul", "elan", "imran", "khan", "rally", "in", "zurich", "obrien", "naive", "cafe", "quoted",
        "finance",
    ]  # fmt: skip
    plain = "Imran Khan’s rally in Zürich"
    assert [(t.text, plain[t.start : t.end]) for t in tokens(plain)] == [
        ("imran", "Imran"), ("khan", "Khan’s"), ("rally", "rally"), ("in", "in"), ("zurich", "Zürich"),
    ]  # fmt: skip


def test_numbers_are_the_words_readers_type() -> None:
    """ "3,000" is found by "3000", "Rs1,400" by "1400 rupees", "29pc" by "29 percent"."""
    text = "Nearly 3,000 dead; Rs1,400 a maund, a 29pc rise to $1.2bn, RS12,500,000 in 2025."
    found = tokens(text)
    assert [t.text for t in found] == [
        "nearly", "3000", "dead", "rs", "1400", "a", "maund", "a", "29", "pc", "rise", "to", "1.2", "bn",
        "rs", "12500000", "in", "2025",
    ]  # fmt: skip
    assert [text[t.start : t.end] for t in found][1:5] == ["3,000", "dead", "Rs", "1,400"]
    assert terms("Nearly 3,000 dead") == terms("nearly 3000 dead") == ["near", "3000", "dead"]
    assert [t.text for t in tokens("Zürich’s 12,500 people")] == ["zurich", "12500", "people"]


def test_only_digit_groups_and_units_are_cut() -> None:
    assert [t.text for t in tokens("G20 1990s 21st f16 rsvp 1,2,3 12,34 1,4000")] == [
        "g20", "1990s", "21st", "f16", "rsvp", "1", "2", "3", "12", "34", "1", "4000",
    ]  # fmt: skip


def test_the_index_cuts_words_as_tokens_does() -> None:
    from search.whoosh.schema import terms as index_terms
    from search.whoosh.schema import words

    for text in ("Rs1,400 and 3,000", "Zürich’s 12,500 O’Brien's 29pc", "no numbers here"):
        assert words(text) == [t.text for t in tokens(text)]
        assert index_terms(text) == terms(text)
