"""The ``kg serve`` command: its options, the listening socket, uvicorn.

The application and its workers are ``kg.server``'s; this module turns the command line
into a ``ServerConfig``, opens the port itself (so that a port in use is one error line,
not uvicorn's traceback-like log of ``[Errno 98]``) and runs uvicorn on it.
"""

from __future__ import annotations

import errno
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.kit import DEFAULT_STORE, StoreOption, err, fail, out, reported_errors
from kg.config import settings
from kg.server import _LOOPBACK, ServerConfig
from kg.snapshot import PinnedView

__all__ = ["listen", "register", "run_server", "serve"]


def run_server(
    config: ServerConfig,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    log_level: str = "info",
    on_started: Callable[[], None] | None = None,
    sock: socket.socket | None = None,
) -> bool:
    """Serve ``config.store`` on ``host:port`` (or on the listening ``sock``) until
    interrupted; ``False`` if it could not start (port taken, store unreadable)."""
    import uvicorn

    from kg.server.app import create_app

    server = uvicorn.Server(
        uvicorn.Config(
            create_app(config),
            host=host,
            port=port,
            log_level=log_level,
            server_header=False,
            proxy_headers=False,
        )
    )
    if on_started is not None:

        def watch() -> None:
            while not server.started and not server.should_exit:
                time.sleep(0.05)
            if server.started:
                on_started()

        threading.Thread(target=watch, daemon=True).start()
    server.run(sockets=[sock] if sock is not None else None)
    return server.started


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on ``host:port``, as uvicorn would open it; ``OSError`` with a
    one-line reason (the port in use, an address this machine does not have)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise OSError(f"cannot listen on {host}: the name does not resolve ({exc})") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise OSError(
                f"port {port} on {host} is in use (another 'kg serve'?); stop it or choose "
                "another with --port"
            ) from None
        if exc.errno == errno.EACCES:
            raise OSError(
                f"port {port} on {host} needs privileges; choose one above 1023"
            ) from None
        raise OSError(f"cannot listen on {host} port {port}: {exc.strerror}") from None
    sock.set_inheritable(True)
    return sock


def _update_token(path: Path | None) -> str | None:
    """The bearer token for updates: the file's first line, else ``KG_UPDATE_TOKEN``."""
    if path is None:
        with reported_errors():
            return settings().update_token
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"--update-token-file {path}: {getattr(exc, 'strerror', None) or exc}")
    with reported_errors():
        return settings().with_flags(update_token=lines[0].strip() if lines else "").update_token


MemoryOption = Annotated[
    int,
    typer.Option(
        min=0,
        help="MiB of address space per query worker; a query needing more is stopped "
        "(503). 0: no cap.",
    ),
]
NamedWorkersOption = Annotated[
    int,
    typer.Option(
        min=1,
        help="Worker processes kept for the named queries (/queries, the page, /health), "
        "so slow ad-hoc queries cannot starve them.",
    ),
]
CorsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--cors",
        metavar="ORIGIN",
        help="Let web pages from ORIGIN (e.g. https://example.org, or *) query the "
        "endpoint from a browser; repeatable. Off by default.",
    ),
]
AllowLoadOption = Annotated[
    bool,
    typer.Option(help="Let SPARQL Update (with the token) LOAD http(s) URLs on public addresses."),
]
AllowPrivateLoadOption = Annotated[
    bool,
    typer.Option(help="With --allow-load: allow loopback, private and link-local addresses too."),
]
TokenFileOption = Annotated[
    Path | None,
    typer.Option(
        metavar="FILE",
        help="Read the update token from FILE (its first line) instead of "
        "KG_UPDATE_TOKEN; a token on the command line would be visible to other users.",
    ),
]


def _servable_store(store: str) -> Path:
    """The store folder ``kg serve`` can serve, or a one-line error."""
    try:
        import jinja2  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ModuleNotFoundError as exc:
        fail(f"kg serve needs {exc.name}: pip install starlette uvicorn jinja2")
    if store.startswith(("http://", "https://")):
        fail("kg serve serves an embedded store folder, not a remote endpoint")
    path = Path(store)
    if not path.is_dir():
        fail(f"no store at {path}: run 'kg add FILE' first (or pass --store)")
    try:
        PinnedView.open(path).close()
    except (OSError, RuntimeError) as exc:
        fail(f"{path} cannot be opened as a store: {exc}")
    return path


def _listen_and_run(config: ServerConfig, host: str, port: int) -> None:
    try:
        sock = listen(host, port)
    except OSError as exc:
        fail(str(exc))
    port = sock.getsockname()[1]
    mode = "updates with the bearer token" if config.allow_update else "read-only"
    shown = f"[{host}]" if ":" in host else host

    def started() -> None:
        out.print(
            f"serving {config.store} at http://{shown}:{port}/sparql ({mode}); Ctrl-C stops",
            markup=False,
        )

    if not run_server(config, host=host, port=port, on_started=started, sock=sock):
        fail(f"the server could not start on {host}:{port} (see the messages above)")


def serve(
    store: StoreOption = DEFAULT_STORE,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 7878,
    timeout: Annotated[
        float, typer.Option(min=0.01, help="Seconds a request may take; the query is stopped.")
    ] = 10.0,
    allow_update: Annotated[
        bool,
        typer.Option(help="Accept SPARQL Update with 'Authorization: Bearer $KG_UPDATE_TOKEN'."),
    ] = False,
    max_results: Annotated[
        int, typer.Option(min=1, help="Most rows (or triples) a query may return (413 beyond).")
    ] = 10_000,
    max_body: Annotated[
        int, typer.Option(min=1, help="Largest request body in bytes (413 beyond).")
    ] = 1 << 20,
    workers: Annotated[int, typer.Option(min=1, help="Query worker processes.")] = 2,
    max_memory: MemoryOption = 4096,
    named_workers: NamedWorkersOption = 2,
    cors: CorsOption = None,
    allow_load: AllowLoadOption = False,
    allow_private_load: AllowPrivateLoadOption = False,
    update_token_file: TokenFileOption = None,
) -> None:
    """Serve the store over HTTP: SPARQL 1.1 Protocol at /sparql, named queries at /queries.

    Read-only unless --allow-update. The store stays writable by 'kg add' meanwhile.
    """
    path = _servable_store(store)
    token = _update_token(update_token_file)
    if allow_update and token is None:
        fail(
            "--allow-update needs the KG_UPDATE_TOKEN environment variable: the bearer token "
            "clients must send to update"
        )
    if allow_update and host not in _LOOPBACK:
        err.print(
            f"warning: updates are allowed on {host} over plain HTTP: the token travels "
            "in clear text; put TLS in front",
            markup=False,
        )
    config = ServerConfig(
        path,
        timeout=timeout,
        allow_update=allow_update,
        update_token=token,
        max_results=max_results,
        max_body=max_body,
        workers=workers,
        max_memory=max_memory << 20,
        cors=tuple(cors or ()),
        allow_load=allow_load,
        allow_private_load=allow_private_load,
        named_workers=named_workers,
    )
    if allow_private_load and not allow_load:
        fail("--allow-private-load only makes sense with --allow-load")
    if allow_load and not allow_update:
        fail("--allow-load needs --allow-update: LOAD is an update")
    _listen_and_run(config, host, port)


def register(app: typer.Typer) -> None:
    """Add ``kg serve`` to the ``kg`` command."""
    app.command(name="serve")(serve)
