"""Where an import writes: the embedded Oxigraph store, or a SPARQL 1.1 endpoint.

The importer (:mod:`kg.importers.loader`) and the aggregates
(:mod:`kg.importers.aggregates`) need six operations of a store, which
:class:`ImportTarget` names; two classes provide them:

* :class:`EmbeddedTarget` over a ``pyoxigraph.Store``: each chunk is one bulk load (one
  atomic RocksDB ingestion), lookups are index scans, updates are transactions. Records go
  to the default graph (three indexes instead of six: see ``kg.importers.loader``).
* :class:`RemoteTarget` over a :class:`~kg.remote.RemoteStore` (Virtuoso, Fuseki,
  GraphDB...): records go to the named graph that stands for the embedded store's default
  graph there (``kg.vocab.DATASETS_GRAPH``), so that both stores hold the same dataset;
  they are written by ``INSERT DATA`` requests of at most ``batch_size`` triples, in order. A
  request is the unit of atomicity there, not a chunk; what keeps a killed run safe is the
  order of the writes: a chunk's ``dkg:pendingAggregation`` markers go before its records,
  the file's ``dkg:sourceDigest`` after them, a record's id before its other quads (a
  record found under its own id is written whole again: see ``kg.importers.loader``), and
  re-running the import writes the same triples again (set semantics, deterministic IRIs)
  then recomputes the marked days.

>>> from pyoxigraph import Store
>>> target = EmbeddedTarget(Store())
>>> target.graph, target.max_update_triples
('', None)
>>> target.any_match(None, None, None, None)
False
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Protocol

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    NamedNode,
    Quad,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    parse,
)

from kg.errors import ReadOnlyStoreError
from kg.remote import RemoteStore
from kg.results import Term
from kg.vocab import DATASETS_GRAPH, PROV, RDF

__all__ = ["EmbeddedTarget", "ImportTarget", "RemoteTarget", "Row"]

_TYPE = NamedNode(str(RDF.type))
_DERIVED = NamedNode(str(PROV.wasDerivedFrom))


class Row(Protocol):
    """One SELECT solution: its terms by variable name (None when unbound)."""

    def __getitem__(self, key: str) -> Term | None: ...


class ImportTarget(Protocol):
    """What an import needs of a store."""

    #: The graph records are written to: ``""`` for the default graph.
    graph: str
    #: The store's folder on disk (for the files a killed bulk load leaves), if any.
    path: Path | None
    #: The most triples one :meth:`update` should carry (None: no limit).
    max_update_triples: int | None

    def select(self, sparql: str) -> Iterable[Row]:
        """A SELECT query over the union of the graphs."""
        ...

    def contains(self, quad: Quad) -> bool:
        """Whether the store holds this quad."""
        ...

    def any_match(
        self,
        subject: NamedNode | None,
        predicate: NamedNode | None,
        object: Term | None,
        graph: NamedNode | DefaultGraph | None,
    ) -> bool:
        """Whether some quad matches the pattern (None matches anything)."""
        ...

    def has_instance_from(self, cls: NamedNode, source: NamedNode) -> bool:
        """Whether some instance of ``cls`` is ``prov:wasDerivedFrom`` ``source``."""
        ...

    def load(self, nquads: bytes) -> None:
        """Add the quads of an N-Quads text."""
        ...

    def update(self, sparql: str) -> None:
        """Run a SPARQL update."""
        ...


class EmbeddedTarget:
    """An import into a pyoxigraph ``Store`` (the embedded store of ``kg``)."""

    max_update_triples: int | None = None

    def __init__(
        self, store: Store, *, path: str | os.PathLike[str] | None = None, graph: str = ""
    ) -> None:
        self.store = store
        self.path = Path(path) if path is not None else None
        self.graph = graph

    def select(self, sparql: str) -> QuerySolutions:
        answer = self.store.query(sparql, use_default_graph_as_union=True)
        if not isinstance(answer, QuerySolutions):
            raise TypeError("not a SELECT query")
        return answer

    def contains(self, quad: Quad) -> bool:
        return quad in self.store

    def any_match(
        self,
        subject: NamedNode | None,
        predicate: NamedNode | None,
        object: Term | None,
        graph: NamedNode | DefaultGraph | None,
    ) -> bool:
        pattern = self.store.quads_for_pattern(subject, predicate, object, graph)
        return next(iter(pattern), None) is not None

    def has_instance_from(self, cls: NamedNode, source: NamedNode) -> bool:
        # Walks the instances (few: observations) and not the source's derivations (a
        # million records): a SPARQL ASK may start from either end.
        for quad in self.store.quads_for_pattern(None, _TYPE, cls, None):
            found = self.store.quads_for_pattern(quad.subject, _DERIVED, source, None)
            if next(iter(found), None) is not None:
                return True
        return False

    def load(self, nquads: bytes) -> None:
        self.store.bulk_load(nquads, format=RdfFormat.N_QUADS)

    def update(self, sparql: str) -> None:
        self.store.update(sparql)


class RemoteTarget:
    """An import into a SPARQL 1.1 endpoint, into ``DATASETS_GRAPH`` (the embedded
    store's default graph: see ``kg.remote``) unless ``graph`` names another."""

    path: Path | None = None

    def __init__(self, store: RemoteStore, *, graph: str | None = None) -> None:
        if store.read_only:
            raise ReadOnlyStoreError()
        self.store = store
        self.graph = graph or str(DATASETS_GRAPH)
        self.max_update_triples: int | None = store.batch_size

    def select(self, sparql: str) -> Iterator[Mapping[str, Term | None]]:
        results = self.store.select(sparql)
        for row in results.rows:
            yield dict(zip(results.columns, row, strict=True))

    def contains(self, quad: Quad) -> bool:
        subject, obj, graph = quad.subject, quad.object, quad.graph_name
        if (
            not isinstance(subject, NamedNode)
            or isinstance(obj, BlankNode | Triple)
            or isinstance(graph, BlankNode)
        ):
            raise TypeError("the importer writes no blank nodes")
        return self.any_match(subject, quad.predicate, obj, graph)

    def any_match(
        self,
        subject: NamedNode | None,
        predicate: NamedNode | None,
        object: Term | None,
        graph: NamedNode | DefaultGraph | None,
    ) -> bool:
        # Terms made by the importer, written in their N-Triples form (escaped by
        # pyoxigraph); a default graph means the dataset's graph here.
        s, p, o = (str(t) if t is not None else f"?{v}" for t, v in
                   ((subject, "s"), (predicate, "p"), (object, "o")))  # fmt: skip
        where = f"{s} {p} {o}"
        if graph is not None:
            name = graph if isinstance(graph, NamedNode) else NamedNode(self.graph)
            where = f"GRAPH {name} {{ {where} }}"
        return self.store.ask(f"ASK {{ {where} }}")

    def has_instance_from(self, cls: NamedNode, source: NamedNode) -> bool:
        return self.store.ask(f"ASK {{ ?x a {cls} ; {_DERIVED} {source} }}")

    def load(self, nquads: bytes) -> None:
        """Insert the quads in order, ``batch_size`` triples a request, each into its
        graph (the dataset's graph for default-graph quads)."""
        default = NamedNode(self.graph)
        graph: NamedNode | None = None
        batch: list[Triple] = []
        for quad in parse(nquads, format=RdfFormat.N_QUADS):
            name = quad.graph_name if isinstance(quad.graph_name, NamedNode) else default
            if batch and (name != graph or len(batch) >= self.store.write_batch_size):
                assert graph is not None
                self.store.add_triples(graph, batch)
                batch = []
            graph = name
            batch.append(quad.triple)
        if batch:
            assert graph is not None
            self.store.add_triples(graph, batch)

    def update(self, sparql: str) -> None:
        self.store.update(sparql)
