"""Where the triples live: the store protocol (``KGStore``) and the embedded Oxigraph store.

The embedded store is Oxigraph (RocksDB on disk, or in memory) used through pyoxigraph
directly: every write is one pyoxigraph call, and each of those is a transaction
(see ``benchmarks/store.py`` for why Oxigraph and not rdflib's memory store).

>>> from pyoxigraph import Literal, NamedNode, Quad
>>> store = OxigraphStore()
>>> g = NamedNode("https://example.org/g")
>>> store.replace_graph(g, [Quad(NamedNode("https://example.org/s"),
...     NamedNode("https://example.org/p"), Literal("o"), g)])
>>> store.select("SELECT ?s WHERE { ?s ?p ?o }").column("s")
['https://example.org/s']
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    Variable,
    parse,
)

from kg.errors import QueryError as QueryError
from kg.errors import ReadOnlyStoreError as ReadOnlyStoreError
from kg.errors import StoreError
from kg.errors import StoreLockedError as StoreLockedError
from kg.results import Results, Term
from kg.vocab import OX

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph import KnowledgeGraph

__all__ = [
    "GraphName",
    "KGStore",
    "OxigraphStore",
    "QueryError",
    "StoreLockedError",
    "batches",
    "native_store",
]

#: A graph of the dataset: a named graph, or the default graph (the imported datasets).
GraphName = NamedNode | DefaultGraph

#: The most triples one ``INSERT DATA`` of the fallback writes carries.
DEFAULT_BATCH = 1000
_TYPE = OX.RDF.type
_DERIVED = OX.PROV.wasDerivedFrom


#: Said after an error about a projection: Oxigraph binds parameters by SEP-0007
#: substitution, which needs the variable in the SELECT clause (and so does ``kg.stores.sparql``).
BOUND_PARAMETER_HINT = " (a bound parameter must be listed in the SELECT clause)"


def substitutions(
    bindings: Mapping[str, Term] | None,
) -> dict[Variable, NamedNode | BlankNode | Literal | Triple]:
    """Bound parameters as pyoxigraph's ``substitutions`` argument takes them.

    >>> substitutions({"s": NamedNode("https://e.org/s")})
    {<Variable value=s>: <NamedNode value=https://e.org/s>}
    """
    return {Variable(name): term for name, term in (bindings or {}).items()}


def query_error_message(message: str) -> str:
    """Oxigraph's message for a query that cannot run, in the user's terms.

    >>> print(query_error_message("no variable ?o in the projection"))
    no variable ?o in the projection (a bound parameter must be listed in the SELECT clause)
    """
    return message + BOUND_PARAMETER_HINT if "projection" in message else message


def batches(triples: Sequence[Triple], size: int) -> list[list[Triple]]:
    """Split ``triples`` into lists of at most ``size``, keeping the triples that share a
    blank node together (a blank node label only holds within one request; a component
    larger than ``size`` makes a batch of its own).

    >>> b, s, p = BlankNode("b"), NamedNode("https://e.org/s"), NamedNode("https://e.org/p")
    >>> [len(x) for x in batches([Triple(s, p, b), Triple(s, p, s), Triple(b, p, s)], 2)]
    [2, 1]
    """
    parent: dict[BlankNode, BlankNode] = {}

    def root(node: BlankNode) -> BlankNode:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    plain: list[Triple] = []
    linked: list[tuple[Triple, BlankNode]] = []
    for triple in triples:
        blanks = [t for t in (triple.subject, triple.object) if isinstance(t, BlankNode)]
        if not blanks:
            plain.append(triple)
            continue
        for other in blanks[1:]:
            parent[root(other)] = root(blanks[0])
        linked.append((triple, blanks[0]))
    groups: dict[BlankNode, list[Triple]] = {}
    for triple, node in linked:
        groups.setdefault(root(node), []).append(triple)
    batches: list[list[Triple]] = []
    current: list[Triple] = []
    for group in [*groups.values(), *([t] for t in plain)]:
        if current and len(current) + len(group) > size:
            batches.append(current)
            current = []
        current.extend(group)
    if current:
        batches.append(current)
    return batches


class KGStore(ABC):
    """What the knowledge graph needs from a quad store, as rdflib's ``Store`` puts it:
    a few primitives to implement, capability flags declared on the class, and default
    fallbacks built on the primitives that an implementation overrides where it can do
    better.

    To implement: :meth:`select`, :meth:`ask`, :meth:`construct`, :meth:`update`,
    :meth:`quads` and :meth:`graphs`. Every write (``replace_graphs``, ``bulk_load``...)
    then falls back to SPARQL updates of at most ``max_update_triples`` triples.
    ``kg.stores`` registers a store kind by its location's scheme.
    """

    #: Refuses every write (``ReadOnlyStoreError``); ``KnowledgeGraph`` then leaves the
    #: reference graphs alone.
    read_only: bool = False
    #: Each write (``replace_graphs``, ``bulk_load``) is one transaction: all or nothing.
    transactional: bool = False
    #: ``bulk_load`` is a native bulk loader, not batched inserts.
    bulk: bool = False
    #: The store's folder on disk (for the files a killed bulk load leaves), if any.
    path: Path | None = None
    #: The graph imported dataset records are written to: ``""`` for the default graph.
    import_graph: str = ""
    #: The most triples one update should carry (None: no limit).
    max_update_triples: int | None = None

    @abstractmethod
    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Results:
        """Run a SELECT query, the default graph being the union of all graphs.

        Raises
        ------
        QueryError
            The query does not parse or cannot run (``RemoteStoreError``, a subclass, when
            an endpoint fails to answer).
        """

    @abstractmethod
    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """Run an ASK query.

        Raises
        ------
        QueryError
            The query does not parse or cannot run (``RemoteStoreError``, a subclass, when
            an endpoint fails to answer).
        """

    @abstractmethod
    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]:
        """Run a CONSTRUCT or DESCRIBE query.

        Raises
        ------
        QueryError
            The query does not parse or cannot run (``RemoteStoreError``, a subclass, when
            an endpoint fails to answer).
        """

    @abstractmethod
    def update(self, update: str) -> None:
        """Run a SPARQL 1.1 Update.

        Raises
        ------
        ReadOnlyStoreError
            The store is read-only.
        QueryError
            The update does not parse or cannot run.
        """

    @abstractmethod
    def quads(self, graph: GraphName | None = None) -> Iterator[Quad]:
        """Every quad, or those of one graph (``DefaultGraph()``: the default graph)."""

    @abstractmethod
    def graphs(self) -> list[NamedNode]:
        """The named graphs."""

    # ------------------------------------------------------------------ fallbacks

    def _writable(self) -> None:
        if self.read_only:
            raise ReadOnlyStoreError()

    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> None:
        """Replace the named graph's content with ``quads`` (atomically where
        ``transactional``).

        Raises
        ------
        ReadOnlyStoreError
            The store is read-only.
        """
        self.replace_graphs({graph: quads})

    def replace_graphs(self, graphs: Mapping[GraphName, Iterable[Quad]]) -> None:
        """Replace several graphs (the default graph too), each with its quads (other
        graphs are untouched): in one transaction where the store has them, else one graph
        after the other (the fallback: a drop, then batched inserts).

        Raises
        ------
        ReadOnlyStoreError
            The store is read-only.
        """
        self._writable()
        for graph, quads in graphs.items():
            triples = list(dict.fromkeys(q.triple for q in quads))
            if isinstance(graph, DefaultGraph):
                self.update("CLEAR SILENT DEFAULT")
            else:
                self.drop_graph(graph)
            self.add_triples(graph, triples)

    def drop_graph(self, graph: NamedNode) -> None:
        """Remove a named graph and its quads.

        Raises
        ------
        ReadOnlyStoreError
            The store is read-only.
        """
        self.update(f"DROP SILENT GRAPH {graph}")

    @property
    def write_batch_size(self) -> int:
        """The most triples one write request carries."""
        return self.max_update_triples or DEFAULT_BATCH

    def add_triples(self, graph: GraphName, triples: Sequence[Triple]) -> None:
        """Add triples to a graph, at most ``write_batch_size`` triples an ``INSERT DATA``
        (triples that share a blank node in one; the fallback, not atomic: a failure leaves
        the batches written before it).

        Raises
        ------
        ReadOnlyStoreError
            The store is read-only.
        """
        for batch in batches(triples, self.write_batch_size):
            body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in batch)
            if not isinstance(graph, DefaultGraph):
                body = f"GRAPH {graph} {{\n{body}\n}}"
            self.update(f"INSERT DATA {{\n{body}\n}}")

    def bulk_load(self, nquads: bytes) -> None:
        """Add the quads of an N-Quads text, each into its graph (``import_graph`` for
        default-graph quads); the fallback: batched inserts, in order.

        Raises
        ------
        ReadOnlyStoreError
            The store is read-only.
        """
        self._writable()
        default: GraphName = NamedNode(self.import_graph) if self.import_graph else DefaultGraph()
        graph: GraphName | None = None
        batch: list[Triple] = []
        for quad in parse(nquads, format=RdfFormat.N_QUADS):
            name = quad.graph_name if isinstance(quad.graph_name, NamedNode) else default
            if batch and (name != graph or len(batch) >= self.write_batch_size):
                assert graph is not None
                self.add_triples(graph, batch)
                batch = []
            graph = name
            batch.append(quad.triple)
        if batch:
            assert graph is not None
            self.add_triples(graph, batch)

    def rows(self, sparql: str) -> Iterator[Mapping[str, Term | None]]:
        """The solutions of a SELECT query, each a mapping from variable name to term.

        Raises
        ------
        QueryError
            The query does not parse or cannot run (``RemoteStoreError``, a subclass, when
            an endpoint fails to answer).
        """
        results = self.select(sparql)
        for row in results.rows:
            yield dict(zip(results.columns, row, strict=True))

    def any_match(
        self,
        subject: NamedNode | None,
        predicate: NamedNode | None,
        object: Term | None,
        graph: GraphName | None,
    ) -> bool:
        """Whether some quad matches the pattern (None matches anything; the default graph
        is ``import_graph``)."""
        # Terms made by the importer, written in their N-Triples form (escaped by
        # pyoxigraph).
        s, p, o = (str(t) if t is not None else f"?{v}" for t, v in
                   ((subject, "s"), (predicate, "p"), (object, "o")))  # fmt: skip
        where = f"{s} {p} {o}"
        if isinstance(graph, NamedNode) or (graph is not None and self.import_graph):
            name = graph if isinstance(graph, NamedNode) else NamedNode(self.import_graph)
            where = f"GRAPH {name} {{ {where} }}"
        return self.ask(f"ASK {{ {where} }}")

    def contains(self, quad: Quad) -> bool:
        """Whether the store holds this quad (of IRIs and literals: the importer's)."""
        subject, obj, graph = quad.subject, quad.object, quad.graph_name
        if (
            not isinstance(subject, NamedNode)
            or isinstance(obj, BlankNode | Triple)
            or isinstance(graph, BlankNode)
        ):
            raise TypeError("the importer writes no blank nodes")
        return self.any_match(subject, quad.predicate, obj, graph)

    def has_instance_from(self, cls: NamedNode, source: NamedNode) -> bool:
        """Whether some instance of ``cls`` is ``prov:wasDerivedFrom`` ``source``."""
        return self.ask(f"ASK {{ ?x a {cls} ; {_DERIVED} {source} }}")

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store (flush, unlock)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _is_lock_error(exc: OSError) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("hold" in text or "resource temporarily unavailable" in text)


class OxigraphStore(KGStore):
    """An Oxigraph store: on disk at ``path``, or in memory when ``path`` is ``None``.

    Every write is one transaction, and ``bulk_load`` is Oxigraph's bulk loader (one atomic
    RocksDB ingestion). Imported records go to the default graph (three indexes instead of
    six: see ``kg.importers.loader``).

    Raises
    ------
    StoreLockedError
        Another process has the store at ``path`` open for writing.
    """

    transactional = True
    bulk = True

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = Store()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = Store(str(self.path))
        except OSError as exc:
            if _is_lock_error(exc):
                raise StoreLockedError(
                    f"store {self.path} is locked: another process has it open for writing"
                ) from exc
            raise

    def _query(
        self, sparql: str, bindings: Mapping[str, Term] | None
    ) -> QuerySolutions | QueryBoolean | QueryTriples:
        try:
            return self._store.query(
                sparql, substitutions=substitutions(bindings), use_default_graph_as_union=True
            )
        except SyntaxError as exc:
            raise QueryError(str(exc)) from exc
        except RuntimeError as exc:
            raise QueryError(query_error_message(str(exc))) from exc

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Results:
        answer = self._query(sparql, bindings)
        if not isinstance(answer, QuerySolutions):
            raise QueryError("not a SELECT query")
        columns = [v.value for v in answer.variables]
        rows = [tuple(solution[c] for c in columns) for solution in answer]
        return Results(columns, rows)

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        answer = self._query(sparql, bindings)
        if not isinstance(answer, QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(answer)

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]:
        answer = self._query(sparql, bindings)
        if not isinstance(answer, QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        return list(answer)

    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> None:
        self._writable()
        if not self._store.contains_named_graph(graph):
            # A new graph: ``extend`` is one transaction, and much cheaper than an update.
            # (Only one process can write, so nothing can create the graph meanwhile.)
            self._store.extend(quads)
            return
        # One SPARQL Update is one transaction in Oxigraph: the old graph is dropped and the
        # new one inserted together, or not at all. Terms are written by pyoxigraph's own
        # N-Triples serialisation (str(term)), which escapes every literal.
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        self._update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")

    def replace_graphs(self, graphs: Mapping[GraphName, Iterable[Quad]]) -> None:
        self._writable()
        content = {
            graph: [Quad(q.subject, q.predicate, q.object, graph) for q in quads]
            for graph, quads in graphs.items()
        }
        if not any(self._holds(graph) for graph in content):
            # All new: one ``extend`` is one transaction, and keeps blank node labels.
            self._store.extend(q for quads in content.values() for q in quads)
            return
        # One SPARQL Update is one transaction: every graph is dropped and refilled together.
        drops = "".join(
            "CLEAR SILENT DEFAULT ;\n" if isinstance(graph, DefaultGraph)
            else f"DROP SILENT GRAPH {graph} ;\n"
            for graph in content
        )  # fmt: skip

        def block(graph: GraphName, quads: list[Quad]) -> str:
            body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
            return body if isinstance(graph, DefaultGraph) else f"GRAPH {graph} {{\n{body}\n}}"

        blocks = "\n".join(block(graph, quads) for graph, quads in content.items())
        self._update(f"{drops}INSERT DATA {{\n{blocks}\n}}")

    def _holds(self, graph: GraphName) -> bool:
        if isinstance(graph, DefaultGraph):
            found = self._store.quads_for_pattern(None, None, None, graph)
            return next(iter(found), None) is not None
        return self._store.contains_named_graph(graph)

    def drop_graph(self, graph: NamedNode) -> None:
        self._update(f"DROP SILENT GRAPH {graph}")

    def bulk_load(self, nquads: bytes) -> None:
        self._writable()
        self._store.bulk_load(nquads, format=RdfFormat.N_QUADS)

    def rows(self, sparql: str) -> Iterator[Mapping[str, Term | None]]:
        # Streamed: pyoxigraph's solutions are looked up by variable name already.
        answer = self._query(sparql, None)
        if not isinstance(answer, QuerySolutions):
            raise QueryError("not a SELECT query")
        return iter(answer)

    def contains(self, quad: Quad) -> bool:
        return quad in self._store

    def any_match(
        self,
        subject: NamedNode | None,
        predicate: NamedNode | None,
        object: Term | None,
        graph: GraphName | None,
    ) -> bool:
        pattern = self._store.quads_for_pattern(subject, predicate, object, graph)
        return next(iter(pattern), None) is not None

    def has_instance_from(self, cls: NamedNode, source: NamedNode) -> bool:
        # Walks the instances (few: observations) and not the source's derivations (a
        # million records): a SPARQL ASK may start from either end.
        for quad in self._store.quads_for_pattern(None, _TYPE, cls, None):
            found = self._store.quads_for_pattern(quad.subject, _DERIVED, source, None)
            if next(iter(found), None) is not None:
                return True
        return False

    def load(self, data: bytes, fmt: RdfFormat, graph: NamedNode | None = None) -> None:
        """Load a serialisation in one transaction (into ``graph`` for triple formats).

        Raises
        ------
        ReadOnlyStoreError
            The store is read-only.
        """
        self._writable()
        self._store.load(data, format=fmt, to_graph=graph if graph is not None else DefaultGraph())

    def update(self, update: str) -> None:
        self._update(update)

    def _update(self, update: str) -> None:
        self._writable()
        try:
            self._store.update(update)
        except SyntaxError as exc:
            raise QueryError(str(exc)) from exc

    def quads(self, graph: GraphName | None = None) -> Iterator[Quad]:
        return iter(self._store.quads_for_pattern(None, None, None, graph))

    def graphs(self) -> list[NamedNode]:
        return sorted(
            (g for g in self._store.named_graphs() if isinstance(g, NamedNode)),
            key=lambda g: g.value,
        )

    def __len__(self) -> int:
        return len(self._store)

    @property
    def native(self) -> Store:
        """The pyoxigraph ``Store`` itself, for bulk work (``kg.importers``)."""
        return self._store

    def close(self) -> None:
        if self.path is not None:
            self._store.flush()
        del self._store


def native_store(graph: KnowledgeGraph) -> tuple[Store, Path | None]:
    """The pyoxigraph ``Store`` of an embedded graph, and its folder (None in memory), for
    work that needs Oxigraph itself (benchmarks, the actor network).

    Raises
    ------
    StoreError
        The graph is not in a writable embedded store.
    """
    store = graph.store
    if not isinstance(store, OxigraphStore):
        raise StoreError("kg import needs the embedded store (--store DIR), not a SPARQL endpoint")
    if store.read_only:
        raise ReadOnlyStoreError()
    return store.native, store.path
