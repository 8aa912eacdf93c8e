"""Reactions repeated by ellipsis (a named reading strategy).

"Germany condemned the attack, as did Britain, France and the EU" states four
condemnations: the actors after "as did" (or "and so did", "as have") take up the
reactions read before it in the same sentence, with the same target and event.

>>> from kg.extract.document import analyse
>>> from kg.extract.events import find_events
>>> from kg.extract.reactions import find_reactions
>>> a = analyse("Russian missiles hit Kyiv. Germany condemned the attack, as did Britain "
...             "and Italy.")
>>> sorted((r.agent, r.target) for r in find_reactions(a, find_events(a)))
[('DEU', 'RUS'), ('GBR', 'RUS'), ('ITA', 'RUS')]
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.reaction_clauses import agentive, coordinated

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.reaction_drafts import ReactionDraft

__all__ = ["repeated_by_ellipsis"]

#: ", as did", "and so did", "as have": the actors after it repeat what came before.
_AS_DID = re.compile(
    r"(?:,\s*|\s)(?:as|and\s+so|so)\s+(?:too\s+)?(?:did|have|had|has|were|was|do|does)\s+"
    r"(?:the\s+)?",
    re.I,
)


def repeated_by_ellipsis(analysis: Analysis, drafts: list[ReactionDraft]) -> list[ReactionDraft]:
    """The drafts, with a copy of each for every actor that repeats it by ellipsis."""
    result = list(drafts)
    seen = {(d.agent_principal, d.type, d.target, d.sentence.start) for d in drafts}
    sentences = {d.sentence.start: d.sentence for d in drafts}
    text = analysis.text
    for sentence in sentences.values():
        mentions = analysis.mentions_in(sentence.start, sentence.end)
        for match in _AS_DID.finditer(text, sentence.start, sentence.end):
            first = next(
                (m for m in mentions if match.end() - 4 <= m.start <= match.end() + 2), None
            )
            if first is None or not agentive(first):
                continue
            sources = [
                d for d in drafts if d.sentence is sentence and d.trigger.end <= match.start()
            ]
            for actor in coordinated(mentions, first, text):
                for source in sources:
                    key = (actor.principal, source.type, source.target, sentence.start)
                    if actor.principal == source.target or key in seen:
                        continue
                    seen.add(key)
                    result.append(
                        replace(source, agent=actor.actor, agent_principal=actor.principal)
                    )
    return result
