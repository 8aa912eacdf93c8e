"""Settling targets once the whole text is read.

A reaction aimed at an event whose author the text disputes (a denial, blame on different
actors) is aimed at whom its agent blames for it nearby, else at no one, unless the narrator
gives the author at the event's first telling ("Saturday's Russian missile strike": the
author's own denial then disputes nothing); a reaction aimed
at whom its agent blames in the same sentence takes those targets; a threat aimed at no
one is kept only when its agent blames someone in the same paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kg.extract.reaction_drafts import responsible
from kg.model import ReactionType

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.events import EventDraft
    from kg.extract.reaction_drafts import ReactionDraft

__all__ = ["settle_targets"]


def settle_targets(analysis: Analysis, drafts: list[ReactionDraft]) -> list[ReactionDraft]:
    """Aim reactions to an event that name no one, once the whole text has been read.

    A condemnation (or threat) of "the attack" is aimed at the event's author when the text
    does not dispute it; when the author is disputed (denied, blamed on different actors, or
    blamed by its author on someone else) or unknown, at whom the agent itself blames for it
    (for that event, in the same sentence or one next to it), else at no one. A threat
    aimed at no one is kept only when its agent blames someone in the same paragraph.
    """
    blames = _Blames.of(analysis, drafts)
    result: list[ReactionDraft] = []
    for draft in drafts:
        result.extend(_settled(draft, blames))
    return result


@dataclass
class _Blames:
    """Who the text says blames whom, indexed as settling asks."""

    #: By event (its id) and agent: whom the agent blames for it (not when the sentence
    #: names armed groups no actor stands for).
    blamed: dict[int, dict[str, set[str]]]
    #: Who says someone else did the act ("the building had been struck by a Ukrainian
    #: missile"), by event and agent: the authors' own counter-attributions.
    attributed: dict[int, dict[str, set[str]]]
    #: By sentence (its start) and agent.
    said: dict[tuple[int, str], set[str]]
    #: By event, sentence number and agent.
    here: dict[tuple[int, int, str], set[str]]
    #: By paragraph and agent.
    paragraph: dict[tuple[int, str], set[str]]
    #: By agent: whom the agent blames anywhere in the text.
    anywhere: dict[str, set[str]]
    #: By sentence (its start) and agent: whom the agent supports or stands with.
    backed: dict[tuple[int, str], set[str]]
    #: By paragraph and agent: whom the agent condemns (a threat's fallback).
    condemned: dict[tuple[int, str], set[str]]
    #: The number of each sentence, by its start.
    order: dict[int, int]
    #: The actors the text says deny what they are accused of.
    deniers: set[str]
    #: The events (their ids) whose author the narrator gives at their first telling.
    narrated: set[int]

    @classmethod
    def of(cls, analysis: Analysis, drafts: list[ReactionDraft]) -> _Blames:
        """The blames among the drafts of a text."""
        blamed: dict[int, dict[str, set[str]]] = {}
        attributed: dict[int, dict[str, set[str]]] = {}
        said: dict[tuple[int, str], set[str]] = {}
        blamed_here: dict[tuple[int, int, str], set[str]] = {}
        order = {sentence.start: n for n, sentence in enumerate(analysis.sentences)}
        for draft in drafts:
            if draft.type is ReactionType.BLAMES and draft.target:
                key = (draft.sentence.start, draft.agent_principal)
                said.setdefault(key, set()).add(draft.target)
                shared = _NON_STATE.search(analysis.text, draft.sentence.start, draft.sentence.end)
                if draft.about is not None and shared is None:
                    by_agent = blamed.setdefault(id(draft.about), {})
                    by_agent.setdefault(draft.agent_principal, set()).add(draft.target)
                    mine = blamed_here.setdefault(
                        (id(draft.about), order[draft.sentence.start], draft.agent_principal),
                        set(),
                    )
                    mine.add(draft.target)
                    if draft.trigger.rule.kind in ("resp", "byresp"):
                        counter = attributed.setdefault(id(draft.about), {})
                        counter.setdefault(draft.agent_principal, set()).add(draft.target)
        paragraph_blames: dict[tuple[int, str], set[str]] = {}
        condemned: dict[tuple[int, str], set[str]] = {}
        backed: dict[tuple[int, str], set[str]] = {}
        anywhere: dict[str, set[str]] = {}
        for draft in drafts:
            if draft.type is ReactionType.BLAMES and draft.target:
                anywhere.setdefault(draft.agent_principal, set()).add(draft.target)
            if draft.type in (ReactionType.SUPPORTS, ReactionType.SOLIDARITY) and draft.target:
                mine = backed.setdefault((draft.sentence.start, draft.agent_principal), set())
                mine.add(draft.target)
            key = (draft.sentence.paragraph, draft.agent_principal)
            if draft.type is ReactionType.BLAMES and draft.target:
                paragraph_blames.setdefault(key, set()).add(draft.target)
            elif draft.type is ReactionType.CONDEMNS and draft.target:
                condemned.setdefault(key, set()).add(draft.target)
        return cls(
            blamed,
            attributed,
            said,
            blamed_here,
            paragraph_blames,
            anywhere,
            backed,
            condemned,
            order,
            _deniers(analysis),
            {id(d.about) for d in drafts if d.about is not None and _narrated(analysis, d.about)},
        )


def _settled(draft: ReactionDraft, blames: _Blames) -> list[ReactionDraft]:
    """A draft with its target settled: one per target found, none when it needs a target
    and none is found, itself when it has nothing to settle."""
    same = blames.said.get((draft.sentence.start, draft.agent_principal), set())
    if draft.needs_target and draft.type is ReactionType.SUPPORTS:
        backed = blames.backed.get((draft.sentence.start, draft.agent_principal), set())
        return [
            replace(draft, target=target, needs_target=False)
            for target in sorted(backed - {draft.agent_principal})
        ]
    if draft.needs_target:
        # "Russia's responses will be harsh, he warned" after "he accused Ukraine of"
        paragraph = (draft.sentence.paragraph, draft.agent_principal)
        same = same or blames.paragraph.get(paragraph, set())
        # "no one should test Turkey's patience, he warned" after "... is state terrorism"
        same = same or blames.condemned.get(paragraph, set())
        if (
            not same - {draft.agent_principal}
            and draft.type is ReactionType.THREATENS
            and draft.about is not None
            and not draft.uncoded
        ):
            # "we reserve the right to retaliate" after the other side's attack: at its
            # author, the one the threat answers
            same = set(responsible(draft.about))
        if draft.uncoded and not same - {draft.agent_principal}:
            # "the Houthis will pay": aimed at a group without a code
            return [replace(draft, own_only=False, needs_target=False)]
        return [
            replace(draft, target=target, own_only=False, needs_target=False)
            for target in sorted(same - {draft.agent_principal})
        ]
    # "condemned a massacre committed by the militia and its sponsor": also at the militia
    unaimed = [replace(draft, own_only=False, open_target=False)] if draft.uncoded else []
    if draft.own_only and same - {draft.agent_principal}:
        return [
            replace(draft, target=target, own_only=False)
            for target in sorted(same - {draft.agent_principal})
        ] + unaimed
    if draft.open_target and draft.about is None:
        # "strongly condemns today's attack" after "said the bombs were fired from positions
        # of Rwanda's army", the attack not told as an event: whom the agent blames in the text
        blamed = blames.anywhere.get(draft.agent_principal, set()) - {draft.agent_principal}
        target = next(iter(blamed)) if len(blamed) == 1 else None
        return [replace(draft, target=target, open_target=False)] + (
            unaimed if target is not None else []
        )
    if not (draft.open_target or draft.event_target) or draft.about is None:
        return [draft]
    aimed = [
        replace(draft, target=code, open_target=False, event_target=False)
        for code in _aimed(draft, draft.about, blames)
        if code != draft.agent_principal
    ]
    return aimed + [u for u in unaimed if all(a.target for a in aimed)]


def _aimed(draft: ReactionDraft, event: EventDraft, blames: _Blames) -> list[str | None]:
    """Whom a reaction to an event that names no one is aimed at: the event's author unless
    disputed, else whom the agent blames for it nearby, else no one."""
    by_agent = blames.blamed.get(id(event), {})
    culprits = set().union(*by_agent.values()) if by_agent else set()
    # the agent's own blame for the event, in this sentence or one next to it
    number = blames.order[draft.sentence.start]
    own: set[str] = set()
    for near in (number - 1, number, number + 1):
        own |= blames.here.get((id(event), near, draft.agent_principal), set())
    own -= {draft.agent_principal}
    # "he had accused Ukraine of ... the blast, which he called an act of terrorism"
    own = blames.said.get((draft.sentence.start, draft.agent_principal), set()) or own
    authors = set(responsible(event))
    # a denial (or counter-blame) by the author does not dispute what the narrator says
    narrated = id(event) in blames.narrated
    disputed = (
        (bool(authors & blames.deniers) and not narrated)
        or (not authors and (len(culprits) >= 2 or bool(culprits & blames.deniers)))
        or any(
            agent in authors and targets - {agent} and not narrated
            for agent, targets in blames.attributed.get(id(event), {}).items()
        )
    )
    if (
        draft.event_target
        and not disputed
        and not blames.said.get((draft.sentence.start, draft.agent_principal))
    ):
        return [draft.target]
    if own:
        return [*sorted(own)]
    return [None]


#: Armed groups no actor stands for: a blame they share ("blames both the rebels and their
#: backers in Moscow") does not make a condemnation of the act one of the state.
_NON_STATE = re.compile(
    r"\b(?:rebels?|separatists?|militants?|insurgents?|militias?|jihadists?|terrorists?|"
    r"Hamas|Hezbollah|Houthis?|Taliban|Islamic\s+State|al-Qaeda|Wagner|gunmen)\b"
)
#: "Moscow denied involvement", "Tehran has rejected all of the accusations".
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing))\s+"
    r"(?:any\s+|all\s+(?:of\s+)?(?:the\s+)?|the\s+|its\s+|their\s+|such\s+)?(?:\w+\s+)?"
    r"(?:involvement|responsibility|role|accusations?|allegations?|claims?|charges?|blame|"
    r"using|firing|launching|carrying\s+out|attacking|targeting|having|it\s+was|that\s+it)\b",
    re.I,
)


def _deniers(analysis: Analysis) -> set[str]:
    """The actors the text says deny having done what they are accused of."""
    found: set[str] = set()
    for sentence in analysis.sentences:
        for match in _DENIAL.finditer(analysis.text, sentence.start, sentence.end):
            before = [
                m
                for m in analysis.mentions_in(sentence.start, match.start())
                if m.role == "agent" and m.end <= match.start()
            ]
            if before:
                found.add(before[-1].principal)
    return found


#: Words before an attributive that make it someone's claim ("which blamed an Israeli strike").
_CLAIMED = re.compile(
    r"\b(?:blam\w*|accus\w*|said|says|claim\w*|alleg\w*|call\w*|describ\w*|den\w+|"
    r"attribut\w*|suspect\w*)\b",
    re.I,
)


def _narrated(analysis: Analysis, event: EventDraft) -> bool:
    """Whether the narrator gives the event's author at its first telling: "the toll from
    Saturday's Russian missile strike", the author's demonym on the event's first mention,
    not in a claim ("which blamed an Israeli air strike")."""
    if not event.mentions or event.perpetrator is None:
        return False
    start = min(s for s, _e in event.mentions)
    authors = set(event.perpetrators or [event.perpetrator])
    for m in analysis.mentions_in(max(0, start - 40), start):
        if m.via == "demonym" and m.principal in authors and m.end <= start:
            gap = analysis.text[m.end : start]
            lead = analysis.text[max(0, m.start - 40) : m.start]
            if re.fullmatch(r"\s+(?:[\w-]+\s+){0,2}", gap) and not _CLAIMED.search(lead):
                return True
    return False
