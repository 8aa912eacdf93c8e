"""``kg serve``: a SPARQL 1.1 Protocol endpoint over the embedded store, read-only by default.

Routes
------
* ``/sparql`` (alias ``/query``): SPARQL 1.1 Protocol. A query by ``GET ?query=``, by
  ``POST`` of a form (``application/x-www-form-urlencoded``) or of the query itself
  (``application/sparql-query``); ``default-graph-uri`` / ``named-graph-uri`` choose the
  dataset (without them the default graph is the union of all named graphs). Results as
  ``application/sparql-results+json`` (default), ``+xml``, ``text/csv`` or
  ``text/tab-separated-values``; graphs as ``text/turtle`` (default),
  ``application/n-triples``, ``application/ld+json`` or ``application/rdf+xml``. Without a
  query: the SPARQL 1.1 Service Description (Turtle), or an HTML page for a browser.
  SPARQL Update (``update=`` or ``application/sparql-update``): 403 unless the server was
  started with ``--allow-update``, then a bearer token is required (401 without it).
* ``/queries``: the named queries (JSON); ``/queries/{name}?param=value`` runs one, its
  parameters bound by ``KnowledgeGraph.run`` (RDF terms, never pasted into the text).
* ``/health``: ``{"status", "documents", "triples", ...}`` (triples of every graph, the
  imported datasets too; counted once per store version by each worker).

Design
------
*Starlette, not FastAPI.* rdflib-endpoint builds on FastAPI; what FastAPI adds over
Starlette (request models, validation, OpenAPI) fits JSON APIs, and the SPARQL protocol is
not one: we read raw bodies of three content types, negotiate among media types that
depend on the query form (known only once the query is parsed) and send bytes that
pyoxigraph serialises. Starlette gives the routing, lifespan and CORS we need with one
layer less. Unlike rdflib-endpoint we never run a query on the event loop, compare the
token in constant time, answer 401 (not 403) to a bad token, and refuse ``SERVICE``.

*Worker processes.* pyoxigraph evaluates a query in Rust and offers no way to cancel it
from Python (a signal handler only runs once it returns), so a time limit must kill the
process doing the work. A small pool of worker processes (forked from a ``forkserver``
that has imported this module once) each holds a read-only store; the parent sends a job
down a pipe and waits at most the time left; past it, it kills the worker (SIGKILL),
answers 503 and forks a replacement in the background. Waiting for a free worker counts
against the same limit. Each worker also holds a lifeline pipe whose only write end is the
server's, so a worker exits even mid-query when the server dies, however it dies. Updates
run in a process of their own that opens the store for writing, so the server holds the
RocksDB write lock only while an update runs (``kg add`` can write at any other time) and
a runaway update is killed like a query (Oxigraph writes an update as one batch, so a
killed one leaves nothing behind).

*Freshness.* A worker's store is a pinned snapshot (``kg.snapshot``): its files are
hard-linked, so a writer's compaction cannot delete one under a query, and it never sees
later writes. Before each job a worker compares a marker of the store folder (name, size
and mtime of every RocksDB file; every commit appends to the write-ahead log, so it
changes) with the one it pinned, and takes a new snapshot when it differs (a few ms). An
I/O error also reopens and retries once.

*Limits.* ``--timeout`` per request (503), ``--max-memory`` per worker (an address-space
cap: past it the allocation fails, the worker ends and the request gets 503; the OOM
killer would pick any process), ``--max-results`` rows or triples (a larger
result is refused with 413 rather than cut short: a silently truncated answer is read as a
complete one), ``--max-body`` bytes (413). Results are first written as TSV or N-Triples
through a writer that stops evaluation once the limit is passed, then re-serialised by
pyoxigraph in the negotiated format. Errors are one line of ``text/plain`` (with
``nosniff``), never HTML, since parser messages echo the query.

*Lanes.* The named queries (``/queries``, the page, ``/health``) run on a worker pool of
their own (``--named-workers``), borrowing an idle ad-hoc worker when there is one, and
the ad-hoc workers run at a lower CPU priority: two runaway ad-hoc queries on the two
default workers used to make every other client wait out the time limit (503). A
separate lane, not per-client fairness: on loopback every client has the same address,
and the named queries are the ones the page and the API depend on.

*Outbound requests.* Oxigraph would fetch any URL a client names with ``SERVICE`` or
``LOAD`` (server-side request forgery). ``kg.sparql_guard`` refuses SERVICE found in the
parsed query and deep nesting before a worker sees the text; LOAD only with
``--allow-load``, to public addresses unless ``--allow-private-load``. Workers (and the
update process, unless LOAD is allowed) cut themselves off the network at start
(``kg.sandbox``), in case a check is missed. No CORS header is sent unless ``--cors``
names origins, and those may GET and POST queries but never send ``Authorization``, so a
page elsewhere cannot use a token it should not have.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import io
import json
import multiprocessing
import os
import resource
import signal
import threading
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import parse_qsl

import typer
from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    Variable,
    parse,
    parse_query_results,
    serialize,
)

from kg.clikit import err
from kg.queries import NamedQuery, ParamError, named_queries
from kg.results import Results, Term
from kg.sandbox import isolate_network
from kg.snapshot import PinnedView, is_rocksdb_file
from kg.sparql_guard import (
    GuardError,
    check_query,
    inspect_update,
    load_target_problem,
    select_star_order,
)
from kg.store import KGStore
from kg.vocab import PREFIXES

if TYPE_CHECKING:  # pragma: no cover
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

    from _typeshed import ReadableBuffer
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

    from kg.actors import ActorRegistry

__all__ = [
    "GRAPH_FORMATS",
    "SOLUTION_FORMATS",
    "Reply",
    "ServerConfig",
    "WorkerPool",
    "create_app",
    "negotiate",
    "register",
]

#: Media types for SELECT and ASK results, the default first.
SOLUTION_FORMATS: Final[dict[str, QueryResultsFormat]] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "text/xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
#: Media types for CONSTRUCT and DESCRIBE results (and the service description), default first.
GRAPH_FORMATS: Final[dict[str, RdfFormat]] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
HTML = "text/html"
TEXT = "text/plain; charset=utf-8"
JSON_MEDIA = "application/json"

SD = "http://www.w3.org/ns/sparql-service-description#"
_RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SD_PREFIXES = {
    "sd": SD,
    "dcterms": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "formats": "http://www.w3.org/ns/formats/",
}

_DOCUMENTS_QUERY = """\
PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?id ?title ?date WHERE {
  ?d a dkg:Document ; dcterms:identifier ?id .
  OPTIONAL { ?d dcterms:title ?title }
  OPTIONAL { ?d dcterms:issued ?date }
} ORDER BY ?id LIMIT 200"""

_HEALTH_ACCEPT = "application/sparql-results+json"

#: Documents, and triples in every graph (the imported datasets' default graph too): a
#: scan, 2 s at a million events, so each worker keeps the answer until the store changes.
_HEALTH_QUERY = """\
PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
SELECT ?documents ?triples WHERE {
  { SELECT (COUNT(DISTINCT ?d) AS ?documents) WHERE { ?d a dkg:Document } }
  { SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o } }
}"""

_EXAMPLE_QUERY = """\
PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?who ?whom WHERE {
  ?a dkg:condemns ?b . ?a skos:prefLabel ?who . ?b skos:prefLabel ?whom .
} LIMIT 100"""

_LOOPBACK = ("127.0.0.1", "::1", "localhost")

#: ``?format=`` values, as the ``Accept`` header they stand for (one name serves both
#: result kinds where it can: ``json`` is SPARQL JSON for rows, JSON-LD for a graph).
FORMAT_PARAMETER: Final[dict[str, str]] = {
    "json": "application/sparql-results+json, application/ld+json;q=0.9",
    "xml": "application/sparql-results+xml, application/rdf+xml;q=0.9",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}

#: Niceness of the ad-hoc query workers: a runaway query yields CPU to named queries (5:
#: a third of their share; 10 slowed the memory-cap test past its limit on a busy machine).
_AD_HOC_NICE = 5


def url_query_items(request: Request) -> list[tuple[str, str]]:
    """The URL's query string, decoded strictly: ``ParamError`` for a malformed
    percent-encoded UTF-8 sequence (``%C3%28``), which Starlette would replace silently."""
    raw: bytes = request.scope.get("query_string", b"")
    try:
        return parse_qsl(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError) as exc:
        raise ParamError(f"the query string is not valid percent-encoded UTF-8: {exc}") from None


# --------------------------------------------------------------------------- pure helpers


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer the ``Accept`` header prefers; the first offer when there is no header.

    Highest ``q`` wins; among equals, an exact type beats ``type/*`` beats ``*/*``, then
    the client's order, then ours. ``None``: nothing acceptable (answer 406).

    >>> offers = ["application/sparql-results+json", "text/csv"]
    >>> negotiate("text/csv", offers)
    'text/csv'
    >>> negotiate("text/html,application/xhtml+xml,*/*;q=0.8", offers)
    'application/sparql-results+json'
    >>> negotiate("text/*;q=0.5, application/*;q=0.1", offers)
    'text/csv'
    >>> negotiate("image/png", offers) is None
    True
    """
    if not accept or not accept.strip():
        return offers[0] if offers else None
    ranges: list[tuple[str, str, float, int]] = []
    for position, item in enumerate(accept.split(",")):
        parts = [p.strip() for p in item.split(";")]
        kind, _, subtype = parts[0].lower().partition("/")
        if not kind:
            continue
        q = 1.0
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((kind, subtype or "*", q, position))
    best: tuple[float, int, int, int] | None = None
    chosen: str | None = None
    for index, offer in enumerate(offers):
        kind, _, subtype = offer.lower().partition("/")
        match: tuple[float, int, int] | None = None
        for r_kind, r_sub, q, position in ranges:
            if (r_kind, r_sub) == (kind, subtype):
                specificity = 2
            elif r_kind == kind and r_sub == "*":
                specificity = 1
            elif (r_kind, r_sub) == ("*", "*"):
                specificity = 0
            else:
                continue
            if match is None or specificity > match[1]:
                match = (q, specificity, position)
        if match is None or match[0] <= 0:
            continue
        score = (match[0], match[1], -match[2], -index)
        if best is None or score > best:
            best, chosen = score, offer
    return chosen


