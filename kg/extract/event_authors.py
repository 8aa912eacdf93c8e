"""Who carried out an event, by the surface rules (the parse is the fallback).

The author of an event word is, in this order: an attributive or possessive just before it
("Russian missile strikes", "a US drone strike", "Moscow's offensive"); an actor inside it
("the missiles Iran launched"); an actor after "by", "from" or "attributed to" ("by
Ukrainian forces", "fired by Ukraine's air defence"), unless that phrase is someone's
reaction ("was denounced by Washington"); the subject of an attack verb ("Russia was
pounding", "Turkish fighter jets shot down"); the state whose own forces did it ("its
armed forces had shot down"); else what :func:`kg.extract.perpetrators.parsed_perpetrator`
reads from the dependency parse. The states named with the author in one list are its
accomplices ("US, British and French strikes"). A hedge in the sentence ("allegedly",
"suspected") marks the attribution hedged.

>>> from kg.extract.document import analyse
>>> from kg.extract.event_triggers import find_event_triggers
>>> a = analyse("US, British and French strikes hit Syria.")
>>> [trigger] = find_event_triggers(a.sentences[0])
>>> author, hedged, accomplices = perpetrator_of(a, a.sentences[0], trigger)
>>> author.principal, hedged, accomplices
('USA', False, ['USA', 'GBR', 'FRA'])
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from kg.extract.event_places import BACKER_BY, MADE_OR_FLAGGED
from kg.extract.event_triggers import CRAFT, find_event_triggers
from kg.extract.heads import FORCE_HEADS, MEMBER_HEADS
from kg.extract.perpetrators import parsed_perpetrator
from kg.extract.uncoded import ARMED_GROUP
from kg.model import ActorKind, EventKind

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.event_triggers import EventTrigger
    from kg.extract.mentions import Mention
    from kg.extract.sentences import Sentence

__all__ = ["perpetrator_of"]

_BY_ACTOR = re.compile(
    r"(?:\bby|(?<!launched )(?<!fired )(?<!flown )\bfrom|(?:widely\s+|generally\s+)?"
    r"(?:attributed|blamed)\s+(?:\w+\s+)?(?:to|on))\s+(?:the\s+|an?\s+)?"
    # "entered Georgian airspace from the territory of the Russian Federation"
    r"(?:(?<=from )(?:the\s+)?territory\s+of\s+(?:the\s+)?)?$",
    re.I,
)
#: Where the craft came from is who sent it: "entered the airspace of Georgia from the
#: territory of the Russian Federation".
_FROM_TERRITORY = re.compile(r"\bfrom\s+(?:the\s+)?territory\s+of\s+(?:the\s+)?$", re.I)
#: "planned by the Haqqani network with help from Pakistan": the author is the group
#: after "by", not a helper after it; "came as allies weighed a request from US
#: commanders": a "from" in another clause.
_NOT_THE_AUTHOR = re.compile(
    r"\bby\b[^;]*\bfrom\s+(?:the\s+)?$"
    r"|\b(?:was|were|is|are|came|comes|had|has|have|as|while|when|after)\b[^;]*\bfrom\s+(?:the\s+)?$",
    re.I,
)
_ATTACK_VERBS = re.compile(
    r"^(?:'s?)?\s*"
    # "Saudi Arabia and a coalition of mostly Gulf Arab states launched": with its partners
    r"(?:and\s+(?:a|an|its|their|the)\s+(?:[\w-]+\s+){0,2}?(?:coalition|alliance|allies|"
    r"partners)\s+(?:of\s+(?:[\w-]+\s+){1,5}?)?)?"
    # "Israel accused Hamas of having launched": who accuses is not who launched
    r"(?:(?!said\b|says\b|that\b|who\b|which\b|was\b|were\b|been\b|being\b|is\b|"
    r"are\b|be\b|accus\w*|blam\w*|alleg\w*|charg\w*|told\b|den(?:y|ied|ies)\b|"
    r"insist\w*|report\w*|condemn\w*)[\w-]+\s+){0,5}?(?:fired|launched|struck|"
    r"hit|pounded|pounding|shelled|attacked|bombed|shot\s+down|downed|targeted|carried\s+out|"
    r"conducted|mounted|staged|"
    r"was\s+pounding|were\s+pounding|torpedoed|blew\s+up|destroyed|dropped|boarded|stormed|overran|raided|"
    r"seized|rammed|flattened|razed|ambushed|abducted|kidnapped)\b",
    re.I,
)
#: "strikes blamed on the coalition", "carried out by the alliance": a coalition unnamed.
_BY_COALITION = re.compile(
    r"\s+(?:(?:was|were|been|being|widely)\s+)*(?:blamed\s+on|attributed\s+to|"
    r"(?:carried\s+out|conducted|launched|fired)\s+by|by)\s+the\s+(?:military\s+)?"
    r"(?:alliance|coalition)\b",
    re.I,
)
#: "the Saudi-led coalition", "the US-led alliance": whom it stands for, named before.
_LED_COALITION = re.compile(r"-led\s+(?:[\w-]+\s+){0,2}?(?:coalition|alliance)\b", re.I)
#: A coalition named by its leader after "led by": "a coalition led by Saudi Arabia".
_COALITION_LED_BY = re.compile(
    r"\b(?:coalition|alliance)\s+(?:of\s+(?:[\w-]+\s+){1,4}?)?led\s+by\s+(?:the\s+)?$", re.I
)
#: "The strike was denounced by Washington": the "by" phrase of a reaction, not the author.
_REACTED = re.compile(
    r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?(?!carried|launched|fired|conducted|"
    r"committed|perpetrated|ordered|planned|orchestrated|staged|attributed|blamed|caused)\w+ed\b"
    r"|\b(?:said|says|told|according)\b",
    re.I,
)
#: A doing of another kind between an event word and "by", whose the actor after "by" is:
#: "the massacre landed in the middle of a visit to the Sahel by a Council delegation".
_OTHER_DOING = re.compile(
    r"\b(?:visits?|trips?|tours?|meetings?|talks|sessions?|statements?|resolutions?|reports?|"
    r"investigations?|inquir(?:y|ies)|probes?|missions?|delegations?|votes?|speech|appeals?|"
    r"condemnations?|protests?)\b",
    re.I,
)
#: What an attack strikes: a mention before one of these is its owner, not the author.
_STRUCK_HEADS = frozenset(
    {
        "school", "schools", "hospital", "hospitals", "embassy", "consulate", "compound",
        "convoy", "shelter", "shelters", "warehouse", "headquarters", "office", "offices",
        "mission", "peacekeepers", "personnel", "staff", "workers", "facility", "facilities",
    }
)  # fmt: skip
#: "its armed forces had shot down": the state the possessive refers to did it.
_OWN_FORCES = re.compile(
    r"\b(?:its|their)\s+(?:own\s+)?(?:armed\s+forces|military|army|air\s+force|air\s+defen[cs]es?|"
    r"forces|troops|navy|jets|warplanes|warships|missiles?|drones?)\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:\w+ly\s+)?$",
    re.I,
)
#: "its high-precision missiles had hit", where the event word is "missiles had hit".
_OWNER_BEFORE = re.compile(r"\b(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_FORCE_WORD = re.compile(
    r"(?:missiles?|rockets?|drones?|jets|warplanes|warships|aircraft|artillery|forces|troops|"
    r"army|navy)\b",
    re.I,
)
#: "the armed forces of": the state named next owns the forces that did it.
_FORCES_OF = re.compile(
    r"\b(?:forces|military|army|troops|navy|air\s+force|soldiers)\s+of\s+$", re.I
)
_HEDGES = re.compile(
    r"\b(?:allegedly|reportedly|purportedly|apparently|claimed|claims|claiming|suspected|"
    r"believed\s+to|said\s+to|probably|likely|possibly|unconfirmed|unverified)\b",
    re.I,
)


def perpetrator_of(
    analysis: Analysis, sentence: Sentence, trigger: EventTrigger
) -> tuple[Mention | None, bool, list[str]]:
    """Who the text says carried out an event (and the others named with it)."""
    found, hedged = _perpetrator_mention(analysis, sentence, trigger)
    if found is None:
        return None, hedged, []
    return found, hedged, _coordinated(analysis, found)


def _coordinated(analysis: Analysis, mention: Mention) -> list[str]:
    """The principals of a coordinated list a mention belongs to: "US, British and French"."""
    codes: list[str] = []
    for m in _list_of(analysis, mention):
        if m.principal not in codes and m.role != "place":
            codes.append(m.principal)
    return codes


_LINK = re.compile(r"(?:'s)?\s*(?P<sep>,\s*(?:and\s+)?|and\s+|&\s+)(?:the\s+)?")


def _list_of(analysis: Analysis, mention: Mention) -> list[Mention]:
    """The coordinated list ("A, B and C") a mention is part of; a comma after the last
    "and" ends the list ("between Russia and Ukraine, Ukrainian strikes")."""
    text = analysis.text
    mentions = analysis.mentions_in(max(0, mention.start - 200), mention.end + 200)
    if mention not in mentions:
        return [mention]
    index = mentions.index(mention)
    lo = hi = index
    while lo > 0 and _LINK.fullmatch(text[mentions[lo - 1].end : mentions[lo].start]):
        lo -= 1
    while hi + 1 < len(mentions) and _LINK.fullmatch(
        text[mentions[hi].end : mentions[hi + 1].start]
    ):
        hi += 1
    run = mentions[lo : hi + 1]
    links = [
        "and" in text[a.end : b.start] or "&" in text[a.end : b.start]
        for a, b in itertools.pairwise(run)
    ]
    if not any(links):
        return [mention]
    last_and = max(i for i, has_and in enumerate(links) if has_and)
    # the list runs up to the element after its last "and"
    run = run[: last_and + 2]
    return run if mention in run else [mention]


#: "Rwandan army positions": where a state's forces are.
_FORCES_POSITIONS = re.compile(
    r"(?:'s)?\s+(?:army|military|troops'?|forces'?|artillery)\s+(?:positions|bases|units|batteries)\b"
)
#: A group named after a state's possessive: "Yemen's Houthi movement".
_GROUP_AFTER = re.compile(
    r"'s?\s+(?:[\w-]+\s+){0,2}?(?:" + ARMED_GROUP.pattern + r"|movement\b)",
    re.I,
)
#: Who attacks on his own, or for no state, named after a nationality: no state's act
#: (guideline 8).
_LONE_ATTACKERS = frozenset(
    {
        # one person ("a Palestinian gunman", "a Syrian suicide bomber")
        "gunman", "militant", "bomber", "suicide", "attacker", "assailant", "shooter",
        "hijacker", "extremist", "jihadist", "insurgent", "rebel", "separatist", "man", "woman",
        "youth", "teenager", "national", "citizen", "resident",
        # groups that are no state's forces ("Palestinian militants", "Syrian rebels"); armed
        # men of a nationality ("Ethiopian gunmen") may be its forces and stay its act
        "militants", "extremists", "jihadists", "insurgents", "rebels", "separatists",
    }
)  # fmt: skip
#: The craft after a demonym: "Indian military surveillance drone", "Russian fighter jets".
_CRAFT_AFTER = re.compile(rf"\s+(?:[a-z-]+\s+){{0,3}}?(?:{CRAFT}|fighters?|bombers?|airliners?)\b")
#: Between such forces and their strike, at most the means: "army drone strike".
_MEANS_GAP = re.compile(
    r"\s+(?:(?:army|military|navy|forces|troops|air\s+force|government|regime)\s+)?"
    r"(?:(?:drone|air|missile|rocket|artillery|mortar|naval)\s+)?"
)


def _perpetrator_mention(
    analysis: Analysis, sentence: Sentence, trigger: EventTrigger
) -> tuple[Mention | None, bool]:
    text = analysis.text
    hedged = bool(_HEDGES.search(sentence.text))
    # "Yemen's Houthi movement", "Sudan's Rapid Support Forces": a group, not the state
    mentions = [
        m
        for m in analysis.mentions_in(sentence.start, sentence.end)
        if not (m.possessive and _GROUP_AFTER.match(text, m.end))
        # "a Palestinian gunman", "a Syrian suicide bomber": a person, not his state
        and not (m.via == "demonym" and m.head in _LONE_ATTACKERS)
    ]
    # an attributive mention just before the trigger: "Russian missile strikes", "US drone strike"
    for m in reversed(mentions):
        if (
            m.end <= trigger.start
            and trigger.start - m.end <= 40
            and (
                m.role == "weapon"
                or (m.possessive and m.via != "body")
                # "an Ethiopian army drone strike": the army's state
                or (
                    m.via == "demonym"
                    # "Syrian government shelling": the government's, as the army's
                    and (m.head in FORCE_HEADS or m.head in ("government", "regime"))
                    and _MEANS_GAP.fullmatch(text, m.end, trigger.start) is not None
                )
            )
        ):
            between = text[m.end : trigger.start]
            if re.fullmatch(
                r"(?:'s?)?\s*(?:(?!\w+ed\b|said\b|has\b|was\b|and\b|on\b|in\b|at\b)[\w-]+\s+){0,3}",
                between,
            ):
                return _first_of_list(analysis, m), hedged
    # "the missiles Iran launched": the author inside the trigger
    for m in mentions:
        if (
            trigger.start < m.start
            and m.end < trigger.end
            and m.role != "place"
            # "rockets fired from Lebanon hit": a launch site; but "shells fired from
            # Rwandan army positions": the army's
            and (m.prep != "from" or _FORCES_POSITIONS.match(text, m.end) is not None)
        ):
            return m, hedged
    # "by Ukrainian forces", "fired by Ukraine's air defence", "attributed to Israel"
    for m in mentions:
        if (
            m.start >= trigger.end
            and m.start - trigger.end <= 80
            and (
                m.role != "place"
                or _FROM_TERRITORY.search(text, max(trigger.end, m.start - 40), m.start)
            )
            and not MADE_OR_FLAGGED.match(text, m.end)
            and _BY_ACTOR.search(text[max(trigger.end, m.start - 40) : m.start])
            and not BACKER_BY.search(text[max(trigger.end, m.start - 40) : m.start])
            and not _NOT_THE_AUTHOR.search(text[trigger.end : m.start])
            and not re.search(r"[;]|\b(?:said|saying|says|told)\b", text[trigger.end : m.start])
            and not _REACTED.search(text[trigger.end : m.start])
            and not _OTHER_DOING.search(text, trigger.end, m.start)
        ):
            return m, hedged
    # "air strikes blamed on the alliance", after "the Saudi-led coalition": its leader
    if _BY_COALITION.match(text, trigger.end):
        leaders = [
            m
            for m in analysis.mentions_in(max(0, sentence.start - 600), trigger.start)
            if _LED_COALITION.match(text, m.end)
        ]
        if leaders:
            return leaders[-1], hedged
    # "a coalition led by Saudi Arabia has bombed": the coalition's leader
    for m in mentions:
        if (
            m.end <= trigger.start
            and _COALITION_LED_BY.search(text, max(sentence.start, m.start - 40), m.start)
            and _attack_verb_before(text, sentence, m.end, trigger)
        ):
            return m, hedged
    # the subject of an attack verb: "Russia was pounding", "Turkish fighter jets shot down"
    for m in mentions:
        if (
            m.end <= trigger.start
            and m.role in ("agent", "weapon")
            and not m.possessive
            and m.head not in MEMBER_HEADS
            # "a UN school sheltering families hit": the owner of what was struck
            and m.head not in _STRUCK_HEADS
            # "drones launched from Yemen struck": where from, not who
            and (
                m.prep not in ("from", "of", "in", "at", "on", "by", "with", "to", "near", "over")
                # "the armed forces of the Russian Federation dropped": whose forces
                or (m.prep == "of" and _FORCES_OF.search(text, sentence.start, m.start))
            )
            and (
                _attack_verb_before(text, sentence, m.end, trigger)
                # "Pyongyang sent balloons across the frontier": the subject of the event verb
                or (
                    re.fullmatch(r"\s+(?:had\s+|has\s+|have\s+)?", text[m.end : trigger.start])
                    and re.match(r"[a-z]+(?:ed|ing)?\s", text[trigger.start : trigger.end])
                    and m.role == "agent"
                )
                or (
                    re.match(r"^\s*(?:[\w-]+\s+){0,2}$", text[m.end : trigger.start])
                    and m.role == "weapon"
                )
            )
        ):
            return _first_of_list(analysis, m), hedged
    # "an Indian military surveillance drone crashed ... after flying into Pakistani
    # airspace": the maker of the craft that flew in
    if trigger.kind is EventKind.AIRSPACE_VIOLATION:
        for m in mentions:
            if (
                m.end <= trigger.start
                and m.via == "demonym"
                and m.role in ("agent", "weapon")
                and _CRAFT_AFTER.match(text, m.end)
            ):
                return m, hedged
    # "its armed forces had shot down": the state mentioned last
    own = _OWN_FORCES.search(text, max(sentence.start, trigger.start - 80), trigger.start)
    if own is None and _FORCE_WORD.match(text, trigger.start):
        # "its high-precision missiles had hit": the weapon opens the event word
        own = _OWNER_BEFORE.search(text, max(sentence.start, trigger.start - 60), trigger.start)
    if own is not None and own.end() == trigger.start:
        states = [
            m
            for m in analysis.mentions_in(max(0, sentence.start - 400), own.start())
            # "The Russian defence ministry said ... its missiles had hit": a state's body
            if m.kind in (ActorKind.STATE, ActorKind.BODY) and m.role == "agent"
        ]
        if states:
            return states[-1], hedged
    parsed = [
        m
        for m in parsed_perpetrator(analysis, sentence, trigger.start, trigger.end)
        if m in mentions
    ]
    if parsed:
        return parsed[0], hedged
    return None, hedged


def _attack_verb_before(text: str, sentence: Sentence, end: int, trigger: EventTrigger) -> bool:
    """Whether an attack verb follows a subject ending at ``end`` and leads up to the
    event word: "Russia was pounding", "Turkish jets shot down"; a verb far before the
    word counts only if it is an event word itself, which the later word tells again
    ("jets shot down a bomber, the first time a NATO member has downed ..."), not
    "Finnish authorities boarded and detained the tanker that ... damaged the cable"."""
    verb = _ATTACK_VERBS.match(text[end : trigger.end + 1])
    if verb is None:
        return False
    verb_end = end + verb.end()
    return trigger.start - verb_end <= 60 or any(
        t.start < verb_end <= t.end for t in find_event_triggers(sentence)
    )


def _first_of_list(analysis: Analysis, mention: Mention) -> Mention:
    """The first of "American and British warplanes": the list's head."""
    return _list_of(analysis, mention)[0]
