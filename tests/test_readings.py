"""Curated and extracted readings of an article: kept apart, never silently replaced, and
each saying how it was made (PROV-O)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

import kg as kg_package
from conftest import SEED_ANNOTATION, SEED_TEXT
from kg import KnowledgeGraph
from kg.graph import ReadingConflictError
from kg.reading import ReadingKind, reading_graph
from kg.vocab import DKG, ID, PROV, RDF, RDFS, SCHEMA, XSD

DOC_ID = "belgorod-2023-12-30"
CURATED = reading_graph(DOC_ID, ReadingKind.CURATED)
EXTRACTED = reading_graph(DOC_ID, ReadingKind.EXTRACTED)
#: When the test copies of the annotation were "saved" (their mtime is set to it).
SAVED = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def n(iri: object) -> NamedNode:
    return NamedNode(str(iri))


def kg_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=600,
    )


def seed_copy(folder: Path, *, annotator: str | None = None, reactions: int | None = None) -> Path:
    """The seed annotation in ``folder`` beside its article, saved at ``SAVED``; with
    ``reactions``, only its first reactions (a changed reading of the same document)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.txt").write_bytes(SEED_TEXT.read_bytes())
    text = SEED_ANNOTATION.read_text("utf-8")
    if annotator is not None:
        text = text.replace(f"id: {DOC_ID}", f"id: {DOC_ID}\n  annotator: {annotator}", 1)
    if reactions is not None:
        head, _, tail = text.partition("\nreactions:\n")
        items = tail.split("\n  - ")
        text = head + "\nreactions:\n" + "\n  - ".join(items[:reactions]) + "\n"
    path = folder / "annotation.yaml"
    path.write_text(text, "utf-8")
    os.utime(path, (SAVED.timestamp(), SAVED.timestamp()))
    return path


def graph_content(store: Path, graph: NamedNode) -> set[Quad]:
    with KnowledgeGraph.open(store, read_only=True) as kg:
        return set(kg.store.quads(graph))


def store_content(store: Path) -> set[Quad]:
    with KnowledgeGraph.open(store, read_only=True) as kg:
        return set(kg.store.quads())


# ----------------------------------------------------------------------------- kg add


def test_adding_a_changed_annotation_under_an_existing_id_is_refused_saying_what_it_replaces(
    tmp_path: Path,
) -> None:
    store = tmp_path / "store"
    assert kg_cli("add", "--store", store, seed_copy(tmp_path / "v1")).returncode == 0
    before = store_content(store)
    changed = seed_copy(tmp_path / "v2", reactions=2)
    run = kg_cli("add", "--store", store, changed)
    assert run.returncode == 1
    assert run.stderr == (
        f"error: {changed}: {DOC_ID} already holds a curated reading (10 reactions, 3 events); "
        "pass --replace to replace it\n"
    )
    assert store_content(store) == before


def test_replace_lets_a_changed_annotation_replace_the_curated_reading(tmp_path: Path) -> None:
    store = tmp_path / "store"
    kg_cli("add", "--store", store, seed_copy(tmp_path / "v1"))
    run = kg_cli("add", "--replace", "--store", store, seed_copy(tmp_path / "v2", reactions=2))
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"replaced: {DOC_ID} (")
    with KnowledgeGraph.open(store, read_only=True) as kg:
        assert len(kg.to_json()["reactions"]) == 2


def test_adding_the_same_annotation_again_is_a_no_op_that_keeps_the_first_provenance(
    tmp_path: Path,
) -> None:
    """Saving the file again changes its time, not its reading: nothing is rewritten."""
    store = tmp_path / "store"
    path = seed_copy(tmp_path / "v1")
    kg_cli("add", "--store", store, path)
    before = store_content(store)
    os.utime(path, None)  # saved again, unchanged
    run = kg_cli("add", "--store", store, path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"unchanged: {DOC_ID} (")
    assert store_content(store) == before


def test_one_conflicting_file_among_several_writes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    kg_cli("add", "--store", store, seed_copy(tmp_path / "v1"))
    before = store_content(store)
    other = tmp_path / "other" / "annotation.yaml"
    other.parent.mkdir()
    other.write_text(
        "document:\n  id: other-doc\n  text: Moscow condemned the strike.\n"
        "reactions:\n  - {type: condemns, agent: RUS, evidence: condemned}\n",
        "utf-8",
    )
    run = kg_cli("add", "--store", store, other, seed_copy(tmp_path / "v2", reactions=1))
    assert run.returncode == 1
    assert store_content(store) == before


