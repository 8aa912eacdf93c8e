"""Casualty figures: how many were killed, injured, and how many of the dead were children.

Each figure is a range (:data:`Range`, from :func:`kg.extract.quantities.parse_quantity`:
"at least 20" is ``(20, None)``) with the words it was read from: "killing at least 20
people", "13 were wounded", "including a child", "no deaths" (``(0, 0)``), "all 176 on
board" (exactly 176). :func:`find_casualties` reads a sentence; :func:`add_casualties`
gives an event the figures it does not have yet (the first told wins, but for a
revised, higher toll: "the toll had risen to 22").

>>> from kg.extract.sentences import split_sentences
>>> [sentence] = split_sentences("The strike killed at least 20 people and wounded 13.")
>>> find_casualties(sentence)
{'killed': ((20, None), 'at least 20'), 'injured': ((13, 13), '13')}
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.quantities import QUANTITY, is_vague, parse_quantity

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.events import EventDraft
    from kg.extract.sentences import Sentence

__all__ = ["Casualties", "Range", "add_casualties", "find_casualties"]

Range = tuple[int, int | None]
#: The figures of a sentence by measure (killed, injured, children): range and words.
Casualties = dict[str, tuple[Range, str]]

_Q = QUANTITY.pattern.replace("(?P<mod>", "(?:").replace("(?P<num>", "(?:")
#: The words between a figure and its verb: "Seven aid workers from the charity World
#: Central Kitchen were killed", "30 soldiers from Italy and Hungary"; not another verb,
#: clause or figure ("30 missiles launched ... killed", "on May 17 three were killed"),
#: nor an "and" that joins clauses. An aside between commas may follow ("At least 35
#: people, most of them women and children, were killed").
_BETWEEN = (
    r"(?:(?!{stop}|and\b(?!\s+(?-i:[A-Z]))|or\b|\w+ed\b|said\b|says\b|when\b|after\b|while\b|"
    r"as\b|\d)[\w'-]+\s+){{0,8}}?(?:[\w'-]+,\s+[^,.;]{{1,60}},\s+)?"
    r"(?:were|was|have\s+been|had\s+been|has\s+been|are|being|had|have)?\s*(?:\w+ly\s+)?"
)
_KILLED = re.compile(
    rf"(?P<q1>{_Q})\s+{_BETWEEN.format(stop='injur|wound|hurt')}"
    r"(?:killed|dead|died|deaths|fatalities|lives\s+lost|martyred)"
    r"|(?:killing|killed|kills|claimed|claiming|cost|costing|left|leaving|deaths?\s+of|"
    # "insurgents beheaded more than 50 people"
    r"beheaded|beheading|massacred|massacring|slaughtered|slaughtering|murdered|murdering|"
    r"executed|executing|death\s+toll\s+"
    r"(?:\w+\s+){0,3}?(?:to|at|of)|toll\s+(?:(?:had|has|have)\s+)?(?:rose|risen|climbed|reached)(?:\s+to)?"
    # "the health ministry now puts the toll at 38 dead"
    r"|(?:put|puts|putting|placed|places)\s+the\s+(?:death\s+)?toll\s+at"
    # "the death toll from the attack on a mosque in North Sinai rose to 305", "the toll
    # among Islamic State fighters from Thursday's strike had risen to 94"
    r"|(?:death\s+)?toll\s+(?:from|of|in|among)\s+(?:[\w'-]+,?\s+){1,12}?(?:(?:had|has|have)\s+)?"
    r"(?:rose|risen|climbed|reached|stood|stands|increased)(?:\s+to)?"
    # "the number of people killed by a Russian missile ... has risen to at least 20"
    r"|number\s+of\s+(?:people|persons|civilians|those|dead)\s+(?:killed\s+)?"
    r"(?:[\w'-]+,?\s+){0,14}?(?:(?:had|has|have)\s+)?(?:rose|risen|climbed|reached|increased)"
    r"\s+to"
    # "counted the bodies of 108 people"
    r"|bodies\s+of)\s+"
    rf"(?:the\s+lives\s+of\s+)?(?:all\s+)?(?:(?:its|their|the)\s+)?(?:an?\s+family\s+of\s+)?(?P<q2>{_Q})",
    re.I,
)
_INJURED = re.compile(
    rf"(?P<q1>{_Q})\s+{_BETWEEN.format(stop='death|dead|kill|died')}"
    r"(?:injured|wounded|hurt"
    # "Eleven people were taken to hospital with shrapnel wounds", "40 others were being
    # treated for wounds"
    r"|(?:taken|admitted|rushed|brought)\s+to\s+(?:a\s+|the\s+)?hospitals?\b(?!\s+(?:dead|where\s+they\s+died))"
    r"|hospitali[sz]ed|treated\s+(?:in\s+hospital\s+)?for\s+(?:\w+\s+)?(?:wounds|injuries))"
    r"|(?:injuring|wounding|injured|wounded|injur(?:y|ies)\s+(?:to|of))"
    rf"\s+(?P<q2>{_Q})",
    re.I,
)
_CHILDREN = re.compile(
    rf"(?P<q1>{_Q})\s+(?:of\s+them\s+)?(?:children|minors|kids)\b",
    re.I,
)
_NO_DEATHS = re.compile(
    r"\bno\s+(?:deaths|casualties|fatalities|one\s+was\s+killed|injuries\s+or\s+deaths)\b"
    r"|\b(?:nobody|no\s+one)\s+(?:was|were|had\s+been)\s+(?:killed|hurt)\b",
    re.I,
)
#: "No injuries were reported"; "no casualties" is neither dead nor injured.
_NO_INJURIES = re.compile(
    r"\bno\s+(?:injuries|casualties)\b"
    r"|\b(?:nobody|no\s+one)\s+(?:was|were|had\s+been)\s+(?:killed\s+or\s+)?"
    r"(?:injured|hurt|wounded)\b",
    re.I,
)
#: "no one", "nobody": no figure, the zero the patterns above read.
_NO_ONE = re.compile(r"\bno\s+one\b", re.I)
#: "several", "a few": some, but no figure.
_NO_FIGURE = frozenset({"several", "a few"})
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: Dates and times, never figures ("on September 17", "17 May", "at 18:20", "in 2015"):
#: their digits are masked before figures are read.
_DATES = re.compile(
    rf"\b(?-i:{_MONTH})\s+\d{{1,2}}\b|\b\d{{1,2}}\s+(?-i:{_MONTH})(?![\w-])"
    r"|\b\d{1,2}[:.]\d{2}\b|\b(?:19|20)\d{2}\b"
)
_CASUALTY_WORDS = re.compile(
    r"kill|dead|died|death|fatal|lives|martyred|behead|massacr|slaughter|murder|execut|wound|"
    r"injur|hurt|toll|casualt|child|minor|kids|bodies|hospital",
    re.I,
)
_ONE_CHILD = re.compile(
    r"\b(?:including|among\s+them|among\s+the\s+dead\s+(?:was|were))\s+"
    r"((?:a|one)\s+(?:child|baby|boy|girl|toddler|teenager|minor))\b",
    re.I,
)
_PERSON = (
    r"(?:man|woman|person|civilian|child|boy|girl|baby|soldier|officer|policeman|"
    r"policewoman|worker|guard|pilot|driver|resident|farmer|fisherman|journalist|teenager|"
    r"shepherd|herder|nurse|doctor|paramedic|teacher|student|commander|sailor|passenger|"
    r"villager|labourer|laborer|trader|merchant|engineer|volunteer|peacekeeper|medic)"
)
#: "A Palestinian man was killed", "killing a soldier": one dead.
_ONE_KILLED = re.compile(
    rf"\b(?:an?|one)\s+(?:[\w-]+\s+){{0,2}}?{_PERSON}\s+(?:was\s+)?(?:killed|shot\s+dead|died)\b"
    rf"|\b(?:killing|killed)\s+(?:an?|one)\s+(?:[\w-]+\s+){{0,2}}?{_PERSON}\b",
    re.I,
)
#: "A policeman was wounded", "injuring a third": one injured.
_ONE_INJURED = re.compile(
    rf"\b(?:an?|one|another|their|his|her)\s+(?:[\w-]+\s+){{0,2}}?(?:{_PERSON}|mother|father|son|daughter|"
    r"wife|husband|brother|sister)\s+(?:was\s+)?(?:wounded|injured|hurt)\b"
    rf"|\b(?:injuring|wounding)\s+(?:an?|one|another)\s+(?:(?:second|third|fourth|fifth)\b|"
    rf"(?:[\w-]+\s+){{0,2}}?{_PERSON})",
    re.I,
)
_ALL_ON_BOARD = re.compile(r"\ball\s+(?=\d)", re.I)
#: "the toll had risen to 22": a later count of the same dead, which replaces the first.
_REVISED = re.compile(
    r"\btoll\s+(?:(?:had|has|have)\s+)?(?:rose|risen|climbed|reached)\b|\b(?:rose|risen)\s+to\b",
    re.I,
)
_CASUALTY_HINT = re.compile(r"\b(?:kill|dead|died|deaths|wound|injur|casualt|victims)", re.I)


def _range(match: re.Match[str], text: str) -> tuple[Range, str] | None:
    group = "q1" if match.group("q1") else "q2"
    quantity_text = match.group(group)
    parsed = parse_quantity(quantity_text)
    if parsed is None or " ".join(quantity_text.lower().split()) in _NO_FIGURE:
        return None
    before = text[: match.start(group)]
    if _ALL_ON_BOARD.search(before[-4:]) and parsed[1] is None:
        parsed = (parsed[0], parsed[0])
    return parsed, quantity_text


#: "two marines and two civilians": a second figure joined to the first.
_AND_AFTER = re.compile(rf"\s+(?:[\w-]+\s+){{1,2}}?and\s+(?P<q>{_Q})\s+(?!of\b)[a-z][\w-]*", re.I)
_AND_BEFORE = re.compile(rf"(?<![\w-])(?P<q>{_Q})\s+(?:[\w-]+\s+){{1,2}}?and\s+$", re.I)


#: A word saying what happened to the people a figure counts: it ends that figure's phrase.
_MEASURE_WORD = re.compile(
    r"\b(?:killed|dead|died|deaths|wounded|injured|hurt|injuries|missing)\b", re.I
)


def _with_joined(text: str, match: re.Match[str], found: tuple[Range, str]) -> tuple[Range, str]:
    """The figure with the one coordinated to it added: "killing two marines and two
    civilians" is four dead, as is "Two marines and two civilians were killed"."""
    group = "q1" if match.group("q1") else "q2"
    if group == "q2":
        other = _AND_AFTER.match(text, match.end(group))
    else:
        other = _AND_BEFORE.search(text, max(0, match.start(group) - 60), match.start(group))
    if other is None:
        return found
    start = min(match.start(group), other.start("q"))
    end = max(match.end(group), other.end())
    if _MEASURE_WORD.search(text, start, end):
        return found  # "left 12 dead and 30 wounded", "12 died and dozens were hurt": two measures
    parsed = parse_quantity(other.group("q"))
    if parsed is None or other.group("q").lower() in _NO_FIGURE:
        return found
    (low, high), _words = found
    total_high = None if high is None or parsed[1] is None else high + parsed[1]
    return (low + parsed[0], total_high), text[start:end]


