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

Binding. Oxigraph binds parameters by SEP-0007 substitution; over the protocol each bound
term is written in its N-Triples form (``str(term)``, which pyoxigraph escapes) into a
``BIND(term AS ?var)`` that opens the query's WHERE pattern, and that of every subquery
projecting the variable (see ``bind_parameters``): joined before everything else in its
group, the value is seen by OPTIONAL and FILTER exactly as with substitution. As with
Oxigraph, a bound variable of a SELECT query must be in its SELECT clause.

Terms. Virtuoso answers ``"1"^^xsd:boolean`` for true and keeps ``xsd:int``; Oxigraph
answers ``"true"`` and stores every integer type as ``xsd:integer``. Literals read from
the endpoint are brought to Oxigraph's forms (booleans, integers, decimals, lower-case
language tags) and Virtuoso's blank node ids (``nodeID://b10004``) become valid
pyoxigraph ids (``b10004``), stable for the same node across requests.

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

Authentication. ``auth=(user, password)`` (or ``http://user:password@host/...``) answers
the endpoint's challenge with Digest (Virtuoso's ``/sparql-auth``) or Basic (Fuseki,
GraphDB) authentication.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import re
import time
import uuid
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Triple, parse

from kg.errors import ReadOnlyStoreError
from kg.errors import RemoteStoreError as RemoteStoreError
from kg.results import INTEGER_TYPES, Results, Term
from kg.store import BOUND_PARAMETER_HINT, GraphName, KGStore, QueryError, batches
from kg.vocab import DATASETS_GRAPH

__all__ = [
    "STAGING_PREFIX",
    "VIRTUOSO_SYSTEM_GRAPHS",
    "RemoteStore",
    "RemoteStoreError",
    "bind_parameters",
    "term_from_json",
]

#: Graphs written by ``replace_graph`` before they are moved into place.
STAGING_PREFIX = "urn:x-diplomatic-kg:staging:"
#: The named graph that stands for the embedded store's default graph.
DEFAULT_GRAPH = NamedNode(str(DATASETS_GRAPH))

#: Graphs that every Virtuoso holds for itself. Its service description and DAV graphs are
#: named after the server's host (``http://host:port/sparql``, ``http://host:port/DAV/``)
#: and are recognised by their path.
VIRTUOSO_SYSTEM_GRAPHS = frozenset(
    {
        "http://www.openlinksw.com/schemas/virtrdf#",
        "http://www.w3.org/ns/ldp#",
        "http://www.w3.org/2002/07/owl#",
    }
)
_SYSTEM_PATHS = ("/sparql", "/DAV/")

_XSD = "http://www.w3.org/2001/XMLSchema#"
_SPARQL_JSON = "application/sparql-results+json"
_RDF_TYPES = {
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/plain": RdfFormat.N_TRIPLES,
    "text/turtle": RdfFormat.TURTLE,
    "application/x-turtle": RdfFormat.TURTLE,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/ld+json": RdfFormat.JSON_LD,
}
_VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BLANK_ID = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?")


# ---------------------------------------------------------------------------- binding

_TOKENS = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\r\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'''(?:[^'\\]|\\.|'(?!''))*'''
                |"(?:[^"\\\r\n]|\\.)*"
                |'(?:[^'\\\r\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
    | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*)
    | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _Scope:
    """A SELECT (the query or a subquery): its projection (``None`` for ``*``), the index
    of the token opening its WHERE pattern (``None`` without one), the variables in it."""

    projection: frozenset[str] | None
    where: int | None
    variables: frozenset[str]


@dataclass(frozen=True)
class _Shape:
    """Where a query's parts are: its form, the offset of the brace opening its WHERE
    pattern (``None`` without one), its top-level scope and its subqueries."""

    form: str | None
    where: int | None
    top: _Scope | None
    subqueries: tuple[_Scope, ...]
    variables: frozenset[str]
    short_construct: tuple[int, int] | None = None  # (WHERE keyword offset, closing brace)


