"""Namespaces and term constants: the one place IRIs are spelled.

Each namespace is spelled once, here, and comes in two forms:

* an rdflib ``Namespace`` (``DKG.Condemnation`` is a ``URIRef``, a ``str``): for rdflib
  graphs and for the writers that build N-Quads text (``f"<{DKG.agent}>"``);
* the same namespace as pyoxigraph terms, the form the store reads and writes, under
  :class:`OX` (``OX.DKG.Condemnation`` is a ``pyoxigraph.NamedNode``): for quads and
  bound query parameters, with no ``NamedNode(str(...))`` at the call site.

Every ``DKG`` term used in code must be declared in ``ontology/kg.ttl``;
``tests/test_vocab.py`` checks it.

>>> str(DKG.Condemnation)
'https://w3id.org/diplomatic-kg/ontology#Condemnation'
>>> OX.DKG.Condemnation
<NamedNode value=https://w3id.org/diplomatic-kg/ontology#Condemnation>
>>> OX.DKG.Condemnation.value == str(DKG.Condemnation)
True
>>> actor_iri("RUS")
rdflib.term.URIRef('https://w3id.org/diplomatic-kg/id/actor/RUS')
>>> OX.ACTOR["RUS"].value
'https://w3id.org/diplomatic-kg/id/actor/RUS'
"""

from __future__ import annotations

from typing import Final

from pyoxigraph import NamedNode
from rdflib import Namespace, URIRef
from rdflib.namespace import DC, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "ACTOR",
    "ANNOTATION_SCHEMA",
    "BASE",
    "CAMEO",
    "CAMEO_ACTOR",
    "CANONICAL",
    "CANONICAL_GRAPH",
    "DATASETS_GRAPH",
    "DATASET_GRAPHS",
    "DC",
    "DCAT",
    "DCTERMS",
    "DKG",
    "FILE_GRAPHS",
    "FORMATS",
    "GEO",
    "GEONAMES",
    "ID",
    "ISO639_1",
    "ISO639_2",
    "LDP",
    "OA",
    "ONTOLOGY_GRAPH",
    "ORG",
    "OWL",
    "OX",
    "PLOVER",
    "PREFIXES",
    "PROV",
    "QB",
    "RDF",
    "RDFS",
    "REFERENCE_GRAPH",
    "SCHEMA",
    "SD",
    "SEM",
    "SERVICE",
    "SKOS",
    "STAGING",
    "VIRTRDF",
    "WD",
    "XSD",
    "NodeNamespace",
    "actor_iri",
    "sparql_prefixes",
]

# ---------------------------------------------------------------------------- ours

BASE: Final = "https://w3id.org/diplomatic-kg/"
DKG: Final = Namespace(BASE + "ontology#")
ID: Final = Namespace(BASE + "id/")
#: The reference actors (``ontology/actors.ttl``): ``ACTOR["RUS.MFA"]``.
ACTOR: Final = Namespace(ID + "actor/")
CAMEO: Final = Namespace(BASE + "scheme/cameo/")
#: The CAMEO actor codes (``ontology/cameo.ttl``): an event record's source role.
CAMEO_ACTOR: Final = Namespace(BASE + "scheme/cameo-actor/")
PLOVER: Final = Namespace(BASE + "scheme/plover/")
#: Canonical events, built by ``kg fuse`` (``kg.fusion``).
CANONICAL: Final = Namespace(BASE + "canonical/")

#: Named graph holding ``ontology/kg.ttl`` (and the code-scheme alignments).
ONTOLOGY_GRAPH: Final = URIRef(BASE + "graph/ontology")
#: Named graph holding ``ontology/actors.ttl``, the reference actors.
REFERENCE_GRAPH: Final = URIRef(BASE + "graph/actors")
#: What the embedded store keeps in its default graph (the imported event datasets), a
#: SPARQL endpoint keeps in this named graph: ``RemoteStore`` reads and writes it as the
#: default graph, so that dumps, loads and queries are the same on both.
DATASETS_GRAPH: Final = URIRef(BASE + "graph/datasets")
#: Named graph holding the canonical events (``kg fuse``).
CANONICAL_GRAPH: Final = URIRef(BASE + "graph/canonical")
#: The graph of each dataset imported into a named graph: ``DATASET_GRAPHS["gdelt"]``.
DATASET_GRAPHS: Final = Namespace(BASE + "graph/dataset/")
#: The graph a triple file is loaded into when none is given, by the file's SHA-256.
FILE_GRAPHS: Final = Namespace(BASE + "graph/file/")

#: The ``$id`` of the JSON Schema of annotation files (``kg schema``).
ANNOTATION_SCHEMA: Final = BASE + "schema/annotation-1.json"
#: Graphs that ``RemoteStore.replace_graph`` writes before it moves them into place.
STAGING: Final = Namespace("urn:x-diplomatic-kg:staging:")
#: The SPARQL service, in its service description, when its URL is not a valid IRI.
SERVICE: Final = URIRef("urn:diplomatic-kg:sparql")

# ---------------------------------------------------------------------------- others'

