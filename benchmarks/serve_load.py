"""Load on ``kg serve``, and on ``oxigraph serve-read-only`` for a ratio.

The graph is the seed plus the GDELT sample: the seed example's document, then real
GDELT 2.0 events imported through ``kg.importers.import_files`` (by default the shared
export ``../shared/data/gdelt/20191024143000.export.CSV``; ``KG_SHARED_DATA`` moves
``../shared/data`` as for ``scale.py``; ``--gdelt FILE...`` names other files; without the
shared file, the 600-row head of it in ``tests/data/import``). ``--docs N`` adds N copies
of the seed document under new ids (none by default). Then:

1. the cost of the worker hop, without HTTP: the same named queries run in-process on a
   read-only store, through ``kg.server.WorkerPool``, and one at a time over HTTP; and
   how long the pool takes to replace a worker killed by a time-out;
2. ``kg serve`` on loopback, loaded from a second process by ``--clients`` concurrent
   clients for ``--duration`` seconds: named queries (who-condemns-whom, who-blames-whom,
   actor-profile actor=RUS, reactions-by-type, casualty-figures, and top-condemnations and
   actor-network, which read the imported events' daily aggregates; who-condemns-whom and
   reactions-by-type count the imported reactions too) and one ad-hoc SELECT;
3. the same load on ``oxigraph serve-read-only --union-default-graph`` (the ``oxigraph``
   PyPI package's server) when its binary is found, the named queries sent as their
   SPARQL text with the actor bound by a VALUES block at the start of the WHERE group.

Answers are checked: each request is first sent once (status 200, a SPARQL JSON answer,
rows for the queries over imported data, on Oxigraph the row counts of ``kg serve``), and
under load every answer is compared with that first one (its rows, in any order). An HTTP
or transport error, or a wrong answer, counts as an error; the exit status is 1 if any.

    python benchmarks/serve_load.py [--gdelt FILE...] [--docs 0] [--clients 16]
                                    [--duration 30] [--workers 2] [--max-requests 200000]
    python benchmarks/serve_load.py --mixed [--slow-clients 2] [--slow-seconds 10]

``--mixed`` runs only the mixed load of ``serve_mixed.py`` instead (slow ad-hoc queries
beside named queries; the named queries' p99 and errors).

It stops by itself: time and request counts are capped (at most 300 s and 1,000,000
requests per run, 256 clients). Prints requests/s, p50/p95/p99 latency and errors.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, Store, Variable

from kg.actors import ActorRegistry
from kg.annotation import EXAMPLES, load_annotation
from kg.graph import KnowledgeGraph
from kg.importers import import_files, native_store
from kg.server import WorkerPool, _Job, plan_named_query

ROOT = Path(__file__).resolve().parents[1]
SHARED_GDELT = (
    Path(os.environ.get("KG_SHARED_DATA", ROOT.parent / "shared" / "data"))
    / "gdelt"
    / "20191024143000.export.CSV"
)
FALLBACK_GDELT = ROOT / "tests" / "data" / "import" / "gdelt2_20191024143000_head600.export.CSV"

MAX_DURATION = 300.0
MAX_REQUESTS = 1_000_000
MAX_CLIENTS = 256
SRJ = "application/sparql-results+json"

NAMED: tuple[tuple[str, dict[str, str]], ...] = (
    ("who-condemns-whom", {}),
    ("who-blames-whom", {}),
    ("actor-profile", {"actor": "RUS"}),
    ("reactions-by-type", {}),
    ("casualty-figures", {}),
    ("top-condemnations", {}),
    ("actor-network", {}),
)
# Queries that must have rows on the seed plus GDELT sample (the imported events).
NON_EMPTY = ("who-condemns-whom", "reactions-by-type", "top-condemnations", "actor-network")
AD_HOC = """\
PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?agent ?label (COUNT(DISTINCT ?reaction) AS ?reactions) WHERE {
  ?reaction dkg:agent ?agent . ?agent skos:prefLabel ?label .
} GROUP BY ?agent ?label ORDER BY DESC(?reactions) LIMIT 20"""

# A request: (name, method, path, query-string params, form fields)
Request = tuple[str, str, str, dict[str, str], dict[str, str]]


# --------------------------------------------------------------------------- set-up


def default_gdelt() -> list[Path]:
    """The shared GDELT export, or the 600-row head of it kept with the tests."""
    return [SHARED_GDELT if SHARED_GDELT.exists() else FALLBACK_GDELT]


def build_store(path: Path, gdelt: list[Path], copies: int = 0) -> dict[str, int]:
    """The seed document (plus ``copies`` copies of it under new ids), then the GDELT
    files imported by ``kg.importers.import_files``; what the store holds."""
    seed = load_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
    with KnowledgeGraph.open(path) as graph:
        graph.add_document(seed)
        for i in range(copies):
            graph.add_document(seed.model_copy(update={"id": f"{seed.id}-copy-{i:04d}"}))
        report = import_files(graph, "gdelt", gdelt)
        if report.errors:
            raise SystemExit("GDELT import failed: " + "; ".join(map(str, report.errors)))
        if not report.stats.events:
            raise SystemExit(f"no GDELT events imported from {', '.join(map(str, gdelt))}")
        return {
            "documents": len(graph.documents()),
            "events": report.stats.events,
            "reactions": sum(report.stats.reactions.values()),
            "rejected": report.stats.rejected,
            "quads": len(native_store(graph)[0]),
        }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    """A server process, its output to ``log`` (so that one that will not start says why)."""
    with log.open("ab") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)


def wait_until_up(
    url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 60
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"the server exited with status {process.returncode}:\n{said}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.exists():
        return str(beside)
    return shutil.which("oxigraph")


def kg_requests(*, trivial: bool = False) -> list[Request]:
    named: list[Request] = [(n, "GET", f"/queries/{n}", p, {}) for n, p in NAMED]
    extra: list[Request] = [(TRIVIAL[0], "POST", "/sparql", {}, {"query": TRIVIAL[1]})]
    return [*named, ("ad-hoc", "POST", "/sparql", {}, {"query": AD_HOC}), *extra[:trivial]]


def oxigraph_requests(registry: ActorRegistry, *, trivial: bool = False) -> list[Request]:
    """The same queries as SPARQL text. Oxigraph's server has no parameter binding, so a
    bound term (written by pyoxigraph's own N-Triples serialisation) goes in a VALUES block
    at the start of the WHERE group: a trailing VALUES clause is joined last, which made
    actor-profile about 4x slower than the substitution ``kg serve`` uses."""
    requests: list[Request] = []
    for name, params in NAMED:
        sparql, bound = plan_named_query(name, params, registry)
        for variable, term in bound.items():
            assert "WHERE {" in sparql
            values = f"WHERE {{ VALUES {Variable(variable)} {{ {term} }}"
            sparql = sparql.replace("WHERE {", values, 1)
        requests.append((name, "POST", "/query", {}, {"query": sparql}))
    extra: list[Request] = [(TRIVIAL[0], "POST", "/query", {}, {"query": TRIVIAL[1]})]
    return [*requests, ("ad-hoc", "POST", "/query", {}, {"query": AD_HOC}), *extra[:trivial]]


# --------------------------------------------------------------------------- the client


def answer_digest(body: bytes) -> tuple[int, str]:
    """A SPARQL JSON answer's row count and a digest of its rows in any order (``ValueError``
    when it is not one)."""
    answer = json.loads(body)
    if "boolean" in answer:
        return 1, str(answer["boolean"])
    rows = sorted(json.dumps(row, sort_keys=True) for row in answer["results"]["bindings"])
    return len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()


def answer_problem(name: str, status: int, body: bytes, expected: str | None) -> str | None:
    """Why an answer is wrong (its status, not SPARQL JSON, other rows than ``expected``,
    the digest of the first answer), or None."""
    if status != 200:
        return f"{name}: HTTP {status}"
    try:
        _, digest = answer_digest(body)
    except (ValueError, KeyError, TypeError):
        return f"{name}: not a SPARQL JSON answer"
    if expected is not None and digest != expected:
        return f"{name}: wrong answer"
    return None


async def _load(
    base: str,
    requests: list[Request],
    expected: dict[str, str],
    clients: int,
    duration: float,
    max_requests: int,
) -> dict[str, Any]:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    issued = 0
    deadline = time.monotonic() + duration
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def one_client(index: int) -> None:
            nonlocal issued
            turn = index
            while time.monotonic() < deadline and issued < max_requests:
                issued += 1
                name, method, path, params, form = requests[turn % len(requests)]
                turn += 1
                started = time.perf_counter()
                try:
                    response = await client.request(
                        method, path, params=params, data=form or None, headers={"Accept": SRJ}
                    )
                    body = await response.aread()
                    latencies.append(time.perf_counter() - started)
                    reason = answer_problem(name, response.status_code, body, expected.get(name))
                except httpx.HTTPError as exc:
                    latencies.append(time.perf_counter() - started)
                    reason = f"{name}: {type(exc).__name__}"
                if reason is not None:
                    errors[reason] = errors.get(reason, 0) + 1

        began = time.perf_counter()
        await asyncio.gather(*(one_client(i) for i in range(clients)))
        elapsed = time.perf_counter() - began
    return {"latencies": latencies, "errors": errors, "elapsed": elapsed}


def summarise(label: str, run: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """Throughput, latency percentiles and errors of a load run; the ``problems`` of the
    answer check before it count as errors too."""
    errors = dict(run["errors"])
    for problem in problems:
        errors[f"check {problem}"] = errors.get(f"check {problem}", 0) + 1
    latencies = sorted(run["latencies"])
    n = len(latencies)

    def pct(p: float) -> float:
        return latencies[min(n - 1, int(p * n))] * 1000 if n else float("nan")

    return {
        "server": label,
        "requests": n,
        "rps": n / run["elapsed"] if run["elapsed"] else 0.0,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "errors": sum(errors.values()),
        "error_kinds": errors,
    }


def client_main(args: argparse.Namespace) -> None:
    spec = json.loads(Path(args.requests_file).read_text())
    requests: list[Request] = spec["requests"]
    run = asyncio.run(
        _load(args.url, requests, spec["expected"], args.clients, args.duration, args.max_requests)
    )
    sys.stdout.write(json.dumps(run) + "\n")


def run_client_process(
    url: str,
    requests: list[Request],
    expected: dict[str, str],
    args: argparse.Namespace,
    scratch: Path,
) -> dict[str, Any]:
    """The load, from a second process (so the client does not share the server's GIL);
    each answer is checked against the digest ``expected`` of its request."""
    spec = scratch / "requests.json"
    spec.write_text(json.dumps({"requests": requests, "expected": expected}))
    command = [
        sys.executable, __file__, "--client", "--url", url, "--requests-file", str(spec),
        "--clients", str(args.clients), "--duration", str(args.duration),
        "--max-requests", str(args.max_requests),
    ]  # fmt: skip
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=args.duration + 120, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"the load client failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


@dataclass
class Answers:
    """Each request sent once: row counts, digests of the rows, what was wrong."""

    rows: dict[str, int] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def check_answers(base: str, requests: list[Request]) -> Answers:
    """Each request once: that it is answered 200 with SPARQL JSON, and that the queries
    over the imported events (``NON_EMPTY``) have rows."""
    answers = Answers()
    for name, method, path, params, form in requests:
        try:
            response = httpx.request(
                method, base + path, params=params, data=form or None, headers={"Accept": SRJ},
                timeout=60,
            )  # fmt: skip
        except httpx.HTTPError as exc:
            answers.problems.append(f"{name}: {type(exc).__name__}")
            continue
        problem = answer_problem(name, response.status_code, response.content, None)
        if problem is not None:
            answers.problems.append(problem)
            continue
        rows, digest = answer_digest(response.content)
        answers.rows[name], answers.digests[name] = rows, digest
        if name in NON_EMPTY and not rows:
            answers.problems.append(f"{name}: no rows")
    return answers


# --------------------------------------------------------------------------- the hop


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


TRIVIAL = ("ASK {}", "ASK {}")  # the pure cost of a hop: a query that does nothing


async def _pool_timings(
    store: Path, jobs: list[tuple[str, _Job]], repeat: int, workers: int
) -> dict[str, list[float]]:
    pool = WorkerPool(store, size=workers, timeout=60, max_results=1_000_000)
    await pool.start()
    try:
        times: dict[str, list[float]] = {}
        for _ in range(repeat):
            for name, job in jobs:
                started = time.perf_counter()
                reply = await pool.run(job)
                times.setdefault(name, []).append(time.perf_counter() - started)
                assert reply.status == 200, reply.body
        return times
    finally:
        await pool.close()


def measure_hop(
    store: Path, registry: ActorRegistry, repeat: int, workers: int
) -> dict[str, dict[str, float]]:
    """Median ms of each request in-process (query + JSON serialisation on a read-only
    store) and through the worker pool (pipe, worker, TSV pass; no HTTP)."""
    planned = [(n, *plan_named_query(n, p, registry)) for n, p in NAMED]
    planned += [("ad-hoc", AD_HOC, {}), (TRIVIAL[0], TRIVIAL[1], {})]
    direct = Store.read_only(str(store))
    times: dict[str, list[float]] = {}
    for _ in range(repeat):
        for name, sparql, bound in planned:
            started = time.perf_counter()
            answer = direct.query(
                sparql,
                substitutions={Variable(k): v for k, v in bound.items()},
                use_default_graph_as_union=True,
            )
            assert isinstance(answer, QuerySolutions | QueryBoolean)
            answer.serialize(format=QueryResultsFormat.JSON)
            times.setdefault(name, []).append(time.perf_counter() - started)
    del direct
    jobs = [(name, _Job(sparql, SRJ, bound)) for name, sparql, bound in planned]
    pooled = asyncio.run(_pool_timings(store, jobs, repeat, workers))
    return {
        "in-process": {name: median_ms(samples) for name, samples in times.items()},
        "worker pool": {name: median_ms(samples) for name, samples in pooled.items()},
    }


def measure_kill(store: Path, workers: int) -> dict[str, float]:
    """A real ``kg serve --timeout 0.5``: how long a runaway query takes to be answered
    503, and until the killed worker has been replaced (``/health`` counts workers)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = store.with_name("kg-serve-kill.log")
    server = start_server(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port),
         "--workers", str(workers), "--timeout", "0.5"],
        log,
    )  # fmt: skip
    try:
        wait_until_up(base + "/health", server, log)
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        started = time.perf_counter()
        response = httpx.post(base + "/sparql", data={"query": slow}, timeout=30)
        answered = time.perf_counter()
        assert response.status_code == 503, response.text
        while httpx.get(base + "/health", timeout=30).json()["workers"] < workers:
            time.sleep(0.002)
        return {
            "503 after (timeout 0.5 s) ms": (answered - started) * 1000,
            "worker replaced after the 503 ms": (time.perf_counter() - answered) * 1000,
        }
    finally:
        stop(server)


