"""A learned re-ranker over the rules' reactions: keep those it scores as likely right.

The hand rules of :mod:`kg.extract.reactions` generate candidate reactions; this module
describes each candidate by features and scores it with a logistic regression trained
on gold files (:mod:`kg.extract.train_reranker`, ``make reranker``). The features are
the rules' own decisions (trigger kind and CAMEO root, how the target was found, hedges),
the agent's kind, and the context the rules do not weigh: negation, a hypothetical or a
draft, a vote, condolences, a quotation, the sentence's place in the article, whether the
agent and target are named in the sentence or taken from elsewhere.

The model is plain data, ``data/reranker.json`` (weights, bias, threshold, and the
figures measured when it was trained): no pickle, and scikit-learn is needed only to
train it. A candidate is dropped when its probability is under the threshold, which was
chosen on cross-validated predictions for the calibration splits (blind-dev, calib,
calib2, calib3, calib4, calib5, calib6, calib7, calib8, calib9, calib10, calib11).

>>> model = Reranker({"type=condemns": 2.0}, bias=-1.0, threshold=0.5)
>>> round(model.probability({"type=condemns": 1.0}), 3), model.probability({}) < 0.5
(0.731, True)
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.events import EventDraft
    from kg.extract.reaction_drafts import ReactionDraft

__all__ = [
    "MODEL_PATH",
    "DocumentContext",
    "Reranker",
    "alternatives",
    "features",
    "load_reranker",
    "target_features",
]

MODEL_PATH = Path(__file__).parent / "data" / "reranker.json"

#: Context cues, each a family of words: a feature fires when the sentence holds one.
_CUES = {
    "negation": r"\b(?:not|no|never|n't|neither|nor|denied|denies|deny|rejected)\b",
    "hypothetical": r"\b(?:would|could|might|may|if|unless|should)\b",
    "draft": r"\b(?:draft|proposed|proposal|being\s+(?:prepared|finalised|finalized|drafted)|"
    r"expected\s+to|due\s+to|plans?\s+to)\b",
    "vote": r"\b(?:vote[sd]?|voting|abstain\w*|resolution|motion|veto\w*)\b",
    "condolence": r"\b(?:condolences?|sympath\w+|mourn\w*|thoughts|prayers|grief)\b",
    "past": r"\b(?:last\s+(?:year|month|week)|in\s+(?:19|20)\d\d|earlier\s+this|previously)\b",
    "request": r"\b(?:urged|urges|called\s+on|calls\s+on|asked|demanded)\b",
    "responsible": r"\b(?:responsib\w+|blame\w*|accus\w+|behind)\b",
    "question": r"\?",
}
_CUE_PATTERNS = {name: re.compile(pattern, re.I) for name, pattern in _CUES.items()}


def features(analysis: Analysis, draft: ReactionDraft) -> dict[str, float]:
    """The features of one candidate reaction (names to values, absent ones are 0).

    >>> import datetime as dt
    >>> from kg.extract.document import analyse
    >>> from kg.extract.events import find_events
    >>> from kg.extract.reactions import find_reactions
    >>> a = analyse("Russia strongly condemned the strike.", date=dt.date(2024, 1, 1))
    >>> draft = find_reactions(a, find_events(a))[0]
    >>> f = features(a, draft)
    >>> f["type=condemns"], f["target_none"], f["cue=negation"]
    (1.0, 1.0, 0.0)
    """
    sentence = draft.sentence
    text = sentence.text
    trigger_at = draft.trigger.start - sentence.start
    named = {m.principal for m in analysis.mentions_in(sentence.start, sentence.end)}
    agent = analysis.registry.get(draft.agent)
    index = next(
        (n for n, s in enumerate(analysis.sentences) if s.start == sentence.start), 0
    )
    found: dict[str, float] = {
        f"type={draft.type.value}": 1.0,
        f"kind={draft.trigger.rule.kind}": 1.0,
        f"cameo={draft.trigger.cameo[:2]}": 1.0,
        f"agent_kind={agent.kind.value if agent is not None else 'unknown'}": 1.0,
        "agent_is_official": float(draft.agent != draft.agent_principal),
        "agent_named_here": float(draft.agent_principal in named),
        "target_none": float(draft.target is None),
        "target_named_here": float(draft.target is not None and draft.target in named),
        "target_from_event": float(
            draft.target is not None
            and draft.about is not None
            and draft.target in {draft.about.perpetrator, *draft.about.perpetrators}
        ),
        "agent_is_victim": float(
            draft.about is not None and draft.about.country == draft.agent_principal
        ),
        "about_none": float(draft.about is None),
        "hedged": float(draft.hedged),
        "in_quote": float(text[:trigger_at].count('"') % 2 == 1),
        "quote_in_sentence": float('"' in text),
        "lead": float(index <= 1),
        "late": float(index >= 12),
        "long_sentence": float(len(text) > 250),
        "position": trigger_at / max(1, len(text)),
        "actors_in_sentence": min(len(named), 6) / 6,
    }
    for name, pattern in _CUE_PATTERNS.items():
        found[f"cue={name}"] = float(pattern.search(text) is not None)
    return found


class DocumentContext:
    """What the target features of one article need, computed once: who is named where,
    whom the rules' candidates aim at, who the events' authors are."""

    def __init__(
        self, analysis: Analysis, events: list[EventDraft], drafts: list[ReactionDraft]
    ) -> None:
        self.analysis = analysis
        self.order = {s.start: n for n, s in enumerate(analysis.sentences)}
        self.named: dict[int, set[str]] = {}
        self.mentions: Counter[str] = Counter()
        for m in analysis.mentions_in(0, len(analysis.text)):
            if m.role == "place":
                continue
            sentence = analysis.sentence_at(m.start)
            if sentence is not None:
                self.named.setdefault(self.order[sentence.start], set()).add(m.principal)
            self.mentions[m.principal] += 1
        self.aimed: Counter[str] = Counter(d.target for d in drafts if d.target is not None)
        self.authors = {
            code for e in events for code in (e.perpetrator, *e.perpetrators) if code is not None
        }
        self.main_authors: set[str] = set()
        if events:
            main = max(events, key=lambda e: len(e.mentions))
            self.main_authors = {c for c in (main.perpetrator, *main.perpetrators) if c}

    def named_near(self, draft: ReactionDraft, before: int) -> set[str]:
        """Actors named in the draft's sentence and the ``before`` sentences before it."""
        n = self.order.get(draft.sentence.start, 0)
        found: set[str] = set()
        for k in range(max(0, n - before), n + 1):
            found |= self.named.get(k, set())
        return found


