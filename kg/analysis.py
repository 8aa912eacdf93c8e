"""Network analysis of the json view with networkx.

The input is the ``json`` view documented in :mod:`kg.export`; nothing here reads the
store. The pipeline is::

    view ──to_networkx──▶ MultiDiGraph ──signed_graph──▶ Graph (sign ±1) ──balance──▶ census
                              └──────────────analyze──────────────▶ JSON-ready report

Actors are nodes keyed by their code (``RUS``, ``UNSC``); a reaction with a target is an
edge agent → target, one per reaction type (the edge key), counted in ``weight``.

>>> view = {"format": "diplomatic-kg/json@1", "events": [],
...         "actors": [{"code": "A", "label": "A", "wikidata": None, "class": "State",
...                     "speaks_for": None},
...                    {"code": "B", "label": "B", "wikidata": None, "class": "State",
...                     "speaks_for": None}],
...         "reactions": [{"id": "r1", "type": "condemns", "agent": {"code": "A"},
...                        "speaker": None, "target": {"code": "B"}, "about_event": None,
...                        "hedged": False, "according_to": None, "document": "d",
...                        "evidence": []}]}
>>> G = to_networkx(view)
>>> G["A"]["B"]["condemns"]["weight"]
1
>>> analyze(G)["most"]["condemned"]
{'actors': ['B'], 'count': 1}
"""

from __future__ import annotations

import io
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, Final

import networkx as nx