def sequential_http(base: str, requests: list[Request], repeat: int) -> dict[str, float]:
    """One client, one request at a time: the median latency of each request, in ms."""
    times: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for _ in range(repeat):
            for name, method, path, params, form in requests:
                started = time.perf_counter()
                client.request(
                    method, path, params=params, data=form or None, headers={"Accept": SRJ}
                ).raise_for_status()
                times.setdefault(name, []).append(time.perf_counter() - started)
    medians = {name: median_ms(samples) for name, samples in times.items()}
    medians["all"] = median_ms([t for samples in times.values() for t in samples])
    return medians


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--gdelt",
        nargs="+",
        type=Path,
        metavar="FILE",
        help=f"GDELT 2.0 export files to import (default: {SHARED_GDELT}, "
        f"or {FALLBACK_GDELT.relative_to(ROOT)} without it)",
    )
    parser.add_argument(
        "--docs", type=int, default=0, help="copies of the seed document (default 0)"
    )
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per server")
    parser.add_argument("--max-requests", type=int, default=200_000, help="per server")
    parser.add_argument("--workers", type=int, default=2, help="kg serve --workers")
    parser.add_argument("--repeat", type=int, default=20, help="rounds for the hop timings")
    parser.add_argument("--no-oxigraph", action="store_true")
    parser.add_argument(
        "--mixed", action="store_true", help="slow queries beside named ones (serve_mixed.py)"
    )
    parser.add_argument("--slow-clients", type=int, default=2, help="with --mixed")
    parser.add_argument(
        "--slow-seconds", type=float, default=10.0, help="with --mixed: kg serve --timeout"
    )
    parser.add_argument("--named-workers", type=int, default=2, help="kg serve --named-workers")
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--requests-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.clients = max(1, min(args.clients, MAX_CLIENTS))
    args.duration = max(1.0, min(args.duration, MAX_DURATION))
    args.max_requests = max(1, min(args.max_requests, MAX_REQUESTS))
    if args.client:
        client_main(args)
        return

    registry = ActorRegistry.default()
    with tempfile.TemporaryDirectory(prefix="kg-serve-load-") as tmp:
        scratch = Path(tmp)
        store = scratch / "store"
        gdelt = args.gdelt or default_gdelt()
        started = time.perf_counter()
        held = build_store(store, gdelt, max(0, args.docs))
        print(f"GDELT: {', '.join(map(str, gdelt))}")
        print(
            f"store: {held['documents']} documents, {held['events']:,} coded events imported "
            f"({held['reactions']:,} reactions, {held['rejected']} rows rejected), "
            f"{held['quads']:,} quads; built in {time.perf_counter() - started:.1f} s"
        )
        print(f"machine: {os.cpu_count()} CPUs; clients {args.clients}, {args.duration:g} s each")
        if args.mixed:
            from serve_mixed import run_mixed

            if not run_mixed(store, scratch, args):
                raise SystemExit(1)
            return

        sequential = measure_hop(store, registry, args.repeat, args.workers)
        for key, value in measure_kill(store, args.workers).items():
            print(f"{key}: {value:.0f}")

        results = []
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = scratch / "kg-serve.log"
        server = start_server(
            [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port),
             "--workers", str(args.workers), "--timeout", "30", "--max-results", "1000000"],
            log,
        )  # fmt: skip
        try:
            wait_until_up(base + "/health", server, log)
            answers_kg = check_answers(base, kg_requests())
            if not answers_kg.problems:
                sequential["kg serve HTTP"] = sequential_http(
                    base, kg_requests(trivial=True), args.repeat
                )
            run = run_client_process(base, kg_requests(), answers_kg.digests, args, scratch)
            results.append(summarise("kg serve", run, answers_kg.problems))
        finally:
            stop(server)

        binary = None if args.no_oxigraph else oxigraph_binary()
        answers_ox = Answers()
        if binary is None:
            print("oxigraph serve: not available (pip install oxigraph), no ratio")
        else:
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            log = scratch / "oxigraph.log"
            ox = start_server(
                [binary, "serve-read-only", "--location", str(store), "--bind",
                 f"127.0.0.1:{port}", "--union-default-graph"],
                log,
            )  # fmt: skip
            try:
                wait_until_up(base + "/query?query=ASK%7B%7D", ox, log)
                requests = oxigraph_requests(registry)
                answers_ox = check_answers(base, requests)
                answers_ox.problems += [
                    f"{name}: {rows} rows, kg serve {answers_kg.rows.get(name)}"
                    for name, rows in answers_ox.rows.items()
                    if rows != answers_kg.rows.get(name)
                ]
                if not answers_ox.problems:
                    sequential["oxigraph HTTP"] = sequential_http(
                        base, oxigraph_requests(registry, trivial=True), args.repeat
                    )
                run = run_client_process(base, requests, answers_ox.digests, args, scratch)
                results.append(summarise("oxigraph serve-read-only", run, answers_ox.problems))
            finally:
                stop(ox)

    print("\nrows per request:", answers_kg.rows)
    if answers_ox.rows and answers_ox.rows != answers_kg.rows:
        print("WARNING: oxigraph answered different row counts:", answers_ox.rows)
    print("\none request at a time, median ms:")
    labels = list(sequential)
    print(f"  {'request':<20}" + "".join(f"{label:>15}" for label in labels))
    for name in [*(n for n, *_ in kg_requests()), TRIVIAL[0]]:
        cells = "".join(f"{sequential[label].get(name, float('nan')):>15.2f}" for label in labels)
        print(f"  {name:<20}{cells}")
    print(f"\n{'server':<26} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p99 ms':>8} {'errors':>7}")  # fmt: skip
    for r in results:
        print(f"{r['server']:<26} {r['requests']:>9} {r['rps']:>8.1f} {r['p50']:>8.1f} "
              f"{r['p95']:>8.1f} {r['p99']:>8.1f} {r['errors']:>7}")  # fmt: skip
        for kind, count in r["error_kinds"].items():
            print(f"    {kind}: {count}")
    if len(results) == 2 and results[0]["rps"]:
        print(
            f"\nthroughput ratio oxigraph / kg serve: {results[1]['rps'] / results[0]['rps']:.2f}"
        )
    if any(r["errors"] for r in results):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
