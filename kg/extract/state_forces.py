"""Events carried out by a state's own forces, named without their state.

"Members of the security forces stormed the stadium in Conakry", "government forces
shelled Houla", "regime forces opened fire": forces that are a state's by what they are
(security forces, government troops, riot police, a junta), named without a nationality,
act for the state where the event happened. A reaction to the event is aimed at that
state. Words that a foreign force is called as well ("the army", "soldiers", "police")
are left alone: on the tuning splits reading them the same way cost 12 reactions.

>>> from kg.extract.document import analyse
>>> from kg.extract.events import find_events
>>> a = analyse("Government forces shelled the town of Houla in Syria on Friday.")
>>> [(e.country, e.perpetrator) for e in find_events(a)]
[('SYR', 'SYR')]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.model import EventKind

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.event_draft import EventDraft

__all__ = ["state_forces_authors"]

_STATE_FORCES = re.compile(
    r"\b(?:security\s+forces|government\s+(?:forces|troops|soldiers|artillery|aircraft|"
    r"warplanes|helicopters)|regime\s+forces|riot\s+police|junta)\b",
    re.I,
)


#: Before forces that were struck, not the strikers: "the deadliest day for Colombia's
#: security forces", "an attack on government troops".
_STRUCK_FORCES = re.compile(
    r"\b(?:for|against|on|at|of|to|among|targeting|targeted|killed|killing|wounded|attacked|"
    r"ambushed)\s+(?:[\w'-]+\s+){0,2}$",
    re.I,
)


def state_forces_authors(analysis: Analysis, events: list[EventDraft]) -> None:
    """Give a strike with no author, told in its first sentence as the act of a state's
    own forces, the state where it happened as its author. Forces named with their state
    ("Turkish security forces") already gave the event its author
    (:mod:`kg.extract.event_authors`)."""
    for event in events:
        if event.perpetrator is not None or event.country is None or event.background:
            continue
        if event.kind is not EventKind.STRIKE:
            continue
        start, end = event.sentences[0]
        text = analysis.text
        if any(
            not _STRUCK_FORCES.search(text, max(start, m.start() - 40), m.start())
            for m in _STATE_FORCES.finditer(text, start, end)
        ):
            event.perpetrator, event.perpetrators = event.country, [event.country]
