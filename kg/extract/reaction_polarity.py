"""Whether a reaction trigger says a reaction at all: negation, hypotheticals, requests
to someone else, descriptions, hedges, and what makes a warning a threat.

"did not blame", "stopped short of condemning", "rejected the accusations", "would have
condemned", "if", "urged the UN to condemn" give no reaction (:func:`is_negated`); nor
does a characterisation inside a description ("concerned about the brutal attacks") or of
a claim ("called the reports a provocation"), or a warning that names no consequences
(:func:`is_dismissed`). A warning is a threat when it names consequences ("would pay",
"retaliate", "a decisive response") or warns someone against something
(:func:`is_threat`); "allegedly", "reportedly", "claimed" hedge a reaction (:data:`HEDGE`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.reaction_clauses import PASSIVE_BEFORE
from kg.extract.uncoded import NAMED_GROUP
from kg.model import ReactionType

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.lexicon import Trigger
    from kg.extract.reaction_clauses import SentenceReader

__all__ = ["HEDGE", "REQUEST_TO", "is_dismissed", "is_negated", "is_threat"]

#: A negation, denial or refusal just before a trigger ("did not", "stopped short of").
_NEGATION = re.compile(
    r"(?:\b(?:not|never|no\s+longer|neither|nor|without|refus\w*\s+to|declin\w*\s+to|"
    r"stopp?\w*\s+short\s+of|fail\w*\s+to|avoid\w*|refrain\w*\s+from|reluctant\s+to|"
    r"den(?:y|ies|ied|ying)|reject\w*|dismiss\w*|rebuff\w*|no)\b|n't)"
    r"\s+(?:(?:\w+ly|to|be|been|have|has|had|it|any|the|an?|all|of|its|their|his|her|"
    r"explicitly|directly|publicly|openly|formally|yet|even|go|so\s+far\s+as\s+to|as\s+far\s+as\s+to)\s+){0,4}$"
    # "neither the UN Secretariat nor the OSCE had condemned": the actor named in between
    r"|\b(?:neither|nor)\s+(?:the\s+)?(?-i:[A-Z][\w.'-]*\s+){1,4}(?:(?:had|has|have|did|would|"
    r"could)\s+)?(?:\w+ly\s+)?$",
    re.I,
)
#: "denied reports that it had denounced", "denied that it had threatened": no reaction.
_DENIED_THAT = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|reject\w*|dismiss\w*)\s+(?:(?:media\s+|press\s+|the\s+)?"
    r"(?:reports?|claims?|suggestions?|allegations?|accounts?)\s+)?that\s+(?:[\w']+\s+){0,3}$",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:would\s+have|could\s+have|might\s+have|should\s+have|if|unless|whether|had\s+the|"
    r"had\s+it|were\s+it)\b",
    re.I,
)
#: A request to someone else to react ("urged the UN to").
REQUEST_TO = re.compile(
    r"\b(?:urg\w+|call\w*\s+on|call\w*\s+upon|ask\w*|press\w*|want\w*|expect\w*|"
    r"encourag\w+|invit\w+|demand\w*|appeal\w*\s+to|plead\w*\s+with)\b[^.;]{0,60}?\bto\s+"
    r"(?:\w+ly\s+)?$",
    re.I,
)
#: Words that hedge what a clause says ("allegedly", "reportedly", "claimed").
HEDGE = re.compile(
    r"\b(?:allegedly|reportedly|purportedly|apparently|claimed|claiming|suggest\w*|"
    r"insinuat\w*|is\s+said\s+to|was\s+said\s+to|according\s+to\s+(?:unconfirmed|unverified)|"
    r"unconfirmed|believed\s+to|pretty\s+clear|likely|probably)\b",
    re.I,
)
#: Consequences a warning names ("would pay", "retaliation", "a decisive response").
_THREAT_CUE = re.compile(
    r"\b(?:unavenged|unpunished|retaliat\w*|respon(?:d|se)|consequences|revenge|pay|"
    r"punish\w*|retribution|strike\s+back|hit\s+back|decisive|harsh|severe|robust|"
    r"force|military\s+action|avenge|will\s+be\s+met|would\s+be\s+met|countermeasures|"
    r"(?:resolute|firm|necessary|strong|tough)\s+(?:measures|action|steps)|price|"
    r"(?:future|further|new)\s+(?:attacks|strikes)\s+would|unbearable|everlasting|wipe\s+out|"
    r"merciless|ruthless|relentless|(?:will|would)\s+resume|"
    r"continue\s+(?:\w+\s+){0,2}(?:strikes|attacks|bombardments?|shelling)|"
    r"test\s+\w+(?:'s)?\s+patience|will\s+not\s+tolerate|would\s+not\s+tolerate|"
    # "warned Minsk of further sanctions": penalties foretold
    r"(?:further|new|more|tougher|additional|fresh)\s+(?:sanctions|penalties|measures))\b",
    re.I,
)


def is_negated(reader: SentenceReader, trigger: Trigger) -> bool:
    """Whether the trigger is negated, hypothetical or asked of someone else; for a call
    for a ceasefire, rejected ("rejected the ceasefire")."""
    text = reader.text
    start = max(reader.clause_start(trigger.start), trigger.start - 300)
    before = text[start : trigger.start]
    if _NEGATION.search(before[-150:]) or _DENIED_THAT.search(before[-150:]):
        return True
    if trigger.type is not ReactionType.THREATENS and _HYPOTHETICAL.search(before):
        return True
    first = trigger.text.split()[0].lower()
    if trigger.type is not ReactionType.CEASEFIRE and REQUEST_TO.search(
        before + ("to " if first == "to" else "")
    ):
        return True
    return bool(
        trigger.type is ReactionType.CEASEFIRE
        and re.search(r"\breject\w*\s+(?:the\s+)?$", before, re.I)
    )


def is_threat(reader: SentenceReader, trigger: Trigger) -> bool:
    """Whether a threat trigger (a verb: "warned") is a threat: it names consequences, or
    warns someone against something."""
    if trigger.rule.kind != "verb":
        return True
    if trigger.text.lower().startswith("threatening") and re.search(
        r"\b(?:individuals|people|men|insurgents|militants|fighters|gunmen|groups?|those|anyone|"
        r"targets?|elements)\s+$",
        reader.text[max(0, trigger.start - 20) : trigger.start],
    ):
        return False  # "a strike against individuals threatening the force": who they hit
    if trigger.text.lower().startswith("threat") and any(
        trigger.end < m.start <= trigger.end + 6 for m in reader.mentions
    ):
        return True  # "threatened Seoul with ..."
    if trigger.text.lower().startswith("threat") and re.match(
        r"\s+(?:to\s+[a-z]|that\b)", reader.text[trigger.end : trigger.end + 12]
    ):
        return True  # "threatened to destroy its air defences": a threat stated outright
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
    # "warned the EU that if it did so, Turkey would open the gates": a warning to someone
    # of what the warner would do
    if (
        named
        and re.fullmatch(r"\s*(?:the\s+)?", reader.text[trigger.end : named[0].start])
        and re.match(
            r"[^.;]{0,20}?\s+that\b[^.;]{0,120}?\b(?:would|will)\s+(?!not\b|be\b)",
            reader.text[named[0].end : reader.sentence.end],
        )
    ):
        return True
    # '"..., Russia's responses will be harsh," he warned': the warning before the verb
    if re.match(r"\s*[.,;]?\s*$", after[:3]) or re.match(r"\s*\.", after):
        before = reader.text[reader.sentence.start : trigger.start]
        return bool(_THREAT_CUE.search(before))
    return False


#: A characterisation's sentence reports no one's speech without one of these.
_SPEECH = re.compile(
    r"\b(?:said|says|say|saying|stated|declared|added|wrote|tweeted|told|warned|insisted|argued|"
    r"called|calling|calls|described|describing|describes|branded|branding|termed|terming|"
    r"labelled|labeled|labelling|dubbed|regarded|regards|characteri[sz]ed|denounced|condemned|"
    r"accused|accusing|statement|considered|deemed|posted|wrote|according\s+to)\b",
    re.I,
)


#: A statement still in the making: "a statement condemning X was being drafted".
_UNRELEASED = re.compile(
    r"\b(?:was|were|is|are)\s+(?:still\s+)?being\s+(?:prepared|drafted|negotiated|discussed|"
    r"finali[sz]ed|circulated)\b|\b(?:had|has|have)\s+not\s+(?:yet\s+)?been\s+(?:released|"
    r"issued|published|adopted|agreed)\b",
    re.I,
)
#: What a draft, a proposal or a rival text would say: "circulated a draft resolution
#: condemning", "blocked a draft press statement condemning": no one's reaction yet.
_DRAFT_WORDS = re.compile(
    r"\b(?:draft|proposed|rival)\s+(?:[\w-]+\s+){0,2}(?:resolution|statement|text|declaration)"
    r"\s+(?:that\s+(?:would\s+have\s+)?)?$",
    re.I,
)
#: Support called into question: "review its support for", "suspend its backing of".
_WITHDRAWN_SUPPORT = re.compile(
    r"\b(?:review\w*|reconsider\w*|suspend\w*|cut\w*|end\w*|halt\w*|withdr[ae]w\w*|"
    r"reduc\w+|scal\w+\s+back|pull\w*|freez\w+|stop|stops|stopped|cease|ceased)\s+"
    r"(?:(?:its|their|his|her|all|the)\s+)?$",
    re.I,
)
#: What someone is accused of: "accused Egypt of backing the rebels" is no support.
_ACCUSED_OF = re.compile(
    r"\b(?:accus\w+|suspect\w*|charg\w+)\s+(?:[\w'-]+\s+){0,6}?of\s+(?:\w+ly\s+)?$", re.I
)
#: A named armed group just before a characterisation: "Hamas terrorists".
_GROUP_LABEL = re.compile(rf"(?:{NAMED_GROUP.pattern})\s+$", re.I)
#: A support that is the object of a condemnation: "condemned the Rwanda Defence Force's
#: support for the M23", "denounced Iran's backing of the rebels": the charge.
_CONDEMNED_SUPPORT = re.compile(
    r"\b(?:condemn\w*|denounc\w+|deplor\w+|criticis\w+|criticiz\w+|decr[iy]\w*)\s+"
    r"(?:[\w'-]+\s+){0,6}?(?:[\w-]+(?:'s?)\s+)(?:[\w-]+\s+){0,2}?$",
    re.I,
)
#: Things, not actors, before a verb of support: "facilities supporting", "sites that supported".
_SUPPORTING_THINGS = re.compile(
    r"\b(?:facilities|sites|infrastructure|enterprises|plants|factories|companies|firms|"
    r"networks|depots|targets|installations|objects)\s+(?:that\s+|which\s+)?$",
    re.I,
)
_STATEMENT = re.compile(r"\b(?:statement|draft|text|declaration|communiqu[eé])\b", re.I)


def is_dismissed(reader: SentenceReader, trigger: Trigger) -> bool:
    """Whether a trigger gives no reaction whoever says it: a characterisation that is no
    verdict (:func:`_no_verdict`), a warning that is no threat, a statement not yet
    released (guideline 13), or "the militant groups it blames for the killing", whose
    object went before."""
    if trigger.rule.kind == "quote" and _no_verdict(reader, trigger):
        return True
    if trigger.rule.kind == "quote" and _GROUP_LABEL.search(
        reader.text, max(reader.sentence.start, trigger.start - 40), trigger.start
    ):
        return True  # "the attacks by Hamas terrorists": what the group is called, no verdict
    sentence = reader.sentence
    if _STATEMENT.search(reader.text, sentence.start, trigger.start) and _UNRELEASED.search(
        reader.text, trigger.end, sentence.end
    ):
        return True  # "a statement condemning the strike was being prepared": none yet
    if trigger.type is ReactionType.SUPPORTS and _ACCUSED_OF.search(
        reader.text, max(sentence.start, trigger.start - 80), trigger.start
    ):
        return True  # "which Ethiopian officials accused of backing the rebels": the charge
    if (
        trigger.type is ReactionType.SUPPORTS
        and trigger.rule.kind == "noun"
        and _CONDEMNED_SUPPORT.search(
            reader.text, max(sentence.start, trigger.start - 90), trigger.start
        )
    ):
        return True  # "condemned the Rwanda Defence Force's support for the M23": the charge
    if trigger.type is ReactionType.SUPPORTS and any(
        pattern.search(reader.text, max(sentence.start, trigger.start - 40), trigger.start)
        for pattern in (_SUPPORTING_THINGS, _WITHDRAWN_SUPPORT)
    ):
        # "energy facilities supporting Ukraine's military industry": what they do; "would
        # review its support for the coalition": support in question
        return True
    if _DRAFT_WORDS.search(reader.text, max(sentence.start, trigger.start - 50), trigger.start):
        return True  # "blocked a draft press statement condemning": the draft's words
    if trigger.type is ReactionType.THREATENS and not is_threat(reader, trigger):
        return True
    if trigger.rule.kind == "noun" and (
        re.match(
            r"\s+(?:from\s+)?(?:around|across|all\s+over)\s+the\s+(?:world|globe)\b",
            reader.text[trigger.end : trigger.end + 40],
        )
        or re.search(
            r"\b(?:international|widespread|global|worldwide|universal)\s+$",
            reader.text[max(0, trigger.start - 20) : trigger.start],
            re.I,
        )
    ):
        return True  # "drew condemnation from around the world": no one's in particular
    return bool(
        trigger.rule.kind == "verb"
        and trigger.type is ReactionType.BLAMES
        and re.match(r"\s+(?:for|over)\b", reader.text[trigger.end : trigger.end + 6])
        and not PASSIVE_BEFORE.search(reader.text[max(0, trigger.start - 30) : trigger.start])
    )


#: A quotation attributed after a dash: '"Horrific and cowardly." — President Obama' (the
#: text is normalised: straight quotes, a long dash made "-").
_ATTRIBUTED = re.compile(r'[^"\n]*"[.,]?\s*(?:-{1,2}|[\u2014\u2013])\s*\S')


#: A word named rather than used: "the word genocide", "terms such as ethnic cleansing".
_WORD_MENTIONED = re.compile(
    r"\b(?:word|words|term|terms|label|labels|phrase|expression)\s+(?:such\s+as\s+|like\s+)?"
    r"(?:\w+\s+(?:or|and)\s+)?[\"']?$",
    re.I,
)


#: What, told just before a characterisation in its sentence, makes it no verdict on an act.
_NOT_A_VERDICT_BEFORE = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        # "concerned about the brutal attacks": a description, not a verdict; "agreed to
        # consult on an appropriate response": one to come ("examples of a blatant
        # disregard" is a verdict)
        r"\b(?:about|over|at|of|on|for|against|from|with|into|after|by|amid|following)\s+"
        r"(?:the|these|those|this|such|its|their)\s+(?:\w+ly\s+)?$"
        r"|\b(?:on|for|towards?|into)\s+an?\s+(?:\w+ly\s+)?$",
        # "would implement countermeasures that are proportionate": one's own, to come
        r"\b(?:will|would|shall)\s+(?:[\w-]+\s+){0,6}?(?:countermeasures|counter-measures|"
        r"measures|response|steps|action|retaliation)\s+(?:that\s+(?:are|is|will\s+be|would\s+be)"
        r"\s+|(?:are|is|will\s+be|would\s+be)\s+)?[\"']?$",
        # "would retaliate against any provocation": no act in question
        r"\b(?:any|further|future|possible|potential|new)\s+$",
        # "could not condemn Iran's heinous attack": the verb's reaction, or none
        r"\b(?:condemn\w*|denounc\w*|deplor\w*|decr(?:y|ies|ied|ying))\s+(?:[\w'-]+\s+){0,2}$",
        # "an attribution that Kigali dismissed as absurd": a claim rejected
        r"\b(?:dismiss\w*|reject\w*|rebuff\w*)\s+(?:[\w'-]+\s+){0,3}?as\s+(?:an?\s+)?(?:\w+\s+)?$",
        # "which Ankara regards as terrorists", "last month's massacre"
        r"\b(?:regards|considers|views|deems)\s+(?:[\w'-]+\s+){0,3}?as\s+(?:an?\s+)?(?:\w+\s+)?$"
        r"|\b(?:last|this|the\s+previous)\s+(?:week|month|year)'s\s+(?:\w+\s+)?$",
        # "called the reports a provocation": a rejection of claims, not of an act
        r"\b(?:called|described|dismissed|branded|termed|labell?ed)\s+(?:the|these|those|such|"
        r"its|their|his|her)\s+(?:\w+\s+)?(?:reports?|claims?|accusations?|allegations?|"
        r"statements?|remarks|comments|version|account|charges?|denials?)\s+(?:as\s+)?(?:an?\s+)?"
        r"(?:\w+\s+){0,2}$",
    )
)


def _no_verdict(reader: SentenceReader, trigger: Trigger) -> bool:
    """Whether a characterisation ("barbaric", "a provocation") is no one's verdict on an
    act: its sentence reports no speech, or it describes, looks ahead, judges an action or
    rejects claims."""
    sentence = reader.sentence
    said = reader.text[sentence.start : sentence.end]
    if (
        not _SPEECH.search(said)
        and not _ATTRIBUTED.match(
            reader.text, trigger.end, min(len(reader.text), trigger.end + 400)
        )
        and not re.search(r':\s*"', said)  # 'The minister was blunt: "..."'
    ):
        return True
    if _WORD_MENTIONED.search(reader.text, max(sentence.start, trigger.start - 40), trigger.start):
        return True  # "without using the word genocide": a word named, not a verdict
    said_before = reader.text[sentence.start : trigger.start]
    if any(pattern.search(said_before) for pattern in _NOT_A_VERDICT_BEFORE):
        return True
    if re.match(
        r"\s+to\s+(?!target|attack|strike|kill|bomb|shell|fire|shoot|hit)\w+",
        reader.text[trigger.end : trigger.end + 30],
    ):
        return True  # "it was irresponsible to assign blame": a view on an action, no verdict
    before = reader.text[max(sentence.start, trigger.start - 40) : trigger.start]
    if re.search(
        r"\b(?:war|fight|struggle|campaign|battle|operations?|crackdown)\s+(?:against|on)\s+"
        r"(?:the\s+)?(?:international\s+|global\s+)?$",
        before,
        re.I,
    ):
        return True  # "a turning point in the war against terrorism": no verdict on an act
    if re.search(r"\b(?:blam\w+|accus\w+)\s+(?:the\s+)?$", before, re.I):
        return True  # "blamed terrorist hordes": whom it blames, named, not a second verdict
    # "no Pakistani troops had crossed the line": soldiers moving, no verdict
    return trigger.text.lower().startswith("crossed") and bool(
        re.search(r"\b(?:troops|soldiers|forces|army|units?)\s+(?:\w+\s+){0,2}$", before, re.I)
    )
