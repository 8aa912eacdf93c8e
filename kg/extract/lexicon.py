"""The reaction lexicon: triggers per reaction type, aligned with CAMEO and PLOVER codes.

The triggers live in ``data/triggers.tsv`` (its header gives the attribution: CAMEO verb
patterns of PETRARCH2, MIT; the PLOVER codebook, CC BY-SA 4.0). Each line compiles to one
regular expression; :func:`find_triggers` runs them all over a text once.

>>> lexicon = Lexicon.default()
>>> [(t.type.value, t.cameo, t.text) for t in lexicon.find("Moscow swiftly condemned it")]
[('condemns', '111', 'condemned')]
>>> inflect("decry")
['decry', 'decries', 'decried', 'decrying']
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import files

from kg.model import ReactionType

__all__ = ["Lexicon", "Trigger", "TriggerRule", "inflect"]

_VOWELS = "aeiou"
#: Words whose final consonant is not doubled although they look like it ("visit").
_NO_DOUBLING = frozenset({"visit", "offer", "deliver", "threaten", "warn", "render"})
#: A slot: 1 to 6 words (no sentence punctuation), lazily.
#: White space between two words of one paragraph (a blank line ends a trigger).
#: A double quotation mark may stand between two words: 'would "have consequences"'.
WS = r"(?:\"?(?:[ \t]+|[ \t]*\n(?![ \t]*\n)[ \t]*)\"?)"
SLOT = r"(?P<slot>[\w'\-]+(?:,?" + WS + r"[\w'\-\.]+){0,5}?)"
OPTIONAL_WORD = r"(?:[\"']?[\w'\-]+[\"']?,?" + WS + ")?"
#: A longer gap: up to 12 words, commas allowed, lazily.
LONG_GAP = r"(?:[\w'\-]+,?" + WS + "){0,12}?"


#: A determiner (and an adjective) just before a word makes it a noun ("a sharp rebuke",
#: "a long-delayed aid package").
#: A run of text with no blank line in it: no trigger crosses a blank line.
_BLOCK = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")
_DETERMINER = re.compile(
    r"\b(?:a|an|the|its|their|his|her|this|that|whose)\s+(?:[a-z][a-z-]*\s+)?\Z"
)


def inflect(verb: str) -> list[str]:
    """The regular forms of a verb: base, 3rd person, past, present participle.

    >>> inflect("slam"), inflect("denounce")[2], inflect("back")[3]
    (['slam', 'slams', 'slammed', 'slamming'], 'denounced', 'backing')
    """
    if verb.endswith("e"):
        return [verb, verb + "s", verb + "d", verb[:-1] + "ing"]
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return [verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return [verb, verb + "es", verb + "ed", verb + "ing"]
    stem = verb
    if (
        len(verb) <= 4
        and verb not in _NO_DOUBLING
        and verb[-1] not in _VOWELS + "wxy"
        and verb[-2] in _VOWELS
        and verb[-3:-2] not in _VOWELS
    ):
        stem = verb + verb[-1]
    return [verb, verb + "s", stem + "ed", stem + "ing"]


def _alternative(text: str) -> str:
    words = []
    for word in text.split("_"):
        if word.endswith("+"):
            forms = sorted(inflect(word[:-1]), key=len, reverse=True)
            words.append("(?:" + "|".join(re.escape(f) for f in forms) + ")")
        else:
            words.append(re.escape(word))
    return WS.join(words)


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """The regular expression of a trigger pattern (syntax: ``data/triggers.tsv``).

    >>> bool(compile_pattern("hold|held * responsible").search("held Kyiv fully responsible"))
    True
    """
    parts: list[str] = []
    for token in pattern.split():
        optional = token.endswith("?") and len(token) > 1
        token = token.rstrip("?") if optional else token
        if token == "*":
            parts.append(SLOT + WS)
            continue
        if token == "~":
            parts.append(OPTIONAL_WORD)
            continue
        if token == "**":
            parts.append(LONG_GAP)
            continue
        alternatives = sorted(token.split("|"), key=len, reverse=True)
        body = "(?:" + "|".join(_alternative(a) for a in alternatives) + ")"
        parts.append(f"(?:{body}{WS})?" if optional else body + WS)
    regex = "".join(parts)
    regex = regex.removesuffix(WS)
    if regex.endswith(WS + ")?"):
        regex = regex[: -len(WS + ")?")] + ")?"
    return re.compile(r"(?<![\w-])" + regex + r"(?![\w-])", re.I)


#: Words in most paragraphs: a required token made of them filters nothing.
_COMMON_WORDS = frozenset(
    {
        "will", "would", "shall", "should", "must", "could", "can", "may", "might", "had",
        "has", "have", "having", "to", "the", "a", "an", "not", "was", "were", "is", "are",
        "be", "been", "it", "its", "their", "his", "her", "of", "on", "in", "at", "by", "for",
        "with", "and", "that", "this", "there",
    }
)  # fmt: skip


def anchors(pattern: str) -> tuple[str, ...]:
    """Lower-case strings one of which must occur for the pattern to match (a cheap filter):
    the alternatives of its first required token that has no very common word, else of
    its first required token.

    >>> anchors("condemn+|decry+ * responsible")
    ('condemn', 'decr')
    >>> anchors("will|would ~ take ~ measures|steps")
    ('take',)
    """
    required: list[tuple[str, ...]] = []
    for token in pattern.split():
        if token in ("*", "**", "~") or token.endswith("?"):
            continue
        found = []
        for alternative in token.split("|"):
            word = alternative.split("_")[0].lower()
            if word.endswith("+"):
                word = word[:-1]
                word = word[:-1] if word.endswith(("e", "y")) else word
            found.append(word)
        required.append(tuple(found))
    for words in required:
        if not any(w in _COMMON_WORDS for w in words):
            return words
    return required[0] if required else ()


@dataclass(frozen=True)
class TriggerRule:
    """One line of ``triggers.tsv``."""

    type: ReactionType
    cameo: str
    plover: str
    kind: str
    pattern: str
    source: str
    regex: re.Pattern[str]
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trigger:
    """A trigger found in a text: ``text == source[start:end]``."""

    rule: TriggerRule
    start: int
    end: int
    text: str
    slot: tuple[int, int] | None = None

    @property
    def type(self) -> ReactionType:
        """The reaction type of the rule."""
        return self.rule.type

    @property
    def cameo(self) -> str:
        """The CAMEO code of the rule."""
        return self.rule.cameo


#: A capitalised word before a trigger inside a sentence: the trigger, capitalised too,
#: is a word of a name ("the Rapid Support Forces", "the Solidarity Party").
_IN_A_NAME = re.compile(r"(?<![.!?:\"\u201c\n])\s(?:[A-Z][\w'-]*\s+)+$")


#: A gap that runs into a new clause with its own subject: ", and Kuwait ...".
#: "press" as a noun: "a press statement", "a press conference".
_PRESS_NOUN = re.compile(
    r"press\s+(?:statements?|conferences?|releases?|briefings?|office|secretary|service|"
    r"agency|freedom|reports?|TV|team)\b",
    re.I,
)
_NEW_CLAUSE = re.compile(
    r",\s+(?:and|but|while|whereas)\s+(?:the\s+)?[A-Z]"
    # "called an attack on its territory, Russia urged both sides to respect": a new
    # subject and its verb after a comma begin a clause of their own
    r"|,\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*(?:'s(?:\s+[a-z][\w-]*){1,3})?"
    r"\s+(?:\w+ly\s+)?[a-z]+ed\b"
)


class Lexicon:
    """The compiled trigger rules (load once: :meth:`default`)."""

    def __init__(self, rules: list[TriggerRule]) -> None:
        self.rules = rules

    @classmethod
    def parse(cls, data: str) -> Lexicon:
        """Rules from the text of a ``triggers.tsv`` file.

        >>> Lexicon.parse("condemns\\t111\\tACCUSE\\tverb\\tcondemn+\\tx\\n").rules[0].kind
        'verb'
        """
        rules = []
        for number, line in enumerate(data.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 6:
                raise ValueError(f"triggers line {number}: expected 6 fields, got {len(fields)}")
            kind_type, cameo, plover, kind, pattern, source = fields
            if kind not in ("verb", "noun", "phrase", "quote", "resp", "byresp", "thanked"):
                raise ValueError(f"triggers line {number}: unknown kind {kind!r}")
            rules.append(
                TriggerRule(
                    ReactionType(kind_type),
                    cameo,
                    plover,
                    kind,
                    pattern,
                    source,
                    compile_pattern(pattern),
                    anchors(pattern),
                )
            )
        return cls(rules)

    @staticmethod
    @functools.cache
    def default() -> Lexicon:
        """The packaged lexicon, compiled once."""
        return Lexicon.parse((files("kg.extract") / "data" / "triggers.tsv").read_text("utf-8"))

    def find(self, text: str) -> list[Trigger]:
        """Every trigger in ``text``, in order; of overlapping ones of a type, the longest."""
        found: list[Trigger] = []
        # each rule scans only the paragraphs that hold one of its anchors: a trigger never
        # runs over a blank line, and most rules' words are in few paragraphs of a text
        blocks = [(m.start(), m.end(), m.group().lower()) for m in _BLOCK.finditer(text)]
        for rule in self.rules:
            for start, end, lowered in blocks:
                if rule.anchors and not any(a in lowered for a in rule.anchors):
                    continue
                found.extend(self._matches(rule, text, start, end))
        found.sort(key=lambda t: (t.start, -(t.end - t.start)))
        kept: list[Trigger] = []
        for trig in found:
            if any(
                (k.type is trig.type and k.start <= trig.start < k.end)
                or (
                    k.start <= trig.start
                    and trig.end <= k.end
                    # "thanked X for its condemnation and solidarity": a reaction each
                    and not (k.rule.kind == trig.rule.kind == "thanked" and k.type is not trig.type)
                )
                for k in kept[-12:]  # sorted by start: only recent ones can overlap
            ):
                continue
            kept.append(trig)
        return kept

    @staticmethod
    def _matches(rule: TriggerRule, text: str, start: int, end: int) -> list[Trigger]:
        """The triggers of one rule in ``text[start:end]`` (the text around it is seen by
        the rule's look-behinds)."""
        found: list[Trigger] = []
        position = start
        while (match := rule.regex.search(text, position, end)) is not None:
            position = match.end()
            if _PRESS_NOUN.match(match.group()):
                # "a press statement condemning ...": the noun, not "pressed for"; the
                # rule may still match after it ("... and calling for a ceasefire")
                position = match.start() + len("press")
                continue
            if (
                rule.kind == "verb"
                and not match.group().endswith(("ing", "ed"))
                and _DETERMINER.search(text, max(0, match.start() - 30), match.start())
            ):
                continue  # "drew a sharp rebuke": a noun, read by the noun rules
            if _NEW_CLAUSE.search(match.group()):
                continue  # "send field hospitals, and Kuwait dispatched aid": two clauses
            if _IN_A_NAME.search(text, max(0, match.start() - 40), match.start()) and (
                match.group()[:1].isupper()
            ):
                continue  # "the Rapid Support Forces": a word of a name, not a reaction
            slot = match.span("slot") if "slot" in rule.regex.groupindex else None
            if slot == (-1, -1):
                slot = None
            found.append(Trigger(rule, match.start(), match.end(), match.group(), slot))
        return found
