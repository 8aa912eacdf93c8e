"""Pydantic models: the boundary every source passes through before it becomes RDF.

Two families live here:

* the *reference* models (``Actor``) that describe who can react;
* the *document* models (``Document`` with its ``Event``, ``Reaction``, ``Evidence``,
  ``Quantity``, ``Attribution``): one news report and what it says.

Their closed vocabularies (``ReactionType``, ``EventKind``, ``ActorKind``...) are defined
in :mod:`kg.kinds` and re-exported here.

Validation that needs nothing but the data itself (types, ranges, ids that refer to
each other) is done here. Validation against outside knowledge (does the quoted text
occur in the article, is ``RUS.MFA`` a known actor) is done in ``kg.annotation``.

>>> Quantity(min=13).max is None
True
>>> Reaction(type="condemns", agent="RUS", evidence=["condemned by Moscow"]).evidence[0].text
'condemned by Moscow'
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    StringConstraints,
    field_validator,
    model_validator,
)

from kg.kinds import (
    REACTION_TYPE_ALIASES,
    ActorKind,
    DateSource,
    EventKind,
    Measure,
    ReactionType,
    StrikeMeans,
)
from kg.reading import Reading

__all__ = [
    "MAX_CASUALTIES",
    "REACTION_TYPE_ALIASES",
    "Actor",
    "ActorKind",
    "AnnotationFile",
    "Attribution",
    "CasualtyFigure",
    "DateSource",
    "Document",
    "DocumentMeta",
    "Event",
    "EventKind",
    "Evidence",
    "Measure",
    "Quantity",
    "Reaction",
    "ReactionType",
    "StrikeMeans",
    "UnresolvedActor",
]

#: An actor id as written in annotation files: ``RUS``, ``UNSC``, ``RUS.MFA``, ``RUS.PUTIN``.
ActorId = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Za-z0-9_.\-]*$", max_length=64)]
#: A local id: a document slug, an event id inside one document.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.\-]*$", max_length=128)]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)]


class _Strict(BaseModel):
    """Base: unknown keys are errors, so a typo in a hand-written file is caught."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=False)


# --------------------------------------------------------------------------- actors


class Actor(_Strict):
    """A reference actor: a state, an international organisation, a government body or a person.

    ``speaks_for`` names the state or organisation a body or person represents; reactions
    count for that actor (the Russian foreign ministry's blame is Russia's blame).

    >>> Actor(id="RUS.MFA", kind="body", name="Ministry of Foreign Affairs of Russia",
    ...       speaks_for="RUS").speaks_for
    'RUS'
    """

    id: ActorId
    kind: ActorKind
    name: NonEmpty
    aliases: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)
    metonyms: list[str] = Field(default_factory=list)
    iso2: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    iso3: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    cameo: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{3,}$")] | None = None
    wikidata: Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")] | None = None
    speaks_for: ActorId | None = None
    member_of: list[ActorId] = Field(default_factory=list)
    sub_organization_of: ActorId | None = None
    unit_of: ActorId | None = None
    role: str | None = None

    @model_validator(mode="after")
    def _bodies_speak_for_someone(self) -> Self:
        if self.kind in (ActorKind.BODY, ActorKind.PERSON) and self.speaks_for is None:
            raise ValueError(f"{self.kind.value} {self.id!r} must say whom it speaks_for")
        return self


# --------------------------------------------------------------------------- document parts


def _dated(date: dt.date | None, source: DateSource | None, what: str) -> DateSource | None:
    """The date source to keep: ``stated`` when a date comes without one (a curated file's
    annotator read it from the text); an error when a source comes without a date."""
    if date is None:
        if source is not None:
            raise ValueError(f"{what} has a date_source ({source.value}) but no date")
        return None
    return source or DateSource.STATED


