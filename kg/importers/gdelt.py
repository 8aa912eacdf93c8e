"""GDELT Events exports → records.

Reads the tab-separated GDELT Event files, plain or zipped, without a header:

* GDELT 2.0 (``YYYYMMDDHHMMSS.export.CSV[.zip]``): 61 columns;
* GDELT 1.0 daily files (``YYYYMMDD.export.CSV.zip``): 58 columns (no ADM2 codes);
* GDELT 1.0 historical backfiles: 57 columns (no source URL).

The column lists are GDELT's codebooks (``gdelt2_events_columns_gdeltPyR.csv``,
``gdelt1_events_columns_gdeltPyR.csv`` in the shared data). Each row gives one record:
``GLOBALEVENTID`` is the record id, ``SQLDATE`` the day, ``EventCode`` the CAMEO code,
Actor1/Actor2 the source and target (``kg.importers.actorcodes``), ``SOURCEURL``,
``NumMentions`` and ``NumSources`` the provenance.

GDELT codes one sentence several times (one event per place it names) and re-emits events
under new ids, so rows with the same **signature** (day, Actor1Code, Actor2Code, EventCode,
SOURCEURL) are one event. Places are not part of the signature. Rows without a source URL
(the historical backfiles) are merged by id only.

>>> fields = [""] * 61
>>> fields[0], fields[1], fields[26], fields[60] = "7", "20191024", "111", "https://x.org/a"
>>> fields[7], fields[12], fields[17] = "RUS", "GOV", "UKR"
>>> record = parse_row(fields, ActorResolver())
>>> record.kind, record.source, record.source_role, record.target
(<Kind.CONDEMNS: 'condemns'>, 'RUS', 'GOV', 'UKR')
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass

from kg.importers import confidence
from kg.importers.actorcodes import ActorResolver
from kg.importers.codes import UnknownCodeError, cameo_kind, is_violent_cameo
from kg.importers.records import CodedRecord, Dataset, describe_error
from kg.importers.source import (
    DEFAULT_MAX_LINE_BYTES,
    Detected,
    ProgressCallback,
    Rejection,
    SourceError,
    container,
    read_lines,
)

__all__ = ["LAYOUTS", "Layout", "parse_row", "read_gdelt"]


@dataclass(frozen=True)
class Layout:
    """Where the fields that vary between GDELT versions are (0-based columns)."""

    name: str
    action_country: int
    url: int | None


#: By number of columns. The first 35 columns are the same in every version.
LAYOUTS: dict[int, Layout] = {
    61: Layout("GDELT 2.0", action_country=53, url=60),
    58: Layout("GDELT 1.0 daily", action_country=51, url=57),
    57: Layout("GDELT 1.0 historical", action_country=51, url=None),
}
_ID, _DATE, _A1CODE, _A2CODE, _CODE, _MENTIONS, _SOURCES = 0, 1, 5, 15, 26, 31, 32


def _date(text: str) -> dt.date:
    if len(text) != 8 or not text.isdigit():
        raise ValueError(f"SQLDATE {text!r} is not YYYYMMDD")
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))


def _count(text: str, name: str) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"{name} {text!r} is not a count")
    return int(text)


def parse_row(fields: list[str], resolver: ActorResolver) -> CodedRecord:
    """One GDELT row (split on tabs) as a record; ``ValueError`` says what is wrong.

    Raises
    ------
    UnknownCodeError
        The row's event code is not of its scheme (a ``ValueError``).
    ValueError
        Another cell is missing or malformed.
    """
    layout = LAYOUTS.get(len(fields))
    if layout is None:
        raise ValueError(
            f"{len(fields)} tab-separated columns; GDELT 2.0 has 61, GDELT 1.0 57 or 58"
        )
    record_id, code = fields[_ID], fields[_CODE]
    if not record_id.isdigit():
        raise ValueError(f"GLOBALEVENTID {record_id!r} is not a number")
    day = _date(fields[_DATE])
    kind = cameo_kind(code)
    sources = _count(fields[_SOURCES], "NumSources")
    url = fields[layout.url].strip() if layout.url is not None else ""
    source = resolver.cameo(fields[7], fields[8], (fields[12], fields[13], fields[14]))
    target = resolver.cameo(fields[17], fields[18], (fields[22], fields[23], fields[24]))
    signature = (
        "\x1f".join((fields[_DATE], fields[_A1CODE], fields[_A2CODE], code, url)) if url else None
    )
    # Where it happened, for the records of violence (attacks and CAMEO 18-20 alike).
    violent = kind.is_attack or is_violent_cameo(code)
    return CodedRecord(
        dataset=Dataset.GDELT,
        record_id=record_id,
        signature=signature,
        date=day,
        code=code,
        kind=kind,
        source=source.actor if source else None,
        source_role=source.role if source else None,
        target=target.actor if target else None,
        country=resolver.state_by_fips(fields[layout.action_country]) if violent else None,
        url=url or None,
        mentions=_count(fields[_MENTIONS], "NumMentions"),
        sources=sources,
        confidence=confidence.from_sources(sources),
    )


def read_gdelt(
    path: str | os.PathLike[str],
    resolver: ActorResolver,
    *,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    progress: ProgressCallback | None = None,
) -> Iterator[CodedRecord | Rejection | Detected]:
    """The records of a GDELT export (``.CSV``, ``.tsv``, gzip or zip), or the rejected rows;
    first what the file was found to be.

    A first line without a tab is not a GDELT export: ``SourceError`` (wrong delimiter).

    Raises
    ------
    SourceError
        The file cannot be read, or is not of this dataset (raised while iterating; a
        malformed row is a ``Rejection``, not an error).
    """
    first = True
    packed = container(path)
    prefix = "" if packed == "plain" else f"{packed} → "
    for line in read_lines(path, max_line_bytes=max_line_bytes, progress=progress):
        if isinstance(line, Rejection):
            yield line
            continue
        if not line.text.strip():
            continue
        fields = line.text.split("\t")
        if first:
            first = False
            if len(fields) == 1:
                hint = " (comma-separated?)" if line.text.count(",") > 20 else ""
                raise SourceError(
                    line.source, f"no tab on the first line: not a GDELT export{hint}", 1
                )
            layout = LAYOUTS.get(len(fields))
            named = f"{layout.name} layout" if layout else f"{len(fields)} columns"
            yield Detected(line.source, f"{prefix}TSV, tab-delimited, {named}")
            if fields[0] == "GLOBALEVENTID":  # a header some copies add
                continue
        try:
            yield parse_row(fields, resolver)
        except (ValueError, UnknownCodeError) as exc:
            yield Rejection(line.source, line.number, describe_error(exc))