def find_casualties(sentence: Sentence) -> Casualties:
    """The casualty figures a sentence gives, by measure."""
    found: Casualties = {}
    if not _CASUALTY_WORDS.search(sentence.text):
        return found
    text = _DATES.sub(lambda m: re.sub(r"\d", "#", m.group()), sentence.text)
    text = _NO_ONE.sub(lambda m: m.group()[:-3] + "###", text)  # "no one" is no figure
    for name, pattern in (("killed", _KILLED), ("injured", _INJURED)):
        # "the toll had risen to 22" is the count of a sentence that also tells increments
        matches = sorted(pattern.finditer(text), key=lambda m: "toll" not in m.group().lower())
        for match in matches:
            parsed = _range(match, text)
            if parsed is None:
                continue
            window = text[match.start() : match.end()]
            if re.search(r"\b(?:percent|per\s+cent|barrels|kilomet|miles|votes)\b", window):
                continue
            found.setdefault(name, _with_joined(text, match, parsed))
    one_killed = _ONE_KILLED.search(text)
    if one_killed is not None:
        found.setdefault("killed", ((1, 1), one_killed.group()))
    one_injured = _ONE_INJURED.search(text)
    if one_injured is not None:
        found.setdefault("injured", ((1, 1), one_injured.group()))
    if "killed" in found and _REVISED.search(text):
        found["revised"] = found["killed"]
    no_deaths = _NO_DEATHS.search(sentence.text)
    if no_deaths is not None:
        found.setdefault("killed", ((0, 0), no_deaths.group()))
    no_injuries = _NO_INJURIES.search(sentence.text)
    if no_injuries is not None:
        found.setdefault("injured", ((0, 0), no_injuries.group()))
    one_child = _ONE_CHILD.search(text)
    if one_child is not None and _CASUALTY_HINT.search(text):
        found.setdefault("children", ((1, 1), one_child.group(1)))
    for match in _CHILDREN.finditer(text):
        if _CASUALTY_HINT.search(text) or re.search(r"among", text[: match.start()], re.I):
            children = parse_quantity(match.group("q1"))
            if children is not None and match.group("q1").lower() not in _NO_FIGURE:
                found.setdefault("children", (children, match.group("q1")))
    return found


