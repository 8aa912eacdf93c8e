"""Anaphors: the definite descriptions and pronouns that refer back to an actor.

"the ministry", "the alliance", "its ambassador", "it", "they": :data:`ANAPHORS` finds
them, and :func:`resolve_anaphor` says which of the mentions before one (usually within
its paragraph) it refers to. The reaction readers (:mod:`kg.extract.reaction_clauses` and
the modules that use it) resolve the agents and targets they find this way.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.actors import ActorRegistry
from kg.extract.mentions import Mention
from kg.model import ActorKind

__all__ = ["ANAPHORS", "resolve_anaphor"]

#: A state followed by one of these is a person speaking for it ("Ukraine's president").
_PERSON_HEADS = frozenset(
    {
        "president", "prime", "premier", "chancellor", "minister", "king", "queen", "emir",
        "leader", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson",
        "representative", "foreign", "defence", "defense", "deputy", "diplomat", "official",
        "secretary", "permanent", "chief", "top", "senior", "vice", "acting", "interior",
        "national", "army", "military", "un", "special",
    }
)  # fmt: skip


#: Definite descriptions and pronouns that refer back to an actor, and what they accept.
ANAPHORS = re.compile(
    r"\b(?P<ministry>(?:[Tt]he|[Aa]) (?i:(?:foreign |defen[cs]e )?ministry"
    # "the Ministry of Foreign Affairs and Expatriates": the foreign ministry, unnamed
    r"(?: of (?:foreign affairs|defen[cs]e)(?: and (?:expatriates|international cooperation|"
    r"trade|european affairs|emigrants))?)?"
    r"(?: spokes(?:man|woman|person))?))\b"
    r"|\b(?P<alliance>[Tt]he (?:[\w-]+-led |(?i:western |military |defen[cs]e |security |"
    r"transatlantic ))?(?i:alliance))\b"
    r"|\b(?P<bloc>[Tt]he (?i:bloc|union))\b"
    r"|\b(?P<council>[Tt]he (?i:council))\b"
    r"|\b(?P<org>[Tt]he (?i:world body|organi[sz]ation|body))\b"
    r"|\b(?P<poss>(?:[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur) (?:own )?(?:country|government|nation|"
    r"administration|kingdom|republic))\b"
    # "the Kingdom": a monarchy (see _KINGDOMS), not whichever state came last
    r"|\b(?P<kingdom>[Tt]he (?i:kingdom))\b"
    # "the Gulf country", "the Central Asian country": the state named before
    r"|\b(?P<gov>[Tt]he (?:(?:Gulf|Baltic|Nordic|Balkan|Caucasian|Central Asian|Asian|African|"
    r"European|Arab|Latin American|South American|Caribbean|Pacific|Mediterranean|Scandinavian|"
    r"Andean|Himalayan|Sahelian|Horn of Africa|island|landlocked|small|oil-rich|neighbouring|"
    r"neighboring) (?=country\b|nation\b|kingdom\b|state\b|emirate\b|republic\b))?"
    r"(?i:government|country|state|administration|presidency|"
    r"republic|emirate|nation|presidential (?:administration|office)|cabinet|authorities))\b"
    # "responsibility lay with the regime", "the military junta": a state's rulers
    r"|\b(?P<regime>[Tt]he (?:(?:military|ruling) )?(?i:regime|junta))\b"
    r"|\b(?P<envoy>(?:[Ii]ts|[Tt]heir) (?:own )?(?:ambassador|envoy|foreign minister|"
    r"defen[cs]e minister|prime minister|president|leader|representative|spokesman|"
    r"spokeswoman|spokesperson|foreign ministry|defen[cs]e ministry|military|army))\b"
    # "the Secretary-General": an organisation's head, not a state's official
    r"|\b(?P<secgen>[Tt]he (?i:secretary[- ]general))\b"
    r"|\b(?P<person>[Tt]he (?i:president|prime minister|foreign minister|minister|chancellor|"
    r"spokesman|spokeswoman|leader))\b"
    # "In Tripoli, Deputy Prime Minister Mustafa Abushagur condemned": a titled name no
    # actor has; only the capital that opens the sentence says whose it is
    r"|\b(?P<titled>(?:(?:Deputy|Vice|First|Acting) )?(?:Prime Minister|President|"
    r"(?:Foreign|Defen[cs]e|Interior) Minister|Minister|Ambassador|Envoy|Chancellor|"
    r"(?:[Ff]oreign|[Dd]efen[cs]e) (?:[Mm]inistry|[Oo]ffice) [Ss]pokes(?:man|woman|person))"
    r"(?: [A-Z][\w'-]+){1,4})\b"
    r"|\b(?P<it>[Ii]ts?)\b"
    r"|\b(?P<they>[Tt]hey|[Tt]hem|[Tt]heir|[Tt]he (?:leaders|allies))\b"
    r"|\b(?P<resolution>[Tt]he (?:resolution|text|draft)|[Rr]esolution \d+)\b"
    r"|\b(?P<he>[Hh]e|[Ss]he|[Hh]is|[Hh]er)\b"
)
#: The states a bare "the Kingdom" may stand for.
_KINGDOMS = frozenset(
    {
        "SAU", "JOR", "MAR", "BHR", "GBR", "NLD", "BEL", "ESP", "SWE", "NOR", "DNK", "THA",
        "KHM", "BTN", "LSO", "SWZ", "OMN", "TON",
    }
)  # fmt: skip


def resolve_anaphor(
    kind: str, before: list[Mention], registry: ActorRegistry, home: Mention | None = None
) -> list[Mention]:
    """The mentions an anaphor of ``kind`` (a group name of ``ANAPHORS``) refers to.

    ``before`` are the mentions preceding it (nearest last), usually within its paragraph.
    ``home`` is the state of the capital the story was filed from (its dateline): what an
    unnamed ministry or government stands for when no state before it does ("DAMASCUS -
    ... The Ministry held the Israeli entity responsible").

    >>> from kg.actors import ActorRegistry
    >>> from kg.extract.mentions import MentionFinder
    >>> reg = ActorRegistry.default()
    >>> finder = MentionFinder.for_registry(reg)
    >>> ms = finder.find("NATO met. Poland spoke.")
    >>> [m.actor for m in resolve_anaphor("alliance", ms, reg)]
    ['NATO']
    """
    agents = [m for m in before if m.role == "agent"]
    if kind == "they":
        agents = [m for m in agents if not m.is_person]
        if not agents:
            return []
        group = [agents[-1]]
        for m in reversed(agents[:-1]):
            if group[0].start - m.end <= 6:
                group.insert(0, m)
            else:
                break
        if len(group) > 1:
            return group
        # "the leaders of the G7 and of several NATO countries": two mentions close together
        last = agents[-1]
        if len(agents) > 1 and last.start - agents[-2].end <= 24:
            return [agents[-2], last]
        return [last]
    if kind == "resolution":
        bodies = [m for m in agents if m.principal in ("UNSC", "UNGA")]
        return bodies[-1:]
    want: dict[str, tuple[str, ...]] = {
        "alliance": ("NATO", "CSTO"),
        "bloc": ("EU", "ASEAN", "GCC", "AU", "ARAB_LEAGUE", "BRICS", "OIC"),
        "council": ("UNSC", "GCC"),
    }
    if kind in want:
        hits = [m for m in agents if m.principal in want[kind] or m.actor in want[kind]]
        return hits[-1:]
    if kind == "regime":
        # "the Syrian government ... the regime": a state told of as ruled, before the last
        ruled = [m for m in before if m.kind is ActorKind.STATE and m.head in _RULERS]
        if ruled:
            return ruled[-1:]
    for m in reversed(agents):
        if kind == "ministry" and m.kind in (ActorKind.STATE, ActorKind.BODY):
            if m.kind is ActorKind.BODY:
                return [m]
            for suffix in ("MFA",):
                body = f"{m.principal}.{suffix}"
                if body in registry:
                    return [replace(m, actor=body, kind=ActorKind.BODY, via="coref")]
            return [replace(m, via="coref")]
        if kind in ("org", "secgen") and m.kind is ActorKind.IGO:
            return [m]
        if kind in ("gov", "regime") and m.kind in (ActorKind.STATE, ActorKind.BODY):
            return [m]
        if kind == "kingdom" and m.principal in _KINGDOMS:
            return [m]
        if kind in ("person", "he") and (m.is_person or m.head in _PERSON_HEADS):
            return [m]  # "Ukraine's president ... he"
        if kind == "it" and not m.is_person:
            return [m]
        if kind == "poss" and m.kind is not ActorKind.IGO:
            return [m]
        if kind == "envoy" and not m.is_person:
            return [m]
    if home is not None and kind in _HOME_KINDS:
        return [home]
    return []


#: Heads after a state that make it the rulers "the regime" may stand for.
_RULERS = frozenset({"government", "regime", "junta", "authorities", "army", "military", "forces"})

#: The anaphors that may stand for the state a story was filed from.
_HOME_KINDS = frozenset({"ministry", "gov"})
