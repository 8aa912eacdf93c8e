"""Start a real Virtuoso (Debian's ``virtuoso-opensource``) for the tests, on loopback.

Everything lives in a temporary folder: the ini (``tests/data/virtuoso/virtuoso.ini.template``
with the folder and two free loopback ports filled in), the database, the log. Anonymous
SPARQL Update on ``/sparql`` is granted through ``isql-vt``; ``/sparql-auth`` takes Digest
authentication as ``dba``/``dba`` (a fresh database's password).

``KG_VIRTUOSO_BIN`` names the ``virtuoso-t`` to run (``isql-vt`` is then looked for beside
it, then on the PATH); a path that is not there means "no Virtuoso", which is how the
skipping is tested without uninstalling anything. Tests call :func:`require` (or use a
fixture that does): it skips with :data:`INSTALL_HINT` when Virtuoso is missing, and fails
instead under ``CI=true``, where it must be installed.

>>> from kg.remote import RemoteStore
>>> with running_virtuoso() as server:  # doctest: +SKIP
...     RemoteStore(server.endpoint).ask("ASK { ?s ?p ?o }")
True
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from string import Template

import httpx

TEMPLATE = Path(__file__).parent / "data" / "virtuoso" / "virtuoso.ini.template"
INSTALL_HINT = (
    "Virtuoso is not installed: `apt-get install -y --no-install-recommends "
    "virtuoso-opensource-7-bin` (Debian) puts virtuoso-t and isql-vt on the PATH"
)
DBA = ("dba", "dba")
BINARY_VARIABLE = "KG_VIRTUOSO_BIN"


class VirtuosoError(RuntimeError):
    """Virtuoso did not start, or refused the set-up."""


@dataclass(frozen=True)
class VirtuosoServer:
    """A running test Virtuoso."""

    http_port: int
    sql_port: int
    directory: Path
    process: subprocess.Popen[bytes]

    @property
    def endpoint(self) -> str:
        """The anonymous SPARQL endpoint (queries and, once granted, updates)."""
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def auth_endpoint(self) -> str:
        """The endpoint that wants Digest authentication (``DBA``)."""
        return f"http://127.0.0.1:{self.http_port}/sparql-auth"

    def log(self, lines: int = 30) -> str:
        """The end of Virtuoso's log."""
        text = ""
        for name in ("virtuoso.log", "console.log"):
            path = self.directory / name
            if path.exists():
                text += path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def sql(self, statement: str) -> str:
        """Run one SQL statement as ``dba`` through ``isql-vt``; its output."""
        isql = isql_binary()
        if isql is None:
            raise VirtuosoError("isql-vt is not installed (package virtuoso-opensource-7-bin)")
        done = subprocess.run(
            [isql, f"127.0.0.1:{self.sql_port}", *DBA, f"EXEC={statement}"],
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        output = done.stdout + done.stderr
        if done.returncode != 0 or "*** Error" in output:
            raise VirtuosoError(f"isql-vt {statement!r} failed: {output.strip()}")
        return output


def server_binary() -> str | None:
    """The ``virtuoso-t`` to run: ``$KG_VIRTUOSO_BIN`` if set (None when it is not an
    executable file), else the one on the PATH."""
    chosen = os.environ.get(BINARY_VARIABLE)
    if chosen:
        return chosen if os.path.isfile(chosen) and os.access(chosen, os.X_OK) else None
    return shutil.which("virtuoso-t")


def isql_binary() -> str | None:
    """``isql-vt`` beside the server binary, else on the PATH."""
    binary = server_binary()
    if binary is None:
        return None
    beside = Path(binary).with_name("isql-vt")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("isql-vt") or shutil.which("isql")


def installed() -> bool:
    """Whether ``virtuoso-t`` and ``isql-vt`` can be run."""
    return server_binary() is not None and isql_binary() is not None


def missing_reason() -> str | None:
    """Why the Virtuoso tests cannot run here, or None when they can."""
    if installed():
        return None
    chosen = os.environ.get(BINARY_VARIABLE)
    if chosen and server_binary() is None:
        return f"{BINARY_VARIABLE}={chosen} is not an executable file. {INSTALL_HINT}"
    return INSTALL_HINT


def require() -> None:
    """Skip the calling test when Virtuoso is missing (fail under ``CI=true``)."""
    import pytest

    reason = missing_reason()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"CI needs Virtuoso for the remote store tests. {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Have the kernel stop Virtuoso if the test process dies without tearing down."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _wait_until_ready(server: VirtuosoServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=2) as client:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise VirtuosoError(
                    f"virtuoso-t exited with {server.process.returncode}:\n{server.log()}"
                )
            try:
                answer = client.get(server.endpoint, params={"query": "ASK {}"})
                if answer.status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    raise VirtuosoError(f"Virtuoso did not answer within {timeout:.0f} s:\n{server.log()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def _start(binary: str, ini: Path, directory: Path) -> subprocess.Popen[bytes]:
    with open(directory / "console.log", "ab") as console:
        return subprocess.Popen(
            [binary, "+configfile", str(ini), "+foreground"],
            cwd=directory,
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,
            env={**os.environ, "LC_ALL": "C"},
        )


@contextmanager
def running_virtuoso(*, timeout: float = 60) -> Iterator[VirtuosoServer]:
    """Start Virtuoso in a temporary folder, grant SPARQL Update, stop it on leaving.

    Raises ``VirtuosoError`` (with the end of Virtuoso's log) when it does not come up.
    """
    binary = server_binary()
    if binary is None:
        raise VirtuosoError(missing_reason() or INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="kg-virtuoso-") as tmp:
        directory = Path(tmp)
        http_port, sql_port = _free_port(), _free_port()
        while sql_port == http_port:
            sql_port = _free_port()
        (directory / "vsp").mkdir()
        (directory / "vad").mkdir()
        ini = directory / "virtuoso.ini"
        ini.write_text(
            Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
                dir=str(directory), server_port=sql_port, http_port=http_port
            ),
            encoding="utf-8",
        )
        server = VirtuosoServer(http_port, sql_port, directory, _start(binary, ini, directory))
        try:
            _wait_until_ready(server, timeout)
            server.sql('GRANT SPARQL_UPDATE TO "SPARQL";')
            yield server
        finally:
            _stop(server.process)