def _tokens(sparql: str) -> list[_Token]:
    found = []
    for match in _TOKENS.finditer(sparql):
        kind = match.lastgroup or "punct"
        if kind not in ("ws", "comment"):
            found.append(_Token(kind, match.group(), match.start(), match.end()))
    return found


def _closing(tokens: list[_Token], index: int) -> int:
    """The index of the brace closing the one at ``index``."""
    depth = 0
    for i in range(index, len(tokens)):
        if tokens[i].text == "{":
            depth += 1
        elif tokens[i].text == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(tokens) - 1


def _is_word(token: _Token, *words: str) -> bool:
    return token.kind == "word" and token.text.upper() in words


def _select_scope(tokens: list[_Token], select: int) -> _Scope:
    """The scope of the SELECT keyword at index ``select``."""
    projection: set[str] | None = set()
    parens = 0
    i = select + 1
    while i < len(tokens) and not (parens == 0 and tokens[i].text == "{"):
        token = tokens[i]
        if parens == 0 and _is_word(token, "WHERE", "FROM"):
            break
        if token.text == "(":
            parens += 1
        elif token.text == ")":
            parens -= 1
        elif token.text == "*" and parens == 0:
            projection = None
        elif (
            token.kind == "var"
            and projection is not None
            and (parens == 0 or _is_word(tokens[i - 1], "AS"))
        ):
            projection.add(token.text[1:])
        i += 1
    where = next((j for j in range(i, len(tokens)) if tokens[j].text == "{"), None)
    inside = tokens[where : _closing(tokens, where) + 1] if where is not None else []
    return _Scope(
        frozenset(projection) if projection is not None else None,
        where,
        frozenset(t.text[1:] for t in inside if t.kind == "var"),
    )


def _shape(sparql: str) -> tuple[_Shape, list[_Token]]:
    tokens = _tokens(sparql)
    variables = frozenset(t.text[1:] for t in tokens if t.kind == "var")
    form_at = next((i for i, t in enumerate(tokens) if _is_word(t, *_FORMS)), None)
    if form_at is None:
        return _Shape(None, None, None, (), variables), tokens
    form = tokens[form_at].text.upper()
    top: _Scope | None = None
    where: int | None = None
    if form == "SELECT":
        top = _select_scope(tokens, form_at)
        where = top.where
    else:
        i = form_at + 1
        template = form == "CONSTRUCT" and i < len(tokens) and tokens[i].text == "{"
        if template:
            i = _closing(tokens, i) + 1  # skip the template
        where = next((j for j in range(i, len(tokens)) if tokens[j].text == "{"), None)
        if form == "CONSTRUCT" and not template and where is not None:
            # CONSTRUCT WHERE { T }: T is the template too.
            close = tokens[_closing(tokens, where)].start
            short = (tokens[i].start, close)
            return _Shape(form, tokens[where].start, None, (), variables, short), tokens
    subqueries = tuple(
        _select_scope(tokens, j)
        for j in range((where or 0) + 1, len(tokens))
        if where is not None and _is_word(tokens[j], "SELECT")
    )
    offset = tokens[where].start if where is not None else None
    return _Shape(form, offset, top, subqueries, variables), tokens


def _bind_block(bindings: Mapping[str, Term]) -> str:
    binds = []
    for name, term in bindings.items():
        if not _VARIABLE_NAME.fullmatch(name):
            raise QueryError(f"{name!r} is not a SPARQL variable name")
        if isinstance(term, BlankNode) or not isinstance(term, NamedNode | Literal):
            raise QueryError(
                f"?{name}: only IRIs and literals can be bound in a query sent to an endpoint"
            )
        # N-Triples form: pyoxigraph escapes the literal, and checked the IRI.
        binds.append(f"BIND({term} AS ?{name})")
    return " ".join(binds)


