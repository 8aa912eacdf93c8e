"""A store kind of the tests' own: the whole of a new kind is this module plus one line,
``register("memory", MemoryStore.opener)``.

It implements only the six primitives of ``kg.store.KGStore`` (over an in-memory
pyoxigraph ``Store``, the engine at hand) and declares itself neither transactional nor
bulk, so every write goes through the protocol's fallbacks: replacing a graph is a drop
then batched ``INSERT DATA``, an import's chunk is batched inserts, its lookups are ASK
queries, and its records go to a named graph, as over a SPARQL endpoint.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from pyoxigraph import (
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    Store,
    Triple,
)

from kg.results import Results, Term
from kg.store import GraphName, KGStore, QueryError, substitutions
from kg.stores import StoreOptions

#: Where imported records go: a named graph, so that lookups can name it.
DATASETS = "urn:x-memory-store:datasets"


class MemoryStore(KGStore):
    """A store in memory, for one process, that counts its update requests."""

    import_graph = DATASETS
    max_update_triples = 50  # small, so that an import takes many batches

    def __init__(self, *, read_only: bool = False) -> None:
        self.read_only = read_only
        self.updates = 0
        self._store = Store()

    @classmethod
    def opener(cls, location: str, options: StoreOptions) -> MemoryStore:
        """Open one for ``memory:...`` (the rest of the location is ignored)."""
        return cls(read_only=options.read_only)

    def _query(
        self, sparql: str, bindings: Mapping[str, Term] | None
    ) -> QuerySolutions | QueryBoolean | QueryTriples:
        try:
            return self._store.query(
                sparql, substitutions=substitutions(bindings), use_default_graph_as_union=True
            )
        except (SyntaxError, RuntimeError) as exc:
            raise QueryError(str(exc)) from exc

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Results:
        answer = self._query(sparql, bindings)
        if not isinstance(answer, QuerySolutions):
            raise QueryError("not a SELECT query")
        columns = [v.value for v in answer.variables]
        return Results(columns, [tuple(s[c] for c in columns) for s in answer])

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        answer = self._query(sparql, bindings)
        if not isinstance(answer, QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(answer)

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]:
        answer = self._query(sparql, bindings)
        if not isinstance(answer, QueryTriples):
            raise QueryError("not a CONSTRUCT query")
        return list(answer)

    def update(self, update: str) -> None:
        self._writable()
        self.updates += 1
        self._store.update(update)

    def quads(self, graph: GraphName | None = None) -> Iterator[Quad]:
        return iter(self._store.quads_for_pattern(None, None, None, graph))

    def graphs(self) -> list[NamedNode]:
        named = (g for g in self._store.named_graphs() if isinstance(g, NamedNode))
        return sorted(named, key=lambda g: g.value)
