"""The reference actors (ontology/actors.ttl) and the registry that reads them (kg.actors)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.actors import ActorRegistry, UnknownActorError, default_path
from kg.model import Actor, ActorKind

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "scripts" / "gen_actors.py"

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
        assert actors.principal(actor.id).kind in (ActorKind.STATE, ActorKind.IGO)


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