def bind_parameters(sparql: str, bindings: Mapping[str, Term] | None) -> str:
    """The query with each of ``bindings`` BIND first in its WHERE pattern, and first in
    every subquery that projects the variable.

    That is what SEP-0007 substitution (Oxigraph's ``substitutions``) means for a query
    whose bound variables are in its SELECT clause, the rule Oxigraph enforces and so does
    this function. A BIND opening a group is joined before everything else in it, so
    OPTIONAL and FILTER see the value as with substitution. (A one-row VALUES block is the
    same in the SPARQL algebra, but Virtuoso 7.2.5 evaluates a VALUES-bound variable
    inside an OPTIONAL as a filter and loses rows.)

    >>> from pyoxigraph import Literal
    >>> print(bind_parameters("SELECT ?label WHERE { ?s ?p ?label }", {"label": Literal('"hi"')}))
    SELECT ?label WHERE { BIND("\\"hi\\"" AS ?label)
     ?s ?p ?label }
    >>> bind_parameters('SELECT ?s WHERE { ?s ?p ?o }', {"o": Literal("x")})
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: The SPARQL query does not contains variable ?o in its SELECT \
projection (a bound parameter must be listed in the SELECT clause)
    """
    if not bindings:
        return sparql
    shape, tokens = _shape(sparql)
    for name in bindings:
        missing = (shape.top is not None and name not in (shape.top.projection or ())) or (
            shape.form == "ASK" and name not in shape.variables
        )
        if missing:
            raise QueryError(
                f"The SPARQL query does not contains variable ?{name} in its SELECT projection"
                + BOUND_PARAMETER_HINT
            )
    if shape.where is None:
        raise QueryError("cannot bind parameters in a query without a WHERE pattern")
    values = _bind_block(bindings)
    if shape.short_construct is not None:
        # CONSTRUCT WHERE { T } has T as its template, where BIND cannot go: spell it out.
        where, close = shape.short_construct
        template = sparql[shape.where + 1 : close]
        return (
            f"{sparql[:where]}{{{template}}}\n{sparql[where : shape.where + 1]} {values}\n"
            f"{sparql[shape.where + 1 :]}"
        )
    # Substitution also binds the variable inside each subquery that projects it.
    inserts = {shape.where + 1: values}
    for scope in shape.subqueries:
        visible = scope.projection if scope.projection is not None else scope.variables
        inner = {name: term for name, term in bindings.items() if name in visible}
        if inner and scope.where is not None:
            inserts[tokens[scope.where].end] = _bind_block(inner)
    text = sparql
    for offset in sorted(inserts, reverse=True):
        text = f"{text[:offset]} {inserts[offset]}\n{text[offset:]}"
    return text


# ---------------------------------------------------------------------------- terms


def _canonical_decimal(text: str) -> str:
    value = Decimal(text.strip())
    if not value.is_finite():
        raise InvalidOperation(text)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _typed(value: str, datatype: str) -> Literal:
    """A typed literal as Oxigraph would store and return it."""
    try:
        if datatype == _XSD + "boolean":
            if value.strip() in ("1", "true"):
                return Literal("true", datatype=NamedNode(datatype))
            if value.strip() in ("0", "false"):
                return Literal("false", datatype=NamedNode(datatype))
        elif datatype in INTEGER_TYPES:
            return Literal(str(int(value.strip())), datatype=NamedNode(_XSD + "integer"))
        elif datatype == _XSD + "decimal":
            return Literal(_canonical_decimal(value), datatype=NamedNode(datatype))
    except (ValueError, InvalidOperation):
        pass  # not a valid lexical form: keep it as it came
    return Literal(value, datatype=NamedNode(datatype))


def _canonical(term: Term) -> Term:
    if isinstance(term, Literal):
        if term.language:
            return Literal(term.value, language=term.language.lower())
        return _typed(term.value, term.datatype.value)
    return term


