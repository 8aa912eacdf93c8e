"""Model → RDF: a checked ``Document`` becomes the quads of its own named graph.

Every IRI is derived from content (the document id and the item's defining fields), and
no blank node is ever minted, so mapping the same document twice gives the same quads.
The layout is documented in ``ontology/README.md``.

>>> from kg.annotation import EXAMPLES, load_annotation
>>> doc = load_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
>>> quads = document_quads(doc)
>>> quads == document_quads(doc)
True
>>> all(q.graph_name == document_iri(doc.id) for q in quads)
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from kg.actors import ActorRegistry
from kg.closure import type_nodes
from kg.model import (
    Attribution,
    Document,
    Event,
    EventKind,
    Evidence,
    Measure,
    Quantity,
    Reaction,
    ReactionType,
    StrikeMeans,
)
from kg.places import link_place
from kg.reading import ReadingKind, reading_graph, reading_quads
from kg.vocab import OX

__all__ = [
    "EVENT_CLASSES",
    "REACTION_CLASSES",
    "actor_node",
    "document_iri",
    "document_quads",
    "item_hash",
    "language_iri",
    "reaction_iri",
    "text_sha256",
    "url_iri",
]

#: How many characters of context a ``TextQuoteSelector`` keeps on each side.
QUOTE_CONTEXT = 32

REACTION_CLASSES: dict[ReactionType, NamedNode] = {
    ReactionType.CONDEMNS: OX.DKG.Condemnation,
    ReactionType.BLAMES: OX.DKG.Blame,
    ReactionType.SUPPORTS: OX.DKG.Support,
    ReactionType.SOLIDARITY: OX.DKG.Solidarity,
    ReactionType.THREATENS: OX.DKG.Threat,
    ReactionType.CEASEFIRE: OX.DKG.CeasefireCall,
}

EVENT_CLASSES: dict[EventKind, NamedNode] = {
    EventKind.STRIKE: OX.DKG.Strike,
    EventKind.AIRSPACE_VIOLATION: OX.DKG.AirspaceViolation,
    EventKind.EXPLOSION: OX.DKG.Explosion,
    EventKind.SABOTAGE: OX.DKG.Sabotage,
    EventKind.VOTE: OX.DKG.Vote,
    EventKind.OTHER: OX.DKG.Event,
}

#: The property that links an event to a casualty figure of each measure.
MEASURE_PROPERTIES: dict[Measure, NamedNode] = {
    Measure.KILLED: OX.DKG.killed,
    Measure.INJURED: OX.DKG.injured,
    Measure.CHILDREN_KILLED: OX.DKG.childrenKilled,
}

STRIKE_CLASSES: dict[StrikeMeans, NamedNode] = {
    StrikeMeans.MISSILE: OX.DKG.MissileStrike,
    StrikeMeans.DRONE: OX.DKG.DroneStrike,
    StrikeMeans.ARTILLERY: OX.DKG.ArtilleryStrike,
    StrikeMeans.AIR: OX.DKG.AirStrike,
}


_TRUE = Literal("true", datatype=OX.XSD.boolean)
_FALSE = Literal("false", datatype=OX.XSD.boolean)


def _bool(value: bool) -> Literal:
    return _TRUE if value else _FALSE


def _date(value: dt.date) -> Literal:
    return Literal(value.isoformat(), datatype=OX.XSD.date)


def _count(value: int) -> Literal:
    # xsd:integer, not the xsd:nonNegativeInteger that Web Annotation names: Oxigraph
    # stores every derived integer type as xsd:integer, so a nonNegativeInteger would not
    # survive a round trip through the store (and re-adding a document would look like a
    # change). The shapes check ``sh:minInclusive 0`` instead.
    return Literal(str(value), datatype=OX.XSD.integer)


def text_sha256(text: str) -> str:
    """SHA-256 of the UTF-8 encoded text, as hex.

    >>> text_sha256("")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def item_hash(*parts: object) -> str:
    """A short, stable content hash for an IRI: 16 hex digits of SHA-256.

    ``None`` and missing values hash alike; the parts are separated unambiguously.

    >>> item_hash("doc", "e1") == item_hash("doc", "e1") != item_hash("doc", "e2")
    True
    """
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()[:16]


