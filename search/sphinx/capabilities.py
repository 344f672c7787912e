"""What the servers of a cluster can do, checked when the engine first talks to them.

Sphinx 2.2 has no stored fields, so articles are string attributes of their rows
(`search.sphinx.stored`); Manticore has stored fields, but a stored field is a full-text
field, indexed as well as stored, and the text Broadsheet indexes is its own analysis,
not the article. So both servers keep articles as string attributes, and what the check
decides is whether the servers' indexes have them: a cluster configured by an older
Broadsheet (articles kept beside the web app) lacks the columns, and is refused with
what to do rather than failing on the first page.
"""

from __future__ import annotations

from dataclasses import dataclass

from search.sphinx.config import META_INDEX, NAMES_INDEX, SLOTS, STRING_ATTRS, rt_index
from search.sphinx.connections import Server


@dataclass(frozen=True, slots=True)
class Capabilities:
    #: The version the server announces when a client connects.
    version: str
    #: Manticore rather than Sphinx (the SphinxQL both speak is all Broadsheet uses).
    manticore: bool
    #: Indexes (or string attributes of the article indexes) the server lacks.
    missing: tuple[str, ...]

    def problem(self, server: Server) -> str | None:
        if not self.missing:
            return None
        return (
            f"the search server at {server.address} ({self.version}) lacks {', '.join(self.missing)}: its "
            "configuration predates articles kept on the cluster. Write it again (`broadsheet cluster up` in "
            "a new folder, or `broadsheet cluster config`), restart the servers and run `broadsheet reindex`"
        )


def probe(server: Server) -> Capabilities:
    """The server's version and the columns Broadsheet needs that its indexes lack."""
    version = server.version()
    # Manticore names itself in SHOW STATUS; Sphinx 2.2 has no such row.
    named = " ".join(str(r[1]) for r in server.run("SHOW STATUS LIKE 'version'")[0][0])
    missing: list[str] = []
    for slot in SLOTS:
        sets, _ = server.run(f"SHOW TABLES LIKE '{rt_index(slot)}'")
        if not sets[0]:
            missing.append(rt_index(slot))
            continue
        columns = {str(r[0]): str(r[1]) for r in server.run(f"DESCRIBE {rt_index(slot)}")[0][0]}
        missing += [f"{rt_index(slot)}.{name}" for name in STRING_ATTRS if columns.get(name) != "string"]
    for name in (META_INDEX, NAMES_INDEX):
        if not server.run(f"SHOW TABLES LIKE '{name}'")[0][0]:
            missing.append(name)
    return Capabilities(version, "manticore" in named.lower(), tuple(missing))
