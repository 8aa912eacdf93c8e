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

Modules
-------
* ``kg.server.protocol``: media types, negotiation, replies, jobs, ``execute`` and the
  ``ServerConfig`` (no Starlette).
* ``kg.server.workers``: the worker processes and their pools, the update process.
* ``kg.server.named``: the named queries as the server plans and lists them.
* ``kg.server.app``: the Starlette application: endpoints, state, exception handlers
  (imported on first use of ``create_app``, so that the ``kg`` command starts without it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.server.named import describe_named_query, plan_named_query
from kg.server.protocol import (
    _LOOPBACK,
    GRAPH_FORMATS,
    SOLUTION_FORMATS,
    Reply,
    ServerConfig,
    _Job,
    execute,
    negotiate,
)
from kg.server.workers import WorkerPool, _worker_main

if TYPE_CHECKING:  # pragma: no cover
    from kg.server.app import create_app

__all__ = [
    "GRAPH_FORMATS",
    "SOLUTION_FORMATS",
    "_LOOPBACK",
    "Reply",
    "ServerConfig",
    "WorkerPool",
    "_Job",
    "_worker_main",
    "create_app",
    "describe_named_query",
    "execute",
    "negotiate",
    "plan_named_query",
]


def __getattr__(name: str) -> Any:
    if name == "create_app":  # Starlette and jinja2 load only for the server itself
        from kg.server import app

        return app.create_app
    raise AttributeError(f"module 'kg.server' has no attribute {name!r}")
