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
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.dates import find_dates
from kg.extract.mentions import Mention
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
    r"|shelling|shelled|bombings?|bombed|shot\s+down|shoot-down|shootdown|downing|downed|"
    r"brought\s+down|pounding|pounded|fired\s+\d+|fired\s+(?:a|two|three|several|dozens\s+of)"
    r"|fired\s+(?:[\w-]+\s+){0,3}?(?:missiles|rockets|shells|drones)"
    r"|tore\s+through|struck|opened\s+fire|stormed\s+into|(?:was|were|been)\s+(?:\w+ly\s+)?targeted"
    r"|(?:missiles?|drones?|rockets?|shells?|bombs?)\s+(?:hit|struck|slammed\s+into|landed\s+on))"
    r"|(?P<airspace>airspace\s+violations?|violat\w*\s+(?:of\s+)?(?:\w+\s+){0,2}airspace"
    r"|(?:entered|crossed\s+into|strayed\s+into|flew\s+into|intruded\s+into|was\s+in|been\s+in)\s+"
    r"(?:\w+'?s?\s+){0,2}airspace|incursions?\s+into\s+(?:\w+\s+){0,2}airspace)"
    r"|(?P<explosion>explosions?|blasts?|exploded|detonat\w+|blown\s+up|blew\s+up)"
    r"|(?P<sabotage>sabotage|sabotaged|saboteurs?)"
    r"|(?P<vote>voted|votes?\s+(?:in\s+favou?r|against)|adopted\s+(?:a|the)\s+resolution"
    r"|resolution\s+(?:was\s+)?(?:adopted|passed)|passed\s+with\s+\d+\s+votes"
    r"|won\s+\d+\s+votes|(?:was\s+)?(?:rejected|defeated)\s+by\s+\d+\s+votes)"
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
    r"\b(?:no|not|never|denied|deny|denies|without)\s+(?:\w+\s+){0,5}$", re.I
)
#: "earlier Russian strikes": another, earlier event.
_EARLIER = re.compile(r"\b(?:earlier|previous|prior|past|separate|other)\s+(?:[\w-]+\s+)?$", re.I)
#: Generic words that refer back to an event rather than introduce one.
_ANAPHORIC = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+(?:\w+\s+)?$", re.I)
_KILLED = re.compile(
    r"(?P<q1>{q})\s+(?:(?!injur|wound|hurt|and\b)\w+\s+){{0,3}}?(?:were|was|have\s+been|had\s+been|are|being)?\s*"
    r"(?:killed|dead|died|deaths|fatalities|lives\s+lost)"
    r"|(?:killing|killed|kills|claimed|claiming|cost|costing|left|leaving|deaths?\s+of|death\s+toll\s+"
    r"(?:\w+\s+){{0,3}}?(?:to|at|of)|toll\s+(?:rose|climbed|reached)\s+(?:to\s+)?)\s+"
    r"(?:the\s+lives\s+of\s+)?(?P<q2>{q})".format(
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
_BY_ACTOR = re.compile(r"\b(?:by|from)\s+(?:the\s+)?$", re.I)
_ATTACK_VERBS = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:fired|launched|struck|hit|pounded|pounding|shelled|attacked|"
    r"bombed|shot\s+down|downed|targeted|carried\s+out|was\s+pounding|were\s+pounding)\b",
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
    found = []
    for match in _EVENT_RE.finditer(sentence.text):
        group = match.lastgroup or "strike"
        kind = EventKind("airspace_violation" if group == "airspace" else group)
        means_word = (match.group("means") or "").lower()
        means_word = " ".join(means_word.split())
        means = _MEANS_OF.get(means_word) if kind is EventKind.STRIKE else None
        if means is None and kind is EventKind.STRIKE and re.match(r"shell", match.group(), re.I):
            means = StrikeMeans.ARTILLERY
        before = sentence.text[: match.start()]
        anaphoric = bool(_ANAPHORIC.search(before[-25:])) and not match.group("means")
        verbal = bool(_VERBAL.match(match.group()))
        characterisation = not verbal and bool(_CHARACTERISATION.search(before[-60:]))
        if characterisation:
            anaphoric = True
        if _NEGATED_EVENT.search(before[-60:]):
            continue
        earlier = bool(_EARLIER.search(before[-30:])) or bool(
            re.match(r"\s+(?:that|which)\s+had\s", sentence.text[match.end() : match.end() + 15])
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
        if _NEAR.search(text[max(sentence.start, place.start - 40) : place.start]):
            continue  # "near the Danish island of Bornholm" is not in Denmark
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
        if m.head in ("border", "borders", "frontier", "side") or _NEAR.search(
            text[max(sentence.start, m.start - 40) : m.start]
        ):
            continue
        if m.role == "place" or (m.prep in _PLACE_PREPS and not m.possessive):
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
    r"territory|positions|refinery|refineries|pipelines?|embassy|consulate)\b"
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
) -> tuple[Mention | None, bool]:
    text = analysis.text
    hedged = bool(_HEDGES.search(sentence.text))
    mentions = analysis.mentions_in(sentence.start, sentence.end)
    # an attributive mention just before the trigger: "Russian missile strikes", "US drone strike"
    for m in reversed(mentions):
        if (
            m.end <= trigger.start
            and trigger.start - m.end <= 25
            and (m.role == "weapon" or (m.possessive and m.via != "body"))
        ):
            between = text[m.end : trigger.start]
            if re.fullmatch(
                r"(?:'s?)?\s*(?:(?!\w+ed\b|said\b|has\b|was\b)[\w-]+\s+){0,2}", between
            ):
                return m, hedged
    # "by Ukrainian forces", "fired by Ukraine's air defence"
    for m in mentions:
        if (
            m.start >= trigger.end
            and m.start - trigger.end <= 80
            and _BY_ACTOR.search(text[max(trigger.end, m.start - 12) : m.start])
        ):
            return m, hedged
    # the subject of an attack verb: "Russia was pounding", "Turkish fighter jets shot down"
    for m in mentions:
        if (
            m.end <= trigger.start
            and m.role in ("agent", "weapon")
            and (
                _ATTACK_VERBS.match(text[m.end : trigger.end + 1])
                or (
                    re.match(r"^\s*(?:[\w-]+\s+){0,2}$", text[m.end : trigger.start])
                    and m.role == "weapon"
                )
            )
        ):
            return m, hedged
    return None, hedged


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
        for trigger in triggers:
            country, place = None, None
            if places:
                after = [p for p in places if p[0] >= trigger.end and p[0] - trigger.end < 120]
                before = [p for p in places if p[0] < trigger.start]
                passive = re.match(
                    r"(?:was|were|been)\s", analysis.text[trigger.start : trigger.end]
                )
                if passive and before:
                    chosen = before[0]
                else:
                    chosen = after[0] if after else before[-1] if before else places[0]
                place, country = chosen[1], chosen[2]
            perpetrator, hedged = _perpetrator(analysis, sentence, trigger)
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
            if same_sentence and not direct_place and not trigger.earlier:
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
                if (
                    trigger.anaphoric
                    and referent is not None
                    and (country is None or referent.country == country)
                    and referent.kind in (trigger.kind, EventKind.STRIKE, EventKind.EXPLOSION)
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
                drafts.append(target)
            if voter is not None and target.voter is None:
                target.voter = voter
            if trigger.kind is EventKind.VOTE and target.subject is None:
                target.subject = subject
            target.mentions.append((trigger.start, trigger.end))
            target.add_sentence(sentence)
            if target.country is None and country is not None:
                target.country, target.place = country, place
            if target.means is None and trigger.means is not None:
                target.means = trigger.means
            if (
                perpetrator is not None
                and target.perpetrator is None
                and (perpetrator.principal != target.country or target.kind is EventKind.EXPLOSION)
            ):
                target.perpetrator = perpetrator.principal
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
        for d in drafts
        if d.country is not None or d.perpetrator is not None or len(d.mentions) >= 3
    ]
