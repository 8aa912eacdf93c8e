"""``kg dump`` / ``kg load``: the whole dataset out and back, atomically, idempotently."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import typer
from pyoxigraph import CanonicalizationAlgorithm, Dataset, DefaultGraph, Literal, NamedNode, Quad
from typer.testing import CliRunner

from conftest import SEED_ANNOTATION
from kg import KnowledgeGraph
from kg.backup import BackupError, dump, file_graph, load, read
from kg.cli.backup import register
from kg.importers import import_files
from kg.remote import RemoteStore, RemoteStoreError
from kg.vocab import ONTOLOGY_GRAPH

EX_S, EX_P = NamedNode("https://example.org/s"), NamedNode("https://example.org/p")
EX_O = Literal("o")
TURTLE = b"""@prefix ex: <https://example.org/> .
ex:a ex:p "one" ; ex:q [ ex:r "anonymous" ] .
"""


def empty_graph() -> KnowledgeGraph:
    """A graph whose store holds nothing (not even the reference graphs)."""
    graph = KnowledgeGraph.memory()
    for name in graph.store.graphs():
        graph.store.drop_graph(name)
    return graph


def canonical(quads: list[Quad]) -> Dataset:
    dataset = Dataset(quads)
    dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
    return dataset


@pytest.fixture()
def seeded() -> KnowledgeGraph:
    graph = KnowledgeGraph.memory()
    graph.add_annotation(SEED_ANNOTATION)
    return graph


def cli() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_a_dump_loaded_into_an_empty_store_gives_back_exactly_the_same_quads(
    seeded: KnowledgeGraph, tmp_path: Path
) -> None:
    written = dump(seeded, tmp_path / "kg.nq")
    target = empty_graph()
    assert load(target, tmp_path / "kg.nq") == written
    assert set(target.store.quads()) == set(seeded.store.quads())


IMPORT_DATA = Path(__file__).parent / "data" / "import"
GDELT_SAMPLE = IMPORT_DATA / "gdelt2_20191024143000_head600.export.CSV"


@pytest.fixture()
def imported(seeded: KnowledgeGraph) -> KnowledgeGraph:
    import_files(seeded, "gdelt", [GDELT_SAMPLE])
    return seeded


def test_imported_datasets_round_trip_in_the_default_graph(
    imported: KnowledgeGraph, tmp_path: Path
) -> None:
    held = {q for q in imported.store.quads() if isinstance(q.graph_name, DefaultGraph)}
    assert held  # the import wrote to the default graph
    dump(imported, tmp_path / "kg.nq")
    target = empty_graph()
    load(target, tmp_path / "kg.nq")
    assert set(target.store.quads()) == set(imported.store.quads())
    assert target.run("top-condemnations").records() == imported.run("top-condemnations").records()


def test_loading_a_dump_again_replaces_the_default_graph(
    imported: KnowledgeGraph, tmp_path: Path
) -> None:
    dump(imported, tmp_path / "kg.nq")
    target = empty_graph()
    target.store.replace_graphs({DefaultGraph(): [Quad(EX_S, EX_P, EX_O)]})  # to be replaced
    load(target, tmp_path / "kg.nq")
    load(target, tmp_path / "kg.nq")
    # Replaced graphs give the ontology's blank nodes new labels: the same dataset.
    assert canonical(list(target.store.quads())) == canonical(list(imported.store.quads()))


def test_a_trig_dump_round_trips_too(seeded: KnowledgeGraph, tmp_path: Path) -> None:
    dump(seeded, tmp_path / "kg.trig")
    target = empty_graph()
    load(target, tmp_path / "kg.trig")
    assert set(target.store.quads()) == set(seeded.store.quads())


def test_a_dump_holds_every_graph_ontology_and_actors_included(
    seeded: KnowledgeGraph, tmp_path: Path
) -> None:
    written = dump(seeded, tmp_path / "kg.nq")
    assert written == len(list(seeded.store.quads()))
    assert set(read(tmp_path / "kg.nq")) == set(seeded.store.graphs())


def test_loading_over_existing_graphs_gives_the_same_dataset(
    seeded: KnowledgeGraph, tmp_path: Path
) -> None:
    dump(seeded, tmp_path / "kg.nq")
    target = KnowledgeGraph.memory()  # holds its own copy of the ontology and actors
    load(target, tmp_path / "kg.nq")
    # The ontology's blank nodes get new labels when a graph is replaced: same dataset.
    assert canonical(list(target.store.quads())) == canonical(list(seeded.store.quads()))


def test_loading_twice_adds_nothing(seeded: KnowledgeGraph, tmp_path: Path) -> None:
    dump(seeded, tmp_path / "kg.nq")
    (tmp_path / "extra.ttl").write_bytes(TURTLE)
    target = empty_graph()
    load(target, tmp_path / "kg.nq")
    load(target, tmp_path / "extra.ttl")
    before = len(list(target.store.quads()))
    load(target, tmp_path / "kg.nq")
    load(target, tmp_path / "extra.ttl")  # its anonymous blank node too
    assert len(list(target.store.quads())) == before


def test_a_triple_file_goes_into_a_graph_named_after_its_sha256(tmp_path: Path) -> None:
    (tmp_path / "extra.ttl").write_bytes(TURTLE)
    target = empty_graph()
    assert load(target, tmp_path / "extra.ttl") == 3
    assert target.store.graphs() == [file_graph(TURTLE)]


def test_into_names_the_graph_of_a_triple_file(tmp_path: Path) -> None:
    (tmp_path / "extra.ttl").write_bytes(TURTLE)
    target = empty_graph()
    load(target, tmp_path / "extra.ttl", into="https://example.org/g")
    assert target.store.graphs() == [NamedNode("https://example.org/g")]


def test_a_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nq"
    bad.write_text('<https://e.org/s> <https://e.org/p> "o" .\n<https://e.org/s> oops .\n')
    with pytest.raises(BackupError, match=r"bad\.nq:2: "):
        read(bad)


def test_an_unknown_suffix_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data.xml").write_text("<rdf/>")
    with pytest.raises(BackupError, match=r"data\.xml: unknown format '\.xml'"):
        read(tmp_path / "data.xml")


def test_a_failed_dump_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    destination = tmp_path / "kg.nq"
    destination.write_text("the previous dump\n")
    with socket.socket() as sock:  # a port nobody listens on: reading the store fails
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    unreachable = KnowledgeGraph(RemoteStore(f"http://127.0.0.1:{port}/sparql", read_only=True))
    with pytest.raises(RemoteStoreError):
        dump(unreachable, destination)
    assert destination.read_text() == "the previous dump\n"
    assert list(tmp_path.iterdir()) == [destination]


def test_the_commands_dump_and_load_a_store(seeded: KnowledgeGraph, tmp_path: Path) -> None:
    runner = CliRunner()
    source, target, backup = tmp_path / "source", tmp_path / "target", tmp_path / "kg.nq"
    with KnowledgeGraph.open(source) as graph:
        graph.add_annotation(SEED_ANNOTATION)
    done = runner.invoke(cli(), ["dump", "-o", str(backup), "--store", str(source)])
    assert done.exit_code == 0, done.output
    done = runner.invoke(cli(), ["load", str(backup), "--store", str(target)])
    assert done.exit_code == 0, done.output
    with KnowledgeGraph.open(target, read_only=True) as graph:
        assert graph.documents() == ["belgorod-2023-12-30"]
        assert canonical(list(graph.store.quads())) == canonical(list(seeded.store.quads()))


def test_loading_a_malformed_file_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as graph:
        graph.add_annotation(SEED_ANNOTATION)
        before = set(graph.store.quads())
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.trig"
    good.write_bytes(TURTLE)
    bad.write_text("<https://e.org/g> {\n  <https://e.org/s> <https://e.org/p> \n}\n")
    done = CliRunner().invoke(cli(), ["load", str(good), str(bad), "--store", str(store)])
    assert done.exit_code == 1
    assert done.stderr.startswith(f"error: {bad}:3: ")
    assert len(done.stderr.strip().splitlines()) == 1
    with KnowledgeGraph.open(store, read_only=True) as graph:
        assert set(graph.store.quads()) == before


def test_the_reference_graphs_are_in_a_dump(seeded: KnowledgeGraph, tmp_path: Path) -> None:
    dump(seeded, tmp_path / "kg.nq")
    ontology = read(tmp_path / "kg.nq")[NamedNode(str(ONTOLOGY_GRAPH))]
    assert len(ontology) == len(list(seeded.store.quads(NamedNode(str(ONTOLOGY_GRAPH)))))
