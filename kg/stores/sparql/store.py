"""A quad store behind a SPARQL 1.1 endpoint (Virtuoso, Fuseki, GraphDB, an Oxigraph server).

``RemoteStore`` speaks the SPARQL 1.1 Protocol over HTTP (httpx): queries and updates are
POSTed as forms, SELECT and ASK answers come back as SPARQL JSON results, CONSTRUCT
answers as N-Triples, and every term is turned into the pyoxigraph term the embedded
store would give, so that ``KnowledgeGraph`` reads the same rows from either store.

>>> store = RemoteStore("http://dba:secret@127.0.0.1:8890/sparql-auth")  # connects lazily
>>> store.query_endpoint, store.update_endpoint
('http://127.0.0.1:8890/sparql-auth', 'http://127.0.0.1:8890/sparql-auth')
>>> store.close()

``KnowledgeGraph.connect(url)`` wraps one in a graph (and loads the reference graphs).

The parts, as rdflib separates its ``SPARQLConnector`` from its ``SPARQLStore``: binding
parameters into the query text (``kg.stores.sparql.binding``), reading terms in
Oxigraph's forms (``kg.stores.sparql.terms``), HTTP with authentication and retries
(``kg.stores.sparql.http``), and this module, the store: batches, staging graphs, the
Graph Store Protocol, the default graph.

Writing. Where the server has a SPARQL 1.1 Graph Store endpoint (``graph_store``: found
for Virtuoso, given for others), triples are POSTed there as N-Triples, at most
``load_batch_size`` a request: Virtuoso parses them with its bulk loader, 8.5 times
faster than ``INSERT DATA`` end to end (``benchmarks/remote_import.py``). Otherwise
(``graph_store=None``): Virtuoso refuses an ``INSERT DATA`` of a few thousand triples, so
a graph is written in batches of at most ``batch_size`` triples. Either way triples that
share a blank node stay in one batch (a blank node label only holds within one request;
Virtuoso 7 also refuses blank nodes in INSERT DATA, so such batches are
``INSERT {...} WHERE {}``). A graph that fits one batch and does not exist yet is written
by that one request. Otherwise the batches go into a fresh staging graph
(``urn:x-diplomatic-kg:staging:<uuid>``), its size is checked, and one operation,
``MOVE SILENT GRAPH <staging> TO <graph>``, swaps it in: a failure before it leaves the
graph as it was. What is NOT atomic, and cannot be over the
protocol: Virtuoso commits each operation on its own (even the operations of one request:
checked), so (1) while the batches are written, the staging graph's triples are visible
through the union default graph; (2) a process killed before the MOVE leaves a staging
graph behind (``graphs()`` and ``quads()`` hide it, ``drop_staging_graphs()`` removes
it); (3) whether a concurrent reader can see the MOVE half done is Virtuoso's business
(not checked); (4) ``replace_graphs`` replaces one graph after another. One writer at a
time, as with the embedded store.

The default graph. What the embedded store keeps in its default graph (the imported
event datasets) is kept in the named graph ``DATASETS_GRAPH``
(``https://w3id.org/diplomatic-kg/graph/datasets``): ``quads()`` gives its triples as
default-graph quads, ``replace_graphs`` writes default-graph quads there, and ``graphs()``
does not list it, so that a dump, a load and every query see the same dataset on both
stores.

Reading. The default graph must be the union of the named graphs (Virtuoso without FROM;
GraphDB; Fuseki with ``unionDefaultGraph``; ``oxigraph serve --union-default-graph``).
Virtuoso 7.2.5 (Debian 12's) must run with ``VectorSize = 1``: with vectored execution it
answers queries that join ``rdfs:subClassOf*`` with OPTIONAL groups wrongly (our
``events`` and ``reactions`` queries lose rows), and no query pragma avoids it.
Virtuoso's own graphs (its schema, the OWL vocabulary, the service description, DAV) are
hidden from ``graphs()`` and ``quads()``. ``quads()`` reads a graph in ordered pages of
``page_size`` rows (below Virtuoso's default ``ResultSetMaxRows`` of 10,000); an answer
that the endpoint cut short (Virtuoso's ``X-SPARQL-MaxRows`` header) raises
``RemoteStoreError`` rather than being taken as complete.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from urllib.parse import urlsplit, urlunsplit

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Triple, parse

from kg.errors import ReadOnlyStoreError
from kg.errors import RemoteStoreError as RemoteStoreError
from kg.results import Results, Term
from kg.store import GraphName, KGStore, QueryError, batches
from kg.stores.sparql.binding import bind_parameters, query_form
from kg.stores.sparql.http import SPARQLConnector, split_credentials
from kg.stores.sparql.terms import canonical, count_key, term_from_json
from kg.vocab import LDP, OWL, OX, STAGING, VIRTRDF

__all__ = [
    "DEFAULT_GRAPH",
    "STAGING_PREFIX",
    "VIRTUOSO_SYSTEM_GRAPHS",
    "RemoteStore",
    "RemoteStoreError",
]

#: Graphs written by ``replace_graph`` before they are moved into place.
STAGING_PREFIX = str(STAGING)
#: The named graph that stands for the embedded store's default graph.
DEFAULT_GRAPH = OX.DATASETS_GRAPH

#: Graphs that every Virtuoso holds for itself. Its service description and DAV graphs are
#: named after the server's host (``http://host:port/sparql``, ``http://host:port/DAV/``)
#: and are recognised by their path.
VIRTUOSO_SYSTEM_GRAPHS = frozenset({str(VIRTRDF), str(LDP), str(OWL)})
_SYSTEM_PATHS = ("/sparql", "/DAV/")

_RDF_TYPES = {
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/plain": RdfFormat.N_TRIPLES,
    "text/turtle": RdfFormat.TURTLE,
    "application/x-turtle": RdfFormat.TURTLE,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/ld+json": RdfFormat.JSON_LD,
}


def _is_system_graph(iri: str) -> bool:
    if iri in VIRTUOSO_SYSTEM_GRAPHS or iri == DEFAULT_GRAPH.value:
        return True
    if iri.startswith(STAGING_PREFIX):
        return True
    parts = urlsplit(iri)
    return parts.scheme in ("http", "https") and parts.path in _SYSTEM_PATHS and not parts.query


class RemoteStore(KGStore):
    """A ``KGStore`` in a SPARQL 1.1 endpoint: queries to ``query_endpoint``, updates to
    ``update_endpoint`` (by default the same URL).

    Neither ``transactional`` (each request commits on its own) nor ``bulk``. Imported
    records go to ``import_graph`` (by default ``DATASETS_GRAPH``, which stands for the
    embedded store's default graph: see the module notes).

    ``auth`` is (user, password), for Digest or Basic authentication; ``batch_size`` the
    most triples one update request carries; ``timeout`` seconds per request;
    ``page_size`` the most rows asked for at once when reading a graph; ``read_only``
    refuses every write (and ``KnowledgeGraph`` then leaves the reference graphs alone).

    ``graph_store`` is the SPARQL 1.1 Graph Store Protocol URL that triples are POSTed to
    (``load_batch_size`` a request) instead of being sent as ``INSERT DATA``: "auto" (the
    default) finds Virtuoso's ``/sparql-graph-crud`` (``-auth``) beside its ``/sparql``
    (``-auth``) endpoint, ``None`` always uses ``INSERT DATA``. Virtuoso parses a posted
    graph with its bulk loader: ``kg import`` into it is 8.5 times faster than with
    ``INSERT DATA`` (``benchmarks/remote_import.py``).

    The store connects on its first request; each request raises ``RemoteStoreError`` when
    the endpoint cannot be reached, refuses it or answers oddly (the methods of
    ``KGStore`` say what else they raise).

    Raises
    ------
    ValueError
        A batch or page size that is not positive.
    """

    def __init__(
        self,
        query_endpoint: str,
        update_endpoint: str | None = None,
        *,
        auth: tuple[str, str] | None = None,
        batch_size: int = 1000,
        timeout: float = 60,
        page_size: int = 5000,
        read_only: bool = False,
        graph_store: str | None = "auto",
        load_batch_size: int = 20_000,
        import_graph: str | None = None,
    ) -> None:
        if batch_size < 1 or page_size < 1 or load_batch_size < 1:
            raise ValueError("batch_size, load_batch_size and page_size must be positive")
        self.http = SPARQLConnector(query_endpoint, update_endpoint, auth=auth, timeout=timeout)
        self.batch_size = batch_size
        self.load_batch_size = load_batch_size
        self.page_size = page_size
        self.read_only = read_only
        self.max_update_triples = batch_size
        self.import_graph = import_graph or OX.DATASETS_GRAPH.value
        # "auto" until the first write looks; then a URL, or None for INSERT DATA.
        self._graph_store = graph_store or None
        if self._graph_store not in (None, "auto"):
            self._graph_store = split_credentials(graph_store or "")[0]

    @property
    def query_endpoint(self) -> str:
        """The URL queries are POSTed to (without credentials)."""
        return self.http.query_endpoint

    @property
    def update_endpoint(self) -> str:
        """The URL updates are POSTed to (without credentials)."""
        return self.http.update_endpoint

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_endpoint!r}, {self.update_endpoint!r})"

    # ------------------------------------------------------------------ protocol

    def _update(self, update: str) -> None:
        if self.read_only:
            raise ReadOnlyStoreError()
        self.http.update(update)

    def _prepare(self, sparql: str, bindings: Mapping[str, Term] | None, *forms: str) -> str:
        form = query_form(sparql)
        if form is not None and form not in forms:
            wanted = " or ".join(forms)
            raise QueryError(f"not a{'n' if wanted[0] == 'A' else ''} {wanted} query")
        return bind_parameters(sparql, bindings)

    # ------------------------------------------------------------------ reading

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Results:
        data = self.http.query_json(self._prepare(sparql, bindings, "SELECT"))
        try:
            columns = [str(v) for v in data["head"]["vars"]]
            rows = [
                tuple(term_from_json(b[c]) if c in b else None for c in columns)
                for b in data["results"]["bindings"]
            ]
        except (KeyError, TypeError) as exc:
            raise RemoteStoreError(f"{self.query_endpoint}: not SELECT results") from exc
        return Results(columns, rows)

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        data = self.http.query_json(self._prepare(sparql, bindings, "ASK"))
        answer = data.get("boolean")
        if not isinstance(answer, bool):
            raise RemoteStoreError(f"{self.query_endpoint}: not an ASK answer")
        return answer

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]:
        query = self._prepare(sparql, bindings, "CONSTRUCT", "DESCRIBE")
        content, media = self.http.query_rdf(query)
        try:
            found = list(parse(content, format=_RDF_TYPES.get(media, RdfFormat.N_TRIPLES)))
        except SyntaxError as exc:
            raise RemoteStoreError(f"{self.query_endpoint}: unreadable {media}: {exc}") from exc
        triples = []
        for item in found:
            triple = item.triple if isinstance(item, Quad) else item
            obj = triple.object
            if isinstance(obj, Literal):
                obj = canonical(obj)
            triples.append(Triple(triple.subject, triple.predicate, obj))
        return triples

    def graphs(self) -> list[NamedNode]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        found = {row[0] for row in rows if isinstance(row[0], NamedNode)}
        return sorted((g for g in found if not _is_system_graph(g.value)), key=lambda g: g.value)

    def quads(self, graph: GraphName | None = None) -> Iterator[Quad]:
        names: list[GraphName] = [graph] if graph is not None else [*self.graphs(), DefaultGraph()]
        for name in names:
            if isinstance(name, DefaultGraph):
                for quad in self._graph_quads(DEFAULT_GRAPH):
                    yield Quad(quad.subject, quad.predicate, quad.object, name)
            else:
                yield from self._graph_quads(name)

    def _graph_quads(self, graph: NamedNode) -> Iterator[Quad]:
        # Ordered pages; the ORDER BY sits in a subquery because Virtuoso refuses to sort
        # more than 10,000 rows for an ORDER BY ... OFFSET at the top level.
        offset = 0
        while True:
            results = self.select(
                "SELECT ?s ?p ?o WHERE { { SELECT ?s ?p ?o WHERE { GRAPH "
                f"{graph} {{ ?s ?p ?o }} }} ORDER BY ?s ?p ?o }} }} "
                f"LIMIT {self.page_size} OFFSET {offset}"
            )
            for s, p, o in results.rows:
                if not isinstance(s, NamedNode | BlankNode) or not isinstance(p, NamedNode):
                    raise RemoteStoreError(f"{self.query_endpoint}: not a triple: {s} {p} {o}")
                if o is None:
                    raise RemoteStoreError(f"{self.query_endpoint}: a triple without object")
                yield Quad(s, p, o, graph)
            if len(results) < self.page_size:
                return
            offset += self.page_size

    def count(self, graph: NamedNode) -> int:
        """How many triples the named graph holds.

        Raises
        ------
        RemoteStoreError
            The endpoint cannot be reached, refuses the request or answers oddly.
        """
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        value = rows.rows[0][0] if rows.rows else None
        return int(value.value) if isinstance(value, Literal) else 0

    # ------------------------------------------------------------------ writing

    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> None:
        self.replace_graphs({graph: quads})

    def replace_graphs(self, graphs: Mapping[GraphName, Iterable[Quad]]) -> None:
        """Replace each graph with its quads, one graph after the other (each graph is
        swapped in by one MOVE; the default graph is ``DEFAULT_GRAPH``: see the module
        notes).

        Raises
        ------
        ReadOnlyStoreError
            The store is read-only.
        RemoteStoreError
            The endpoint cannot be reached, refuses a request or answers oddly.
        """
        if self.read_only:
            raise ReadOnlyStoreError()
        for graph, quads in graphs.items():
            name = DEFAULT_GRAPH if isinstance(graph, DefaultGraph) else graph
            self._replace(name, list(dict.fromkeys(q.triple for q in quads)))

    def _replace(self, graph: NamedNode, triples: list[Triple]) -> None:
        if not triples:
            self.drop_graph(graph)
            return
        parts = batches(triples, self.write_batch_size)
        if len(parts) == 1 and not self.ask(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}"):
            self._insert(graph, parts[0])  # one operation: all or nothing
            return
        staging = OX.STAGING[str(uuid.uuid4())]
        try:
            for batch in parts:
                self._insert(staging, batch)
            expected = len({count_key(t) for t in triples})
            held = self.count(staging)
            if held != expected:
                raise RemoteStoreError(
                    f"writing {graph}: the endpoint kept {held} of {expected} triples; "
                    "the graph was left as it was"
                )
            self._update(f"MOVE SILENT GRAPH {staging} TO {graph}")
        except BaseException:
            with contextlib.suppress(QueryError):
                self._update(f"DROP SILENT GRAPH {staging}")
            raise

    @property
    def graph_store(self) -> str | None:
        """The Graph Store Protocol URL writes are POSTed to, or ``None`` (``INSERT DATA``).

        "auto" is resolved on first use: Virtuoso names itself in its ``Server`` header,
        and its Graph Store endpoint sits beside its SPARQL one.
        """
        if self._graph_store == "auto":
            self._graph_store = None
            parts = urlsplit(self.update_endpoint)
            for suffix, crud in (("/sparql", "/sparql-graph-crud"),
                                 ("/sparql-auth", "/sparql-graph-crud-auth")):  # fmt: skip
                if parts.path.rstrip("/").endswith(suffix) and self.http.is_virtuoso():
                    path = parts.path.rstrip("/")[: -len(suffix)] + crud
                    self._graph_store = urlunsplit(parts._replace(path=path, query=""))
                    break
        return self._graph_store

    @property
    def write_batch_size(self) -> int:
        """The most triples one write request carries (larger through the Graph Store)."""
        return self.load_batch_size if self.graph_store else self.batch_size

    def _post_graph(self, url: str, graph: NamedNode, triples: Sequence[Triple]) -> None:
        """Add triples to a graph with one Graph Store Protocol POST (N-Triples)."""
        body = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)
        self.http.post_graph(url, graph.value, body.encode("utf-8"))

    def _insert(self, graph: NamedNode, triples: Sequence[Triple]) -> None:
        if self.read_only:
            raise ReadOnlyStoreError()
        url = self.graph_store
        if url is not None:
            self._post_graph(url, graph, triples)
            return
        body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
        if any(
            isinstance(t.subject, BlankNode) or isinstance(t.object, BlankNode) for t in triples
        ):
            # Virtuoso 7 refuses blank nodes in INSERT DATA; a template with an empty
            # pattern has one solution, so each label makes one node.
            self._update(f"INSERT {{ GRAPH {graph} {{\n{body}\n}} }} WHERE {{}}")
        else:
            self._update(f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")

    def add_triples(self, graph: GraphName, triples: Sequence[Triple]) -> None:
        """Add triples to a graph (the default graph: ``DEFAULT_GRAPH``),
        ``write_batch_size`` triples a request, in order; triples that share a blank node
        stay in one request.

        Not atomic: a failure leaves the batches written before it (adding the same
        triples again adds nothing).

        Raises
        ------
        ReadOnlyStoreError
            The store is read-only.
        RemoteStoreError
            The endpoint cannot be reached, refuses a request or answers oddly.
        """
        name = DEFAULT_GRAPH if isinstance(graph, DefaultGraph) else graph
        for batch in batches(triples, self.write_batch_size):
            self._insert(name, batch)

    def update(self, update: str) -> None:
        """Run a SPARQL 1.1 Update on the update endpoint.

        Raises
        ------
        ReadOnlyStoreError
            The store is read-only.
        RemoteStoreError
            The endpoint cannot be reached, refuses a request or answers oddly.
        """
        self._update(update)

    def drop_graph(self, graph: NamedNode) -> None:
        self._update(f"DROP SILENT GRAPH {graph}")

    def drop_staging_graphs(self) -> list[NamedNode]:
        """Drop the staging graphs that interrupted writes left behind; returns them.

        Only while no other process writes: a staging graph may be another's, in flight.

        Raises
        ------
        ReadOnlyStoreError
            The store is read-only.
        RemoteStoreError
            The endpoint cannot be reached, refuses a request or answers oddly.
        """
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        left = sorted(
            (r[0] for r in rows if isinstance(r[0], NamedNode)),
            key=lambda g: g.value,
        )
        left = [g for g in left if g.value.startswith(STAGING_PREFIX)]
        for graph in left:
            self.drop_graph(graph)
        return left

    def close(self) -> None:
        self.http.close()
