"""Data shipped with evidencekb: lexicons, ontology and shapes, example articles.

Installed as the package ``evidencekb_data`` so code finds it with ``importlib.resources``.
"""
