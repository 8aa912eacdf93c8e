"""The ``kg`` command line: every Typer module of the package.

``kg.cli.main`` builds the application; ``kg.cli.kit`` is what the commands share (the store
option, opening the graph, one-line errors, printing results); one module per command group:
``graph`` (add, validate, query, export, analyze, render, timeline...), ``extract``
(``kg extract``, ``kg ingest``, ``kg evaluate``), ``imports`` (``kg import``), ``backup``
(``kg dump``, ``kg load``), ``serve`` and ``fusion`` (``kg fuse``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["app"]


def __getattr__(name: str) -> Any:
    # Built on first use, so that importing ``kg.cli.kit`` (as every command module does)
    # does not build the application half way.
    if name == "app":
        from kg.cli.main import app

        return app
    raise AttributeError(f"module 'kg.cli' has no attribute {name!r}")