def _blank(label: str) -> BlankNode:
    """A valid pyoxigraph blank node for an endpoint's label (the same for the same label)."""
    label = label.removeprefix("_:").removeprefix("nodeID://")
    if not _BLANK_ID.fullmatch(label):
        label = "h" + hashlib.sha256(label.encode("utf-8")).hexdigest()[:32]
    return BlankNode(label)


def term_from_json(value: Mapping[str, Any]) -> Term:
    """A SPARQL JSON results term as the pyoxigraph term the embedded store would give.

    >>> term_from_json({"type": "typed-literal", "value": "1",
    ...                 "datatype": "http://www.w3.org/2001/XMLSchema#boolean"})
    <Literal value=true datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#boolean>>
    >>> term_from_json({"type": "bnode", "value": "nodeID://b10004"})
    <BlankNode value=b10004>
    """
    kind, text = value.get("type"), value.get("value")
    if not isinstance(text, str):
        raise RemoteStoreError(f"a result term without a value: {value!r}")
    if kind == "uri":
        return NamedNode(text)
    if kind == "bnode":
        return _blank(text)
    if kind in ("literal", "typed-literal"):
        language = value.get("xml:lang")
        if language:
            return Literal(text, language=str(language).lower())
        datatype = value.get("datatype")
        return _typed(text, str(datatype)) if datatype else Literal(text)
    raise RemoteStoreError(f"unsupported term in the results: {value!r}")


# ---------------------------------------------------------------------------- HTTP


class _ChallengeAuth(httpx.Auth):
    """Answer a 401 with Digest or Basic credentials, whichever the endpoint asks for."""

    def __init__(self, user: str, password: str) -> None:
        self._digest = httpx.DigestAuth(user, password)
        self._basic = httpx.BasicAuth(user, password)
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        if self._scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").lower()
        if challenge.startswith("digest"):
            self._scheme = "digest"
            yield from self._digest.auth_flow(request)
        elif challenge.startswith("basic"):
            self._scheme = "basic"
            yield from self._basic.auth_flow(request)


def _split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    parts = urlsplit(url)
    if parts.username is None:
        return url, None
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    bare = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return bare, (unquote(parts.username), unquote(parts.password or ""))


def _message(response: httpx.Response) -> str:
    """The first useful line of an error page (Virtuoso echoes the whole query after it)."""
    text = response.text.split("SPARQL query:", 1)[0]
    if "html" in response.headers.get("content-type", "") or text.lstrip().startswith("<"):
        text = html.unescape(re.sub(r"<title>.*?</title>|<[^>]+>", " ", text, flags=re.S))
    text = " ".join(text.split())
    if len(text) > 300:
        text = text[:300] + "..."
    return text or response.reason_phrase


#: How many times a write the server rolled back as a deadlock victim is sent again.
_DEADLOCK_RETRIES = 6


def _is_deadlock(response: httpx.Response) -> bool:
    """Whether the server refused a request as a deadlock victim (SQLSTATE 40001).

    >>> _is_deadlock(httpx.Response(500, text="Error 40001 SR172: Transaction deadlocked"))
    True
    >>> _is_deadlock(httpx.Response(400, text="Error 37000 SP030: syntax error"))
    False
    """
    return response.status_code >= 500 and (
        "40001" in response.text or "deadlock" in response.text.lower()
    )


def _is_system_graph(iri: str) -> bool:
    if iri in VIRTUOSO_SYSTEM_GRAPHS or iri == DEFAULT_GRAPH.value:
        return True
    if iri.startswith(STAGING_PREFIX):
        return True
    parts = urlsplit(iri)
    return parts.scheme in ("http", "https") and parts.path in _SYSTEM_PATHS and not parts.query


def _count_key(triple: Triple) -> tuple[str, str, str]:
    """How the endpoint tells triples apart: literals by their canonical form."""
    obj = _canonical(triple.object) if isinstance(triple.object, Literal) else triple.object
    return (str(triple.subject), str(triple.predicate), str(obj))


