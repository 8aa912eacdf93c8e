"""Reactions: trigger, agent, target, polarity, hedging and the event they are about.

For every trigger of the lexicon (:mod:`kg.extract.lexicon`) in a sentence, read with a
:class:`~kg.extract.reaction_clauses.SentenceReader` into
:class:`~kg.extract.reaction_drafts.ReactionDraft` objects:

* **polarity** (:mod:`~kg.extract.reaction_polarity`): a negation ("did not blame",
  "stopped short of condemning"), a denial or rejection ("rejected the accusations"), a
  hypothetical ("would have condemned", "if"), or a request to someone else ("urged the UN
  to condemn") gives no reaction; so does a characterisation inside a description
  ("concerned about the brutal attacks") or of a claim ("called the reports a
  provocation");
* **agent** (:mod:`~kg.extract.reaction_agents`): the subject of the verb ("Moscow
  condemned", a list "Britain and France condemned"), of the reporting verb of a
  characterisation ("X called the attack an act of terror", "X said the strike was a war
  crime", "which it called unacceptable"), the "by" phrase of a passive ("was condemned in
  the strongest terms by Moscow", "was described as savage by X"), the owner or the "from"
  phrase of a nominal reaction ("Germany's solidarity", "condemnation poured in from Paris
  and Rome"), the subject of the main verb for a participle, an infinitive or a coordinated
  verb ("..., accusing them of", "joined others in condemning", "and called for"), a
  resolved anaphor ("it", "the ministry", "his country", "its ambassador", "In Paris, the
  foreign ministry"), or the speaker of reported speech ("'...barbaric act,' Zelensky
  said", "..., Norway's foreign minister said");
* **target** (:mod:`~kg.extract.reaction_targets`; the ones the text implies here): the
  object ("condemned Russia", "blamed the US and Britain" -> two), a possessive or
  attributive on the object ("condemned Russia's attack", "the Russian strike", "their
  Iranian backers"), the author in a relative clause ("the attacks Russia had carried
  out"), the objects or attributives of a characterisation ("called Trump and May
  criminals", "said Russia's attacks were shocking", "a sign of Russian evil"), a gloss
  ('accused "the Anglo-Saxons", his term for the United States'), an actor after "by", the
  condition of a threat ("if the Syrian government used gas again"), or else whoever the
  event the reaction is about is attributed to ("condemned the attack": its authors, "US,
  British and French strikes" -> three; "denounced the vote": the body that voted); none
  when the text says it names no one ("did not say who had fired", "without naming
  Israel");
* **reported responsibility** (:mod:`~kg.extract.reaction_attribution`): "X said Y bore
  responsibility / was behind / must take responsibility / had fired the missile",
  "responsibility lay with Y", "struck by a Y missile" are X blaming Y; "X said Y would
  pay" is X threatening Y;
* once the whole text is read (:mod:`~kg.extract.reaction_settle`), a reaction aimed at an
  event whose author the text disputes (a denial, blame on different actors) is aimed at
  whom its agent blames for it nearby, else at no one;
* blames, supports, solidarity and threats need a target; without one they are dropped;
* **hedged**: "allegedly", "reportedly", "claimed", "suggested" in the clause.

>>> import datetime as dt
>>> from kg.extract.document import analyse
>>> from kg.extract.events import find_events
>>> a = analyse("Ukrainian drones hit Belgorod. The attack was condemned by Moscow.")
>>> [(r.type.value, r.agent, r.target) for r in find_reactions(a, find_events(a))]
[('condemns', 'RUS', 'UKR')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.appeals import aim_appeals
from kg.extract.ellipsis import repeated_by_ellipsis
from kg.extract.reaction_agents import clause_subject, find_agents
from kg.extract.reaction_attribution import PAYS, read_attribution, read_sanction
from kg.extract.reaction_clauses import SPEECH_VERB, SentenceReader, agentive
from kg.extract.reaction_drafts import (
    ReactionDraft,
    event_for,
    make_draft,
    merge_drafts,
    responsible,
)
from kg.extract.reaction_polarity import HEDGE, is_dismissed, is_negated
from kg.extract.reaction_settle import settle_targets
from kg.extract.reaction_targets import (
    act_owner,
    actor_after_by,
    aimed_at_uncoded,
    allies_of,
    condition_target,
    find_targets,
    quote_targets,
    relative_antecedent,
)
from kg.extract.standing import solidarity_with_victims
from kg.extract.thanks import THANKED_FOR, read_thanks
from kg.extract.uncoded import (
    ARMED_GROUP,
    GROUP_ACT,
    GROUP_ACT_BY,
    names_uncoded_group,
    unresolved_actors,
)
from kg.extract.vetoes import NAMES_VETO, veto_casters
from kg.model import ActorKind, EventKind, ReactionType

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.events import EventDraft
    from kg.extract.lexicon import Trigger
    from kg.extract.mentions import Mention

__all__ = ["find_reactions"]

#: An object that names no act in particular: "the violence", "the escalation".
_GENERIC_OBJECT = re.compile(
    r"^\s*(?:the\s+|this\s+|all\s+|any\s+)?(?:\w+\s+)?(?:violence|hostilities|escalation|"
    r"fighting|situation|bloodshed|loss\s+of\s+life|killing\s+of\s+civilians|"
    r"suffering|war|(?:broadening|widening|spread|expansion)\s+of)\b",
    re.I,
)
#: A word for an act in particular: "the attack", "this strike", "the vote".
_SPECIFIC_EVENT = re.compile(
    r"\b(?:attacks?|strikes?|airstrikes?|shelling|bombings?|bombardments?|barrages?|blasts?|"
    r"explosions?|sabotage|incursions?|downing|shoot-?down|breach|destruction|killings?|"
    r"operations?|actions?|raids?|incidents?|vote|resolution|text|decision|it|this|assault|"
    r"offensive|intercept|collision|crash|tragedy|disaster|massacre|atrocity|crime|"
    r"response|retaliation|steps|measures|move|tests?|launch(?:es)?|invasion|aggression|"
    r"incursion|occupation|act|intervention|campaign|deployment|violations?|intrusions?|"
    r"transits?|overflights?|flights?|seizures?|boarding|provocations?|firing|shootings?|"
    r"ramming|sinking|detention|water\s+cannon)\b",
    re.I,
)
#: "the statement did not say who had fired the missile": the target stays unnamed.
_UNNAMED = re.compile(
    r"\b(?:did\s+not|does\s+not|didn't|doesn't|without|not|declin\w+\s+to|refus\w+\s+to|"
    r"stopp\w+\s+short\s+of)\s+(?:say(?:ing)?|nam(?:e|ing)|identify(?:ing)?|specify(?:ing)?|"
    r"blam(?:e|ing)|attribut(?:e|ing)(?:\s+it)?(?:\s+to)?|assign(?:ing)?\s+blame(?:\s+to)?)\s+"
    r"(?:who|whom|the\s+perpetrators?|anyone|any\s+(?:country|party|side|state)|a\s+culprit|"
    r"either\s+side|any\s+one|a\s+perpetrator)"
    r"|\b(?:without|not)\s+(?:naming|mentioning|identifying|criticising|criticizing|blaming)\s+"
    r"(?:the\s+)?[A-Z]|\bby\s+name\b"
    # "but did not name Ethiopia", "its statement did not mention Israel"
    r"|\b(?:did\s+not|didn't|does\s+not|doesn't|never)\s+(?:name|mention|identify|blame|cite)\s+"
    r"(?:the\s+)?(?-i:[A-Z])",
    re.I,
)
#: "stood with its allies": the allies of the agent.
_ITS_ALLIES = re.compile(
    r"\s*(?:with|by|behind|to)?\s*(?:its|their|his|her|our)\s+(?:\w+\s+)?(?:allies|ally|partners?|"
    r"friends?)\b",
    re.I,
)
#: Solidarity with the people an act struck, not with a state: "stands with the victims".
_WITH_THE_VICTIMS = re.compile(r"\bthe\s+(?:victims|families|survivors|bereaved|wounded)$", re.I)
#: What a mention names when it owns a norm: "UN resolutions", "EU law", "the UN Charter".
_NORM_OWNED = re.compile(
    r"(?:'s)?\s+(?:[\w-]+\s+)?(?:resolutions?|charter|law|sanctions|mandate|rules|norms|"
    r"conventions?|treaty|treaties)\b",
    re.I,
)
#: "blamed each other": two agents, each the other's target.
_EACH_OTHER = re.compile(r"^\s*each\s+other\b|^\s*one\s+another\b", re.I)
#: Types whose reaction means nothing without someone it is directed at.
_NEEDS_TARGET = frozenset(
    {ReactionType.BLAMES, ReactionType.SUPPORTS, ReactionType.SOLIDARITY, ReactionType.THREATENS}
)


def find_reactions(analysis: Analysis, events: list[EventDraft]) -> list[ReactionDraft]:
    """The reactions of an analysed document, in order, duplicates merged."""
    drafts: list[ReactionDraft] = []
    triggers = analysis.triggers()
    index = 0
    for sentence in analysis.sentences:
        own: list[Trigger] = []
        while index < len(triggers) and triggers[index].start < sentence.end:
            if triggers[index].start >= sentence.start:
                own.append(triggers[index])
            index += 1
        if sentence.heading or not own:
            continue
        reader = SentenceReader(analysis, sentence)
        for trigger in own:
            drafts.extend(_read(reader, trigger, events))
    drafts = repeated_by_ellipsis(analysis, drafts)
    drafts = aim_appeals(analysis, drafts, events)
    return merge_drafts(solidarity_with_victims(settle_targets(analysis, drafts)))


def _read(
    reader: SentenceReader, trigger: Trigger, events: list[EventDraft]
) -> list[ReactionDraft]:
    """The reactions one trigger of the sentence gives: none, or one per agent and target."""
    if trigger.rule.kind in ("resp", "byresp"):
        return read_attribution(reader, trigger, events)
    if is_dismissed(reader, trigger):
        return []
    if (
        trigger.rule.kind == "verb"
        and trigger.type is ReactionType.SUPPORTS
        and trigger.text.lower().startswith("thank")
        and THANKED_FOR.match(reader.text, trigger.end, reader.sentence.end)
    ):
        return []  # "thanked Japan for its solidarity": Japan's reaction (read_thanks)
    pays = trigger.type is ReactionType.THREATENS and PAYS.match(trigger.text) is not None
    if pays:
        found = read_sanction(reader, trigger, events)
        if found is not None:
            return found
    negated = is_negated(reader, trigger)
    agents, passive = find_agents(reader, trigger)
    if pays:
        # "Iran will pay": whoever will pay is threatened, never the one who threatens
        agents = [
            a
            for a in agents
            if not (
                a.end <= trigger.start
                and re.fullmatch(
                    r"(?:'s)?\s*(?:[\w-]+\s+){0,3}?", reader.text[a.end : trigger.start]
                )
            )
        ]
    if not negated:  # whom the reaction names but no reference actor stands for
        reader.analysis.unresolved += unresolved_actors(reader.analysis, reader.sentence, trigger)
    if not agents:
        return []
    reader.last_agents = agents
    reader.last_end = trigger.end
    if negated:
        find_targets(reader, trigger, agents)  # its objects are no later subject
        return []
    clause = reader.text[
        max(reader.clause_start(trigger.start), trigger.start - 200) : min(
            reader.clause_end(trigger.end), trigger.end + 200
        )
    ]
    hedged = bool(HEDGE.search(clause))
    event = event_for(reader, trigger, events, agents)
    if trigger.rule.kind == "thanked":
        return read_thanks(reader, trigger, agents, event, hedged)
    return _aim(_Reading(reader, trigger, agents, passive, hedged, event))


@dataclass(frozen=True)
class _Reading:
    """A trigger whose agents are found, and what its reactions are about."""

    reader: SentenceReader
    trigger: Trigger
    agents: list[Mention]
    passive: bool
    hedged: bool
    event: EventDraft | None

    @property
    def agent_ids(self) -> set[str]:
        """The agents' principals: never a target of theirs."""
        return {a.principal for a in self.agents}

    def draft(
        self, agent: Mention, target: Mention | None, target_code: str | None = None
    ) -> ReactionDraft:
        """The reaction of one agent, aimed at ``target`` (or ``target_code``)."""
        return make_draft(
            self.trigger, self.reader, agent, target, self.hedged, self.event, target_code
        )


