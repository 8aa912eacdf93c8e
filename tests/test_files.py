"""One atomic-write helper (``kg.files``) behind ``kg export``, ``kg render`` and ``kg dump``:
the destination holds the old content or the new, never a part, and no temporary is left."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import SEED_ANNOTATION
from kg import KnowledgeGraph
from kg.files import atomic_writer, write_atomically


def test_a_write_that_fails_midway_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "kg.nq"
    target.write_bytes(b"old\n")
    with pytest.raises(RuntimeError, match="serialiser failed"), atomic_writer(target) as out:
        out.write(b"half of the new")
        raise RuntimeError("serialiser failed")
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.nq"]


def test_a_new_file_gets_the_mode_a_plain_open_would_give(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.write_bytes(b"")
    write_atomically(tmp_path / "deep" / "atomic", b"new\n")
    atomic = tmp_path / "deep" / "atomic"
    assert atomic.read_bytes() == b"new\n"
    assert oct(atomic.stat().st_mode & 0o777) == oct(plain.stat().st_mode & 0o777)


def test_export_writes_its_file_through_the_helper(tmp_path: Path) -> None:
    graph = KnowledgeGraph.memory()
    graph.add_annotation(SEED_ANNOTATION)
    target = tmp_path / "out" / "kg.nt"
    data = graph.export("nt", target)
    assert target.read_bytes() == data
    assert sorted(os.listdir(target.parent)) == ["kg.nt"]
