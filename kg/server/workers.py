"""The worker processes: each answers queries on a read-only pinned snapshot of the
store (``kg.snapshot``), and is killed when its query runs past the time limit; updates run
in a process of their own. See ``kg.server`` for the design.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import resource
import signal
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import (
    Store,
)

from kg.cli.kit import err
from kg.sandbox import isolate_network
from kg.server.protocol import _HEALTH_ACCEPT, _HEALTH_QUERY, TEXT, Reply, _Job, execute
from kg.snapshot import ReadView

if TYPE_CHECKING:  # pragma: no cover
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess


# --------------------------------------------------------------------------- worker side


class _ReadView(ReadView):
    """The worker's view of the store (``kg.snapshot.ReadView``), which answers jobs and
    keeps the health answer for the snapshot it is on."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.health: Reply | None = None  # the health answer for this snapshot

    def refresh(self, *, force: bool = False) -> bool:
        if super().refresh(force=force):
            self.health = None
            return True
        return False

    def answer(self, job: _Job, max_results: int) -> Reply:
        try:
            self.refresh()
        except OSError as exc:
            return Reply.error(503, f"the store cannot be opened: {exc}")
        if job.sparql == _HEALTH_QUERY and job.accept == _HEALTH_ACCEPT:
            if self.health is None or self.health.status != 200:
                self.health = self._execute(job, max_results)
            return self.health
        return self._execute(job, max_results)

    def _execute(self, job: _Job, max_results: int) -> Reply:
        try:
            return execute(self.store, job, max_results)
        except OSError:
            try:
                self.refresh(force=True)
                return execute(self.store, job, max_results)
            except OSError as exc:
                return Reply.error(500, f"store error: {exc}")


def _hold_lifeline(lifeline: Connection) -> None:
    """Exit as soon as the server is gone, even in the middle of a query.

    The server holds the only write end of ``lifeline``; when it exits (or is killed), the
    read end sees EOF. pyoxigraph releases the GIL while it evaluates, so this thread runs.
    Without it a worker would finish a runaway query orphaned (its parent is the
    forkserver, which the worker itself keeps alive).
    """

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            lifeline.recv()
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="kg-serve-lifeline").start()


def _limit_memory(max_memory: int) -> None:
    """Cap this process's address space at ``max_memory`` bytes (0: no cap).

    A query that materialises a huge intermediate result (ORDER BY over a cartesian
    product) grows by gigabytes a second, faster than ``--timeout`` stops it; past the cap
    Oxigraph's allocation fails and the worker ends (Rust aborts), not the machine's other
    processes (the OOM killer picks the largest, which may be anything)."""
    if max_memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))


def _worker_main(
    conn: Connection,
    lifeline: Connection,
    path: str,
    max_results: int,
    max_memory: int = 0,
    *,
    isolate: bool = True,
    nice: int = 0,
) -> None:
    """A query worker: answers jobs from the pipe until it closes (or it is killed).

    It first cuts itself off the network (``kg.sandbox``, while it has one thread), so a
    SERVICE the server's check missed cannot reach any host; ``isolate=False`` is for
    the test that shows what the isolation stops. ``nice`` lowers its CPU priority (the
    ad-hoc lane), so the named queries' worker keeps its share beside runaway queries.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    layers = isolate_network() if isolate else []
    if nice:
        with contextlib.suppress(OSError):
            os.nice(nice)
    _hold_lifeline(lifeline)
    _limit_memory(max_memory)
    try:
        view = _ReadView(path)
    except OSError as exc:
        conn.send(("error", f"cannot open the store {path} read-only: {exc}"))
        return
    conn.send(("ready", (os.getpid(), layers)))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            reply = view.answer(job, max_results)
        except MemoryError:
            reply = Reply.error(503, "the query needed more memory than the server allows")
        except Exception as exc:  # the worker must outlive any one query
            reply = Reply.error(500, f"internal error: {type(exc).__name__}: {exc}")
        conn.send(reply)


def _update_main(
    conn: Connection, lifeline: Connection, path: str, update: str, isolate: bool = True
) -> None:
    """Run one SPARQL Update with the store opened for writing, then release it; off the
    network (``kg.sandbox``) unless the server allows LOAD."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if isolate:
        isolate_network()
    _hold_lifeline(lifeline)
    try:
        store = Store(path)
    except (OSError, RuntimeError) as exc:
        conn.send(
            Reply.error(
                503,
                f"the store is being written by another process ({exc}); retry shortly",
                ("Retry-After", "2"),
            )
        )
        return
    try:
        store.update(update)
        store.flush()
    except SyntaxError as exc:
        conn.send(Reply.error(400, f"malformed update: {exc}"))
    except (ValueError, RuntimeError, OSError) as exc:
        conn.send(Reply.error(400, f"the update cannot run: {exc}"))
    else:
        conn.send(Reply(204, b"", TEXT))
    finally:
        del store


