"""Whom a reaction is aimed at, as the text names it.

The object ("condemned Russia", "blamed the US and Britain" -> two), a possessive or
attributive on the object ("condemned Russia's attack", "the Russian strike", "their
Iranian backers"), the author in a relative clause ("the attacks Russia had carried out"),
a gloss ('accused "the Anglo-Saxons", his term for the United States'), an anaphoric object
("accusing them of"); for a characterisation, its objects or attributives ("called Trump
and May criminals", "said Russia's attacks were shocking", "a sign of Russian evil");
"its allies"; the condition of a threat ("if the Syrian government used gas again"); an
actor after "by". Whom a reaction is aimed at when the text names no one is decided by
:mod:`kg.extract.reactions` and :mod:`kg.extract.reaction_settle`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.anaphors import ANAPHORS, resolve_anaphor
from kg.extract.event_places import BACKER_BY
from kg.extract.quotes import QUOTE_MARK
from kg.extract.reaction_clauses import REPORTING, SentenceReader, agentive, coordinated
from kg.extract.uncoded import ARMED_GROUP, uncoded_entities
from kg.model import ActorKind, ReactionType

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.lexicon import Trigger
    from kg.extract.mentions import Mention

__all__ = [
    "act_owner",
    "actor_after_by",
    "aimed_at_uncoded",
    "allies_of",
    "condition_target",
    "find_targets",
    "quote_targets",
]

_OBJECT_GAP = re.compile(
    r"^\s*(?:(?:on|at|with|to|for|against|behind|by|of|the|its|their|his|her|strongly|"
    r"firmly|fully|full|continued|continuing|unwavering|unconditional|also|publicly|further|"
    r"both|all|solidarity|support|blame|responsibility|directly|explicitly|once\s+again|"
    r"again|sharply|strongly|harshly|unequivocally|in\s+the\s+strongest\s+terms|"
    r"government\s+and\s+(?:the\s+)?people|people\s+and\s+(?:the\s+)?government|"
    # "accused the government in Kinshasa": the state whose capital follows
    r"(?:government|authorities|leadership|regime|rulers)\s+in|"
    # "condemned the aggressive actions of Russia": whose conduct
    r"(?:[a-z-]+\s+)?(?:actions?|conduct|behaviou?r|provocations?|policy|policies|"
    r"interference|meddling)\s+of|"
    r"government|governments|leaders|leadership|people|authorities|regime|\w+ly|"
    # "stands with our ally the Philippines", "its close partner"
    r"our|close|key|treaty|ally|allies|partner|partners|friend|friends|neighbour|neighbours)\s+)*$",
    re.I,
)
#: After an organisation's name, what makes it a qualifier of a member: "NATO ally".
_MEMBER_AFTER = re.compile(r"\s+(?:[Aa]ll(?:y|ies)|[Pp]artners?|[Mm]embers?)\b")
#: After a name, what makes it the owner of the act that follows: "the Lukashenko
#: regime's shocking act", "the Assad government's attacks".
_OWNER_OF_ACT = re.compile(
    r"\s+(?:regime|government|administration|leadership|forces|army|military|authorities|"
    r"troops|junta)(?:'s|')"
)
#: Between a reaction word and the name on its object: "condemned the [Russian]", "decried
#: what he said was [Russia's]".
_ATTRIBUTIVE_GAP = re.compile(
    r"^(?:'s?)?\s*(?:what\s+(?:[\w-]+\s+){1,2}?(?:said|says|called|calls|termed|described\s+as)"
    r"\s+(?:(?:was|were|is|are)\s+)?)?(?:[\w-]+\s+){0,3}$"
)
_GLOSS = re.compile(
    r"\s*[\"']?[^,\"']{1,40}[\"']?,\s*(?:(?:his|her|their|its|a|the)\s+)?(?:own\s+)?"
    r"(?:term|word|name|euphemism|shorthand)\s+for\s+(?:the\s+)?",
    re.I,
)
#: An object naming an act whose author a relative clause gives: "the attacks [that]".
_ACT_OBJECT = re.compile(
    r"\s*(?:the|its|their|this|these|those|all)\s+(?:[\w-]+\s+){0,3}?(?:attacks?|strikes?|"
    r"airstrikes?|steps|actions?|measures|operations?|bombings?|shelling|raids?|moves?|"
    r"decisions?|offensive|assault|killings?|crimes?|atrocities|aggression)\s+"
    r"(?:(?:that|which)\s+)?(?:the\s+)?",
    re.I,
)
_AUTHOR_VERB = re.compile(
    r"(?:'s)?\s+(?:forces\s+|troops\s+|military\s+)?(?:had|has|have|was|were)?\s*(?:\w+ly\s+)?"
    r"(?:carried\s+out|launched|conducted|taken|took|is\s+taking|are\s+taking|undertook|"
    r"undertaken|made|committed|fired|perpetrated|staged|ordered|unleashed|waged|mounted)\b",
    re.I,
)
#: Whose conduct a characterisation judges: "the actions of", "the conduct of the".
_ACTS_OF = re.compile(
    r"\b(?:actions?|conduct|behaviou?r|attacks?|aggression|policies|policy|operations?|"
    r"provocations?|crimes?)\s+of\s+(?:the\s+)?$",
    re.I,
)
#: Who stands for an actor in a characterisation: "the leader of the Russian Federation".
_STANDS_FOR = (
    r"(?:leader|leaders|president|head|government|regime|leadership|rulers?|army|military|"
    r"forces)\s+of(?:\s+the)?"
)
_BACKERS = re.compile(r"\s+(?:backers|sponsors|patrons|masters|handlers|paymasters)\b")
#: "... that Russia had attacked civilians": its author did an act of violence.
_ATTACKED = re.compile(
    r"(?:'s)?\s+(?:forces\s+|troops\s+|military\s+|army\s+)?(?:had|has|have|was|were|is|are)?\s*"
    r"(?:\w+ly\s+)?(?:attacked|struck|fired|targeted|bombed|shelled|killed|launched|carried\s+out|"
    r"committed|destroyed|hit|attacking|targeting|bombing|shelling|killing)\b",
    re.I,
)
#: Prepositions before the victim of what a reaction is about ("the attack on Ukraine").
_VICTIM_PREPS = frozenset({"on", "against", "in", "at", "into", "over", "near", "inside", "across"})
#: Nouns of a killing or taking, whose "of" phrase names the victim: "the murder of".
_KILLINGS = r"murders?|killings?|assassinations?|abductions?|kidnappings?"
#: A reaction word that names a killing.
_KILLING_WORD = rf"(?:{_KILLINGS})$"
#: "a heinous attack on innocent Afghans", "terror against innocent Ukrainians": whom an
#: act struck, with adjectives between the preposition and the name; "the cowardly murder
#: of Shinzo Abe": whom the killing took.
_STRUCK = re.compile(
    r"\b(?:attacks?|strikes?|assaults?|aggression|terror|terrorism|war|violence|crimes?|"
    r"atrocit(?:y|ies)|bombing|shelling)\s+(?:on|against|upon)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}$"
    rf"|\b(?:{_KILLINGS}|shooting|stabbing|beheading)\s+of\s+(?:the\s+)?(?:[a-z-]+\s+){{0,3}}$",
)


def is_victim(m: Mention, before: str) -> bool:
    """Whether a mention names whom an act struck, by its preposition ("on Kyiv") or an
    attack noun in the text ``before`` it ("an attack on innocent Afghans")."""
    return m.prep in _VICTIM_PREPS or bool(_STRUCK.search(before))


#: Alliances: states that share one are allies; an organisation counts as its own.
_ALLIANCES = frozenset({"NATO", "EU", "G7", "CSTO", "ASEAN", "AU", "ARAB_LEAGUE"})
#: Organisations whose members are, by and large, also in these alliances.
_ALLIANCE_OF_BODY = {"EU": {"EU", "NATO", "G7"}, "G7": {"G7", "NATO"}, "NATO": {"NATO"}}


def find_targets(reader: SentenceReader, trigger: Trigger, agents: list[Mention]) -> list[Mention]:
    """Whom the object of a trigger names, by the first reading that applies: the object
    or its attributive, "and their backers", the author in a relative clause, a gloss, an
    anaphoric object; the agents themselves never."""
    end = reader.clause_end(trigger.end)
    region = trigger.slot if trigger.slot is not None else (trigger.end, end)
    agent_ids = {a.principal for a in agents}
    for reading in (_object, _their_backers, _act_author, _glossed, _pronoun, _described):
        found = reading(reader, trigger, region, agent_ids)
        if found is not None:
            return found
    return []


def _object(
    reader: SentenceReader, trigger: Trigger, region: tuple[int, int], agent_ids: set[str]
) -> list[Mention] | None:
    """The first mention of the object, with those listed with it, when the trigger is
    aimed at it (see :func:`_aimed_at`); they are objects, not later subjects."""
    text = reader.text
    region_start, end = region
    qualifier: tuple[int, int] | None = None
    for m in reader.mentions:
        if m.start < region_start or m.start >= end or m.principal in agent_ids:
            continue
        if m.kind is ActorKind.IGO and _MEMBER_AFTER.match(text, m.end):
            qualifier = (m.start, m.end)
            continue  # "our NATO ally Turkey": the ally, not the alliance
        owner = bool(_OWNER_OF_ACT.match(text, m.end))
        # 'its "full backing" for Kenya': the marks of a partial quotation are no words
        gap = text[region_start : m.start]
        if qualifier is not None:
            gap = text[region_start : qualifier[0]] + text[qualifier[1] : m.start]
        gap = QUOTE_MARK.sub("", gap)
        if not _aimed_at(trigger, m, gap, m.start - region_start, owner):
            return None
        group = coordinated(reader.mentions, m, text)
        group = [g for g in group if g.principal not in agent_ids]
        for g in group:
            reader.used_as_target.add(id(g))
        return group
    return None


#: A defence treaty or its article, said to cover an ally.
_TREATY = re.compile(r"\b(?:treaty|article)\b", re.I)


def _aimed_at(trigger: Trigger, m: Mention, gap: str, distance: int, owner: bool = False) -> bool:
    """Whether the first mention of the object, ``distance`` characters into it after
    ``gap``, is whom the trigger is aimed at: the object itself ("condemned Russia"), a
    possessive or attributive on it ("Russia's attack", "the Russian strike"), or, for a
    threat, a mention close after it."""
    if re.search(_KILLING_WORD, trigger.text, re.I) and re.match(r"\s*of\b", gap):
        return False  # "the cowardly murder of Shinzo Abe": whom it killed
    direct = (bool(_OBJECT_GAP.match(gap)) and m.role != "weapon") or (
        m.role == "place" and bool(_OBJECT_GAP.match(gap)) and m.via != "demonym"
    )
    if trigger.type is ReactionType.SUPPORTS and re.fullmatch(
        r"\s*(?:[a-z-]+\s+){0,3}(?:to|for)\s+(?:(?:defend|protect|help|assist|support)\s+|"
        r"the\s+(?:(?:defen[cs]e|security|protection|sovereignty|independence|unity|"
        r"(?:territorial\s+)?integrity)(?:,\s*|\s+and\s+|\s+))+of\s+|"
        # "its support for all measures Kuwait takes", "for the steps taken by Bahrain"
        r"(?:(?:all|any|whatever|the)\s+)?(?:measures|steps|actions)\s+(?:that\s+|taken\s+by\s+)?)?"
        r"(?:the\s+|its\s+|both\s+)?",
        gap,
    ):
        direct = True  # "a military aid package for Ukraine", "its commitment to defend Japan"
    if trigger.type is ReactionType.BLAMES and re.fullmatch(r"\s*that\s+(?:the\s+)?", gap):
        direct = True  # "its accusation that the UAE is arming the RSF"
    if (
        trigger.type is ReactionType.SOLIDARITY
        and distance < 90
        and re.search(
            r"\b(?:to|with|of|in)\s+(?:the\s+)?(?:(?:sister|brotherly|friendly)\s+)?$", gap
        )
        and not re.search(r"\b(?:by|from|against)\b|[;]", gap)
    ):
        direct = True  # "condolences to the families of the victims in Ukraine"
    attributive = (
        (m.possessive or m.role == "weapon" or m.via == "demonym" or owner)
        and bool(_ATTRIBUTIVE_GAP.match(gap))
        # "the attack on Israeli civilians", "the strike on Ukraine's grid": the victim's;
        # but a defence treaty "extends to armed attacks on Philippine forces": the ally's
        and not (is_victim(m, gap) and m.role != "weapon" and not _TREATY.search(trigger.text))
    )
    # a threat may name its target loosely: "consequences for relations with Ankara"
    loose = (
        trigger.type is ReactionType.THREATENS
        and m.role != "weapon"
        and (distance < 70)
        and m.prep not in ("from", "by", "in", "at", "near", "on")  # "any attack on X": a victim
        and not re.search(r",\s+(?:and|but|while)\s", gap)
    )
    return direct or attributive or loose


def _their_backers(
    reader: SentenceReader, trigger: Trigger, region: tuple[int, int], agent_ids: set[str]
) -> list[Mention] | None:
    """ "blamed the Houthis and their Iranian backers", "the rebels and their backers in
    Moscow": the backers."""
    text = reader.text
    region_start, end = region
    for m in reader.mentions:
        if (
            region_start <= m.start < end
            and m.principal not in agent_ids
            and (
                (m.via == "demonym" and _BACKERS.match(text, m.end))
                or re.search(
                    r"\b(?:backers|sponsors|patrons|masters|handlers|paymasters)\s+in\s+$",
                    text[max(region_start, m.start - 30) : m.start],
                )
            )
        ):
            return coordinated(reader.mentions, m, text)
    return None


