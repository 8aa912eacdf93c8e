"""Threats told in the forms news uses: whoever "will pay" is threatened, whether the
speaker is named before or after; quotation marks inside an idiom; what a state says it
will not tolerate."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import extract_document
from kg.extract.batch import predict

LEAD = (
    "Shelling of Mandera\n\n"
    "Ethiopian artillery shelled the Kenyan town of Mandera on Monday, killing 12 people.\n\n"
)


def reactions(text: str) -> set[tuple[str, str, str | None]]:
    document = extract_document(LEAD + text, doc_id="case", date=dt.date(2024, 5, 7))
    return {r.key for r in predict(document).reactions}


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenya warned that Ethiopia would pay a harsh price.",
        "Ethiopia will pay a harsh price, Kenya's president said.",
        "Ethiopia would be held accountable, the Kenyan foreign ministry said.",
        'Kenya said Ethiopia would be "held accountable".',
    ],
)
def test_who_will_pay_is_the_target_and_the_speaker_the_agent(sentence: str) -> None:
    assert reactions(sentence) == {("KEN", "threatens", "ETH")}


def test_who_will_pay_with_no_speaker_named_threatens_no_one() -> None:
    assert reactions("Ethiopia will pay compensation to Kenya, the minister said.") == set()


def test_a_quotation_mark_inside_an_idiom_does_not_hide_it() -> None:
    assert reactions('Kenya said the shelling would "have consequences".') == {
        ("KEN", "threatens", "ETH")
    }


def test_what_a_state_will_not_tolerate_is_a_threat_but_not_what_it_will_not_allow() -> None:
    assert reactions("Kenya said it would not tolerate any further attacks.") == {
        ("KEN", "threatens", "ETH")
    }
    assert reactions("Kenya said it would not allow any party to violate its airspace.") == set()


def test_further_sanctions_and_an_overwhelming_response_foretold_are_threats() -> None:
    assert reactions("Kenya's president warned Ethiopia of further sanctions.") == {
        ("KEN", "threatens", "ETH")
    }
    assert reactions(
        '"Ethiopia will face an overwhelming response if it crosses the line again," '
        "Kenya's defence minister said."
    ) == {("KEN", "threatens", "ETH")}
