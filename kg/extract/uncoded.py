"""Actors the reference list lacks: armed groups, and named entities no actor stands for.

Guideline 11 of the evaluation data: a reaction aimed at a group without a code (Hamas,
the Houthis, the RSF, a militia, a person of an entity with no code) has no target, but
it is still a reaction. A blame whose object is such a group is kept with target
``None`` instead of being dropped for want of a target.

Three readers, each small:

* :data:`ARMED_GROUP` a lexicon class of non-state armed groups and their generic names
  (:data:`NAMED_GROUP` the named ones);
* :func:`uncoded_entities` the parser's entities (ORG, GPE, NORP, PERSON) in a span that
  overlap no actor mention;
* :func:`unresolved_actors` the agents and targets of a reaction trigger, read from the
  dependency parse, that are such entities or named groups: what ``kg extract`` reports as
  unresolved actors (:class:`kg.model.UnresolvedActor`), the reviewer's to-do list, so
  that a reaction is not lost silently for want of a code.

>>> from kg.extract.document import analyse
>>> a = analyse("Sudan blamed the Rapid Support Forces for the killings.")
>>> [(e.label, e.text) for e in uncoded_entities(a, a.sentences[0], 12, 55)]
[('ORG', 'the Rapid Support Forces')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from kg.extract.parse import is_form_of, is_noun, is_verb
from kg.model import ReactionType, UnresolvedLabel, UnresolvedRole

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from kg.extract.document import Analysis
    from kg.extract.lexicon import Trigger
    from kg.extract.mentions import Mention
    from kg.extract.sentences import Sentence

__all__ = [
    "ARMED_GROUP",
    "GROUP_ACT",
    "GROUP_ACT_BY",
    "NAMED_GROUP",
    "UncodedEntity",
    "Unresolved",
    "names_uncoded_group",
    "uncoded_entities",
    "unresolved_actors",
]

#: Kinds of non-state armed group ("rebels", "the militias").
_GROUP_KINDS = (
    r"rebels?|separatists?|militants?|insurgents?|militias?|jihadists?|terrorists?|"
    r"gunmen|paramilitar(?:y|ies)|fighters|(?:terrorist\s+)?hordes|gangs?|cartels?|"
    # "a little-known Islamist group", "the Haqqani network" is named, "an armed faction"
    r"(?:Islamist|jihadist|extremist|militant|armed|terrorist|rebel|separatist)\s+"
    r"(?:groups?|networks?|cells?|factions?|organi[sz]ations?)"
)
#: Non-state armed groups by name.
_GROUP_NAMES = (
    r"Hamas|Hezbollah|Houthis?|Taliban|Islamic\s+State|Islamic\s+Jihad|al-Qaeda|al-Shabaab|"
    r"Wagner|M23|JNIM|RSF|Rapid\s+Support\s+Forces|Boko\s+Haram"
)
#: Non-state armed groups, by name or by kind, none of which has a code.
ARMED_GROUP = re.compile(rf"\b(?:{_GROUP_KINDS}|{_GROUP_NAMES})\b", re.I)
#: The armed groups a reviewer could add to the reference actors: those named.
NAMED_GROUP = re.compile(rf"\b(?:{_GROUP_NAMES})\b", re.I)
#: After a reaction word: "the Hezbollah attack", "Wednesday's Hamas rocket fire", "the
#: rebel shelling": an act whose author, named before it, is a group without a code.
GROUP_ACT = re.compile(
    r"\s+(?:(?:the|an?|this|latest|deadly|cross-border|[\w-]+'s)\s+){0,3}"
    rf"(?:{_GROUP_NAMES}|rebel|separatist|militant|insurgent|militia|jihadist|"
    r"paramilitary)(?:'s?)?\s+(?:[\w-]+\s+)?(?:attacks?|strikes?|raids?|rockets?|rocket\s+fire|"
    r"shelling|bombings?|assault|incursion|ambush|offensive|killings?|massacre|infiltration|"
    r"abductions?|kidnapping|actions?)\b",
    re.I,
)
#: An act whose author, named after "by", is a group without a code: "this appalling
#: assault against Israel by Hamas terrorists".
GROUP_ACT_BY = re.compile(
    r"\b(?:attacks?|assaults?|strikes?|raids?|bombings?|massacres?|killings?)\s+"
    rf"(?:[\w-]+\s+){{0,4}}?by\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?(?:{ARMED_GROUP.pattern})",
    re.I,
)
#: Entity labels that can name an actor.
ACTOR_LABELS = frozenset({"ORG", "GPE", "NORP", "PERSON"})


@dataclass(frozen=True)
class UncodedEntity:
    """A named entity at ``[start, end)`` of the normalised text that is no known actor."""

    start: int
    end: int
    text: str
    label: str


def uncoded_entities(
    analysis: Analysis, sentence: Sentence, start: int, end: int
) -> list[UncodedEntity]:
    """The parser's actor-like entities in ``[start, end)`` that overlap no actor mention."""
    doc = analysis.entities(sentence)
    if doc is None:
        return []
    mentions = analysis.mentions_in(sentence.start, sentence.end)
    places = analysis.places_in(sentence.start, sentence.end)
    found: list[UncodedEntity] = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        s, e = sentence.start + ent.start_char, sentence.start + ent.end_char
        if s < start or e > end:
            continue
        if any(m.start < e and m.end > s for m in mentions):
            continue
        if ent.label_ == "GPE" and any(p.start < e and p.end > s for p in places):
            continue  # a city or region, not an actor
        found.append(UncodedEntity(s, e, analysis.text[s:e], ent.label_))
    return found


