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


def test_a_corrected_document_replaces_its_graph() -> None:
    kg = KnowledgeGraph.memory()
    doc = load_annotation(SEED_ANNOTATION)
    kg.add_document(doc)
    fewer = doc.model_copy(update={"reactions": doc.reactions[:1]})
    result = kg.add_document(fewer)
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