def language_iri(tag: str) -> NamedNode:
    """The dcterms:language of a document: the ISO 639 language of its language tag.

    DCAT's usage note for dcterms:language asks for an IRI from the Library of Congress's
    ISO 639-1 list (ISO 639-2 for a language with no two-letter code). A region subtag
    ("en-GB") has no IRI there and is dropped.

    >>> language_iri("en").value
    'http://id.loc.gov/vocabulary/iso639-1/en'
    >>> language_iri("fil").value, language_iri("en-GB").value[-3:]
    ('http://id.loc.gov/vocabulary/iso639-2/fil', '/en')
    """
    primary = tag.split("-", 1)[0].lower()
    return (OX.ISO639_1 if len(primary) == 2 else OX.ISO639_2)[primary]


_NOT_HEX_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def url_iri(url: str) -> str:
    """A URL as an IRI that any RDF parser accepts: characters an IRI may not hold
    (spaces, quotes, angle or square brackets outside the host, a stray ``%``) are
    percent-encoded; a URL that is already valid is kept as it is.

    >>> url_iri("https://example.org/a b?q=<x>")
    'https://example.org/a%20b?q=%3Cx%3E'
    >>> url_iri("https://example.org/100%")
    'https://example.org/100%25'
    """
    try:
        return NamedNode(url).value
    except ValueError:
        return quote(_NOT_HEX_ESCAPE.sub("%25", url), safe=":/?#@!$&'()*+,;=%~")


def document_iri(doc_id: str) -> NamedNode:
    """The IRI of a document, which also names its graph.

    >>> document_iri("belgorod-2023-12-30").value
    'https://w3id.org/diplomatic-kg/id/doc/belgorod-2023-12-30'
    """
    return OX.ID[f"doc/{doc_id}"]


def actor_node(actor_id: str) -> NamedNode:
    """The IRI of a reference actor as a pyoxigraph node."""
    return OX.ACTOR[actor_id]


def event_iri(doc_id: str, event: Event) -> NamedNode:
    """The IRI of an event: by document and the event's local id."""
    return OX.ID[f"event/{item_hash(doc_id, event.id)}"]


def reaction_iri(doc_id: str, reaction: Reaction) -> NamedNode:
    """The IRI of a reaction: by document and what identifies the reaction
    (``Reaction.identity``: type, agent, target, event, first evidence start), so that a
    correction to ``hedged`` or ``according_to`` keeps it."""
    return OX.ID["reaction/" + item_hash(doc_id, *reaction.identity())]


_PLACE_RE = re.compile(r"[^a-z0-9]+")


def place_iri(country: str | None, place: str) -> NamedNode:
    """A place by country and name, shared across documents.

    >>> place_iri("RUS", "Belgorod").value
    'https://w3id.org/diplomatic-kg/id/place/RUS/belgorod'
    """
    slug = _PLACE_RE.sub("-", place.lower()).strip("-") or item_hash(place)
    return OX.ID[f"place/{country or 'XXX'}/{slug}"]


