"""The web explorer's speed in headless Chromium: first render on the demo store, and the
first layout and redraws of a 2,000-edge graph, against `kg render`'s static page on the
same edges (the obvious alternative: the pyvis page a user opens from disk).

    python benchmarks/explorer.py                 # needs ../shared (GDELT, ICEWS samples)
    python benchmarks/explorer.py --edges 2000 --runs 3

It builds two stores under --workdir: the seed example, and the seed plus 60,000 GDELT
events resampled from the shared export and the shared ICEWS sample. Each figure is the
median of --runs page loads, each in a fresh browser page.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "tests"), str(HERE)]

from browser import ARGS, CHROMIUM  # noqa: E402
from served import Server  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
SEED = ROOT / "examples" / "belgorod-2023-12-30" / "annotation.yaml"
EDGES_QUERY = (
    "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>\n"
    "SELECT ?reaction ?agent ?target ?type WHERE {{\n"
    "  ?reaction dkg:agent ?agent ; dkg:target ?target ; a ?class .\n"
    "  ?class dkg:jsonName ?type .\n"
    "}} LIMIT {edges}"
)


def kg(*args: str | Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)], check=True, stdout=subprocess.DEVNULL
    )


def build_stores(workdir: Path) -> tuple[Path, Path]:
    demo, big = workdir / "demo", workdir / "big"
    if not demo.exists():
        kg("add", "--store", demo, SEED)
    if not big.exists():
        from scale import build_csv

        kg("add", "--store", big, SEED)
        kg("import", "gdelt", "--store", big, build_csv(workdir / "gdelt-60000.CSV", 60_000))
        kg("import", "icews", "--store", big, SHARED / "icews" / "events.2018.sample.tab")
    return demo, big


def explorer_load(browser: Any, url: str, *, graph: bool) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(url)
        page.wait_for_selector("body[data-ready=true]", timeout=120_000)
        figures = {"ready_ms": float(page.get_attribute("body", "data-ready-ms") or "nan")}
        if graph:
            page.wait_for_selector("[data-testid=graph][data-stabilized=true]", timeout=120_000)
            graph_div = page.locator("[data-testid=graph]")
            figures["drawn_ms"] = float(graph_div.get_attribute("data-drawn-ms") or "nan")
            figures["layout_ms"] = float(graph_div.get_attribute("data-layout-ms") or "nan")
            figures["edges"] = float(graph_div.get_attribute("data-edges") or "nan")
            figures["redraw_ms"] = redraw_ms(page)
        return figures
    finally:
        page.close()


def redraw_ms(page: Any) -> float:
    """Median time of ten zoom steps, each waited for until drawn: what a user feels."""
    times = []
    for step in range(10):
        started = time.perf_counter()
        page.evaluate(
            """(scale) => new Promise((done) => {
                const network = window.kgExplorer.network;
                network.once('afterDrawing', () => done());
                network.moveTo({scale});
            })""",
            0.6 + step * 0.05,
        )
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def static_page(store: Path, server: Server, edges: int, html: Path) -> Path:
    """`kg render`'s page of the very reactions the explorer draws (it merges parallel
    reactions of one type into one edge, as it always does)."""
    from kg import KnowledgeGraph
    from kg.render import render_html

    answer = server.post(
        "/sparql",
        data={"query": EDGES_QUERY.format(edges=edges)},
        headers={"Accept": "application/sparql-results+json"},
    )
    wanted = {row["reaction"]["value"] for row in answer.json()["results"]["bindings"]}
    graph = KnowledgeGraph.open(store, read_only=True)
    try:
        view = graph.to_json()
    finally:
        graph.close()
    view["reactions"] = [r for r in view["reactions"] if r["id"] in wanted]
    return render_html(view, html)


def static_page_load(browser: Any, html: Path) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        started = time.perf_counter()
        page.goto(html.resolve().as_uri())
        page.wait_for_function(
            "document.getElementById('kg-network').dataset.ready === 'true'", timeout=120_000
        )
        edges = float(page.get_attribute("#kg-network", "data-edges") or "nan")
        return {"layout_ms": (time.perf_counter() - started) * 1000, "edges": edges}
    finally:
        page.close()


def median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kg-explorer-bench"))
    parser.add_argument("--edges", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.workdir.mkdir(parents=True, exist_ok=True)
    demo, big = build_stores(args.workdir)
    servers = [Server(demo, args.workdir / "demo.log"), Server(big, args.workdir / "big.log")]
    try:
        page_html = static_page(big, servers[1], args.edges, args.workdir / "render.html")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            demo_runs = [
                explorer_load(
                    browser, f"{servers[0].url}/#name=who-condemns-whom&view=graph", graph=True
                )
                for _ in range(args.runs)
            ]
            query = quote(EDGES_QUERY.format(edges=args.edges))
            big_runs = [
                explorer_load(browser, f"{servers[1].url}/#query={query}&view=graph", graph=True)
                for _ in range(args.runs)
            ]
            static_runs = [static_page_load(browser, page_html) for _ in range(args.runs)]
            browser.close()
    finally:
        for server in servers:
            server.stop()
    print(
        f"explorer on the demo store: page ready with its first result drawn in "
        f"{median(demo_runs, 'ready_ms'):.0f} ms (target < 1000 ms)"
    )
    print(
        f"explorer, {median(big_runs, 'edges'):.0f} edges: first drawing "
        f"{median(big_runs, 'drawn_ms'):.0f} ms, layout done {median(big_runs, 'layout_ms'):.0f} ms"
        f" after the result arrived, page ready {median(big_runs, 'ready_ms'):.0f} ms, "
        f"a zoom step redrawn in {median(big_runs, 'redraw_ms'):.1f} ms"
    )
    print(
        f"kg render's static page of the same reactions ({median(static_runs, 'edges'):.0f} "
        f"merged edges): layout done {median(static_runs, 'layout_ms'):.0f} ms after opening"
    )
    ratio = (median(big_runs, "ready_ms") + median(big_runs, "layout_ms")) / median(
        static_runs, "layout_ms"
    )
    print(f"ratio explorer / static page (time to a laid-out graph): {ratio:.2f}")


if __name__ == "__main__":
    main()
