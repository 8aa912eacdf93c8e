"""RDF → the ``json`` interchange view, and the RDF serialisations.

The json view is built from the store by the named queries ``actors``, ``events``,
``competing-accounts``, ``event-places`` and ``reactions``, so it shows what the graph
holds, not what a loader meant to write. Its shape (stable; documented in the README)::

    {"@context": {...the JSON-LD context of ontology/view-context.jsonld...},
     "format": "diplomatic-kg/json@1",
     "documents": [{"id", "reading", "graph", "annotator", "software", "version",
                    "model", "started", "ended"}],
     "actors":    [{"code", "label", "wikidata", "class", "speaks_for"}],
     "events":    [{"id", "document", "local_id", "kind", "label", "place", "country",
                    "date", "date_source", "perpetrator", "attributions": [{"perpetrator",
                    "hedged", "according_to", "source", "evidence"}], "killed", "injured",
                    "children_killed", "casualty_figures": [{"measure", "min", "max",
                    "quoted_as", "according_to", "source", "evidence"}], "canonical"}],
     "canonical_events": [{"id", "kind", "date", "place", "country", "accounts",
                           "killed", "injured", "attributions", "records": [{"id",
                           "dataset", "record_ids", "date", "code", "event_type"}]}],
     "reactions": [{"id", "type", "agent", "speaker", "target", "about_event", "hedged",
                    "according_to", "date", "date_source", "document",
                    "evidence": [{"text", "start", "end", "source"}]}]}

where ``reading`` is ``"curated"`` or ``"extracted"`` (a document may have both: see
``kg.reading``; events and reactions name theirs too), ``place`` is the place's name (a
string, as in every json@1 view) and ``location`` the same place for a map, ``{"label",
"geonames", "lat", "long"}`` (the last three null when the place is not linked to GeoNames;
``location`` null when the event has no place), an actor reference is ``{"code", "label",
"wikidata"}`` (``code``: the ISO 3166-1 alpha-3 code of a state or our code of an
organisation) and a range is ``{"min", "max"}``. A date is ``YYYY-MM-DD`` or null;
``date_source`` says how it is known: ``"stated"`` (the text says when), ``"document"``
(the document's date stands in), ``"dataset"`` (a coded event dataset's day), or null when
there is no date.
A canonical event (built by ``kg fuse``; see ``kg.fusion``) gives its accounts' ids, its
``date`` as the range of their dates, ``killed``/``injured`` as the range across sources
(least minimum, greatest maximum) and all their attributions; each event's ``canonical``
is the IRI of its canonical event, null when not fused.
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
import json
from collections.abc import Callable, Iterable
from importlib import resources
from typing import Any

from pyoxigraph import NamedNode, Quad

from kg.fusion.view import canonical_events
from kg.reading import reading_record
from kg.results import Results

__all__ = [
    "JSON_FORMAT",
    "ActorRef",
    "build_json",
    "compact_jsonld",
    "description_closure",
    "jsonld_context",
]

JSON_FORMAT = "diplomatic-kg/json@1"
#: The JSON-LD context that reads the json view as RDF, shipped as
#: ``ontology/view-context.jsonld`` and embedded in every view (see the README).
VIEW_CONTEXT_FILE = "view-context.jsonld"

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


def _location(row: dict[str, Any]) -> dict[str, Any]:
    """An event's place for a map: label, GeoNames IRI and WGS84 coordinates (JSON numbers;
    null for a place not linked to GeoNames)."""
    lat, long = row["lat"], row["long"]
    return {
        "label": row["label"],
        "geonames": row["geonames"],
        "lat": None if lat is None else float(lat),
        "long": None if long is None else float(long),
    }


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _actors(run: RunQuery) -> dict[str, dict[str, Any]]:
    """The actors the graph describes, by IRI; ``speaks_for`` is the code of the actor
    spoken for (``None`` when that actor is not described)."""
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
    return actors


def _referrer(actors: dict[str, dict[str, Any]]) -> Callable[[str | None], ActorRef | None]:
    """The function that turns an actor IRI into an actor reference: from the described
    actors, else from the IRI alone (its last segment as the code)."""

    def ref(iri: str | None) -> ActorRef | None:
        if iri is None:
            return None
        actor = actors.get(iri)
        if actor is None:
            return {"code": iri.rsplit("/", 1)[-1], "label": None, "wikidata": None}
        return {"code": actor["code"], "label": actor["label"], "wikidata": actor["wikidata"]}

    return ref


def _events(
    run: RunQuery,
    span: dict[str, str],
    ref: Callable[[str | None], ActorRef | None],
    reading_of: dict[str, str | None],
) -> list[dict[str, Any]]:
    """The events dated in ``span``, with their competing accounts and their place."""
    attributions, figures = _accounts(run, ref)
    locations: dict[str, dict[str, Any]] = {}
    for row in run("event-places", {}).records():
        locations.setdefault(row["event"], _location(row))
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
                "location": locations.get(row["event"]),
                "country": ref(row["country"]),
                "date": _iso(row["date"]),
                "date_source": row.get("date_source"),
                "perpetrator": _agreed([c["perpetrator"] for c in claims]),
                "attributions": claims,
                **{measure: _agreed(_ranges(counts, measure)) for measure in MEASURES},
                "casualty_figures": counts,
            }
        )
    return events


def _reactions(
    run: RunQuery,
    span: dict[str, str],
    ref: Callable[[str | None], ActorRef | None],
    reading_of: dict[str, str | None],
) -> list[dict[str, Any]]:
    """The reactions dated in ``span``, each once with its evidence (the query gives one
    row per quote)."""
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
    return list(reactions.values())


def build_json(
    run: RunQuery, *, since: dt.date | None = None, until: dt.date | None = None
) -> dict[str, Any]:
    """The json view, given a function that runs a named query by name.

    ``run(name, params)`` gets the ``since``/``until`` parameters of the date-filtered
    queries (``events``, ``reactions``) as ISO dates.

    Examples
    --------
    >>> from kg import KnowledgeGraph
    >>> view = KnowledgeGraph.memory().to_json()
    >>> sorted(view)
    ['@context', 'actors', 'canonical_events', 'documents', 'events', 'format', 'reactions']
    """
    documents = [reading_record(row) for row in run("readings", {}).records()]
    reading_of = {d["graph"]: d["reading"] for d in documents}
    span = {name: day.isoformat() for name, day in (("since", since), ("until", until)) if day}
    actors = _actors(run)
    ref = _referrer(actors)
    events = _events(run, span, ref, reading_of)
    canonical = canonical_events(run("canonical-events", {}), events, run("canonical-sources", {}))
    return {
        "@context": jsonld_context(VIEW_CONTEXT_FILE)["@context"],
        "format": JSON_FORMAT,
        "documents": documents,
        "actors": sorted(
            ({k: v for k, v in a.items()} for a in actors.values()), key=lambda a: a["code"]
        ),
        "events": events,
        "reactions": _reactions(run, span, ref, reading_of),
        "canonical_events": canonical,
    }


def description_closure(data: Iterable[Quad], described: Iterable[Quad]) -> list[Quad]:
    """The quads of ``described`` about what ``data`` refers to, transitively.

    An export must validate on its own: an actor the data names has its description, and
    so do the organisations that actor is a member, unit or sub-organisation of, the
    actors those speak for, and the code-scheme concepts they use. ``described`` is the
    pool to take descriptions from (the reference actors, the schemes' concepts); an IRI
    the data uses as subject or object
    is followed only when some quad of the pool has it as subject, so the closure never
    wanders into the ontology's classes or outside the pool.

    Examples
    --------
    >>> from pyoxigraph import Literal
    >>> a, b, c, p = (NamedNode(f"http://x/{n}") for n in "abcp")
    >>> d = NamedNode("http://x/d")
    >>> pool = [Quad(b, p, c), Quad(c, p, Literal("end")), Quad(d, p, a)]
    >>> [q.subject.value for q in description_closure([Quad(a, p, b)], pool)]
    ['http://x/b', 'http://x/c']
    """
    by_subject: dict[NamedNode, list[Quad]] = {}
    for quad in described:
        if isinstance(quad.subject, NamedNode):
            by_subject.setdefault(quad.subject, []).append(quad)
    todo: list[NamedNode] = []
    for quad in data:
        todo.extend(t for t in (quad.subject, quad.object) if isinstance(t, NamedNode))
    seen: set[NamedNode] = set()
    out: list[Quad] = []
    while todo:
        node = todo.pop()
        if node in seen or node not in by_subject:
            continue
        seen.add(node)
        for quad in by_subject[node]:
            out.append(quad)
            if isinstance(quad.object, NamedNode):
                todo.append(quad.object)
    return out


# ---------------------------------------------------------------------------------- JSON-LD

#: The JSON-LD context of the RDF export, shipped as ``ontology/context.jsonld``.
CONTEXT_FILE = "context.jsonld"


def jsonld_context(name: str = CONTEXT_FILE) -> dict[str, Any]:
    """A shipped JSON-LD context document (``{"@context": {...}}``), by file name.

    Examples
    --------
    >>> jsonld_context()["@context"]["dkg"]
    'https://w3id.org/diplomatic-kg/ontology#'
    >>> jsonld_context(VIEW_CONTEXT_FILE)["@context"]["@version"]
    1.1
    """
    data = (resources.files("kg") / "ontology" / name).read_text(encoding="utf-8")
    context: dict[str, Any] = json.loads(data)
    return context


def compact_jsonld(ntriples: str) -> dict[str, Any]:
    """N-Triples → compact JSON-LD with the shipped context, the context embedded.

    Integers and booleans become JSON numbers and booleans (``useNativeTypes``: they read
    back as xsd:integer and xsd:boolean); an evidence node reads as a Web Annotation:
    ``"type": ["Annotation", "Evidence"]``, ``"target": {"source": ..., "selector": [...]}``.
    A node whose IRI extends another's by one path segment and that the other refers to
    (an evidence's target, the target's selectors) is written inside it: the same triples,
    nested as the Web Annotation model shows them.

    pyld rather than rdflib: rdflib's serializer ignores type-scoped contexts, which the
    two meanings of ``target`` (a reaction's target actor, an annotation's target) need.

    Examples
    --------
    >>> from kg.vocab import OX
    >>> triple = f"{OX.ACTOR['POL']} {OX.DKG.condemns} {OX.ACTOR['RUS']} ."
    >>> compact_jsonld(triple)["@graph"]
    [{'id': 'kgid:actor/POL', 'condemns': 'kgid:actor/RUS'}]
    """
    from pyld import jsonld

    context = jsonld_context()
    expanded = jsonld.from_rdf(
        ntriples, {"format": "application/n-quads", "useNativeTypes": True}
    )
    compacted: dict[str, Any] = jsonld.compact(expanded, context, {"graph": True})
    nodes: list[dict[str, Any]] = compacted.get("@graph", [])
    _nest_owned_nodes(nodes)
    _sort_values(nodes)
    nodes.sort(key=lambda node: str(node.get("id", "")))
    return {"@context": context["@context"], "@graph": nodes}


def _nest_owned_nodes(nodes: list[dict[str, Any]]) -> None:
    """Write each sub-resource inside the one node that refers to it.

    A sub-resource is a node whose IRI extends an owner's by one segment (``…/evidence/X/
    target``, ``…/evidence/X/quote``); it is nested when exactly one node refers to it and
    that node is its owner or a sibling under the same owner (the target holding the
    selectors). Every other node stays at the top level, referred to by IRI.
    """
    by_id = {node["id"]: node for node in nodes if "id" in node}
    referrers: dict[str, list[tuple[dict[str, Any], str]]] = {}
    for node in nodes:
        for key, value in node.items():
            if key in ("id", "type"):
                continue
            for item in value if isinstance(value, list) else [value]:
                ref = item.get("id") if isinstance(item, dict) and len(item) == 1 else item
                if isinstance(ref, str) and ref in by_id:
                    referrers.setdefault(ref, []).append((node, key))
    nested: set[str] = set()
    for node_id, refs in referrers.items():
        owner = node_id.rsplit("/", 1)[0]
        if len(refs) != 1 or "/" not in node_id:
            continue
        parent, key = refs[0]
        if owner not in (parent["id"], parent["id"].rsplit("/", 1)[0]):
            continue
        value = parent[key]
        values = value if isinstance(value, list) else [value]
        values = [by_id[node_id] if v in (node_id, {"id": node_id}) else v for v in values]
        parent[key] = values if isinstance(value, list) else values[0]
        nested.add(node_id)
    nodes[:] = [node for node in nodes if node.get("id") not in nested]


def _sort_values(value: Any) -> None:
    """Sort every multi-valued property (values are a set): the same graph, the same text."""
    if isinstance(value, list):
        for item in value:
            _sort_values(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _sort_values(item)
            if isinstance(item, list) and key != "@list":
                item.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
