"""Reactions: trigger, agent, target, polarity, hedging and the event they are about.

For every trigger of the lexicon (:mod:`kg.extract.lexicon`) in a sentence:

* **polarity**: a negation ("did not blame", "stopped short of condemning"), a denial or
  rejection ("rejected the accusations"), a hypothetical ("would have condemned", "if"),
  or a request to someone else ("urged the UN to condemn") gives no reaction; so does a
  characterisation inside a description ("concerned about the brutal attacks") or of a
  claim ("called the reports a provocation");
* **agent**: the subject of the verb ("Moscow condemned", a list "Britain and France
  condemned"), of the reporting verb of a characterisation ("X called the attack an act of
  terror", "X said the strike was a war crime", "which it called unacceptable"), the "by"
  phrase of a passive ("was condemned in the strongest terms by Moscow", "was described as
  savage by X"), the owner or the "from" phrase of a nominal reaction ("Germany's
  solidarity", "condemnation poured in from Paris and Rome"), the subject of the main verb
  for a participle, an infinitive or a coordinated verb ("..., accusing them of", "joined
  others in condemning", "and called for"), a resolved anaphor ("it", "the ministry", "his
  country", "its ambassador", "In Paris, the foreign ministry"), or the speaker of reported
  speech ("'...barbaric act,' Zelensky said", "..., Norway's foreign minister said");
* **target**: the object ("condemned Russia", "blamed the US and Britain" -> two), a
  possessive or attributive on the object ("condemned Russia's attack", "the Russian
  strike", "their Iranian backers"), the author in a relative clause ("the attacks Russia
  had carried out"), the objects or attributives of a characterisation ("called Trump and
  May criminals", "said Russia's attacks were shocking", "a sign of Russian evil"), a gloss
  ('accused "the Anglo-Saxons", his term for the United States'), an actor after "by", the
  condition of a threat ("if the Syrian government used gas again"), or else whoever the
  event the reaction is about is attributed to ("condemned the attack": its authors,
  "US, British and French strikes" -> three; "denounced the vote": the body that voted);
  none when the text says it names no one ("did not say who had fired", "without naming
  Israel");
* **reported responsibility**: "X said Y bore responsibility / was behind / must take
  responsibility / had fired the missile", "responsibility lay with Y", "struck by a Y
  missile" are X blaming Y; "X said Y would pay" is X threatening Y;
* once the whole text is read (:func:`_settle_targets`), a reaction aimed at an event
  whose author the text disputes (a denial, blame on different actors) is aimed at whom
  its agent blames for it nearby, else at no one;
* blames, supports, solidarity and threats need a target; without one they are dropped;
* **hedged**: "allegedly", "reportedly", "claimed", "suggested" in the clause.

>>> import datetime as dt
>>> from kg.extract.document import analyse
>>> from kg.extract.events import find_events
>>> a = analyse("Ukrainian drones hit Belgorod. The attack was condemned by Moscow.")
>>> [(r.type.value, r.agent, r.target) for r in find_reactions(a, find_events(a))]
[('condemns', 'RUS', 'UKR')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kg.extract.anaphors import ANAPHORS, resolve_anaphor
from kg.extract.appeals import aim_appeals
from kg.extract.heads import AGENT_HEADS
from kg.extract.lexicon import Trigger
from kg.extract.mentions import Mention
from kg.extract.subjects import parsed_subject
from kg.extract.uncoded import names_uncoded_group
from kg.model import ActorKind, ReactionType

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.events import EventDraft
    from kg.extract.sentences import Sentence

__all__ = ["ReactionDraft", "find_reactions"]

_NEGATION = re.compile(
    r"(?:\b(?:not|never|no\s+longer|neither|nor|without|refus\w*\s+to|declin\w*\s+to|"
    r"stopp?\w*\s+short\s+of|fail\w*\s+to|avoid\w*|refrain\w*\s+from|reluctant\s+to|"
    r"den(?:y|ies|ied|ying)|reject\w*|dismiss\w*|rebuff\w*|no)\b|n't)"
    r"\s+(?:(?:\w+ly|to|be|been|have|has|had|it|any|the|an?|all|of|its|their|his|her|"
    r"explicitly|directly|publicly|openly|formally|yet|even|go|so\s+far\s+as\s+to|as\s+far\s+as\s+to)\s+){0,4}$",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:would\s+have|could\s+have|might\s+have|should\s+have|if|unless|whether|had\s+the|"
    r"had\s+it|were\s+it)\b",
    re.I,
)
_REQUEST_TO = re.compile(
    r"\b(?:urg\w+|call\w*\s+on|call\w*\s+upon|ask\w*|press\w*|want\w*|expect\w*|"
    r"encourag\w+|invit\w+|demand\w*|appeal\w*\s+to|plead\w*\s+with)\b[^.;]{0,60}?\bto\s+"
    r"(?:\w+ly\s+)?$",
    re.I,
)
_HEDGE = re.compile(
    r"\b(?:allegedly|reportedly|purportedly|apparently|claimed|claiming|suggest\w*|"
    r"insinuat\w*|is\s+said\s+to|was\s+said\s+to|according\s+to\s+(?:unconfirmed|unverified)|"
    r"unconfirmed|believed\s+to|pretty\s+clear|likely|probably)\b",
    re.I,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?$", re.I)
_BY_AFTER = re.compile(r"^\s*(?:[\w'\"-]+,?\s+){0,7}?by\s+", re.I)
#: A passive reporting verb before a characterisation: "was described as ... by X".
_PASSIVE_REPORT = re.compile(
    r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?(?:described|called|branded|termed|"
    r"labell?ed|dubbed|denounced|condemned|decried|critici[sz]ed|slammed|deplored|regarded|"
    r"seen|viewed|considered|deemed|greeted|met|welcomed|hailed|praised|rejected)\b[^.;]*$",
    re.I,
)
#: Verbs that introduce a characterisation or reported speech, whose subject is the agent
#: of what follows ("X called the attack barbaric", "X said the strike was a war crime").
_REPORTING = re.compile(
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
    r"asking|calling|telling|accusing|blaming|embraced|hugged"
)
_PREPOSITIONS = frozenset(
    {
        *("of", "on", "against", "with", "for", "to", "from", "at", "by", "over", "into"),
        *("about", "than", "toward", "towards", "in", "across", "within", "near", "like"),
        *("between", "among"),
    }
)
_TITLE_LEX = "|".join(
    sorted(
        AGENT_HEADS
        | {
            "secretary",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "press",
            "deputy",
            "chief",
            "head",
            "national",
            "security",
            "affairs",
            "policy",
            "ministry",
            "office",
            "envoy",
            "representative",
            "adviser",
            "advisor",
            "aide",
            "special",
            "senior",
            "top",
            "permanent",
            "supreme",
            "vice",
            "king",
            "queen",
            "emir",
            "crown",
            "prince",
            "general",
            "state",
            "defence",
            "defense",
            "foreign",
            "interior",
            "council",
            "presidential",
            "chancellor",
            "premier",
            "high",
            "commissioner",
            "commander",
            "chairman",
        },
        key=len,
        reverse=True,
    )
)
#: What may stand between a mention and its verb inside one noun phrase: "'s foreign
#: minister", "Secretary of State Antony Blinken", an aside in commas.
_NP_TAIL = re.compile(
    r"(?:'s?)?(?:\s+(?:(?:" + _TITLE_LEX + r")\b|of\b|[A-Z][\w'\-]+))*(?:\s*,[^,;]{1,80},)?"
)
#: A speaker after a quotation: "..., Norway's foreign minister said", "..., Kuleba told".
_SAID_AFTER = re.compile(
    r"^(?:'s?)?(?:\s+(?:(?:" + _TITLE_LEX + r")\b|[A-Z][\w'\-]+)){0,6}?\s*,?\s*(?:\w+ly\s+)?"
    r"(?:said|says|told|added|wrote|stated|warned|insisted|declared|tweeted|posted)\b",
    re.I,
)
#: Nouns a nominal reaction starts with ("condemnation", "solidarity"): a possessive
#: before them is the agent ("Germany's solidarity").
_NOUN_HEADS = frozenset(
    {
        *("condemnation", "condemnations", "denunciation", "denunciations", "criticism"),
        *("rebuke", "censure", "outrage", "solidarity", "condolences", "sympathy"),
        *("sympathies", "support", "backing", "accusation", "accusations", "thoughts"),
        *("protest", "protests", "commitment", "commitments", "pledge"),
    }
)
_HEADS = "|".join(sorted(AGENT_HEADS | {"foreign", "defence", "defense", "prime", "office"}))
_SUBJECT_GAP = re.compile(
    r"^(?:'s(?:\s+[a-z][a-z-]+){0,3})?\s*(?:,[^,;]{0,80},\s*)?(?:(?:\w+ly|has|have|joint|"
    r"own|" + _HEADS + "|had|also|too|was|were|is|are|"
    r"will|would|did|does|do|quick|swift|quickly|again|then|later|jointly|both|all|itself|"
    r"themselves|first|on\s+\w+day|on\s+\w+|in\s+a\s+statement|in\s+statements|to|alone|"
    r"\(\w+\)|,)\s*)*$",
    re.I,
)
_SPEECH = re.compile(
    r"\b(?:said|says|say|saying|stated|declared|added|wrote|tweeted|told|warned|insisted|argued|"
    r"called|calling|calls|described|describing|describes|branded|branding|termed|terming|"
    r"labelled|labeled|labelling|dubbed|regarded|regards|characteri[sz]ed|denounced|condemned|"
    r"accused|accusing|statement|considered|deemed|posted|wrote)\b",
    re.I,
)
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|stated|declared|added|wrote|tweeted|told|insisted|argued|claimed|"
    r"called|described|branded|termed|regarded|charged|alleged|accused|concluded|believe[sd]?|"
    r"maintained|suggested|statement)\b",
    re.I,
)
_CLAUSE_START = re.compile(r";|\s(?:while|whereas|but|although|though)\s")
_CLAUSE_END = re.compile(
    r"(?:;|\.(?=\s|$)|,\s+(?:which|who|while|whereas|but|although|though|as|after|before|"
    r"when|saying|adding|accusing|and\s+(?:said|called|urged|warned))\b|\s+(?:while|whereas|but|"
    r"after|before|because|although|though)\s)",
    re.I,
)
_OBJECT_GAP = re.compile(
    r"^\s*(?:(?:on|at|with|to|for|against|behind|by|of|the|its|their|his|her|strongly|"
    r"firmly|fully|full|continued|continuing|unwavering|unconditional|also|publicly|further|"
    r"both|all|solidarity|support|blame|responsibility|directly|explicitly|once\s+again|"
    r"again|sharply|strongly|harshly|unequivocally|in\s+the\s+strongest\s+terms|"
    r"government|governments|leaders|leadership|people|authorities|regime|\w+ly)\s+)*$",
    re.I,
)
_ATTRIBUTIVE_GAP = re.compile(r"^(?:'s?)?\s*(?:[\w-]+\s+){0,3}$")
_GENERIC_OBJECT = re.compile(
    r"^\s*(?:the\s+|this\s+|all\s+|any\s+)?(?:\w+\s+)?(?:violence|hostilities|escalation|"
    r"fighting|situation|bloodshed|loss\s+of\s+life|killing\s+of\s+civilians|killings|"
    r"suffering|war)\b",
    re.I,
)
_SPECIFIC_EVENT = re.compile(
    r"\b(?:attacks?|strikes?|airstrikes?|shelling|bombings?|bombardments?|barrages?|blasts?|"
    r"explosions?|sabotage|incursions?|downing|shoot-?down|breach|destruction|killings?|"
    r"operations?|actions?|raids?|incidents?|vote|resolution|text|decision|it|this|assault|"
    r"offensive|intercept|collision|crash|tragedy|disaster|massacre|atrocity|crime|"
    r"response|retaliation|steps|measures|move|tests?|launch(?:es)?|invasion|aggression|"
    r"incursion|occupation|act)\b",
    re.I,
)
_RESPONSIBILITY = re.compile(
    r"\b(?:bears?|bore|borne|bearing|holds?|has|have|had|carries|carried|takes?|took|"
    r"shoulders?)\s+(?:\w+\s+){0,2}?responsibility\b|\b(?:was|were|is|are|be)\s+"
    r"(?:\w+ly\s+)?(?:responsible|to\s+blame|behind|at\s+fault|culpable)\b",
    re.I,
)
_THREAT_CUE = re.compile(
    r"\b(?:unavenged|unpunished|retaliat\w*|respon(?:d|se)|consequences|revenge|pay|"
    r"punish\w*|retribution|strike\s+back|hit\s+back|decisive|harsh|severe|robust|"
    r"force|military\s+action|avenge|will\s+be\s+met|would\s+be\s+met|countermeasures|"
    r"(?:resolute|firm|necessary|strong|tough)\s+(?:measures|action|steps)|price|"
    r"(?:future|further|new)\s+(?:attacks|strikes)\s+would|unbearable|everlasting|wipe\s+out|"
    r"test\s+\w+(?:'s)?\s+patience|will\s+not\s+tolerate|would\s+not\s+tolerate)\b",
    re.I,
)
#: "the statement did not say who had fired the missile": the target stays unnamed.
_UNNAMED = re.compile(
    r"\b(?:did\s+not|does\s+not|didn't|doesn't|without|not|declin\w+\s+to|refus\w+\s+to|"
    r"stopp\w+\s+short\s+of)\s+(?:say(?:ing)?|nam(?:e|ing)|identify(?:ing)?|specify(?:ing)?|"
    r"blam(?:e|ing)|attribut(?:e|ing)(?:\s+it)?(?:\s+to)?|assign(?:ing)?\s+blame(?:\s+to)?)\s+"
    r"(?:who|whom|the\s+perpetrators?|anyone|any\s+(?:country|party|side|state)|a\s+culprit|"
    r"either\s+side|any\s+one|a\s+perpetrator)"
    r"|\b(?:without|not)\s+(?:naming|mentioning|identifying|criticising|criticizing|blaming)\s+"
    r"(?:the\s+)?[A-Z]|\bby\s+name\b",
    re.I,
)
_GLOSS = re.compile(
    r"\s*[\"']?[^,\"']{1,40}[\"']?,\s*(?:(?:his|her|their|its|a|the)\s+)?(?:own\s+)?"
    r"(?:term|word|name|euphemism|shorthand)\s+for\s+(?:the\s+)?",
    re.I,
)
#: An object naming an act whose author a relative clause gives: "the attacks [that]".
_ACT_OBJECT = re.compile(
    r"\s*(?:the|its|their|this|these|those|all)\s+(?:[\w-]+\s+){0,3}?(?:attacks?|strikes?|"
    r"airstrikes?|steps|actions?|measures|operations?|bombings?|shelling|raids?|moves?|"
    r"decisions?|offensive|assault|killings?|crimes?|atrocities|aggression)\s+"
    r"(?:(?:that|which)\s+)?(?:the\s+)?",
    re.I,
)
_AUTHOR_VERB = re.compile(
    r"(?:'s)?\s+(?:forces\s+|troops\s+|military\s+)?(?:had|has|have|was|were)?\s*(?:\w+ly\s+)?"
    r"(?:carried\s+out|launched|conducted|taken|made|committed|fired|perpetrated|staged|ordered|"
    r"unleashed|waged|mounted)\b",
    re.I,
)
_ITS_ALLIES = re.compile(
    r"\s*(?:with|by|behind|to)?\s*(?:its|their|his|her|our)\s+(?:\w+\s+)?(?:allies|ally|partners?|"
    r"friends?)\b",
    re.I,
)
#: Alliances: states that share one are allies; an organisation counts as its own.
_ALLIANCES = frozenset({"NATO", "EU", "G7", "CSTO", "ASEAN", "AU", "ARAB_LEAGUE"})
#: Organisations whose members are, by and large, also in these alliances.
_ALLIANCE_OF_BODY = {"EU": {"EU", "NATO", "G7"}, "G7": {"G7", "NATO"}, "NATO": {"NATO"}}
#: "... that Russia had attacked civilians": its author did an act of violence.
_ATTACKED = re.compile(
    r"(?:'s)?\s+(?:forces\s+|troops\s+|military\s+|army\s+)?(?:had|has|have|was|were|is|are)?\s*"
    r"(?:\w+ly\s+)?(?:attacked|struck|fired|targeted|bombed|shelled|killed|launched|carried\s+out|"
    r"committed|destroyed|hit|attacking|targeting|bombing|shelling|killing)\b",
    re.I,
)
#: "the leaders of the G7", "the foreign ministers of France": who speaks for the next.
_SPEAKER_OF = re.compile(
    r"\b(?:leaders?|members?|ministers?|heads?|chiefs?|president|envoys?|ambassadors?|"
    r"representatives?|officials?|spokes\w+|governments?|secretary(?:-general)?|"
    r"foreign\s+ministry)\s+of\s+(?:the\s+)?\Z",
    re.I,
)
#: An act the text says was not meant: who did it is not blamed for it.
_ACCIDENT = re.compile(
    r"\bno\s+(?:indication|evidence|sign)\s+(?:of\s+an?\s+|that\s+(?:it|this)\s+was\s+an?\s+)"
    r"(?:intentional|deliberate)|\bunintentional|\baccident(?:al|ally)?\b|\bby\s+mistake\b|"
    r"\bmistakenly\b|\bstray\b",
    re.I,
)
_BACKERS = re.compile(r"\s+(?:backers|sponsors|patrons|masters|handlers|paymasters)\b")
_UNKNOWN_SPEAKER = re.compile(
    r"\s*(?:(?:The|the)\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3}(?:\s+[a-z]+)?\s+(?:\w+ly\s+)?"
    r"(?:said|says|claimed|claims|warned|added|vowed|announced|insisted|stated|declared|"
    r"threatened|promised)\s+(?:that\s+)?"
)
#: A mention followed by a finite verb is the subject of its own clause.
_CLAUSE_SUBJECT = re.compile(
    r"(?:'s\s+[a-z]+(?:\s+[a-z]+)?)?\s+(?:\w+ly\s+)?(?:said|says|would|will|had|has|have|was|were|"
    r"is|are|also|did|does|[a-z]{3,}ed|sent|gave|told|made|took|held|met|said|spoke|sought|"
    r"paid|led|rejected|urges|calls|says|sends|offers)\b"
)
#: Prepositions before the victim of what a reaction is about ("the attack on Ukraine").
_VICTIM_PREPS = frozenset({"on", "against", "in", "at", "into", "over", "near", "inside", "across"})
_EACH_OTHER = re.compile(r"^\s*each\s+other\b|^\s*one\s+another\b", re.I)


#: Types whose reaction means nothing without someone it is directed at.
_NEEDS_TARGET = frozenset(
    {ReactionType.BLAMES, ReactionType.SUPPORTS, ReactionType.SOLIDARITY, ReactionType.THREATENS}
)


@dataclass
class ReactionDraft:
    """One reaction found in one sentence."""

    type: ReactionType
    agent: str
    target: str | None
    sentence: Sentence
    trigger: Trigger
    hedged: bool = False
    about: EventDraft | None = None
    agent_principal: str = ""
    #: Aimed at an event whose author the text does not give here (filled in by
    #: :func:`_settle_targets` when the agent blames someone for it).
    open_target: bool = False
    #: Aimed at the author of the event it is about, which the text does not name here.
    event_target: bool = False
    #: Aimed at whom its agent blames in the same sentence, if anyone.
    own_only: bool = False
    #: Dropped unless a target is found for it (a threat aimed at no one is none).
    needs_target: bool = False


def _agentive(m: Mention) -> bool:
    return m.role == "agent"


def _group(mentions: list[Mention], anchor: Mention, text: str) -> list[Mention]:
    """The coordinated list an anchor belongs to: "Britain, France and Germany"."""
    index = mentions.index(anchor)
    group = [anchor]
    i = index
    while i > 0:
        prev = mentions[i - 1]
        gap = text[prev.end : mentions[i].start]
        if (
            re.fullmatch(
                r"(?:'s)?\s*(?:,\s*(?:and\s+)?|and\s+|&\s+|as\s+well\s+as\s+)(?:both\s+)?(?:the\s+)?",
                gap,
                re.I,
            )
            and prev.role == anchor.role
        ):
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
        ):
            group.append(nxt)
            i += 1
        else:
            break
    return group


class _SentenceReader:
    def __init__(self, analysis: Analysis, sentence: Sentence, events: list[EventDraft]) -> None:
        self.analysis = analysis
        self.text = analysis.text
        self.sentence = sentence
        self.mentions = analysis.mentions_in(sentence.start, sentence.end)
        self.events = events
        self.used_as_target: set[int] = set()
        self.last_agents: list[Mention] = []
        self.last_end = sentence.start
        self.agent_from = False

    # ---------------------------------------------------------------- context

    def clause_end(self, position: int) -> int:
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
        aside = re.match(r",[^,;]{0,80},", self.text[lower + best.end() : position])
        aside_end = lower + best.end() + aside.end() if aside else -1
        if any(
            m.start > absolute and m.end <= position and _agentive(m) and not m.end <= aside_end
            for m in self.mentions
        ):
            return []
        if best.lastgroup == "it" and re.match(
            r"\s+(?:is|was|would\s+be|will\s+be|has\s+been|seems|seemed)\b",
            self.text[lower + best.end() :],
        ):
            return []
        if not _SUBJECT_GAP.match(self.text[lower + best.end() : position]):
            return []
        if best.lastgroup in ("it", "they", "he") and self._unknown_speaker(absolute):
            return []  # "Hezbollah said it held Israel responsible": not a known actor
        lowest = 0 if best.lastgroup == "resolution" else self._paragraph_start()
        paragraph = self.earlier(absolute, lowest)
        if best.lastgroup == "it" and best.group().lower() == "its":
            return []
        if best.lastgroup in ("ministry", "gov", "person"):
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
        return resolve_anaphor(best.lastgroup, subjects, self.analysis.registry) or resolve_anaphor(
            best.lastgroup, paragraph, self.analysis.registry
        )

    def _unknown_speaker(self, position: int) -> bool:
        """Whether the clause before ``position`` opens with a name no actor has, whose
        speech the pronoun belongs to ("Hezbollah said it ...", "The Houthis vowed they")."""
        start = self.clause_start(position)
        if any(start <= m.start < position for m in self.mentions):
            return False
        return bool(_UNKNOWN_SPEAKER.fullmatch(self.text, start, position))

    def _is_object(self, mention: Mention) -> bool:
        """Whether a mention of this sentence is an object or in a prepositional phrase
        ("blamed the United States and Britain", "told Trump"): not what "it" or "he"
        later in the sentence refers to."""
        if mention.start < self.sentence.start:
            prep = mention.prep or ""
            if prep == "of":  # "the leaders of the G7" speak for it; "a meeting of" does not
                return not _SPEAKER_OF.search(self.text, max(0, mention.start - 40), mention.start)
            return prep in ("to", "on", "against", "with", "for", "from")
        if id(mention) in self.used_as_target:
            return True
        if mention in self.mentions:
            mention = _group(self.mentions, mention, self.text)[0]  # a list: its first
        prep = mention.prep or ""
        if prep == "of":  # "the foreign ministers of France, Germany and Poland"
            return not _SPEAKER_OF.search(self.text, max(0, mention.start - 40), mention.start)
        return prep in _PREPOSITIONS or prep == "and" or bool(_OBJECT_VERB.fullmatch(prep))

    def earlier(self, position: int, lowest: int | None = None) -> list[Mention]:
        """Mentions ending before ``position``, from ``lowest`` (default: the paragraph)."""
        lowest = self._paragraph_start() if lowest is None else lowest
        return [m for m in self.analysis.mentions_in(lowest, position) if m.end <= position]

    def _paragraph_start(self) -> int:
        starts = self.analysis.paragraph_starts
        first = starts.get(self.sentence.paragraph, self.sentence.start)
        # reach one paragraph back for a sentence that opens its paragraph with an anaphor
        previous = self.analysis.body_paragraph_starts.get(self.sentence.paragraph - 1)
        return previous if previous is not None and first == self.sentence.start else first

    # ---------------------------------------------------------------- agent

    def agents(self, trigger: Trigger) -> tuple[list[Mention], bool]:
        """The agents of a trigger and whether the construction is passive."""
        text = self.text
        start = self.clause_start(trigger.start)
        kind = trigger.rule.kind
        self.agent_from = False
        before = text[max(self.sentence.start, trigger.start - 30) : trigger.start]
        if kind == "verb" and _PASSIVE_BEFORE.search(before):
            return self.passive_agents(trigger), True
        # "X said Y was ... and called the bombing a war crime": X, whom the parse finds
        reporter = [
            m
            for m in parsed_subject(
                self.analysis, self.sentence, trigger.start, through_report=True
            )
            if _agentive(m) and m in self.mentions
        ]
        if reporter:
            return _group(self.mentions, reporter[0], text), False
        # "was described as sickening ... by X", "was called a war crime by X"
        if kind in ("quote", "noun", "phrase") and _PASSIVE_REPORT.search(
            text[start : trigger.start]
        ):
            found = self.passive_agents(trigger)
            if found:
                return found, True
        # "condemnation from Berlin", "drew a sharp rebuke from X", "X's condemnation"
        if kind in ("noun", "phrase"):
            found = self.nominal_agents(trigger)
            if found:
                return found, False
        # "..., accusing them of", "and called for": the subject of the main verb
        if (
            re.search(
                r"(?:,\s*|\band\s+(?:to\s+)?(?:\w+ly\s+)?|\bthen\s+)$",
                text[start : trigger.start],
            )
            and (
                trigger.text.lower().split()[0].endswith("ing")
                or re.search(r"\band\s+(?:to\s+)?(?:\w+ly\s+)?$", text[start : trigger.start])
            )
            and self.last_agents
        ):
            return self.last_agents, False
        if (
            kind == "quote"
            and self.last_agents
            and not any(
                _agentive(m) and self.last_end <= m.start < trigger.start for m in self.mentions
            )
            and not _REPORTING.search(text[self.last_end : trigger.start])
        ):
            return self.last_agents, False  # "condemned the attack as a war crime"
        # "Kuleba was blunter still, calling Putin a terrorist": the subject of the clause
        if kind == "quote":
            participle = list(
                re.finditer(
                    r",\s*(?:\w+ly\s+)?(?:calling|describing|branding|labell?ing|terming|saying|"
                    r"accusing|dubbing)\b",
                    text[start : trigger.start],
                )
            )
            if participle:
                subject = self.clause_subject(start, start + participle[-1].start())
                if subject:
                    return subject, False
        # "Romania joined others in condemning", "Blinken called Aliyev to urge": the subject
        if re.search(
            r"(?:\b(?:in|by)\s+|\bto\s+(?:\w+ly\s+)?)$", text[start : trigger.start]
        ) and not _REQUEST_TO.search(text[start : trigger.start]):
            subject = self.clause_subject(start, trigger.start)
            if subject:
                return subject, False
        anchors = [trigger.start]
        if kind in ("quote", "noun", "phrase"):
            reporting = [
                m.start()
                for m in _REPORTING.finditer(text, start, trigger.start)
                if m.start() > start
            ]
            if kind == "quote":  # a characterisation is someone's: the reporting verb's subject
                copula = re.search(
                    r"\b(?:was|were|is|are|been|be|felt|feels)\s+(?:\w+ly\s+)?(?:\w+\s+)?$",
                    text[start : trigger.start],
                )
                anchors = reporting[::-1][:2] + ([trigger.start] if copula else [])
            else:
                anchors = anchors + reporting[-1:]
        for anchor in anchors:
            found = self.subject_before(anchor, start)
            if found:
                return found, False
        # the speaker after a quotation: "'...,' Zelensky said" / "said Zelensky"
        after = self.speaker_after(trigger)
        if after:
            return after, False
        # an anaphoric subject opening the sentence: "The leaders also promised ... to stand"
        opening = ANAPHORS.match(text, self.sentence.start)
        if (
            opening is not None
            and opening.lastgroup not in (None, "it", "he")
            and not any(_agentive(m) and m.end <= trigger.start for m in self.mentions)
            and not re.search(r"[;,]\s", text[opening.end() : trigger.start].split(" and ")[0])
        ):
            earlier = self.earlier(self.sentence.start)
            return resolve_anaphor(opening.lastgroup, earlier, self.analysis.registry), False
        return [], False

    def passive_agents(self, trigger: Trigger) -> list[Mention]:
        """The actor after "by" behind a passive: "was condemned in the strongest terms by X"."""
        text = self.text
        window_end = min(self.clause_end(trigger.end), trigger.end + 90)
        by = _BY_AFTER.match(text[trigger.end : window_end])
        if by is None:
            return []
        after = [
            m
            for m in self.mentions
            if trigger.end + by.end() <= m.start <= trigger.end + by.end() + 5 and _agentive(m)
        ]
        return _group(self.mentions, after[0], text) if after else []

    def nominal_agents(self, trigger: Trigger) -> list[Mention]:
        """The agent of a nominal reaction: "X's condemnation", "condemnation from X",
        "condemnation of the strike came swiftly from X"."""
        text = self.text
        if trigger.text.split()[0].lower() not in _NOUN_HEADS:
            return []
        for m in reversed(self.mentions):
            if m.end > trigger.start:
                continue
            gap = text[m.end : trigger.start]
            if _agentive(m) and (
                (
                    m.possessive
                    and re.fullmatch(r"(?:'s?|s')\s+(?:(?:[a-z]+ly|[a-z-]+)\s+){0,2}", gap)
                )
                or re.fullmatch(r"\s+", gap)  # "US condemnation"
            ):
                self.agent_from = True
                return _group(self.mentions, m, text)
            break
        end = self.clause_end(trigger.end)
        for m in self.mentions:
            if m.start < trigger.end or m.start >= end or not _agentive(m):
                continue
            gap = text[trigger.end : m.start]
            if len(gap) <= 80 and re.search(r"\b(?:from|by)\s+(?:the\s+)?$", gap, re.I):
                self.agent_from = True
                return _group(self.mentions, m, text)
            if not re.search(
                r"\b(?:came|come|comes|poured|pouring|followed|flowed|arrived)\b", gap
            ):
                break
        return []

    def clause_subject(self, start: int, position: int) -> list[Mention]:
        """The subject of the clause: its first agentive mention not in a prepositional
        phrase ("Romania joined other NATO members in condemning")."""
        text = self.text
        for m in self.mentions:
            if m.start < start or m.end > position or not _agentive(m):
                continue
            if m.prep in _PREPOSITIONS or (
                m.possessive
                and m.kind is not ActorKind.BODY
                and not _SUBJECT_GAP.match(text[m.end : m.end + 40])
            ):
                continue
            found = self.subject_before(self._verb_after(m, position), start)
            return found or _group(self.mentions, m, text)
        return self.anaphor_before(position, start)

    def _verb_after(self, mention: Mention, position: int) -> int:
        """Where the verb after a subject mention starts (the end of its noun phrase)."""
        tail = _NP_TAIL.match(self.text, mention.end, position)
        return tail.end() if tail else mention.end

    def subject_before(self, anchor: int, start: int) -> list[Mention]:
        """The subject of the verb (or reporting verb) at ``anchor``."""
        text = self.text
        candidates = [
            m
            for m in self.mentions
            if start <= m.start
            and m.end <= anchor
            and _agentive(m)
            and id(m) not in self.used_as_target
        ]
        anaphor = self.anaphor_before(anchor, start)
        if anaphor:
            return anaphor
        for m in reversed(candidates):
            gap = text[m.end : anchor]
            adjacent = bool(_SUBJECT_GAP.match(gap))
            if m.prep == "by" and gap.lstrip().startswith(","):
                continue  # "drafted by Australia," is an aside, not the subject
            if gap.lstrip().startswith(",") and re.search(
                r",\s+(?:a|an|the|its|his|her|their)\s+[^,;]{0,60}$",
                text[max(start, m.start - 70) : m.start],
            ):
                continue  # "Beijing, a close ally of Islamabad, called": an apposition
            spokesman = re.search(
                r"\b(?:spokes\w+|adviser|advisor|aide|envoy|representative|ambassador|"
                r"minister|office|chief|head|president|secretary)\s+(?:for|to|of)\s+(?:the\s+)?$",
                text[max(self.sentence.start, m.start - 40) : m.start],
                re.I,
            )
            if m.prep in _PREPOSITIONS and not (adjacent or spokesman):
                continue
            if m.possessive and not adjacent and m.kind is not ActorKind.BODY:
                continue
            if (
                re.search(r"\b(?:that|who|which)\s", gap)
                and not re.search(
                    r"\b(?:said|says|say|told|warned|insisted|argued|added|stated)\s+(?:that\s+)?$",
                    text[m.end : anchor],
                )
                and not adjacent
            ):
                # "X said that Y ...": the subject of the embedded clause is nearer
                inner = [c for c in candidates if c.start > m.end]
                if inner:
                    continue
            return _group(self.mentions, m, text)
        return []

    def speaker_after(self, trigger: Trigger) -> list[Mention]:
        text = self.text
        for m in self.mentions:
            if m.start < trigger.end or not _agentive(m):
                continue
            before = text[max(trigger.end, m.start - 20) : m.start]
            after = text[m.end : m.end + 25]
            after = text[m.end : m.end + 80]
            if re.search(r"\b(?:said|says|according\s+to)\s+(?:the\s+)?$", before, re.I) or (
                _SAID_AFTER.match(after)
                and re.search(r"[\"',]\s*$", text[trigger.end : m.start].rstrip("the ").rstrip())
            ):
                return _group(self.mentions, m, text)
        # "..., he said." after a quotation
        tail = re.search(
            r"[\"'],?\s+(he|she|it|they)\s+(?:said|added|told|warned|insisted|declared|stressed|wrote)",
            text[trigger.end : self.sentence.end],
            re.I,
        )
        if tail is not None:
            pronoun = {"he": "he", "she": "he", "it": "it", "they": "they"}[tail.group(1).lower()]
            earlier = self.earlier(trigger.start)
            return resolve_anaphor(pronoun, earlier, self.analysis.registry)
        return []

    # ---------------------------------------------------------------- target

    def targets(self, trigger: Trigger, agents: list[Mention]) -> list[Mention]:
        text = self.text
        end = self.clause_end(trigger.end)
        if trigger.slot is not None:
            region_start, end = trigger.slot
        else:
            region_start = trigger.end
        agent_ids = {a.principal for a in agents}
        for m in self.mentions:
            if m.start < region_start or m.start >= end or m.principal in agent_ids:
                continue
            gap = text[region_start : m.start]
            direct = (bool(_OBJECT_GAP.match(gap)) and m.role != "weapon") or (
                m.role == "place" and bool(_OBJECT_GAP.match(gap)) and m.via != "demonym"
            )
            if trigger.type is ReactionType.SUPPORTS and re.fullmatch(
                r"\s*(?:[a-z-]+\s+){0,3}(?:to|for)\s+(?:the\s+)?", gap
            ):
                direct = True  # "a military aid package for Ukraine"
            if (
                trigger.type is ReactionType.SOLIDARITY
                and m.start - region_start < 90
                and re.search(r"\b(?:to|with|of|in)\s+(?:the\s+)?$", gap)
                and not re.search(r"\b(?:by|from|against)\b|[;]", gap)
            ):
                direct = True  # "condolences to the families of the victims in Ukraine"
            attributive = (m.possessive or m.role == "weapon" or m.via == "demonym") and bool(
                _ATTRIBUTIVE_GAP.match(gap)
            )
            loose = (
                trigger.type is ReactionType.THREATENS
                and m.role != "weapon"
                and (m.start - region_start < 70)
                and m.prep not in ("from", "by", "in", "at", "near")
                and not re.search(r",\s+(?:and|but|while)\s", gap)
            )
            if direct or attributive or loose:
                group = _group(self.mentions, m, text)
                group = [g for g in group if g.principal not in agent_ids]
                for g in group:
                    self.used_as_target.add(id(g))
                return group
            break
        # "blamed the Houthis and their Iranian backers", "the rebels and their backers in Moscow"
        for m in self.mentions:
            if (
                region_start <= m.start < end
                and m.principal not in agent_ids
                and (
                    (m.via == "demonym" and _BACKERS.match(text, m.end))
                    or re.search(
                        r"\b(?:backers|sponsors|patrons|masters|handlers|paymasters)\s+in\s+$",
                        text[max(region_start, m.start - 30) : m.start],
                    )
                )
            ):
                return _group(self.mentions, m, text)
        # "condemned the attacks Russia had carried out", "supported the steps Azerbaijan
        # had taken": the author of the act in a relative clause
        act = _ACT_OBJECT.match(text, region_start, end)
        if act is not None:
            named = [
                m
                for m in self.mentions
                if m.start == act.end()
                and _AUTHOR_VERB.match(text, m.end)
                and m.principal not in agent_ids
            ]
            if named:
                return _group(self.mentions, named[0], text)
        # 'accused "the Anglo-Saxons", his term for the United States and Britain, of'
        gloss = _GLOSS.match(text, region_start, end)
        if gloss is not None:
            named = [m for m in self.mentions if gloss.end() - 4 <= m.start < gloss.end() + 6]
            if named:
                return [
                    g for g in _group(self.mentions, named[0], text) if g.principal not in agent_ids
                ]
        # "accusing them of", "blamed it on": an anaphoric object
        pronoun = re.match(r"^\s*(them|it|him|her)\b", text[region_start:end], re.I)
        if pronoun is not None:
            kind = {"them": "they", "it": "it", "him": "he", "her": "he"}[pronoun.group(1).lower()]
            before = self.earlier(trigger.start)
            found = resolve_anaphor(kind, before, self.analysis.registry)
            return [f for f in found if f.principal not in agent_ids]
        return []

    # (threatens may name its target loosely: "consequences for relations with Ankara")

    def quote_targets(self, trigger: Trigger, agents: list[Mention]) -> list[Mention]:
        """Whom a characterisation is aimed at: "called Trump, Macron and May criminals",
        "said Russia's attacks were shocking", "a sign of Russian evil", "Azerbaijan's
        actions, which it called unacceptable"."""
        text = self.text
        agent_ids = {a.principal for a in agents}
        start = self.clause_start(trigger.start)
        reporting = [m for m in _REPORTING.finditer(text, start, trigger.start)]
        region_start = reporting[-1].end() if reporting else start
        for m in self.mentions:
            if m.start < region_start or m.end > trigger.start or m.principal in agent_ids:
                continue
            if m.role == "place" or m.prep in _VICTIM_PREPS:
                continue
            gap = text[region_start : m.start]
            direct = bool(re.fullmatch(r"\s*(?:the\s+)?", gap))
            if direct or m.role == "weapon" or m.possessive or m.via == "demonym":
                return [g for g in _group(self.mentions, m, text) if g.principal not in agent_ids]
        if reporting:
            relative = re.search(
                r"(?:,\s*)?\b(?:which|that)\s+(?:\w+\s+){0,2}$", text[start : reporting[-1].start()]
            )
            if relative is not None:
                head_end = start + relative.start()
                for m in reversed(self.mentions):
                    if (
                        m.end <= head_end
                        and head_end - m.end <= 60
                        and m.principal not in agent_ids
                    ):
                        if m.role == "weapon" or m.possessive:
                            return [m]
                        break
        that = re.match(r"\s*(?:that\s+)(?:the\s+)?", text[trigger.end : trigger.end + 12])
        if that is not None:
            named = [
                m
                for m in self.mentions
                if m.start == trigger.end + that.end()
                and m.principal not in agent_ids
                and _ATTACKED.match(text, m.end)
            ]
            if named:
                return _group(self.mentions, named[0], text)
        end = min(self.clause_end(trigger.end), trigger.end + 60)
        for m in self.mentions:
            if (
                trigger.end <= m.start < end
                and m.principal not in agent_ids
                and m.role == "weapon"
                and not re.search(
                    r"\b(?:on|against|in|at|into|to|over)\s+(?:the\s+)?$",
                    text[trigger.end : m.start],
                )
            ):
                return [m]
        return []

    def allies_of(self, agents: list[Mention], authors: list[str]) -> list[str]:
        """Whom "its allies" means: the authors of the act in question when they are allied
        with the agent, else the nearest allied actor named before."""
        registry = self.analysis.registry
        agent_ids = {a.principal for a in agents}

        def groups(code: str) -> set[str]:
            if code in _ALLIANCE_OF_BODY:
                return _ALLIANCE_OF_BODY[code]
            actor = registry.get(code)
            return set(actor.member_of if actor is not None else ()) & _ALLIANCES

        mine = set().union(*(groups(a) for a in agent_ids)) if agent_ids else set()
        allied = [c for c in authors if c not in agent_ids and groups(c) & mine]
        if allied:
            return allied
        before = self.analysis.mentions_in(max(0, self.sentence.start - 600), self.sentence.start)
        for m in reversed(before):
            if m.role == "agent" and m.principal not in agent_ids and groups(m.principal) & mine:
                return [m.principal]
        return []

    def condition_target(self, trigger: Trigger, agents: list[Mention]) -> list[Mention]:
        """A threat's target named in its condition: "if the Syrian government used poison
        gas again, the United States was 'locked and loaded'"."""
        text = self.text
        agent_ids = {a.principal for a in agents}
        for match in re.finditer(
            r"\b(?:if|should|unless)\s+", text[self.sentence.start : self.sentence.end], re.I
        ):
            position = self.sentence.start + match.end()
            for m in self.mentions:
                if position <= m.start <= position + 12 and m.principal not in agent_ids:
                    return [m]
        return []

    def by_actor(self, trigger: Trigger) -> list[Mention]:
        """ "an attack planned by Russia": the actor after "by" close behind a trigger."""
        text = self.text
        end = min(self.clause_end(trigger.end), trigger.end + 60)
        for m in self.mentions:
            if trigger.end <= m.start < end and m.role != "place":
                gap = text[trigger.end : m.start]
                if re.search(r"\bby\s+(?:the\s+)?$", gap) and not re.search(r"[;,]", gap):
                    return _group(self.mentions, m, text)
        return []

    def speaker_before(self, position: int, exclude: set[str]) -> list[Mention]:
        """Who says what follows: a mention before ``position`` with a speech verb between
        ("Britain and France said on Monday that Iran ..."), else the subject of the
        sentence's last reaction, else a speaker after a quotation."""
        text = self.text
        for m in reversed(self.mentions):
            if m.end > position or not _agentive(m) or m.principal in exclude:
                continue
            if _SPEECH_VERB.search(text[m.end : position]):
                return [g for g in _group(self.mentions, m, text) if g.principal not in exclude]
        if self.last_agents:
            return self.last_agents
        for match in reversed(list(ANAPHORS.finditer(text, self.sentence.start, position))):
            if match.lastgroup in (None, "it", "he", "they") or not _SPEECH_VERB.search(
                text[match.end() : position]
            ):
                continue
            earlier = self.earlier(match.start())
            found = resolve_anaphor(match.lastgroup, earlier, self.analysis.registry)
            if found:
                return [f for f in found if f.principal not in exclude]
        return [m for m in self.speaker_after_position(position) if m.principal not in exclude]

    def speaker_after_position(self, position: int) -> list[Mention]:
        text = self.text
        for m in self.mentions:
            if m.start < position or not _agentive(m):
                continue
            after = text[m.end : m.end + 25]
            before = text[max(position, m.start - 20) : m.start]
            if re.match(
                r"^\s*(?:\w+ly\s+)?(?:said|says|told|added|wrote|stated)\b", after, re.I
            ) or re.search(r"\b(?:said|says|according\s+to)\s+(?:the\s+)?$", before, re.I):
                return _group(self.mentions, m, text)
        tail = re.search(
            r"[\"'],?\s+(he|she|it|they)\s+(?:said|added|told)",
            text[position : self.sentence.end],
            re.I,
        )
        if tail is not None:
            pronoun = {"he": "he", "she": "he", "it": "it", "they": "they"}[tail.group(1).lower()]
            earlier = self.earlier(position)
            return resolve_anaphor(pronoun, earlier, self.analysis.registry)
        return []

    def responsibility_target(self, trigger: Trigger) -> list[Mention]:
        """``X said Y bears responsibility``: Y, the subject of the embedded clause."""
        text = self.text
        inside = [m for m in self.mentions if trigger.start < m.start and m.end < trigger.end]
        if inside:  # "the strike was Russia's responsibility"
            return [m for m in inside if m.possessive][:1]
        subjects = [m for m in self.mentions if m.end <= trigger.start and _agentive(m)]
        if not subjects:
            return []
        m = subjects[-1]
        gap = text[m.end : trigger.start]
        if not re.fullmatch(
            r"(?:'s)?\s*(?:,[^,;]{1,40},\s*)?(?:[\w-]+\s+){0,3}?", gap
        ) or re.search(r"\b(?:who|which|that|whom)\b", gap):
            return []
        if m.prep in ("from", "of", "to", "with", "by", "in", "on", "at", "for", "against"):
            return []
        if not re.search(r"respons|blame|culpab|behind|right", trigger.text, re.I):
            # "X said Russian forces had fired": an attack attributed in reported speech,
            # not "the attacks Russia had carried out" (a relative clause) or "a NATO member"
            lead = text[max(self.sentence.start, m.start - 40) : m.start]
            if m.head in ("member", "members", "ally", "allies") or not re.search(
                r"(?:\b(?:said|says|say|believed|believes|concluded|assessed|alleged|claimed|"
                r"insisted|confirmed|stated|added|told(?:\s+(?:the\s+)?\w+)?|assessment\s+(?:was|is)|"
                r"evidence\s+(?:showed|shows|suggested|suggests)|clear|certain|sure|convinced)"
                r"(?:\s+that)?|[:\"])\s+(?:the\s+)?$",
                lead,
            ):
                return []
        return _group(self.mentions, m, text)


