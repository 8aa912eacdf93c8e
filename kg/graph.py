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
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from pyoxigraph import (
    BlankNode,
    NamedNode,
    Quad,
    RdfFormat,
    parse,
)
from pyoxigraph import Literal as RdfLiteral

from kg.actors import ActorRegistry
from kg.errors import ReadingConflictError as ReadingConflictError
from kg.export import build_json
from kg.graph_documents import AddResult as AddResult
from kg.graph_documents import DocumentsMixin
from kg.graph_views import EXPORT_FORMATS as EXPORT_FORMATS
from kg.graph_views import ExportFormat as ExportFormat
from kg.graph_views import ViewsMixin
from kg.queries import NamedQuery, named_queries, named_query
from kg.results import Results, Term
from kg.store import KGStore, OxigraphStore
from kg.vocab import OX

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from kg.fusion.build import FuseResult

__all__ = [
    "EXPORT_FORMATS",
    "AddResult",
    "ExportFormat",
    "KnowledgeGraph",
    "ReadingConflictError",
]

#: The ontology files loaded into the ontology graph, in order.
ONTOLOGY_FILES = ("kg.ttl", "cameo.ttl", "plover.ttl")
REFERENCE_FILES = ("actors.ttl",)
_DIGEST = OX.DKG.sourceDigest


def ontology_dir() -> Path:
    """The folder holding ``kg.ttl``, ``shapes.ttl`` and ``actors.ttl``."""
    return Path(str(resources.files("kg") / "ontology"))


class KnowledgeGraph(DocumentsMixin, ViewsMixin):
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

def _term(value: Term | str | int | bool) -> Term:
    if isinstance(value, NamedNode | BlankNode | RdfLiteral):
        return value
    if isinstance(value, bool):
        return RdfLiteral("true" if value else "false", datatype=OX.XSD.boolean)
    if isinstance(value, int):
        return RdfLiteral(str(value), datatype=OX.XSD.integer)
    return RdfLiteral(value)


