"""Who does what a reaction verb says, read from the dependency parse (a named reading
strategy, beside the surface rules of :mod:`kg.extract.reactions`).

The agent of a reaction verb is the subject of that verb, or of the verb it is
coordinated with or depends on: in "Jordan's foreign minister said Israel was pushing the
region to the brink and called the bombing a war crime", *called* is coordinated with
*said*, whose subject is the minister; Israel is the subject of another clause.

>>> from kg.extract.document import analyse
>>> a = analyse("Jordan's foreign minister said Israel was pushing the region to the brink "
...             "and called the bombing a war crime.")
>>> s = a.sentences[0]
>>> a.parse_batch([s])
>>> [m.principal for m in parsed_subject(a, s, a.text.index("called"))]
['JOR']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.parse import is_form_of, is_verb, tokens_between

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from kg.extract.document import Analysis
    from kg.extract.mentions import Mention
    from kg.extract.sentences import Sentence

__all__ = ["is_object", "parsed_subject", "subject_is_unnamed"]

#: Relations through which a verb shares the subject of its head: "said ... and called",
#: "went on to condemn", "condemned ..., calling".
_SHARES_SUBJECT = frozenset({"conj", "xcomp", "advcl"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


#: Verbs that report what someone says.
_REPORTING = frozenset(
    {"say", "tell", "add", "warn", "insist", "argue", "state", "write", "declare", "note"}
)


def _subject(verb: Token, *, through_report: bool) -> Token | None:
    first = True
    for _ in range(4):  # a short climb: a long chain is a parse to distrust
        head = verb.head
        if (
            first
            and verb.dep_ == "conj"
            and head.dep_ == "ccomp"
            and is_form_of(head.head, _REPORTING)
        ):
            # "X said Y was ... and called it a crime": the reaction verb goes with the
            # report, not with the reported clause the small parser hangs it on
            verb = head.head
        elif first and through_report:
            return None
        first = False
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                return None if child.dep_ == "nsubjpass" else child
        if verb.dep_ not in _SHARES_SUBJECT or verb.head is verb:
            return None
        verb = verb.head
    return None


def _parsed_subject_word(
    analysis: Analysis, sentence: Sentence, start: int, *, through_report: bool = False
) -> Token | None:
    doc = analysis.parse(sentence, parsed_only=True)
    if doc is None:
        return None
    words = tokens_between(doc, start - sentence.start, start - sentence.start + 1)
    if not words:
        return None
    verb = words[0]
    for _ in range(3):  # "called the bombing a [war crime]": the verb that governs the word
        if is_verb(verb) or verb.head is verb:
            break
        verb = verb.head
    if not is_verb(verb):
        return None
    subject = _subject(verb, through_report=through_report)
    if subject is None or subject.lower_ in ("who", "which", "that"):
        return None
    return subject


def parsed_subject(
    analysis: Analysis, sentence: Sentence, start: int, *, through_report: bool = False
) -> list[Mention]:
    """The actors the parse makes the subject of the verb at ``start`` (its first word, or
    the verb that governs the word there),
    from a parse already made; empty when there is none, or no actor in it. With
    ``through_report``, only a verb coordinated with a reported clause is read (the case
    the surface rules get wrong: they take the reported clause's subject)."""
    subject = _parsed_subject_word(analysis, sentence, start, through_report=through_report)
    if subject is None:
        return []
    lo = sentence.start + subject.left_edge.idx
    hi = sentence.start + subject.right_edge.idx + len(subject.right_edge.text)
    mentions = analysis.mentions_in(lo, hi)
    return [m for m in mentions if m.role != "place"][:1]


def subject_is_unnamed(analysis: Analysis, sentence: Sentence, start: int) -> bool:
    """Whether the parse gives the verb at ``start`` a noun subject that names no actor:
    "[The foreign ministry] summoned the Russian ambassador and lodged a protest", whose
    agent the context tells, not the object of the first verb."""
    subject = _parsed_subject_word(analysis, sentence, start)
    if subject is None or subject.lower_ in _PRONOUNS:
        return False
    lo = sentence.start + subject.left_edge.idx
    hi = sentence.start + subject.right_edge.idx + len(subject.right_edge.text)
    return not analysis.mentions_in(lo, hi)


#: Subjects that stand for someone named elsewhere (the small parser tags no parts of
#: speech, so pronouns are told by their words).
_PRONOUNS = frozenset(
    {"he", "she", "it", "they", "we", "i", "you", "this", "these", "those", "both", "all"}
)

#: Relations of a verb's objects and complements: "called [Aliyev]", "urged [him]".
_OBJECTS = frozenset({"dobj", "oprd", "dative"})


def is_object(analysis: Analysis, sentence: Sentence, mention: Mention) -> bool:
    """Whether the parse (one already made) makes the mention's head word an object or a
    complement, not a subject: "Blinken called [Aliyev]".

    >>> from kg.extract.document import analyse
    >>> a = analyse("Antony Blinken called Ilham Aliyev and urged him to stop.")
    >>> s = a.sentences[0]
    >>> a.parse_batch([s])
    >>> [(m.principal, is_object(a, s, m)) for m in a.mentions]
    [('USA', False), ('AZE', True)]
    """
    doc = analysis.parse(sentence, parsed_only=True)
    if doc is None:
        return False
    words = tokens_between(doc, mention.start - sentence.start, mention.end - sentence.start)
    if not words:
        return False
    head = next((w for w in words if w.head not in words or w.head is w), words[-1])
    if head.dep_ in ("det", "amod", "compound") and head.head is not head:
        head = head.head  # "the Russian [ambassador]": the noun the adjective names
    return head.dep_ in _OBJECTS
