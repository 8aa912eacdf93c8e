"""The reference actors (ontology/actors.ttl) and the registry that reads them (kg.actors)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest

from kg.actors import ActorRegistry, UnknownActorError, default_path
from kg.model import Actor, ActorKind

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "scripts" / "gen_actors.py"
ACTOR = "https://w3id.org/diplomatic-kg/id/actor/"

#: The Wikidata QIDs that docs/ONTOLOGY-NOTES.md ("Identity: Wikidata") lists as verified
#: by two independent public sources: (QID, English label as listed there, type). A type of
#: "city" is a place, not an actor: its QID must appear on no actor.
VERIFIED_QIDS: list[tuple[str, str, str]] = [
    ("Q159", "Russia", "state"),
    ("Q212", "Ukraine", "state"),
    ("Q30", "United States", "state"),
    ("Q145", "United Kingdom", "state"),
    ("Q36", "Poland", "state"),
    ("Q1065", "United Nations", "igo"),
    ("Q37470", "UN Security Council", "igo"),
    ("Q47423", "UN General Assembly", "igo"),
    ("Q7184", "NATO", "igo"),
    ("Q458", "European Union", "igo"),
    ("Q1764511", "G7", "igo"),
    ("Q184", "Belarus", "state"),
    ("Q183", "Germany", "state"),
    ("Q142", "France", "state"),
    ("Q801", "Israel", "state"),
    ("Q794", "Iran", "state"),
    ("Q35", "Denmark", "state"),
    ("Q34", "Sweden", "state"),
    ("Q7747", "Vladimir Putin", "person"),
    ("Q3874799", "Volodymyr Zelenskyy", "person"),
    ("Q6279", "Joe Biden", "person"),
    ("Q57792", "Mark Rutte", "person"),
    ("Q1899", "Kyiv", "city"),
    ("Q36036", "Lviv", "city"),
]

#: Every actor the seed article (belgorod-2023-12-30) names, with its verified QID or None.
SEED_ACTORS: list[tuple[str, str | None]] = [
    ("RUS", "Q159"),
    ("UKR", "Q212"),
    ("USA", "Q30"),
    ("GBR", "Q145"),
    ("POL", "Q36"),
    ("UNSC", "Q37470"),
    ("NATO", "Q7184"),
    ("RUS.MFA", None),
    ("RUS.MOD", None),
    ("RUS.PRESIDENCY", None),
    ("RUS.PUTIN", "Q7747"),
    ("UKR.ZELENSKY", "Q3874799"),
]


@pytest.fixture(scope="module")
def actors() -> ActorRegistry:
    return ActorRegistry.default()


# --------------------------------------------------------------------------- coverage


def test_every_iso_3166_country_is_a_state(actors: ActorRegistry) -> None:
    pycountry = pytest.importorskip("pycountry", reason="pycountry (test extra) lists ISO 3166-1")
    states = {a.id for a in actors if a.kind is ActorKind.STATE}
    assert states == {c.alpha_3 for c in pycountry.countries}
    assert len(states) == len(pycountry.countries)


def test_states_carry_their_iso_codes(actors: ActorRegistry) -> None:
    for state in (a for a in actors if a.kind is ActorKind.STATE):
        assert state.iso3 == state.id
        assert state.iso2 is not None


@pytest.mark.parametrize(("actor_id", "qid"), SEED_ACTORS)
def test_seed_actor_is_present_with_its_verified_qid(
    actors: ActorRegistry, actor_id: str, qid: str | None
) -> None:
    assert actors[actor_id].wikidata == qid


# --------------------------------------------------------------------------- identity


@pytest.mark.parametrize(("qid", "label", "kind"), VERIFIED_QIDS)
def test_verified_qid_is_on_exactly_one_actor_with_its_label(
    actors: ActorRegistry, qid: str, label: str, kind: str
) -> None:
    holders = [a for a in actors if a.wikidata == qid]
    if kind == "city":
        assert holders == []
        return
    assert len(holders) == 1, f"{qid} ({label}) is on {[a.id for a in holders]}"
    (actor,) = holders
    assert actor.kind.value == kind
    assert label == actor.name or label in actor.aliases


def test_no_qid_outside_the_verified_table(actors: ActorRegistry) -> None:
    verified = {qid for qid, _, _ in VERIFIED_QIDS}
    guessed = {a.id: a.wikidata for a in actors if a.wikidata and a.wikidata not in verified}
    assert guessed == {}


# --------------------------------------------------------------------------- principals


@pytest.mark.parametrize(
    ("actor_id", "principal"),
    [("RUS.MFA", "RUS"), ("UKR.ZELENSKY", "UKR"), ("NATO.RUTTE", "NATO"), ("RUS.PESKOV", "RUS")],
)
def test_principal_follows_speaks_for(actors: ActorRegistry, actor_id: str, principal: str) -> None:
    assert actors.principal(actor_id).id == principal


def test_state_is_its_own_principal(actors: ActorRegistry) -> None:
    assert actors.principal("POL").id == "POL"


def test_every_body_and_person_has_a_state_or_organisation_principal(
    actors: ActorRegistry,
) -> None:
    for actor in actors:
        principal = actors.principal(actor.id).kind
        assert principal in (ActorKind.STATE, ActorKind.IGO, ActorKind.ARMED_GROUP)
        if actor.kind in (ActorKind.BODY, ActorKind.PERSON):
            assert principal in (ActorKind.STATE, ActorKind.IGO)


def test_non_state_armed_groups_are_actors_of_their_own_class_with_cameo_codes(
    actors: ActorRegistry,
) -> None:
    groups = {a.id: a for a in actors if a.kind is ActorKind.ARMED_GROUP}
    assert len(groups) == 15
    assert {(g.id, g.cameo) for g in groups.values() if g.cameo} == {
        ("HAMAS", "HMS"),
        ("HEZBOLLAH", "HEZ"),
        ("PIJ", "ISJ"),
        ("TALIBAN", "TAL"),
        ("AL_QAEDA", "ALQ"),
    }
    assert [a.id for a in actors.lookup("Ansar Allah")] == ["HOUTHIS"]
    assert actors.by_cameo("HMS").id == "HAMAS"  # type: ignore[union-attr]
    assert all(g.iso3 is None and not g.member_of for g in groups.values())


def test_principal_cycle_raises() -> None:
    registry = ActorRegistry(
        [
            Actor(id="A.X", kind="body", name="X", speaks_for="A.Y"),
            Actor(id="A.Y", kind="body", name="Y", speaks_for="A.X"),
        ]
    )
    with pytest.raises(ValueError, match="cycle"):
        registry.principal("A.X")


def test_bodies_are_sub_organisations_of_their_state(actors: ActorRegistry) -> None:
    assert actors["RUS.MFA"].sub_organization_of == "RUS"
    assert actors["UNSC"].unit_of == "UN"


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "actor_id", "principal"),
    [
        ("Moscow", "RUS", "RUS"),
        ("the Kremlin", "RUS.PRESIDENCY", "RUS"),
        ("Downing Street", "GBR.PMO", "GBR"),
        ("Russia’s", "RUS", "RUS"),
        ("Russia’s defense ministry", "RUS.MOD", "RUS"),
        ("The Russian foreign ministry", "RUS.MFA", "RUS"),
        ("the White House", "USA.WH", "USA"),
        ("Britain", "GBR", "GBR"),
        ("Ukrainian", "UKR", "UKR"),
        ("Kiev", "UKR", "UKR"),
        ("Brussels", "EU", "EU"),
        ("the Security Council", "UNSC", "UNSC"),
    ],
)
def test_lookup_resolves_names_aliases_demonyms_and_metonyms(
    actors: ActorRegistry, name: str, actor_id: str, principal: str
) -> None:
    assert [a.id for a in actors.lookup(name)] == [actor_id]
    assert actors.principal(actor_id).id == principal


def test_lookup_ignores_case_of_longer_names(actors: ActorRegistry) -> None:
    assert [a.id for a in actors.lookup("Nato")] == ["NATO"]


def test_short_capitalised_aliases_match_only_in_capitals(actors: ActorRegistry) -> None:
    assert [a.id for a in actors.lookup("US")] == ["USA"]
    assert actors.lookup("us") == []


def test_lookup_of_unknown_name_is_empty(actors: ActorRegistry) -> None:
    assert actors.lookup("Ruritania") == []


# --------------------------------------------------------------------------- memberships


def test_nato_has_32_members(actors: ActorRegistry) -> None:
    members = {a.id for a in actors.members("NATO")}
    assert len(members) == 32
    assert {"POL", "FIN", "SWE", "USA", "TUR"} <= members


def test_eu_has_27_members(actors: ActorRegistry) -> None:
    members = {a.id for a in actors.members("EU")}
    assert len(members) == 27
    assert "GBR" not in members


def test_unsc_members_are_the_permanent_five(actors: ActorRegistry) -> None:
    assert {a.id for a in actors.members("UNSC")} == {"CHN", "FRA", "RUS", "GBR", "USA"}


def test_un_has_193_members(actors: ActorRegistry) -> None:
    members = {a.id for a in actors.members("UN")}
    assert len(members) == 193
    assert not {"VAT", "PSE", "TWN"} & members


def test_g7_has_7_members(actors: ActorRegistry) -> None:
    assert {a.id for a in actors.members("G7")} == {"CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"}


# --------------------------------------------------------------------------- dated memberships

_MEMBERS_ON = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
SELECT DISTINCT ?code WHERE {
  ?m a org:Membership ; org:organization ?group ; org:member ?member .
  ?member dkg:code ?code .
  FILTER(?people || NOT EXISTS { ?member a dkg:Person })
  OPTIONAL { ?m org:role/rdfs:label ?role }
  OPTIONAL { ?m org:memberDuring/time:hasBeginning/time:inXSDDate ?begin }
  OPTIONAL { ?m org:memberDuring/time:hasEnd/time:inXSDDate ?end }
  FILTER((!BOUND(?begin) || ?begin <= ?day) && (!BOUND(?end) || ?day <= ?end))
  FILTER(?only_role = "" || ?role = ?only_role)
}
"""


