"""POLECAT's published tab-separated event files → records.

POLECAT (the PLOVER-coded successor of ICEWS) is distributed as TSV files whose first line
names the columns. The layout read here is the 40 column names that public code reading
those files lists, in this order: ``Event ID``, ``Event Date``, ``Event Type``, ``Event
Mode``, ``Intensity``, ``Quad Code``, ``Contexts``, ``Actor Name``, ``Actor Country``,
``Actor COW``, ``Primary Actor Sector``, ``Actor Sectors``, ``Actor Title``, ``Actor Name
Raw``, ``Wikipedia Actor ID``, ``Recipient Name``, ``Recipient Country``, ``Recipient COW``,
``Primary Recipient Sector``, ``Recipient Sectors``, ``Recipient Title``, ``Recipient Name
Raw``, ``Wikipedia Recipient ID``, ``Placename``, ``City``, ``District``, ``Province``,
``Country``, ``Latitude``, ``Longitude``, ``GeoNames ID``, ``Raw Placename``, ``Feature
Type``, ``Source``, ``Publication Date``, ``Story People``, ``Story Organizations``,
``Story Locations``, ``Language``, ``Version``. Columns are found by name (any case, any
order); needed: ``Event ID``, ``Event Date``, ``Event Type``. What the values look like
(case of event types, separators of lists) was not documented with the header: event types
and modes are read in any case, lists split on ``;``, and sectors may be words
("Government", "Military") or CAMEO codes (``GOV``).

Each row gives one record per resolved actor, as PLOVER's JSON records do
(``kg.importers.plover``; "France;Germany" gives two, merged by event id and actor), the
first resolved recipient as target; every actor and recipient name is kept
(``kg.importers.details``), with the place and its coordinates.

>>> row = {"event id": "P-1", "event date": "2023-05-02", "event type": "accuse",
...        "event mode": "disapprove", "actor name": "Russia", "actor country": "RUS",
...        "primary actor sector": "Government", "recipient name": "Ukraine",
...        "recipient country": "UKR", "placename": "Kyiv", "country": "UKR",
...        "latitude": "50.45", "longitude": "30.52"}
>>> [r] = parse_row(row, ActorResolver())
>>> r.code, r.kind.value, r.source, r.source_role, r.target
('ACCUSE-disapprove', 'condemns', 'RUS', 'GOV', 'UKR')
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

from kg.importers import confidence
from kg.importers.actorcodes import ActorResolver, ResolvedActor
from kg.importers.codes import UnknownCodeError, plover_event
from kg.importers.dates import parse_date
from kg.importers.details import EventDetails, NamedActor, Place
from kg.importers.numbers import decimal
from kg.importers.records import CodedRecord, Dataset, Scheme
from kg.importers.source import DEFAULT_MAX_LINE_BYTES, Detected, ProgressCallback, Rejection
from kg.importers.table import cell as table_cell
from kg.importers.table import table_records

__all__ = ["REQUIRED", "parse_row", "read_polecat"]

REQUIRED = ("event id", "event date", "event type")
#: POLECAT's sector words for the organs of a state, as CAMEO actor types.
_SECTORS = {
    "government": "GOV",
    "executive": "GOV",
    "foreign ministry": "GOV",
    "diplomacy": "GOV",
    "military": "MIL",
    "police": "COP",
    "judiciary": "JUD",
    "intelligence": "SPY",
    "legislature": "LEG",
    "legislative": "LEG",
}


def _sector(text: str) -> str:
    word = text.strip()
    return _SECTORS.get(word.lower(), word.upper())


def _parties(
    cells: Mapping[str, str], side: str, resolver: ActorResolver
) -> tuple[list[ResolvedActor], list[NamedActor]]:
    def cell(name: str) -> str:
        return table_cell(cells, f"{side} {name}")

    names = [n.strip() for n in cell("name").split(";")]
    countries = [c.strip() for c in cell("country").split(";")]
    sectors = [s.strip() for s in table_cell(cells, f"primary {side} sector").split(";")]
    resolved: list[ResolvedActor] = []
    named: list[NamedActor] = []
    for i, name in enumerate(names):
        country = countries[i] if i < len(countries) else (countries[0] if countries else "")
        sector = sectors[i] if i < len(sectors) else (sectors[0] if sectors else "")
        actor = resolver.plover(country, _sector(sector), name)
        if actor is not None and actor not in resolved:
            resolved.append(actor)
        if name:
            named.append(
                NamedActor(
                    role=side,
                    name=name[:500],
                    actor_type=sector[:100] or None,
                    resolved=actor.actor if actor else None,
                )
            )
    return resolved, named


def parse_row(cells: Mapping[str, str], resolver: ActorResolver) -> list[CodedRecord]:
    """The records of one POLECAT row (cells by lower-case column name): one per resolved
    actor, as for PLOVER's JSON records, at least one; ``ValueError`` says what is wrong.

    Raises
    ------
    UnknownCodeError
        The row's event code is not of its scheme (a ``ValueError``).
    ValueError
        Another cell is missing or malformed.
    """

    def cell(name: str) -> str:
        return table_cell(cells, name)

    code, kind = plover_event(cell("event type"), cell("event mode"), cell("contexts"))
    sources, source_names = _parties(cells, "actor", resolver)
    targets, target_names = _parties(cells, "recipient", resolver)
    place_country = cell("country")
    country = resolver.state(place_country) or resolver.state_by_name(place_country)
    record_id = cell("event id")
    common: dict[str, Any] = {
        "dataset": Dataset.PLOVER,
        "record_id": record_id,
        "date": parse_date(cell("event date"), name="Event Date"),
        "scheme": Scheme.PLOVER,
        "code": code,
        "kind": kind,
        "target": targets[0].actor if targets else None,
        "country": country,
        "publisher": cell("source")[:500] or None,
        "confidence": confidence.DEFAULT,
        "details": EventDetails(
            actors=(*source_names, *target_names),
            place=Place(
                name=(cell("placename") or cell("city") or cell("province"))[:500] or None,
                latitude=decimal(cell("latitude"), "Latitude"),
                longitude=decimal(cell("longitude"), "Longitude"),
            ),
        ),
    }
    if len(sources) <= 1:
        source = sources[0] if sources else None
        actor, role = (source.actor, source.role) if source else (None, None)
        return [CodedRecord(**common, source=actor, source_role=role)]
    return [
        CodedRecord(
            **common, signature=f"{record_id}\x1f{s.actor}", source=s.actor, source_role=s.role
        )
        for s in sources
    ]


def read_polecat(
    path: str | os.PathLike[str],
    resolver: ActorResolver,
    *,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    progress: ProgressCallback | None = None,
) -> Iterator[CodedRecord | Rejection | Detected]:
    """The records of a POLECAT TSV file, the rejected rows, and first what the file is.

    Raises
    ------
    SourceError
        The file cannot be read, or is not of this dataset (raised while iterating; a
        malformed row is a ``Rejection``, not an error).
    """
    return table_records(
        path, lambda cells: parse_row(cells, resolver), required=REQUIRED,
        what="a POLECAT event file", layout="POLECAT layout",
        errors=(ValueError, UnknownCodeError), max_line_bytes=max_line_bytes, progress=progress,
    )  # fmt: skip
