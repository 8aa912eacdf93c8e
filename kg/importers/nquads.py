"""Records → RDF quads, written as N-Quads lines for Oxigraph's bulk loader.

Every record is a **coded event** (``dkg:CodedEvent``, a ``dkg:Event``): the dataset's
account of something that happened, which is also the provenance record reactions and
events taken from it point to. Its IRI is deterministic (dataset and merge key), so writing
a record twice writes the same quads. ::

    <id/coded/gdelt/…> a dkg:CodedEvent, dkg:Event, sem:Event, prov:Entity ;  # kg.closure
        prov:wasDerivedFrom <id/dataset/gdelt> ;        # the dataset (a dcat:Dataset)
        dcterms:identifier "881990832" ;                 # one per merged record id
        sem:eventType cameo:111 ;                         # the SKOS concept of its code
        dkg:occurredOn "2019-10-24"^^xsd:date ;
        schema:url <https://…> ;                          # the source article, if given
        dkg:sourceActor id:actor/RUS ; dkg:targetActor id:actor/UKR ;
        dkg:mentions 3 ; dkg:sources 2 ; dkg:confidence 0.75 .  # reactions, attacks only

Which triples each record keeps was chosen by measuring (``benchmarks/README.md``): the
bulk loader's time grows with the number of quads, and most rows of GDELT (three in four)
are neither a reaction nor an attack. Those keep what identifies and places them (dataset,
record id, day, code, actors, source URL: about seven quads); mentions, sources, confidence
and publisher are written only on the coded events that give a reaction or an attack.

A record whose code is a reaction also gives a reaction node, whose evidence is the coded
event (``prov:wasDerivedFrom``), with its shortcut triple (no ``dkg:hedged``: the datasets
do not code hedging, so it is left unknown; the shortcut is written because the reaction
is not marked hedged)::

    <id/reaction/gdelt/…> a dkg:Condemnation, dkg:Reaction, prov:Entity ; dkg:agent id:actor/RUS ;
        dkg:target id:actor/UKR ; dkg:speakerType cameoactor:GOV ;
        sem:hasTimeStamp "2019-10-24"^^xsd:date ; dkg:dateSource "dataset" ;  # the record's day
        prov:wasDerivedFrom <id/coded/gdelt/…> .
    id:actor/RUS dkg:condemns id:actor/UKR .

A strike or an explosion is typed so (``dkg:Strike``...) on the coded event itself, with
its source actor also as the perpetrator of an attribution claim (``dkg:hasAttribution``:
who did it is the dataset's claim, as for documents), the place's state
(``dkg:country``) and, from ACLED, the fatalities (``dkg:killed``). A record seen before
(same merge key) adds only its ``dcterms:identifier``.

>>> from kg.importers.records import CodedRecord
>>> writer = QuadWriter("gdelt")
>>> r = CodedRecord(dataset="gdelt", record_id="7", date="2019-10-24", code="111",
...                 kind="condemns", source="RUS", target="UKR", confidence=0.5)
>>> lines = writer.record(r, new=True)
>>> [line.split()[1].rsplit("#", 1)[-1].rsplit("/", 1)[-1] for line in lines
...  if "reaction" in line.split()[0]]
['type>', 'type>', 'type>', 'agent>', 'target>', 'hasTimeStamp>', 'dateSource>', 'wasDerivedFrom>']
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Final
from urllib.parse import quote

from kg.closure import superclasses, types_of
from kg.importers.details import detail_quads
from kg.importers.records import CodedRecord, Dataset, Kind, Scheme
from kg.rdf import REACTION_CLASSES, url_iri
from kg.vocab import (
    CAMEO,
    CAMEO_ACTOR,
    DATASET_GRAPHS,
    DC,
    DCAT,
    DCTERMS,
    DKG,
    ID,
    PLOVER,
    PROV,
    QB,
    RDF,
    SCHEMA,
    SEM,
    XSD,
)

__all__ = [
    "ATTACK_CLASSES",
    "CAMEO_ACTOR",
    "DATASET_INFO",
    "DCAT",
    "QB",
    "QuadWriter",
    "coded_event_iri",
    "dataset_graph",
    "dataset_iri",
]


#: The event class of each kind of attack.
ATTACK_CLASSES: Final[dict[Kind, str]] = {
    Kind.STRIKE: str(DKG.Strike),
    Kind.AIR_STRIKE: str(DKG.AirStrike),
    Kind.DRONE_STRIKE: str(DKG.DroneStrike),
    Kind.EXPLOSION: str(DKG.Explosion),
}

#: Title and landing page of each dataset node.
DATASET_INFO: Final[dict[Dataset, tuple[str, str]]] = {
    Dataset.GDELT: ("GDELT Event Database (1.0 and 2.0)", "https://www.gdeltproject.org/"),
    Dataset.ICEWS: (
        "Integrated Crisis Early Warning System (ICEWS) Coded Event Data",
        "https://doi.org/10.7910/DVN/28075",
    ),
    Dataset.PLOVER: ("PLOVER / POLECAT event records", "https://github.com/openeventdata/PLOVER"),
    Dataset.ACLED: ("Armed Conflict Location & Event Data (ACLED)", "https://acleddata.com/"),
    Dataset.UCDP: (
        "UCDP Georeferenced Event Dataset (GED)",
        "https://ucdp.uu.se/downloads/#ged_global",
    ),
}


def dataset_iri(dataset: Dataset | str) -> str:
    """The IRI of a dataset node.

    >>> dataset_iri("icews")
    'https://w3id.org/diplomatic-kg/id/dataset/icews'
    """
    return f"{ID}dataset/{Dataset(dataset).value}"


def dataset_graph(dataset: Dataset | str) -> str:
    """The named graph that holds a dataset's records, reactions and aggregates."""
    return str(DATASET_GRAPHS[Dataset(dataset).value])