class Evidence(_Strict):
    """A quoted span of the source document: ``text == document.text[start:end]``.

    Offsets count Unicode code points (Python ``str`` indexes, as the W3C Web Annotation
    ``TextPositionSelector`` does), 0-based, end exclusive. In an annotation file a human
    may give only ``text``; ``kg.annotation`` then finds it and fills ``start``/``end``.

    >>> Evidence(text="condemned", start=4, end=13).end
    13
    """

    text: NonEmpty
    start: NonNegativeInt | None = None
    end: NonNegativeInt | None = None

    @model_validator(mode="after")
    def _span_is_consistent(self) -> Self:
        if self.start is not None and self.end is not None:
            if self.end - self.start != len(self.text):
                raise ValueError(
                    f"end - start ({self.end} - {self.start}) differs from the length of the "
                    f"quoted text ({len(self.text)})"
                )
        elif self.end is not None:
            raise ValueError("end is given without start")
        return self

    @property
    def is_anchored(self) -> bool:
        """True once ``start`` and ``end`` are known."""
        return self.start is not None and self.end is not None


def _evidence_list(value: Any) -> Any:
    """Accept a bare string or one mapping where a list of evidence is expected."""
    if isinstance(value, str | dict):
        value = [value]
    if isinstance(value, list):
        return [{"text": v} if isinstance(v, str) else v for v in value]
    return value


EvidenceList = Annotated[list[Evidence], Field(min_length=1)]


#: The largest casualty figure accepted (ten million): above every figure any conflict
#: report gives for one event, so a larger one is a typing slip (a 26-digit ``killed``), not
#: a reading. ``ontology/shapes.ttl`` holds the graph to the same bound.
MAX_CASUALTIES = 10_000_000
CasualtyCount = Annotated[int, Field(ge=0, le=MAX_CASUALTIES)]


class Quantity(_Strict):
    """A reported figure as a range: ``at least 39`` is ``min=39, max=None``.

    ``according_to`` is the actor who gives the figure when only one party does;
    ``None`` means the reporting document states it in its own voice. ``evidence``
    optionally quotes where the figure is given (the phrase ``text`` alone is not anchored).
    Both ends are at most :data:`MAX_CASUALTIES`.

    >>> Quantity(min=111, max=111, text="111 others").max
    111
    """

    min: CasualtyCount
    max: CasualtyCount | None = None
    text: str | None = None
    according_to: ActorId | None = None
    evidence: list[Evidence] = Field(default_factory=list)

    @field_validator("evidence", mode="before")
    @classmethod
    def _coerce_evidence(cls, value: Any) -> Any:
        return _evidence_list(value)

    @model_validator(mode="after")
    def _max_not_below_min(self) -> Self:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max}) is below min ({self.min})")
        return self


class CasualtyFigure(Quantity):
    """One source's casualty figure for an event, in the list form ``casualty_figures``.

    >>> CasualtyFigure(measure="killed", min=4, according_to="UKR").measure
    <Measure.KILLED: 'killed'>
    """

    measure: Measure


class Attribution(_Strict):
    """Who is said to have carried out an event, and on whose word.

    This is a claim, never a fact: ``according_to`` is the party that makes it (``None``:
    the reporting document), ``hedged`` marks "allegedly", "reportedly".
    """

    perpetrator: ActorId
    according_to: ActorId | None = None
    hedged: bool = False
    evidence: list[Evidence] = Field(default_factory=list)

    @field_validator("evidence", mode="before")
    @classmethod
    def _coerce_evidence(cls, value: Any) -> Any:
        return _evidence_list(value)


