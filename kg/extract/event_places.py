"""Where and when an event happened: the places of a sentence, which one an event word
is at, the state an attack verb hits, and the date nearest the word.

The candidates of a sentence (:func:`sentence_places`) are the gazetteer's places and the
states named as places ("in eastern Poland", "on Russian soil", "Saudi Arabia's oil
installations", "its airspace"); what lies off or near a country ("off the coast of
Yemen", "near the Syrian border") is in :data:`kg.extract.places.WATERS`, no country; an
actor blamed for something ("blamed on Iran") is no place. An event word takes the place
just after it, else the one just before (:func:`place_of`); "pounding Ukraine's power
grid" is in the state it hits (:func:`attacked_state`).

>>> from kg.extract.document import analyse
>>> a = analyse("Ukrainian strikes targeted the Russian city of Belgorod.")
>>> [(name, country) for _position, name, country in sentence_places(a, a.sentences[0])]
[('Russian city of', 'RUS'), ('Belgorod', 'RUS')]
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from kg.extract.dates import find_dates
from kg.extract.places import WATERS
from kg.model import ActorKind

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.event_triggers import EventTrigger
    from kg.extract.mentions import Mention
    from kg.extract.sentences import Sentence

__all__ = [
    "CLAUSE_BREAK",
    "MADE_OR_FLAGGED",
    "PlaceCandidate",
    "attacked_state",
    "event_date",
    "place_of",
    "sentence_places",
]

#: A place candidate: its position, its name, and its country (or WATERS).
PlaceCandidate = tuple[int, str, str]

_FACILITY = re.compile(
    r"'s?\s+(?:[a-z-]+\s+){0,3}(?:oil|gas|energy|power|infrastructure|installations?|"
    r"facilit(?:y|ies)|plants?|grid|airports?|ports?|bases?|capital|cities|towns|villages|"
    r"territory|positions|refinery|refineries|pipelines?)\b"
)
#: What lies off or near a country without being in it.
_OFFSHORE = re.compile(
    r"\b(?:island|islands|coast|coastline|shores?|waters|border|frontier)\b", re.I
)
#: "blamed on Iran", "attributed to Russia": an actor, not where something happened.
_NOT_A_LOCATION = re.compile(
    r"\b(?:blam\w*|pinn\w*|pin|attribut\w*|accus\w*)\b[^.;]{0,40}\b(?:on|to)\s+(?:the\s+)?$", re.I
)
#: "a tanker registered in the Cook Islands": where a ship or weapon is from, not a place
#: of the event, nor is where a missile was fired from; "a tremor that was felt in China":
#: where its effects were perceived, away from it.
_FROM_STATE = re.compile(
    r"\b(?:registered|flagged|owned|built|made|manufactured)\s+in\s+(?:the\s+)?$"
    r"|\b(?:felt|heard|seen|detected|visible)\s+(?:as\s+far\s+(?:away\s+)?as|across|in|from|"
    r"throughout)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?$"
    # "fired missiles from the direction of the occupied Golan": where it came from
    r"|\bfrom\s+(?:over\s+|inside\s+|within\s+)?(?:the\s+)?(?:direction\s+of\s+(?:the\s+)?)?"
    r"(?:occupied\s+)?(?:territory\s+of\s+(?:the\s+)?)?$",
    re.I,
)
#: "near the Danish island of Bornholm": close to a country is not in it; but "near
#: Tawila in Sudan" is in Sudan: "in" ends the phrase that "near" governs.
_NEAR = re.compile(
    r"\b(?:near|off|outside)\s+(?:the\s+)?(?:(?!(?:in|inside|within)\b)[\w-]+\s+){0,3}$", re.I
)
#: Before the event another one answers: "in response to the American strikes".
_ANSWERED = re.compile(
    r"\b(?:in\s+(?:response|retaliation|reprisal|revenge)\s+(?:to|for)|after|following)\s+"
    r"(?:the\s+|an?\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}$",
    re.I,
)
#: "condemned the attack and called on North Korea to halt": a place after a coordinated
#: verb is that verb's, not the event word's.
CLAUSE_BREAK = re.compile(
    r";|\b(?:and|but)\s+(?:\w+ly\s+)?(?:[a-z]+ed|said|told|made|sent|took|gave|urges?|calls?)\b"
)
#: "the Barbados-flagged carrier", "a US-supplied launcher": whose ship or weapon, not
#: where it was nor who used it.
MADE_OR_FLAGGED = re.compile(
    r"-(?:owned|operated|flagged|registered|made|built|designed|supplied)\b"
)
#: "terrorists backed by Russia", "stood by Egypt": the actor after "by" backs someone or
#: stands with them; it is not the author of an act.
BACKER_BY = re.compile(
    r"\b(?:stood|stand|stands|standing|backed|supported|armed|funded|sponsored|financed|"
    r"equipped|trained|supplied)\s+by\s+(?:the\s+|an?\s+)?$",
    re.I,
)
#: "a Gaza-bound flotilla": where it was going, not where it was.
_BOUND = re.compile(r"-bound\b")
#: "near the US embassy": what a state owns somewhere else; near it is not near the state.
_OWNED_HEADS = frozenset(
    ["embassy", "consulate", "base", "bases", "office", "offices", "mission", "headquarters"]
)
#: "in several Thai border districts", "on Cambodian territory": ground of the state itself.
_HOME_GROUND = re.compile(
    r"(?:\s+[a-z-]+){0,2}?\s+(?:territory|soil|villages?|towns?|cities|provinces?|districts?|"
    r"airspace|territorial\s+waters)\b"
)
_NAMED_NEXT = re.compile(r"\s+(?:port|city|town|village|island|region|province)\s+of\s+[A-Z]")
#: Places on land: near one of them is still in its country (unlike near an island).
_INLAND_HEADS = frozenset(["city", "town", "village", "region", "province"])
_PLACE_PREPS = frozenset(
    ["in", "on", "at", "near", "into", "over", "across", "inside", "throughout", "within"]
)


def _place_phrase(text: str, mention: Mention) -> str:
    after = re.match(r"(?:\s+[a-z\-]+){1,2}", text[mention.end : mention.end + 40])
    if mention.via == "demonym" and after:
        return (mention.surface + after.group()).removeprefix("the ").strip()
    return mention.surface.removeprefix("the ")


def sentence_places(analysis: Analysis, sentence: Sentence) -> list[PlaceCandidate]:
    """``(position, place name, country)`` candidates of a sentence."""
    text = analysis.text
    mentions = analysis.mentions_in(sentence.start, sentence.end)
    found: list[PlaceCandidate] = []
    for place in analysis.places_in(sentence.start, sentence.end):
        if _BOUND.match(text, place.end) or MADE_OR_FLAGGED.match(text, place.end):
            continue
        near = _NEAR.search(text[max(sentence.start, place.start - 40) : place.start])
        # "near the Danish island of Bornholm", "off the coast of Yemen": in no country;
        # "near Tehran", "off the Emirati port of Fujairah": there
        if near is not None and (not place.is_city or _OFFSHORE.search(near.group())):
            found.append((place.start, place.name, WATERS))
            continue
        if _NOT_A_LOCATION.search(
            text[max(sentence.start, place.start - 60) : place.start]
        ) or _FROM_STATE.search(text, max(sentence.start, place.start - 40), place.start):
            continue
        nearby = analysis.mentions_in(max(sentence.start, place.start - 200), place.end)
        overlapping = [m for m in nearby if m.start < place.end and place.start < m.end]
        if overlapping:
            m = overlapping[0]
            if m.role == "place" or m.prep in _PLACE_PREPS:
                found.append((place.start, place.name, place.country))
            continue
        found.append((place.start, place.name, place.country))
    found_starts = {f[0] for f in found}
    for m in mentions:
        if m.kind is not ActorKind.STATE or re.match(r" [A-Z][a-z]", text[m.end : m.end + 3]):
            continue
        if _NOT_A_LOCATION.search(
            text[max(sentence.start, m.start - 60) : m.start]
        ) or _FROM_STATE.search(text, max(sentence.start, m.start - 40), m.start):
            continue
        near_it = _NEAR.search(text[max(sentence.start, m.start - 40) : m.start]) is not None
        if m.via == "demonym" and (
            (_HOME_GROUND.match(text, m.end) and not near_it)
            # "near the Bulgarian town of Karlovo": near a town is in its country
            or (near_it and m.head in _INLAND_HEADS and _NAMED_NEXT.match(text, m.end))
        ):
            if not any(position in found_starts for position in range(m.start, m.end)):
                found.append((m.start, _place_phrase(text, m), m.principal))
            continue
        if m.head in ("border", "borders", "frontier", "side") or near_it:
            if (
                (m.role == "place" or m.prep in _PLACE_PREPS or m.head in ("border", "borders"))
                and m.via in ("name", "demonym")
                # "near the US embassy in Tel Aviv": a building's owner, not a country near
                and m.head not in _OWNED_HEADS
                # "off the Emirati port of Fujairah": the port named next is the place
                and not _NAMED_NEXT.match(text, m.end)
                and not any(position in found_starts for position in range(m.start, m.end))
            ):
                found.append((m.start, m.surface, WATERS))  # near it, not in it
            continue
        if m.via == "demonym" and m.role != "place":
            continue  # "strikes on Armenian positions" are not in Armenia
        if m.role == "place" or (
            m.prep in _PLACE_PREPS and not m.possessive and m.role not in ("weapon", "owner")
        ):
            if any(position in found_starts for position in range(m.start, m.end)):
                continue
            found.append((m.start, _place_phrase(text, m), m.principal))
    for m in mentions:
        if m.kind is ActorKind.STATE and m.possessive and _FACILITY.match(text, m.end):
            found.append((m.start, m.surface.removeprefix("the "), m.principal))
    # "its airspace", "in the country's north-east": of the state named last
    for match in re.finditer(
        r"\bits\s+(?:\w+\s+)?(?:airspace|territory|soil|border)\b"
        r"|\bthe\s+country's\s+(?:far\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\b",
        text[sentence.start : sentence.end],
    ):
        position = sentence.start + match.start()
        before = [
            m
            for m in analysis.mentions
            if m.end <= position
            and m.role != "weapon"
            and m.kind is ActorKind.STATE
            and m.start >= sentence.start - 400
        ]
        if before:
            found.append((position, before[-1].surface, before[-1].principal))
    return sorted(found)


def place_of(
    analysis: Analysis,
    sentence: Sentence,
    trigger: EventTrigger,
    triggers: list[EventTrigger],
    places: list[PlaceCandidate],
    other: bool,
) -> tuple[str | None, str | None, bool]:
    """Where an event word of a sentence is: ``(place, country, located)``.

    The place just after the word, else the last one before it (after the sentence's
    previous event word), else the sentence's first; a passive ("was targeted") takes the
    first before it. When ``other`` (another author's event is told in the sentence), only
    the places of the word's own part of the sentence count. A place in no country ("in
    the Black Sea", "near the Syrian border") gives no place and ``located`` true.
    """
    # places after an earlier event's word are that event's ("came a month after blasts
    # off Fujairah")
    # or an event it answers ("an attack on Al Udeid in response to the American strikes
    # on Fordow")
    ceiling = min(
        (
            t.start
            for t in triggers
            if t.start >= trigger.end
            and (
                t.earlier
                or _ANSWERED.search(analysis.text, max(trigger.end, t.start - 50), t.start)
            )
        ),
        default=-1,
    )
    after = [
        p
        for p in places
        if p[0] >= trigger.end
        and p[0] - trigger.end < 120
        and (ceiling < 0 or p[0] < ceiling)
        and not CLAUSE_BREAK.search(analysis.text, trigger.end, p[0])
    ]
    # places before belong to this trigger, not to an earlier one of the sentence
    floor = max((t.end for t in triggers if t.end <= trigger.start), default=0)
    before = [p for p in places if floor <= p[0] < trigger.start] or [
        p for p in places if p[0] < trigger.start and not floor
    ]
    segment = analysis.text.rfind(",", sentence.start, trigger.start)
    if other:  # another author's event of this sentence has its own places
        before = [p for p in before if p[0] > segment]
    passive = re.match(r"(?:was|were|been)\s", analysis.text[trigger.start : trigger.end])
    chosen: PlaceCandidate | None
    if passive and before:
        chosen = before[0]
    elif other:
        chosen = after[0] if after else before[-1] if before else None
    else:
        # the sentence's first place, unless a coordinated verb after the word has it
        first = [
            p
            for p in places[:1]
            if not CLAUSE_BREAK.search(analysis.text, trigger.end, p[0])
            and (ceiling < 0 or p[0] < ceiling)
        ]
        chosen = after[0] if after else before[-1] if before else first[0] if first else None
    if chosen is None:
        return None, None, False
    if chosen[2] == WATERS:  # "in the Black Sea", "near the Syrian border": in no country
        return None, None, True
    return chosen[1], chosen[2], False


_ATTACK_VERB_TRIGGER = re.compile(
    r"(?:pound\w*|struck|hit|shell\w*|bomb\w*|targeted|attacked|boarded|raided|stormed)$", re.I
)


#: Between an attack verb and the state attacked: "the" or a count ("attacked two Pakistani
#: army checkpoints"). Not "a": "boarded a Philippine supply boat" tells whose boat, and a
#: boat may be anywhere.
_BEFORE_ATTACKED = re.compile(
    r"\s+(?:(?:the|two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+)?", re.I
)


def attacked_state(analysis: Analysis, sentence: Sentence, trigger: EventTrigger) -> Mention | None:
    """The state right after an attack verb: "pounding Ukraine's power grid", "boarded
    Vietnamese fishing boats" (a state attacked is enough to tell an event)."""
    if not _ATTACK_VERB_TRIGGER.search(analysis.text[trigger.start : trigger.end]):
        return None
    for m in analysis.mentions_in(trigger.end, min(sentence.end, trigger.end + 20)):
        if (
            m.kind is ActorKind.STATE
            and m.role != "weapon"
            and not MADE_OR_FLAGGED.match(analysis.text, m.end)
            and _BEFORE_ATTACKED.fullmatch(analysis.text, trigger.end, m.start)
        ):
            return m
    return None


#: "The ministry said on Friday that its missiles had hit": the day of the statement.
_STATEMENT_DATE = re.compile(
    r"\b(?:said|says|told\s+(?:\w+\s+){0,2}?|announced|stated|added|declared|confirmed|"
    r"wrote|reported|claimed)\s+(?:late\s+|early\s+)?$",
    re.I,
)


#: "summoned the ambassador on Monday and informed her that the strike ...": a date before
#: the clause that tells the event is the day of the main clause's act. A clause, not a
#: relative pronoun: "that" and the clause's subject ("a drone that struck" is no clause).
_THAT_BETWEEN = re.compile(r"\bthat\s+(?:the|this|its|their|his|her|an?|(?-i:[A-Z]))\b", re.I)


def event_date(analysis: Analysis, sentence: Sentence, trigger: EventTrigger) -> dt.date | None:
    """The date told nearest an event word (within 80 characters), if the article has a date;
    not the day a statement was made ("said on Friday that ...") nor that of another act
    whose clause holds the event's ("summoned the envoy on Monday and told him that the
    strike ...")."""
    if analysis.date is None:
        return None
    dates = [
        d
        for d in find_dates(sentence.text, analysis.date)
        if not _STATEMENT_DATE.search(sentence.text, max(0, d[0] - 40), d[0])
        and not _THAT_BETWEEN.search(
            sentence.text, d[1], max(d[1], trigger.start - sentence.start)
        )
    ]
    if not dates:
        return None
    position = trigger.start - sentence.start
    start, end, date = min(dates, key=lambda d: abs(d[0] - position))
    near = abs(start - (trigger.end - sentence.start)) <= 80 or abs(end - position) <= 80
    return date if near else None
