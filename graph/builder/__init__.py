"""``kg build``: files in, a resolved graph written atomically to a store, and a report out.

- :mod:`~graph.builder.run`: ``build`` and ``build_graph_from_paths``, one build from start to end.
- :mod:`~graph.builder.discovery`: which files a build reads, and how evidence names each.
- :mod:`~graph.builder.workers`: reading and extracting files, here or in a pool of processes.
- :mod:`~graph.builder.cache`: the extraction cache that makes rebuilds incremental.
"""