def names_uncoded_group(analysis: Analysis, sentence: Sentence, start: int, end: int) -> bool:
    """Whether ``[start, end)`` names an armed group or another actor without a code."""
    if ARMED_GROUP.search(analysis.text, start, end):
        return True
    return any(e.label != "GPE" for e in uncoded_entities(analysis, sentence, start, end))


# --------------------------------------------------------------------------- unresolved actors

#: Verbs that report speech: "'We condemn it,' the Council said" is the Council's.
_SAYS = frozenset({"say", "tell", "add", "warn", "insist", "state", "write", "declare"})
#: Prepositions that introduce whom a reaction of a type is aimed at ("blamed the attack on
#: X", "solidarity with X", "called on X to"); the others ("the attack on X") name victims.
_TARGET_PREPS: dict[ReactionType, frozenset[str]] = {
    ReactionType.BLAMES: frozenset({"on"}),
    ReactionType.CEASEFIRE: frozenset({"on", "upon"}),
    ReactionType.SOLIDARITY: frozenset({"with", "to", "behind"}),
    ReactionType.SUPPORTS: frozenset({"with", "for", "to", "behind"}),
    ReactionType.THREATENS: frozenset({"against"}),
}
#: Dependants that are a phrase of their own, not part of the name or owner of its head.
_OTHER_PHRASES = frozenset({"conj", "cc", "prep", "relcl", "acl", "punct", "advcl", "ccomp"})


@dataclass(frozen=True)
class Unresolved:
    """An agent or target of a reaction trigger that no reference actor stands for, at
    ``[start, end)`` of the normalised text: an entity (``label`` ORG, GPE, NORP, PERSON) or
    a named armed group the parser left untagged (``ARMED_GROUP``)."""

    start: int
    end: int
    label: UnresolvedLabel
    role: UnresolvedRole
    type: ReactionType
    sentence: Sentence


