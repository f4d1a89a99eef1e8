"""The RDF store: one named graph per paper (and one per assembled claim, kb.assembled). The only
module that writes RDF.

``EmbeddedStore`` keeps an Oxigraph (RocksDB) store under ``KB_HOME/oxigraph``. A batch is
written in at most two Oxigraph transactions: papers already in the store are replaced by one
SPARQL update (drop old graphs, insert new ones), new papers are loaded as N-Quads in one
transaction (about 2.5x faster than the same triples as SPARQL text). Either way each paper is
whole or absent, never half-written. (oxrdflib's commit/rollback do nothing, so atomicity cannot
come from rdflib's API.) Reads go through pyoxigraph directly with
``substitutions`` for bound parameters; ``dataset()`` offers the same store through rdflib.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from kb.bindings import inline_values
from kb.errors import StoreError, StoreLocked

EXPORT_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
QUAD_FORMATS = {"trig", "nquads"}


class Store(Protocol):
    """What the knowledge base needs of a store; the embedded and remote stores both provide it."""

    def replace_graphs(self, graphs: Mapping[str, list[ox.Quad]]) -> None: ...

    def drop_graphs(self, graph_iris: Iterable[str]) -> None: ...

    def query(self, sparql: str, substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
              *, union_default_graph: bool = True): ...

    def graph_names(self) -> list[str]: ...

    def quad_count(self) -> int: ...

    def export(self, fmt: str, graph_iri: str | None = None) -> bytes: ...

    def close(self) -> None: ...


def _triples_text(quads: list[ox.Quad]) -> str:
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


def graphs_from_nquads(nquads: Mapping[str, bytes]) -> dict[str, list[ox.Quad]]:
    """{graph IRI: N-Quads} as quads, each checked to be in its own graph (a write names what it replaces)."""
    graphs = {}
    for iri, data in nquads.items():
        quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS)) if data else []
        stray = next((q for q in quads if not isinstance(q.graph_name, ox.NamedNode)
                      or q.graph_name.value != iri), None)
        if stray is not None:
            raise ValueError(f"a quad for graph <{iri}> names graph {stray.graph_name}: {stray}")
        graphs[iri] = quads
    return graphs


def replace_graphs_update(graphs: Mapping[str, list[ox.Quad]]) -> str:
    """One SPARQL update that replaces every given graph (DROP SILENT then INSERT DATA)."""
    parts = []
    for iri, quads in graphs.items():
        parts.append(f"DROP SILENT GRAPH <{iri}>")
        if quads:
            parts.append(f"INSERT DATA {{ GRAPH <{iri}> {{\n{_triples_text(quads)}\n}} }}")
    return " ;\n".join(parts)


class EmbeddedStore:
    """Oxigraph on disk. Opening takes RocksDB's lock: one writer process at a time."""

    def __init__(self, path: Path, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        try:
            if read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            msg = str(exc)
            if "lock" in msg.lower():
                raise StoreLocked(
                    f"the store at {self.path} is in use by another process (a running `kb serve` or `kb add`). "
                    "Wait for it to finish, or add through the running server."
                ) from exc
            raise StoreError(f"cannot open the store at {self.path}: {msg}") from exc

    @property
    def oxigraph(self) -> ox.Store:
        return self._store

    def replace_graphs(self, graphs: Mapping[str, list[ox.Quad]]) -> None:
        self._write(dict(graphs), lambda new: self._store.extend(q for quads in new.values() for q in quads))

    def replace_graphs_nquads(self, graphs: Mapping[str, bytes], *, bulk: bool = False) -> None:
        """The same as :meth:`replace_graphs`, from N-Quads (made where the papers were extracted).

        ``bulk`` loads the new graphs with Oxigraph's bulk loader, 2.6x faster but not one
        transaction: the caller notes them first and drops them if the load fails or dies
        (:meth:`kb.KnowledgeBase.repair`)."""
        load = self._store.bulk_load if bulk else self._store.load
        self._write(dict(graphs), lambda new: load(b"".join(new.values()), format=ox.RdfFormat.N_QUADS),
                    parse=graphs_from_nquads)

    def rewrite_graphs_nquads(self, graphs: Mapping[str, bytes]) -> None:
        """Replace graphs the caller can rebuild (it notes them first: the assembled claims of
        kb.assembled): the old ones dropped in one update, then all bulk-loaded. Not one
        transaction, but neither SPARQL text nor a transaction for the ~10,000 triples a batch
        rewrites (4x faster)."""
        if not graphs:
            return
        try:
            self.drop_graphs(iri for iri in graphs if self._store.contains_named_graph(ox.NamedNode(iri)))
            self._store.bulk_load(b"".join(graphs.values()), format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"writing {len(graphs)} graph(s) failed: {exc}") from exc
        self.flush()

    def absent(self, graph_iris: Iterable[str]) -> list[str]:
        """The given graphs the store does not hold (the ones a write would add, not replace)."""
        return [g for g in graph_iris if not self._store.contains_named_graph(ox.NamedNode(g))]

    def _write(self, graphs: dict, add_new: Callable[[dict], None], parse: Callable[[dict], dict] | None = None) -> None:
        if not graphs:
            return
        try:
            old = {iri: g for iri, g in graphs.items() if self._store.contains_named_graph(ox.NamedNode(iri))}
            new = {iri: g for iri, g in graphs.items() if iri not in old and g}  # (an empty graph: nothing to load)
            if old:  # one transaction: the old graphs are dropped only if the new ones go in
                self._store.update(replace_graphs_update(parse(old) if parse else old))
            if new:  # one transaction
                add_new(new)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"writing {len(graphs)} paper graph(s) failed; each paper is whole or absent: {exc}") from exc
        # RocksDB keeps written data in memory until a flush: without one, a bulk add of 3,000
        # records grew by ~300 MB per 1,000 papers; with it, memory stays flat
        self.flush()

    def drop_graphs(self, graph_iris: Iterable[str]) -> None:
        update = " ;\n".join(f"DROP SILENT GRAPH <{iri}>" for iri in graph_iris)
        if update:
            self._store.update(update)

    def query(self, sparql: str, substitutions=None, *, union_default_graph: bool = True,
              named_graphs: list[str] | None = None):
        """``named_graphs`` restricts GRAPH patterns to those graphs (one paper's, for a fast ``paper=``)."""
        kw = {"named_graphs": [ox.NamedNode(g) for g in named_graphs]} if named_graphs is not None else {}
        # bound values go in as VALUES, which the planner sees (see kb.bindings), not as substitutions
        return self._store.query(inline_values(sparql, substitutions), use_default_graph_as_union=union_default_graph,
                                 **kw)

    def graph_names(self) -> list[str]:
        return [g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)]

    def quad_count(self) -> int:
        return len(self._store)

    def export(self, fmt: str, graph_iri: str | None = None) -> bytes:
        rdf_format = EXPORT_FORMATS[fmt]
        if fmt in QUAD_FORMATS:
            if graph_iri:
                quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri))
                return ox.serialize(quads, format=rdf_format) or b""
            return self._store.dump(format=rdf_format) or b""
        # triple formats: the union of all paper graphs
        triples = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
                                    if not graph_iri else
                                    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")
        return ox.serialize(triples, format=rdf_format) or b""

    def dataset(self):
        """The store as an rdflib ``Dataset`` (oxrdflib), for users of rdflib's API."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        return Dataset(store=OxigraphStore(store=self._store), default_union=True)

    def flush(self) -> None:
        if self.read_only:  # nothing to write; pyoxigraph raises on a read-only flush
            return
        try:
            self._store.flush()
        except (AttributeError, OSError):
            pass

    def close(self) -> None:
        self.flush()
        self._store = None  # RocksDB closes (and drops its lock) when the object goes away
