"""SHACL validation of the knowledge-base graph with pySHACL, against ``data/ontology/shapes.ttl``."""

from __future__ import annotations

from importlib import resources

from rdflib import Dataset, Graph


def shapes_graph() -> Graph:
    return Graph().parse(str(resources.files("evidencekb_data") / "ontology" / "shapes.ttl"), format="turtle")


def ontology_graph() -> Graph:
    return Graph().parse(str(resources.files("evidencekb_data") / "ontology" / "evidencekb.ttl"), format="turtle")


def validate_graph(data: Graph) -> tuple[bool, str]:
    from pyshacl import validate

    conforms, _report_graph, text = validate(data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                             inference="rdfs", allow_warnings=True)
    return bool(conforms), str(text)


def validate_nquads(nquads: bytes) -> tuple[bool, str]:
    """Validate the union of all named graphs given as N-Quads."""
    ds = Dataset()
    ds.parse(data=nquads, format="nquads")
    union = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return validate_graph(union)
