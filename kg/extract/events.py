"""Conflict events: strikes, airspace violations, explosions, sabotage, votes.

An event is found by a trigger ("missile strikes", "shelling", "entered its airspace",
"blasts", "voted"); the sentence around it gives its place and country (a city of the
gazetteer, "the Russian city of", "in eastern Poland", "its airspace"), the alleged
perpetrator (an attributive "Russian missile", "a US drone strike", "by Ukrainian
forces", "Russia was pounding"), casualty figures as ranges and a relative date.
Mentions of one kind in one country make one event; "the attack" without more refers to
the latest event. A sentence with casualty figures and no trigger adds them to the latest
event ("Among the casualties were at least two children.").

This module decides which event each event word tells, sentence by sentence, from what
its helpers read: the event words (:mod:`kg.extract.event_triggers`), what one word tells
of its event (:mod:`kg.extract.event_accounts`: author, place, date, vote) and casualty
figures (:mod:`kg.extract.casualties`). What only the whole text settles (an event told in
two halves, told again, placed by the dateline) is :mod:`kg.extract.event_merge`; the
draft itself is :class:`kg.extract.event_draft.EventDraft`.

>>> import datetime as dt
>>> from kg.extract.document import analyse
>>> text = "Ukrainian strikes targeted the Russian city of Belgorod, killing at least 20 people."
>>> [(e.kind.value, e.country, e.perpetrator, e.killed) for e in find_events(analyse(text))]
[('strike', 'RUS', 'UKR', (20, None))]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.casualties import Casualties, add_casualties, find_casualties
from kg.extract.event_accounts import Account, account_of
from kg.extract.event_draft import EventDraft, compatible, salient
from kg.extract.event_merge import settle
from kg.extract.event_places import sentence_places
from kg.extract.event_triggers import find_event_triggers
from kg.extract.headline import headline_author
from kg.extract.heads import FORCE_HEADS
from kg.extract.perpetrators import parsed_perpetrator
from kg.model import EventKind

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.sentences import Sentence

__all__ = ["EventDraft", "find_events"]

#: Between two event verbs of one subject: "entered the airspace ... and dropped bombs".
_AND_THEN = re.compile(r"[^.;:,]*?\band\s+(?:then\s+|later\s+)?")
#: "which blamed an Israeli air strike": a cause someone gives the event just told.
_BLAMED = re.compile(r"\bblam\w*\s+(?:[\w-]+\s+){0,4}$", re.I)


def find_events(analysis: Analysis) -> list[EventDraft]:
    """The events of an analysed document, in order of first mention."""
    finder = _EventFinder(analysis)
    for index, sentence in enumerate(analysis.sentences):
        if not sentence.heading:
            finder.read(index, sentence)
    events = settle(analysis, finder.drafts)
    headline_author(analysis, events)
    return events


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
        previous: Account | None = None
        for trigger in triggers:
            if any(s <= trigger.start < e for s, e in spans):
                continue  # "Downing Street" names an office, not an event
            account = account_of(analysis, sentence, trigger, triggers, places, casualties, touched)
            if (
                account.perpetrator is None
                and previous is not None
                and _AND_THEN.fullmatch(analysis.text, previous.trigger.end, trigger.start)
            ):
                # "aircraft entered Georgian airspace from Russia and dropped bombs": the
                # second verb has the first one's subject
                account.perpetrator = previous.perpetrator
            previous = account
            target = self._event_of(sentence, account, touched)
            if target is not None and target not in touched:
                touched.append(target)
        self._count_casualties(index, sentence, casualties, touched)

    def _event_of(
        self, sentence: Sentence, account: Account, touched: list[EventDraft]
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

    def _told_before(self, sentence: Sentence, account: Account) -> EventDraft | None:
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
            if (
                compatible(d, trigger.kind, account.country, perp_code)
                and (account.date is None or d.date in (None, account.date))
                and not _elsewhere(self.analysis, d, account)
            ):
                return d
        return None

    def _referent(self, sentence: Sentence, account: Account) -> EventDraft | None:
        """What "the attack" (or a mention that says not where) refers to: the latest event
        for "this attack", the most mentioned one otherwise, when it is of a fitting kind
        and place; else the latest compatible event (one told in passing last)."""
        trigger = account.trigger
        perp_code = account.perpetrator.principal if account.perpetrator is not None else None
        candidates = [
            d
            for d in reversed(self.drafts)
            if compatible(d, trigger.kind, account.country, perp_code)
            and (account.date is None or d.date in (None, account.date))
        ]
        referent = self.latest if trigger.demonstrative else salient(self.drafts)
        if (
            trigger.anaphoric
            and perp_code is not None
            and referent is not None
            and referent.perpetrator is None
            and referent.kind is not trigger.kind
        ):
            # "the Turkish bombardments" after a car bomb nobody claimed and Turkish air
            # strikes: the strikes of that author, not the bombing of another kind
            same = [c for c in candidates if c.kind is trigger.kind and c.perpetrator == perp_code]
            if same:
                return same[0]
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

    def _toll_update(self, index: int) -> bool:
        """Whether the ``index``-th sentence, or the one before it, speaks of the toll."""
        sentences = self.analysis.sentences
        text = self.analysis.text
        return any(
            _TOLL.search(text, sentences[i].start, sentences[i].end)
            for i in (index - 1, index)
            if i >= 0 and not sentences[i].heading
        )

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
        if not receivers and casualties and self.drafts and self._toll_update(index):
            # "The toll has risen again. ... 10 people are now known to have died": a later
            # count of the story's own event, however far from where it was last told
            main = salient(self.drafts)
            assert main is not None
            receivers = [main]
            self.latest = main  # the figures that follow go on counting it
            if "killed" in casualties:
                casualties = {**casualties, "revised": casualties["killed"]}
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


#: A count of the dead told again: "the death toll", "the toll has risen".
_TOLL = re.compile(r"\btoll\b", re.I)


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


def _elsewhere(analysis: Analysis, draft: EventDraft, account: Account) -> bool:
    """Whether an account places its event in another town than an event told before in
    the same country: "missiles had also hit Dnipro" after a strike on Vinnytsia."""
    if draft.place is None or account.place is None or draft.place == account.place:
        return False
    if not account.direct_place:
        return False
    towns = {p.name for p in analysis.places if p.is_city}
    return draft.place in towns and account.place in towns


def _told_in_sentence(account: Account, touched: list[EventDraft]) -> EventDraft | None:
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


def _record(analysis: Analysis, sentence: Sentence, account: Account, target: EventDraft) -> None:
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
    if target.means is None and trigger.means is not None and target.kind is EventKind.STRIKE:
        target.means = trigger.means  # an explosion told as a strike keeps no means
    perpetrator = account.perpetrator
    if (
        perpetrator is not None
        and target.perpetrator is None
        and (
            perpetrator.principal != target.country
            or target.kind is EventKind.EXPLOSION
            # "a Syrian chemical attack on Khan Shaykhun": on its own soil
            or 0 <= trigger.start - perpetrator.end <= 60
            # "an air strike by the Myanmar military hit a school in Sagaing" (a noun: "was
            # struck by a Ukrainian missile" on Ukrainian soil is one side's claim)
            or (
                0 <= perpetrator.start - trigger.end <= 25
                and perpetrator.head in FORCE_HEADS
                and not re.search(
                    r"(?:ed|struck|hit|shot)$", analysis.text[trigger.start : trigger.end]
                )
                and re.match(r"\s+by\s", analysis.text[trigger.end : perpetrator.start]) is not None
            )
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
