#!/usr/bin/env python
"""Scale benchmark: a million GDELT events through ``kg import``, against rdflib and DuckDB.

Builds N GDELT 2.0 events (61 tab-separated columns) by resampling the real rows of the
GDELT exports in the shared data (new ids, days spread over 2019, one source article per
four events), then, for each N:

* imports them with ``kg.importers.import_files`` into a fresh on-disk Oxigraph store, in a
  subprocess: time, events/s, peak RSS, store size on disk;
* runs every named query once (in a subprocess each, with a time limit), and builds the
  2019 actor network from the aggregates (``kg.importers.aggregates.actor_network``);
* imports the same records into rdflib's memory store (the same readers and quads; only
  for N <= 100,000: rdflib needs about 1.2 KB per triple) and runs top-condemnations there;
* loads the CSV into DuckDB and runs the equivalent top-10 query (also straight over the
  CSV file).

Usage::

    python benchmarks/scale.py                         # N = 100,000 and 1,000,000
    python benchmarks/scale.py --sizes 100000,1000000 --write-readme
    python benchmarks/scale.py --quick                 # N = 20,000, a smoke run
    python benchmarks/scale.py --split 100000          # where the import's time goes
    python benchmarks/scale.py --throughput 100000     # GDELT and UCDP GED imports side by side

``--write-readme`` replaces the results section of benchmarks/README.md (with
``--throughput``, its import-throughput section). ``--throughput N`` imports N GDELT events
and N UCDP GED events (resampled from the shared Ukraine extract: new ids, the real rows'
sides, places, dates and casualty ranges) into fresh stores, one subprocess each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("KG_SHARED_DATA", ROOT.parent / "shared" / "data"))
DATA = SHARED / "gdelt"
UCDP_SAMPLE = SHARED / "ucdp" / "peacerep_UCDP-GED-Ukraine_v2024-05-02.csv"
SAMPLES = (
    "20191024143000.export.CSV",
    "spark-gdelt_test_events_gdelt2_20150218+20200318.tsv",
    "spark-gdelt_test_eventsT_gdelt2_20150218+20200318.tsv",
)
README = Path(__file__).with_name("README.md")
RESULTS_START = "<!-- scale.py results: start -->"
RESULTS_END = "<!-- scale.py results: end -->"
THROUGHPUT_START = "<!-- scale.py throughput: start -->"
THROUGHPUT_END = "<!-- scale.py throughput: end -->"
QUERY_TIMEOUT = 60.0
YEAR = 2019
REQUIRED_PARAMS = {"actor": "USA"}


# --------------------------------------------------------------------------- data


def sample_rows() -> list[list[str]]:
    """The real 61-column GDELT 2.0 rows of the shared data."""
    rows = []
    for name in SAMPLES:
        with (DATA / name).open(encoding="utf-8") as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                if len(fields) == 61:
                    rows.append(fields)
    if not rows:
        raise SystemExit(f"no GDELT 2.0 rows under {DATA}")
    return rows


def build_csv(path: Path, n: int, seed: int = 4) -> Path:
    """N resampled GDELT rows: new ids, days spread over one year, one article per 4 rows."""
    if path.exists():
        return path
    rows = sample_rows()
    rng = random.Random(seed)
    start = dt.date(YEAR, 1, 1)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for i in range(n):
            fields = list(rng.choice(rows))
            day = start + dt.timedelta(days=rng.randrange(365))
            fields[0] = str(2_000_000_000 + i)
            fields[1] = day.strftime("%Y%m%d")
            fields[2] = day.strftime("%Y%m")
            fields[3] = str(day.year)
            fields[4] = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"
            fields[59] = day.strftime("%Y%m%d") + "000000"
            fields[60] = f"{fields[60]}#article-{i // 4}"
            f.write("\t".join(fields) + "\n")
    tmp.replace(path)
    return path


def build_ucdp_csv(path: Path, n: int, seed: int = 4) -> Path:
    """N UCDP GED rows resampled from the shared Ukraine extract, with new ids."""
    import csv

    if path.exists():
        return path
    with UCDP_SAMPLE.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    rng = random.Random(seed)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for i in range(n):
            fields = list(rng.choice(rows))
            fields[0] = str(5_000_000 + i)
            writer.writerow(fields)
    tmp.replace(path)
    return path


# --------------------------------------------------------------------------- workers


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_import(
    csv: Path, store: Path, chunk_rows: int, graph: str, dataset: str = "gdelt"
) -> dict[str, Any]:
    from kg import KnowledgeGraph
    from kg.importers import import_files

    with KnowledgeGraph.open(store) as kg:
        before = _rss_mb()
        t0 = time.perf_counter()
        report = import_files(kg, dataset, [csv], chunk_rows=chunk_rows, graph=graph)
        seconds = time.perf_counter() - t0
    stats = report.stats
    return {
        "seconds": seconds,
        "records": stats.records,
        "events": stats.events,
        "merged": stats.merged,
        "quads": stats.quads,
        "reactions": sum(stats.reactions.values()),
        "observations": report.aggregates.added,
        "rss_mb": _rss_mb(),
        "rss_before_mb": before,
    }


def worker_query(store: Path, name: str) -> dict[str, Any]:
    from kg import KnowledgeGraph
    from kg.queries import named_query

    query = named_query(name)
    params = {p.name: REQUIRED_PARAMS[p.name] for p in query.params if p.required}
    with KnowledgeGraph.open(store, read_only=True) as kg:
        t0 = time.perf_counter()
        rows = len(kg.run(name, **params))
        seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        kg.run(name, **params)
        warm = time.perf_counter() - t0
    return {"seconds": seconds, "warm": warm, "rows": rows}


def worker_network(store: Path) -> dict[str, Any]:
    from kg import KnowledgeGraph
    from kg.importers.aggregates import actor_network
    from kg.importers.runner import native_store

    with KnowledgeGraph.open(store) as kg:
        native, _ = native_store(kg)
        t0 = time.perf_counter()
        graph = actor_network(native, YEAR)
        seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "weight": sum(w for _, _, w in graph.edges(data="weight")),
    }


def worker_rdflib(csv: Path, store: Path) -> dict[str, Any]:
    """The same readers and quads into rdflib's memory Dataset, then top-condemnations."""
    import rdflib
    from pyoxigraph import Store

    from kg.importers.actorcodes import ActorResolver
    from kg.importers.gdelt import read_gdelt
    from kg.importers.nquads import QuadWriter
    from kg.importers.records import CodedRecord
    from kg.queries import named_query

    # The aggregate observations the Oxigraph import computed, copied as they are.
    aggregates = Store.read_only(str(store)).query(
        "SELECT ?o ?p ?v WHERE { ?o a <http://purl.org/linked-data/cube#Observation> ; ?p ?v }",
        use_default_graph_as_union=True,
    )
    observation_lines = [f"{r['o']} {r['p']} {r['v']} .\n" for r in aggregates]  # type: ignore[index]
    # One parse of the whole N-Quads text: rdflib 7.1-7.6's Dataset.parse replaces the
    # default graph with each call's triples (RDFLib/prez#285), so chunked parses would
    # keep only the last chunk.
    dataset = rdflib.Dataset(default_union=True)
    writer = QuadWriter("gdelt")
    seen: set[str] = set()
    t0 = time.perf_counter()
    lines: list[str] = []
    for item in read_gdelt(csv, ActorResolver()):
        if not isinstance(item, CodedRecord):
            continue
        new = item.merge_key not in seen
        seen.add(item.merge_key)
        lines.extend(writer.record(item, new=new))
    lines.extend(observation_lines)
    written = len(set(lines))
    dataset.parse(data="".join(lines), format="nquads")
    del lines
    seconds = time.perf_counter() - t0
    if len(dataset) != written:
        raise RuntimeError(f"rdflib holds {len(dataset)} triples of the {written} written")
    query = named_query("top-condemnations").sparql
    t0 = time.perf_counter()
    rows = len(list(dataset.query(query)))
    query_seconds = time.perf_counter() - t0
    if rows != 10:
        raise RuntimeError(f"rdflib's top-condemnations gave {rows} rows, not 10")
    return {
        "seconds": seconds,
        "triples": len(dataset),
        "query_seconds": query_seconds,
        "rows": rows,
        "rss_mb": _rss_mb(),
    }