def _negated(reader: _SentenceReader, trigger: Trigger) -> bool:
    text = reader.text
    start = max(reader.clause_start(trigger.start), trigger.start - 300)
    before = text[start : trigger.start]
    if _NEGATION.search(before[-150:]):
        return True
    if trigger.type is not ReactionType.THREATENS and _HYPOTHETICAL.search(before):
        return True
    first = trigger.text.split()[0].lower()
    if trigger.type is not ReactionType.CEASEFIRE and _REQUEST_TO.search(
        before + ("to " if first == "to" else "")
    ):
        return True
    return bool(
        trigger.type is ReactionType.CEASEFIRE
        and re.search(r"\breject\w*\s+(?:the\s+)?$", before, re.I)
    )


def _is_threat(reader: _SentenceReader, trigger: Trigger) -> bool:
    if trigger.rule.kind != "verb":
        return True
    if trigger.text.lower().startswith("threat") and any(
        trigger.end < m.start <= trigger.end + 6 for m in reader.mentions
    ):
        return True  # "threatened Seoul with ..."
    after = reader.text[trigger.end : reader.clause_end(trigger.end) + 1]
    if _THREAT_CUE.search(after[:160]):
        return True
    # "warned the United States against further flights": a warning to someone
    named = [m for m in reader.mentions if trigger.end < m.start <= trigger.end + 25]
    if (
        named
        and re.match(
            r"\s*(?:the\s+)?[^,;.]{0,40}?\s+against\b",
            reader.text[named[0].start : named[0].end + 50],
        )
        and re.fullmatch(r"\s*(?:the\s+)?", reader.text[trigger.end : named[0].start])
    ):
        return True
    # '"..., Russia's responses will be harsh," he warned': the warning before the verb
    if re.match(r"\s*[.,;]?\s*$", after[:3]) or re.match(r"\s*\.", after):
        before = reader.text[reader.sentence.start : trigger.start]
        return bool(_THREAT_CUE.search(before))
    return False


