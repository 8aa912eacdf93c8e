"""An episode as a dated chain: its events and the reactions to each, in date order.

``timeline(graph, ref)`` (also ``KnowledgeGraph.timeline``) gives a pandas DataFrame,
one row per item, and ``timeline_text`` the lines ``kg timeline`` prints. The episode is
the escalation chain (``kg.episodes``) of the canonical event ``ref`` names; with
``chain=False``, that event and its reactions alone.

Columns: ``date`` (a pandas datetime in the frame); ``days``, the item's latency from
the chain's first event; ``item`` (``event`` or ``reaction``); ``step`` (the event's
place in the chain, from 1); ``event`` (canonical IRI) and ``event_label``; ``type``
(the event's kind, or the reaction type); ``actor`` (a reaction's agent; an event's
perpetrators, as the accounts name them); ``speaker`` (who spoke for the agent);
``target`` (a reaction's target; an event's country); ``latency`` (a reaction's day
minus its event's day); ``order`` (1 for the first actor to react to the event, and so
on: the actors that first reacted on one day share a rank); ``second_hand`` (every
report of the reaction gives it as someone else's account); ``hedged``; ``sources`` (the
documents, or for an event the number of accounts).
Rows are ordered by date, then by step (on one day, an earlier event's reactions before a
later event), events before their reactions.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

from kg.episodes import HORIZON, Episode, EpisodeEvent, EpisodeReaction, code, load_episodes

if TYPE_CHECKING:
    import pandas as pd

    from kg.graph import KnowledgeGraph

__all__ = ["COLUMNS", "timeline", "timeline_rows", "timeline_text"]

COLUMNS: Final = (
    "date", "days", "item", "step", "event", "event_label", "type", "actor", "speaker",
    "target", "latency", "order", "second_hand", "hedged", "sources",
)  # fmt: skip


def _days(a: dt.date | None, b: dt.date | None) -> int | None:
    return None if a is None or b is None else (a - b).days


def _event_row(event: EpisodeEvent, step: int, first: dt.date | None) -> dict[str, Any]:
    perpetrators = sorted(c for c in (code(p) for p in event.perpetrators) if c)
    return {
        "date": event.date, "days": _days(event.date, first), "item": "event", "step": step,
        "event": event.iri, "event_label": event.label, "type": event.kind,
        "actor": "/".join(perpetrators) or None, "speaker": None,
        "target": code(event.country), "latency": None, "order": None,
        "second_hand": False, "hedged": False, "sources": f"{event.accounts} accounts",
    }  # fmt: skip


def _reaction_rows(
    event: EpisodeEvent, step: int, first: dt.date | None, reactions: list[EpisodeReaction]
) -> list[dict[str, Any]]:
    # Who reacted in what order: an actor ranks by its first reaction's day.
    firsts: dict[str, dt.date] = {}
    for r in reactions:
        if r.date is not None and (r.agent not in firsts or r.date < firsts[r.agent]):
            firsts[r.agent] = r.date
    days = sorted(set(firsts.values()))
    rows = []
    for r in reactions:
        rank = days.index(firsts[r.agent]) + 1 if r.agent in firsts else None
        rows.append({
            "date": r.date, "days": _days(r.date, first), "item": "reaction", "step": step,
            "event": event.iri, "event_label": event.label, "type": r.type,
            "actor": code(r.agent), "speaker": code(r.speaker), "target": code(r.target),
            "latency": _days(r.date, event.date), "order": rank,
            "second_hand": r.second_hand, "hedged": r.hedged, "sources": ", ".join(r.docs),
        })  # fmt: skip
    return rows


def _sort_key(row: dict[str, Any]) -> tuple[Any, ...]:
    day = row["date"].isoformat() if row["date"] else "9999-12-31"
    return (day, row["step"], row["item"] != "event", row["type"] or "", row["actor"] or "",
            row["speaker"] or "", row["target"] or "", row["sources"])  # fmt: skip


def timeline_rows(episode: Episode, ref: str, *, chain: bool = True) -> list[dict[str, Any]]:
    """The rows of the timeline of the canonical event ``ref`` names (see the module).

    Raises
    ------
    KeyError
        When no canonical event answers to ``ref``.
    """
    start = episode.resolve(ref)
    events = episode.chain(start) if chain else [episode.events[start]]
    first = min((e.date for e in events if e.date is not None), default=None)
    rows: list[dict[str, Any]] = []
    for step, event in enumerate(events, start=1):
        rows.append(_event_row(event, step, first))
        mine = [r for r in episode.reactions if r.event == event.iri]
        rows.extend(_reaction_rows(event, step, first, mine))
    return sorted(rows, key=_sort_key)


def timeline(
    graph: KnowledgeGraph, ref: str, *, chain: bool = True, horizon: int = HORIZON
) -> pd.DataFrame:
    """An episode as a DataFrame: its events and reactions in date order (see the module).

    ``ref`` names a canonical event: its IRI, the hash its IRI ends with, an account
    (``doc#e1``) or a document (its first event). Run ``fuse`` first.

    Raises
    ------
    KeyError
        When no canonical event answers to ``ref``.

    Examples
    --------
    >>> from kg import KnowledgeGraph
    >>> KnowledgeGraph.memory().timeline("nothing")
    Traceback (most recent call last):
    ...
    KeyError: "no canonical event for 'nothing' (run 'kg fuse' first?)"
    """
    import pandas as pd

    episode = load_episodes(graph.run, horizon)
    rows = timeline_rows(episode, ref, chain=chain)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["date"] = pd.to_datetime(frame["date"])
    for column in ("days", "latency", "order"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _who(row: dict[str, Any]) -> str:
    actor = row["actor"] or "?"
    if row["speaker"] and row["speaker"] != actor:
        actor = f"{actor} ({row['speaker']})"
    return actor


def timeline_text(rows: list[dict[str, Any]]) -> str:
    """The lines ``kg timeline`` prints: one per item, with its latency from the first
    event (``+1d``); for a reaction, its rank among the event's reactions (``#2``: the
    second day on which someone reacted) and its latency from its own event."""
    if not rows:
        return ""
    events = [r for r in rows if r["item"] == "event"]
    dates = [r["date"] for r in rows if r["date"] is not None]
    lines = [
        f"{len(events)} event(s), {len(rows) - len(events)} reaction(s), "
        f"{min(dates).isoformat()} to {max(dates).isoformat()}"
    ]
    for row in rows:
        day = row["date"].isoformat() if row["date"] else "undated   "
        since = "   " if row["days"] is None else f"+{row['days']}d"
        if row["item"] == "event":
            by = f" by {row['actor']}" if row["actor"] else ""
            where = f" ({row['target']})" if row["target"] else ""
            lines.append(
                f"{day} {since:>5}  [{row['step']}] {row['event_label']}{where}{by}; "
                f"{row['sources']}"
            )
            continue
        target = f" -> {row['target']}" if row["target"] else ""
        flags = "".join(
            [", second-hand" if row["second_hand"] else "", ", hedged" if row["hedged"] else ""]
        )
        rank = "" if row["order"] is None else f"#{row['order']}, "
        latency = "" if row["latency"] is None else f"+{row['latency']}d after [{row['step']}]"
        lines.append(
            f"{day} {since:>5}      {row['type']:<24} {_who(row)}{target}  "
            f"({rank}{latency}{flags}; {row['sources']})"
        )
    return "\n".join(lines)