def _aim(r: _Reading) -> list[ReactionDraft]:
    """The reactions of a trigger: aimed at the targets the text names, else at the ones
    it implies (:func:`_unnamed`)."""
    reader, trigger = r.reader, r.trigger
    targets = _named_targets(r)
    if not targets and reader.agent_from:
        # "X drew a sharp rebuke from Y": the rebuke is aimed at X
        targets = [
            m
            for m in clause_subject(reader, reader.clause_start(trigger.start), trigger.start)
            if m.principal not in r.agent_ids
        ]
        if not targets:
            found = _poured_in(r)
            if found:
                return found
    if not targets and trigger.type is ReactionType.THREATENS:
        targets = list(condition_target(reader, trigger, r.agents))
    if _EACH_OTHER.match(reader.text[trigger.end : trigger.end + 20]) and len(r.agents) == 2:
        first, second = r.agents
        return [r.draft(first, second), r.draft(second, first)]
    if targets:
        return _drafts(r, targets)
    return _unnamed(r)


def _named_targets(r: _Reading) -> list[Mention | None]:
    """The targets the text names: the subject of a passive ("Russia was condemned"), the
    object (:func:`find_targets`), whom a characterisation is about, or the object of a
    phrase ("supplying Kyiv with air-defence systems")."""
    reader, trigger = r.reader, r.trigger
    kind = trigger.rule.kind
    targets: list[Mention | None]
    if r.passive:
        subject = [
            m
            for m in reader.mentions
            if m.end <= trigger.start
            and agentive(m)
            and m.start >= reader.clause_start(trigger.start)
        ]
        targets = list(subject[-1:]) or []
    else:
        targets = list(find_targets(reader, trigger, r.agents))
    if not targets and kind == "quote":
        targets = list(quote_targets(reader, trigger, r.agents))
    if not targets and kind == "verb":
        targets = list(relative_antecedent(reader, trigger, r.agents))
    # "a violation of UN resolutions", "the US-brokered truce": whose norm, not a target
    targets = [t for t in targets if t is None or not _NORM_OWNED.match(reader.text, t.end)]
    if trigger.type is ReactionType.THREATENS and kind == "verb":
        # "warned that the EU would consider sanctions": who would act threatens with it
        targets = [t for t in targets if t is None or not _WOULD_ACT.match(reader.text, t.end)]
    if not targets and kind == "phrase" and trigger.type in _NEEDS_TARGET:
        # "supplying Kyiv with air-defence systems", "threatened Seoul with retaliation"
        verb_end = trigger.start + len(trigger.text.split()[0])
        agent_ids = r.agent_ids
        objects: list[Mention | None] = [
            m
            for m in reader.mentions
            if m.start >= verb_end
            and re.fullmatch(r"\s+(?:the\s+)?", reader.text[verb_end : m.start])
            and m.principal not in agent_ids
            and m.role != "place"
        ]
        targets = objects[:1]
        if not targets and trigger.type is ReactionType.THREATENS:
            # "would take measures the North would find unbearable": whom the idiom names
            targets = [
                m
                for m in reader.mentions
                if trigger.start < m.start and m.end <= trigger.end and m.principal not in agent_ids
            ]
            targets = targets[:1]
    if not targets and trigger.type in (ReactionType.THREATENS, ReactionType.CEASEFIRE):
        targets = list(_addressed_state(r))
    return targets