_OBJECT_KIND = re.compile(
    r"\b(?P<vote>vote|resolution|text|motion|draft)\b|\b(?P<explosion>blasts?|explosions?)\b"
    r"|\b(?P<sabotage>sabotage)\b",
    re.I,
)


def _event_for(
    reader: _SentenceReader, trigger: Trigger, events: list[EventDraft]
) -> EventDraft | None:
    sentence = reader.sentence
    region = reader.text[trigger.end : min(reader.clause_end(trigger.end), trigger.end + 60)]
    named = _OBJECT_KIND.search(region)
    if named is not None:
        kind = "vote" if named.lastgroup == "vote" else named.lastgroup
        same = [
            e
            for e in events
            if e.kind.value == kind and any(s < trigger.start for s, _t in e.mentions)
        ]
        if same:
            return same[-1]
    text = reader.text
    before = sorted(
        (end, e)
        for e in events
        for (s, end) in e.mentions
        if sentence.start <= s and end <= trigger.start
    )
    # "blasts it blamed on Armenian groups", "the strike, which Moscow condemned": the act
    # just before, taken up by a pronoun or a relative clause
    if before and re.fullmatch(
        r",?\s*(?:which|that|it|they|he|she)\s+(?:\w+\s+){0,2}", text[before[-1][0] : trigger.start]
    ):
        return before[-1][1]
    close_after = [
        e
        for e in events
        for (s, _t) in e.mentions
        if trigger.end <= s < min(sentence.end, trigger.end + 50)
    ]
    if close_after:
        return close_after[0]
    if before:
        return before[-1][1]
    earlier = [e for e in events if any(s < trigger.start for s, _t in e.mentions)]
    if not earlier:
        # a lede that reacts before it tells: the event told next in the sentence or after
        later = sorted(
            (s, e)
            for e in events
            for (s, _t) in e.mentions
            if trigger.end <= s < sentence.end + 400
        )
        return later[0][1] if later else None
    # the most mentioned event so far (the earliest of equals): the article's subject
    return max(
        earlier, key=lambda e: (sum(1 for s, _t in e.mentions if s < trigger.start), -e.start)
    )


