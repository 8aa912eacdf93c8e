"""Dataset graphs validated in chunks of records (see :mod:`kg.validation`), in this
process or, with ``jobs`` above one, in worker processes, each with its own pySHACL."""

from __future__ import annotations

import bisect
import json
import re
import tempfile
from collections.abc import Iterator
from concurrent.futures import (
    ALL_COMPLETED,
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    wait,
)
from multiprocessing import get_context
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode

from kg.store import KGStore
from kg.validate import Violation
from kg.validation.pieces import (
    RDF_TYPE_LINE,
    Changed,
    Collector,
    Digest,
    Progress,
    ValidationRun,
    Validator,
    graph_name,
    nt,
    object_term,
    report_progress,
)
from kg.vocab import ID, OX

_RECORD = re.compile(re.escape(str(ID)) + r"(coded|reaction|attribution|aggregate)/([^/]+)/(.+)\Z")


def record_key(subject: object) -> str | None:
    """The record a subject belongs to, or None for a shared subject (an actor, a
    dataset node, a blank node: included wherever a record points to it)."""
    if not isinstance(subject, NamedNode):
        return None
    match = _RECORD.match(subject.value)
    if match is None:
        return None
    kind, dataset, key = match.groups()
    return f"{dataset}/{key}" if kind != "aggregate" else f"aggregate/{dataset}/{key}"


#: The predicates that give a record its day: a coded event's, a reaction's, an
#: aggregate observation's.
DAY_PREDICATES = frozenset({OX.DKG.occurredOn, OX.SEM.hasTimeStamp, OX.DCTERMS.date})


def place(key: str, days: dict[str, str]) -> str:
    """Where a record stands in the order chunks are cut from: by its day, then its key.

    Record keys are hashes of the dataset's ids, so in key order a day's new records would
    land in every chunk; by day, a daily update lands in the last chunks, and only those
    are validated again.

    >>> place("gdelt/9f2c", {"gdelt/9f2c": "2019-12-31"})
    '2019-12-31 gdelt/9f2c'
    >>> place("gdelt/0a1b", {})  # no day: before every dated record
    ' gdelt/0a1b'
    """
    return f"{days.get(key, '')} {key}"


def validate_dataset(
    store: KGStore,
    graph: NamedNode | DefaultGraph,
    validator: Validator,
    report: Collector,
    remembered: dict[str, str],
    conforming: dict[str, str],
    run: ValidationRun,
    progress: Progress | None,
    chunk_records: int,
    changed: Changed,
    jobs: int = 1,
) -> None:
    """Validate a dataset graph in chunks of records (see :mod:`kg.validation`), ``jobs``
    of them at a time; a chunk whose triples (its records and the shared triples they
    point to) conformed before is not validated again."""
    name = graph_name(graph)
    digest = Digest()
    days: dict[str, str] = {}
    for quad in store.quads(graph):
        digest.add(nt(quad.triple))
        key = record_key(quad.subject)
        if key is not None:
            day = ""
            if quad.predicate in DAY_PREDICATES and isinstance(quad.object, Literal):
                day = quad.object.value
            if day or key not in days:
                days[key] = day
    if digest.count == 0:
        return
    if remembered.get(name) == digest.hexdigest():
        conforming[name] = digest.hexdigest()
        keep_chunks(name, remembered, conforming)
        run.skipped.append(name)
        return
    places = sorted(place(key, days) for key in days)
    bounds = _chunk_bounds(places, remembered.get(f"{name}#bounds"), chunk_records)
    del places
    conforming[f"{name}#bounds"] = json.dumps(bounds)
    shared: dict[str, list[str]] = {}
    step = (progress, f"{name}: records", len(bounds) + 1)
    with (
        tempfile.TemporaryDirectory(prefix="kg-validate-") as tmp,
        _Chunks(validator, report, remembered, conforming, jobs, step) as chunks,
    ):
        files = _write_chunks(store, graph, bounds, days, Path(tmp), shared)
        for n, path in enumerate(files):
            lines = path.read_text(encoding="utf-8").splitlines()
            own = len(lines)
            lines.extend(_shared_for(lines, shared))
            chunks.check(f"{name}#chunk/{bounds[n]}", lines, own)
        shared_lines = [line for lines in shared.values() for line in lines]
        changed.add(name, shared_lines)
        chunks.check(f"{name}#shared", shared_lines, len(shared_lines))
    report.triples += chunks.triples
    run.validated.append(name)
    run.chunks[name] = (chunks.validated, chunks.skipped)
    if chunks.clean:
        conforming[name] = digest.hexdigest()


def _write_chunks(
    store: KGStore,
    graph: NamedNode | DefaultGraph,
    bounds: list[str],
    days: dict[str, str],
    folder: Path,
    shared: dict[str, list[str]],
) -> list[Path]:
    """Read the graph once: each record's triples into its chunk's N-Triples file (by its
    :func:`place`), the shared triples into ``shared`` (by subject)."""
    paths = [folder / f"{n}.nt" for n in range(len(bounds))]
    files = [path.open("w", encoding="utf-8") for path in paths]
    try:
        for quad in store.quads(graph):
            line = nt(quad.triple)
            key = record_key(quad.subject)
            if key is None:
                shared.setdefault(str(quad.subject), []).append(line)
            else:
                files[bisect.bisect_right(bounds, place(key, days)) - 1].write(line + "\n")
    finally:
        for handle in files:
            handle.close()
    return paths


#: The validator of a worker process, built once by :func:`_start_worker`.
_WORKER: dict[str, Validator] = {}


def _start_worker(shapes: Path, context: list[str]) -> None:
    _WORKER["validator"] = Validator(shapes, context)


def _validate_in_worker(lines: list[str]) -> list[tuple[str, Violation]]:
    return _WORKER["validator"].run(lines)[0]