def bearer_token_matches(authorization: str | None, token: str) -> bool:
    """Whether an ``Authorization`` header carries ``Bearer <token>``, compared in
    constant time.

    >>> bearer_token_matches("Bearer s3cret", "s3cret"), bearer_token_matches(None, "s3cret")
    (True, False)
    >>> bearer_token_matches("Basic czNjcmV0", "s3cret")
    False
    """
    if not authorization or not token:
        return False
    scheme, _, given = authorization.strip().partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8"))


# --------------------------------------------------------------------------- jobs and replies


@dataclass(frozen=True)
class Reply:
    """What a worker (or the server itself) answers: an HTTP status, a media type, bytes."""

    status: int
    body: bytes
    media_type: str
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def error(cls, status: int, message: str, *headers: tuple[str, str]) -> Reply:
        """A one-line ``text/plain`` error.

        >>> Reply.error(400, "bad query").body
        b'bad query\\n'
        """
        return cls(status, message.rstrip("\n").encode("utf-8") + b"\n", TEXT, headers)


@dataclass(frozen=True)
class _Job:
    """A query for a worker: SPARQL text, bound variables, the dataset, the Accept header."""

    sparql: str
    accept: str | None
    substitutions: Mapping[str, Term] = field(default_factory=dict)
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    #: ``SELECT *``: the columns in the order the query names them (Oxigraph sorts them).
    order: tuple[str, ...] | None = None


class _TooMany(Exception):
    """Raised by the capped writer: the result is larger than the limit."""


