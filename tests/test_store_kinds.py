"""Store kinds: one protocol (``kg.store.KGStore``), opened by location (``kg.stores``).

A kind of the tests' own (``memory_store.MemoryStore``: six primitives, every write
through the protocol's fallbacks) is registered in one line and then holds the same graph
as the embedded store, through the same CLI helper and the same importer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from memory_store import DATASETS, MemoryStore
from pyoxigraph import DefaultGraph, NamedNode

from conftest import SEED_ANNOTATION
from kg import KnowledgeGraph
from kg.cli.kit import opened
from kg.errors import ReadOnlyStoreError
from kg.importers import import_files
from kg.snapshot import SnapshotStore
from kg.store import OxigraphStore
from kg.stores import STORE_KINDS, StoreOptions, open_store, register

GDELT_SAMPLE = (
    Path(__file__).parent / "data" / "import" / "gdelt2_20191024143000_head600.export.CSV"
)


@pytest.fixture
def memory_kind() -> Iterator[None]:
    register("memory", MemoryStore.opener)  # the one line a new kind needs
    yield
    del STORE_KINDS["memory"]


def filled(graph: KnowledgeGraph) -> KnowledgeGraph:
    graph.add_annotation(SEED_ANNOTATION)
    import_files(graph, "gdelt", [GDELT_SAMPLE], chunk_rows=200)
    return graph


def test_the_three_kinds_declare_their_capabilities(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "s") as store:
        pass
    with SnapshotStore(tmp_path / "s") as snapshot:
        flags = [(s.read_only, s.transactional, s.bulk) for s in (store, snapshot)]
    assert flags == [(False, True, True), (True, True, True)]
    from kg.remote import RemoteStore

    assert (RemoteStore.read_only, RemoteStore.transactional, RemoteStore.bulk) == (
        False,
        False,
        False,
    )


def test_a_registered_kind_opens_by_its_scheme_and_holds_what_the_embedded_store_holds(
    memory_kind: None,
) -> None:
    with opened("memory:") as graph:
        assert type(graph.store) is MemoryStore
        filled(graph)
        held = graph.store
        assert isinstance(held, MemoryStore)
        updates = held.updates
        records = {q.triple for q in held.quads(NamedNode(DATASETS))}
        answers = {
            name: graph.run(name, **params)
            for name, params in (("who-blames-whom", {"agent": "RUS"}), ("events", {}))
        }
        as_json = graph.to_json()
    embedded = filled(KnowledgeGraph.memory())
    assert records == {q.triple for q in embedded.store.quads(DefaultGraph())}
    assert answers == {
        name: embedded.run(name, **params)
        for name, params in (("who-blames-whom", {"agent": "RUS"}), ("events", {}))
    }
    assert as_json == embedded.to_json()
    assert updates > 100  # batches of 50 triples: the fallbacks did the writing


def test_a_kind_opened_read_only_refuses_an_import(memory_kind: None) -> None:
    store = open_store("memory:", StoreOptions(read_only=True))
    with pytest.raises(ReadOnlyStoreError):
        import_files(store, "gdelt", [GDELT_SAMPLE])
    assert list(store.quads()) == []


def test_a_location_without_a_registered_scheme_is_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "memory-ish:store"
    with open_store(str(folder)) as store:
        assert type(store) is OxigraphStore and store.path == folder
