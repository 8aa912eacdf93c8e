"""The accounts fusion compares: each document's event with what it says of the event.

An account is read from the store through the named queries ``events``,
``competing-accounts`` and ``event-means``, so fusion sees what the graph holds. Only the
events of documents are accounts (they carry a local id); the records of event datasets
are linked by a later step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.results import Results

__all__ = ["Account", "Range", "load_accounts"]

Range = tuple[int, int | None]
RunQuery = Callable[[str], Results]


@dataclass(frozen=True)
class Account:
    """One document's event: what fusion scores and clusters."""

    iri: str
    doc: str
    local_id: str
    kind: str
    date: dt.date | None = None
    place: str | None = None
    country: str | None = None
    country_name: str | None = None
    doc_date: dt.date | None = None
    means: frozenset[str] = field(default_factory=frozenset)
    perpetrators: frozenset[str] = field(default_factory=frozenset)
    killed: tuple[Range, ...] = ()
    injured: tuple[Range, ...] = ()

    @property
    def ref(self) -> str:
        """``<doc-id>#<event-local-id>``, as gold files and decisions name an account."""
        return f"{self.doc}#{self.local_id}"

    def order_key(self) -> tuple[str, str, str]:
        """Accounts are fused in this order: by their document's day and id, then IRI."""
        day = self.doc_date.isoformat() if self.doc_date else "9999-12-31"
        return (day, self.doc, self.iri)


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def load_accounts(run: RunQuery) -> list[Account]:
    """Every document event of the store as an account, in fusion order."""
    means: dict[str, set[str]] = {}
    for row in run("event-means").records():
        means.setdefault(row["event"], set()).add(row["means"])
    perpetrators: dict[str, set[str]] = {}
    figures: dict[str, dict[str, list[Range]]] = {}
    seen: set[str] = set()
    for row in run("competing-accounts").records():
        if row["account"] in seen:
            continue
        seen.add(row["account"])
        if row["kind"] == "attribution":
            if row["perpetrator"] is not None:
                perpetrators.setdefault(row["event"], set()).add(row["perpetrator"])
        elif row["min"] is not None:
            figures.setdefault(row["event"], {}).setdefault(row["kind"], []).append(
                (int(row["min"]), None if row["max"] is None else int(row["max"]))
            )
    doc_dates = {
        row["doc"]: _date(row["date"]) for row in run("document-dates").records()
    }
    labels = {row["actor"]: row["label"] for row in run("actors").records()}
    accounts: dict[str, Account] = {}
    for row in run("events").records():
        if row["local_id"] is None or row["event"] in accounts:
            continue
        iri = row["event"]
        counts = figures.get(iri, {})
        accounts[iri] = Account(
            iri=iri,
            doc=row["doc_id"],
            local_id=row["local_id"],
            kind=row["kind"],
            date=_date(row["date"]),
            place=row["place"],
            country=row["country"],
            country_name=labels.get(row["country"]) if row["country"] else None,
            doc_date=doc_dates.get(row["doc"]),
            means=frozenset(means.get(iri, ())),
            perpetrators=frozenset(perpetrators.get(iri, ())),
            killed=tuple(sorted(counts.get("killed", []), key=str)),
            injured=tuple(sorted(counts.get("injured", []), key=str)),
        )
    return sorted(accounts.values(), key=Account.order_key)
