"""Clustering accounts into canonical events: deterministic, incremental, stable IRIs.

Accounts are added in a fixed order (their document's day, document id, IRI). Each
joins the existing cluster it scores best with, when that score passes the threshold
and the cluster holds no account of the same document; otherwise it starts a cluster.
Adding a document therefore touches only the clusters its accounts join. A canonical
event's IRI is a hash of the IRI of the account that created it, and stays when others
join. Candidate clusters are found through a date index, so each account is compared
with the accounts within the date window only (blocking), never with all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from kg.fusion.accounts import Account
from kg.fusion.scoring import DEFAULT_WINDOW, blocked, score
from kg.vocab import CANONICAL

__all__ = ["CANONICAL_BASE", "DEFAULT_THRESHOLD", "Cluster", "Fusion", "canonical_iri"]

#: The namespace of canonical event IRIs (``kg.vocab.CANONICAL``), as text.
CANONICAL_BASE = str(CANONICAL)
DEFAULT_THRESHOLD = 1.1


def canonical_iri(account_iri: str) -> str:
    """The IRI of the canonical event an account creates.

    >>> canonical_iri("https://example.org/e1")[len(CANONICAL_BASE):]
    'd62d580452071612'
    """
    return CANONICAL_BASE + hashlib.sha256(account_iri.encode()).hexdigest()[:16]


@dataclass
class Cluster:
    """A canonical event: its IRI and its accounts (in the order they joined)."""

    iri: str
    members: list[Account] = field(default_factory=list)

    @property
    def docs(self) -> set[str]:
        return {m.doc for m in self.members}


@dataclass
class Fusion:
    """The clustering state; ``add`` accounts in any number of steps."""

    window: int = DEFAULT_WINDOW
    threshold: float = DEFAULT_THRESHOLD
    clusters: dict[str, Cluster] = field(default_factory=dict)
    cluster_of: dict[str, str] = field(default_factory=dict)
    _by_day: dict[dt.date, list[Account]] = field(default_factory=dict)
    comparisons: int = 0

    def add(self, accounts: Iterable[Account]) -> None:
        """Add accounts (those already held are skipped), one document at a time, in
        fusion order."""
        pending = sorted(
            (a for a in accounts if a.iri not in self.cluster_of), key=Account.order_key
        )
        for _, group in groupby(pending, key=lambda a: a.doc):
            self._add_document(list(group))

    def _candidates(self, account: Account) -> list[Account]:
        if account.date is None:
            return []
        found: list[Account] = []
        for offset in range(-self.window, self.window + 1):
            found.extend(self._by_day.get(account.date + dt.timedelta(days=offset), ()))
        return found

    def _links(self, account: Account) -> dict[str, float]:
        """Each candidate cluster's best score with the account (max linkage)."""
        best: dict[str, float] = {}
        for other in self._candidates(account):
            if not blocked(account, other, self.window):
                continue
            self.comparisons += 1
            iri = self.cluster_of[other.iri]
            value = score(account, other)
            best[iri] = max(best.get(iri, value), value)
        return best

    def _add_document(self, accounts: list[Account]) -> None:
        """One document's accounts, assigned together: the best-scoring (account,
        cluster) links first, each cluster taking at most one of the document's
        accounts; so when a report tells two near events (a city's strike and the
        nationwide barrage), each goes where it fits best, not where it came first."""
        doc = accounts[0].doc
        links = [
            (-value, index, iri)
            for index, account in enumerate(accounts)
            for iri, value in self._links(account).items()
            if value >= self.threshold and doc not in self.clusters[iri].docs
        ]
        chosen: dict[int, str] = {}
        taken: set[str] = set()
        for _, index, iri in sorted(links):
            if index not in chosen and iri not in taken:
                chosen[index] = iri
                taken.add(iri)
        for index, account in enumerate(accounts):
            self.place(account, chosen.get(index) or canonical_iri(account.iri))

    def place(self, account: Account, iri: str) -> None:
        """Put an account in a cluster (created if new), indexed for later candidates."""
        cluster = self.clusters.setdefault(iri, Cluster(iri))
        cluster.members.append(account)
        self.cluster_of[account.iri] = iri
        if account.date is not None:
            self._by_day.setdefault(account.date, []).append(account)

    def partition(self) -> list[list[str]]:
        """The clusters as sorted lists of account refs, sorted: for comparisons."""
        return sorted(sorted(m.ref for m in c.members) for c in self.clusters.values())
