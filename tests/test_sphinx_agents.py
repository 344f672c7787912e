"""Reading the aggregator's words about its agents: which shard a failed mirror holds, and
which mirrors still answer (rows as Sphinx 2.2.11 returns them)."""

from __future__ import annotations

from search.sphinx.agents import answering_mirrors, missing_shards, shard_of_mirror

AGENT_LINES = [
    ("dstindex_1_is_ha", "1"),
    ("dstindex_1mirror1_id", "10.0.0.11:9312:articles_a"),
    ("dstindex_1mirror1_probability_weight", "32767"),
    ("dstindex_1mirror2_id", "10.0.0.12:9312:articles_a"),
    ("dstindex_2_is_ha", "1"),
    ("dstindex_2mirror1_id", "10.0.0.13:9312:articles_a"),
    ("dstindex_2mirror2_id", "10.0.0.14:9312:articles_a"),
]


def test_a_warning_names_the_shard_of_the_mirror_it_names() -> None:
    shards = shard_of_mirror(AGENT_LINES)
    assert shards == {"10.0.0.11:9312": 1, "10.0.0.12:9312": 1, "10.0.0.13:9312": 2, "10.0.0.14:9312": 2}
    warning = (
        "index dist_a: agent 10.0.0.14:9312: connect() failed: errno=111; "
        "index dist_a: agent 10.0.0.12:9312: query timed out"
    )
    assert missing_shards(warning, shards) == (1, 2)
    assert missing_shards("index dist_a: agent 10.9.9.9:9312: connect() failed", shards) == ()
    assert missing_shards("query time exceeded max_query_time", shards) == ()


def test_mirrors_with_errors_in_a_row_are_not_answering() -> None:
    rows = [
        ("status_period_seconds", "60"),
        ("ag_0_hostname", "10.0.0.11:9312"),
        ("ag_0_errorsarow", "3"),
        ("ag_0_1periods_query_timeouts", "1"),
        ("ag_1_hostname", "10.0.0.12:9312"),
        ("ag_1_errorsarow", "0"),
    ]
    assert answering_mirrors(rows) == {"10.0.0.12:9312"}