def find_reactions(analysis: Analysis, events: list[EventDraft]) -> list[ReactionDraft]:
    """The reactions of an analysed document, in order, duplicates merged."""
    drafts: list[ReactionDraft] = []
    triggers = analysis.triggers()
    index = 0
    for sentence in analysis.sentences:
        own: list[Trigger] = []
        while index < len(triggers) and triggers[index].start < sentence.end:
            if triggers[index].start >= sentence.start:
                own.append(triggers[index])
            index += 1
        if sentence.heading or not own:
            continue
        reader = _SentenceReader(analysis, sentence, events)
        for trigger in own:
            drafts.extend(_read(reader, trigger, events))
    return _merge(_settle_targets(analysis, aim_appeals(analysis, drafts)))


def _settle_targets(analysis: Analysis, drafts: list[ReactionDraft]) -> list[ReactionDraft]:
    """Aim reactions to an event that name no one, once the whole text has been read.

    A condemnation (or threat) of "the attack" is aimed at the event's author when the text
    does not dispute it; when the author is disputed (denied, blamed on different actors, or
    blamed by its author on someone else) or unknown, at whom the agent itself blames for it
    (for that event, in the same sentence or one next to it), else at no one. A threat
    aimed at no one is kept only when its agent blames someone in the same paragraph.
    """
    blamed: dict[int, dict[str, set[str]]] = {}
    #: who says someone else did the act ("the building had been struck by a Ukrainian
    #: missile"), by event and agent: the authors' own counter-attributions
    attributed: dict[int, dict[str, set[str]]] = {}
    said: dict[tuple[int, str], set[str]] = {}  # blames by sentence and agent
    #: blames by event, sentence number and agent
    blamed_here: dict[tuple[int, int, str], set[str]] = {}
    order = {sentence.start: n for n, sentence in enumerate(analysis.sentences)}
    for draft in drafts:
        if draft.type is ReactionType.BLAMES and draft.target:
            key = (draft.sentence.start, draft.agent_principal)
            said.setdefault(key, set()).add(draft.target)
            shared = _NON_STATE.search(analysis.text, draft.sentence.start, draft.sentence.end)
            if draft.about is not None and shared is None:
                by_agent = blamed.setdefault(id(draft.about), {})
                by_agent.setdefault(draft.agent_principal, set()).add(draft.target)
                mine = blamed_here.setdefault(
                    (id(draft.about), order[draft.sentence.start], draft.agent_principal), set()
                )
                mine.add(draft.target)
                if draft.trigger.rule.kind in ("resp", "byresp"):
                    counter = attributed.setdefault(id(draft.about), {})
                    counter.setdefault(draft.agent_principal, set()).add(draft.target)
    deniers = _deniers(analysis)
    result: list[ReactionDraft] = []
    paragraph_blames: dict[tuple[int, str], set[str]] = {}
    for draft in drafts:
        if draft.type is ReactionType.BLAMES and draft.target:
            key = (draft.sentence.paragraph, draft.agent_principal)
            paragraph_blames.setdefault(key, set()).add(draft.target)
    for draft in drafts:
        same = said.get((draft.sentence.start, draft.agent_principal), set())
        if draft.needs_target:
            # "Russia's responses will be harsh, he warned" after "he accused Ukraine of"
            same = same or paragraph_blames.get(
                (draft.sentence.paragraph, draft.agent_principal), set()
            )
            for target in sorted(same - {draft.agent_principal}):
                result.append(replace(draft, target=target, own_only=False, needs_target=False))
            continue
        if draft.own_only and same - {draft.agent_principal}:
            for target in sorted(same - {draft.agent_principal}):
                result.append(replace(draft, target=target, own_only=False))
            continue
        if not (draft.open_target or draft.event_target) or draft.about is None:
            result.append(draft)
            continue
        by_agent = blamed.get(id(draft.about), {})
        culprits = set().union(*by_agent.values()) if by_agent else set()
        # the agent's own blame for the event, in this sentence or one next to it
        number = order[draft.sentence.start]
        own: set[str] = set()
        for near in (number - 1, number, number + 1):
            own |= blamed_here.get((id(draft.about), near, draft.agent_principal), set())
        own -= {draft.agent_principal}
        # "he had accused Ukraine of ... the blast, which he called an act of terrorism"
        own = said.get((draft.sentence.start, draft.agent_principal), set()) or own
        authors = set(_responsible(draft.about))
        disputed = (
            bool(authors & deniers)
            or (not authors and (len(culprits) >= 2 or bool(culprits & deniers)))
            or any(
                agent in authors and targets - {agent}
                for agent, targets in attributed.get(id(draft.about), {}).items()
            )
        )
        targets: list[str | None]
        if (
            draft.event_target
            and not disputed
            and not said.get((draft.sentence.start, draft.agent_principal))
        ):
            targets = [draft.target]
        elif own:
            targets = [*sorted(own)]
        else:
            targets = [None]
        for code in targets:
            if code == draft.agent_principal:
                continue
            result.append(replace(draft, target=code, open_target=False, event_target=False))
    return result


