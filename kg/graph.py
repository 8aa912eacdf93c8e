"""``KnowledgeGraph``: the one object a notebook user holds.

>>> from kg import KnowledgeGraph
>>> from kg.annotation import EXAMPLES
>>> kg = KnowledgeGraph.memory()
>>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
>>> sorted(r["target_label"] for r in kg.run("who-blames-whom", agent="RUS"))
['Ukraine', 'United Kingdom', 'United States']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self

from pyoxigraph import (
    BlankNode,
    NamedNode,
    Quad,
    RdfFormat,
    Triple,
    parse,
    serialize,
)
from pyoxigraph import Literal as RdfLiteral

from kg.actors import ActorRegistry
from kg.annotation import load_annotation
from kg.errors import ParamError
from kg.errors import ReadingConflictError as ReadingConflictError
from kg.export import build_json, compact_jsonld, description_closure
from kg.files import write_atomically
from kg.model import Document
from kg.queries import NamedQuery, named_queries, named_query
from kg.rdf import document_quads
from kg.reading import (
    Reading,
    ReadingKind,
    now,
    provenance_quads,
    reading_graph,
    reading_record,
)
from kg.results import Results, Term
from kg.store import KGStore, OxigraphStore
from kg.vocab import OX, PREFIXES

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

    from kg.fusion.build import FuseResult
    from kg.validate import ValidationReport

__all__ = ["EXPORT_FORMATS", "AddResult", "KnowledgeGraph", "ReadingConflictError"]

ExportFormat = Literal["ttl", "nt", "jsonld", "trig", "nq", "json", "graphml"]
EXPORT_FORMATS: tuple[str, ...] = ("ttl", "nt", "jsonld", "trig", "nq", "json", "graphml")

_RDF_FORMATS = {
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "trig": RdfFormat.TRIG,
    "nq": RdfFormat.N_QUADS,
}

#: The ontology files loaded into the ontology graph, in order.
ONTOLOGY_FILES = ("kg.ttl", "cameo.ttl", "plover.ttl")
REFERENCE_FILES = ("actors.ttl",)
_DIGEST = OX.DKG.sourceDigest


def ontology_dir() -> Path:
    """The folder holding ``kg.ttl``, ``shapes.ttl`` and ``actors.ttl``."""
    return Path(str(resources.files("kg") / "ontology"))


@dataclass(frozen=True)
class AddResult:
    """What adding a document did."""

    document: str
    quads: int
    replaced: bool
    unchanged: bool


_AGENT = OX.DKG.agent
_LOCAL_ID = OX.DKG.localId


class KnowledgeGraph:
    """A diplomatic-reaction knowledge graph over a quad store.

    Open one with ``KnowledgeGraph.open(path)`` (embedded, on disk),
    ``KnowledgeGraph.connect(url)`` (a SPARQL endpoint) or ``KnowledgeGraph.memory()``;
    the reference ontology and actors are loaded (or refreshed) on opening, unless the
    store is read-only.

    Raises
    ------
    RemoteStoreError
        Opening over an endpoint that cannot be reached (the reference graphs are
        checked and refreshed on opening).

    Examples
    --------
    >>> from kg.store import OxigraphStore
    >>> kg = KnowledgeGraph(OxigraphStore())
    >>> kg.documents(), kg.store.read_only
    ([], False)
    """

    def __init__(self, store: KGStore, registry: ActorRegistry | None = None) -> None:
        self.store = store
        self.registry = registry or ActorRegistry.default()
        if not store.read_only:
            self._load_reference()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> Self:
        """Open (creating if needed) the embedded on-disk store at ``path``; ``read_only``:
        a pinned snapshot of it (``kg.snapshot.SnapshotStore``).

        Raises
        ------
        StoreLockedError
            Another process has the store open for writing.
        StoreBusyError
            With ``read_only``: the store changed on every attempt to pin a snapshot.

        Examples
        --------
        >>> import tempfile
        >>> with KnowledgeGraph.open(tempfile.mkdtemp()) as kg:
        ...     kg.documents()
        []
        """
        if read_only:
            from kg.snapshot import SnapshotStore

            return cls(SnapshotStore(path))
        return cls(OxigraphStore(path))

    @classmethod
    def connect(
        cls,
        query_endpoint: str,
        update_endpoint: str | None = None,
        *,
        auth: tuple[str, str] | None = None,
        read_only: bool = False,
        graph_store: str | None = "auto",
    ) -> Self:
        """A graph in a remote SPARQL 1.1 store (Virtuoso, Fuseki, GraphDB, Oxigraph server).

        Each document is written to its own named graph; ``auth`` is (user, password).
        ``read_only`` sends no update at all (the reference graphs are not refreshed).
        ``graph_store``: the Graph Store Protocol URL triples are POSTed to ("auto": found
        for Virtuoso; ``None``: SPARQL ``INSERT DATA`` only).

        Raises
        ------
        RemoteStoreError
            The endpoint cannot be reached or refuses a request: on opening (unless
            ``read_only``, which connects on the first request) or on any later request.

        Examples
        --------
        >>> kg = KnowledgeGraph.connect("http://127.0.0.1:9/sparql", read_only=True)
        >>> kg.documents()  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        kg.errors.RemoteStoreError: http://127.0.0.1:9/sparql: ...
        """
        from kg.stores.sparql import RemoteStore

        return cls(
            RemoteStore(
                query_endpoint,
                update_endpoint,
                auth=auth,
                read_only=read_only,
                graph_store=graph_store,
            )
        )

    @classmethod
    def memory(cls) -> Self:
        """A fresh in-memory graph.

        Examples
        --------
        >>> KnowledgeGraph.memory().documents()
        []
        """
        return cls(OxigraphStore())

    def close(self) -> None:
        """Flush and release the store (``with`` does it on leaving the block).

        Examples
        --------
        >>> kg = KnowledgeGraph.memory()
        >>> kg.close()
        """
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _load_reference(self) -> None:
        graphs = ((OX.ONTOLOGY_GRAPH, ONTOLOGY_FILES), (OX.REFERENCE_GRAPH, REFERENCE_FILES))
        for node, names in graphs:
            paths = [ontology_dir() / name for name in names if (ontology_dir() / name).exists()]
            contents = [p.read_bytes() for p in paths]
            digest = hashlib.sha256(b"\0".join(contents)).hexdigest()
            if self.store.ask(
                "ASK { GRAPH ?g { ?g ?p ?digest } }",
                {"g": node, "p": _DIGEST, "digest": RdfLiteral(digest)},
            ):
                continue
            quads = [Quad(node, _DIGEST, RdfLiteral(digest), node)]
            for content in contents:
                quads.extend(
                    Quad(t.subject, t.predicate, t.object, node)
                    for t in parse(content, format=RdfFormat.TURTLE)
                )
            self.store.replace_graph(node, quads)

    # ------------------------------------------------------------------ writing

    def add_document(self, doc: Document, *, replace: bool = False) -> AddResult:
        """Add one reading of a document (its own graph), in a single transaction.

        Adding the same reading again changes nothing (its provenance stays that of the
        first time). A different reading of the same kind under the same id raises
        ``ReadingConflictError``, saying what it would replace, unless ``replace``. A
        curated and an extracted reading of one document live side by side.

        Raises
        ------
        ReadingConflictError
            The document already has a different reading of this kind, and not ``replace``.
        ReadOnlyStoreError
            The store is read-only.

        Examples
        --------
        >>> from kg.annotation import EXAMPLES, load_annotation
        >>> doc = load_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> kg = KnowledgeGraph.memory()
        >>> kg.add_document(doc).unchanged, kg.add_document(doc).unchanged
        (False, True)
        """
        graph = reading_graph(doc.id, doc.reading.kind)
        quads = document_quads(doc, self.registry)
        existing = list(self.store.quads(graph))
        if existing:
            same = _reading_content(graph, existing) == _reading_content(graph, quads)
            if same and provenance_quads(graph, existing):
                return AddResult(doc.id, len(existing), replaced=False, unchanged=True)
            if not same and not replace:
                raise ReadingConflictError(self._conflict(doc.id, doc.reading.kind, existing))
            # (the same reading, written before readings had provenance, gains it here)
        self.store.replace_graph(graph, quads)
        return AddResult(doc.id, len(quads), replaced=bool(existing), unchanged=False)

    def conflict(self, doc: Document) -> str | None:
        """What adding ``doc`` without ``replace`` would refuse, or ``None``: lets a
        command check every document before it writes any.

        Examples
        --------
        >>> from kg.annotation import EXAMPLES, load_annotation
        >>> doc = load_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> kg = KnowledgeGraph.memory()
        >>> _ = kg.add_document(doc)
        >>> kg.conflict(doc) is None
        True
        >>> print(kg.conflict(doc.model_copy(update={"title": "Another title"})).split(";")[0])
        belgorod-2023-12-30 already holds a curated reading (10 reactions, 3 events)
        """
        graph = reading_graph(doc.id, doc.reading.kind)
        existing = list(self.store.quads(graph))
        if not existing:
            return None
        quads = document_quads(doc, self.registry)
        if _reading_content(graph, existing) == _reading_content(graph, quads):
            return None
        return self._conflict(doc.id, doc.reading.kind, existing)

    @staticmethod
    def _conflict(doc_id: str, kind: ReadingKind, existing: list[Quad]) -> str:
        reactions = len({q.subject for q in existing if q.predicate == _AGENT})
        events = len({q.subject for q in existing if q.predicate == _LOCAL_ID})
        return (
            f"{doc_id} already holds {'a' if kind is ReadingKind.CURATED else 'an'} "
            f"{kind.value} reading ({reactions} reaction{'s' * (reactions != 1)}, "
            f"{events} event{'s' * (events != 1)}); pass --replace to replace it"
        )

    def add_annotation(self, path: str | Path, *, replace: bool = False) -> Document:
        """Read an annotation file and add its document as the curated reading; returns
        the document. See ``add_document`` for ``replace``.

        Raises
        ------
        AnnotationError
            The file cannot be read or is not a valid annotation (``FILE:LINE: message``).
        ReadingConflictError
            The document already has a different curated reading, and not ``replace``.
        ReadOnlyStoreError
            The store is read-only.

        Examples
        --------
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> doc.id, len(doc.events), len(doc.reactions)
        ('belgorod-2023-12-30', 3, 10)
        """
        doc = load_annotation(path, self.registry)
        self.add_document(doc, replace=replace)
        return doc

    def ingest_text(
        self,
        text: str,
        *,
        doc_id: str,
        date: dt.date | None = None,
        title: str | None = None,
        replace: bool = False,
    ) -> Document:
        """Extract events and reactions from a news text and add them as the document's
        extracted reading (beside a curated one, never over it). See ``add_document`` for
        ``replace``.

        Raises
        ------
        ExtractionError
            The text cannot be extracted (over the length limit, for instance);
            ``ModelError`` when the parser model is missing or not the expected one.
        ReadingConflictError
            The document already has a different extracted reading, and not ``replace``.
        ReadOnlyStoreError
            The store is read-only.

        Examples
        --------
        Extraction loads the parser model (seconds), so the first example is not run:

        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.ingest_text("Poland condemned Russia.", doc_id="pl-1")  # doctest: +SKIP
        >>> kg.ingest_text("x" * 2_000_000, doc_id="too-long")
        Traceback (most recent call last):
        ...
        kg.errors.ExtractionError: text of 2,000,000 characters is over the limit of 1,000,000
        """
        from kg.extract import extract_document

        started = now()
        doc = extract_document(text, doc_id=doc_id, date=date, title=title, registry=self.registry)
        doc = doc.model_copy(update={"reading": Reading.extraction(started, now())})
        self.add_document(doc, replace=replace)
        return doc

    def remove_document(self, doc_id: str, reading: ReadingKind | None = None) -> None:
        """Remove a document's readings (only the one of kind ``reading`` if given).

        Raises
        ------
        ReadOnlyStoreError
            The store is read-only.

        Examples
        --------
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> kg.remove_document("belgorod-2023-12-30")
        >>> kg.documents()
        []
        """
        for kind in [reading] if reading is not None else list(ReadingKind):
            self.store.drop_graph(reading_graph(doc_id, kind))

    def documents(self) -> list[str]:
        """The ids of the documents in the graph (once each, however many readings).

        Examples
        --------
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> kg.documents()
        ['belgorod-2023-12-30']
        """
        return sorted({row["id"] for row in self.readings()})

    def readings(self) -> list[dict[str, Any]]:
        """Every reading of every document with its provenance (named query ``readings``):
        ``id``, ``reading`` (curated or extracted), ``graph``, ``annotator``, ``software``,
        ``version``, ``model``, ``started``, ``ended``.

        Examples
        --------
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> [(r["id"], r["reading"]) for r in kg.readings()]
        [('belgorod-2023-12-30', 'curated')]
        """
        return [reading_record(row) for row in self.run("readings").records()]

    # ------------------------------------------------------------------ reading

    def query(self, sparql: str, **bindings: Term | str | int | bool) -> Results:
        """Run an ad-hoc SELECT query; keyword arguments are bound to variables.

        Strings are bound as plain literals; use ``kg.actor_term("RUS")`` or a
        ``pyoxigraph.NamedNode`` for IRIs.

        Raises
        ------
        QueryError
            The query does not parse or cannot run (a bound variable must be in the
            SELECT clause).

        Examples
        --------
        >>> kg = KnowledgeGraph.memory()
        >>> query = "SELECT ?actor ?name WHERE { ?actor skos:prefLabel ?name }"
        >>> kg.query("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> " + query,
        ...          actor=kg.actor_term("RUS")).records()
        [{'actor': 'https://w3id.org/diplomatic-kg/id/actor/RUS', 'name': 'Russia'}]
        """
        return self.store.select(sparql, {k: _term(v) for k, v in bindings.items()})

    def actor_term(self, actor_id: str) -> NamedNode:
        """The IRI of a known actor.

        Raises
        ------
        UnknownActorError
            No actor has this id (the message names close matches).

        Examples
        --------
        >>> KnowledgeGraph.memory().actor_term("RUS.MFA").value
        'https://w3id.org/diplomatic-kg/id/actor/RUS.MFA'
        """
        from kg.rdf import actor_node

        return actor_node(self.registry[actor_id].id)

    def run(self, name: str, **params: str) -> Results:
        """Run a named query with textual parameters (``kg.run("actor-profile", actor="RUS")``).

        Raises
        ------
        KeyError
            No named query has this name (the message lists them).
        ParamError
            A parameter is unknown, missing or of the wrong form.
        QueryError
            The query cannot run on this store.

        Examples
        --------
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> sorted(r["target_label"] for r in kg.run("who-blames-whom", agent="RUS"))
        ['Ukraine', 'United Kingdom', 'United States']
        >>> kg.run("who-blames-whom", agent="not an actor")
        Traceback (most recent call last):
        ...
        kg.errors.ParamError: 'not an actor' is not an actor code (expected e.g. RUS, UNSC, RUS.MFA)
        """
        query = named_query(name)
        return self.store.select(query.sparql, query.bind(params, actor=self.registry.param_term))

    @staticmethod
    def named_queries() -> dict[str, NamedQuery]:
        """The named queries, by name.

        Examples
        --------
        >>> [p.name for p in KnowledgeGraph.named_queries()["who-blames-whom"].params]
        ['agent', 'domestic', 'since', 'until']
        """
        return named_queries()

    def to_json(
        self, *, since: dt.date | None = None, until: dt.date | None = None
    ) -> dict[str, Any]:
        """The json interchange view (see ``kg.export``); ``since``/``until`` (inclusive)
        keep the reactions and events dated in that span.

        Examples
        --------
        >>> import datetime as dt
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> view = kg.to_json()
        >>> view["format"], len(view["events"]), len(view["reactions"])
        ('diplomatic-kg/json@1', 3, 10)
        >>> [e["date"] for e in kg.to_json(until=dt.date(2023, 12, 29))["events"]]
        ['2023-12-29']
        """
        return build_json(lambda name, params: self.run(name, **params), since=since, until=until)

    def fuse(
        self,
        *,
        decisions: str | Path | None = None,
        window: int = 2,
        rebuild: bool = False,
        write: bool = True,
    ) -> FuseResult:
        """Fuse the documents' events into canonical events (``kg.fusion``) and replace
        the canonical graph with them in one transaction. Incremental unless ``rebuild``;
        ``decisions``: a YAML file of hand splits and merges, replayed.

        Raises
        ------
        AnnotationError
            The decisions file cannot be read or names an unknown account.
        ReadOnlyStoreError
            With ``write``, on a read-only store.

        Examples
        --------
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> result = kg.fuse()
        >>> len(result.fusion.clusters), result.accounts
        (3, 3)
        """
        from kg.fusion.build import fuse

        return fuse(
            self.store,
            self.run,
            decisions=decisions,
            window=window,
            rebuild=rebuild,
            write=write,
        )

    def timeline(self, ref: str, *, chain: bool = True, horizon: int = 14) -> pd.DataFrame:
        """An episode as a pandas DataFrame: the escalation chain of the canonical event
        ``ref`` names (its IRI or hash, an account ``doc#e1``, a document id), its events
        and reactions in date order with their latencies (see ``kg.timeline``).

        Raises
        ------
        KeyError
            When no canonical event answers to ``ref`` (run ``fuse`` first).

        Examples
        --------
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> _ = kg.fuse()
        >>> frame = kg.timeline("belgorod-2023-12-30")
        >>> len(frame), list(frame.columns[:4])
        (8, ['date', 'days', 'item', 'step'])
        """
        from kg.timeline import timeline

        return timeline(self, ref, chain=chain, horizon=horizon)

    def summary(self) -> dict[str, Any]:
        """Counts for a quick look: documents, actors, events, reactions by type, and the
        most condemned, blamed and supported actors.

        Examples
        --------
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> summary = kg.summary()
        >>> summary["reactions"], summary["most_blamed"]
        (10, [('Ukraine', 1), ('United Kingdom', 1), ('United States', 1)])
        """
        view = self.to_json()
        by_type: dict[str, int] = {}
        received: dict[str, dict[str, int]] = {}
        for reaction in view["reactions"]:
            by_type[reaction["type"]] = by_type.get(reaction["type"], 0) + 1
            if reaction["target"] is not None:
                counts = received.setdefault(reaction["type"], {})
                label = reaction["target"]["label"] or reaction["target"]["code"]
                counts[label] = counts.get(label, 0) + 1

        def top(kind: str) -> list[tuple[str, int]]:
            counts = received.get(kind, {})
            best = max(counts.values(), default=0)
            return sorted((k, v) for k, v in counts.items() if v == best)

        return {
            "documents": len(self.documents()),
            "actors": len(view["actors"]),
            "events": len(view["events"]),
            "reactions": len(view["reactions"]),
            "reactions_by_type": dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
            "most_condemned": top("condemns"),
            "most_blamed": top("blames"),
            "most_supported": top("supports") or top("expressesSolidarityWith"),
        }

    # ------------------------------------------------------------------ exporting

    def data_quads(self, *, include_reference: bool = False) -> list[Quad]:
        """The documents' quads plus the descriptions the shapes need to check them on
        their own: the reference actors they use and, transitively, the organisations
        those are members or units of, and the code-scheme concepts they use (all
        reference actors with ``include_reference``); never the ontology's terms.

        Examples
        --------
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> quads = kg.data_quads()
        >>> len({q.graph_name.value for q in quads})
        2
        """
        documents = {NamedNode(row["graph"]) for row in self.readings()}
        quads = [q for g in sorted(documents, key=lambda n: n.value) for q in self.store.quads(g)]
        reference = list(self.store.quads(OX.REFERENCE_GRAPH))
        if include_reference:
            quads.extend(reference)
        pool = reference + _concept_quads(self.store)
        quads.extend(description_closure(quads, pool))
        return list(dict.fromkeys(quads))

    def export(
        self,
        fmt: ExportFormat | str,
        destination: str | Path | None = None,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        with_reference: bool = False,
    ) -> bytes:
        """Serialise the graph: ``ttl``, ``nt``, ``jsonld`` (triples, graphs merged: the
        document graphs and the reference descriptions of the actors they use; with
        ``with_reference`` also the whole ontology and actors graphs), ``trig``, ``nq``
        (the whole dataset with its named graphs: ontology, actors and imported datasets
        included), ``json`` (the interchange view) or ``graphml`` (the actor network).

        ``since``/``until`` (inclusive) apply to the views built from dated reactions and
        events, ``json`` and ``graphml``; the RDF formats refuse them, as they export graphs
        whole. Writes to ``destination`` when given; always returns the bytes.

        Raises
        ------
        ParamError
            An unknown format, or a date span with an RDF format (a ``ValueError`` too).

        Examples
        --------
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> len(kg.export("nt").splitlines()) == len({q.triple for q in kg.data_quads()})
        True
        >>> import datetime as dt
        >>> kg.export("ttl", since=dt.date(2023, 12, 30))
        Traceback (most recent call last):
        ...
        kg.errors.ParamError: a date span applies to the json and graphml exports, not to ttl
        """
        dated = since is not None or until is not None
        if dated and fmt not in ("json", "graphml"):
            raise ParamError(f"a date span applies to the json and graphml exports, not to {fmt}")
        if fmt == "json":
            view = self.to_json(since=since, until=until)
            data = json.dumps(view, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
        elif fmt == "graphml":
            from kg.analysis import write_graphml

            data = write_graphml(self.to_networkx(since=since, until=until))
        elif fmt in ("trig", "nq"):
            data = _serialize(list(self.store.quads()), _RDF_FORMATS[fmt])
        elif fmt == "jsonld" or fmt in _RDF_FORMATS:
            quads = self.data_quads(include_reference=with_reference)
            if with_reference:
                quads.extend(self.store.quads(OX.ONTOLOGY_GRAPH))
            triples = sorted({q.triple for q in quads}, key=str)
            if fmt == "jsonld":  # compacted with the shipped context (kg.export)
                ntriples = _serialize(triples, RdfFormat.N_TRIPLES).decode("utf-8")
                document = compact_jsonld(ntriples)
                data = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
            else:
                data = _serialize(triples, _RDF_FORMATS[fmt])
        else:
            raise ParamError(f"unknown export format {fmt!r}; known: {', '.join(EXPORT_FORMATS)}")
        if destination is not None:
            write_atomically(destination, data)
        return data

    # ------------------------------------------------------------------ other views

    def validate(self) -> ValidationReport:
        """Check the whole graph against ``ontology/shapes.ttl`` with pySHACL, piece by
        piece (``kg.validation``: each document, datasets in chunks of records).

        Examples
        --------
        pySHACL takes seconds even on an empty graph, so the example is not run:

        >>> KnowledgeGraph.memory().validate().conforms  # doctest: +SKIP
        True
        """
        from kg.validation import validate_store

        return validate_store(self.store, ontology_dir() / "shapes.ttl").report

    def to_networkx(
        self, *, since: dt.date | None = None, until: dt.date | None = None, **options: Any
    ) -> nx.MultiDiGraph:
        """The actor network (see ``kg.analysis.to_networkx``) of the reactions dated from
        ``since`` to ``until`` (inclusive; all reactions without them).

        Examples
        --------
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> G = kg.to_networkx()
        >>> sorted(G.successors("RUS"))
        ['GBR', 'UKR', 'USA']
        """
        from kg.analysis import to_networkx

        return to_networkx(self.to_json(since=since, until=until), **options)

    def actor_network(self, year: int, **options: Any) -> nx.MultiDiGraph:
        """The actor network of one year from the imported datasets' daily aggregates
        (fast at millions of events; see ``kg.importers.aggregates.network_of_year``).

        Examples
        --------
        No dataset is imported here, so the network of 2019 is empty:

        >>> KnowledgeGraph.memory().actor_network(2019).number_of_edges()
        0
        """
        from kg.importers.aggregates import network_of_year

        # The query sums the year's days only: the other years are never grouped.
        results = self.run("actor-network", since=f"{year:04d}-01-01", until=f"{year:04d}-12-31")
        rows = (dict(zip(results.columns, row, strict=True)) for row in results.rows)
        return network_of_year(rows, year, **options)

    def render(
        self,
        destination: str | Path,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        **options: Any,
    ) -> Path:
        """Write the interactive, offline pyvis page (see ``kg.render``) of the reactions
        and events dated from ``since`` to ``until`` (inclusive; all without them).

        Examples
        --------
        >>> import tempfile
        >>> from kg.annotation import EXAMPLES
        >>> kg = KnowledgeGraph.memory()
        >>> doc = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
        >>> page = kg.render(tempfile.mkdtemp() + "/graph.html")
        >>> page.name, "RUS" in page.read_text(encoding="utf-8")
        ('graph.html', True)
        """
        from kg.render import render_html

        if (since is not None or until is not None) and "title" not in options:
            # The page says which days it shows ("…" for an open end).
            span = f"{since or '…'} to {until or '…'}"
            options["title"] = f"diplomatic-kg, reactions of {span}"
        return render_html(self.to_json(since=since, until=until), Path(destination), **options)


def _term(value: Term | str | int | bool) -> Term:
    if isinstance(value, NamedNode | BlankNode | RdfLiteral):
        return value
    if isinstance(value, bool):
        return RdfLiteral("true" if value else "false", datatype=OX.XSD.boolean)
    if isinstance(value, int):
        return RdfLiteral(str(value), datatype=OX.XSD.integer)
    return RdfLiteral(value)


def _reading_content(graph: NamedNode, quads: list[Quad]) -> set[Quad]:
    """What a reading says, without how it was made: two readings with the same content
    are the same reading, whenever and by whichever version they were made."""
    return set(quads) - provenance_quads(graph, quads)


def _concept_quads(store: KGStore) -> list[Quad]:
    """The quads describing the code schemes' concepts (not the ontology's classes)."""
    quads = list(store.quads(OX.ONTOLOGY_GRAPH))
    concept, rdf_type = OX.SKOS.Concept, OX.RDF.type
    concepts = {q.subject for q in quads if q.predicate == rdf_type and q.object == concept}
    return [q for q in quads if q.subject in concepts]


def _serialize(items: list[Quad] | list[Triple], fmt: RdfFormat) -> bytes:
    data = serialize(items, format=fmt, prefixes=dict(PREFIXES))
    assert data is not None  # no output stream given, so bytes come back
    return data
