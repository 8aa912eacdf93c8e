"""Places linked to GeoNames when unambiguous, and "events within N km" answered in SPARQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

from kg import KnowledgeGraph
from kg.annotation import EXAMPLES, load_annotation
from kg.places import events_near, haversine_km, link_place
from kg.queries import ParamError
from kg.rdf import document_quads

SEED = EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml"
BELGOROD = "https://w3id.org/diplomatic-kg/id/place/RUS/belgorod"
BELGOROD_GEONAMES = "https://sws.geonames.org/578072/"
DECIMAL = NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    graph = KnowledgeGraph.open(tmp_path_factory.mktemp("places") / "store")
    graph.add_annotation(SEED)
    return graph


def test_belgorod_is_geonames_578072_with_its_coordinates_and_country() -> None:
    quads = document_quads(load_annotation(SEED))
    about = {(q.predicate.value, q.object) for q in quads if q.subject.value == BELGOROD}
    assert about == {
        ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
         NamedNode("http://semanticweb.cs.vu.nl/2009/11/sem/Place")),
        ("http://www.w3.org/2000/01/rdf-schema#label", Literal("Belgorod", language="en")),
        ("https://w3id.org/diplomatic-kg/ontology#country",
         NamedNode("https://w3id.org/diplomatic-kg/id/actor/RUS")),
        ("http://www.w3.org/2002/07/owl#sameAs", NamedNode(BELGOROD_GEONAMES)),
        (GEO + "lat", Literal("50.60343", datatype=DECIMAL)),
        (GEO + "long", Literal("36.58091", datatype=DECIMAL)),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("several Ukrainian cities", "UKR"),  # not a name at all
        ("Belgorod", "UKR"),  # a real city, but not in the event's country
        ("Belgorod", None),  # no country: a name alone is not enough
        ("San Pedro", "ARG"),  # two cities of one country share the name
        ("Poland", "POL"),  # a country, not a city
    ],
)
def test_a_place_is_linked_only_when_name_and_country_match_one_city(
    name: str, country: str | None
) -> None:
    assert link_place(name, country) is None


def test_an_alternate_name_links_when_no_primary_name_matches() -> None:
    kyiv = link_place("Kiev", "UKR")
    assert kyiv is not None
    assert (kyiv.geonameid, kyiv.name, kyiv.lat, kyiv.long) == (703448, "Kyiv", 50.45466, 30.5238)


def test_events_near_a_place_finds_the_belgorod_strike_at_distance_zero(
    seed_store: KnowledgeGraph,
) -> None:
    for centre in (BELGOROD, BELGOROD_GEONAMES):
        rows = events_near(seed_store, place=centre, km=10)
        found = [(r["event_label"], r["at"], r["geonames"], float(r["distance_km"])) for r in rows]
        assert found == [("strike in Belgorod", BELGOROD, BELGOROD_GEONAMES, 0.0)]


def test_events_near_a_point_measures_the_distance_and_keeps_to_the_radius(
    seed_store: KnowledgeGraph,
) -> None:
    """From Kharkiv (GeoNames 706483) Belgorod is 72.905 km away (haversine 72.905)."""
    kharkiv = (49.98177, 36.25475)
    rows = events_near(seed_store, lat=kharkiv[0], long=kharkiv[1], km=100)
    assert [(r["at"], float(r["distance_km"])) for r in rows] == [(BELGOROD, 72.905)]
    assert events_near(seed_store, lat=kharkiv[0], long=kharkiv[1], km=72.9) == []


@pytest.mark.parametrize(
    "centre",
    [(51.73733, 36.18735), (51.67204, 39.1843), (50.45466, 30.5238), (55.75222, 37.61556)],
    ids=["Kursk", "Voronezh", "Kyiv", "Moscow"],
)
def test_the_sparql_distance_is_within_half_a_percent_of_haversine(
    seed_store: KnowledgeGraph, centre: tuple[float, float]
) -> None:
    rows = events_near(seed_store, lat=centre[0], long=centre[1], km=1000)
    expected = haversine_km(centre[0], centre[1], 50.60343, 36.58091)
    [row] = rows
    assert abs(float(row["distance_km"]) - expected) / expected < 0.005


def test_events_near_needs_one_centre_and_numbers(seed_store: KnowledgeGraph) -> None:
    with pytest.raises(ValueError, match="either place, or both lat and long"):
        events_near(seed_store, lat=50.0, km=10)
    with pytest.raises(ParamError, match="not a decimal"):
        seed_store.run("events-near-point", lat="north", long="36", km="10")


def test_json_view_events_keep_place_as_a_string_and_add_a_location(tmp_path: Path) -> None:
    """`place` stays the name (json@1 readers keep working); `location` is for a map."""
    graph = KnowledgeGraph.open(tmp_path / "store")
    graph.add_annotation(SEED)
    events = sorted(graph.to_json()["events"], key=lambda e: e["place"])
    assert [(e["place"], e["location"]) for e in events] == [
        ("Belgorod", {"label": "Belgorod", "geonames": BELGOROD_GEONAMES,
                      "lat": 50.60343, "long": 36.58091}),
        ("Poland", {"label": "Poland", "geonames": None, "lat": None, "long": None}),
        ("several Ukrainian cities", {"label": "several Ukrainian cities", "geonames": None,
                                      "lat": None, "long": None}),
    ]  # fmt: skip


def test_a_place_shared_by_many_documents_gives_one_row_per_event(tmp_path: Path) -> None:
    """Forty copies of the seed describe Belgorod in forty graphs; read through the union
    of the graphs, its triples repeat forty times each. The place queries read each event's
    own graph, so each event is one row (before: the rows multiplied until memory ran out)."""
    graph = KnowledgeGraph.open(tmp_path / "store")
    seed = load_annotation(SEED)
    for n in range(40):
        graph.add_document(seed.model_copy(update={"id": f"copy-{n}"}))
    near = events_near(graph, place=BELGOROD, km=10)
    assert [(r["at"], float(r["distance_km"])) for r in near] == [(BELGOROD, 0.0)] * 40
    point = events_near(graph, lat=49.98177, long=36.25475, km=100)
    assert len(point) == 40
    located = [e["location"] for e in graph.to_json()["events"] if e["place"] == "Belgorod"]
    assert located == [
        {"label": "Belgorod", "geonames": BELGOROD_GEONAMES, "lat": 50.60343, "long": 36.58091}
    ] * len(located)
    assert len({e["id"] for e in graph.to_json()["events"] if e["place"] == "Belgorod"}) == 40