def worker_split(csv: Path, store: Path) -> dict[str, Any]:
    """Where an import's time goes: the Python side alone (CPU), then Oxigraph's bulk
    loader and rdflib's parser each alone on the same N-Quads text (one call each)."""
    import rdflib
    from pyoxigraph import RdfFormat, Store

    from kg.importers.actorcodes import ActorResolver
    from kg.importers.gdelt import read_gdelt
    from kg.importers.nquads import QuadWriter
    from kg.importers.records import CodedRecord

    writer = QuadWriter("gdelt")
    lines: list[str] = []
    t0 = time.process_time()
    for item in read_gdelt(csv, ActorResolver()):
        if isinstance(item, CodedRecord):
            lines.extend(writer.record(item, new=True))
    python_cpu = time.process_time() - t0
    data = "".join(lines).encode("utf-8")
    del lines
    shutil.rmtree(store, ignore_errors=True)
    oxigraph = Store(str(store))
    t0, c0 = time.perf_counter(), time.process_time()
    oxigraph.bulk_load(data, format=RdfFormat.N_QUADS)
    bulk, bulk_cpu = time.perf_counter() - t0, time.process_time() - c0
    quads = len(oxigraph)
    del oxigraph
    dataset = rdflib.Dataset(default_union=True)
    t0 = time.perf_counter()
    dataset.parse(data=data.decode("utf-8"), format="nquads")
    parse = time.perf_counter() - t0
    if len(dataset) != quads:
        raise RuntimeError(f"rdflib holds {len(dataset)} triples, Oxigraph {quads}")
    return {"quads": quads, "python_cpu": python_cpu, "bulk_load": bulk,
            "bulk_load_cpu": bulk_cpu, "rdflib_parse": parse}  # fmt: skip


