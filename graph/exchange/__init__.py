"""The graph out of kg and into other tools and stores.

- :mod:`~graph.exchange.canonical_json`: the canonical JSON text (same graph, same bytes).
- :mod:`~graph.exchange.export`: ``kg export``, every format and its writer (JSON, GraphML,
  GEXF, Kumu, neo4j-admin CSV, Cypher).
- :mod:`~graph.exchange.push`: ``kg push``, a built graph copied from one store to another.
"""
