"""The graph model: loaders' extractions become one networkx ``MultiDiGraph``.

- :mod:`~graph.model.assemble`: ``build_graph``, the one way a graph is made, and how an
  edge keeps its evidence (``edge_evidence``, ``edge_order``).
- :mod:`~graph.model.resolution`: cross-document entity resolution, the surface forms of one
  entity becoming one node; it weighs how each document uses a name
  (:mod:`~graph.model.usage`) and what is no name at all (:mod:`~graph.model.junk`).
- :mod:`~graph.model.ids`: deterministic node ids; :mod:`~graph.model.schema`: which labels each
  edge type joins.

It imports only ``loaders``: everything else in ``graph`` builds on it.
"""