#: Armed groups no actor stands for: a blame they share ("blames both the rebels and their
#: backers in Moscow") does not make a condemnation of the act one of the state.
_NON_STATE = re.compile(
    r"\b(?:rebels?|separatists?|militants?|insurgents?|militias?|jihadists?|terrorists?|"
    r"Hamas|Hezbollah|Houthis?|Taliban|Islamic\s+State|al-Qaeda|Wagner|gunmen)\b"
)
#: "Moscow denied involvement", "Tehran has rejected all of the accusations".
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing))\s+"
    r"(?:any\s+|all\s+(?:of\s+)?(?:the\s+)?|the\s+|its\s+|their\s+|such\s+)?(?:\w+\s+)?"
    r"(?:involvement|responsibility|role|accusations?|allegations?|claims?|charges?|blame|"
    r"using|firing|launching|carrying\s+out|attacking|targeting|having|it\s+was|that\s+it)\b",
    re.I,
)


def _deniers(analysis: Analysis) -> set[str]:
    """The actors the text says deny having done what they are accused of."""
    found: set[str] = set()
    for sentence in analysis.sentences:
        for match in _DENIAL.finditer(analysis.text, sentence.start, sentence.end):
            before = [
                m
                for m in analysis.mentions_in(sentence.start, match.start())
                if m.role == "agent" and m.end <= match.start()
            ]
            if before:
                found.add(before[-1].principal)
    return found


