"""Standing by the country an attack struck is solidarity (a named reading strategy).

"Stand by" and "stand with" are support for an actor in what it does ("the EU would stand
with its allies" who struck; "Spain stood by Ukraine" after a Russian strike, backing a
state at war), but solidarity with the victim of an act no state is said to have done:
"the kingdom stood by Egypt against terrorism" after a bombing in Egypt, "France stands by
Lebanon" after the port explosion (CAMEO 018).

>>> from kg.extract.document import analyse
>>> from kg.extract.events import find_events
>>> from kg.extract.reactions import find_reactions
>>> a = analyse("A bomb exploded in Kabul on Tuesday, killing 90. India stood with Afghanistan.")
>>> [(r.type.value, r.agent, r.target) for r in find_reactions(a, find_events(a))]
[('expressesSolidarityWith', 'IND', 'AFG')]
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.reaction_drafts import responsible
from kg.model import ReactionType

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.reaction_drafts import ReactionDraft

__all__ = ["solidarity_with_victims"]

_STANDING = re.compile(r"st(?:and|ands|ood|anding)\b", re.I)
#: "stand with Ukraine for as long as it takes", "in its fight": backing in a struggle.
_STRUGGLE = re.compile(
    r"^[^.;]{0,40}?\b(?:for\s+as\s+long\s+as|as\s+long\s+as|in\s+(?:its|their|his|her)\s+"
    r"(?:fight|struggle|defen[cs]e|war|efforts?))\b",
    re.I,
)
#: CAMEO 018, "make empathetic comment", as in the solidarity rows of triggers.tsv.
_SOLIDARITY_CAMEO = "018"


def solidarity_with_victims(drafts: list[ReactionDraft]) -> list[ReactionDraft]:
    """The drafts, with each "stood by X" aimed at the country its event struck, when the
    text names no state as the event's author, made an expression of solidarity."""
    result = []
    for draft in drafts:
        event = draft.about
        if (
            draft.type is ReactionType.SUPPORTS
            and _STANDING.match(draft.trigger.text)
            and event is not None
            and draft.target is not None
            and draft.target == event.country
            and not responsible(event)
            and not _STRUGGLE.match(draft.sentence.text[draft.trigger.end - draft.sentence.start :])
        ):
            rule = replace(
                draft.trigger.rule, type=ReactionType.SOLIDARITY, cameo=_SOLIDARITY_CAMEO
            )
            draft = replace(
                draft, type=ReactionType.SOLIDARITY, trigger=replace(draft.trigger, rule=rule)
            )
        result.append(draft)
    return result
