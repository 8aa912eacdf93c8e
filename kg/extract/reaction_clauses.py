"""The sentence a reaction is read in: its clauses, who is its subject, which mentions
are objects, and what an anaphor before a verb refers to.

A :class:`SentenceReader` is made per sentence with reaction triggers; the readers of
agents (:mod:`kg.extract.reaction_agents`), targets (:mod:`kg.extract.reaction_targets`)
and reported responsibility (:mod:`kg.extract.reaction_attribution`) share it, and it
carries what one trigger's reading leaves for the next: the agents of the last reaction
("..., accusing them of"), the mentions already taken as targets. The cues several readers
use (reporting verbs, the gap between a subject and its verb) are here too.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.anaphors import ANAPHORS, resolve_anaphor
from kg.extract.heads import AGENT_HEADS
from kg.model import ActorKind

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.mentions import Mention
    from kg.extract.sentences import Sentence

__all__ = [
    "PASSIVE_BEFORE",
    "PREPOSITIONS",
    "REPORTING",
    "SPEECH_VERB",
    "SUBJECT_GAP",
    "SentenceReader",
    "agentive",
    "coordinated",
]

#: A passive auxiliary just before a verb ("was condemned", "were swiftly blamed").
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?$", re.I)
#: Verbs that introduce a characterisation or reported speech, whose subject is the agent
#: of what follows ("X called the attack barbaric", "X said the strike was a war crime").
REPORTING = re.compile(
    r"\b(?:said|says|saying|called|calls|calling|described|describes|describing|branded|"
    r"branding|termed|terming|labell?ed|labell?ing|dubbed|regarded|regards|considered|deemed|"
    r"condemned|denounced|slammed|decried|rejected|dismissed|declared|stated|added|told|"
    r"insisted|warned|wrote|tweeted|posted|stressed|noted|argued|accused|accusing)\b",
    re.I,
)
#: A verb right before a mention makes it that verb's object ("told Trump").
_OBJECT_VERB = re.compile(
    r"\w+ed|told|met|hit|struck|shot|sent|gave|urged|asked|called|phoned|telephoned|thanked|"
    r"warned|reminded|assured|accused|blamed|backed|welcomed|condemned|denounced|urging|"
    r"asking|calling|telling|accusing|blaming|embraced|hugged|"
    # "would expel the Syrian ambassador", "will summon the envoy": a verb's base form
    r"expel|expels|summon|summons|recall|recalls|visit|visits|host|hosts|invite|invites|meet|"
    r"meets|call|calls|urge|urges|ask|asks|tell|tells|thank|thanks|accuse|accuses|blame|blames|"
    r"condemn|condemns|denounce|denounces|receive|receives|phone|phones"
)
#: A mention after one of these is in a prepositional phrase: not the subject.
PREPOSITIONS = frozenset(
    {
        *("of", "on", "against", "with", "for", "to", "from", "at", "by", "over", "into"),
        *("about", "than", "toward", "towards", "in", "across", "within", "near", "like"),
        *("between", "among"),
    }
)
#: What may stand between a subject and its verb: "'s foreign minister", an aside in
#: commas, "has", "also", "on Monday", "in a statement".
_HEADS = "|".join(sorted(AGENT_HEADS | {"foreign", "defence", "defense", "prime", "office"}))
SUBJECT_GAP = re.compile(
    r"^(?:'s(?:\s+[a-z][a-z-]+){0,4})?\s*(?:,[^,;]{0,80},\s*)?(?:(?:\w+ly|has|have|joint|"
    r"own|" + _HEADS + "|had|also|too|was|were|is|are|"
    r"will|would|did|does|do|quick|swift|quickly|again|then|later|jointly|both|all|itself|"
    r"themselves|first|on\s+\w+day|on\s+\w+|in\s+a\s+statement|in\s+statements|to|alone|"
    # "the foreign minister at the time blamed", "Russia, for its part, blamed"
    r"at\s+the\s+time|in\s+turn|for\s+(?:his|her|its|their)\s+part|meanwhile|however|"
    r"\(\w+\)|,)\s*)*$",
    re.I,
)
#: A verb (or "statement") that reports what its subject says.
SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|stated|declared|added|wrote|tweeted|told|insisted|argued|claimed|"
    r"called|described|branded|termed|regarded|charged|alleged|accused|concluded|believe[sd]?|informed|"
    r"maintained|suggested|statement)\b",
    re.I,
)
#: Anaphors that may refer to an organisation named in an earlier paragraph.
_ARTICLE_WIDE = frozenset({"resolution", "council", "alliance", "bloc", "org", "secgen"})
#: A preposition just before an anaphor makes it an object.
_OBJECT_PREPOSITION = re.compile(r"\b(?:to|with|of|for|from|at|against|by|into|before)\s+$")
_CLAUSE_START = re.compile(r";|\s(?:while|whereas|but|although|though)\s")
_CLAUSE_END = re.compile(
    r"(?:;|\.(?=\s|$)|,\s+(?:which|who|while|whereas|but|although|though|as|after|before|"
    r"when|saying|adding|accusing|and\s+(?:said|called|urged|warned))\b|\s+(?:while|whereas|but|"
    r"after|before|because|although|though)\s)",
    re.I,
)
#: "the leaders of the G7", "the foreign ministers of France": who speaks for the next.
_SPEAKER_OF = re.compile(
    r"\b(?:leaders?|members?|ministers?|heads?|chiefs?|president|envoys?|ambassadors?|"
    r"representatives?|officials?|spokes\w+|governments?|secretary(?:-general)?|"
    r"foreign\s+ministry)\s+of\s+(?:the\s+)?\Z",
    re.I,
)
#: What a letter or message is sent to: "in a letter to the Secretary-General and the".
_SENT_TO = re.compile(
    r"\b(?:letters?|messages?|notes?|wrote|written|writing|complaint|appeal)\s+to\s+[^,;.]*$",
    re.I,
)
_UNKNOWN_SPEAKER = re.compile(
    r"\s*(?:(?:The|the)\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3}(?:\s+[a-z]+)?"
    # "The Houthis called the attack a massacre and said they": a first verb before
    r"(?:\s+[a-z]+ed(?:\s+[\w'-]+){1,6}?\s+and)?\s+(?:\w+ly\s+)?"
    r"(?:said|says|claimed|claims|warned|added|vowed|announced|insisted|stated|declared|"
    r"threatened|promised)\s+(?:that\s+)?"
)
#: A mention followed by a finite verb is the subject of its own clause.
_CLAUSE_SUBJECT = re.compile(
    r"(?:'s\s+[a-z]+(?:\s+[a-z]+)?)?\s+(?:\w+ly\s+)?(?:said|says|would|will|had|has|have|was|were|"
    r"is|are|also|did|does|[a-z]{3,}ed|sent|gave|told|made|took|held|met|said|spoke|sought|"
    r"paid|led|rejected|urges|calls|says|sends|offers)\b"
)


def agentive(m: Mention) -> bool:
    """Whether a mention may react: not a place, an attack's author or an owner."""
    return m.role == "agent"


