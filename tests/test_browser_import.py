"""The real GDELT and ICEWS samples, imported with ``kg import``: queried with ``kg query``
and drawn with ``kg render``, the page usable in headless Chromium.

Every command runs as a subprocess (``python -m kg``) on a store built once for the
module. The browser is Debian's /usr/bin/chromium through Playwright (never ``playwright
install``); every request that is not ``file:`` is aborted and recorded, there must be
none.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from browser import CHROMIUM, MISSING, Page, launch, open_page
from kg import KnowledgeGraph
from kg.analysis import to_networkx
from kg.render import DEFAULT_MAX_NODES, select_nodes

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "data" / "import"
GDELT = SAMPLES / "gdelt2_20191024143000_head600.export.CSV"
ICEWS = SAMPLES / "icews_events.2018.sample_head800.tab"
ACTOR_IRI = "https://w3id.org/diplomatic-kg/id/actor/"
LIMIT = 15

if not CHROMIUM.exists():
    pytest.skip(MISSING, allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


def kg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kg ARGS``; fail with its output unless it exits 0."""
    done = subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"kg {' '.join(map(str, args))}:\n{done.stdout}{done.stderr}"
    return done


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("imported") / "store"
    kg("import", "gdelt", "--store", path, GDELT)
    kg("import", "icews", "--store", path, ICEWS)
    return path


@pytest.fixture(scope="module")
def view(store: Path) -> dict[str, Any]:
    graph = KnowledgeGraph.open(store, read_only=True)
    try:
        return graph.to_json()
    finally:
        graph.close()


@pytest.fixture(scope="module")
def full(view: dict[str, Any]) -> nx.MultiDiGraph:
    """What the page draws from: actors and events."""
    return to_networkx(view, include_events=True)


@pytest.fixture(scope="module")
def actors(view: dict[str, Any]) -> nx.MultiDiGraph:
    """The actor network, as ``KnowledgeGraph.to_networkx()`` gives it."""
    return to_networkx(view)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch(sync_api) as chromium:
        yield chromium


def rendered(browser: Any, store: Path, html: Path, *options: str) -> Iterator[Page]:
    kg("render", "--store", store, "--output", html, *options)
    loaded = open_page(browser, html)
    yield loaded
    loaded.page.close()


@pytest.fixture(scope="module")
def default_page(
    browser: Any, store: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Page]:
    yield from rendered(browser, store, tmp_path_factory.mktemp("render") / "all.html")


@pytest.fixture(scope="module")
def limited_page(
    browser: Any, store: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Page]:
    html = tmp_path_factory.mktemp("render") / "top.html"
    yield from rendered(browser, store, html, "--max-nodes", str(LIMIT))


def drawn(loaded: Page) -> dict[str, Any]:
    shown: dict[str, Any] = loaded.page.evaluate(
        """() => ({nodes: window.kgNetwork.body.data.nodes.getIds(),
                   edges: window.kgNetwork.body.data.edges.getIds(),
                   declared: window.kgCounts})"""
    )
    return shown


def hidden_counts(loaded: Page) -> tuple[int, int, int]:
    """(nodes, actors, events) from the visible "… not shown" line."""
    text = loaded.page.locator("#kg-hidden").inner_text()
    found = re.match(r"(\d+) nodes not shown \((\d+) actors, (\d+) events", text)
    assert found, text
    nodes, hidden_actors, events = map(int, found.groups())
    return nodes, hidden_actors, events


def code(iri: str | None) -> str | None:
    if iri is None:
        return None
    assert iri.startswith(ACTOR_IRI), iri
    return iri.removeprefix(ACTOR_IRI)


# --- kg query -------------------------------------------------------------------------


def test_who_condemns_whom_lists_the_imported_condemnations(
    store: Path, view: dict[str, Any]
) -> None:
    rows = json.loads(kg("query", "who-condemns-whom", "--store", store, "-o", "json").stdout)
    graph = KnowledgeGraph.open(store, read_only=True)
    try:
        api = json.loads(graph.run("who-condemns-whom").to_json())
    finally:
        graph.close()
    assert rows == api
    condemnations = [r for r in view["reactions"] if r["type"] == "condemns"]
    # both datasets contributed (reaction ids are .../reaction/<dataset>/<event id>)
    assert {r["id"].split("/")[-2] for r in condemnations} == {"gdelt", "icews"}
    expected = Counter(
        (r["agent"]["code"], r["target"]["code"] if r["target"] else None) for r in condemnations
    )
    # An actor's condemnations of itself (Armenia, China here) are left out by default.
    domestic = {pair: n for pair, n in expected.items() if pair[0] == pair[1]}
    assert domestic == {("ARM", "ARM"): 1, ("CHN", "CHN"): 1}
    got = {(code(row["agent"]), code(row["target"])): row["reactions"] for row in rows}
    assert got == {pair: n for pair, n in expected.items() if pair not in domestic}
    assert all(row["agent_label"] for row in rows)