def alternatives(context: DocumentContext, draft: ReactionDraft) -> list[str | None]:
    """The targets a candidate could have: the rules' own, no one, the events' authors,
    whom the article's other candidates aim at, and the actors of its sentence."""
    found: list[str | None] = [draft.target] if draft.target is None else [draft.target, None]
    pool = (
        sorted(context.authors)
        + sorted(context.aimed)
        + sorted(context.named_near(draft, 0))
    )
    for code in pool:
        if code not in found and code != draft.agent_principal:
            found.append(code)
    return found


def target_features(
    context: DocumentContext, draft: ReactionDraft, target: str | None, base: dict[str, float]
) -> dict[str, float]:
    """The features of a candidate with ``target`` in place of the rules' target:
    :func:`features` (the candidate's) and those of the target itself."""
    values = {k: v for k, v in base.items() if not k.startswith("target_")}
    kind = draft.type.value
    if target is None:
        values["alt_none"] = 1.0
        values[f"alt_none&type={kind}"] = 1.0
        values["alt_none&rules_none"] = float(draft.target is None)
        return values
    about_authors = (
        {draft.about.perpetrator, *draft.about.perpetrators} if draft.about is not None else set()
    )
    actor = context.analysis.registry.get(target)
    values.update(
        {
            "alt_is_rules": float(target == draft.target),
            f"alt_is_rules&type={kind}": float(target == draft.target),
            "alt_about_author": float(target in about_authors),
            f"alt_about_author&type={kind}": float(target in about_authors),
            "alt_main_author": float(target in context.main_authors),
            "alt_any_author": float(target in context.authors),
            "alt_aimed": min(context.aimed[target], 5) / 5,
            "alt_named_here": float(target in context.named_near(draft, 0)),
            "alt_named_near": float(target in context.named_near(draft, 2)),
            "alt_mentions": min(context.mentions[target], 10) / 10,
            "alt_is_victim": float(draft.about is not None and draft.about.country == target),
            f"alt_kind={actor.kind.value if actor is not None else 'unknown'}": 1.0,
        }
    )
    return values


@dataclass(frozen=True)
class Reranker:
    """A logistic regression over :func:`features`, with its decision threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, values: dict[str, float]) -> float:
        """The probability that a candidate with these feature values is right."""
        z = self.bias + sum(self.weights.get(name, 0.0) * v for name, v in values.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def best(
        self, context: DocumentContext, draft: ReactionDraft
    ) -> tuple[str | None, float]:
        """The candidate's most likely target and its probability."""
        base = features(context.analysis, draft)
        scored = [
            (self.probability(target_features(context, draft, t, base)), n, t)
            for n, t in enumerate(alternatives(context, draft))
        ]
        p, _n, target = max(scored, key=lambda item: (item[0], -item[1]))
        return target, p

    def rerank(
        self, analysis: Analysis, events: list[EventDraft], drafts: list[ReactionDraft]
    ) -> list[ReactionDraft]:
        """Each candidate with its most likely target, those under the threshold dropped,
        one per (agent, type, target)."""
        context = DocumentContext(analysis, events, drafts)
        kept: dict[tuple[str, str, str | None], ReactionDraft] = {}
        for draft in drafts:
            target, p = self.best(context, draft)
            if p < self.threshold:
                continue
            key = (draft.agent_principal, draft.type.value, target)
            kept.setdefault(key, replace(draft, target=target))
        return list(kept.values())


@functools.cache
def load_reranker(path: Path = MODEL_PATH) -> Reranker | None:
    """The shipped model, or ``None`` when there is none (the rules alone then decide).

    Raises:
        ModelError: when the file exists but is not a re-ranker model.
    """
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Reranker(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{path}: not a re-ranker model: {exc}") from exc