class _Builder:
    """Collects the quads of one document's graph."""

    def __init__(self, doc: Document, registry: ActorRegistry) -> None:
        self.doc = doc
        self.registry = registry
        kind = doc.reading.kind
        self.graph = reading_graph(doc.id, kind)
        # What item IRIs are minted from: the document id for the curated reading (as
        # before readings were told apart), the id and the kind for another reading, so
        # that the extracted reading's events and reactions never share a node with the
        # curated ones.
        self.key = doc.id if kind is ReadingKind.CURATED else f"{doc.id}/{kind.value}"
        self.quads: list[Quad] = []

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def typed(self, s: NamedNode, cls: NamedNode) -> None:
        """``s a cls`` and ``s a`` each superclass kg.ttl gives ``cls`` (see kg.closure)."""
        for node in type_nodes(cls):
            self.add(s, OX.RDF.type, node)

    def text(self, s: NamedNode, p: NamedNode, value: str | None) -> None:
        if value is not None:
            self.add(s, p, Literal(value))

    def build(self) -> list[Quad]:
        self.document()
        events = {event.id: self.event(event) for event in self.doc.events}
        for reaction in self.doc.reactions:
            self.reaction(reaction, events)
        # Shared nodes (one quote as evidence of two reactions, a place) are emitted once.
        return list(dict.fromkeys(self.quads))

    def document(self) -> None:
        doc, node = self.doc, self.graph
        self.typed(node, OX.DKG.Document)
        self.text(node, OX.DCTERMS.identifier, doc.id)
        self.text(node, OX.DCTERMS.title, doc.title)
        if doc.date is not None:
            self.add(node, OX.DCTERMS.issued, _date(doc.date))
        self.add(node, OX.DCTERMS.language, language_iri(doc.language))
        # dc:publisher (elements 1.1) takes a name; dcterms:publisher wants an Agent node.
        self.text(node, OX.DC.publisher, doc.publisher)
        if doc.url is not None:
            self.add(node, OX.SCHEMA.url, NamedNode(url_iri(doc.url)))
        self.text(node, OX.DKG.text, doc.text)
        self.text(node, OX.DKG.sha256, text_sha256(doc.text))
        self.quads.extend(reading_quads(node, doc.reading))

    def evidence(self, subject: NamedNode, evidence: Evidence) -> None:
        start, end = evidence.start, evidence.end
        assert start is not None and end is not None  # Document guarantees anchoring
        node = OX.ID[f"evidence/{item_hash(self.key, start, end)}"]
        target = NamedNode(node.value + "/target")
        quote = NamedNode(node.value + "/quote")
        position = NamedNode(node.value + "/position")
        text = self.doc.text
        self.add(subject, OX.DKG.hasEvidence, node)
        self.typed(node, OX.DKG.Evidence)
        self.add(node, OX.OA.motivatedBy, OX.OA.describing)
        self.add(node, OX.OA.hasTarget, target)
        self.add(node, OX.PROV.wasDerivedFrom, self.graph)
        self.typed(target, OX.OA.SpecificResource)
        self.add(target, OX.OA.hasSource, self.graph)
        self.add(target, OX.OA.hasSelector, quote)
        self.add(target, OX.OA.hasSelector, position)
        self.typed(quote, OX.OA.TextQuoteSelector)
        self.text(quote, OX.OA.exact, evidence.text)
        self.text(quote, OX.OA.prefix, text[max(0, start - QUOTE_CONTEXT) : start] or None)
        self.text(quote, OX.OA.suffix, text[end : end + QUOTE_CONTEXT] or None)
        self.typed(position, OX.OA.TextPositionSelector)
        self.add(position, OX.OA.start, _count(start))
        self.add(position, OX.OA.end, _count(end))

    def geonames(self, place: NamedNode, name: str, country: str | None) -> None:
        """The GeoNames city the place is, with its coordinates, when unambiguous."""
        city = link_place(name, country)
        if city is not None:
            self.add(place, OX.OWL.sameAs, NamedNode(city.geonames))
            self.add(place, OX.GEO.lat, city.decimal(city.lat))
            self.add(place, OX.GEO.long, city.decimal(city.long))

    def quantity(self, event: NamedNode, measure: Measure, figure: Quantity) -> None:
        # Identity: the event, the measure and the source (one figure each, see
        # model.Event), so that correcting a figure keeps its IRI.
        node = OX.ID[f"quantity/{item_hash(event.value, measure.value, figure.according_to)}"]
        self.add(event, MEASURE_PROPERTIES[measure], node)
        self.typed(node, OX.DKG.CasualtyFigure)
        self.add(node, OX.SCHEMA.minValue, _count(figure.min))
        if figure.max is not None:
            self.add(node, OX.SCHEMA.maxValue, _count(figure.max))
        self.text(node, OX.DKG.quotedAs, figure.text)
        if figure.according_to is not None:
            self.add(node, OX.DKG.accordingTo, actor_node(figure.according_to))
        for evidence in figure.evidence:
            self.evidence(node, evidence)
        self.add(node, OX.PROV.wasDerivedFrom, self.graph)

    def attribution(self, event: NamedNode, claim: Attribution) -> None:
        # Identity: the event, the perpetrator and who claims it (one claim each, see
        # model.Event); a corrected hedge keeps the IRI.
        key = item_hash(event.value, claim.perpetrator, claim.according_to)
        node = OX.ID[f"attribution/{key}"]
        self.add(event, OX.DKG.hasAttribution, node)
        self.typed(node, OX.DKG.Attribution)
        self.add(node, OX.DKG.perpetrator, actor_node(claim.perpetrator))
        self.add(node, OX.DKG.hedged, _bool(claim.hedged))
        if claim.according_to is not None:
            self.add(node, OX.DKG.accordingTo, actor_node(claim.according_to))
        self.add(node, OX.PROV.wasDerivedFrom, self.graph)
        for evidence in claim.evidence:
            self.evidence(node, evidence)

    def event(self, event: Event) -> NamedNode:
        node = event_iri(self.key, event)
        cls = EVENT_CLASSES[event.kind]
        if event.means is not None:
            cls = STRIKE_CLASSES[event.means]
        self.typed(node, cls)
        # Labels are language-tagged: the annotator's in the document's language, ours in English.
        label = Literal(event.label, language=self.doc.language) if event.label else None
        self.add(node, OX.RDFS.label, label or Literal(_event_label(event), language="en"))
        self.text(node, OX.DKG.localId, event.id)
        if event.country is not None:
            self.add(node, OX.DKG.country, actor_node(event.country))
        if event.place is not None:
            place = place_iri(event.country, event.place)
            self.add(node, OX.SEM.hasPlace, place)
            self.typed(place, OX.SEM.Place)
            self.add(place, OX.RDFS.label, Literal(event.place, language=self.doc.language))
            if event.country is not None:
                self.add(place, OX.DKG.country, actor_node(event.country))
            self.geonames(place, event.place, event.country)
        if event.date is not None:
            self.add(node, OX.DKG.occurredOn, _date(event.date))
            self.text(node, OX.DKG.dateSource, event.date_source and event.date_source.value)
        for _, claim in event.claims():
            self.attribution(node, claim)
        for _, measure, figure in event.figures():
            self.quantity(node, measure, figure)
        for evidence in event.evidence:
            self.evidence(node, evidence)
        self.add(node, OX.PROV.wasDerivedFrom, self.graph)
        return node

    def reaction(self, reaction: Reaction, events: dict[str, NamedNode]) -> None:
        principal = self.registry.principal(reaction.agent)
        agent = actor_node(principal.id)
        about = events[reaction.about] if reaction.about is not None else None
        node = reaction_iri(self.key, reaction)
        self.typed(node, REACTION_CLASSES[reaction.type])
        self.add(node, OX.DKG.agent, agent)
        if principal.id != reaction.agent:
            self.add(node, OX.DKG.speaker, actor_node(reaction.agent))
        if reaction.target is not None:
            target = actor_node(self.registry.principal(reaction.target).id)
            self.add(node, OX.DKG.target, target)
            # The shortcut states the reaction as a plain fact, so a hedged reaction
            # ("was allegedly targeted by...") has none; it stays a reaction node.
            if reaction.type is not ReactionType.CEASEFIRE and not reaction.hedged:
                self.add(agent, OX.DKG[reaction.type.value], target)
        if reaction.type is ReactionType.CEASEFIRE and not reaction.hedged:
            self.add(agent, OX.DKG.callsForCeasefire, _TRUE)
        if about is not None:
            self.add(node, OX.DKG.about, about)
        self.add(node, OX.DKG.hedged, _bool(reaction.hedged))
        if reaction.date is not None:
            # When the statement was made: sem:hasTimeStamp itself, not a sub-property, so
            # that a plain SEM query finds it without inference (Oxigraph does none).
            self.add(node, OX.SEM.hasTimeStamp, _date(reaction.date))
            self.text(node, OX.DKG.dateSource, reaction.date_source and reaction.date_source.value)
        if reaction.according_to is not None:
            self.add(node, OX.DKG.accordingTo, actor_node(reaction.according_to))
        # The annotator's note is an editorial note on the reading, not a description of
        # the reaction: skos:editorialNote, never rdfs:comment.
        self.text(node, OX.SKOS.editorialNote, reaction.note)
        for evidence in reaction.evidence:
            self.evidence(node, evidence)
        self.add(node, OX.PROV.wasDerivedFrom, self.graph)


def _event_label(event: Event) -> str:
    kind = event.means.value + " strike" if event.means else event.kind.value.replace("_", " ")
    return f"{kind} in {event.place}" if event.place else kind


def document_quads(doc: Document, registry: ActorRegistry | None = None) -> list[Quad]:
    """All quads of one reading of a document, in the reading's own named graph (the
    document's IRI for the curated reading: see ``kg.reading``), with its provenance.

    Targets are recorded as the state or organisation they speak for, like agents: a
    reaction against "the Kremlin" is a reaction against Russia.
    """
    return _Builder(doc, registry or ActorRegistry.default()).build()