# --- kg render, default limit -----------------------------------------------------------


def test_render_cli_default_limit_is_render_html_default() -> None:
    assert f"[default: {DEFAULT_MAX_NODES}]" in kg("render", "--help").stdout


def test_render_draws_every_actor_and_attack_under_the_limit(
    default_page: Page, full: nx.MultiDiGraph, actors: nx.MultiDiGraph
) -> None:
    # The json view lists the samples' attacks as events, not their plain records.
    assert len(full) <= DEFAULT_MAX_NODES
    assert len(full) > len(actors)
    shown = drawn(default_page)
    assert set(shown["nodes"]) == set(full)
    assert set(actors) <= set(shown["nodes"])
    assert len(shown["edges"]) == full.number_of_edges()
    assert shown["declared"] == {"nodes": len(full), "edges": full.number_of_edges()}
    assert default_page.page.locator("#kg-hidden").count() == 0


def test_render_of_imported_data_loads_offline_without_errors(default_page: Page) -> None:
    assert default_page.aborted == []
    assert default_page.console_errors == []
    assert default_page.page_errors == []


# --- kg render --max-nodes --------------------------------------------------------------


def test_max_nodes_draws_exactly_the_highest_degree_actors(
    limited_page: Page, full: nx.MultiDiGraph, actors: nx.MultiDiGraph
) -> None:
    assert actors.number_of_nodes() > LIMIT
    shown = set(drawn(limited_page)["nodes"])
    assert len(shown) == LIMIT
    assert shown == set(select_nodes(full, LIMIT))
    # independently of select_nodes: every actor above the degree at the cut is shown,
    # and none below it (ties at the cut may go either way)
    degrees = sorted((full.degree(n) for n in full), reverse=True)
    cut = degrees[LIMIT - 1]
    assert cut > 0
    assert {n for n in full if full.degree(n) > cut} <= shown
    assert all(full.degree(n) >= cut for n in shown)
    assert all(full.nodes[n]["class"] != "Event" for n in shown)


def test_max_nodes_page_says_how_many_were_left_out(
    limited_page: Page, full: nx.MultiDiGraph, actors: nx.MultiDiGraph
) -> None:
    assert limited_page.page.locator("#kg-hidden").is_visible()
    nodes, hidden_actors, events = hidden_counts(limited_page)
    assert nodes == full.number_of_nodes() - LIMIT
    assert hidden_actors == actors.number_of_nodes() - LIMIT
    assert events == full.number_of_nodes() - actors.number_of_nodes()
    assert limited_page.aborted == []
    assert limited_page.console_errors == [] and limited_page.page_errors == []


def test_hovering_an_imported_edge_shows_its_reaction(
    limited_page: Page, full: nx.MultiDiGraph
) -> None:
    page = limited_page.page
    # the straight edge between two actors whose midpoint is farthest from every node
    # (a self-loop is drawn beside its node and catches the pointer near it)
    found: dict[str, Any] | None = page.evaluate(
        """() => {
            const network = window.kgNetwork;
            const box = document.getElementById("kg-network").getBoundingClientRect();
            const ids = network.body.data.nodes.getIds();
            const all = network.getPositions(ids);
            const dom = ids.map((id) => network.canvasToDOM(all[id]));
            let best = null;
            for (const edge of network.body.data.edges.get()) {
                if (edge.from === edge.to || (edge.smooth && edge.smooth.enabled)) continue;
                const a = network.canvasToDOM(all[edge.from]);
                const b = network.canvasToDOM(all[edge.to]);
                const mid = {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};
                if (network.getEdgeAt(mid) !== edge.id) continue;
                const room = Math.min(...dom.map((p) => Math.hypot(p.x - mid.x, p.y - mid.y)));
                if (best === null || room > best.room) {
                    best = {id: edge.id, from: edge.from, to: edge.to, kind: edge.reaction,
                            x: box.left + mid.x, y: box.top + mid.y, room: room};
                }
            }
            return best;
        }"""
    )
    assert found is not None and found["room"] > 30, found
    page.mouse.move(5, 5)
    page.mouse.move(found["x"], found["y"], steps=8)
    tooltip = page.locator(".vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    data = full.edges[found["from"], found["to"], found["kind"]]
    agent, target = full.nodes[found["from"]]["label"], full.nodes[found["to"]]["label"]
    assert f"{agent} → {target}" in text
    assert all(document in text for document in data["documents"])
