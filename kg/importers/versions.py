"""Records that a dataset updates or deletes after they were imported (ACLED): the
newest version replaces the stored one, a deletion removes it.

A record with a version (``EventDetails.version``, ACLED's ``timestamp``) keeps it on its
coded event as ``dcterms:modified``. When a later import meets the same record id,
:func:`stored` says which version and day the store holds; the loader
(``kg.importers.loader``) then skips the incoming record if it is not newer, or
:func:`remove` deletes the stored record's nodes (the coded event, its attribution,
casualty figure, reaction and actor roles: every node named after it; shared nodes such as
places and actor names stay) so that the new version is written in its place. The days of
both versions are marked for recomputation of the daily aggregates, in the same update. A
deleted record leaves a tombstone (its node with only the deletion's ``dcterms:modified``),
so that importing an older file again does not bring it back.

The IRIs in these queries are the project's own (``coded_event_iri``: a record id is
percent-safe or hashed), never text from a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from kg.importers import aggregates
from kg.importers.nquads import QuadWriter
from kg.results import Term
from kg.store import KGStore
from kg.vocab import DCTERMS, DKG, ID, XSD

__all__ = ["ROLES", "remove", "stored"]

#: The roles a record's named actors can have (``kg.importers.details``).
ROLES = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "side_a", "side_b",
         "actor", "recipient")  # fmt: skip
_BATCH = 1000


def _within(graph: str, body: str) -> str:
    return f"GRAPH <{graph}> {{ {body} }}" if graph else body


def stored(
    store: KGStore, graph: str, nodes: Iterable[str]
) -> dict[str, tuple[dt.datetime, dt.date | None]]:
    """The version and day of each of these coded events that ``graph`` of the store holds
    with a version; the day is None for a deleted record (its tombstone: only the
    version)."""
    found: dict[str, tuple[dt.datetime, dt.date | None]] = {}
    todo = list(dict.fromkeys(nodes))
    for start in range(0, len(todo), _BATCH):
        values = " ".join(f"<{n}>" for n in todo[start : start + _BATCH])
        body = f"?e <{DCTERMS.modified}> ?v . OPTIONAL {{ ?e <{DKG.occurredOn}> ?day }}"
        query = f"SELECT ?e ?v ?day WHERE {{ VALUES ?e {{ {values} }} {_within(graph, body)} }}"
        for row in store.rows(query):
            node, version, day = (_value(row, k) for k in ("e", "v", "day"))
            when_day = dt.date.fromisoformat(day[:10]) if day else None
            when = dt.datetime.fromisoformat(version)
            if when.tzinfo is None:
                when = when.replace(tzinfo=dt.UTC)
            previous = found.get(node)
            if previous is None or when > previous[0]:
                found[node] = (when, when_day)
    return found


def _value(row: Mapping[str, Term | None], name: str) -> str:
    try:
        return str(getattr(row[name], "value", ""))
    except KeyError:  # unbound, from an endpoint
        return ""


def _subjects(node: str) -> list[str]:
    tail = node[len(f"{ID}coded/") :]
    return [
        node,
        f"{ID}attribution/{tail}",
        f"{ID}quantity/{tail}/killed",
        f"{ID}reaction/{tail}",
        *(f"{ID}role/{tail}/{role}" for role in ROLES),
    ]


def remove(
    store: KGStore,
    writer: QuadWriter,
    nodes: Iterable[str],
    days: Iterable[dt.date],
    *,
    tombstone: dt.datetime | None = None,
) -> None:
    """Delete the stored records of these coded events (every node named after them) and
    mark ``days`` for recomputation, in one update. With ``tombstone`` (a deletion's
    version), each node keeps only that ``dcterms:modified``, so that importing an older
    file again does not bring the deleted record back. The graph is the ``writer``'s."""
    graph = writer.graph
    subjects = [s for node in dict.fromkeys(nodes) for s in _subjects(node)]
    if not subjects:
        return
    markers = "".join(
        aggregates.pending_quad(writer, day).removesuffix(f" <{graph}> .\n").removesuffix(" .\n")
        + " .\n"
        for day in sorted(set(days))
    )
    requests = []
    for start in range(0, len(subjects), _BATCH):
        values = " ".join(f"<{s}>" for s in subjects[start : start + _BATCH])
        pattern = _within(graph, "?s ?p ?o")
        requests.append(f"DELETE {{ {pattern} }} WHERE {{ VALUES ?s {{ {values} }} {pattern} }}")
    if tombstone is not None:
        stamp = tombstone.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
        markers += "".join(
            f'<{node}> <{DCTERMS.modified}> "{stamp}"^^<{XSD.dateTime}> .\n'
            for node in dict.fromkeys(nodes)
        )
    if markers:
        requests.append(f"INSERT DATA {{ {_within(graph, markers)} }}")
    store.update(" ;\n".join(requests))
