"""The cluster's rescore window (`search.sphinx.rescoring`) without a cluster: the field
lengths a generation keeps are the embedded index's, and every frequency a plan asks for
has a MATCH expression that counts it. The window's scores against the embedded engine's,
through a real cluster, are in the contract suite (`test_engine_contract.py`)."""

from __future__ import annotations

import datetime as dt

import pytest
from testdata import ranking_articles

from search.models import Article
from search.parser import parse
from search.sphinx.documents import COLUMNS, to_row
from search.sphinx.rescoring import Candidates, FieldLengths, frequency_match, stored_length
from search.whoosh.plan import Plan
from search.whoosh.schema import analyse, to_document

DAY = dt.date(2024, 3, 9)
ARTICLES = [
    Article("a", "Budget passes", "First paragraph of the budget story.\n\nSecond one, on taxes.\n\nThird."),
    Article("b", "Zürich talks — 会談", "Talks in Zürich ended.\n\n会談は終わった。", date=DAY),
    Article("c", "One", "x"),
    *ranking_articles()[:5],
]


def test_field_lengths_are_the_embedded_index_s() -> None:
    """Summed from a generation's rows, the lengths BM25F normalises by equal those the
    embedded index stores (a byte's worth each), pairs counted within paragraphs."""
    kept = FieldLengths()
    title, body = COLUMNS.index("title"), COLUMNS.index("body")
    for article in ARTICLES:
        row = to_row(article)
        kept.add(str(row[title]), str(row[body]))
    analysed = [analyse(to_document(a)) for a in ARTICLES]
    for field in ("title", "body", "pairs"):
        want = sum(stored_length(len({**doc.terms, **doc.pairs}[field])) for doc in analysed) / len(ARTICLES)
        assert kept.averages()[field] == pytest.approx(want), field


def test_every_frequency_a_plan_asks_for_can_be_counted() -> None:
    """A trial run lists the keys; each becomes a MATCH expression (a term in the headline
    or anywhere, a pair as a two-word phrase, a soft child as its own expression)."""
    for query in ("budget talks zurich taxes", '"budget story"', "title:budget", "zurich OR budg*"):
        candidates = Candidates(ARTICLES, live_count=1, avg_length={"title": 3, "body": 9, "pairs": 8})
        node = parse(query).node
        assert node is not None
        Plan(candidates, lambda _: None).run(node)
        assert candidates.asked, query
        for key in candidates.asked:
            assert frequency_match(key), (query, key)
    assert frequency_match(("term", ("title",), "budget")) == "(@title budget)"
    assert frequency_match(("term", ("title", "body"), "budget")) == "(@(title,body,lead) budget)"
    assert frequency_match(("pair", "budget", "stori")) == '(@(title,body,lead) "budget stori")'


def test_the_archive_s_counts_replace_the_window_s() -> None:
    """With the archive's counts the same word scores lower where it is common: the
    window's own counts (every candidate holds it) would say the opposite."""
    node = parse("budget").node
    assert node is not None
    scores = []
    for held in (1, 50_000):
        candidates = Candidates(ARTICLES, live_count=60_000, avg_length={"title": 3, "body": 9, "pairs": 8})
        candidates.frequencies = {("term", ("title", "body"), "budget"): held}
        found = Plan(candidates, lambda _: None).run(node)
        assert found is not None and found.score is not None
        scores.append(float(found.score[0]))
        assert candidates.asked == []
    assert scores[0] > scores[1] > 0
