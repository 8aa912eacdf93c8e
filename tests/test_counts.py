"""Exact counts over several documents that share places and actors, and over a GDELT
sample: one row per event and per reaction, whatever the number of graphs that describe a
shared node or of record ids a merged record carries.

The default graph of a query is the union of the documents' graphs, and a triple that N
documents hold (a place's label) comes back N times: these tests are the guard against
that multiplying events, and against merged records multiplying reactions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SEED_ANNOTATION, SEED_TEXT
from kg import KnowledgeGraph
from kg.importers import import_files

IMPORT_DATA = Path(__file__).parent / "data" / "import"
GDELT2 = IMPORT_DATA / "gdelt2_20191024143000_head600.export.CSV"
COPIES = 3


def _copy_seed(folder: Path, doc_id: str) -> Path:
    """The seed annotation under another document id (same text, places and actors)."""
    folder.mkdir()
    (folder / "article.txt").write_text(SEED_TEXT.read_text(encoding="utf-8"), encoding="utf-8")
    text = SEED_ANNOTATION.read_text(encoding="utf-8")
    annotation = folder / "annotation.yaml"
    annotation.write_text(
        text.replace("id: belgorod-2023-12-30", f"id: {doc_id}"), encoding="utf-8"
    )
    return annotation


@pytest.fixture(scope="module")
def three_copies(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeGraph]:
    """An on-disk store holding the seed three times, under three document ids: 9 events
    (3 each), 30 reactions (10 each), every place and actor shared by the three."""
    root = tmp_path_factory.mktemp("copies")
    with KnowledgeGraph.open(root / "store") as kg:
        for i in range(COPIES):
            kg.add_annotation(_copy_seed(root / f"copy{i}", f"copy-{i}"))
        yield kg


def test_summary_counts_each_event_once(three_copies: KnowledgeGraph) -> None:
    facts = three_copies.summary()
    assert (facts["documents"], facts["events"], facts["reactions"]) == (3, 9, 30)


def test_the_events_query_gives_one_row_per_event(three_copies: KnowledgeGraph) -> None:
    rows = three_copies.run("events").records()
    assert len(rows) == 9
    assert len({r["event"] for r in rows}) == 9
    assert Counter(r["doc_id"] for r in rows) == {"copy-0": 3, "copy-1": 3, "copy-2": 3}
    assert Counter(r["place"] for r in rows) == {
        "Belgorod": 3,
        "several Ukrainian cities": 3,
        "Poland": 3,
    }


def test_the_json_view_lists_each_event_and_reaction_once(
    three_copies: KnowledgeGraph,
) -> None:
    view = three_copies.to_json()
    assert len(view["events"]) == 9
    assert len({e["id"] for e in view["events"]}) == 9
    assert len(view["reactions"]) == 30
    assert len({r["id"] for r in view["reactions"]}) == 30


def test_who_condemns_whom_counts_documents_across_copies(three_copies: KnowledgeGraph) -> None:
    rows = three_copies.run("who-condemns-whom").records()
    assert [
        (r["agent_label"], r["target_label"], r["reactions"], r["documents"], r["records"])
        for r in rows
    ] == [
        ("Russia", "Ukraine", 3, 3, 0),
        ("United Nations Security Council", None, 3, 3, 0),
    ]


def test_hedged_claims_finds_every_hedged_reaction_and_attribution(
    three_copies: KnowledgeGraph,
) -> None:
    """``?claim a dkg:Reaction`` in the query finds the hedged blame (typed dkg:Blame)
    because its superclasses are written on it: 3 blames and 3 attributions."""
    rows = three_copies.run("hedged-claims").records()
    assert Counter((r["kind"], r["subject_label"], r["object_label"]) for r in rows) == {
        ("blames", "Russia", "Ukraine"): 3,
        ("perpetrator", "Ukraine", "strike in Belgorod"): 3,
    }


# --------------------------------------------------------------------------- GDELT sample


@pytest.fixture(scope="module")
def gdelt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeGraph]:
    """The GDELT 2.0 sample (600 rows, 90 of them merged records with several record ids,
    16 reactions) in an on-disk store."""
    with KnowledgeGraph.open(tmp_path_factory.mktemp("gdelt") / "store") as kg:
        import_files(kg, "gdelt", [GDELT2])
        yield kg


def test_the_reactions_query_gives_one_row_per_reaction_of_merged_records(
    gdelt: KnowledgeGraph,
) -> None:
    rows = gdelt.run("reactions").records()
    assert len(rows) == 16
    assert len({r["reaction"] for r in rows}) == 16


def test_a_merged_record_is_named_by_its_lowest_record_id(gdelt: KnowledgeGraph) -> None:
    merged = gdelt.query(
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
        "PREFIX dcterms: <http://purl.org/dc/terms/> "
        "PREFIX prov: <http://www.w3.org/ns/prov#> "
        "SELECT ?r (MIN(?id) AS ?lowest) (COUNT(?id) AS ?ids) WHERE { "
        "?r a dkg:Reaction ; prov:wasDerivedFrom/dcterms:identifier ?id } "
        "GROUP BY ?r HAVING (COUNT(?id) > 1)"
    ).records()
    assert len(merged) == 2
    documents = {r["reaction"]: r["doc_id"] for r in gdelt.run("reactions").records()}
    assert {documents[m["r"]] for m in merged} == {m["lowest"] for m in merged}


def test_dataset_reactions_leave_hedging_unknown(gdelt: KnowledgeGraph) -> None:
    view = gdelt.to_json()
    assert Counter(r["hedged"] for r in view["reactions"]) == {None: 16}
    assert Counter(a["hedged"] for e in view["events"] for a in e["attributions"]) == {None: 8}
    hedged = gdelt.query(
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
        "SELECT ?r WHERE { ?r dkg:hedged ?h }"
    )
    assert len(hedged) == 0


def test_who_condemns_whom_counts_records_not_documents(gdelt: KnowledgeGraph) -> None:
    rows = gdelt.run("who-condemns-whom").records()
    assert [
        (r["agent"].rsplit("/", 1)[1], r["target"], r["reactions"], r["documents"], r["records"])
        for r in rows
    ] == [
        ("ARM", None, 1, 0, 1),
        ("BEL", None, 1, 0, 1),
        ("BRA", None, 1, 0, 1),
        ("CAN", None, 1, 0, 1),
    ]


def test_self_condemnation_is_left_out_unless_domestic_is_asked(gdelt: KnowledgeGraph) -> None:
    """Armenia condemning Armenia: counted on the node in the actor network, so left out
    of who-condemns-whom by default; ``domestic=true`` keeps it."""
    default = gdelt.run("who-condemns-whom").records()
    assert not [r for r in default if r["agent"] == r["target"]]
    kept = gdelt.run("who-condemns-whom", domestic="true").records()
    assert [
        (r["agent"].rsplit("/", 1)[1], r["reactions"]) for r in kept if r["agent"] == r["target"]
    ] == [("ARM", 1)]
    assert len(kept) == len(default) + 1


def test_reactions_by_type_counts_unknown_hedging(gdelt: KnowledgeGraph) -> None:
    rows = gdelt.run("reactions-by-type").records()
    assert sum(r["reactions"] for r in rows) == 16
    assert sum(r["hedging_unknown"] for r in rows) == 16
    assert sum(r["hedged_reactions"] for r in rows) == 0


def test_the_explorer_queries_give_one_row_per_reaction_of_a_merged_record(
    gdelt: KnowledgeGraph,
) -> None:
    merged = gdelt.query(
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
        "PREFIX dcterms: <http://purl.org/dc/terms/> "
        "PREFIX prov: <http://www.w3.org/ns/prov#> "
        "SELECT ?r ?a ?t (MIN(?id) AS ?lowest) WHERE { "
        "?r a dkg:Reaction ; dkg:agent ?a ; dkg:target ?t ; "
        "prov:wasDerivedFrom/dcterms:identifier ?id } "
        "GROUP BY ?r ?a ?t HAVING (COUNT(?id) > 1)"
    ).records()
    assert len(merged) == 2
    for m in merged:
        [evidence] = gdelt.run("reaction-evidence", reaction=m["r"]).records()
        assert evidence["doc_id"] == m["lowest"]
        agent, target = (m[k].rsplit("/", 1)[1] for k in ("a", "t"))
        between = gdelt.run("reactions-between", agent=agent, target=target).records()
        assert [r["doc_id"] for r in between if r["reaction"] == m["r"]] == [m["lowest"]]
