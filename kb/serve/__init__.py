"""``kb serve``: the SPARQL 1.1 endpoint, the graph browser and its JSON API.

Modules: ``app`` (routes, views, errors), ``sparql`` (the protocol), ``guard`` (what is refused
before anything runs), ``worker`` (the store process), ``api`` (the browser's data), ``server``
(waitress and ``KB_HOME/serve.json``), ``client`` (the kb command's store while a server runs),
``commands`` (``kb serve`` and ``kb graph``). Nothing is imported here: ``kb.knowledgebase``
imports ``kb.serve.client``, which must not pull the app in.
"""