# ----------------------------------------------------------------------------- kg ingest


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[Quad], Path]:
    """A store with the curated reading, then ``kg ingest`` of the same article (its folder
    names it, so the extracted reading gets the same document id)."""
    folder = tmp_path_factory.mktemp("ingest")
    store = folder / "store"
    annotation = seed_copy(folder / DOC_ID)
    assert kg_cli("add", "--store", store, annotation).returncode == 0
    curated = graph_content(store, CURATED)
    run = kg_cli("ingest", "--store", store, folder / DOC_ID / "article.txt")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"added: {DOC_ID} (3 events, 8 reactions, ")
    return store, curated, folder


def test_ingesting_an_article_with_a_curated_reading_adds_the_extracted_one_beside_it(
    ingested: tuple[Path, set[Quad], Path],
) -> None:
    store, curated, _ = ingested
    assert graph_content(store, CURATED) == curated  # not one quad of it touched
    with KnowledgeGraph.open(store, read_only=True) as kg:
        assert [(r["id"], r["reading"], r["graph"]) for r in kg.readings()] == [
            (DOC_ID, "curated", CURATED.value),
            (DOC_ID, "extracted", EXTRACTED.value),
        ]
        assert kg.documents() == [DOC_ID]
        view = kg.to_json()
    by_reading: dict[str, int] = {}
    for reaction in view["reactions"]:
        by_reading[reaction["reading"]] = by_reading.get(reaction["reading"], 0) + 1
    assert by_reading == {"curated": 10, "extracted": 8}
    assert [d["reading"] for d in view["documents"]] == ["curated", "extracted"]


def test_the_two_readings_share_no_event_reaction_or_evidence_node(
    ingested: tuple[Path, set[Quad], Path],
) -> None:
    store, _, _ = ingested
    curated = {q.subject for q in graph_content(store, CURATED)}
    extracted = {q.subject for q in graph_content(store, EXTRACTED)}
    shared = {s.value.split("/id/", 1)[1].split("/", 1)[0] for s in curated & extracted}
    # Places and the shortcut triples on actors are shared on purpose; nothing read is.
    assert shared == {"actor", "place"}


def test_ingesting_the_same_article_again_changes_nothing(
    ingested: tuple[Path, set[Quad], Path],
) -> None:
    store, _, folder = ingested
    before = store_content(store)
    run = kg_cli("ingest", "--store", store, folder / DOC_ID / "article.txt")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"unchanged: {DOC_ID} (")
    assert store_content(store) == before


def test_ingesting_a_different_text_under_the_id_is_refused_unless_replace(
    ingested: tuple[Path, set[Quad], Path], tmp_path: Path
) -> None:
    store, curated, _ = ingested
    article = tmp_path / DOC_ID / "article.txt"
    article.parent.mkdir()
    article.write_text(SEED_TEXT.read_text("utf-8").split("Repercussions")[0], "utf-8")
    before = store_content(store)
    run = kg_cli("ingest", "--store", store, article)
    assert run.returncode == 1
    assert run.stderr == (
        f"error: {article}: {DOC_ID} already holds an extracted reading (8 reactions, "
        "3 events); pass --replace to replace it\n"
    )
    assert store_content(store) == before
    run = kg_cli("ingest", "--replace", "--store", store, article)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"replaced: {DOC_ID} (")
    assert graph_content(store, CURATED) == curated


# ----------------------------------------------------------------------------- Python API


def test_the_python_api_refuses_a_changed_reading_and_replaces_it_when_asked(
    tmp_path: Path,
) -> None:
    kg = KnowledgeGraph.memory()
    kg.add_annotation(seed_copy(tmp_path / "v1"))
    changed = seed_copy(tmp_path / "v2", reactions=3)
    with pytest.raises(ReadingConflictError) as caught:
        kg.add_annotation(changed)
    assert str(caught.value) == (
        f"{DOC_ID} already holds a curated reading (10 reactions, 3 events); "
        "pass --replace to replace it"
    )
    kg.add_annotation(changed, replace=True)
    assert len(kg.to_json()["reactions"]) == 3

    text = SEED_TEXT.read_text("utf-8")
    kg.ingest_text(text, doc_id=DOC_ID)
    with pytest.raises(ReadingConflictError):
        kg.ingest_text(text[:900], doc_id=DOC_ID)
    kg.ingest_text(text[:900], doc_id=DOC_ID, replace=True)
    assert {r["reading"] for r in kg.readings()} == {"curated", "extracted"}
    assert len(kg.to_json()["reactions"]) == 3 + len(
        [r for r in kg.to_json()["reactions"] if r["reading"] == "extracted"]
    )


