"""The record model: one row of a coded event dataset, checked, before it becomes RDF.

Every reader (``kg.importers.gdelt``, ``icews``, ``plover``, ``acled``) turns a source row
into a :class:`CodedRecord`; ``kg.importers.nquads`` turns records into quads. Actors are
already resolved here: ``source`` and ``target`` are reference actor ids (a state or an
organisation, never a body), ``source_role`` keeps the CAMEO type of the body that spoke
(``GOV``, ``MIL``...), ``speaker`` an identified reference body or person when the source
names one.

>>> r = CodedRecord(dataset="gdelt", record_id="881990833", date="2018-10-24",
...                 code="040", kind="other", source="EU", confidence=0.5)
>>> r.merge_key, r.kind.reaction_type
('881990833', None)
>>> Kind.CONDEMNS.reaction_type
<ReactionType.CONDEMNS: 'condemns'>
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    StringConstraints,
    ValidationError,
)

from kg.importers.details import EventDetails
from kg.model import ActorId, ReactionType

__all__ = ["CodedRecord", "Dataset", "Kind", "Scheme", "describe_error"]


class Dataset(StrEnum):
    """The datasets ``kg import`` reads."""

    GDELT = "gdelt"
    ICEWS = "icews"
    PLOVER = "plover"
    ACLED = "acled"
    UCDP = "ucdp"


class Scheme(StrEnum):
    """The code scheme of a record's event code (``ontology/cameo.ttl``, ``plover.ttl``)."""

    CAMEO = "cameo"
    PLOVER = "plover"


class Kind(StrEnum):
    """What a record becomes: one of the reaction types, a kind of attack, or ``other``
    (kept as a generic coded event with its code)."""

    CONDEMNS = "condemns"
    BLAMES = "blames"
    SUPPORTS = "supports"
    SOLIDARITY = "expressesSolidarityWith"
    THREATENS = "threatens"
    CEASEFIRE = "callsForCeasefire"
    STRIKE = "strike"
    AIR_STRIKE = "air_strike"
    DRONE_STRIKE = "drone_strike"
    EXPLOSION = "explosion"
    OTHER = "other"

    @property
    def reaction_type(self) -> ReactionType | None:
        """The reaction type of a reaction kind, else None."""
        try:
            return ReactionType(self.value)
        except ValueError:
            return None

    @property
    def is_attack(self) -> bool:
        """Strikes and explosions: events with a perpetrator, counted in the aggregates.

        >>> Kind.DRONE_STRIKE.is_attack, Kind.OTHER.is_attack
        (True, False)
        """
        return self in _ATTACKS


_ATTACKS = frozenset({Kind.STRIKE, Kind.AIR_STRIKE, Kind.DRONE_STRIKE, Kind.EXPLOSION})

#: A dataset's own record id: no white space, at most 200 characters.
RecordId = Annotated[str, StringConstraints(pattern=r"^\S{1,200}$")]
#: A CAMEO event code ("111", "0256") or a PLOVER type with an optional mode ("ACCUSE-allege").
Code = Annotated[str, StringConstraints(pattern=r"^(?:[0-9]{2,4}|[A-Z]+(?:-[a-z][a-z-]*)?)$")]
#: A CAMEO actor type code (``GOV``, ``MIL``): the body that spoke for the state.
CameoType = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=4000)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=500)]


class CodedRecord(BaseModel):
    """One row of a coded event dataset: what happened (``code``, ``kind``), when, between
    whom, and where it comes from (dataset, record id, source URL, mentions, sources).

    ``signature`` is the duplicate key of datasets that re-emit events under new ids
    (GDELT); records with the same signature are merged. Without one, the record id is
    the key. ``confidence`` is in [0, 1] (see ``kg.importers.confidence``).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    dataset: Dataset
    record_id: RecordId
    signature: str | None = None
    date: dt.date
    scheme: Scheme = Scheme.CAMEO
    code: Code | None = None
    kind: Kind
    event_type: Text | None = None
    source: ActorId | None = None
    source_role: CameoType | None = None
    speaker: ActorId | None = None
    target: ActorId | None = None
    country: ActorId | None = None
    url: Url | None = None
    publisher: Text | None = None
    mentions: NonNegativeInt | None = None
    sources: NonNegativeInt | None = None
    fatalities: NonNegativeInt | None = None
    confidence: Annotated[float, Field(ge=0.0, le=1.0)]
    #: Actor names, place and coordinates, casualty range (ACLED, UCDP, POLECAT).
    details: EventDetails | None = None

    @property
    def merge_key(self) -> str:
        """What duplicates share: the signature if there is one, else the record id."""
        return self.signature if self.signature is not None else self.record_id


def describe_error(exc: Exception) -> str:
    """One line saying why a row was rejected; pydantic's errors named by field.

    >>> try:
    ...     CodedRecord(dataset="gdelt", record_id="1", date="2019-02-30", kind="other",
    ...                 confidence=0.5)
    ... except ValueError as exc:
    ...     print(describe_error(exc))
    date: Input should be a valid date or datetime, day value is outside expected range
    """
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return f"{where}: {first['msg']}"
    return str(exc)
