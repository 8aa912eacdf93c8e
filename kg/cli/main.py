"""The ``kg`` application: its global options, and every command group registered in order.

Each command module (``kg.cli.graph``, ``serve``, ``extract``, ``imports``, ``backup``,
``fusion``) has ``register(app)`` and imports only ``kg.cli.kit`` of the command line; the
library modules know nothing of it.
"""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.kit import reported_errors
from kg.config import Settings, configure

__all__ = ["app"]

app = typer.Typer(
    name="kg",
    help="diplomatic-kg: a knowledge graph of diplomatic reactions to armed-conflict events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main(
    update_endpoint: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            help="Where updates go when --store is a SPARQL endpoint (default: "
            "$KG_UPDATE_ENDPOINT, else the store's URL).",
        ),
    ] = None,
    graph_store: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            help="The endpoint's Graph Store Protocol URL, 'auto' to look for it, 'none' for "
            "INSERT DATA batches (default: $KG_GRAPH_STORE, else auto).",
        ),
    ] = None,
    validation_cache: Annotated[
        str | None,
        typer.Option(
            metavar="DIR",
            help="Where 'kg validate' keeps its cache (default: $KG_VALIDATION_CACHE, else "
            "$XDG_CACHE_HOME/diplomatic-kg/validated).",
        ),
    ] = None,
) -> None:
    """diplomatic-kg: a knowledge graph of diplomatic reactions to armed-conflict events.

    The options here come before the command (kg --graph-store none import ...); each
    overrides the environment variable of the same name.
    """
    with reported_errors():
        configure(
            Settings.from_env(
                update_endpoint=update_endpoint,
                graph_store=graph_store,
                validation_cache=validation_cache,
            )
        )


def _register_commands() -> None:
    from kg.cli import backup, extract, fusion, graph, imports, serve

    for module in (graph, serve, extract, imports, backup, fusion):
        module.register(app)


_register_commands()
