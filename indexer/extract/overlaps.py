"""One reading of a span both the people and the organisations extractors claim.

Each extractor reads an article on its own, so a span can come out of both: a body's name run
on into the person after it ("Board of Investment Dr Erfa Iqbal", where the text names the
board's secretary after its name), or a person's name that is only ever part of a body's
("Hove Albion" of "Brighton & Hove Albion", "France-KLM" of "Air France-KLM"). The person the
people extractor found ends the body's name; a name written only inside a body's is the body's.
"""

from __future__ import annotations

from .organisations import JOINERS, canonical, is_organisation

#: Words between a body's name and the person after it: "Board of Revenue Dr X", "Museum for Mr X".
_BETWEEN = frozenset({"Dr", "Dr.", "Mr", "Mr.", "Mrs", "Ms", "Sheikh", "Syed", "of", "for", "the"})


def settle(
    text: str, people: tuple[str, ...], organisations: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`people` and `organisations` of `text` with each overlap read once: bodies' names cut
    before a person who ends them, then people named nowhere but inside a body's name left out."""
    bodies = tuple(dict.fromkeys(_without_person(name, people) for name in organisations))
    kept = tuple(person for person in people if not _only_inside(person, bodies, text))
    return kept, bodies


def _without_person(body: str, people: tuple[str, ...]) -> str:
    """`body` without the person of `people` that ends it, when what is left names a body."""
    for person in people:
        if " " in person and body.endswith(" " + person):
            words = body[: -len(person)].split()
            while words and words[-1] in _BETWEEN:
                words.pop()
            rest = " ".join(words)
            if words and words[-1] not in JOINERS and is_organisation(rest):
                return canonical(rest)
    return body


def _only_inside(person: str, bodies: tuple[str, ...], text: str) -> bool:
    """Is every mention of `person` in `text` part of one of the bodies' names written there?"""
    holding = [body for body in bodies if person in body and body != person and f"{person} and " not in body]
    if not holding:
        return False  # most people: no body's name holds theirs, so nothing to look for
    covered = [(start, start + len(body)) for body in holding for start in _found(body, text)]
    spots = [
        start
        for start in _found(person, text)
        if not _word_character(text, start - 1) and not _word_character(text, start + len(person))
    ]
    return bool(spots) and all(any(start <= spot < end for start, end in covered) for spot in spots)


def _found(words: str, text: str) -> list[int]:
    """Where `words` start in `text`."""
    starts: list[int] = []
    start = text.find(words)
    while start >= 0:
        starts.append(start)
        start = text.find(words, start + 1)
    return starts


def _word_character(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")
