"""Scoring a clustering of accounts against a gold one: B³ and pairwise F1, and the
gold's do-not-merge pairs that a system merged."""

from __future__ import annotations

import datetime as dt
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

__all__ = [
    "CorpusScores",
    "Gold",
    "Scores",
    "b_cubed",
    "corpus_report",
    "corpus_scores",
    "evaluate",
    "load_gold",
    "pairwise",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class GoldCluster(_Strict):
    events: list[str]
    date: dt.date | None = None


class GoldEpisode(_Strict):
    title: str = ""
    #: The escalation chain told in this episode: cluster ids in date order.
    chain: list[str] = []


class DoNotMerge(_Strict):
    pair: tuple[str, str]


class Gold(_Strict):
    """The parts of ``gold.yaml`` (format diplomatic-kg/episodes-gold@1) scoring uses."""

    clusters: dict[str, GoldCluster]
    do_not_merge: list[DoNotMerge] = []
    episodes: dict[str, GoldEpisode] = {}


class Scores(_Strict):
    b3_precision: float
    b3_recall: float
    b3_f1: float
    pair_precision: float
    pair_recall: float
    pair_f1: float
    merged_do_not_merge: list[tuple[str, str]]


def load_gold(path: str | Path) -> Gold:
    """Read a gold file (a folder means its ``gold.yaml``)."""
    path = Path(path)
    if path.is_dir():
        path = path / "gold.yaml"
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Gold.model_validate(data)


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def b_cubed(system: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B³ precision, recall, F1 over the items both clusterings hold (item → cluster).

    >>> b_cubed({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "y", "c": "y"})
    (0.6666666666666666, 0.6666666666666666, 0.6666666666666666)
    """
    items = sorted(set(system) & set(gold))
    sys_members: dict[str, set[str]] = {}
    gold_members: dict[str, set[str]] = {}
    for item in items:
        sys_members.setdefault(system[item], set()).add(item)
        gold_members.setdefault(gold[item], set()).add(item)
    p = r = 0.0
    for item in items:
        s, g = sys_members[system[item]], gold_members[gold[item]]
        p += len(s & g) / len(s)
        r += len(s & g) / len(g)
    p, r = (p / len(items), r / len(items)) if items else (0.0, 0.0)
    return p, r, _f1(p, r)


def pairwise(system: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1: pairs of items put in one cluster."""
    items = sorted(set(system) & set(gold))
    sys_pairs = {(a, b) for a, b in combinations(items, 2) if system[a] == system[b]}
    gold_pairs = {(a, b) for a, b in combinations(items, 2) if gold[a] == gold[b]}
    both = len(sys_pairs & gold_pairs)
    p = both / len(sys_pairs) if sys_pairs else 1.0
    r = both / len(gold_pairs) if gold_pairs else 1.0
    return p, r, _f1(p, r)


def evaluate(system: dict[str, str], gold: Gold) -> Scores:
    """All the scores of a system clustering (account ref → cluster id) against gold."""
    truth = {ref: cid for cid, cluster in gold.clusters.items() for ref in cluster.events}
    bp, br, bf = b_cubed(system, truth)
    pp, pr, pf = pairwise(system, truth)
    merged = []
    for rule in gold.do_not_merge:
        left, right = (set(gold.clusters[c].events) for c in rule.pair)
        if {system.get(x) for x in left} & {system.get(y) for y in right} - {None}:
            merged.append(rule.pair)
    return Scores(
        b3_precision=bp, b3_recall=br, b3_f1=bf, pair_precision=pp, pair_recall=pr,
        pair_f1=pf, merged_do_not_merge=merged,
    )


class CorpusScores(_Strict):
    """The scores of fusing a gold corpus, with its counts."""

    accounts: int
    canonical_events: int
    gold_clusters: int
    do_not_merge_pairs: int
    scores: Scores


def corpus_scores(folder: str | Path, window: int = 2) -> CorpusScores:
    """Load every annotation under ``folder`` into a fresh in-memory graph, fuse it and
    score the result against ``folder/gold.yaml``.

    Raises
    ------
    FileNotFoundError
        When the folder has no ``gold.yaml``.
    """
    from kg.graph import KnowledgeGraph

    folder = Path(folder)
    if not (folder / "gold.yaml").is_file():
        raise FileNotFoundError(f"{folder}: no gold.yaml in this folder")
    gold = load_gold(folder)
    graph = KnowledgeGraph.memory()
    for path in sorted(folder.rglob("annotation.yaml")):
        graph.add_annotation(path)
    result = graph.fuse(window=window, write=False)
    return CorpusScores(
        accounts=result.accounts,
        canonical_events=len(result.fusion.clusters),
        gold_clusters=len(gold.clusters),
        do_not_merge_pairs=len(gold.do_not_merge),
        scores=evaluate(result.assignment(), gold),
    )


def corpus_report(result: CorpusScores) -> str:
    """The figures ``kg evaluate --events`` prints, one line each."""
    s = result.scores
    lines = [
        f"accounts: {result.accounts}  canonical events: {result.canonical_events}  "
        f"gold clusters: {result.gold_clusters}",
        f"B3        precision {s.b3_precision:.4f}  recall {s.b3_recall:.4f}  F1 {s.b3_f1:.4f}",
        f"pairwise  precision {s.pair_precision:.4f}  recall {s.pair_recall:.4f}  "
        f"F1 {s.pair_f1:.4f}",
        f"do-not-merge pairs merged: {len(s.merged_do_not_merge)} of "
        f"{result.do_not_merge_pairs}",
    ]
    lines.extend(f"  merged: {a} / {b}" for a, b in s.merged_do_not_merge)
    return "\n".join(lines)
