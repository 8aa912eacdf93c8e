"""The web explorer that ``kg serve`` answers ``/`` with.

One page, built from pinned npm packages by ``kg/explorer/frontend/build.mjs`` into
``kg/explorer/static/`` (committed, with the packages' licences), so running it needs no
Node. It speaks only to its own server: SPARQL through ``/sparql``, named queries through
``/queries``; its Content-Security-Policy forbids everything else.

>>> [route.path for route in explorer_routes()]
['/', '/explorer/queries/{name}.rq', '/explorer/{name}']
"""

from __future__ import annotations

import secrets
from importlib import resources
from typing import Final

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

__all__ = ["CONTENT_SECURITY_POLICY", "explorer_routes", "static_asset"]

#: Everything from the page's own origin, nothing from anywhere else: no inline script,
#: no eval, no frames, no form posted elsewhere. ``data:`` images are vis-network's. The
#: editor writes its styles into a ``<style>`` element, allowed by a nonce drawn afresh
#: for each page (``{nonce}``); the page reads it from its ``csp-nonce`` meta tag.
CONTENT_SECURITY_POLICY: Final = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'nonce-{nonce}'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)

#: The files the page may load, with their media types. Anything else is a 404: the
#: route never maps a request path onto the file system.
_ASSETS: Final = {
    "explorer.js": ("static", "text/javascript; charset=utf-8"),
    "explorer.css": ("static", "text/css; charset=utf-8"),
    "LICENSES.txt": ("static", "text/plain; charset=utf-8"),
    "vis-network.min.js": ("templates", "text/javascript; charset=utf-8"),
    "vis-network.css": ("templates", "text/css; charset=utf-8"),
}

_HEADERS: Final = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY.replace(" 'nonce-{nonce}'", ""),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def static_asset(name: str) -> tuple[bytes, str] | None:
    """The bytes and media type of one of the page's files, or ``None`` if it is not one.

    >>> static_asset("../../etc/passwd") is None
    True
    >>> static_asset("explorer.css")[1]
    'text/css; charset=utf-8'
    """
    entry = _ASSETS.get(name)
    if entry is None:
        return None
    folder, media = entry
    if folder == "static":
        data = resources.files("kg.explorer").joinpath("static", name).read_bytes()
    else:
        data = resources.files("kg").joinpath("templates", name).read_bytes()
    return data, media


async def _page(request: Request) -> Response:
    nonce = secrets.token_urlsafe(18)  # URL-safe base64: nothing to escape in HTML or CSP
    html = resources.files("kg.explorer").joinpath("static", "index.html").read_text("utf-8")
    headers = {**_HEADERS, "Content-Security-Policy": CONTENT_SECURITY_POLICY.format(nonce=nonce)}
    headers["Cache-Control"] = "no-store"
    return Response(
        html.replace("{{nonce}}", nonce), media_type="text/html; charset=utf-8", headers=headers
    )


async def _asset(request: Request) -> Response:
    found = static_asset(request.path_params["name"])
    if found is None:
        return Response("no such file\n", 404, media_type="text/plain", headers=_HEADERS)
    data, media = found
    return Response(data, media_type=media, headers={**_HEADERS, "Cache-Control": "no-cache"})


async def _query_text(request: Request) -> Response:
    # The text of a named query, for the editor to show; the name is looked up in the
    # listing, never used as a path.
    from kg.queries import named_queries

    query = named_queries().get(request.path_params["name"])
    if query is None:
        return Response("no such named query\n", 404, media_type="text/plain", headers=_HEADERS)
    return Response(query.sparql, media_type="application/sparql-query", headers=_HEADERS)


def explorer_routes() -> list[BaseRoute]:
    """The page at ``/``, the named queries' text, and the page's files."""
    return [
        Route("/", _page),
        Route("/explorer/queries/{name}.rq", _query_text),
        Route("/explorer/{name}", _asset),
    ]
