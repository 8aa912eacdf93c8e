"""The ``kg fuse`` command (``register(app)``): build the canonical events, or score the
fusion against a gold corpus with ``--evaluate``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.clikit import DEFAULT_STORE, StoreOption, err, fail, opened, out, reported_errors

__all__ = ["evaluate_corpus", "register"]


def evaluate_corpus(folder: Path, window: int) -> str:
    """Load every annotation under ``folder`` into a fresh in-memory graph, fuse it and
    score the result against ``folder/gold.yaml``; the report as text."""
    from kg.fusion import evaluate, load_gold
    from kg.graph import KnowledgeGraph

    gold = load_gold(folder)
    graph = KnowledgeGraph.memory()
    for path in sorted(folder.rglob("annotation.yaml")):
        graph.add_annotation(path)
    result = graph.fuse(window=window, write=False)
    scores = evaluate(result.assignment(), gold)
    lines = [
        f"accounts: {result.accounts}  canonical events: {len(result.fusion.clusters)}  "
        f"gold clusters: {len(gold.clusters)}",
        f"B3        precision {scores.b3_precision:.4f}  recall {scores.b3_recall:.4f}  "
        f"F1 {scores.b3_f1:.4f}",
        f"pairwise  precision {scores.pair_precision:.4f}  recall {scores.pair_recall:.4f}  "
        f"F1 {scores.pair_f1:.4f}",
        f"do-not-merge pairs merged: {len(scores.merged_do_not_merge)}",
    ]
    lines.extend(f"  merged: {a} / {b}" for a, b in scores.merged_do_not_merge)
    return "\n".join(lines)


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
        evaluate: Annotated[
            Path | None,
            typer.Option(
                "--evaluate",
                help="Score fusion on a corpus folder with a gold.yaml (the store is not "
                "touched): B3 and pairwise F1, and merged do-not-merge pairs.",
            ),
        ] = None,
        store: StoreOption = DEFAULT_STORE,
    ) -> None:
        """Fuse the documents' events into canonical events (graph/canonical)."""
        if evaluate is not None:
            if not (evaluate / "gold.yaml").is_file():
                fail(f"{evaluate}: no gold.yaml in this folder")
            with reported_errors():
                out.print(evaluate_corpus(evaluate, window), markup=False)
            return
        with opened(store) as graph:
            result = graph.fuse(decisions=decisions, window=window, rebuild=rebuild)
        err.print(
            f"{len(result.fusion.clusters)} canonical events from {result.accounts} "
            f"accounts ({result.added} newly fused)"
        )
