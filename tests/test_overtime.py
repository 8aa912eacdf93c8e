"""The signed actor graph month by month: balance, communities and bloc alignment
(``kg.overtime``, ``kg analyze --by month``), on a tiny graph whose figures are worked
out by hand, then on the episode corpus through the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from kg import KnowledgeGraph
from kg.overtime import by_month, memberships

EPISODES = Path(__file__).parent / "data" / "episodes"


def _reaction(kind: str, agent: str, target: str, date: str | None) -> dict[str, Any]:
    return {"type": kind, "agent": {"code": agent}, "target": {"code": target}, "date": date}


#: A, B and C in January and February 2024; D joins bloc X on 1 February.
VIEW = {
    "actors": [],
    "events": [],
    "reactions": [
        # January: A supports B, A and B condemn C: the triangle "+--", balanced.
        _reaction("supports", "A", "B", "2024-01-05"),
        _reaction("condemns", "A", "C", "2024-01-06"),
        _reaction("condemns", "B", "C", "2024-01-07"),
        _reaction("condemns", "D", "C", "2024-01-20"),  # D is not yet a member
        # February: A supports B, B supports C, A condemns C: "++-", unbalanced.
        _reaction("supports", "A", "B", "2024-02-02"),
        _reaction("supports", "B", "C", "2024-02-03"),
        _reaction("condemns", "A", "C", "2024-02-04"),
        _reaction("supports", "D", "C", "2024-02-10"),  # D is a member now
        _reaction("condemns", "D", "A", None),  # no date: in no month
    ],
}
BLOCS = {"X": [("A", None, None), ("B", "2000-01-01", None), ("D", "2024-02-01", None)]}


def test_each_month_has_its_own_balance() -> None:
    january, february = by_month(VIEW, BLOCS)
    assert (january["month"], january["reactions"], january["actors"], january["ties"]) == (
        "2024-01", 4, 4, 4,
    )  # fmt: skip
    assert january["balance"]["triads"] == {"+++": 0, "+--": 1, "++-": 0, "---": 0}
    assert january["balance"]["ratio"] == 1.0
    assert (february["month"], february["reactions"], february["ties"]) == ("2024-02", 4, 4)
    assert february["balance"]["triads"] == {"+++": 0, "+--": 0, "++-": 1, "---": 0}
    assert february["balance"]["ratio"] == 0.0
    assert february["balance"]["unbalanced_triads"] == [
        {"actors": ["A", "B", "C"], "signs": "++-"}
    ]


def test_communities_are_those_of_the_month() -> None:
    january, february = by_month(VIEW, BLOCS)
    assert january["communities"] == [["A", "B"], ["C"], ["D"]]
    assert february["communities"] == [["A", "B"], ["C", "D"]]


def test_bloc_alignment_reads_membership_at_each_reactions_date() -> None:
    january, february = by_month(VIEW, BLOCS)
    # January: A and B (members) both condemn C: aligned; D, not yet a member, condemns
    # C too: two aligned pairs across the bloc's edge.
    assert january["blocs"]["X"] == {
        "members": ["A", "B"], "aligned": 1, "opposed": 0, "outside_aligned": 2,
        "outside_opposed": 0, "cohesion": 1.0, "outside": 1.0,
    }  # fmt: skip
    # February: on C, B and D (members) support, A (a member) condemns: of the three
    # member pairs, one is aligned (B, D) and two opposed.
    assert february["blocs"]["X"] == {
        "members": ["A", "B", "D"], "aligned": 1, "opposed": 2, "outside_aligned": 0,
        "outside_opposed": 0, "cohesion": 0.333333, "outside": None,
    }  # fmt: skip


def test_the_reference_memberships_give_finland_in_nato_from_april_2023() -> None:
    nato = memberships(KnowledgeGraph.memory().run, ["NATO"])["NATO"]
    assert len(nato) == 32
    assert ("FIN", "2023-04-04", None) in nato
    assert ("SWE", "2024-03-07", None) in nato


def test_kg_analyze_by_month_reports_each_month(tmp_path: Path) -> None:
    store = tmp_path / "store"
    annotations = [str(p) for p in sorted(EPISODES.rglob("annotation.yaml"))]
    kg = [sys.executable, "-m", "kg"]
    subprocess.run([*kg, "add", "--store", str(store), *annotations], check=True,
                   capture_output=True)  # fmt: skip
    run = subprocess.run([*kg, "analyze", "--store", str(store), "--by", "month"],
                         capture_output=True, text=True, check=True)  # fmt: skip
    lines = run.stdout.splitlines()
    assert [line[:7] for line in lines if not line.startswith(" ")] == [
        "2022-04", "2022-10", "2022-11", "2023-12", "2024-01", "2024-04", "2024-05",
        "2024-06", "2024-07",
    ]  # fmt: skip
    december = lines.index(next(line for line in lines if line.startswith("2023-12")))
    assert lines[december : december + 4] == [
        "2023-12  reactions 14  actors 8  signed ties 9  triangles 3 (balanced 3, ratio 1.00)",
        "  communities: [EU GBR UKR USA] [NATO POL] [RUS] [UN]",
        "  NATO: 2 member(s) reacting (GBR USA); cohesion 1.00 (1 aligned, 0 opposed); "
        "with others 0.50 (2 aligned, 2 opposed)",
        "  G7: 2 member(s) reacting (GBR USA); cohesion 1.00 (1 aligned, 0 opposed); "
        "with others 0.50 (2 aligned, 2 opposed)",
    ]
