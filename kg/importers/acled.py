"""ACLED event files → records: the export tool's CSV, the R and Python clients' CSV,
researchers' re-exports, the API's JSON, Excel; plain, gzip or zip (``kg.importers.table``).

Columns are found by name (any case); needed: ``event_id_cnty``, ``event_date``,
``event_type``, ``actor1``, ``fatalities``; used when present: ``sub_event_type``,
``actor2``, ``assoc_actor_1``/``2``, ``inter1``/``inter2``, ``country``, ``iso3``,
``location``, ``latitude``, ``longitude``, ``source``, ``timestamp``,
``deleted_timestamp``. A file of only ``event_id_cnty`` and ``deleted_timestamp`` (ACLED's
list of deleted events, CSV or the API's JSON) is read as deletions. Counts may be written
as floats (``0.0``, as the R client does); dates as ISO, ``16 May 2025``, or numeric with
or without a time (``14/08/2020 00:00:00``), day-first or month-first as the whole file
shows (``kg.importers.dates``).

The file is read twice. The first pass finds, for each ``event_id_cnty``, its newest
``timestamp`` (ACLED's time of the row's last change) and whether a row marks the event
deleted (``deleted_timestamp``); the second imports only the newest rows: an older version
of an event, or a deleted event, is skipped (counted, with its reason), so an update never
gives a duplicate. Between imports, the ``timestamp`` is kept on the coded event
(``dcterms:modified``): a newer version in a later file replaces the stored record, and a
deletion row removes it (``kg.importers.versions``).

Attacks (explosions and remote violence: air or drone strikes, shelling, artillery and
missile attacks, remote explosives, suicide bombs, grenades) become strikes and explosions
with ``actor1`` as the alleged perpetrator, ``actor2`` as target, ``country`` and the
fatalities (``dkg:killed``); every other event is a generic coded event with ACLED's event
type and its fatalities. ``actor1``/``actor2`` resolve when they are state forces ("Military
Forces of Russia (2000-)") or an organisation of the actor registry; every actor name is
kept, with its ``inter`` type, and the place with its coordinates (``kg.importers.details``).

ACLED's terms of use forbid republishing its rows: the project's fixtures are made up in
its column layouts.

>>> row = {"event_id_cnty": "UKR1", "event_date": "01/03/2022",
...        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
...        "actor1": "Military Forces of Russia (2000-)", "inter1": "8.0",
...        "actor2": "Civilians (Ukraine)", "country": "Ukraine", "fatalities": "4.0",
...        "source": "A; B", "latitude": "50.45", "longitude": "30.52", "location": "Kyiv"}
>>> r = parse_row(row, ActorResolver())
>>> r.date, r.kind.value, r.source, r.country, r.fatalities, r.sources, r.confidence
(datetime.date(2022, 3, 1), 'strike', 'RUS', 'UKR', 4, 2, 0.96)
>>> [(a.name, a.actor_type, a.resolved) for a in r.details.actors]
[('Military Forces of Russia (2000-)', '8', 'RUS'), ('Civilians (Ukraine)', None, None)]
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from kg.importers import confidence
from kg.importers.actorcodes import ActorResolver
from kg.importers.codes import UnknownCodeError, acled_event
from kg.importers.dates import DateOrder, parse_date
from kg.importers.details import EventDetails, NamedActor, Place
from kg.importers.numbers import count, decimal
from kg.importers.records import CodedRecord, Dataset, Kind, describe_error
from kg.importers.source import (
    DEFAULT_MAX_LINE_BYTES,
    Deletion,
    Detected,
    ProgressCallback,
    Rejection,
    Skipped,
)
from kg.importers.table import Row, read_table
from kg.importers.table import cell as table_cell

__all__ = ["parse_row", "read_acled"]

_REQUIRED = ("event_id_cnty", "event_date", "event_type", "actor1", "fatalities")
#: The layout of ACLED's list of deleted events (its API's ``deleted`` endpoint).
_DELETIONS = ("event_id_cnty", "deleted_timestamp")
#: ACLED's sources are coded by its researchers: one source is worth more than GDELT's.
_PER_SOURCE = 0.8


def _timestamp(text: str) -> float:
    """ACLED's ``timestamp``: Unix seconds, or a date and time as a re-export writes it
    (UTC unless it says otherwise); '' or anything else is the oldest (0), so that an odd
    timestamp never costs the row.

    >>> _timestamp("1651000001.0"), _timestamp("2022-04-26 19:06:41"), _timestamp("soon")
    (1651000001.0, 1651000001.0, 0.0)
    """
    text = text.strip()
    try:
        return float(text) if text else 0.0
    except ValueError:
        pass
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return 0.0
    return (when if when.tzinfo else when.replace(tzinfo=dt.UTC)).timestamp()


def _version(stamp: float) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(stamp, dt.UTC) if stamp > 0 else None


def _named(role: str, name: str, kind: str, resolver: ActorResolver) -> NamedActor:
    resolved = resolver.acled(name)
    return NamedActor(
        role=role,
        name=name[:500],
        actor_type=kind.removesuffix(".0")[:100] or None,
        resolved=resolved.actor if resolved else None,
    )


def parse_row(
    cells: Mapping[str, str], resolver: ActorResolver, *, day_first: bool = True
) -> CodedRecord:
    """One ACLED row (cells by lower-case column name) as a record; ``ValueError`` says
    what is wrong.

    Raises
    ------
    UnknownCodeError
        The row's event code is not of its scheme (a ``ValueError``).
    ValueError
        Another cell is missing or malformed.
    """

    def cell(name: str) -> str:
        return table_cell(cells, name)

    event_type, sub_event_type = cell("event_type"), cell("sub_event_type")
    if sub_event_type:
        code, kind = acled_event(event_type, sub_event_type)
    elif event_type:  # files before 2019 have event types only
        code, kind = None, Kind.OTHER
    else:
        raise UnknownCodeError("an ACLED event needs an event_type")
    fatalities = count(cell("fatalities"), "fatalities")
    if fatalities is None:
        raise ValueError("fatalities '' is not a count")
    names = [s for s in cell("source").split(";") if s.strip()]
    actor1, actor2 = cell("actor1"), cell("actor2")
    source = resolver.acled(actor1)
    target = resolver.acled(actor2)
    country = resolver.state(cell("iso3")) or resolver.state_by_name(cell("country"))
    named = [_named("actor1", actor1, cell("inter1"), resolver)] if actor1 else []
    if actor2:
        named.append(_named("actor2", actor2, cell("inter2"), resolver))
    for role in ("assoc_actor_1", "assoc_actor_2"):
        named += [_named(role, n.strip(), "", resolver) for n in cell(role).split(";") if n.strip()]
    latitude, longitude = (
        decimal(cell("latitude"), "latitude"),
        decimal(cell("longitude"), "longitude"),
    )
    place = Place(name=cell("location")[:500] or None, latitude=latitude, longitude=longitude)
    return CodedRecord(
        dataset=Dataset.ACLED,
        record_id=cell("event_id_cnty"),
        date=parse_date(cell("event_date"), day_first=day_first, name="event_date"),
        code=code,
        kind=kind,
        event_type=f"{event_type}: {sub_event_type}" if sub_event_type else event_type,
        source=source.actor if source else None,
        source_role=source.role if source else None,
        target=target.actor if target else None,
        country=country,
        publisher=cell("source")[:500] or None,
        sources=len(names) or None,
        fatalities=fatalities,
        confidence=confidence.from_sources(len(names), per_source=_PER_SOURCE),
        details=EventDetails(
            actors=tuple(named), place=place, version=_version(_timestamp(cell("timestamp")))
        ),
    )


@dataclass
class _Versions:
    """What the first pass learns: the newest timestamp of each event, the deletions, the
    date order."""

    newest: dict[str, float] = field(default_factory=dict)
    deleted: dict[str, float] = field(default_factory=dict)
    dates: DateOrder = field(default_factory=DateOrder)

    def see(self, row: Row) -> None:
        event_id = row.get("event_id_cnty")
        self.dates.see(row.get("event_date"))
        stamp = _timestamp(row.get("timestamp"))
        if row.get("deleted_timestamp"):
            gone = _timestamp(row.get("deleted_timestamp"))
            self.deleted[event_id] = max(gone, self.deleted.get(event_id, gone))
            return
        self.newest[event_id] = max(stamp, self.newest.get(event_id, stamp))

    def why_not(self, row: Row) -> str | None:
        """Why a row is not the event's current version, or None when it is."""
        event_id = row.get("event_id_cnty")
        stamp = _timestamp(row.get("timestamp"))
        if event_id in self.deleted and self.deleted[event_id] >= stamp:
            return f"ACLED event {event_id} was deleted (deleted_timestamp)"
        if stamp < self.newest.get(event_id, stamp):
            return f"an older version of ACLED event {event_id} (a newer timestamp follows)"
        return None