#: The subject of the action a warning announces: "(warned that) Sudan would respond".
_WOULD_ACT = re.compile(
    r"\s+(?:would|will|could|might|was|were|is|are|stood|stands)\s+(?:\w+ly\s+)?(?:ready|"
    r"prepared|respond|retaliate|impose|consider|take|act|strike|use|not\s+hesitate|resume|"
    r"continue|have\s+to|be\s+forced|defend|protect|react|answer|hit\s+back)\b",
    re.I,
)
#: "in a warning addressed to Kinshasa", "in a message aimed at Minsk", "addressing Seoul".
_ADDRESSED = re.compile(
    r"\b(?:(?:addressed|aimed|directed)\s+(?:at|to)|addressing)\s+(?:the\s+)?$", re.I
)


def _addressed_state(r: _Reading) -> list[Mention]:
    """The state a threat or an appeal is addressed to, when the sentence says so ("said in
    a statement addressed to Moscow"); an organisation it is sent to is no addressee."""
    reader = r.reader
    return [
        m
        for m in reader.mentions
        if m.kind is ActorKind.STATE
        and m.principal not in r.agent_ids
        and _ADDRESSED.search(reader.text, max(reader.sentence.start, m.start - 30), m.start)
    ][:1]


#: The authors of an act, unnamed: "those responsible", "those behind the attack".
_UNNAMED_CULPRITS = re.compile(
    r"\b(?:those|all\s+those|anyone|whoever)\s+(?:who\s+(?:were|was|are)\s+)?(?:responsible|"
    r"behind|involved)\b|\bthe\s+(?:perpetrators|culprits|organi[sz]ers|masterminds)\b",
    re.I,
)


