"""Every build recorded, and what changed between two.

- :mod:`~graph.history.builds`: the record of each build (its documents, counts and graph) in
  the data directory, written as a build commits; ``kg history`` lists them.
- :mod:`~graph.history.diff`: ``kg diff``, what changed between two recorded builds.
"""