class Event(_Strict):
    """A conflict event a document reports: a strike, an airspace violation, a vote...

    Competing accounts sit side by side. ``attributions`` lists every claim of who did it
    (each with its ``according_to``, ``hedged`` and evidence); ``alleged_perpetrator`` is
    the older single-claim spelling and counts as the first of them. ``casualty_figures``
    lists every figure with its ``measure`` and source; ``killed``, ``injured`` and
    ``children_killed`` are the single-figure spellings and count as figures of their
    measure. One claim per (perpetrator, source) and one figure per (measure, source).

    >>> Event(id="e1", kind="strike", country="RUS", evidence="Ukrainian strikes").kind
    <EventKind.STRIKE: 'strike'>
    >>> e = Event(id="e1", kind="strike", evidence="x", alleged_perpetrator="UKR",
    ...           attributions=[{"perpetrator": "RUS", "according_to": "UKR"}])
    >>> [(loc, a.perpetrator) for loc, a in e.claims()]
    [(('alleged_perpetrator',), 'UKR'), (('attributions', 0), 'RUS')]
    """

    id: Slug
    kind: EventKind
    means: StrikeMeans | None = None
    label: str | None = None
    place: str | None = None
    country: ActorId | None = None
    date: dt.date | None = None
    date_source: DateSource | None = None
    alleged_perpetrator: Attribution | None = None
    attributions: list[Attribution] = Field(default_factory=list)
    killed: Quantity | None = None
    injured: Quantity | None = None
    children_killed: Quantity | None = None
    casualty_figures: list[CasualtyFigure] = Field(default_factory=list)
    evidence: EvidenceList

    @field_validator("evidence", mode="before")
    @classmethod
    def _coerce_evidence(cls, value: Any) -> Any:
        return _evidence_list(value)

    @field_validator("alleged_perpetrator", mode="before")
    @classmethod
    def _coerce_perpetrator(cls, value: Any) -> Any:
        return {"perpetrator": value} if isinstance(value, str) else value

    @field_validator("attributions", mode="before")
    @classmethod
    def _coerce_attributions(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"perpetrator": v} if isinstance(v, str) else v for v in value]
        return value

    @model_validator(mode="after")
    def _means_only_for_strikes(self) -> Self:
        if self.means is not None and self.kind is not EventKind.STRIKE:
            raise ValueError(f"'means' applies to strikes only, not to {self.kind.value}")
        self.date_source = _dated(self.date, self.date_source, f"event {self.id!r}")
        return self

    @model_validator(mode="after")
    def _one_claim_and_one_figure_per_source(self) -> Self:
        claims: set[tuple[str, str | None]] = set()
        for _, claim in self.claims():
            key = (claim.perpetrator, claim.according_to)
            if key in claims:
                raise ValueError(
                    f"event {self.id!r} attributes it to {claim.perpetrator} according to "
                    f"{claim.according_to or 'the document'} twice"
                )
            claims.add(key)
        figures: set[tuple[Measure, str | None]] = set()
        for _, measure, figure in self.figures():
            fkey = (measure, figure.according_to)
            if fkey in figures:
                raise ValueError(
                    f"event {self.id!r} has two {measure.value} figures according to "
                    f"{figure.according_to or 'the document'}"
                )
            figures.add(fkey)
        return self

    def claims(self) -> list[tuple[tuple[str | int, ...], Attribution]]:
        """Every attribution with where it was written (a path below the event)."""
        found: list[tuple[tuple[str | int, ...], Attribution]] = []
        if self.alleged_perpetrator is not None:
            found.append((("alleged_perpetrator",), self.alleged_perpetrator))
        found.extend((("attributions", i), a) for i, a in enumerate(self.attributions))
        return found

    def figures(self) -> list[tuple[tuple[str | int, ...], Measure, Quantity]]:
        """Every casualty figure with where it was written and its measure."""
        found: list[tuple[tuple[str | int, ...], Measure, Quantity]] = []
        for measure in Measure:
            figure = getattr(self, measure.value)
            if figure is not None:
                found.append(((measure.value,), measure, figure))
        found.extend(
            (("casualty_figures", i), f.measure, f) for i, f in enumerate(self.casualty_figures)
        )
        return found


