"""Scoring: hand-made gold and prediction pairs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kg.extract.evaluate import (
    Counts,
    Gold,
    PredictedEvent,
    PredictedReaction,
    Prediction,
    aggregate,
    load_gold,
    score_document,
)


def gold(**parts: Any) -> Gold:
    data: dict[str, Any] = {
        "id": "d",
        "events": [],
        "reactions": [],
        "optional": [],
        "negatives": [],
    }
    data.update(parts)
    return Gold.from_json(data)


def item(agent: str, kind: str, target: str | None = None) -> dict[str, Any]:
    return {"agent": agent, "type": kind, "target": target, "evidence": "..."}


def test_a_found_required_reaction_is_a_true_positive() -> None:
    score = score_document(
        gold(reactions=[item("RUS", "condemns", "UKR")]),
        Prediction([PredictedReaction("RUS", "condemns", "UKR")]),
    )
    assert (score.reactions.tp, score.reactions.fp, score.reactions.fn) == (1, 0, 0)


def test_a_missed_required_reaction_is_a_false_negative() -> None:
    score = score_document(gold(reactions=[item("RUS", "condemns", "UKR")]), Prediction())
    assert score.reactions.fn == 1 and score.misses[0][0] == ("RUS", "condemns", "UKR")


def test_an_optional_reaction_neither_helps_nor_hurts() -> None:
    score = score_document(
        gold(optional=[item("USA", "supports", "UKR")]),
        Prediction([PredictedReaction("USA", "supports", "UKR")]),
    )
    assert (score.reactions.tp, score.reactions.fp) == (0, 0)


def test_an_extracted_negative_is_a_false_positive() -> None:
    score = score_document(
        gold(negatives=[item("RUS", "condemns", "POL")]),
        Prediction([PredictedReaction("RUS", "condemns", "POL")]),
    )
    assert score.reactions.fp == 1 and score.false_alarms[0][2] is True


def test_type_names_of_gold_and_model_match() -> None:
    score = score_document(
        gold(reactions=[item("NATO", "solidarity", "POL")]),
        Prediction([PredictedReaction("NATO", "expressesSolidarityWith", "POL")]),
    )
    assert score.by_type["solidarity"].tp == 1


def test_a_target_must_match_too() -> None:
    score = score_document(
        gold(reactions=[item("UNSC", "condemns", None)]),
        Prediction([PredictedReaction("UNSC", "condemns", "UKR")]),
    )
    assert (score.reactions.fp, score.reactions.fn) == (1, 1)


def test_duplicates_of_a_prediction_count_once() -> None:
    same = PredictedReaction("RUS", "blames", "USA")
    score = score_document(gold(reactions=[item("RUS", "blames", "USA")]), Prediction([same, same]))
    assert (score.reactions.tp, score.reactions.fp) == (1, 0)


def test_events_match_on_kind_and_country_and_check_casualties() -> None:
    event = {
        "id": "e1",
        "kind": "strike",
        "country_iso3": "RUS",
        "killed": {"min": 13, "max": None},
        "injured": {"min": 111, "max": 111},
    }
    score = score_document(
        gold(events=[event]),
        Prediction(events=[PredictedEvent("strike", "RUS", killed=(13, None), injured=(100, 100))]),
    )
    assert (score.events.tp, score.casualties_right, score.casualties_checked) == (1, 1, 2)


def test_an_event_in_another_country_is_a_miss_and_a_false_alarm() -> None:
    event = {"id": "e1", "kind": "strike", "country_iso3": "RUS"}
    score = score_document(
        gold(events=[event]), Prediction(events=[PredictedEvent("strike", "UKR")])
    )
    assert (score.events.tp, score.events.fp, score.events.fn) == (0, 1, 1)


def test_f1_of_counts() -> None:
    assert Counts(tp=3, fp=1, fn=1).f1 == pytest.approx(0.75)


def test_aggregate_sums_documents() -> None:
    one = score_document(
        gold(reactions=[item("A", "blames", "B")]),
        Prediction([PredictedReaction("A", "blames", "B")]),
    )
    two = score_document(gold(reactions=[item("C", "blames", "D")]), Prediction())
    report = aggregate([one, two])
    assert (report.reactions.tp, report.reactions.fn, report.by_type["blames"].recall) == (
        1,
        1,
        0.5,
    )


def test_the_report_lists_misses_with_their_sentences() -> None:
    score = score_document(gold(reactions=[item("RUS", "condemns", "UKR")]), Prediction())
    assert "miss        RUS condemns UKR: ..." in aggregate([score]).text()


def test_a_malformed_gold_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"reactions": []}))
    with pytest.raises(ValueError, match=r"bad\.json"):
        load_gold(path)