def _act_author(
    reader: SentenceReader, trigger: Trigger, region: tuple[int, int], agent_ids: set[str]
) -> list[Mention] | None:
    """ "condemned the attacks Russia had carried out", "supported the steps Azerbaijan had
    taken": the author of the act in a relative clause."""
    text = reader.text
    region_start, end = region
    act = _ACT_OBJECT.match(text, region_start, end)
    if act is None:
        return None
    named = [
        m
        for m in reader.mentions
        if m.start == act.end() and _AUTHOR_VERB.match(text, m.end) and m.principal not in agent_ids
    ]
    return coordinated(reader.mentions, named[0], text) if named else None


def _glossed(
    reader: SentenceReader, trigger: Trigger, region: tuple[int, int], agent_ids: set[str]
) -> list[Mention] | None:
    """'accused "the Anglo-Saxons", his term for the United States and Britain, of': whom
    the gloss names."""
    text = reader.text
    region_start, end = region
    gloss = _GLOSS.match(text, region_start, end)
    if gloss is None:
        return None
    named = [m for m in reader.mentions if gloss.end() - 4 <= m.start < gloss.end() + 6]
    if not named:
        return None
    return [g for g in coordinated(reader.mentions, named[0], text) if g.principal not in agent_ids]


def _pronoun(
    reader: SentenceReader, trigger: Trigger, region: tuple[int, int], agent_ids: set[str]
) -> list[Mention] | None:
    """ "accusing them of", "blamed it on": whom an anaphoric object refers to."""
    region_start, end = region
    pronoun = re.match(r"^\s*(them|it|him|her)\b", reader.text[region_start:end], re.I)
    if pronoun is None:
        return None
    if trigger.type is ReactionType.CONDEMNS and pronoun.group(1).lower() == "it":
        return None  # "also condemned it": the act in question, not an actor
    kind = {"them": "they", "it": "it", "him": "he", "her": "he"}[pronoun.group(1).lower()]
    before = reader.earlier(trigger.start)
    found = resolve_anaphor(kind, before, reader.analysis.registry)
    return [f for f in found if f.principal not in agent_ids]


