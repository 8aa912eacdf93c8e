"""Conflict events: strikes, airspace violations, explosions, sabotage, votes.

An event is found by a trigger ("missile strikes", "shelling", "entered its airspace",
"blasts", "voted"); the sentence around it gives its place and country (a city of the
gazetteer, "the Russian city of", "in eastern Poland", "its airspace"), the alleged
perpetrator (an attributive "Russian missile", "a US drone strike", "by Ukrainian
forces", "Russia was pounding"), casualty figures as ranges and a relative date.
Mentions of one kind in one country make one event; "the attack" without more refers to
the latest event. A sentence with casualty figures and no trigger adds them to the latest
event ("Among the casualties were at least two children.").

>>> import datetime as dt
>>> from kg.extract.document import analyse
>>> text = "Ukrainian strikes targeted the Russian city of Belgorod, killing at least 20 people."
>>> [(e.kind.value, e.country, e.perpetrator, e.killed) for e in find_events(analyse(text))]
[('strike', 'RUS', 'UKR', (20, None))]
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.dates import find_dates
from kg.extract.mentions import Mention
from kg.extract.perpetrators import parsed_perpetrator
from kg.extract.places import WATERS
from kg.extract.quantities import QUANTITY, parse_quantity
from kg.model import ActorKind, EventKind, StrikeMeans

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.sentences import Sentence

__all__ = ["EventDraft", "find_events"]

Range = tuple[int, int | None]

_MEANS = (
    r"(?:(?P<means>missile|rocket|drone|air|artillery|mortar|cruise\s+missile|"
    r"ballistic\s+missile|tomahawk|kamikaze\s+drone|airborne|aerial|naval|chemical)\s+)?"
)
_EVENT_RE = re.compile(
    r"(?<![\w-])(?:"
    rf"(?P<strike>{_MEANS}(?:strikes?|airstrikes?|attacks?|barrages?|bombardments?|raids?|assaults?)"
    r"|shelling|shelled|bombings?|bombed|shot\s+down|shooting\s+down|shoot-down|shootdown|downing|downed|"
    r"brought\s+down|pounding|pounded|fired\s+\d+|fired\s+(?:a|two|three|several|dozens\s+of)"
    r"|fired\s+(?:[\w-]+\s+){0,6}?(?:missiles?|rockets?|shells|drones?|projectiles|torpedo(?:es)?)"
    r"|launched\s+(?:[\w-]+\s+){0,5}?(?:missiles|rockets|drones|barrages?|airstrikes|"
    r"(?:air|drone|missile|rocket)\s+strikes)"
    r"|(?:missiles?|rockets?|drones?|shells|torpedo(?:es)?)\s+(?:were|was|had\s+been|have\s+been)"
    r"\s+(?:\w+ly\s+)?fired|came\s+under\s+(?:\w+\s+)?fire|torpedoed|sank|sinking\s+of"
    r"|(?:drones|missiles|rockets)\s+(?:that\s+)?[A-Z][\w-]+\s+(?:had\s+)?(?:launched|fired)"
    r"|(?:rocket|artillery|mortar|tank)\s+fire"
    r"|tore\s+through|struck|opened\s+fire|stormed\s+into|(?:was|were|been)\s+(?:\w+ly\s+)?targeted"
    r"|(?:missiles?|drones?|rockets?|shells?|bombs?)\s+(?:hit|struck|slammed\s+into|landed\s+on))"
    r"|(?P<airspace>airspace\s+violations?|violat\w*\s+(?:of\s+)?(?:\w+\s+){0,2}airspace"
    r"|(?:entered|crossed\s+into|strayed\s+into|flew\s+into|intruded\s+into|was\s+in|been\s+in)\s+"
    r"(?:\w+'?s?\s+){0,2}airspace|incursions?\s+into\s+(?:\w+\s+){0,2}airspace)"
    r"|(?P<explosion>explosions?|blasts?|exploded|detonat\w+|blown\s+up|blew\s+up"
    r"|(?:nuclear|atomic|hydrogen[\s-]bomb|thermonuclear)\s+(?:weapons?\s+)?tests?"
    r"|(?:car|truck|lorry|roadside|suicide)\s+bombs?|landmines?|improvised\s+explosive\s+devices?)"
    r"|(?P<sabotage>sabotage|sabotaged|saboteurs?)"
    r"|(?P<vote>voted|votes?\s+(?:in\s+favou?r|against)|adopted\s+(?:a|the)\s+resolution"
    r"|resolution\s+(?:was\s+)?(?:adopted|passed)|passed\s+with\s+\d+\s+votes"
    r"|won\s+\d+\s+votes|(?:was\s+)?(?:rejected|defeated)\s+by\s+\d+\s+votes"
    r"|vetoed|(?:cast|casting|used|wielded)\s+(?:a|its|their)\s+veto|failed\s+to\s+adopt)"
    r")(?![\w-])",
    re.I,
)
_MEANS_OF = {
    "missile": StrikeMeans.MISSILE,
    "rocket": StrikeMeans.MISSILE,
    "cruise missile": StrikeMeans.MISSILE,
    "ballistic missile": StrikeMeans.MISSILE,
    "tomahawk": StrikeMeans.MISSILE,
    "drone": StrikeMeans.DRONE,
    "kamikaze drone": StrikeMeans.DRONE,
    "air": StrikeMeans.AIR,
    "airborne": StrikeMeans.AIR,
    "aerial": StrikeMeans.AIR,
    "artillery": StrikeMeans.ARTILLERY,
    "mortar": StrikeMeans.ARTILLERY,
}
_VERBAL = re.compile(
    r".*(?:ing|ed)$|(?:shot|brought|opened|tore|fired|was|were|been|struck|blew|stormed)\b",
    re.I,
)
#: "called the breach deliberate sabotage": a description of an event already reported.
_CHARACTERISATION = re.compile(
    r"\b(?:called|described|branded|termed|labelled|labeled|regarded|as|was|were|be|been|"
    r"is|qualified\s+as)\s+(?:(?:the|it|them|this|that|an?|\w+ly|\w+)\s+){0,4}$",
    re.I,
)
#: "no indication that it was an intentional attack": no event.
_NEGATED_EVENT = re.compile(
    r"\b(?:no|not|never|denied|deny|denies|without)\s+(?:\w+\s+){0,5}$"
    r"|\b(?:in\s+order\s+to|prepar\w+|plann\w+|plott\w+|threaten\w*\s+to|would|could|might|"
    r"vow\w*\s+to|pledg\w+\s+to)\s+(?:(?:an?|the|new|another|further|more|fresh|major)\s+){0,2}$",
    re.I,
)
#: "earlier Russian strikes": another, earlier event.
_EARLIER = re.compile(r"\b(?:earlier|previous|prior|past|separate|other)\s+(?:[\w-]+\s+)?$", re.I)
#: Generic words that refer back to an event rather than introduce one.
_ANAPHORIC = re.compile(r"\b(?:the|this|these|those|its|their)\s+(?:\w+\s+)?$|\bthat\s+$", re.I)
_KILLED = re.compile(
    r"(?P<q1>{q})\s+(?:(?!injur|wound|hurt|and\b)\w+\s+){{0,3}}?(?:were|was|have\s+been|had\s+been|are|being)?\s*"
    r"(?:killed|dead|died|deaths|fatalities|lives\s+lost)"
    r"|(?:killing|killed|kills|claimed|claiming|cost|costing|left|leaving|deaths?\s+of|death\s+toll\s+"
    r"(?:\w+\s+){{0,3}}?(?:to|at|of)|toll\s+(?:rose|climbed|reached)\s+(?:to\s+)?)\s+"
    r"(?:the\s+lives\s+of\s+)?(?:all\s+)?(?P<q2>{q})".format(
        q=QUANTITY.pattern.replace("(?P<mod>", "(?:").replace("(?P<num>", "(?:")
    ),
    re.I,
)
_INJURED = re.compile(
    r"(?P<q1>{q})\s+(?:(?!death|dead|kill|died|and\b)\w+\s+){{0,3}}?(?:were|was|have\s+been|had\s+been|are)?\s*"
    r"(?:injured|wounded|hurt)"
    r"|(?:injuring|wounding|injured|wounded|injuries\s+to)\s+(?P<q2>{q})".format(
        q=QUANTITY.pattern.replace("(?P<mod>", "(?:").replace("(?P<num>", "(?:")
    ),
    re.I,
)
_CHILDREN = re.compile(
    r"(?P<q1>{q})\s+(?:of\s+them\s+)?(?:children|minors|kids)\b".format(
        q=QUANTITY.pattern.replace("(?P<mod>", "(?:").replace("(?P<num>", "(?:")
    ),
    re.I,
)
_NO_DEATHS = re.compile(
    r"\bno\s+(?:deaths|casualties|fatalities|one\s+was\s+killed|injuries\s+or\s+deaths)\b"
    r"|\bnobody\s+was\s+killed\b|\bno\s+one\s+was\s+(?:killed|hurt)\b",
    re.I,
)
_CASUALTY_WORDS = re.compile(
    r"kill|dead|died|death|fatal|lives|wound|injur|hurt|toll|casualt|child|minor|kids", re.I
)
_ONE_CHILD = re.compile(
    r"\b(?:including|among\s+them|among\s+the\s+dead\s+(?:was|were))\s+"
    r"((?:a|one)\s+(?:child|baby|boy|girl|toddler|teenager|minor))\b",
    re.I,
)
_ALL_ON_BOARD = re.compile(r"\ball\s+(?=\d)", re.I)
_BY_ACTOR = re.compile(
    r"(?:\bby|(?<!launched )(?<!fired )(?<!flown )\bfrom|(?:widely\s+|generally\s+)?"
    r"(?:attributed|blamed)\s+(?:\w+\s+)?(?:to|on))\s+(?:the\s+|an?\s+)?$",
    re.I,
)
_ATTACK_VERBS = re.compile(
    r"^(?:'s?)?\s*(?:(?!said\b|says\b|that\b|who\b|which\b|was\b|were\b|been\b|being\b|is\b|"
    r"are\b|be\b)[\w-]+\s+){0,4}?(?:fired|launched|struck|"
    r"hit|pounded|pounding|shelled|attacked|bombed|shot\s+down|downed|targeted|carried\s+out|"
    r"conducted|mounted|staged|"
    r"was\s+pounding|were\s+pounding|torpedoed|blew\s+up|destroyed)\b",
    re.I,
)
#: "The strike was denounced by Washington": the "by" phrase of a reaction, not the author.
_REACTED = re.compile(
    r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?(?!carried|launched|fired|conducted|"
    r"committed|perpetrated|ordered|planned|orchestrated|staged|attributed|blamed|caused)\w+ed\b"
    r"|\b(?:said|says|told|according)\b",
    re.I,
)
#: "a NATO member has downed": one of its members, not the organisation.
_MEMBER_HEADS = frozenset(
    {"member", "members", "ally", "allies", "country", "countries", "state", "states", "partner"}
)
#: "its armed forces had shot down": the state the possessive refers to did it.
_OWN_FORCES = re.compile(
    r"\b(?:its|their)\s+(?:own\s+)?(?:armed\s+forces|military|army|air\s+force|air\s+defen[cs]es?|"
    r"forces|troops|navy|jets|warplanes|warships|missiles?|drones?)\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:\w+ly\s+)?$",
    re.I,
)
_HEDGES = re.compile(
    r"\b(?:allegedly|reportedly|purportedly|apparently|claimed|claims|claiming|suspected|"
    r"believed\s+to|said\s+to|probably|likely|possibly|unconfirmed|unverified)\b",
    re.I,
)
_UN_BODIES = ("UN", "UNSC", "UNGA")
_CASUALTY_HINT = re.compile(r"\b(?:kill|dead|died|deaths|wound|injur|casualt|victims)", re.I)


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


@dataclass(frozen=True)
class _Found:
    kind: EventKind
    start: int
    end: int
    means: StrikeMeans | None
    anaphoric: bool
    earlier: bool = False
    characterisation: bool = False
    demonstrative: bool = False


def _triggers(sentence: Sentence) -> list[_Found]:
    found: list[_Found] = []
    for match in _EVENT_RE.finditer(sentence.text):
        group = match.lastgroup or "strike"
        kind = EventKind("airspace_violation" if group == "airspace" else group)
        means_word = (match.group("means") or "").lower()
        means_word = " ".join(means_word.split())
        means = _MEANS_OF.get(means_word) if kind is EventKind.STRIKE else None
        if means is None and kind is EventKind.STRIKE and re.match(r"shell", match.group(), re.I):
            means = StrikeMeans.ARTILLERY
        before = sentence.text[: match.start()]
        verbal_trigger = bool(_VERBAL.match(match.group().split()[0]))
        anaphoric = (
            bool(_ANAPHORIC.search(before[-25:]))
            and not match.group("means")
            # "drones that crossed into Polish airspace": a relative clause, not "that attack"
            and not (verbal_trigger and kind is not EventKind.STRIKE)
        )
        verbal = bool(_VERBAL.match(match.group()))
        characterisation = (
            not verbal
            and bool(_CHARACTERISATION.search(before[-60:]))
            and not re.search(r"\b(?:by|from|in|of|with)\s+(?:\w+\s+)?$", before[-30:])
        )
        if kind is EventKind.SABOTAGE and re.match(
            r"\s+(?:groups?|units?|teams?|squads?|cells?|networks?)\b", sentence.text[match.end() :]
        ):
            continue  # "sabotage groups" are people, not an act
        if kind is EventKind.SABOTAGE and re.search(r"\b(?:acts?|case|form)\s+of\s+$", before):
            characterisation = True
        if kind is EventKind.SABOTAGE and found and re.search(r",\s*$", before):
            characterisation = True  # "blasts off Fujairah, sabotage that ...": the blasts
        if characterisation:
            anaphoric = True
        if _NEGATED_EVENT.search(before[-60:]):
            continue
        if kind is EventKind.STRIKE and re.search(
            r"\b(?:explosions?|blasts?|bombs?)\s+(?:\w+ly\s+)?$", before[-30:], re.I
        ):
            continue  # "an explosion tore through the hull": the explosion itself
        earlier = bool(_EARLIER.search(before[-30:])) or bool(
            re.match(
                r"\s+(?:that|which)\s+had\s|\s+(?:(?:a|one|two|three|several)\s+(?:weeks?|"
                r"months?|years?)\s+(?:earlier|before|ago)|the\s+previous\s+(?:week|month|year)|"
                r"last\s+(?:week|month|year))\b",
                sentence.text[match.end() : match.end() + 25],
            )
        )
        found.append(
            _Found(
                kind,
                sentence.start + match.start(),
                sentence.start + match.end(),
                means,
                anaphoric and not earlier,
                earlier,
                characterisation,
                bool(re.search(r"\b(?:this|that|these|those)\s+(?:\w+\s+)?$", before[-25:], re.I)),
            )
        )
    return found


def _range(match: re.Match[str], text: str) -> tuple[Range, str] | None:
    group = "q1" if match.group("q1") else "q2"
    quantity_text = match.group(group)
    parsed = parse_quantity(quantity_text)
    if parsed is None:
        return None
    before = text[: match.start(group)]
    if _ALL_ON_BOARD.search(before[-4:]) and parsed[1] is None:
        parsed = (parsed[0], parsed[0])
    return parsed, quantity_text


def _casualties(sentence: Sentence) -> dict[str, tuple[Range, str]]:
    text = sentence.text
    found: dict[str, tuple[Range, str]] = {}
    if not _CASUALTY_WORDS.search(text):
        return found
    for name, pattern in (("killed", _KILLED), ("injured", _INJURED)):
        for match in pattern.finditer(text):
            parsed = _range(match, text)
            if parsed is None:
                continue
            window = text[match.start() : match.end()]
            if re.search(r"\b(?:percent|per\s+cent|barrels|kilomet|miles|votes)\b", window):
                continue
            found.setdefault(name, parsed)
    if _NO_DEATHS.search(text):
        found.setdefault("killed", ((0, 0), _NO_DEATHS.search(text).group()))  # type: ignore[union-attr]
    one_child = _ONE_CHILD.search(text)
    if one_child is not None and _CASUALTY_HINT.search(text):
        found.setdefault("children", ((1, 1), one_child.group(1)))
    for match in _CHILDREN.finditer(text):
        if _CASUALTY_HINT.search(text) or re.search(r"among", text[: match.start()], re.I):
            children = parse_quantity(match.group("q1"))
            if children is not None:
                found.setdefault("children", (children, match.group("q1")))
    return found


def _places(analysis: Analysis, sentence: Sentence) -> list[tuple[int, str, str]]:
    """``(position, place name, country)`` candidates of a sentence."""
    text = analysis.text
    mentions = analysis.mentions_in(sentence.start, sentence.end)
    found: list[tuple[int, str, str]] = []
    for place in analysis.places_in(sentence.start, sentence.end):
        near = _NEAR.search(text[max(sentence.start, place.start - 40) : place.start])
        # "near the Danish island of Bornholm", "off the coast of Yemen": in no country;
        # "near Tehran", "off the Emirati port of Fujairah": there
        if near is not None and (place.population >= 10**10 or _OFFSHORE.search(near.group())):
            found.append((place.start, place.name, WATERS))
            continue
        if _NOT_A_LOCATION.search(text[max(sentence.start, place.start - 60) : place.start]):
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
        if _NOT_A_LOCATION.search(text[max(sentence.start, m.start - 60) : m.start]):
            continue
        if m.head in ("border", "borders", "frontier", "side") or _NEAR.search(
            text[max(sentence.start, m.start - 40) : m.start]
        ):
            if (
                (m.role == "place" or m.prep in _PLACE_PREPS or m.head in ("border", "borders"))
                and m.via in ("name", "demonym")
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
    for match in re.finditer(
        r"\bits\s+(?:\w+\s+)?(?:airspace|territory|soil|border)\b",
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


#: "Saudi Arabia's most important oil installations": a place in that country.
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
#: "near the Danish island of Bornholm": close to a country is not in it.
_NEAR = re.compile(r"\b(?:near|off|outside)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.I)
_PLACE_PREPS = frozenset(
    ["in", "on", "at", "near", "into", "over", "across", "inside", "throughout", "within"]
)


def _place_phrase(text: str, mention: Mention) -> str:
    after = re.match(r"(?:\s+[a-z\-]+){1,2}", text[mention.end : mention.end + 40])
    if mention.via == "demonym" and after:
        return (mention.surface + after.group()).removeprefix("the ").strip()
    return mention.surface.removeprefix("the ")


def _perpetrator(
    analysis: Analysis, sentence: Sentence, trigger: _Found
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


def _perpetrator_mention(
    analysis: Analysis, sentence: Sentence, trigger: _Found
) -> tuple[Mention | None, bool]:
    text = analysis.text
    hedged = bool(_HEDGES.search(sentence.text))
    mentions = analysis.mentions_in(sentence.start, sentence.end)
    # an attributive mention just before the trigger: "Russian missile strikes", "US drone strike"
    for m in reversed(mentions):
        if (
            m.end <= trigger.start
            and trigger.start - m.end <= 40
            and (m.role == "weapon" or (m.possessive and m.via != "body"))
        ):
            between = text[m.end : trigger.start]
            if re.fullmatch(
                r"(?:'s?)?\s*(?:(?!\w+ed\b|said\b|has\b|was\b|and\b|on\b|in\b|at\b)[\w-]+\s+){0,3}",
                between,
            ):
                return _first_of_list(analysis, m), hedged
    # "the missiles Iran launched": the author inside the trigger
    for m in mentions:
        if trigger.start < m.start and m.end < trigger.end and m.role != "place":
            return m, hedged
    # "by Ukrainian forces", "fired by Ukraine's air defence", "attributed to Israel"
    for m in mentions:
        if (
            m.start >= trigger.end
            and m.start - trigger.end <= 80
            and m.role != "place"
            and _BY_ACTOR.search(text[max(trigger.end, m.start - 40) : m.start])
            and not re.search(r"[;]", text[trigger.end : m.start])
            and not _REACTED.search(text[trigger.end : m.start])
        ):
            return m, hedged
    # the subject of an attack verb: "Russia was pounding", "Turkish fighter jets shot down"
    for m in mentions:
        if (
            m.end <= trigger.start
            and m.role in ("agent", "weapon")
            and not m.possessive
            and m.head not in _MEMBER_HEADS
            # "drones launched from Yemen struck": where from, not who
            and m.prep not in ("from", "of", "in", "at", "on", "by", "with", "to", "near", "over")
            and (
                _ATTACK_VERBS.match(text[m.end : trigger.end + 1])
                or (
                    re.match(r"^\s*(?:[\w-]+\s+){0,2}$", text[m.end : trigger.start])
                    and m.role == "weapon"
                )
            )
        ):
            return _first_of_list(analysis, m), hedged
    # "its armed forces had shot down": the state mentioned last
    own = _OWN_FORCES.search(text, max(sentence.start, trigger.start - 80), trigger.start)
    if own is not None and own.end() == trigger.start:
        states = [
            m
            for m in analysis.mentions_in(max(0, sentence.start - 400), own.start())
            if m.kind is ActorKind.STATE and m.role == "agent"
        ]
        if states:
            return states[-1], hedged
    parsed = parsed_perpetrator(analysis, sentence, trigger.start, trigger.end)
    if parsed:
        return parsed[0], hedged
    return None, hedged


def _first_of_list(analysis: Analysis, mention: Mention) -> Mention:
    """The first of "American and British warplanes": the list's head."""
    return _list_of(analysis, mention)[0]


