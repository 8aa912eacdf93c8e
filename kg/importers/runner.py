"""Importing files of one dataset: choose the reader, skip what was imported, report.

:func:`import_files` is what ``kg import`` calls. It imports into a
:class:`~kg.graph.KnowledgeGraph` or any :class:`~kg.store.KGStore` (the embedded store, a
SPARQL endpoint...): what differs between store kinds is the store's business (its
``import_graph``, its ``bulk_load``), not the importer's.

>>> sorted(READERS)
['acled', 'gdelt', 'icews', 'plover', 'ucdp']

A file that does not exist raises :class:`~kg.importers.source.SourceError` (``PATH: no such
file``) before anything is read or written. What each reader found a file to be (its
:class:`~kg.importers.source.Detected` items: compression, format, delimiter, layout, date
order) is kept in :attr:`ImportReport.detected`; the reasons rows were rejected are counted
in :attr:`ImportReport.reasons`.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from kg.errors import StrictError as StrictError
from kg.graph import KnowledgeGraph
from kg.importers.acled import read_acled
from kg.importers.actorcodes import ActorResolver
from kg.importers.aggregates import RefreshStats
from kg.importers.gdelt import read_gdelt
from kg.importers.icews import read_icews
from kg.importers.loader import DEFAULT_CHUNK_ROWS, Importer, ImportStats
from kg.importers.plover import read_plover
from kg.importers.records import CodedRecord, Dataset
from kg.importers.source import (
    DEFAULT_MAX_LINE_BYTES,
    Deletion,
    Detected,
    ProgressCallback,
    Rejection,
    Skipped,
    SourceError,
)
from kg.importers.ucdp import read_ucdp
from kg.store import KGStore
from kg.store import native_store as native_store

__all__ = [
    "READERS",
    "FileProgress",
    "ImportReport",
    "StrictError",
    "check_files",
    "file_sha256",
    "import_files",
    "native_store",
]


class Reader(Protocol):
    """A dataset reader: the records of a file, its rejected rows, its skipped records."""

    def __call__(
        self,
        path: str | os.PathLike[str],
        resolver: ActorResolver,
        *,
        max_line_bytes: int = ...,
        progress: ProgressCallback | None = ...,
    ) -> Iterator[CodedRecord | Rejection | Skipped | Deletion | Detected]: ...


READERS: dict[str, Reader] = {
    Dataset.GDELT.value: read_gdelt,
    Dataset.ICEWS.value: read_icews,
    Dataset.PLOVER.value: read_plover,
    Dataset.ACLED.value: read_acled,
    Dataset.UCDP.value: read_ucdp,
}


class FileProgress(Protocol):
    """What a progress display is told about one file."""

    def start(self, path: Path, size: int) -> None: ...
    def advance(self, position: int) -> None: ...
    def records(self, count: int) -> None: ...
    def done(self) -> None: ...


@dataclass
class ImportReport:
    """An import run: the counts, the files skipped as unchanged, the files that failed."""

    dataset: Dataset
    stats: ImportStats = field(default_factory=ImportStats)
    unchanged: list[Path] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)
    aggregates: RefreshStats = field(default_factory=RefreshStats)
    #: What each file was found to be: (file, "gzip → CSV, comma-delimited, ...").
    detected: list[tuple[str, str]] = field(default_factory=list)
    #: Rejected rows by reason (quoted values blanked), with the first message of each.
    reasons: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def note(self, rejection: Rejection) -> None:
        """Count a rejected row under its reason."""
        reason = _QUOTED.sub("'…'", rejection.message)
        self.reasons[reason] += 1
        self.examples.setdefault(reason, rejection.message)

    def main_reason(self) -> tuple[int, str] | None:
        """The reason shared by most of the rows read, if one is (more than half): its
        count and first message."""
        if not self.reasons:
            return None
        reason, n = self.reasons.most_common(1)[0]
        read = self.stats.records + self.stats.rejected
        return (n, self.examples[reason]) if 2 * n > read else None


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\b\d+\b")


def _exists(paths: Sequence[str | os.PathLike[str]]) -> None:
    for name in paths:
        if not Path(name).exists():
            raise SourceError(name, "no such file")


def _detections(
    items: Iterable[CodedRecord | Rejection | Skipped | Deletion | Detected],
    report: ImportReport,
) -> Iterator[CodedRecord | Rejection | Skipped | Deletion]:
    for item in items:
        if isinstance(item, Detected):
            report.detected.append((item.source, item.description))
        else:
            yield item


def _both(
    first: Callable[[Rejection], None], second: Callable[[Rejection], None] | None
) -> Callable[[Rejection], None]:
    if second is None:
        return first

    def call(rejection: Rejection) -> None:
        first(rejection)
        second(rejection)

    return call


def file_sha256(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def check_files(
    dataset: Dataset | str,
    paths: Sequence[str | os.PathLike[str]],
    resolver: ActorResolver | None = None,
    *,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
) -> None:
    """Read every file through; ``StrictError`` at the first rejected row or bad file.

    Raises
    ------
    SourceError
        A file does not exist (before any is read).
    StrictError
        A file holds a malformed row, or cannot be read.

    Examples
    --------
    >>> check_files("gdelt", ["no-such-file.CSV"])
    Traceback (most recent call last):
    ...
    kg.errors.SourceError: no-such-file.CSV: no such file
    """
    reader = READERS[Dataset(dataset).value]
    resolver = resolver or ActorResolver()
    _exists(paths)
    for path in paths:
        try:
            for item in reader(path, resolver, max_line_bytes=max_line_bytes):
                if isinstance(item, Rejection):
                    raise StrictError(str(item))
        except SourceError as exc:
            raise StrictError(str(exc)) from exc


def import_files(
    into: KnowledgeGraph | KGStore,
    dataset: Dataset | str,
    paths: Sequence[str | os.PathLike[str]],
    *,
    graph: str | None = None,
    strict: bool = False,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    resolver: ActorResolver | None = None,
    on_rejection: Callable[[Rejection], None] | None = None,
    progress: FileProgress | None = None,
) -> ImportReport:
    """Import files of one dataset; see ``kg.importers.loader``.

    ``into`` is a knowledge graph or a store; records go to ``graph``, by default the
    store's ``import_graph`` (the embedded store's default graph, ``DATASETS_GRAPH`` on an
    endpoint).

    A file whose bytes were imported before is skipped. A file that cannot be read (a
    ``SourceError``, also mid-file) is reported in ``errors``; the chunks loaded before the
    error stay (re-importing the file completes it). With ``strict``, every file is read
    through first and any malformed row raises ``StrictError`` before anything is written.

    Raises
    ------
    SourceError
        A file does not exist (before anything is read or written).
    StrictError
        With ``strict``: a malformed row or an unreadable file.
    ReadOnlyStoreError
        The store is read-only.

    Examples
    --------
    >>> from kg import KnowledgeGraph
    >>> report = import_files(KnowledgeGraph.memory(), "gdelt", [])
    >>> report.stats.records, report.unchanged
    (0, [])
    """
    dataset = Dataset(dataset)
    resolver = resolver or ActorResolver()
    _exists(paths)
    if strict:
        check_files(dataset, paths, resolver, max_line_bytes=max_line_bytes)
    reader = READERS[dataset.value]
    report = ImportReport(dataset)
    store = into.store if isinstance(into, KnowledgeGraph) else into
    importer = Importer(store, dataset, graph=graph, chunk_rows=chunk_rows)
    advance = progress.advance if progress is not None else None

    def read(path: Path) -> Iterator[CodedRecord | Rejection | Skipped | Deletion | Detected]:
        return reader(path, resolver, max_line_bytes=max_line_bytes, progress=advance)

    try:
        for name in paths:
            _import_file(importer, read, Path(name), report, on_rejection, progress)
        report.aggregates = importer.finish()
    except BaseException:
        importer.close()
        raise
    return report


def _import_file(
    importer: Importer,
    read: Callable[[Path], Iterator[CodedRecord | Rejection | Skipped | Deletion | Detected]],
    path: Path,
    report: ImportReport,
    on_rejection: Callable[[Rejection], None] | None,
    progress: FileProgress | None,
) -> None:
    """Import one file unless its bytes were imported before; a file that cannot be read
    goes to ``report.errors``."""
    try:
        digest = file_sha256(path)
    except OSError as exc:
        report.errors.append(SourceError(path, f"cannot read: {exc.strerror or exc}"))
        return
    if importer.already_imported(digest):
        report.unchanged.append(path)
        report.stats.files_unchanged += 1
        return
    if progress is not None:
        progress.start(path, path.stat().st_size)
    try:
        importer.import_records(
            _detections(read(path), report),
            digest=digest,
            stats=report.stats,
            on_rejection=_both(report.note, on_rejection),
            on_records=progress.records if progress is not None else None,
        )
    except SourceError as exc:
        # Without its traceback: its frames would keep the store (and RocksDB's
        # background work) alive after the caller closed it.
        report.errors.append(exc.with_traceback(None))
    finally:
        if progress is not None:
            progress.done()
