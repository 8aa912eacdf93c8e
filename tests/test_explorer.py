"""The web explorer that ``kg serve`` answers ``/`` with, as a user meets it: a real server
on loopback over a store on disk, Debian's headless Chromium driven by Playwright, and every
request that leaves the server's origin aborted and recorded (there must be none).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from browser import ARGS, CHROMIUM, MISSING
from conftest import SEED_ANNOTATION
from kg import KnowledgeGraph
from kg.explorer import CONTENT_SECURITY_POLICY
from served import Server

SRJ = "application/sparql-results+json"
HOSTILE = "<img src=x onerror=alert(1)>"
QUOTE = 'Poland said it "strongly condemns" Belarus <script>alert(2)</script>'
#: A typed query: every reaction with its agent and target, in the union default graph.
TYPED = (
    "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>\n"
    "SELECT ?reaction ?agent ?target WHERE {\n"
    "  ?reaction dkg:agent ?agent ; dkg:target ?target .\n"
    "}"
)


def _hostile_annotation(folder: Path) -> Path:
    """An article whose text, quote and title carry markup that must stay text."""
    folder.mkdir(parents=True)
    article = (
        # Flags are two code points beyond the BMP each: offsets count code points, which
        # JavaScript strings do not.
        f"Markup in the news \U0001f1f5\U0001f1f1 {HOSTILE}\n\n"
        f'Poland said it "strongly condemns" Belarus <script>alert(2)</script> after the '
        f"border incident {HOSTILE}.\n"
    )
    (folder / "article.txt").write_text(article, encoding="utf-8")
    quote_text = QUOTE
    (folder / "annotation.yaml").write_text(
        "format: diplomatic-kg/annotation@1\n"
        "document: {id: hostile-markup, date: 2024-05-01, text_file: article.txt, "
        f"title: {json.dumps('Markup ' + HOSTILE)}}}\n"
        "reactions:\n"
        "  - {type: condemns, agent: POL, target: BLR, hedged: false,\n"
        f"     evidence: {json.dumps(quote_text)}}}\n",
        encoding="utf-8",
    )
    return folder / "annotation.yaml"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("explorer")
    store = root / "store"
    graph = KnowledgeGraph.open(store)
    graph.add_annotation(SEED_ANNOTATION)
    graph.add_annotation(_hostile_annotation(root / "hostile"))
    graph.close()
    running = Server(store, root / "server.log")
    yield running
    running.stop()


def _select(server: Server, query: str) -> list[dict[str, Any]]:
    response = server.post("/sparql", data={"query": query}, headers={"Accept": SRJ})
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()["results"]["bindings"]
    return rows


def _named(server: Server, name: str, **params: str) -> list[dict[str, Any]]:
    response = server.get(f"/queries/{name}", params=params, headers={"Accept": SRJ})
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()["results"]["bindings"]
    return rows


# --------------------------------------------------------------------- without a browser


def test_the_root_is_the_explorer_with_a_policy_that_names_only_its_own_origin(
    server: Server,
) -> None:
    response = httpx.get(server.url + "/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    policy = response.headers["content-security-policy"]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert policy == CONTENT_SECURITY_POLICY.format(nonce=nonce)
    assert f'<meta name="csp-nonce" content="{nonce}">' in response.text
    assert 'data-testid="query-editor"' in response.text
    # A fresh nonce for every page: one that could be guessed would let injected styles in.
    assert httpx.get(server.url + "/").headers["content-security-policy"] != policy


def test_the_explorer_files_are_served_and_nothing_else_is(server: Server) -> None:
    assert server.get("/explorer/explorer.js").status_code == 200
    assert server.get("/explorer/LICENSES.txt").text.startswith("The explorer bundles")
    for path in ("/explorer/..%2F..%2Fpyproject.toml", "/explorer/index.html", "/explorer/x.js"):
        assert server.get(path).status_code == 404, path


def test_a_named_query_text_is_served_for_the_editor(server: Server) -> None:
    response = server.get("/explorer/queries/who-blames-whom.rq")
    assert response.status_code == 200
    assert "# param agent: actor" in response.text
    assert server.get("/explorer/queries/..%2Fserver.rq").status_code == 404


# --------------------------------------------------------------------- in the browser


class Explorer:
    """The page in Chromium, with what it reported: console errors, page errors, dialogs
    and every request that tried to leave the server's origin."""

    def __init__(self, browser: Any, server: Server) -> None:
        self.server = server
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        self.aborted: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(self.server.url + "/"):
            route.continue_()
        else:
            self.aborted.append(route.request.url)
            route.abort()

    def open(self, fragment: str = "") -> None:
        self.page.goto(f"{self.server.url}/{fragment}")
        self.page.wait_for_selector("body[data-ready=true]")

    def type_query(self, text: str) -> None:
        self.page.click(".cm-content")
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        # insertText: the editor's auto-indent would re-indent typed newlines
        self.page.keyboard.insert_text(text)

    def rows(self) -> int:
        count: int = self.page.locator("[data-testid=results] [data-testid=row]").count()
        return count

    def wait_for_status(self, rows: int | None = None) -> str:
        # A selector, not wait_for_function: the page's policy forbids eval, which that uses.
        # With ``rows``, the status of a run that found that many: the page opens on a query
        # of its own, whose status would otherwise satisfy the wait before the new run ends.
        done = f"^{rows} rows in" if rows is not None else "rows in"
        self.page.wait_for_selector(f"#status:text-matches('{done}|error')")
        text: str = self.page.text_content("#status") or ""
        return text

    def graph_counts(self) -> tuple[int, int]:
        graph = self.page.locator("[data-testid=graph]")
        return int(graph.get_attribute("data-nodes") or -1), int(
            graph.get_attribute("data-edges") or -1
        )

    def assert_clean(self) -> None:
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.dialogs == []
        assert self.aborted == []


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(MISSING)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def explorer(browser: Any, server: Server) -> Iterator[Explorer]:
    page = Explorer(browser, server)
    yield page
    page.page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_a_typed_query_shows_as_many_rows_as_the_endpoint_answers(
    explorer: Explorer, server: Server
) -> None:
    explorer.open()
    explorer.type_query(TYPED)
    explorer.page.click("[data-testid=run]")
    assert explorer.wait_for_status().startswith("9 rows")
    assert explorer.rows() == len(_select(server, TYPED)) == 9
    explorer.assert_clean()


