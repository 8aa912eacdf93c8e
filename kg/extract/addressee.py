"""Whom an appeal is addressed to, read from the dependency parse.

"France called on Russia and Belarus to cease their attacks" is a call for a ceasefire
addressed to Russia and to Belarus: its targets. The addressee is the direct object of
the appeal verb ("urged Moscow to halt", "pressed Baku to stop") or the object of its
"on"/"upon"/"to" preposition ("called on Ankara to", "appealed to Kigali to"), with every
actor coordinated with it ("Russia and Belarus"). An appeal to "all sides", "both
parties" or the like names no one in particular. Whoever appeals is never its own
addressee.

>>> from kg.extract.document import analyse
>>> a = analyse("France called on Russia and Belarus to cease their attacks.")
>>> [m.principal for m in addressees(a, a.sentences[0], a.text.index("called"))]
['RUS', 'BLR']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.parse import is_form_of, is_noun, is_verb, tokens_between

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from kg.extract.document import Analysis
    from kg.extract.mentions import Mention
    from kg.extract.sentences import Sentence

__all__ = ["addressees", "addresses_regime"]

#: Verbs of appeal whose object is asked to act ("urged X to", "called on X to").
APPEAL_VERBS = frozenset(
    {
        "call", "urge", "press", "demand", "ask", "appeal", "implore", "beseech", "tell",
        "push", "encourage", "exhort", "request", "invite",
    }
)  # fmt: skip
#: Verbs of stopping whose subject is who is asked to stop ("Russia must withdraw").
STOP_VERBS = frozenset(
    {"cease", "halt", "stop", "end", "withdraw", "suspend", "pull", "agree", "leave"}
)
#: Verbs of withdrawing: "Russia must withdraw its troops" is addressed to Russia.
_WITHDRAW = frozenset({"withdraw", "pull"})
#: Prepositions that introduce the addressee of an appeal verb.
_ADDRESS_PREPS = frozenset({"on", "upon", "to"})
#: Acts an appeal asks to stop: their owner ("Moscow's offensive", "the Russian
#: strikes") is whom the appeal is addressed to when no addressee is named.
_ACTS = frozenset(
    {
        "offensive", "attack", "attacks", "aggression", "operation", "operations", "strikes",
        "shelling", "bombing", "bombardment", "bombardments", "campaign", "incursion",
        "invasion", "occupation", "assault", "advance", "war", "raids", "airstrikes", "terror",
        "killings", "incursions", "massacres",
    }
)  # fmt: skip
#: Heads of an addressee that is everyone involved rather than one party.
_EVERYONE = frozenset({"side", "sides", "party", "parties", "all", "everyone", "belligerents"})


def _conjuncts(token: Token) -> list[Token]:
    """A token and every token coordinated with it ("Russia, Belarus and Iran")."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj":
            found.extend(_conjuncts(child))
    return found


def _appeal_verb(tokens: list[Token]) -> Token | None:
    for token in tokens:
        if is_form_of(token, APPEAL_VERBS) and is_verb(token):
            return token
    return None


def _subjects(verb: Token) -> list[Token]:
    """The subject of a verb; the antecedent for a relative one ("Russia that must")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and any(s.lower_ in ("that", "who", "which") for s in subjects):
        return [verb.head]
    return subjects


#: Verbs by which the one appealed to is to bring a third party to stop ("called on Russia
#: to press Damascus to halt"); "use its influence on Pyongyang to stop" likewise.
_RELAY_VERBS = frozenset({"press", "pressure", "persuade", "convince", "push", "urge", "use"})


def _relayed(verb: Token) -> list[Token]:
    """ "called on Russia to press Damascus to halt its attacks": Damascus, whom the one
    appealed to is to bring to stop (the relaying verb's object, or the object of "on"
    after "influence"), when a clause of stopping follows."""
    for relay in verb.children:
        if relay.dep_ != "xcomp" or not is_form_of(relay, _RELAY_VERBS):
            continue
        if not any(c.dep_ == "xcomp" and is_form_of(c, STOP_VERBS) for c in relay.children):
            continue
        objects = [c for c in relay.children if c.dep_ in ("dobj", "dative")]
        if relay.lemma_ == "use":
            return [
                pobj
                for obj in objects
                if obj.lower_ in ("influence", "leverage", "weight")
                for prep in obj.children
                if prep.dep_ == "prep" and prep.lower_ in ("on", "over", "with")
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ]
        return objects
    return []


def _stop_clause_subjects(verb: Token) -> list[Token]:
    """ "demanded that Russia stop its attacks": the subject of the clause of stopping."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ == "ccomp" and is_form_of(child, STOP_VERBS):
            found.extend(_subjects(child))
    return found


