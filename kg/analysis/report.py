"""The analysis report: who is most condemned, blamed, supported, threatened; centrality;
communities; balance; and the same as text."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, Final

import networkx as nx

from kg.analysis.balance import balance, signed_graph
from kg.analysis.network import DIGITS, REACTION_TYPES, SEED, actor_nodes

__all__ = ["analyze", "collapse", "report_text"]

#: ``analyze()["most"]`` keys and the reaction types each one counts.
_MOST: Final[dict[str, tuple[str, ...]]] = {
    "condemned": ("condemns",),
    "blamed": ("blames",),
    "supported": ("supports", "expressesSolidarityWith"),
    "threatened": ("threatens",),
}


def collapse(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The actor DiGraph of ``G``: parallel typed edges merged, weights summed.

    Event nodes and the edges to them are left out; every reaction type counts (this is
    a graph of attention, not of esteem).

    Examples
    --------
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
        str(n): round(float(s), DIGITS) for n, s in sorted(scores.items(), key=lambda x: str(x[0]))
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

    Examples
    --------
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

    Examples
    --------
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
