"""CSV exports with a header row, e.g. `publish_date,article_source_link,title,subtitle,text`.

Columns are matched by name through the same generic field mapping as JSON records
(`jsonlines.FIELDS`), so any export whose headers use common names reads without
configuration (an empty `text` falls back to `subtitle`). Origins are `<path>#<row>`,
counting data rows from 1.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from indexer.readers.jsonlines import from_record
from indexer.readers.skipped import Skipped
from search.models import Article

# Article bodies in a cell run far past csv's default 128 KB field limit in some exports.
csv.field_size_limit(64 * 1024 * 1024)


def parse(text: str, origin: str) -> Iterator[Article | Skipped]:
    """Every row of a CSV file with a header row, as an article or a skip."""
    rows = csv.DictReader(io.StringIO(text, newline=""), dialect=csv.excel, delimiter=_delimiter(text))
    if not rows.fieldnames or len(rows.fieldnames) < 2:
        yield Skipped(origin, "not a CSV file with a header row")
        return
    number = 0
    try:
        for number, row in enumerate(rows, start=1):
            record = {(key or "").strip(): value for key, value in row.items() if isinstance(value, str)}
            yield from_record(record, f"{origin}#{number}")
    except csv.Error as error:
        yield Skipped(f"{origin}#{number + 1}", f"invalid CSV after row {number}: {error}")


def _delimiter(text: str) -> str:
    """The delimiter guessed from the file's start; quoting stays RFC 4180's (a quotation mark
    inside a quoted cell is doubled). csv.Sniffer guesses that too, from the start alone: a first
    4 KB without a doubled quote made it read every later `""` as the cell's end, cutting the
    bodies of a 3,824-article export to a fifth of their words."""
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","