def read_acled(
    path: str | os.PathLike[str],
    resolver: ActorResolver,
    *,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    progress: ProgressCallback | None = None,
) -> Iterator[CodedRecord | Rejection | Skipped | Deletion | Detected]:
    """The records of an ACLED file, the rows skipped as older versions, the deletions, the
    rejected rows, and first what the file was found to be.

    Raises
    ------
    SourceError
        The file cannot be read, or is not of this dataset (raised while iterating; a
        malformed row is a ``Rejection``, not an error).
    """

    def rows(progress: ProgressCallback | None) -> Iterator[Detected | Row | Rejection]:
        return read_table(
            path, required=_REQUIRED, what="an ACLED export", or_required=_DELETIONS,
            max_line_bytes=max_line_bytes, progress=progress,
        )  # fmt: skip

    versions = _Versions()
    for item in rows(None):
        if isinstance(item, Row):
            versions.see(item)
    day_first = versions.dates.day_first
    for item in rows(progress):
        if isinstance(item, Detected):
            layout = "ACLED API layout" if "JSON" in item.description else "ACLED export layout"
            if not versions.newest and versions.deleted:
                layout = "ACLED deleted-events list"
            yield Detected(
                item.source, f"{item.description}, {layout}, {versions.dates.describe()}"
            )
            continue
        if isinstance(item, Rejection):
            yield item
            continue
        try:
            if item.get("deleted_timestamp"):
                gone = _timestamp(item.get("deleted_timestamp"))
                yield Deletion(item.source, item.number, item.get("event_id_cnty"), _version(gone))
                continue
            why = versions.why_not(item)
            if why is not None:
                yield Skipped(item.source, item.number, why)
                continue
            yield parse_row(item.cells, resolver, day_first=day_first)
        except (ValueError, UnknownCodeError) as exc:
            yield Rejection(item.source, item.number, describe_error(exc))
