"""The graph out of kg and into other tools and stores.

- :mod:`~graph.exchange.canonical_json`: the canonical JSON text (same graph, same bytes).
- :mod:`~graph.exchange.export`: ``kg export``, every format and its writer: JSON, GraphML
  and GEXF (:mod:`~graph.exchange.gephi`), Kumu (:mod:`~graph.exchange.kumu`), neo4j-admin CSV
  and Cypher (:mod:`~graph.exchange.neo4j_import`); :mod:`~graph.exchange.files` writes each
  file whole.
- :mod:`~graph.exchange.push`: ``kg push``, a built graph copied from one store to another.
"""
