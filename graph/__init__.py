"""kg: the graph model, stores, pipeline and command line."""
