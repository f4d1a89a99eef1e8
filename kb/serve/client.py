"""The store of a running ``kb serve``, for the ``kb`` command in another shell.

RocksDB lets one process open the store read-write, and opening it read-only while another
process writes is undefined behaviour. So while ``kb serve`` holds the store, ``kb add``,
``kb query``, ``kb remove``... find the server in ``KB_HOME/serve.json`` and go through it:
:class:`ServerStore` implements the :class:`kb.store.Store` protocol over HTTP. A write is one
POST of N-Quads per paper graph, applied by the server in one transaction; queries go through
the server's store process with their bound values. The token in ``serve.json`` (mode 0600)
authorizes these routes, which also answer loopback clients only.

Example::

    >>> from kb.serve.client import running_server_store
    >>> store = running_server_store("kb-data")   # None when no server runs   # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from kb.errors import QueryError, StoreError
from kb.serve.errors import QueryRefused, QueryTimeout, ServerUnreachable

SERVE_FILE = "serve.json"  # the same name as kb.serve.server.SERVE_FILE (not imported: that pulls in the app)


def running_server_store(home: str | Path) -> "ServerStore | None":
    """The store of the server running on ``home``, or None when none runs."""
    home = Path(home)
    try:
        info = json.loads((home / SERVE_FILE).read_text(encoding="utf-8"))
        url, token, pid = info["url"], info["token"], int(info["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not _alive(pid):
        return None
    store = ServerStore(url, token)
    served = store.info().get("home")
    if served and Path(served).resolve() != home.resolve():
        raise ServerUnreachable(f"{home / SERVE_FILE} names a server of another knowledge base ({served})")
    return store


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class ServerStore:
    """The Store protocol over the internal routes of a running server (``/-/store/...``)."""

    def __init__(self, url: str, token: str, *, timeout: float | None = None):
        import requests

        self.url = url.rstrip("/") + "/"
        self.timeout = timeout
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Bearer {token}"
        self._session.trust_env = False  # never send this to a proxy

    # -- HTTP
    def _request(self, method: str, path: str, *, read_timeout: float | None, **kw):
        import requests

        try:
            response = self._session.request(method, self.url + path, timeout=(5, read_timeout), **kw)
        except requests.RequestException as exc:
            raise ServerUnreachable(f"the server at {self.url} (from serve.json) did not answer: {exc}. If it "
                                    "is gone, delete KB_HOME/serve.json") from exc
        if response.status_code < 400:
            return response
        try:
            message = response.json()["error"]
        except (ValueError, KeyError, TypeError):
            message = response.text[:500]
        if response.status_code == 400 and path == "-/store/query":
            raise SyntaxError(message)
        if response.status_code == 403 and "refused" in message:
            raise QueryRefused(message)
        if response.status_code == 503:
            raise QueryTimeout(message)
        if response.status_code == 400:
            raise QueryError(message)
        raise StoreError(f"the server at {self.url} answered {response.status_code}: {message}")

    def info(self) -> dict:
        return self._request("GET", "-/store/info", read_timeout=30).json()

    # -- the Store protocol
    def replace_graphs(self, graphs: Mapping[str, list[ox.Quad]]) -> None:
        if not graphs:
            return
        body = {"replace": {iri: (ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")
                            for iri, quads in graphs.items()}}
        self._request("POST", "-/store/graphs", read_timeout=self.timeout, data=json.dumps(body).encode("utf-8"),
                      headers={"Content-Type": "application/json"})

    def drop_graphs(self, graph_iris: Iterable[str]) -> None:
        body = {"drop": list(graph_iris)}
        if body["drop"]:
            self._request("POST", "-/store/graphs", read_timeout=self.timeout, data=json.dumps(body).encode("utf-8"),
                          headers={"Content-Type": "application/json"})

    def query(self, sparql: str, substitutions=None, *, union_default_graph: bool = True,
              named_graphs: list[str] | None = None):
        body = {"query": sparql, "union_default_graph": union_default_graph,
                "substitutions": {name: [str(t) for t in term] if isinstance(term, (list, tuple)) else str(term)
                                  for name, term in (substitutions or {}).items()}}
        if named_graphs is not None:
            body["named_graphs"] = list(named_graphs)
        response = self._request("POST", "-/store/query", read_timeout=self.timeout,
                                 data=json.dumps(body).encode("utf-8"), headers={"Content-Type": "application/json"})
        if response.headers.get("Content-Type", "").startswith("application/n-triples"):
            return iter(list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)))
        return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)

    def graph_names(self) -> list[str]:
        return self._request("GET", "-/store/graphs", read_timeout=self.timeout).json()["graphs"]

    def quad_count(self) -> int:
        return int(self._request("GET", "-/store/graphs", read_timeout=self.timeout).json()["quads"])

    def export(self, fmt: str, graph_iri: str | None = None) -> bytes:
        params = {"format": fmt, **({"graph": graph_iri} if graph_iri else {})}
        return self._request("GET", "-/store/export", read_timeout=self.timeout, params=params).content

    def close(self) -> None:
        self._session.close()
