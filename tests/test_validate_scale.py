"""``kg validate`` in pieces: only what changed, datasets in chunks of records, ``--all``.

A real store on disk and a real cache file; the pieces validated are read from
``ValidationRun.validated``, so a test can say exactly which graphs were looked at.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from conftest import SEED_ANNOTATION
from kg import KnowledgeGraph
from kg.annotation import load_annotation
from kg.graph import ontology_dir
from kg.importers import import_files
from kg.rdf import document_iri
from kg.validation import ValidationRun, graph_digest, validate_store
from kg.validation.datasets import record_key
from kg.vocab import ID, REFERENCE_GRAPH

SHAPES = ontology_dir() / "shapes.ttl"
GDELT_SAMPLE = (
    Path(__file__).parent / "data" / "import" / "gdelt2_20191024143000_head600.export.CSV"
)
DKG = "https://w3id.org/diplomatic-kg/ontology#"
SEED = document_iri("belgorod-2023-12-30").value
COPY = document_iri("belgorod-copy").value


def validate(graph: KnowledgeGraph, cache: Path, **options: object) -> ValidationRun:
    return validate_store(graph.store, SHAPES, cache=cache, **options)  # type: ignore[arg-type]


@pytest.fixture()
def graph(tmp_path: Path) -> KnowledgeGraph:
    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.add_annotation(SEED_ANNOTATION)
    return kg


def add_copy(graph: KnowledgeGraph) -> None:
    doc = load_annotation(SEED_ANNOTATION, graph.registry)
    graph.add_document(doc.model_copy(update={"id": "belgorod-copy"}))


def drop_an_agent(graph: KnowledgeGraph, document: str) -> str:
    """Plant a violation: a reaction of ``document`` loses its dkg:agent; its IRI."""
    name = NamedNode(document)
    quads = list(graph.store.quads(name))
    agent = next(q for q in quads if q.predicate.value == DKG + "agent")
    graph.store.replace_graph(name, [q for q in quads if q != agent])
    return str(agent.subject.value)


def test_after_adding_one_document_only_that_document_is_validated(
    graph: KnowledgeGraph, tmp_path: Path
) -> None:
    cache = tmp_path / "validated.json"
    first = validate(graph, cache)
    assert (first.validated, first.skipped) == (["reference", SEED], [])
    assert first.report.conforms, first.report.text()
    add_copy(graph)
    second = validate(graph, cache)
    assert (second.validated, second.skipped) == ([COPY], ["reference", SEED])
    assert second.report.conforms, second.report.text()
    third = validate(graph, cache)
    assert (third.validated, third.skipped) == ([], ["reference", SEED, COPY])


def test_a_changed_document_is_validated_again_and_its_violation_reported(
    graph: KnowledgeGraph, tmp_path: Path
) -> None:
    cache = tmp_path / "validated.json"
    validate(graph, cache)
    drop_an_agent(graph, SEED)
    run = validate(graph, cache)
    assert run.validated == [SEED]
    assert not run.report.conforms
    again = validate(graph, cache)  # a graph that does not conform is never remembered
    assert again.validated == [SEED] and again.report.violations == run.report.violations


def test_all_validates_every_graph_and_finds_a_violation_the_memory_hid(
    graph: KnowledgeGraph, tmp_path: Path
) -> None:
    cache = tmp_path / "validated.json"
    add_copy(graph)
    validate(graph, cache)
    reaction = drop_an_agent(graph, SEED)
    # A wrong memory (as a stale cache could be): the changed graph taken as checked.
    remembered = json.loads(cache.read_text(encoding="utf-8"))
    remembered["graphs"][SEED] = graph_digest(graph.store, NamedNode(SEED))
    cache.write_text(json.dumps(remembered), encoding="utf-8")
    hidden = validate(graph, cache)
    assert (hidden.validated, hidden.report.conforms) == ([], True)
    everything = validate(graph, cache, everything=True)
    assert everything.validated == ["reference", SEED, COPY]
    assert not everything.report.conforms
    assert [v.line() for v in everything.report.violations] == [
        f"sh:Violation: {reaction} dkg:agent: A reaction has exactly one dkg:agent."
    ]


def test_dataset_chunks_find_a_violation_planted_in_one_record(tmp_path: Path) -> None:
    graph = KnowledgeGraph.open(tmp_path / "store")
    import_files(graph, "gdelt", [GDELT_SAMPLE])
    coded = sorted(
        {
            q.subject.value
            for q in graph.store.quads(DefaultGraph())
            if q.predicate.value == DKG + "occurredOn"
        }
    )
    assert len(coded) == 497
    planted = coded[100]
    bad = Quad(NamedNode(planted), NamedNode(DKG + "occurredOn"), Literal("2019-13-45"))
    graph.store.native.add(bad)  # type: ignore[attr-defined]
    steps: list[tuple[str, int, int]] = []
    run = validate_store(
        graph.store,
        SHAPES,
        chunk_records=125,
        progress=lambda what, done, total: steps.append((what, done, total)),
    )
    # 497 coded events and 24 aggregate observations: 5 chunks, then the shared triples.
    assert [s for s in steps if s[0] == "default: records"] == [
        ("default: records", n, 6) for n in range(1, 7)
    ]
    assert run.validated == ["reference", "default"]
    assert [v.line() for v in run.report.violations] == [
        f"sh:Violation: {planted} dkg:occurredOn: An event has at most one dkg:occurredOn.",
        f"sh:Violation: {planted} dkg:occurredOn: dkg:occurredOn is an xsd:date. "
        "(value: 2019-13-45)",
    ]


def test_worker_processes_validate_the_chunks_and_find_the_same_violation(
    imported: KnowledgeGraph,
) -> None:
    planted = sorted(_records_by_chunk(imported))[40]
    coded = NamedNode(f"{ID}coded/{planted}")
    imported.store.native.add(  # type: ignore[attr-defined]
        Quad(coded, NamedNode(DKG + "occurredOn"), Literal("2019-13-45"))
    )
    steps: list[tuple[str, int, int]] = []
    run = validate_store(
        imported.store,
        SHAPES,
        chunk_records=CHUNK,
        jobs=2,
        progress=lambda what, done, total: steps.append((what, done, total)),
    )
    assert run.chunks == {"default": (4, 0)}
    assert [s for s in steps if s[0] == "default: records"] == [
        ("default: records", n, 4) for n in range(1, 5)
    ]
    assert [v.line() for v in run.report.violations] == [
        f"sh:Violation: {coded.value} dkg:occurredOn: An event has at most one dkg:occurredOn.",
        f"sh:Violation: {coded.value} dkg:occurredOn: dkg:occurredOn is an xsd:date. "
        "(value: 2019-13-45)",
    ]


def _records_by_chunk(graph: KnowledgeGraph) -> dict[str, set[str]]:
    """Each record key of the default graph, with the N-Triples of its triples."""
    records: dict[str, set[str]] = {}
    for quad in graph.store.quads(DefaultGraph()):
        key = record_key(quad.subject)
        if key is not None:
            records.setdefault(key, set()).add(str(quad.triple))
    return records


_DAY = {DKG + "occurredOn", "http://semanticweb.cs.vu.nl/2009/11/sem/hasTimeStamp",
        "http://purl.org/dc/terms/date"}


def _by_day(graph: KnowledgeGraph, keys: Iterable[str]) -> list[str]:
    """Record keys in the order chunks are cut from: by the record's day, then its key."""
    day: dict[str, str] = {}
    for quad in graph.store.quads(DefaultGraph()):
        key = record_key(quad.subject)
        if key is not None and quad.predicate.value in _DAY:
            day[key] = quad.object.value
    return sorted(keys, key=lambda key: (day.get(key, ""), key))


