"""Why the extractor misses required readings, counted over splits tuned on.

For each required gold reaction the rules do not find, the sentence of its evidence is
looked up and the miss is put in one class: no trigger of the reaction's type in the
sentence (the lexicon lacks the words), a trigger but no reaction from it (no agent found,
or a veto), a reaction of that type with another agent, or the right agent and type aimed
at another target (usually an event's author missing or wrong)::

    python benchmarks/extraction_misses.py calib calib2 calib3

Only the splits tuned on may be named (the splits never tuned on are scored with
``extraction_table.py --final`` and are not read for errors).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections import Counter
from pathlib import Path

from kg.extract import read_candidates
from kg.extract.batch import _article_for, extract_file, predict
from kg.extract.evaluate import gold_type, load_gold

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "extraction"
TUNED_ON = (
    "dev", "blind-dev", "calib", "calib2", "calib3", "calib4", "calib5", "calib6", "calib7",
    "calib8", "calib9", "calib10", "calib11",
)  # fmt: skip


def classify(split: str, counts: Counter[tuple[str, str]]) -> None:
    """Add the misses of one split to ``counts``, by (class, reaction type)."""
    for gold_path in sorted((DATA / split).glob("*.json")):
        gold = load_gold(gold_path)
        article = _article_for(gold_path, gold, None)
        text = article.read_text(encoding="utf-8")
        date = dt.date.fromisoformat(gold.date) if gold.date else None
        analysis, _events, drafts = read_candidates(text, date=date)
        found = {r.key for r in predict(extract_file(article, date=date), None).reactions}
        triggers = analysis.triggers()
        for reaction in gold.required:
            if reaction.key in found:
                continue
            agent, kind, _target = reaction.key
            at = text.find(reaction.evidence)
            sentence = next((s for s in analysis.sentences if s.start <= at < s.end), None)
            if at < 0 or sentence is None:
                counts["evidence not found in the normalised text", kind] += 1
                continue
            own = [
                t
                for t in triggers
                if sentence.start <= t.start < sentence.end and gold_type(t.type.value) == kind
            ]
            made = [
                d
                for d in drafts
                if d.sentence.start == sentence.start and gold_type(d.type.value) == kind
            ]
            if not own:
                label = "no trigger of the type in the sentence"
            elif not made:
                label = "a trigger, but no reaction from it"
            elif all(d.agent_principal != agent for d in made):
                label = "a reaction of the type, another agent"
            else:
                label = "the right agent and type, another target"
            counts[label, kind] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("splits", nargs="+", choices=TUNED_ON)
    args = parser.parse_args()
    counts: Counter[tuple[str, str]] = Counter()
    for split in args.splits:
        classify(split, counts)
    by_class: Counter[str] = Counter()
    for (label, _kind), n in counts.items():
        by_class[label] += n
    for label, n in by_class.most_common():
        kinds = ", ".join(f"{k} {m}" for (lab, k), m in sorted(counts.items()) if lab == label)
        print(f"{n:4d}  {label}  ({kinds})")


if __name__ == "__main__":
    main()