#: A gap that joins a list's last item: "and", "&", "as well as".
_ANDED = re.compile(r"\band\b|&|\bas\s+well\s+as\b", re.I)
#: Who speaks for a list of states: "the foreign ministers of", "a statement signed by".
_SIGNATORIES_OF = re.compile(
    r"\b(?:leaders|ministers|heads|governments|ministries|presidents|envoys|ambassadors|"
    r"representatives|delegations)\s+of\s+(?:the\s+)?$"
    r"|\b(?:signed|endorsed|issued|backed|supported|agreed)\s+by\s+(?:the\s+)?$",
    re.I,
)


def coordinated(mentions: list[Mention], anchor: Mention, text: str) -> list[Mention]:
    """The coordinated list an anchor belongs to: "Britain, France and Germany"."""
    index = mentions.index(anchor)
    group = [anchor]
    i = index
    joined = False  # whether an "and" joins the list so far
    while i > 0:
        prev = mentions[i - 1]
        gap = text[prev.end : mentions[i].start]
        anded = bool(_ANDED.search(gap))
        if (
            re.fullmatch(
                r"(?:'s)?\s*(?:,\s*(?:and\s+)?|and\s+|&\s+|as\s+well\s+as\s+)(?:both\s+)?(?:the\s+)?",
                gap,
                re.I,
            )
            and prev.role == anchor.role
            # "In a call with Sharif, President Erdogan expressed": a name in a
            # prepositional phrase heads no list the subject after it belongs to; but
            # "the foreign ministers of Estonia, Latvia and Lithuania" is one list
            and not (
                prev.prep in PREPOSITIONS
                and anchor.prep not in PREPOSITIONS
                and not (
                    (joined or anded)
                    and _SIGNATORIES_OF.search(text, max(0, prev.start - 40), prev.start)
                )
            )
        ):
            joined = joined or anded
            group.insert(0, prev)
            i -= 1
        else:
            break
    i = index
    while i + 1 < len(mentions):
        nxt = mentions[i + 1]
        gap = text[mentions[i].end : nxt.start]
        if _CLAUSE_SUBJECT.match(text, nxt.end):
            break  # "solidarity with Poland, and Germany said ...": a new clause
        if re.fullmatch(
            r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s+|as\s+well\s+as\s+)(?:the\s+)?", gap, re.I
        ) or (
            # "solidarity with the people of Russia and with the Afghan people"
            _same_preposition_again(gap, text[max(0, anchor.start - 60) : anchor.start])
        ) or (
            # "India's Research and Analysis Wing and Afghanistan's intelligence service"
            mentions[i].possessive
            and nxt.possessive
            and _OWNED_THEN_AND.fullmatch(gap)
        ):
            group.append(nxt)
            i += 1
        else:
            break
    return group