@pytest.mark.browser
@pytest.mark.slow
def test_ctrl_enter_runs_the_query_from_the_editor(explorer: Explorer, server: Server) -> None:
    explorer.open()
    explorer.type_query(TYPED + " LIMIT 2")
    explorer.page.keyboard.press("Control+Enter")
    assert explorer.wait_for_status().startswith("2 rows")
    assert explorer.rows() == 2
    explorer.assert_clean()


@pytest.mark.browser
@pytest.mark.slow
def test_the_page_can_be_crossed_by_keyboard(explorer: Explorer) -> None:
    explorer.open()
    reached = []
    for _ in range(12):
        explorer.page.keyboard.press("Tab")
        reached.append(
            explorer.page.evaluate(
                "document.activeElement.dataset.testid || document.activeElement.id || "
                "document.activeElement.tagName"
            )
        )
    # The picker, then the editor's text, then the run button, in reading order.
    order = [reached.index(name) for name in ("named-query", "query-text", "run")]
    assert order == sorted(order)
    explorer.assert_clean()


@pytest.mark.browser
@pytest.mark.slow
def test_a_named_query_runs_with_its_parameter(explorer: Explorer, server: Server) -> None:
    explorer.open()
    explorer.page.select_option("[data-testid=named-query]", "who-blames-whom")
    explorer.page.fill("[data-testid=param-agent]", "RUS")
    explorer.page.click("[data-testid=run]")
    expected = _named(server, "who-blames-whom", agent="RUS")
    explorer.wait_for_status(rows=len(expected))
    assert explorer.rows() == len(expected) == 3
    cells = explorer.page.locator("[data-testid=row] td:nth-child(4)").all_text_contents()
    assert sorted(cells) == sorted(row["target_label"]["value"] for row in expected)
    assert "name=who-blames-whom" in explorer.page.url and "p.agent=RUS" in explorer.page.url
    explorer.assert_clean()


@pytest.mark.browser
@pytest.mark.slow
def test_the_graph_has_a_node_per_actor_and_an_edge_per_row(
    explorer: Explorer, server: Server
) -> None:
    explorer.open("#name=reactions")
    explorer.wait_for_status()
    explorer.page.click("[role=tab][data-view=graph]")
    explorer.page.wait_for_selector("[data-testid=graph][data-stabilized=true]")
    rows = _named(server, "reactions")
    drawn = [row for row in rows if "target" in row]
    actors = {row["agent"]["value"] for row in drawn} | {row["target"]["value"] for row in drawn}
    assert explorer.graph_counts() == (len(actors), len(drawn)) == (7, 9)
    explorer.assert_clean()


