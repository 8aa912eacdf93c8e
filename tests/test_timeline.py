"""Episodes over time: the reactions to each canonical event, the escalation chains that
join events, and `kg timeline` / `KnowledgeGraph.timeline` (issue 14).

On the episode corpus (tests/data/episodes), whose gold.yaml names three chains.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from kg import KnowledgeGraph
from kg.episodes import load_episodes
from kg.fusion import load_gold

EPISODES = Path(__file__).parent / "data" / "episodes"
ANNOTATIONS = sorted(EPISODES.rglob("annotation.yaml"))
COLUMNS = ["date", "days", "item", "step", "type", "actor", "speaker", "target", "latency",
           "order", "second_hand"]  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("timeline") / "store"
    with KnowledgeGraph.open(path) as graph:
        for annotation in ANNOTATIONS:
            graph.add_annotation(annotation)
        graph.fuse()
    return path


def _plain(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    """The frame's rows as tuples of plain values: ISO dates, ints, None for missing."""
    rows = []
    for row in frame[COLUMNS].itertuples(index=False):
        values = [None if not isinstance(v, bool) and pd.isna(v) else v for v in row]
        values[0] = values[0].date().isoformat()
        rows.append(tuple(int(v) if type(v).__name__.startswith("int") else v for v in values))
    return rows


#: The Belgorod episode: the Russian barrage of 29 December 2023 [1], the strike on
#: Belgorod the next day [2] (the Belgorod wire recalls the barrage beside it) and
#: Russia's strike on Kharkiv that night [3], which the broadcaster and the state agency
#: report "in response"; Russia's defence ministry and Putin threaten Ukraine in between.
#: (date, days from the first event, item, step, type, actor, speaker, target,
#: latency from its event, order of reaction, second-hand)
BELGOROD = [
    ("2023-12-29", 0, "event", 1, "strike", "RUS", None, "UKR", None, None, False),
    ("2023-12-29", 0, "reaction", 1, "blames", "UKR", "UKR.ZELENSKY", "RUS", 0, 1, False),
    ("2023-12-29", 0, "reaction", 1, "supports", "USA", "USA.BIDEN", "UKR", 0, 1, False),
    ("2023-12-30", 1, "reaction", 1, "condemns", "UN", "UN.GUTERRES", "RUS", 1, 2, True),
    ("2023-12-30", 1, "event", 2, "strike", "UKR", None, "RUS", None, None, False),
    ("2023-12-30", 1, "reaction", 2, "blames", "RUS", None, "UKR", 0, 1, False),
    ("2023-12-30", 1, "reaction", 2, "blames", "RUS", "RUS.MOD", "UKR", 0, 1, False),
    ("2023-12-30", 1, "reaction", 2, "threatens", "RUS", "RUS.MOD", "UKR", 0, 1, False),
    ("2023-12-30", 1, "event", 3, "strike", "RUS", None, "UKR", None, None, False),
    ("2023-12-31", 2, "reaction", 1, "condemns", "EU", None, "RUS", 2, 3, False),
    ("2023-12-31", 2, "reaction", 2, "blames", "RUS", None, "GBR", 1, 1, False),
    ("2023-12-31", 2, "reaction", 2, "blames", "RUS", None, "UKR", 1, 1, False),
    ("2023-12-31", 2, "reaction", 2, "blames", "RUS", None, "USA", 1, 1, False),
    ("2023-12-31", 2, "reaction", 2, "condemns", "USA", None, None, 1, 2, False),
    ("2024-01-01", 3, "reaction", 2, "blames", "RUS", "RUS.ZAKHAROVA", "GBR", 2, 1, False),
    ("2024-01-01", 3, "reaction", 2, "blames", "RUS", "RUS.ZAKHAROVA", "USA", 2, 1, False),
    ("2024-01-01", 3, "reaction", 2, "condemns", "RUS", "RUS.PUTIN", "UKR", 2, 1, False),
    ("2024-01-01", 3, "reaction", 2, "threatens", "RUS", "RUS.PUTIN", "UKR", 2, 1, False),
]


