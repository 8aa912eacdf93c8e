"""Who owns an event the text never gives an author: the side whose own people claim it.

A story often tells an attack without its author ("B-2 bombers dropped bombs on Fordow")
and lets the author show itself later, when its leaders speak of the act as theirs:
"Trump called the operation a spectacular success", "Erdogan defended the operation as
a fight against terrorism", "the defence minister ordered the strikes". Only the owner
defends, orders or boasts of an operation; a victim or a bystander condemns or regrets it.

The reading is conservative, because a wrong author turns every reaction to the event
into a false one: the claim is the sentence's main clause (not someone's report of it),
its subject names one actor, its object is a reference back ("the operation", "the
strikes") that names no other actor, and it refers to the latest event told before it,
which must have no author yet. Claims by different actors cancel each other.

>>> from kg.extract.document import analyse
>>> from kg.extract.events import find_events
>>> a = analyse("Bombers struck a nuclear site in Iran on Sunday. "
...             "President Donald Trump called the operation a spectacular success.")
>>> [(e.country, e.perpetrator) for e in find_events(a)]
[('IRN', 'USA')]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.parse import is_form_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from kg.extract.document import Analysis
    from kg.extract.event_draft import EventDraft
    from kg.extract.mentions import Mention
    from kg.extract.sentences import Sentence

__all__ = ["claim_authors"]

#: Words that refer back to a military act.
_OPERATION_NOUNS = frozenset(
    {
        "operation",
        "operations",
        "strike",
        "strikes",
        "airstrike",
        "airstrikes",
        "attack",
        "attacks",
        "offensive",
        "raid",
        "raids",
        "bombing",
        "bombings",
        "campaign",
        "mission",
    }
)
#: Verbs only the owner of an act uses of it.
_OWNING_VERBS = frozenset({"defend", "order", "authorize", "authorise", "justify"})
#: Verbs that own the act when what they call it is a success.
_NAMING_VERBS = frozenset({"call", "describe", "hail", "declare"})
_SUCCESS = frozenset({"success", "successful", "triumph", "victory"})
_REFERRING = frozenset({"the", "this", "that", "these", "those", "its", "their"})
#: A cheap test before any parse: a sentence that may hold a claim.
_PREFILTER = re.compile(
    r"\b(?:defend|order|authori[sz]|justif|call|describ|hail|declar)\w*\s+(?:\w+\s+){0,3}?"
    r"(?:operations?|strikes?|airstrikes?|attacks?|offensive|raids?|bombings?|campaign|mission)\b",
    re.I,
)


def claim_authors(analysis: Analysis, events: list[EventDraft]) -> None:
    """Give an event without an author the one actor whose people claim it as theirs."""
    #: for each event, its claimants and the sentence of their first claim (the evidence)
    claims: dict[int, dict[str, tuple[int, int]]] = {}
    for sentence in analysis.sentences:
        if sentence.heading or not _PREFILTER.search(sentence.text):
            continue
        claimants = _claimants(analysis, sentence)
        referent = _referent(events, sentence.start) if claimants else None
        if referent is not None:
            found = claims.setdefault(id(referent), {})
            for claimant in sorted(claimants):
                found.setdefault(claimant, (sentence.start, sentence.end))
    for event in events:
        owners = claims.get(id(event), {})
        if len(owners) == 1 and event.country not in owners:
            [(owner, span)] = owners.items()
            event.perpetrator, event.perpetrators = owner, [owner]
            event.perpetrator_span = span


def _referent(events: list[EventDraft], position: int) -> EventDraft | None:
    """The event told last before ``position``, when it has no author and is the story's
    own act (not an earlier one told in passing, not a vote)."""
    told = [
        (max(starts), e)
        for e in events
        if (starts := [s for s, _e in e.mentions if s < position])
    ]
    if not told:
        return None
    latest = max(told, key=lambda pair: pair[0])[1]
    if latest.perpetrator is not None or latest.background or latest.voter is not None:
        return None
    return latest


def _claimants(analysis: Analysis, sentence: Sentence) -> set[str]:
    """The actors the main clauses of a sentence make owners of "the operation"."""
    found: set[str] = set()
    doc = analysis.parse(sentence)
    if doc is None:
        return found
    mentions = [m for m in analysis.mentions_in(sentence.start, sentence.end) if m.role != "place"]
    for verb in doc:
        if verb.dep_ not in ("ROOT", "conj") or (verb.dep_ == "conj" and verb.head.dep_ != "ROOT"):
            continue
        if not _owns(verb):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None and verb.dep_ == "conj":
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        inside = _inside(sentence, subject, mentions)
        if len({m.principal for m in inside}) == 1:
            found.add(inside[0].principal)
    return found


def _owns(verb: Token) -> bool:
    """Whether a verb claims its object, a reference back to an operation naming no one."""
    objects = [
        c
        for c in verb.children
        if c.dep_ == "dobj"
        and c.lower_ in _OPERATION_NOUNS
        and any(d.dep_ in ("det", "poss") and d.lower_ in _REFERRING for d in c.children)
        # "the US operation" names its author: the text's own attribution, not a claim
        and not any(
            d.dep_ in ("amod", "compound", "poss") and d.text[:1].isupper() for d in c.children
        )
    ]
    if not objects:
        return False
    if is_form_of(verb, _OWNING_VERBS):
        return True
    if not is_form_of(verb, _NAMING_VERBS):
        return False
    named = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp", "prep")]
    return any(t.lower_ in _SUCCESS for c in named for t in c.subtree)


def _inside(sentence: Sentence, head: Token, mentions: list[Mention]) -> list[Mention]:
    lo = sentence.start + head.left_edge.idx
    hi = sentence.start + head.right_edge.idx + len(head.right_edge.text)
    return [m for m in mentions if lo <= m.start and m.end <= hi]