def unresolved_actors(analysis: Analysis, sentence: Sentence, trigger: Trigger) -> list[Unresolved]:
    """The actors the parse makes the agent or target of a trigger that overlap no actor
    mention: the subject (or "by" phrase, owner, reporting speaker) and the object (or
    passive subject, or the phrase a type aims with: "blamed it on X").

    Only the names of those phrases count, not their victims or places ("condemned
    Russia's strike on X" names no unresolved target). Entity recognition runs only when
    such a phrase has a capitalised word outside the mentions.

    >>> from kg.extract.document import analyse
    >>> a = analyse("The Freedom Council of Atlantis condemned Russia's strike.")
    >>> [(u.role, u.label, a.text[u.start:u.end]) for u in
    ...  unresolved_actors(a, a.sentences[0], a.triggers()[0])]
    [('agent', 'ORG', 'The Freedom Council of Atlantis')]
    """
    doc = analysis.parse(sentence, any_sentence=True)
    if doc is None:
        return []
    start = trigger.start - sentence.start
    span = doc.char_span(start, trigger.end - sentence.start, alignment_mode="expand")
    if span is None or span[0].idx != start:
        return []
    word = span[0]
    if _wants_verb(trigger) and not is_verb(word):
        return []  # the parse reads a noun where the rule wants a verb ("hit the ship with")
    verb = _governing_verb(word)
    heads: list[tuple[UnresolvedRole, Token]] = [
        ("agent", h) for h in _agent_heads(trigger, word, verb)
    ]
    heads += [("target", h) for h in _target_heads(trigger, word, verb)]
    mentions = analysis.mentions_in(sentence.start, sentence.end)
    taken = [
        (role, names)
        for role, head in heads
        for conjunct in _conjuncts(head)
        for names in [_names(conjunct, role)]
        if not _overlaps(mentions, sentence, [p for w in names for p in _phrase(w)])
    ]
    if not any(_may_name(analysis, sentence, t) for _, tokens in taken for t in tokens):
        return []
    analysis.entities(sentence, any_sentence=True)
    if word.ent_type_ in ACTOR_LABELS:
        return []  # a word of a name ("the Rapid Support Forces"), not a trigger
    found: list[Unresolved] = []
    for role, tokens in taken:
        for start, end, label in _named_spans(analysis, sentence, doc, tokens):
            if not any(m.start < end and m.end > start for m in mentions) and not any(
                s <= start < e for s, e in analysis.datelines
            ):
                found.append(Unresolved(start, end, label, role, trigger.type, sentence))
    return found


def _wants_verb(trigger: Trigger) -> bool:
    """Whether the trigger's rule starts with a verb ("condemn+", "supply+ * with")."""
    return trigger.rule.kind == "verb" or "+" in trigger.rule.pattern.split()[0]


def _governing_verb(word: Token) -> Token | None:
    """The trigger's verb, or the verb that governs it ("called the bombing a [crime]")."""
    for _ in range(3):
        if is_verb(word) or word.head is word:
            break
        word = word.head
    return word if is_verb(word) else None


def _objects(token: Token, deps: frozenset[str]) -> list[Token]:
    """The objects of the prepositions among ``token``'s dependants."""
    return [
        o
        for p in token.children
        if p.dep_ in ("prep", "agent") and p.lower_ in deps
        for o in p.children
        if o.dep_ == "pobj"
    ]


def _agent_heads(trigger: Trigger, word: Token, verb: Token | None) -> list[Token]:
    """Who reacts, by the parse: the owner or "from" phrase of a nominal reaction, the
    "by" phrase of a passive, the speaker of a characterisation, else the subject."""
    if is_noun(word) and trigger.rule.kind in ("noun", "phrase"):
        owner = [c for c in word.children if c.dep_ == "poss"]
        found = owner or _objects(word, frozenset({"from", "by"}))
        if found:
            return found
    if verb is None:
        return []
    if (
        (trigger.rule.kind == "quote" or verb is not word)
        and verb.dep_ == "ccomp"
        and is_form_of(verb.head, _SAYS)
    ):
        verb = verb.head  # "X said the attack was barbaric": X's characterisation
    by = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    return by or _subject(verb)


def _subject(verb: Token) -> list[Token]:
    """The subject of a verb or of the verb it goes with ("said ... and condemned"); the
    reporter of a first-person quote ("'We condemn it,' the Council said")."""
    if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and is_form_of(verb.head.head, _SAYS):
        verb = verb.head.head  # "X said Y was ... and blamed Z": the parser hangs it on Y's
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].dep_ == "nsubjpass":
            return []
        if subjects and subjects[0].lower_ in ("we", "i") and verb.dep_ == "ccomp":
            verb = verb.head
            continue
        if subjects and subjects[0].lower_ in ("who", "which", "that"):
            return [verb.head] if verb.dep_ == "relcl" else []
        if subjects:
            return subjects[:1]
        if verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head is verb:
            return []
        verb = verb.head
    return []