def _poured_in(r: _Reading) -> list[ReactionDraft]:
    """ "Condemnation poured in from Paris and Rome": a condemnation from someone, of the
    event in question (not of "the violence"), aimed at its authors."""
    trigger = r.trigger
    codes = [c for c in responsible(r.event) if c not in r.agent_ids]
    generic_object = _GENERIC_OBJECT.match(
        re.sub(r"^\s*(?:of|for|over|at)\s+", " ", r.reader.text[trigger.end : trigger.end + 60])
    )
    if codes and trigger.type is ReactionType.CONDEMNS and generic_object is None:
        return _event_drafts(r, codes)
    return []


def _unnamed(r: _Reading) -> list[ReactionDraft]:
    """The reactions of a trigger whose text names no target: aimed at an actor after
    "by" or at the authors of the act in question, for a support at the allies or the
    authors of what it supports; else a threat needs a target found later, a blame of a
    group without a code and the other types are aimed at no one (for now: see
    :func:`kg.extract.reaction_settle.settle_targets`), and the rest are none."""
    trigger = r.trigger
    inferable = own_only = False
    if _object_implied(r):
        about = _object_of(r)
        # "condemned Wednesday's Hezbollah attack": the act of the group it names, not of
        # whoever carried out the article's other events
        groups_act = GROUP_ACT.match(r.reader.text, trigger.end) is not None or (
            # "condemned this appalling assault against Israel by Hamas terrorists"
            GROUP_ACT_BY.search(
                r.reader.text, trigger.end, min(r.reader.clause_end(trigger.end), trigger.end + 120)
            )
            is not None
        )
        found = _by_actor_drafts(r) or ([] if groups_act else _author_drafts(r, about))
        if found:
            return found
        # (with no event in the text: at whom the agent blames elsewhere, if one; see
        # kg.extract.reaction_settle)
        inferable = not about.generic and about.specific and not about.unnamed
        # else aimed at whom the agent blames in the same sentence, if anyone
        own_only = not inferable and not about.unnamed
        if trigger.type is ReactionType.CONDEMNS and ARMED_GROUP.search(
            r.reader.text, trigger.end, r.reader.clause_end(trigger.end)
        ):
            if groups_act:
                inferable = own_only = False
            return _uncoded(_drafts(r, [None], inferable, own_only))
    if trigger.type is ReactionType.SUPPORTS:
        supported = _supported(r)
        if supported is not None:
            return supported
        if re.search(
            r"\band\s+(?:\w+ly\s+)?$", r.reader.text[r.reader.sentence.start : trigger.start]
        ):
            # "stood with the people of India and offered full support for the inquiry":
            # aimed at whom the agent backs earlier in the sentence, if anyone
            backing = [r.draft(a, None) for a in r.agents]
            for draft in backing:
                draft.needs_target = True
            return backing
    reader = r.reader
    sentence = reader.sentence
    if trigger.type is ReactionType.THREATENS:
        # aimed at whom the agent blames nearby; else, if the sentence names a group
        # without a code ("the Houthis ... will not go unpunished"), at that group
        uncoded = bool(ARMED_GROUP.search(reader.text, sentence.start, sentence.end))
        event = r.event
        if event is not None and event.perpetrator is None and event.sentences:
            # "Gunmen stormed the hotel ... The government would strike with an iron fist":
            # at the group without a code that carried out the act in question
            start, end = event.sentences[0]
            uncoded = uncoded or bool(ARMED_GROUP.search(reader.text, start, end))
            # "those responsible would be crushed": the unnamed authors of an act no state did
            uncoded = uncoded or bool(
                _UNNAMED_CULPRITS.search(reader.text, sentence.start, sentence.end)
            )
        threats = [r.draft(a, None) for a in r.agents]
        for draft in threats:
            draft.own_only = draft.needs_target = True
            draft.uncoded = uncoded
        return threats
    if trigger.type is ReactionType.BLAMES:
        # "accused the paramilitary RSF of", "blamed Hezbollah": a group without a code
        end = min(reader.clause_end(trigger.end), trigger.end + 120)
        if names_uncoded_group(
            reader.analysis, reader.sentence, trigger.start, end
        ) or aimed_at_uncoded(reader, trigger):
            return _uncoded(_drafts(r, [None], inferable, own_only))
    if trigger.type is ReactionType.SOLIDARITY and re.match(
        r"\s*with\s+(?:its\s+|their\s+|fellow\s+)?allies\b", reader.text[trigger.end :]
    ):
        # "the alliance stood in solidarity with allies": each ally named before
        allies = allies_of(reader, r.agents, [], every=True)
        return [r.draft(a, None, code) for a in r.agents for code in allies if a.principal != code]
    victim = _aided_victim(r)
    if victim is not None:
        return [r.draft(a, None, victim) for a in r.agents if a.principal != victim]
    if trigger.type in _NEEDS_TARGET:
        if trigger.type is ReactionType.SOLIDARITY and aimed_at_uncoded(reader, trigger):
            return _uncoded(_drafts(r, [None]))  # "solidarity with Kosovo"
        struck = _country_struck(r.event)
        if trigger.type is ReactionType.SOLIDARITY and _WITH_THE_VICTIMS.search(trigger.text):
            # "stands with the victims": with the country the act struck, if the text says
            if struck is not None:
                return [r.draft(a, None, struck) for a in r.agents if a.principal != struck]
            return _drafts(r, [None])
        if (
            trigger.type is ReactionType.SOLIDARITY
            and struck is not None
            and _SOLIDARITY_WORD.search(trigger.text)
            and not _SOLIDARITY_WITH.match(reader.text, trigger.end)
        ):
            # "Messages of solidarity came from Lithuania and Estonia" after a drone crashed
            # in Latvia: with the country the act struck, when nobody is named
            return [r.draft(a, None, struck) for a in r.agents if a.principal != struck]
        return []
    return _drafts(r, [None], inferable, own_only)


