"""kg.render: one offline HTML page, with every string from the data escaped."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from kg.analysis import to_networkx
from kg.render import render_html, script_json

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "view-belgorod.json"
VIS_JS = ROOT / "kg" / "templates" / "vis-network.min.js"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "</script><script>alert(1)</script>"
HOSTILE = f"{HOSTILE_IMG} {HOSTILE_SCRIPT} \u2028&amp;"


@pytest.fixture(scope="module")
def view() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def html(view: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> str:
    page = render_html(view, tmp_path_factory.mktemp("render") / "belgorod.html")
    return page.read_text(encoding="utf-8")


def hostile_view(view: dict[str, Any]) -> dict[str, Any]:
    """The fixture with a hostile NATO label and a hostile quote on NATO → Poland."""
    bad = copy.deepcopy(view)
    for actor in bad["actors"]:
        if actor["code"] == "NATO":
            actor["label"] = HOSTILE
    for reaction in bad["reactions"]:
        if reaction["agent"]["code"] == "NATO":
            reaction["agent"]["label"] = HOSTILE
            reaction["evidence"][0]["text"] = f"NATO said {HOSTILE} today"
    return bad


def star_view(n: int) -> dict[str, Any]:
    """n actors: A0 condemns every other one, and A1..A{n-1} blame the next one."""
    actors = [
        {
            "code": f"A{i}",
            "label": f"Actor {i}",
            "wikidata": None,
            "class": "State",
            "speaks_for": None,
        }
        for i in range(n)
    ]

    def reaction(i: int, kind: str, agent: int, target: int) -> dict[str, Any]:
        return {
            "id": f"r{i}",
            "type": kind,
            "agent": {"code": f"A{agent}"},
            "speaker": None,
            "target": {"code": f"A{target}"},
            "about_event": None,
            "hedged": False,
            "according_to": None,
            "document": "d",
            "evidence": [{"text": f"quote {i}", "start": 0, "end": 7, "source": "d"}],
        }

    reactions = [reaction(i, "condemns", 0, i) for i in range(1, n)]
    reactions += [reaction(n + i, "blames", i, i + 1) for i in range(1, n - 1)]
    return {
        "format": "diplomatic-kg/json@1",
        "actors": actors,
        "events": [],
        "reactions": reactions,
    }


def embedded_data(html: str) -> dict[str, Any]:
    match = re.search(r'<script id="kg-main">.*?var data = (\{.*?\});\n', html, re.S)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


# --- offline ----------------------------------------------------------------------------


def test_no_remote_src_or_href(html: str) -> None:
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", html, re.I)
    assert "@import" not in html
    for style in re.findall(r"<style>(.*?)</style>", html, re.S):
        assert not re.search(r"""url\(\s*(?!["']?data:)""", style)


def test_content_security_policy_forbids_requests(html: str) -> None:
    assert "default-src 'none'" in html


def test_vis_network_is_inline(html: str) -> None:
    assert "@version 9.1.2" in html
    assert VIS_JS.read_text(encoding="utf-8") in html
    assert "div.vis-tooltip{" in html  # the stylesheet too


def test_counts_on_the_container(html: str, view: dict[str, Any]) -> None:
    G = to_networkx(view, include_events=True)
    assert f'data-nodes="{G.number_of_nodes()}"' in html
    assert f'data-edges="{G.number_of_edges()}"' in html
    data = embedded_data(html)
    assert (len(data["nodes"]), len(data["edges"])) == (10, 9)


def test_physics_is_off_and_positions_are_given(html: str) -> None:
    data = embedded_data(html)
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])


def test_edges_styled_by_type_and_hedging(html: str) -> None:
    edges = {e["id"]: e for e in embedded_data(html)["edges"]}
    condemns, hedged = edges["RUS→UKR:condemns"], edges["RUS→UKR:blames"]
    assert condemns["color"]["color"] != edges["USA→UKR:supports"]["color"]["color"]
    assert condemns["dashes"] is False and hedged["dashes"]
    assert condemns["arrows"]["to"]["enabled"] is True


def test_tooltips_are_plain_strings_with_quote_and_source(html: str) -> None:
    edges = {e["id"]: e for e in embedded_data(html)["edges"]}
    title = edges["RUS→UKR:blames"]["title"]
    assert isinstance(title, str)
    assert "“was allegedly targeted directly by Ukrainian forces” (hedged)" in title
    assert "belgorod-2023-12-30, characters 618–669" in title


def test_legend_lists_reaction_types(html: str) -> None:
    legend = html[html.index('<aside id="kg-legend">') : html.index("</aside>")]
    for text in ("condemns", "blames", "threatens", "supports", "solidarity", "hedged"):
        assert text in legend


def test_no_inner_html_in_our_code(html: str) -> None:
    ours = html.replace(VIS_JS.read_text(encoding="utf-8"), "")
    assert "innerHTML" not in ours


# --- escaping ---------------------------------------------------------------------------


