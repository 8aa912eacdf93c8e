"""Behavioural probes of the extractor: short texts that each test one construction, with
the exact reactions and events a careful annotator expects.

They are the minimum-functionality tests of CheckList (Ribeiro et al., 2020, "Beyond
Accuracy: Behavioral Testing of NLP Models"): where the gold splits measure how much of a
real article the extractor gets, a probe says *which* construction it cannot read ("a
threat whose speaker is named after it", "a list item without a full stop"). The probes
live in YAML files (``tests/data/extraction/probes/*.yaml``), written by annotators who
did not see the extractor, and are read through a pydantic model, so that a malformed
probe is reported by file and item.

A probe passes when the extractor's reactions, less the ``optional`` readings, are
exactly its ``reactions``, and, when it lists ``events``, the events are exactly those
(kind, country, perpetrator, killed and injured ranges, in any order).

>>> probe = Probe(id="p", capability="active verb", date="2024-05-07",
...     text="Strike\\n\\nEthiopian artillery shelled Mandera, Kenya.\\n\\nNorway condemned it.",
...     reactions=[("NOR", "condemns", "ETH")])
>>> run_probe(probe).passed
True
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kg.annotation import AnnotationError, first_error, line_of, parse_yaml, read_utf8

__all__ = ["Probe", "ProbeEvent", "ProbeResult", "load_probes", "run_probe"]

Key = tuple[str, str, str | None]
ReactionName = Literal[
    "condemns", "blames", "supports", "solidarity", "threatens", "calls_for_ceasefire"
]
Range = tuple[int, int | None] | None


class ProbeEvent(BaseModel):
    """An event a probe expects."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["strike", "airspace_violation", "explosion", "sabotage", "vote", "other"]
    country: str | None = None
    perpetrator: str | None = None
    killed: Range = None
    injured: Range = None

    def key(self) -> tuple[str, str | None, str | None, Range, Range]:
        """What is compared."""
        return (self.kind, self.country, self.perpetrator, self.killed, self.injured)


class Probe(BaseModel):
    """One probe: a mini-article and what it must give."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    capability: str
    date: dt.date
    text: str = Field(min_length=1)
    reactions: list[tuple[str, ReactionName, str | None]]
    optional: list[tuple[str, ReactionName, str | None]] = []
    events: list[ProbeEvent] | None = None


@dataclass
class ProbeResult:
    """How the extractor did on one probe."""

    probe: Probe
    missing: list[Key] = field(default_factory=list)
    extra: list[Key] = field(default_factory=list)
    events_missing: list[tuple[object, ...]] = field(default_factory=list)
    events_extra: list[tuple[object, ...]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """Nothing missing, nothing extra."""
        return not (self.missing or self.extra or self.events_missing or self.events_extra)


def load_probes(path: Path) -> list[Probe]:
    """The probes of one YAML file.

    Raises:
        AnnotationError: the file is not YAML, not a list, or an item is not a probe (the
            message names the file and the item's line).
    """
    data, root = parse_yaml(path, read_utf8(path))
    if not isinstance(data, list):
        raise AnnotationError(path, line_of(root, ()), "a list of probes is expected")
    probes = []
    seen: set[str] = set()
    for index, item in enumerate(data):
        line = line_of(root, (index,))
        try:
            probe = Probe.model_validate(item)
        except ValidationError as exc:
            raise AnnotationError(path, line, first_error(exc)[1]) from exc
        if probe.id in seen:
            raise AnnotationError(path, line, f"probe id {probe.id!r} repeated")
        seen.add(probe.id)
        probes.append(probe)
    return probes


def run_probe(probe: Probe) -> ProbeResult:
    """Extract the probe's text and compare with what it expects."""
    from kg.extract import extract_document
    from kg.extract.batch import predict

    prediction = predict(extract_document(probe.text, doc_id=probe.id, date=probe.date))
    found = {r.key for r in prediction.reactions}
    expected = set(probe.reactions)
    optional = set(probe.optional)
    result = ProbeResult(
        probe,
        missing=sorted(expected - found, key=str),
        extra=sorted(found - expected - optional, key=str),
    )
    if probe.events is not None:
        wanted = Counter(e.key() for e in probe.events)
        got = Counter(
            (e.kind, e.country, e.perpetrator, e.killed, e.injured) for e in prediction.events
        )
        result.events_missing = sorted((wanted - got).elements(), key=str)
        result.events_extra = sorted((got - wanted).elements(), key=str)
    return result
