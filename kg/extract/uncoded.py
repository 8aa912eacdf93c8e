"""Actors the reference list lacks: armed groups, and named entities no actor stands for.

Guideline 11 of the evaluation data: a reaction aimed at a group without a code (Hamas,
the Houthis, the RSF, a militia, a person of an entity with no code) has no target, but
it is still a reaction. A blame whose object is such a group is kept with target
``None`` instead of being dropped for want of a target.

Two readers, each small:

* :data:`ARMED_GROUP` a lexicon class of non-state armed groups and their generic names;
* :func:`uncoded_entities` the parser's entities (ORG, GPE, NORP, PERSON) in a span that
  overlap no actor mention: the unresolved actors of a sentence.

>>> from kg.extract.document import analyse
>>> a = analyse("Sudan blamed the Rapid Support Forces for the killings.")
>>> [(e.label, e.text) for e in uncoded_entities(a, a.sentences[0], 12, 55)]
[('ORG', 'the Rapid Support Forces')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.sentences import Sentence

__all__ = ["ARMED_GROUP", "UncodedEntity", "names_uncoded_group", "uncoded_entities"]

#: Non-state armed groups, by name or by kind, none of which has a code.
ARMED_GROUP = re.compile(
    r"\b(?:rebels?|separatists?|militants?|insurgents?|militias?|jihadists?|terrorists?|"
    r"gunmen|paramilitar(?:y|ies)|fighters|(?:terrorist\s+)?hordes|Hamas|Hezbollah|"
    r"Houthis?|Taliban|Islamic\s+State|Islamic\s+Jihad|al-Qaeda|al-Shabaab|Wagner|M23|"
    r"JNIM|RSF|Rapid\s+Support\s+Forces|Boko\s+Haram)\b",
    re.I,
)
#: Entity labels that can name an actor.
ACTOR_LABELS = frozenset({"ORG", "GPE", "NORP", "PERSON"})


@dataclass(frozen=True)
class UncodedEntity:
    """A named entity at ``[start, end)`` of the normalised text that is no known actor."""

    start: int
    end: int
    text: str
    label: str


def uncoded_entities(
    analysis: Analysis, sentence: Sentence, start: int, end: int
) -> list[UncodedEntity]:
    """The parser's actor-like entities in ``[start, end)`` that overlap no actor mention."""
    doc = analysis.entities(sentence)
    if doc is None:
        return []
    mentions = analysis.mentions_in(sentence.start, sentence.end)
    places = analysis.places_in(sentence.start, sentence.end)
    found: list[UncodedEntity] = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        s, e = sentence.start + ent.start_char, sentence.start + ent.end_char
        if s < start or e > end:
            continue
        if any(m.start < e and m.end > s for m in mentions):
            continue
        if ent.label_ == "GPE" and any(p.start < e and p.end > s for p in places):
            continue  # a city or region, not an actor
        found.append(UncodedEntity(s, e, analysis.text[s:e], ent.label_))
    return found


def names_uncoded_group(analysis: Analysis, sentence: Sentence, start: int, end: int) -> bool:
    """Whether ``[start, end)`` names an armed group or another actor without a code."""
    if ARMED_GROUP.search(analysis.text, start, end):
        return True
    return any(e.label != "GPE" for e in uncoded_entities(analysis, sentence, start, end))
