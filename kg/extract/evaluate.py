"""Scoring extraction against gold readings: pure functions, no I/O but :func:`load_gold`.

A gold file (see ``tests/data/gold/belgorod-2023-12-30.json``) lists required
``reactions``, ``optional`` ones (neither help nor hurt) and ``negatives`` (an extracted
negative is a false positive like any other). Reactions match on (agent, type, target)
codes, agents and targets counted for the state or organisation they speak for. Events
match one-to-one on (kind, country) (of several candidates, the one with the same alleged
perpetrator, then the most equal figures); for matched events the casualty ranges are
compared. The unresolved actors the extractor reports (agents and targets no reference actor
stands for) are counted apart: they change no score.

>>> gold = Gold.from_json({"id": "d", "events": [], "reactions": [
...     {"agent": "RUS", "type": "condemns", "target": "UKR", "evidence": "x"}],
...     "optional": [], "negatives": []})
>>> score = score_document(gold, Prediction(reactions=[
...     PredictedReaction("RUS", "condemns", "UKR"), PredictedReaction("USA", "blames", None)]))
>>> score.reactions.tp, score.reactions.fp, score.reactions.fn
(1, 1, 0)
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.model import REACTION_TYPE_ALIASES, ReactionType

__all__ = [
    "Counts",
    "DocumentScore",
    "Gold",
    "GoldEvent",
    "PredictedEvent",
    "PredictedReaction",
    "Prediction",
    "Report",
    "aggregate",
    "gold_type",
    "load_gold",
    "score_document",
]

#: The gold files' short names of the reaction types, by model value.
GOLD_NAMES = {
    "condemns": "condemns",
    "blames": "blames",
    "supports": "supports",
    "expressesSolidarityWith": "solidarity",
    "threatens": "threatens",
    "callsForCeasefire": "calls_for_ceasefire",
}
CASUALTY_FIELDS = ("killed", "injured", "children_killed")

Key = tuple[str, str, str | None]
Range = tuple[int, int | None] | None


def gold_type(name: str) -> str:
    """The gold short name of a reaction type written either way.

    >>> gold_type("expressesSolidarityWith"), gold_type("solidarity")
    ('solidarity', 'solidarity')
    """
    value = REACTION_TYPE_ALIASES.get(name, None)
    model = value.value if value is not None else ReactionType(name).value
    return GOLD_NAMES[model]


@dataclass(frozen=True)
class PredictedReaction:
    """An extracted reaction as codes: agent and target are principals."""

    agent: str
    type: str
    target: str | None
    sentence: str = ""

    @property
    def key(self) -> Key:
        """What is matched: (agent, gold type name, target)."""
        return (self.agent, gold_type(self.type), self.target)


@dataclass(frozen=True)
class PredictedEvent:
    """An extracted event: kind, country and casualty ranges."""

    kind: str
    country: str | None
    killed: Range = None
    injured: Range = None
    children_killed: Range = None
    sentence: str = ""
    perpetrator: str | None = None


@dataclass
class Prediction:
    """What the extractor said about one document, and how many unresolved agents and
    targets it reported (:class:`kg.model.UnresolvedActor`)."""

    reactions: list[PredictedReaction] = field(default_factory=list)
    events: list[PredictedEvent] = field(default_factory=list)
    unresolved_agents: int = 0
    unresolved_targets: int = 0


@dataclass(frozen=True)
class GoldReaction:
    """A gold reaction."""

    key: Key
    evidence: str


@dataclass(frozen=True)
class GoldEvent:
    """A gold event."""

    id: str
    kind: str
    country: str | None
    killed: Range
    injured: Range
    children_killed: Range
    evidence: str
    perpetrator: str | None = None


@dataclass
class Gold:
    """One gold file."""

    id: str
    required: list[GoldReaction]
    optional: list[GoldReaction]
    negatives: list[GoldReaction]
    events: list[GoldEvent]
    article: str | None = None
    date: str | None = None

    @staticmethod
    def from_json(data: dict[str, Any]) -> Gold:
        """Read the parsed JSON of a gold file."""

        def reactions(items: list[dict[str, Any]]) -> list[GoldReaction]:
            return [
                GoldReaction(
                    (item["agent"], gold_type(item["type"]), item.get("target")),
                    item.get("evidence", ""),
                )
                for item in items
            ]

        def rng(value: dict[str, Any] | None) -> Range:
            return None if value is None else (int(value["min"]), value.get("max"))

        events = [
            GoldEvent(
                id=e.get("id", ""),
                kind=e["kind"],
                country=e.get("country_iso3") or e.get("country"),
                killed=rng(e.get("killed")),
                injured=rng(e.get("injured")),
                children_killed=rng(e.get("children_killed")),
                evidence=e.get("evidence", ""),
                perpetrator=e.get("alleged_perpetrator_iso3"),
            )
            for e in data.get("events", [])
        ]
        return Gold(
            id=data["id"],
            required=reactions(data.get("reactions", [])),
            optional=reactions(data.get("optional", [])),
            negatives=reactions(data.get("negatives", [])),
            events=events,
            article=data.get("article"),
            date=data.get("date"),
        )


@dataclass
class Counts:
    """True positives, false positives, false negatives; P, R and F1 from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        """Add another count in place."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was to be found."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall.

        >>> round(Counts(tp=7, fp=1, fn=2).f1, 3)
        0.824
        """
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocumentScore:
    """The score of one document, with its misses and false alarms."""

    id: str
    reactions: Counts
    by_type: dict[str, Counts]
    events: Counts
    casualties_right: int
    casualties_checked: int
    misses: list[tuple[Key, str]]
    false_alarms: list[tuple[Key, str, bool]]  # (key, sentence, is a listed negative)
    event_misses: list[tuple[str, str | None, str]]
    event_false_alarms: list[tuple[str, str | None, str]]
    casualty_errors: list[str]
    #: Unresolved actors reported (not scored): agents, targets.
    unresolved_agents: int = 0
    unresolved_targets: int = 0


