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
    source = resampled_gdelt(tmp_path / "events.CSV", 12_000)  # 30 chunks, killed after 12
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


#: A reader in its own process: opens the store read-only and counts its coded events,
#: again and again until told to stop, printing each count. Its address space is capped,
#: so a runaway read fails that process, not the machine.
_READER = """
import resource, sys
from pathlib import Path
from kg import KnowledgeGraph
resource.setrlimit(resource.RLIMIT_AS, (6 << 30, 6 << 30))
store, stop = Path(sys.argv[1]), Path(sys.argv[2])
query = ("SELECT (COUNT(?e) AS ?n) WHERE "
         "{ ?e a <https://w3id.org/diplomatic-kg/ontology#CodedEvent> }")
while not stop.exists():
    with KnowledgeGraph.open(store, read_only=True) as reader:
        print(int(reader.query(query).records()[0]["n"]), flush=True)
"""


@pytest.mark.slow
def test_readers_keep_answering_while_an_import_runs(tmp_path: Path) -> None:
    """Reader and writer share one CPU, so the writer's compactions land between a
    reader's open and its reads (with a plain ``Store.read_only`` this ran out of memory
    on every try: a file compacted away makes Oxigraph's scan repeat its error forever)."""
    source = resampled_gdelt(tmp_path / "events.CSV", 30_000)
    store, stop = tmp_path / "store", tmp_path / "stop"
    with KnowledgeGraph.open(store):  # the ontology and actors, before the writer starts
        pass
    cpu = {min(os.sched_getaffinity(0))}
    writer = _import(store, source)
    reader = subprocess.Popen(
        [sys.executable, "-c", _READER, str(store), str(stop)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    for process in (writer, reader):
        os.sched_setaffinity(process.pid, cpu)
    try:
        assert writer.wait(timeout=600) == 0
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err[-2000:]
    counts = [int(line) for line in out.split()]
    # Every read answered, none saw fewer events than an earlier one, and the import went
    # on meanwhile (the first read did not see it all).
    assert len(counts) > 1
    assert counts == sorted(counts)
    assert counts[0] < coded_events(store, "gdelt")
    assert not list((store / "kg-readers").iterdir())  # every snapshot was removed