#: Idioms whose subject is who is threatened: "Iran would pay a heavy price".
_PAYS = re.compile(
    r"(?:will|would|shall)\s+(?:\w+\s+)?(?:pay|be\s+punished|face\s+consequences|"
    r"be\s+held\s+(?:to\s+)?account)",
    re.I,
)


def _read_sanction(
    reader: _SentenceReader, trigger: Trigger, events: list[EventDraft]
) -> list[ReactionDraft] | None:
    """``X said Y would pay a heavy price``: X threatens Y (None: not this construction)."""
    targets = reader.responsibility_target(trigger)
    if not targets:
        return None
    agents = reader.speaker_before(targets[0].start, {t.principal for t in targets})
    if not agents or _negated(reader, trigger):
        return None
    return _drafts_between(reader, trigger, events, agents, targets)


def _drafts_between(
    reader: _SentenceReader,
    trigger: Trigger,
    events: list[EventDraft],
    agents: list[Mention],
    targets: list[Mention],
) -> list[ReactionDraft]:
    """One reaction per (agent, target) pair of different principals, hedged when the
    trigger's clause hedges, linked to the event the trigger is about."""
    reader.last_agents = agents
    clause = reader.text[reader.clause_start(trigger.start) : reader.clause_end(trigger.end)]
    hedged = bool(_HEDGE.search(clause))
    event = _event_for(reader, trigger, events)
    return [
        _draft(trigger, reader, agent, target, hedged, event)
        for agent in agents
        for target in targets
        if target.principal != agent.principal
    ]


