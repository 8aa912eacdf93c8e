"""Who speaks: a name under a heading, a name in a phrase before the subject, the halves
of a divided country."""

from __future__ import annotations

import datetime as dt

from kg.actors import ActorRegistry
from kg.extract import extract_document
from kg.extract.batch import predict
from kg.extract.mentions import MentionFinder

_ATTACK = "Russian drones struck Odesa overnight, killing four people.\n\n"


def reactions(text: str) -> set[tuple[str, str, str | None]]:
    found = extract_document(text, doc_id="case", date=dt.date(2024, 5, 1))
    return {r.key for r in predict(found).reactions}


def test_an_official_under_a_heading_is_not_read_into_the_heading() -> None:
    text = _ATTACK + "United Nations\n\nSecretary-General Antonio Guterres condemned the strike."
    assert reactions(text) == {("UN", "condemns", "RUS")}


def test_a_name_in_a_prepositional_phrase_is_not_listed_with_the_subject() -> None:
    text = _ATTACK + (
        "In a phone call with Emmanuel Macron, President Andrzej Duda expressed Poland's "
        "solidarity with Ukraine."
    )
    assert reactions(text) == {("POL", "solidarity", "UKR")}


def test_the_north_and_the_south_are_the_koreas_only_when_both_are_named() -> None:
    finder = MentionFinder.for_registry(ActorRegistry.default())
    both = "North Korea shelled South Korea. The South said the North fired first."
    assert [(m.surface, m.principal) for m in finder.find(both)] == [
        ("North Korea", "PRK"),
        ("South Korea", "KOR"),
        ("The South", "KOR"),
        ("the North", "PRK"),
    ]
    alone = "Drones hit the North of Ukraine. The South Caucasus was calm."
    assert [m.principal for m in finder.find(alone)] == ["UKR"]
