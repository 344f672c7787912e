"""Two bugs of the pinned Whoosh-Reloaded 2.7.5, repaired as soon as Broadsheet's Whoosh
code is imported (`search/whoosh/__init__.py`), in every process that reads or merges.

- Its postings writer calls `W3TermInfo.set_inline`, but the class defines `set_inlined`:
  short posting lists were never kept inside their term entry, and every rare term cost a
  pickled, compressed block of its own. Broadsheet's segments inline lists of fewer than 8
  postings (`search.whoosh.bulk.INLINE_POSTINGS`), and so do Whoosh's merges with the alias.
- Reading an inlined list of a field whose postings carry no value (the `Existence` format:
  ids, people, countries, topics, the word fields), `ListMatcher.value` answers "" (a
  Python 2 leftover) where bytes are due, and Whoosh's own merge then refuses it as a
  posting value ("vbytes=''"): merging small segments failed.

tests/test_bulk.py merges segments through Whoosh's policy and checks every answer.
"""

from __future__ import annotations

from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.matching.mcore import ListMatcher

_list_value = ListMatcher.value


def _value_as_bytes(self: ListMatcher) -> bytes:
    value = _list_value(self)
    return b"" if isinstance(value, str) else value


def apply() -> None:
    """Install both repairs (idempotent)."""
    if not hasattr(W3TermInfo, "set_inline"):
        W3TermInfo.set_inline = W3TermInfo.set_inlined
    ListMatcher.value = _value_as_bytes
