"""Who reacts: the agent of a reaction trigger.

The subject of the verb ("Moscow condemned", a list "Britain and France condemned"), of
the reporting verb of a characterisation ("X called the attack an act of terror", "X said
the strike was a war crime"), the "by" phrase of a passive ("was condemned in the
strongest terms by Moscow"), the owner or the "from" phrase of a nominal reaction
("Germany's solidarity", "condemnation poured in from Paris and Rome"), the subject of the
main verb for a participle, an infinitive or a coordinated verb ("..., accusing them of",
"joined others in condemning", "and called for"), a resolved anaphor ("it", "the
ministry", "In Paris, the foreign ministry"), or the speaker of reported speech ("'...
barbaric act,' Zelensky said"). The dependency parse's subject
(:func:`kg.extract.subjects.parsed_subject`) is asked first.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract.anaphors import ANAPHORS, resolve_anaphor
from kg.extract.heads import AGENT_HEADS, MEMBER_HEADS
from kg.extract.quotes import quote_spans, speaker_after, speaker_before
from kg.extract.reaction_clauses import (
    PASSIVE_BEFORE,
    PREPOSITIONS,
    REPORTING,
    SUBJECT_GAP,
    SentenceReader,
    agentive,
    coordinated,
)
from kg.extract.reaction_polarity import REQUEST_TO
from kg.extract.speakers import FIRST_PERSON, heading_actor, statement_author
from kg.extract.subjects import is_object, parsed_subject, subject_is_unnamed
from kg.model import ActorKind

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.lexicon import Trigger
    from kg.extract.mentions import Mention
    from kg.extract.sentences import Sentence

__all__ = [
    "clause_subject",
    "find_agents",
    "paragraph_quotes",
    "quote_speaker",
    "speaker_pronoun",
]

#: The "by" of a passive within a few words: "was condemned in the strongest terms by".
_BY_AFTER = re.compile(r"^\s*(?:[\w'\"-]+,?\s+){0,7}?by\s+", re.I)
#: A passive reporting verb before a characterisation: "was described as ... by X".
_PASSIVE_REPORT = re.compile(
    r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?(?:described|called|branded|termed|"
    r"labell?ed|dubbed|denounced|condemned|decried|critici[sz]ed|slammed|deplored|regarded|"
    r"seen|viewed|considered|deemed|greeted|met|welcomed|hailed|praised|rejected)\b[^.;]*$",
    re.I,
)
#: Words of a title or an office ("foreign minister", "national security adviser").
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
#: A participle, which after a noun in a prepositional phrase modifies that phrase.
_PARTICIPLE = re.compile(r"[a-z]+ing\b")
#: An open relative clause in commas before a mention: ", who cut short a visit to".
_RELATIVE_ASIDE = re.compile(r",\s+(?:who|whose|which)\b[^,;]*$")
#: A relative clause in commas between a subject and its verb.
_CLOSED_ASIDE = re.compile(r"(?P<pre>[^,;]*?),\s+(?:who|whose|which)\b[^;]*?,(?P<post>[^,;]*)")
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


#: "blamed on" with no object between: the passive participle ("strikes blamed on Iran").
_BLAMED_ON = re.compile(
    r"\s+on\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)


_ACT_BEFORE = re.compile(
    r"\b(?:attacks?|strikes?|airstrikes?|raids?|shelling|bombings?|blasts?|explosions?|"
    r"killings?|massacres?|fire|incidents?|deaths|violence|incursions?|sabotage|hacks?|"
    r"cyberattacks?|fires|shootings?|ambush(?:es)?)\s+(?:\w+ly\s+)?$",
    re.I,
)


def find_agents(reader: SentenceReader, trigger: Trigger) -> tuple[list[Mention], bool]:
    """The agents of a trigger and whether the construction is passive; when the sentence
    names none, the country a round-up's heading puts the paragraph under ("France", then
    "The foreign ministry condemned the attack")."""
    agents, passive = _named_agents(reader, trigger)
    if not agents:
        return heading_actor(reader.analysis, reader.sentence), passive
    return agents + _joined(reader, trigger, agents), passive


#: "X joined Y in condemning": Y did it too.
_JOINED = re.compile(r"\bjoin(?:ed|s|ing)?\s+(?P<who>[^.;:\"]{1,90}?)\s+in\s+(?:\w+ly\s+)?$", re.I)


def _joined(reader: SentenceReader, trigger: Trigger, agents: list[Mention]) -> list[Mention]:
    """The actors an agent "joined in" the reaction ("Britain joined France and Germany in
    condemning the attack"): agents too."""
    match = _JOINED.search(
        reader.text, max(reader.sentence.start, trigger.start - 120), trigger.start
    )
    if match is None:
        return []
    have = {a.principal for a in agents}
    found = []
    for m in reader.mentions:
        if (
            match.start("who") <= m.start
            and m.end <= match.end("who")
            and agentive(m)
            and m.head not in MEMBER_HEADS
            and m.principal not in have
        ):
            have.add(m.principal)
            found.append(m)
    return found


def _named_agents(reader: SentenceReader, trigger: Trigger) -> tuple[list[Mention], bool]:
    """The agents the text names for a trigger.

    A trigger inside a quotation is its speaker's (:func:`_quote_speaker`); a mention
    inside a quotation that does not hold the trigger is no candidate: it is what someone
    says, not who acts ('"Russia's response is unacceptable," he said, and called on ...').
    """
    quotes = paragraph_quotes(reader.analysis, reader.sentence)
    own = next((q for q in quotes if q[0] < trigger.start < q[1]), None)
    if own is not None:
        speaker = _quote_speaker(reader, own)
        if speaker == [] and trigger.rule.kind == "verb":
            # '"The United States strongly condemns today's attack," a spokesman said': the
            # quotation's own subject, when its speaker is no known actor
            inside = _agents_among(
                reader, trigger, [m for m in reader.mentions if own[0] <= m.start < own[1]]
            )
            if inside[0]:
                return inside
        if speaker is not None:
            return speaker, False
    if own is None and _says_we(reader, trigger):
        author = statement_author(reader.analysis)
        if author:
            return author, False
    outside = [
        m for m in reader.mentions if not any(a <= m.start < b for a, b in quotes if (a, b) != own)
    ]
    return _agents_among(reader, trigger, outside)


def _agents_among(
    reader: SentenceReader, trigger: Trigger, mentions: list[Mention]
) -> tuple[list[Mention], bool]:
    """The agents of a trigger when the sentence's candidates are only ``mentions``."""
    saved = reader.mentions
    reader.mentions = mentions
    try:
        return _find_agents(reader, trigger)
    finally:
        reader.mentions = saved


def _says_we(reader: SentenceReader, trigger: Trigger) -> bool:
    """Whether "we" is the subject of the trigger's clause: it opens the clause ("We call
    upon the world ... to take note of India's irresponsible policy") or stands just before
    the trigger ("and we will ensure")."""
    text = reader.text
    start = reader.clause_start(trigger.start)
    before = text[start : trigger.start]
    return bool(
        re.match(r"\s*(?:And\s+|But\s+)?[Ww]e\b", before)
        # "I condemn in the strongest terms": a leader's own statement speaks for the state
        # (not "I spoke with Helen Clark, who has offered": the relative clause's own)
        or (
            re.match(r"\s*(?:And\s+|But\s+)?I\b(?!')", before)
            and not re.search(r"\b(?:who|which|whom|whose)\b", before)
        )
        or FIRST_PERSON.search(text, start, trigger.start)
    )


def _possessor_inside(reader: SentenceReader, trigger: Trigger) -> list[Mention]:
    """ "travelled to Kyiv to show Italy's solidarity with Ukraine": the state whose
    reaction a phrase names with a possessive just before its noun speaks."""
    if trigger.rule.kind != "phrase":
        return []
    last = trigger.text.split()[-1].lower()
    if last not in ("solidarity", "support", "backing", "sympathy", "condolences", "condemnation"):
        return []
    return [
        m
        for m in reader.mentions
        if trigger.start < m.start
        and m.possessive
        and re.fullmatch(r"'s?\s+(?:[\w-]+\s+)?", reader.text[m.end : trigger.end - len(last)])
    ][:1]


def _find_agents(reader: SentenceReader, trigger: Trigger) -> tuple[list[Mention], bool]:
    """The agents of a trigger outside quotations, or inside one that names no speaker."""
    text = reader.text
    start = reader.clause_start(trigger.start)
    kind = trigger.rule.kind
    reader.agent_from = False
    before = text[max(reader.sentence.start, trigger.start - 30) : trigger.start]
    if (
        kind == "verb"
        and (
            PASSIVE_BEFORE.search(before)
            # "terrorists backed by Russia": a past participle whose agent follows "by"
            or (
                trigger.text.endswith("ed")
                and re.match(r"\s+by\s", text[trigger.end : trigger.end + 5])
            )
        )
    ):
        return _passive_agents(reader, trigger), True
    if (
        kind in ("verb", "phrase")
        and trigger.text.lower().startswith("blamed")
        and _BLAMED_ON.match(text, trigger.start + len("blamed"))
        # the act right before it ("strikes blamed on"), not a subject ("which he blamed on")
        and _ACT_BEFORE.search(text, max(0, trigger.start - 40), trigger.start)
    ):
        # "after air strikes blamed on the alliance hit": no object, so a passive without
        # its auxiliary; not the blame of the sentence's subject, only of whoever "by" names
        return _passive_agents(reader, trigger), True
    owner = _possessor_inside(reader, trigger)
    if owner:
        return owner, False
    # "X said Y was ... and called the bombing a war crime": X, whom the parse finds
    reporter = [
        m
        for m in parsed_subject(
            reader.analysis, reader.sentence, trigger.start, through_report=True
        )
        if agentive(m) and m in reader.mentions
    ]
    if reporter:
        return coordinated(reader.mentions, reporter[0], text), False
    # "was described as sickening ... by X", "was called a war crime by X"
    if kind in ("quote", "noun", "phrase") and _PASSIVE_REPORT.search(text[start : trigger.start]):
        found = _passive_agents(reader, trigger)
        if found:
            return found, True
    nominal = _nominal_agents(reader, trigger)
    if nominal and nominal[0].start > trigger.end:
        # "messages of solidarity came from neighbouring Lithuania": the object of "from"
        # is the agent, whatever the parse makes of the clause
        return nominal, False
    active = (
        _opening_participle(reader, trigger)
        or _passive_by(reader, trigger)
        or nominal
        or _carried_over(reader, trigger, start)
        or _subject_of_clause(reader, trigger, start)
        or _subject_of_verb(reader, trigger, start)
        or _participle_subject(reader, trigger)
        or _speaker_after(reader, trigger)
        or _according_to(reader, trigger)
        or _opening_anaphor(reader, trigger)
    )
    if active and is_object(reader.analysis, reader.sentence, active[0]):
        # "Blinken called Aliyev and urged him to": the object of the verb before is no
        # subject; the parse says whose the coordinated verb is
        parsed = [
            m
            for m in parsed_subject(reader.analysis, reader.sentence, trigger.start)
            if agentive(m) and m in reader.mentions
        ]
        if parsed:
            return coordinated(reader.mentions, parsed[0], text), False
        if subject_is_unnamed(reader.analysis, reader.sentence, trigger.start):
            # "The foreign ministry summoned the Russian ambassador and lodged a protest":
            # the ministry the sentence opens with, of the state told before, or no one
            opening = _opening_description(reader)
            return (_referent_of(reader, opening) if opening else []), False
    return active, False


def paragraph_quotes(analysis: Analysis, sentence: Sentence) -> list[tuple[int, int]]:
    """The quotations of the sentence's paragraph (one may run over several sentences),
    found once per paragraph."""
    found = analysis.paragraph_quotes.get(sentence.paragraph)
    if found is None:
        start = analysis.paragraph_starts.get(sentence.paragraph, sentence.start)
        end = analysis.paragraph_starts.get(sentence.paragraph + 1, len(analysis.text))
        found = analysis.paragraph_quotes[sentence.paragraph] = quote_spans(
            analysis.text, start, end
        )
    return found


def quote_speaker(reader: SentenceReader, position: int) -> list[Mention] | None:
    """The speaker of the quotation holding ``position`` (see :func:`_quote_speaker`);
    None when ``position`` is in no quotation or the text does not say who speaks it."""
    quotes = paragraph_quotes(reader.analysis, reader.sentence)
    own = next((q for q in quotes if q[0] < position < q[1]), None)
    return None if own is None else _quote_speaker(reader, own)


def _quote_speaker(reader: SentenceReader, quote: tuple[int, int]) -> list[Mention] | None:
    """Who speaks a quotation: the actor named after it ('"...," the ministry said', '"...,"
    he said') or before it ('X said: "..."'); empty when the speaker is no known actor
    ("a senior official", a pronoun for an unknown person); None when the text does not
    say (a phrase in quotation marks)."""
    analysis, text = reader.analysis, reader.text
    opening, close = quote
    closing = analysis.sentence_at(close - 1)
    if closing is not None:
        # the attribution may be a sentence of its own: '"..." -- the foreign ministry of X'
        end = analysis.paragraph_starts.get(closing.paragraph + 1, len(text))
        named = speaker_after(text, close, end)
        if named is not None:
            found = [m for m in analysis.mentions_in(named.start, named.end) if agentive(m)]
            if found:
                return coordinated(analysis.mentions_in(named.start, named.end), found[0], text)
            pronoun = re.match(r"(he|she|it|they|its|their)\b", text[named.start : named.end], re.I)
            if pronoun is None:
                return []
            # '"...", its prime minister said': the state's own official speaks for it
            word = {"its": "it", "their": "they"}.get(pronoun.group(1).lower(), pronoun.group(1))
            return speaker_pronoun(reader, word, opening)
    opened = analysis.sentence_at(opening)
    if opened is None:
        return None
    verb = speaker_before(text, max(opened.start, opening - 200), opening)
    before = reader if opened == reader.sentence else SentenceReader(analysis, opened)
    if verb is None:
        # 'The Norwegian foreign minister was blunt: "..."': speech introduced by a colon
        # is its clause's subject's, when that subject is an actor
        colon = re.search(r":\s*$", text[opened.start : opening])
        if colon is None:
            return _named_next(reader, close)
        at = opened.start + colon.start()
        start = before.clause_start(at)
        first = next(
            (
                m
                for m in before.mentions
                if start <= m.start and m.end <= at and agentive(m) and m.prep not in PREPOSITIONS
            ),
            None,
        )
        return None if first is None else coordinated(before.mentions, first, text)
    return _subject_before(before, verb, before.clause_start(verb))


#: The sentence after a quotation that says whose it was: "The words came from Nigeria's
#: president", "The warning came from the chief of staff of Jordan's armed forces".
_WORDS_CAME_FROM = re.compile(
    r"\s*(?:The|These|Those|That|This|Her|His|Its|Their)\s+(?:words|remarks|warning|comments?|"
    r"statement|message|appeal|condemnation|pledge|vow|call)\s+(?:came|were|was|belonged)\s+"
    r"(?:from|to|those\s+of|that\s+of|of)\s+",
)


def _named_next(reader: SentenceReader, close: int) -> list[Mention] | None:
    """The speaker of a quotation no verb introduces, named by the sentence after it ("The
    words came from Nigeria's president"); None when that sentence does not say."""
    analysis, text = reader.analysis, reader.text
    after = analysis.sentence_at(close + 1)
    if after is None or after.start < close:
        after = next((s for s in analysis.sentences if s.start >= close), None)
    if after is None or _WORDS_CAME_FROM.match(text, after.start) is None:
        return None
    found = [m for m in analysis.mentions_in(after.start, after.end) if agentive(m)]
    return found[:1]


def speaker_pronoun(reader: SentenceReader, pronoun: str, position: int) -> list[Mention]:
    """Whom a pronoun naming a speaker ("he said", "it said in a statement") refers to:
    the nearest subject before ``position`` in the paragraph that can be it (a person for
    "he" and "she"), never an object ("had told Mr Netanyahu") or a mention inside a
    quotation, which the speaker talked about."""
    kind = {"he": "he", "she": "he", "it": "it", "they": "they"}[pronoun.lower()]
    earlier = reader.earlier(position)
    if earlier:
        sentence = reader.analysis.sentence_at(earlier[0].start)
        quotes = paragraph_quotes(reader.analysis, sentence) if sentence else []
        if sentence is not None and sentence.paragraph != reader.sentence.paragraph:
            quotes += paragraph_quotes(reader.analysis, reader.sentence)
        earlier = [
            m
            for m in earlier
            if not reader.not_subject(m) and not any(a <= m.start < b for a, b in quotes)
        ]
    return resolve_anaphor(kind, earlier, reader.analysis.registry, reader.analysis.home)


def _carried_over(reader: SentenceReader, trigger: Trigger, start: int) -> list[Mention]:
    """The agents of the sentence's last reaction when this trigger goes on with it: a
    participle or a coordinated verb ("..., accusing them of", "and called for"), or a
    characterisation no new subject says ("condemned the attack as a war crime")."""
    text = reader.text
    if not reader.last_agents:
        return []
    # "..., accusing them of", "and called for": the subject of the main verb
    if re.search(
        r"(?:,\s*|\band\s+(?:to\s+)?(?:\w+ly\s+)?|\bthen\s+)$",
        text[start : trigger.start],
    ) and (
        trigger.text.lower().split()[0].endswith("ing")
        or re.search(r"\band\s+(?:to\s+)?(?:\w+ly\s+)?$", text[start : trigger.start])
    ):
        return reader.last_agents
    # "did not condemn the strike but called for restraint": a verb after "but" with no
    # subject of its own
    if not text[start : trigger.start].strip() and re.search(
        r"\bbut\s+(?:\w+ly\s+)?$", text[max(reader.sentence.start, start - 12) : start]
    ):
        return reader.last_agents
    if (
        trigger.rule.kind == "quote"
        and not any(
            agentive(m) and reader.last_end <= m.start < trigger.start for m in reader.mentions
        )
        and not REPORTING.search(text[reader.last_end : trigger.start])
    ):
        return reader.last_agents  # "condemned the attack as a war crime"
    return []


def _subject_of_clause(reader: SentenceReader, trigger: Trigger, start: int) -> list[Mention]:
    """The subject of the clause, for a participle after a comma ("Kuleba was blunter
    still, calling Putin a terrorist") or a verb after "in", "by" or "to" ("Romania joined
    others in condemning", "Blinken called Aliyev to urge")."""
    text = reader.text
    if trigger.rule.kind == "quote":
        participle = list(
            re.finditer(
                r",\s*(?:\w+ly\s+)?(?:calling|describing|branding|labell?ing|terming|saying|"
                r"accusing|dubbing)\b",
                text[start : trigger.start],
            )
        )
        if participle:
            subject = clause_subject(reader, start, start + participle[-1].start())
            if subject:
                return subject
    if re.search(
        r"(?:\b(?:in|by)\s+|\bto\s+(?:\w+ly\s+)?)$", text[start : trigger.start]
    ) and not REQUEST_TO.search(text[start : trigger.start]):
        return clause_subject(reader, start, trigger.start)
    return []


def _subject_of_verb(reader: SentenceReader, trigger: Trigger, start: int) -> list[Mention]:
    """The subject of the trigger's verb, or of the reporting verb whose speech the
    trigger is: a characterisation is someone's ("X called the attack barbaric")."""
    text = reader.text
    kind = trigger.rule.kind
    anchors = [trigger.start]
    if kind in ("quote", "noun", "phrase"):
        reporting = [
            m.start() for m in REPORTING.finditer(text, start, trigger.start) if m.start() > start
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
        found = _subject_before(reader, anchor, start)
        if found:
            return found
    return []


#: A noun reaction made the subject of a passive: "solidarity with Burundi was expressed
#: by", "an immediate ceasefire was demanded by", "a package of aid was pledged by".
_NOUN_PASSIVE_BY = re.compile(
    r"[^.;]{0,80}?\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?"
    r"(?:expressed|voiced|issued|demanded|pledged|offered|made|announced|conveyed|extended|"
    r"sent|given|echoed|urged|reiterated|delivered|declared|called\s+for)\s+"
    r"(?:[^.;]{0,40}?\s)?by\s+(?:the\s+)?$",
    re.I,
)


def _passive_by(reader: SentenceReader, trigger: Trigger) -> list[Mention]:
    """The actor after "by" of a passive the trigger is in: a phrase after "was" ("was
    blamed on Russian intelligence by Bulgaria's interior minister"), or a noun that is the
    passive's subject ("solidarity with Burundi was expressed by Tanzania")."""
    if trigger.rule.kind == "verb":
        return []
    text = reader.text
    start = reader.clause_start(trigger.start)
    if re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", text[start : trigger.start]):
        return _passive_agents(reader, trigger)
    if re.search(r"\b(?:was|were|been)\s+(?:\w+ly\s+)?\w+(?:ed|for)$", trigger.text):
        # "an immediate ceasefire was demanded": the trigger holds its passive verb
        return _passive_agents(reader, trigger)
    end = reader.clause_end(trigger.end)
    for m in reader.mentions:
        if (
            trigger.end <= m.start < end
            and agentive(m)
            and _NOUN_PASSIVE_BY.fullmatch(text, trigger.end, m.start)
        ):
            return coordinated(reader.mentions, m, text)
    return []


def _opening_participle(reader: SentenceReader, trigger: Trigger) -> list[Mention]:
    """ "Condemning the strike as an assault on its sovereignty, Egypt's foreign ministry
    urged ...": a participle opening the sentence is the main clause's subject's."""
    text, sentence = reader.text, reader.sentence
    if not (
        _PARTICIPLE.match(trigger.text.lower())
        and re.fullmatch(r"\W*(?:\w+ly\s+)?", text[sentence.start : trigger.start])
    ):
        return []
    comma = text.find(",", trigger.end, min(sentence.end, trigger.end + 200))
    if comma < 0:
        return []
    for m in reader.mentions:
        if m.start > comma + 60:
            break
        if m.start > comma and agentive(m) and m.prep not in PREPOSITIONS:
            return coordinated(reader.mentions, m, text)
    return []


def _participle_subject(reader: SentenceReader, trigger: Trigger) -> list[Mention]:
    """ "Sudan's government cut ties with the UAE, accusing it of": the subject of the
    main clause a participle after a comma hangs on, read from the parse."""
    text = reader.text
    if not (
        _PARTICIPLE.match(trigger.text)
        and re.search(r",\s*$", text[max(reader.sentence.start, trigger.start - 4) : trigger.start])
    ):
        return []
    reader.analysis.parse_batch([reader.sentence])
    found = [
        m
        for m in parsed_subject(reader.analysis, reader.sentence, trigger.start)
        if agentive(m) and m in reader.mentions
    ]
    return coordinated(reader.mentions, found[0], text) if found else []


#: A relative clause between commas: ", which has mediated between the two sides,".
_ASIDE = re.compile(r",\s+(?:which|who)\s[^,;]{1,120},")


def _opening_anaphor(reader: SentenceReader, trigger: Trigger) -> list[Mention]:
    """An anaphoric subject opening the sentence: "The leaders also promised ... to stand"."""
    text = reader.text
    opening = _opening_description(reader)
    if (
        opening is not None
        and not any(agentive(m) and m.end <= trigger.start for m in reader.mentions)
        # "The Gulf country, which has mediated throughout, also renewed": an aside is no clause
        and not re.search(
            r"[;,]\s",
            _ASIDE.sub("", text[opening.end() : trigger.start]).split(" and ")[0],
        )
    ):
        return _referent_of(reader, opening)
    return []


def _opening_description(reader: SentenceReader) -> re.Match[str] | None:
    """The description that opens the sentence and may be its subject ("The foreign
    ministry", "The leaders"), not a pronoun ("It", "He")."""
    opening = ANAPHORS.match(reader.text, reader.sentence.start)
    if opening is None or opening.lastgroup in (None, "it", "he"):
        return None
    return opening


def _referent_of(reader: SentenceReader, opening: re.Match[str]) -> list[Mention]:
    """Whom the description opening the sentence refers to: an actor of the paragraph
    before it, else the state of the story's dateline."""
    earlier = reader.earlier(reader.sentence.start)
    analysis = reader.analysis
    return resolve_anaphor(opening.lastgroup or "", earlier, analysis.registry, analysis.home)


def _passive_agents(reader: SentenceReader, trigger: Trigger) -> list[Mention]:
    """The actor after "by" behind a passive: "was condemned in the strongest terms by X"."""
    text = reader.text
    window_end = min(reader.clause_end(trigger.end), trigger.end + 90)
    by = _BY_AFTER.match(text[trigger.end : window_end])
    if by is None:
        return []
    after = [
        m
        for m in reader.mentions
        if trigger.end + by.end() <= m.start <= trigger.end + by.end() + 5 and agentive(m)
    ]
    return coordinated(reader.mentions, after[0], text) if after else []


def _nominal_agents(reader: SentenceReader, trigger: Trigger) -> list[Mention]:
    """The agent of a nominal reaction: "X's condemnation", "condemnation from X",
    "condemnation of the strike came swiftly from X", "drew a sharp rebuke from X"."""
    text = reader.text
    if trigger.rule.kind not in ("noun", "phrase"):
        return []
    if trigger.text.split()[0].lower() not in _NOUN_HEADS:
        return []
    for m in reversed(reader.mentions):
        if m.end > trigger.start:
            continue
        gap = text[m.end : trigger.start]
        if agentive(m) and (
            (m.possessive and re.fullmatch(r"(?:'s?|s')\s+(?:(?:[a-z]+ly|[a-z-]+)\s+){0,2}", gap))
            or re.fullmatch(r"\s+", gap)  # "US condemnation"
        ):
            reader.agent_from = True
            return coordinated(reader.mentions, m, text)
        break
    end = reader.clause_end(trigger.end)
    for m in reader.mentions:
        if m.start < trigger.end or m.start >= end or not agentive(m):
            continue
        gap = text[trigger.end : m.start]
        if len(gap) <= 80 and re.search(
            r"\b(?:from|by)\s+(?:the\s+)?(?:(?:neighbouring|neighboring|fellow|allied)\s+)?$",
            gap,
            re.I,
        ):
            reader.agent_from = True
            return coordinated(reader.mentions, m, text)
        if not re.search(r"\b(?:came|come|comes|poured|pouring|followed|flowed|arrived)\b", gap):
            break
    return []


def clause_subject(reader: SentenceReader, start: int, position: int) -> list[Mention]:
    """The subject of the clause: its first agentive mention not in a prepositional
    phrase ("Romania joined other NATO members in condemning")."""
    text = reader.text
    for m in reader.mentions:
        if m.start < start or m.end > position or not agentive(m):
            continue
        if m.prep in PREPOSITIONS or (
            m.possessive
            and m.kind is not ActorKind.BODY
            and not SUBJECT_GAP.match(text[m.end : m.end + 40])
        ):
            continue
        found = _subject_before(reader, _verb_after(reader, m, position), start)
        return found or coordinated(reader.mentions, m, text)
    return reader.anaphor_before(position, start)


def _verb_after(reader: SentenceReader, mention: Mention, position: int) -> int:
    """Where the verb after a subject mention starts (the end of its noun phrase)."""
    tail = _NP_TAIL.match(reader.text, mention.end, position)
    return tail.end() if tail else mention.end


_REMIT_GAP = re.compile(r"'s(?:\s+[a-z][a-z-]+){0,3}\s+(?:to|for|at|on|in)\s+(?:the\s+)?", re.I)


def _across_remit(reader: SentenceReader, owner: Mention, anchor: int) -> bool:
    """ "Russia's ambassador to the UN condemned": the owner's official is the subject,
    across the office's remit (a mention the finder marks as a place)."""
    for remit in reader.mentions:
        if remit.role == "place" and owner.end < remit.start and remit.end <= anchor:
            return bool(
                _REMIT_GAP.fullmatch(reader.text, owner.end, remit.start)
                and SUBJECT_GAP.match(reader.text[remit.end : anchor])
            )
    return False


def _subject_before(reader: SentenceReader, anchor: int, start: int) -> list[Mention]:
    """The subject of the verb (or reporting verb) at ``anchor``."""
    text = reader.text
    candidates = [
        m
        for m in reader.mentions
        if start <= m.start
        and m.end <= anchor
        and agentive(m)
        and id(m) not in reader.used_as_target
    ]
    anaphor = reader.anaphor_before(anchor, start)
    if anaphor:
        return anaphor
    for m in reversed(candidates):
        gap = text[m.end : anchor]
        aside = _CLOSED_ASIDE.fullmatch(gap)  # "X, who was travelling to Kyiv, called"
        adjacent = bool(
            SUBJECT_GAP.match(gap)
            or (aside and SUBJECT_GAP.match(aside.group("pre") + aside.group("post")))
            or _across_remit(reader, m, anchor)
        )
        if m.prep == "by" and gap.lstrip().startswith(","):
            continue  # "drafted by Australia," is an aside, not the subject
        if "," in gap and _RELATIVE_ASIDE.search(text, max(start, m.start - 100), m.start):
            continue  # "X, who flew back from Washington on Friday, said": not the subject
        appositive = re.search(
            r",\s+(?:a|an|the|its|his|her|their)\s+[^,;]{0,60}$",
            text[max(start, m.start - 70) : m.start],
        )
        if (
            gap.lstrip().startswith(",")
            and appositive is not None
            # the head the apposition follows: not "Speaking after the vote, the
            # Foreign Minister of Congo, Therese Wagner, welcomed"
            and any(
                other.end == max(start, m.start - 70) + appositive.start() for other in candidates
            )
        ):
            continue  # "Beijing, a close ally of Islamabad, called": an apposition
        spokesman = re.search(
            r"\b(?:spokes\w+|adviser|advisor|aide|envoy|representative|ambassador|"
            r"minister|office|chief|head|president|secretary)\s+(?:for|to|of)\s+(?:the\s+)?$",
            text[max(reader.sentence.start, m.start - 40) : m.start],
            re.I,
        )
        if m.prep in PREPOSITIONS and not (adjacent or spokesman):
            continue
        if (
            m.prep in PREPOSITIONS
            and gap.rstrip().endswith(",")
            and _PARTICIPLE.match(text, anchor)
        ):
            # "cut ties with the UAE, accusing it of": the participle's subject is the
            # main clause's, not the object of its preposition
            continue
        if (
            m.prep in PREPOSITIONS - {"with", "without"}
            and gap.isspace()
            and _PARTICIPLE.match(text, anchor)
        ):
            # "sent a message to Washington holding it responsible": the sender's, but
            # "with NATO expressing solidarity" says NATO does it
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
        return coordinated(reader.mentions, m, text)
    return []


#: "according to X": who the sentence's words are, when no clause of it has a subject.
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.I)


def _according_to(reader: SentenceReader, trigger: Trigger) -> list[Mention]:
    """The actor a sentence is "according to" ("The attack was barbaric, according to
    Norway's foreign ministry", "According to Norway, it was a war crime")."""
    text = reader.text
    for m in reader.mentions:
        if agentive(m) and _ACCORDING_TO.search(
            text, max(reader.sentence.start, m.start - 20), m.start
        ):
            return coordinated(reader.mentions, m, text)
    return []


def _speaker_after(reader: SentenceReader, trigger: Trigger) -> list[Mention]:
    """The speaker after a quotation: "'...,' Zelensky said", "said Zelensky", "..., he
    said"."""
    text = reader.text
    for m in reader.mentions:
        if m.start < trigger.end or not agentive(m):
            continue
        before = text[max(trigger.end, m.start - 20) : m.start]
        after = text[m.end : m.end + 80]
        if re.search(r"\b(?:said|says|according\s+to)\s+(?:the\s+)?$", before, re.I) or (
            _SAID_AFTER.match(after)
            and re.search(r"[\"',]\s*$", text[trigger.end : m.start].rstrip("the ").rstrip())
        ):
            return coordinated(reader.mentions, m, text)
    # "..., he said." after a quotation
    tail = re.search(
        r"[\"'],?\s+(he|she|it|they)\s+(?:said|added|told|warned|insisted|declared|stressed|wrote)",
        text[trigger.end : reader.sentence.end],
        re.I,
    )
    if tail is not None:
        return speaker_pronoun(reader, tail.group(1), trigger.start)
    return []