def _counted_over_vague(told: str | None, figure: tuple[Range, str]) -> bool:
    """Whether a count replaces one that said only "many": "killing scores of people" in
    the lead, "at least 157 people were killed" further down.

    >>> _counted_over_vague("scores", ((157, None), "at least 157"))
    True
    >>> _counted_over_vague("four", ((3804, 3804), "3,804"))
    False
    """
    return told is not None and is_vague(told) and not is_vague(figure[1])


def add_casualties(target: EventDraft, sentence: Sentence, casualties: Casualties) -> None:
    """Give an event the figures of a sentence it lacks, keeping the sentence as evidence."""
    revised = casualties.get("revised")
    if revised is not None and target.killed is not None and revised[0][0] > target.killed[0]:
        target.killed, target.killed_text = revised
        target.add_sentence(sentence)
    if "killed" in casualties and (
        target.killed is None or _counted_over_vague(target.killed_text, casualties["killed"])
    ):
        target.killed, target.killed_text = casualties["killed"]
        target.add_sentence(sentence)
    if "injured" in casualties and (
        target.injured is None or _counted_over_vague(target.injured_text, casualties["injured"])
    ):
        target.injured, target.injured_text = casualties["injured"]
        target.add_sentence(sentence)
    if "children" in casualties and target.children_killed is None:
        target.children_killed, target.children_text = casualties["children"]
        target.add_sentence(sentence)