def test_removing_a_document_removes_both_readings(tmp_path: Path) -> None:
    kg = KnowledgeGraph.memory()
    kg.add_annotation(seed_copy(tmp_path))
    kg.ingest_text(SEED_TEXT.read_text("utf-8"), doc_id=DOC_ID)
    kg.remove_document(DOC_ID, ReadingKind.EXTRACTED)
    assert [r["reading"] for r in kg.readings()] == ["curated"]
    kg.remove_document(DOC_ID)
    assert kg.readings() == []


# ----------------------------------------------------------------------------- provenance


def test_a_curated_reading_was_generated_by_a_curation_with_its_annotator_and_time(
    tmp_path: Path,
) -> None:
    kg = KnowledgeGraph.memory()
    kg.add_annotation(seed_copy(tmp_path, annotator="A. Curator"))
    quads = set(kg.store.quads(CURATED))
    generated = [q for q in quads if q.subject == CURATED and q.predicate == n(PROV.wasGeneratedBy)]
    assert len(generated) == 1
    activity = generated[0].object
    assert isinstance(activity, NamedNode)
    described = {(q.subject, q.predicate, q.object) for q in quads if q.subject == activity}
    person = next(o for _, p, o in described if p == n(PROV.wasAssociatedWith))
    assert isinstance(person, NamedNode)
    assert described == {
        (activity, n(RDF.type), n(DKG.Curation)),
        (activity, n(RDF.type), n(PROV.Activity)),  # its superclass, for generic PROV queries
        (activity, n(PROV.wasAssociatedWith), person),
        (activity, n(PROV.endedAtTime), Literal("2024-01-02T03:04:05Z", datatype=n(XSD.dateTime))),
    }
    assert {(q.predicate, q.object) for q in quads if q.subject == person} == {
        (n(RDF.type), n(PROV.Person)),
        (n(RDFS.label), Literal("A. Curator")),
    }
    assert kg.readings()[0]["annotator"] == "A. Curator"
    assert kg.readings()[0]["ended"] == "2024-01-02T03:04:05Z"


def test_a_curated_reading_without_an_annotator_names_no_agent(tmp_path: Path) -> None:
    kg = KnowledgeGraph.memory()
    kg.add_annotation(seed_copy(tmp_path))
    assert not any(q.predicate == n(PROV.wasAssociatedWith) for q in kg.store.quads(CURATED))


def test_an_extracted_reading_was_generated_by_this_extractor_version_without_a_model() -> None:
    kg = KnowledgeGraph.memory()
    kg.ingest_text(SEED_TEXT.read_text("utf-8"), doc_id=DOC_ID)
    quads = set(kg.store.quads(EXTRACTED))
    activity = next(
        q.object for q in quads if q.subject == EXTRACTED and q.predicate == n(PROV.wasGeneratedBy)
    )
    assert isinstance(activity, NamedNode)
    described = {q.predicate: q.object for q in quads if q.subject == activity}
    assert set(described) == {
        n(RDF.type),
        n(PROV.wasAssociatedWith),
        n(PROV.startedAtTime),
        n(PROV.endedAtTime),
    }  # and no dkg:extractionModel: the rule-based extractor uses none
    types = {q.object for q in quads if q.subject == activity and q.predicate == n(RDF.type)}
    assert types == {n(DKG.Extraction), n(PROV.Activity)}
    started, ended = described[n(PROV.startedAtTime)], described[n(PROV.endedAtTime)]
    assert isinstance(started, Literal) and isinstance(ended, Literal)
    assert started.datatype == ended.datatype == n(XSD.dateTime)
    assert started.value <= ended.value
    agent = described[n(PROV.wasAssociatedWith)]
    assert agent.value.startswith(str(ID["agent/software/"]))  # type: ignore[union-attr]
    assert {(q.predicate, q.object) for q in quads if q.subject == agent} == {
        (n(RDF.type), n(PROV.SoftwareAgent)),
        (n(RDFS.label), Literal("kg extract")),
        (n(SCHEMA.softwareVersion), Literal(kg_package.__version__)),
    }
    row = kg.readings()[0]
    assert (row["reading"], row["software"], row["version"], row["model"]) == (
        "extracted",
        "kg extract",
        kg_package.__version__,
        None,
    )


def test_a_store_with_both_readings_conforms_to_the_shapes(tmp_path: Path) -> None:
    kg = KnowledgeGraph.memory()
    kg.add_annotation(seed_copy(tmp_path, annotator="A. Curator"))
    kg.ingest_text(SEED_TEXT.read_text("utf-8"), doc_id=DOC_ID)
    report = kg.validate()
    assert report.conforms, report.text()