SEM: Final = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
OA: Final = Namespace("http://www.w3.org/ns/oa#")
ORG: Final = Namespace("http://www.w3.org/ns/org#")
# One schema.org namespace, once: rdflib's SDO spelling.
SCHEMA: Final = Namespace("https://schema.org/")
WD: Final = Namespace("http://www.wikidata.org/entity/")
DCAT: Final = Namespace("http://www.w3.org/ns/dcat#")
#: The RDF Data Cube vocabulary (the daily aggregates, ``kg.importers.aggregates``).
QB: Final = Namespace("http://purl.org/linked-data/cube#")
#: The W3C Basic Geo (WGS84) vocabulary. Spelled here: rdflib's built-in WGS namespace
#: has ``https://`` where the vocabulary has ``http://``.
GEO: Final = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
#: GeoNames' IRIs for its features (``https://sws.geonames.org/<id>/``).
GEONAMES: Final = Namespace("https://sws.geonames.org/")
#: The Library of Congress's ISO 639 code lists, the IRIs DCAT advises for dcterms:language.
ISO639_1: Final = Namespace("http://id.loc.gov/vocabulary/iso639-1/")
ISO639_2: Final = Namespace("http://id.loc.gov/vocabulary/iso639-2/")
#: SPARQL 1.1 Service Description, and the W3C's IRIs of the result formats.
SD: Final = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS: Final = Namespace("http://www.w3.org/ns/formats/")
#: Virtuoso's own graphs (every Virtuoso holds them; ``kg.stores.sparql`` skips them).
VIRTRDF: Final = Namespace("http://www.openlinksw.com/schemas/virtrdf#")
LDP: Final = Namespace("http://www.w3.org/ns/ldp#")

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
    return ACTOR[actor_id]


def sparql_prefixes(*names: str) -> str:
    """``PREFIX`` lines for a query written in Python, from :data:`PREFIXES`.

    >>> print(sparql_prefixes("dkg", "xsd"))
    PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
    PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
    """
    return "\n".join(f"PREFIX {name}: <{PREFIXES[name]}>" for name in names)


# ---------------------------------------------------------------------------- pyoxigraph


class NodeNamespace:
    """A namespace whose terms are pyoxigraph ``NamedNode`` objects: what rdflib's
    ``Namespace`` is for ``URIRef``.

    ``ns.name`` is made once and kept (vocabulary terms are few and looked up often);
    ``ns["name"]`` is made on each call, for names that are not Python identifiers and for
    IRIs minted from data (a document, an actor), which are many and would not be worth
    keeping. The class has no public attribute of its own, so that any term name works
    (``OX.DKG.count``, which rdflib's ``str``-based namespace shadows with ``str.count``).

    >>> ns = NodeNamespace("https://e.org/")
    >>> ns.a, ns["b c"[0]], str(ns)
    (<NamedNode value=https://e.org/a>, <NamedNode value=https://e.org/b>, 'https://e.org/')
    >>> ns.a is ns.a
    True
    """

    def __init__(self, base: str) -> None:
        NamedNode(base)  # raises ValueError for a base that is no IRI
        self._base = str(base)

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):  # private and special names are never terms
            raise AttributeError(name)
        node = NamedNode(self._base + name)
        setattr(self, name, node)  # the next lookup finds it without calling here
        return node

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self._base + name)

    def __str__(self) -> str:
        return self._base

    def __repr__(self) -> str:
        return f"NodeNamespace({self._base!r})"


class OX:
    """The vocabulary as pyoxigraph terms, the form the store takes: each namespace above
    as a :class:`NodeNamespace` and each graph name as a ``NamedNode``.

    >>> OX.RDF.type.value
    'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
    >>> OX.ONTOLOGY_GRAPH.value == str(ONTOLOGY_GRAPH)
    True
    """

    DKG: Final = NodeNamespace(str(DKG))
    ID: Final = NodeNamespace(str(ID))
    ACTOR: Final = NodeNamespace(str(ACTOR))
    CAMEO: Final = NodeNamespace(str(CAMEO))
    CAMEO_ACTOR: Final = NodeNamespace(str(CAMEO_ACTOR))
    PLOVER: Final = NodeNamespace(str(PLOVER))
    CANONICAL: Final = NodeNamespace(str(CANONICAL))
    DATASET_GRAPHS: Final = NodeNamespace(str(DATASET_GRAPHS))
    FILE_GRAPHS: Final = NodeNamespace(str(FILE_GRAPHS))
    STAGING: Final = NodeNamespace(str(STAGING))
    SEM: Final = NodeNamespace(str(SEM))
    OA: Final = NodeNamespace(str(OA))
    ORG: Final = NodeNamespace(str(ORG))
    SCHEMA: Final = NodeNamespace(str(SCHEMA))
    WD: Final = NodeNamespace(str(WD))
    DCAT: Final = NodeNamespace(str(DCAT))
    QB: Final = NodeNamespace(str(QB))
    GEO: Final = NodeNamespace(str(GEO))
    GEONAMES: Final = NodeNamespace(str(GEONAMES))
    ISO639_1: Final = NodeNamespace(str(ISO639_1))
    ISO639_2: Final = NodeNamespace(str(ISO639_2))
    SD: Final = NodeNamespace(str(SD))
    FORMATS: Final = NodeNamespace(str(FORMATS))
    DC: Final = NodeNamespace(str(DC))
    DCTERMS: Final = NodeNamespace(str(DCTERMS))
    OWL: Final = NodeNamespace(str(OWL))
    PROV: Final = NodeNamespace(str(PROV))
    RDF: Final = NodeNamespace(str(RDF))
    RDFS: Final = NodeNamespace(str(RDFS))
    SKOS: Final = NodeNamespace(str(SKOS))
    XSD: Final = NodeNamespace(str(XSD))

    ONTOLOGY_GRAPH: Final = NamedNode(str(ONTOLOGY_GRAPH))
    REFERENCE_GRAPH: Final = NamedNode(str(REFERENCE_GRAPH))
    DATASETS_GRAPH: Final = NamedNode(str(DATASETS_GRAPH))
    CANONICAL_GRAPH: Final = NamedNode(str(CANONICAL_GRAPH))
    SERVICE: Final = NamedNode(str(SERVICE))
