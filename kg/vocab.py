"""Namespaces and term constants: the one place IRIs are spelled.

Every ``DKG`` term used in code must be declared in ``ontology/kg.ttl``;
``tests/test_vocab.py`` checks it.

>>> str(DKG.Condemnation)
'https://w3id.org/diplomatic-kg/ontology#Condemnation'
>>> actor_iri("RUS")
rdflib.term.URIRef('https://w3id.org/diplomatic-kg/id/actor/RUS')
"""

from __future__ import annotations

from typing import Final

from rdflib import Namespace, URIRef
from rdflib.namespace import DC, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "CAMEO",
    "DC",
    "DCTERMS",
    "DKG",
    "ID",
    "OA",
    "ONTOLOGY_GRAPH",
    "ORG",
    "OWL",
    "PLOVER",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "REFERENCE_GRAPH",
    "SCHEMA",
    "SEM",
    "SKOS",
    "WD",
    "XSD",
    "actor_iri",
]

BASE: Final = "https://w3id.org/diplomatic-kg/"
DKG: Final = Namespace(BASE + "ontology#")
ID: Final = Namespace(BASE + "id/")
CAMEO: Final = Namespace(BASE + "scheme/cameo/")
PLOVER: Final = Namespace(BASE + "scheme/plover/")

SEM: Final = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
OA: Final = Namespace("http://www.w3.org/ns/oa#")
ORG: Final = Namespace("http://www.w3.org/ns/org#")
# One schema.org namespace, once: rdflib's SDO spelling.
SCHEMA: Final = Namespace("https://schema.org/")
WD: Final = Namespace("http://www.wikidata.org/entity/")

#: Named graph holding ``ontology/kg.ttl`` (and the code-scheme alignments).
ONTOLOGY_GRAPH: Final = URIRef(BASE + "graph/ontology")
#: Named graph holding ``ontology/actors.ttl``, the reference actors.
REFERENCE_GRAPH: Final = URIRef(BASE + "graph/actors")
#: What the embedded store keeps in its default graph (the imported event datasets), a
#: SPARQL endpoint keeps in this named graph: ``RemoteStore`` reads and writes it as the
#: default graph, so that dumps, loads and queries are the same on both.
DATASETS_GRAPH: Final = URIRef(BASE + "graph/datasets")

PREFIXES: Final[dict[str, str]] = {
    "dkg": str(DKG),
    "id": str(ID),
    "cameo": str(CAMEO),
    "plover": str(PLOVER),
    "sem": str(SEM),
    "prov": str(PROV),
    "oa": str(OA),
    "org": str(ORG),
    "skos": str(SKOS),
    "schema": str(SCHEMA),
    "dc": str(DC),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "wd": str(WD),
}


def actor_iri(actor_id: str) -> URIRef:
    """The IRI of a reference actor from its id (``RUS``, ``UNSC``, ``RUS.MFA``).

    >>> str(actor_iri("UNSC"))
    'https://w3id.org/diplomatic-kg/id/actor/UNSC'
    """
    return ID[f"actor/{actor_id}"]
