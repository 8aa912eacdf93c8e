"""The Starlette application: module-level endpoints, the server's state on ``app.state``,
and one table of exception handlers (:data:`EXCEPTION_HANDLERS`) that turns an exception
into its reply, as Starlette's ``middleware/exceptions.py`` does. An endpoint raises
(:class:`HTTPProblem`, ``ParamError``, ``GuardError``); it never builds an error reply.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, cast
from urllib.parse import parse_qsl

import jinja2
from pyoxigraph import BlankNode, Literal, NamedNode, Triple, serialize
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kg.actors import ActorRegistry
from kg.cli.kit import err
from kg.errors import GuardError, ParamError
from kg.queries import named_queries
from kg.server.named import describe_named_query, plan_named_query
from kg.server.protocol import (
    _AD_HOC_NICE,
    _DOCUMENTS_QUERY,
    _EXAMPLE_QUERY,
    _HEALTH_ACCEPT,
    _HEALTH_QUERY,
    _SD_PREFIXES,
    FORMAT_PARAMETER,
    GRAPH_FORMATS,
    HTML,
    JSON_MEDIA,
    SOLUTION_FORMATS,
    Reply,
    ServerConfig,
    _Job,
    _not_acceptable,
    bearer_token_matches,
    negotiate,
    url_query_items,
)
from kg.server.workers import WorkerPool
from kg.sparql_guard import check_query, inspect_update, load_target_problem, select_star_order
from kg.vocab import OX

__all__ = ["EXCEPTION_HANDLERS", "HTTPProblem", "ServerState", "create_app"]

_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
}


class HTTPProblem(Exception):
    """An error an endpoint answers: an HTTP status, a one-line message, extra headers."""

    def __init__(self, status: int, message: str, *headers: tuple[str, str]) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers

    @classmethod
    def of(cls, reply: Reply) -> HTTPProblem:
        """The problem a protocol helper's error reply stands for."""
        return cls(reply.status, reply.body.decode("utf-8").rstrip("\n"), *reply.headers)


class _BodyTooLarge(Exception):
    pass


@dataclass
class ServerState:
    """What the endpoints share, kept on ``app.state.server``: the configuration, the
    actor registry, the page's template, the two worker pools (set by the lifespan) and
    the lock that runs updates one at a time."""

    config: ServerConfig
    registry: ActorRegistry
    template: jinja2.Template
    update_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    pools: dict[str, WorkerPool] = field(default_factory=dict)

    @property
    def pool(self) -> WorkerPool:
        """The ad-hoc queries' pool."""
        return self.pools["pool"]

    @property
    def named(self) -> WorkerPool:
        """The named queries' pool (the page, ``/queries``, ``/health``)."""
        return self.pools["named"]


def _state(request: Request) -> ServerState:
    return cast(ServerState, request.app.state.server)


# --------------------------------------------------------------------------- replies


def respond(reply: Reply) -> Response:
    """The response for a worker's (or the server's) reply; never sniffed as HTML."""
    headers = {"X-Content-Type-Options": "nosniff", **dict(reply.headers)}
    return Response(reply.body, reply.status, headers=headers, media_type=reply.media_type)


async def _problem(request: Request, exc: Exception) -> Response:
    problem = cast(HTTPProblem, exc)
    return respond(Reply.error(problem.status, problem.message, *problem.headers))


async def _bad_parameter(request: Request, exc: Exception) -> Response:
    return respond(Reply.error(400, str(exc)))


async def _refused(request: Request, exc: Exception) -> Response:
    return respond(Reply.error(cast(GuardError, exc).status, str(exc)))


async def _body_too_large(request: Request, exc: Exception) -> Response:
    limit = _state(request).config.max_body
    message = f"the request body is larger than {limit} bytes (the server's --max-body)"
    return respond(Reply.error(413, message))


#: Which exception answers which reply: the one place an error becomes a response.
EXCEPTION_HANDLERS: Mapping[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
    HTTPProblem: _problem,
    ParamError: _bad_parameter,
    GuardError: _refused,
    _BodyTooLarge: _body_too_large,
}