class _CappedBuffer(io.BytesIO):
    """Collects a line-per-item serialisation (TSV, N-Triples) and stops it past a limit.

    pyoxigraph evaluates lazily while it writes, so raising here stops the evaluation.
    """

    def __init__(self, max_lines: int) -> None:
        super().__init__()
        self.lines = 0
        self.max_lines = max_lines

    def write(self, data: ReadableBuffer, /) -> int:
        chunk = bytes(data)
        self.lines += chunk.count(b"\n")
        if self.lines > self.max_lines:
            raise _TooMany
        return super().write(chunk)


def _reordered(tsv: bytes, order: tuple[str, ...] | None) -> bytes:
    """TSV results with their columns in ``order`` (columns it does not name go last).
    A TSV cell never holds a tab (a literal's tab is written ``\\t``).

    >>> _reordered(b"?a\\t?b\\n1\\t2\\n", ("b", "a"))
    b'?b\\t?a\\n2\\t1\\n'
    """
    if not order or not tsv:
        return tsv
    lines = tsv.split(b"\n")
    header = lines[0].split(b"\t")
    names = [cell.decode("utf-8").lstrip("?$") for cell in header]
    rank = {name: i for i, name in enumerate(order)}
    columns = sorted(range(len(names)), key=lambda i: (rank.get(names[i], len(rank)), i))
    if columns == list(range(len(names))):
        return tsv
    out = []
    for line in lines:
        cells = line.split(b"\t")
        out.append(b"\t".join(cells[i] for i in columns) if len(cells) == len(columns) else line)
    return b"\n".join(out)


def _too_large(limit: int, what: str) -> Reply:
    return Reply.error(
        413,
        f"the result has more than {limit} {what}, the server's limit (--max-results): "
        "narrow the query or page through it with LIMIT and OFFSET",
    )


def _not_acceptable(offers: Iterable[str]) -> Reply:
    return Reply.error(
        406, "none of the accepted media types can be produced; use one of: " + ", ".join(offers)
    )


def execute(store: Store, job: _Job, max_results: int) -> Reply:
    """Run one query on a store and serialise its result as the ``Accept`` header asks.

    >>> from pyoxigraph import Quad
    >>> store = Store()
    >>> g = NamedNode("https://example.org/g")
    >>> store.add(Quad(g, g, Literal("o"), g))
    >>> reply = execute(store, _Job("SELECT ?o WHERE { ?s ?p ?o }", "text/csv"), 10)
    >>> reply.status, reply.body
    (200, b'o\\r\\no\\r\\n')
    >>> execute(store, _Job("SELECT ?o WHERE { ?s ?p ?o }", None), 0).status
    413
    """
    options: dict[str, Any] = {}
    if job.default_graphs is None and job.named_graphs is None:
        options["use_default_graph_as_union"] = True
    else:
        options["default_graph"] = [NamedNode(g) for g in job.default_graphs or ()]
        if job.named_graphs is not None:
            options["named_graphs"] = [NamedNode(g) for g in job.named_graphs]
    substitutions: dict[Variable, NamedNode | BlankNode | Literal | Triple] = {
        Variable(name): term for name, term in job.substitutions.items()
    }
    try:
        result = store.query(job.sparql, substitutions=substitutions, **options)
        if isinstance(result, QueryBoolean):
            media = negotiate(job.accept, list(SOLUTION_FORMATS))
            if media is None:
                return _not_acceptable(SOLUTION_FORMATS)
            return Reply(200, result.serialize(format=SOLUTION_FORMATS[media]) or b"", media)
        if isinstance(result, QuerySolutions):
            media = negotiate(job.accept, list(SOLUTION_FORMATS))
            if media is None:
                return _not_acceptable(SOLUTION_FORMATS)
            rows = _CappedBuffer(max_results + 1)  # the TSV header is a line too
            try:
                result.serialize(rows, format=QueryResultsFormat.TSV)
            except _TooMany:
                return _too_large(max_results, "rows")
            fmt = SOLUTION_FORMATS[media]
            tsv = _reordered(rows.getvalue(), job.order)
            if fmt == QueryResultsFormat.TSV:
                return Reply(200, tsv, media)
            solutions = parse_query_results(tsv, QueryResultsFormat.TSV)
            return Reply(200, solutions.serialize(format=fmt) or b"", media)
        assert isinstance(result, QueryTriples)
        media = negotiate(job.accept, list(GRAPH_FORMATS))
        if media is None:
            return _not_acceptable(GRAPH_FORMATS)
        lines = _CappedBuffer(max_results)
        try:
            result.serialize(lines, format=RdfFormat.N_TRIPLES)
        except _TooMany:
            return _too_large(max_results, "triples")
        triples = list(parse(lines.getvalue(), RdfFormat.N_TRIPLES))
        data = serialize(triples, format=GRAPH_FORMATS[media], prefixes=dict(PREFIXES))
        return Reply(200, data or b"", media)
    except SyntaxError as exc:
        return Reply.error(400, f"malformed query: {exc}")
    except (ValueError, RuntimeError) as exc:
        message = str(exc)
        if _is_storage_error(message):
            raise OSError(message) from exc
        if "projection" in message:
            message += " (a bound parameter must be listed in the SELECT clause)"
        return Reply.error(400, f"the query cannot run: {message}")


# --------------------------------------------------------------------------- worker side


def _is_storage_error(message: str) -> bool:
    """RocksDB reports a file compacted away under an old snapshot as ``Corruption`` or
    ``IO error`` (pyoxigraph raises ``OSError`` or ``RuntimeError``): reopen and retry."""
    return "Corruption" in message or "IO error" in message


