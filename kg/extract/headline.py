"""The author a headline names: "Israeli strike kills five in Rafah" over a lead that says
only "An air strike hit a house in Rafah".

A headline is no sentence the reactions or events are read from (it repeats the story),
but the attacker it names in attributive form ("Israeli strike", "Russian missiles",
"Azerbaijani shelling") is the author of the story's first event when the body never says
who did it. A group without a code ("Houthi drone") names no state.

>>> import datetime as dt
>>> from kg.extract.document import analyse
>>> from kg.extract.events import find_events
>>> a = analyse("Israeli strike kills five in Rafah\\n\\nAn air strike hit a house in Rafah.")
>>> [(e.country, e.perpetrator) for e in find_events(a)]
[('PSE', 'ISR')]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.uncoded import ARMED_GROUP
from kg.model import ActorKind, EventKind

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.event_draft import EventDraft

__all__ = ["headline_author"]

#: What an attacker named in a headline does: "strike", "missiles", "troops shell".
_ATTACK_AFTER = re.compile(
    r"(?:'s)?\s+(?:(?:air|missile|drone|rocket|artillery|army|military|naval|navy|tank|mortar|"
    r"fighter|ballistic|cruise|kamikaze|special|air\s+force|border|coast\s+guard)\s+){0,2}"
    r"(?:strikes?|air\s*strikes?|airstrikes?|attacks?|missiles?|drones?|rockets?|shelling|shells|"
    r"raids?|bombing|bombs?|jets|warplanes|troops|forces|army|military|artillery|fire|barrage|"
    r"navy|soldiers)\b",
    re.I,
)
#: A headline that reports who says so: the attacker it names is a claim.
_CLAIMED = re.compile(
    r"\b(?:points?\s+(?:the\s+finger\s+)?(?:to|at)|blames?|accuses?|says?|claims?|denies|"
    r"alleges?|suspects?|insists?)\b",
    re.I,
)
#: What befell the craft or forces named: "US drone downed" is the victim's drone.
_SUFFERED = re.compile(
    r"\s+(?:was\s+|were\s+)?(?:downed|shot\s+down|intercepted|crash(?:es|ed)?|lost|seized|"
    r"captured|sunk|hit\s+by|attacked|ambushed|killed)\b",
    re.I,
)
#: A verb of striking before a name: what follows is its object, the victim.
_STRIKES_AT = re.compile(
    r"\b(?:kills?|killed|hits?|strikes?|wounds?|targets?|attacks?|downs?|shells?|bombs?)\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.I,
)
#: Event kinds an attacker in a headline can be the author of.
_ATTACKS = frozenset({EventKind.STRIKE, EventKind.AIRSPACE_VIOLATION, EventKind.EXPLOSION})


def headline_author(analysis: Analysis, events: list[EventDraft]) -> None:
    """Give the first event, when it has no author, the state the headline names as the
    attacker (never the event's own country, nor a state the body names in it)."""
    if not events or not analysis.sentences:
        return
    title = analysis.sentences[0]
    if title.paragraph != 0 or not title.heading:
        return
    if _CLAIMED.search(title.text):
        return  # "Washington points to Rwandan army positions": one side's claim
    first = events[0]
    if first.perpetrator is not None or first.kind not in _ATTACKS:
        return
    told = [analysis.text[start:end] for start, end in first.sentences[:1]]
    if told and ARMED_GROUP.search(told[0]):
        return  # "PKK militants attacked a base": the body names an author without a code
    for m in analysis.mentions_in(title.start, title.end):
        before = analysis.text[title.start : m.start]
        if ARMED_GROUP.search(before) or _STRIKES_AT.search(before):
            return  # "Houthi drone kills Bahraini soldiers": the soldiers are who was struck
        attack = _ATTACK_AFTER.match(analysis.text, m.end)
        if (
            attack is not None
            and m.kind is ActorKind.STATE
            and (m.via == "demonym" or m.possessive or m.role == "weapon")
            and not _SUFFERED.match(analysis.text, attack.end())
            and m.principal != first.country
        ):
            first.perpetrator = m.principal
            first.perpetrators = [m.principal]
            return
