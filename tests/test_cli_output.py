"""What the ``kg`` command prints, as a user sees it through a pipe: a real process whose
standard output is a pipe, never a terminal, and a real store on disk."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import SEED_ANNOTATION

KG = [sys.executable, "-m", "kg"]
ACTOR = "https://w3id.org/diplomatic-kg/id/actor/"


def kg(*args: str | Path, code: int = 0) -> subprocess.CompletedProcess[str]:
    # COLUMNS=80: what a narrow terminal would give rich; piped output must ignore it.
    env = {**os.environ, "COLUMNS": "80"}
    # capture_output: standard output is a pipe, as in `kg query NAME | ...`.
    run = subprocess.run([*KG, *map(str, args)], capture_output=True, text=True, env=env)
    assert run.returncode == code, run.stderr
    return run


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("output") / "store"
    kg("add", "--store", path, SEED_ANNOTATION)
    return path


def test_a_piped_query_prints_every_value_whole_as_csv(store: Path) -> None:
    run = kg("query", "who-blames-whom", "--store", store)
    assert run.stdout == (
        "agent,agent_label,target,target_label,reactions,hedged_reactions,hedging_unknown,"
        "documents,records,domestic,since,until\n"
        f"{ACTOR}RUS,Russia,{ACTOR}UKR,Ukraine,1,1,0,1,0,False,0001-01-01,9999-12-31\n"
        f"{ACTOR}RUS,Russia,{ACTOR}GBR,United Kingdom,1,0,0,1,0,False,0001-01-01,9999-12-31\n"
        f"{ACTOR}RUS,Russia,{ACTOR}USA,United States,1,0,0,1,0,False,0001-01-01,9999-12-31\n"
    )


def test_a_table_asked_for_through_a_pipe_is_not_cut_to_the_terminal_width(store: Path) -> None:
    lines = kg("query", "who-blames-whom", "--store", store, "--format", "table").stdout
    rows = lines.splitlines()
    assert rows[1] == (
        "┃ agent        ┃ agent_label ┃ target       ┃ target_label   ┃ reactions ┃"
        " hedged_reactions ┃ hedging_unknown ┃ documents ┃ records ┃ domestic ┃ since      ┃"
        " until      ┃"
    )
    assert rows[4] == (
        "│ id:actor/RUS │ Russia      │ id:actor/GBR │ United Kingdom │ 1         │"
        " 0                │ 0               │ 1         │ 0       │ False    │ 0001-01-01 │"
        " 9999-12-31 │"
    )
    assert rows[-1] == "3 row(s)"


def test_query_list_shows_every_parameter_with_its_kind_and_default() -> None:
    from kg.queries import named_queries

    listing = kg("query", "--list").stdout.splitlines()
    for name, named in named_queries().items():
        at = listing.index(name)
        params = listing[at + 2 : at + 2 + len(named.params)]
        assert [line.split("=", 1)[0] for line in params] == [
            f"  --param {p.name}" for p in named.params
        ]
    assert len([line for line in listing if line.startswith("  --param ")]) == sum(
        len(q.params) for q in named_queries().values()
    )
    most_targeted = listing.index("most-targeted")
    assert listing[most_targeted + 2] == (
        "  --param class=<iri>  (optional, default "
        "https://w3id.org/diplomatic-kg/ontology#Condemnation) the reaction class, e.g. "
        "https://w3id.org/diplomatic-kg/ontology#Blame"
    )
    profile = listing.index("actor-profile")
    assert listing[profile + 2] == "  --param actor=<actor>  (required) the actor"
    attributions = listing.index("attributions")
    assert listing[attributions + 2] == "  --param event=<iri>  (optional) only this event"


def _graph_sizes(store: Path) -> Counter[str]:
    """Quads per graph, read from the N-Quads export of the whole store."""
    sizes: Counter[str] = Counter()
    for line in kg("export", "--store", store, "--format", "nq").stdout.splitlines():
        graph = line.rsplit(" ", 2)[-2]
        sizes[graph if graph.startswith("<") else "default"] += 1
    return sizes


def test_ttl_and_nt_hold_the_documents_and_with_reference_the_reference_graphs(
    store: Path,
) -> None:
    sizes = _graph_sizes(store)
    document = sizes["<https://w3id.org/diplomatic-kg/id/doc/belgorod-2023-12-30>"]
    ontology = sizes["<https://w3id.org/diplomatic-kg/graph/ontology>"]
    actors = sizes["<https://w3id.org/diplomatic-kg/graph/actors>"]
    assert (document, ontology, actors) == (439, 8314, 4915)
    plain = kg("export", "--store", store, "--format", "nt").stdout.splitlines()
    # The document graph and the 156 reference triples of the actors it names and,
    # transitively, of the organisations they are members of (the shapes' closure).
    assert len(plain) == 439 + 156
    full = kg("export", "--store", store, "--format", "nt", "--with-reference").stdout
    assert len(full.splitlines()) == document + ontology + actors
    assert set(plain) < set(full.splitlines())


def test_with_reference_is_refused_where_it_means_nothing(store: Path) -> None:
    run = kg("export", "--store", store, "--format", "nq", "--with-reference", code=2)
    assert run.stderr == (
        "error: --with-reference applies to ttl, nt and jsonld; nq holds the reference "
        "graphs already\n"
    )


def test_validate_says_what_it_validated_and_what_it_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_VALIDATION_CACHE", str(tmp_path / "cache"))
    store = tmp_path / "store"
    kg("add", "--store", store, SEED_ANNOTATION)
    first = kg("validate", "--store", store)
    assert first.stdout.startswith("conforms: ") and first.stderr == ""
    again = kg("validate", "--store", store)
    assert again.stdout == "conforms: nothing changed since the last validation\n"
    assert again.stderr == (
        "validated 0 graph(s); 2 unchanged since they last conformed, not validated "
        "again (--all to validate them); SPARQL constraints asked about 0 node(s)\n"
    )
