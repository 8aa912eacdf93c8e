"""Named queries: every one runs, parameters are bound as values, never as query text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import SEED_ANNOTATION
from kg import KnowledgeGraph
from kg.importers import import_files
from kg.queries import ParamError, named_queries, named_query
from kg.store import QueryError

IMPORT_DATA = Path(__file__).parent / "data" / "import"

HOSTILE = ["RUS> } ; DROP ALL ; #", '" . ?s ?p ?o', "RUS\n} INSERT DATA { <a> <b> <c> }"]


def test_every_named_query_says_what_it_answers() -> None:
    for query in named_queries().values():
        assert query.description, query.name


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_runs_on_the_seed_graph(seed_graph: KnowledgeGraph, name: str) -> None:
    reaction = seed_graph.run("reactions").column("reaction")[0]
    samples = {  # a well-formed value of each kind of required parameter
        "actor": "RUS",
        "iri": reaction,
        "decimal": "50.5",
        "integer": "1",
        "date": "2023-12-30",
        "string": "x",
    }
    params = {p.name: samples[p.kind] for p in named_query(name).params if p.required}
    seed_graph.run(name, **params)


def test_reaction_evidence_gives_the_quote_its_offsets_and_the_whole_text(
    seed_graph: KnowledgeGraph,
) -> None:
    blame = next(
        r
        for r in seed_graph.run("reactions").records()
        if r["type"] == "blames" and r["target"].endswith("/USA")
    )
    rows = seed_graph.run("reaction-evidence", reaction=blame["reaction"]).records()
    assert len(rows) == 1
    row = rows[0]
    text = (SEED_ANNOTATION.parent / "article.txt").read_text(encoding="utf-8")
    assert row["text"] == text
    assert text[row["start"] : row["end"]] == row["quote"] == blame["quote"]
    assert (row["agent_label"], row["target_label"], row["speaker_label"]) == (
        "Russia",
        "United States",
        "Ministry of Foreign Affairs of Russia",
    )


def test_reactions_between_lists_what_an_aggregated_edge_stands_for(
    seed_graph: KnowledgeGraph,
) -> None:
    rows = seed_graph.run("reactions-between", agent="RUS", target="UKR").records()
    assert sorted((r["type"], r["hedged"]) for r in rows) == [
        ("blames", True),
        ("condemns", False),
        ("threatens", False),
    ]
    only = seed_graph.run("reactions-between", agent="RUS", target="UKR", type="condemns")
    assert only.column("quote") == [
        "the attack was swiftly condemned by Moscow as a strike against civilians"
    ]


def test_actor_card_lists_identifiers_and_memberships(seed_graph: KnowledgeGraph) -> None:
    rows = seed_graph.run("actor-card", actor="RUS").records()
    assert {r["member_of"].rsplit("/", 1)[1] for r in rows} == {"G20", "UN", "UNSC"}
    assert {(r["code"], r["iso3"], r["cameo"], r["wikidata"]) for r in rows} == {
        ("RUS", "RUS", "RUS", "http://www.wikidata.org/entity/Q159")
    }


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


def test_hedged_claims_list_the_hedged_blame_and_the_alleged_perpetrator(
    seed_graph: KnowledgeGraph,
) -> None:
    rows = seed_graph.run("hedged-claims").records()
    assert sorted((r["kind"], r["subject_label"], r["object_label"]) for r in rows) == [
        ("blames", "Russia", "Ukraine"),
        ("perpetrator", "Ukraine", "strike in Belgorod"),
    ]


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


#: Values for the required parameters of the queries that have optional ones too.
_REQUIRED = {"bloc-reactions": {"bloc": "NATO"}}


def _filterable_params() -> list[tuple[str, str]]:
    return [
        (q.name, p.name)
        for q in named_queries().values()
        for p in q.params
        if not p.required and p.default is None
        # A query with required parameters has its filters tested on their own.
        and not any(other.required for other in q.params)
    ]


@pytest.fixture(scope="module")
def fused_seed_graph() -> KnowledgeGraph:
    """The seed graph with its canonical events built (the canonical-events query reads
    them), in a graph of its own so the session's seed graph stays as loaded."""
    kg = KnowledgeGraph.memory()
    kg.add_annotation(SEED_ANNOTATION)
    kg.fuse()
    return kg