def store_marker(path: str | Path) -> tuple[tuple[str, int, int], ...]:
    """What changes when a writer commits: every file of RocksDB's state (not its info log,
    lock or the readers' snapshots), with size and mtime (each commit appends to the WAL).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "000001.log").write_bytes(b"x")
    ...     _ = (Path(d) / "LOG").write_bytes(b"x")
    ...     [name for name, _, _ in store_marker(d)]
    ['000001.log']
    """
    marker = []
    with os.scandir(path) as entries:
        for entry in entries:
            if not is_rocksdb_file(entry.name):
                continue
            try:
                st = entry.stat()
            except FileNotFoundError:  # removed by a compaction as we looked
                continue
            marker.append((entry.name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(marker))


class _ReadView:
    """A read-only store that reopens itself when the store folder has changed.

    The store is a pinned snapshot (``kg.snapshot``), so a writer's compaction cannot
    delete a file under a query; reopening releases the files the writer has dropped."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.marker: tuple[tuple[str, int, int], ...] = ()
        self.view = self._open()
        self.reopened = 0
        self.health: Reply | None = None  # the health answer for this snapshot

    @property
    def store(self) -> Store:
        return self.view.store

    def _open(self) -> PinnedView:
        marker = store_marker(self.path)
        try:
            view = PinnedView.open(self.path)
        except (OSError, RuntimeError) as exc:
            raise OSError(str(exc)) from exc
        self.marker = marker
        return view

    def refresh(self, *, force: bool = False) -> None:
        if force or store_marker(self.path) != self.marker:
            fresh = self._open()  # keep the old view if opening fails
            self.view.close()
            self.view = fresh
            self.reopened += 1
            self.health = None

    def answer(self, job: _Job, max_results: int) -> Reply:
        try:
            self.refresh()
        except OSError as exc:
            return Reply.error(503, f"the store cannot be opened: {exc}")
        if job.sparql == _HEALTH_QUERY and job.accept == _HEALTH_ACCEPT:
            if self.health is None or self.health.status != 200:
                self.health = self._execute(job, max_results)
            return self.health
        return self._execute(job, max_results)

    def _execute(self, job: _Job, max_results: int) -> Reply:
        try:
            return execute(self.store, job, max_results)
        except OSError:
            try:
                self.refresh(force=True)
                return execute(self.store, job, max_results)
            except OSError as exc:
                return Reply.error(500, f"store error: {exc}")


def _hold_lifeline(lifeline: Connection) -> None:
    """Exit as soon as the server is gone, even in the middle of a query.

    The server holds the only write end of ``lifeline``; when it exits (or is killed), the
    read end sees EOF. pyoxigraph releases the GIL while it evaluates, so this thread runs.
    Without it a worker would finish a runaway query orphaned (its parent is the
    forkserver, which the worker itself keeps alive).
    """

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            lifeline.recv()
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="kg-serve-lifeline").start()


def _limit_memory(max_memory: int) -> None:
    """Cap this process's address space at ``max_memory`` bytes (0: no cap).

    A query that materialises a huge intermediate result (ORDER BY over a cartesian
    product) grows by gigabytes a second, faster than ``--timeout`` stops it; past the cap
    Oxigraph's allocation fails and the worker ends (Rust aborts), not the machine's other
    processes (the OOM killer picks the largest, which may be anything)."""
    if max_memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))


def _worker_main(
    conn: Connection,
    lifeline: Connection,
    path: str,
    max_results: int,
    max_memory: int = 0,
    *,
    isolate: bool = True,
    nice: int = 0,
) -> None:
    """A query worker: answers jobs from the pipe until it closes (or it is killed).

    It first cuts itself off the network (``kg.sandbox``, while it has one thread), so a
    SERVICE the server's check missed cannot reach any host; ``isolate=False`` is for
    the test that shows what the isolation stops. ``nice`` lowers its CPU priority (the
    ad-hoc lane), so the named queries' worker keeps its share beside runaway queries.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    layers = isolate_network() if isolate else []
    if nice:
        with contextlib.suppress(OSError):
            os.nice(nice)
    _hold_lifeline(lifeline)
    _limit_memory(max_memory)
    try:
        view = _ReadView(path)
    except OSError as exc:
        conn.send(("error", f"cannot open the store {path} read-only: {exc}"))
        return
    conn.send(("ready", (os.getpid(), layers)))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            reply = view.answer(job, max_results)
        except MemoryError:
            reply = Reply.error(503, "the query needed more memory than the server allows")
        except Exception as exc:  # the worker must outlive any one query
            reply = Reply.error(500, f"internal error: {type(exc).__name__}: {exc}")
        conn.send(reply)


def _update_main(
    conn: Connection, lifeline: Connection, path: str, update: str, isolate: bool = True
) -> None:
    """Run one SPARQL Update with the store opened for writing, then release it; off the
    network (``kg.sandbox``) unless the server allows LOAD."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if isolate:
        isolate_network()
    _hold_lifeline(lifeline)
    try:
        store = Store(path)
    except (OSError, RuntimeError) as exc:
        conn.send(
            Reply.error(
                503,
                f"the store is being written by another process ({exc}); retry shortly",
                ("Retry-After", "2"),
            )
        )
        return
    try:
        store.update(update)
        store.flush()
    except SyntaxError as exc:
        conn.send(Reply.error(400, f"malformed update: {exc}"))
    except (ValueError, RuntimeError, OSError) as exc:
        conn.send(Reply.error(400, f"the update cannot run: {exc}"))
    else:
        conn.send(Reply(204, b"", TEXT))
    finally:
        del store


# --------------------------------------------------------------------------- parent side


def _context() -> BaseContext:
    """``forkserver`` (workers fork from a clean process that imported this module once:
    a few ms per worker), else ``spawn``."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([__name__])
        return ctx
    return multiprocessing.get_context("spawn")


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(
        self,
        ctx: BaseContext,
        path: str,
        max_results: int,
        ready_timeout: float,
        max_memory: int = 0,
        *,
        isolate: bool = True,
        nice: int = 0,
    ) -> None:
        parent, child = ctx.Pipe()
        lifeline_r, self.lifeline = ctx.Pipe(duplex=False)
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main,
            args=(child, lifeline_r, path, max_results, max_memory),
            kwargs={"isolate": isolate, "nice": nice},
            daemon=True,
            name="kg-serve-worker",
        )
        self.process.start()
        child.close()
        lifeline_r.close()
        self.conn = parent
        if not parent.poll(ready_timeout):
            self.kill()
            raise RuntimeError(f"a query worker did not start within {ready_timeout} s")
        kind, detail = parent.recv()
        if kind != "ready":
            self.kill()
            raise RuntimeError(str(detail))
        #: The network isolation layers in force in the worker (``kg.sandbox``).
        self.isolation: list[str] = list(detail[1])

    def call(self, job: _Job, timeout: float) -> Reply | None:
        """Send a job and wait at most ``timeout`` s; ``None`` when it ran out of time.

        Raises ``EOFError``/``OSError`` if the worker died.
        """
        self.conn.send(job)
        if not self.conn.poll(max(timeout, 0.0)):
            return None
        reply: Reply = self.conn.recv()
        return reply

    def kill(self, *, close: bool = True) -> None:
        """SIGKILL the process; ``close=False`` leaves the pipe to a thread still reading
        it (closing it under that thread could hand its descriptor to another pipe)."""
        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
            self.process.join(5)
        if close:
            self.close()

    def close(self) -> None:
        for end in (self.conn, self.lifeline):
            with contextlib.suppress(OSError):
                end.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(1)
        if self.process.is_alive():
            self.kill()
        self.close()