#: Definite descriptions that may name an object already named: "stood with the Kingdom".
_DESCRIBED_KINDS = frozenset({"kingdom", "gov", "alliance", "bloc", "council", "org"})


def _described(
    reader: SentenceReader, trigger: Trigger, region: tuple[int, int], agent_ids: set[str]
) -> list[Mention] | None:
    """ "stood firmly with the Kingdom", "backed the alliance": whom a definite description
    that opens the object refers to, among the paragraph's actors (not the agents)."""
    region_start, end = region
    lead = re.match(
        r"\s*(?:(?:firmly|fully|strongly|unequivocally|\w+ly)\s+)?", reader.text[region_start:end]
    )
    opening = ANAPHORS.match(reader.text, region_start + (lead.end() if lead else 0), end)
    if opening is None or opening.lastgroup not in _DESCRIBED_KINDS:
        return None
    earlier = [m for m in reader.earlier(trigger.start) if m.principal not in agent_ids]
    found = resolve_anaphor(opening.lastgroup, earlier, reader.analysis.registry)
    return [f for f in found if f.principal not in agent_ids] or None


#: Between an actor and the characterisation of what it did: "had committed a",
#: "carried out an", "was waging a".
_COMMITTED = re.compile(
    r"(?:'s\s+[a-z]+\s+)?\s*(?:had\s+|has\s+|have\s+|was\s+|were\s+)?(?:committed|carried\s+out|"
    r"perpetrated|waged|waging|launched|staged|unleashed)\s+(?:a|an|the|this|its|their)?\s*"
    r"(?:[a-z-]+\s+){0,2}[\"']?",
)


