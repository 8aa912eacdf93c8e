"""The json view as a networkx MultiDiGraph: actors are nodes keyed by their code (``RUS``,
``UNSC``); a reaction with a target is an edge agent → target, one per reaction type (the
edge key), counted in ``weight``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Final

import networkx as nx

__all__ = [
    "DIGITS",
    "NEGATIVE_TYPES",
    "POSITIVE_TYPES",
    "REACTION_TYPES",
    "SEED",
    "TRIAD_TYPES",
    "actor_nodes",
    "to_networkx",
]

#: The reaction types of the json view, in display order.
REACTION_TYPES: Final = (
    "condemns",
    "blames",
    "threatens",
    "supports",
    "expressesSolidarityWith",
    "callsForCeasefire",
)
#: Reaction types that make a pair of actors friends (sign +1).
POSITIVE_TYPES: Final = frozenset({"supports", "expressesSolidarityWith"})
#: Reaction types that make a pair of actors foes (sign -1).
NEGATIVE_TYPES: Final = frozenset({"condemns", "blames", "threatens"})
#: Triangle sign patterns; the first two are balanced (Heider / Cartwright-Harary).
TRIAD_TYPES: Final = ("+++", "+--", "++-", "---")
#: Seed of every randomised algorithm here (Louvain), so results are reproducible.
SEED: Final = 42

_EVENT_CLASS: Final = "Event"
#: Decimal digits of the scores in a report.
DIGITS: Final = 6


def _code(ref: Mapping[str, Any] | None) -> str | None:
    return None if ref is None else ref.get("code")


def _ensure_actor(G: nx.MultiDiGraph, ref: Mapping[str, Any]) -> str:
    """Add an actor node for a reference missing from ``view["actors"]``; its code."""
    code: str = ref["code"]
    if code not in G:
        G.add_node(
            code,
            label=ref.get("label") or code,
            wikidata=ref.get("wikidata"),
            **{"class": "Actor"},
        )
    return code


#: A reaction read from an event dataset: ``…/id/reaction/<dataset>/<key>`` (a document's
#: reactions are ``…/id/reaction/<key>``); its ``document`` is the dataset's record id.
_DATASET_REACTION: Final = re.compile(r"/id/reaction/([a-z0-9]+)/[^/]+$")


def _origin(reaction: Mapping[str, Any]) -> tuple[str, str | None]:
    """Where a reaction was read: ``("documents", doc id)`` or ``("records", "gdelt:123")``.

    >>> _origin({"id": "https://w3id.org/diplomatic-kg/id/reaction/icews/1", "document": "1"})
    ('records', 'icews:1')
    """
    document = reaction.get("document")
    found = _DATASET_REACTION.search(str(reaction.get("id") or ""))
    if found and document is not None:
        return "records", f"{found.group(1)}:{document}"
    return "documents", document


def _evidence(reaction: Mapping[str, Any]) -> list[dict[str, Any]]:
    hedged = bool(reaction.get("hedged"))
    return [
        {
            "text": e.get("text"),
            "start": e.get("start"),
            "end": e.get("end"),
            "source": e.get("source"),
            "hedged": hedged,
        }
        for e in reaction.get("evidence") or ()
    ]


def _add_reaction_edge(
    G: nx.MultiDiGraph, source: str, target: str, reaction: Mapping[str, Any]
) -> None:
    kind: str = reaction["type"]
    if not G.has_edge(source, target, key=kind):
        G.add_edge(
            source,
            target,
            key=kind,
            type=kind,
            weight=0,
            hedged=0,
            evidence=[],
            documents=[],
            records=[],
            reactions=[],
            events=[],
            speakers=[],
        )
    data = G[source][target][kind]
    data["weight"] += 1
    data["hedged"] += int(bool(reaction.get("hedged")))
    data["evidence"].extend(_evidence(reaction))
    for field, value in (
        _origin(reaction),
        ("reactions", reaction.get("id")),
        ("events", reaction.get("about_event")),
        ("speakers", _code(reaction.get("speaker"))),
    ):
        if value is not None and value not in data[field]:
            data[field].append(value)
            data[field].sort()


def _add_untargeted(G: nx.MultiDiGraph, agent: str, reaction: Mapping[str, Any]) -> None:
    node = G.nodes[agent]
    counts: dict[str, int] = node.setdefault("untargeted", {})
    counts[reaction["type"]] = counts.get(reaction["type"], 0) + 1
    quotes: list[dict[str, Any]] = node.setdefault("untargeted_evidence", [])
    for quote in _evidence(reaction):
        quotes.append(
            {"type": reaction["type"], "about_event": reaction.get("about_event"), **quote}
        )


def _add_domestic(G: nx.MultiDiGraph, agent: str, reaction: Mapping[str, Any]) -> None:
    node = G.nodes[agent]
    counts: dict[str, int] = node.setdefault("domestic", {})
    counts[reaction["type"]] = counts.get(reaction["type"], 0) + 1
    quotes: list[dict[str, Any]] = node.setdefault("domestic_evidence", [])
    for quote in _evidence(reaction):
        quotes.append({"type": reaction["type"], **quote})


def _add_actors(G: nx.MultiDiGraph, actors: Iterable[Mapping[str, Any]]) -> None:
    for actor in actors:
        if actor.get("speaks_for"):
            # A ministry or a leader speaks for its state: reactions count for the state,
            # and the speaker is kept on the edge (``speakers``), not as a node.
            continue
        G.add_node(
            actor["code"],
            label=actor.get("label") or actor["code"],
            wikidata=actor.get("wikidata"),
            speaks_for=actor.get("speaks_for"),
            **{"class": actor.get("class") or "Actor"},
        )


def _add_events(G: nx.MultiDiGraph, events: Iterable[Mapping[str, Any]]) -> set[str]:
    """Add the events as nodes; their ids."""
    added: set[str] = set()
    for event in events:
        added.add(event["id"])
        G.add_node(
            event["id"],
            label=event.get("label") or event.get("local_id") or event["id"],
            kind=event.get("kind"),
            place=event.get("place"),
            date=event.get("date"),
            document=event.get("document"),
            local_id=event.get("local_id"),
            perpetrator=_code(event.get("perpetrator")),
            **{"class": _EVENT_CLASS},
        )
    return added


def to_networkx(
    view: Mapping[str, Any], *, include_events: bool = False, domestic: bool = False
) -> nx.MultiDiGraph:
    """The reaction graph of a json view: actors as nodes, reactions as typed edges.

    One node per actor (id = actor code; attributes ``label``, ``wikidata``, ``class``,
    ``speaks_for``) and one edge per (agent, target, reaction type), whose key is the type.
    Edge attributes: ``type``; ``weight`` (number of reactions); ``hedged`` (how many of
    them are hedged); ``evidence`` (list of ``{text, start, end, source, hedged}``);
    ``documents``, ``records``, ``reactions``, ``events`` and ``speakers`` (sorted lists
    of document ids, dataset records as ``dataset:id`` for reactions imported from event
    datasets, reaction ids, ``about_event`` ids and speaker codes).

    A reaction without a target (a condemnation of "the violence", a ceasefire call)
    becomes node attributes of its agent: ``untargeted`` = ``{type: count}`` and
    ``untargeted_evidence`` (the quotes, each with its ``type`` and ``about_event``).
    With ``include_events=True`` events become nodes too (id = event id, ``class``
    ``"Event"``, ``kind``, ``label``, ``place``, ``date``, ``document``, ``local_id``)
    and an untargeted reaction that is about an event becomes an edge agent → event
    instead; one about nothing (most ceasefire calls) stays a node attribute.

    Government bodies and persons (actors with ``speaks_for``) are not nodes: their
    reactions count for the state or organisation they speak for. A reference to an actor
    missing from ``view["actors"]`` still gets a node, of class ``"Actor"``.

    An actor's reactions to itself (a government condemning an attack at home) are
    counted on its node, ``domestic`` = ``{type: count}`` with the quotes in
    ``domestic_evidence``, as ``kg.importers.aggregates`` does for the yearly networks:
    self-loops would inflate degrees and PageRank in an international network.
    ``domestic=True`` keeps them as self-loops instead.

    Examples
    --------
    >>> view = {"actors": [{"code": "UN", "label": "UN", "wikidata": None,
    ...                     "class": "InternationalOrganization", "speaks_for": None}],
    ...         "events": [{"id": "ev1", "kind": "strike", "label": "strike"}],
    ...         "reactions": [{"id": "r", "type": "condemns", "agent": {"code": "UN"},
    ...                        "target": None, "about_event": "ev1", "hedged": False,
    ...                        "document": "d", "evidence": []}]}
    >>> to_networkx(view).nodes["UN"]["untargeted"]
    {'condemns': 1}
    >>> list(to_networkx(view, include_events=True).edges(keys=True))
    [('UN', 'ev1', 'condemns')]
    """
    G = nx.MultiDiGraph(format=view.get("format"))
    _add_actors(G, view.get("actors") or ())
    events = _add_events(G, view.get("events") or ()) if include_events else set()
    for reaction in view.get("reactions") or ():
        agent_ref = reaction.get("agent")
        if agent_ref is None:
            continue  # the export never does this; nothing to attach the reaction to
        agent = _ensure_actor(G, agent_ref)
        target_ref = reaction.get("target")
        about = reaction.get("about_event")
        if target_ref is not None:
            target = _ensure_actor(G, target_ref)
            if target == agent and not domestic:
                _add_domestic(G, agent, reaction)
            else:
                _add_reaction_edge(G, agent, target, reaction)
        elif include_events and about in events:
            _add_reaction_edge(G, agent, about, reaction)
        else:
            _add_untargeted(G, agent, reaction)
    return G


def actor_nodes(G: nx.Graph) -> list[Any]:
    """The nodes of ``G`` that are actors (not events), in graph order.

    Examples
    --------
    >>> G = nx.Graph(); G.add_node("RUS", **{"class": "State"})
    >>> G.add_node("e1", **{"class": "Event"}); actor_nodes(G)
    ['RUS']
    """
    return [n for n, c in G.nodes(data="class") if c != _EVENT_CLASS]
