"""Where the triples live: one small interface, an embedded Oxigraph implementation.

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
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Self

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
)

from kg.errors import QueryError as QueryError
from kg.errors import ReadOnlyStoreError
from kg.errors import StoreLockedError as StoreLockedError
from kg.results import Results, Term
from kg.snapshot import PinnedView

__all__ = [
    "GraphName",
    "KGStore",
    "OxigraphStore",
    "QueryError",
    "StoreLockedError",
]

#: A graph of the dataset: a named graph, or the default graph (the imported datasets).
GraphName = NamedNode | DefaultGraph


#: Said after an error about a projection: Oxigraph binds parameters by SEP-0007
#: substitution, which needs the variable in the SELECT clause (and so does ``kg.remote``).
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


class KGStore(ABC):
    """What the knowledge graph needs from a quad store."""

    @abstractmethod
    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Results:
        """Run a SELECT query, the default graph being the union of all graphs."""

    @abstractmethod
    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """Run an ASK query."""

    @abstractmethod
    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]:
        """Run a CONSTRUCT or DESCRIBE query."""

    @abstractmethod
    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> None:
        """Replace the named graph's content with ``quads``, atomically."""

    @abstractmethod
    def drop_graph(self, graph: NamedNode) -> None:
        """Remove a named graph and its quads, atomically."""

    @abstractmethod
    def replace_graphs(self, graphs: Mapping[GraphName, Iterable[Quad]]) -> None:
        """Replace several graphs (the default graph too), each with its quads (other
        graphs are untouched): in one transaction where the store has them, else one graph
        after the other."""

    @abstractmethod
    def quads(self, graph: GraphName | None = None) -> Iterator[Quad]:
        """Every quad, or those of one graph (``DefaultGraph()``: the default graph)."""

    @abstractmethod
    def graphs(self) -> list[NamedNode]:
        """The named graphs."""

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
    """An Oxigraph store: on disk at ``path``, or in memory when ``path`` is ``None``."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._view: PinnedView | None = None
        try:
            if self.path is None:
                self._store = Store()
            elif read_only:
                # A pinned snapshot: a writer in another process cannot delete its files.
                self._view = PinnedView.open(self.path)
                self._store = self._view.store
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
        if self.read_only:
            raise ReadOnlyStoreError()
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
        if self.read_only:
            raise ReadOnlyStoreError()
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

    def load(self, data: bytes, fmt: RdfFormat, graph: NamedNode | None = None) -> None:
        """Load a serialisation in one transaction (into ``graph`` for triple formats)."""
        if self.read_only:
            raise ReadOnlyStoreError()
        self._store.load(data, format=fmt, to_graph=graph if graph is not None else DefaultGraph())

    def _update(self, update: str) -> None:
        if self.read_only:
            raise ReadOnlyStoreError()
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
        if not self.read_only and self.path is not None:
            self._store.flush()
        del self._store
        if self._view is not None:
            self._view.close()