#: Solidarity said in so many words (not "sympathy", "regret", "stand by").
_SOLIDARITY_WORD = re.compile(r"solidarity|\bstands?\s+with\b|\bstood\s+with\b", re.I)
#: Solidarity told with whom it is: "solidarity with", "to", "for".
_SOLIDARITY_WITH = re.compile(r"\s*(?:[\w-]+\s+)?(?:with|to|for|towards)\b", re.I)


def _aided_victim(r: _Reading) -> str | None:
    """ "Qatar said it would send field hospitals", "Turkey stood ready to help": aid (CAMEO
    07) offered after an attack or a disaster goes to the country it struck, when the text
    names no recipient and that country is not the act's author."""
    if r.trigger.type is not ReactionType.SUPPORTS or not r.trigger.cameo.startswith("07"):
        return None
    return _country_struck(r.event)


def _country_struck(event: EventDraft | None) -> str | None:
    """The country an event happened in, when that country is not its author: whom aid,
    or solidarity with its victims, goes to."""
    if event is None or event.country is None or event.country in responsible(event):
        return None
    return event.country


def _uncoded(drafts: list[ReactionDraft]) -> list[ReactionDraft]:
    """The drafts, marked as aimed at a group without a code."""
    for draft in drafts:
        draft.uncoded = True
    return drafts


