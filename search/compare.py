"""What one version of a story changed from another: a word-level diff of two bodies.

An update adds a paragraph, a paper cuts a sentence of the wire copy, a correction changes
a figure: reading both in full hides that. `word_diff` lines the two bodies' words up with
`difflib` and says, run by run, which words both have, which only the first has (deleted)
and which only the second has (inserted), paragraph by paragraph. It returns plain text;
whoever shows it escapes it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

#: Stands for a paragraph break among the words, so a diff keeps the paragraphs.
_BREAK = "\n"

Kind = Literal["same", "del", "ins"]


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive words of one kind, joined by single spaces."""

    kind: Kind
    text: str


def _tokens(body: str) -> list[str]:
    out: list[str] = []
    for paragraph in (p for p in body.split("\n\n") if p.strip()):
        if out:
            out.append(_BREAK)
        out.extend(paragraph.split())
    return out


def word_diff(first: str, second: str) -> list[list[Run]]:
    """Paragraphs of runs taking `first` to `second`: words both share, words only `first`
    has (`del`), words only `second` has (`ins`)."""
    old, new = _tokens(first), _tokens(second)
    # autojunk off: in news text the frequent words ("the", "said") must still line up.
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    paragraphs: list[list[Run]] = [[]]

    def emit(kind: Kind, words: list[str]) -> None:
        for word in words:
            if word == _BREAK:
                if paragraphs[-1]:
                    paragraphs.append([])
                continue
            runs = paragraphs[-1]
            if runs and runs[-1].kind == kind:
                runs[-1] = Run(kind, f"{runs[-1].text} {word}")
            else:
                runs.append(Run(kind, word))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            emit("same", old[i1:i2])
        if tag in ("delete", "replace"):
            emit("del", old[i1:i2])
        if tag in ("insert", "replace"):
            emit("ins", new[j1:j2])
    return [runs for runs in paragraphs if runs]
