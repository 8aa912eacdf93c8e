"""The layouts a reaction round-up comes in: list items with or without a full stop
(Markdown or HTML), and statements attributed with "according to"."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import extract_document
from kg.extract.batch import predict
from kg.extract.sentences import split_sentences

LEAD = (
    "Reactions to the shelling of Mandera\n\n"
    "Ethiopian artillery shelled the Kenyan town of Mandera on Monday, killing 12 people.\n\n"
)
EXPECTED = {("NOR", "condemns", "ETH"), ("SWE", "calls_for_ceasefire", None)}


def reactions(text: str) -> set[tuple[str, str, str | None]]:
    document = extract_document(text, doc_id="case", date=dt.date(2024, 5, 7))
    return {r.key for r in predict(document).reactions}


@pytest.mark.parametrize(
    "items",
    [
        "- Norway condemned the attack\n- Sweden called for restraint",
        "* Norway condemned the attack\n* Sweden called for restraint",
        "1. Norway condemned the attack\n2. Sweden called for restraint",
        "<ul><li>Norway condemned the attack</li><li>Sweden called for restraint</li></ul>",
    ],
    ids=["dash", "star", "numbered", "html"],
)
def test_each_list_item_is_read_even_without_a_full_stop(items: str) -> None:
    assert reactions(LEAD + "World reactions:\n\n" + items) == EXPECTED


def test_a_short_line_that_is_no_list_item_is_still_a_heading() -> None:
    sentences = split_sentences("Norway\n\nThe ministry spoke.", frozenset())
    assert [(s.text, s.heading) for s in sentences] == [
        ("Norway", True),
        ("The ministry spoke.", False),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The attack was barbaric, according to Norway's foreign ministry.",
        "According to Norway, the shelling was a flagrant violation of international law.",
    ],
)
def test_according_to_names_who_characterises_the_act(sentence: str) -> None:
    assert reactions(LEAD + sentence) == {("NOR", "condemns", "ETH")}


def test_according_to_a_source_of_figures_gives_no_reaction() -> None:
    assert reactions(LEAD + "According to the UN, the shelling killed 12 people.") == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Nairobi accused Addis Ababa of backing the militants.", ("KEN", "blames", "ETH")),
        ("Lima condemned the shelling.", ("PER", "condemns", "ETH")),
        ("Santiago condemned the shelling.", ("CHL", "condemns", "ETH")),
    ],
)
def test_a_capital_stands_for_its_state(sentence: str, expected: tuple[str, str, str]) -> None:
    assert reactions(LEAD + sentence) == {expected}


def test_a_body_in_a_capital_speaks_for_its_state() -> None:
    assert reactions(LEAD + "The foreign ministry in Oslo condemned the shelling.") == {
        ("NOR", "condemns", "ETH")
    }
    # an embassy in a capital is its own state's
    assert reactions(LEAD + "The Swedish embassy in Oslo condemned the shelling.") == {
        ("SWE", "condemns", "ETH")
    }


def test_whom_a_state_blames_is_no_second_verdict() -> None:
    text = LEAD + "The government in Nairobi blamed terrorist hordes and declared mourning."
    assert reactions(text) == {("KEN", "blames", None)}


def test_troops_crossing_a_line_is_no_verdict() -> None:
    text = LEAD + "Kenya's foreign ministry said no Kenyan troops had crossed the line."
    assert reactions(text) == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Condemning the shelling as an assault on Kenyan sovereignty, Egypt's foreign "
            "ministry urged the world to act.",
            ("EGY", "condemns", "ETH"),
        ),
        (
            "Blaming Ethiopia's army for the shelling, Chad recalled its ambassador.",
            ("TCD", "blames", "ETH"),
        ),
        (
            "Warning Ethiopia of grave consequences, Kenya recalled its envoy.",
            ("KEN", "threatens", "ETH"),
        ),
    ],
    ids=["condemning", "blaming", "warning"],
)
def test_a_participle_opening_the_sentence_is_the_main_subjects(
    sentence: str, expected: tuple[str, str, str]
) -> None:
    assert reactions(LEAD + sentence) == {expected}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The shelling was blamed on Ethiopia by Kenya's interior minister.",
            ("KEN", "blames", "ETH"),
        ),
        (
            "Solidarity with Kenya was expressed by Tanzania's government.",
            ("TZA", "solidarity", "KEN"),
        ),
    ],
    ids=["phrase-after-was", "noun-as-the-subject"],
)
def test_the_actor_after_by_in_a_passive_is_the_agent(
    sentence: str, expected: tuple[str, str, str]
) -> None:
    assert reactions(LEAD + sentence) == {expected}


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenya's prime minister appeared to blame Ethiopia for the shelling.",
        'Kenya said Ethiopia was "most likely" behind the attack.',
        "Kenya's foreign minister suggested that Ethiopia had been behind the shelling.",
    ],
)
def test_a_blame_told_with_a_hedge_is_still_a_blame(sentence: str) -> None:
    assert reactions(LEAD + sentence) == {("KEN", "blames", "ETH")}


def test_a_trigger_never_runs_into_the_next_clause_with_its_own_subject() -> None:
    text = LEAD + (
        "France condemned what it called an attack on Kenya's sovereign territory, Russia "
        "urged both sides to respect the ceasefire it had brokered."
    )
    assert reactions(text) == {("FRA", "condemns", "ETH"), ("RUS", "calls_for_ceasefire", None)}


def test_standing_with_a_state_is_solidarity_standing_by_it_in_its_fight_support() -> None:
    assert reactions(LEAD + "Norway's foreign minister said Oslo stands with Kenya.") == {
        ("NOR", "solidarity", "KEN")
    }
    text = LEAD + "Norway said it would stand by Kenya in its fight to protect its territory."
    assert reactions(text) == {("NOR", "supports", "KEN")}


def test_the_african_union_commission_speaks_for_the_african_union() -> None:
    text = LEAD + "The chairperson of the African Union Commission strongly condemned the attack."
    assert reactions(text) == {("AU", "condemns", "ETH")}
