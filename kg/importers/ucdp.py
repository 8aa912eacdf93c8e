"""UCDP Georeferenced Event Dataset (GED) files → records.

Reads GED's CSV (as UCDP publishes it, or re-exported: any delimiter, gzip, zip, Excel,
the API's JSON; ``kg.importers.table``), columns by name; needed: ``id``, ``side_a``,
``side_b``, ``date_start``, ``best``; used when present: ``low``, ``high``, ``date_end``,
``type_of_violence``, ``conflict_name``, ``country``, ``where_coordinates``, ``adm_1``,
``latitude``, ``longitude``, ``number_of_sources``, ``source_office``.

Each row gives one generic coded event (GED's events are not CAMEO-coded), dated
``date_start`` (``date_end`` kept when later), with:

* ``side_a`` / ``side_b`` as source and target where they resolve ("Government of Ukraine"
  → UKR, "Government of Russia (Soviet Union)" → RUS), and both kept as named actors;
* the deaths as a casualty range: ``low`` to ``high``, ``best`` as the figure's value and the
  record's fatalities. GED's low ≤ best ≤ high does not always hold (13 of the 3,077 rows
  of the Ukraine extract break it): the range is widened to hold all three;
* the place (``where_coordinates``, else ``adm_1``) with its coordinates and country.

>>> row = {"id": "1", "side_a": "Government of Ukraine", "side_b": "DPR",
...        "date_start": "2014-07-01", "date_end": "2014-07-02", "best": "5", "low": "4",
...        "high": "7", "country": "Ukraine", "where_coordinates": "Donetsk town",
...        "latitude": "48.0", "longitude": "37.8", "type_of_violence": "1"}
>>> r = parse_row(row, ActorResolver())
>>> r.source, r.target, r.country, r.fatalities, r.details.killed_low, r.details.killed_high
('UKR', None, 'UKR', 5, 4, 7)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping

from kg.importers import confidence
from kg.importers.actorcodes import ActorResolver, ResolvedActor
from kg.importers.dates import parse_date
from kg.importers.details import EventDetails, NamedActor, Place
from kg.importers.numbers import count, decimal
from kg.importers.records import CodedRecord, Dataset, Kind
from kg.importers.source import DEFAULT_MAX_LINE_BYTES, Detected, ProgressCallback, Rejection
from kg.importers.table import cell as table_cell
from kg.importers.table import table_records

__all__ = ["parse_row", "read_ucdp"]

_REQUIRED = ("id", "side_a", "side_b", "date_start", "best")
_VIOLENCE = {"1": "state-based conflict", "2": "non-state conflict", "3": "one-sided violence"}
_GOVERNMENT = re.compile(r"^Government of (?P<country>[^()]+?)\s*(?:\(.*\))?$")
_PARENS = re.compile(r"\s*\(.*\)\s*$")
#: GED is coded by researchers from the sources it counts, as ACLED.
_PER_SOURCE = 0.8


def resolve(name: str, resolver: ActorResolver) -> ResolvedActor | None:
    """A GED side: "Government of X" is state X's government; an organisation of the
    registry resolves to itself (as ACLED's names do).

    >>> resolve("Government of Russia (Soviet Union)", ActorResolver())
    ResolvedActor(actor='RUS', role='GOV', speaker=None)
    """
    match = _GOVERNMENT.match(name.strip())
    if match:
        state = resolver.state_by_name(match["country"])
        return ResolvedActor(state, "GOV") if state else None
    return resolver.acled(name)


def parse_row(cells: Mapping[str, str], resolver: ActorResolver) -> CodedRecord:
    """One GED row (cells by lower-case column name) as a record; ``ValueError`` says what
    is wrong."""

    def cell(name: str) -> str:
        return table_cell(cells, name)

    record_id = cell("id").removesuffix(".0")
    best = count(cell("best"), "best")
    if best is None:
        raise ValueError("best '' is not a count")
    low, high = count(cell("low"), "low"), count(cell("high"), "high")
    estimates = [n for n in (low, best, high) if n is not None]
    start = parse_date(cell("date_start"), name="date_start")
    end = parse_date(cell("date_end"), name="date_end") if cell("date_end") else start
    if end < start:
        raise ValueError(f"date_end {cell('date_end')!r} is before date_start")
    side_a, side_b = cell("side_a"), cell("side_b")
    source, target = resolve(side_a, resolver), resolve(side_b, resolver)
    named = [
        NamedActor(role=role, name=name[:500], resolved=actor.actor if actor else None)
        for role, name, actor in (("side_a", side_a, source), ("side_b", side_b, target))
        if name
    ]
    country_name = cell("country")
    country = resolver.state_by_name(country_name) or resolver.state_by_name(
        _PARENS.sub("", country_name)
    )
    place = Place(
        name=(cell("where_coordinates") or cell("adm_1"))[:500] or None,
        latitude=decimal(cell("latitude"), "latitude"),
        longitude=decimal(cell("longitude"), "longitude"),
    )
    violence = _VIOLENCE.get(cell("type_of_violence").removesuffix(".0"), "organised violence")
    conflict = cell("conflict_name")
    sources = count(cell("number_of_sources"), "number_of_sources")
    return CodedRecord(
        dataset=Dataset.UCDP,
        record_id=record_id,
        date=start,
        kind=Kind.OTHER,
        event_type=(f"{violence}: {conflict}" if conflict else violence)[:500],
        source=source.actor if source else None,
        source_role=source.role if source else None,
        target=target.actor if target else None,
        country=country,
        publisher=cell("source_office")[:500] or None,
        sources=sources,
        fatalities=best,
        confidence=confidence.from_sources(sources, per_source=_PER_SOURCE),
        details=EventDetails(
            actors=tuple(named),
            place=place,
            killed_low=min(estimates),
            killed_high=max(estimates),
            end=end if end != start else None,
        ),
    )


def read_ucdp(
    path: str | os.PathLike[str],
    resolver: ActorResolver,
    *,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    progress: ProgressCallback | None = None,
) -> Iterator[CodedRecord | Rejection | Detected]:
    """The records of a UCDP GED file, the rejected rows, and first what the file is.

    Raises
    ------
    SourceError
        The file cannot be read, or is not of this dataset (raised while iterating; a
        malformed row is a ``Rejection``, not an error).
    """
    return table_records(
        path, lambda cells: [parse_row(cells, resolver)], required=_REQUIRED,
        what="a UCDP GED file", layout="UCDP GED layout",
        max_line_bytes=max_line_bytes, progress=progress,
    )  # fmt: skip
