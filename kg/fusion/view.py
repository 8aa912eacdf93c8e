"""The json view's ``canonical_events``, from the named queries ``canonical-events`` and
``canonical-sources`` (the linked dataset records) and the view's document events (so
figures and attributions are those the events show)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kg.results import Results

__all__ = ["canonical_events", "records_of"]


def _iso(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _span(events: list[dict[str, Any]], measure: str) -> dict[str, int | None] | None:
    """A measure's range across accounts: the least of their minimums, the greatest of
    their maximums, where an open figure ("at least 39") counts as its minimum."""
    ranges = [f for e in events for f in e["casualty_figures"] if f["measure"] == measure]
    if not ranges:
        return None
    return {
        "min": min(f["min"] for f in ranges),
        "max": max(f["min"] if f["max"] is None else f["max"] for f in ranges),
    }


def _majority(values: list[Any]) -> Any:
    known = [v for v in values if v is not None]
    if not known:
        return None
    best = max(known.count(v) for v in known)
    return next(v for v in known if known.count(v) == best)


def records_of(sources: Results) -> dict[str, list[dict[str, Any]]]:
    """Canonical event IRI → its dataset records, each ``{"id", "dataset", "record_ids",
    "date", "code", "event_type"}``, from the rows of ``canonical-sources``."""
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for row in sources.records():
        if row["source"] != "record":
            continue
        record = found.setdefault(row["event"], {}).setdefault(
            row["item"],
            {
                "id": row["item"],
                "dataset": row["origin"],
                "record_ids": [],
                "date": _iso(row["date"]),
                "code": row["code"],
                "event_type": row["event_type"],
            },
        )
        if row["record_id"] not in record["record_ids"]:
            record["record_ids"].append(row["record_id"])
    return {event: list(records.values()) for event, records in found.items()}


def canonical_events(
    rows: Results, events: list[dict[str, Any]], sources: Results | None = None
) -> list[dict[str, Any]]:
    """The canonical events, and each document event's ``canonical`` set (None if the
    event is in no canonical event). ``sources``: the rows of ``canonical-sources``, for
    each canonical event's ``records``."""
    records = records_of(sources) if sources is not None else {}
    by_id = {e["id"]: e for e in events}
    members: dict[str, list[str]] = {}
    heads: dict[str, dict[str, Any]] = {}
    for row in rows.records():
        members.setdefault(row["event"], []).append(row["account"])
        heads.setdefault(row["event"], row)
    for event in events:
        event["canonical"] = None
    view = []
    for iri, accounts in members.items():
        found = [by_id[a] for a in accounts if a in by_id]
        for event in found:
            event["canonical"] = iri
        head = heads[iri]
        earliest, latest = _iso(head["earliest"]), _iso(head["latest"])
        view.append(
            {
                "id": iri,
                "kind": head["kind"] or _majority([e["kind"] for e in found]),
                "date": None if earliest is None else {"min": earliest, "max": latest},
                "place": _majority([e["place"] for e in found]),
                "country": _majority([e["country"] for e in found]),
                "accounts": [e["id"] for e in found],
                "killed": _span(found, "killed"),
                "injured": _span(found, "injured"),
                "attributions": [a for e in found for a in e["attributions"]],
                "records": records.get(iri, []),
            }
        )
    return view