async def _first_free(pools: Sequence[WorkerPool]) -> tuple[WorkerPool, _Worker]:
    """An idle worker of the first pool that has one, waiting if none has; a worker taken
    by a wait that lost the race goes back to its pool."""
    for pool in pools:
        if not pool._idle.empty():
            return pool, pool._idle.get_nowait()
    if len(pools) == 1:
        return pools[0], await pools[0]._idle.get()
    waits = {asyncio.ensure_future(pool._idle.get()): pool for pool in pools}
    finished = False
    won: list[tuple[WorkerPool, _Worker]] = []
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        finished = True
    finally:
        for wait in waits:
            wait.cancel()
        await asyncio.gather(*waits, return_exceptions=True)
        won = [(waits[w], w.result()) for w in waits if not w.cancelled() and not w.exception()]
        for pool, worker in won[1:] if finished else won:  # not kept: back to its pool
            pool._idle.put_nowait(worker)
    return won[0]


class WorkerPool:
    """Query worker processes; a query that runs out of time has its worker killed.

    ``await pool.run(job)`` returns a ``Reply``: the worker's, or 503 when no worker was free
    or the query ran out of time or memory (``max_memory`` bytes per worker, 0: no cap), or
    500 when the worker died otherwise.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        size: int,
        timeout: float,
        max_results: int,
        max_memory: int = 0,
        isolate: bool = True,
        nice: int = 0,
        isolate_updates: bool = True,
    ) -> None:
        self.path = str(path)
        self.isolate = isolate
        self.isolate_updates = isolate_updates
        self.nice = nice
        #: The network isolation layers of the last worker started (``kg.sandbox``).
        self.isolation: list[str] = []
        self.size = size
        self.timeout = timeout
        self.max_results = max_results
        self.max_memory = max_memory
        self._ctx = _context()
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        # One thread per busy worker, plus replacements being started and one update.
        self._executor = ThreadPoolExecutor(2 * size + 2, thread_name_prefix="kg-serve")
        self._closed = False
        self.killed = 0

    def _new_worker(self) -> _Worker:
        worker = _Worker(
            self._ctx,
            self.path,
            self.max_results,
            ready_timeout=60,
            max_memory=self.max_memory,
            isolate=self.isolate,
            nice=self.nice,
        )
        self.isolation = worker.isolation
        return worker

    async def start(self) -> None:
        """Start every worker; raises ``RuntimeError`` if one cannot open the store."""
        loop = asyncio.get_running_loop()
        for _ in range(self.size):
            worker = await loop.run_in_executor(self._executor, self._new_worker)
            self._all.add(worker)
            self._idle.put_nowait(worker)

    @property
    def alive(self) -> int:
        """How many workers are running."""
        return len(self._all)

    async def run(
        self, job: _Job, timeout: float | None = None, *, overflow: WorkerPool | None = None
    ) -> Reply:
        """Run a job on the first worker to come free, this pool's first, else (when
        given) ``overflow``'s: the named queries' lane borrows an idle ad-hoc worker."""
        limit = self.timeout if timeout is None else timeout
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        pools = [self] if overflow is None else [self, overflow]
        try:
            async with asyncio.timeout(limit):
                owner, worker = await _first_free(pools)
        except TimeoutError:
            return Reply.error(
                503,
                f"the server is busy: no query worker came free within {limit:g} s",
                ("Retry-After", "1"),
            )
        return await owner._call(worker, job, deadline - loop.time(), limit)

    async def _call(self, worker: _Worker, job: _Job, remaining: float, limit: float) -> Reply:
        loop = asyncio.get_running_loop()
        call = loop.run_in_executor(self._executor, worker.call, job, remaining)
        try:
            reply = await call
        except asyncio.CancelledError:
            # The thread is still waiting on the pipe: kill the worker, which ends that
            # wait, and close the pipe once the thread is done with it.
            self._retire(worker, close=False)
            call.add_done_callback(lambda _: worker.close())
            raise
        except (EOFError, OSError):
            self._retire(worker)
            if self.max_memory and worker.process.exitcode == -signal.SIGABRT:
                # Rust aborts when an allocation fails: the address-space cap was reached.
                return Reply.error(
                    503,
                    "the query needed more memory than the server allows "
                    f"({self.max_memory >> 20} MiB per worker) and was stopped",
                )
            return Reply.error(
                500,
                f"the query worker died (exit status {worker.process.exitcode}); "
                "it has been replaced",
            )
        if reply is None:
            self._retire(worker)
            return Reply.error(
                503, f"the query ran out of time (the limit is {limit:g} s) and was stopped"
            )
        self._idle.put_nowait(worker)
        return reply

    def _retire(self, worker: _Worker, *, close: bool = True) -> None:
        """Kill a worker (its query keeps running otherwise) and start a replacement."""
        self.killed += 1
        self._all.discard(worker)
        worker.kill(close=close)
        if not self._closed:
            task = asyncio.get_running_loop().create_task(self._replace())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _replace(self) -> None:
        loop = asyncio.get_running_loop()
        delay = 0.1
        while not self._closed:
            try:
                worker = await loop.run_in_executor(self._executor, self._new_worker)
            except (RuntimeError, OSError) as exc:
                err.print(f"kg serve: could not start a query worker: {exc}", markup=False)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
                continue
            if self._closed:
                worker.stop()
                return
            self._all.add(worker)
            self._idle.put_nowait(worker)
            return

    async def update(self, update: str, timeout: float) -> Reply:
        """Run a SPARQL Update in a process of its own that opens the store for writing
        (and is killed past ``timeout``); callers run one at a time."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor,
            _run_update_process,
            self._ctx,
            self.path,
            update,
            timeout,
            self.isolate_updates,
        )

    async def close(self) -> None:
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._all):
            worker.stop()
        self._all.clear()
        self._executor.shutdown(wait=False, cancel_futures=True)


