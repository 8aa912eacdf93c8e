"""Embedded store comparison: Oxigraph (pyoxigraph, on disk) against rdflib's memory store.

The same data in the same run: the seed example's document graph replicated as N
documents (new ids, so N distinct named graphs), loaded one document per transaction as
``kg add`` does, then the named queries run on each store. Each store is measured in a
child process of its own so that its peak RSS is its own.

    python benchmarks/store.py [--docs 1000] [--repeat 5]

Prints load time, documents/s, each named query's median latency, peak RSS, and the
ratios rdflib / Oxigraph.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.annotation import EXAMPLES, load_annotation
from kg.graph import KnowledgeGraph
from kg.queries import named_query
from kg.rdf import document_quads

QUERIES = (
    "who-condemns-whom",
    "who-blames-whom",
    "reactions-by-type",
    "hedged-claims",
    "reactions",
)


def _documents(n: int) -> list:  # type: ignore[type-arg]
    seed = load_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
    return [seed.model_copy(update={"id": f"{seed.id}-{i:05d}"}) for i in range(n)]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _time_queries(run, repeat: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    out = {}
    for name in QUERIES:
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            rows = run(named_query(name).sparql)
            times.append(time.perf_counter() - t0)
        out[name] = statistics.median(times)
        out[name + ":rows"] = rows
    return out


def bench_oxigraph(n: int, repeat: int) -> dict[str, float]:
    docs = _documents(n)
    with tempfile.TemporaryDirectory() as folder:
        kg = KnowledgeGraph.open(Path(folder) / "store")
        t0 = time.perf_counter()
        quads = 0
        for doc in docs:
            quads += kg.add_document(doc).quads
        load = time.perf_counter() - t0
        figures = _time_queries(lambda q: len(kg.store.select(q)), repeat)
        kg.close()
    return {"load_s": load, "quads": quads, **figures, "peak_rss_mb": _peak_rss_mb()}


def bench_rdflib(n: int, repeat: int) -> dict[str, float]:
    import rdflib

    docs = _documents(n)
    dataset = rdflib.Dataset(default_union=True)
    reference = KnowledgeGraph.memory()  # the ontology and actors, as the store holds them
    for quad in reference.store.quads():
        dataset.graph(rdflib.URIRef(quad.graph_name.value)).add(_to_rdflib(quad.triple))
    t0 = time.perf_counter()
    quads = 0
    for doc in docs:
        graph = dataset.graph(rdflib.URIRef(f"https://w3id.org/diplomatic-kg/id/doc/{doc.id}"))
        graph.remove((None, None, None))
        for quad in document_quads(doc):
            graph.add(_to_rdflib(quad.triple))
            quads += 1
    load = time.perf_counter() - t0
    figures = _time_queries(lambda q: len(list(dataset.query(q))), repeat)
    return {"load_s": load, "quads": quads, **figures, "peak_rss_mb": _peak_rss_mb()}


def _to_rdflib(triple):  # type: ignore[no-untyped-def]
    import pyoxigraph as ox
    import rdflib

    def term(t):  # type: ignore[no-untyped-def]
        if isinstance(t, ox.NamedNode):
            return rdflib.URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return rdflib.BNode(t.value)
        if t.language:
            return rdflib.Literal(t.value, lang=t.language)
        return rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value))

    return (term(triple.subject), term(triple.predicate), term(triple.object))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", choices=("oxigraph", "rdflib"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        bench = bench_oxigraph if args.child == "oxigraph" else bench_rdflib
        print(json.dumps(bench(args.docs, args.repeat)))
        return

    results = {}
    for name in ("oxigraph", "rdflib"):
        child = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                name,
                "--docs",
                str(args.docs),
                "--repeat",
                str(args.repeat),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        results[name] = json.loads(child.stdout)
    ox, rl = results["oxigraph"], results["rdflib"]
    print(f"{args.docs} documents, {ox['quads']} quads; median of {args.repeat} runs per query")
    print(f"{'figure':<28}{'oxigraph':>12}{'rdflib':>12}{'rdflib/ox':>12}")
    rows = [("load (s)", "load_s"), ("peak RSS (MB)", "peak_rss_mb")]
    rows += [(f"query {q} (s)", q) for q in QUERIES]
    for label, key in rows:
        print(f"{label:<28}{ox[key]:>12.4f}{rl[key]:>12.4f}{rl[key] / ox[key]:>11.1f}x")
    print(
        f"{'load (documents/s)':<28}"
        f"{args.docs / ox['load_s']:>12.0f}{args.docs / rl['load_s']:>12.0f}"
    )
    for q in QUERIES:
        if ox[q + ":rows"] != rl[q + ":rows"]:
            print(
                f"WARNING: {q} returned {ox[q + ':rows']} rows on oxigraph, "
                f"{rl[q + ':rows']} on rdflib"
            )


if __name__ == "__main__":
    main()