def quote_targets(reader: SentenceReader, trigger: Trigger, agents: list[Mention]) -> list[Mention]:
    """Whom a characterisation is aimed at: "called Trump, Macron and May criminals",
    "said Russia's attacks were shocking", "a sign of Russian evil", "Azerbaijan's
    actions, which it called unacceptable"."""
    text = reader.text
    agent_ids = {a.principal for a in agents}
    start = reader.clause_start(trigger.start)
    reporting = [m for m in REPORTING.finditer(text, start, trigger.start)]
    region_start = reporting[-1].end() if reporting else start
    for m in reader.mentions:
        if m.start < region_start or m.end > trigger.start or m.principal in agent_ids:
            continue
        if m.role in ("agent", "weapon") and _COMMITTED.fullmatch(text, m.end, trigger.start):
            # "that Thailand had committed a 'flagrant aggression'": who did the act
            return [m]
        if m.role == "place" or is_victim(m, text[max(0, m.start - 70) : m.start]):
            continue
        gap = text[region_start : m.start]
        # "called Putin a war criminal", "called the leader of Russia a war criminal",
        # "considers the actions of the Pakistan Army provocative"
        direct = bool(
            re.fullmatch(r"\s*(?:the\s+)?(?:(?:[\w-]+\s+)?" + _STANDS_FOR + r"\s+)?", gap)
        ) or bool(_ACTS_OF.search(gap))
        if direct or m.role == "weapon" or m.possessive or m.via == "demonym":
            return [
                g for g in coordinated(reader.mentions, m, text) if g.principal not in agent_ids
            ]
    if reporting:
        relative = re.search(
            r"(?:,\s*)?\b(?:which|that)\s+(?:\w+\s+){0,2}$", text[start : reporting[-1].start()]
        )
        if relative is not None:
            head_end = start + relative.start()
            for m in reversed(reader.mentions):
                if m.end <= head_end and head_end - m.end <= 60 and m.principal not in agent_ids:
                    if m.role == "weapon" or m.possessive:
                        return [m]
                    break
    that = re.match(r"\s*(?:that\s+)(?:the\s+)?", text[trigger.end : trigger.end + 12])
    if that is not None:
        named = [
            m
            for m in reader.mentions
            if m.start == trigger.end + that.end()
            and m.principal not in agent_ids
            and _ATTACKED.match(text, m.end)
        ]
        if named:
            return coordinated(reader.mentions, named[0], text)
    end = min(reader.clause_end(trigger.end), trigger.end + 60)
    for m in reader.mentions:
        if (
            trigger.end <= m.start < end
            and m.principal not in agent_ids
            and m.role == "weapon"
            and not re.search(
                r"\b(?:on|against|in|at|into|to|over)\s+(?:the\s+)?$",
                text[trigger.end : m.start],
            )
        ):
            return [m]
    return []


