"""Competing accounts: several attributions and casualty figures of one event, each with
its source and evidence, side by side in the graph, the json view and a named query.

The fixture (tests/data/competing) is a made-up report of a market blast that each side
blames on the other, with a death toll from each side and an injured figure in the
reporter's own voice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from conftest import SEED_ANNOTATION
from kg import KnowledgeGraph
from kg.annotation import AnnotationError, load_annotation
from kg.model import Event

COMPETING = Path(__file__).parent / "data" / "competing" / "annotation.yaml"


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    kg = KnowledgeGraph.open(tmp_path_factory.mktemp("competing") / "store")
    kg.add_annotation(COMPETING)
    kg.add_annotation(SEED_ANNOTATION)
    return kg


@pytest.fixture(scope="module")
def blast(graph: KnowledgeGraph) -> dict[str, Any]:
    [event] = [e for e in graph.to_json()["events"] if e["place"] == "Donetsk"]
    return event


def _quotes(account: dict[str, Any]) -> list[str]:
    return [e["text"] for e in account["evidence"]]


def _code(ref: dict[str, Any] | None) -> str | None:
    return None if ref is None else ref["code"]


def test_both_attributions_are_listed_with_their_sources(blast: dict[str, Any]) -> None:
    assert [
        (_code(a["perpetrator"]), _code(a["according_to"]), a["hedged"], len(a["evidence"]))
        for a in blast["attributions"]
    ] == [("UKR", "RUS", False, 1), ("RUS", "UKR", True, 1)]
    assert blast["attributions"][1]["evidence"][0]["text"] == (
        "most likely done by a Russian air-defence missile that fell short"
    )


def test_the_perpetrator_is_null_when_accounts_conflict(blast: dict[str, Any]) -> None:
    assert blast["perpetrator"] is None


def test_every_figure_is_listed_with_its_source(blast: dict[str, Any]) -> None:
    figures = blast["casualty_figures"]
    assert [
        (f["measure"], f["min"], f["max"], _code(f["according_to"]), _quotes(f))
        for f in figures
    ] == [
        ("injured", 25, None, None, ["at least 25 people were being treated"]),
        ("killed", 27, 27, "RUS", ["put the toll at 27 dead"]),
        ("killed", 18, 18, "UKR", ["Ukrainian officials cited 18 dead"]),
    ]


def test_a_measure_with_differing_figures_is_null_and_a_sole_one_is_given(
    blast: dict[str, Any],
) -> None:
    assert blast["killed"] is None
    assert blast["injured"] == {"min": 25, "max": None}
    assert blast["children_killed"] is None


def test_the_single_valued_form_still_gives_the_sole_account(graph: KnowledgeGraph) -> None:
    [belgorod] = [e for e in graph.to_json()["events"] if e["place"] == "Belgorod"]
    assert _code(belgorod["perpetrator"]) == "UKR"
    assert belgorod["killed"] == {"min": 13, "max": None}
    assert len(belgorod["attributions"]) == 1
    assert len(belgorod["casualty_figures"]) == 3


def test_the_competing_accounts_query_lists_one_event_side_by_side(
    graph: KnowledgeGraph, blast: dict[str, Any]
) -> None:
    rows = graph.run("competing-accounts", event=blast["id"]).records()
    assert [
        (r["kind"], _last(r["perpetrator"]), r["min"], r["according_to_label"], r["hedged"])
        for r in rows
    ] == [
        ("attribution", "UKR", None, "Russia", False),
        ("attribution", "RUS", None, "Ukraine", True),
        ("injured", None, 25, None, None),
        ("killed", None, 27, "Russia", None),
        ("killed", None, 18, "Ukraine", None),
    ]
    assert all(r["quote"] for r in rows)


def test_the_competing_accounts_query_without_an_event_covers_every_event(
    graph: KnowledgeGraph,
) -> None:
    rows = graph.run("competing-accounts").records()
    # the blast: 2 claims and 3 figures; the seed: 3 claims (one with a quote) and 5 figures
    assert len(rows) == 5 + 3 + 5
    assert len({r["account"] for r in rows}) == 13


def _last(iri: str | None) -> str | None:
    return None if iri is None else iri.rsplit("/", 1)[-1]


def test_the_graph_with_competing_accounts_conforms_to_the_shapes(graph: KnowledgeGraph) -> None:
    report = graph.validate()
    assert report.conforms, report


def test_two_claims_from_one_source_on_one_perpetrator_are_refused() -> None:
    with pytest.raises(ValidationError, match="attributes it to UKR according to RUS twice"):
        Event(
            id="e1",
            kind="strike",
            evidence="x",
            alleged_perpetrator={"perpetrator": "UKR", "according_to": "RUS"},
            attributions=[{"perpetrator": "UKR", "according_to": "RUS", "hedged": True}],
        )


def test_two_figures_of_one_measure_from_one_source_are_refused() -> None:
    with pytest.raises(ValidationError, match="two killed figures according to the document"):
        Event(
            id="e1",
            kind="strike",
            evidence="x",
            killed={"min": 3},
            casualty_figures=[{"measure": "killed", "min": 4}],
        )


def test_a_figure_quote_not_in_the_article_names_its_line(tmp_path: Path) -> None:
    text = COMPETING.read_text(encoding="utf-8").replace(
        'evidence: "put the toll at 27 dead"', 'evidence: "put the toll at 72 dead"'
    )
    bad = tmp_path / "annotation.yaml"
    bad.write_text(text, encoding="utf-8")
    (tmp_path / "article.txt").write_text(
        (COMPETING.parent / "article.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    line = text.splitlines().index('        evidence: "put the toll at 72 dead"') + 1
    with pytest.raises(AnnotationError, match=f"annotation.yaml:{line}: evidence"):
        load_annotation(bad)


def test_correcting_the_hedge_of_a_claim_keeps_its_iri(tmp_path: Path) -> None:
    text = COMPETING.read_text(encoding="utf-8").replace("hedged: true", "hedged: false")
    corrected = tmp_path / "annotation.yaml"
    corrected.write_text(text, encoding="utf-8")
    (tmp_path / "article.txt").write_text(
        (COMPETING.parent / "article.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    kg = KnowledgeGraph.memory()
    kg.add_annotation(COMPETING)
    before = set(kg.run("competing-accounts").column("account"))
    kg.add_annotation(corrected, replace=True)
    after = kg.run("competing-accounts").records()
    assert {r["account"] for r in after} == before
    assert {r["hedged"] for r in after if r["kind"] == "attribution"} == {False}


def test_the_annotation_schema_documents_both_forms() -> None:
    from kg.annotation import annotation_schema

    defs = annotation_schema()["$defs"]
    event = defs["Event"]["properties"]
    assert {"alleged_perpetrator", "attributions", "killed", "casualty_figures"} <= set(event)
    assert "Competing accounts" in defs["Event"]["description"]
    assert defs["CasualtyFigure"]["required"] == ["min", "measure"]
