"""GraphML of the actor graph (scalars only: lists and dicts as JSON strings)."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from typing import Any

import networkx as nx

from kg.analysis.network import actor_nodes

__all__ = ["write_graphml"]


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

    Examples
    --------
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