_VOTE_SUBJECT = re.compile(r"\b(resolution|amendment|draft|motion)\b", re.I)
_ATTACK_VERB_TRIGGER = re.compile(
    r"(?:pound\w*|struck|hit|shell\w*|bomb\w*|targeted|attacked)$", re.I
)


def _attacked(analysis: Analysis, sentence: Sentence, trigger: _Found) -> Mention | None:
    """The state right after an attack verb: "pounding Ukraine's power grid"."""
    if not _ATTACK_VERB_TRIGGER.search(analysis.text[trigger.start : trigger.end]):
        return None
    for m in analysis.mentions_in(trigger.end, min(sentence.end, trigger.end + 20)):
        if (
            m.kind is ActorKind.STATE
            and m.role != "weapon"
            and re.fullmatch(r"\s+(?:the\s+)?", analysis.text[trigger.end : m.start])
        ):
            return m
    return None


def _date(analysis: Analysis, sentence: Sentence, trigger: _Found) -> dt.date | None:
    if analysis.date is None:
        return None
    dates = find_dates(sentence.text, analysis.date)
    if not dates:
        return None
    position = trigger.start - sentence.start
    start, end, date = min(dates, key=lambda d: abs(d[0] - position))
    near = abs(start - (trigger.end - sentence.start)) <= 80 or abs(end - position) <= 80
    return date if near else None


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


