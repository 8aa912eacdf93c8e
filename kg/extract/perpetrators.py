"""Who carried out an event, read from the dependency parse (a named reading strategy).

Used when the surface rules of :mod:`kg.extract.events` find no author. The author is an
actor inside one of the event word's own arguments:

* the passive agent or a "by" phrase: "was hit by a series of US air strikes",
  "an air strike by Myanmar's military";
* the subject of an attack verb: "Israeli jets fired missiles at the building";
* the possessive or attributive of the event noun: "Moscow's offensive".

Actors elsewhere in the sentence (the speaker, the victim, a place) are never taken, nor
an author inside someone's reported claim ("X told the Council the building had been hit
by a Y missile"), which is a blame, not the text's own account.

>>> from kg.extract.document import analyse
>>> a = analyse("The hospital was hit by a series of American air strikes.")
>>> s = a.sentences[0]
>>> a.parse_batch([s])  # a fallback reader: it uses parses already made
>>> [m.principal for m in parsed_perpetrator(a, s, a.text.index("hit"), a.text.index(" by"))]
['USA']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.parse import is_form_of, is_noun, is_verb, tokens_between

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from kg.extract.document import Analysis
    from kg.extract.mentions import Mention
    from kg.extract.sentences import Sentence

__all__ = ["parsed_perpetrator"]

_AUTHOR_DEPS = frozenset({"nsubj", "poss", "amod", "compound", "nmod"})
#: Verbs whose clausal complement is someone's claim, not the text's own account.
_CLAIM_VERBS = frozenset(
    {"say", "tell", "claim", "argue", "insist", "allege", "assert", "suggest", "state"}
)


def _claimed(token: Token, spans: list[tuple[int, int]]) -> bool:
    """Whether a word lies in what an actor says ("Russia's envoy told X it was hit by Y").

    ``spans`` are the actor mentions of the sentence (offsets in the sentence); a claim
    whose speaker is no actor ("..., the charity said") is the text's own account.
    """
    for ancestor in [token, *token.ancestors]:
        if ancestor.dep_ in ("ccomp", "advcl") and is_form_of(ancestor.head, _CLAIM_VERBS):
            for subject in ancestor.head.children:
                if subject.dep_ != "nsubj":
                    continue
                lo = subject.left_edge.idx
                hi = subject.right_edge.idx + len(subject.right_edge.text)
                if any(lo <= s < hi for s, _e in spans):
                    return True
    return False


def _argument_heads(token: Token) -> list[Token]:
    heads: list[Token] = []
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            heads.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in _AUTHOR_DEPS:
            heads.append(child)
    return heads


def parsed_perpetrator(
    analysis: Analysis, sentence: Sentence, start: int, end: int
) -> list[Mention]:
    """Actors the parse makes the author of the event word at ``[start, end)``."""
    doc = analysis.parse(sentence, parsed_only=True)
    if doc is None:
        return []
    words = [
        t
        for t in tokens_between(doc, start - sentence.start, end - sentence.start)
        if is_noun(t) or is_verb(t)
    ]
    mentions = [m for m in analysis.mentions_in(sentence.start, sentence.end) if m.role != "place"]
    spans = [(m.start - sentence.start, m.end - sentence.start) for m in mentions]
    for word in reversed(words):  # the head of "air strikes" is its last noun
        if _claimed(word, spans):
            return []  # one side's version: the blame readers weigh it
        for head in _argument_heads(word):
            lo = sentence.start + head.left_edge.idx
            hi = sentence.start + head.right_edge.idx + len(head.right_edge.text)
            if head.dep_ == "nsubj":  # the subject's own words, not a relative clause
                hi = sentence.start + head.idx + len(head.text)
            inside = [m for m in mentions if lo <= m.start and m.end <= hi]
            if inside:
                return inside[:1]
    return []
