"""The RDF exports stand on their own: the Turtle export validates with the ontology and the
shapes alone, and the JSON-LD export is compact JSON-LD that reads back to the same graph."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
import rdflib
from pyshacl import validate
from rdflib import RDF, RDFS, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, XSD

from kg import KnowledgeGraph
from kg.annotation import EXAMPLES
from kg.export import jsonld_context

DKG = Namespace("https://w3id.org/diplomatic-kg/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
ACTOR = "https://w3id.org/diplomatic-kg/id/actor/"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    """The store `make demo` builds: every example annotation, on disk."""
    graph = KnowledgeGraph.open(tmp_path_factory.mktemp("demo") / "store")
    for annotation in sorted(EXAMPLES.glob("*/annotation.yaml")):
        graph.add_annotation(annotation)
    return graph


@pytest.fixture(scope="module")
def turtle(demo: KnowledgeGraph) -> rdflib.Graph:
    return rdflib.Graph().parse(data=demo.export("ttl").decode("utf-8"), format="turtle")


def test_turtle_export_plus_ontology_conforms_to_the_shapes_with_no_other_file(
    turtle: rdflib.Graph,
) -> None:
    """Before the closure, the members' organisations (UN, G20, G7, EU) were referenced but not
    described and the shapes reported 12 violations; nothing else may be needed."""
    data = rdflib.Graph()
    for triple in turtle:
        data.add(triple)
    data.parse(ONTOLOGY / "kg.ttl")
    shapes = rdflib.Graph().parse(ONTOLOGY / "shapes.ttl")
    conforms, report, text = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    results = list(report.subjects(rdflib.RDF.type, rdflib.SH.ValidationResult))
    assert (conforms, len(results)) == (True, 0), text


def test_turtle_export_describes_the_organisations_its_actors_are_members_of(
    turtle: rdflib.Graph,
) -> None:
    described = {
        str(s).removeprefix(ACTOR)
        for s in turtle.subjects(rdflib.RDF.type, None)
        if str(s).startswith(ACTOR)
    }
    # The seed names RUS, UKR, USA, GBR, POL, NATO, UNSC and two Russian ministries; UN, G20,
    # G7 and EU come in only as organisations those are members or units of. Nothing else.
    assert described == {
        "EU",
        "G20",
        "G7",
        "GBR",
        "NATO",
        "POL",
        "RUS",
        "RUS.MFA",
        "RUS.MOD",
        "UKR",
        "UN",
        "UNSC",
        "USA",
    }


# --------------------------------------------------------------------------------- JSON-LD

KGID = "https://w3id.org/diplomatic-kg/id/"
HEDGED_BLAME_QUOTE = "was allegedly targeted directly by Ukrainian forces"


@pytest.fixture(scope="module")
def jsonld(demo: KnowledgeGraph) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(demo.export("jsonld"))
    return document


def nodes_of_type(document: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    def types(node: dict[str, Any]) -> list[str]:
        value = node.get("type", [])
        return value if isinstance(value, list) else [value]

    return [node for node in document["@graph"] if kind in types(node)]


def test_jsonld_export_reads_back_as_the_same_graph_as_the_turtle_export(
    jsonld: dict[str, Any], turtle: rdflib.Graph
) -> None:
    back = rdflib.Graph().parse(data=json.dumps(jsonld), format="json-ld")
    assert (len(back), isomorphic(back, turtle)) == (len(turtle), True)
    # `kg load` reads JSON-LD with Oxigraph's parser: the same triples there too.
    oxigraph = pyoxigraph.parse(json.dumps(jsonld).encode(), format=pyoxigraph.RdfFormat.JSON_LD)
    assert len(set(oxigraph)) == len(turtle)


def test_jsonld_export_is_compacted_with_the_shipped_context(jsonld: dict[str, Any]) -> None:
    shipped = json.loads((ONTOLOGY / "context.jsonld").read_text(encoding="utf-8"))
    assert jsonld["@context"] == shipped["@context"]
    blames = nodes_of_type(jsonld, "Blame")
    hedged = [b for b in blames if b["hedged"] is True]
    assert len(blames) == 3
    assert [(b["agent"], b["target"], b["about"][:10]) for b in hedged] == [
        ("kgid:actor/RUS", "kgid:actor/UKR", "kgid:event")
    ]


def test_jsonld_integers_and_booleans_are_plain_json_values(jsonld: dict[str, Any]) -> None:
    figures = nodes_of_type(jsonld, "CasualtyFigure")
    assert sorted((f["minValue"], f.get("maxValue")) for f in figures) == [
        (2, None),
        (13, None),
        (24, None),
        (39, None),
        (111, 111),
    ]
    assert {type(b["hedged"]) for b in nodes_of_type(jsonld, "Blame")} == {bool}


def test_jsonld_evidence_has_the_web_annotation_shape(jsonld: dict[str, Any]) -> None:
    """ "type": "Annotation", its target inside it with the source and both selectors,
    offsets as numbers: what a Web Annotation client expects."""
    annotations = nodes_of_type(jsonld, "Annotation")
    assert len(annotations) == len(nodes_of_type(jsonld, "Evidence")) == 12
    [evidence] = [
        a
        for a in annotations
        if any(s.get("exact") == HEDGED_BLAME_QUOTE for s in a["target"]["selector"])
    ]
    target = evidence["target"]
    assert evidence["motivation"] == "describing"
    assert (target["type"], target["source"]) == (
        "SpecificResource",
        "kgid:doc/belgorod-2023-12-30",
    )
    selectors = {s["type"]: s for s in target["selector"]}
    assert set(selectors) == {"TextQuoteSelector", "TextPositionSelector"}
    position = selectors["TextPositionSelector"]
    assert (position["start"], position["end"]) == (618, 669)
    assert selectors["TextQuoteSelector"]["prefix"] == "meters from the Ukraine border, "


def test_the_contexts_are_package_data() -> None:
    """`pip install` must ship the contexts with the package, not only the checkout."""
    config = tomllib.loads((ONTOLOGY.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert "ontology/*.jsonld" in config["tool"]["setuptools"]["package-data"]["kg"]
    assert jsonld_context("context.jsonld") == json.loads(
        (ONTOLOGY / "context.jsonld").read_text(encoding="utf-8")
    )


def test_json_view_read_as_json_ld_gives_the_triples_of_a_reaction(demo: KnowledgeGraph) -> None:
    """The json view carries its @context: a JSON-LD processor (here rdflib's) reads the
    hedged blame as the same statements the graph holds about it."""
    view = demo.to_json()
    graph = rdflib.Graph().parse(data=json.dumps(view), format="json-ld")
    [reaction] = [r for r in view["reactions"] if r["type"] == "blames" and r["hedged"]]
    node = URIRef(reaction["id"])
    evidence = graph.value(node, DKG.hasEvidence)
    statements = {(p, o) for p, o in graph.predicate_objects(node) if p != DKG.hasEvidence}
    assert statements == {
        (RDF.type, DKG.Blame),
        (DKG.agent, URIRef(KGID + "actor/RUS")),
        (DKG.target, URIRef(KGID + "actor/UKR")),
        (DKG.about, URIRef(reaction["about_event"])),
        (DKG.hedged, Literal(True)),
        (PROV.wasDerivedFrom, URIRef(KGID + "doc/belgorod-2023-12-30")),
        # The day of the statement, which the graph keeps as sem:hasTimeStamp.
        (SEM.hasTimeStamp, Literal("2023-12-30", datatype=XSD.date)),
        (DKG.dateSource, Literal("document")),
    }
    assert set(graph.predicate_objects(evidence)) == {
        (OA.exact, Literal(HEDGED_BLAME_QUOTE)),
        (OA.start, Literal(618)),
        (OA.end, Literal(669)),
        (OA.hasSource, URIRef(KGID + "doc/belgorod-2023-12-30")),
    }
    russia = URIRef(KGID + "actor/RUS")
    assert set(graph.predicate_objects(russia)) == {
        (RDF.type, DKG.State),
        (RDFS.label, Literal("Russia", lang="en")),
        (OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q159")),
    }