def test_the_belgorod_timeline_has_exactly_these_rows(store: Path) -> None:
    with KnowledgeGraph.open(store, read_only=True) as graph:
        frame = graph.timeline("belgorod-2023-12-30-wire")
    assert list(frame.columns) == [
        "date", "days", "item", "step", "event", "event_label", "type", "actor", "speaker",
        "target", "latency", "order", "second_hand", "hedged", "sources",
    ]  # fmt: skip
    assert _plain(frame) == BELGOROD
    events = frame[frame["item"] == "event"]
    assert list(events["event_label"]) == [
        "strike in cities across Ukraine", "strike in Belgorod", "strike in Kharkiv",
    ]  # fmt: skip
    assert list(events["sources"]) == ["4 accounts", "4 accounts", "2 accounts"]


def test_any_account_or_the_iri_of_a_chain_event_gives_the_same_episode(store: Path) -> None:
    with KnowledgeGraph.open(store, read_only=True) as graph:
        by_document = graph.timeline("belgorod-2023-12-30-wire")
        kharkiv = by_document[by_document["step"] == 3]["event"].iloc[0]
        assert _plain(graph.timeline(kharkiv)) == BELGOROD
        assert _plain(graph.timeline("ukraine-2023-12-29-wire#e1")) == BELGOROD
        alone = graph.timeline("belgorod-2023-12-31-broadcast#e1", chain=False)
    assert _plain(alone) == [
        (row[0], row[1] - 1, *row[2:3], 1, *row[4:]) for row in BELGOROD if row[3] == 2
    ]


def test_the_chains_found_are_the_gold_chains_once_the_kerch_bridge_is_fused(
    tmp_path: Path,
) -> None:
    graph = KnowledgeGraph.memory()
    for annotation in ANNOTATIONS:
        graph.add_annotation(annotation)
    gold = load_gold(EPISODES)
    cluster_of = {ref: cid for cid, c in gold.clusters.items() for ref in c.events}

    def links() -> list[tuple[str, str]]:
        episode = load_episodes(graph.run)
        named = {
            iri: cluster_of[sorted(event.refs)[0]] for iri, event in episode.events.items()
        }
        return [(named[a], named[b]) for a, b in episode.links.items()]

    graph.fuse()
    # Fusion splits the Kerch bridge in two (test_fusion): the half without the threats
    # is followed by the next Russian strike its reports tell, Zaporizhzhia.
    assert links() == [
        ("kerch-2022-10-08-bridge", "zaporizhzhia-2022-10-09-strike"),
        ("kerch-2022-10-08-bridge", "ukraine-2022-10-10-barrage"),
        ("ukraine-2023-12-29-barrage", "belgorod-2023-12-30-strike"),
        ("belgorod-2023-12-30-strike", "kharkiv-2023-12-30-retaliation"),
        ("damascus-2024-04-01-consulate", "iran-israel-2024-04-13-attack"),
        ("iran-israel-2024-04-13-attack", "isfahan-2024-04-19-strike"),
    ]
    decisions = tmp_path / "decisions.yaml"
    decisions.write_text("merge:\n  - [kerch-2022-10-08-wire#e1, kerch-2022-10-09-agency#e1]\n")
    graph.fuse(decisions=decisions, rebuild=True)
    chains = [e.chain for e in gold.episodes.values() if e.chain]
    assert links() == sorted(
        {(c[i], c[i + 1]) for c in chains for i in range(len(c) - 1)},
        key=lambda pair: gold.clusters[pair[0]].date,
    )


def test_kg_timeline_prints_the_chain_in_date_order_with_latencies(store: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "kg", "timeline", "--store", str(store), "isfahan-2024-04-19-wire"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    lines = run.stdout.splitlines()
    assert lines[0] == "3 event(s), 16 reaction(s), 2024-04-01 to 2024-04-20"
    assert [line for line in lines if "] " in line.split("(")[0]] == [
        "2024-04-01   +0d  [1] strike in Damascus (SYR) by ISR; 3 accounts",
        "2024-04-13  +12d  [2] strike in Israel (ISR) by IRN; 5 accounts",
        "2024-04-19  +18d  [3] strike in Isfahan (IRN) by ISR; 3 accounts",
    ]
    assert lines[-1] == (
        "2024-04-20  +19d      threatens                IRN -> ISR  "
        "(#1, +1d after [3]; isfahan-2024-04-20-liveblog)"
    )
    days = [line.split()[0] for line in lines[1:]]
    assert days == sorted(days)


def test_kg_timeline_of_an_unknown_event_is_a_one_line_error(store: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "kg", "timeline", "--store", str(store), "no-such-doc"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == "error: no canonical event for 'no-such-doc' (run 'kg fuse' first?)\n"
