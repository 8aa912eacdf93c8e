"""What every ``kg`` command shares: the store option, opening the graph, one-line errors,
printing results. Command modules (``kg.cli.*``) import from here, never from each other.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from kg.config import DEFAULT_STORE as DEFAULT_STORE
from kg.config import settings
from kg.errors import KGError
from kg.graph import KnowledgeGraph
from kg.results import Results
from kg.stores import StoreOptions, open_store
from kg.vocab import PREFIXES

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _store_setting(ctx: typer.Context, param: typer.CallbackParam, value: str) -> str:
    """``--store`` when it is given, else the settings' store (``KG_STORE``, or the default)."""
    source = ctx.get_parameter_source(param.name) if param.name else None
    if source is not None and source.name == "DEFAULT":
        with reported_errors():
            return settings().store
    return value


StoreOption = Annotated[
    str,
    typer.Option(
        "--store",
        "-s",
        callback=_store_setting,
        help="The embedded store's folder (created if missing), or a SPARQL endpoint URL "
        "(http://...; updates go to the same URL unless KG_UPDATE_ENDPOINT is set). "
        "Default: $KG_STORE, else kg-store.",
        show_default=False,
    ),
]


class OutputFormat(StrEnum):
    """How query results are printed (default: a table on a terminal, CSV otherwise)."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one error line and exit."""
    err.print(f"error: {message}", markup=False)
    raise typer.Exit(code)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn the errors a user can cause into one line and a non-zero exit."""
    try:
        yield
    except KGError as exc:  # every error of kg's own, the one place the CLI catches them
        fail(str(exc))
    except KeyError as exc:  # a name looked up in a mapping: an unknown query, for one
        fail(str(exc.args[0]) if exc.args else "not found")


@contextmanager
def opened(store: str | Path, *, read_only: bool = False) -> Iterator[KnowledgeGraph]:
    """Open the graph: an embedded store by path, or a remote one by URL.

    A read-only open of an embedded store that does not exist is an error.
    """
    with reported_errors():
        config = settings()
        options = StoreOptions(
            read_only=read_only,
            update_endpoint=config.update_endpoint,
            graph_store=config.graph_store,
        )
        graph = KnowledgeGraph(open_store(store, options))
        try:
            yield graph
        finally:
            graph.close()


def _prefixed() -> list[tuple[str, str]]:
    wanted = ("id", "dkg", "wd", "cameo", "plover")
    return [(p, PREFIXES[p]) for p in wanted]


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (not a pipe or a file)."""
    try:
        return os.isatty(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # replaced by an object without a descriptor
        return False


def print_results(results: Results, fmt: OutputFormat | None = None) -> None:
    """Print a result table as a rich table, CSV or JSON.

    With no ``fmt``: a table on a terminal, CSV when the output is piped or redirected, so
    that ``kg query NAME > file`` keeps every value whole. A table asked for with
    ``--format table`` into a pipe is as wide as its longest values, never cut.
    """
    if fmt is None:
        fmt = OutputFormat.TABLE if stdout_is_terminal() else OutputFormat.CSV
    if fmt is OutputFormat.CSV:
        sys.stdout.write(results.to_csv())
    elif fmt is OutputFormat.JSON:
        sys.stdout.write(results.to_json() + "\n")
    else:
        table = Table(*results.columns, show_lines=False)
        for row in results.short(_prefixed()):
            table.add_row(*row)
        console = out if stdout_is_terminal() else Console(highlight=False, width=1_000_000)
        console.print(table, crop=False)
        console.print(f"{len(results)} row(s)", style="dim")
