"""What conflict datasets (ACLED, UCDP GED, POLECAT) say about an event beyond its code:
every actor name, the place with its coordinates, the casualty range; and its quads.

A record's :class:`EventDetails` (``CodedRecord.details``) is written by
:func:`detail_quads` next to the coded event (``kg.importers.nquads``), in the Simple Event
Model's terms (SEM, already used for ``sem:eventType`` and ``sem:Place``)::

    <id/coded/acled/K> sem:hasActor <id/role/acled/K/actor1> ;
        sem:hasPlace <id/place/dataset/acled/H> ;
        sem:hasEndTimeStamp "2022-03-04"^^xsd:date ;               # UCDP's date_end, if later
        dcterms:modified "2022-04-26T17:20:00Z"^^xsd:dateTime .    # ACLED's timestamp
    <id/role/acled/K/actor1> a sem:Role ; rdfs:label "actor1" ;
        rdf:value <id/dataset-actor/acled/N> ; dc:type "8" .       # ACLED's inter1
    <id/dataset-actor/acled/N> a sem:Actor ;
        rdfs:label "Military Forces of Russia (2000-)" ;
        prov:actedOnBehalfOf id:actor/RUS .                          # only when it resolves
    <id/place/dataset/acled/H> a sem:Place ; rdfs:label "Kharkiv" ;
        schema:latitude 50.0 ; schema:longitude 36.2 ; dkg:country id:actor/UKR .

Every name is kept, resolved or not ("Civilians (Ukraine)", "NAF: United Armed Forces of
Novorossiya"): the name node is the dataset's actor, labelled; ``dkg:sourceActor`` and
``dkg:targetActor`` stay the reference actors (states, organisations) that counts use.

A record that is not an attack (``kg.importers.nquads`` writes the figure of attacks) but
has a casualty count gets its ``dkg:killed`` figure here: UCDP's ``low``/``high`` as
``schema:minValue``/``schema:maxValue`` and its ``best`` as ``schema:value``.

>>> d = EventDetails(actors=[NamedActor(role="side_a", name="Government of Ukraine",
...                                     resolved="UKR")],
...                  place=Place(name="Kyiv", latitude=50.45, longitude=30.52))
>>> len(detail_quads(lambda s, p, o: f"{s} {p} {o} .", "https://w3id.org/diplomatic-kg/id/"
...     "coded/ucdp/1", "ucdp", d, attack=False, fatalities=None, country=None))
12
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from typing import Annotated, Final

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, StringConstraints

from kg.closure import types_of
from kg.model import ActorId
from kg.vocab import DC, DCTERMS, DKG, ID, PROV, RDF, RDFS, SCHEMA, SEM, XSD

#: A casualty figure's class and superclasses.
_FIGURE_TYPES: Final = types_of(str(DKG.CasualtyFigure))

__all__ = ["EventDetails", "NamedActor", "Place", "detail_quads"]

Name = Annotated[str, StringConstraints(min_length=1, max_length=500)]
RoleName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,30}$")]


class NamedActor(BaseModel):
    """An actor as the dataset names it, in a role (``actor1``, ``side_b``...), with the
    dataset's actor type (ACLED's ``inter1``) and the reference actor it resolves to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: RoleName
    name: Name
    actor_type: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None
    resolved: ActorId | None = None


class Place(BaseModel):
    """Where the event was: a name and/or coordinates (WGS 84 degrees)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Name | None = None
    latitude: Annotated[float, Field(ge=-90, le=90)] | None = None
    longitude: Annotated[float, Field(ge=-180, le=180)] | None = None


class EventDetails(BaseModel):
    """What a record says beyond its code; ``killed_low``/``killed_high`` bound the
    record's ``fatalities`` (its best estimate) when the dataset gives a range."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    actors: tuple[NamedActor, ...] = ()
    place: Place | None = None
    killed_low: NonNegativeInt | None = None
    killed_high: NonNegativeInt | None = None
    #: The last day of an event that lasted several days (UCDP's ``date_end``).
    end: dt.date | None = None
    #: When the dataset last changed the record (ACLED's ``timestamp``): a later import of
    #: the same record id replaces it only with a newer version (``kg.importers.versions``).
    version: dt.datetime | None = None


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')
_DECIMAL: Final = f"^^<{XSD.decimal}>"
_INTEGER: Final = f"^^<{XSD.integer}>"