def test_script_json_escapes_markup_and_line_separators() -> None:
    text = script_json({"a": HOSTILE})
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == {"a": HOSTILE}


def test_hostile_quote_and_label_are_not_in_the_html_unescaped(
    view: dict[str, Any], tmp_path: Path
) -> None:
    html = render_html(hostile_view(view), tmp_path / "bad.html").read_text(encoding="utf-8")
    assert HOSTILE_IMG not in html
    assert HOSTILE_SCRIPT not in html
    assert "<script>alert(1)" not in html
    assert "\u2028" not in html
    assert html.lower().count("</script") == 2  # the vis script and ours, nothing else
    # ... and the page still carries them, as data, for the tooltips
    data = embedded_data(html)
    nato = next(n for n in data["nodes"] if n["id"] == "NATO")
    assert HOSTILE in nato["title"]
    (edge,) = [e for e in data["edges"] if e["from"] == "NATO"]
    assert HOSTILE in edge["title"]


def test_hostile_title_is_escaped(view: dict[str, Any], tmp_path: Path) -> None:
    html = render_html(view, tmp_path / "t.html", title=HOSTILE).read_text(encoding="utf-8")
    assert HOSTILE_IMG not in html and HOSTILE_SCRIPT not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


# --- size limit -------------------------------------------------------------------------


def test_over_limit_graph_says_how_many_nodes_are_left_out(tmp_path: Path) -> None:
    html = render_html(star_view(40), tmp_path / "big.html", max_nodes=10).read_text("utf-8")
    assert "30 nodes not shown" in html
    assert 'data-nodes="10"' in html
    kept = {n["id"] for n in embedded_data(html)["nodes"]}
    assert "A0" in kept  # the hub has the highest degree


def test_graph_within_limit_hides_nothing(html: str) -> None:
    assert "not shown" not in html


def test_max_nodes_must_be_positive(view: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="max_nodes"):
        render_html(view, tmp_path / "x.html", max_nodes=0)


# --- the file ---------------------------------------------------------------------------


def test_written_atomically_without_leftovers(view: dict[str, Any], tmp_path: Path) -> None:
    target = tmp_path / "out" / "graph.html"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    assert render_html(view, target) == target
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]


def test_rendering_is_deterministic(view: dict[str, Any], tmp_path: Path) -> None:
    first = render_html(view, tmp_path / "a.html").read_bytes()
    assert render_html(view, tmp_path / "b.html").read_bytes() == first


# --- an actor's reactions to itself -----------------------------------------------------


def domestic_view() -> dict[str, Any]:
    """Armenia condemns Armenia (an attack at home) twice and Azerbaijan once."""
    actors = [
        {"code": c, "label": c, "wikidata": None, "class": "State", "speaks_for": None}
        for c in ("ARM", "AZE")
    ]
    reactions = [
        {
            "id": f"r{i}",
            "type": "condemns",
            "agent": {"code": "ARM"},
            "target": {"code": target},
            "about_event": None,
            "hedged": None,
            "document": "d",
            "evidence": [{"text": f"quote {i}", "start": 0, "end": 7, "source": "d"}],
        }
        for i, target in enumerate(("ARM", "ARM", "AZE"))
    ]
    return {
        "format": "diplomatic-kg/json@1",
        "actors": actors,
        "events": [],
        "reactions": reactions,
    }


def test_an_actors_reactions_to_itself_are_counted_on_its_node() -> None:
    G = to_networkx(domestic_view())
    assert [(u, v, k, w) for u, v, k, w in G.edges(keys=True, data="weight")] == [
        ("ARM", "AZE", "condemns", 1)
    ]
    assert G.nodes["ARM"]["domestic"] == {"condemns": 2}
    assert [q["text"] for q in G.nodes["ARM"]["domestic_evidence"]] == ["quote 0", "quote 1"]
    kept = to_networkx(domestic_view(), domestic=True)
    assert sorted((u, v, w) for u, v, w in kept.edges(data="weight")) == [
        ("ARM", "ARM", 2),
        ("ARM", "AZE", 1),
    ]
    assert "domestic" not in kept.nodes["ARM"]


def test_the_rendered_page_draws_no_self_loop_unless_asked(tmp_path: Path) -> None:
    page = render_html(domestic_view(), tmp_path / "a.html").read_text(encoding="utf-8")
    data = embedded_data(page)
    assert [(e["from"], e["to"]) for e in data["edges"]] == [("ARM", "AZE")]
    [arm] = [n for n in data["nodes"] if n["id"] == "ARM"]
    assert "at home (reactions to itself): condemns 2" in arm["title"]
    kept = render_html(domestic_view(), tmp_path / "b.html", domestic=True)
    edges = embedded_data(kept.read_text(encoding="utf-8"))["edges"]
    assert sorted((e["from"], e["to"]) for e in edges) == [("ARM", "ARM"), ("ARM", "AZE")]