def _click_edge(explorer: Explorer, index: int) -> None:
    """Click the middle of one drawn edge, where vis-network's hit test finds it."""
    point = explorer.page.evaluate(
        """(index) => {
            const network = window.kgExplorer.network;
            const edge = network.body.edges[index];
            const mid = edge.edgeType.getPoint(0.5);
            const dom = network.canvasToDOM(mid);
            const canvas = document.querySelector('[data-testid=graph] canvas');
            const box = canvas.getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y};
        }""",
        index,
    )
    explorer.page.mouse.click(point["x"], point["y"])


@pytest.mark.browser
@pytest.mark.slow
def test_clicking_an_edge_highlights_its_quote_at_its_offsets(
    explorer: Explorer, server: Server
) -> None:
    explorer.open("#name=reactions&view=graph")
    explorer.page.wait_for_selector("[data-testid=graph][data-stabilized=true]")
    rows = _named(server, "reactions")
    index = next(
        i for i, row in enumerate(rows) if row["quote"]["value"].startswith("the attack was")
    )
    _click_edge(explorer, index)
    mark = explorer.page.wait_for_selector("[data-testid=evidence] [data-testid=quote]")
    start, end = int(rows[index]["start"]["value"]), int(rows[index]["end"]["value"])
    assert (
        int(mark.get_attribute("data-start") or -1),
        int(mark.get_attribute("data-end") or -1),
    ) == (
        start,
        end,
    )
    text = (SEED_ANNOTATION.parent / "article.txt").read_text(encoding="utf-8")
    assert mark.text_content() == text[start:end]
    # The whole article, in order: what precedes the mark is the text before the span.
    article = explorer.page.text_content("[data-testid=evidence] [data-testid=article]")
    assert article == text
    assert explorer.page.text_content("[data-testid=evidence] h2") == "Russia condemns Ukraine"
    fields = explorer.page.locator("[data-testid=evidence] dl").first.text_content()
    assert fields == "hedgednoeventstrike in Belgorodsourcebelgorod-2023-12-30readingcurated"
    accounts = explorer.page.locator("[data-testid=accounts] li").all_text_contents()
    assert sorted(accounts) == [
        "carried out by UKR, hedged (the document)",
        "children killed: at least 2 (“at least two children”) (the document)",
        "injured: 111 (“111 others”) (the document)",
        "killed: at least 13 (“over a dozen”) (the document)",
    ]
    explorer.assert_clean()


@pytest.mark.browser
@pytest.mark.slow
def test_a_link_reproduces_the_view(explorer: Explorer, browser: Any, server: Server) -> None:
    explorer.open()
    explorer.page.select_option("[data-testid=named-query]", "who-blames-whom")
    explorer.page.fill("[data-testid=param-agent]", "RUS")
    explorer.page.click("[data-testid=run]")
    explorer.wait_for_status()
    explorer.page.click("[role=tab][data-view=graph]")
    explorer.page.wait_for_selector("[data-testid=graph][data-stabilized=true]")
    link = explorer.page.url
    first = explorer.graph_counts()

    again = Explorer(browser, server)
    try:
        again.page.goto(link)
        again.page.wait_for_selector("body[data-ready=true]")
        again.page.wait_for_selector("[data-testid=graph][data-stabilized=true]")
        assert again.page.input_value("[data-testid=param-agent]") == "RUS"
        assert again.page.input_value("[data-testid=named-query]") == "who-blames-whom"
        assert again.graph_counts() == first == (4, 3)
        again.assert_clean()
    finally:
        again.page.close()
    explorer.assert_clean()


@pytest.mark.browser
@pytest.mark.slow
def test_a_link_carries_a_typed_query(explorer: Explorer) -> None:
    explorer.open(f"#query={quote(TYPED)}")
    assert explorer.wait_for_status().startswith("9 rows")
    assert explorer.rows() == 9
    explorer.assert_clean()