def _drafts(
    r: _Reading, targets: list[Mention | None], inferable: bool = False, own_only: bool = False
) -> list[ReactionDraft]:
    """One reaction per agent and target (never aimed at the agent); one aimed at no one
    is ``open_target`` when ``inferable`` and ``own_only`` when ``own_only``."""
    found = []
    for agent in r.agents:
        for target in targets:
            if target is not None and target.principal == agent.principal:
                continue
            draft = r.draft(agent, target)
            draft.open_target = inferable and target is None
            draft.own_only = own_only and target is None
            found.append(draft)
    return found


def _event_drafts(r: _Reading, codes: list[str]) -> list[ReactionDraft]:
    """Reactions aimed at the authors of the event in question (``codes``), which the text
    does not name here."""
    found = [r.draft(a, None, code) for a in r.agents for code in codes]
    for draft in found:
        draft.event_target = True
    return found


def _object_implied(r: _Reading) -> bool:
    """Whether a condemnation, blame or threat with no target may be aimed at someone the
    text implies; a blame with an explicit object ("blamed X for") may not."""
    trigger = r.trigger
    explicit_object = (
        trigger.type is ReactionType.BLAMES
        and trigger.rule.kind == "verb"
        and bool(
            re.match(
                r"\s+(?!of\b|for\b|over\b|on\b|in\b|that\b|it\b|them\b)[A-Za-z]",
                r.reader.text[trigger.end : trigger.end + 20],
            )
        )
    )
    return not explicit_object and trigger.type in (
        ReactionType.CONDEMNS,
        ReactionType.BLAMES,
        ReactionType.THREATENS,
    )


