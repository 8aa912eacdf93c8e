"""``kg load`` never replaces the reference graphs (ontology, schemes, actors) by accident:
a file with a different version of one is refused unless ``--force`` is given."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from pyoxigraph import NamedNode
from typer.testing import CliRunner

from conftest import SEED_ANNOTATION
from kg import KnowledgeGraph
from kg.backup import BackupError, dump, load
from kg.cli.backup import register
from kg.vocab import ONTOLOGY_GRAPH, REFERENCE_GRAPH

ACTORS = NamedNode(str(REFERENCE_GRAPH))
ONTOLOGY = NamedNode(str(ONTOLOGY_GRAPH))
ONE_ACTOR = (
    "<{graph}> {{ <https://w3id.org/diplomatic-kg/id/actor/XXX> "
    '<http://www.w3.org/2000/01/rdf-schema#label> "an actor" . }}\n'
)


def cli() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with KnowledgeGraph.open(path) as graph:
        graph.add_annotation(SEED_ANNOTATION)
    return path


def content(store: Path) -> set[str]:
    with KnowledgeGraph.open(store, read_only=True) as graph:
        return {str(q) for q in graph.store.quads()}


def triples_in(store: Path, graph_name: NamedNode) -> int:
    with KnowledgeGraph.open(store, read_only=True) as graph:
        return len(list(graph.store.quads(graph_name)))


@pytest.mark.parametrize(
    ("graph_name", "what"),
    [
        (ACTORS, "the reference actors"),
        (ONTOLOGY, "the ontology with the CAMEO and PLOVER schemes"),
    ],
)
def test_a_file_replacing_a_reference_graph_is_refused_in_one_line_naming_it(
    store: Path, tmp_path: Path, graph_name: NamedNode, what: str
) -> None:
    before = content(store)
    held = triples_in(store, graph_name)
    file = tmp_path / "one.trig"
    file.write_text(ONE_ACTOR.format(graph=graph_name.value), "utf-8")
    done = CliRunner().invoke(cli(), ["load", str(file), "--store", str(store)])
    assert done.exit_code == 1
    assert done.stderr == (
        f"error: the files would replace the reference graph <{graph_name.value}> "
        f"({what}: {held:,} triples in the store, 1 in the files); pass --force to "
        "replace it\n"
    )
    assert content(store) == before


def test_force_replaces_a_reference_graph(store: Path, tmp_path: Path) -> None:
    file = tmp_path / "one.trig"
    file.write_text(ONE_ACTOR.format(graph=ACTORS.value), "utf-8")
    done = CliRunner().invoke(cli(), ["load", "--force", str(file), "--store", str(store)])
    assert done.exit_code == 0, done.output
    assert done.stdout == "loaded 1 quads into 1 graph(s)\n"
    assert triples_in(store, ACTORS) == 1


def test_a_dump_of_the_same_version_loads_back_without_force(store: Path, tmp_path: Path) -> None:
    """Its reference graphs hold what the store holds (blank node labels aside): nothing
    is lost, so nothing is asked."""
    with KnowledgeGraph.open(store, read_only=True) as graph:
        written = dump(graph, tmp_path / "kg.nq")
    target = KnowledgeGraph.memory()  # its own copy of the reference graphs: new labels
    assert load(target, tmp_path / "kg.nq") == written
    assert target.documents() == ["belgorod-2023-12-30"]


def test_the_python_api_refuses_too(tmp_path: Path) -> None:
    graph = KnowledgeGraph.memory()
    file = tmp_path / "one.trig"
    file.write_text(ONE_ACTOR.format(graph=ACTORS.value), "utf-8")
    held = len(list(graph.store.quads(ACTORS)))
    with pytest.raises(BackupError, match="pass --force to replace it"):
        load(graph, file)
    assert len(list(graph.store.quads(ACTORS))) == held
    assert load(graph, file, force=True) == 1
