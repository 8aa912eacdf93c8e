"""The mixed run of ``serve_load.py --mixed``: slow ad-hoc queries beside named queries.

``--slow-clients`` clients (2) each send, one after the other, a query that never finishes
on this store (every triple joined with every other twice), so each holds an ad-hoc worker
for the whole ``--slow-seconds`` (10: the server's ``--timeout``, after which the worker is
killed, the client gets 503 and sends the next one). Meanwhile ``--clients`` clients (16)
send the named queries of ``serve_load.NAMED`` as fast as they are answered, each answer
checked against the first one. Printed: the named queries' count, p50/p95/p99 and errors
(any status but 200, a transport error or a wrong answer), and what the slow clients got.
Before the named queries had a lane of their own, two slow queries on the two default
workers made the other clients wait 10 s and get 503. Target: 0 errors, p99 under 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import serve_load as load

#: Three copies of every triple joined: runs until the time limit on any real store.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


async def _mixed(
    base: str,
    named: list[load.Request],
    expected: dict[str, str],
    args: argparse.Namespace,
) -> dict[str, Any]:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    slow_statuses: dict[str, int] = {}
    deadline = time.monotonic() + args.duration
    timeout = httpx.Timeout(args.slow_seconds + 30)

    def pool(size: int) -> httpx.AsyncClient:
        """One connection per client, so none idles past the server's keep-alive (5 s)
        and is then reused as the server closes it (a client-side ReadError)."""
        limits = httpx.Limits(max_connections=size, max_keepalive_connections=size)
        return httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout)

    async with pool(args.clients) as client, pool(max(args.slow_clients, 1)) as slow_http:

        async def slow_client() -> None:
            while time.monotonic() < deadline:
                try:
                    response = await slow_http.post("/sparql", data={"query": SLOW})
                    key = str(response.status_code)
                except httpx.HTTPError as exc:
                    key = type(exc).__name__
                slow_statuses[key] = slow_statuses.get(key, 0) + 1

        async def named_client(index: int) -> None:
            turn = index
            while time.monotonic() < deadline:
                name, method, path, params, form = named[turn % len(named)]
                turn += 1
                started = time.perf_counter()
                try:
                    response = await client.request(
                        method, path, params=params, data=form or None,
                        headers={"Accept": load.SRJ},
                    )  # fmt: skip
                    body = await response.aread()
                    reason = load.answer_problem(
                        name, response.status_code, body, expected.get(name)
                    )
                except httpx.HTTPError as exc:
                    reason = f"{name}: {type(exc).__name__}"
                latencies.append(time.perf_counter() - started)
                if reason is not None:
                    errors[reason] = errors.get(reason, 0) + 1

        slow = [asyncio.create_task(slow_client()) for _ in range(args.slow_clients)]
        await asyncio.sleep(1.0)  # the slow queries hold their workers before we measure
        began = time.perf_counter()
        await asyncio.gather(*(named_client(i) for i in range(args.clients)))
        elapsed = time.perf_counter() - began
        for task in slow:
            task.cancel()
        await asyncio.gather(*slow, return_exceptions=True)
    return {
        "latencies": latencies,
        "errors": errors,
        "elapsed": elapsed,
        "slow": slow_statuses,
    }


def run_mixed(store: Path, scratch: Path, args: argparse.Namespace) -> bool:
    """Serve ``store``, run the mixed load, print the figures; whether the target was met."""
    port = load.free_port()
    base = f"http://127.0.0.1:{port}"
    log = scratch / "kg-serve-mixed.log"
    server = load.start_server(
        [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port),
         "--workers", str(args.workers), "--named-workers", str(args.named_workers),
         "--timeout", str(args.slow_seconds), "--max-results", "1000000"],
        log,
    )  # fmt: skip
    try:
        load.wait_until_up(base + "/health", server, log)
        named = [r for r in load.kg_requests() if r[2].startswith("/queries/")]
        answers = load.check_answers(base, named)
        run = asyncio.run(_mixed(base, named, answers.digests, args))
    finally:
        load.stop(server)
    summary = load.summarise("named queries", run, answers.problems)
    print(
        f"\nmixed: {args.slow_clients} clients sending {args.slow_seconds:g}-second queries, "
        f"{args.clients} clients sending named queries, {args.duration:g} s; kg serve "
        f"--workers {args.workers} --named-workers {args.named_workers}"
    )
    print(f"{'':<16} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p99 ms':>8} {'errors':>7}")  # fmt: skip
    print(f"{'named queries':<16} {summary['requests']:>9} {summary['rps']:>8.1f} "
          f"{summary['p50']:>8.1f} {summary['p95']:>8.1f} {summary['p99']:>8.1f} "
          f"{summary['errors']:>7}")  # fmt: skip
    for kind, count in summary["error_kinds"].items():
        print(f"    {kind}: {count}")
    print("slow queries answered: " + ", ".join(f"{n} x {k}" for k, n in run["slow"].items()))
    met = summary["errors"] == 0 and summary["p99"] < 1000
    print(f"target (0 errors, p99 < 1000 ms): {'met' if met else 'NOT met'}")
    return met