#: Heads of an addressee that is the government of the state in question, unnamed.
_REGIME = frozenset({"regime", "junta", "army", "military", "troops", "forces"})


def addresses_regime(analysis: Analysis, sentence: Sentence, position: int) -> bool:
    """Whether an appeal starting at ``position`` is addressed to "the regime", "the junta"
    or "the army": the government whose violence it asks to stop, named elsewhere."""
    doc = analysis.parse(sentence)
    if doc is None:
        return False
    offset = position - sentence.start
    verb = _appeal_verb(tokens_between(doc, offset, offset + 60))
    if verb is None:
        return False
    heads = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _ADDRESS_PREPS:
            heads.extend(c for c in child.children if c.dep_ == "pobj")
    return any(h.lower_ in _REGIME for h in heads)


def _act_owners(doc: Doc, window: list[Token]) -> list[Token]:
    """ "an immediate halt to Moscow's offensive", "Russia's attacks must stop", "an end to
    the Russian bombardment": the owner of the act to stop (its possessive or, for a
    nationality adjective, the adjective), looked for from the sentence start to the end
    of the window so that a subject before the trigger counts."""
    last = window[-1].i if window else -1
    owners: list[Token] = []
    for token in doc[: last + 1]:
        if token.lower_ not in _ACTS or not is_noun(token):
            continue
        owners.extend(c for c in token.children if c.dep_ in ("poss", "amod", "compound"))
    for token in doc:
        if token.lower_ not in _STOPPINGS or not is_noun(token):
            continue
        for child in token.children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                # "the immediate cessation by Israel of all offensive operations"
                owners.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "prep" and child.lower_ == "of":
                # "the full withdrawal of Israeli forces": whose forces
                owners.extend(
                    c
                    for forces in child.children
                    if forces.dep_ == "pobj" and forces.lower_ in _REGIME
                    for c in forces.children
                    if c.dep_ in ("poss", "amod", "compound")
                )
    return owners


#: Nouns of stopping, whose agent ("by Israel") or whose forces ("of Israeli forces") are
#: those asked to stop, anywhere in the appeal's sentence.
_STOPPINGS = frozenset({"cessation", "halt", "end", "withdrawal", "pullout", "pull-out"})


def _read_heads(
    heads: list[Token], sentence: Sentence, mentions: list[Mention]
) -> tuple[list[Mention], bool]:
    """The actor mentions under the addressee heads (with their conjuncts), and whether
    one of them is everyone involved ("all sides")."""
    found: list[Mention] = []
    everyone = False
    for head in heads:
        for token in _conjuncts(head):
            start = sentence.start + token.left_edge.idx
            end = sentence.start + token.idx + len(token.text)
            # "all sides"; but "the Russian side" is one party, Russia
            if token.lower_ in _EVERYONE and not (
                token.lower_ in ("side", "party")
                and any(m.start < end and m.end > start for m in mentions)
            ):
                everyone = True
                continue
            if token.lower_ in ("him", "her"):  # "called Aliyev and urged him to"
                people = [m for m in mentions if m.end <= start and m.is_person]
                found.extend(people[-1:])
                continue
            for mention in mentions:
                if mention.start < end and mention.end > start and mention not in found:
                    found.append(mention)
    return found, everyone


def addressees(analysis: Analysis, sentence: Sentence, position: int) -> list[Mention] | None:
    """The actors an appeal starting at ``position`` is addressed to.

    ``None`` when the parse shows no addressee (the rules decide); an empty list when the
    appeal is to everyone involved ("urged all sides to") or names only actors without a
    code.
    """
    doc = analysis.parse(sentence)
    if doc is None:
        return None
    offset = position - sentence.start
    window = tokens_between(doc, offset, offset + 60)
    verb = _appeal_verb(window)
    heads: list[Token] = []
    if verb is None:
        # "Russia's attacks must stop", "it is Russia that must withdraw its troops",
        # "Israel must halt its offensive" (guideline 9): whoever must stop
        stops = [t for t in window if is_form_of(t, STOP_VERBS) and is_verb(t)]
        if stops:
            heads = _subjects(stops[0])
    else:
        for child in verb.children:
            if child.dep_ in ("dobj", "dative"):
                heads.append(child)
            elif child.dep_ == "prep" and child.lower_ in _ADDRESS_PREPS:
                heads.extend(c for c in child.children if c.dep_ == "pobj")
        heads = _relayed(verb) or heads or _stop_clause_subjects(verb)
    mentions = analysis.mentions_in(sentence.start, sentence.end)
    found, everyone = _read_heads(heads, sentence, mentions)
    if not found and not everyone:
        # "demanded a halt to Moscow's offensive": no actor asked, the act's owner is
        found, everyone = _read_heads(_act_owners(doc, window), sentence, mentions)
    if not found and not everyone:
        return None
    return found
