"""Records → store: in chunks, each chunk one atomic bulk load, without duplicates.

Speed comes from Oxigraph's bulk loader (``Store.bulk_load``): a chunk of records is written
as N-Quads text (``kg.importers.nquads``) and loaded in one call, in a background thread
while the next chunk is being read. Safety comes from how pyoxigraph 0.5 commits a bulk
load: it builds RocksDB SST files beside the store and ingests all of them with *one*
``IngestExternalFiles`` call, which RocksDB applies atomically (all column families or
none, also across a crash). A process killed mid-chunk therefore leaves the store as it was
before that chunk, plus orphan ``bulk-*.sst`` files that :meth:`Importer.recover` deletes;
re-running the import writes the same quads again (deterministic IRIs) and so completes
with no duplicates. ``tests/test_import_crash.py`` kills an import with SIGKILL to check it.

Duplicates: a record whose merge key (``CodedRecord.merge_key``) was written before only
adds its record id to the existing coded event. "Before" means earlier in this run (a
:class:`~kg.importers.keyset.KeySet` on disk) or already in the store: a record is looked up
in the store only if its day already had records of the dataset when the run began, so a
fresh import does no lookups at all. A record found in the store under its own record id
was written by an earlier run and is written whole again (over an endpoint, a killed run
may have written it in part; elsewhere this adds nothing). A file already imported (same
SHA-256, recorded as ``dkg:sourceDigest`` on the dataset node with the file's last chunk)
is skipped.

Where: the default graph. A dataset is millions of quads that are never replaced as a
whole, and Oxigraph indexes a default-graph triple three ways against six for a quad in a
named graph: its bulk loader is 1.7 times faster there (``benchmarks/README.md``). What
was imported from which dataset stays explicit: every coded event is
``prov:wasDerivedFrom`` its dataset node.

Over a SPARQL endpoint (``kg.stores.sparql.RemoteStore``: a store without ``bulk`` or
``transactional``) the same steps write the named graph that stands for the default graph
there (its ``import_graph``, ``kg.vocab.DATASETS_GRAPH``) in batched requests. A request is
the unit of atomicity there, not a chunk; what keeps a killed run safe is the order of the
writes: a chunk's ``dkg:pendingAggregation`` markers go before its records, the file's
``dkg:sourceDigest`` after them, a record's id before its other quads (a record found under
its own id is written whole again), and re-running the import writes the same triples
again (set semantics, deterministic IRIs) then recomputes the marked days.

Aggregates (``kg.importers.aggregates``): the run counts the reactions and attacks it adds
by (class, source, target, day) and :meth:`Importer.finish` adds those counts to the stored
observations. Each chunk also records the days it touched as ``dkg:pendingAggregation``
markers in its own atomic load; ``finish`` clears them in the transaction that writes the
counts. Markers found when a run begins are a killed run's: their days are recomputed
from the reaction and event nodes, so that nothing is lost or counted twice.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from kg.errors import ReadOnlyStoreError
from kg.importers import aggregates, versions
from kg.importers.keyset import KeySet
from kg.importers.nquads import ATTACK_CLASSES, QuadWriter, coded_event_iri
from kg.importers.records import CodedRecord, Dataset
from kg.importers.source import Deletion, Rejection, Skipped
from kg.rdf import REACTION_CLASSES
from kg.store import KGStore
from kg.vocab import OX

__all__ = ["DEFAULT_CHUNK_ROWS", "ImportStats", "Importer"]

#: Records per bulk load: bigger chunks load faster per quad until Oxigraph's sort no
#: longer fits the CPU caches (measured in benchmarks/README.md); each chunk is atomic.
DEFAULT_CHUNK_ROWS = 50_000
_BATCH = 5_000  # records per duplicate check
#: Quads per bulk load at most: GDELT's 50,000 records are about 420,000 quads; records
#: with details (ACLED, UCDP: 30-40 quads each) close their chunk earlier, so that the
#: N-Quads text held in memory stays the same size.
_MAX_CHUNK_QUADS = 600_000

_IDENTIFIER = OX.DCTERMS.identifier
_OCCURRED_ON = OX.DKG.occurredOn
_DATE = OX.XSD.date


@dataclass
class ImportStats:
    """What an import read and wrote."""

    files: int = 0
    files_unchanged: int = 0
    records: int = 0
    events: int = 0
    merged: int = 0
    rejected: int = 0
    skipped: int = 0
    #: Stored records replaced by a newer version, and removed as deleted (ACLED).
    replaced: int = 0
    deleted: int = 0
    quads: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    reactions: Counter[str] = field(default_factory=Counter)

    def add(self, other: ImportStats) -> None:
        """Add another file's counts to these."""
        for name in ("files", "files_unchanged", "records", "events", "merged", "rejected",
                     "replaced", "deleted"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.skipped += other.skipped
        self.quads += other.quads
        self.kinds.update(other.kinds)
        self.reactions.update(other.reactions)


class Importer:
    """Imports the records of one dataset into a store.

    Use as a context manager, or call :meth:`finish`. Records go to ``graph``, by default
    the store's ``import_graph`` (the default graph of the embedded store,
    ``DATASETS_GRAPH`` on an endpoint); the store's folder (``path``) lets
    :meth:`recover` delete the temporary files of a killed bulk load.

    Raises
    ------
    ReadOnlyStoreError
        The store is read-only.
    """

    def __init__(
        self,
        store: KGStore,
        dataset: Dataset | str,
        *,
        graph: str | None = None,
        chunk_rows: int = DEFAULT_CHUNK_ROWS,
    ) -> None:
        if store.read_only:
            raise ReadOnlyStoreError()
        self.store = store
        self.dataset = Dataset(dataset)
        self.writer = QuadWriter(self.dataset, graph=store.import_graph if graph is None else graph)
        self.graph_node: NamedNode | DefaultGraph = (
            NamedNode(self.writer.graph) if self.writer.graph else DefaultGraph()
        )
        self.store_path = store.path
        self.chunk_rows = max(1, chunk_rows)
        self._keys = KeySet()
        self._days: dict[dt.date, bool] = {}  # day -> had records before this run
        self._dirty: set[dt.date] = set()
        self._deltas: Counter[aggregates.Key] = Counter()
        # Days a killed run left pending: recomputed from the nodes at the end.
        self._stale = set(aggregates.pending_days(store, self.dataset, self.writer.graph))
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-bulk-load")
        self._pending: Future[None] | None = None
        self.recover()

    # ------------------------------------------------------------------ life cycle

    def recover(self) -> list[Path]:
        """Delete the SST files a killed bulk load left in the store's folder.

        Only the process holding the store's write lock (this one) can load, and it has
        not started yet, so every ``bulk-*.sst`` there is an orphan.
        """
        if self.store_path is None:
            return []
        orphans = sorted(self.store_path.glob("bulk-*.sst"))
        for orphan in orphans:
            orphan.unlink(missing_ok=True)
        return orphans

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc is None:
            self.finish()
        else:
            self.close()

    def close(self) -> None:
        """Wait for the load in flight, then release the key set and the thread."""
        try:
            self._wait()
        finally:
            self._executor.shutdown(wait=True)
            self._keys.close()

    def finish(self) -> aggregates.RefreshStats:
        """Wait for the last load, refresh the aggregates of the days that changed (and
        of any day a killed run left pending), and close."""
        try:
            self._wait()
            return aggregates.refresh(
                self.store,
                self.dataset,
                graph=self.writer.graph,
                deltas=self._deltas,
                stale=self._stale,
            )
        finally:
            self.close()

    # ------------------------------------------------------------------ files

    def already_imported(self, digest: str) -> bool:
        """Whether a file with this SHA-256 was imported completely before."""
        return self.store.contains(
            Quad(self._marker_subject(), OX.DKG.sourceDigest, Literal(digest), self.graph_node)
        )

    def _marker_subject(self) -> NamedNode:
        # The dataset node, in the graph written to: a file imported into two graphs is
        # recorded in each.
        return NamedNode(self.writer.dataset_node[1:-1])

    def import_records(
        self,
        items: Iterable[CodedRecord | Rejection | Skipped | Deletion],
        *,
        digest: str | None = None,
        stats: ImportStats | None = None,
        on_rejection: Callable[[Rejection], None] | None = None,
        on_records: Callable[[int], None] | None = None,
    ) -> ImportStats:
        """Import one file's records; ``digest`` (its SHA-256) is recorded with the last
        chunk. Rejections are counted and passed to ``on_rejection``.

        The counts go to ``stats`` as each chunk is loaded, so that when reading fails
        mid-file (``SourceError``) they say what was written.

        Raises
        ------
        SourceError
            ``items`` fails mid-file (the chunks loaded before stay).
        """
        stats = stats if stats is not None else ImportStats()
        stats.files += 1
        chunk = _Chunk()
        batch: list[CodedRecord] = []
        for item in items:
            if isinstance(item, Rejection):
                stats.rejected += 1
                if on_rejection is not None:
                    on_rejection(item)
                continue
            if isinstance(item, Skipped):
                stats.skipped += 1
                continue
            if isinstance(item, Deletion):
                stats.skipped += 1
                self._add(chunk, batch)  # what came before the deletion goes first
                batch = []
                self._delete(chunk, item)
                continue
            batch.append(item)
            if len(batch) >= min(_BATCH, self.chunk_rows):
                self._add(chunk, batch)
                if on_records is not None:
                    on_records(len(batch))
                batch = []
                if chunk.records >= self.chunk_rows or len(chunk.lines) >= _MAX_CHUNK_QUADS:
                    self._load(chunk, stats)
                    chunk = _Chunk()
        self._add(chunk, batch)
        if on_records is not None and batch:
            on_records(len(batch))
        if digest is not None:
            subject = f"<{self._marker_subject().value}>"
            predicate = f"<{OX.DKG.sourceDigest.value}>"
            chunk.lines.append(self.writer.quad(subject, predicate, f'"{digest}"'))
        self._load(chunk, stats)
        return stats

    # ------------------------------------------------------------------ chunks

    def _add(self, chunk: _Chunk, records: list[CodedRecord]) -> None:
        if not records:
            return
        stats = chunk.stats
        first_in_run = self._keys.add_new([r.merge_key for r in records])
        self._check_days({r.date for r, first in zip(records, first_in_run, strict=True) if first})
        stored = self._stored_versions(records, first_in_run)
        replaced: dict[str, dt.date | None] = {}
        writer = self.writer
        lines = chunk.lines
        for record, first in zip(records, first_in_run, strict=True):
            node = coded_event_iri(self.dataset, record.merge_key) if stored else ""
            if node in stored:  # a versioned record the store holds: the newer one stays
                version = record.details.version if record.details is not None else None
                if version is None or version <= stored[node][0]:
                    stats.merged += 1
                    continue
                replaced[node] = stored[node][1]
                before = None
            else:
                before = self._before(record) if first and self._days[record.date] else None
            new = first and before is None
            # A record found with its own id was written by an earlier run, perhaps only in
            # part (a killed run over an endpoint): it is written whole again, which adds
            # nothing where it is whole. Another record's node only gets this id.
            lines.extend(writer.record(record, new=new or before == "own"))
            if not new:
                stats.merged += 1
                continue
            stats.events += 1
            kind = record.kind
            stats.kinds[kind.value] += 1
            reaction = kind.reaction_type
            if record.source is not None and (kind.is_attack or reaction is not None):
                chunk.dirty.add(record.date)
                cls = ATTACK_CLASSES[kind] if reaction is None else REACTION_CLASSES[reaction].value
                chunk.deltas[
                    aggregates.edge_key(cls, record.source, record.target, record.date)
                ] += 1
                if reaction is not None:
                    stats.reactions[kind.value] += 1
        chunk.records += len(records)
        stats.records += len(records)
        if replaced:
            self._replace(chunk, replaced, {r.date for r in records})

    def _stored_versions(
        self, records: list[CodedRecord], first_in_run: list[bool]
    ) -> dict[str, tuple[dt.datetime, dt.date | None]]:
        """The stored version and day of the versioned records met for the first time."""
        nodes = [
            coded_event_iri(self.dataset, r.merge_key)
            for r, first in zip(records, first_in_run, strict=True)
            if first and r.details is not None and r.details.version is not None
        ]
        if not nodes:
            return {}
        self._wait()  # a load in flight may hold some of them
        return versions.stored(self.store, self.writer.graph, nodes)

    def _replace(
        self, chunk: _Chunk, replaced: dict[str, dt.date | None], days: set[dt.date]
    ) -> None:
        """Delete the older stored versions now (the new ones are in the chunk) and have the
        days of both recomputed from the nodes."""
        touched = {day for day in replaced.values() if day is not None} | days
        self._wait()
        versions.remove(self.store, self.writer, replaced, touched)
        self._dirty |= touched
        self._stale |= touched
        chunk.stats.replaced += sum(1 for day in replaced.values() if day is not None)

    def _delete(self, chunk: _Chunk, deletion: Deletion) -> None:
        """Remove a record the dataset deleted, unless the store holds a newer version."""
        node = coded_event_iri(self.dataset, deletion.record_id)
        self._wait()  # a load in flight may hold it
        held = versions.stored(self.store, self.writer.graph, [node]).get(node)
        if held is not None and deletion.version is not None and held[0] >= deletion.version:
            return  # a newer version, or this deletion's tombstone
        days = [held[1]] if held is not None and held[1] is not None else []
        versions.remove(self.store, self.writer, [node], days, tombstone=deletion.version)
        self._dirty.update(days)
        self._stale.update(days)
        chunk.stats.deleted += len(days)

    def _check_days(self, days: set[dt.date]) -> None:
        """Remember, for each day first met, whether the store had records on it."""
        for day in days - self._days.keys():
            self._days[day] = self.store.any_match(
                None, _OCCURRED_ON, Literal(day.isoformat(), datatype=_DATE), self.graph_node
            )

    def _before(self, record: CodedRecord) -> str | None:
        """How the store holds the record's coded event: ``"own"`` (with this record's id),
        ``"other"`` (another record's, a duplicate), or None (not at all). A record's id is
        its first quad, so a record written in part has it."""
        node = NamedNode(coded_event_iri(self.dataset, record.merge_key))
        own = Quad(node, _IDENTIFIER, Literal(record.record_id), self.graph_node)
        if self.store.contains(own):
            return "own"
        return "other" if self.store.any_match(node, _IDENTIFIER, None, self.graph_node) else None

    def _load(self, chunk: _Chunk, stats: ImportStats) -> None:
        if not chunk.lines:
            return
        # The markers first: where a load is not atomic (an endpoint), a killed run has
        # written them before any record they account for.
        days = sorted(chunk.dirty - self._dirty)
        chunk.lines[:0] = [aggregates.pending_quad(self.writer, day) for day in days]
        self._dirty |= chunk.dirty
        self._deltas.update(chunk.deltas)
        chunk.lines.extend(self.writer.dataset_quads())
        data = "".join(chunk.lines).encode("utf-8")
        chunk.stats.quads += len(chunk.lines)
        chunk.stats.files = 0
        stats.add(chunk.stats)
        chunk.lines.clear()
        self._wait()
        self._pending = self._executor.submit(self._bulk_load, data)

    def _bulk_load(self, data: bytes) -> None:
        self.store.bulk_load(data)

    def _wait(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()


@dataclass
class _Chunk:
    """The N-Quads lines of the records of one bulk load."""

    lines: list[str] = field(default_factory=list)
    records: int = 0
    dirty: set[dt.date] = field(default_factory=set)
    deltas: Counter[aggregates.Key] = field(default_factory=Counter)
    stats: ImportStats = field(default_factory=ImportStats)
