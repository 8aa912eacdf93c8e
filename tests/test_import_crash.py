"""Crash safety: ``kg import`` killed with SIGKILL mid-import leaves a store that opens
cleanly, and re-running the import completes it to exactly what a clean import gives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, Store
from test_import_support import coded_events, reactions_by_type, resampled_gdelt

from kg import KnowledgeGraph


def _import(store: Path, source: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "kg", "import", "gdelt", str(source), "--store", str(store),
               "--chunk-rows", "400"]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _imported_quads(store: Path) -> set[str]:
    """The quads of the default graph, where the import writes (the ontology graph differs
    between any two stores: its blank nodes are renamed on each parse)."""
    return {
        str(q)
        for q in Store.read_only(str(store)).quads_for_pattern(None, None, None, DefaultGraph())
    }


@pytest.mark.slow
def test_an_import_killed_mid_way_reruns_to_the_same_store_as_a_clean_import(
    tmp_path: Path,
) -> None:
    source = resampled_gdelt(tmp_path / "events.CSV", 30_000)
    clean, crashed = tmp_path / "clean", tmp_path / "crashed"
    assert _import(clean, source).wait(timeout=600) == 0

    process = _import(crashed, source)
    seen: set[str] = set()
    deadline = time.monotonic() + 300
    while len(seen) < 12 and process.poll() is None and time.monotonic() < deadline:
        seen.update(p.name for p in crashed.glob("bulk-*.sst"))  # a chunk being loaded
        time.sleep(0.002)
    assert process.poll() is None, "the import ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    with KnowledgeGraph.open(crashed) as kg:  # opens cleanly, ontology and actors there
        assert kg.documents() == []
    partial = coded_events(crashed, "gdelt")
    assert 0 < partial < coded_events(clean, "gdelt")

    assert _import(crashed, source).wait(timeout=600) == 0
    assert not list(crashed.glob("bulk-*.sst"))
    assert coded_events(crashed, "gdelt") == coded_events(clean, "gdelt")
    assert reactions_by_type(crashed, "gdelt") == reactions_by_type(clean, "gdelt")
    assert _imported_quads(crashed) == _imported_quads(clean)


@pytest.mark.slow
def test_readers_keep_answering_while_an_import_runs(tmp_path: Path) -> None:
    source = resampled_gdelt(tmp_path / "events.CSV", 20_000)
    store = tmp_path / "store"
    with KnowledgeGraph.open(store):  # the ontology and actors, before the writer starts
        pass
    process = _import(store, source)
    counts: list[int] = []
    try:
        while process.poll() is None and len(counts) < 300:
            with KnowledgeGraph.open(store, read_only=True) as reader:
                rows = reader.query(
                    "SELECT (COUNT(?e) AS ?n) WHERE "
                    "{ ?e a <https://w3id.org/diplomatic-kg/ontology#CodedEvent> }"
                ).records()
                counts.append(int(rows[0]["n"]))
    finally:
        assert process.wait(timeout=600) == 0
    # Every read answered, none saw fewer events than an earlier one, and the import went
    # on meanwhile (the first read did not see it all).
    assert len(counts) > 1
    assert counts == sorted(counts)
    assert counts[0] < coded_events(store, "gdelt")