class Reaction(_Strict):
    """One actor's reaction: who (``agent``) does what (``type``) to whom (``target``).

    ``agent`` may name a body or a person (``RUS.MFA``); the graph then records it as the
    speaker and counts the reaction for the state or organisation it speaks for.

    ``date`` is when the statement was made, ``date_source`` how that is known: ``stated``
    in the text (the default when a date is given), else the ``document``'s date, which a
    ``Document`` fills in for every reaction without a date of its own.

    >>> Reaction(type="condemns", agent="RUS", date="2023-12-31", evidence="x").date_source
    <DateSource.STATED: 'stated'>
    """

    type: ReactionType
    agent: ActorId
    target: ActorId | None = None
    about: Slug | None = None
    hedged: bool = False
    according_to: ActorId | None = None
    date: dt.date | None = None
    date_source: DateSource | None = None
    note: str | None = None
    evidence: EvidenceList

    @model_validator(mode="after")
    def _date_has_source(self) -> Self:
        self.date_source = _dated(self.date, self.date_source, f"reaction by {self.agent}")
        return self

    def identity(self) -> tuple[str, str, str | None, str | None, int | None]:
        """What identifies the reaction within its document, and so its IRI: type, agent,
        target, event, and where it is first said (the lowest evidence start).

        Corrections to what the reaction says (``hedged``, ``according_to``, ``note``, a
        further quote after the first) keep the identity; two reactions alike in all of
        these would be one statement listed twice, which ``Document`` rejects.
        """
        starts = [e.start for e in self.evidence if e.start is not None]
        first = min(starts) if starts else None
        return (self.type.value, self.agent, self.target, self.about, first)

    @field_validator("type", mode="before")
    @classmethod
    def _accept_aliases(cls, value: Any) -> Any:
        if isinstance(value, str):
            return REACTION_TYPE_ALIASES.get(value, value)
        return value

    @field_validator("evidence", mode="before")
    @classmethod
    def _coerce_evidence(cls, value: Any) -> Any:
        return _evidence_list(value)


#: What names an unresolved actor: a parser entity label, or a named armed group.
UnresolvedLabel = Literal["ORG", "GPE", "NORP", "PERSON", "ARMED_GROUP"]
#: Whether an unresolved actor is the one who reacts or the one reacted to.
UnresolvedRole = Literal["agent", "target"]


