"""The server's endpoints raise; one table (``kg.server.app.EXCEPTION_HANDLERS``) turns each
exception into its reply. Only requests refused before any worker is asked are sent here,
so the application runs without its lifespan (no worker process)."""

from __future__ import annotations

import ast
import asyncio
import inspect
from pathlib import Path
from typing import Any

import httpx
import pytest

from kg.errors import GuardError, ParamError
from kg.server import ServerConfig, create_app
from kg.server import app as server_app

APP = create_app(ServerConfig(Path("unused-store")))


def send(method: str, url: str, **request: Any) -> httpx.Response:
    """One request to the application in this process (its lifespan, the workers, unstarted)."""

    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=APP)
        async with httpx.AsyncClient(transport=transport, base_url="http://kg.test") as client:
            return await client.request(method, url, **request)

    return asyncio.run(go())


def test_each_exception_class_has_its_handler() -> None:
    assert set(server_app.EXCEPTION_HANDLERS) == {
        server_app.HTTPProblem,
        ParamError,
        GuardError,
        server_app._BodyTooLarge,
    }


@pytest.mark.parametrize(
    ("method", "url", "request_args", "status", "body"),
    [
        ("post", "/sparql", {"content": b"x", "headers": {"Content-Type": "text/plain"}}, 415,
         "POST application/sparql-query, application/sparql-update or "
         "application/x-www-form-urlencoded\n"),
        ("get", "/queries/no-such-query", {}, 404,
         "no named query 'no-such-query'; see /queries\n"),
        ("get", "/sparql", {"headers": {"Accept": "image/png"}}, 406,
         "none of the accepted media types can be produced; use one of: text/turtle, "
         "application/n-triples, application/ld+json, application/rdf+xml, text/html\n"),
        ("get", "/sparql?query=a&query=b", {}, 400, "'query' is given 2 times; give it once\n"),
        ("get", "/sparql?update=x", {}, 400, "SPARQL Update must be sent with POST\n"),
        ("post", "/sparql", {"data": {"update": "CLEAR ALL"}}, 403,
         "this endpoint is read-only: SPARQL Update is refused (start the server with "
         "--allow-update to accept it)\n"),
        ("post", "/sparql", {"content": b"x" * (1 << 20) + b"x",
                             "headers": {"Content-Type": "application/sparql-query"}}, 413,
         "the request body is larger than 1048576 bytes (the server's --max-body)\n"),
        ("get", "/sparql?query=SELECT%20*%20%7B%20SERVICE%20%3Chttp%3A%2F%2Fx%3E%20%7B%7D%20%7D",
         {}, 400, "SERVICE (federated query) is disabled on this endpoint\n"),
    ],
)  # fmt: skip
def test_a_raised_exception_becomes_one_text_line_with_its_status(
    method: str,
    url: str,
    request_args: dict[str, object],
    status: int,
    body: str,
) -> None:
    response = send(method.upper(), url, **request_args)
    assert (response.status_code, response.text) == (status, body)
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_no_endpoint_builds_an_error_reply() -> None:
    tree = ast.parse(inspect.getsource(server_app))
    builders = sorted(
        function.name
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.Attribute) and node.attr == "error"
    )
    assert builders == ["_bad_parameter", "_body_too_large", "_problem", "_refused"]


def test_no_server_module_is_over_600_lines() -> None:
    package = Path(server_app.__file__).parent
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in package.glob("*.py")}
    assert set(sizes) == {"__init__.py", "app.py", "named.py", "protocol.py", "workers.py"}
    assert max(sizes.values()) < 600
