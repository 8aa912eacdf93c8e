"""Linking the records of event datasets (GDELT, ICEWS, ACLED) to canonical events.

A record matches a canonical event when it is a record of violence (CAMEO root 18 to
20, or an ACLED event type of political violence: the named query ``coded-violence``),
it happened within ``days`` (default 1) of a day one of the event's accounts gives, in
the event's country, and its actors, where coded, are the event's: its source (the
attacker) among the perpetrators the accounts name, when they name any, and its target
the event's country or one of those perpetrators. Records are indexed by (day,
country), so each canonical event looks up a few days of one country (blocking), never
every record.

A record may match two canonical events of one day and country (a strike on a city and
the drones shot down elsewhere that night): it is then linked to both, since nothing a
dataset codes (no place name but a country, in GDELT's exports as read here) tells them
apart.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from kg.fusion.accounts import Account
from kg.results import Results

__all__ = ["RECORD_WINDOW", "Record", "link_records", "load_records", "records_span"]

#: Days a record's day may be from an account's day.
RECORD_WINDOW = 1


class RunNamed(Protocol):
    """Runs a named query with textual parameters (``KnowledgeGraph.run``)."""

    def __call__(self, name: str, **params: str) -> Results: ...


@dataclass(frozen=True)
class Record:
    """One record of violence of an event dataset, as matching needs it."""

    iri: str
    dataset: str
    date: dt.date
    country: str
    code: str | None = None
    event_type: str | None = None
    source: str | None = None
    target: str | None = None


def records_span(
    accounts: Iterable[Account], days: int = RECORD_WINDOW
) -> tuple[dt.date, dt.date] | None:
    """The days whose records may match some account: the accounts' span widened by
    ``days`` on each side; None when no account has a date."""
    dates = [a.date for a in accounts if a.date is not None]
    if not dates:
        return None
    pad = dt.timedelta(days=days)
    return min(dates) - pad, max(dates) + pad


def load_records(run: RunNamed, since: dt.date, until: dt.date) -> list[Record]:
    """The records of violence of the store dated in [since, until]."""
    found: dict[str, Record] = {}
    rows = run("coded-violence", since=since.isoformat(), until=until.isoformat())
    for row in rows.records():
        if row["record"] in found:
            continue
        date = row["date"]
        if isinstance(date, dt.datetime):
            date = date.date()
        found[row["record"]] = Record(
            iri=row["record"],
            dataset=str(row["dataset"]),
            date=date,
            country=row["country"],
            code=row["code"],
            event_type=row["event_type"],
            source=row["source"],
            target=row["target"],
        )
    return list(found.values())


def _country(members: list[Account]) -> str | None:
    """The country most accounts give (ties: the first given)."""
    counts = Counter(m.country for m in members if m.country is not None)
    if not counts:
        return None
    best = max(counts.values())
    return next(m.country for m in members if m.country is not None and counts[m.country] == best)


def _actors_agree(record: Record, perpetrators: frozenset[str], country: str) -> bool:
    if record.source is not None and perpetrators and record.source not in perpetrators:
        return False
    return record.target is None or record.target in perpetrators | {country}


def link_records(
    clusters: dict[str, list[Account]], records: Iterable[Record], days: int = RECORD_WINDOW
) -> dict[str, list[str]]:
    """Canonical event IRI → the IRIs of the records that match it (sorted); events with
    none are left out.

    >>> acc = Account(iri="e", doc="d", local_id="e1", kind="strike",
    ...               date=dt.date(2022, 4, 8), country="UKR", perpetrators=frozenset({"RUS"}))
    >>> recs = [Record("r1", "gdelt", dt.date(2022, 4, 9), "UKR", "190", None, "RUS", "UKR"),
    ...         Record("r2", "gdelt", dt.date(2022, 4, 8), "RUS", "190", None, "RUS", "UKR"),
    ...         Record("r3", "gdelt", dt.date(2022, 4, 8), "UKR", "190", None, "UKR", "RUS")]
    >>> link_records({"c": [acc]}, recs)
    {'c': ['r1']}
    """
    index: dict[tuple[dt.date, str], list[Record]] = {}
    for record in records:
        index.setdefault((record.date, record.country), []).append(record)
    links: dict[str, list[str]] = {}
    for iri, members in sorted(clusters.items()):
        country = _country(members)
        if country is None:
            continue
        perpetrators = frozenset(p for m in members for p in m.perpetrators)
        days_told = {m.date for m in members if m.date is not None}
        near = {d + dt.timedelta(days=k) for d in days_told for k in range(-days, days + 1)}
        matched = {
            record.iri
            for day in near
            for record in index.get((day, country), ())
            if _actors_agree(record, perpetrators, country)
        }
        if matched:
            links[iri] = sorted(matched)
    return links