def score_document(gold: Gold, prediction: Prediction) -> DocumentScore:
    """Score one document's prediction against its gold reading."""
    predicted: dict[Key, PredictedReaction] = {}
    for reaction in prediction.reactions:
        predicted.setdefault(reaction.key, reaction)
    required = {g.key: g for g in gold.required}
    optional = {g.key for g in gold.optional}
    negatives = {g.key for g in gold.negatives}
    by_type: dict[str, Counts] = {name: Counts() for name in GOLD_NAMES.values()}
    total = Counts()
    misses: list[tuple[Key, str]] = []
    false_alarms: list[tuple[Key, str, bool]] = []
    for key, reaction in predicted.items():
        if key in required:
            by_type[key[1]].tp += 1
        elif key not in optional:
            by_type[key[1]].fp += 1
            false_alarms.append((key, reaction.sentence, key in negatives))
    for key, item in required.items():
        if key not in predicted:
            by_type[key[1]].fn += 1
            misses.append((key, item.evidence))
    for counts in by_type.values():
        total.add(counts)
    events, right, checked, event_misses, event_false, casualty_errors = _score_events(
        gold.events, prediction.events
    )
    return DocumentScore(
        id=gold.id,
        reactions=total,
        by_type=by_type,
        events=events,
        casualties_right=right,
        casualties_checked=checked,
        misses=misses,
        false_alarms=false_alarms,
        event_misses=event_misses,
        event_false_alarms=event_false,
        casualty_errors=casualty_errors,
        unresolved_agents=prediction.unresolved_agents,
        unresolved_targets=prediction.unresolved_targets,
    )


def _score_events(
    gold: list[GoldEvent], predicted: list[PredictedEvent]
) -> tuple[
    Counts,
    int,
    int,
    list[tuple[str, str | None, str]],
    list[tuple[str, str | None, str]],
    list[str],
]:
    remaining = list(predicted)
    counts = Counts()
    right = checked = 0
    misses: list[tuple[str, str | None, str]] = []
    errors: list[str] = []
    for event in gold:
        candidates = [p for p in remaining if p.kind == event.kind and p.country == event.country]
        # of several candidates, the one with the same perpetrator and the most equal figures
        match = max(
            candidates,
            key=lambda p: (
                p.perpetrator == event.perpetrator,
                sum(getattr(p, f) == getattr(event, f) for f in CASUALTY_FIELDS),
            ),
            default=None,
        )
        if match is None:
            counts.fn += 1
            misses.append((event.kind, event.country, event.evidence))
            continue
        remaining.remove(match)
        counts.tp += 1
        for name in CASUALTY_FIELDS:
            expected, got = getattr(event, name), getattr(match, name)
            if expected is None and got is None:
                continue
            checked += 1
            if expected == got:
                right += 1
            else:
                errors.append(f"{event.id} {name}: expected {_show(expected)}, got {_show(got)}")
    counts.fp = len(remaining)
    false_alarms = [(p.kind, p.country, p.sentence) for p in remaining]
    return counts, right, checked, misses, false_alarms, errors


def _show(value: Range) -> str:
    if value is None:
        return "none"
    low, high = value
    return f"{low}+" if high is None else f"{low}" if low == high else f"{low}-{high}"