def _run_update_process(
    ctx: BaseContext, path: str, update: str, timeout: float, isolate: bool = True
) -> Reply:
    parent, child = ctx.Pipe()
    lifeline_r, lifeline = ctx.Pipe(duplex=False)
    process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
        target=_update_main,
        args=(child, lifeline_r, path, update, isolate),
        daemon=True,
        name="kg-serve-update",
    )
    process.start()
    child.close()
    lifeline_r.close()
    try:
        if not parent.poll(timeout):
            process.kill()
            return Reply.error(
                503,
                f"the update ran out of time (the limit is {timeout:g} s) and was stopped; "
                "nothing was written",
            )
        reply: Reply = parent.recv()
        return reply
    except (EOFError, OSError) as exc:
        return Reply.error(500, f"the update process died ({exc or type(exc).__name__})")
    finally:
        process.join(5)
        parent.close()
        lifeline.close()


# --------------------------------------------------------------------------- named queries


class _Planner(KGStore):
    """A store that runs nothing: it records the SELECT ``KnowledgeGraph.run`` would run.

    The server runs queries in worker processes; planning through ``KnowledgeGraph.run``
    keeps its parameter binding (declared kinds, known actors) the one binding there is.
    """

    read_only = True

    def __init__(self) -> None:
        self.planned: tuple[str, dict[str, Term]] | None = None

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Results:
        self.planned = (sparql, dict(bindings or {}))
        return Results([], [])

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        raise NotImplementedError("the planner only records SELECT queries")

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]:
        raise NotImplementedError("the planner only records SELECT queries")

    def replace_graph(self, graph: NamedNode, quads: Iterable[Any]) -> None:
        raise NotImplementedError("the planner writes nothing")

    def drop_graph(self, graph: NamedNode) -> None:
        raise NotImplementedError("the planner writes nothing")

    def replace_graphs(self, graphs: Mapping[Any, Iterable[Any]]) -> None:
        raise NotImplementedError("the planner writes nothing")

    def quads(self, graph: Any = None) -> Any:
        raise NotImplementedError("the planner holds nothing")

    def graphs(self) -> list[NamedNode]:
        raise NotImplementedError("the planner holds nothing")


def plan_named_query(
    name: str, params: Mapping[str, str], registry: ActorRegistry
) -> tuple[str, dict[str, Term]]:
    """The SPARQL text and bound terms of a named query, bound by ``KnowledgeGraph.run``.

    ``KeyError`` for an unknown name, ``ParamError`` for a bad or unknown parameter.

    >>> from kg.actors import ActorRegistry
    >>> sparql, bound = plan_named_query("who-blames-whom", {"agent": "RUS"},
    ...                                  ActorRegistry.default())
    >>> bound["agent"].value
    'https://w3id.org/diplomatic-kg/id/actor/RUS'
    """
    from kg.actors import UnknownActorError
    from kg.graph import KnowledgeGraph

    query = named_queries()[name]
    query.bind(params)  # unknown or missing parameters, before any keyword reaches run()
    planner = _Planner()
    try:
        KnowledgeGraph(planner, registry).run(name, **params)
    except UnknownActorError as exc:
        raise ParamError(str(exc.args[0])) from exc
    assert planner.planned is not None
    return planner.planned


def describe_named_query(query: NamedQuery) -> dict[str, Any]:
    """A named query as the ``/queries`` route lists it."""
    return {
        "name": query.name,
        "description": query.description,
        "params": [
            {
                "name": p.name,
                "kind": p.kind,
                "required": p.required,
                "default": p.default,
                "description": p.doc,
            }
            for p in query.params
        ],
        "url": f"/queries/{query.name}",
    }


# --------------------------------------------------------------------------- the application


@dataclass(frozen=True)
class ServerConfig:
    """How ``kg serve`` runs."""

    store: Path
    timeout: float = 10.0
    allow_update: bool = False
    update_token: str | None = None
    max_results: int = 10_000
    max_body: int = 1 << 20
    workers: int = 2
    #: Bytes of address space per query worker (0: no cap).
    max_memory: int = 4 << 30
    #: Origins allowed to call the endpoint from a browser (CORS); none by default.
    cors: tuple[str, ...] = ()
    #: Whether an update may ``LOAD`` a URL, and whether that URL may be a loopback,
    #: private or link-local address.
    allow_load: bool = False
    allow_private_load: bool = False
    #: Workers kept for the named queries (``/queries``, the page, ``/health``).
    named_workers: int = 2

    def __post_init__(self) -> None:
        if self.allow_update and not self.update_token:
            raise ValueError("updates are allowed only with a bearer token (KG_UPDATE_TOKEN)")
        limits = (self.max_results, self.max_body, self.max_memory)
        if self.timeout <= 0 or min(limits) < 0 or self.workers < 1 or self.named_workers < 1:
            raise ValueError("timeout and workers must be positive, limits not negative")


class _BodyTooLarge(Exception):
    pass


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _BodyTooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _BodyTooLarge
    return bytes(body)


