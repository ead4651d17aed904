"""``kg review``: what most needs a human look, and the user's decisions kept in the catalogue.

- :mod:`~graph.review.findings`: the review rows (low-confidence edges, near-duplicate names,
  uncertain labels, entities seen once) and the CSV they are written to and read from.
- :mod:`~graph.review.decisions`: the decisions filled in, applied to the catalogue.
"""