# --------------------------------------------------------------------------- parent side


def _context() -> BaseContext:
    """``forkserver`` (workers fork from a clean process that imported this module once:
    a few ms per worker), else ``spawn``."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([__name__])
        return ctx
    return multiprocessing.get_context("spawn")


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(
        self,
        ctx: BaseContext,
        path: str,
        max_results: int,
        ready_timeout: float,
        max_memory: int = 0,
        *,
        isolate: bool = True,
        nice: int = 0,
    ) -> None:
        parent, child = ctx.Pipe()
        lifeline_r, self.lifeline = ctx.Pipe(duplex=False)
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main,
            args=(child, lifeline_r, path, max_results, max_memory),
            kwargs={"isolate": isolate, "nice": nice},
            daemon=True,
            name="kg-serve-worker",
        )
        self.process.start()
        child.close()
        lifeline_r.close()
        self.conn = parent
        if not parent.poll(ready_timeout):
            self.kill()
            raise RuntimeError(f"a query worker did not start within {ready_timeout} s")
        kind, detail = parent.recv()
        if kind != "ready":
            self.kill()
            raise RuntimeError(str(detail))
        #: The network isolation layers in force in the worker (``kg.sandbox``).
        self.isolation: list[str] = list(detail[1])

    def call(self, job: _Job, timeout: float) -> Reply | None:
        """Send a job and wait at most ``timeout`` s; ``None`` when it ran out of time.

        Raises ``EOFError``/``OSError`` if the worker died.
        """
        self.conn.send(job)
        if not self.conn.poll(max(timeout, 0.0)):
            return None
        reply: Reply = self.conn.recv()
        return reply

    def kill(self, *, close: bool = True) -> None:
        """SIGKILL the process; ``close=False`` leaves the pipe to a thread still reading
        it (closing it under that thread could hand its descriptor to another pipe)."""
        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
            self.process.join(5)
        if close:
            self.close()

    def close(self) -> None:
        for end in (self.conn, self.lifeline):
            with contextlib.suppress(OSError):
                end.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(1)
        if self.process.is_alive():
            self.kill()
        self.close()


async def _first_free(pools: Sequence[WorkerPool]) -> tuple[WorkerPool, _Worker]:
    """An idle worker of the first pool that has one, waiting if none has; a worker taken
    by a wait that lost the race goes back to its pool."""
    for pool in pools:
        if not pool._idle.empty():
            return pool, pool._idle.get_nowait()
    if len(pools) == 1:
        return pools[0], await pools[0]._idle.get()
    waits = {asyncio.ensure_future(pool._idle.get()): pool for pool in pools}
    finished = False
    won: list[tuple[WorkerPool, _Worker]] = []
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        finished = True
    finally:
        for wait in waits:
            wait.cancel()
        await asyncio.gather(*waits, return_exceptions=True)
        won = [(waits[w], w.result()) for w in waits if not w.cancelled() and not w.exception()]
        for pool, worker in won[1:] if finished else won:  # not kept: back to its pool
            pool._idle.put_nowait(worker)
    return won[0]


class WorkerPool:
    """Query worker processes; a query that runs out of time has its worker killed.

    ``await pool.run(job)`` returns a ``Reply``: the worker's, or 503 when no worker was free
    or the query ran out of time or memory (``max_memory`` bytes per worker, 0: no cap), or
    500 when the worker died otherwise.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        size: int,
        timeout: float,
        max_results: int,
        max_memory: int = 0,
        isolate: bool = True,
        nice: int = 0,
        isolate_updates: bool = True,
    ) -> None:
        self.path = str(path)
        self.isolate = isolate
        self.isolate_updates = isolate_updates
        self.nice = nice
        #: The network isolation layers of the last worker started (``kg.sandbox``).
        self.isolation: list[str] = []
        self.size = size
        self.timeout = timeout
        self.max_results = max_results
        self.max_memory = max_memory
        self._ctx = _context()
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        # One thread per busy worker, plus replacements being started and one update.
        self._executor = ThreadPoolExecutor(2 * size + 2, thread_name_prefix="kg-serve")
        self._closed = False
        self.killed = 0

    def _new_worker(self) -> _Worker:
        worker = _Worker(
            self._ctx,
            self.path,
            self.max_results,
            ready_timeout=60,
            max_memory=self.max_memory,
            isolate=self.isolate,
            nice=self.nice,
        )
        self.isolation = worker.isolation
        return worker

    async def start(self) -> None:
        """Start every worker; raises ``RuntimeError`` if one cannot open the store."""
        loop = asyncio.get_running_loop()
        for _ in range(self.size):
            worker = await loop.run_in_executor(self._executor, self._new_worker)
            self._all.add(worker)
            self._idle.put_nowait(worker)

    @property
    def alive(self) -> int:
        """How many workers are running."""
        return len(self._all)

    async def run(
        self, job: _Job, timeout: float | None = None, *, overflow: WorkerPool | None = None
    ) -> Reply:
        """Run a job on the first worker to come free, this pool's first, else (when
        given) ``overflow``'s: the named queries' lane borrows an idle ad-hoc worker."""
        limit = self.timeout if timeout is None else timeout
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        pools = [self] if overflow is None else [self, overflow]
        try:
            async with asyncio.timeout(limit):
                owner, worker = await _first_free(pools)
        except TimeoutError:
            return Reply.error(
                503,
                f"the server is busy: no query worker came free within {limit:g} s",
                ("Retry-After", "1"),
            )
        return await owner._call(worker, job, deadline - loop.time(), limit)

    async def _call(self, worker: _Worker, job: _Job, remaining: float, limit: float) -> Reply:
        loop = asyncio.get_running_loop()
        call = loop.run_in_executor(self._executor, worker.call, job, remaining)
        try:
            reply = await call
        except asyncio.CancelledError:
            # The thread is still waiting on the pipe: kill the worker, which ends that
            # wait, and close the pipe once the thread is done with it.
            self._retire(worker, close=False)
            call.add_done_callback(lambda _: worker.close())
            raise
        except (EOFError, OSError):
            self._retire(worker)
            if self.max_memory and worker.process.exitcode == -signal.SIGABRT:
                # Rust aborts when an allocation fails: the address-space cap was reached.
                return Reply.error(
                    503,
                    "the query needed more memory than the server allows "
                    f"({self.max_memory >> 20} MiB per worker) and was stopped",
                )
            return Reply.error(
                500,
                f"the query worker died (exit status {worker.process.exitcode}); "
                "it has been replaced",
            )
        if reply is None:
            self._retire(worker)
            return Reply.error(
                503, f"the query ran out of time (the limit is {limit:g} s) and was stopped"
            )
        self._idle.put_nowait(worker)
        return reply

    def _retire(self, worker: _Worker, *, close: bool = True) -> None:
        """Kill a worker (its query keeps running otherwise) and start a replacement."""
        self.killed += 1
        self._all.discard(worker)
        worker.kill(close=close)
        if not self._closed:
            task = asyncio.get_running_loop().create_task(self._replace())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _replace(self) -> None:
        loop = asyncio.get_running_loop()
        delay = 0.1
        while not self._closed:
            try:
                worker = await loop.run_in_executor(self._executor, self._new_worker)
            except (RuntimeError, OSError) as exc:
                err.print(f"kg serve: could not start a query worker: {exc}", markup=False)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
                continue
            if self._closed:
                worker.stop()
                return
            self._all.add(worker)
            self._idle.put_nowait(worker)
            return

    async def update(self, update: str, timeout: float) -> Reply:
        """Run a SPARQL Update in a process of its own that opens the store for writing
        (and is killed past ``timeout``); callers run one at a time."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor,
            _run_update_process,
            self._ctx,
            self.path,
            update,
            timeout,
            self.isolate_updates,
        )

    async def close(self) -> None:
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._all):
            worker.stop()
        self._all.clear()
        self._executor.shutdown(wait=False, cancel_futures=True)


def _run_update_process(
    ctx: BaseContext, path: str, update: str, timeout: float, isolate: bool = True
) -> Reply:
    parent, child = ctx.Pipe()
    lifeline_r, lifeline = ctx.Pipe(duplex=False)
    process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
        target=_update_main,
        args=(child, lifeline_r, path, update, isolate),
        daemon=True,
        name="kg-serve-update",
    )
    process.start()
    child.close()
    lifeline_r.close()
    try:
        if not parent.poll(timeout):
            process.kill()
            return Reply.error(
                503,
                f"the update ran out of time (the limit is {timeout:g} s) and was stopped; "
                "nothing was written",
            )
        reply: Reply = parent.recv()
        return reply
    except (EOFError, OSError) as exc:
        return Reply.error(500, f"the update process died ({exc or type(exc).__name__})")
    finally:
        process.join(5)
        parent.close()
        lifeline.close()