def _target_heads(trigger: Trigger, word: Token, verb: Token | None) -> list[Token]:
    """Whom the trigger is aimed at, by the parse: its object, the subject of a passive,
    the object of the preposition its type aims with ("blamed it on X", "solidarity with
    X"); for a characterisation, what the reported clause is about."""
    preps = _TARGET_PREPS.get(trigger.type, frozenset())
    heads: list[Token] = []
    if is_noun(word):  # "condemnation of X", "solidarity with X"
        heads += _objects(word, preps | {"of"})
    if verb is None or (verb is not word and trigger.rule.kind not in ("quote", "verb")):
        return heads
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
    if trigger.rule.kind == "quote" and verb.dep_ == "ccomp":
        objects += [c for c in verb.children if c.dep_ == "nsubj"]
    heads += objects
    for owner in [verb, *objects]:
        heads += _objects(owner, preps)
    return heads


def _conjuncts(head: Token) -> list[Token]:
    """A head and the heads coordinated with it: "France and the Forum"."""
    found = [head]
    for token in found:
        found.extend(c for c in token.children if c.dep_ == "conj")
    return found


def _phrase(head: Token) -> list[Token]:
    """The words of a head's own phrase: its name, owner and modifiers, without the phrases
    hung on it (prepositional, relative, coordinated)."""
    words = [head]
    for token in words:
        words.extend(c for c in token.children if c.dep_ not in _OTHER_PHRASES)
    return sorted(words, key=lambda t: t.i)


def _names(head: Token, role: UnresolvedRole) -> list[Token]:
    """The words of a phrase that may name an actor: the head, its owner and attributes;
    the author after "by" ("the attack by X"); for an agent whose head is a common noun
    ("a spokesman for the Forum"), the object of "of" or "for"."""
    words = [head]
    words += [c for c in head.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    words += _objects(head, frozenset({"by"}))
    if role == "agent" and not head.tag_.startswith("NNP"):
        words += _objects(head, frozenset({"of", "for"}))
    return words


def _overlaps(mentions: list[Mention], sentence: Sentence, words: list[Token]) -> bool:
    return any(
        m.start < sentence.start + w.idx + len(w) and m.end > sentence.start + w.idx
        for w in words
        for m in mentions
    )


def _may_name(analysis: Analysis, sentence: Sentence, word: Token) -> bool:
    """Whether a word may be part of a name no mention covers (a proper noun, a capitalised
    adjective: "European", or an armed group's name), outside the datelines: worth asking
    the entity recogniser about, which costs a third of a parse."""
    named = word.tag_ in ("NNP", "NNPS") or (word.tag_ == "JJ" and word.text[:1].isupper())
    if not named and not NAMED_GROUP.fullmatch(word.text):
        return False
    start = sentence.start + word.idx
    return not any(s <= start < e for s, e in analysis.datelines) and not any(
        m.start <= start < m.end for m in analysis.mentions_in(sentence.start, sentence.end)
    )


def _named_spans(
    analysis: Analysis, sentence: Sentence, doc: Doc, words: list[Token]
) -> list[tuple[int, int, UnresolvedLabel]]:
    """The entities (actor labels) holding one of ``words``, or else the named armed group
    there, as ``(start, end, label)`` of the normalised text; a place's name is no actor."""
    places = analysis.places_in(sentence.start, sentence.end)
    found: list[tuple[int, int, UnresolvedLabel]] = []
    indices = {w.i for w in words}
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS or not indices & set(range(ent.start, ent.end)):
            continue
        s, e = sentence.start + ent.start_char, sentence.start + ent.end_char
        if ent.label_ == "GPE" and any(p.start < e and p.end > s for p in places):
            continue
        found.append((s, e, cast("UnresolvedLabel", ent.label_)))
        indices -= set(range(ent.start, ent.end))
    for match in NAMED_GROUP.finditer(sentence.text):
        if any(match.start() <= doc[i].idx < match.end() for i in indices):
            found.append(
                (sentence.start + match.start(), sentence.start + match.end(), "ARMED_GROUP")
            )
    return found