#: "... with the people of Russia and with the Afghan people": the same preposition again.
_AND_WITH = re.compile(r"\s*,?\s*and\s+(?:also\s+)?(with|to)\s+(?:the\s+)?", re.I)


def _same_preposition_again(gap: str, before: str) -> bool:
    """Whether ``gap`` repeats ("and with") a preposition the text just ``before`` the list
    used: "solidarity with the people of Russia and with the Afghan people"."""
    again = _AND_WITH.fullmatch(gap)
    return again is not None and re.search(rf"\b{again.group(1)}\b", before, re.I) is not None


#: Between two possessives joined with their heads: "'s Research and Analysis Wing and".
_OWNED_THEN_AND = re.compile(
    r"'s?\s+(?:(?!on\b|in\b|against\b|by\b|with\b|to\b|from\b|over\b)[\w-]+\s+){1,6}?and\s+"
)


class SentenceReader:
    """One sentence being read for reactions, and what its readings so far have found."""

    def __init__(self, analysis: Analysis, sentence: Sentence) -> None:
        self.analysis = analysis
        self.text = analysis.text
        self.sentence = sentence
        self.mentions = analysis.mentions_in(sentence.start, sentence.end)
        #: The mentions (by id) a reading took as targets: objects, not later subjects.
        self.used_as_target: set[int] = set()
        #: The agents of the last reaction read, and where its trigger ended.
        self.last_agents: list[Mention] = []
        self.last_end = sentence.start
        #: The last agents found were a "from" phrase or an owner ("a rebuke from X").
        self.agent_from = False

    def clause_end(self, position: int) -> int:
        """Where the clause holding ``position`` ends (";", ", which", ", saying", "but")."""
        match = _CLAUSE_END.search(self.text, position, self.sentence.end)
        return match.start() if match else self.sentence.end

    def clause_start(self, position: int) -> int:
        """Where the clause holding ``position`` starts (after ";", "while", "but")."""
        start = self.sentence.start
        for match in _CLAUSE_START.finditer(self.text, start, position):
            start = match.end()
        return start

    def anaphor_before(self, position: int, lower: int) -> list[Mention]:
        """A resolved anaphor ending just before ``position``, nearer than any mention."""
        lower = max(lower, position - 250)
        window = self.text[lower:position]
        best: re.Match[str] | None = None
        for match in ANAPHORS.finditer(window):
            best = match
        if best is None or best.lastgroup is None:
            return []
        absolute = lower + best.start()
        if _OBJECT_PREPOSITION.search(window, 0, best.start()):
            return []  # "wrote to the Council's president": an object, never the subject
        aside = re.match(r",[^,;]{0,80},", self.text[lower + best.end() : position])
        aside_end = lower + best.end() + aside.end() if aside else -1
        if any(
            m.start > absolute and m.end <= position and agentive(m) and not m.end <= aside_end
            for m in self.mentions
        ):
            return []
        if best.lastgroup == "it" and re.match(
            r"\s+(?:is|was|would\s+be|will\s+be|has\s+been|seems|seemed)\b",
            self.text[lower + best.end() :],
        ):
            return []
        if not SUBJECT_GAP.match(self.text[lower + best.end() : position]):
            return []
        if best.lastgroup in ("it", "they", "he") and self._unknown_speaker(absolute):
            return []  # "Hezbollah said it held Israel responsible": not a known actor
        # an organisation told by its kind ("the Council", "the alliance") is the one the
        # article named last, however far back; a state's body is its paragraph's
        lowest = 0 if best.lastgroup in _ARTICLE_WIDE else self._paragraph_start()
        paragraph = self.earlier(absolute, lowest)
        if best.lastgroup == "it" and best.group().lower() == "its":
            return []
        if best.lastgroup in ("ministry", "gov", "person", "titled"):
            # "In Paris, the foreign ministry condemned": the capital's
            opening = re.match(r"\s*(?:In|From)\s+", self.text[self.sentence.start : absolute])
            if opening is not None:
                capital = [
                    m
                    for m in self.mentions
                    if m.start == self.sentence.start + opening.end()
                    and m.kind is not ActorKind.PERSON
                    and re.match(r"\s*,", self.text[m.end : m.end + 3])
                ]
                if capital:
                    return [replace(capital[0], role="agent", prep=None)]
        subjects = [m for m in paragraph if not self._is_object(m)]
        registry, home = self.analysis.registry, self.analysis.home
        return resolve_anaphor(best.lastgroup, subjects, registry) or resolve_anaphor(
            best.lastgroup, paragraph, registry, home
        )

    def _unknown_speaker(self, position: int) -> bool:
        """Whether the clause before ``position`` opens with a name no actor has, whose
        speech the pronoun belongs to ("Hezbollah said it ...", "The Houthis vowed they")."""
        start = self.clause_start(position)
        if any(start <= m.start < position for m in self.mentions):
            return False
        return bool(_UNKNOWN_SPEAKER.fullmatch(self.text, start, position))

    def not_subject(self, mention: Mention) -> bool:
        """Whether a mention is an object (:meth:`_is_object`), or in an earlier sentence
        right after a verb that takes it as one ("had told Mr Netanyahu")."""
        if mention.start < self.sentence.start and _OBJECT_VERB.fullmatch(mention.prep or ""):
            return True
        return self._is_object(mention)

    def _is_object(self, mention: Mention) -> bool:
        """Whether a mention of this sentence is an object or in a prepositional phrase
        ("blamed the United States and Britain", "told Trump"): not what "it" or "he"
        later in the sentence refers to."""
        if mention.start < self.sentence.start:
            prep = mention.prep or ""
            if prep == "of":  # "the leaders of the G7" speak for it; "a meeting of" does not
                return not _SPEAKER_OF.search(self.text, max(0, mention.start - 40), mention.start)
            # "Germany summoned the Russian ambassador. The foreign ministry said": an
            # object of an earlier sentence is not what the ministry is
            return prep in ("to", "on", "against", "with", "for", "from") or bool(
                _OBJECT_VERB.fullmatch(prep)
            )
        if id(mention) in self.used_as_target:
            return True
        if mention in self.mentions:
            mention = coordinated(self.mentions, mention, self.text)[0]  # a list: its first
        prep = mention.prep or ""
        if prep == "of":  # "the foreign ministers of France, Germany and Poland"
            # "in a letter to the president of the Security Council": whom it was sent to
            return not _SPEAKER_OF.search(
                self.text, max(0, mention.start - 40), mention.start
            ) or bool(_SENT_TO.search(self.text, max(0, mention.start - 90), mention.start))
        return prep in PREPOSITIONS or prep == "and" or bool(_OBJECT_VERB.fullmatch(prep))

    def earlier(self, position: int, lowest: int | None = None) -> list[Mention]:
        """Mentions ending before ``position``, from ``lowest`` (default: the paragraph)."""
        lowest = self._paragraph_start() if lowest is None else lowest
        return [m for m in self.analysis.mentions_in(lowest, position) if m.end <= position]

    def _paragraph_start(self) -> int:
        """Where the sentence's paragraph starts (the one before, if it opens it)."""
        starts = self.analysis.paragraph_starts
        first = starts.get(self.sentence.paragraph, self.sentence.start)
        # reach one paragraph back for a sentence that opens its paragraph with an anaphor
        previous = self.analysis.body_paragraph_starts.get(self.sentence.paragraph - 1)
        return previous if previous is not None and first == self.sentence.start else first
