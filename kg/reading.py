"""How a document was read: curated by a person, or extracted by the program.

One article can have two readings at once, a curated one (an annotation file, ``kg add``)
and an extracted one (``kg ingest``). Each is its own named graph with its own document
node, and neither replaces the other: the curated reading lives in the graph named by the
document's IRI (as it always has), the extracted one in that IRI followed by
``/extracted``. Each says how it was made with PROV-O (see ``reading_quads``)::

    <doc/x> prov:wasGeneratedBy <activity/...> .
    <activity/...> a dkg:Curation ;            # or dkg:Extraction
        prov:wasAssociatedWith <agent/...> ;   # the annotator, or the extractor
        prov:endedAtTime "..."^^xsd:dateTime .

The time of a curation is when the annotation file was last saved; that of an extraction
is when it ran. Neither takes part in telling whether a reading changed: adding the same
reading again keeps the provenance it was first added with (``provenance_quads`` names the
quads to set aside).

>>> Reading().kind.value
'curated'
>>> reading_graph("belgorod-2023-12-30", ReadingKind.EXTRACTED).value
'https://w3id.org/diplomatic-kg/id/doc/belgorod-2023-12-30/extracted'
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, StringConstraints
from pyoxigraph import Literal, NamedNode, Quad

from kg.closure import type_nodes
from kg.vocab import OX

__all__ = [
    "EXTRACTOR",
    "Reading",
    "ReadingKind",
    "provenance_quads",
    "reading_graph",
    "reading_quads",
    "reading_record",
]

#: The name the extractor goes by in the provenance of what it reads.
EXTRACTOR = "kg extract"

Name = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]


class ReadingKind(StrEnum):
    """Who read the document: a person (curated) or the program (extracted)."""

    CURATED = "curated"
    EXTRACTED = "extracted"


class Reading(BaseModel):
    """The provenance of one reading of a document.

    ``annotator`` is the curator's name when the annotation file gives one; ``software``,
    ``version`` and ``model`` describe an extraction (``model`` is ``None`` for the
    rule-based extractor, which uses no trained model). Times are UTC.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: ReadingKind = ReadingKind.CURATED
    annotator: Name | None = None
    software: Name | None = None
    version: Name | None = None
    model: Name | None = None
    started: dt.datetime | None = None
    ended: dt.datetime | None = None

    @classmethod
    def curation(cls, annotator: str | None = None, at: dt.datetime | None = None) -> Self:
        """A curated reading, finished at ``at`` (the annotation file's save time)."""
        return cls(kind=ReadingKind.CURATED, annotator=annotator, ended=at)

    @classmethod
    def extraction(cls, started: dt.datetime, ended: dt.datetime, model: str | None = None) -> Self:
        """A reading by this version of the extractor, run from ``started`` to ``ended``."""
        from kg import __version__

        return cls(
            kind=ReadingKind.EXTRACTED,
            software=EXTRACTOR,
            version=__version__,
            model=model,
            started=started,
            ended=ended,
        )


def now() -> dt.datetime:
    """The current time in UTC, to the second (what the provenance records)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def reading_graph(doc_id: str, kind: ReadingKind) -> NamedNode:
    """The graph (and document node) of a reading: the document's IRI for the curated
    reading, ``<IRI>/extracted`` for the extracted one (a document id has no ``/``, so
    the two never meet)."""
    suffix = "" if kind is ReadingKind.CURATED else "/extracted"
    return OX.ID[f"doc/{doc_id}{suffix}"]


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _time(value: dt.datetime) -> Literal:
    utc = value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return Literal(utc.isoformat().replace("+00:00", "Z"), datatype=OX.XSD.dateTime)


def reading_quads(graph: NamedNode, reading: Reading) -> list[Quad]:
    """The PROV-O description of how the reading in ``graph`` was made, in that graph."""
    curated = reading.kind is ReadingKind.CURATED
    activity = OX.ID[f"activity/{_hash(graph.value)}"]
    quads: list[Quad] = []

    def add(s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        quads.append(Quad(s, p, o, graph))

    add(graph, OX.PROV.wasGeneratedBy, activity)
    # The class and its superclasses (prov:Activity): a generic PROV query finds it.
    for cls in type_nodes(OX.DKG.Curation if curated else OX.DKG.Extraction):
        add(activity, OX.RDF.type, cls)
    if reading.started is not None:
        add(activity, OX.PROV.startedAtTime, _time(reading.started))
    if reading.ended is not None:
        add(activity, OX.PROV.endedAtTime, _time(reading.ended))
    if curated and reading.annotator is not None:
        agent = OX.ID[f"agent/annotator/{_hash(reading.annotator)}"]
        add(activity, OX.PROV.wasAssociatedWith, agent)
        for cls in type_nodes(OX.PROV.Person):
            add(agent, OX.RDF.type, cls)
        add(agent, OX.RDFS.label, Literal(reading.annotator))
    if not curated:
        software = reading.software or EXTRACTOR
        version = reading.version or "unknown"
        agent = OX.ID[f"agent/software/{_hash(software, version)}"]
        add(activity, OX.PROV.wasAssociatedWith, agent)
        for cls in type_nodes(OX.PROV.SoftwareAgent):
            add(agent, OX.RDF.type, cls)
        add(agent, OX.RDFS.label, Literal(software))
        add(agent, OX.SCHEMA.softwareVersion, Literal(version))
        if reading.model is not None:
            add(activity, OX.DKG.extractionModel, Literal(reading.model))
    return quads


def provenance_quads(graph: NamedNode, quads: Iterable[Quad]) -> set[Quad]:
    """The quads of ``quads`` that describe how the reading was made (``reading_quads``),
    found by their shape: the graph's ``prov:wasGeneratedBy`` and everything said about
    its activity and that activity's agents."""
    quads = list(quads)
    generated, associated = OX.PROV.wasGeneratedBy, OX.PROV.wasAssociatedWith
    activities = {q.object for q in quads if q.subject == graph and q.predicate == generated}
    agents = {q.object for q in quads if q.subject in activities and q.predicate == associated}
    return {
        q
        for q in quads
        if (q.subject == graph and q.predicate == generated)
        or q.subject in activities
        or q.subject in agents
    }


def reading_record(row: dict[str, Any]) -> dict[str, Any]:
    """A row of the ``readings`` named query as the json view shows it: ``id``,
    ``reading`` (``"curated"`` or ``"extracted"``; ``None`` for a graph written before
    readings had provenance), ``graph``, ``annotator``, ``software``, ``version``,
    ``model``, ``started``, ``ended`` (ISO 8601 text, UTC)."""
    kinds = {
        OX.DKG.Curation.value: ReadingKind.CURATED,
        OX.DKG.Extraction.value: ReadingKind.EXTRACTED,
    }
    kind = kinds.get(str(row.get("kind")))
    return {
        "id": row["id"],
        "reading": kind.value if kind is not None else None,
        "graph": row["graph"],
        **{key: row.get(key) for key in ("annotator", "software", "version", "model")},
        **{key: None if row.get(key) is None else str(row[key]) for key in ("started", "ended")},
    }
