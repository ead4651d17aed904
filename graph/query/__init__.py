"""Asking a stored graph questions, and showing the answers.

- :mod:`~graph.query.prepared`: prepared queries (the ``.cypher`` files of :mod:`queries` and
  the user's), read and found by name; :mod:`~graph.query.running` runs one with its
  parameters bound, and words the answer's title.
- :mod:`~graph.query.lookup`: the graph's statistics, one entity's card, and finding the
  entity a typed name means (the same rules for every command).
- :mod:`~graph.query.tables`: answers as a table, CSV, JSON or markdown.
"""