@dataclass(frozen=True)
class _Object:
    """What the sentence says of the object of a reaction that names no one."""

    #: "the violence", "the escalation": no act in particular.
    generic: bool
    #: The sentence tells of an act in particular ("the attack", "this strike").
    specific: bool
    #: The text says it names no one ("did not say who fired", "without naming Israel").
    unnamed: bool


def _object_of(r: _Reading) -> _Object:
    """What the sentence says of the object of a reaction whose text names no target."""
    reader, trigger = r.reader, r.trigger
    kind = trigger.rule.kind
    object_text = reader.text[trigger.end : reader.clause_end(trigger.end)]
    if kind == "quote":
        spoken = list(SPEECH_VERB.finditer(reader.text, reader.sentence.start, trigger.start))
        if spoken:
            object_text = reader.text[spoken[-1].end() : trigger.start]
    generic_match = _GENERIC_OBJECT.match(object_text)
    generic = generic_match is not None and not re.match(
        r"^\s*(?:\w+\s+){0,3}(?:by|from)\s", object_text[generic_match.end() :]
    )
    sentence_text = reader.text[reader.sentence.start : reader.sentence.end]
    specific = bool(_SPECIFIC_EVENT.search(sentence_text))
    if (
        not specific
        and trigger.type is ReactionType.CONDEMNS
        and kind in ("quote", "phrase", "noun")
    ):
        # "Frederiksen said she was horrified.", "Jordan issued a statement of
        # condemnation.": about the event in question
        specific = bool(re.match(r"\s*[\"']?\s*(?:[.;]|$)", reader.text[trigger.end :]))
    return _Object(generic, specific, bool(_UNNAMED.search(sentence_text)))


def _by_actor_drafts(r: _Reading) -> list[ReactionDraft]:
    """ "condemned an attack planned by Russia": reactions aimed at the actor after "by"."""
    if r.passive:
        return []
    by_actor = [m for m in actor_after_by(r.reader, r.trigger) if m.principal not in r.agent_ids]
    return [r.draft(a, t) for a in r.agents for t in by_actor if t.principal != a.principal]


#: An object that names a vote or what was voted: "the vote", "the resolution".
_NAMES_VOTE = re.compile(
    r"\s*(?:the|this|that|its|their|today's|[\w-]+'s)?\s*(?:[\w-]+\s+){0,2}?"
    r"(?:vote|votes|voting|resolution|text|motion|draft|decision|veto|adoption)\b",
    re.I,
)


def _names_veto(r: _Reading) -> bool:
    """Whether the reaction's object is a veto: "condemned the veto", "called the vetoes
    a travesty"."""
    text, trigger = r.reader.text, r.trigger
    if trigger.rule.kind == "quote":
        start = r.reader.clause_start(trigger.start)
        return re.search(r"\bvetoe?s?\b", text[start : trigger.start], re.I) is not None
    return NAMES_VETO.match(text, trigger.end) is not None


