"""An event being put together from the sentences that mention it.

:mod:`kg.extract.events` makes these drafts sentence by sentence; the document-level passes
of :mod:`kg.extract.event_merge` join and complete them; the reactions link to them. The
draft lives apart from both so that every stage can name it without importing the others.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.model import EventKind, StrikeMeans

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.casualties import Range
    from kg.extract.sentences import Sentence

__all__ = ["EventDraft", "compatible", "salient"]


@dataclass
class EventDraft:
    """An event being put together from the sentences that mention it."""

    kind: EventKind
    start: int
    means: StrikeMeans | None = None
    place: str | None = None
    country: str | None = None
    perpetrator: str | None = None
    #: All the states the perpetrator is named with ("US, British and French strikes").
    perpetrators: list[str] = field(default_factory=list)
    perpetrator_hedged: bool = False
    perpetrator_span: tuple[int, int] | None = None
    killed: Range | None = None
    killed_text: str | None = None
    injured: Range | None = None
    injured_text: str | None = None
    children_killed: Range | None = None
    children_text: str | None = None
    date: dt.date | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    voter: str | None = None
    #: Placed in no country ("over the Black Sea", "near the Syrian border") when first told.
    located: bool = False
    #: First told as an earlier event ("a US drone strike the previous week").
    background: bool = False
    subject: str | None = None
    sabotage_claims: int = 0

    @property
    def responsible(self) -> str | None:
        """Whom a reaction to the event is directed at: the alleged perpetrator, or the
        body that voted."""
        return self.perpetrator or self.voter

    def add_sentence(self, sentence: Sentence) -> None:
        """Keep a sentence as evidence (once)."""
        span = (sentence.start, sentence.end)
        if span not in self.sentences:
            self.sentences.append(span)


def salient(drafts: list[EventDraft]) -> EventDraft | None:
    """The event mentioned most so far (the earliest of equals): what "the attack" means."""
    best: EventDraft | None = None
    for draft in drafts:
        if best is None or len(draft.mentions) > len(best.mentions):
            best = draft
    return best


def compatible(
    draft: EventDraft, kind: EventKind, country: str | None, perpetrator: str | None = None
) -> bool:
    """Whether an event told before can be the one a new mention of ``kind`` tells: same
    kind, and no other author nor other country."""
    if draft.kind is not kind:
        return False
    if perpetrator is not None and draft.perpetrator not in (None, perpetrator):
        return False
    return country is None or draft.country is None or draft.country == country
