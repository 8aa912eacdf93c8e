"""What the endpoint speaks: media types, content negotiation, replies, the jobs sent to
workers, and :func:`execute`, which runs one job on a store. Nothing here needs Starlette.
"""

from __future__ import annotations

import hmac
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import parse_qsl

from pyoxigraph import (
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    parse,
    parse_query_results,
    serialize,
)

from kg.queries import ParamError
from kg.results import Term
from kg.snapshot import is_storage_error
from kg.store import query_error_message, substitutions
from kg.vocab import DCTERMS, FORMATS, PREFIXES, RDFS, SD, sparql_prefixes

if TYPE_CHECKING:  # pragma: no cover
    from _typeshed import ReadableBuffer
    from starlette.requests import Request


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

_SD_PREFIXES = {"sd": str(SD), "dcterms": str(DCTERMS), "rdfs": str(RDFS), "formats": str(FORMATS)}

_DOCUMENTS_QUERY = sparql_prefixes("dkg", "dcterms") + """
SELECT ?id ?title ?date WHERE {
  ?d a dkg:Document ; dcterms:identifier ?id .
  OPTIONAL { ?d dcterms:title ?title }
  OPTIONAL { ?d dcterms:issued ?date }
} ORDER BY ?id LIMIT 200"""

_HEALTH_ACCEPT = "application/sparql-results+json"

#: Documents, and triples in every graph (the imported datasets' default graph too): a
#: scan, 2 s at a million events, so each worker keeps the answer until the store changes.
_HEALTH_QUERY = sparql_prefixes("dkg") + """
SELECT ?documents ?triples WHERE {
  { SELECT (COUNT(DISTINCT ?d) AS ?documents) WHERE { ?d a dkg:Document } }
  { SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o } }
}"""

_EXAMPLE_QUERY = sparql_prefixes("dkg", "skos") + """
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
    percent-encoded UTF-8 sequence (``%C3%28``), which Starlette would replace silently.

    Raises
    ------
    ParamError
        The query string holds a percent-encoded sequence that is not UTF-8.
    """
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

    >>> from pyoxigraph import Literal, Quad
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
    try:
        result = store.query(job.sparql, substitutions=substitutions(job.substitutions), **options)
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
        if is_storage_error(message):
            raise OSError(message) from exc
        return Reply.error(400, f"the query cannot run: {query_error_message(message)}")


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
