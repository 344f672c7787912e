"""Re-escape HTML that should hold nothing but text and `<mark>` tags.

Snippets and highlighted paragraphs come from the search layer as safe HTML. The web
layer still rebuilds them from text before marking them safe, so a slip below can
never put corpus markup (or a script) on a page.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

_MARK = re.compile(r"(</?mark>)", re.IGNORECASE)


def marked(fragment: str) -> Markup:
    """`fragment` with every tag but `<mark>`/`</mark>` shown as text; entities kept as they were."""
    parts = []
    for piece in _MARK.split(fragment):
        lower = piece.lower()
        if lower in ("<mark>", "</mark>"):
            parts.append(lower)
        else:
            parts.append(html.escape(html.unescape(piece), quote=False))
    return Markup("".join(parts))
