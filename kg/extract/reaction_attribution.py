"""Reported responsibility: "X said Y bore responsibility" is X blaming Y.

"X said Y was behind the attack / must take responsibility / had fired the missile",
"responsibility lay with Y", "an attack planned by Y" are X blaming Y
(:func:`read_attribution`); "X said Y would pay a heavy price" is X threatening Y
(:func:`read_sanction`). X is whoever says it: a mention before with a speech verb
between, the agent of the sentence's last reaction, or the speaker after a quotation
(``_speaker_before``). An act the text says was an accident blames no one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.anaphors import ANAPHORS, resolve_anaphor
from kg.extract.quotes import QUOTE_MARK
from kg.extract.reaction_agents import quote_speaker, speaker_pronoun
from kg.extract.reaction_clauses import SPEECH_VERB, SentenceReader, agentive, coordinated
from kg.extract.reaction_drafts import drafts_between, event_for, make_draft, responsible
from kg.extract.reaction_polarity import is_negated
from kg.extract.speakers import heading_actor, statement_author
from kg.extract.uncoded import ARMED_GROUP

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.events import EventDraft
    from kg.extract.lexicon import Trigger
    from kg.extract.mentions import Mention
    from kg.extract.reaction_drafts import ReactionDraft

__all__ = ["PAYS", "read_attribution", "read_sanction"]

#: An act the text says was not meant: who did it is not blamed for it.
_ACCIDENT = re.compile(
    r"\bno\s+(?:indication|evidence|sign)\s+(?:of\s+an?\s+|that\s+(?:it|this)\s+was\s+an?\s+)"
    r"(?:intentional|deliberate)|\bunintentional|\baccident(?:al|ally)?\b|\bby\s+mistake\b|"
    r"\bmistakenly\b",
    re.I,
)
#: What a pretence opens: "to make it look as though X were responsible" blames no one.
_PRETENCE = re.compile(
    r"\b(?:look|looks|looked|appear|appears|appeared|seem|seems|seemed)\s+"
    r"(?:as\s+(?:though|if)|like|that)\s+(?:the\s+)?$",
    re.I,
)
#: Who did the act, unnamed: "the perpetrators would be held accountable".
_PERPETRATORS = re.compile(
    r"\b(?:the\s+)?(?:perpetrators|culprits|attackers|those\s+responsible|those\s+behind\s+"
    r"(?:it|this|the\s+\w+))\s+(?:\w+\s+){0,3}$",
    re.I,
)
#: Idioms whose subject is who is threatened: "Iran would pay a heavy price".
PAYS = re.compile(
    r'(?:will|would|shall)\s+"?(?:\w+\s+"?)?(?:pay|be\s+"?punished|face\s+"?consequences|'
    r'be\s+"?held\s+(?:to\s+)?account(?:able)?|be\s+"?met\s+with|'
    r'be\s+"?(?:made|held|forced)\s+to\s+(?:answer|pay)|answer\s+for)'
    # "should expect a firm response", "will receive just punishment"
    r"|(?:expect|receive|get)\w*\s+(?:\w+\s+){0,2}(?:firm|robust|decisive|strong|resolute|harsh|"
    r"united|forceful|befitting|fitting|tough|swift|severe|stern|crushing|just|adequate|"
    r"proportionate|appropriate)\b",
    re.I,
)


def _speaker_before(reader: SentenceReader, position: int, exclude: set[str]) -> list[Mention]:
    """Who says what follows: the speaker of the quotation it is in, a mention before
    ``position`` with a speech verb between
    ("Britain and France said on Monday that Iran ..."), else the subject of the
    sentence's last reaction, else a speaker after a quotation, else the author of a
    first-person statement."""
    text = reader.text
    said = quote_speaker(reader, position)
    if said is not None:  # '"Hezbollah will pay," X says' / 'X, who visited Y, says: "..."'
        return [m for m in said if m.principal not in exclude]
    for m in reversed(reader.mentions):
        if m.end > position or not agentive(m) or m.principal in exclude:
            continue
        if SPEECH_VERB.search(text[m.end : position]):
            return [g for g in coordinated(reader.mentions, m, text) if g.principal not in exclude]
    if reader.last_agents:
        return reader.last_agents
    for match in reversed(list(ANAPHORS.finditer(text, reader.sentence.start, position))):
        if match.lastgroup is None or not SPEECH_VERB.search(text[match.end() : position]):
            continue
        if match.lastgroup in ("it", "he", "they"):
            # "He said the drone had been launched by Russia": the sentence's subject
            if match.start() != reader.sentence.start or match.group().lower() not in (
                "he",
                "she",
                "it",
                "they",
            ):
                continue
            said_by = speaker_pronoun(reader, match.group(), match.start())
            if said_by:
                return [f for f in said_by if f.principal not in exclude]
            continue
        earlier = reader.earlier(match.start())
        found = resolve_anaphor(match.lastgroup, earlier, reader.analysis.registry)
        if found:
            return [f for f in found if f.principal not in exclude]
    after = [m for m in _speaker_after_position(reader, position) if m.principal not in exclude]
    if after:
        return after
    # a first-person statement's own assertion ("India has committed aggression"), or a
    # round-up paragraph under its country's heading
    author = statement_author(reader.analysis) or heading_actor(reader.analysis, reader.sentence)
    return [m for m in author if m.principal not in exclude]


def _speaker_after_position(reader: SentenceReader, position: int) -> list[Mention]:
    """The speaker named after ``position``: "Y bore responsibility, X said", "said X",
    "..., he said"."""
    text = reader.text
    for m in reader.mentions:
        if m.start < position or not agentive(m):
            continue
        after = text[m.end : m.end + 60]
        before = text[max(position, m.start - 20) : m.start]
        # "X said", "X's president said", "X's foreign ministry told reporters"
        if re.match(
            r"^(?:'s)?(?:\s+[\w-]+){0,3}?\s*(?:\w+ly\s+)?(?:said|says|told|added|wrote|stated)\b",
            after,
            re.I,
        ) or re.search(r"\b(?:said|says|according\s+to)\s+(?:the\s+)?$", before, re.I):
            return coordinated(reader.mentions, m, text)
    tail = re.search(
        r"[\"'],?\s+(he|she|it|they)\s+(?:said|added|told)",
        text[position : reader.sentence.end],
        re.I,
    )
    if tail is not None:
        return speaker_pronoun(reader, tail.group(1), position)
    return []


def _responsibility_target(reader: SentenceReader, trigger: Trigger) -> list[Mention]:
    """``X said Y bears responsibility``: Y, the subject of the embedded clause."""
    text = reader.text
    inside = [m for m in reader.mentions if trigger.start < m.start and m.end < trigger.end]
    if inside:  # "the strike was Russia's responsibility", "evidence of Turkish responsibility"
        return [m for m in inside if m.possessive or m.via == "demonym"][:1]
    # "NATO helicopters carried out": an attack's author named by its weapons is the subject
    subjects = [
        m for m in reader.mentions if m.end <= trigger.start and (agentive(m) or m.role == "weapon")
    ]
    if not subjects:
        return []
    m = subjects[-1]
    # 'had "unilaterally tried"': the marks of a partial quotation are no words
    gap = QUOTE_MARK.sub("", text[m.end : trigger.start])
    if not re.fullmatch(r"(?:'s)?\s*(?:,[^,;]{1,40},\s*)?(?:[\w-]+\s+){0,3}?", gap) or re.search(
        r"\b(?:who|which|that|whom)\b", gap
    ):
        return []
    if re.match(r"\s+(?:said|says|told|added|stated|insisted|claimed)\b", gap):
        return []  # "X said the Houthis bore responsibility": X speaks, the subject is after
    if m.prep in ("from", "of", "to", "with", "by", "in", "on", "at", "for", "against"):
        return []
    if not re.search(r"respons|blame|culpab|behind|right|all\s+over", trigger.text, re.I):
        # "X said Russian forces had fired": an attack attributed in reported speech,
        # not "the attacks Russia had carried out" (a relative clause) or "a NATO member"
        lead = text[max(reader.sentence.start, m.start - 40) : m.start]
        reported = re.search(
            r"(?:\b(?:said|says|say|believed|believes|concluded|assessed|alleged|claimed|charged|showed|shows|proved|proves|reports|"
            r"insisted|confirmed|stated|added|told(?:\s+(?:the\s+)?\w+)?|assessment\s+(?:was|is)|"
            r"evidence\s+(?:showed|shows|suggested|suggests)|clear|certain|sure|convinced)"
            r"(?:\s+that)?\s+|[:\"]\s*)(?:the\s+|any\s+)?$",
            lead,
        ) is not None or bool(
            # "Iran will pay a heavy price, the minister said": reported speech told after
            PAYS.match(trigger.text) and _speaker_after_position(reader, trigger.end)
        )
        if m.head in ("member", "members", "ally", "allies") or not reported:
            return []
    return coordinated(reader.mentions, m, text)


#: Accountability, unlike punishment: "held accountable", "held to account", "answer for".
_ACCOUNTABLE = re.compile(r"\baccount|\banswer", re.I)


def read_sanction(
    reader: SentenceReader, trigger: Trigger, events: list[EventDraft]
) -> list[ReactionDraft] | None:
    """``X said Y would pay a heavy price``: X threatens Y (None: not this construction);
    "the perpetrators would be held accountable" threatens the authors of the act in
    question, or no one the text names (then no reaction)."""
    text = reader.text
    if _PERPETRATORS.search(text, max(reader.sentence.start, trigger.start - 40), trigger.start):
        agents = _speaker_before(reader, trigger.start, set())
        event = event_for(reader, trigger, events)
        codes = [c for c in responsible(event) if c not in {a.principal for a in agents}]
        if not agents or is_negated(reader, trigger):
            return []
        if not codes:
            if event is None or responsible(event) or _ACCOUNTABLE.search(trigger.text):
                # "the perpetrators would be held accountable", aimed at no one named: a
                # promise of justice (guideline 4), not a threat
                return []
            # "those responsible would be crushed" after an act no state is said to have done:
            # a threat aimed at no one the text names
            return [make_draft(trigger, reader, a, None, False, event, None) for a in agents]
        return [
            make_draft(trigger, reader, a, None, False, event, code)
            for a in agents
            for code in codes
        ]
    targets = _responsibility_target(reader, trigger)
    if not targets:
        return None
    agents = _speaker_before(reader, targets[0].start, {t.principal for t in targets})
    if not agents or is_negated(reader, trigger):
        # who will pay is never who threatens: no speaker named, no reaction
        return []
    return drafts_between(reader, trigger, events, agents, targets)


def read_attribution(
    reader: SentenceReader, trigger: Trigger, events: list[EventDraft]
) -> list[ReactionDraft]:
    """``X said Y bears responsibility`` (resp) and ``an attack planned by Y`` (byresp)."""
    text = reader.text
    if trigger.rule.kind == "resp":
        targets = _responsibility_target(reader, trigger)
        anchor = targets[0].start if targets else trigger.start
        subject = _UNCODED_SUBJECT.search(
            text, max(reader.clause_start(trigger.start), trigger.start - 160), trigger.start
        )
        if not targets and subject is not None:
            # "said a local Islamist group was behind the attacks": no code
            return _uncoded(reader, trigger, events, subject.end())
    else:
        # "lies with the military-political leadership of Azerbaijan": whose leadership
        reach = _LEADERSHIP_OF.match(text, trigger.end)
        limit = trigger.end + (reach.end() - reach.start() if reach else 12)
        targets = [
            m for m in reader.mentions if trigger.end <= m.start <= limit and m.role != "place"
        ]
        targets = coordinated(reader.mentions, targets[0], text) if targets else []
        if not targets:
            targets = _described_culprit(reader, trigger)
        anchor = trigger.start
        if _UNCODED_AUTHOR.match(text, targets[0].start if targets else trigger.end):
            # "launched by Hezbollah", "fired by Palestinian Islamic Jihad": no code
            return _uncoded(reader, trigger, events, anchor)
    if not targets:
        return []
    if is_negated(reader, trigger) or re.search(
        r"\b(?:not|no|never|n't)\b", text[anchor : trigger.start]
    ):
        return []
    if _ACCIDENT.search(text, reader.sentence.start, reader.sentence.end):
        return []  # "no indication of an intentional attack ... launched by Ukraine's air defence"
    if _PRETENCE.search(text, max(reader.sentence.start, anchor - 60), anchor):
        return []  # "to make it look as though Ukrainian forces were responsible": a pretence
    agents = _speaker_before(reader, anchor, {t.principal for t in targets})
    if not agents:
        return []
    return drafts_between(reader, trigger, events, agents, targets)


def _described_culprit(reader: SentenceReader, trigger: Trigger) -> list[Mention]:
    """ "responsibility lay with the regime": the state a description after the trigger
    refers to, among the actors before the sentence (those of the sentence speak)."""
    opening = ANAPHORS.match(reader.text, trigger.end + 1)
    if opening is None or opening.lastgroup not in ("regime", "gov"):
        return []
    # "the regime" may have been named as rulers anywhere before; "the government" nearby
    lowest = 0 if opening.lastgroup == "regime" else None
    earlier = [m for m in reader.earlier(trigger.start, lowest) if m.end <= reader.sentence.start]
    return resolve_anaphor(opening.lastgroup, earlier, reader.analysis.registry)


#: The government of a state, before its name: "the military-political leadership of".
_LEADERSHIP_OF = re.compile(
    r"\s+(?:the\s+)?(?:[\w-]+\s+)?(?:leadership|government|regime|authorities|rulers|military|"
    r"army|forces|side|leaders)\s+of\s+(?:the\s+)?",
    re.I,
)
#: An armed group without a code opening the author of an act: "by the Houthis'", "by
#: Palestinian Islamic Jihad" (a demonym in its name is not the state's).
_UNCODED_AUTHOR = re.compile(
    rf"\s*(?:the\s+)?(?:[A-Z][\w-]+\s+)?(?:{ARMED_GROUP.pattern})"
    # "planned by the Haqqani network", "by the Jaime Martinez front": a group named
    r"|\s*(?:the\s+)?(?-i:[A-Z][\w'-]+\s+){1,3}(?:network|faction|front|movement|brigades?|"
    r"cartel|gang|clan)\b",
    re.I,
)


#: An armed group without a code as the subject of what someone said: "said a
#: little-known local Islamist group, National Thowheeth Jama'ath, was behind".
_UNCODED_SUBJECT = re.compile(
    r"\b(?:said|says|say|believed|believes|concluded|claimed|insisted|stated)\s+(?:that\s+)?"
    # "al-Shabaab said its fighters had carried out the attack": a group's own claim
    rf"(?:the\s+|an?\s+)?(?:(?!its\b|their\b|our\b|his\b|her\b)[\w'-]+\s+){{0,3}}?"
    rf"(?:{ARMED_GROUP.pattern})(?:,[^,;]{{1,60}},)?\s+$",
    re.I,
)


#: A condemnation whose object the act is ("condemned the massacre committed by ...").
_CONDEMNED = re.compile(r"\b(?:condemn|denounc|deplor|decr[iy])\w*", re.I)


def _uncoded(
    reader: SentenceReader, trigger: Trigger, events: list[EventDraft], anchor: int
) -> list[ReactionDraft]:
    """An act attributed to an armed group without a code: a blame aimed at no one
    (guideline 11), kept beside the speaker's blames of coded actors."""
    text = reader.text
    if (
        is_negated(reader, trigger)
        or _ACCIDENT.search(text, reader.sentence.start, reader.sentence.end)
        or _CONDEMNED.search(text, reader.clause_start(trigger.start), trigger.start)
    ):
        return []  # "condemned a massacre committed by the militia": the condemnation's
    agents = _speaker_before(reader, anchor, set())
    drafts = drafts_between(reader, trigger, events, agents, [None]) if agents else []
    for draft in drafts:
        draft.uncoded = True
    return drafts