@pytest.fixture(scope="module")
def reference() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(path=str(default_path()), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def members_on(
    store: pyoxigraph.Store, group: str, day: str, role: str | None = None, people: bool = False
) -> set[str]:
    """The codes of the members of ``group`` on ``day`` by the dated org:Membership nodes
    (office holders, members in a role, only with ``people``)."""
    sparql = (
        _MEMBERS_ON.replace("?group", f"<{ACTOR}{group}>")
        .replace("?day", f'"{day}"^^<http://www.w3.org/2001/XMLSchema#date>')
        .replace("?people", "true" if people else "false")
    )
    sparql = sparql.replace("?only_role", f'"{role}"@en' if role else '""')
    sparql = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + sparql
    return {str(row["code"].value) for row in store.query(sparql)}


@pytest.mark.parametrize(
    ("day", "count"),
    [
        ("1949-08-23", 0),
        ("1949-08-24", 12),
        ("1952-02-18", 14),
        ("1982-05-30", 16),
        ("2020-03-26", 29),
        ("2020-03-27", 30),
        ("2023-04-03", 30),
        ("2023-04-04", 31),
        ("2024-03-06", 31),
        ("2024-03-07", 32),
    ],
)
def test_nato_members_are_those_of_the_day(
    reference: pyoxigraph.Store, day: str, count: int
) -> None:
    assert len(members_on(reference, "NATO", day)) == count


def test_finland_joined_nato_on_2023_04_04_and_sweden_on_2024_03_07(
    reference: pyoxigraph.Store,
) -> None:
    assert {"FIN", "SWE"} & members_on(reference, "NATO", "2022-06-01") == set()
    assert {"FIN", "SWE"} & members_on(reference, "NATO", "2023-12-30") == {"FIN"}
    assert {"FIN", "SWE"} & members_on(reference, "NATO", "2024-03-07") == {"FIN", "SWE"}


def test_dated_nato_members_today_are_the_registry_members(
    reference: pyoxigraph.Store, actors: ActorRegistry
) -> None:
    assert members_on(reference, "NATO", "2026-11-01") == {a.id for a in actors.members("NATO")}


def test_the_united_kingdom_was_in_the_eu_until_2020_01_31(reference: pyoxigraph.Store) -> None:
    assert len(members_on(reference, "EU", "2020-01-31")) == 28
    assert "GBR" in members_on(reference, "EU", "2020-01-31")
    assert members_on(reference, "EU", "2020-02-01") == members_on(reference, "EU", "2026-11-01")
    assert len(members_on(reference, "EU", "2020-02-01")) == 27
    assert len(members_on(reference, "EU", "2013-06-30")) == 27  # 28 with GBR, Croatia not yet
    assert len(members_on(reference, "EU", "2013-07-01")) == 28


def test_g7_was_six_until_canada_joined_in_1976(reference: pyoxigraph.Store) -> None:
    assert members_on(reference, "G7", "1976-01-01") == {"FRA", "DEU", "ITA", "JPN", "GBR", "USA"}
    assert len(members_on(reference, "G7", "1976-06-27")) == 7
    assert "RUS" not in members_on(reference, "G7", "2005-01-01")


@pytest.mark.parametrize("year", range(2014, 2027))
def test_unsc_has_ten_elected_members_each_year_from_2014_to_2026(
    reference: pyoxigraph.Store, year: int
) -> None:
    for day in (f"{year}-01-01", f"{year}-12-31"):
        assert len(members_on(reference, "UNSC", day, "elected member")) == 10


@pytest.mark.parametrize(
    ("day", "elected"),
    [
        ("2014-06-30", {"ARG", "AUS", "KOR", "LUX", "RWA", "TCD", "CHL", "JOR", "LTU", "NGA"}),
        ("2017-06-30", {"EGY", "JPN", "SEN", "UKR", "URY", "BOL", "ETH", "KAZ", "SWE", "ITA"}),
        ("2018-06-30", {"BOL", "ETH", "KAZ", "SWE", "NLD", "CIV", "GNQ", "KWT", "PER", "POL"}),
        ("2023-12-30", {"ALB", "BRA", "GAB", "GHA", "ARE", "ECU", "JPN", "MLT", "MOZ", "CHE"}),
        ("2026-06-30", {"DNK", "GRC", "PAK", "PAN", "SOM", "BHR", "COL", "COD", "LVA", "LBR"}),
    ],
)
def test_unsc_elected_members_of_a_day(
    reference: pyoxigraph.Store, day: str, elected: set[str]
) -> None:
    assert members_on(reference, "UNSC", day, "elected member") == elected
    assert members_on(reference, "UNSC", day) == elected | {"CHN", "FRA", "RUS", "GBR", "USA"}


def test_unsc_elected_terms_before_2013_are_not_recorded(reference: pyoxigraph.Store) -> None:
    assert members_on(reference, "UNSC", "2012-06-30", "elected member") == set()
    assert members_on(reference, "UNSC", "2027-06-30", "elected member") == {
        "BHR",
        "COL",
        "COD",
        "LVA",
        "LBR",
    }


@pytest.mark.parametrize(
    ("person", "organisation", "day", "in_office"),
    [
        ("USA.BIDEN", "USA", "2023-12-30", True),
        ("USA.BIDEN", "USA", "2025-01-21", False),
        ("USA.BIDEN", "USA", "2018-06-30", False),
        ("NATO.STOLTENBERG", "NATO", "2023-12-30", True),
        ("NATO.STOLTENBERG", "NATO", "2024-10-02", False),
        ("NATO.RUTTE", "NATO", "2024-09-30", False),
        ("NATO.RUTTE", "NATO", "2024-10-01", True),
        ("NATO.RUTTE", "NLD", "2020-01-01", True),
        ("RUS.PUTIN", "RUS", "2010-01-01", True),  # as prime minister
        ("RUS.PUTIN", "RUS", "2023-12-30", True),
        ("UKR.ZELENSKY", "UKR", "2019-05-19", False),
        ("UKR.ZELENSKY", "UKR", "2019-05-20", True),
        ("UN.GUTERRES", "UN", "2016-12-31", False),
        ("RUS.LAVROV", "RUS.MFA", "2004-03-09", True),
    ],
)
def test_offices_are_dated_memberships_of_the_holders(
    reference: pyoxigraph.Store, person: str, organisation: str, day: str, in_office: bool
) -> None:
    assert (person in members_on(reference, organisation, day, people=True)) is in_office


def test_current_office_holders_hold_their_posts_and_past_ones_do_not(
    reference: pyoxigraph.Store,
) -> None:
    sparql = (
        "PREFIX org: <http://www.w3.org/ns/org#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?who ?post WHERE { ?who org:holds/rdfs:label ?post }"
    )
    held = {
        (str(r["who"].value).removeprefix(ACTOR), str(r["post"].value))
        for r in reference.query(sparql)
    }
    assert ("RUS.PUTIN", "President of Russia") in held
    assert ("NATO.RUTTE", "Secretary General of NATO") in held
    assert not any(who in ("USA.BIDEN", "NATO.STOLTENBERG") for who, _ in held)
    assert ("RUS.PESKOV", "Press Secretary of the President of Russia") in held


def _memberships_module() -> Any:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_memberships
    finally:
        sys.path.pop(0)
    return gen_memberships


def test_generator_refuses_overlapping_memberships() -> None:
    module = _memberships_module()
    curated = {
        "NATO": {
            "members": {"FIN": dt.date(2023, 4, 4)},
            "former": {"FIN": [dt.date(2020, 1, 1), dt.date(2024, 1, 1)]},
        }
    }
    with pytest.raises(module.MembershipError, match=r"NATO\.FIN: overlapping memberships"):
        module.read_memberships(curated)


def test_generator_refuses_a_unsc_year_without_ten_elected_members() -> None:
    module = _memberships_module()
    terms = {year: [f"S{year}.{seat}" for seat in range(5)] for year in range(2013, 2027)}
    terms[2019].pop()  # four elected in 2019: 2019 and 2020 have nine
    curated = {"UNSC": {"members": ["CHN"], "elected_terms": terms}}
    with pytest.raises(module.MembershipError, match="UNSC 2019: 9 elected members"):
        module.read_memberships(curated)


# --------------------------------------------------------------------------- codes


def test_by_code_ignores_case(actors: ActorRegistry) -> None:
    assert actors.by_code("rus.mfa") is actors["RUS.MFA"]


def test_by_iso2_finds_the_state(actors: ActorRegistry) -> None:
    assert actors.by_iso2("GB") is actors["GBR"]


def test_cameo_codes_come_from_the_tables(actors: ActorRegistry) -> None:
    assert actors.by_cameo("RUS") is actors["RUS"]
    assert actors.by_cameo("NAT") is actors["NATO"]
    assert actors.by_cameo("UNO") is actors["UN"]
    assert actors.by_cameo("ROM") is actors["ROU"]  # CAMEO's code differs from ISO's
    assert actors["UNSC"].cameo is None  # no CAMEO row for the Security Council


# --------------------------------------------------------------------------- registry


def test_unknown_id_raises_naming_it_and_a_close_match(actors: ActorRegistry) -> None:
    with pytest.raises(UnknownActorError) as caught:
        actors["RUS.MFAA"]
    assert isinstance(caught.value, KeyError)
    assert "'RUS.MFAA'" in str(caught.value)
    assert "RUS.MFA" in caught.value.suggestions


def test_get_of_unknown_id_is_none(actors: ActorRegistry) -> None:
    assert actors.get("XXX") is None
    assert "XXX" not in actors


def test_default_registry_is_cached() -> None:
    assert ActorRegistry.default() is ActorRegistry.default()


def test_from_path_reads_the_same_actors(actors: ActorRegistry) -> None:
    assert list(ActorRegistry.from_path(default_path())) == list(actors)


def test_duplicate_ids_are_rejected() -> None:
    actor = Actor(id="XYZ", kind="state", name="Xyzland")
    with pytest.raises(ValueError, match="twice"):
        ActorRegistry([actor, actor])


# --------------------------------------------------------------------------- generated file


def test_actors_ttl_is_up_to_date(tmp_path: Path) -> None:
    pytest.importorskip(
        "pycountry", reason="pycountry (test extra) is needed to regenerate ontology/actors.ttl"
    )
    output = tmp_path / "actors.ttl"
    subprocess.run(
        [sys.executable, str(GENERATOR), "--output", str(output), "--quiet"],
        check=True,
        cwd=ROOT,
    )
    committed = (ROOT / "ontology" / "actors.ttl").read_bytes()
    assert output.read_bytes() == committed, (
        "ontology/actors.ttl is stale: run `python scripts/gen_actors.py`"
    )
