"""One error tree: every exception ``kg`` exports derives from ``KGError``, and a write to a
read-only store raises ``ReadOnlyStoreError`` (a ``StoreError``) whichever store it is."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat

import kg
from kg import KnowledgeGraph
from kg.cli.kit import reported_errors
from kg.errors import (
    InputError,
    KGError,
    QueryError,
    ReadOnlyStoreError,
    StoreBusyError,
    StoreError,
    StoreLockedError,
)
from kg.importers import import_files
from kg.remote import RemoteStore
from kg.snapshot import SnapshotStore
from kg.store import OxigraphStore

G = NamedNode("https://example.org/g")
QUAD = Quad(NamedNode("https://example.org/s"), NamedNode("https://example.org/p"), Literal("o"), G)

EXPORTED_EXCEPTIONS = {
    "AnnotationError": InputError,
    "BackupError": InputError,
    "ConfigError": InputError,
    "ExtractionError": InputError,
    "GuardError": QueryError,
    "InputError": KGError,
    "KGError": Exception,
    "ModelError": InputError,
    "ParamError": InputError,
    "QueryError": KGError,
    "ReadOnlyStoreError": StoreError,
    "ReadingConflictError": InputError,
    "RemoteStoreError": StoreError,
    "SourceError": InputError,
    "StoreBusyError": StoreError,
    "StoreError": KGError,
    "StoreLockedError": StoreError,
    "StrictError": InputError,
    "UnknownActorError": InputError,
    "UnknownCodeError": InputError,
    "UnknownQueryError": QueryError,
}


def test_kg_exports_exactly_these_exceptions_each_under_its_branch() -> None:
    exported = {
        name
        for name in kg.__all__
        if isinstance(getattr(kg, name), type) and issubclass(getattr(kg, name), BaseException)
    }
    assert exported == set(EXPORTED_EXCEPTIONS)
    for name, branch in EXPORTED_EXCEPTIONS.items():
        cls = getattr(kg, name)
        assert issubclass(cls, KGError), name
        assert issubclass(cls, branch), name


def test_the_old_homes_and_builtin_bases_still_work() -> None:
    from kg.actors import UnknownActorError
    from kg.annotation import AnnotationError
    from kg.queries import ParamError
    from kg.remote import RemoteStoreError
    from kg.snapshot import StoreBusyError as BusyFromSnapshot
    from kg.store import QueryError as QueryFromStore

    assert AnnotationError is kg.AnnotationError and QueryFromStore is QueryError
    assert issubclass(UnknownActorError, KeyError)
    assert issubclass(ParamError, ValueError)
    assert issubclass(RemoteStoreError, QueryError)
    assert issubclass(BusyFromSnapshot, OSError) and BusyFromSnapshot is StoreBusyError
    assert issubclass(StoreLockedError, RuntimeError)


GDELT_SAMPLE = (
    Path(__file__).parent / "data" / "import" / "gdelt2_20191024143000_head600.export.CSV"
)


@pytest.fixture
def read_only_store(tmp_path: Path) -> Iterator[OxigraphStore]:
    writer = OxigraphStore(tmp_path / "store")
    writer.replace_graph(G, [QUAD])
    writer.close()
    reader = SnapshotStore(tmp_path / "store")
    yield reader
    reader.close()


def test_every_write_to_a_read_only_embedded_store_raises_one_store_error(
    read_only_store: OxigraphStore,
) -> None:
    writes = {
        "replace_graph": lambda: read_only_store.replace_graph(G, []),
        "replace_graphs": lambda: read_only_store.replace_graphs({G: []}),
        "drop_graph": lambda: read_only_store.drop_graph(G),
        "load": lambda: read_only_store.load(b"", RdfFormat.N_QUADS),
    }
    for name, write in writes.items():
        with pytest.raises(ReadOnlyStoreError, match=r"^the store is open read-only$"):
            write()
        assert list(read_only_store.quads(G)) == [QUAD], name


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_a_write_to_a_read_only_endpoint_raises_the_same_error_before_any_request() -> None:
    # Nothing listens on the port: an attempt to send would be a RemoteStoreError instead.
    store = RemoteStore(f"http://127.0.0.1:{_closed_port()}/sparql", read_only=True)
    for write in (lambda: store.drop_graph(G), lambda: store.replace_graph(G, [QUAD])):
        with pytest.raises(ReadOnlyStoreError, match=r"^the store is open read-only$"):
            write()


def test_kg_import_into_a_read_only_graph_is_a_store_error_for_both_kinds(
    read_only_store: OxigraphStore,
) -> None:
    remote = RemoteStore(f"http://127.0.0.1:{_closed_port()}/sparql", read_only=True)
    for graph in (KnowledgeGraph(read_only_store), KnowledgeGraph(remote)):
        with pytest.raises(ReadOnlyStoreError):
            import_files(graph, "gdelt", [GDELT_SAMPLE])


def test_the_cli_turns_any_kg_error_into_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for error in (ReadOnlyStoreError(), StoreBusyError("the store kept changing")):
        with pytest.raises(typer.Exit) as exit_info, reported_errors():
            raise error
        assert exit_info.value.exit_code == 1
    assert capsys.readouterr().err == (
        "error: the store is open read-only\nerror: the store kept changing\n"
    )


def test_an_unknown_query_name_is_a_query_error_and_still_a_key_error() -> None:
    from kg.queries import named_query

    with pytest.raises(kg.UnknownQueryError) as caught:
        named_query("who-praises-whom")
    assert isinstance(caught.value, KeyError)
    assert str(caught.value).startswith("no named query 'who-praises-whom'; known: ")


def test_events_near_without_a_place_or_a_point_is_a_param_error() -> None:
    from kg.places import events_near

    with pytest.raises(kg.ParamError, match=r"^give either place, or both lat and long$"):
        events_near(kg.KnowledgeGraph.memory(), lat=50.6)
