"""The named queries on imported data: ``kg query who-condemns-whom`` still works, the
aggregate queries (``top-condemnations``, ``actor-network``) agree with the event nodes,
and the json view lists a dataset's attacks but not its other records."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from test_import_support import GDELT2, ICEWS, coded_events, import_into, select
from typer.testing import CliRunner

from kg import KnowledgeGraph
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
    lines = result.output.strip().splitlines()
    header = lines[0].split(",")
    rows = [dict(zip(header, line.split(","), strict=True)) for line in lines[1:]]
    counts = _per_event_condemnations(store)
    assert len(rows) == min(10, len(counts))
    assert [int(r["reactions"]) for r in rows] == sorted(counts.values(), reverse=True)[: len(rows)]
    for row in rows:
        assert counts[(row["agent"], row["target"])] == int(row["reactions"])


def test_the_actor_network_of_a_year_sums_the_reactions_of_that_year(store: Path) -> None:
    from pyoxigraph import Store

    rows = select(
        store,
        """SELECT (COUNT(?r) AS ?n) WHERE { ?r a dkg:Blame ; dkg:agent ?a ; dkg:target ?t ;
             prov:wasDerivedFrom ?e . ?e dkg:occurredOn ?d FILTER(YEAR(?d) = 2018) }""",
    )
    graph = actor_network(Store.read_only(str(store)), 2018, domestic=True)
    blames = sum(w for _, _, k, w in graph.edges(keys=True, data="weight") if k == "blames")
    assert blames == int(rows[0]["n"]) > 0


def test_domestic_reactions_are_counted_on_the_actor_not_drawn_as_self_loops(
    store: Path,
) -> None:
    from pyoxigraph import Store

    international = actor_network(Store.read_only(str(store)), 2018)
    everything = actor_network(Store.read_only(str(store)), 2018, domestic=True)
    assert nx.number_of_selfloops(international) == 0
    loops = {(u, k): w for u, v, k, w in everything.edges(keys=True, data="weight") if u == v}
    assert loops, "the sample has domestic reactions"
    on_nodes = {
        (actor, kind): count
        for actor, counts in international.nodes(data="domestic")
        if counts
        for kind, count in counts.items()
    }
    assert on_nodes == loops
    assert everything.size(weight="weight") == international.size(weight="weight") + sum(
        loops.values()
    )


def test_the_attributions_come_by_event_then_perpetrator(store: Path) -> None:
    # The query sorts on a computed key (the IRI's text and a space) for speed: the same
    # order as the IRIs' own, which Python's string order also is.
    with KnowledgeGraph.open(store, read_only=True) as kg:
        rows = kg.run("attributions").records()
    keys = [(row["event"], row["perpetrator"]) for row in rows]
    assert len(set(keys)) > 20
    assert keys == sorted(keys)


# --------------------------------------------------------------------------- the json view


@pytest.fixture(scope="module")
def gdelt_view(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """A store with the GDELT sample imported, and the events of its json view."""
    path = tmp_path_factory.mktemp("gdelt-view") / "store"
    import_into(path, "gdelt", [GDELT2])
    with KnowledgeGraph.open(path, read_only=True) as kg:
        return path, kg.to_json()["events"]


def _gdelt_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _attacks(rows: list[list[str]]) -> set[frozenset[str]]:
    """The record ids of each attack of a GDELT 2.0 file, with plain csv: rows merged by
    signature (day, Actor1Code, Actor2Code, EventCode, SOURCEURL) as GDELT re-emits them;
    an attack is EventRootCode 19, "use conventional military force" (kg/importers/codes.py:
    18 "assault" and 20 "unconventional mass violence" stay generic records)."""
    events: dict[tuple[str, ...], list[list[str]]] = {}
    for row in rows:
        key = (row[1], row[5], row[15], row[26], row[60]) if row[60] else ("id", row[0])
        events.setdefault(key, []).append(row)
    return {frozenset(r[0] for r in group) for group in events.values() if group[0][28] == "19"}


def _record_ids(store: Path) -> dict[str, set[str]]:
    """The record ids (dcterms:identifier) of each coded event of the store."""
    ids: dict[str, set[str]] = {}
    query = "SELECT ?e ?id WHERE { ?e a dkg:CodedEvent ; dcterms:identifier ?id }"
    for row in select(store, query):
        ids.setdefault(row["e"], set()).add(row["id"])
    return ids


def test_the_json_view_lists_exactly_the_attacks_of_the_gdelt_sample(
    gdelt_view: tuple[Path, list[dict[str, Any]]],
) -> None:
    store, events = gdelt_view
    attacks = _attacks(_gdelt_rows(GDELT2))
    ids = _record_ids(store)
    assert len(events) == len(attacks) > 20
    assert {frozenset(ids[event["id"]]) for event in events} == attacks
    assert {(event["kind"], event["document"]) for event in events} == {("strike", "gdelt")}


def test_the_json_view_leaves_out_the_plain_records_of_the_gdelt_sample(
    gdelt_view: tuple[Path, list[dict[str, Any]]],
) -> None:
    # A "consult" (CAMEO 040) is a record of the dataset, reachable by SPARQL (it is a
    # dkg:CodedEvent, so a dkg:Event), not an event of the diplomatic view.
    store, events = gdelt_view
    rows = _gdelt_rows(GDELT2)
    ids = _record_ids(store)
    shown = {record for event in events for record in ids[event["id"]]}
    consults = {row[0] for row in rows if row[26] == "040"}
    assert consults and consults <= {record for records in ids.values() for record in records}
    assert not consults & shown
    assert shown == {row[0] for row in rows if row[28] == "19"}
    assert coded_events(store, "gdelt") > len(events)


def test_the_graph_gives_the_same_actor_network_as_the_store(store: Path) -> None:
    from pyoxigraph import Store

    with KnowledgeGraph.open(store, read_only=True) as kg:
        from_graph = kg.actor_network(2018)
    from_store = actor_network(Store.read_only(str(store)), 2018)
    assert sorted(from_graph.edges(keys=True, data="weight")) == sorted(
        from_store.edges(keys=True, data="weight")
    )
    assert dict(from_graph.nodes(data=True)) == dict(from_store.nodes(data=True))
    assert from_graph.number_of_edges() > 0
