"""Named queries: every one runs, parameters are bound as values, never as query text."""

from __future__ import annotations

import pytest

from kg import KnowledgeGraph
from kg.queries import ParamError, named_queries, named_query
from kg.store import QueryError

HOSTILE = ["RUS> } ; DROP ALL ; #", '" . ?s ?p ?o', "RUS\n} INSERT DATA { <a> <b> <c> }"]


def test_every_named_query_says_what_it_answers() -> None:
    for query in named_queries().values():
        assert query.description, query.name


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_runs_on_the_seed_graph(seed_graph: KnowledgeGraph, name: str) -> None:
    params = {p.name: "RUS" for p in named_query(name).params if p.required}
    seed_graph.run(name, **params)


def test_who_condemns_whom_finds_moscow_condemning_ukraine(seed_graph: KnowledgeGraph) -> None:
    rows = seed_graph.run("who-condemns-whom", agent="RUS").records()
    assert [(r["agent_label"], r["target_label"]) for r in rows] == [("Russia", "Ukraine")]


def test_an_unbound_optional_parameter_matches_everything(seed_graph: KnowledgeGraph) -> None:
    rows = seed_graph.run("who-condemns-whom").records()
    assert [(r["agent_label"], r["target_label"]) for r in rows] == [
        ("Russia", "Ukraine"),
        ("United Nations Security Council", None),
    ]


def test_supporters_of_ukraine_are_the_united_states_and_britain(
    seed_graph: KnowledgeGraph,
) -> None:
    rows = seed_graph.run("supporters-of", actor="UKR").records()
    assert {r["supporter_label"] for r in rows} == {"United States", "United Kingdom"}


def test_casualty_figures_come_as_ranges(seed_graph: KnowledgeGraph) -> None:
    rows = seed_graph.run("casualty-figures").records()
    killed = {(r["min"], r["max"]) for r in rows if r["figure"] == "killed"}
    assert killed == {(13, None), (39, None)}


def test_hedged_claims_list_the_alleged_perpetrator(seed_graph: KnowledgeGraph) -> None:
    rows = seed_graph.run("hedged-claims").records()
    assert {(r["kind"], r["subject_label"]) for r in rows} >= {("perpetrator", "Ukraine")}


def test_a_missing_required_parameter_is_an_error(seed_graph: KnowledgeGraph) -> None:
    with pytest.raises(ParamError, match="needs --param actor"):
        seed_graph.run("actor-profile")


def test_an_undeclared_parameter_is_an_error(seed_graph: KnowledgeGraph) -> None:
    with pytest.raises(ParamError, match="no parameter 'country'"):
        seed_graph.run("who-condemns-whom", country="RUS")


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_actor_values_are_refused_and_change_nothing(
    seed_graph: KnowledgeGraph, value: str
) -> None:
    before = set(seed_graph.store.quads())
    with pytest.raises(ParamError):
        seed_graph.run("actor-profile", actor=value)
    assert set(seed_graph.store.quads()) == before


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_string_values_are_bound_as_literals(
    seed_graph: KnowledgeGraph, value: str
) -> None:
    before = set(seed_graph.store.quads())
    rows = seed_graph.query(
        "PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT ?d ?id WHERE { ?d dcterms:identifier ?id }",
        id=value,
    )
    assert len(rows) == 0
    assert set(seed_graph.store.quads()) == before


def test_a_parameter_must_be_a_projected_variable(seed_graph: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="projection"):
        seed_graph.query("SELECT ?d WHERE { ?d ?p ?id }", id="x")


def _filterable_params() -> list[tuple[str, str]]:
    return [
        (q.name, p.name)
        for q in named_queries().values()
        for p in q.params
        if not p.required and p.default is None
    ]


@pytest.mark.parametrize(("name", "param"), _filterable_params())
def test_an_optional_parameter_keeps_exactly_the_rows_with_that_value(
    seed_graph: KnowledgeGraph, name: str, param: str
) -> None:
    # Oxigraph binds by substitution: a parameter only filters when its variable is bound
    # in every solution. A parameter on an OPTIONAL-only variable would silently keep all
    # rows (with the value pasted in); this guards every named query against that.
    everything = seed_graph.run(name).records()
    values = [row[param] for row in everything if row[param] is not None]
    assert values, f"{name}: no row binds ?{param} on the seed graph"
    value = values[0]
    kind = next(p.kind for p in named_query(name).params if p.name == param)
    text = value.rsplit("/", 1)[-1] if kind == "actor" else str(value)
    filtered = seed_graph.run(name, **{param: text}).records()
    expected = [row for row in everything if row[param] == value]
    key = lambda r: sorted(map(str, r.values()))  # noqa: E731
    assert sorted(filtered, key=key) == sorted(expected, key=key)
