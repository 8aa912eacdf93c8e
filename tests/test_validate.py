"""``kg validate``: the example conforms; a broken graph gives readable violations."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from kg import KnowledgeGraph
from kg.rdf import document_iri
from kg.vocab import OA


def test_the_seed_graph_conforms_to_the_shapes(seed_graph: KnowledgeGraph) -> None:
    report = seed_graph.validate()
    assert report.conforms, report.text()
    assert report.text().startswith("conforms:")


def test_an_evidence_offset_that_misses_the_quote_is_reported(seed_graph: KnowledgeGraph) -> None:
    graph = document_iri("belgorod-2023-12-30")
    position = next(
        q for q in seed_graph.store.quads(graph) if q.predicate == NamedNode(str(OA.end))
    )
    quads = [q for q in seed_graph.store.quads(graph) if q != position]
    shifted = Literal(str(int(position.object.value) + 1), datatype=position.object.datatype)
    quads.append(Quad(position.subject, position.predicate, shifted, graph))
    seed_graph.store.replace_graph(graph, quads)

    report = seed_graph.validate()
    assert not report.conforms
    assert any(
        "evidence" in v.message.lower() or "exact" in v.message.lower() for v in report.violations
    ), report.text()
    assert report.text().splitlines()[0].startswith("does not conform")


def test_a_reaction_without_an_agent_is_reported(seed_graph: KnowledgeGraph) -> None:
    graph = document_iri("belgorod-2023-12-30")
    agent = NamedNode("https://w3id.org/diplomatic-kg/ontology#agent")
    quads = list(seed_graph.store.quads(graph))
    dropped = next(q for q in quads if q.predicate == agent)
    seed_graph.store.replace_graph(graph, [q for q in quads if q != dropped])

    report = seed_graph.validate()
    assert not report.conforms
    assert any(v.focus.endswith(dropped.subject.value.rsplit("/", 1)[1]) for v in report.violations)
