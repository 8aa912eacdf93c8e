"""Canonical-event fusion at scale: blocking against an all-pairs baseline.

Synthetic accounts are resampled from the episode corpus (tests/data/episodes): each
copy gets a new document id, its date shifted by a random number of days over about
three years, and its place moved to one of a pool of invented town names (country and
other features kept), so that copies of one corpus event rarely block together. Then:

- blocking: ``kg.fusion.Fusion`` (date index, window ±2 days, kind and country/place)
  on N accounts (default 10,000) and on the baseline's size;
- all pairs: the same clustering, but every account is scored against every account
  placed before it, on M accounts (default 1,000).

    python benchmarks/fusion.py [--accounts 10000] [--baseline 1000] [--seed 7]
    python benchmarks/fusion.py --store-docs 3300    # also end to end, through a store

Prints the times, the comparisons made, and the ratio all-pairs / blocking on M. With
``--store-docs D``, D resampled annotated documents (each a corpus document with a new
id, shifted dates and invented places) are added to an on-disk store, and
``KnowledgeGraph.fuse(rebuild=True)`` is timed: reading the accounts by the named
queries, clustering, and writing the canonical graph in one transaction.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import time
from pathlib import Path

from kg.fusion import Account, Fusion, load_accounts
from kg.fusion.scoring import blocked, score
from kg.graph import KnowledgeGraph

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "episodes"


class AllPairs(Fusion):
    """The baseline: no blocking; every account is scored against every account placed
    before it, and the blocking rules only filter the scored pairs afterwards (so the
    clustering is the same and the cost is that of scoring all pairs)."""

    def _links(self, account: Account) -> dict[str, float]:
        best: dict[str, float] = {}
        for cluster in list(self.clusters.values()):
            for other in cluster.members:
                self.comparisons += 1
                value = score(account, other)
                if blocked(account, other, self.window):
                    best[cluster.iri] = max(best.get(cluster.iri, value), value)
        return best


def corpus_accounts() -> list[Account]:
    graph = KnowledgeGraph.memory()
    for path in sorted(CORPUS.rglob("annotation.yaml")):
        graph.add_annotation(path)
    return load_accounts(graph.run)


def resample(accounts: list[Account], n: int, seed: int) -> list[Account]:
    """``n`` synthetic accounts, about three per copied document."""
    rng = random.Random(seed)
    towns = [f"Town{i}" for i in range(400)]
    by_doc: dict[str, list[Account]] = {}
    for a in accounts:
        by_doc.setdefault(a.doc, []).append(a)
    docs = sorted(by_doc)
    out: list[Account] = []
    copy = 0
    while len(out) < n:
        copy += 1
        doc = rng.choice(docs)
        shift = dt.timedelta(days=rng.randrange(1100))
        for a in by_doc[doc]:
            if len(out) == n:
                break
            out.append(
                dataclasses.replace(
                    a,
                    iri=f"{a.iri}/copy{copy}",
                    doc=f"{a.doc}-copy{copy}",
                    date=a.date + shift if a.date else None,
                    doc_date=a.doc_date + shift if a.doc_date else None,
                    place=rng.choice(towns),
                )
            )
    return out


def store_run(docs: int, seed: int) -> None:
    import tempfile

    from kg.annotation import load_annotation

    rng = random.Random(seed)
    corpus = [load_annotation(p) for p in sorted(CORPUS.rglob("annotation.yaml"))]
    with tempfile.TemporaryDirectory() as tmp, KnowledgeGraph.open(Path(tmp) / "s") as graph:
        start = time.perf_counter()
        for i in range(docs):
            doc = rng.choice(corpus)
            shift = dt.timedelta(days=rng.randrange(1100))
            events = [
                e.model_copy(
                    update={
                        "date": e.date + shift if e.date else None,
                        "place": f"Town{rng.randrange(400)}",
                    }
                )
                for e in doc.events
            ]
            copy = doc.model_copy(
                update={
                    "id": f"{doc.id}-copy{i}",
                    "date": doc.date + shift if doc.date else None,
                    "events": events,
                }
            )
            graph.add_document(copy)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        result = graph.fuse(rebuild=True)
        fused = time.perf_counter() - start
    print(
        f"store: {docs} documents added in {loaded:.1f} s; fuse of {result.accounts} "
        f"accounts into {len(result.fusion.clusters)} canonical events, end to end: "
        f"{fused:.2f} s"
    )


def timed(fusion: Fusion, accounts: list[Account]) -> float:
    start = time.perf_counter()
    fusion.add(accounts)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store-docs", type=int, default=0)
    args = parser.parse_args()

    base = corpus_accounts()
    big = resample(base, args.accounts, args.seed)
    small = big[: args.baseline]

    blocked_big = Fusion()
    t_big = timed(blocked_big, big)
    blocked_small = Fusion()
    t_small = timed(blocked_small, small)
    all_pairs = AllPairs()
    t_all = timed(all_pairs, small)

    print(f"corpus accounts resampled: {len(base)}")
    print(
        f"blocking,  {len(big):>6} accounts: {t_big:7.3f} s  "
        f"{blocked_big.comparisons:>9} comparisons  {len(blocked_big.clusters)} canonical events"
    )
    print(
        f"blocking,  {len(small):>6} accounts: {t_small:7.3f} s  "
        f"{blocked_small.comparisons:>9} comparisons  "
        f"{len(blocked_small.clusters)} canonical events"
    )
    print(
        f"all pairs, {len(small):>6} accounts: {t_all:7.3f} s  "
        f"{all_pairs.comparisons:>9} comparisons  {len(all_pairs.clusters)} canonical events"
    )
    same = blocked_small.partition() == all_pairs.partition()
    print(f"same clustering on {len(small)}: {same}")
    print(f"ratio all pairs / blocking on {len(small)}: {t_all / t_small:.1f}x")
    if args.store_docs:
        store_run(args.store_docs, args.seed)


if __name__ == "__main__":
    main()
