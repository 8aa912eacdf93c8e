"""The event-coreference corpus (tests/data/episodes/): every article's annotation loads,
and gold.yaml places every annotated event in exactly one cluster, as the README states.

The corpus is the yardstick for cross-document event coreference; a corpus whose gold
misses an event, or names one that is not annotated, would score a system against the
wrong answer without anyone noticing. These tests keep the data and its gold in step.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from kg import KnowledgeGraph
from kg.model import Document

EPISODES = Path(__file__).parent / "data" / "episodes"
ANNOTATIONS = sorted(EPISODES.glob("*/*/annotation.yaml"))

#: The whole corpus, as loaded into one graph.
DOCUMENTS = 33
EVENTS = 63
REACTIONS = 96
#: Episodes (folders) and how many of them are told by 3 or more articles.
EPISODE_COUNT = 11
EPISODES_WITH_THREE_REPORTS = 11
#: Clusters reported by one document on purpose (listed in the README).
SINGLETONS = {"ukraine-2022-10-11-strikes"}


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    with (EPISODES / "gold.yaml").open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


@pytest.fixture(scope="module")
def documents() -> Iterator[tuple[KnowledgeGraph, list[Document]]]:
    kg = KnowledgeGraph.memory()
    docs = [kg.add_annotation(path) for path in ANNOTATIONS]
    yield kg, docs
    kg.close()


def event_ids(docs: list[Document]) -> list[str]:
    return [f"{doc.id}#{event.id}" for doc in docs for event in doc.events]


def test_every_annotation_loads_into_one_graph(
    documents: tuple[KnowledgeGraph, list[Document]],
) -> None:
    kg, docs = documents
    view = kg.to_json()
    assert (
        len(kg.documents()),
        len({e["id"] for e in view["events"]}),
        len(view["reactions"]),
    ) == (DOCUMENTS, EVENTS, REACTIONS)
    assert (len(docs), len(event_ids(docs)), sum(len(d.reactions) for d in docs)) == (
        DOCUMENTS,
        EVENTS,
        REACTIONS,
    )


def test_the_json_view_lists_each_event_once(
    documents: tuple[KnowledgeGraph, list[Document]],
) -> None:
    kg, _ = documents
    # Places are shared across documents: each event is still one row, and summary agrees.
    assert len(kg.to_json()["events"]) == EVENTS
    assert kg.summary()["events"] == EVENTS


def test_each_document_lives_in_the_folder_named_by_its_id(
    documents: tuple[KnowledgeGraph, list[Document]],
) -> None:
    _, docs = documents
    assert [d.id for d in docs] == [p.parent.name for p in ANNOTATIONS]


def test_every_article_is_between_120_and_450_words() -> None:
    lengths = {
        p.parent.name: len((p.parent / "article.txt").read_text(encoding="utf-8").split())
        for p in ANNOTATIONS
    }
    assert {name: n for name, n in lengths.items() if not 120 <= n <= 450} == {}


def test_every_event_appears_in_gold_exactly_once(
    gold: dict[str, Any], documents: tuple[KnowledgeGraph, list[Document]]
) -> None:
    _, docs = documents
    listed = Counter(e for cluster in gold["clusters"].values() for e in cluster["events"])
    assert {e: n for e, n in listed.items() if n != 1} == {}
    assert sorted(listed) == sorted(event_ids(docs))


def test_each_event_has_its_clusters_date_and_kind_or_a_documented_variant(
    gold: dict[str, Any], documents: tuple[KnowledgeGraph, list[Document]]
) -> None:
    """The event's date is when it happened, whatever day the article appeared; the kind
    may differ only where a source frames the event otherwise (README: hard positives)."""
    _, docs = documents
    by_id = {f"{d.id}#{e.id}": e for d in docs for e in d.events}
    dates = {}
    kinds = {}
    for cluster in gold["clusters"].values():
        for ident in cluster["events"]:
            dates[ident] = (by_id[ident].date, cluster["date"])
            kinds[ident] = (by_id[ident].kind.value, cluster["kind"])
    assert {i: d for i, d in dates.items() if d[0] != d[1]} == {}
    assert {i: k for i, k in kinds.items() if k[0] != k[1]} == {
        "kerch-2022-10-09-agency#e1": ("sabotage", "explosion"),
        "okhmatdyt-2024-07-08-agency#e2": ("explosion", "strike"),
    }


def test_every_cluster_spans_two_documents_except_the_declared_singletons(
    gold: dict[str, Any],
) -> None:
    spans = {
        name: len({ident.split("#")[0] for ident in cluster["events"]})
        for name, cluster in gold["clusters"].items()
    }
    singled = {name for name, c in gold["clusters"].items() if c.get("singleton", False)}
    assert singled == SINGLETONS
    assert {name for name, n in spans.items() if n < 2} == SINGLETONS
    readme = (EPISODES / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in SINGLETONS)


def test_eleven_episodes_each_told_by_three_or_more_articles(gold: dict[str, Any]) -> None:
    folders = {p.parent.parent.name for p in ANNOTATIONS}
    assert folders == set(gold["episodes"])
    reports = Counter(p.parent.parent.name for p in ANNOTATIONS)
    assert len(folders) == EPISODE_COUNT
    assert sum(1 for n in reports.values() if n >= 3) == EPISODES_WITH_THREE_REPORTS


def test_chains_and_do_not_merge_pairs_name_gold_clusters(gold: dict[str, Any]) -> None:
    clusters = set(gold["clusters"])
    chains = [e.get("chain", []) for e in gold["episodes"].values()]
    assert [c for chain in chains for c in chain if c not in clusters] == []
    pairs = [p["pair"] for p in gold["do_not_merge"]]
    assert [c for pair in pairs for c in pair if c not in clusters] == []
    assert all(len(set(pair)) == 2 for pair in pairs)
    assert all(gold["clusters"][c]["episode"] in gold["episodes"] for c in clusters)


def test_chains_run_in_date_order(gold: dict[str, Any]) -> None:
    for episode in gold["episodes"].values():
        dates = [gold["clusters"][c]["date"] for c in episode.get("chain", [])]
        assert dates == sorted(dates)


def test_readme_lists_every_do_not_merge_pair(gold: dict[str, Any]) -> None:
    readme = (EPISODES / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`([a-z0-9-]+)` / `([a-z0-9-]+)`", readme))
    assert listed == {tuple(p["pair"]) for p in gold["do_not_merge"]}