# --------------------------------------------------------------------------- request parts


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


def _single(items: Sequence[tuple[str, str]], key: str) -> str | None:
    values = [v for k, v in items if k == key]
    if len(values) > 1:
        raise ParamError(f"{key!r} is given {len(values)} times; give it once")
    return values[0] if values else None


def _graphs(items: Sequence[tuple[str, str]], key: str) -> tuple[str, ...] | None:
    values = [v for k, v in items if k == key]
    for value in values:
        try:
            NamedNode(value)
        except ValueError as exc:
            raise ParamError(f"{key} {value!r} is not an IRI: {exc}") from exc
    return tuple(values) if values else None


def _accept_for(request: Request, items: Sequence[tuple[str, str]]) -> str | None:
    """``format=csv`` (json, tsv, xml, ...) in the URL or form, else ``Accept``."""
    given = _single(items, "format")
    if given is None:
        given = _single(url_query_items(request), "format")
    if given is None:
        return request.headers.get("accept")
    try:
        return FORMAT_PARAMETER[given.strip().lower()]
    except KeyError:
        raise ParamError(
            f"format {given!r} is not known; use one of: " + ", ".join(FORMAT_PARAMETER)
        ) from None


def _service_description(endpoint: str, config: ServerConfig, media: str) -> bytes:
    try:
        service = NamedNode(endpoint)
    except ValueError:
        service = OX.SERVICE
    names = (
        "Service endpoint supportedLanguage SPARQL11Query SPARQL11Update feature "
        "UnionDefaultGraph resultFormat defaultDataset Dataset defaultGraph Graph"
    )
    sd = {name: OX.SD[name] for name in names.split()}
    dataset, graph = BlankNode("dataset"), BlankNode("defaultGraph")
    triples = [
        Triple(service, OX.RDF.type, sd["Service"]),
        Triple(service, sd["endpoint"], service),
        Triple(service, OX.DCTERMS.title, Literal("diplomatic-kg SPARQL endpoint")),
        Triple(service, sd["supportedLanguage"], sd["SPARQL11Query"]),
        Triple(service, sd["feature"], sd["UnionDefaultGraph"]),
        Triple(service, sd["defaultDataset"], dataset),
        Triple(dataset, OX.RDF.type, sd["Dataset"]),
        Triple(dataset, sd["defaultGraph"], graph),
        Triple(graph, OX.RDF.type, sd["Graph"]),
    ]
    if config.allow_update:
        triples.append(Triple(service, sd["supportedLanguage"], sd["SPARQL11Update"]))
    iris = {f.iri for f in SOLUTION_FORMATS.values()} | {f.iri for f in GRAPH_FORMATS.values()}
    triples.extend(Triple(service, sd["resultFormat"], NamedNode(iri)) for iri in iris)
    triples.sort(key=str)
    data = serialize(triples, format=GRAPH_FORMATS[media], prefixes=_SD_PREFIXES)
    return data or b""


# --------------------------------------------------------------------------- queries and updates


async def _run_named_lane(request: Request, job: _Job) -> Reply:
    """The named queries' lane: their own worker(s), or an idle ad-hoc one."""
    state = _state(request)
    return await state.named.run(job, overflow=state.pool)


async def _query(request: Request, query: str, items: Sequence[tuple[str, str]]) -> Response:
    await asyncio.to_thread(check_query, query)
    order = select_star_order(query)
    job = _Job(
        query,
        _accept_for(request, items),
        default_graphs=_graphs(items, "default-graph-uri"),
        named_graphs=_graphs(items, "named-graph-uri"),
        order=tuple(order) if order is not None else None,
    )
    return respond(await _state(request).pool.run(job))


def _authorize_update(request: Request, config: ServerConfig) -> None:
    if not config.allow_update:
        raise HTTPProblem(
            403,
            "this endpoint is read-only: SPARQL Update is refused "
            "(start the server with --allow-update to accept it)",
        )
    assert config.update_token is not None
    if not bearer_token_matches(request.headers.get("authorization"), config.update_token):
        given = request.headers.get("authorization") is not None
        challenge = 'Bearer realm="diplomatic-kg"' + (', error="invalid_token"' if given else "")
        raise HTTPProblem(
            401,
            "SPARQL Update needs 'Authorization: Bearer <token>'"
            + (" (the token given is not valid)" if given else ""),
            ("WWW-Authenticate", challenge),
        )


