"""Train the re-ranker of :mod:`kg.extract.rerank` from the gold files, and measure it.

``python -m kg.extract.train_reranker`` (or ``make reranker``) rebuilds
``kg/extract/data/reranker.json`` from ``tests/data/extraction/dev`` and the calibration
splits ``blind-dev``, ``calib``, ``calib2`` and ``calib3``:

1. every candidate reaction of the rules, on every article of these splits, is labelled
   right (its agent, type and target are a required gold reaction), wrong (not in the
   gold at all) or left out (an optional gold reaction);
2. the threshold is chosen on **cross-validated** predictions for the calibration splits:
   their articles are cut in five folds, and each fold is scored by a model trained on
   dev and the four other folds; the threshold with the best reaction F1 over them wins;
3. the shipped model is trained on all these splits whole, with that threshold.

blind-test, the fresh splits and heldout are never read. The figures printed (rules
alone, the scorer on context features alone, rules and re-ranker) are the calibration
splits', cross-validated; they are stored in the model file beside the weights. Training
is deterministic (liblinear, fixed folds), so retraining on the same gold and rules gives
the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.extract import read_candidates
from kg.extract.evaluate import Key, gold_type, load_gold
from kg.extract.rerank import (
    MODEL_PATH,
    DocumentContext,
    Reranker,
    alternatives,
    features,
    target_features,
)

__all__ = ["Candidate", "load_candidates", "scorer_alone", "train"]

GOLD = Path(__file__).resolve().parents[2] / "tests" / "data" / "extraction"
FOLDS = 5
#: Splits only trained on, and the splits the threshold is calibrated on (each of their
#: articles scored by a model that did not see it). Never blind-test, fresh* or heldout.
TRAIN_ONLY = ("dev",)
CALIBRATION = (
    "blind-dev", "calib", "calib2", "calib3", "calib4", "calib5", "calib6", "calib7", "calib8",
    "calib9", "calib10", "calib11",
)  # fmt: skip
#: Features that are the rules' own decisions: left out for the "scorer alone" figure.
RULE_FEATURES = ("kind=", "cameo=", "alt_is_rules", "alt_none&rules_none", "about_none", "hedged")


@dataclass(frozen=True)
class Candidate:
    """One candidate reaction of one article: for each target it could have, its
    features and its label (True: a required gold reaction; None: an optional one)."""

    agent: str
    type: str
    options: list[tuple[str | None, dict[str, float], bool | None]]


@dataclass(frozen=True)
class _Article:
    id: str
    required: frozenset[Key]
    optional: frozenset[Key]
    candidates: list[Candidate]


def load_candidates(folder: Path) -> list[_Article]:
    """The rules' candidates on every gold article of ``folder``, with their options."""
    articles = []
    for path in sorted(folder.glob("*.json")):
        gold = load_gold(path)
        data = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / data["article"]).read_text(encoding="utf-8")
        date = dt.date.fromisoformat(data["date"]) if data.get("date") else None
        analysis, events, drafts = read_candidates(text, date=date)
        required = frozenset(g.key for g in gold.required)
        optional = frozenset(g.key for g in gold.optional)
        context = DocumentContext(analysis, events, drafts)
        candidates = []
        for draft in drafts:
            base = features(analysis, draft)
            kind = gold_type(draft.type.value)
            options = []
            for target in alternatives(context, draft):
                key = (draft.agent_principal, kind, target)
                label = True if key in required else None if key in optional else False
                options.append((target, target_features(context, draft, target, base), label))
            candidates.append(Candidate(draft.agent_principal, kind, options))
        articles.append(_Article(gold.id, required, optional, candidates))
    return articles


Scores = dict[tuple[int, int], float]


def _choose(articles: Iterable[_Article], scores: Scores, threshold: float) -> dict[str, float]:
    """Reaction P/R/F1 when each candidate takes its best-scored target (the rules' own
    when unscored) and is dropped under ``threshold``."""
    tp = fp = fn = 0
    for article in articles:
        predicted: set[Key] = set()
        for c in article.candidates:
            ranked = [
                (scores.get((id(c), n), 1.0 if n == 0 else 0.0), -n, t)
                for n, (t, _f, _l) in enumerate(c.options)
            ]
            p, _n, target = max(ranked)
            if p >= threshold:
                predicted.add((c.agent, c.type, target))
        tp += len(predicted & article.required)
        fp += len(predicted - article.required - article.optional)
        fn += len(article.required - predicted)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _examples(articles: list[_Article]) -> list[tuple[dict[str, float], bool]]:
    return [
        (f, label)
        for a in articles
        for c in a.candidates
        for _t, f, label in c.options
        if label is not None
    ]


