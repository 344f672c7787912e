"""The engine-neutral query tree as a SphinxQL `MATCH()` expression.

Words go through the same analysis as the index (`search.sphinx.documents`), so a term
is always `[a-z0-9]+` or hex-spelled; `escape` still guards every keyword, since the
expression is built from what people type. Field scopes are always parenthesised: in
Sphinx's extended syntax `@title a b` would scope every later word too.

Where Sphinx 2.2 cannot follow the Whoosh engine: `word~` (fuzzy) matches the word
itself. A prefix in another script works because such a word is indexed hex-spelled,
whole characters at a time: the hex of a prefix is a prefix of the hex of the word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import pairwise

from search.analysis import fold
from search.query import TEXT, And, DateRange, Maybe, Node, Not, Or, Phrase, Soft, Term, Weighted
from search.sphinx.documents import EVERYTHING, cover, keyword
from search.whoosh.plan import SPELLING_WEIGHT
from search.whoosh.schema import WORD_FIELDS, terms, words

#: Query-language field -> the Sphinx fields searched for its words. The lead repeats the
#: headline and the body's first words, so adding it finds nothing more; it lets ranking
#: see which query words the lead holds (`search.sphinx.engine.RANKING`).
TEXT_SCOPE = "@(title,body,lead)"
TITLE_SCOPE = "@title"
_SPECIAL = re.compile(r"([\\()|\-!@~\"&/^$=<*])")


def escape(word: str) -> str:
    """A keyword with every character of Sphinx's query syntax backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", word)


def to_match(node: Node | None) -> str | None:
    """The MATCH expression, or None when nothing in the tree is searchable."""
    if node is None:
        return None
    return _node(node)


def with_spellings(node: Node | None, spellings: Mapping[str, tuple[str, ...]]) -> Node | None:
    """The tree where each plain word that is a name word with other spellings in the
    archive (`search.transliteration.other_spellings`) is or'ed with them, so that MATCH
    finds the articles that spell it another way; the embedded engine's plan scores them
    (`search.sphinx.rescoring`)."""
    return node if node is None or not spellings else _spelled(node, spellings)


def _spelled(node: Node, spellings: Mapping[str, tuple[str, ...]]) -> Node:
    if isinstance(node, Term):
        plain = node.field == TEXT and not (node.prefix or node.fuzzy)
        others = spellings.get(fold(node.text), ()) if plain else ()
        return Or((node, *(Weighted(Term(other), SPELLING_WEIGHT) for other in others))) if others else node
    if isinstance(node, And | Or):
        return type(node)(tuple(_spelled(child, spellings) for child in node.children))
    if isinstance(node, Soft):
        return Soft(tuple(_spelled(child, spellings) for child in node.children), node.quorum)
    if isinstance(node, Maybe):
        return Maybe(_spelled(node.child, spellings))
    return node


def either(first: str | None, second: str | None) -> str | None:
    """Articles matching either expression."""
    if first is None or second is None:
        return first or second
    return f"({first}) | ({second})"


def _node(node: Node) -> str | None:
    if isinstance(node, Term):
        return _term(node)
    if isinstance(node, Phrase):
        return _phrase(node)
    if isinstance(node, DateRange):
        return f"(@dates {' | '.join(cover(node.start, node.end))})"
    if isinstance(node, Not):
        inner = _node(node.child)
        return None if inner is None else f"(@present {EVERYTHING} -({inner}))"
    if isinstance(node, And):
        return _and(node.children)
    if isinstance(node, Or):
        parts = [p for p in (_node(c) for c in node.children) if p is not None]
        return None if not parts else "(" + " | ".join(parts) + ")"
    if isinstance(node, Soft):
        return _soft(node)
    if isinstance(node, Weighted):  # MATCH has no per-term weight: the alternative counts in full
        return _node(node.child)
    if isinstance(node, Maybe):  # alone, a wanted word is the word; in a conjunction, see `_and`
        return _node(node.child)
    raise TypeError(f"not a query node: {node!r}")


def _and(children: tuple[Node, ...]) -> str | None:
    positive: list[str] = []
    negative: list[str] = []
    maybe: list[str] = []
    for child in children:
        if isinstance(child, Maybe):
            wanted = _node(child.child)
            if wanted is not None:
                maybe.append(wanted)
            continue
        if isinstance(child, Not):
            inner = _node(child.child)
            if inner is not None:
                negative.append(f"-({inner})")
            continue
        found = _node(child)
        if found is not None:
            positive.append(found)
    if not positive and not negative:
        return None
    if not positive:
        positive.append(f"(@present {EVERYTHING})")
    required = "(" + " ".join(positive + negative) + ")"
    return _wanting(required, maybe)


