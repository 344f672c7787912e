"""The SphinxQL engine: Broadsheet on a sharded Sphinx 2.2 / Manticore cluster (docs/scale-out.md)."""
