"""Named SPARQL queries shipped with evidencekb (installed as ``evidencekb_queries``)."""
