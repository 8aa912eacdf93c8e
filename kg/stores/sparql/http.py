"""The SPARQL 1.1 Protocol over HTTP (httpx): requests, authentication, retries.

Authentication. ``auth=(user, password)`` (or ``http://user:password@host/...``) answers
the endpoint's challenge with Digest (Virtuoso's ``/sparql-auth``) or Basic (Fuseki,
GraphDB) authentication. Retries. A write that the server rolled back as a deadlock victim
is sent again (at most ``DEADLOCK_RETRIES`` times).
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Generator
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx

from kg.errors import QueryError, RemoteStoreError

__all__ = [
    "DEADLOCK_RETRIES",
    "SPARQL_JSON",
    "ChallengeAuth",
    "SPARQLConnector",
    "split_credentials",
]

SPARQL_JSON = "application/sparql-results+json"


class ChallengeAuth(httpx.Auth):
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


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """The URL without its user and password, and them (None if it has none).

    >>> split_credentials("http://dba:s%40cret@127.0.0.1:8890/sparql-auth")
    ('http://127.0.0.1:8890/sparql-auth', ('dba', 's@cret'))
    """
    parts = urlsplit(url)
    if parts.username is None:
        return url, None
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    bare = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return bare, (unquote(parts.username), unquote(parts.password or ""))


def message_of(response: httpx.Response) -> str:
    """The first useful line of an error page (Virtuoso echoes the whole query after it)."""
    text = response.text.split("SPARQL query:", 1)[0]
    if "html" in response.headers.get("content-type", "") or text.lstrip().startswith("<"):
        text = html.unescape(re.sub(r"<title>.*?</title>|<[^>]+>", " ", text, flags=re.S))
    text = " ".join(text.split())
    if len(text) > 300:
        text = text[:300] + "..."
    return text or response.reason_phrase


#: How many times a write the server rolled back as a deadlock victim is sent again.
DEADLOCK_RETRIES = 6


def is_deadlock(response: httpx.Response) -> bool:
    """Whether the server refused a request as a deadlock victim (SQLSTATE 40001).

    >>> is_deadlock(httpx.Response(500, text="Error 40001 SR172: Transaction deadlocked"))
    True
    >>> is_deadlock(httpx.Response(400, text="Error 37000 SP030: syntax error"))
    False
    """
    return response.status_code >= 500 and (
        "40001" in response.text or "deadlock" in response.text.lower()
    )


class SPARQLConnector:
    """The SPARQL 1.1 Protocol over HTTP, and nothing else (as rdflib's
    ``SPARQLConnector``): queries and updates POSTed as forms, graphs POSTed to a Graph
    Store endpoint; authentication, retries and error messages. It knows no graphs, no
    terms and no batches: that is :class:`~kg.stores.sparql.store.RemoteStore`'s business.

    ``auth`` is (user, password), for Digest or Basic authentication (also given in the
    URL: ``http://user:password@host/...``); ``timeout`` seconds per request.

    >>> http = SPARQLConnector("http://dba:secret@127.0.0.1:8890/sparql-auth")  # lazily
    >>> http.query_endpoint, http.update_endpoint
    ('http://127.0.0.1:8890/sparql-auth', 'http://127.0.0.1:8890/sparql-auth')
    >>> http.close()
    """

    def __init__(
        self,
        query_endpoint: str,
        update_endpoint: str | None = None,
        *,
        auth: tuple[str, str] | None = None,
        timeout: float = 60,
    ) -> None:
        self.query_endpoint, query_auth = split_credentials(query_endpoint)
        self.update_endpoint, update_auth = split_credentials(update_endpoint or query_endpoint)
        credentials = auth or query_auth or update_auth
        self.client = httpx.Client(
            timeout=timeout,
            auth=ChallengeAuth(*credentials) if credentials else None,
            headers={"User-Agent": "diplomatic-kg"},
        )

    def send(self, url: str, **request: Any) -> httpx.Response:
        """POST, again while the server answers that it rolled the transaction back as a
        deadlock victim (SQLSTATE 40001: Virtuoso's "SR172: Transaction deadlocked", when
        another client's write holds the same rows): the write is then retried whole,
        which set semantics make harmless.

        Raises
        ------
        RemoteStoreError
            The server cannot be reached.
        """
        for attempt in range(DEADLOCK_RETRIES + 1):
            try:
                response = self.client.post(url, **request)
            except httpx.HTTPError as exc:
                raise RemoteStoreError(f"{url}: {str(exc) or type(exc).__name__}") from exc
            if attempt == DEADLOCK_RETRIES or not is_deadlock(response):
                return response
            time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def post(self, url: str, form: dict[str, str], accept: str) -> httpx.Response:
        """POST a form; an answer of 400 or more raises.

        Raises
        ------
        RemoteStoreError
            The server refused the request (credentials, permissions).
        QueryError
            The server refused the query or update.
        """
        response = self.send(url, data=form, headers={"Accept": accept})
        if response.status_code in (401, 403):
            hint = (
                " (give credentials; a Virtuoso needs them on /sparql-auth, or"
                ' GRANT SPARQL_UPDATE TO "SPARQL" for anonymous updates on /sparql)'
            )
            raise RemoteStoreError(
                f"{url} refused the request ({response.status_code}): {message_of(response)}{hint}"
            )
        if response.status_code >= 400:
            message = message_of(response)
            if "SECURITY" in message or "permission" in message.lower():
                raise RemoteStoreError(
                    f"{url} refused the update: {message} (a Virtuoso wants "
                    'GRANT SPARQL_UPDATE TO "SPARQL", or credentials on /sparql-auth)'
                )
            raise QueryError(f"{url} answered {response.status_code}: {message}")
        return response

    def query_json(self, sparql: str) -> dict[str, Any]:
        """The SPARQL JSON results of a SELECT or ASK query.

        Raises
        ------
        RemoteStoreError
            The answer was cut short (Virtuoso's ``X-SPARQL-MaxRows``) or is not JSON.
        """
        response = self.post(self.query_endpoint, {"query": sparql}, SPARQL_JSON)
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

    def query_rdf(self, sparql: str) -> tuple[bytes, str]:
        """The RDF a CONSTRUCT or DESCRIBE query answers, and its media type."""
        accept = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8"
        response = self.post(self.query_endpoint, {"query": sparql}, accept)
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        return response.content, media

    def update(self, update: str) -> None:
        """POST a SPARQL 1.1 Update to the update endpoint."""
        self.post(self.update_endpoint, {"update": update}, SPARQL_JSON)

    def post_graph(self, url: str, graph: str, ntriples: bytes) -> None:
        """Add N-Triples to a graph with one Graph Store Protocol POST.

        Raises
        ------
        RemoteStoreError
            The server refused the graph.
        """
        response = self.send(
            url,
            params={"graph": graph},
            content=ntriples,
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
                f"{url} refused the graph ({response.status_code}): {message_of(response)}{hint}"
            )

    def is_virtuoso(self) -> bool:
        """Whether the server names itself Virtuoso (in its ``Server`` header)."""
        try:
            response = self.client.get(self.query_endpoint, params={"query": "ASK {}"})
        except httpx.HTTPError:
            return False
        server: str = response.headers.get("server", "")
        return server.lower().startswith("virtuoso")

    def close(self) -> None:
        """Close the HTTP connections."""
        self.client.close()
