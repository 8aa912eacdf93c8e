"""The json view as one self-contained, offline HTML page (vis-network through pyvis).

pyvis builds the node, edge and option structures; the page itself comes from our own
template, ``kg/templates/network.html``, because pyvis's template loads Bootstrap and
vis-network from a CDN. The vis-network 9.1.2 script and stylesheet are inlined from
``kg/templates/`` (copied from the pyvis wheel; dual Apache-2.0/MIT, see
``kg/templates/VIS-NETWORK-LICENSE.txt``), so the page makes no network request at all.

Nodes are laid out by networkx (``spring_layout`` with a fixed seed) and drawn with
physics off. Every string from the data is untrusted: tooltips are plain strings (which
vis-network 9 shows as text), the embedded JSON escapes ``<``, ``>``, ``&``, U+2028 and
U+2029 (:func:`script_json`), and the heading and legend are escaped by Jinja2.

>>> import tempfile
>>> view = {"actors": [{"code": c, "label": c, "wikidata": None, "class": "State",
...                     "speaks_for": None} for c in ("A", "B")], "events": [],
...         "reactions": [{"id": "r", "type": "condemns", "agent": {"code": "A"},
...                        "target": {"code": "B"}, "about_event": None, "hedged": False,
...                        "document": "d", "evidence": [{"text": "<i>hi</i>",
...                        "start": 0, "end": 9, "source": "d"}]}]}
>>> with tempfile.TemporaryDirectory() as tmp:
...     html = render_html(view, Path(tmp) / "graph.html").read_text(encoding="utf-8")
>>> 'data-nodes="2"' in html and 'data-edges="1"' in html and "<i>hi" not in html
True"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Final

import jinja2
import networkx as nx
from pyvis.network import Network

from kg.analysis import REACTION_TYPES, to_networkx
from kg.files import write_atomically

__all__ = [
    "DEFAULT_MAX_NODES",
    "EDGE_STYLES",
    "NODE_STYLES",
    "SEED",
    "layout",
    "render_html",
    "script_json",
    "select_nodes",
]

#: Seed of the spring layout, so the same view is drawn the same way.
SEED: Final = 42

#: Default node limit of :func:`render_html`; above it only the best-connected are drawn.
DEFAULT_MAX_NODES: Final = 300

#: Per reaction type: legend text and colour (hostile reactions warm, friendly ones cool).
EDGE_STYLES: Final[dict[str, dict[str, str]]] = {
    "condemns": {"label": "condemns", "color": "#d62728"},
    "blames": {"label": "blames", "color": "#f28e00"},
    "threatens": {"label": "threatens", "color": "#7b2d8e"},
    "supports": {"label": "supports", "color": "#2ca02c"},
    "expressesSolidarityWith": {"label": "expresses solidarity with", "color": "#1f9bb4"},
    "callsForCeasefire": {"label": "calls for a ceasefire (about an event)", "color": "#7f7f7f"},
}
_OTHER_EDGE: Final = {"label": "other reaction", "color": "#555555"}

#: Per node class: legend text, vis-network shape, colour and a glyph for the legend.
NODE_STYLES: Final[dict[str, dict[str, str]]] = {
    "State": {"label": "state", "shape": "dot", "color": "#4e79a7", "glyph": "●"},
    "InternationalOrganization": {
        "label": "international organisation",
        "shape": "diamond",
        "color": "#59a14f",
        "glyph": "◆",
    },
    "GovernmentBody": {
        "label": "government body",
        "shape": "square",
        "color": "#76b7b2",
        "glyph": "■",
    },
    "Person": {"label": "person", "shape": "triangle", "color": "#b07aa1", "glyph": "▲"},
    "NonStateArmedGroup": {
        "label": "non-state armed group",
        "shape": "star",
        "color": "#9c755f",
        "glyph": "★",
    },
    "Event": {"label": "event", "shape": "box", "color": "#edc948", "glyph": "▬"},
}
_OTHER_NODE: Final = {"label": "other actor", "shape": "dot", "color": "#9d9d9d", "glyph": "●"}

_TEMPLATES: Final = files("kg") / "templates"
_MAX_QUOTES: Final = 8
_MAX_QUOTE_CHARS: Final = 400
_MAX_LABEL_CHARS: Final = 26
#: Characters that must not appear raw inside an inline <script> (or that end a JS line).
_SCRIPT_ESCAPES: Final = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>``, ``&``, U+2028 and U+2029 can only occur inside JSON strings, where
    their ``\\uXXXX`` escapes mean the same, so the result parses to the same value while
    no ``</script>`` or ``<!--`` can end or change the script.

    >>> script_json({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    >>> json.loads(script_json({"t": "</script>"}))
    {'t': '</script>'}
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escape)
    return text


# ---------------------------------------------------------------------------------------
# selection and layout


def select_nodes(G: nx.MultiDiGraph, max_nodes: int) -> list[Any]:
    """The ``max_nodes`` nodes with the highest degree (parallel edges counted).

    Ties go to the higher weighted degree, then to the smaller id, so the choice is stable.

    >>> G = nx.MultiDiGraph([("A", "B"), ("A", "C"), ("A", "B")]); G.add_node("D")
    >>> select_nodes(G, 2)
    ['A', 'B']
    """
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, not {max_nodes}")
    weighted = dict(G.degree(weight="weight"))
    ranked = sorted(G, key=lambda n: (-G.degree(n), -weighted[n], str(n)))
    return ranked[:max_nodes]


def _component_layout(G: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    if len(G) == 1:
        return {next(iter(G)): (0.0, 0.0)}
    # Labels need room: about 90 px more per sqrt(node) than networkx's unit square gives.
    scale = 60.0 + 90.0 * math.sqrt(len(G))
    pos = nx.spring_layout(G, seed=seed, scale=scale, iterations=200)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def _grid(nodes: list[Any], spacing: float) -> dict[Any, tuple[float, float]]:
    """Nodes in rows, ``spacing`` apart, about twice as wide as high."""
    columns = max(1, math.ceil(math.sqrt(2 * len(nodes))))
    return {n: ((i % columns) * spacing, (i // columns) * spacing) for i, n in enumerate(nodes)}


def layout(G: nx.Graph, *, seed: int = SEED, gap: float = 300.0) -> dict[Any, tuple[float, float]]:
    """Node positions in vis-network pixels: networkx's spring layout, seeded and scaled.

    Each connected component is laid out on its own (a spring layout of a disconnected
    graph squeezes the components together far apart) and the components are packed in
    rows, largest first, ``gap`` pixels apart; the nodes without edges come last, in a
    compact grid of their own (in a box each, they would take most of the page and the
    view, fitted to the page, would shrink the connected actors).

    >>> pos = layout(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2] and all(isinstance(x, float) for x, _ in pos.values())
    True
    """
    simple = nx.Graph()
    simple.add_nodes_from(G)
    simple.add_edges_from((u, v) for u, v in G.edges() if u != v)
    components = sorted(
        nx.connected_components(simple), key=lambda c: (-len(c), sorted(map(str, c)))
    )
    placed = [_component_layout(simple.subgraph(c), seed) for c in components if len(c) > 1]
    alone = sorted((n for c in components if len(c) == 1 for n in c), key=str)
    if alone:
        placed.append(_grid(alone, gap / 2.5))
    boxes = []
    for pos in placed:
        xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
        boxes.append((pos, min(xs), min(ys), max(xs) - min(xs) + gap, max(ys) - min(ys) + gap))
    area = sum(w * h for *_, w, h in boxes)
    row_width = max([math.sqrt(area * 1.8)] + [w for *_, w, _ in boxes])
    result: dict[Any, tuple[float, float]] = {}
    x0 = y0 = row_height = 0.0
    for pos, left, top, width, height in boxes:
        if x0 > 0 and x0 + width > row_width:
            x0, y0, row_height = 0.0, y0 + row_height, 0.0
        for n, (x, y) in pos.items():
            result[n] = (round(x - left + x0, 1), round(y - top + y0, 1))
        x0 += width
        row_height = max(row_height, height)
    return result


# ---------------------------------------------------------------------------------------
# tooltips (plain strings) and styles


def _short(text: str | None, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _where(quote: Mapping[str, Any]) -> str:
    source = quote.get("source") or "unknown source"
    start, end = quote.get("start"), quote.get("end")
    span = f", characters {start}–{end}" if start is not None and end is not None else ""
    return f"{source}{span}"


def _quote_lines(quotes: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for quote in quotes[:_MAX_QUOTES]:
        hedge = " (hedged)" if quote.get("hedged") else ""
        lines.append(f"“{_short(quote.get('text'), _MAX_QUOTE_CHARS)}”{hedge}")
        lines.append(f"   — {_where(quote)}")
    if len(quotes) > _MAX_QUOTES:
        lines.append(f"… and {len(quotes) - _MAX_QUOTES} more quotes")
    return lines


def _listed(items: list[str], most: int) -> str:
    """The first ``most`` items, and how many more.

    >>> _listed(["a", "b", "c"], 2)
    'a, b … and 1 more'
    """
    shown = ", ".join(items[:most])
    return shown if len(items) <= most else f"{shown} … and {len(items) - most} more"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _edge_title(G: nx.MultiDiGraph, u: Any, v: Any, data: Mapping[str, Any]) -> str:
    kind = data.get("type", "")
    style = EDGE_STYLES.get(kind, _OTHER_EDGE)
    weight, hedged = int(data.get("weight", 0)), int(data.get("hedged", 0))
    head = f"{G.nodes[u].get('label', u)} → {G.nodes[v].get('label', v)}"
    counts = _plural(weight, "reaction") + (f", {hedged} hedged" if hedged else "")
    lines = [head, f"{style['label']} ({counts})"]
    if data.get("speakers"):
        lines.append("speaking: " + ", ".join(data["speakers"]))
    for field in ("documents", "records"):
        if data.get(field):
            lines.append(f"{field}: " + _listed(data[field], 6))
    evidence = list(data.get("evidence") or ())
    if evidence:
        lines.append("")
        lines += _quote_lines(evidence)
    return "\n".join(lines)


def _range(figure: Mapping[str, Any] | None) -> str | None:
    if not figure or figure.get("min") is None:
        return None
    low, high = figure["min"], figure.get("max")
    if high == low:
        return str(low)
    return f"{low}–{high}" if high is not None else f"at least {low}"


def _event_title(node: Mapping[str, Any], event: Mapping[str, Any]) -> str:
    lines = [str(node.get("label")), f"event: {event.get('kind') or 'unknown kind'}"]
    where = ", ".join(
        x for x in (event.get("place"), (event.get("country") or {}).get("label")) if x
    )
    if where:
        lines.append(f"where: {where}")
    if event.get("date"):
        lines.append(f"when: {event['date']}")
    for claim in event.get("attributions") or ():
        who = (claim.get("perpetrator") or {}).get("code")
        if who:
            hedge = " (alleged)" if claim.get("hedged") else ""
            source = (claim.get("according_to") or {}).get("code")
            according = f", according to {source}" if source else ""
            lines.append(f"perpetrator: {who}{hedge}{according}")
    for name in ("killed", "injured", "children_killed"):
        figure = _range(event.get(name))
        if figure:
            lines.append(f"{name.replace('_', ' ')}: {figure}")
    if event.get("document"):
        lines.append(f"document: {event['document']}")
    return "\n".join(lines)


def _actor_title(G: nx.MultiDiGraph, n: Any) -> str:
    node = G.nodes[n]
    cls = node.get("class") or "Actor"
    lines = [f"{node.get('label', n)} ({n})", NODE_STYLES.get(cls, _OTHER_NODE)["label"]]
    if node.get("wikidata"):
        lines.append(f"Wikidata: {node['wikidata']}")
    if node.get("speaks_for"):
        lines.append(f"speaks for: {node['speaks_for']}")
    made = sum(w for _, _, w in G.out_edges(n, data="weight", default=1))
    received = sum(w for _, _, w in G.in_edges(n, data="weight", default=1))
    lines.append(f"reactions made: {made}, received: {received}")
    if node.get("domestic"):
        counts = ", ".join(f"{k} {c}" for k, c in sorted(node["domestic"].items()))
        lines += ["", f"at home (reactions to itself): {counts}"]
        lines += _quote_lines(list(node.get("domestic_evidence") or ()))
    untargeted = list(node.get("untargeted_evidence") or ())
    if node.get("untargeted"):
        counts = ", ".join(f"{k} {c}" for k, c in sorted(node["untargeted"].items()))
        lines += ["", f"without a target: {counts}"]
        for kind in REACTION_TYPES:
            quotes = [q for q in untargeted if q.get("type") == kind]
            if quotes:
                lines.append(EDGE_STYLES[kind]["label"] + ":")
                lines += _quote_lines(quotes)
    return "\n".join(lines)


def _parallel_smooth(edges: Iterable[tuple[Any, Any, str]]) -> dict[tuple[Any, Any, str], Any]:
    """Straight edges where a pair has one; fanned-out curves where it has several."""
    pairs: dict[frozenset[Any], list[tuple[Any, Any, str]]] = defaultdict(list)
    for edge in edges:
        pairs[frozenset((edge[0], edge[1]))].append(edge)
    smooth: dict[tuple[Any, Any, str], Any] = {}
    for group in pairs.values():
        for i, (u, v, kind) in enumerate(group):
            if i == 0 or u == v:
                smooth[(u, v, kind)] = {"enabled": False}
                continue
            clockwise = i % 2 == 1
            if str(u) > str(v):  # the same side for both directions of a pair
                clockwise = not clockwise
            smooth[(u, v, kind)] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": 0.18 * ((i + 1) // 2),
            }
    return smooth


# ---------------------------------------------------------------------------------------
# the pyvis network and the page


def _network(G: nx.MultiDiGraph, events: Mapping[str, Mapping[str, Any]]) -> Network:
    net = Network(height="100%", width="100%", directed=True)
    net.toggle_physics(False)
    pos = layout(G)
    degree = dict(G.degree(weight="weight"))
    for n, data in G.nodes(data=True):
        cls = data.get("class") or "Actor"
        style = NODE_STYLES.get(cls, _OTHER_NODE)
        x, y = pos[n]
        options: dict[str, Any] = {
            "x": x,
            "y": y,
            "physics": False,
            "font": {"size": 18, "face": "sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"},
        }
        color: Any = style["color"]
        if cls == "Event":
            options["title"] = _event_title(data, events.get(n, {}))
            options["font"] = {"size": 15, "face": "sans-serif", "color": "#3b3200"}
            options["margin"] = 6
            color = {
                "background": "#fbf1c7",
                "border": "#b59a1b",
                "highlight": {"background": "#fff6d5", "border": "#8a7413"},
                "hover": {"background": "#fff6d5", "border": "#8a7413"},
            }
        else:
            options["title"] = _actor_title(G, n)
            options["size"] = round(min(14 + 4 * math.sqrt(degree.get(n, 0)), 40.0), 1)
        net.add_node(
            str(n),
            label=_short(str(data.get("label") or n), _MAX_LABEL_CHARS),
            shape=style["shape"],
            color=color,
            **options,
        )
    smooth = _parallel_smooth(G.edges(keys=True))
    for u, v, kind, data in G.edges(keys=True, data=True):
        style = EDGE_STYLES.get(kind, _OTHER_EDGE)
        weight = int(data.get("weight", 1))
        net.add_edge(
            str(u),
            str(v),
            id=f"{u}→{v}:{kind}",
            title=_edge_title(G, u, v, data),
            color={"color": style["color"], "highlight": style["color"], "hover": style["color"]},
            width=round(min(1.5 + 1.5 * weight, 10.0), 1),
            dashes=[7, 5] if data.get("hedged") else False,
            arrows={"to": {"enabled": True, "scaleFactor": 0.8}},
            smooth=smooth[(u, v, kind)],
            reaction=kind,
            weight=weight,
            hedged=int(data.get("hedged", 0)),
        )
    return net


def _options(net: Network) -> dict[str, Any]:
    """pyvis's option tree, adjusted for a still, pre-laid-out drawing."""
    *_, options_json = net.get_network_data()
    options: dict[str, Any] = json.loads(options_json)
    options["physics"] = {"enabled": False}
    options["edges"] = {"smooth": {"enabled": False}, "selectionWidth": 1.5, "hoverWidth": 1.0}
    options["interaction"] = {
        **options.get("interaction", {}),
        "hover": True,
        "tooltipDelay": 120,
        "navigationButtons": False,
        "keyboard": False,
        "multiselect": False,
    }
    options["layout"] = {"improvedLayout": False, "randomSeed": SEED}
    return options


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _template() -> str:
    return (_TEMPLATES / "network.html").read_text(encoding="utf-8")