__all__ = [
    "NEGATIVE_TYPES",
    "POSITIVE_TYPES",
    "REACTION_TYPES",
    "SEED",
    "TRIAD_TYPES",
    "actor_nodes",
    "analyze",
    "balance",
    "collapse",
    "report_text",
    "signed_graph",
    "to_networkx",
    "write_graphml",
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

#: ``analyze()["most"]`` keys and the reaction types each one counts.
_MOST: Final[dict[str, tuple[str, ...]]] = {
    "condemned": ("condemns",),
    "blamed": ("blames",),
    "supported": ("supports", "expressesSolidarityWith"),
    "threatened": ("threatens",),
}
_EVENT_CLASS: Final = "Event"
_DIGITS: Final = 6


# ---------------------------------------------------------------------------------------
# view → MultiDiGraph


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
    for actor in view.get("actors") or ():
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
    events: set[str] = set()
    if include_events:
        for event in view.get("events") or ():
            events.add(event["id"])
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

    >>> G = nx.Graph(); G.add_node("RUS", **{"class": "State"})
    >>> G.add_node("e1", **{"class": "Event"}); actor_nodes(G)
    ['RUS']
    """
    return [n for n, c in G.nodes(data="class") if c != _EVENT_CLASS]


# ---------------------------------------------------------------------------------------
# signed graph and structural balance


def signed_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """The undirected signed actor graph: one edge per pair, ``sign`` +1 or -1.

    ``supports`` and ``expressesSolidarityWith`` count as positive, ``condemns``,
    ``blames`` and ``threatens`` as negative, in both directions; ceasefire calls, edges
    to events and self-loops do not enter. Edge attributes: ``positive`` and
    ``negative`` (weighted reaction counts), ``weight`` (their sum, the strength of the
    tie, kept apart from its sign), ``sign`` (the sign of ``positive - negative``) and
    ``mixed`` (True when the pair has both kinds of reaction). A tie between the two
    counts is resolved as **negative**: one public condemnation outweighs one gesture of
    support in diplomatic reading, and it keeps ties visible as ``mixed``. All actor
    nodes are kept, isolated or not, with their attributes.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("A", "B", key="supports", weight=1)
    'supports'
    >>> G.add_edge("B", "A", key="condemns", weight=1)
    'condemns'
    >>> dict(signed_graph(G)["A"]["B"])
    {'positive': 1, 'negative': 1, 'weight': 2, 'sign': -1, 'mixed': True}
    """
    S = nx.Graph()
    S.add_nodes_from((n, dict(G.nodes[n])) for n in actor_nodes(G))
    for u, v, kind, weight in G.edges(keys=True, data="weight", default=1):
        if u == v or u not in S or v not in S:
            continue
        if kind in POSITIVE_TYPES:
            field = "positive"
        elif kind in NEGATIVE_TYPES:
            field = "negative"
        else:
            continue
        if not S.has_edge(u, v):
            S.add_edge(u, v, positive=0, negative=0)
        S[u][v][field] += weight
    for _, _, data in S.edges(data=True):
        net = data["positive"] - data["negative"]
        data["weight"] = data["positive"] + data["negative"]
        data["sign"] = 1 if net > 0 else -1
        data["mixed"] = data["positive"] > 0 and data["negative"] > 0
    return S


def _triad(S: nx.Graph, a: Any, b: Any, c: Any) -> str:
    signs = sorted((S[a][b]["sign"], S[b][c]["sign"], S[a][c]["sign"]), reverse=True)
    return "".join("+" if s > 0 else "-" for s in signs)


def balance(S: nx.Graph) -> dict[str, Any]:
    """Signed triangle census of a graph whose edges carry ``sign`` (+1 / -1).

    Counts every triangle by its pattern (``+++``, ``+--``, ``++-``, ``---``); ``+++``
    and ``+--`` ("the enemy of my enemy is my friend") are balanced, ``++-`` and ``---``
    unbalanced. Returns ``{"triads": {pattern: count}, "triangles", "balanced",
    "unbalanced", "ratio"`` (balanced / triangles, None without triangles) and
    ``"unbalanced_triads"``: ``[{"actors": [a, b, c], "signs": pattern}]``, sorted.
    Self-loops are ignored. Runs in O(sum over edges of min degree) via neighbour sets.

    >>> S = nx.Graph()
    >>> S.add_edge("A", "B", sign=1); S.add_edge("B", "C", sign=1)
    >>> S.add_edge("A", "C", sign=-1)
    >>> result = balance(S)
    >>> result["triads"]["++-"], result["unbalanced_triads"]
    (1, [{'actors': ['A', 'B', 'C'], 'signs': '++-'}])
    """
    rank = {n: i for i, n in enumerate(S)}
    neighbours = {n: {m for m in S[n] if m != n} for n in S}
    triads = dict.fromkeys(TRIAD_TYPES, 0)
    unbalanced: list[dict[str, Any]] = []
    for u, v in S.edges():
        if u == v:
            continue
        a, b = (u, v) if rank[u] < rank[v] else (v, u)
        for c in neighbours[a] & neighbours[b]:
            if rank[c] <= rank[b]:
                continue  # count each triangle once, from its two lowest-ranked nodes
            pattern = _triad(S, a, b, c)
            triads[pattern] += 1
            if pattern in ("++-", "---"):
                unbalanced.append({"actors": sorted((a, b, c), key=str), "signs": pattern})
    balanced = triads["+++"] + triads["+--"]
    total = balanced + triads["++-"] + triads["---"]
    unbalanced.sort(key=lambda t: [str(x) for x in t["actors"]])
    return {
        "triads": triads,
        "triangles": total,
        "balanced": balanced,
        "unbalanced": total - balanced,
        "ratio": round(balanced / total, _DIGITS) if total else None,
        "unbalanced_triads": unbalanced,
    }


# ---------------------------------------------------------------------------------------
# report


def collapse(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The actor DiGraph of ``G``: parallel typed edges merged, weights summed.

    Event nodes and the edges to them are left out; every reaction type counts (this is
    a graph of attention, not of esteem).

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("A", "B", key="condemns", weight=2)
    'condemns'
    >>> G.add_edge("A", "B", key="blames", weight=1)
    'blames'
    >>> collapse(G)["A"]["B"]["weight"]
    3
    """
    D = nx.DiGraph()
    D.add_nodes_from((n, dict(G.nodes[n])) for n in actor_nodes(G))
    for u, v, weight in G.edges(data="weight", default=1):
        if u in D and v in D:
            if D.has_edge(u, v):
                D[u][v]["weight"] += weight
            else:
                D.add_edge(u, v, weight=weight)
    for _, _, data in D.edges(data=True):
        data["distance"] = 1 / data["weight"] if data["weight"] else math.inf
    return D


def _rounded(scores: Mapping[Any, float]) -> dict[str, float]:
    return {
        str(n): round(float(s), _DIGITS) for n, s in sorted(scores.items(), key=lambda x: str(x[0]))
    }


def _pagerank(
    D: nx.DiGraph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 200
) -> dict[Any, float]:
    """Weighted PageRank by power iteration, in pure Python.

    Same definition as ``nx.pagerank`` (uniform teleport, dangling nodes spread their
    score evenly), which needs SciPy; this graph is small enough not to.
    """
    n = len(D)
    if n == 0:
        return {}
    out = {u: sum(w for _, _, w in D.out_edges(u, data="weight", default=1)) for u in D}
    rank = dict.fromkeys(D, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in D if not out[u]) / n
        new = dict.fromkeys(D, (1.0 - alpha) / n + dangling)
        for u, v, w in D.edges(data="weight", default=1):
            if out[u]:
                new[v] += alpha * rank[u] * w / out[u]
        if sum(abs(new[u] - rank[u]) for u in D) < n * tol:
            return new
        rank = new
    return rank


def _in_weight(G: nx.MultiDiGraph, kinds: Iterable[str]) -> Counter[str]:
    wanted = set(kinds)
    actors = set(actor_nodes(G))
    counts: Counter[str] = Counter()
    for _, v, kind, weight in G.edges(keys=True, data="weight", default=1):
        if kind in wanted and v in actors:
            counts[str(v)] += weight
    return counts


def _most(counts: Counter[str]) -> dict[str, Any]:
    if not counts:
        return {"actors": [], "count": 0}
    top = max(counts.values())
    return {"actors": sorted(n for n, c in counts.items() if c == top), "count": top}


def _communities(S: nx.Graph) -> list[list[str]]:
    positive = nx.Graph()
    positive.add_nodes_from(S)
    positive.add_edges_from(
        (u, v, {"weight": d["positive"]}) for u, v, d in S.edges(data=True) if d["sign"] > 0
    )
    found = nx.community.louvain_communities(positive, weight="weight", seed=SEED)
    groups = [sorted(str(n) for n in group) for group in found]
    return sorted(groups, key=lambda g: (-len(g), g))


def analyze(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Who is most condemned, blamed, supported, threatened; centrality; communities; balance.

    Returns a JSON-serialisable dict:

    * ``summary``: actor, edge and reaction counts, reactions per type (targeted edges,
      untargeted reactions and an actor's reactions to itself, ``domestic``, together);
    * ``most``: for ``condemned``, ``blamed``, ``supported`` (supports and solidarity) and
      ``threatened``: ``{"actors": [...], "count": n}``, the actors with the highest
      weighted in-degree of those types, all of them on a tie;
    * ``in_degree``: per type, every targeted actor's weighted in-degree;
    * ``centrality``: ``degree`` (networkx degree centrality, unweighted),
      ``betweenness`` (shortest paths with distance = 1 / weight, so frequent
      reactions make actors closer) and ``pagerank`` (weighted), all on the actor DiGraph
      of :func:`collapse`;
    * ``communities``: Louvain (``seed`` = :data:`SEED`, so reproducible) on the undirected
      graph of positive ties only, weighted by the positive reaction count; Louvain
      rather than greedy modularity because it scales to large graphs and handles
      weights, and with a fixed seed it is deterministic. Isolated actors are singletons;
    * ``balance``: :func:`balance` of :func:`signed_graph`.

    Event nodes (``include_events=True``) are ignored.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("A", "B", key="supports", weight=2)
    'supports'
    >>> analyze(G)["most"]["supported"]
    {'actors': ['B'], 'count': 2}
    """
    D = collapse(G)
    S = signed_graph(G)
    by_type: Counter[str] = Counter()
    for u, _, kind, weight in G.edges(keys=True, data="weight", default=1):
        if u in D:
            by_type[kind] += weight
    untargeted = domestic = 0
    for n in D:
        for kind, count in (G.nodes[n].get("untargeted") or {}).items():
            by_type[kind] += count
            untargeted += count
        for kind, count in (G.nodes[n].get("domestic") or {}).items():
            by_type[kind] += count
            domestic += count
    in_degree = {kind: dict(sorted(_in_weight(G, (kind,)).items())) for kind in REACTION_TYPES}
    pagerank = _pagerank(D)
    return {
        "summary": {
            "actors": D.number_of_nodes(),
            "actor_pairs": D.number_of_edges(),
            "typed_edges": sum(1 for u, v in G.edges() if u in D and v in D),
            "reactions": sum(by_type.values()),
            "untargeted_reactions": untargeted,
            "domestic_reactions": domestic,
            "by_type": {k: by_type[k] for k in sorted(by_type, key=_type_order)},
        },
        "most": {name: _most(_in_weight(G, kinds)) for name, kinds in _MOST.items()},
        "in_degree": in_degree,
        "centrality": {
            "degree": _rounded(nx.degree_centrality(D)),
            "betweenness": _rounded(nx.betweenness_centrality(D, weight="distance")),
            "pagerank": _rounded(pagerank),
        },
        "communities": _communities(S),
        "balance": balance(S),
    }


def _type_order(kind: str) -> tuple[int, str]:
    return (REACTION_TYPES.index(kind) if kind in REACTION_TYPES else len(REACTION_TYPES), kind)


def _top(scores: Mapping[str, float], n: int = 5) -> str:
    best = sorted(scores.items(), key=lambda x: (-x[1], x[0]))[:n]
    return ", ".join(f"{k} {v:.3f}" for k, v in best) or "-"


def report_text(report: Mapping[str, Any]) -> str:
    """A plain-text rendering of :func:`analyze`'s report (what the CLI prints).

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("A", "B", key="condemns", weight=1)
    'condemns'
    >>> print(report_text(analyze(G)).splitlines()[0])
    Reaction network: 2 actors, 1 typed edges, 1 reactions
    """
    summary = report["summary"]
    lines = [
        f"Reaction network: {summary['actors']} actors, {summary['typed_edges']} typed edges, "
        f"{summary['reactions']} reactions",
    ]
    by_type = ", ".join(f"{k} {v}" for k, v in summary["by_type"].items()) or "none"
    lines.append(f"  by type: {by_type}")
    if summary["untargeted_reactions"]:
        lines.append(f"  without a target actor: {summary['untargeted_reactions']}")
    if summary.get("domestic_reactions"):
        lines.append(f"  of an actor to itself (domestic): {summary['domestic_reactions']}")
    lines += ["", "Most targeted:"]
    for name, most in report["most"].items():
        who = ", ".join(most["actors"]) if most["actors"] else "-"
        lines.append(f"  {name:<11} {who} ({most['count']})")
    lines += ["", "Centrality (top 5):"]
    for name, scores in report["centrality"].items():
        lines.append(f"  {name:<11} {_top(scores)}")
    lines += ["", "Communities (positive ties, Louvain):"]
    for i, group in enumerate(report["communities"], 1):
        lines.append(f"  {i}. {', '.join(group)}")
    bal = report["balance"]
    lines += ["", "Structural balance:"]
    triads = ", ".join(f"{k} {v}" for k, v in bal["triads"].items())
    ratio = "n/a" if bal["ratio"] is None else f"{bal['ratio']:.2f}"
    lines.append(
        f"  {bal['triangles']} triangles: {bal['balanced']} balanced, "
        f"{bal['unbalanced']} unbalanced (ratio {ratio}); {triads}"
    )
    for triad in bal["unbalanced_triads"]:
        lines.append(f"  unbalanced {triad['signs']}: {', '.join(triad['actors'])}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------
# GraphML


def _scalar(value: Any) -> Any:
    if isinstance(value, bool | int | float | str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _scalars(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _scalar(v) for k, v in data.items() if v is not None}


def write_graphml(G: nx.Graph) -> bytes:
    """GraphML (UTF-8) of the actor graph of ``G``; event nodes are left out.

    GraphML holds scalars only, so list and dict attributes (``evidence``,
    ``documents``, ``untargeted``) are written as JSON strings and None values are
    dropped; edge ids are the reaction types. Read it back with
    ``nx.read_graphml(io.BytesIO(data), force_multigraph=True)`` and ``json.loads``.

    >>> G = nx.MultiDiGraph(); G.add_node("A", label="A", wikidata=None)
    >>> G.add_edge("A", "B", key="blames", weight=1, evidence=[{"text": "x"}])
    'blames'
    >>> back = nx.read_graphml(io.BytesIO(write_graphml(G)), force_multigraph=True)
    >>> json.loads(back["A"]["B"]["blames"]["evidence"])
    [{'text': 'x'}]
    """
    actors = set(actor_nodes(G))
    H = nx.MultiDiGraph() if G.is_multigraph() else nx.DiGraph()
    H.graph.update(_scalars(G.graph))
    H.add_nodes_from((n, _scalars(G.nodes[n])) for n in G if n in actors)
    if G.is_multigraph():
        H.add_edges_from(
            (u, v, k, _scalars(d))
            for u, v, k, d in G.edges(keys=True, data=True)
            if u in actors and v in actors
        )
    else:
        H.add_edges_from(
            (u, v, _scalars(d)) for u, v, d in G.edges(data=True) if u in actors and v in actors
        )
    buffer = io.BytesIO()
    nx.write_graphml_xml(H, buffer, encoding="utf-8")
    return buffer.getvalue()