def _fit(
    examples: list[tuple[dict[str, float], bool]], names: list[str]
) -> tuple[dict[str, float], float]:
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    rows = [[f.get(n, 0.0) for n in names] for f, _label in examples]
    labels = [int(label) for _f, label in examples]
    # solved far past the default tolerance (1e-4), so that the weights rounded to six
    # places are the optimum's, not where one release of the solver happened to stop
    model = LogisticRegression(solver="liblinear", C=1.0, tol=1e-10, max_iter=100_000)
    model.fit(rows, labels)
    weights = {n: round(float(w), 6) for n, w in zip(names, model.coef_[0], strict=True)}
    return weights, round(float(model.intercept_[0]), 6)


def _cross_validated(dev: list[_Article], blind: list[_Article], names: list[str]) -> Scores:
    """Each calibration option's probability from a model that did not see its article."""
    scores: Scores = {}
    for fold in range(FOLDS):
        held = [a for n, a in enumerate(blind) if n % FOLDS == fold]
        seen = dev + [a for n, a in enumerate(blind) if n % FOLDS != fold]
        weights, bias = _fit(_examples(seen), names)
        model = Reranker(weights, bias, 0.0)
        for article in held:
            for c in article.candidates:
                for n, (_t, f, _l) in enumerate(c.options):
                    scores[(id(c), n)] = model.probability(f)
    return scores


def _best_threshold(blind: list[_Article], scores: Scores) -> float:
    best = (0.0, _choose(blind, scores, 0.0)["f1"])
    for step in range(1, 20):
        f1 = _choose(blind, scores, step / 20)["f1"]
        if f1 > best[1] + 1e-9:
            best = (step / 20, f1)
    return best[0]


def _pools(gold: Path) -> tuple[list[_Article], list[_Article], list[str], list[str]]:
    """The articles trained on only, the calibration articles, every feature name, and
    the names of the context features (none of the rules' own decisions)."""
    dev = [a for split in TRAIN_ONLY for a in load_candidates(gold / split)]
    blind = [a for split in CALIBRATION for a in load_candidates(gold / split)]
    names = sorted(
        {n for a in dev + blind for c in a.candidates for _t, f, _l in c.options for n in f}
    )
    return dev, blind, names, [n for n in names if not n.startswith(RULE_FEATURES)]


def scorer_alone(gold: Path = GOLD) -> Reranker:
    """The scorer on context features alone (none of the rules' own decisions), trained on
    every tuning split, with the threshold its cross-validated predictions choose: the
    "scorer alone" of the extraction table, applied to the rules' candidates."""
    dev, blind, _names, context_only = _pools(gold)
    threshold = _best_threshold(blind, _cross_validated(dev, blind, context_only))
    weights, bias = _fit(_examples(dev + blind), context_only)
    return Reranker(weights, bias, threshold)


def train(gold: Path = GOLD) -> dict[str, Any]:
    """The model file's content: weights, bias, threshold and the calibration figures."""
    dev, blind, names, context_only = _pools(gold)
    scores = _cross_validated(dev, blind, names)
    threshold = _best_threshold(blind, scores)
    alone = _cross_validated(dev, blind, context_only)
    figures = {
        "rules": _choose(blind, {}, 0.0),
        "scorer_alone": _choose(blind, alone, _best_threshold(blind, alone)),
        "rules_and_reranker": _choose(blind, scores, threshold),
    }
    examples = _examples(dev + blind)
    weights, bias = _fit(examples, names)
    return {
        "about": "kg.extract.rerank model; rebuild with `python -m kg.extract.train_reranker`",
        "trained_on": [*TRAIN_ONLY, *CALIBRATION],
        "examples": len(examples),
        "threshold": threshold,
        "bias": bias,
        "weights": weights,
        "calibration_cross_validated": {
            name: {k: round(v, 4) for k, v in values.items()} for name, values in figures.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    model = train()
    args.output.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{model['examples']} candidates; threshold {model['threshold']}; wrote {args.output}")
    print(f"{' + '.join(CALIBRATION)}, cross-validated:       P      R     F1")
    for name, values in model["calibration_cross_validated"].items():
        print(
            f"  {name:<28} {values['precision']:.3f}  {values['recall']:.3f}  {values['f1']:.3f}"
        )


if __name__ == "__main__":
    main()