class _Chunks:
    """The chunks of one dataset graph: each validated unless it conformed before, here or,
    with ``jobs`` above one, in that many worker processes (pySHACL is pure Python: one
    process validates on one core). Used as a context manager, which waits for the
    workers' last chunks (or, on an error, cancels them)."""

    def __init__(
        self,
        validator: Validator,
        report: Collector,
        remembered: dict[str, str],
        conforming: dict[str, str],
        jobs: int,
        step: tuple[Progress | None, str, int],
    ) -> None:
        self.validator, self.report, self.step = validator, report, step
        self.remembered, self.conforming = remembered, conforming
        self.clean = True
        self.validated = self.skipped = self.triples = self.done = 0
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None
        if jobs > 1:
            self.pool = ProcessPoolExecutor(
                jobs,
                mp_context=get_context("spawn"),  # not fork: the parent holds the store open
                initializer=_start_worker,
                initargs=validator.source,
            )
        self.pending: dict[Future[list[tuple[str, Violation]]], tuple[str, str, int]] = {}

    def __enter__(self) -> _Chunks:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_rest: object) -> None:
        if self.pool is None:
            return
        if kind is None:
            self._collect(ALL_COMPLETED)
        self.pool.shutdown(cancel_futures=kind is not None)

    def check(self, label: str, lines: list[str], own: int) -> None:
        """Validate ``lines`` (the first ``own`` of them the chunk's; the rest shared
        triples validated with it) unless they conformed before.

        The digest holds the chunk's own triples and only the ``rdf:type`` of the shared
        nodes they point to: that is all the core shapes read of those nodes (``sh:class``);
        their other triples (a dataset's ``dkg:sourceDigest``, which every import changes)
        are validated in the ``#shared`` piece, so a new import leaves untouched chunks
        untouched."""
        digest = Digest()
        for n, line in enumerate(lines):
            if n < own or RDF_TYPE_LINE in line:
                digest.add(line)
        if self.remembered.get(label) == digest.hexdigest():
            self.conforming[label] = digest.hexdigest()
            self.skipped += 1
            self._progress()
        elif self.pool is None:
            self._checked(label, digest.hexdigest(), own, self.validator.run(lines)[0])
        else:
            future = self.pool.submit(_validate_in_worker, lines)
            self.pending[future] = (label, digest.hexdigest(), own)
            if len(self.pending) >= 2 * self.jobs:  # bounded: a chunk's lines each
                self._collect(FIRST_COMPLETED)

    def _collect(self, until: str) -> None:
        done, _running = wait(self.pending, return_when=until)
        for future in done:
            label, digest, own = self.pending.pop(future)
            self._checked(label, digest, own, future.result())

    def _checked(
        self, label: str, digest: str, own: int, found: list[tuple[str, Violation]]
    ) -> None:
        self.report.add(found, 0)
        self.validated += 1
        self.triples += own
        if found:
            self.clean = False
        else:
            self.conforming[label] = digest
        self._progress()

    def _progress(self) -> None:
        self.done += 1
        progress, what, total = self.step
        report_progress(progress, what, self.done, total)


def _chunk_bounds(keys: list[str], before: str | None, chunk_records: int) -> list[str]:
    """The first record key of each chunk of a dataset graph, from its sorted ``keys``.

    A record's chunk is the last whose first key is not after it. The bounds of the last
    run are kept, so records keep their chunk (and an unchanged chunk its digest) as the
    dataset grows; new records, whose ids mostly sort after the old ones, land in the last
    chunks. A chunk grown past twice the chunk size is cut anew, alone.

    >>> _chunk_bounds(list("abcde"), None, 2)
    ['', 'c', 'e']
    >>> _chunk_bounds(list("abcdef"), '["", "c", "e"]', 2)  # grown, still under 2 x 2
    ['', 'c', 'e']
    >>> _chunk_bounds(list("abcdefghi"), '["", "c", "e"]', 2)  # the last one is cut
    ['', 'c', 'e', 'g', 'i']
    >>> _chunk_bounds(list("ab") + list("ef"), '["", "c", "e"]', 2)  # c, d are gone
    ['', 'e']
    """
    try:
        kept = json.loads(before) if before else None
    except ValueError:
        kept = None
    if not (isinstance(kept, list) and kept and kept[0] == "" and kept == sorted(set(kept))):
        kept = [""]
    counts = [0] * len(kept)
    for key in keys:
        counts[bisect.bisect_right(kept, key) - 1] += 1
    bounds: list[str] = []
    start = 0
    for n, bound in enumerate(kept):
        members = keys[start : start + counts[n]]
        start += counts[n]
        if counts[n] == 0 and n > 0:
            continue  # an emptied chunk: its records are gone
        bounds.append(bound)
        if counts[n] > 2 * chunk_records or (len(kept) == 1 and counts[n] > chunk_records):
            bounds.extend(members[i] for i in range(chunk_records, counts[n], chunk_records))
    return bounds


def keep_chunks(name: str, remembered: dict[str, str], conforming: dict[str, str]) -> None:
    """Carry the chunk digests of an unchanged dataset graph over to the new cache."""
    prefix = f"{name}#"
    conforming.update({k: v for k, v in remembered.items() if k.startswith(prefix)})


def _shared_for(lines: list[str], shared: dict[str, list[str]]) -> Iterator[str]:
    """The shared triples a chunk's records point to, and those they point to in turn."""
    wanted = [term for term in {object_term(line) for line in lines} if term in shared]
    seen = set(wanted)
    while wanted:
        for line in shared[wanted.pop()]:
            yield line
            term = object_term(line)
            if term in shared and term not in seen:
                seen.add(term)
                wanted.append(term)


