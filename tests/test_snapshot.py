"""Pinned read-only views (``kg.snapshot``): a writer's compaction cannot take a reader's
files away, and the snapshot folder is gone once the view is closed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store

from kg import KnowledgeGraph
from kg.snapshot import READERS, PinnedView, sweep_stale_views

P = NamedNode("https://example.org/p")


def _batch(i: int, n: int = 2000) -> list[Quad]:
    return [Quad(NamedNode(f"https://example.org/s{i}-{j}"), P, Literal(j)) for j in range(n)]


def _written(path: Path, batches: int) -> Store:
    """A writable store with ``batches`` flushed table files."""
    store = Store(str(path))
    for i in range(batches):
        store.bulk_extend(_batch(i))
        store.flush()
    return store


def _tables(path: Path) -> set[str]:
    return {name for name in os.listdir(path) if name.endswith(".sst")}


def test_a_view_keeps_answering_after_the_writer_compacted_away_its_files(
    tmp_path: Path,
) -> None:
    writer = _written(tmp_path, 5)
    with PinnedView.open(tmp_path) as view:
        assert view.folder is not None
        writer.update("DELETE WHERE { ?s <https://example.org/p> ?o }")
        writer.flush()
        writer.optimize()  # a full compaction: the writer deletes the files it rewrote
        assert _tables(view.folder) - _tables(tmp_path), "no file of the view was deleted"
        assert len(view.store) == 10_000
        assert sum(1 for _ in view.store.quads_for_pattern(None, P, None)) == 10_000
    assert len(writer) == 0


def test_a_view_sees_the_store_as_it_was_when_opened(tmp_path: Path) -> None:
    writer = _written(tmp_path, 1)
    with PinnedView.open(tmp_path) as view:
        writer.bulk_extend(_batch(1))
        writer.flush()
        assert len(view.store) == 2000
    with PinnedView.open(tmp_path) as fresh:
        assert len(fresh.store) == 4000


def test_closing_a_view_deletes_its_snapshot_folder_and_nothing_of_the_store(
    tmp_path: Path,
) -> None:
    _written(tmp_path, 2).flush()
    tables = _tables(tmp_path)
    view = PinnedView.open(tmp_path)
    assert view.folder is not None and view.folder.parent == tmp_path / READERS
    assert tables <= _tables(view.folder)
    view.close()
    view.close()  # twice is harmless
    assert not view.folder.exists()
    assert _tables(tmp_path) == tables


def test_a_store_whose_readers_folder_cannot_be_made_is_opened_directly(tmp_path: Path) -> None:
    _written(tmp_path, 1).flush()
    (tmp_path / READERS).write_text("not a folder")  # mkdir below it fails
    with PinnedView.open(tmp_path) as view:
        assert view.folder is None
        assert len(view.store) == 2000


def test_the_snapshot_folders_of_dead_readers_are_swept_and_live_ones_kept(
    tmp_path: Path,
) -> None:
    _written(tmp_path, 1).flush()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale = tmp_path / READERS / f"{dead.stdout.strip()}-0000"
    stale.mkdir(parents=True)
    with PinnedView.open(tmp_path) as live:
        assert not stale.exists()
        assert live.folder is not None
        assert sweep_stale_views(tmp_path) == []
        assert live.folder.exists()


def test_a_read_only_knowledge_graph_reads_through_a_snapshot_and_removes_it(
    tmp_path: Path,
) -> None:
    with KnowledgeGraph.open(tmp_path):
        pass
    with KnowledgeGraph.open(tmp_path, read_only=True) as reader:
        assert len(list((tmp_path / READERS).iterdir())) == 1
        assert reader.summary()
    assert list((tmp_path / READERS).iterdir()) == []
