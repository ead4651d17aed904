"""Pictures of the graph: the interactive explorer and the board-paper map.

- :mod:`~graph.render.view`: ``to_view``, what a picture shows, decided once for both.
- :mod:`~graph.render.layout`: where each node goes, the same for the same view.
- :mod:`~graph.render.words`: tooltips, and the months a picture's sources are dated.
- :mod:`~graph.render.palette`: one palette and one set of edge styles for both.
- :mod:`~graph.render.explorer`: ``kg viz``, one self-contained HTML file.
- :mod:`~graph.render.board_map`: ``kg map``, an A4 page as PDF, SVG, PNG or HTML (its geometry:
  :mod:`~graph.render.map_geometry`).
"""
