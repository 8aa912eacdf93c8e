"""Calls for a ceasefire aimed at the party they address (a named reading strategy).

A call for a ceasefire is addressed to all sides unless the sentence names whom it asks
to stop: "urged Russia to halt its offensive" is a call on Russia, its target
(guideline 9 of the evaluation data). The addressee comes from the dependency parse
(:func:`kg.extract.addressee.addressees`); an appeal to several parties gives one reaction
per addressee, and an appeal to "all sides" keeps no target.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.addressee import addressees
from kg.model import ReactionType

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.reaction_drafts import ReactionDraft

__all__ = ["aim_appeals"]


def aim_appeals(analysis: Analysis, drafts: list[ReactionDraft]) -> list[ReactionDraft]:
    """Each call for a ceasefire with no target, aimed at whom it addresses, if anyone."""
    result: list[ReactionDraft] = []
    for draft in drafts:
        if draft.type is not ReactionType.CEASEFIRE or draft.target is not None:
            result.append(draft)
            continue
        found = addressees(analysis, draft.sentence, draft.trigger.start)
        codes: list[str] = []
        for mention in found or []:
            if mention.principal != draft.agent_principal and mention.principal not in codes:
                codes.append(mention.principal)
        if not codes:
            result.append(draft)
            continue
        result.extend(replace(draft, target=code) for code in codes)
    return result