@pytest.mark.parametrize(("name", "param"), _filterable_params())
def test_an_optional_parameter_keeps_exactly_the_rows_with_that_value(
    fused_seed_graph: KnowledgeGraph, name: str, param: str
) -> None:
    seed_graph = fused_seed_graph
    # Oxigraph binds by substitution: a parameter only filters when its variable is bound
    # in every solution. A parameter on an OPTIONAL-only variable would silently keep all
    # rows (with the value pasted in); this guards every named query against that.
    required = _REQUIRED.get(name, {})
    everything = seed_graph.run(name, **required).records()
    values = [row[param] for row in everything if row[param] is not None]
    assert values, f"{name}: no row binds ?{param} on the seed graph"
    value = values[0]
    kind = next(p.kind for p in named_query(name).params if p.name == param)
    text = value.rsplit("/", 1)[-1] if kind == "actor" else str(value)
    filtered = seed_graph.run(name, **required, **{param: text}).records()
    expected = [row for row in everything if row[param] == value]
    key = lambda r: sorted(map(str, r.values()))  # noqa: E731
    assert sorted(filtered, key=key) == sorted(expected, key=key)


# --------------------------------------------------------------------------- json view queries

_PREFIXES = """
PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
#: The date span the shipped queries get by default: every day.
_SPAN = """BIND("0001-01-01"^^xsd:date AS ?since) BIND("9999-12-31"^^xsd:date AS ?until)"""

#: The json view's queries written plainly, with nothing for Oxigraph's optimizer (too slow
#: after a big import: kg/queries/*.rq say why), and their ORDER BY keys. The shipped ones
#: must give the same rows, in the same order of those keys.
PLAIN = {
    "actors": (
        """SELECT DISTINCT ?actor ?code ?class ?label ?wikidata ?speaks_for WHERE {
          VALUES ?role { dkg:agent dkg:speaker dkg:target dkg:accordingTo dkg:perpetrator
                         dkg:country }
          ?item ?role ?actor .
          ?actor dkg:code ?code ; a ?class ; skos:prefLabel ?label .
          FILTER(?class IN (dkg:State, dkg:InternationalOrganization, dkg:GovernmentBody,
                            dkg:Person))
          OPTIONAL { ?actor owl:sameAs ?wikidata .
                     FILTER(STRSTARTS(STR(?wikidata), "http://www.wikidata.org/entity/")) }
          OPTIONAL { ?actor dkg:speaksFor ?speaks_for }
        } ORDER BY ?code""",
        ["code"],
    ),
    "events": (
        """SELECT ?event ?kind ?label ?local_id ?place ?country ?date ?doc ?doc_id
                  ?date_source ?since ?until WHERE {
          ?event a dkg:Event .
          OPTIONAL { ?event a ?kind_class . ?kind_class dkg:jsonName ?named }
          FILTER(BOUND(?named) || NOT EXISTS { ?event a dkg:CodedEvent })
          BIND(COALESCE(?named, "other") AS ?kind)
          ?event prov:wasDerivedFrom ?doc .
          { SELECT ?doc (MIN(?id) AS ?doc_id) WHERE { ?doc dcterms:identifier ?id }
            GROUP BY ?doc }
          OPTIONAL { ?event rdfs:label ?label }
          OPTIONAL { ?event dkg:localId ?local_id }
          OPTIONAL { SELECT DISTINCT ?event ?place WHERE { ?event sem:hasPlace/rdfs:label ?place } }
          OPTIONAL { ?event dkg:country ?country }
          OPTIONAL { ?event dkg:occurredOn ?date }
          OPTIONAL { ?event dkg:dateSource ?date_source }
          """
        + _SPAN
        + """
        } ORDER BY ?doc_id ?local_id""",
        ["doc_id", "local_id"],
    ),
    "attributions": (
        """SELECT ?event ?perpetrator ?hedged ?according_to WHERE {
          ?event dkg:hasAttribution ?claim .
          ?claim dkg:perpetrator ?perpetrator .
          OPTIONAL { ?claim dkg:hedged ?hedged }
          OPTIONAL { ?claim dkg:accordingTo ?according_to }
        } ORDER BY ?event ?perpetrator""",
        ["event", "perpetrator"],
    ),
    "reactions": (
        """SELECT ?reaction ?type ?agent ?speaker ?target ?event ?hedged ?according_to
                  ?quote ?start ?end ?doc ?doc_id ?date ?date_source ?since ?until WHERE {
          ?reaction a ?class ; dkg:agent ?agent ; prov:wasDerivedFrom ?doc .
          ?class dkg:jsonName ?type ; rdfs:subClassOf* dkg:Reaction .
          { SELECT ?doc (MIN(?id) AS ?doc_id) WHERE { ?doc dcterms:identifier ?id }
            GROUP BY ?doc }
          OPTIONAL { ?reaction dkg:hedged ?hedged }
          OPTIONAL { ?reaction dkg:speaker ?speaker }
          OPTIONAL { ?reaction dkg:target ?target }
          OPTIONAL { ?reaction dkg:about ?event }
          OPTIONAL { ?reaction dkg:accordingTo ?according_to }
          OPTIONAL { ?reaction sem:hasTimeStamp ?date }
          OPTIONAL { ?reaction dkg:dateSource ?date_source }
          OPTIONAL {
            ?reaction dkg:hasEvidence/oa:hasTarget ?selection .
            ?selection oa:hasSelector ?q, ?p .
            ?q oa:exact ?quote . ?p oa:start ?start ; oa:end ?end .
          }
          """
        + _SPAN
        + """
        } ORDER BY ?doc_id ?start ?type ?agent ?target""",
        ["doc_id", "start", "type", "agent", "target"],
    ),
}


@pytest.fixture(scope="module")
def mixed_graph() -> KnowledgeGraph:
    """The seed document beside imported GDELT and ACLED records (strikes, explosions,
    casualty figures, plain records, reactions)."""
    kg = KnowledgeGraph.memory()
    kg.add_annotation(SEED_ANNOTATION)
    import_files(kg, "gdelt", [IMPORT_DATA / "gdelt2_20191024143000_head600.export.CSV"])
    import_files(kg, "acled", [IMPORT_DATA / "acled_made_up.csv"])
    return kg


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_a_json_view_query_gives_the_rows_of_its_plain_writing(
    mixed_graph: KnowledgeGraph, name: str
) -> None:
    plain, keys = PLAIN[name]
    expected = mixed_graph.query(_PREFIXES + plain)
    got = mixed_graph.run(name)
    assert got.columns == expected.columns
    assert len(got) > 10
    assert Counter(got.rows) == Counter(expected.rows)
    order = [tuple(row[k] for k in keys) for row in got.records()]
    assert order == [tuple(row[k] for k in keys) for row in expected.records()]


@pytest.mark.parametrize(("name", "param"), [("reactions", "agent"), ("attributions", "event")])
def test_a_json_view_query_bound_to_a_parameter_gives_the_rows_of_its_plain_writing(
    mixed_graph: KnowledgeGraph, name: str, param: str
) -> None:
    plain, keys = PLAIN[name]
    every = mixed_graph.query(_PREFIXES + plain)
    # The value most often seen: an actor of many reactions, an event with claims.
    [(value, _)] = Counter(every.column(param)).most_common(1)
    text = value.rsplit("/", 1)[-1] if param == "agent" else value
    got = mixed_graph.run(name, **{param: text}).records()
    expected = [row for row in every.records() if row[param] == value]
    assert got
    assert Counter(tuple(r.values()) for r in got) == Counter(tuple(r.values()) for r in expected)
    assert [[r[k] for k in keys] for r in got] == [[r[k] for k in keys] for r in expected]
