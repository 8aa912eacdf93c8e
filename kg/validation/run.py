"""``validate_store``: the context, the documents a batch at a time, the datasets in
chunks (:mod:`kg.validation.datasets`), and the store's SPARQL constraints asked about
what changed."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode

from kg.store import KGStore
from kg.validate import SparqlConstraint, ValidationReport, sparql_violations
from kg.validation.datasets import validate_dataset
from kg.validation.pieces import (
    BATCH_TRIPLES,
    CHUNK_RECORDS,
    METHOD,
    REFERENCE,
    Changed,
    Collector,
    Digest,
    Progress,
    ValidationRun,
    Validator,
    graph_name,
    is_dataset,
    nt,
    read_cache,
    report_progress,
    write_cache,
)
from kg.vocab import DATASETS_GRAPH, ONTOLOGY_GRAPH, OX, REFERENCE_GRAPH


def validate_store(
    store: KGStore,
    shapes: Path,
    *,
    cache: Path | None = None,
    everything: bool = False,
    progress: Progress | None = None,
    batch_triples: int = BATCH_TRIPLES,
    chunk_records: int = CHUNK_RECORDS,
    jobs: int = 1,
) -> ValidationRun:
    """Validate ``store`` against ``shapes``, piece by piece (see :mod:`kg.validation`).

    With ``cache`` (a JSON file), graphs that conformed before and have not changed since
    are skipped unless ``everything``; without it every graph is validated. ``jobs``
    worker processes validate a dataset's chunks side by side.

    Examples
    --------
    >>> from kg import KnowledgeGraph
    >>> from kg.graph import ontology_dir
    >>> graph = KnowledgeGraph.memory()  # the ontology and actors only
    >>> run = validate_store(graph.store, ontology_dir() / "shapes.ttl")
    >>> run.report.conforms, run.validated, run.focus
    (True, ['reference'], ['https://w3id.org/diplomatic-kg/graph/actors'])
    """
    ontology = [nt(q.triple) for q in store.quads(OX.ONTOLOGY_GRAPH)]
    actors = [nt(q.triple) for q in store.quads(OX.REFERENCE_GRAPH)]
    context_digest = Digest()
    for line in (*ontology, *actors):
        context_digest.add(line)
    context_key = _context_key(context_digest, shapes)
    remembered: dict[str, str] = {}
    if cache is not None and not everything:
        remembered = read_cache(cache, context_key)
    validator = Validator(shapes, [*ontology, *actors])
    report = Collector()
    conforming: dict[str, str] = {}
    run = ValidationRun(ValidationReport(True))
    changed = Changed(store, validator.context)

    if remembered.get(REFERENCE) == context_digest.hexdigest():
        conforming[REFERENCE] = context_digest.hexdigest()
        run.skipped.append(REFERENCE)
    else:
        report_progress(progress, "the ontology and actors", 0, 1)
        found, _checked = validator.run([])
        report.add(found, len(ontology) + len(actors))
        if not found:
            conforming[REFERENCE] = context_digest.hexdigest()
        run.validated.append(REFERENCE)
        report_progress(progress, "the ontology and actors", 1, 1)

    documents: list[tuple[str, str, list[str]]] = []
    for graph in _data_graphs(store):
        if is_dataset(graph):
            validate_dataset(
                store, graph, validator, report, remembered, conforming, run, progress,
                chunk_records, changed, jobs,
            )  # fmt: skip
            continue
        name = graph_name(graph)
        lines = [nt(q.triple) for q in store.quads(graph)]
        digest = Digest()
        for line in lines:
            digest.add(line)
        if remembered.get(name) == digest.hexdigest():
            conforming[name] = digest.hexdigest()
            run.skipped.append(name)
        else:
            changed.add(name, lines)
            documents.append((name, digest.hexdigest(), lines))
    _validate_documents(documents, validator, report, conforming, run, progress, batch_triples)
    if run.validated:
        _sparql_constraints(store, validator, changed, report, conforming, run, progress)
    if cache is not None:
        write_cache(cache, context_key, conforming)
    run.report = report.report()
    return run


def _context_key(context: Digest, shapes: Path) -> str:
    """What every remembered digest depends on: the method, pySHACL, the context, the shapes."""
    import pyshacl

    return hashlib.sha256(
        "\0".join(
            (METHOD, pyshacl.__version__, context.hexdigest(), shapes.read_text("utf-8"))
        ).encode()
    ).hexdigest()


def _data_graphs(store: KGStore) -> Iterator[NamedNode | DefaultGraph]:
    """The graphs to validate beside the context: documents' and datasets' graphs, and the
    default graph (the imported datasets); not the catalogue of datasets."""
    context = (str(ONTOLOGY_GRAPH), str(REFERENCE_GRAPH), str(DATASETS_GRAPH))
    yield from (g for g in store.graphs() if g.value not in context)
    yield DefaultGraph()


def _sparql_constraints(
    store: KGStore,
    validator: Validator,
    changed: Changed,
    report: Collector,
    conforming: dict[str, str],
    run: ValidationRun,
    progress: Progress | None,
) -> None:
    """Ask the store's SPARQL constraints about what changed. A graph with a violation is
    not remembered, so it is asked again next run; a violation of the actor table's
    store-wide rules forgets every graph this run validated (one of them is the likely
    cause, and validating any of them again runs those rules again)."""
    report_progress(progress, "SPARQL constraints", 0, 1)
    asked: set[str] = set()

    def focus_nodes(constraint: SparqlConstraint) -> Iterator[NamedNode]:
        for node in changed.focus_nodes(constraint):
            asked.add(node.value)
            yield node

    found = sparql_violations(store, validator.sparql, validator.context, focus_nodes)
    run.focus = sorted(asked)
    report.add(found, 0)
    for focus, _violation in found:
        if focus in changed.graph:
            conforming.pop(changed.graph[focus], None)
        else:
            for name in run.validated:
                conforming.pop(name, None)
    report_progress(progress, "SPARQL constraints", 1, 1)


def _validate_documents(
    documents: list[tuple[str, str, list[str]]],
    validator: Validator,
    report: Collector,
    conforming: dict[str, str],
    run: ValidationRun,
    progress: Progress | None,
    batch_triples: int,
) -> None:
    """Validate document graphs a batch at a time; remember those without violations."""
    batches: list[list[tuple[str, str, list[str]]]] = [[]]
    size = 0
    for document in documents:
        if batches[-1] and size + len(document[2]) > batch_triples:
            batches.append([])
            size = 0
        batches[-1].append(document)
        size += len(document[2])
    done = 0
    for batch in batches:
        if not batch:
            continue
        owner: dict[str, str] = {}
        for name, _digest, lines in batch:
            for line in lines:
                owner[line.split(" ", 1)[0]] = name
        found, checked = validator.run(line for _n, _d, lines in batch for line in lines)
        report.add(found, checked)
        # A violation whose focus is in no graph of the batch (a blank node, renamed by
        # the parser; an actor) fails the whole batch: nothing of it is remembered.
        failed = {owner.get(focus) for focus, _violation in found}
        for name, digest, _lines in batch:
            run.validated.append(name)
            if name not in failed and None not in failed:
                conforming[name] = digest
        done += len(batch)
        report_progress(progress, "documents", done, len(documents))


