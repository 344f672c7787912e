"""The Whoosh engine's parts: schema and analysis, per-segment columns, query plans, generations.

Only `search.whoosh.engine` and these modules import Whoosh; everything above sees the
`search.engine.Engine` interface.
"""

from search.whoosh import repairs

repairs.apply()