async def _update(request: Request, update: str) -> Response:
    state = _state(request)
    config = state.config
    _authorize_update(request, config)
    facts = await asyncio.to_thread(inspect_update, update)
    if facts.loads and not config.allow_load:
        raise HTTPProblem(
            403,
            "LOAD is disabled on this endpoint (start the server with --allow-load "
            "to let updates fetch http(s) URLs)",
        )
    for url in facts.loads:
        problem = await asyncio.to_thread(
            load_target_problem, url, allow_private=config.allow_private_load
        )
        if problem is not None:
            raise HTTPProblem(403, problem)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + config.timeout
    try:
        async with asyncio.timeout(config.timeout):
            await state.update_lock.acquire()
    except TimeoutError:
        raise HTTPProblem(
            503, "another update is running; retry shortly", ("Retry-After", "2")
        ) from None
    try:
        reply = await state.pool.update(update, max(deadline - loop.time(), 0.1))
    finally:
        state.update_lock.release()
    return respond(reply)


# --------------------------------------------------------------------------- endpoints


async def _page(request: Request, endpoint: str) -> Response:
    state = _state(request)
    documents: list[dict[str, str]] = []
    problem = ""
    reply = await _run_named_lane(
        request, _Job(_DOCUMENTS_QUERY, "application/sparql-results+json")
    )
    if reply.status == 200:
        for binding in json.loads(reply.body)["results"]["bindings"]:
            documents.append({k: v["value"] for k, v in binding.items()})
    else:
        problem = reply.body.decode("utf-8", "replace").strip()
    html = state.template.render(
        endpoint=endpoint,
        queries=[describe_named_query(q) for q in named_queries().values()],
        documents=documents,
        documents_problem=problem,
        example=_EXAMPLE_QUERY,
        allow_update=state.config.allow_update,
        timeout=state.config.timeout,
        max_results=state.config.max_results,
        max_body=state.config.max_body,
    )
    return Response(html, 200, media_type=HTML, headers=_PAGE_HEADERS)


async def _sparql_get(request: Request, url_items: list[tuple[str, str]]) -> Response:
    if _single(url_items, "update") is not None:
        raise HTTPProblem(400, "SPARQL Update must be sent with POST")
    query = _single(url_items, "query")
    if query is not None:
        return await _query(request, query, url_items)
    endpoint = str(request.url.replace(query=""))
    media = negotiate(request.headers.get("accept"), [*GRAPH_FORMATS, HTML])
    if media is None:
        raise HTTPProblem.of(_not_acceptable([*GRAPH_FORMATS, HTML]))
    if media == HTML:
        return await _page(request, endpoint)
    description = _service_description(endpoint, _state(request).config, media)
    return Response(description, media_type=media)


async def _form(request: Request, text: str) -> Response:
    try:
        items = parse_qsl(text, keep_blank_values=True, errors="strict")
    except (ValueError, UnicodeDecodeError) as exc:
        raise HTTPProblem(400, f"the form cannot be read: {exc}") from None
    query, update = _single(items, "query"), _single(items, "update")
    if query is not None and update is not None:
        raise HTTPProblem(400, "give either 'query' or 'update', not both")
    if update is not None:
        if any(k in ("using-graph-uri", "using-named-graph-uri") for k, _ in items):
            raise HTTPProblem(
                400,
                "using-graph-uri / using-named-graph-uri are not "
                "supported: name graphs in the update itself",
            )
        return await _update(request, update)
    if query is None:
        raise HTTPProblem(400, "the form has no 'query' (or 'update') field")
    return await _query(request, query, items)