def _service_description(endpoint: str, config: ServerConfig, media: str) -> bytes:
    try:
        service = NamedNode(endpoint)
    except ValueError:
        service = NamedNode("urn:diplomatic-kg:sparql")
    sd = {
        name: NamedNode(SD + name)
        for name in (
            "Service",
            "endpoint",
            "supportedLanguage",
            "SPARQL11Query",
            "SPARQL11Update",
            "feature",
            "UnionDefaultGraph",
            "resultFormat",
            "defaultDataset",
            "Dataset",
            "defaultGraph",
            "Graph",
        )
    }
    dataset, graph = BlankNode("dataset"), BlankNode("defaultGraph")
    triples = [
        Triple(service, _RDF_TYPE, sd["Service"]),
        Triple(service, sd["endpoint"], service),
        Triple(
            service,
            NamedNode("http://purl.org/dc/terms/title"),
            Literal("diplomatic-kg SPARQL endpoint"),
        ),
        Triple(service, sd["supportedLanguage"], sd["SPARQL11Query"]),
        Triple(service, sd["feature"], sd["UnionDefaultGraph"]),
        Triple(service, sd["defaultDataset"], dataset),
        Triple(dataset, _RDF_TYPE, sd["Dataset"]),
        Triple(dataset, sd["defaultGraph"], graph),
        Triple(graph, _RDF_TYPE, sd["Graph"]),
    ]
    if config.allow_update:
        triples.append(Triple(service, sd["supportedLanguage"], sd["SPARQL11Update"]))
    iris = {f.iri for f in SOLUTION_FORMATS.values()} | {f.iri for f in GRAPH_FORMATS.values()}
    triples.extend(Triple(service, sd["resultFormat"], NamedNode(iri)) for iri in iris)
    triples.sort(key=str)
    data = serialize(triples, format=GRAPH_FORMATS[media], prefixes=_SD_PREFIXES)
    return data or b""