# ---------------------------------------------------------------------------- the store


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
        self.query_endpoint, query_auth = _split_credentials(query_endpoint)
        self.update_endpoint, update_auth = _split_credentials(update_endpoint or query_endpoint)
        credentials = auth or query_auth or update_auth
        self.batch_size = batch_size
        self.load_batch_size = load_batch_size
        self.page_size = page_size
        self.read_only = read_only
        self.max_update_triples = batch_size
        self.import_graph = import_graph or str(DATASETS_GRAPH)
        # "auto" until the first write looks; then a URL, or None for INSERT DATA.
        self._graph_store = graph_store or None
        if self._graph_store not in (None, "auto"):
            self._graph_store = _split_credentials(graph_store or "")[0]
        self._client = httpx.Client(
            timeout=timeout,
            auth=_ChallengeAuth(*credentials) if credentials else None,
            headers={"User-Agent": "diplomatic-kg"},
        )

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_endpoint!r}, {self.update_endpoint!r})"

    # ------------------------------------------------------------------ protocol

    def _send(self, url: str, **request: Any) -> httpx.Response:
        """POST, again while the server answers that it rolled the transaction back as a
        deadlock victim (SQLSTATE 40001: Virtuoso's "SR172: Transaction deadlocked", when
        another client's write holds the same rows): the write is then retried whole,
        which set semantics make harmless."""
        for attempt in range(_DEADLOCK_RETRIES + 1):
            try:
                response = self._client.post(url, **request)
            except httpx.HTTPError as exc:
                raise RemoteStoreError(f"{url}: {str(exc) or type(exc).__name__}") from exc
            if attempt == _DEADLOCK_RETRIES or not _is_deadlock(response):
                return response
            time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _post(self, url: str, form: dict[str, str], accept: str) -> httpx.Response:
        response = self._send(url, data=form, headers={"Accept": accept})
        if response.status_code in (401, 403):
            hint = (
                " (give credentials; a Virtuoso needs them on /sparql-auth, or"
                ' GRANT SPARQL_UPDATE TO "SPARQL" for anonymous updates on /sparql)'
            )
            raise RemoteStoreError(
                f"{url} refused the request ({response.status_code}): {_message(response)}{hint}"
            )
        if response.status_code >= 400:
            message = _message(response)
            if "SECURITY" in message or "permission" in message.lower():
                raise RemoteStoreError(
                    f"{url} refused the update: {message} (a Virtuoso wants "
                    'GRANT SPARQL_UPDATE TO "SPARQL", or credentials on /sparql-auth)'
                )
            raise QueryError(f"{url} answered {response.status_code}: {message}")
        return response

    def _json(self, sparql: str) -> dict[str, Any]:
        response = self._post(self.query_endpoint, {"query": sparql}, _SPARQL_JSON)
        cut = response.headers.get("x-sparql-maxrows")
        if cut is not None:
            raise RemoteStoreError(
                f"{self.query_endpoint} cut the answer at {cut} rows (Virtuoso's [SPARQL] "
                "ResultSetMaxRows): raise that limit, or ask for fewer rows"
            )
        try:
            data = response.json()
        except ValueError as exc:
            kind = response.headers.get("content-type", "?")
            raise RemoteStoreError(f"{self.query_endpoint} answered {kind}, not JSON") from exc
        if not isinstance(data, dict):
            raise RemoteStoreError(f"{self.query_endpoint} answered an unexpected JSON value")
        return data

    def _update(self, update: str) -> None:
        if self.read_only:
            raise ReadOnlyStoreError()
        self._post(self.update_endpoint, {"update": update}, _SPARQL_JSON)

    def _prepare(self, sparql: str, bindings: Mapping[str, Term] | None, *forms: str) -> str:
        form = _shape(sparql)[0].form
        if form is not None and form not in forms:
            wanted = " or ".join(forms)
            raise QueryError(f"not a{'n' if wanted[0] == 'A' else ''} {wanted} query")
        return bind_parameters(sparql, bindings)

    # ------------------------------------------------------------------ reading

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Results:
        data = self._json(self._prepare(sparql, bindings, "SELECT"))
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
        data = self._json(self._prepare(sparql, bindings, "ASK"))
        answer = data.get("boolean")
        if not isinstance(answer, bool):
            raise RemoteStoreError(f"{self.query_endpoint}: not an ASK answer")
        return answer

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]:
        query = self._prepare(sparql, bindings, "CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8"
        response = self._post(self.query_endpoint, {"query": query}, accept)
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            found = list(parse(response.content, format=_RDF_TYPES.get(media, RdfFormat.N_TRIPLES)))
        except SyntaxError as exc:
            raise RemoteStoreError(f"{self.query_endpoint}: unreadable {media}: {exc}") from exc
        triples = []
        for item in found:
            triple = item.triple if isinstance(item, Quad) else item
            obj = triple.object
            if isinstance(obj, Literal):
                obj = _canonical(obj)
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
        """How many triples the named graph holds."""
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        value = rows.rows[0][0] if rows.rows else None
        return int(value.value) if isinstance(value, Literal) else 0

    # ------------------------------------------------------------------ writing

    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> None:
        self.replace_graphs({graph: quads})

    def replace_graphs(self, graphs: Mapping[GraphName, Iterable[Quad]]) -> None:
        """Replace each graph with its quads, one graph after the other (each graph is
        swapped in by one MOVE; the default graph is ``DEFAULT_GRAPH``: see the module
        notes)."""
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
        staging = NamedNode(f"{STAGING_PREFIX}{uuid.uuid4()}")
        try:
            for batch in parts:
                self._insert(staging, batch)
            expected = len({_count_key(t) for t in triples})
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
                if parts.path.rstrip("/").endswith(suffix) and self._is_virtuoso():
                    path = parts.path.rstrip("/")[: -len(suffix)] + crud
                    self._graph_store = urlunsplit(parts._replace(path=path, query=""))
                    break
        return self._graph_store

    def _is_virtuoso(self) -> bool:
        try:
            response = self._client.get(self.query_endpoint, params={"query": "ASK {}"})
        except httpx.HTTPError:
            return False
        server: str = response.headers.get("server", "")
        return server.lower().startswith("virtuoso")

    @property
    def write_batch_size(self) -> int:
        """The most triples one write request carries (larger through the Graph Store)."""
        return self.load_batch_size if self.graph_store else self.batch_size

    def _post_graph(self, url: str, graph: NamedNode, triples: Sequence[Triple]) -> None:
        """Add triples to a graph with one Graph Store Protocol POST (N-Triples)."""
        body = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)
        response = self._send(
            url,
            params={"graph": graph.value},
            content=body.encode("utf-8"),
            headers={"Content-Type": "application/n-triples"},
        )
        if response.status_code >= 400:
            hint = ""
            if response.status_code in (401, 403):
                hint = (
                    ' (a Virtuoso wants GRANT SPARQL_UPDATE TO "SPARQL" for anonymous writes,'
                    " or credentials on /sparql-graph-crud-auth)"
                )
            raise RemoteStoreError(
                f"{url} refused the graph ({response.status_code}): {_message(response)}{hint}"
            )

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
        """
        name = DEFAULT_GRAPH if isinstance(graph, DefaultGraph) else graph
        for batch in batches(triples, self.write_batch_size):
            self._insert(name, batch)

    def update(self, update: str) -> None:
        """Run a SPARQL 1.1 Update on the update endpoint."""
        self._update(update)

    def drop_graph(self, graph: NamedNode) -> None:
        self._update(f"DROP SILENT GRAPH {graph}")

    def drop_staging_graphs(self) -> list[NamedNode]:
        """Drop the staging graphs that interrupted writes left behind; returns them.

        Only while no other process writes: a staging graph may be another's, in flight.
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
        self._client.close()
