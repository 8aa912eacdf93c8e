"""Who cast the veto a reaction is about: "Clinton called the vetoes a travesty" after
"Russia and China vetoed the draft" is aimed at Russia and at China.

A veto is no event of the text (a vote is, and its voter is the organ that voted), so a
condemnation of "the veto" finds its authors here: the states the text says vetoed
(their subject, or the actors after "vetoed by"), as told last before the reaction.

>>> from kg.extract.document import analyse
>>> a = analyse("Russia and China vetoed the draft. Clinton called the vetoes a travesty.")
>>> veto_casters(a, a.text.index("Clinton"))
['RUS', 'CHN']
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from kg.model import ActorKind

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis

__all__ = ["NAMES_VETO", "veto_casters"]

#: An object that is a veto: "the vetoes", "Moscow's veto", "this double veto".
NAMES_VETO = re.compile(
    r"\s*(?:the|this|that|these|those|its|their|[\w-]+'s?)\s+(?:[\w-]+\s+){0,2}?vetoe?s?\b", re.I
)
#: A veto cast: "vetoed", "cast a veto", "used their vetoes".
_VETOED = re.compile(
    r"\b(?:vetoed|vetoing|(?:cast|casting|used|using|wielded|exercised)\s+(?:a|its|their|a\s+double)"
    r"\s+vetoe?s?)\b",
    re.I,
)
#: What may stand between the subject and "vetoed": "Russia and China on Saturday vetoed".
_BEFORE_VERB = re.compile(
    r"\s*(?:(?:(?:late|early)\s+)?on\s+\w+(?:\s+\d+)?\s+|\w+ly\s+|,[^,;]{0,60},\s*)*"
)
#: What joins two actors of one subject: "Russia and China", "Russia, China and Iran".
_JOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def veto_casters(analysis: Analysis, before: int) -> list[str]:
    """The states that cast the last veto told before ``before`` (empty when none is)."""
    text = analysis.text
    casters: list[str] = []
    for match in _VETOED.finditer(text, 0, before):
        sentence = analysis.sentence_at(match.start())
        if sentence is None:
            continue
        after = re.match(r"\s+by\s+", text[match.end() : match.end() + 6])
        if after is not None:  # "a draft vetoed by Russia and China"
            group = _joined_run(analysis, match.end() + after.end(), sentence.end, forward=True)
        else:
            group = _joined_run(analysis, sentence.start, match.start(), forward=False)
        if group:
            casters = group
    return casters


def _joined_run(analysis: Analysis, start: int, end: int, *, forward: bool) -> list[str]:
    """The states of one run of joined mentions: the first run after ``start`` or the last
    one before ``end`` (the subject of "vetoed", or its agent after "by")."""
    mentions = [m for m in analysis.mentions_in(start, end) if m.kind is ActorKind.STATE]
    if not mentions:
        return []
    text = analysis.text
    run = [mentions[0]] if forward else [mentions[-1]]
    if forward and not re.fullmatch(r"\s*(?:the\s+)?", text[start : mentions[0].start]):
        return []
    if not forward and not _BEFORE_VERB.fullmatch(text, mentions[-1].end, end):
        return []
    ordered = mentions if forward else mentions[::-1]
    for previous, mention in itertools.pairwise(ordered):
        gap = text[previous.end : mention.start] if forward else text[mention.end : previous.start]
        if not _JOINED.fullmatch(gap):
            break
        run.append(mention)
    codes = [m.principal for m in (run if forward else run[::-1])]
    return list(dict.fromkeys(codes))
