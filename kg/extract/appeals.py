"""Calls for a ceasefire aimed at the party they address (a named reading strategy).

A call for a ceasefire is addressed to all sides unless the sentence names whom it asks
to stop: "urged Russia to halt its offensive" is a call on Russia, its target
(guideline 9 of the evaluation data). The addressee comes from the dependency parse
(:func:`kg.extract.addressee.addressees`); an appeal to several parties gives one reaction
per addressee, and an appeal to "all sides" keeps no target. An appeal to "the regime",
"the junta" or "the army" is addressed to the author of the act the reactions before it
are about.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.addressee import addressees, addresses_regime
from kg.extract.event_accounts import UN_BODIES
from kg.extract.reaction_drafts import responsible
from kg.model import ReactionType

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.events import EventDraft
    from kg.extract.reaction_drafts import ReactionDraft

__all__ = ["aim_appeals"]


#: An appeal to the public or about protesters: "urges residents to stay calm", "calls on
#: all Lebanese to remain calm", "restraint and respect for the right of protesters".
_TO_CIVILIANS = re.compile(
    r"\b(?:urg\w*|call\w*\s+(?:on|upon)|appeal\w*\s+to|ask\w*|tell\w*)\s+(?:the\s+|all\s+|its\s+|"
    r"his\s+|her\s+|their\s+)?(?:residents|citizens|population|public|supporters|nationals|"
    r"inhabitants)\s+to\b|\b(?:call\w*\s+(?:on|upon)|urg\w*)\s+all\s+(?-i:[A-Z])\w+\s+to\b"
    r"|\brestraint\b[^.;]{0,80}\b(?:protesters|demonstrators|protests|demonstrations)\b",
    re.I,
)


def aim_appeals(
    analysis: Analysis, drafts: list[ReactionDraft], events: list[EventDraft]
) -> list[ReactionDraft]:
    """Each call for a ceasefire with no target, aimed at whom it addresses, if anyone."""
    result: list[ReactionDraft] = []
    for draft in drafts:
        if draft.type is not ReactionType.CEASEFIRE or draft.target is not None:
            result.append(draft)
            continue
        if _TO_CIVILIANS.search(analysis.text, draft.sentence.start, draft.sentence.end):
            continue  # "urged residents to stay calm": a word to the public, no war stopped
        found = addressees(analysis, draft.sentence, draft.trigger.start)
        codes: list[str] = []
        for mention in found or []:
            if (
                mention.principal != draft.agent_principal
                and mention.principal not in codes
                # "asked the Security Council for a ceasefire": asked to act, not to stop
                and mention.principal not in UN_BODIES
            ):
                codes.append(mention.principal)
        if not codes and addresses_regime(analysis, draft.sentence, draft.trigger.start):
            # "called on the regime to cease its violence": the author of the act in question
            codes = [c for c in _last_authors(drafts, draft) if c != draft.agent_principal]
        if not codes or _both_sides(codes, events) or _truce_between(codes, draft):
            result.append(draft)
            continue
        result.extend(replace(draft, target=code) for code in codes)
    return result


def _truce_between(codes: list[str], draft: ReactionDraft) -> bool:
    """ "called on Thailand and Cambodia to establish a permanent ceasefire": a truce asked
    of several parties is one between them, an appeal to all sides."""
    return len(codes) >= 2 and bool(_TRUCE.search(draft.trigger.text))


_TRUCE = re.compile(r"\b(?:ceasefire|cease-fire|truce|armistice|cessation)\b", re.I)


def _both_sides(codes: list[str], events: list[EventDraft]) -> bool:
    """Whether the addressees are both sides of an event of the text ("called on Russia
    and Ukraine to exercise restraint" after a Russian strike in Ukraine): an appeal to all
    parties, which has no target (guideline 9)."""
    if len(codes) < 2:
        return False
    for event in events:
        authors = set(responsible(event))
        if (
            event.country in codes
            and event.country not in authors
            and (authors & set(codes) or not authors)
        ):
            return True  # the author and the country struck; or two sides of a clash
    return False


def _last_authors(drafts: list[ReactionDraft], appeal: ReactionDraft) -> list[str]:
    """The authors of the event the reactions before an appeal were last about."""
    for draft in reversed([d for d in drafts if d.trigger.start < appeal.trigger.start]):
        if draft.about is not None and responsible(draft.about):
            return responsible(draft.about)
    return []