def allies_of(
    reader: SentenceReader, agents: list[Mention], authors: list[str], every: bool = False
) -> list[str]:
    """Whom "its allies" means: the authors of the act in question when they are allied
    with the agent, else the nearest allied actor named before (``every``: each allied
    state named in the 600 characters before, "stood in solidarity with allies")."""
    registry = reader.analysis.registry
    agent_ids = {a.principal for a in agents}

    def groups(code: str) -> set[str]:
        if code in _ALLIANCE_OF_BODY:
            return _ALLIANCE_OF_BODY[code]
        actor = registry.get(code)
        return set(actor.member_of if actor is not None else ()) & _ALLIANCES

    mine = set().union(*(groups(a) for a in agent_ids)) if agent_ids else set()
    allied = [c for c in authors if c not in agent_ids and groups(c) & mine]
    if allied:
        return allied
    before = reader.analysis.mentions_in(max(0, reader.sentence.start - 600), reader.sentence.start)
    found: list[str] = []
    for m in reversed(before):
        if m.role == "agent" and m.principal not in agent_ids and groups(m.principal) & mine:
            if not every:
                return [m.principal]
            if m.kind is ActorKind.STATE and m.principal not in found:
                found.append(m.principal)
    return sorted(found)


def condition_target(
    reader: SentenceReader, trigger: Trigger, agents: list[Mention]
) -> list[Mention]:
    """A threat's target named in its condition: "if the Syrian government used poison
    gas again, the United States was 'locked and loaded'"."""
    text = reader.text
    agent_ids = {a.principal for a in agents}
    for match in re.finditer(
        r"\b(?:if|should|unless)\s+", text[reader.sentence.start : reader.sentence.end], re.I
    ):
        position = reader.sentence.start + match.end()
        for m in reader.mentions:
            if position <= m.start <= position + 12 and m.principal not in agent_ids:
                return [m]
    return []