def _author_drafts(r: _Reading, about: _Object) -> list[ReactionDraft]:
    """ "condemned the attack": reactions aimed at the authors of the act in question, when
    the sentence tells of an act in particular and does not say it names no one; a veto's
    are the states that cast it (:func:`kg.extract.vetoes.veto_casters`)."""
    if _names_veto(r):
        casters = veto_casters(r.reader.analysis, r.trigger.start)
        casters = [code for code in casters if code not in r.agent_ids]
        if casters:
            return _event_drafts(r, casters)
    perpetrators = responsible(r.event)
    if (
        r.event is not None
        and r.event.kind is EventKind.VOTE
        and not _NAMES_VOTE.match(r.reader.text, r.trigger.end)
    ):
        # "Mexico condemns the blockade" in an article about a vote: not the voters
        perpetrators = []
    perpetrator = perpetrators[0] if perpetrators else None
    agent_ids = r.agent_ids
    if (
        perpetrator is not None
        and not about.generic
        and (about.specific or r.trigger.type is ReactionType.THREATENS)
        and not about.unnamed
        and perpetrator not in agent_ids
    ):
        return _event_drafts(r, [code for code in perpetrators if code not in agent_ids])
    event = r.event
    if (
        r.trigger.type is ReactionType.THREATENS
        and event is not None
        and perpetrator is not None
        and perpetrator in agent_ids
        and event.country is not None
        and event.country not in agent_ids
        and not about.unnamed
        # "the Houthis would be met with overwhelming force": a group without a code
        and not ARMED_GROUP.search(r.reader.text, r.reader.sentence.start, r.reader.sentence.end)
    ):
        # "Baku warned of further decisive measures" after its troops' fire killed Armenian
        # soldiers: the author of the act threatens the side it struck
        return _event_drafts(r, [event.country])
    return []


#: What a UN organ adopts: "the resolution", "the Council's presidential statement".
_ADOPTED_TEXT = re.compile(
    r"\s*(?:the|this|that|its)\s+(?:(?P<organ>Council|Assembly)'s\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:resolution|statement|text|decision|declaration)\b"
)
_ORGAN_BY_WORD = {"Council": "UNSC", "Assembly": "UNGA"}
_WELCOMED = re.compile(r"(?:welcom|hail|prais|applaud|commend|laud|salut)", re.I)


def _adopting_organ(reader: SentenceReader, trigger: Trigger, object_text: str) -> str | None:
    """The UN organ whose text a support welcomes: the one its object names ("the
    Council's decision"), else the last one the article names before it."""
    adopted = _ADOPTED_TEXT.match(object_text)
    if adopted is None or not (_WELCOMED.match(trigger.text) or trigger.rule.kind == "quote"):
        return None  # "backed the resolution": a vote for it, an endorsement at most
    if adopted.group("organ"):
        return _ORGAN_BY_WORD[adopted.group("organ")]
    organs = [
        m.principal
        for m in reader.analysis.mentions_in(0, trigger.start)
        if m.principal in _ORGAN_BY_WORD.values()
    ]
    return organs[-1] if organs else None


def _supported(r: _Reading) -> list[ReactionDraft] | None:
    """Whom a support with no target named supports: "its allies" (:func:`allies_of`), or
    the authors of the act it supports ("backed the strikes"), or the body whose vote it
    hails; ``None`` when it says none of these."""
    reader, trigger, event = r.reader, r.trigger, r.event
    object_text = reader.text[trigger.end : reader.clause_end(trigger.end)]
    if trigger.rule.kind == "quote":
        object_text = reader.text[reader.clause_start(trigger.start) : trigger.start]
        object_text = re.sub(r"^.*\b(?:called|described|regarded|said|termed)\s+", "", object_text)
    codes = responsible(event) if event is not None and event.perpetrator else []
    if (
        event is not None
        and event.voter
        and re.match(
            r"\s*(?:the|this|that)\s+(?:\w+\s+)?(?:vote|decision|adoption|outcome)\b",
            object_text,
        )
    ):
        codes = [event.voter]  # "hailed the vote": the body that voted
    owners = act_owner(reader, trigger, r.agent_ids)
    if owners:
        return [r.draft(a, t) for a in r.agents for t in owners]
    organ = _adopting_organ(reader, trigger, object_text)
    if organ is not None and organ not in r.agent_ids:
        # "welcomed the statement", "hailed the Council's decision": the organ that adopted
        return [r.draft(a, None, organ) for a in r.agents]
    if _ITS_ALLIES.match(object_text):
        # "stood with its ally", "would stand with its allies": the allies in question
        allies = allies_of(reader, r.agents, codes)
        return [r.draft(a, None, code) for a in r.agents for code in allies if a.principal != code]
    if codes and _SPECIFIC_EVENT.match(
        re.sub(
            r"^\s*(?:(?:for|of|to|with|the|this|that|these|those|its|their|\w+ly)\s+)+",
            "",
            object_text,
        )
    ):
        return [r.draft(a, None, code) for a in r.agents for code in codes if a.principal != code]
    return None
