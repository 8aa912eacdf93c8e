"""``kg dump`` and ``kg load``: the command line of :mod:`kg.backup`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.backup import BackupError, dump, read_all, refuse_reference_graphs
from kg.cli.kit import DEFAULT_STORE, StoreOption, err, fail, opened, out, reported_errors

__all__ = ["dump_command", "load_command", "register"]


def dump_command(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The dump file: .nq (N-Quads) or .trig.")
    ],
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Write the whole dataset (every graph: documents, ontology, actors, imports), atomically."""
    with opened(store, read_only=True) as graph, reported_errors():
        try:
            count = dump(graph, output)
        except BackupError as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"{output}: {exc.strerror or exc}")
    err.print(f"wrote {output} ({count} quads)")


def load_command(
    files: Annotated[
        list[Path], typer.Argument(help="RDF files: .nq, .trig (graphs) or .ttl, .nt, .jsonld.")
    ],
    into: Annotated[
        str | None,
        typer.Option("--into", help="The graph for triples (default: one per file, by SHA-256)."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Also replace the reference graphs (ontology, schemes, actors) when the "
            "files hold a different version of them.",
        ),
    ] = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Load RDF files; each graph in them replaces the store's graph of that name.

    Every file is read before anything is written: one bad file changes nothing. A
    reference graph (ontology, schemes, actors) that differs from the store's is refused
    unless --force is given.
    """
    try:
        graphs = read_all(files, into=into)
    except BackupError as exc:
        fail(str(exc))
    with opened(store) as graph, reported_errors():
        try:
            graphs = refuse_reference_graphs(graph, graphs, force=force)
        except BackupError as exc:
            fail(str(exc))
        graph.store.replace_graphs(graphs)
    count = sum(len(quads) for quads in graphs.values())
    out.print(f"loaded {count} quads into {len(graphs)} graph(s)")


def register(app: typer.Typer) -> None:
    """Add ``kg dump`` and ``kg load`` to the command line."""
    app.command("dump")(dump_command)
    app.command("load")(load_command)
