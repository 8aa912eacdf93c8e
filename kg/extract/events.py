"""Conflict events: strikes, airspace violations, explosions, sabotage, votes.

An event is found by a trigger ("missile strikes", "shelling", "entered its airspace",
"blasts", "voted"); the sentence around it gives its place and country (a city of the
gazetteer, "the Russian city of", "in eastern Poland", "its airspace"), the alleged
perpetrator (an attributive "Russian missile", "a US drone strike", "by Ukrainian
forces", "Russia was pounding"), casualty figures as ranges and a relative date.
Mentions of one kind in one country make one event; "the attack" without more refers to
the latest event. A sentence with casualty figures and no trigger adds them to the latest
event ("Among the casualties were at least two children.").

This module makes events of what its helpers read: the event words
(:mod:`kg.extract.event_triggers`), their authors (:mod:`kg.extract.event_authors`),
places and dates (:mod:`kg.extract.event_places`) and casualty figures
(:mod:`kg.extract.casualties`).

>>> import datetime as dt
>>> from kg.extract.document import analyse
>>> text = "Ukrainian strikes targeted the Russian city of Belgorod, killing at least 20 people."
>>> [(e.kind.value, e.country, e.perpetrator, e.killed) for e in find_events(analyse(text))]
[('strike', 'RUS', 'UKR', (20, None))]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.casualties import Casualties, Range, add_casualties, find_casualties
from kg.extract.datelines import DATELINE
from kg.extract.event_authors import perpetrator_of
from kg.extract.event_places import (
    CLAUSE_BREAK,
    PlaceCandidate,
    attacked_state,
    event_date,
    place_of,
    sentence_places,
)
from kg.extract.event_triggers import EventTrigger, find_event_triggers
from kg.extract.perpetrators import parsed_perpetrator
from kg.extract.places import Gazetteer
from kg.model import EventKind, StrikeMeans

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.mentions import Mention
    from kg.extract.sentences import Sentence

__all__ = ["EventDraft", "find_events"]

_UN_BODIES = ("UN", "UNSC", "UNGA")
#: "which blamed an Israeli air strike": a cause someone gives the event just told.
_BLAMED = re.compile(r"\bblam\w*\s+(?:[\w-]+\s+){0,4}$", re.I)
_VOTE_SUBJECT = re.compile(r"\b(resolution|amendment|draft|motion)\b", re.I)


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


def find_events(analysis: Analysis) -> list[EventDraft]:
    """The events of an analysed document, in order of first mention."""
    finder = _EventFinder(analysis)
    for index, sentence in enumerate(analysis.sentences):
        if not sentence.heading:
            finder.read(index, sentence)
    for draft in finder.drafts:
        if draft.kind is EventKind.EXPLOSION and draft.sabotage_claims >= 2:
            # corroborated: "acts of sabotage", "a case of sabotage"
            draft.kind = EventKind.SABOTAGE
            draft.means = None
    drafts = _join_halves(finder.drafts)
    _place_at_dateline(analysis, drafts)
    kept: list[EventDraft] = []
    for d in drafts:
        if d.country is not None or d.perpetrator is not None or len(d.mentions) >= 3 or d.located:
            kept.append(d)
        elif kept:
            _retold(kept[-1], d)
    return kept


def _retold(event: EventDraft, retelling: EventDraft) -> None:
    """An attack told with figures but neither place nor author, after an event, is that
    event told again (another side's account: "the ministry said 50 prisoners were killed
    when the building was struck"): its figures complete the event's, and a precise,
    higher toll replaces a vague first one ("dozens" -> 50)."""
    replaces = (
        retelling.killed is not None
        and event.killed is not None
        and event.killed[1] is None
        and retelling.killed[1] is not None
        and retelling.killed[0] > event.killed[0]
    )
    if retelling.killed is not None and (event.killed is None or replaces):
        event.killed, event.killed_text = retelling.killed, retelling.killed_text
    if retelling.injured is not None and event.injured is None:
        event.injured, event.injured_text = retelling.injured, retelling.injured_text
    if retelling.killed is not None or retelling.injured is not None:
        for span in retelling.sentences:
            if span not in event.sentences:
                event.sentences.append(span)


def _place_at_dateline(analysis: Analysis, drafts: list[EventDraft]) -> None:
    """An event the text places nowhere happened where the story was filed, when the
    dateline names a town ("GOMA, DR Congo -"): a correspondent reports from the scene.
    Only for the story's own event: one its lead tells, or one told again; an attack
    named once in passing ("said attacks on undersea cables had become frequent") may be
    anywhere. Not for an event its own state carried out ("WASHINGTON - US strikes ...")."""
    if not analysis.datelines:
        return
    start, end = analysis.datelines[0]
    match = DATELINE.match(analysis.text, start, end)
    if match is None:
        return
    name = match.group("place").title()
    found = [
        p
        for p in Gazetteer.default().find(name)
        if p.start == 0 and p.end == len(name) and p.population < 10**10
    ]
    if not found:
        return
    country = found[0].country
    lead_end = next((s.end for s in analysis.sentences if s.end > end), end)
    for draft in drafts:
        if (
            draft.country is None
            and (len(draft.mentions) >= 2 or draft.mentions[0][0] < lead_end)
            and not draft.located
            and not draft.background
            and draft.voter is None
            and country not in (draft.perpetrator, *draft.perpetrators)
        ):
            draft.country, draft.place = country, found[0].name


@dataclass
class _Account:
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


def _account(
    analysis: Analysis,
    sentence: Sentence,
    trigger: EventTrigger,
    triggers: list[EventTrigger],
    places: list[PlaceCandidate],
    casualties: Casualties,
    touched: list[EventDraft],
) -> _Account:
    """What an event word tells; ``touched`` are the events the sentence told before it."""
    perpetrator, hedged, accomplices = perpetrator_of(analysis, sentence, trigger)
    account = _Account(trigger, perpetrator, hedged, accomplices)
    other = any(
        d.perpetrator not in (None, perpetrator.principal)
        for d in touched
        if perpetrator is not None
    )
    if places:
        account.place, account.country, account.located = place_of(
            analysis, sentence, trigger, triggers, places, other
        )
    victim = attacked_state(analysis, sentence, trigger)
    if victim is not None:
        account.place, account.country = victim.surface, victim.principal
    if trigger.kind is EventKind.VOTE:
        _read_vote(analysis, sentence, account)
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


def _read_vote(analysis: Analysis, sentence: Sentence, account: _Account) -> None:
    """A vote: the UN body that voted (in the sentence, else the last named before), at UN
    headquarters, and what it voted on ("resolution", "draft"); a vote has no author."""
    voters = [
        m for m in analysis.mentions_in(sentence.start, sentence.end) if m.principal in _UN_BODIES
    ]
    if not voters:
        voters = [
            m
            for m in analysis.mentions_in(max(0, sentence.start - 20_000), sentence.start)
            if m.principal in _UN_BODIES
        ][-1:]
    if voters:
        account.country, account.place = "USA", "UN headquarters, New York"
        account.voter = voters[0].principal
    subject_match = _VOTE_SUBJECT.search(sentence.text)
    account.subject = subject_match.group(1).lower() if subject_match else None
    account.perpetrator = None


class _EventFinder:
    """Reads a document's sentences in order, keeping the events told so far."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.drafts: list[EventDraft] = []
        #: Casualty figures told before any event, for the first event told.
        self.pending: list[tuple[Sentence, Casualties]] = []
        #: The last event told, and in which sentence.
        self.latest: EventDraft | None = None
        self.latest_index = 0

    def read(self, index: int, sentence: Sentence) -> None:
        """Read the events and casualty figures of the ``index``-th sentence."""
        analysis = self.analysis
        casualties = find_casualties(sentence)
        triggers = find_event_triggers(sentence)
        places = sentence_places(analysis, sentence)
        touched: list[EventDraft] = []
        spans = [(m.start, m.end) for m in analysis.mentions_in(sentence.start, sentence.end)]
        for trigger in triggers:
            if any(s <= trigger.start < e for s, e in spans):
                continue  # "Downing Street" names an office, not an event
            account = _account(analysis, sentence, trigger, triggers, places, casualties, touched)
            target = self._event_of(sentence, account, touched)
            if target is not None and target not in touched:
                touched.append(target)
        self._count_casualties(index, sentence, casualties, touched)

    def _event_of(
        self, sentence: Sentence, account: _Account, touched: list[EventDraft]
    ) -> EventDraft | None:
        """The event an account is of, updated with it: one told before or a new one;
        ``None`` when the word tells no event of its own."""
        trigger = account.trigger
        target = _told_in_sentence(account, touched)
        if (
            trigger.anaphoric
            and not account.direct_place
            and any(
                d.kind is trigger.kind or d.kind in (EventKind.STRIKE, EventKind.EXPLOSION)
                for d in self.drafts
            )
        ):
            account.country = None
        if trigger.characterisation or trigger.mutual:
            account.perpetrator = None
        if (
            trigger.kind is EventKind.SABOTAGE
            and trigger.characterisation
            and self._claim_sabotage(sentence)
        ):
            return None
        if (
            touched
            and trigger.kind is not touched[-1].kind
            and _BLAMED.search(self.analysis.text, sentence.start, trigger.start)
        ):
            # "an explosion ..., which the ministry blamed on an air strike": what the
            # sentence's event was, by someone's account, not another event
            return touched[-1]
        if target is None and not trigger.earlier:
            target = self._told_before(sentence, account)
        if target is None:
            if not account.strong:
                return None
            target = EventDraft(kind=trigger.kind, start=trigger.start)
            target.background = trigger.earlier
            self.drafts.append(target)
        _record(self.analysis, sentence, account, target)
        return target

    def _claim_sabotage(self, sentence: Sentence) -> bool:
        """ "called the blasts sabotage": a claim about the latest explosion, counted on it
        (two make it sabotage); false when no explosion was told."""
        blasts = [d for d in self.drafts if d.kind is EventKind.EXPLOSION]
        if not blasts:
            return False
        blasts[-1].sabotage_claims += 1
        blasts[-1].add_sentence(sentence)
        return True

    def _told_before(self, sentence: Sentence, account: _Account) -> EventDraft | None:
        """The event told before that an account is of, if any: what a reference back or
        an unplaced mention refers to, else the latest compatible event (same kind, place,
        author and date; a vote on the same subject)."""
        trigger = account.trigger
        if trigger.anaphoric or account.country is None:
            return self._referent(sentence, account)
        perp_code = account.perpetrator.principal if account.perpetrator is not None else None
        for d in reversed(self.drafts):
            if (
                trigger.kind is EventKind.VOTE
                and None not in (d.subject, account.subject)
                and (d.subject != account.subject)
            ):
                continue
            if _compatible(d, trigger.kind, account.country, perp_code) and (
                account.date is None or d.date in (None, account.date)
            ):
                return d
        return None

    def _referent(self, sentence: Sentence, account: _Account) -> EventDraft | None:
        """What "the attack" (or a mention that says not where) refers to: the latest event
        for "this attack", the most mentioned one otherwise, when it is of a fitting kind
        and place; else the latest compatible event (one told in passing last)."""
        trigger = account.trigger
        perp_code = account.perpetrator.principal if account.perpetrator is not None else None
        candidates = [
            d
            for d in reversed(self.drafts)
            if _compatible(d, trigger.kind, account.country, perp_code)
            and (account.date is None or d.date in (None, account.date))
        ]
        referent = self.latest if trigger.demonstrative else _salient(self.drafts)
        if not trigger.anaphoric:
            # an unplaced bare mention ("shooting down a civilian aircraft"): not a
            # background event told in passing ("a US drone strike the previous week")
            candidates = [c for c in candidates if not c.background] + [
                c for c in candidates if c.background
            ]
        if (
            trigger.anaphoric
            and referent is not None
            and (account.country is None or referent.country == account.country)
            and referent.kind in (trigger.kind, EventKind.STRIKE, EventKind.EXPLOSION)
            and (
                referent.kind is trigger.kind
                or trigger.kind in (EventKind.STRIKE, EventKind.EXPLOSION)
            )
            # "strikes ... in retaliation for the explosion": not the strikes
            and not (
                referent.kind is not trigger.kind and referent.mentions[0][0] >= sentence.start
            )
        ):
            return referent
        return candidates[0] if candidates else None

    def _count_casualties(
        self, index: int, sentence: Sentence, casualties: Casualties, touched: list[EventDraft]
    ) -> None:
        """Give a sentence's casualty figures to its first event; a sentence that tells no
        event gives them to the latest one (two sentences back at most), or, before any
        event, keeps them for the first."""
        if not touched and self.latest is None and casualties:
            self.pending.append((sentence, casualties))
            return
        if touched and self.pending:
            for early_sentence, early in self.pending:
                add_casualties(touched[0], early_sentence, early)
            self.pending.clear()
        recent = self.latest is not None and index - self.latest_index <= 2
        receivers = touched[:1] or (
            [self.latest] if self.latest is not None and casualties and recent else []
        )
        if len(touched) > 1:
            for target, figures in _nearest_events(sentence, casualties, touched):
                add_casualties(target, sentence, figures)
        else:
            for target in receivers:
                add_casualties(target, sentence, casualties)
        if receivers and not touched:
            # "the toll had risen to 22 ... About 37 people were wounded": a run of
            # figures goes on telling the same event
            self.latest_index = index
        if touched:
            self.latest = touched[-1]
            self.latest_index = index


def _nearest_events(
    sentence: Sentence, casualties: Casualties, touched: list[EventDraft]
) -> list[tuple[EventDraft, Casualties]]:
    """The figures of a sentence that tells several events, each given to the event told
    last before it: "The strike came a day after a drone hit a building, killing one man"
    is the drone's dead; figures before any event word are the first event's."""
    shares: list[Casualties] = [{} for _ in touched]
    for name, (figure, words) in casualties.items():
        position = sentence.start + max(0, sentence.text.find(words))
        told_before = [
            (start, index)
            for index, draft in enumerate(touched)
            for start, _end in draft.mentions
            if sentence.start <= start < position
        ]
        receiver = max(told_before)[1] if told_before else 0
        shares[receiver][name] = (figure, words)
    return [(draft, share) for draft, share in zip(touched, shares, strict=True) if share]


def _told_in_sentence(account: _Account, touched: list[EventDraft]) -> EventDraft | None:
    """The event of the same kind the sentence told before, when the word tells it again
    (no place of its own, not an earlier event, no other author); it takes that country."""
    trigger = account.trigger
    same_sentence = [d for d in touched if d.kind is trigger.kind]
    perpetrator = account.perpetrator
    if (
        same_sentence
        and not account.direct_place
        and not trigger.earlier
        and (perpetrator is None or same_sentence[-1].perpetrator in (None, perpetrator.principal))
    ):
        account.country = same_sentence[-1].country
        return same_sentence[-1]
    return None


def _record(analysis: Analysis, sentence: Sentence, account: _Account, target: EventDraft) -> None:
    """Add what an account tells to its event, keeping what the event already has."""
    trigger = account.trigger
    if account.voter is not None and target.voter is None:
        target.voter = account.voter
    if trigger.kind is EventKind.VOTE and target.subject is None:
        target.subject = account.subject
    target.mentions.append((trigger.start, trigger.end))
    target.add_sentence(sentence)
    if target.country is None and account.country is not None and not target.located:
        target.country, target.place = account.country, account.place
    if account.located and not target.mentions[:-1]:
        target.located = True
    if target.means is None and trigger.means is not None:
        target.means = trigger.means
    perpetrator = account.perpetrator
    if (
        perpetrator is not None
        and target.perpetrator is None
        and (
            perpetrator.principal != target.country
            or target.kind is EventKind.EXPLOSION
            # "a Syrian chemical attack on Khan Shaykhun": on its own soil
            or 0 <= trigger.start - perpetrator.end <= 60
            # "an air strike by Myanmar's military": the parse says who did it
            or perpetrator in parsed_perpetrator(analysis, sentence, trigger.start, trigger.end)
        )
    ):
        target.perpetrator = perpetrator.principal
        target.perpetrators = [c for c in account.accomplices if c != target.country] or [
            perpetrator.principal
        ]
        target.perpetrator_hedged = account.hedged
        target.perpetrator_span = (sentence.start, sentence.end)
    if target.date is None:
        target.date = account.date


def _salient(drafts: list[EventDraft]) -> EventDraft | None:
    """The event mentioned most so far (the earliest of equals): what "the attack" means."""
    best: EventDraft | None = None
    for draft in drafts:
        if best is None or len(draft.mentions) > len(best.mentions):
            best = draft
    return best


def _compatible(
    draft: EventDraft, kind: EventKind, country: str | None, perpetrator: str | None = None
) -> bool:
    if draft.kind is not kind:
        return False
    if perpetrator is not None and draft.perpetrator not in (None, perpetrator):
        return False
    return country is None or draft.country is None or draft.country == country


def _join_halves(drafts: list[EventDraft]) -> list[EventDraft]:
    """One event told in two halves: where it happened, then (in a sentence that does not
    say where) who did it ("13 killed in a strike on the consulate in Damascus" ...
    "Israeli jets fired the missiles"). An event with an author but no place joins the one
    event of its kind with a place, no author and a date no more than a day apart;
    ambiguous halves stay.
    """
    kept = list(drafts)
    for half in drafts:
        if half.perpetrator is None or half.country is not None or half.background:
            continue
        if half.located or half.voter is not None:
            continue
        whole = [
            d
            for d in kept
            if d is not half
            and d.kind is half.kind
            and d.country is not None
            and d.perpetrator is None
            and not d.background
            and d.country not in half.perpetrators
            # one day apart at most: "on Monday" against the dateline's day
            and (d.date is None or half.date is None or abs((d.date - half.date).days) <= 1)
        ]
        if len(whole) != 1:
            continue
        event = whole[0]
        event.perpetrator, event.perpetrators = half.perpetrator, half.perpetrators
        event.perpetrator_hedged, event.perpetrator_span = (
            half.perpetrator_hedged,
            half.perpetrator_span,
        )
        event.mentions = sorted({*event.mentions, *half.mentions})
        for span in half.sentences:
            if span not in event.sentences:
                event.sentences.append(span)
        event.means = event.means or half.means
        event.date = event.date or half.date
        for name in ("killed", "injured", "children_killed"):
            if getattr(event, name) is None and getattr(half, name) is not None:
                setattr(event, name, getattr(half, name))
                text = "children_text" if name == "children_killed" else f"{name}_text"
                setattr(event, text, getattr(half, text))
        kept.remove(half)
    return kept