def _add_casualties(
    target: EventDraft, sentence: Sentence, casualties: dict[str, tuple[Range, str]]
) -> None:
    if "killed" in casualties and target.killed is None:
        target.killed, target.killed_text = casualties["killed"]
        target.add_sentence(sentence)
    if "injured" in casualties and target.injured is None:
        target.injured, target.injured_text = casualties["injured"]
        target.add_sentence(sentence)
    if "children" in casualties and target.children_killed is None:
        target.children_killed, target.children_text = casualties["children"]
        target.add_sentence(sentence)


def find_events(analysis: Analysis) -> list[EventDraft]:
    """The events of an analysed document, in order of first mention."""
    pending: list[tuple[Sentence, dict[str, tuple[Range, str]]]] = []
    drafts: list[EventDraft] = []
    latest: EventDraft | None = None
    latest_index = 0
    for index, sentence in enumerate(analysis.sentences):
        if sentence.heading:
            continue
        casualties = _casualties(sentence)
        triggers = _triggers(sentence)
        places = _places(analysis, sentence)
        touched: list[EventDraft] = []
        spans = [(m.start, m.end) for m in analysis.mentions_in(sentence.start, sentence.end)]
        for trigger in triggers:
            if any(s <= trigger.start < e for s, e in spans):
                continue  # "Downing Street" names an office, not an event
            country, place = None, None
            located = False
            perpetrator, hedged, accomplices = _perpetrator(analysis, sentence, trigger)
            other = any(
                d.perpetrator not in (None, perpetrator.principal)
                for d in touched
                if perpetrator is not None
            )
            if places:
                after = [p for p in places if p[0] >= trigger.end and p[0] - trigger.end < 120]
                # places before belong to this trigger, not to an earlier one of the sentence
                floor = max((t.end for t in triggers if t.end <= trigger.start), default=0)
                before = [p for p in places if floor <= p[0] < trigger.start] or [
                    p for p in places if p[0] < trigger.start and not floor
                ]
                segment = analysis.text.rfind(",", sentence.start, trigger.start)
                if other:  # another author's event of this sentence has its own places
                    before = [p for p in before if p[0] > segment]
                passive = re.match(
                    r"(?:was|were|been)\s", analysis.text[trigger.start : trigger.end]
                )
                chosen: tuple[int, str, str] | None
                if passive and before:
                    chosen = before[0]
                elif other:
                    chosen = after[0] if after else before[-1] if before else None
                else:
                    chosen = after[0] if after else before[-1] if before else places[0]
                if chosen is not None:
                    place, country = chosen[1], chosen[2]
                located = country == WATERS
                if located:  # "in the Black Sea", "near the Syrian border": in no country
                    place, country = None, None
            victim = _attacked(analysis, sentence, trigger)
            if victim is not None:
                place, country = victim.surface, victim.principal
            voter = None
            subject = None
            if trigger.kind is EventKind.VOTE:
                voters = [
                    m
                    for m in analysis.mentions_in(sentence.start, sentence.end)
                    if m.principal in _UN_BODIES
                ]
                if not voters:
                    voters = [
                        m
                        for m in analysis.mentions_in(
                            max(0, sentence.start - 20_000), sentence.start
                        )
                        if m.principal in _UN_BODIES
                    ][-1:]
                if voters:
                    country, place = "USA", "UN headquarters, New York"
                    voter = voters[0].principal
                subject_match = _VOTE_SUBJECT.search(sentence.text)
                subject = subject_match.group(1).lower() if subject_match else None
                perpetrator = None
            direct_place = any(trigger.end <= p[0] <= trigger.end + 30 for p in places) or bool(
                re.match(
                    r"\s+(?:on|in|at|near|against|targeting)\s",
                    analysis.text[trigger.end : trigger.end + 15],
                )
            )
            strong = (
                trigger.means is not None
                or perpetrator is not None
                or direct_place
                or bool(casualties)
                or trigger.kind is not EventKind.STRIKE
            )
            if (
                perpetrator is not None
                and perpetrator.principal == country
                and trigger.kind is not EventKind.EXPLOSION
                and not places
            ):
                country = None
            target = None
            same_sentence = [d for d in touched if d.kind is trigger.kind]
            trigger_date = _date(analysis, sentence, trigger)
            if (
                same_sentence
                and not direct_place
                and not trigger.earlier
                and (
                    perpetrator is None
                    or same_sentence[-1].perpetrator in (None, perpetrator.principal)
                )
            ):
                target = same_sentence[-1]
                country = target.country
            if (
                trigger.anaphoric
                and not direct_place
                and any(
                    d.kind is trigger.kind or d.kind in (EventKind.STRIKE, EventKind.EXPLOSION)
                    for d in drafts
                )
            ):
                country = None
            if trigger.characterisation:
                perpetrator = None
            if trigger.kind is EventKind.SABOTAGE and trigger.characterisation:
                blasts = [d for d in drafts if d.kind is EventKind.EXPLOSION]
                if blasts:
                    blasts[-1].sabotage_claims += 1
                    blasts[-1].add_sentence(sentence)
                    continue
            perp_code = perpetrator.principal if perpetrator is not None else None
            if target is not None or trigger.earlier:
                pass
            elif trigger.anaphoric or country is None:
                candidates = [
                    d
                    for d in reversed(drafts)
                    if _compatible(d, trigger.kind, country, perp_code)
                    and (trigger_date is None or d.date in (None, trigger_date))
                ]
                referent = latest if trigger.demonstrative else _salient(drafts)
                if not trigger.anaphoric:
                    # an unplaced bare mention ("shooting down a civilian aircraft"): not a
                    # background event told in passing ("a US drone strike the previous week")
                    candidates = [c for c in candidates if not c.background] + [
                        c for c in candidates if c.background
                    ]
                if (
                    trigger.anaphoric
                    and referent is not None
                    and (country is None or referent.country == country)
                    and referent.kind in (trigger.kind, EventKind.STRIKE, EventKind.EXPLOSION)
                    and (
                        referent.kind is trigger.kind
                        or trigger.kind in (EventKind.STRIKE, EventKind.EXPLOSION)
                    )
                    # "strikes ... in retaliation for the explosion": not the strikes
                    and not (
                        referent.kind is not trigger.kind
                        and referent.mentions[0][0] >= sentence.start
                    )
                ):
                    target = referent
                elif candidates:
                    target = candidates[0]
            else:
                for d in reversed(drafts):
                    if (
                        trigger.kind is EventKind.VOTE
                        and None not in (d.subject, subject)
                        and (d.subject != subject)
                    ):
                        continue
                    if _compatible(d, trigger.kind, country, perp_code) and (
                        trigger_date is None or d.date in (None, trigger_date)
                    ):
                        target = d
                        break
            if target is None:
                if not strong:
                    continue
                target = EventDraft(kind=trigger.kind, start=trigger.start)
                target.background = trigger.earlier
                drafts.append(target)
            if voter is not None and target.voter is None:
                target.voter = voter
            if trigger.kind is EventKind.VOTE and target.subject is None:
                target.subject = subject
            target.mentions.append((trigger.start, trigger.end))
            target.add_sentence(sentence)
            if target.country is None and country is not None and not target.located:
                target.country, target.place = country, place
            if located and not target.mentions[:-1]:
                target.located = True
            if target.means is None and trigger.means is not None:
                target.means = trigger.means
            if (
                perpetrator is not None
                and target.perpetrator is None
                and (
                    perpetrator.principal != target.country
                    or target.kind is EventKind.EXPLOSION
                    # "a Syrian chemical attack on Khan Shaykhun": on its own soil
                    or 0 <= trigger.start - perpetrator.end <= 60
                    # "an air strike by Myanmar's military": the parse says who did it
                    or perpetrator
                    in parsed_perpetrator(analysis, sentence, trigger.start, trigger.end)
                )
            ):
                target.perpetrator = perpetrator.principal
                target.perpetrators = [c for c in accomplices if c != target.country] or [
                    perpetrator.principal
                ]
                target.perpetrator_hedged = hedged
                target.perpetrator_span = (sentence.start, sentence.end)
            if target.date is None:
                target.date = trigger_date
            if target not in touched:
                touched.append(target)
        if not touched and latest is None and casualties:
            pending.append((sentence, casualties))
            continue
        if touched and pending:
            for early_sentence, early in pending:
                _add_casualties(touched[0], early_sentence, early)
            pending.clear()
        recent = latest is not None and index - latest_index <= 2
        receivers = touched[:1] or (
            [latest] if latest is not None and casualties and recent else []
        )
        for target in receivers:
            _add_casualties(target, sentence, casualties)
        if touched:
            latest = touched[-1]
            latest_index = index
    for draft in drafts:
        if draft.kind is EventKind.EXPLOSION and draft.sabotage_claims >= 2:
            draft.kind = (
                EventKind.SABOTAGE
            )  # corroborated: "acts of sabotage", "a case of sabotage"
            draft.means = None
    return [
        d
        for d in _join_halves(drafts)
        if d.country is not None or d.perpetrator is not None or len(d.mentions) >= 3 or d.located
    ]


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
