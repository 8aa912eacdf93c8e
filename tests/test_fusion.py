"""Canonical events: the accounts of one event, across documents, fused into one.

Scored on the episode corpus (tests/data/episodes, gold.yaml): eleven episodes, three
articles each, with misleadingly similar events that must stay apart.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kg import KnowledgeGraph
from kg.fusion import Account, Fusion, canonical_iri, evaluate, load_gold
from kg.fusion.build import CANONICAL_GRAPH

EPISODES = Path(__file__).parent / "data" / "episodes"
ANNOTATIONS = sorted(EPISODES.rglob("annotation.yaml"))
#: The document fused last (the latest day): the one the incremental tests add.
LAST = "okhmatdyt-2024-07-09-broadcast"


def _load(graph: KnowledgeGraph, skip: str | None = None) -> KnowledgeGraph:
    for path in ANNOTATIONS:
        if path.parent.name != skip:
            graph.add_annotation(path)
    return graph


@pytest.fixture(scope="module")
def corpus() -> KnowledgeGraph:
    graph = _load(KnowledgeGraph.memory())
    graph.fuse()
    return graph


def _assignment(graph: KnowledgeGraph) -> dict[str, str]:
    """Account ref -> canonical IRI, as the canonical graph holds it."""
    return {
        f"{row['doc_id']}#{row['local_id']}": row["event"]
        for row in graph.run("canonical-events").records()
    }


def _partition(assignment: dict[str, str]) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for ref, iri in assignment.items():
        groups.setdefault(iri, []).append(ref)
    return sorted(sorted(g) for g in groups.values())


def test_fusion_scores_b_cubed_and_pairwise_on_the_episode_corpus(
    corpus: KnowledgeGraph,
) -> None:
    scores = evaluate(_assignment(corpus), load_gold(EPISODES))
    # 63 accounts, 23 canonical events for 22 gold clusters: only the Kerch bridge is split
    # (its accounts call it the Kerch Strait bridge, the Crimean Bridge and the Crimea
    # bridge, which place words alone cannot tie).
    assert scores.b3_precision == 1.0
    assert scores.b3_recall == pytest.approx(61 / 63, abs=1e-12)
    assert scores.b3_f1 == pytest.approx(122 / 124, abs=1e-12)
    assert scores.pair_precision == 1.0
    assert scores.pair_recall == pytest.approx(64 / 68, abs=1e-12)
    assert len(set(_assignment(corpus).values())) == 23


def test_no_do_not_merge_pair_is_merged(corpus: KnowledgeGraph) -> None:
    gold = load_gold(EPISODES)
    assert len(gold.do_not_merge) == 12
    assert evaluate(_assignment(corpus), gold).merged_do_not_merge == []


def test_the_only_split_gold_cluster_is_the_kerch_bridge(corpus: KnowledgeGraph) -> None:
    assignment = _assignment(corpus)
    split = {
        cid
        for cid, cluster in load_gold(EPISODES).clusters.items()
        if len({assignment[ref] for ref in cluster.events}) > 1
    }
    assert split == {"kerch-2022-10-08-bridge"}


def test_accounts_that_differ_in_kind_as_documented_are_fused(corpus: KnowledgeGraph) -> None:
    # A state agency's "explosion" of a falling air-defence missile is the others' strike.
    assignment = _assignment(corpus)
    assert (
        assignment["okhmatdyt-2024-07-08-agency#e2"] == assignment["okhmatdyt-2024-07-08-wire#e1"]
    )


def test_two_events_of_one_document_are_never_merged(corpus: KnowledgeGraph) -> None:
    for group in _partition(_assignment(corpus)):
        docs = [ref.split("#")[0] for ref in group]
        assert len(docs) == len(set(docs)), group
    # Even when they look the same in every feature: of two twins of document d, only
    # one joins the same event told by document c, and a third twin of d, fused later on
    # its own, joins neither cluster that already holds an account of d.
    same = {"kind": "strike", "place": "Kyiv", "country": "UKR", "date": dt.date(2024, 7, 8)}
    fusion = Fusion()
    fusion.add([Account(iri="c:1", doc="c", local_id="e1", **same)])
    fusion.add([Account(iri=f"d:{i}", doc="d", local_id=f"e{i}", **same) for i in (1, 2)])
    fusion.add([Account(iri="d:3", doc="d", local_id="e3", **same)])
    assert fusion.partition() == [["c#e1", "d#e1"], ["d#e2"], ["d#e3"]]


def test_adding_a_document_incrementally_equals_a_full_rebuild(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "store") as graph:
        _load(graph, skip=LAST)
        first = graph.fuse()
        assert (first.accounts, first.added) == (60, 60)
        before = _assignment(graph)
        graph.add_annotation(EPISODES / "okhmatdyt-2024-07-08" / LAST / "annotation.yaml")
        step = graph.fuse()
        assert (step.accounts, step.added) == (63, 3)
        incremental = _assignment(graph)
        rebuilt = graph.fuse(rebuild=True)
        assert rebuilt.added == 63
        assert _assignment(graph) == incremental
    # IRIs are stable: every canonical event keeps its IRI and its accounts; the new
    # document's three accounts join the three Okhmatdyt-day events.
    assert {ref: incremental[ref] for ref in before} == before
    assert {incremental[f"{LAST}#e{i}"] for i in (1, 2, 3)} <= set(before.values())


def test_rebuilding_replaces_the_canonical_graph(corpus: KnowledgeGraph) -> None:
    from pyoxigraph import NamedNode

    count = len(list(corpus.store.quads(NamedNode(CANONICAL_GRAPH))))
    corpus.fuse(rebuild=True)
    assert len(list(corpus.store.quads(NamedNode(CANONICAL_GRAPH)))) == count


def test_hand_decisions_are_replayed_on_every_build(tmp_path: Path) -> None:
    decisions = tmp_path / "decisions.yaml"
    decisions.write_text(
        "format: diplomatic-kg/fusion-decisions@1\n"
        "split:\n  - [belgorod-2023-12-31-broadcast#e1]\n"
        "merge:\n  - [kerch-2022-10-08-wire#e1, kerch-2022-10-09-agency#e1]\n",
        encoding="utf-8",
    )
    graph = _load(KnowledgeGraph.memory())
    graph.fuse(decisions=decisions)
    for _ in range(2):  # a rebuild, and an incremental build: both replay the file
        assignment = _assignment(graph)
        kerch = {
            assignment[r] for r in load_gold(EPISODES).clusters["kerch-2022-10-08-bridge"].events
        }
        assert len(kerch) == 1
        belgorod = [
            r for r, iri in assignment.items() if iri == assignment["belgorod-2023-12-30-wire#e1"]
        ]
        assert sorted(belgorod) == [
            "belgorod-2023-12-30-wire#e1",
            "belgorod-2024-01-01-agency#e1",
            "ukraine-2023-12-30-liveblog#e3",
        ]
        alone = [
            r
            for r, iri in assignment.items()
            if iri == assignment["belgorod-2023-12-31-broadcast#e1"]
        ]
        assert alone == ["belgorod-2023-12-31-broadcast#e1"]
        graph.fuse(decisions=decisions, rebuild=True)
        graph.fuse(decisions=decisions)


def _ref(view: dict[str, Any], event_id: str) -> str:
    event = next(e for e in view["events"] if e["id"] == event_id)
    return f"{event['document']}#{event['local_id']}"


def test_the_json_view_gives_the_belgorod_strike_with_its_accounts_and_ranges(
    corpus: KnowledgeGraph,
) -> None:
    view = corpus.to_json()
    wire = next(
        e
        for e in view["events"]
        if e["document"] == "belgorod-2023-12-30-wire" and e["local_id"] == "e1"
    )
    canonical = next(c for c in view["canonical_events"] if c["id"] == wire["canonical"])
    # Its IRI comes from the account that made it: the first day's wire report.
    assert canonical["id"] == canonical_iri(wire["id"])
    assert sorted(_ref(view, a) for a in canonical["accounts"]) == [
        "belgorod-2023-12-30-wire#e1",
        "belgorod-2023-12-31-broadcast#e1",
        "belgorod-2024-01-01-agency#e1",
        "ukraine-2023-12-30-liveblog#e3",
    ]
    assert canonical["kind"] == "strike"
    assert canonical["date"] == {"min": "2023-12-30", "max": "2023-12-30"}
    assert canonical["place"] == "Belgorod"
    assert canonical["country"]["code"] == "RUS"
    # The toll rose from 14 (day 0) to 25 (day 2).
    assert canonical["killed"] == {"min": 14, "max": 25}
    assert canonical["injured"] == {"min": 24, "max": 101}
    assert sorted(
        (a["perpetrator"]["code"], a["according_to"]["code"]) for a in canonical["attributions"]
    ) == [("UKR", "RUS"), ("UKR", "RUS"), ("UKR", "RUS.MOD"), ("UKR", "RUS.PUTIN")]
    assert len(view["canonical_events"]) == 23
    assert all(e["canonical"] is not None for e in view["events"])


def test_an_unfused_graph_has_no_canonical_events_and_null_canonical_fields() -> None:
    graph = KnowledgeGraph.memory()
    graph.add_annotation(ANNOTATIONS[0])
    view = graph.to_json()
    assert view["canonical_events"] == []
    assert {e["canonical"] for e in view["events"]} == {None}


def test_kg_evaluate_events_prints_the_coreference_scores() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "kg", "evaluate", "--events", str(EPISODES)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.splitlines() == [
        "accounts: 63  canonical events: 23  gold clusters: 22",
        "B3        precision 1.0000  recall 0.9683  F1 0.9839",
        "pairwise  precision 1.0000  recall 0.9412  F1 0.9697",
        "do-not-merge pairs merged: 0 of 12",
    ]


def test_kg_evaluate_events_on_a_folder_without_gold_is_a_one_line_error(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "kg", "evaluate", "--events", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr.strip() == f"error: {tmp_path}: no gold.yaml in this folder"


def test_a_decisions_file_naming_an_unknown_account_is_a_one_line_error(tmp_path: Path) -> None:
    store = tmp_path / "store"
    subprocess.run(
        [sys.executable, "-m", "kg", "add", "--store", str(store), str(ANNOTATIONS[0])],
        capture_output=True,
        text=True,
        check=True,
    )
    decisions = tmp_path / "d.yaml"
    decisions.write_text("merge:\n  - [nope#e1, other#e2]\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "kg", "fuse", "--store", str(store), "--decisions", str(decisions)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert run.stderr.strip() == f"error: {decisions}: no such account: nope#e1"


def test_a_clustering_that_merges_everything_merges_every_do_not_merge_pair() -> None:
    gold = load_gold(EPISODES)
    everything = {ref: "one" for c in gold.clusters.values() for ref in c.events}
    scores = evaluate(everything, gold)
    assert scores.merged_do_not_merge == [rule.pair for rule in gold.do_not_merge]
    assert scores.b3_precision == pytest.approx(
        sum(len(c.events) ** 2 for c in gold.clusters.values()) / 63**2, abs=1e-12
    )
    assert scores.b3_recall == 1.0


def test_canonical_events_conform_to_their_shape_and_a_bad_one_does_not() -> None:
    from pyoxigraph import NamedNode, Quad

    graph = KnowledgeGraph.memory()
    for path in sorted((EPISODES / "kerch-2022-10-08").rglob("annotation.yaml")):
        graph.add_annotation(path)
    graph.fuse()
    assert graph.validate().conforms
    # A canonical event whose account is not a document event.
    bad = NamedNode("https://w3id.org/diplomatic-kg/canonical/bad")
    dkg = "https://w3id.org/diplomatic-kg/ontology#"
    rdf_type = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    canonical = NamedNode(CANONICAL_GRAPH)
    graph.store.native.extend(
        [
            Quad(bad, rdf_type, NamedNode(dkg + "CanonicalEvent"), canonical),
            Quad(bad, NamedNode(dkg + "hasAccount"), NamedNode(dkg + "Strike"), canonical),
        ]
    )
    report = graph.validate()
    assert [v.focus for v in report.violations] == [bad.value]
