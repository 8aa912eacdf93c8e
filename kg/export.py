"""RDF → the ``json`` interchange view, and the RDF serialisations.

The json view is built from the store by the named queries ``actors``, ``events``,
``competing-accounts`` and ``reactions``, so it shows what the graph holds, not what a
loader meant to write. Its shape (stable; documented in the README)::

    {"format": "diplomatic-kg/json@1",
     "documents": [{"id", "reading", "graph", "annotator", "software", "version",
                    "model", "started", "ended"}],
     "actors":    [{"code", "label", "wikidata", "class", "speaks_for"}],
     "events":    [{"id", "document", "local_id", "kind", "label", "place", "country",
                    "date", "date_source", "perpetrator", "attributions": [{"perpetrator",
                    "hedged", "according_to", "source", "evidence"}], "killed", "injured",
                    "children_killed", "casualty_figures": [{"measure", "min", "max",
                    "quoted_as", "according_to", "source", "evidence"}]}],
     "reactions": [{"id", "type", "agent", "speaker", "target", "about_event", "hedged",
                    "according_to", "date", "date_source", "document",
                    "evidence": [{"text", "start", "end", "source"}]}]}

where ``reading`` is ``"curated"`` or ``"extracted"`` (a document may have both: see
``kg.reading``; events and reactions name theirs too), an actor reference is ``{"code",
"label", "wikidata"}`` (``code``: the ISO 3166-1 alpha-3 code of a state or our code of an
organisation) and a range is ``{"min", "max"}``. A date is ``YYYY-MM-DD`` or null;
``date_source`` says how it is known: ``"stated"`` (the text says when), ``"document"``
(the document's date stands in), ``"dataset"`` (a coded event dataset's day), or null when
there is no date.
Competing accounts sit side by side in ``attributions`` and ``casualty_figures``;
``perpetrator`` and ``killed``/``injured``/``children_killed`` give the one account, or
the value all accounts agree on, and are null when accounts differ (or there are none).
``hedged`` is null where it is unknown (reactions and claims from event datasets, which
do not code hedging).

``since``/``until`` (inclusive days) keep the reactions dated in that span and the events
whose date is in it; undated events and reactions are left out when either bound is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from kg.reading import reading_record
from kg.results import Results

__all__ = ["JSON_FORMAT", "ActorRef", "build_json"]

JSON_FORMAT = "diplomatic-kg/json@1"

ActorRef = dict[str, str | None]
RunQuery = Callable[[str, dict[str, str]], Results]


def _range(low: int | None, high: int | None) -> dict[str, int | None] | None:
    return None if low is None else {"min": low, "max": high}


#: The casualty measures, as the json view and the competing-accounts query name them.
MEASURES = ("killed", "injured", "children_killed")


def _agreed(values: list[Any]) -> Any:
    """The value all accounts give (the sole one, or several that agree), else None.

    >>> _agreed([]), _agreed([1]), _agreed([1, 1]), _agreed([1, 2])
    (None, 1, 1, None)
    """
    first = values[0] if values else None
    return first if all(v == first for v in values) else None


def _ranges(figures: list[dict[str, Any]], measure: str) -> list[dict[str, Any]]:
    return [{"min": f["min"], "max": f["max"]} for f in figures if f["measure"] == measure]


def _accounts(
    run: RunQuery, ref: Callable[[str | None], ActorRef | None]
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """Each event's attributions and casualty figures, side by side, from the
    competing-accounts query (one row per account and quote)."""
    attributions: dict[str, list[dict[str, Any]]] = {}
    figures: dict[str, list[dict[str, Any]]] = {}
    seen: dict[str, dict[str, Any]] = {}
    for row in run("competing-accounts", {}).records():
        account = seen.get(row["account"])
        if account is None:
            if row["kind"] == "attribution":
                account = {"perpetrator": ref(row["perpetrator"]), "hedged": row["hedged"]}
                attributions.setdefault(row["event"], []).append(account)
            else:
                account = {
                    "measure": row["kind"],
                    "min": row["min"],
                    "max": row["max"],
                    "quoted_as": row["quoted_as"],
                }
                figures.setdefault(row["event"], []).append(account)
            account["according_to"] = ref(row["according_to"])
            account["source"] = row["doc"]
            account["evidence"] = []
            seen[row["account"]] = account
        if row["quote"] is not None:
            account["evidence"].append(
                {"text": row["quote"], "start": row["start"], "end": row["end"]}
            )
    return attributions, figures


def _qid(iri: str | None) -> str | None:
    return iri.rsplit("/", 1)[-1] if iri else None


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def build_json(
    run: RunQuery, *, since: dt.date | None = None, until: dt.date | None = None
) -> dict[str, Any]:
    """The json view, given a function that runs a named query by name.

    ``run(name, params)`` gets the ``since``/``until`` parameters of the date-filtered
    queries (``events``, ``reactions``) as ISO dates.

    >>> from kg import KnowledgeGraph
    >>> view = KnowledgeGraph.memory().to_json()
    >>> sorted(view)
    ['actors', 'documents', 'events', 'format', 'reactions']
    """
    documents = [reading_record(row) for row in run("readings", {}).records()]
    reading_of = {d["graph"]: d["reading"] for d in documents}
    span = {name: day.isoformat() for name, day in (("since", since), ("until", until)) if day}
    actors: dict[str, dict[str, Any]] = {}
    for row in run("actors", {}).records():
        actors[row["actor"]] = {
            "code": row["code"],
            "label": row["label"],
            "wikidata": _qid(row["wikidata"]),
            "class": row["class"].rsplit("#", 1)[-1],
            "speaks_for": row["speaks_for"],
        }
    for actor in actors.values():
        speaks_for = actor["speaks_for"]
        actor["speaks_for"] = actors[speaks_for]["code"] if speaks_for in actors else None

    def ref(iri: str | None) -> ActorRef | None:
        if iri is None:
            return None
        actor = actors.get(iri)
        if actor is None:
            return {"code": iri.rsplit("/", 1)[-1], "label": None, "wikidata": None}
        return {"code": actor["code"], "label": actor["label"], "wikidata": actor["wikidata"]}

    attributions, figures = _accounts(run, ref)

    events = []
    for row in run("events", span).records():
        claims = attributions.get(row["event"], [])
        counts = figures.get(row["event"], [])
        events.append(
            {
                "id": row["event"],
                "document": row["doc_id"],
                "reading": reading_of.get(row["doc"]),
                "local_id": row["local_id"],
                "kind": row["kind"],
                "label": row["label"],
                "place": row["place"],
                "country": ref(row["country"]),
                "date": _iso(row["date"]),
                "date_source": row.get("date_source"),
                "perpetrator": _agreed([c["perpetrator"] for c in claims]),
                "attributions": claims,
                **{measure: _agreed(_ranges(counts, measure)) for measure in MEASURES},
                "casualty_figures": counts,
            }
        )

    reactions: dict[str, dict[str, Any]] = {}
    for row in run("reactions", span).records():
        reaction = reactions.get(row["reaction"])
        if reaction is None:
            reaction = reactions[row["reaction"]] = {
                "id": row["reaction"],
                "type": row["type"],
                "agent": ref(row["agent"]),
                "speaker": ref(row["speaker"]),
                "target": ref(row["target"]),
                "about_event": row["event"],
                "hedged": row["hedged"],
                "according_to": ref(row["according_to"]),
                "date": _iso(row.get("date")),
                "date_source": row.get("date_source"),
                "document": row["doc_id"],
                "reading": reading_of.get(row["doc"]),
                "evidence": [],
            }
        if row["quote"] is not None:
            reaction["evidence"].append(
                {
                    "text": row["quote"],
                    "start": row["start"],
                    "end": row["end"],
                    "source": row["doc"],
                }
            )

    return {
        "format": JSON_FORMAT,
        "documents": documents,
        "actors": sorted(
            ({k: v for k, v in a.items()} for a in actors.values()), key=lambda a: a["code"]
        ),
        "events": events,
        "reactions": list(reactions.values()),
    }
