"""``kg serve`` with requests that once hurt it: slow queries that took every worker, a
query nested 5,000 levels deep, malformed percent-encoding, ``?format=``, ``SELECT *``
column order and a port already in use. A real server on loopback, a real store.
"""

from __future__ import annotations

import contextlib
import csv
import io
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from test_server import CONDEMNATIONS, SLOW, Server, _copy, seed_store, server, update_server

__all__ = ["seed_store", "server", "update_server"]  # fixtures shared with test_server


# --------------------------------------------------------------------------- starvation


@pytest.mark.slow
def test_a_named_query_answers_200_while_two_slow_queries_hold_both_ad_hoc_workers(
    seed_store: Path, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """Named queries have a lane of their own: before it, two runaway queries on the two
    default workers made every other client wait for the time limit and get 503."""
    store = _copy(seed_store, tmp_path_factory, "starved")
    running = Server(store, tmp_path / "server.log", "--timeout", "20", "--workers", "2")
    started = threading.Barrier(3)

    def slow() -> None:
        started.wait()
        with contextlib.suppress(httpx.HTTPError):  # stopped with the server
            running.select(SLOW)

    try:
        threads = [threading.Thread(target=slow, daemon=True) for _ in range(2)]
        for thread in threads:
            thread.start()
        started.wait()
        time.sleep(1.0)  # both slow queries are on the ad-hoc workers by now
        named = running.get("/queries/who-blames-whom", params={"agent": "RUS"})
        health = running.get("/health")
    finally:
        running.stop()
    assert named.status_code == 200, named.text
    targets = {b["target_label"]["value"] for b in named.json()["results"]["bindings"]}
    assert targets == {"Ukraine", "United Kingdom", "United States"}
    assert health.status_code == 200


# --------------------------------------------------------------------------- nesting


TOO_DEEP = "levels deep; this endpoint accepts at most 64\n"
N = 5000
NESTED = {
    "groups": ("SELECT * WHERE " + "{" * N + " ?s ?p ?o " + "}" * N, f"{N} {TOO_DEEP}"),
    "parentheses": (
        "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * N + "true" + ")" * N + ") }",
        f"{N + 2} {TOO_DEEP}",
    ),
    # '<(((...1>' reads as an IRI, but here '<' is less-than and the parentheses nest
    "behind a less-than": (
        "ASK { FILTER(1<" + "(" * N + "1>0" + ")" * N + ") }",
        f"{N + 2} {TOO_DEEP}",
    ),
    # ex:a\' is a name: the quote starts no string that would hide the groups
    "after an escaped quote in a name": (
        "PREFIX ex: <http://example.org/> SELECT * { ?s ?p ex:a\\' "
        + "{" * N + " ?x ?y 'z' " + "}" * N + " }",
        f"{N + 1} {TOO_DEEP}",
    ),
    # an IRI holding a quote could also be '<' then a string: only a parser can tell
    "behind an IRI holding a quote": (
        "SELECT * { ?x <p'> ?y . FILTER(1<'>#' || true) " + "{" * N + "?s ?p ?o" + "}" * N + "}",
        "the query is nested too deeply to be checked\n",
    ),
}  # fmt: skip


@pytest.mark.parametrize("shape", list(NESTED))
def test_a_query_nested_5000_levels_is_400_and_the_workers_keep_answering(
    update_server: Server, shape: str
) -> None:
    """Oxigraph's parser overflowed the worker's stack (SIGSEGV) at this depth."""
    server = update_server  # the default --max-body: the queries are 10 kB
    query, message = NESTED[shape]
    workers = server.get("/health").json()["workers"]
    response = server.post("/sparql", data={"query": query})
    assert response.status_code == 400
    if message.startswith("the query"):
        assert response.text == message
    else:
        assert response.text == "the query nests groups or expressions " + message
    answer = server.select(CONDEMNATIONS)
    assert answer.status_code == 200
    assert server.get("/health").json()["workers"] == workers


def test_a_query_nested_64_levels_still_runs(server: Server) -> None:
    query = "SELECT ?s WHERE " + "{" * 63 + " BIND(1 AS ?s) " + "}" * 63  # BIND( is the 64th
    response = server.post("/sparql", data={"query": query}, headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response.text == "s\r\n1\r\n"


# --------------------------------------------------------------------------- encoding


@pytest.mark.parametrize("path", ["/sparql?query=ASK%7B%7D%C3%28", "/queries/actors?x=%C3%28"])
def test_a_url_with_malformed_percent_encoded_utf8_is_400(server: Server, path: str) -> None:
    response = httpx.get(server.url + path)
    assert response.status_code == 400
    assert response.text.startswith("the query string is not valid percent-encoded UTF-8")


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
        ("json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml"),
    ],
)
@pytest.mark.parametrize("route", ["/sparql", "/queries/who-condemns-whom"])
def test_the_format_parameter_chooses_the_result_format(
    server: Server, route: str, fmt: str, media: str
) -> None:
    params = {"format": fmt}
    if route == "/sparql":
        params["query"] = CONDEMNATIONS
    response = server.get(route, params=params, headers={"Accept": "application/json"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media


def test_the_format_parameter_of_a_form_post_chooses_csv(server: Server) -> None:
    response = server.post("/sparql", data={"query": CONDEMNATIONS, "format": "csv"})
    assert response.headers["content-type"].split(";")[0] == "text/csv"
    assert next(csv.reader(io.StringIO(response.text))) == ["who", "whom"]


def test_an_unknown_format_is_400(server: Server) -> None:
    response = server.get("/sparql", params={"query": CONDEMNATIONS, "format": "pdf"})
    assert response.status_code == 400
    assert response.text.startswith("format 'pdf' is not known; use one of: json, xml, csv")


STAR = "SELECT * WHERE { BIND(1 AS ?zeta) BIND(2 AS ?beta) BIND(3 AS ?alpha) }"


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_select_star_columns_come_in_the_order_the_query_names_them(
    server: Server, fmt: str
) -> None:
    response = server.get("/sparql", params={"query": STAR, "format": fmt})
    assert response.status_code == 200
    if fmt == "csv":
        assert response.text == "zeta,beta,alpha\r\n1,2,3\r\n"
    elif fmt == "tsv":
        assert response.text.splitlines() == ["?zeta\t?beta\t?alpha", "1\t2\t3"]
    elif fmt == "json":
        assert response.json()["head"]["vars"] == ["zeta", "beta", "alpha"]
    else:
        assert response.text.index('"zeta"') < response.text.index('"beta"')
        assert response.text.index('"beta"') < response.text.index('"alpha"')


# --------------------------------------------------------------------------- the port


def test_a_busy_port_is_one_error_line_and_exit_1(seed_store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(
            [sys.executable, "-m", "kg", "serve", "--store", str(seed_store), "--port", str(port)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert run.returncode == 1
    assert run.stderr == (
        f"error: port {port} on 127.0.0.1 is in use (another 'kg serve'?); stop it or choose "
        "another with --port\n"
    )
    assert run.stdout == ""