def _literal(text: str) -> str:
    return (
        f'"{text}"' if _NEEDS_ESCAPE.search(text) is None else json.dumps(text, ensure_ascii=False)
    )


def _hash(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).hexdigest()


Quad = Callable[[str, str, str], str]


def detail_quads(
    quad: Quad,
    node_iri: str,
    dataset: str,
    details: EventDetails,
    *,
    attack: bool,
    fatalities: int | None,
    country: str | None,
) -> list[str]:
    """The quads of a record's details; ``quad(s, p, o)`` writes one line."""
    out: list[str] = []
    node = f"<{node_iri}>"
    tail = node_iri[len(f"{ID}coded/") :]
    for named in details.actors:
        role = f"<{ID}role/{tail}/{named.role}>"
        actor = f"<{ID}dataset-actor/{dataset}/{_hash(dataset, named.name)}>"
        out.append(quad(node, f"<{SEM.hasActor}>", role))
        out.append(quad(role, f"<{RDF.type}>", f"<{SEM.Role}>"))
        out.append(quad(role, f"<{RDFS.label}>", _literal(named.role)))
        out.append(quad(role, f"<{RDF.value}>", actor))
        if named.actor_type is not None:
            out.append(quad(role, f"<{DC.type}>", _literal(named.actor_type)))
        out.append(quad(actor, f"<{RDF.type}>", f"<{SEM.Actor}>"))
        out.append(quad(actor, f"<{RDFS.label}>", _literal(named.name)))
        if named.resolved is not None:
            out.append(quad(actor, f"<{PROV.actedOnBehalfOf}>", f"<{ID}actor/{named.resolved}>"))
    if details.version is not None:
        stamp = details.version.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
        out.append(quad(node, f"<{DCTERMS.modified}>", f'"{stamp}"^^<{XSD.dateTime}>'))
    if details.end is not None:
        out.append(
            quad(node, f"<{SEM.hasEndTimeStamp}>", f'"{details.end.isoformat()}"^^<{XSD.date}>')
        )
    place = details.place
    if place is not None and (place.name is not None or place.latitude is not None):
        lat, lon = place.latitude, place.longitude
        label = place.name or f"{lat}, {lon}"
        iri = f"<{ID}place/dataset/{dataset}/{_hash(dataset, label, str(lat), str(lon))}>"
        out.append(quad(node, f"<{SEM.hasPlace}>", iri))
        out.append(quad(iri, f"<{RDF.type}>", f"<{SEM.Place}>"))
        out.append(quad(iri, f"<{RDFS.label}>", _literal(label)))
        if lat is not None and lon is not None:
            out.append(quad(iri, f"<{SCHEMA.latitude}>", f'"{lat}"{_DECIMAL}'))
            out.append(quad(iri, f"<{SCHEMA.longitude}>", f'"{lon}"{_DECIMAL}'))
        if country is not None:
            out.append(quad(iri, f"<{DKG.country}>", f"<{ID}actor/{country}>"))
    if not attack:
        if country is not None:
            out.append(quad(node, f"<{DKG.country}>", f"<{ID}actor/{country}>"))
        if fatalities is not None:
            low = details.killed_low if details.killed_low is not None else fatalities
            high = details.killed_high if details.killed_high is not None else fatalities
            figure = f"<{ID}quantity/{tail}/killed>"
            out.append(quad(node, f"<{DKG.killed}>", figure))
            # The class and its superclasses, as every writer types its nodes (kg.closure).
            out.extend(quad(figure, f"<{RDF.type}>", f"<{cls}>") for cls in _FIGURE_TYPES)
            out.append(quad(figure, f"<{SCHEMA.minValue}>", f'"{low}"{_INTEGER}'))
            out.append(quad(figure, f"<{SCHEMA.maxValue}>", f'"{high}"{_INTEGER}'))
            if details.killed_low is not None or details.killed_high is not None:
                out.append(quad(figure, f"<{SCHEMA.value}>", f'"{fatalities}"{_INTEGER}'))
            out.append(quad(figure, f"<{PROV.wasDerivedFrom}>", node))
    return out
