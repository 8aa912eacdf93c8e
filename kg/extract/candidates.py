"""The sentences worth a statistical parse: a reaction trigger and an actor mention.

Everything else (background, headings without a verdict) is read by the rules alone, which
keeps the parser's cost to the sentences a reader may ask about.

>>> from kg.extract.document import analyse
>>> a = analyse("The talks went on late. Poland condemned the strike. Rain fell.")
>>> [s.text for s in candidate_sentences(a)]
['Poland condemned the strike.']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.sentences import Sentence

__all__ = ["candidate_sentences"]


def candidate_sentences(analysis: Analysis) -> list[Sentence]:
    """Sentences (not headings) that hold a trigger and an actor mention, in order."""
    starts = [t.start for t in analysis.triggers()]
    found: list[Sentence] = []
    index = 0
    for sentence in analysis.sentences:
        triggered = False
        while index < len(starts) and starts[index] < sentence.end:
            triggered = triggered or starts[index] >= sentence.start
            index += 1
        if sentence.heading or not analysis.mentions_in(sentence.start, sentence.end):
            continue
        if triggered:
            found.append(sentence)
    return found