@pytest.mark.browser
@pytest.mark.slow
def test_hostile_strings_stay_text(explorer: Explorer, server: Server) -> None:
    rows = _named(server, "reactions-between", agent="POL", target="BLR")
    explorer.open("#name=reactions-between&p.agent=POL&p.target=BLR")
    explorer.wait_for_status()
    explorer.page.click("[data-testid=row]")
    mark = explorer.page.wait_for_selector("[data-testid=evidence] [data-testid=quote]")
    assert mark.text_content() == QUOTE
    assert HOSTILE in (explorer.page.text_content("[data-testid=article]") or "")
    assert (
        explorer.page.locator("[data-testid=evidence] img, [data-testid=evidence] script").count()
        == 0
    )
    assert len(rows) == 1
    # An error that echoes the query's text is shown as text too.
    explorer.type_query(f"SELECT * WHERE {{ {HOSTILE} }}")
    explorer.page.click("[data-testid=run]")
    assert explorer.wait_for_status().startswith("error 400")
    assert explorer.page.locator("#query-error img").count() == 0
    assert explorer.page.locator(".cm-error-line").count() == 1
    # The browser logs the refused request itself; nothing else may complain.
    assert explorer.console_errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    explorer.console_errors.clear()
    explorer.assert_clean()


@pytest.mark.browser
@pytest.mark.slow
def test_screenshots_of_the_table_graph_and_evidence_views(
    explorer: Explorer, tmp_path: Path
) -> None:
    """The README's pictures: set KG_SCREENSHOTS=docs to write them there."""
    folder = Path(os.environ.get("KG_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    explorer.open("#name=reactions")
    explorer.wait_for_status()
    explorer.page.screenshot(path=str(folder / "explorer-table.png"))
    explorer.page.locator("[data-testid=row]").nth(2).click()
    explorer.page.wait_for_selector("[data-testid=evidence] [data-testid=quote]")
    explorer.page.screenshot(path=str(folder / "explorer-evidence.png"))
    explorer.page.click("[data-testid=evidence] .close")
    explorer.page.click("[role=tab][data-view=graph]")
    explorer.page.wait_for_selector("[data-testid=graph][data-stabilized=true]")
    explorer.page.screenshot(path=str(folder / "explorer-graph.png"))
    assert sorted(p.name for p in folder.glob("explorer-*.png")) == [
        "explorer-evidence.png",
        "explorer-graph.png",
        "explorer-table.png",
    ]
    explorer.assert_clean()


def test_the_built_assets_ship_with_their_licences() -> None:
    static = Path(__file__).resolve().parents[1] / "kg" / "explorer" / "static"
    licences = (static / "LICENSES.txt").read_text(encoding="utf-8")
    for package in ("@codemirror/view", "@codemirror/legacy-modes", "style-mod", "vis-network"):
        assert f"=== {package}" in licences
    # The bundle is built, not a placeholder: it carries the editor's SPARQL mode.
    assert "sparql" in (static / "explorer.js").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.slow
def test_the_timeline_puts_one_mark_per_dated_row(explorer: Explorer) -> None:
    documents = (
        "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
        "SELECT ?doc ?date WHERE { ?doc dcterms:issued ?date }"
    )
    explorer.open(f"#query={quote(documents)}&view=timeline")
    explorer.wait_for_status()
    timeline = explorer.page.locator("[data-testid=timeline]")
    assert timeline.get_attribute("data-marks") == "2"
    assert timeline.locator("circle.mark").count() == 2
    ticks = timeline.locator("text.tick").all_text_contents()
    assert ticks == ["2023-12-30", "2024-05-01"]
    explorer.assert_clean()


@pytest.mark.browser
@pytest.mark.slow
def test_clicking_an_actor_opens_its_page(explorer: Explorer) -> None:
    explorer.open("#name=who-blames-whom")
    explorer.wait_for_status()
    explorer.page.locator("[data-testid=row] button.link", has_text="RUS").first.click()
    name = explorer.page.wait_for_selector("[data-testid=actor-name]")
    assert name.text_content() == "Russia (RUS)"
    panel = explorer.page.text_content("[data-testid=evidence]") or ""
    assert "Wikidata" in panel and "wd:Q159" in panel
    # Russia in the seed: a threat, a condemnation and three blames, none received.
    counts = explorer.page.text_content("[data-testid=actor-counts]")
    assert counts == "5 reactions made, 0 received"
    opponents = explorer.page.locator("[data-testid=opponents] li").all_text_contents()
    assert opponents == ["Ukraine (3)", "United Kingdom (1)", "United States (1)"]
    partners = explorer.page.locator("[data-testid=partners] li").all_text_contents()
    assert partners == ["none recorded"]
    # Memberships with their days (the UN's and the G20's are recorded without).
    memberships = explorer.page.locator("[data-testid=memberships] li").all_text_contents()
    assert memberships == [
        "G20",
        "United Nations",
        "United Nations Security Council: permanent member (1991-12-24 – today)",
    ]
    # Its five reactions, all dated by the article: one month, five made, none received.
    months = explorer.page.locator("[data-testid=over-time] [data-testid=month]")
    assert months.all_text_contents() == ["2023-12▮▮▮▮▮ 5· 0"]
    explorer.assert_clean()


@pytest.mark.slow
def test_the_committed_bundle_is_what_the_sources_build(tmp_path: Path) -> None:
    """`make explorer` was run after the last change to kg/explorer/frontend/src."""
    npm, node = shutil.which("npm"), shutil.which("node")
    if not npm or not node:
        pytest.skip("Node and npm are needed to rebuild the explorer")
    frontend = Path(__file__).resolve().parents[1] / "kg" / "explorer" / "frontend"
    # `npm ls` fails when node_modules misses a package of the lock file (or has another
    # version): then it is installed afresh from the lock file.
    listed = subprocess.run([npm, "ls", "--depth=0"], cwd=frontend, capture_output=True)
    if listed.returncode != 0:
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=frontend, check=True, capture_output=True
        )
    subprocess.run(
        [node, "build.mjs", "--out", str(tmp_path)], cwd=frontend, check=True, capture_output=True
    )
    static = frontend.parent / "static"
    for name in ("explorer.js", "LICENSES.txt"):
        assert (tmp_path / name).read_bytes() == (static / name).read_bytes(), name


@pytest.mark.browser
@pytest.mark.slow
def test_the_map_puts_one_mark_per_row_with_coordinates_over_country_outlines(
    explorer: Explorer,
) -> None:
    places = (
        'SELECT ?place ?lat ?long WHERE { VALUES (?place ?lat ?long) { ("Belgorod" 50.6 36.6)'
        ' ("Kyiv" 50.45 30.52) ("nowhere" "n/a" "n/a") } }'
    )
    explorer.open(f"#query={quote(places)}&view=map")
    explorer.wait_for_status()
    chart = explorer.page.locator("[data-testid=map]")
    assert chart.get_attribute("data-marks") == "2"
    assert chart.locator("circle.mark").count() == 2
    # Natural Earth's 1:110m countries, bundled: drawn with no request to any tile server.
    assert chart.locator("path.country").count() == 177
    titles = chart.locator("circle.mark title").all_text_contents()
    assert titles == ["place: Belgorod", "place: Kyiv"]
    explorer.assert_clean()


@pytest.mark.browser
@pytest.mark.slow
def test_a_column_header_sorts_the_rows_both_ways(explorer: Explorer) -> None:
    explorer.open("#name=reactions")
    explorer.wait_for_status()

    def column(name: str) -> list[str]:
        index = explorer.page.locator("th button.sort").all_text_contents().index(name) + 1
        cells = explorer.page.locator(f"[data-testid=row] td:nth-child({index})")
        return cells.all_text_contents()

    explorer.page.click("th button.sort:text-is('start')")
    ascending = column("start")
    assert [int(value) for value in ascending] == sorted(int(value) for value in ascending)
    explorer.page.click("th button.sort:text-is('start')")
    assert column("start") == ascending[::-1]
    assert explorer.page.get_attribute("th:has(button:text-is('start'))", "aria-sort") == (
        "descending"
    )
    explorer.assert_clean()


@pytest.mark.browser
@pytest.mark.slow
def test_the_results_download_as_csv_and_json(explorer: Explorer, server: Server) -> None:
    explorer.open("#name=who-blames-whom&p.agent=RUS")
    explorer.wait_for_status()
    with explorer.page.expect_download() as download:
        explorer.page.click("#download-csv")
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    expected = _named(server, "who-blames-whom", agent="RUS")
    assert lines[0].split(",")[:4] == ["agent", "agent_label", "target", "target_label"]
    assert len(lines) == 1 + len(expected) == 4
    with explorer.page.expect_download() as download:
        explorer.page.click("#download-json")
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert saved["results"]["bindings"] == expected
    explorer.assert_clean()