#: Chunks of 50 records over the first 150 rows of the GDELT sample (and their days'
#: aggregate observations): several chunks, each cheap to validate.
CHUNK = 50


@pytest.fixture()
def imported(tmp_path: Path) -> KnowledgeGraph:
    rows = GDELT_SAMPLE.read_text(encoding="utf-8").splitlines()[:150]
    head = tmp_path / "head150.export.CSV"
    head.write_text("".join(row + "\n" for row in rows), encoding="utf-8")
    graph = KnowledgeGraph.open(tmp_path / "store")
    import_files(graph, "gdelt", [head])
    return graph


def test_a_new_import_revalidates_only_the_chunks_whose_records_changed(
    imported: KnowledgeGraph, tmp_path: Path
) -> None:
    cache = tmp_path / "validated.json"
    before = _records_by_chunk(imported)
    chunks = -(-len(before) // CHUNK)
    assert (len(before), chunks) == (136, 3)
    first = validate(imported, cache, chunk_records=CHUNK)
    # each chunk, and the shared triples (the dataset node, the actors' shortcuts)
    assert (first.chunks, first.report.conforms) == ({"default": (chunks + 1, 0)}, True)
    # Three rows of the sample again under new ids: GDELT's own duplicates, merged into
    # the events already there. The dataset node's sourceDigest changes too.
    rows = GDELT_SAMPLE.read_text(encoding="utf-8").splitlines()[:3]
    more = tmp_path / "more.export.CSV"
    more.write_text("".join("9" + row[1:] + "\n" for row in rows), encoding="utf-8")
    import_files(imported, "gdelt", [more])
    after = _records_by_chunk(imported)
    changed = {key for key in after if after[key] != before.get(key)}
    # Chunks are runs of CHUNK records in the order of their day, then their key.
    order = _by_day(imported, before)
    touched = {order.index(key) // CHUNK for key in changed}
    assert len(changed) == 3
    second = validate(imported, cache, chunk_records=CHUNK)
    # The touched chunks, and the shared triples (the dataset node changed): no other.
    assert second.chunks == {"default": (len(touched) + 1, chunks - len(touched))}
    assert second.report.conforms
    third = validate(imported, cache, chunk_records=CHUNK)
    assert (third.validated, third.skipped) == ([], ["reference", "default"])


def test_a_daily_update_revalidates_only_the_last_chunk(
    imported: KnowledgeGraph, tmp_path: Path
) -> None:
    cache = tmp_path / "validated.json"
    chunks = -(-len(_records_by_chunk(imported)) // CHUNK)
    first = validate(imported, cache, chunk_records=CHUNK)
    assert first.chunks == {"default": (chunks + 1, 0)}
    # Ten rows as the events of a later day (new ids, the day in SQLDATE and DATEADDED):
    # their records, and that day's aggregate observations, sort after every record.
    rows = GDELT_SAMPLE.read_text(encoding="utf-8").splitlines()[:10]
    update = tmp_path / "update.export.CSV"
    lines = []
    for n, row in enumerate(rows):
        fields = row.split("\t")
        fields[0] = str(3_000_000_000 + n)
        fields[1], fields[2], fields[3], fields[4] = "20191231", "201912", "2019", "2019.9973"
        fields[59] = "20191231000000"
        lines.append("\t".join(fields) + "\n")
    update.write_text("".join(lines), encoding="utf-8")
    import_files(imported, "gdelt", [update])
    second = validate(imported, cache, chunk_records=CHUNK)
    # the last chunk (grown, under twice the chunk size) and the shared triples
    assert second.chunks == {"default": (2, chunks - 1)}
    assert second.report.conforms, second.report.text()


def test_a_chunk_that_failed_is_validated_again_and_the_others_are_not(
    imported: KnowledgeGraph, tmp_path: Path
) -> None:
    cache = tmp_path / "validated.json"
    validate(imported, cache, chunk_records=CHUNK)
    records = _records_by_chunk(imported)
    planted = sorted(k for k in records if not k.startswith("aggregate/"))[7]
    subject = NamedNode(f"{ID}coded/{planted}")
    imported.store.native.add(  # type: ignore[attr-defined]
        Quad(subject, NamedNode(DKG + "occurredOn"), Literal("2019-13-45"))
    )
    chunks = -(-len(records) // CHUNK)
    for _ in range(2):  # a chunk that does not conform is never remembered
        run = validate(imported, cache, chunk_records=CHUNK)
        assert run.chunks == {"default": (1, chunks)}
        assert [v.focus for v in run.report.violations] == [subject.value, subject.value]


# --------------------------------------------------------------------------- SPARQL constraints
#
# The store answers the shapes' SPARQL constraints itself, asked only about what changed:
# the documents and datasets validated in this run, and the actor table's store-wide rules
# when anything was. ``ValidationRun.focus`` says whom they were asked about.

ACTORS_GRAPH = str(REFERENCE_GRAPH)
ACTOR = str(ID) + "actor/"


def test_the_sparql_constraints_are_asked_only_about_the_documents_that_changed(
    graph: KnowledgeGraph, tmp_path: Path
) -> None:
    cache = tmp_path / "validated.json"
    add_copy(graph)
    first = validate(graph, cache)
    assert first.focus == sorted([SEED, COPY, ACTORS_GRAPH])
    # A wrong digest: the shapes' datatype and pattern hold, only the SPARQL rule sees it.
    wrong = "0" * 64
    quads = list(graph.store.quads(NamedNode(COPY)))
    digest = next(q for q in quads if q.predicate.value == DKG + "sha256")
    graph.store.replace_graph(
        NamedNode(COPY),
        [q for q in quads if q != digest]
        + [Quad(digest.subject, digest.predicate, Literal(wrong), digest.graph_name)],
    )
    second = validate(graph, cache)
    assert (second.validated, second.focus) == ([COPY], sorted([COPY, ACTORS_GRAPH]))
    expected = [
        f"sh:Violation: {COPY}: dkg:sha256 {wrong} is not the SHA-256 of the document's "
        f"dkg:text. (value: {wrong})"
    ]
    assert [v.line() for v in second.report.violations] == expected
    third = validate(graph, cache)  # not remembered: asked again, and reported again
    assert (third.validated, third.focus) == ([COPY], sorted([COPY, ACTORS_GRAPH]))
    assert [v.line() for v in third.report.violations] == expected
    graph.store.replace_graph(NamedNode(COPY), quads)
    fourth = validate(graph, cache)
    assert (fourth.focus, fourth.report.conforms) == (sorted([COPY, ACTORS_GRAPH]), True)
    fifth = validate(graph, cache)
    assert (fifth.validated, fifth.focus, fifth.report.conforms) == ([], [], True)


SHORTCUTS = {"Support": "supports", "Threat": "threatens", "Condemnation": "condemns"}


def _reactions(graph: KnowledgeGraph) -> list[tuple[str, str, str, str]]:
    """(reaction, agent, target, shortcut) of the default graph's reactions with a target."""
    quads = list(graph.store.quads(DefaultGraph()))
    typed = {
        q.subject.value: SHORTCUTS[q.object.value.removeprefix(DKG)]
        for q in quads
        if q.object.value.removeprefix(DKG) in SHORTCUTS
    }
    agent = {q.subject.value: q.object.value for q in quads if q.predicate.value == DKG + "agent"}
    target = {
        q.subject.value: q.object.value for q in quads if q.predicate.value == DKG + "target"
    }
    return sorted(
        (r, agent[r], target[r], shortcut)
        for r, shortcut in typed.items()
        if r in agent and r in target
    )


def test_a_dataset_reaction_whose_shortcut_triple_is_gone_is_reported(
    imported: KnowledgeGraph, tmp_path: Path
) -> None:
    cache = tmp_path / "validated.json"
    first = validate(imported, cache, chunk_records=CHUNK)
    assert (first.focus, first.report.conforms) == (
        [ACTORS_GRAPH, str(ID) + "dataset/gdelt"],
        True,
    )
    reactions = _reactions(imported)
    assert len(reactions) == 1
    _reaction, agent, target, shortcut = reactions[0]
    imported.store.update(f"DELETE DATA {{ <{agent}> <{DKG}{shortcut}> <{target}> }}")
    second = validate(imported, cache, chunk_records=CHUNK)
    assert [v.line() for v in second.report.violations] == sorted(
        f"sh:Violation: {ID}dataset/gdelt: Reaction {r} has agent {a} and target {t} but the "
        f"shortcut triple {a} {DKG}{s} {t} is missing. (value: {r})"
        for r, a, t, s in reactions
        if (a, t, s) == (agent, target, shortcut)
    )


def test_a_dataset_reaction_whose_speaker_speaks_for_another_actor_is_reported(
    imported: KnowledgeGraph, tmp_path: Path
) -> None:
    cache = tmp_path / "validated.json"
    validate(imported, cache, chunk_records=CHUNK)
    reaction, agent, _target, _shortcut = next(
        r for r in _reactions(imported) if r[1] != ACTOR + "GBR"
    )
    foreign_office = ACTOR + "GBR.FCDO"
    imported.store.update(f"INSERT DATA {{ <{reaction}> <{DKG}speaker> <{foreign_office}> }}")
    run = validate(imported, cache, chunk_records=CHUNK)
    assert [v.line() for v in run.report.violations] == [
        f"sh:Violation: {ID}dataset/gdelt: Reaction {reaction}: the speaker {foreign_office} "
        f"does not speak for the agent {agent} (no dkg:speaksFor chain from the speaker to "
        f"the agent). (value: {reaction})"
    ]
