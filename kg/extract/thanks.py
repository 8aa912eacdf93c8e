"""Reactions someone is thanked for, or received: "We thank Japan for its messages of
solidarity", "the messages of solidarity we received from Japan and France".

The thanks of an official statement are how it tells the reactions it received: the one
thanked expressed solidarity with, supported or condemned for the one who thanks. So a
``thanked`` trigger (``data/triggers.tsv``) gives the reactions of those thanked, aimed
at the thanker (a condemnation at the authors of the act in question, if the text gives
them), and the plain "thank" is then no support of the thanker's own.

>>> import datetime as dt
>>> from kg.extract.document import analyse
>>> from kg.extract.events import find_events
>>> from kg.extract.reactions import find_reactions
>>> a = analyse("India thanked Japan and France for their solidarity.", date=dt.date(2008, 7, 8))
>>> sorted((d.agent, d.type.value, d.target) for d in find_reactions(a, find_events(a)))
[('FRA', 'expressesSolidarityWith', 'IND'), ('JPN', 'expressesSolidarityWith', 'IND')]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.reaction_clauses import coordinated
from kg.extract.reaction_drafts import make_draft, responsible
from kg.model import ReactionType

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.events import EventDraft
    from kg.extract.lexicon import Trigger
    from kg.extract.mentions import Mention
    from kg.extract.reaction_clauses import SentenceReader
    from kg.extract.reaction_drafts import ReactionDraft

__all__ = ["THANKED_FOR", "read_thanks"]

#: "thanked Japan and France for": whom the trigger's words thank.
_THANKED = re.compile(r"[Tt]hank\w*\s+(.+?)\s+for\b", re.S)
#: "messages of solidarity received from": the senders come after the trigger.
_RECEIVED = re.compile(
    r"\b(?:received|sent|conveyed)\s+(?:from|by)$"
    # "won the backing of Japan", "can count on the solidarity of the Union"
    r"|\b(?:solidarity|support|backing|endorsement)\s+(?:of|from)$",
    re.I,
)

#: Support held by the subject: "has Santiago's full support".
_HELD = re.compile(r"(?:has|have|had|enjoys|enjoyed|retains|retained)\s", re.I)

#: What follows "thank X" when X is thanked for a reaction: "for their messages of
#: condemnation and solidarity", "for its support".
THANKED_FOR = re.compile(
    r"[^.;]{0,80}?\bfor\s+(?:[\w,-]+\s+){0,12}?(?:solidarity|support|backing|assistance|help|"
    r"aid|condemnation|condemnations|condemning)\b",
    re.I,
)


def read_thanks(
    reader: SentenceReader,
    trigger: Trigger,
    thankers: list[Mention],
    event: EventDraft | None,
    hedged: bool,
) -> list[ReactionDraft]:
    """The reactions of those a ``thanked`` trigger thanks (named between "thank" and
    "for"), aimed at the ``thankers``."""
    thanked_span = _THANKED.match(trigger.text)
    if thanked_span is not None:
        start, end = (trigger.start + i for i in thanked_span.span(1))
    elif _RECEIVED.search(trigger.text):
        # "messages of solidarity received from A, B and C": the senders follow
        start, end = trigger.end, reader.sentence.end
    elif _HELD.match(trigger.text):
        # "has Washington's full support": the giver is the possessive inside ("has the
        # full support of France" is the longer trigger ending on "of", read above)
        givers = [m for m in reader.mentions if trigger.start < m.start < trigger.end]
        if givers and givers[0].possessive:
            start, end = givers[0].start, trigger.end
        else:
            return []
    else:
        return []
    first = [m for m in reader.mentions if start <= m.start < end]
    if not first:
        return []
    thanker_ids = {t.principal for t in thankers}
    thanked = [
        m for m in coordinated(reader.mentions, first[0], reader.text) if start <= m.start < end
    ]
    found: list[ReactionDraft] = []
    for agent in thanked:
        if agent.principal in thanker_ids:
            continue
        if trigger.type is ReactionType.CONDEMNS:
            authors: list[str | None] = [c for c in responsible(event) if c != agent.principal]
            found += [
                make_draft(trigger, reader, agent, None, hedged, event, code)
                for code in authors or [None]
            ]
        else:
            found += [
                make_draft(trigger, reader, agent, None, hedged, event, t.principal)
                for t in thankers
            ]
    return found