@dataclass
class Report:
    """Scores summed over documents."""

    documents: list[DocumentScore]
    reactions: Counts
    by_type: dict[str, Counts]
    events: Counts
    casualties_right: int
    casualties_checked: int
    unresolved_agents: int = 0
    unresolved_targets: int = 0

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready summary with per-document misses and false alarms."""

        def prf(c: Counts) -> dict[str, Any]:
            return {
                "tp": c.tp,
                "fp": c.fp,
                "fn": c.fn,
                "precision": round(c.precision, 4),
                "recall": round(c.recall, 4),
                "f1": round(c.f1, 4),
            }

        def key(k: Key) -> dict[str, str | None]:
            return {"agent": k[0], "type": k[1], "target": k[2]}

        return {
            "reactions": prf(self.reactions),
            "by_type": {name: prf(c) for name, c in self.by_type.items()},
            "events": prf(self.events),
            "casualties": {"right": self.casualties_right, "checked": self.casualties_checked},
            "unresolved_actors": {
                "agents": self.unresolved_agents,
                "targets": self.unresolved_targets,
            },
            "documents": [
                {
                    "id": d.id,
                    "reactions": prf(d.reactions),
                    "events": prf(d.events),
                    "unresolved_actors": {
                        "agents": d.unresolved_agents,
                        "targets": d.unresolved_targets,
                    },
                    "misses": [{**key(k), "evidence": e} for k, e in d.misses],
                    "false_alarms": [
                        {**key(k), "sentence": s, "negative": neg} for k, s, neg in d.false_alarms
                    ],
                    "event_misses": [
                        {"kind": k, "country": c, "evidence": e} for k, c, e in d.event_misses
                    ],
                    "event_false_alarms": [
                        {"kind": k, "country": c, "sentence": s} for k, c, s in d.event_false_alarms
                    ],
                    "casualty_errors": d.casualty_errors,
                }
                for d in self.documents
            ],
        }

    def text(self, *, details: bool = True) -> str:
        """A plain-text table, then the misses and false alarms with their sentences."""
        lines = [f"{'':<22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}"]

        def row(name: str, c: Counts) -> str:
            return (
                f"{name:<22}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}"
                f"{c.tp:>5}{c.fp:>5}{c.fn:>5}"
            )

        for name, counts in self.by_type.items():
            lines.append(row(name, counts))
        lines.append(row("reactions (overall)", self.reactions))
        lines.append(row("events", self.events))
        lines.append(f"casualty ranges right: {self.casualties_right}/{self.casualties_checked}")
        agents, targets = self.unresolved_agents, self.unresolved_targets
        lines.append(
            f"unresolved actors (not scored): {agents + targets} "
            f"(agents {agents}, targets {targets})"
        )
        if details:
            for d in self.documents:
                items = []
                for k, evidence in d.misses:
                    items.append(f"  miss        {k[0]} {k[1]} {k[2]}: {evidence}")
                for k, sentence, negative in d.false_alarms:
                    tag = "negative   " if negative else "false alarm"
                    items.append(f"  {tag} {k[0]} {k[1]} {k[2]}: {sentence}")
                for kind, country, evidence in d.event_misses:
                    items.append(f"  event miss  {kind} {country}: {evidence}")
                for kind, country, sentence in d.event_false_alarms:
                    items.append(f"  event false {kind} {country}: {sentence}")
                for error in d.casualty_errors:
                    items.append(f"  casualties  {error}")
                if items:
                    lines.append(f"{d.id}:")
                    lines.extend(items)
        return "\n".join(lines)


def aggregate(scores: list[DocumentScore]) -> Report:
    """Sum document scores (micro-averaged P/R/F1).

    >>> aggregate([]).reactions.f1
    1.0
    """
    total, events = Counts(), Counts()
    by_type: dict[str, Counts] = {name: Counts() for name in GOLD_NAMES.values()}
    right = checked = agents = targets = 0
    for score in scores:
        total.add(score.reactions)
        events.add(score.events)
        for name, counts in score.by_type.items():
            by_type[name].add(counts)
        right += score.casualties_right
        checked += score.casualties_checked
        agents += score.unresolved_agents
        targets += score.unresolved_targets
    return Report(scores, total, by_type, events, right, checked, agents, targets)


def load_gold(path: Path) -> Gold:
    """Read a gold file (``ValueError`` naming the file when it is malformed)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Gold.from_json(data)
    except (
        OSError,
        UnicodeDecodeError,
        json.JSONDecodeError,
        KeyError,
        TypeError,
        ValueError,
    ) as exc:
        raise ValueError(f"{path}: not a gold file: {exc}") from exc


def tally(keys: list[Key]) -> Counter[str]:
    """How many keys of each type (for quick looks).

    >>> tally([("RUS", "condemns", None), ("UKR", "condemns", "RUS")])["condemns"]
    2
    """
    return Counter(k[1] for k in keys)