def worker_duckdb(csv: Path) -> dict[str, Any]:
    import duckdb

    top10 = (
        "SELECT column07 AS agent, column17 AS target, count(*) AS n FROM {src} "
        "WHERE column26 = '111' GROUP BY ALL ORDER BY n DESC LIMIT 10"
    )
    source = (
        f"read_csv('{csv}', delim='\\t', header=false, quote='', escape='', "
        "all_varchar=true, columns={"
        + ", ".join(f"'column{i:02d}': 'VARCHAR'" for i in range(61))
        + "})"
    )
    con = duckdb.connect()
    t0 = time.perf_counter()
    con.execute(f"CREATE TABLE events AS SELECT * FROM {source}")
    load = time.perf_counter() - t0
    timings = []
    for _ in range(3):
        t0 = time.perf_counter()
        rows = con.execute(top10.format(src="events")).fetchall()
        timings.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    con.execute(top10.format(src=source)).fetchall()
    over_csv = time.perf_counter() - t0
    return {"load": load, "query": min(timings), "over_csv": over_csv, "rows": len(rows)}


WORKERS = {"import", "query", "network", "rdflib", "duckdb", "split"}


def run_worker(kind: str, *args: str, timeout: float | None = None) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter (clean RSS, no shared caches)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, *args]
    try:
        done = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, check=False, cwd=ROOT
        )
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if done.returncode != 0:
        raise RuntimeError(f"worker {kind} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main_worker(argv: list[str]) -> None:
    kind, *rest = argv
    if kind == "import":
        csv, store, chunk, graph, *dataset = rest
        result = worker_import(
            Path(csv), Path(store), int(chunk), "" if graph == "-" else graph, *dataset
        )
    elif kind == "query":
        result = worker_query(Path(rest[0]), rest[1])
    elif kind == "network":
        result = worker_network(Path(rest[0]))
    elif kind == "rdflib":
        result = worker_rdflib(Path(rest[0]), Path(rest[1]))
    elif kind == "split":
        result = worker_split(Path(rest[0]), Path(rest[1]))
    else:
        result = worker_duckdb(Path(rest[0]))
    print(json.dumps(result))


# --------------------------------------------------------------------------- the run


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def machine() -> dict[str, str]:
    def sh(cmd: str) -> str:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()

    cpu = sh("lscpu | sed -n 's/^Model name: *//p'") or platform.processor()
    return {
        "nproc": sh("nproc"),
        "cpu": cpu,
        "free": sh("free -h"),
        "load": sh("cat /proc/loadavg"),
        "python": platform.python_version(),
        "pyoxigraph": sh(f"{sys.executable} -c 'import pyoxigraph; print(pyoxigraph.__version__)'"),
    }


def measure(n: int, workdir: Path, chunk_rows: int, graph: str, rdflib_max: int) -> dict[str, Any]:
    from kg.queries import named_queries

    csv = build_csv(workdir / f"gdelt-{n}.csv", n)
    store = workdir / f"store-{n}"
    shutil.rmtree(store, ignore_errors=True)
    print(f"N={n:,}: importing {csv} ...", flush=True)
    result: dict[str, Any] = {"n": n, "csv_mb": csv.stat().st_size / 1e6}
    result["import"] = run_worker("import", str(csv), str(store), str(chunk_rows), graph or "-")
    result["store_mb"] = du(store) / 1e6
    print(f"  import {result['import']['seconds']:.1f}s; queries ...", flush=True)
    result["queries"] = {
        name: run_worker("query", str(store), name, timeout=QUERY_TIMEOUT)
        for name in named_queries()
    }
    result["network"] = run_worker("network", str(store))
    if n <= rdflib_max:
        print("  rdflib ...", flush=True)
        result["rdflib"] = run_worker("rdflib", str(csv), str(store))
    print("  duckdb ...", flush=True)
    result["duckdb"] = run_worker("duckdb", str(csv))
    return result


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def table(results: list[dict[str, Any]], info: dict[str, str]) -> str:
    sizes = [r["n"] for r in results]
    head = "| | " + " | ".join(f"N = {n:,}" for n in sizes) + " |\n|---|" + "---|" * len(sizes)
    lines = [head]

    def row(label: str, cells: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    imp = [r["import"] for r in results]
    row("import (CSV → store, aggregates included)", [fmt_s(i["seconds"]) for i in imp])
    row("events/s", [f"{r['n'] / i['seconds']:,.0f}" for r, i in zip(results, imp, strict=True)])
    row("coded events / reactions / quads written",
        [f"{i['events']:,} / {i['reactions']:,} / {i['quads']:,}" for i in imp])  # fmt: skip
    row("peak RSS of the import process", [f"{i['rss_mb']:,.0f} MB" for i in imp])
    row("store size on disk", [f"{r['store_mb']:,.0f} MB" for r in results])
    for name in results[0]["queries"]:
        cells = []
        for r in results:
            q = r["queries"][name]
            cells.append(
                f"> {q['timeout']:.0f} s" if "timeout" in q
                else f"{fmt_s(q['seconds'])} (warm {fmt_s(q['warm'])}, {q['rows']:,} rows)"
            )  # fmt: skip
        row(f"query `{name}`", cells)
    network = [r["network"] for r in results]
    row(
        f"actor network {YEAR} from the aggregates (networkx)",
        [f"{fmt_s(n['seconds'])} ({n['edges']:,} edges)" for n in network],
    )
    cells = []
    for r, i in zip(results, imp, strict=True):
        rd = r.get("rdflib")
        cells.append(
            "-" if rd is None
            else f"{fmt_s(rd['seconds'])} ({rd['seconds'] / i['seconds']:.1f}x ours), "
                 f"top-10 {fmt_s(rd['query_seconds'])}, {rd['rss_mb']:,.0f} MB"
        )  # fmt: skip
    row("rdflib memory store: same import; top-10", cells)
    cells = []
    for r in results:
        d = r["duckdb"]
        ours = r["queries"]["top-condemnations"].get("warm")
        ratio = f" (`top-condemnations` is {ours / d['query']:.0f}x slower)" if ours else ""
        cells.append(
            f"load {fmt_s(d['load'])}; top-10 {fmt_s(d['query'])}{ratio}; "
            f"over the CSV {fmt_s(d['over_csv'])}"
        )
    row("DuckDB over the CSV", cells)
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    free = "\n".join("    " + line for line in info["free"].splitlines())
    return (
        f"Measured {when} on {info['nproc']} CPUs ({info['cpu']}), Python {info['python']}, "
        f"pyoxigraph {info['pyoxigraph']}; load average before the run: {info['load']}.\n\n"
        f"`free -h`:\n\n{free}\n\n" + "\n".join(lines) + "\n"
    )


def write_readme(text: str, start_mark: str = RESULTS_START, end_mark: str = RESULTS_END) -> None:
    content = README.read_text(encoding="utf-8")
    start, end = content.index(start_mark), content.index(end_mark)
    README.write_text(
        content[: start + len(start_mark)] + "\n\n" + text + "\n" + content[end:],
        encoding="utf-8",
    )


def throughput(n: int, workdir: Path, chunk_rows: int, info: dict[str, str]) -> str:
    """GDELT and UCDP GED imports of N events each, as a Markdown table."""
    inputs = {
        "GDELT 2.0 (61-column TSV)": ("gdelt", build_csv(workdir / f"gdelt-{n}.csv", n)),
        "UCDP GED (49-column CSV)": ("ucdp", build_ucdp_csv(workdir / f"ucdp-{n}.csv", n)),
    }
    lines = [
        "| dataset | events | import | events/s | quads written | quads/event | peak RSS |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, (dataset, csv) in inputs.items():
        store = workdir / f"store-{dataset}-{n}"
        shutil.rmtree(store, ignore_errors=True)
        print(f"{label}: importing {n:,} events ...", flush=True)
        r = run_worker("import", str(csv), str(store), str(chunk_rows), "-", dataset)
        lines.append(
            f"| {label} | {r['records']:,} | {fmt_s(r['seconds'])} | "
            f"{r['records'] / r['seconds']:,.0f} | {r['quads']:,} | "
            f"{r['quads'] / r['records']:.1f} | {r['rss_mb']:,.0f} MB |"
        )
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"Measured {when} with `python benchmarks/scale.py --throughput {n}` on "
        f"{info['nproc']} CPUs ({info['cpu']}), pyoxigraph {info['pyoxigraph']}; load "
        f"average before the run: {info['load']}.\n\n" + "\n".join(lines) + "\n"
    )


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        main_worker(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated N")
    parser.add_argument("--quick", action="store_true", help="N = 20,000 only")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kg-scale"))
    parser.add_argument("--chunk-rows", type=int, default=None)
    parser.add_argument(
        "--named-graph", action="store_true", help="import into a named graph (slower)"
    )
    parser.add_argument("--rdflib-max", type=int, default=100_000)
    parser.add_argument("--write-readme", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument(
        "--split", type=int, metavar="N", help="only: where the import of N events spends time"
    )
    parser.add_argument(
        "--throughput", type=int, metavar="N", help="only: GDELT and UCDP imports of N events"
    )
    args = parser.parse_args()
    if args.throughput:
        from kg.importers.loader import DEFAULT_CHUNK_ROWS

        args.workdir.mkdir(parents=True, exist_ok=True)
        chunk = args.chunk_rows or DEFAULT_CHUNK_ROWS
        text = throughput(args.throughput, args.workdir, chunk, machine())
        print(text)
        if args.write_readme:
            write_readme(text, THROUGHPUT_START, THROUGHPUT_END)
        return
    if args.split:
        args.workdir.mkdir(parents=True, exist_ok=True)
        csv = build_csv(args.workdir / f"gdelt-{args.split}.csv", args.split)
        split = run_worker("split", str(csv), str(args.workdir / f"split-{args.split}"))
        print(json.dumps(split, indent=2))
        ours = (split["python_cpu"] + split["bulk_load_cpu"]) / 2
        theirs = split["python_cpu"] + split["rdflib_parse"]
        alone = split["rdflib_parse"] / split["bulk_load"]
        print(f"stores alone: rdflib / Oxigraph = {alone:.1f}x; best case on 2 cores:"
              f" {theirs:.1f} s / {ours:.1f} s = {theirs / ours:.1f}x")  # fmt: skip
        return
    from kg.importers.loader import DEFAULT_CHUNK_ROWS
    from kg.importers.nquads import dataset_graph

    sizes = [20_000] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    args.workdir.mkdir(parents=True, exist_ok=True)
    info = machine()
    results = [
        measure(
            n,
            args.workdir,
            args.chunk_rows or DEFAULT_CHUNK_ROWS,
            dataset_graph("gdelt") if args.named_graph else "",
            args.rdflib_max,
        )
        for n in sizes
    ]
    text = table(results, info)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "results": results}, indent=2))
    if args.write_readme:
        write_readme(text)


if __name__ == "__main__":
    main()