#: "Saudi Arabia, which Iranian officials accused of": a relative clause whose verb is
#: the trigger, opened by the object pronoun, the agent between.
_OBJECT_RELATIVE = re.compile(r",?\s+(?:which|whom|who)\s+(?:[\w'-]+\s+){1,6}$")


def relative_antecedent(
    reader: SentenceReader, trigger: Trigger, agents: list[Mention]
) -> list[Mention]:
    """ "Saudi Arabia, which Iranian officials accused of financing the separatists": the
    antecedent of a relative pronoun that is the trigger verb's object, when the
    relative clause names the agent before the verb."""
    text = reader.text
    match = _OBJECT_RELATIVE.search(
        text, max(reader.sentence.start, trigger.start - 80), trigger.start
    )
    if match is None or not any(match.start() <= a.start < trigger.start for a in agents):
        return []
    agent_ids = {a.principal for a in agents}
    before = [m for m in reader.mentions if m.end <= match.start() and match.start() - m.end <= 2]
    if not before or before[-1].principal in agent_ids or not agentive(before[-1]):
        return []
    return coordinated(reader.mentions, before[-1], text)


def actor_after_by(reader: SentenceReader, trigger: Trigger) -> list[Mention]:
    """ "an attack planned by Russia": the actor after "by" close behind a trigger."""
    text = reader.text
    end = min(reader.clause_end(trigger.end), trigger.end + 60)
    for m in reader.mentions:
        if trigger.end <= m.start < end and m.role != "place":
            gap = text[trigger.end : m.start]
            if (
                # "by three Russian MiG-31s", "at the hands of Israeli forces"
                re.search(
                    r"\b(?:by|at\s+the\s+hands\s+of)\s+(?:the\s+|an?\s+|(?:two|three|four|"
                    r"five|six|several|\d+)\s+)?$",
                    gap,
                )
                and not BACKER_BY.search(gap)
                and not re.search(r"[;,]|\b(?:said|saying|says)\b", gap)
            ):
                return coordinated(reader.mentions, m, text)
    return []


def aimed_at_uncoded(reader: SentenceReader, trigger: Trigger) -> bool:
    """Whether the object of a trigger is an actor without a code: "stood in solidarity
    with Kosovo", "backed the rebels" (guideline 11: a reaction aimed at no one, not
    none). The entity must open the object, as :func:`_aimed_at` asks of a mention."""
    text = reader.text
    start, end = (
        trigger.slot if trigger.slot is not None else (trigger.end, reader.clause_end(trigger.end))
    )
    analysis = reader.analysis
    starts = [e.start for e in uncoded_entities(analysis, reader.sentence, start, end)]
    starts += [g.start() for g in ARMED_GROUP.finditer(text, start, end)]
    # a country no actor stands for ("Kosovo")
    starts += [
        p.start
        for p in analysis.places_in(start, end)
        if p.is_country and analysis.registry.get(p.country) is None
    ]
    return any(
        bool(_OBJECT_GAP.match(re.sub(r"\b(?:paramilitary|armed|rebel)\s+", "", text[start:s])))
        for s in starts
    )


#: What a support may be given to: an act, an effort or an accord of someone's.
_SUPPORTED_ACT = re.compile(
    r"\s*(?:(?:for|of|to|the|this|that|these|those|its|their|all|an?|\w+ly|active|ongoing|"
    r"continued|diplomatic|mediation|peace)\s+){0,4}(?:efforts?|actions?|operations?|measures|"
    r"steps|agreement|accord|decision|initiatives?|mediation|intervention|proposals?|plan|moves?|"
    r"response|right)\s+(?P<prep>of|by|from)\s+(?:the\s+)?",
    re.I,
)


def act_owner(reader: SentenceReader, trigger: Trigger, agent_ids: set[str]) -> list[Mention]:
    """ "welcomed an agreement by Thailand and Cambodia", "support for the efforts of
    ASEAN": whose act, effort or accord a support is given to, named after "of" or "by"."""
    text = reader.text
    act = _SUPPORTED_ACT.match(text, trigger.end, reader.clause_end(trigger.end))
    if act is None:
        return []
    named = [m for m in reader.mentions if m.start == act.end() and m.role != "place"]
    if not named:
        return []
    return [m for m in coordinated(reader.mentions, named[0], text) if m.principal not in agent_ids]