def _read_attribution(
    reader: _SentenceReader, trigger: Trigger, events: list[EventDraft]
) -> list[ReactionDraft]:
    """``X said Y bears responsibility`` (resp) and ``an attack planned by Y`` (byresp)."""
    text = reader.text
    if trigger.rule.kind == "resp":
        targets = reader.responsibility_target(trigger)
        anchor = targets[0].start if targets else trigger.start
    else:
        targets = [
            m
            for m in reader.mentions
            if trigger.end <= m.start <= trigger.end + 12 and m.role != "place"
        ]
        targets = _group(reader.mentions, targets[0], text) if targets else []
        anchor = trigger.start
    if not targets:
        return []
    if _negated(reader, trigger) or re.search(
        r"\b(?:not|no|never|n't)\b", text[anchor : trigger.start]
    ):
        return []
    if _ACCIDENT.search(text, reader.sentence.start, reader.sentence.end):
        return []  # "no indication of an intentional attack ... launched by Ukraine's air defence"
    agents = reader.speaker_before(anchor, {t.principal for t in targets})
    if not agents:
        return []
    return _drafts_between(reader, trigger, events, agents, targets)


def _read(
    reader: _SentenceReader, trigger: Trigger, events: list[EventDraft]
) -> list[ReactionDraft]:
    kind = trigger.rule.kind
    if kind in ("resp", "byresp"):
        return _read_attribution(reader, trigger, events)
    if kind == "quote" and not _SPEECH.search(
        reader.text[reader.sentence.start : reader.sentence.end]
    ):
        return []
    if kind == "quote" and re.search(
        r"\b(?:about|over|at|of|on|for|against|from|with|into|after|by|amid|following)\s+"
        r"(?:the|these|those|this|such|its|their)\s+(?:\w+ly\s+)?$",
        reader.text[reader.sentence.start : trigger.start],
        re.I,
    ):
        return []  # "concerned about the brutal attacks": a description, not a verdict
    if kind == "quote" and re.search(
        r"\b(?:any|further|future|possible|potential|new)\s+$",
        reader.text[reader.sentence.start : trigger.start],
        re.I,
    ):
        return []  # "would retaliate against any provocation": no act in question
    if kind == "quote" and re.match(
        r"\s+to\s+(?!target|attack|strike|kill|bomb|shell|fire|shoot|hit)\w+",
        reader.text[trigger.end : trigger.end + 30],
    ):
        return []  # "it was irresponsible to assign blame": a view on an action, no verdict
    if kind == "quote" and re.search(
        r"\b(?:called|described|dismissed|branded|termed|labell?ed)\s+(?:the|these|those|such|"
        r"its|their|his|her)\s+(?:\w+\s+)?(?:reports?|claims?|accusations?|allegations?|"
        r"statements?|remarks|comments|version|account|charges?|denials?)\s+(?:as\s+)?(?:an?\s+)?"
        r"(?:\w+\s+){0,2}$",
        reader.text[reader.sentence.start : trigger.start],
        re.I,
    ):
        return []  # "called the reports a provocation": a rejection of claims, not of an act
    if trigger.type is ReactionType.THREATENS and not _is_threat(reader, trigger):
        return []
    if (
        kind == "verb"
        and trigger.type is ReactionType.BLAMES
        and re.match(r"\s+(?:for|over)\b", reader.text[trigger.end : trigger.end + 6])
        and not _PASSIVE_BEFORE.search(reader.text[max(0, trigger.start - 30) : trigger.start])
    ):
        return []  # "the militant groups it blames for the killing": the object went before
    if trigger.type is ReactionType.THREATENS and _PAYS.match(trigger.text):
        found = _read_sanction(reader, trigger, events)
        if found is not None:
            return found
    negated = _negated(reader, trigger)
    agents, passive = reader.agents(trigger)
    if not agents:
        return []
    reader.last_agents = agents
    reader.last_end = trigger.end
    if negated:
        reader.targets(trigger, agents)
        return []
    clause = reader.text[
        max(reader.clause_start(trigger.start), trigger.start - 200) : min(
            reader.clause_end(trigger.end), trigger.end + 200
        )
    ]
    hedged = bool(_HEDGE.search(clause))
    event = _event_for(reader, trigger, events)
    inferable = own_only = False
    targets: list[Mention | None]
    if passive:
        subject = [
            m
            for m in reader.mentions
            if m.end <= trigger.start
            and _agentive(m)
            and m.start >= reader.clause_start(trigger.start)
        ]
        targets = list(subject[-1:]) or []
    else:
        targets = list(reader.targets(trigger, agents))
    if not targets and kind == "quote":
        targets = list(reader.quote_targets(trigger, agents))
    if not targets and kind == "phrase" and trigger.type in _NEEDS_TARGET:
        # "supplying Kyiv with air-defence systems", "threatened Seoul with retaliation"
        verb_end = trigger.start + len(trigger.text.split()[0])
        agent_ids = {a.principal for a in agents}
        objects: list[Mention | None] = [
            m
            for m in reader.mentions
            if m.start >= verb_end
            and re.fullmatch(r"\s+(?:the\s+)?", reader.text[verb_end : m.start])
            and m.principal not in agent_ids
            and m.role != "place"
        ]
        targets = objects[:1]
    if not targets and reader.agent_from:
        # "X drew a sharp rebuke from Y": the rebuke is aimed at X
        agent_ids = {a.principal for a in agents}
        targets = [
            m
            for m in reader.clause_subject(reader.clause_start(trigger.start), trigger.start)
            if m.principal not in agent_ids
        ]
        codes = [c for c in _responsible(event) if c not in agent_ids]
        generic_object = _GENERIC_OBJECT.match(
            re.sub(r"^\s*(?:of|for|over|at)\s+", " ", reader.text[trigger.end : trigger.end + 60])
        )
        if (
            not targets
            and codes
            and trigger.type is ReactionType.CONDEMNS
            and generic_object is None
        ):
            # "Condemnation poured in from Paris and Rome": of the event in question
            found = [
                _draft(trigger, reader, a, None, hedged, event, c) for a in agents for c in codes
            ]
            for draft in found:
                draft.event_target = True
            return found
    if not targets and trigger.type is ReactionType.THREATENS:
        targets = list(reader.condition_target(trigger, agents))
    after = after_text = reader.text[trigger.end : trigger.end + 20]
    if _EACH_OTHER.match(after) and len(agents) == 2:
        pairs = [(agents[0], agents[1]), (agents[1], agents[0])]
        return [_draft(trigger, reader, a, t, hedged, event) for a, t in pairs]
    explicit_object = (
        trigger.type is ReactionType.BLAMES
        and kind == "verb"
        and bool(
            re.match(r"\s+(?!of\b|for\b|over\b|on\b|in\b|that\b|it\b|them\b)[A-Za-z]", after_text)
        )
    )
    if (
        not targets
        and not explicit_object
        and trigger.type
        in (
            ReactionType.CONDEMNS,
            ReactionType.BLAMES,
            ReactionType.THREATENS,
        )
    ):
        object_text = reader.text[trigger.end : reader.clause_end(trigger.end)]
        if trigger.rule.kind == "quote":
            spoken = list(_SPEECH_VERB.finditer(reader.text, reader.sentence.start, trigger.start))
            if spoken:
                object_text = reader.text[spoken[-1].end() : trigger.start]
        generic_match = _GENERIC_OBJECT.match(object_text)
        generic = generic_match is not None and not re.match(
            r"^\s*(?:\w+\s+){0,3}(?:by|from)\s", object_text[generic_match.end() :]
        )
        specific = bool(
            _SPECIFIC_EVENT.search(reader.text[reader.sentence.start : reader.sentence.end])
        )
        if not specific and trigger.type is ReactionType.CONDEMNS and kind in ("quote", "phrase"):
            # "Frederiksen said she was horrified.": about the event in question
            specific = bool(re.match(r"\s*[\"']?\s*(?:[.;]|$)", reader.text[trigger.end :]))
        sentence_text = reader.text[reader.sentence.start : reader.sentence.end]
        unnamed = _UNNAMED.search(sentence_text)
        by_actor = (
            []
            if passive
            else [
                m
                for m in reader.by_actor(trigger)
                if m.principal not in {a.principal for a in agents}
            ]
        )
        perpetrators = _responsible(event)
        perpetrator = perpetrators[0] if perpetrators else None
        if by_actor:
            return [
                _draft(trigger, reader, a, t, hedged, event)
                for a in agents
                for t in by_actor
                if t.principal != a.principal
            ]
        agent_ids = {a.principal for a in agents}
        if (
            perpetrator is not None
            and not generic
            and (specific or trigger.type is ReactionType.THREATENS)
            and not unnamed
            and perpetrator not in agent_ids
        ):
            found = [
                _draft(trigger, reader, a, None, hedged, event, code)
                for a in agents
                for code in perpetrators
                if code not in agent_ids
            ]
            for draft in found:
                draft.event_target = True
            return found
        if event is not None and not generic and specific and not unnamed:
            inferable = True
        elif not unnamed:
            own_only = True  # aimed at whom the agent blames in the same sentence, if anyone
    if not targets and trigger.type is ReactionType.SUPPORTS:
        object_text = reader.text[trigger.end : reader.clause_end(trigger.end)]
        if kind == "quote":
            object_text = reader.text[reader.clause_start(trigger.start) : trigger.start]
            object_text = re.sub(
                r"^.*\b(?:called|described|regarded|said|termed)\s+", "", object_text
            )
        codes = _responsible(event) if event is not None and event.perpetrator else []
        if (
            event is not None
            and event.voter
            and re.match(
                r"\s*(?:the|this|that)\s+(?:\w+\s+)?(?:vote|decision|adoption|outcome)\b",
                object_text,
            )
        ):
            codes = [event.voter]  # "hailed the vote": the body that voted
        if _ITS_ALLIES.match(object_text):
            # "stood with its ally", "would stand with its allies": the allies in question
            allies = reader.allies_of(agents, codes)
            return [
                _draft(trigger, reader, a, None, hedged, event, code)
                for a in agents
                for code in allies
                if a.principal != code
            ]
        if codes and _SPECIFIC_EVENT.match(
            re.sub(
                r"^\s*(?:(?:for|of|to|with|the|this|that|these|those|its|their|\w+ly)\s+)+",
                "",
                object_text,
            )
        ):
            return [
                _draft(trigger, reader, a, None, hedged, event, code)
                for a in agents
                for code in codes
                if a.principal != code
            ]
    if not targets and trigger.type is ReactionType.THREATENS:
        found = [_draft(trigger, reader, a, None, hedged, event) for a in agents]
        for draft in found:
            draft.own_only = draft.needs_target = True
        return found
    if not targets and trigger.type is ReactionType.BLAMES:
        # "accused the paramilitary RSF of", "blamed Hezbollah": a group without a code
        end = min(reader.clause_end(trigger.end), trigger.end + 120)
        if names_uncoded_group(reader.analysis, reader.sentence, trigger.start, end):
            targets = [None]
    if not targets:
        if trigger.type in _NEEDS_TARGET:
            return []
        targets = [None]
    found = []
    for agent in agents:
        for target in targets:
            if target is not None and target.principal == agent.principal:
                continue
            draft = _draft(trigger, reader, agent, target, hedged, event)
            draft.open_target = inferable and target is None
            draft.own_only = own_only and target is None
            found.append(draft)
    return found