def _asset(name: str) -> str:
    """A vendored file to inline, checked not to end its <script>/<style> early."""
    text = (_TEMPLATES / name).read_text(encoding="utf-8")
    for closing in ("</script", "</style", "<!--"):
        if closing in text.lower():
            raise ValueError(f"{name} contains {closing!r} and cannot be inlined")
    return text


def render_html(
    view: Mapping[str, Any],
    destination: Path,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    title: str = "diplomatic-kg",
    domestic: bool = False,
) -> Path:
    """Draw a json view as one offline HTML page at ``destination``; returns the path.

    Actors and events are nodes (shape and colour by class), reactions are arrows
    coloured by type, dashed when hedged, as wide as their count; hovering shows the
    quoted evidence with its source as plain text. Above ``max_nodes`` only the nodes
    with the highest degree are drawn and the page says how many actors and events are
    not shown; events no reaction points at (such as imported coded events) are left
    out first, so they never take an actor's place. The page exposes
    ``window.kgNetwork`` (the vis ``Network``) and ``window.kgCounts``, and the
    container ``#kg-network`` carries ``data-nodes`` / ``data-edges``. The file is
    written atomically (a temporary file renamed over ``destination``).

    An actor's reactions to itself are shown in its node's hover text ("at home: ..."),
    not drawn as self-loops, unless ``domestic`` is true (see ``kg.analysis.to_networkx``).

    Examples
    --------
    >>> import tempfile
    >>> view = {"actors": [{"code": "A", "label": "A", "wikidata": None, "class": "State",
    ...                     "speaks_for": None}], "events": [], "reactions": []}
    >>> page = render_html(view, Path(tempfile.mkdtemp()) / "graph.html", title="One actor")
    >>> 'data-nodes="1"' in page.read_text(encoding="utf-8")
    True
    """
    full = to_networkx(view, include_events=True, domestic=domestic)
    keep = list(full)
    if len(full) > max_nodes:
        linked = [n for n, cls in full.nodes(data="class") if cls != "Event" or full.degree(n)]
        keep = select_nodes(full.subgraph(linked), max_nodes)
    G = full.subgraph(keep).copy() if len(keep) < len(full) else full
    events = {e["id"]: e for e in view.get("events") or ()}
    net = _network(G, events)
    nodes, edges, *_ = net.get_network_data()
    data = {"nodes": nodes, "edges": edges, "options": _options(net)}
    reactions = len(view.get("reactions") or ())
    actors = sum(1 for _, cls in G.nodes(data="class") if cls != "Event")
    all_actors = sum(1 for _, cls in full.nodes(data="class") if cls != "Event")
    summary = (
        f"{_plural(len(nodes), 'node')} ({_plural(actors, 'actor')}), "
        f"{_plural(len(edges), 'edge')}, from {_plural(reactions, 'reaction')}."
    )
    page = (
        _environment()
        .from_string(_template())
        .render(
            title=title,
            summary=summary,
            hidden_nodes=full.number_of_nodes() - G.number_of_nodes(),
            hidden_actors=all_actors - actors,
            hidden_edges=full.number_of_edges() - G.number_of_edges(),
            shown_nodes=G.number_of_nodes(),
            node_count=len(nodes),
            edge_count=len(edges),
            edge_legend=list(EDGE_STYLES.values()),
            node_legend=list(NODE_STYLES.values()),
            vis_css=_asset("vis-network.css"),
            vis_js=_asset("vis-network.min.js"),
            data_json=script_json(data),
        )
    )
    destination = Path(destination)
    write_atomically(destination, page.encode("utf-8"))
    return destination
