"""Fusing the store's accounts and writing the canonical events to their own graph.

The canonical graph (``graph/canonical``) holds, for each canonical event, its type
``dkg:CanonicalEvent``, a ``dkg:hasAccount`` link to each document event, the span of the
accounts' dates (SEM's earliest and latest time stamps), the kind most accounts give
(``sem:eventType``), the country most accounts give, and a ``dkg:hasRecord`` link to each
record of an event dataset that matches it (``kg.fusion.records``). It is written whole,
in one transaction, on every build; a build starts from the clusters the graph already
holds (incremental) unless asked to rebuild. Records are matched again on every build, so
records imported after a build are linked by the next one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from kg.fusion.accounts import Account, load_accounts
from kg.fusion.cluster import DEFAULT_THRESHOLD, Cluster, Fusion
from kg.fusion.decisions import apply_decisions, load_decisions
from kg.fusion.records import RunNamed, link_records, load_records, records_span
from kg.fusion.scoring import DEFAULT_WINDOW
from kg.model import EventKind
from kg.rdf import EVENT_CLASSES
from kg.store import KGStore
from kg.vocab import OX

__all__ = ["CANONICAL_GRAPH", "FuseResult", "canonical_quads", "fuse", "majority"]

#: The IRI of the graph of canonical events (``kg.vocab.CANONICAL_GRAPH``), as text.
CANONICAL_GRAPH = OX.CANONICAL_GRAPH.value


@dataclass(frozen=True)
class FuseResult:
    """What a build did: the clustering, how many accounts were new, and the dataset
    records linked to each canonical event (IRI → record IRIs)."""

    fusion: Fusion
    accounts: int
    added: int
    records: dict[str, list[str]]

    def assignment(self) -> dict[str, str]:
        """Account ref (``doc#local``) → canonical event IRI."""
        return {m.ref: c.iri for c in self.fusion.clusters.values() for m in c.members}


def majority(values: list[str | None]) -> str | None:
    """The most common known value; ties go to the first given.

    >>> majority(["strike", "explosion", "strike"]), majority([None, "RUS"]), majority([])
    ('strike', 'RUS', None)
    """
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    best = max(counts.values())
    return next(v for v in values if v is not None and counts[v] == best)


def canonical_quads(
    clusters: list[Cluster], records: dict[str, list[str]] | None = None
) -> list[Quad]:
    """The canonical graph's quads for these clusters and their linked records."""
    graph = OX.CANONICAL_GRAPH
    quads: list[Quad] = []

    def add(s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        quads.append(Quad(s, p, o, graph))

    for cluster in sorted(clusters, key=lambda c: c.iri):
        node = NamedNode(cluster.iri)
        add(node, OX.RDF.type, OX.DKG.CanonicalEvent)
        for member in sorted(cluster.members, key=lambda m: m.iri):
            add(node, OX.DKG.hasAccount, NamedNode(member.iri))
        for record in (records or {}).get(cluster.iri, ()):
            add(node, OX.DKG.hasRecord, NamedNode(record))
        dates = sorted(m.date for m in cluster.members if m.date is not None)
        if dates:
            first, last = dates[0].isoformat(), dates[-1].isoformat()
            add(node, OX.SEM.hasEarliestBeginTimeStamp, Literal(first, datatype=OX.XSD.date))
            add(node, OX.SEM.hasLatestEndTimeStamp, Literal(last, datatype=OX.XSD.date))
        kind = majority([m.kind for m in cluster.members])
        if kind in set(EventKind):
            add(node, OX.SEM.eventType, EVENT_CLASSES[EventKind(kind)])
        country = majority([m.country for m in cluster.members])
        if country is not None:
            add(node, OX.DKG.country, NamedNode(country))
    return quads


def _existing(run: RunNamed) -> dict[str, str]:
    """Account IRI → canonical IRI, from the canonical graph."""
    return {row["account"]: row["event"] for row in run("canonical-events").records()}


def fuse(
    store: KGStore,
    run: RunNamed,
    *,
    decisions: str | Path | None = None,
    window: int = DEFAULT_WINDOW,
    threshold: float = DEFAULT_THRESHOLD,
    rebuild: bool = False,
    write: bool = True,
) -> FuseResult:
    """Fuse the accounts into canonical events and (with ``write``) replace the
    canonical graph with them. Incremental unless ``rebuild``: accounts already fused
    stay in their canonical events, new ones join or create one. The records of event
    datasets are matched to the canonical events afresh (``kg.fusion.records``).

    Raises
    ------
    AnnotationError
        The decisions file cannot be read or names an account that is in no cluster.
    ReadOnlyStoreError
        With ``write``, on a read-only store.
    """
    accounts = load_accounts(run)
    rules = load_decisions(decisions) if decisions is not None else None
    fusion = Fusion(window=window, threshold=threshold)
    held = {} if rebuild else _existing(run)
    for account in accounts:
        if account.iri in held:
            fusion.place(account, held[account.iri])
    new: list[Account] = [a for a in accounts if a.iri not in fusion.cluster_of]
    fusion.add(new)
    if rules is not None:
        apply_decisions(fusion, rules, str(decisions))
    span = records_span(accounts)
    records = load_records(run, *span) if span is not None else []
    links = link_records(
        {iri: cluster.members for iri, cluster in fusion.clusters.items()}, records
    )
    if write:
        store.replace_graph(
            OX.CANONICAL_GRAPH, canonical_quads(list(fusion.clusters.values()), links)
        )
    return FuseResult(fusion, len(accounts), len(new), links)
