"""A reaction as the rules find it (:class:`ReactionDraft`), and how one is made: linked
to the event it is about, hedged when its clause hedges, merged with its duplicates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.reaction_polarity import HEDGE
from kg.model import EventKind, ReactionType

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from kg.extract.events import EventDraft
    from kg.extract.lexicon import Trigger
    from kg.extract.mentions import Mention
    from kg.extract.reaction_clauses import SentenceReader
    from kg.extract.sentences import Sentence

__all__ = [
    "ReactionDraft",
    "drafts_between",
    "event_for",
    "make_draft",
    "merge_drafts",
    "responsible",
]


@dataclass
class ReactionDraft:
    """One reaction found in one sentence."""

    type: ReactionType
    agent: str
    target: str | None
    sentence: Sentence
    trigger: Trigger
    hedged: bool = False
    about: EventDraft | None = None
    agent_principal: str = ""
    #: Aimed at an event whose author the text does not give here (filled in by
    #: :func:`kg.extract.reaction_settle.settle_targets` when the agent blames someone).
    open_target: bool = False
    #: Aimed at the author of the event it is about, which the text does not name here.
    event_target: bool = False
    #: Aimed at whom its agent blames in the same sentence, if anyone.
    own_only: bool = False
    #: Dropped unless a target is found for it (a threat aimed at no one is none).
    needs_target: bool = False
    #: Aimed at a group without a code ("blamed the Houthis", "solidarity with Kosovo"):
    #: kept with no target (guideline 11), beside the agent's reactions aimed at others.
    uncoded: bool = False


#: What a reaction's object names the event by: "the vote", "the blasts", "sabotage".
_OBJECT_KIND = re.compile(
    r"\b(?P<vote>vote|resolution|text|motion|draft)\b|\b(?P<explosion>blasts?|explosions?)\b"
    r"|\b(?P<sabotage>sabotage)\b",
    re.I,
)


def event_for(
    reader: SentenceReader,
    trigger: Trigger,
    events: list[EventDraft],
    agents: Sequence[Mention] = (),
) -> EventDraft | None:
    """The event a trigger's reaction is about: one whose kind its object names ("the
    vote", "the blasts"), the act just before taken up by "which" or "it", one told close
    after, the last told in the sentence before it, else the article's subject (the most
    mentioned so far) or, in a lede, the event told next."""
    sentence = reader.sentence
    region = reader.text[trigger.end : min(reader.clause_end(trigger.end), trigger.end + 60)]
    named = _OBJECT_KIND.search(region)
    if named is not None:
        kind = "vote" if named.lastgroup == "vote" else named.lastgroup
        same = [
            e
            for e in events
            if e.kind.value == kind and any(s < trigger.start for s, _t in e.mentions)
        ]
        if same:
            return same[-1]
    text = reader.text
    before = sorted(
        (end, e)
        for e in events
        for (s, end) in e.mentions
        if sentence.start <= s and end <= trigger.start
    )
    # "blasts it blamed on Armenian groups", "the strike, which Moscow condemned": the act
    # just before, taken up by a pronoun or a relative clause
    if before and re.fullmatch(
        r",?\s*(?:which|that|it|they|he|she)\s+(?:\w+\s+){0,2}", text[before[-1][0] : trigger.start]
    ):
        return before[-1][1]
    close_after = [
        e
        for e in events
        for (s, _t) in e.mentions
        if trigger.end <= s < min(sentence.end, trigger.end + 50)
    ]
    if close_after:
        return close_after[0]
    if before:
        return before[-1][1]
    earlier = [e for e in events if any(s < trigger.start for s, _t in e.mentions)]
    if not earlier:
        # a lede that reacts before it tells: the event told next in the sentence or after
        later = sorted(
            (s, e)
            for e in events
            for (s, _t) in e.mentions
            if trigger.end <= s < sentence.end + 400
        )
        return later[0][1] if later else None
    # a state's reaction to "the attack" when one of the events struck that state: that
    # one ("Qatar strongly condemns the attack" in a live blog of US strikes on Iran and
    # Iran's answer at Al Udeid)
    struck = {a.principal for a in agents}
    if len(struck) == 1 and trigger.type in (ReactionType.CONDEMNS, ReactionType.THREATENS):
        own = [
            e
            for e in earlier
            if e.country in struck
            and e.perpetrator not in (None, *struck)
            and not e.background
            and e.kind is not EventKind.VOTE
        ]
        if own:
            return own[-1]
    # the most mentioned event so far (the earliest of equals): the article's subject
    return max(
        earlier, key=lambda e: (sum(1 for s, _t in e.mentions if s < trigger.start), -e.start)
    )


def responsible(event: EventDraft | None) -> list[str]:
    """Whom a reaction to an event is directed at: its perpetrators, or the body that voted."""
    if event is None:
        return []
    if event.perpetrator is not None:
        return event.perpetrators or [event.perpetrator]
    return [event.voter] if event.voter else []


def make_draft(
    trigger: Trigger,
    reader: SentenceReader,
    agent: Mention,
    target: Mention | None,
    hedged: bool,
    event: EventDraft | None,
    target_code: str | None = None,
) -> ReactionDraft:
    """The reaction of ``agent`` aimed at ``target`` (or ``target_code``) about ``event``; a
    call for a ceasefire is aimed at no one, and about an event only of its own sentence."""
    code = target.principal if target is not None else target_code
    if trigger.type is ReactionType.CEASEFIRE:
        code = None  # a call for a ceasefire is addressed to all sides
    about = event
    if (
        trigger.type is ReactionType.CEASEFIRE
        and event is not None
        and not any(reader.sentence.start <= s < reader.sentence.end for s, _t in event.mentions)
    ):
        about = None
    return ReactionDraft(
        type=trigger.type,
        agent=agent.actor,
        target=code,
        sentence=reader.sentence,
        trigger=trigger,
        hedged=hedged,
        about=about,
        agent_principal=agent.principal,
    )


def drafts_between(
    reader: SentenceReader,
    trigger: Trigger,
    events: list[EventDraft],
    agents: list[Mention],
    targets: Sequence[Mention | None],
) -> list[ReactionDraft]:
    """One reaction per (agent, target) pair of different principals (a target ``None``:
    a group without a code), hedged when the trigger's clause hedges, linked to the event
    the trigger is about."""
    reader.last_agents = agents
    clause = reader.text[reader.clause_start(trigger.start) : reader.clause_end(trigger.end)]
    hedged = bool(HEDGE.search(clause))
    event = event_for(reader, trigger, events)
    return [
        make_draft(trigger, reader, agent, target, hedged, event)
        for agent in agents
        for target in targets
        if target is None or target.principal != agent.principal
    ]


def merge_drafts(drafts: list[ReactionDraft]) -> list[ReactionDraft]:
    """The drafts without duplicates (type, agent, target: the first kept), and without a
    reaction aimed at no one when its agent has one of that type aimed at someone (unless
    it is aimed at a group without a code: a reaction of its own).

    Two speakers of one principal (a president and a foreign ministry) who state the same
    reaction are two reactions, one per speaker; a mention of the principal itself ("Russia
    said") adds no speaker to one already found.

    >>> from kg.extract.document import analyse
    >>> from kg.extract.reactions import find_reactions
    >>> a = analyse("Putin condemned the strike by Ukraine. Russia's foreign ministry condemned "
    ...             "Ukraine too. Russia condemned Ukraine again.")
    >>> sorted((d.agent, d.target) for d in find_reactions(a, []))
    [('RUS.MFA', 'UKR'), ('RUS.PUTIN', 'UKR')]
    """
    kept: dict[tuple[str, str, str | None], list[ReactionDraft]] = {}
    for draft in drafts:
        key = (draft.type.value, draft.agent_principal, draft.target)
        same = kept.setdefault(key, [])
        if not same:
            same.append(draft)
        elif draft.agent != draft.agent_principal and all(
            d.agent != draft.agent and d.agent != d.agent_principal for d in same
        ):
            same.append(draft)  # another speaker of the same principal says it too
    # a reaction with no target is dropped when the same agent has one of that type with one
    result = []
    for key, same in kept.items():
        aimed = [k for k in kept if k[0] == key[0] and k[1] == key[1] and k[2]]
        if key[2] is None and not same[0].uncoded and aimed:
            continue
        if (
            key[2] is None
            and same[0].trigger.rule.kind == "byresp"
            and any(d.sentence.start == same[0].sentence.start for k in aimed for d in kept[k])
        ):
            # "held Iran responsible for the missile fired by Houthi militias": the "by"
            # phrase tells what the blamed act was, the blame is the one aimed at Iran
            continue
        result.extend(same)
    return result