def _key(dataset: str, key: str) -> str:
    """A record id as an IRI segment when it is one, else a 64-bit hash of the key."""
    if len(key) <= 64 and quote(key, safe="-._~") == key:
        return key
    return hashlib.blake2b(f"{dataset}\x1f{key}".encode(), digest_size=8).hexdigest()


def coded_event_iri(dataset: Dataset | str, merge_key: str) -> str:
    """The IRI of the coded event of a merge key.

    >>> coded_event_iri("icews", "32889836")
    'https://w3id.org/diplomatic-kg/id/coded/icews/32889836'
    """
    dataset = Dataset(dataset).value
    return f"{ID}coded/{dataset}/{_key(dataset, merge_key)}"


def _sibling(coded_iri: str, kind: str) -> str:
    """The IRI of a node derived from a coded event: ``id/coded/X/K`` → ``id/KIND/X/K``."""
    return f"{ID}{kind}/{coded_iri[len(ID) + len('coded/') :]}"


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def _literal(text: str) -> str:
    """A quoted N-Triples string.

    >>> print(_literal('say "hi"'), _literal("plain"))
    "say \\"hi\\"" "plain"
    """
    if _NEEDS_ESCAPE.search(text) is None:
        return f'"{text}"'
    # JSON's string escapes (\" \\ \n \r \t \b \f \uXXXX) are all valid N-Triples escapes.
    return json.dumps(text, ensure_ascii=False)


_P = {
    "type": f"<{RDF.type}>",
    "derived": f"<{PROV.wasDerivedFrom}>",
    "identifier": f"<{DCTERMS.identifier}>",
    "eventType": f"<{SEM.eventType}>",
    "occurredOn": f"<{DKG.occurredOn}>",
    "url": f"<{SCHEMA.url}>",
    "publisher": f"<{DC.publisher}>",
    "dctype": f"<{DC.type}>",
    "mentions": f"<{DKG.mentions}>",
    "sources": f"<{DKG.sources}>",
    "confidence": f"<{DKG.confidence}>",
    "sourceActor": f"<{DKG.sourceActor}>",
    "targetActor": f"<{DKG.targetActor}>",
    "country": f"<{DKG.country}>",
    "agent": f"<{DKG.agent}>",
    "target": f"<{DKG.target}>",
    "speaker": f"<{DKG.speaker}>",
    "speakerType": f"<{DKG.speakerType}>",
    "hedged": f"<{DKG.hedged}>",
    "timeStamp": f"<{SEM.hasTimeStamp}>",
    "dateSource": f"<{DKG.dateSource}>",
    "hasAttribution": f"<{DKG.hasAttribution}>",
    "perpetrator": f"<{DKG.perpetrator}>",
    "killed": f"<{DKG.killed}>",
    "minValue": f"<{SCHEMA.minValue}>",
    "maxValue": f"<{SCHEMA.maxValue}>",
}
def _types(cls: str, *, given: tuple[str, ...] = ()) -> tuple[str, ...]:
    """``cls`` and its superclasses from kg.ttl (kg.closure) as N-Triples IRIs, less those
    in ``given`` (already written on the node)."""
    return tuple(f"<{c}>" for c in types_of(cls) if c not in given)


