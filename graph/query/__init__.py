"""Asking a stored graph questions, and showing the answers.

- :mod:`~graph.query.prepared`: prepared queries (the ``.cypher`` files of :mod:`queries` and
  the user's), found by name and run with bound parameters.
- :mod:`~graph.query.lookup`: the graph's statistics, one entity's card, and finding the
  entity a typed name means (the same rules for every command).
- :mod:`~graph.query.tables`: answers as a table, CSV, JSON or markdown.
"""
