"""``kg validate`` at scale: only what changed, in bounded pieces, with progress.

Validating the whole store in one pySHACL run grows faster than the store (2.9 s on 11k
triples, more than 10 minutes on 455k). The store is instead cut into pieces that the
shapes see one at a time, each with the **context** every piece needs: the ontology graph
(its ``rdfs:subClassOf`` axioms drive ``sh:targetClass`` and ``sh:class``) and the reference
actors graph (``sh:class dkg:Actor``, ``dkg:speaksFor`` chains).

* The context alone is one piece (``reference``): the actor table rules, the ontology.
* A document graph is one piece; documents are validated together, a batch at a time, up
  to :data:`BATCH_TRIPLES` triples.
* A dataset graph (the default graph, or a ``graph/dataset/...`` graph) is cut into chunks
  of records. A record is a coded event with its reaction and attribution (the same key
  under ``id/coded/``, ``id/reaction/``, ``id/attribution/``) or one aggregate observation;
  records are independent, so a chunk is validated with the context and the *shared*
  triples its records point to (the dataset node, the actors' shortcut triples such as
  ``RUS dkg:condemns UKR``). The shared triples are also validated on their own.
* The shapes' SPARQL constraints (the actor table's, each document's, each dataset's) are
  taken out of what pySHACL runs and answered by the store itself, over all its graphs
  (:func:`kg.validate.sparql_violations`): they look across pieces (every shortcut triple
  backed by a reaction somewhere), and rdflib's SPARQL engine spent half of a validation
  in them. They are asked only about what changed (:class:`_Changed`): the documents and
  datasets validated in this run, and the actor table's store-wide rules when anything
  was; when nothing changed they are not run at all.

A graph is skipped when it is unchanged since it last conformed under the same shapes,
ontology, actors and pySHACL: its **digest** (an order-independent hash of its triples) is
remembered, per store, in a small JSON file (:func:`cache_path`). A graph that does not
conform is never remembered, so its violations are reported on every run; ``everything``
(``kg validate --all``) ignores what was remembered. Chunks are written to a temporary
folder as N-Triples while the graph is read once, so memory stays bounded by a chunk.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from pyoxigraph import DefaultGraph, NamedNode, Triple
from rdflib.namespace import RDFS

from kg.config import settings
from kg.store import KGStore
from kg.validate import (
    SparqlConstraint,
    ValidationReport,
    Violation,
    all_focus_nodes,
    shacl_violations,
    sparql_violations,
    split_sparql_constraints,
)
from kg.vocab import DATASETS_GRAPH, ID, ONTOLOGY_GRAPH, REFERENCE_GRAPH

__all__ = [
    "BATCH_TRIPLES",
    "CHUNK_RECORDS",
    "ValidationRun",
    "cache_path",
    "graph_digest",
    "validate_store",
]

#: Documents validated together in one pySHACL run, up to this many triples.
BATCH_TRIPLES = 20_000
#: Records of a dataset validated together in one pySHACL run (about 7 triples each): the
#: context (ontology, actors) is validated again with every chunk, about 1.5 s CPU.
CHUNK_RECORDS = 5_000
#: Bumped when the way pieces are cut or validated changes: forgets every remembered digest.
METHOD = "2"
REFERENCE = "reference"
DATASET_GRAPHS = str(ID).replace("/id/", "/graph/dataset/")
_RECORD = re.compile(re.escape(str(ID)) + r"(coded|reaction|attribution|aggregate)/([^/]+)/(.+)\Z")

_RDF_TYPE = "> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <"

#: ``progress(description, done, total)``, called as pieces are validated.
Progress = Callable[[str, int, int], None]


@dataclass
class ValidationRun:
    """What one ``validate_store`` did: the report, and which graphs it validated
    (``reference`` for the ontology and actors) or skipped as unchanged."""

    report: ValidationReport
    validated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    #: For each dataset graph validated: its chunks validated, and those skipped as
    #: unchanged since they conformed.
    chunks: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: The focus nodes the store's SPARQL constraints were asked about (IRIs, sorted): the
    #: changed documents and datasets, and the actors graph when anything changed.
    focus: list[str] = field(default_factory=list)


def cache_path(location: str) -> Path:
    """Where the digests of a store's conforming graphs are remembered:
    ``$KG_VALIDATION_CACHE`` (a folder), else ``$XDG_CACHE_HOME/diplomatic-kg/validated``,
    one file per store location (resolved path or endpoint URL)."""
    if not location.startswith(("http://", "https://")):
        location = str(Path(location).resolve())
    folder = settings().validation_cache
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "diplomatic-kg" / "validated"
    name = hashlib.sha256(location.encode("utf-8")).hexdigest()[:24]
    return folder / f"{name}.json"


class _Digest:
    """An order-independent digest of a set of triples (sum of 128-bit hashes)."""

    def __init__(self) -> None:
        self.total = 0
        self.count = 0

    def add(self, line: str) -> None:
        self.total += int.from_bytes(hashlib.blake2b(line.encode(), digest_size=16).digest())
        self.count += 1

    def hexdigest(self) -> str:
        return f"{self.count}:{self.total % (1 << 128):032x}"


def graph_digest(store: KGStore, graph: NamedNode | DefaultGraph) -> str:
    """The digest remembered for a graph that conformed: its triple count and an
    order-independent hash of its triples."""
    digest = _Digest()
    for quad in store.quads(graph):
        digest.add(_nt(quad.triple))
    return digest.hexdigest()


def _graph_name(graph: NamedNode | DefaultGraph) -> str:
    return "default" if isinstance(graph, DefaultGraph) else graph.value


def _is_dataset(graph: NamedNode | DefaultGraph) -> bool:
    return isinstance(graph, DefaultGraph) or graph.value.startswith(DATASET_GRAPHS)


def _record_key(subject: object) -> str | None:
    """The record a subject belongs to, or None for a shared subject (an actor, a
    dataset node, a blank node: included wherever a record points to it)."""
    if not isinstance(subject, NamedNode):
        return None
    match = _RECORD.match(subject.value)
    if match is None:
        return None
    kind, dataset, key = match.groups()
    return f"{dataset}/{key}" if kind != "aggregate" else f"aggregate/{dataset}/{key}"


class _Validator:
    """pySHACL with the shapes parsed once (their SPARQL constraints set apart, run on the
    store) and the context graph built once."""

    def __init__(self, shapes: Path, context: list[str]) -> None:
        self.shapes, self.sparql = split_sparql_constraints(
            rdflib.Graph().parse(shapes, format="turtle")
        )
        self.context = rdflib.Graph().parse(data="\n".join(context), format="nt")
        self.context.bind("dkg", "https://w3id.org/diplomatic-kg/ontology#")
        self.context.bind("id", "https://w3id.org/diplomatic-kg/id/")

    def run(self, lines: Iterable[str]) -> tuple[list[tuple[str, Violation]], int]:
        """Violations (with the focus node's N-Triples term) of ``lines`` plus the context;
        and how many data triples were checked, the context not counted."""
        data = rdflib.Graph()
        data += self.context
        before = len(data)
        data.parse(data="\n".join(lines), format="nt")
        return shacl_violations(data, self.shapes), len(data) - before


def _nt(triple: Triple) -> str:
    return f"{triple} ."


def validate_store(
    store: KGStore,
    shapes: Path,
    *,
    cache: Path | None = None,
    everything: bool = False,
    progress: Progress | None = None,
    batch_triples: int = BATCH_TRIPLES,
    chunk_records: int = CHUNK_RECORDS,
) -> ValidationRun:
    """Validate ``store`` against ``shapes``, piece by piece (see the module docstring).

    With ``cache`` (a JSON file), graphs that conformed before and have not changed since
    are skipped unless ``everything``; without it every graph is validated.
    """
    ontology = [_nt(q.triple) for q in store.quads(NamedNode(str(ONTOLOGY_GRAPH)))]
    actors = [_nt(q.triple) for q in store.quads(NamedNode(str(REFERENCE_GRAPH)))]
    context_digest = _Digest()
    for line in (*ontology, *actors):
        context_digest.add(line)
    context_key = _context_key(context_digest, shapes)
    remembered: dict[str, str] = {}
    if cache is not None and not everything:
        remembered = _read_cache(cache, context_key)
    validator = _Validator(shapes, [*ontology, *actors])
    report = _Collector()
    conforming: dict[str, str] = {}
    run = ValidationRun(ValidationReport(True))
    changed = _Changed(store, validator.context)

    if remembered.get(REFERENCE) == context_digest.hexdigest():
        conforming[REFERENCE] = context_digest.hexdigest()
        run.skipped.append(REFERENCE)
    else:
        _progress(progress, "the ontology and actors", 0, 1)
        found, _checked = validator.run([])
        report.add(found, len(ontology) + len(actors))
        if not found:
            conforming[REFERENCE] = context_digest.hexdigest()
        run.validated.append(REFERENCE)
        _progress(progress, "the ontology and actors", 1, 1)

    documents: list[tuple[str, str, list[str]]] = []
    for graph in _data_graphs(store):
        if _is_dataset(graph):
            _validate_dataset(
                store, graph, validator, report, remembered, conforming, run, progress,
                chunk_records, changed,
            )  # fmt: skip
            continue
        name = _graph_name(graph)
        lines = [_nt(q.triple) for q in store.quads(graph)]
        digest = _Digest()
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
        _write_cache(cache, context_key, conforming)
    run.report = report.report()
    return run


def _context_key(context: _Digest, shapes: Path) -> str:
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


class _Changed:
    """The typed subjects of what this run validated (the changed documents' graphs, the
    shared nodes of a changed dataset graph, such as the dataset node), with their graph
    and classes: the focus nodes the store's SPARQL constraints are asked about.

    The constraints that target a class (a document, a dataset) look at that node's own
    items, so an unchanged node needs no new answer. Those with an ``sh:targetNode`` (the
    actor table's: every shortcut triple backed by a reaction) look across the store, so
    they run whenever anything changed. A dataset's records are not focus candidates: no
    SPARQL constraint targets them (one would cost a query per record)."""

    def __init__(self, store: KGStore, context: rdflib.Graph) -> None:
        self.store = store
        self.context = context
        self.graph: dict[str, str] = {}
        self.types: dict[str, set[str]] = {}

    def add(self, name: str, lines: Iterable[str]) -> None:
        for line in lines:
            if _RDF_TYPE in line and line.startswith("<"):
                subject = line.split(" ", 1)[0]
                self.graph[subject] = name
                self.types.setdefault(subject, set()).add(_object(line)[1:-1])

    def focus_nodes(self, constraint: SparqlConstraint) -> Iterator[NamedNode]:
        """The focus nodes of ``constraint`` among what changed (its target nodes, since
        something did)."""
        if len(constraint.classes) != len(constraint.focus):
            # Another kind of target (sh:targetSubjectsOf, ...): asked about the whole store.
            yield from all_focus_nodes(self.store)(constraint)
            return
        yield from (NamedNode(str(n)) for n in constraint.nodes)
        classes = {
            str(c)
            for target in constraint.classes
            for c in self.context.transitive_subjects(RDFS.subClassOf, target)
        }
        for subject, types in self.types.items():
            if types & classes:
                yield NamedNode(subject[1:-1])


def _sparql_constraints(
    store: KGStore,
    validator: _Validator,
    changed: _Changed,
    report: _Collector,
    conforming: dict[str, str],
    run: ValidationRun,
    progress: Progress | None,
) -> None:
    """Ask the store's SPARQL constraints about what changed. A graph with a violation is
    not remembered, so it is asked again next run; a violation of the actor table's
    store-wide rules forgets every graph this run validated (one of them is the likely
    cause, and validating any of them again runs those rules again)."""
    _progress(progress, "SPARQL constraints", 0, 1)
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
    _progress(progress, "SPARQL constraints", 1, 1)


class _Collector:
    """Violations of every piece, without duplicates, and the triples checked."""

    def __init__(self) -> None:
        self.violations: set[Violation] = set()
        self.triples = 0

    def add(self, found: list[tuple[str, Violation]], triples: int) -> None:
        self.violations.update(v for _focus, v in found)
        self.triples += triples

    def report(self) -> ValidationReport:
        violations = sorted(self.violations, key=lambda v: (v.focus, v.path or "", v.message))
        return ValidationReport(not violations, violations, self.triples)


def _progress(progress: Progress | None, what: str, done: int, total: int) -> None:
    if progress is not None:
        progress(what, done, total)


def _validate_documents(
    documents: list[tuple[str, str, list[str]]],
    validator: _Validator,
    report: _Collector,
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
        _progress(progress, "documents", done, len(documents))


def _validate_dataset(
    store: KGStore,
    graph: NamedNode | DefaultGraph,
    validator: _Validator,
    report: _Collector,
    remembered: dict[str, str],
    conforming: dict[str, str],
    run: ValidationRun,
    progress: Progress | None,
    chunk_records: int,
    changed: _Changed,
) -> None:
    """Validate a dataset graph in chunks of records (see the module docstring); a chunk
    whose triples (its records and the shared triples they point to) conformed before is
    not validated again."""
    name = _graph_name(graph)
    digest = _Digest()
    keys: set[str] = set()
    for quad in store.quads(graph):
        digest.add(_nt(quad.triple))
        key = _record_key(quad.subject)
        if key is not None:
            keys.add(key)
    if digest.count == 0:
        return
    if remembered.get(name) == digest.hexdigest():
        conforming[name] = digest.hexdigest()
        _keep_chunks(name, remembered, conforming)
        run.skipped.append(name)
        return
    bounds = _chunk_bounds(sorted(keys), remembered.get(f"{name}#bounds"), chunk_records)
    del keys
    conforming[f"{name}#bounds"] = json.dumps(bounds)
    buckets = len(bounds)
    shared: dict[str, list[str]] = {}
    chunks = _Chunks()
    with tempfile.TemporaryDirectory(prefix="kg-validate-") as tmp:
        folder = Path(tmp)
        files = [(folder / f"{n}.nt").open("w", encoding="utf-8") for n in range(buckets)]
        try:
            for quad in store.quads(graph):
                line = _nt(quad.triple)
                key = _record_key(quad.subject)
                if key is None:
                    shared.setdefault(str(quad.subject), []).append(line)
                else:
                    files[bisect.bisect_right(bounds, key) - 1].write(line + "\n")
        finally:
            for handle in files:
                handle.close()
        total = buckets + 1
        for n in range(buckets):
            lines = (folder / f"{n}.nt").read_text(encoding="utf-8").splitlines()
            own = len(lines)
            lines.extend(_shared_for(lines, shared))
            label = f"{name}#chunk/{bounds[n]}"
            chunks.check(label, lines, own, validator, report, remembered, conforming)
            _progress(progress, f"{name}: records", n + 1, total)
        shared_lines = [line for lines in shared.values() for line in lines]
        changed.add(name, shared_lines)
        chunks.check(
            f"{name}#shared", shared_lines, len(shared_lines), validator, report, remembered,
            conforming,
        )  # fmt: skip
        _progress(progress, f"{name}: records", total, total)
    report.triples += chunks.triples
    run.validated.append(name)
    run.chunks[name] = (chunks.validated, chunks.skipped)
    if chunks.clean:
        conforming[name] = digest.hexdigest()


class _Chunks:
    """The chunks of one dataset graph: each validated unless it conformed before."""

    def __init__(self) -> None:
        self.clean = True
        self.validated = self.skipped = self.triples = 0

    def check(
        self,
        label: str,
        lines: list[str],
        own: int,
        validator: _Validator,
        report: _Collector,
        remembered: dict[str, str],
        conforming: dict[str, str],
    ) -> None:
        """Validate ``lines`` (the first ``own`` of them the chunk's; the rest shared
        triples validated with it) unless they conformed before.

        The digest holds the chunk's own triples and only the ``rdf:type`` of the shared
        nodes they point to: that is all the core shapes read of those nodes (``sh:class``);
        their other triples (a dataset's ``dkg:sourceDigest``, which every import changes)
        are validated in the ``#shared`` piece, so a new import leaves untouched chunks
        untouched."""
        digest = _Digest()
        for n, line in enumerate(lines):
            if n < own or _RDF_TYPE in line:
                digest.add(line)
        if remembered.get(label) == digest.hexdigest():
            conforming[label] = digest.hexdigest()
            self.skipped += 1
            return
        found, _checked = validator.run(lines)
        report.add(found, 0)
        self.validated += 1
        self.triples += own
        if found:
            self.clean = False
        else:
            conforming[label] = digest.hexdigest()


def _chunk_bounds(keys: list[str], before: str | None, chunk_records: int) -> list[str]:
    """The first record key of each chunk of a dataset graph, from its sorted ``keys``.

    A record's chunk is the last whose first key is not after it. The bounds of the last
    run are kept, so records keep their chunk (and an unchanged chunk its digest) as the
    dataset grows; new records, whose ids mostly sort after the old ones, land in the last
    chunks. A chunk grown past twice the chunk size is cut anew, alone.

    >>> _chunk_bounds(list("abcde"), None, 2)
    ['', 'c', 'e']
    >>> _chunk_bounds(list("abcdef"), '["", "c", "e"]', 2)  # grown, still under 2 x 2
    ['', 'c', 'e']
    >>> _chunk_bounds(list("abcdefghi"), '["", "c", "e"]', 2)  # the last one is cut
    ['', 'c', 'e', 'g', 'i']
    >>> _chunk_bounds(list("ab") + list("ef"), '["", "c", "e"]', 2)  # c, d are gone
    ['', 'e']
    """
    try:
        kept = json.loads(before) if before else None
    except ValueError:
        kept = None
    if not (isinstance(kept, list) and kept and kept[0] == "" and kept == sorted(set(kept))):
        kept = [""]
    counts = [0] * len(kept)
    for key in keys:
        counts[bisect.bisect_right(kept, key) - 1] += 1
    bounds: list[str] = []
    start = 0
    for n, bound in enumerate(kept):
        members = keys[start : start + counts[n]]
        start += counts[n]
        if counts[n] == 0 and n > 0:
            continue  # an emptied chunk: its records are gone
        bounds.append(bound)
        if counts[n] > 2 * chunk_records or (len(kept) == 1 and counts[n] > chunk_records):
            bounds.extend(members[i] for i in range(chunk_records, counts[n], chunk_records))
    return bounds


def _keep_chunks(name: str, remembered: dict[str, str], conforming: dict[str, str]) -> None:
    """Carry the chunk digests of an unchanged dataset graph over to the new cache."""
    prefix = f"{name}#"
    conforming.update({k: v for k, v in remembered.items() if k.startswith(prefix)})


def _shared_for(lines: list[str], shared: dict[str, list[str]]) -> Iterator[str]:
    """The shared triples a chunk's records point to, and those they point to in turn."""
    wanted = [term for term in {_object(line) for line in lines} if term in shared]
    seen = set(wanted)
    while wanted:
        for line in shared[wanted.pop()]:
            yield line
            term = _object(line)
            if term in shared and term not in seen:
                seen.add(term)
                wanted.append(term)


def _object(line: str) -> str:
    """The object of an N-Triples line when it is an IRI or a blank node, else ``""``."""
    body = line[:-2] if line.endswith(" .") else line
    if body.endswith(">"):
        return body[body.rfind(" <") + 1 :]
    start = body.rfind(" _:")
    return body[start + 1 :] if start >= 0 and " " not in body[start + 1 :] else ""


def _read_cache(cache: Path, context_key: str) -> dict[str, str]:
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("context") != context_key:
        return {}
    graphs = data.get("graphs")
    if not isinstance(graphs, dict):
        return {}
    return {str(k): str(v) for k, v in graphs.items()}


def _write_cache(cache: Path, context_key: str, conforming: dict[str, str]) -> None:
    """Write atomically; a cache that cannot be written only costs time next run."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        tmp.write_text(
            json.dumps({"context": context_key, "graphs": conforming}, indent=1, sort_keys=True),
            encoding="utf-8",
        )
        tmp.replace(cache)
    except OSError:
        pass
