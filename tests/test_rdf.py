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


def test_shortcut_triples_link_agents_to_targets(seed_graph: KnowledgeGraph) -> None:
    rows = seed_graph.query(
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
        "SELECT ?a ?b WHERE { ?a dkg:blames ?b }"
    )
    pairs = {(a.rsplit("/", 1)[1], b.rsplit("/", 1)[1]) for a, b in (r.values() for r in rows)}
    assert {("RUS", "USA"), ("RUS", "GBR"), ("RUS", "UKR")} == pairs


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
