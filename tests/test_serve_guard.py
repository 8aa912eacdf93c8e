"""``kg serve`` against an attacker on loopback: SERVICE and LOAD must reach no other server,
whatever the query's spelling, and a worker must stay off the network even when the
server's check is skipped. The other server is real: a small HTTP server on 127.0.0.1 that
records every request it receives.
"""

from __future__ import annotations

import http.server
import multiprocessing
import os
import platform
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from test_server import DKG, TOKEN, Server, _copy, seed_store, server, update_server

from kg.sandbox import NETNS, SECCOMP
from kg.server import Reply, _Job, _worker_main

__all__ = ["seed_store", "server", "update_server"]  # fixtures shared with test_server

TURTLE = b"<https://example.org/loaded> <https://example.org/p> 'fetched by LOAD' .\n"


class Recorder(http.server.ThreadingHTTPServer):
    """An HTTP server on loopback that answers every request with a little Turtle and
    records it (method and path)."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self) -> None:
                recorder.requests.append((self.command, self.path))
                self.send_response(200)
                self.send_header("Content-Type", "text/turtle")
                self.send_header("Content-Length", str(len(TURTLE)))
                self.end_headers()
                self.wfile.write(TURTLE)

            do_GET = do_POST = answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture(scope="module")
def recorder() -> Iterator[Recorder]:
    listening = Recorder()
    thread = threading.Thread(target=listening.serve_forever, daemon=True)
    thread.start()
    yield listening
    listening.shutdown()
    listening.server_close()


@pytest.fixture()
def target(recorder: Recorder) -> str:
    """The recorder's URL, its record emptied for this test."""
    recorder.requests.clear()
    return recorder.url + "/x"


# --------------------------------------------------------------------------- SERVICE


SERVICE_QUERIES = {
    "the reported bypass": "SELECT ?s WHERE { FILTER(1<'>#' || true) SERVICE <URL> {?s ?p ?o} }",
    "after a comment holding a quote": "SELECT ?s WHERE { # it's\n SERVICE <URL> { ?s ?p ?o } }",
    "after a string holding a comment": "SELECT ?s { BIND('#' AS ?x) SERVICE <URL> {?s ?p ?o} }",
    "lowercase": "select ?s where { service <URL> { ?s ?p ?o } }",
    "mixed case and SILENT": "SELECT ?s WHERE { SeRvIcE SILENT <URL> { ?s ?p ?o } }",
    "in a subquery": "SELECT ?s WHERE { { SELECT ?s WHERE { SERVICE <URL> { ?s ?p ?o } } } }",
    "in FILTER EXISTS": "SELECT ?s WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <URL> { ?s ?p ?o } } }",
    "in an OPTIONAL": "SELECT ?s WHERE { ?s ?p ?o OPTIONAL { SERVICE <URL> { ?s ?q ?r } } }",
    "through a prefix": "PREFIX x: <URL_BASE> SELECT ?s WHERE { SERVICE x:x { ?s ?p ?o } }",
    "with a codepoint escape": "SELECT ?s WHERE { \\u0053ERVICE <URL> { ?s ?p ?o } }",
}


@pytest.mark.parametrize("how", ["POST form", "GET"])
@pytest.mark.parametrize("variant", list(SERVICE_QUERIES))
def test_a_service_query_in_any_spelling_is_400_and_reaches_no_server(
    server: Server, recorder: Recorder, target: str, variant: str, how: str
) -> None:
    query = SERVICE_QUERIES[variant].replace("URL_BASE", recorder.url + "/")
    query = query.replace("URL", target)
    if how == "GET":
        response = server.get("/sparql", params={"query": query})
    else:
        response = server.post("/sparql", data={"query": query})
    assert response.status_code == 400
    assert "SERVICE" in response.text
    assert recorder.requests == []


