"""``kg import``: the command group that imports event datasets into the store (``--store``).

::

    kg import gdelt 20191024143000.export.CSV.zip ...    # GDELT 2.0 / 1.0 Events exports
    kg import icews events.2018.tab                      # ICEWS Coded Event Data
    kg import plover PLOVER_GSR_CAMEO.txt records.jsonl  # PLOVER / POLECAT JSON records
    kg import acled acled-ukraine.csv.gz api-page.json   # ACLED CSV, JSON, Excel
    kg import ucdp GEDEvent_v24_1.csv                    # UCDP GED

Each file streams through in chunks (one atomic bulk load each) with a progress bar. What
each file was found to be is printed (``FILE: gzip → CSV, comma-delimited, ACLED export
layout, dates day-first``). A malformed row is reported on stderr as ``FILE:LINE: why``,
counted, and skipped; when most rows were rejected for one reason, that reason is printed
once first (``690 of 690 rows rejected: fatalities '0.0' is not a count``). With
``--strict`` a malformed row is fatal and nothing is written. A file already imported is
skipped. A missing file is an error before anything is read; the exit status is 1 when a
file failed or when nothing at all was imported.
``kg.cli`` adds the group with :func:`register`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)

from kg.cli.kit import DEFAULT_STORE, StoreOption, err, fail, opened, out
from kg.importers.loader import DEFAULT_CHUNK_ROWS
from kg.importers.records import Dataset
from kg.importers.runner import ImportReport, StrictError, import_files
from kg.importers.source import DEFAULT_MAX_LINE_BYTES, Rejection

__all__ = ["import_app", "register"]

import_app = typer.Typer(
    name="import",
    help="Import coded event datasets: GDELT, ICEWS, PLOVER/POLECAT, ACLED, UCDP GED.",
    no_args_is_help=True,
)

Files = Annotated[
    list[Path], typer.Argument(help="Files to import (plain, .gz or .zip: told by content).")
]
Strict = Annotated[
    bool, typer.Option("--strict", help="A malformed row is fatal: nothing is written.")
]
ChunkRows = Annotated[
    int, typer.Option("--chunk-rows", min=1, help="Records per atomic bulk load.")
]
MaxLine = Annotated[
    int, typer.Option("--max-line-bytes", min=64, help="Longer lines are rejected.")
]
Rejects = Annotated[
    Path | None, typer.Option("--rejects", help="Write every rejected row here (FILE:LINE: why).")
]
ShowRejects = Annotated[
    int, typer.Option("--show-rejects", min=0, help="How many rejected rows to print.")
]


def register(app: typer.Typer) -> None:
    """Add the ``import`` command group to the ``kg`` application."""
    app.add_typer(import_app, name="import")


class _Bar:
    """A rich progress bar per file: bytes read, records imported."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None
        self.count = 0

    def start(self, path: Path, size: int) -> None:
        self.count = 0
        self.task = self.progress.add_task(path.name, total=size, records=0)

    def advance(self, position: int) -> None:
        if self.task is not None:
            self.progress.update(self.task, completed=position)

    def records(self, count: int) -> None:
        self.count += count
        if self.task is not None:
            self.progress.update(self.task, records=self.count)

    def done(self) -> None:
        if self.task is not None:
            total = self.progress.tasks[self.task].total
            self.progress.update(self.task, completed=total, records=self.count)
        self.task = None


class _Rejections:
    """Keeps the first rejected rows to print after the run (after the line that says
    why most were rejected, if one reason dominates), writes them all to ``--rejects``."""

    def __init__(self, shown: int, path: Path | None) -> None:
        self.shown = shown
        self.count = 0
        self.first: list[Rejection] = []
        self.file = path.open("w", encoding="utf-8") if path is not None else None

    def __call__(self, rejection: Rejection) -> None:
        self.count += 1
        if self.count <= self.shown:
            self.first.append(rejection)
        if self.file is not None:
            self.file.write(f"{rejection}\n")

    def print(self, report: ImportReport | None) -> None:
        main = report.main_reason() if report is not None else None
        if main is not None and report is not None:
            read = report.stats.records + report.stats.rejected
            err.print(f"{main[0]:,} of {read:,} rows rejected: {main[1]}", markup=False)
        for rejection in self.first:
            err.print(f"rejected: {rejection}", markup=False)
        if self.count > self.shown:
            err.print(f"... {self.count - self.shown} more rejected row(s)", markup=False)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


