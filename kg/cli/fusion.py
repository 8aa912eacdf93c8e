"""The ``kg fuse`` command (``register(app)``): build the canonical events. Scoring the
fusion against a gold corpus is ``kg evaluate --events DIR`` (``kg.cli.extract``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.kit import DEFAULT_STORE, StoreOption, err, opened

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add ``fuse`` to the ``kg`` command."""

    @app.command()
    def fuse(
        decisions: Annotated[
            Path | None,
            typer.Option("--decisions", help="A YAML file of hand splits and merges."),
        ] = None,
        window: Annotated[
            int, typer.Option("--window", min=0, help="Days apart two accounts may be.")
        ] = 2,
        rebuild: Annotated[
            bool, typer.Option("--rebuild", help="Recluster every account from scratch.")
        ] = False,
        store: StoreOption = DEFAULT_STORE,
    ) -> None:
        """Fuse the documents' events into canonical events (graph/canonical)."""
        with opened(store) as graph:
            result = graph.fuse(decisions=decisions, window=window, rebuild=rebuild)
        linked = sum(len(records) for records in result.records.values())
        err.print(
            f"{len(result.fusion.clusters)} canonical events from {result.accounts} "
            f"accounts ({result.added} newly fused); {linked} dataset record(s) linked to "
            f"{len(result.records)} of them",
            markup=False,
        )
