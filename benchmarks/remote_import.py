#!/usr/bin/env python
"""Remote import benchmark: ``kg import`` into Virtuoso through the Graph Store Protocol,
against the obvious alternative, SPARQL ``INSERT DATA`` batches, on the same data in the
same run (and the embedded store for scale).

Starts Debian's Virtuoso on loopback in a temporary folder (the tests' launcher,
``tests/virtuoso.py``: one way to start it, not two), builds N resampled GDELT events
(``benchmarks/scale.py``'s generator), then imports them ``--repeat`` times each way, in
turns, every import into a graph of its own (a file imported into one graph is not
imported into another), and prints the times, events/s, the median ratio and a check
that both ways wrote the same number of triples.

Usage::

    python benchmarks/remote_import.py                    # N = 20,000, 3 turns
    python benchmarks/remote_import.py --events 100000 --repeat 1
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pyoxigraph import NamedNode

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "tests", ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from scale import build_csv  # noqa: E402

from kg import KnowledgeGraph  # noqa: E402
from kg.importers import import_files  # noqa: E402
from kg.remote import RemoteStore  # noqa: E402
from virtuoso import running_virtuoso  # noqa: E402


def import_remote(endpoint: str, csv: Path, graph: str, graph_store: str | None) -> float:
    """Seconds to import ``csv`` into ``graph`` of the Virtuoso at ``endpoint``."""
    with RemoteStore(endpoint, graph_store=graph_store) as store:
        started = time.perf_counter()
        import_files(store, "gdelt", [csv], graph=graph)
        return time.perf_counter() - started


def count(endpoint: str, graph: str) -> int:
    with RemoteStore(endpoint, read_only=True) as store:
        return store.count(NamedNode(graph))


def import_embedded(csv: Path, folder: Path) -> float:
    with KnowledgeGraph.open(folder) as kg:
        started = time.perf_counter()
        import_files(kg, "gdelt", [csv])
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kg-remote-bench-") as tmp:
        csv = build_csv(Path(tmp) / f"gdelt-{args.events}.csv", args.events)
        times: dict[str, list[float]] = {"graph store": [], "INSERT DATA": [], "embedded": []}
        triples: dict[str, int] = {}
        with running_virtuoso() as server:
            for turn in range(args.repeat):
                for way, graph_store in (("graph store", "auto"), ("INSERT DATA", None)):
                    graph = f"https://example.org/bench/{way.replace(' ', '-')}/{turn}"
                    seconds = import_remote(server.endpoint, csv, graph, graph_store)
                    times[way].append(seconds)
                    triples[way] = count(server.endpoint, graph)
                    print(f"turn {turn + 1}: {way:<12} {seconds:7.2f} s", flush=True)
                embedded = import_embedded(csv, Path(tmp) / f"store-{turn}")
                times["embedded"].append(embedded)
                print(f"turn {turn + 1}: {'embedded':<12} {embedded:7.2f} s", flush=True)

    print(f"\n{args.events:,} GDELT events, {args.repeat} turn(s), median of each:")
    medians = {way: statistics.median(values) for way, values in times.items()}
    for way, seconds in medians.items():
        rate = args.events / seconds
        print(f"  {way:<12} {seconds:7.2f} s  {rate:9,.0f} events/s")
    print(f"triples written: graph store {triples['graph store']:,}, "
          f"INSERT DATA {triples['INSERT DATA']:,}")  # fmt: skip
    if triples["graph store"] != triples["INSERT DATA"]:
        raise SystemExit("the two ways wrote different numbers of triples")
    ratio = medians["INSERT DATA"] / medians["graph store"]
    behind = medians["graph store"] / medians["embedded"]
    print(f"ratio INSERT DATA / graph store: {ratio:.1f}x; graph store / embedded: {behind:.1f}x")


if __name__ == "__main__":
    main()
