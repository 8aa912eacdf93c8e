"""Events and casualty figures told in the forms wire copy uses: two measures in one
clause are not summed, a toll revised in a long phrase, a strike told in a "when" clause
keeps its author, and the verbs of ground fighting."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import extract_document
from kg.extract.batch import predict
from kg.extract.casualties import find_casualties
from kg.extract.sentences import split_sentences


def figures(text: str) -> dict[str, tuple[int, int | None]]:
    [sentence] = split_sentences(text)
    return {name: found[0] for name, found in find_casualties(sentence).items()}


def events(text: str) -> list[tuple[str, str | None, str | None, object]]:
    document = extract_document("Attack\n\n" + text, doc_id="case", date=dt.date(2024, 5, 7))
    return [(e.kind, e.country, e.perpetrator, e.killed) for e in predict(document).events]


def test_the_dead_and_the_wounded_of_one_clause_are_two_measures() -> None:
    assert figures("An air strike on Mandera left 12 dead and 30 wounded.") == {
        "killed": (12, 12),
        "injured": (30, 30),
    }
    assert figures("At least 12 civilians died and dozens were injured.") == {
        "killed": (12, None),
        "injured": (24, None),
    }


def test_two_groups_of_dead_are_still_added() -> None:
    assert figures("The strike killed two marines and two civilians.") == {"killed": (4, 4)}


def test_a_revised_toll_told_with_the_place_between_commas() -> None:
    found = figures("The death toll from Monday's strike on Mandera, Kenya, rose to 23.")
    assert found == {"killed": (23, 23), "revised": (23, 23)}


def test_a_strike_told_in_a_when_clause_keeps_its_author() -> None:
    assert events("Twelve people were killed when Ethiopian shells hit Mandera in Kenya.") == [
        ("strike", "KEN", "ETH", (12, 12))
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ethiopian troops crossed into Kenya and clashed with Kenyan soldiers; three "
            "soldiers were killed.",
            [("strike", "KEN", "ETH", (3, 3))],
        ),
        (
            "An Ethiopian helicopter gunship fired on a Kenyan village.",
            [("strike", "KEN", "ETH", None)],
        ),
        (
            "Ethiopian gunmen abducted 12 Kenyan students in Mandera, Kenya.",
            [("strike", "KEN", "ETH", None)],
        ),
        (
            "Ethiopian and Kenyan troops exchanged fire in Mandera, Kenya.",
            [("strike", "KEN", None, None)],
        ),
    ],
    ids=["crossed-into-and-clashed", "fired-on", "abducted", "exchanged-fire-has-no-author"],
)
def test_ground_fighting_is_a_strike(sentence: str, expected: list[object]) -> None:
    assert events(sentence) == expected


def test_no_one_is_a_zero_not_a_one() -> None:
    assert figures("No one was hurt, but two sheds were destroyed.") == {
        "killed": (0, 0),
        "injured": (0, 0),
    }
    assert figures("No one was killed, but 36 people were injured.") == {
        "killed": (0, 0),
        "injured": (36, 36),
    }


def test_an_army_named_by_its_demonym_is_the_author_of_its_strike() -> None:
    assert events(
        "An Ethiopian army drone strike hit a bus station in Amhara, Ethiopia, killing 30 people."
    ) == [("strike", "ETH", "ETH", (30, 30))]
    assert events("An air strike by the Myanmar military hit a school in Sagaing, Myanmar.") == [
        ("strike", "MMR", "MMR", None)
    ]


def test_a_group_named_after_a_states_possessive_is_not_that_state() -> None:
    found = events("A missile fired by Yemen's Houthi movement hit the Saudi city of Jizan.")
    assert found == [("strike", "SAU", None, None)]


def test_a_bomber_who_struck_is_one_bombing_not_a_bombing_and_a_strike() -> None:
    assert events(
        "A suicide bomber struck a market in Mora, Cameroon, killing 11 people and wounding 22."
    ) == [("explosion", "CMR", None, (11, 11))]


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("An explosion tore through a depot near the Bulgarian town of Karlovo.", "BGR"),
        ("An explosion tore through a depot in Karlovo, Bulgaria, on Monday.", "BGR"),
    ],
    ids=["near-a-town-of-a-state", "a-place-then-its-country"],
)
def test_a_place_the_gazetteer_lacks_is_in_the_state_named_with_it(
    sentence: str, country: str
) -> None:
    assert events(sentence) == [("explosion", country, None, None)]


def test_figures_told_by_the_victims_trade_or_possessive() -> None:
    assert figures("A shepherd was killed.") == {"killed": (1, 1)}
    assert figures("The drone hit a car, killing its two occupants.") == {"killed": (2, 2)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Two villagers were wounded in Sotk, Armenia, by mortar shells fired by "
            "Azerbaijani troops.",
            ("strike", "ARM", "AZE", None),
        ),
        (
            "A Chinese surveillance balloon was spotted over the US state of Montana.",
            ("airspace_violation", "USA", "CHN", None),
        ),
        (
            "Three Russian MiG-31 fighter jets entered Estonian airspace on Friday.",
            ("airspace_violation", "EST", "RUS", None),
        ),
    ],
    ids=["shells-fired-by", "balloon-spotted-over", "jets-named-by-model"],
)
def test_weapons_told_by_their_firing_their_sighting_or_their_model(
    sentence: str, expected: tuple[str, str, str, None]
) -> None:
    assert events(sentence) == [expected]


def test_a_navy_seizing_a_ship_is_the_seizures_author() -> None:
    found = events("Iran's navy seized the tanker Silver Crest off the coast of Oman on Friday.")
    assert [(kind, perpetrator) for kind, _country, perpetrator, _killed in found] == [
        ("strike", "IRN")
    ]


def test_mortars_fired_and_missiles_that_destroyed_are_strikes() -> None:
    assert events("Tajik troops fired mortars at a village in Kyrgyzstan's Batken region.") == [
        ("strike", "KGZ", "TJK", None)
    ]
    assert events("Russian missiles destroyed a grain terminal in Odesa, Ukraine.") == [
        ("strike", "UKR", "RUS", None)
    ]


def test_shells_fired_from_an_armys_positions_are_that_armys() -> None:
    assert events(
        "Shells fired from Rwandan army positions struck the Congolese town of Sake, Congo."
    ) == [("strike", "COD", "RWA", None)]
