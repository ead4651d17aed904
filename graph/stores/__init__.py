"""Graph stores: one small :class:`Store` protocol, opened by URL with :func:`open_store`.

The embedded backend runs a private FalkorDB server on a unix socket in the data dir
(:class:`EmbeddedServer`) and is written and read through :class:`FalkorStore`; a Neo4j server
through :class:`~graph.stores.neo4j.Neo4jStore`. :mod:`~graph.stores.graph_rows` turns a graph
into the rows a store is written with and reads a stored graph back; :mod:`~graph.stores.locks`
keeps two builds from sharing one data directory.
"""

from graph.stores.base import QueryResult, Store, open_store
from graph.stores.embedded import EmbeddedServer
from graph.stores.falkor import FalkorStore

__all__ = ["EmbeddedServer", "FalkorStore", "QueryResult", "Store", "open_store"]
