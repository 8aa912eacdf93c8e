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
    assert events(
        "A missile fired by Yemen's Houthi movement hit a tanker in the Red Sea on Monday."
    ) == [("strike", None, None, None)]
