"""The named queries on imported data: ``kg query who-condemns-whom`` still works, and the
aggregate queries (``top-condemnations``, ``actor-network``) agree with the event nodes."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_support import GDELT2, ICEWS, select
from typer.testing import CliRunner

from kg.cli import app
from kg.importers.aggregates import actor_network


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("queries") / "store"
    runner = CliRunner()
    for dataset, file in (("gdelt", GDELT2), ("icews", ICEWS)):
        result = runner.invoke(app, ["import", dataset, str(file), "--store", str(path)])
        assert result.exit_code == 0, result.output
    return path


def test_kg_query_who_condemns_whom_works_on_imported_gdelt_and_icews(store: Path) -> None:
    result = CliRunner().invoke(
        app, ["query", "who-condemns-whom", "--store", str(store), "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("agent,agent_label,target,target_label,reactions")
    assert len(lines) > 10


def _per_event_condemnations(store: Path) -> dict[tuple[str, str], int]:
    rows = select(
        store,
        """SELECT ?a ?t (COUNT(?r) AS ?n) WHERE {
             ?r a dkg:Condemnation ; dkg:agent ?a ; prov:wasDerivedFrom ?e . ?e a dkg:CodedEvent .
             OPTIONAL { ?r dkg:target ?t } } GROUP BY ?a ?t""",
    )
    return {(r["a"], r.get("t", "")): int(r["n"]) for r in rows}


def test_top_condemnations_agrees_with_the_reaction_nodes(store: Path) -> None:
    result = CliRunner().invoke(
        app, ["query", "top-condemnations", "--store", str(store), "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = [line.split(",") for line in result.output.strip().splitlines()[1:]]
    counts = _per_event_condemnations(store)
    assert len(rows) == min(10, len(counts))
    assert [int(r[-1]) for r in rows] == sorted(counts.values(), reverse=True)[: len(rows)]
    for row in rows:
        assert counts[(row[0], row[2])] == int(row[-1])


def test_the_actor_network_of_a_year_sums_the_reactions_of_that_year(store: Path) -> None:
    from pyoxigraph import Store

    rows = select(
        store,
        """SELECT (COUNT(?r) AS ?n) WHERE { ?r a dkg:Blame ; dkg:agent ?a ; dkg:target ?t ;
             prov:wasDerivedFrom ?e . ?e dkg:occurredOn ?d FILTER(YEAR(?d) = 2018) }""",
    )
    graph = actor_network(Store.read_only(str(store)), 2018)
    blames = sum(w for _, _, k, w in graph.edges(keys=True, data="weight") if k == "blames")
    assert blames == int(rows[0]["n"]) > 0