def create_app(config: ServerConfig) -> Starlette:
    """The ASGI application. The worker pool starts and stops with the app's lifespan."""
    import jinja2
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.responses import Response
    from starlette.routing import Route

    from kg.actors import ActorRegistry
    from kg.explorer import explorer_routes

    registry = ActorRegistry.default()
    template = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
        (resources.files("kg") / "templates" / "endpoint.html").read_text(encoding="utf-8")
    )
    state: dict[str, WorkerPool] = {}
    update_lock = asyncio.Lock()

    async def run_named_lane(job: _Job) -> Reply:
        """The named queries' lane: their own worker(s), or an idle ad-hoc one."""
        return await state["named"].run(job, overflow=state["pool"])

    def respond(reply: Reply) -> Response:
        headers = {"X-Content-Type-Options": "nosniff", **dict(reply.headers)}
        return Response(reply.body, reply.status, headers=headers, media_type=reply.media_type)

    def error(status: int, message: str, *headers: tuple[str, str]) -> Response:
        return respond(Reply.error(status, message, *headers))

    async def run(job: _Job) -> Response:
        return respond(await state["pool"].run(job))

    def accept_for(request: Request, items: Sequence[tuple[str, str]]) -> str | None:
        """``format=csv`` (json, tsv, xml, ...) in the URL or form, else ``Accept``."""
        given = single(items, "format")
        if given is None:
            given = single(url_query_items(request), "format")
        if given is None:
            return request.headers.get("accept")
        try:
            return FORMAT_PARAMETER[given.strip().lower()]
        except KeyError:
            raise ParamError(
                f"format {given!r} is not known; use one of: " + ", ".join(FORMAT_PARAMETER)
            ) from None

    def single(items: Sequence[tuple[str, str]], key: str) -> str | None:
        values = [v for k, v in items if k == key]
        if len(values) > 1:
            raise ParamError(f"{key!r} is given {len(values)} times; give it once")
        return values[0] if values else None

    def graphs(items: Sequence[tuple[str, str]], key: str) -> tuple[str, ...] | None:
        values = [v for k, v in items if k == key]
        for value in values:
            try:
                NamedNode(value)
            except ValueError as exc:
                raise ParamError(f"{key} {value!r} is not an IRI: {exc}") from exc
        return tuple(values) if values else None

    async def query_response(
        request: Request, query: str, items: Sequence[tuple[str, str]]
    ) -> Response:
        try:
            await asyncio.to_thread(check_query, query)
        except GuardError as exc:
            return error(exc.status, str(exc))
        order = select_star_order(query)
        job = _Job(
            query,
            accept_for(request, items),
            default_graphs=graphs(items, "default-graph-uri"),
            named_graphs=graphs(items, "named-graph-uri"),
            order=tuple(order) if order is not None else None,
        )
        return await run(job)

    async def update_response(request: Request, update: str) -> Response:
        if not config.allow_update:
            return error(
                403,
                "this endpoint is read-only: SPARQL Update is refused "
                "(start the server with --allow-update to accept it)",
            )
        assert config.update_token is not None
        if not bearer_token_matches(request.headers.get("authorization"), config.update_token):
            given = request.headers.get("authorization") is not None
            challenge = 'Bearer realm="diplomatic-kg"' + (
                ', error="invalid_token"' if given else ""
            )
            return error(
                401,
                "SPARQL Update needs 'Authorization: Bearer <token>'"
                + (" (the token given is not valid)" if given else ""),
                ("WWW-Authenticate", challenge),
            )
        try:
            facts = await asyncio.to_thread(inspect_update, update)
        except GuardError as exc:
            return error(exc.status, str(exc))
        if facts.loads and not config.allow_load:
            return error(
                403,
                "LOAD is disabled on this endpoint (start the server with --allow-load "
                "to let updates fetch http(s) URLs)",
            )
        for url in facts.loads:
            problem = await asyncio.to_thread(
                load_target_problem, url, allow_private=config.allow_private_load
            )
            if problem is not None:
                return error(403, problem)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + config.timeout
        pool = state["pool"]
        try:
            async with asyncio.timeout(config.timeout):
                await update_lock.acquire()
        except TimeoutError:
            return error(503, "another update is running; retry shortly", ("Retry-After", "2"))
        try:
            reply = await pool.update(update, max(deadline - loop.time(), 0.1))
        finally:
            update_lock.release()
        return respond(reply)

    async def page(request: Request, endpoint: str) -> Response:
        documents: list[dict[str, str]] = []
        problem = ""
        reply = await run_named_lane(_Job(_DOCUMENTS_QUERY, "application/sparql-results+json"))
        if reply.status == 200:
            for binding in json.loads(reply.body)["results"]["bindings"]:
                documents.append({k: v["value"] for k, v in binding.items()})
        else:
            problem = reply.body.decode("utf-8", "replace").strip()
        html = template.render(
            endpoint=endpoint,
            queries=[describe_named_query(q) for q in named_queries().values()],
            documents=documents,
            documents_problem=problem,
            example=_EXAMPLE_QUERY,
            allow_update=config.allow_update,
            timeout=config.timeout,
            max_results=config.max_results,
            max_body=config.max_body,
        )
        return Response(
            html,
            200,
            media_type=HTML,
            headers={
                "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
                "X-Content-Type-Options": "nosniff",
            },
        )

    async def sparql(request: Request) -> Response:
        try:
            url_items = url_query_items(request)
            if request.method in ("GET", "HEAD"):
                if single(url_items, "update") is not None:
                    return error(400, "SPARQL Update must be sent with POST")
                query = single(url_items, "query")
                if query is None:
                    endpoint = str(request.url.replace(query=""))
                    media = negotiate(request.headers.get("accept"), [*GRAPH_FORMATS, HTML])
                    if media is None:
                        return respond(_not_acceptable([*GRAPH_FORMATS, HTML]))
                    if media == HTML:
                        return await page(request, endpoint)
                    return Response(_service_description(endpoint, config, media), media_type=media)
                return await query_response(request, query, url_items)
            try:
                body = await _read_body(request, config.max_body)
            except _BodyTooLarge:
                return error(
                    413,
                    f"the request body is larger than {config.max_body} bytes "
                    "(the server's --max-body)",
                )
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                return error(400, "the request body is not UTF-8")
            if content_type == "application/x-www-form-urlencoded":
                try:
                    items = parse_qsl(text, keep_blank_values=True, errors="strict")
                except (ValueError, UnicodeDecodeError) as exc:
                    return error(400, f"the form cannot be read: {exc}")
                query, update = single(items, "query"), single(items, "update")
                if query is not None and update is not None:
                    return error(400, "give either 'query' or 'update', not both")
                if update is not None:
                    if any(k in ("using-graph-uri", "using-named-graph-uri") for k, _ in items):
                        return error(
                            400,
                            "using-graph-uri / using-named-graph-uri are not "
                            "supported: name graphs in the update itself",
                        )
                    return await update_response(request, update)
                if query is None:
                    return error(400, "the form has no 'query' (or 'update') field")
                return await query_response(request, query, items)
            if content_type == "application/sparql-query":
                return await query_response(request, text, url_items)
            if content_type == "application/sparql-update":
                return await update_response(request, text)
            return error(
                415,
                "POST application/sparql-query, application/sparql-update or "
                "application/x-www-form-urlencoded",
            )
        except ParamError as exc:
            return error(400, str(exc))

    async def list_queries(request: Request) -> Response:
        listing = [describe_named_query(q) for q in named_queries().values()]
        return Response(json.dumps(listing, ensure_ascii=False, indent=1), media_type=JSON_MEDIA)

    async def run_named(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in named_queries():
            return error(404, f"no named query {name!r}; see /queries")
        try:
            items = url_query_items(request)
            accept = accept_for(request, items)
            params: dict[str, str] = {}
            for key, value in items:
                if key == "format":
                    continue
                if key in params:
                    raise ParamError(f"parameter {key!r} is given twice")
                params[key] = value
            sparql_text, bound = plan_named_query(name, params, registry)
        except ParamError as exc:
            return error(400, str(exc))
        return respond(await run_named_lane(_Job(sparql_text, accept, bound)))

    async def health(request: Request) -> Response:
        pool, named = state["pool"], state["named"]
        reply = await run_named_lane(_Job(_HEALTH_QUERY, _HEALTH_ACCEPT))
        facts: dict[str, Any] = {
            "read_only": not config.allow_update,
            "workers": pool.alive,
            "named_workers": named.alive,
            # The layers that keep a query worker off the network (kg.sandbox).
            "worker_isolation": pool.isolation,
        }
        if reply.status != 200:
            facts = {"status": "unavailable", "error": reply.body.decode().strip(), **facts}
            return Response(json.dumps(facts), 503, media_type=JSON_MEDIA)
        row = json.loads(reply.body)["results"]["bindings"][0]
        facts = {
            "status": "ok",
            "documents": int(row["documents"]["value"]),
            "triples": int(row["triples"]["value"]),
            **facts,
        }
        return Response(json.dumps(facts), media_type=JSON_MEDIA)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pools = {
            lane: WorkerPool(
                config.store,
                size=size,
                timeout=config.timeout,
                max_results=config.max_results,
                max_memory=config.max_memory,
                nice=nice,
                isolate_updates=not config.allow_load,
            )
            for lane, size, nice in (
                ("pool", config.workers, _AD_HOC_NICE),
                ("named", config.named_workers, 0),
            )
        }
        state.update(pools)
        try:
            for pool in pools.values():
                await pool.start()
            layers = pools["pool"].isolation
            err.print(
                "kg serve: query workers are off the network by "
                + (" and ".join(layers) if layers else "nothing (no layer could be applied)"),
                markup=False,
            )
            yield
        finally:
            for pool in pools.values():
                await pool.close()

    return Starlette(
        routes=[
            *explorer_routes(),
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/query", sparql, methods=["GET", "POST"]),
            Route("/queries", list_queries),
            Route("/queries/{name}", run_named),
            Route("/health", health),
        ],
        middleware=[
            Middleware(
                CORSMiddleware,
                allow_origins=list(config.cors),
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Content-Type"],
                max_age=600,
            )
        ]
        if config.cors
        else [],
        lifespan=lifespan,
    )


def register(app: typer.Typer) -> None:
    """Add ``kg serve`` (``kg.serve_cli``) to the ``kg`` command."""
    from kg.serve_cli import serve

    app.command(name="serve")(serve)