# Every node is typed with its class and the superclasses kg.ttl gives it, since the store
# does no inference: a generic ``?e a sem:Event`` or ``?r a dkg:Reaction`` finds them.
_CODED_EVENT_CLASSES: Final = types_of(str(DKG.CodedEvent))
_CODED_EVENT: Final = _types(str(DKG.CodedEvent))
_ATTRIBUTION: Final = _types(str(DKG.Attribution))
_FIGURE: Final = _types(str(DKG.CasualtyFigure))
_REACTION_TYPES: Final = {t: _types(c.value) for t, c in REACTION_CLASSES.items()}
_ATTACK_TYPES: Final = {
    k: _types(c, given=_CODED_EVENT_CLASSES) for k, c in ATTACK_CLASSES.items()
}
assert str(DKG.Event) in superclasses(str(DKG.CodedEvent)), "kg.ttl: CodedEvent ⊑ Event"
_TRUE = f'"true"^^<{XSD.boolean}>'
_DATE = f"^^<{XSD.date}>"
_DATASET = '"dataset"'
_INTEGER = f"^^<{XSD.integer}>"
_DECIMAL = f"^^<{XSD.decimal}>"
_ACTOR = f"<{ID}actor/"


class QuadWriter:
    """Writes the N-Quads of records of one dataset, into the default graph (``graph=""``)
    or a named graph (e.g. :func:`dataset_graph`)."""

    def __init__(self, dataset: Dataset | str, *, graph: str = "") -> None:
        self.dataset = Dataset(dataset)
        self.graph = graph
        self._name = self.dataset.value
        self._coded = f"{ID}coded/{self._name}/"
        self._end = f" <{graph}> .\n" if graph else " .\n"
        self.dataset_node = f"<{dataset_iri(self.dataset)}>"

    def quad(self, s: str, p: str, o: str) -> str:
        """One N-Quads line; ``s``, ``p``, ``o`` already in N-Triples syntax."""
        return f"{s} {p} {o}{self._end}"

    def dataset_quads(self) -> list[str]:
        """The dataset node: a dcat:Dataset with its identifier, title and landing page."""
        title, page = DATASET_INFO[self.dataset]
        node, q = self.dataset_node, self.quad
        return [
            q(node, _P["type"], f"<{DCAT}Dataset>"),
            q(node, _P["identifier"], _literal(self.dataset.value)),
            q(node, f"<{DCTERMS.title}>", _literal(title) + "@en"),
            q(node, f"<{DCAT}landingPage>", f"<{page}>"),
        ]

    def identifier(self, record: CodedRecord) -> str:
        """The quad a merged duplicate adds: its record id on the coded event."""
        node = f"<{coded_event_iri(self.dataset, record.merge_key)}>"
        return self.quad(node, _P["identifier"], _literal(record.record_id))

    def record(self, record: CodedRecord, *, new: bool) -> list[str]:
        """The quads of one record; a record whose key was seen adds only its id.

        Mentions, sources, confidence and publisher are kept on the coded events that give
        a reaction or an attack; the other coded events keep their dataset, record id,
        day, code, source URL and actors (see ``benchmarks/README.md`` for why).
        """
        node_iri = f"{self._coded}{_key(self._name, record.merge_key)}"
        node = f"<{node_iri}> "
        end = self._end
        p = _P
        if not new:
            return [f"{node}{p['identifier']} {_literal(record.record_id)}{end}"]
        # The record id first: a record found with its id was written (see loader).
        pairs = [
            (p["identifier"], _literal(record.record_id)),
            *((p["type"], cls) for cls in _CODED_EVENT),
            (p["derived"], self.dataset_node),
            (p["occurredOn"], f'"{record.date.isoformat()}"{_DATE}'),
        ]
        if record.code is not None:
            scheme = CAMEO if record.scheme is Scheme.CAMEO else PLOVER
            pairs.append((p["eventType"], f"<{scheme}{record.code}>"))
        if record.event_type is not None:
            pairs.append((p["dctype"], _literal(record.event_type)))
        if record.url is not None:
            pairs.append((p["url"], f"<{url_iri(record.url)}>"))
        kind = record.kind
        attack = kind.is_attack
        if kind is not Kind.OTHER:
            pairs.append((p["confidence"], f'"{record.confidence:.3f}"{_DECIMAL}'))
            if record.publisher is not None:
                pairs.append((p["publisher"], _literal(record.publisher)))
            if record.mentions is not None:
                pairs.append((p["mentions"], f'"{record.mentions}"{_INTEGER}'))
            if record.sources is not None:
                pairs.append((p["sources"], f'"{record.sources}"{_INTEGER}'))
        source = f"{_ACTOR}{record.source}>" if record.source else None
        target = f"{_ACTOR}{record.target}>" if record.target else None
        if target is not None:
            pairs.append((p["targetActor"], target))
        if source is not None:
            pairs.append((p["sourceActor"], source))
        if record.country is not None and not attack and record.details is None:
            # A record of violence that is no attack (CAMEO 18, 20): where it happened, so
            # that fusion can link it to a canonical event (kg.fusion.records).
            pairs.append((p["country"], f"{_ACTOR}{record.country}>"))
        out = [f"{node}{pred} {obj}{end}" for pred, obj in pairs]
        if record.details is not None:  # names, place, casualty range: kg.importers.details
            out += detail_quads(
                self.quad, node_iri, self._name, record.details,
                attack=attack, fatalities=record.fatalities, country=record.country,
            )  # fmt: skip
        if attack:
            self._attack(out, node_iri, record, source)
        elif source is not None and kind.reaction_type is not None:
            self._reaction(out, node_iri, record, source, target)
        return out

    def _reaction(
        self, out: list[str], node_iri: str, record: CodedRecord, agent: str, target: str | None
    ) -> None:
        q, p = self.quad, _P
        reaction_type = record.kind.reaction_type
        assert reaction_type is not None
        node = f"<{node_iri}>"
        reaction = f"<{_sibling(node_iri, 'reaction')}>"
        out.extend(q(reaction, p["type"], cls) for cls in _REACTION_TYPES[reaction_type])
        out.append(q(reaction, p["agent"], agent))
        if target is not None:
            out.append(q(reaction, p["target"], target))
        # No dkg:hedged: the datasets do not code hedging, so it is unknown, not false.
        # The statement's day is the record's: datasets code a reaction on the day reported.
        out.append(q(reaction, p["timeStamp"], f'"{record.date.isoformat()}"{_DATE}'))
        out.append(q(reaction, p["dateSource"], _DATASET))
        out.append(q(reaction, p["derived"], node))
        if record.speaker is not None:
            out.append(q(reaction, p["speaker"], f"{_ACTOR}{record.speaker}>"))
        if record.source_role is not None:
            out.append(q(reaction, p["speakerType"], f"<{CAMEO_ACTOR}{record.source_role}>"))
        # The shortcut is written for every reaction not marked hedged (kg.ttl's rule):
        # a dataset's coding asserts the reaction without a hedge.
        if reaction_type.value == "callsForCeasefire":
            out.append(q(agent, f"<{DKG.callsForCeasefire}>", _TRUE))
        elif target is not None:
            out.append(q(agent, f"<{DKG}{reaction_type.value}>", target))

    def _attack(
        self, out: list[str], node_iri: str, record: CodedRecord, perpetrator: str | None
    ) -> None:
        q, p = self.quad, _P
        node = f"<{node_iri}>"
        out.extend(q(node, p["type"], cls) for cls in _ATTACK_TYPES[record.kind])
        if record.country is not None:
            out.append(q(node, p["country"], f"{_ACTOR}{record.country}>"))
        if perpetrator is not None:
            claim = f"<{_sibling(node_iri, 'attribution')}>"
            out.append(q(node, p["hasAttribution"], claim))
            out.extend(q(claim, p["type"], cls) for cls in _ATTRIBUTION)
            out.append(q(claim, p["perpetrator"], perpetrator))
            out.append(q(claim, p["derived"], node))
        if record.fatalities is not None:
            figure = f"<{_sibling(node_iri, 'quantity')}/killed>"
            value = f'"{record.fatalities}"{_INTEGER}'
            out.append(q(node, p["killed"], figure))
            out.extend(q(figure, p["type"], cls) for cls in _FIGURE)
            out.append(q(figure, p["minValue"], value))
            out.append(q(figure, p["maxValue"], value))
            out.append(q(figure, p["derived"], node))
