"""Jinja filters and globals: dates, numbers, safe snippets and the URL builders."""

from __future__ import annotations

import datetime as dt

from flask import Flask

from search.models import SearchRequest
from web.charts import MONTHS, month_name
from web.markup import marked
from web.urls import query_pairs, search_url, toggle_url

FACET_LABELS = {
    "person": "People",
    "country": "Countries",
    "organisation": "Organisations",
    "topic": "Topics",
    "year": "Years",
    "month": "Months",
}
PROFILE_FACETS = ("person", "country", "organisation", "topic")


def register_filters(app: Flask) -> None:
    app.jinja_env.filters.update(marked=marked, day=day, number=number, month_name=month_name)
    app.jinja_env.globals.update(
        search_url=search_url,
        toggle_url=toggle_url,
        hidden_pairs=hidden_pairs,
        FACET_LABELS=FACET_LABELS,
        PROFILE_FACETS=PROFILE_FACETS,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def hidden_pairs(request: SearchRequest, drop: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The request's parameters for hidden form fields, minus those the form itself sets."""
    return [(name, value) for name, value in query_pairs(request) if name not in drop]


def day(value: dt.date | None) -> str:
    """`3 Mar 2019`: unambiguous in every locale."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else "undated"


def number(value: int) -> str:
    return f"{value:,}"