def _responsible(event: EventDraft | None) -> list[str]:
    """Whom a reaction to an event is directed at: its perpetrators, or the body that voted."""
    if event is None:
        return []
    if event.perpetrator is not None:
        return event.perpetrators or [event.perpetrator]
    return [event.voter] if event.voter else []


def _draft(
    trigger: Trigger,
    reader: _SentenceReader,
    agent: Mention,
    target: Mention | None,
    hedged: bool,
    event: EventDraft | None,
    target_code: str | None = None,
) -> ReactionDraft:
    code = target.principal if target is not None else target_code
    if trigger.type is ReactionType.CEASEFIRE:
        code = None  # a call for a ceasefire is addressed to all sides
    about = event
    if (
        trigger.type is ReactionType.CEASEFIRE
        and event is not None
        and not any(reader.sentence.start <= s < reader.sentence.end for s, _t in event.mentions)
    ):
        about = None
    return ReactionDraft(
        type=trigger.type,
        agent=agent.actor,
        target=code,
        sentence=reader.sentence,
        trigger=trigger,
        hedged=hedged,
        about=about,
        agent_principal=agent.principal,
    )


def _merge(drafts: list[ReactionDraft]) -> list[ReactionDraft]:
    kept: dict[tuple[str, str, str | None], ReactionDraft] = {}
    for draft in drafts:
        key = (draft.type.value, draft.agent_principal, draft.target)
        if key not in kept:
            kept[key] = draft
    # a reaction with no target is dropped when the same agent has one of that type with one
    result = []
    for key, draft in kept.items():
        if key[2] is None and any(k[0] == key[0] and k[1] == key[1] and k[2] for k in kept):
            continue
        result.append(draft)
    return result
