"""The pieces of a validation run: what it did (:class:`ValidationRun`), the digests and
the cache that let it skip what conformed before, and pySHACL with the context graph
(:class:`Validator`)."""

from __future__ import annotations

import functools
import hashlib
import json
import os
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
    split_sparql_constraints,
)
from kg.vocab import ID

#: Documents validated together in one pySHACL run, up to this many triples.
BATCH_TRIPLES = 20_000
#: Records of a dataset validated together in one pySHACL run (about 7 triples each): the
#: context (ontology, actors) is validated again with every chunk, about 1.5 s CPU.
CHUNK_RECORDS = 5_000
#: Bumped when the way pieces are cut or validated changes: forgets every remembered digest.
METHOD = "3"
REFERENCE = "reference"
DATASET_GRAPHS = str(ID).replace("/id/", "/graph/dataset/")

RDF_TYPE_LINE = "> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <"


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


class Digest:
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
    digest = Digest()
    for quad in store.quads(graph):
        digest.add(nt(quad.triple))
    return digest.hexdigest()


def graph_name(graph: NamedNode | DefaultGraph) -> str:
    return "default" if isinstance(graph, DefaultGraph) else graph.value


def is_dataset(graph: NamedNode | DefaultGraph) -> bool:
    return isinstance(graph, DefaultGraph) or graph.value.startswith(DATASET_GRAPHS)


class Validator:
    """pySHACL with the shapes parsed once (their SPARQL constraints set apart, run on the
    store) and the context graph built once."""

    def __init__(self, shapes: Path, context: list[str]) -> None:
        #: What a worker process needs to build the same validator.
        self.source = (shapes, context)
        self.shapes, self.sparql, self.context = _parsed(
            shapes.resolve().as_uri(), shapes.read_text(encoding="utf-8"), tuple(context)
        )

    def run(self, lines: Iterable[str]) -> tuple[list[tuple[str, Violation]], int]:
        """Violations (with the focus node's N-Triples term) of ``lines`` plus the context;
        and how many data triples were checked, the context not counted."""
        data = rdflib.Graph()
        data += self.context
        before = len(data)
        data.parse(data="\n".join(lines), format="nt")
        return shacl_violations(data, self.shapes), len(data) - before


@functools.lru_cache(maxsize=2)
def _parsed(
    base: str, shapes: str, context: tuple[str, ...]
) -> tuple[rdflib.Graph, list[SparqlConstraint], rdflib.Graph]:
    """The shapes (SPARQL constraints set apart) and the context graph, parsed once per
    process for the same texts: parsing them costs more than validating a small document,
    and a notebook or a server validates again and again. Both graphs are only read."""
    parsed = rdflib.Graph().parse(data=shapes, format="turtle", publicID=base)
    shape_graph, sparql = split_sparql_constraints(parsed)
    context_graph = rdflib.Graph().parse(data="\n".join(context), format="nt")
    context_graph.bind("dkg", "https://w3id.org/diplomatic-kg/ontology#")
    context_graph.bind("id", "https://w3id.org/diplomatic-kg/id/")
    return shape_graph, sparql, context_graph


def nt(triple: Triple) -> str:
    return f"{triple} ."


class Collector:
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


def report_progress(progress: Progress | None, what: str, done: int, total: int) -> None:
    if progress is not None:
        progress(what, done, total)


def object_term(line: str) -> str:
    """The object of an N-Triples line when it is an IRI or a blank node, else ``""`` (a
    literal, typed or not). The subject and the predicate hold no space, so the object is
    what follows the second one.

    >>> object_term("<s> <p> <o> .")
    '<o>'
    >>> object_term("_:b0 <p> _:b1 .")
    '_:b1'
    >>> object_term('<s> <p> "2019-10-24"^^<http://www.w3.org/2001/XMLSchema#date> .')
    ''
    >>> object_term('<s> <p> "a <b> _:c" .')
    ''
    """
    body = line[:-2] if line.endswith(" .") else line
    parts = body.split(" ", 2)
    if len(parts) < 3:
        return ""
    term = parts[2]
    return term if term.startswith(("<", "_:")) else ""


def read_cache(cache: Path, context_key: str) -> dict[str, str]:
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


def write_cache(cache: Path, context_key: str, conforming: dict[str, str]) -> None:
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


class Changed:
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
            if RDF_TYPE_LINE in line and line.startswith("<"):
                subject = line.split(" ", 1)[0]
                self.graph[subject] = name
                self.types.setdefault(subject, set()).add(object_term(line)[1:-1])

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
