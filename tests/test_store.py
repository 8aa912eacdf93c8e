"""The embedded store: on disk, transactional, reopened as it was left, locked for writers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from conftest import SEED_ANNOTATION
from kg import KnowledgeGraph
from kg.store import OxigraphStore, QueryError, StoreLockedError

G = NamedNode("https://example.org/g")


def quad(i: int) -> Quad:
    return Quad(
        NamedNode(f"https://example.org/s{i}"),
        NamedNode("https://example.org/p"),
        Literal(str(i)),
        G,
    )


def test_a_store_on_disk_keeps_its_documents_after_closing(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        kg.add_annotation(SEED_ANNOTATION)
    with KnowledgeGraph.open(tmp_path / "store", read_only=True) as kg:
        assert kg.documents() == ["belgorod-2023-12-30"]


def test_replacing_a_graph_swaps_its_content(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "s")
    store.replace_graph(G, [quad(1), quad(2)])
    store.replace_graph(G, [quad(3)])
    assert list(store.quads(G)) == [quad(3)]


def test_a_failed_write_leaves_the_graph_as_it_was(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "s")
    store.replace_graph(G, [quad(1)])
    with pytest.raises(QueryError):
        store._update(
            f"DROP SILENT GRAPH {G} ; INSERT DATA {{ GRAPH {G} {{ this is not sparql }} }}"
        )
    assert list(store.quads(G)) == [quad(1)]


def test_literals_with_quotes_and_newlines_survive_a_write(tmp_path: Path) -> None:
    hostile = Quad(
        NamedNode("https://example.org/s"),
        NamedNode("https://example.org/p"),
        Literal('a "quote" } ; DROP ALL ; \n\\ <b>'),
        G,
    )
    store = OxigraphStore(tmp_path / "s")
    store.replace_graph(G, [hostile])
    assert list(store.quads(G)) == [hostile]


def test_a_second_writer_is_told_the_store_is_locked(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with KnowledgeGraph.open(path):
        code = (
            "import sys\nfrom kg.store import OxigraphStore, StoreLockedError\n"
            "try:\n    OxigraphStore(sys.argv[1])\nexcept StoreLockedError as e:\n"
            "    print(e); sys.exit(3)\n"
        )
        child = subprocess.run(
            [sys.executable, "-c", code, str(path)], capture_output=True, text=True
        )
    assert child.returncode == 3, child.stderr
    assert "locked" in child.stdout


def test_a_reader_can_open_beside_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with KnowledgeGraph.open(path) as writer:
        writer.add_annotation(SEED_ANNOTATION)
        with KnowledgeGraph.open(path, read_only=True) as reader:
            assert reader.documents() == ["belgorod-2023-12-30"]


def test_the_same_process_cannot_open_a_store_twice_for_writing(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "store"), pytest.raises(StoreLockedError):
        OxigraphStore(tmp_path / "store")
