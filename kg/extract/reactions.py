"""Reactions: trigger, agent, target, polarity, hedging and the event they are about.

For every trigger of the lexicon (:mod:`kg.extract.lexicon`) in a sentence:

* **polarity**: a negation ("did not blame", "stopped short of condemning"), a denial or
  rejection ("rejected the accusations"), a hypothetical ("would have condemned", "if"),
  or a request to someone else ("urged the UN to condemn") gives no reaction;
* **agent**: the subject ("Moscow condemned", a list "Britain and France condemned"),
  the "by" phrase of a passive ("was condemned by Moscow"), the subject of the main verb
  for a participle ("..., accusing them of"), the subject of a coordinated verb ("issued a
  condemnation ... and called for"), a resolved anaphor ("it", "the ministry"), or the
  speaker of reported speech ("'...barbaric act,' Zelensky said");
* **target**: the object ("condemned Russia", "blamed the US and Britain" -> two),
  a possessive or attributive on the object ("condemned Russia's attack", "the Russian
  strike"), a gloss ('accused "the Anglo-Saxons", his term for the United States'), an
  actor after "by" ("an attack planned by Russia"), or else whoever the event the
  reaction is about is attributed to ("condemned the attack": its alleged perpetrator;
  "denounced the vote": the body that voted); none when the text says it names no one
  ("did not say who had fired");
* **reported responsibility**: "X said Y bore responsibility / was responsible / was
  behind" and "described the attack as sponsored by Y" are X blaming Y;
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
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.lexicon import Lexicon, Trigger
from kg.extract.mentions import AGENT_HEADS, ANAPHORS, Mention, resolve_anaphor
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
_BY_AFTER = re.compile(r"^\s*(?:[\w'-]+\s+){0,3}?by\s+", re.I)
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
    r"\b(?:said|says|say|stated|declared|added|wrote|tweeted|told|warned|insisted|argued|"
    r"called|described|branded|termed|labelled|labeled|regarded|characteri[sz]ed|denounced|"
    r"condemned|statement)\b",
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
    r"government|governments|leaders|leadership|people|authorities|regime)\s+)*$",
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
    r"\b(?:attacks?|strikes?|airstrikes?|shelling|bombing|bombardment|barrage|blasts?|"
    r"explosions?|sabotage|incursion|downing|shoot-?down|breach|destruction|killing|"
    r"operation|action|raid|incident|vote|resolution|text|decision|it|this)\b",
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
    r"force|military\s+action|avenge|will\s+be\s+met|would\s+be\s+met)\b",
    re.I,
)
#: "the statement did not say who had fired the missile": the target stays unnamed.
_UNNAMED = re.compile(
    r"\b(?:did\s+not|does\s+not|didn't|doesn't|without|not)\s+(?:say(?:ing)?|nam(?:e|ing)|"
    r"identify(?:ing)?|specify(?:ing)?|blam(?:e|ing))\s+(?:who|whom|the\s+perpetrators?|"
    r"anyone|any\s+(?:country|party|side)|a\s+culprit)",
    re.I,
)
_GLOSS = re.compile(
    r"\s*[\"']?[^,\"']{1,40}[\"']?,\s*(?:(?:his|her|their|its|a|the)\s+)?(?:own\s+)?"
    r"(?:term|word|name|euphemism|shorthand)\s+for\s+(?:the\s+)?",
    re.I,
)
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
        lowest = 0 if best.lastgroup == "resolution" else self._paragraph_start()
        paragraph = self.earlier(absolute, lowest)
        if best.lastgroup == "it" and best.group().lower() == "its":
            return []
        return resolve_anaphor(best.lastgroup, paragraph, self.analysis.registry)

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
        before = text[max(self.sentence.start, trigger.start - 30) : trigger.start]
        if trigger.rule.kind == "verb" and _PASSIVE_BEFORE.search(before):
            window_end = min(self.sentence.end, trigger.end + 60)
            by = _BY_AFTER.match(text[trigger.end : window_end])
            if by is not None:
                after = [
                    m
                    for m in self.mentions
                    if m.start >= trigger.end + by.end() and m.start <= trigger.end + by.end() + 5
                ]
                if after:
                    return _group(self.mentions, after[0], text), True
            return [], True
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
            trigger.rule.kind == "quote"
            and self.last_agents
            and not any(
                _agentive(m) and self.last_end <= m.start < trigger.start for m in self.mentions
            )
        ):
            return self.last_agents, False  # "condemned the attack as a war crime"
        candidates = [
            m
            for m in self.mentions
            if start <= m.start
            and m.end <= trigger.start
            and _agentive(m)
            and id(m) not in self.used_as_target
        ]
        anaphor = self.anaphor_before(trigger.start, start)
        if anaphor:
            return anaphor, False
        for m in reversed(candidates):
            gap = text[m.end : trigger.start]
            adjacent = bool(_SUBJECT_GAP.match(gap))
            if m.prep == "by" and gap.lstrip().startswith(","):
                continue  # "drafted by Australia," is an aside, not the subject
            spokesman = re.search(
                r"\b(?:spokes\w+|adviser|advisor|aide|envoy|representative|ambassador|"
                r"minister|office)\s+(?:for|to|of)\s+(?:the\s+)?$",
                text[max(self.sentence.start, m.start - 40) : m.start],
                re.I,
            )
            if m.prep in (
                "of",
                "on",
                "against",
                "with",
                "for",
                "to",
                "from",
                "at",
                "by",
                "over",
                "into",
                "about",
                "than",
                "toward",
                "towards",
                "in",
                "across",
            ) and not (adjacent or spokesman):
                continue
            if m.possessive and not adjacent and m.kind is not ActorKind.BODY:
                continue
            if (
                re.search(r"\b(?:that|who|which)\s", gap)
                and not re.search(
                    r"\b(?:said|says|say|told|warned|insisted|argued|added|stated)\s+(?:that\s+)?$",
                    text[m.end : trigger.start],
                )
                and not adjacent
            ):
                # "X said that Y ...": the subject of the embedded clause is nearer
                inner = [c for c in candidates if c.start > m.end]
                if inner:
                    continue
            return _group(self.mentions, m, text), False
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

    def speaker_after(self, trigger: Trigger) -> list[Mention]:
        text = self.text
        for m in self.mentions:
            if m.start < trigger.end or not _agentive(m):
                continue
            before = text[max(trigger.end, m.start - 12) : m.start]
            after = text[m.end : m.end + 25]
            if re.search(r"\b(?:said|says|according\s+to)\s+(?:the\s+)?$", before, re.I) or (
                re.match(r"^\s*(?:\w+ly\s+)?(?:said|says|told|added|wrote|stated)\b", after, re.I)
                and re.search(r"[\"',]\s*$", text[trigger.end : m.start].rstrip("the ").rstrip())
            ):
                return _group(self.mentions, m, text)
        # "..., he said." after a quotation
        tail = re.search(
            r"[\"'],?\s+(he|she|it|they)\s+(?:said|added|told)",
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
            attributive = (m.possessive or m.role == "weapon" or m.via == "demonym") and bool(
                _ATTRIBUTIVE_GAP.match(gap)
            )
            loose = (
                trigger.type is ReactionType.THREATENS
                and m.role != "weapon"
                and (m.start - region_start < 70)
            )
            if direct or attributive or loose:
                group = _group(self.mentions, m, text)
                group = [g for g in group if g.principal not in agent_ids]
                for g in group:
                    self.used_as_target.add(id(g))
                return group
            break
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
            before = text[max(position, m.start - 12) : m.start]
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
        subjects = [m for m in self.mentions if m.end <= trigger.start and _agentive(m)]
        if not subjects:
            return []
        m = subjects[-1]
        gap = text[m.end : trigger.start]
        if not re.fullmatch(r"(?:'s)?\s*(?:\w+\s+){0,3}?", gap) or re.search(
            r"\b(?:who|which|that|whom)\b", gap
        ):
            return []
        if m.prep in ("from", "of", "to", "with", "by", "in", "on", "at", "for", "against"):
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
    after = reader.text[trigger.end : reader.clause_end(trigger.end) + 1]
    return bool(_THREAT_CUE.search(after[:160]))


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
    close_after = [
        e
        for e in events
        for (s, _t) in e.mentions
        if trigger.end <= s < min(sentence.end, trigger.end + 50)
    ]
    if close_after:
        return close_after[0]
    before = [e for e in events for (s, _t) in e.mentions if sentence.start <= s < trigger.start]
    if before:
        return before[-1]
    earlier = [e for e in events if any(s < trigger.start for s, _t in e.mentions)]
    if not earlier:
        return None
    # the most mentioned event so far (the earliest of equals): the article's subject
    return max(
        earlier, key=lambda e: (sum(1 for s, _t in e.mentions if s < trigger.start), -e.start)
    )


def find_reactions(analysis: Analysis, events: list[EventDraft]) -> list[ReactionDraft]:
    """The reactions of an analysed document, in order, duplicates merged."""
    lexicon = Lexicon.default()
    drafts: list[ReactionDraft] = []
    text = analysis.text
    triggers = lexicon.find(text)
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
    return _merge(drafts)


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
    agents = reader.speaker_before(anchor, {t.principal for t in targets})
    if not agents:
        return []
    reader.last_agents = agents
    clause = text[reader.clause_start(trigger.start) : reader.clause_end(trigger.end)]
    hedged = bool(_HEDGE.search(clause))
    event = _event_for(reader, trigger, events)
    return [
        _draft(trigger, reader, agent, target, hedged, event)
        for agent in agents
        for target in targets
        if target.principal != agent.principal
    ]


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
    if trigger.type is ReactionType.THREATENS and not _is_threat(reader, trigger):
        return []
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
    after = reader.text[trigger.end : trigger.end + 20]
    if _EACH_OTHER.match(after) and len(agents) == 2:
        pairs = [(agents[0], agents[1]), (agents[1], agents[0])]
        return [_draft(trigger, reader, a, t, hedged, event) for a, t in pairs]
    if not targets and trigger.type in (
        ReactionType.CONDEMNS,
        ReactionType.BLAMES,
        ReactionType.THREATENS,
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
        specific = _SPECIFIC_EVENT.search(reader.text[reader.sentence.start : reader.sentence.end])
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
        perpetrator = event.responsible if event is not None else None
        if by_actor:
            return [
                _draft(trigger, reader, a, t, hedged, event)
                for a in agents
                for t in by_actor
                if t.principal != a.principal
            ]
        if (
            perpetrator is not None
            and not generic
            and specific
            and not unnamed
            and perpetrator not in {a.principal for a in agents}
        ):
            return [_draft(trigger, reader, a, None, hedged, event, perpetrator) for a in agents]
    if not targets and trigger.type is ReactionType.SUPPORTS:
        object_text = reader.text[trigger.end : reader.clause_end(trigger.end)]
        if (
            event is not None
            and event.perpetrator is not None
            and _SPECIFIC_EVENT.match(
                re.sub(r"^\s*(?:the|this|that|its|\w+ly)\s+", "", object_text)
            )
        ):
            return [
                _draft(trigger, reader, a, None, hedged, event, event.perpetrator)
                for a in agents
                if a.principal != event.perpetrator
            ]
    if not targets:
        if trigger.type in _NEEDS_TARGET:
            return []
        targets = [None]
    found = []
    for agent in agents:
        for target in targets:
            if target is not None and target.principal == agent.principal:
                continue
            found.append(_draft(trigger, reader, agent, target, hedged, event))
    return found


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