def _soft(node: Soft) -> str | None:
    """Sphinx's quorum operator over the one-term words (its ranker then favours articles
    that hold more of them); the other children (a hyphenated word, a spelled-out name with
    its abbreviation) are wanted, not required, and each lowers the quorum by one, since an
    article may hold them instead. A word typed with alternatives (an abbreviation's
    expansion, a name's other spellings) counts in the quorum as typed, its alternatives
    wanted: lowering the quorum for each let in thousands of articles holding fewer of the
    words. When no word is left required, the children are OR-ed."""
    keys, others, alternatives = _split(node)
    wanted = [p for p in (_node(c) for c in others) if p is not None]
    quorum = min(len(keys), node.quorum - len(wanted))
    if quorum < 1:  # any one child is enough
        parts = [p for p in (_node(c) for c in node.children) if p is not None]
        return None if not parts else "(" + " | ".join(parts) + ")"
    quoted = " ".join(escape(keyword(k)) for k in keys)
    held = f'({TEXT_SCOPE} "{quoted}"/{quorum})'
    return _wanting(held, wanted + [p for p in (_node(c) for c in alternatives) if p is not None])


def soft_keywords(node: Node | None) -> list[str]:
    """The one-term words of every `Soft` node in the tree: what its quorum counts, and what
    the ranker's coordination factor weighs (`search.sphinx.engine.ranking`)."""
    if isinstance(node, Soft):
        return _split(node)[0]
    if isinstance(node, And | Or):
        return [k for child in node.children for k in soft_keywords(child)]
    return []


def _split(node: Soft) -> tuple[list[str], list[Node], list[Node]]:
    """A soft node's one-term words (as index terms), its other children, and the
    alternatives of words typed with some (`Or(word, alternative, ...)`); words with no
    searchable term (stop words) are in none."""
    keys: list[str] = []
    others: list[Node] = []
    alternatives: list[Node] = []
    for child in node.children:
        # A word with alternatives (which `search.alternatives` and `with_spellings` weight),
        # not an OR typed by the reader.
        offered = isinstance(child, Or) and all(isinstance(c, Weighted) for c in child.children[1:])
        typed = child.children[0] if isinstance(child, Or) and offered else child
        found = terms(typed.text) if isinstance(typed, Term) else []
        if len(found) == 1:
            keys.append(found[0])
            alternatives += child.children[1:] if isinstance(child, Or) else []
        elif not isinstance(child, Term) or len(found) > 1:
            others.append(child)
    return keys, others, alternatives


def _wanting(required: str, wanted: list[str]) -> str:
    """What `required` matches, ranked higher where a `wanted` expression matches too:
    `R | (R W1) | (R W2)`. Not Sphinx's `R MAYBE W`: Sphinx 2.2.11 reads it as `R W`, so an
    article lacking the wanted word was lost (`flood MAYBE march` matched 157 of the 2,387
    articles holding "flood" on the 60k archive)."""
    if not wanted:
        return required
    return "(" + " | ".join([required, *(f"({required} {w})" for w in wanted)]) + ")"


def _scope(field: str) -> str:
    if field in WORD_FIELDS:
        return f"@{WORD_FIELDS[field]}"
    return TITLE_SCOPE if field == "title" else TEXT_SCOPE


def _all_words(field: str, found: list[str]) -> str | None:
    """Names and labels: every word present, anywhere in the field."""
    if not found:
        return None
    return f"({_scope(field)} " + " ".join(escape(keyword(w)) for w in found) + ")"


def _sequence(field: str, seq: list[str]) -> str | None:
    """Headline and body terms: one term, or every two consecutive terms as a phrase, all
    of them required: the embedded engine's reading of a phrase (its `pairs` field)."""
    if not seq:
        return None
    keys = [escape(keyword(t)) for t in seq]
    if len(keys) == 1:
        return f"({_scope(field)} {keys[0]})"
    pairs = " ".join(f'"{a} {b}"' for a, b in pairwise(keys))
    return f"({_scope(field)} {pairs})"


def _term(node: Term) -> str | None:
    if node.prefix:
        word = "".join(words(node.text))
        if not word:
            return None
        return f"({_scope(node.field)} {escape(keyword(word))}*)"
    if node.field in WORD_FIELDS:
        return _all_words(node.field, words(node.text))
    if node.fuzzy:
        word = "".join(words(node.text))
        return _sequence(node.field, (terms(word) or [word])[:1] if word else [])
    return _sequence(node.field, terms(node.text))


def _phrase(node: Phrase) -> str | None:
    if node.field in WORD_FIELDS:
        return _all_words(node.field, [w for part in node.words for w in words(part)])
    return _sequence(node.field, [t for part in node.words for t in terms(part)])
