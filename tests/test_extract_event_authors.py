"""Who did it, when the text tells it in pieces: an event read across sentences, a test
as an explosion, the subject of "conducted a strike"."""

from __future__ import annotations

import datetime as dt

from event_rows import DAY, events

from kg.extract import extract_document
from kg.extract.event_draft import EventDraft
from kg.extract.event_merge import join_halves
from kg.model import EventKind


def reactions(text: str) -> list[tuple[str, str, str | None]]:
    doc = extract_document(text, doc_id="t", date=DAY)
    return [(r.agent, r.type.value, r.target) for r in doc.reactions]


PLACE_THEN_AUTHOR = (
    "DAMASCUS, April 2 — An air strike destroyed a consular annex in Damascus, killing 13 "
    "people, officials said on Tuesday. State television said Israeli jets fired six "
    "missiles from over the Golan Heights on Monday evening. Jordan and Qatar condemned "
    "the attack."
)


def test_an_event_told_as_a_place_then_an_author_is_one_event_with_both() -> None:
    # told on Tuesday, dated Monday by the sentence that names the author: one event
    assert events(PLACE_THEN_AUTHOR) == [("strike", "SYR", "ISR")]


def test_a_condemnation_of_the_attack_is_aimed_at_the_author_told_later() -> None:
    assert reactions(PLACE_THEN_AUTHOR) == [("JOR", "condemns", "ISR"), ("QAT", "condemns", "ISR")]


def half(country: str | None, author: str | None, day: int | None) -> EventDraft:
    draft = EventDraft(kind=EventKind.STRIKE, start=0, country=country, perpetrator=author)
    draft.perpetrators = [author] if author else []
    draft.date = dt.date(2024, 4, day) if day else None
    return draft


def test_an_author_joins_the_one_placed_event_within_a_day() -> None:
    placed, author = half("SYR", None, 2), half(None, "ISR", 1)
    assert join_halves([placed, author]) == [placed]
    assert (placed.country, placed.perpetrator) == ("SYR", "ISR")


def test_an_author_joins_no_event_when_two_could_be_his_or_the_day_is_far() -> None:
    homs, aleppo, author = half("SYR", None, 2), half("SYR", None, 2), half(None, "ISR", 2)
    assert join_halves([homs, aleppo, author]) == [homs, aleppo, author]
    far, late = half("SYR", None, 2), half(None, "ISR", 5)
    assert join_halves([far, late]) == [far, late]
    assert far.perpetrator is None


def test_a_nuclear_test_is_an_explosion_by_the_state_that_carried_it_out() -> None:
    text = (
        "North Korea carried out a nuclear test on Sunday, its seventh. "
        "NATO's secretary general condemned the test as reckless."
    )
    assert [(k, p) for k, _c, p in events(text)] == [("explosion", "PRK")]
    assert [(t, target) for _a, t, target in reactions(text)] == [("condemns", "PRK")]


def test_the_subject_of_conducted_a_strike_is_its_author() -> None:
    text = (
        "A hospital in Kunduz was hit by air strikes on Saturday. A spokesman for the US "
        "military said American aircraft had conducted a strike near the hospital."
    )
    assert events(text) == [("strike", "AFG", "USA")]


def test_a_reaction_coordinated_with_a_report_is_the_reporters() -> None:
    text = (
        "A blast destroyed a clinic in Gaza on Tuesday. Egypt's foreign minister said "
        "Israel was dragging the region into war and called the bombing a war crime."
    )
    assert [(a, t) for a, t, _target in reactions(text)] == [("EGY", "condemns")]


def test_a_headline_names_the_author_the_lead_leaves_out() -> None:
    text = (
        "Israeli strike kills five in Rafah\n\n"
        "An air strike hit a house in Rafah on Monday, killing five people, medics said."
    )
    assert events(text) == [("strike", "PSE", "ISR")]


def test_a_headline_claim_a_victims_craft_or_a_group_named_in_the_body_names_no_author() -> None:
    claim = (
        "Washington blames Rwandan army for shelling of camps\n\n"
        "Shells hit two camps for displaced people near Goma, Congo, on Friday."
    )
    downed = (
        "US drone downed over Marib\n\n"
        "A drone was shot down over Yemen's Marib province on Friday."
    )
    group = (
        "Turkish jets hit northern Iraq after base attack\n\n"
        "PKK militants attacked a military base in northern Iraq's Duhok province on Friday."
    )
    assert events(claim) == [("strike", "COD", None)]
    assert events(downed) == [("strike", "YEM", None)]
    assert events(group) == [("strike", "IRQ", None)]
