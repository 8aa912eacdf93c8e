"""Model → RDF: deterministic IRIs, nothing added on re-loading, one graph per document."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import BlankNode

from conftest import SEED_ANNOTATION
from kg import KnowledgeGraph
from kg.annotation import load_annotation
from kg.rdf import document_iri, document_quads


def test_mapping_the_same_document_twice_gives_the_same_quads() -> None:
    doc = load_annotation(SEED_ANNOTATION)
    assert document_quads(doc) == document_quads(load_annotation(SEED_ANNOTATION))


def test_no_blank_node_is_minted() -> None:
    quads = document_quads(load_annotation(SEED_ANNOTATION))
    assert not any(isinstance(t, BlankNode) for q in quads for t in (q.subject, q.object))


def test_every_quad_is_in_the_document_graph() -> None:
    doc = load_annotation(SEED_ANNOTATION)
    assert {q.graph_name for q in document_quads(doc)} == {document_iri(doc.id)}


def test_loading_the_same_document_twice_adds_nothing(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        first = kg.add_document(load_annotation(SEED_ANNOTATION))
        size = len(list(kg.store.quads()))
        second = kg.add_document(load_annotation(SEED_ANNOTATION))
        assert not first.unchanged and second.unchanged
        assert len(list(kg.store.quads())) == size


def test_a_corrected_document_replaces_its_graph_when_asked_to() -> None:
    kg = KnowledgeGraph.memory()
    doc = load_annotation(SEED_ANNOTATION)
    kg.add_document(doc)
    fewer = doc.model_copy(update={"reactions": doc.reactions[:1]})
    result = kg.add_document(fewer, replace=True)
    assert result.replaced
    assert len(kg.to_json()["reactions"]) == 1


def test_shortcut_triples_link_agents_to_targets_of_unhedged_reactions_only(
    seed_graph: KnowledgeGraph,
) -> None:
    """The seed's blame of Ukraine by Russia is hedged ("was allegedly targeted"): a
    shortcut would state it as a fact, so it has none, but it stays a reaction node."""
    rows = seed_graph.query(
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
        "SELECT ?a ?b WHERE { ?a dkg:blames ?b }"
    )
    pairs = sorted((r["a"].rsplit("/", 1)[1], r["b"].rsplit("/", 1)[1]) for r in rows.records())
    assert pairs == [("RUS", "GBR"), ("RUS", "USA")]
    hedged = seed_graph.query(
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
        "SELECT ?r ?a ?t WHERE { ?r a dkg:Blame ; dkg:hedged true ; dkg:agent ?a ; dkg:target ?t }",
        a=seed_graph.actor_term("RUS"),
        t=seed_graph.actor_term("UKR"),
    )
    assert len(hedged) == 1


def test_a_ceasefire_call_is_marked_on_the_agent(seed_graph: KnowledgeGraph) -> None:
    rows = seed_graph.query(
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
        "SELECT ?a WHERE { ?a dkg:callsForCeasefire true }"
    )
    assert rows.column("a") == ["https://w3id.org/diplomatic-kg/id/actor/UNSC"]


def test_an_event_of_no_named_kind_is_exported_as_other() -> None:
    from kg.model import Document, Event, Evidence

    text = "Something happened in Minsk."
    event = Event(
        id="e1", kind="other", country="BLR", evidence=[Evidence(text="Something", start=0, end=9)]
    )
    kg = KnowledgeGraph.memory()
    kg.add_document(Document(id="tiny", text=text, events=[event]))
    assert [e["kind"] for e in kg.to_json()["events"]] == ["other"]


# --------------------------------------------------------------------------- types


_PREFIXES = {
    "https://w3id.org/diplomatic-kg/ontology#": "dkg:",
    "http://semanticweb.cs.vu.nl/2009/11/sem/": "sem:",
    "http://www.w3.org/ns/oa#": "oa:",
    "http://www.w3.org/ns/prov#": "prov:",
    "https://schema.org/": "schema:",
}


def _curie(iri: str) -> str:
    for base, prefix in _PREFIXES.items():
        if iri.startswith(base):
            return prefix + iri[len(base) :]
    return iri


_GENERIC = """
PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES ?class { dkg:Reaction sem:Event dkg:Event dkg:Strike oa:Annotation prov:Entity }
  ?x a ?class
} GROUP BY ?class
"""


def test_a_generic_query_finds_instances_by_their_superclasses(
    seed_graph: KnowledgeGraph,
) -> None:
    """The store does no inference: the writers put the superclasses kg.ttl gives each
    class on the instances, so ``?r a dkg:Reaction`` finds a dkg:Blame."""
    counts = {_curie(r["class"]): r["n"] for r in seed_graph.query(_GENERIC).records()}
    assert counts == {
        "dkg:Reaction": 10,
        "sem:Event": 3,
        "dkg:Event": 3,
        "dkg:Strike": 2,  # the Belgorod strike and the missile strike
        # 12 quotes: 10 of reactions (2 shared), 4 of events, 1 of the attribution, less
        # the attribution's quote, which is also the hedged blame's (one node per span).
        "oa:Annotation": 12,
        # document 1 + events 3 + reactions 10 + evidence 12 + attributions 3 + figures 5
        "prov:Entity": 34,
    }


def test_every_instance_carries_the_closure_of_its_class_in_the_ontology() -> None:
    from kg.closure import types_of

    quads = document_quads(load_annotation(SEED_ANNOTATION))
    types: dict[str, set[str]] = {}
    for q in quads:
        if q.predicate.value.endswith("#type"):
            types.setdefault(q.subject.value, set()).add(q.object.value)
    for subject, classes in types.items():
        for cls in classes:
            assert set(types_of(cls)) <= classes, (subject, cls)


def test_a_dataset_record_carries_the_superclasses_of_its_classes() -> None:
    from pyoxigraph import RdfFormat, parse

    from kg.importers.nquads import QuadWriter
    from kg.importers.records import CodedRecord

    record = CodedRecord(
        dataset="gdelt", record_id="7", date="2019-10-24", code="190", kind="air_strike",
        source="RUS", target="UKR", country="UKR", confidence=0.5, fatalities=3,
    )
    lines = "".join(QuadWriter("gdelt").record(record, new=True))
    types: dict[str, set[str]] = {}
    for q in parse(lines.encode(), format=RdfFormat.N_QUADS):
        if q.predicate.value.endswith("#type"):
            kind = q.subject.value.split("/id/", 1)[1].split("/", 1)[0]
            types.setdefault(kind, set()).add(_curie(q.object.value))
    assert types == {
        "coded": {"dkg:CodedEvent", "dkg:AirStrike", "dkg:Strike", "dkg:Event", "sem:Event",
                  "prov:Entity"},
        "attribution": {"dkg:Attribution", "prov:Entity"},
        "quantity": {"dkg:CasualtyFigure", "schema:QuantitativeValue", "prov:Entity"},
    }


# --------------------------------------------------------------------------- identity


def test_correcting_the_hedge_of_a_reaction_keeps_its_iri(tmp_path: Path) -> None:
    """Identity is what the reaction is (document, type, agent, target, event, where it is
    first said), not what is said about it: flipping ``hedged`` in the annotation file
    replaces the document's graph but keeps every reaction IRI."""
    from conftest import SEED_TEXT

    text = SEED_ANNOTATION.read_text(encoding="utf-8")
    assert text.count("hedged: true\n    note:") == 1  # the blame of Ukraine by Russia
    corrected = tmp_path / "annotation.yaml"
    corrected.write_text(text.replace("hedged: true\n    note:", "hedged: false\n    note:"))
    (tmp_path / "article.txt").write_text(SEED_TEXT.read_text(encoding="utf-8"))
    kg = KnowledgeGraph.memory()
    kg.add_annotation(SEED_ANNOTATION)
    before = {r["id"]: r["hedged"] for r in kg.to_json()["reactions"]}
    kg.add_annotation(corrected, replace=True)
    after = {r["id"]: r["hedged"] for r in kg.to_json()["reactions"]}
    assert set(after) == set(before)
    assert [i for i in before if before[i] != after[i]] == [
        i for i in before if before[i] is True
    ]
    assert sum(1 for v in after.values() if v) == 0
