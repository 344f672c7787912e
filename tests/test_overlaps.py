"""A span both the people and the organisations extractors claim is read once, through `extract`."""

from __future__ import annotations

from indexer.extract import extract
from search.models import Article


def named(body: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    article = extract(Article(id="x", title="", body=body))
    return article.people, article.organisations


def test_a_bodys_name_ends_before_the_person_named_after_it() -> None:
    body = "Secretary Board of Investment Dr Erfa Iqbal said the zones were ready."
    people, organisations = named(body)
    assert "Erfa Iqbal" in people
    assert organisations == ("Board of Investment",)
    body = "Managing Director State Oil Company of Azerbaijan Rovshan Najaf met the PM."
    people, organisations = named(body)
    assert "Rovshan Najaf" in people and "State Oil Company of Azerbaijan" in organisations


def test_a_name_written_only_inside_a_bodys_is_no_person() -> None:
    body = "The German Marshall Fund said so. Later the Aga Khan Fund for Economic Development took over."
    people, organisations = named(body)
    assert people == ()
    assert organisations == ("German Marshall Fund", "Aga Khan Fund for Economic Development")


def test_a_person_also_named_outside_the_body_stays() -> None:
    body = "Prince Karim Aga Khan said he was pleased. The Aga Khan Fund for Economic Development took over."
    people, _ = named(body)
    assert people == ("Karim Aga Khan",)
