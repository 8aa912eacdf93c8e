"""The learned re-ranker: a model shipped as data, rebuilt from the gold files to the
same bytes, and used only when asked for."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kg.extract import extract_document, read_candidates
from kg.extract.rerank import MODEL_PATH, DocumentContext, Reranker, alternatives, load_reranker

TEXT = (
    "A drone strike by Russia hit a power station in Odesa on Monday. Moldova condemned the attack."
)


@pytest.mark.slow
def test_retraining_from_the_gold_files_reproduces_the_shipped_model() -> None:
    from kg.extract.train_reranker import train

    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert train() == shipped


def test_the_shipped_model_records_its_cross_validated_figures() -> None:
    figures = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["calibration_cross_validated"]
    assert sorted(figures) == ["rules", "rules_and_reranker", "scorer_alone"]
    assert load_reranker() is not None


def test_a_candidate_may_keep_its_target_or_take_none_or_another_author() -> None:
    analysis, events, drafts = read_candidates(TEXT, date=dt.date(2024, 3, 5))
    context = DocumentContext(analysis, events, drafts)
    assert [(d.agent_principal, d.target) for d in drafts] == [("MDA", "RUS")]
    # the rules' target first, then no one; Odesa is a place, not an actor to aim at
    assert alternatives(context, drafts[0]) == ["RUS", None]


def test_a_model_preferring_no_target_re_aims_and_one_under_threshold_drops() -> None:
    analysis, events, drafts = read_candidates(TEXT, date=dt.date(2024, 3, 5))
    prefers_none = Reranker({"alt_none": 3.0}, bias=0.0, threshold=0.5)
    assert [
        (d.agent_principal, d.target) for d in prefers_none.rerank(analysis, events, drafts)
    ] == [("MDA", None)]
    doubtful = Reranker({}, bias=-1.0, threshold=0.5)
    assert doubtful.rerank(analysis, events, drafts) == []


def test_the_extractor_uses_the_rules_alone_unless_asked_for_the_re_ranker() -> None:
    plain = extract_document(TEXT, doc_id="t", date=dt.date(2024, 3, 5))
    assert [(r.agent, r.type.value, r.target) for r in plain.reactions] == [
        ("MDA", "condemns", "RUS")
    ]


def test_a_model_given_in_place_of_the_shipped_one_decides_instead() -> None:
    # the extraction table's "scorer alone" passes its own model: one that keeps nothing
    # leaves no reaction, one that keeps everything leaves the rules' reactions
    keeps_nothing = Reranker({}, bias=0.0, threshold=1.0)
    keeps_all = Reranker({}, bias=0.0, threshold=0.0)
    date = dt.date(2024, 3, 5)
    assert extract_document(TEXT, doc_id="t", date=date, rerank=keeps_nothing).reactions == []
    kept = extract_document(TEXT, doc_id="t", date=date, rerank=keeps_all).reactions
    assert [(r.agent, r.target) for r in kept] == [("MDA", "RUS")]
