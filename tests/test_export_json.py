"""The json view: the seed example against the gold reading, and what it lists of a dataset."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pyoxigraph import NamedNode, RdfFormat, parse

from conftest import SEED_ANNOTATION, SEED_TEXT, gold_key, reaction_keys
from kg import KnowledgeGraph
from kg.importers.nquads import QuadWriter, coded_event_iri, dataset_graph
from kg.importers.records import CodedRecord, Kind


def test_every_required_reaction_of_the_gold_reading_is_in_the_json_view(
    seed_view: dict[str, Any], gold: dict[str, Any]
) -> None:
    required = {gold_key(item) for item in gold["reactions"]}
    assert len(required) == 7
    assert required <= reaction_keys(seed_view)


def test_every_optional_reaction_of_the_gold_reading_is_in_the_json_view(
    seed_view: dict[str, Any], gold: dict[str, Any]
) -> None:
    assert {gold_key(item) for item in gold["optional"]} <= reaction_keys(seed_view)


def test_no_negative_of_the_gold_reading_is_in_the_json_view(
    seed_view: dict[str, Any], gold: dict[str, Any]
) -> None:
    negatives = {gold_key(item) for item in gold["negatives"]}
    assert negatives and not negatives & reaction_keys(seed_view)


def test_the_three_gold_events_are_there_with_their_casualty_ranges(
    seed_view: dict[str, Any], gold: dict[str, Any]
) -> None:
    events = {(e["kind"], e["country"]["code"]): e for e in seed_view["events"]}
    assert len(seed_view["events"]) == 3
    for expected in gold["events"]:
        event = events[(expected["kind"], expected["country_iso3"])]
        assert event["killed"] == expected["killed"]
        assert event["injured"] == expected["injured"]
        assert event["perpetrator"]["code"] == expected["alleged_perpetrator_iso3"]
        if "children_killed" in expected:
            assert event["children_killed"] == expected["children_killed"]


def test_reactions_are_linked_to_the_gold_events(
    seed_view: dict[str, Any], gold: dict[str, Any]
) -> None:
    by_gold_id = {
        e["id"]: next(
            v["id"]
            for v in seed_view["events"]
            if (v["kind"], v["country"]["code"]) == (e["kind"], e["country_iso3"])
        )
        for e in gold["events"]
    }
    linked = {
        (r["agent"]["code"], r["type"], r["target"]["code"] if r["target"] else None): r[
            "about_event"
        ]
        for r in seed_view["reactions"]
    }
    for item in gold["reactions"]:
        expected = by_gold_id[item["about_event"]] if item["about_event"] else None
        assert linked[gold_key(item)] == expected, item


def test_every_evidence_is_the_exact_text_at_its_offsets(seed_view: dict[str, Any]) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    spans = [e for r in seed_view["reactions"] for e in r["evidence"]]
    assert spans
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]
        assert span["source"].endswith("/doc/belgorod-2023-12-30")


def test_agents_carry_code_label_and_wikidata(seed_view: dict[str, Any]) -> None:
    agents = {r["agent"]["code"]: r["agent"] for r in seed_view["reactions"]}
    assert agents["RUS"] == {"code": "RUS", "label": "Russia", "wikidata": "Q159"}
    assert agents["UNSC"]["wikidata"] == "Q37470"
    assert agents["NATO"]["wikidata"] == "Q7184"


def test_a_ministry_reaction_counts_for_its_state_and_keeps_the_speaker(
    seed_view: dict[str, Any],
) -> None:
    threat = next(r for r in seed_view["reactions"] if r["type"] == "threatens")
    assert threat["agent"]["code"] == "RUS"
    assert threat["speaker"]["code"] == "RUS.MOD"


def test_the_hedged_attribution_is_a_claim_not_a_fact(seed_view: dict[str, Any]) -> None:
    belgorod = next(e for e in seed_view["events"] if e["place"] == "Belgorod")
    assert belgorod["attributions"] == [
        {
            "perpetrator": {"code": "UKR", "label": "Ukraine", "wikidata": "Q212"},
            "hedged": True,
            "according_to": None,
            "source": "https://w3id.org/diplomatic-kg/id/doc/belgorod-2023-12-30",
            "evidence": [
                {
                    "text": "was allegedly targeted directly by Ukrainian forces",
                    "start": belgorod["attributions"][0]["evidence"][0]["start"],
                    "end": belgorod["attributions"][0]["evidence"][0]["end"],
                }
            ],
        }
    ]


def test_the_events_are_those_of_documents_and_the_attacks_of_datasets() -> None:
    # Two records of a dataset beside the seed document: the strike (CAMEO 190, typed
    # dkg:Strike besides dkg:CodedEvent) is an event of the view, listed once; the consult
    # (CAMEO 040, a dkg:CodedEvent only) is a record, reachable by SPARQL, not an event.
    kg = KnowledgeGraph.memory()
    kg.add_annotation(SEED_ANNOTATION)
    graph = dataset_graph("gdelt")
    writer = QuadWriter("gdelt", graph=graph)
    lines = writer.dataset_quads()
    for record_id, code, kind in (("1", "040", Kind.OTHER), ("2", "190", Kind.STRIKE)):
        record = CodedRecord(
            dataset="gdelt",
            record_id=record_id,
            date=dt.date(2023, 12, 30),
            code=code,
            kind=kind,
            source="RUS",
            target="UKR",
            country="UKR",
            confidence=0.5,
        )
        lines += writer.record(record, new=True)
    quads = parse("".join(lines).encode(), format=RdfFormat.N_QUADS)
    kg.store.replace_graph(NamedNode(graph), quads)

    events = kg.to_json()["events"]
    assert len(events) == 4  # the seed's three, and the strike
    [strike] = [e for e in events if e["document"] == "gdelt"]
    assert strike["id"] == coded_event_iri("gdelt", "2")
    assert (strike["kind"], strike["date"]) == ("strike", "2023-12-30")
    assert (strike["perpetrator"]["code"], strike["country"]["code"]) == ("RUS", "UKR")
    records = kg.query(
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
        "SELECT ?e WHERE { ?e a dkg:CodedEvent }"
    ).column("e")
    assert sorted(records) == [coded_event_iri("gdelt", "1"), coded_event_iri("gdelt", "2")]