async def sparql(request: Request) -> Response:
    """``/sparql`` and ``/query``: the SPARQL 1.1 Protocol (see ``kg.server``).

    Raises
    ------
    ParamError
        A malformed or repeated parameter, or an unknown ``format`` (answered 400).
    GuardError
        A query or update the guard refuses (answered with its status).
    """
    url_items = url_query_items(request)
    if request.method in ("GET", "HEAD"):
        return await _sparql_get(request, url_items)
    body = await _read_body(request, _state(request).config.max_body)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPProblem(400, "the request body is not UTF-8") from None
    if content_type == "application/x-www-form-urlencoded":
        return await _form(request, text)
    if content_type == "application/sparql-query":
        return await _query(request, text, url_items)
    if content_type == "application/sparql-update":
        return await _update(request, text)
    raise HTTPProblem(
        415,
        "POST application/sparql-query, application/sparql-update or "
        "application/x-www-form-urlencoded",
    )


async def list_queries(request: Request) -> Response:
    """``/queries``: the named queries and their parameters, as JSON."""
    listing = [describe_named_query(q) for q in named_queries().values()]
    return Response(json.dumps(listing, ensure_ascii=False, indent=1), media_type=JSON_MEDIA)


async def run_named(request: Request) -> Response:
    """``/queries/{name}``: one named query, its parameters from the URL.

    Raises
    ------
    ParamError
        A malformed, repeated, unknown or missing parameter (answered 400).
    """
    name = request.path_params["name"]
    if name not in named_queries():
        raise HTTPProblem(404, f"no named query {name!r}; see /queries")
    items = url_query_items(request)
    accept = _accept_for(request, items)
    params: dict[str, str] = {}
    for key, value in items:
        if key == "format":
            continue
        if key in params:
            raise ParamError(f"parameter {key!r} is given twice")
        params[key] = value
    sparql_text, bound = plan_named_query(name, params, _state(request).registry)
    return respond(await _run_named_lane(request, _Job(sparql_text, accept, bound)))


async def health(request: Request) -> Response:
    """``/health``: the store's counts and the workers', as JSON (503 when unavailable)."""
    state = _state(request)
    reply = await _run_named_lane(request, _Job(_HEALTH_QUERY, _HEALTH_ACCEPT))
    facts: dict[str, Any] = {
        "read_only": not state.config.allow_update,
        "workers": state.pool.alive,
        "named_workers": state.named.alive,
        # The layers that keep a query worker off the network (kg.sandbox).
        "worker_isolation": state.pool.isolation,
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


# --------------------------------------------------------------------------- the application


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    """Start the two worker pools with the application, and stop them with it."""
    state: ServerState = app.state.server
    config = state.config
    state.pools = {
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
    try:
        for pool in state.pools.values():
            await pool.start()
        layers = state.pool.isolation
        err.print(
            "kg serve: query workers are off the network by "
            + (" and ".join(layers) if layers else "nothing (no layer could be applied)"),
            markup=False,
        )
        yield
    finally:
        for pool in state.pools.values():
            await pool.close()


def create_app(config: ServerConfig) -> Starlette:
    """The ASGI application. The worker pools start and stop with the app's lifespan.

    Examples
    --------
    >>> from pathlib import Path
    >>> app = create_app(ServerConfig(Path("kg-store")))
    >>> sorted(r.path for r in app.routes if r.path.startswith(("/sparql", "/q", "/h")))
    ['/health', '/queries', '/queries/{name}', '/query', '/sparql']
    """
    from kg.explorer import explorer_routes

    template = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
        (resources.files("kg") / "templates" / "endpoint.html").read_text(encoding="utf-8")
    )
    cors = [
        Middleware(
            CORSMiddleware,
            allow_origins=list(config.cors),
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type"],
            max_age=600,
        )
    ]
    app = Starlette(
        routes=[
            *explorer_routes(),
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/query", sparql, methods=["GET", "POST"]),
            Route("/queries", list_queries),
            Route("/queries/{name}", run_named),
            Route("/health", health),
        ],
        middleware=cors if config.cors else [],
        exception_handlers=dict(EXCEPTION_HANDLERS),
        lifespan=lifespan,
    )
    app.state.server = ServerState(config, ActorRegistry.default(), template)
    return app
