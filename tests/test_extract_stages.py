"""Sentences, actors, places, lexicon, figures and dates: one behaviour per test."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.actors import ActorRegistry
from kg.extract.anaphors import resolve_anaphor
from kg.extract.dates import resolve
from kg.extract.lexicon import Lexicon, compile_pattern, inflect
from kg.extract.mentions import MentionFinder
from kg.extract.places import Gazetteer
from kg.extract.quantities import parse_quantity
from kg.extract.sentences import split_sentences


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return MentionFinder.for_registry(ActorRegistry.default())


def actors(finder: MentionFinder, text: str) -> list[tuple[str, str]]:
    return [(m.actor, m.principal) for m in finder.find(text)]


# ------------------------------------------------------------------ sentences


def test_sentences_carry_offsets_into_the_text() -> None:
    text = "Kyiv was hit. Moscow denied it."
    assert [text[s.start : s.end] for s in split_sentences(text)] == [
        "Kyiv was hit.",
        "Moscow denied it.",
    ]


def test_abbreviations_do_not_end_sentences() -> None:
    assert len(split_sentences("The U.S. and the U.K. condemned it. Russia did not.")) == 2


def test_a_short_unpunctuated_paragraph_is_a_heading() -> None:
    first = split_sentences("Belgorod Strike: A Deadly Attack\n\nIt was hit.")[0]
    assert first.heading


# ------------------------------------------------------------------ actors


def test_metonyms_resolve_to_their_state(finder: MentionFinder) -> None:
    assert actors(finder, "Moscow and Kyiv and Washington") == [
        ("RUS", "RUS"),
        ("UKR", "UKR"),
        ("USA", "USA"),
    ]


def test_the_kremlin_speaks_for_russia(finder: MentionFinder) -> None:
    assert actors(finder, "the Kremlin said") == [("RUS.PRESIDENCY", "RUS")]


def test_downing_street_and_brussels(finder: MentionFinder) -> None:
    assert actors(finder, "Downing Street and Brussels") == [("GBR.PMO", "GBR"), ("EU", "EU")]


def test_a_titled_official_is_one_mention(finder: MentionFinder) -> None:
    [mention] = finder.find("Secretary General Jens Stoltenberg said")
    assert (mention.surface, mention.principal) == ("Secretary General Jens Stoltenberg", "NATO")


def test_demonym_and_title_before_a_known_person_merge(finder: MentionFinder) -> None:
    [mention] = finder.find("Ukrainian President Volodymyr Zelensky said")
    assert mention.actor == "UKR.ZELENSKY"


def test_an_unknown_official_is_learned_from_his_title(finder: MentionFinder) -> None:
    mentions = finder.find("Polish President Andrzej Duda spoke. Later Duda left.")
    assert [(m.surface, m.principal) for m in mentions] == [
        ("Polish President Andrzej Duda", "POL"),
        ("Duda", "POL"),
    ]


def test_a_demonym_before_a_ministry_is_the_ministry(finder: MentionFinder) -> None:
    assert actors(finder, "The Russian foreign ministry said") == [("RUS.MFA", "RUS")]


def test_a_demonym_before_a_place_noun_is_a_place(finder: MentionFinder) -> None:
    [mention] = finder.find("the Russian city of Belgorod")
    assert mention.role == "place"


def test_a_demonym_before_a_weapon_is_the_attacker(finder: MentionFinder) -> None:
    [mention] = finder.find("a Russian missile entered")
    assert mention.role == "weapon"


def test_short_capital_labels_need_their_case(finder: MentionFinder) -> None:
    assert actors(finder, "let us go") == []


def test_pro_russian_is_not_russia(finder: MentionFinder) -> None:
    assert actors(finder, "pro-Russian separatists") == []


def test_the_alliance_refers_back_to_nato(finder: MentionFinder) -> None:
    mentions = finder.find("NATO met. Poland spoke.")
    [found] = resolve_anaphor("alliance", mentions, ActorRegistry.default())
    assert found.actor == "NATO"


def test_them_refers_back_to_a_coordinated_list(finder: MentionFinder) -> None:
    mentions = finder.find("blamed the United States and Britain, accusing")
    found = resolve_anaphor("they", mentions, ActorRegistry.default())
    assert [m.principal for m in found] == ["USA", "GBR"]


# ------------------------------------------------------------------ places


def test_cities_resolve_to_their_country() -> None:
    assert [(p.name, p.country) for p in Gazetteer.default().find("in Kremenchuk and Homs")] == [
        ("Kremenchuk", "UKR"),
        ("Homs", "SYR"),
    ]


def test_common_words_are_not_places() -> None:
    assert Gazetteer.default().find("Most Police said it was Nice") == []


def test_a_city_opening_a_name_or_naming_talks_is_no_place() -> None:
    text = "Minister Hassan al-Mashhadani left the Geneva talks for Homs."
    assert [(p.name, p.country) for p in Gazetteer.default().find(text)] == [("Homs", "SYR")]


def test_a_town_followed_by_its_country_is_in_that_country() -> None:
    found = Gazetteer.default().find("a bomb in San Lorenzo, Ecuador")
    assert [(p.name, p.country) for p in found] == [("San Lorenzo", "ECU"), ("Ecuador", "ECU")]


# ------------------------------------------------------------------ lexicon


def test_verbs_inflect_regularly() -> None:
    assert inflect("decry") == ["decry", "decries", "decried", "decrying"]


def test_a_slot_pattern_matches_an_object_between_words() -> None:
    assert compile_pattern("hold+|held * responsible").search("held Moscow fully responsible")


def test_every_trigger_carries_a_cameo_code() -> None:
    assert all(rule.cameo.isdigit() for rule in Lexicon.default().rules)


def test_an_idiom_is_found() -> None:
    [trigger] = Lexicon.default().find("it will not go unavenged")
    assert trigger.type.value == "threatens"


def test_a_nominalisation_is_found() -> None:
    [trigger] = Lexicon.default().find("issued a condemnation of the violence")
    assert (trigger.type.value, trigger.rule.kind) == ("condemns", "noun")


# ------------------------------------------------------------------ quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("over a dozen", (13, None)),
        ("at least 39", (39, None)),
        ("111", (111, 111)),
        ("dozens", (24, None)),
        ("two", (2, 2)),
        ("thirty-nine", (39, 39)),
        ("more than 80", (81, None)),
        ("1,200", (1200, 1200)),
    ],
)
def test_figures_become_ranges(text: str, expected: tuple[int, int | None]) -> None:
    assert parse_quantity(text) == expected


def test_a_word_that_is_no_figure_gives_none() -> None:
    assert parse_quantity("many") is None


# ------------------------------------------------------------------ dates

SATURDAY = dt.date(2023, 12, 30)


def test_the_same_weekday_is_the_article_day() -> None:
    assert resolve("on Saturday", SATURDAY) == SATURDAY


def test_an_earlier_weekday_is_in_the_same_week() -> None:
    assert resolve("on Friday", SATURDAY) == dt.date(2023, 12, 29)


def test_the_previous_day_is_the_day_before() -> None:
    assert resolve("the previous day", SATURDAY) == dt.date(2023, 12, 29)


def test_a_month_day_after_the_article_is_last_year() -> None:
    assert resolve("31 December", dt.date(2024, 1, 5)) == dt.date(2023, 12, 31)
