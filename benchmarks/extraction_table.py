"""The extraction scores of every split, for the rules alone and with the re-ranker.

Prints one Markdown table (reaction P/R/F1 overall and F1 per type, events F1, casualty
ranges right, unresolved actors) per split and mode, the table a closing note of the
extraction issue asks for:

    python benchmarks/extraction_table.py                 # the splits tuned on
    python benchmarks/extraction_table.py --final         # also the splits never tuned on

``--final`` scores the splits that are never tuned on (``fresh`` to ``fresh17``,
``blind-test``, ``heldout``). Run it once, when the extractor is finished, and
report what it prints whatever it is (see ``tests/data/extraction/README.md``). The last
rows pool the documents of the splits tuned on, and of those never tuned on, per mode.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.extract.batch import evaluate_directory
from kg.extract.evaluate import GOLD_NAMES, DocumentScore, Report, aggregate
from kg.extract.rerank import Reranker

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "extraction"
TUNING = (
    "dev", "blind-dev", "calib", "calib2", "calib3", "calib4", "calib5", "calib6", "calib7",
    "calib8", "calib9", "calib10", "calib11",
)  # fmt: skip
FINAL = (
    "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9",
    "fresh10", "fresh11", "fresh12", "fresh13", "fresh14", "fresh15", "fresh16", "fresh17",
    "blind-test",
    "heldout",
)  # fmt: skip
TYPES = list(GOLD_NAMES.values())


def row(split: str, mode: str, report: Report) -> str:
    """One table row: the overall scores, the F1 of each type, events and casualties."""
    total = report.reactions
    cells = [
        split,
        mode,
        f"{total.precision:.3f}",
        f"{total.recall:.3f}",
        f"**{total.f1:.3f}**",
        *(f"{report.by_type[name].f1:.2f}" for name in TYPES),
        f"{report.events.f1:.3f}",
        f"{report.casualties_right}/{report.casualties_checked}",
        str(report.unresolved_agents + report.unresolved_targets),
    ]
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--final",
        action="store_true",
        help="also score the fresh splits, blind-test and heldout (once, at the end)",
    )
    parser.add_argument(
        "--scorer-alone",
        action="store_true",
        help="also score with the scorer on context features alone (needs scikit-learn)",
    )
    args = parser.parse_args()
    splits = [*TUNING, *(FINAL if args.final else ())]
    head = ["split", "mode", "P", "R", "F1", *TYPES, "events F1", "casualties", "unresolved"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    started = time.perf_counter()
    #: The documents of the splits tuned on, and of those never tuned on, by mode.
    pools: dict[tuple[bool, str], list[DocumentScore]] = {}
    modes: list[tuple[str, bool | Reranker]] = [("rules", False), ("rules + re-ranker", True)]
    if args.scorer_alone:
        from kg.extract.train_reranker import scorer_alone

        modes.append(("scorer alone", scorer_alone()))
    for split in splits:
        folder = DATA / split
        if not any(folder.glob("*.json")):
            print(f"| {split} | (no gold files) |")
            continue
        for mode, rerank in modes:
            report = evaluate_directory(folder, None, rerank=rerank)
            print(row(split, mode, report), flush=True)
            pools.setdefault((split in TUNING, mode), []).extend(report.documents)
    for (tuned, mode), documents in sorted(pools.items()):
        name = "pooled, tuned on" if tuned else "pooled, never tuned on"
        print(row(f"**{name}** ({len(documents)})", mode, aggregate(documents)))
    print(f"\n({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
