"""The rendered page in headless Chromium: offline, error-free, and showing quotes as text.

Uses Debian's /usr/bin/chromium through Playwright (never ``playwright install``). Every
request that is not ``file:`` is aborted and recorded; there must be none.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import CHROMIUM, MISSING, Page, launch, open_page
from kg.analysis import to_networkx
from kg.render import render_html

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIXTURE = Path(__file__).resolve().parent / "data" / "view-belgorod.json"
HOSTILE = "<img src=x onerror=alert(1)>"
SOLIDARITY = "NATO→POL:expressesSolidarityWith"

if not CHROMIUM.exists():
    pytest.skip(MISSING, allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch(sync_api) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def view() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def loaded(browser: Any, view: dict[str, Any], tmp_path: Path) -> Iterator[Page]:
    result = open_page(browser, render_html(view, tmp_path / "belgorod.html"))
    yield result
    result.page.close()


@pytest.fixture
def hostile(browser: Any, view: dict[str, Any], tmp_path: Path) -> Iterator[Page]:
    bad = copy.deepcopy(view)
    for actor in bad["actors"]:
        if actor["code"] == "NATO":
            actor["label"] = f"NATO {HOSTILE}"
    for reaction in bad["reactions"]:
        if reaction["type"] == "expressesSolidarityWith":
            reaction["evidence"][0]["text"] = f"NATO said {HOSTILE} today"
    result = open_page(browser, render_html(bad, tmp_path / "hostile.html", title=HOSTILE))
    yield result
    result.page.close()


def edge_midpoint(page: Any, edge_id: str) -> dict[str, float]:
    """The middle of a straight edge, in page coordinates."""
    point: dict[str, float] = page.evaluate(
        """(id) => {
            const network = window.kgNetwork;
            const edge = network.body.data.edges.get(id);
            if (edge.smooth && edge.smooth.enabled) throw new Error("edge is curved: " + id);
            const pos = network.getPositions([edge.from, edge.to]);
            const a = network.canvasToDOM(pos[edge.from]);
            const b = network.canvasToDOM(pos[edge.to]);
            const box = document.getElementById("kg-network").getBoundingClientRect();
            return {x: box.left + (a.x + b.x) / 2, y: box.top + (a.y + b.y) / 2};
        }""",
        edge_id,
    )
    return point


def node_point(page: Any, node_id: str) -> dict[str, float]:
    point: dict[str, float] = page.evaluate(
        """(id) => {
            const network = window.kgNetwork;
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.getElementById("kg-network").getBoundingClientRect();
            return {x: box.left + p.x, y: box.top + p.y};
        }""",
        node_id,
    )
    return point


def hover(page: Any, point: dict[str, float]) -> str:
    """Move the mouse to ``point`` and return the tooltip's text."""
    page.mouse.move(5, 5)
    page.mouse.move(point["x"], point["y"], steps=8)
    tooltip = page.locator(".vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    text: str = tooltip.inner_text()
    return text


def quote_of(view: dict[str, Any], kind: str) -> str:
    reaction = next(r for r in view["reactions"] if r["type"] == kind)
    text: str = reaction["evidence"][0]["text"]
    return text


def test_page_is_offline_and_error_free(loaded: Page) -> None:
    assert loaded.aborted == []
    assert loaded.console_errors == []
    assert loaded.page_errors == []


def test_counts_on_the_page_equal_the_networkx_graph(loaded: Page, view: dict[str, Any]) -> None:
    G = to_networkx(view, include_events=True)
    counts = loaded.page.evaluate(
        """() => ({nodes: window.kgNetwork.body.data.nodes.length,
                   edges: window.kgNetwork.body.data.edges.length,
                   declared: window.kgCounts,
                   attrs: [document.getElementById("kg-network").dataset.nodes,
                           document.getElementById("kg-network").dataset.edges]})"""
    )
    expected = {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    assert {"nodes": counts["nodes"], "edges": counts["edges"]} == expected
    assert counts["declared"] == expected
    assert counts["attrs"] == [str(expected["nodes"]), str(expected["edges"])]


def test_hovering_an_edge_shows_its_evidence(loaded: Page, view: dict[str, Any]) -> None:
    text = hover(loaded.page, edge_midpoint(loaded.page, SOLIDARITY))
    assert quote_of(view, "expressesSolidarityWith") in text
    assert "belgorod-2023-12-30" in text


def test_hovering_another_edge_shows_its_own_evidence(loaded: Page, view: dict[str, Any]) -> None:
    text = hover(loaded.page, edge_midpoint(loaded.page, "RUS→USA:blames"))
    assert "The Russian foreign ministry was quick to lay blame" in text
    assert quote_of(view, "expressesSolidarityWith") not in text


def test_hostile_quote_shows_as_text_and_runs_nothing(hostile: Page) -> None:
    page = hostile.page
    text = hover(page, edge_midpoint(page, SOLIDARITY))
    assert f"NATO said {HOSTILE} today" in text
    page.wait_for_timeout(300)  # time for an injected onerror to fire, if there were one
    assert hostile.dialogs == []
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    # innerText turns newlines into <br>; no other element may appear
    tags = page.locator(".vis-tooltip").evaluate("e => [...e.children].map(c => c.tagName)")
    assert set(tags) <= {"BR"}


def test_hostile_label_shows_as_text_and_runs_nothing(hostile: Page) -> None:
    page = hostile.page
    text = hover(page, node_point(page, "NATO"))
    assert f"NATO {HOSTILE}" in text
    assert page.locator("#kg-title").inner_text() == HOSTILE
    assert page.title() == HOSTILE
    page.wait_for_timeout(300)
    assert hostile.dialogs == []
    assert hostile.page_errors == [] and hostile.console_errors == []
    assert hostile.aborted == []  # the <img src=x> was never requested either