def _run(
    dataset: Dataset,
    files: list[Path],
    store: str,
    strict: bool,
    chunk_rows: int,
    max_line_bytes: int,
    rejects: Path | None,
    show_rejects: int,
) -> None:
    rejected = _Rejections(show_rejects, rejects)
    report: ImportReport | None = None
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TextColumn("{task.fields[records]:,} records"),
        TimeElapsedColumn(),
        console=err,
    )
    try:
        with opened(store) as graph, progress:
            try:
                report = import_files(
                    graph,
                    dataset,
                    files,
                    strict=strict,
                    chunk_rows=chunk_rows,
                    max_line_bytes=max_line_bytes,
                    on_rejection=rejected,
                    progress=_Bar(progress),
                )
            except StrictError as exc:  # the others are KGErrors that opened() reports
                fail(f"{exc} (--strict: nothing was imported)")
    finally:
        rejected.close()
        rejected.print(report)
    assert report is not None
    _summarise(report)
    if report.errors or (report.stats.records == 0 and not report.unchanged):
        raise typer.Exit(1)


def _summarise(report: ImportReport) -> None:
    stats = report.stats
    for source, description in report.detected:
        out.print(f"{source}: {description}", markup=False)
    for error in report.errors:
        err.print(f"error: {error}", markup=False)
    for path in report.unchanged:
        out.print(f"{path}: imported before, unchanged: skipped", markup=False)
    reactions = ", ".join(f"{n} {kind}" for kind, n in stats.reactions.most_common()) or "none"
    versions = (
        f"{stats.replaced:,} stored record(s) replaced by a newer version, "
        f"{stats.deleted:,} removed as deleted; "
        if stats.replaced or stats.deleted
        else ""
    )
    out.print(
        f"{report.dataset.value}: {stats.files} file(s), {stats.records:,} records: "
        f"{stats.events:,} new coded events, {stats.merged:,} merged into events already "
        f"there, {stats.rejected:,} rejected, {stats.skipped:,} skipped; {versions}"
        f"new reactions: {reactions}; {stats.quads:,} quads",
        markup=False,
    )
    agg = report.aggregates
    if agg.days:
        out.print(
            f"aggregates: {agg.days} day(s) recomputed: {agg.added} observation(s) added, "
            f"{agg.changed} changed, {agg.removed} removed",
            markup=False,
        )


def _command(dataset: Dataset, summary: str) -> None:
    def command(
        files: Files,
        store: StoreOption = DEFAULT_STORE,
        strict: Strict = False,
        chunk_rows: ChunkRows = DEFAULT_CHUNK_ROWS,
        max_line_bytes: MaxLine = DEFAULT_MAX_LINE_BYTES,
        rejects: Rejects = None,
        show_rejects: ShowRejects = 20,
    ) -> None:
        _run(dataset, files, store, strict, chunk_rows, max_line_bytes, rejects, show_rejects)

    command.__doc__ = summary
    import_app.command(dataset.value)(command)


_command(Dataset.GDELT, "GDELT Events exports: 2.0 (61 columns) and 1.0 (57/58), .CSV or .zip.")
_command(Dataset.ICEWS, "ICEWS Coded Event Data (.tab with a header line).")
_command(
    Dataset.PLOVER, "PLOVER / POLECAT records: JSON (array or JSON Lines) or POLECAT's TSV files."
)
_command(
    Dataset.ACLED,
    "ACLED events: export or client CSV, API JSON, Excel (attacks, actors, places, fatalities).",
)
_command(Dataset.UCDP, "UCDP GED events (CSV): sides, casualty range low-best-high, places.")