@pytest.mark.parametrize(
    "where",
    [
        "FILTER(1<'>#' || true) SERVICE <URL> { ?s ?p ?o }",  # rdflib cannot parse it
        "?s ?p ?o FILTER EXISTS { SERVICE SILENT <URL> { ?s ?p ?o } }",
    ],
)
def test_a_service_inside_an_update_with_the_token_is_400_and_reaches_no_server(
    update_server: Server, recorder: Recorder, target: str, where: str
) -> None:
    pattern = where.replace("URL", target)
    update = f"INSERT {{ GRAPH <https://example.org/g> {{ ?s ?p ?o }} }} WHERE {{ {pattern} }}"
    before = update_server.triples()
    response = update_server.post(
        "/sparql", data={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 400
    assert "SERVICE" in response.text
    assert recorder.requests == []
    assert update_server.triples() == before


def test_the_word_service_as_a_name_or_in_a_string_is_no_service_call(server: Server) -> None:
    query = (
        "PREFIX service: <https://example.org/service#>\n"
        "SELECT ?service WHERE { BIND('SERVICE <http://127.0.0.1/>' AS ?service) } # SERVICE"
    )
    response = server.post("/sparql", data={"query": query}, headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response.text == "service\r\nSERVICE <http://127.0.0.1/>\r\n"


# --------------------------------------------------------------------------- the sandbox


def _ask_worker(store: Path, sparql: str, *, isolate: bool) -> Reply:
    """Run ``sparql`` in a real query worker, started as the server starts one, but handed
    the job directly: the server's SERVICE check never sees it."""
    ctx = multiprocessing.get_context("forkserver")
    parent, child = ctx.Pipe()
    lifeline_r, lifeline = ctx.Pipe(duplex=False)
    process = ctx.Process(
        target=_worker_main,
        args=(child, lifeline_r, str(store), 100),
        kwargs={"isolate": isolate},
        daemon=True,
    )
    process.start()
    child.close()
    try:
        assert parent.poll(60)
        kind, (_, layers) = parent.recv()
        assert kind == "ready"
        assert bool(layers) is isolate
        parent.send(_Job(sparql, "application/sparql-results+json"))
        assert parent.poll(60)
        reply: Reply = parent.recv()
        parent.send(None)
        return reply
    finally:
        process.join(10)
        if process.is_alive():
            process.kill()
        lifeline.close()


@pytest.mark.skipif(platform.system() != "Linux", reason="the isolation is Linux's")
def test_a_worker_cannot_reach_a_loopback_server_even_when_the_service_check_is_skipped(
    seed_store: Path, tmp_path_factory: pytest.TempPathFactory, recorder: Recorder, target: str
) -> None:
    store = _copy(seed_store, tmp_path_factory, "sandboxed")
    query = f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"
    reply = _ask_worker(store, query, isolate=True)
    assert (reply.status, reply.body) == (
        500,
        b"store error: Operation not permitted (os error 1)\n",
    )
    assert recorder.requests == []
    # The same worker without its isolation does reach the server: what the layers stop.
    _ask_worker(store, query, isolate=False)
    assert len(recorder.requests) == 1


@pytest.mark.skipif(
    platform.system() != "Linux" or platform.machine() != "x86_64" or os.geteuid() != 0,
    reason="both layers apply as root on x86-64 Linux, as in CI",
)
def test_health_names_the_isolation_layers_in_force(server: Server) -> None:
    assert server.get("/health").json()["worker_isolation"] == [NETNS, SECCOMP]
    assert f"off the network by {NETNS} and {SECCOMP}" in server.log.read_text()


# --------------------------------------------------------------------------- LOAD


def _load(running: Server, url: str) -> httpx.Response:
    update = f"LOAD <{url}> INTO GRAPH <https://example.org/loaded>"
    return running.post(
        "/sparql", data={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"}
    )


@pytest.fixture(scope="module")
def load_server(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store = _copy(seed_store, tmp_path_factory, "loading")
    running = Server(store, store.parent / "server.log", "--allow-update", "--allow-load",
                     "--cors", "https://example.org", env={"KG_UPDATE_TOKEN": TOKEN})  # fmt: skip
    yield running
    running.stop()


def test_load_is_403_with_a_valid_token_unless_allowed(
    update_server: Server, recorder: Recorder, target: str
) -> None:
    response = _load(update_server, target)
    assert response.status_code == 403
    assert "--allow-load" in response.text
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("the recorder", "is a loopback, private, link-local or reserved address"),
        ("http://10.1.2.3/data.ttl", "10.1.2.3 is a loopback, private"),
        ("http://169.254.169.254/latest/meta-data", "169.254.169.254 is a loopback, private"),
        ("http://[::ffff:127.0.0.1]:9/x", "127.0.0.1 is a loopback, private"),
        ("file:///etc/passwd", "only http and https URLs can be loaded"),
    ],
)
def test_allowed_load_refuses_files_and_private_addresses(
    load_server: Server, recorder: Recorder, target: str, where: str, reason: str
) -> None:
    response = _load(load_server, target if where == "the recorder" else where)
    assert response.status_code == 403
    assert reason in response.text
    assert recorder.requests == []


def test_allow_private_load_lets_an_update_load_from_loopback(
    seed_store: Path,
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
    recorder: Recorder,
    target: str,
) -> None:
    store = _copy(seed_store, tmp_path_factory, "private-load")
    flags = ("--allow-update", "--allow-load", "--allow-private-load")
    running = Server(store, tmp_path / "server.log", *flags, env={"KG_UPDATE_TOKEN": TOKEN})
    try:
        response = _load(running, target)
        assert response.status_code == 204, response.text
        assert recorder.requests == [("GET", "/x")]
        ask = running.select('ASK { ?s <https://example.org/p> "fetched by LOAD" }')
        assert ask.json()["boolean"] is True
    finally:
        running.stop()


# --------------------------------------------------------------------------- CORS


def test_without_cors_no_origin_is_granted(server: Server) -> None:
    response = server.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.org"}
    )
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    preflight = httpx.options(
        server.url + "/sparql",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_grants_the_named_origin_only(load_server: Server) -> None:
    ask = {"query": DKG + "ASK {}"}
    named = load_server.get("/sparql", params=ask, headers={"Origin": "https://example.org"})
    assert named.headers["access-control-allow-origin"] == "https://example.org"
    other = load_server.get("/sparql", params=ask, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_cors_never_lets_a_page_send_an_authorization_header(load_server: Server) -> None:
    preflight = httpx.options(
        load_server.url + "/sparql",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert preflight.status_code == 400
