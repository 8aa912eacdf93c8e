"""What one event word of a sentence tells of its event: who did it, where, when.

:mod:`kg.extract.events` asks for an account of every event word it reads and then decides
which event (told before or new) the account is of. The account gathers what the helpers
read around the word: its author (:mod:`kg.extract.event_authors`), its place and date
(:mod:`kg.extract.event_places`), and for a vote the UN body that voted and on what.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.event_authors import perpetrator_of
from kg.extract.event_places import (
    CLAUSE_BREAK,
    PlaceCandidate,
    attacked_state,
    event_date,
    place_of,
)
from kg.extract.event_triggers import EventTrigger
from kg.model import EventKind

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.casualties import Casualties
    from kg.extract.document import Analysis
    from kg.extract.event_draft import EventDraft
    from kg.extract.mentions import Mention
    from kg.extract.sentences import Sentence

__all__ = ["SPOKEN_IN", "UN_BODIES", "Account", "account_of", "read_vote"]

#: "told reporters in Jakarta", "said in New York": where a speaker spoke; "learned of the
#: strike at a conference on war crimes in The Hague": where a gathering met.
SPOKEN_IN = re.compile(
    r"(?:\b(?:told|said|says|say|speaking|spoke|wrote|briefed|added|stated|declared)\b"
    r"(?:\s+(?!in\b|at\b)[\w'-]+){0,4}"
    r"|\b(?:conference|summit|meeting|talks|forum|session|briefing|gathering|ceremony|"
    r"visit|rally|congress|assembly)\b(?:\s+(?!in\b|at\b)[\w'-]+){0,4}"
    # "Mr Erdogan, who was in Kazan for the summit, condemned": where the speaker was
    r"|\bwho\s+(?:was|is|were)(?:\s+then)?)"
    r"\s+(?:in|at)\s+(?:the\s+)?$",
    re.I,
)

#: A sentence opening with where it was said: "In Washington, ...".
_OPENING_IN = re.compile(r"\s*(?:In|From)\s+(?:the\s+)?")

#: Waters or skies of no state, after the event word.
_OPEN_SEA = re.compile(
    r"\b(?:in|into|over)\s+international\s+(?:waters|airspace)\b|\bon\s+the\s+high\s+seas\b",
    re.I,
)
#: Two sides named together: "between Armenia and Azerbaijan", "on both sides".
_BETWEEN_STATES = re.compile(r"\bbetween\b|\bboth\s+sides\b|\balong\s+the\s+border\b", re.I)

#: The UN bodies: the voters of a vote, and no party to a ceasefire asked of them.
UN_BODIES = frozenset({"UN", "UNSC", "UNGA"})
#: "debris from the barrages": what is left of an event, which may fall far from it.
_REMAINS = re.compile(
    r"\b(?:debris|fragments|wreckage|shrapnel|remnants)\s+(?:from|of)\s+(?:the\s+|an?\s+)?$",
    re.I,
)
_VOTE_SUBJECT = re.compile(r"\b(resolution|amendment|draft|motion)\b", re.I)


@dataclass
class Account:
    """What one event word of a sentence tells of its event: who did it, where, when."""

    trigger: EventTrigger
    perpetrator: Mention | None
    hedged: bool
    #: The states named with the perpetrator ("US, British and French strikes").
    accomplices: list[str]
    place: str | None = None
    country: str | None = None
    #: Placed in no country ("over the Black Sea").
    located: bool = False
    voter: str | None = None
    subject: str | None = None
    #: A place right after the word, or "on", "in", "against"... ("strikes on Kharkiv").
    direct_place: bool = False
    date: dt.date | None = None
    #: Enough to be an event of its own (means, author, place, casualties, not a strike).
    strong: bool = False


def account_of(
    analysis: Analysis,
    sentence: Sentence,
    trigger: EventTrigger,
    triggers: list[EventTrigger],
    places: list[PlaceCandidate],
    casualties: Casualties,
    touched: list[EventDraft],
) -> Account:
    """What an event word tells; ``touched`` are the events the sentence told before it."""
    perpetrator, hedged, accomplices = perpetrator_of(analysis, sentence, trigger)
    account = Account(trigger, perpetrator, hedged, accomplices)
    other = any(
        d.perpetrator not in (None, perpetrator.principal)
        for d in touched
        if perpetrator is not None
    )
    if places:
        account.place, account.country, account.located = place_of(
            analysis, sentence, trigger, triggers, places, other
        )
    if trigger.anaphoric and any(
        name == account.place
        and (
            SPOKEN_IN.search(analysis.text, max(sentence.start, position - 60), position)
            # "In Washington, the State Department condemned the attack": where it spoke
            or (
                _OPENING_IN.fullmatch(analysis.text, sentence.start, position) is not None
                and analysis.text.startswith(",", position + len(name))
            )
        )
        for position, name, _country in places
    ):
        # '"this appalling attack", the minister told reporters in Jakarta': where he spoke
        account.place, account.country, account.located = None, None, False
    if _OPEN_SEA.search(analysis.text, trigger.end, min(sentence.end, trigger.end + 120)):
        # "boarded the Mavi Marmara in international waters": in no state's territory
        account.place, account.country, account.located = None, None, True
    if (
        trigger.mutual
        and _BETWEEN_STATES.search(sentence.text)
        and len({c for _p, _n, c in places if c is not None}) >= 2
    ):
        # "fighting broke out on the border between Armenia and Azerbaijan": a fight of two
        # states on their common border happened in neither alone
        account.place, account.country, account.located = None, None, True
    victim = attacked_state(analysis, sentence, trigger)
    if victim is not None:
        account.place, account.country = victim.surface, victim.principal
    if trigger.kind is EventKind.VOTE:
        read_vote(analysis, sentence, account)
    account.direct_place = any(
        trigger.end <= p[0] <= trigger.end + 30
        and not CLAUSE_BREAK.search(analysis.text, trigger.end, p[0])
        for p in places
    ) or bool(
        re.match(
            r"\s+(?:on|in|at|near|against|targeting)\s",
            analysis.text[trigger.end : trigger.end + 15],
        )
    )
    if _REMAINS.search(analysis.text, max(sentence.start, trigger.start - 40), trigger.start):
        # "debris from the barrages landed on its territory": where the debris fell
        account.place, account.country, account.located = None, None, False
        account.direct_place = False
    account.strong = (
        trigger.means is not None
        or account.perpetrator is not None
        or account.direct_place
        or bool(casualties)
        or victim is not None
        or trigger.kind is not EventKind.STRIKE
    )
    if (
        account.perpetrator is not None
        and account.perpetrator.principal == account.country
        and trigger.kind is not EventKind.EXPLOSION
        and not places
    ):
        account.country = None
    account.date = event_date(analysis, sentence, trigger)
    return account


def read_vote(analysis: Analysis, sentence: Sentence, account: Account) -> None:
    """A vote: the UN body that voted (in the sentence, else the last named before), at UN
    headquarters, and what it voted on ("resolution", "draft"); a vote has no author."""
    voters = [
        m for m in analysis.mentions_in(sentence.start, sentence.end) if m.principal in UN_BODIES
    ]
    if not voters:
        voters = [
            m
            for m in analysis.mentions_in(max(0, sentence.start - 20_000), sentence.start)
            if m.principal in UN_BODIES
        ][-1:]
    if voters:
        account.country, account.place = "USA", "UN headquarters, New York"
        account.voter = voters[0].principal
    subject_match = _VOTE_SUBJECT.search(sentence.text)
    account.subject = subject_match.group(1).lower() if subject_match else None
    account.perpetrator = None
