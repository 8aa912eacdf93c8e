"""ACLED event CSV exports → records.

Reads ACLED's comma-separated exports (quoted fields; the ``notes`` may span lines), whose
header names the columns; needed: ``event_id_cnty``, ``event_date``, ``event_type``,
``sub_event_type``, ``actor1``, ``actor2``, ``country``, ``fatalities``; used when present:
``iso3``, ``source``. Dates may be ``2022-03-01``, ``01 March 2022`` or ``01-03-2022``.

Attacks (explosions and remote violence: air or drone strikes, shelling, artillery and
missile attacks, remote explosives, suicide bombs, grenades) become strikes and explosions
with ``actor1`` as the alleged perpetrator, ``actor2`` as target, ``country`` and the
fatalities (``dkg:killed``); every other event is a generic coded event with ACLED's event
type. ACLED's codes are not CAMEO: only attacks get the closest CAMEO code
(``kg.importers.codes.acled_event``). ``actor1``/``actor2`` resolve when they are state
forces ("Military Forces of Russia (2000-)") or an organisation of the actor registry.

ACLED's terms of use forbid republishing its rows: the project's fixtures are made up in
its column layout.

>>> header = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1",
...           "actor2", "country", "fatalities", "source"]
>>> columns = Columns.from_header(header, "x.csv")
>>> row = ["UKR1", "2022-03-01", "Explosions/Remote violence", "Air/drone strike",
...        "Military Forces of Russia (2000-)", "Civilians (Ukraine)", "Ukraine", "4", "A; B"]
>>> r = parse_row(row, columns, ActorResolver())
>>> r.kind.value, r.source, r.country, r.fatalities, r.sources, r.confidence
('strike', 'RUS', 'UKR', 4, 2, 0.96)
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterator

from kg.importers import confidence
from kg.importers.actorcodes import ActorResolver
from kg.importers.codes import UnknownCodeError, acled_event
from kg.importers.records import CodedRecord, Dataset, describe_error
from kg.importers.source import (
    DEFAULT_MAX_LINE_BYTES,
    HeaderColumns,
    Line,
    ProgressCallback,
    Rejection,
    SourceError,
    read_lines,
)

__all__ = ["Columns", "parse_row", "read_acled"]

_REQUIRED = (
    "event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
    "country", "fatalities",
)  # fmt: skip
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%m-%Y", "%d/%m/%Y")
#: ACLED's sources are coded by its researchers: one source is worth more than GDELT's.
_PER_SOURCE = 0.8


class Columns(HeaderColumns):
    """Where each needed column is, from the header line."""

    @classmethod
    def from_header(cls, names: list[str], source: str) -> HeaderColumns:
        """The columns of a header; ``SourceError`` names the missing ones."""
        return cls.from_names(
            names, source, required=_REQUIRED, what="an ACLED export", fold_case=True
        )


def _date(text: str) -> dt.date:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"event_date {text!r} is not a date (YYYY-MM-DD, DD Month YYYY, DD-MM-YYYY)")


def parse_row(row: list[str], columns: HeaderColumns, resolver: ActorResolver) -> CodedRecord:
    """One ACLED row as a record; ``ValueError`` says what is wrong."""
    if len(row) != columns.count:
        raise ValueError(f"{len(row)} comma-separated columns, the header has {columns.count}")
    cell = columns.get
    event_type, sub_event_type = cell(row, "event_type"), cell(row, "sub_event_type")
    code, kind = acled_event(event_type, sub_event_type)
    fatalities = cell(row, "fatalities")
    if not fatalities.isdigit():
        raise ValueError(f"fatalities {fatalities!r} is not a count")
    names = [s for s in cell(row, "source").split(";") if s.strip()]
    source = resolver.acled(cell(row, "actor1"))
    target = resolver.acled(cell(row, "actor2"))
    country = resolver.state(cell(row, "iso3")) or resolver.state_by_name(cell(row, "country"))
    return CodedRecord(
        dataset=Dataset.ACLED,
        record_id=cell(row, "event_id_cnty"),
        date=_date(cell(row, "event_date")),
        code=code,
        kind=kind,
        event_type=f"{event_type}: {sub_event_type}",
        source=source.actor if source else None,
        source_role=source.role if source else None,
        target=target.actor if target else None,
        country=country,
        publisher=cell(row, "source")[:500] or None,
        sources=len(names) or None,
        fatalities=int(fatalities),
        confidence=confidence.from_sources(len(names), per_source=_PER_SOURCE),
    )


def read_acled(
    path: str | os.PathLike[str],
    resolver: ActorResolver,
    *,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    progress: ProgressCallback | None = None,
) -> Iterator[CodedRecord | Rejection]:
    """The records of an ACLED CSV export, or the rejected rows."""
    rejected: list[Rejection] = []
    current = Line("", 0, "")

    def texts() -> Iterator[str]:
        nonlocal current
        for line in read_lines(path, max_line_bytes=max_line_bytes, progress=progress):
            if isinstance(line, Rejection):
                rejected.append(line)
                continue
            current = line
            yield line.text + "\n"

    reader = csv.reader(texts())
    columns: HeaderColumns | None = None
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Rejection(current.source, start, f"malformed CSV: {exc}")
            start = current.number + 1
            continue
        finally:
            yield from rejected
            rejected.clear()
        number, start = start, current.number + 1
        if not any(cell.strip() for cell in row):
            continue
        if columns is None:
            if len(row) == 1:
                raise SourceError(current.source, "no comma in the header: not an ACLED CSV", 1)
            columns = Columns.from_header(row, current.source)
            continue
        try:
            yield parse_row(row, columns, resolver)
        except (ValueError, UnknownCodeError) as exc:
            yield Rejection(current.source, number, describe_error(exc))
