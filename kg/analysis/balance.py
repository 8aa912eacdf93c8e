"""The signed actor graph and its structural balance (Heider / Cartwright-Harary)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.analysis.network import DIGITS, NEGATIVE_TYPES, POSITIVE_TYPES, TRIAD_TYPES, actor_nodes

__all__ = ["balance", "signed_graph"]


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

    Examples
    --------
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

    Examples
    --------
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
        "ratio": round(balanced / total, DIGITS) if total else None,
        "unbalanced_triads": unbalanced,
    }
