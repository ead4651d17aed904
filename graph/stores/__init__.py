"""Graph stores: one small :class:`Store` protocol, opened by URL with :func:`open_store`.

The embedded backend runs a private FalkorDB server on a unix socket in the data dir
(:class:`EmbeddedServer`) and is written and read through :class:`FalkorStore`.
"""

from graph.stores.base import QueryResult, Store, open_store
from graph.stores.embedded import EmbeddedServer
from graph.stores.falkor import FalkorStore

__all__ = ["EmbeddedServer", "FalkorStore", "QueryResult", "Store", "open_store"]