class UnresolvedActor(_Strict):
    """An actor the extractor found as the agent or target of a reaction that no reference
    actor (``ontology/actors.ttl``) stands for: a name the parser tagged ``label`` (ORG,
    GPE, NORP or PERSON), or a non-state armed group (``ARMED_GROUP``) the parser left
    untagged. ``text == document.text[start:end]``; ``evidence`` is its sentence and
    ``type`` the reaction type of the trigger that names it.

    The reviewer's to-do list, not a reading: the RDF conversion ignores it (``kg add``
    accepts a file that lists some, and adds nothing of them). The reaction it belongs to
    is in ``reactions`` without it (aimed at no one, or at whom the text implies), or
    absent when it cannot be without it (an unresolved agent): add the actor to the
    reference list, or write the reaction by hand.

    >>> UnresolvedActor(text="Hamas", label="ORG", start=13, end=18, role="target",
    ...                 type="blames", evidence="Egypt blamed Hamas.").role
    'target'
    """

    text: NonEmpty
    label: UnresolvedLabel
    start: NonNegativeInt
    end: NonNegativeInt
    role: UnresolvedRole
    type: ReactionType
    evidence: Evidence

    @model_validator(mode="after")
    def _span_is_consistent(self) -> Self:
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"end - start ({self.end} - {self.start}) differs from the length of {self.text!r}"
            )
        return self

    @field_validator("type", mode="before")
    @classmethod
    def _accept_aliases(cls, value: Any) -> Any:
        return REACTION_TYPE_ALIASES.get(value, value) if isinstance(value, str) else value

    @field_validator("evidence", mode="before")
    @classmethod
    def _coerce_evidence(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


# --------------------------------------------------------------------------- documents


class DocumentMeta(_Strict):
    """What an annotation file says about its source document.

    The text comes either inline (``text``) or from ``text_file``, a path relative to
    the annotation file. ``annotator`` (optional) names who curated it: the provenance of
    the reading records it (``kg.reading``).
    """

    id: Slug
    annotator: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    title: str | None = None
    date: dt.date | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    publisher: str | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")] = "en"
    text_file: str | None = None
    text: str | None = None

    @model_validator(mode="after")
    def _one_text_source(self) -> Self:
        if (self.text is None) == (self.text_file is None):
            raise ValueError("give exactly one of 'text' and 'text_file'")
        return self


def _check_references(events: list[Event], reactions: list[Reaction]) -> None:
    seen: set[str] = set()
    for event in events:
        if event.id in seen:
            raise ValueError(f"event id {event.id!r} is used twice")
        seen.add(event.id)
    for reaction in reactions:
        if reaction.about is not None and reaction.about not in seen:
            raise ValueError(
                f"reaction {reaction.type.value} by {reaction.agent} is about unknown event "
                f"{reaction.about!r} (known: {', '.join(sorted(seen)) or 'none'})"
            )


class AnnotationFile(_Strict):
    """The curated annotation file a human writes and reviews (YAML; JSON is valid YAML).

    ``kg schema`` prints its JSON Schema. ``unresolved_actors`` is what ``kg extract`` could
    not resolve (:class:`UnresolvedActor`): a to-do list for the reviewer, which ``kg add``
    reads but does not add.
    """

    format: Literal["diplomatic-kg/annotation@1"] = "diplomatic-kg/annotation@1"
    document: DocumentMeta
    events: list[Event] = Field(default_factory=list)
    reactions: list[Reaction] = Field(default_factory=list)
    unresolved_actors: list[UnresolvedActor] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        _check_references(self.events, self.reactions)
        return self


class Document(_Strict):
    """A source document with its text and everything read from it, spans anchored.

    This is what ``kg.rdf`` turns into triples. ``sha256`` is of the UTF-8 text.
    ``reading`` says whether it was curated or extracted, by whom and when. A reaction the
    text does not date takes the document's date, marked ``document``.
    ``unresolved_actors`` (from extraction) are no triples: see :class:`UnresolvedActor`.
    """

    id: Slug
    reading: Reading = Field(default_factory=Reading)
    text: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    publisher: str | None = None
    language: str = "en"
    events: list[Event] = Field(default_factory=list)
    reactions: list[Reaction] = Field(default_factory=list)
    unresolved_actors: list[UnresolvedActor] = Field(default_factory=list)

    @model_validator(mode="after")
    def _spans_are_anchored_and_exact(self) -> Self:
        _check_references(self.events, self.reactions)
        if self.date is not None and any(r.date is None for r in self.reactions):
            # Copies: a reaction given to two documents keeps neither's date.
            self.reactions = [
                r.model_copy(update={"date": self.date, "date_source": DateSource.DOCUMENT})
                if r.date is None
                else r
                for r in self.reactions
            ]
        spans = self.all_evidence()
        for item in self.unresolved_actors:
            spans += [Evidence(text=item.text, start=item.start, end=item.end), item.evidence]
        for evidence in spans:
            if evidence.start is None or evidence.end is None:
                raise ValueError(f"evidence {evidence.text!r} has no start/end")
            if self.text[evidence.start : evidence.end] != evidence.text:
                raise ValueError(
                    f"evidence {evidence.text!r} is not the text at [{evidence.start}, "
                    f"{evidence.end})"
                )
        seen: set[tuple[str, str, str | None, str | None, int | None]] = set()
        for reaction in self.reactions:
            key = reaction.identity()
            if key in seen:
                raise ValueError(
                    f"reaction {reaction.type.value} by {reaction.agent} is listed twice "
                    "(same target, event and first quote)"
                )
            seen.add(key)
        return self

    def all_evidence(self) -> list[Evidence]:
        """Every evidence span of the document, events' and reactions'."""
        spans: list[Evidence] = []
        for event in self.events:
            spans.extend(event.evidence)
            for _, claim in event.claims():
                spans.extend(claim.evidence)
            for _, _, figure in event.figures():
                spans.extend(figure.evidence)
        for reaction in self.reactions:
            spans.extend(reaction.evidence)
        return spans


SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """A lower-case slug usable as a document id.

    >>> slugify("Belgorod Strikes: 2023-12-30")
    'belgorod-strikes-2023-12-30'
    """
    return SLUG_RE.sub("-", text.lower()).strip("-") or "document"
