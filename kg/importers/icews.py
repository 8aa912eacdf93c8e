"""ICEWS Coded Event Data → records.

Reads the tab-separated ICEWS event files of Harvard Dataverse (``events.YYYY.*.tab``),
whose first line names the columns (found by name, in any order): ``Event ID``, ``Event
Date``, ``Source Name``, ``Source Sectors``, ``Source Country``, ``CAMEO Code``, ``Target
Name``, ``Target Sectors``, ``Target Country``, ``Publisher``, ``Country``. ICEWS repeats
rows and ids: records are merged by ``Event ID``. Actors are named, not coded: they are
resolved by country and sector (``kg.importers.actorcodes.ActorResolver.icews``).

>>> header = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
...           "CAMEO Code", "Target Name", "Target Sectors", "Target Country", "Country"]
>>> columns = Columns.from_header(header, "events.tab")
>>> row = ["1", "2018-06-01", "Foreign Affairs (Russia)", "Foreign Ministry,Government",
...        "Russian Federation", "111", "Ukraine", "NA", "Ukraine", "Ukraine"]
>>> r = parse_row(row, columns, ActorResolver())
>>> r.kind.value, r.source, r.speaker, r.target
('condemns', 'RUS', 'RUS.MFA', 'UKR')
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

from kg.importers import confidence
from kg.importers.actorcodes import ActorResolver
from kg.importers.codes import CAMEO_CODE, UnknownCodeError, cameo_kind, is_violent_cameo
from kg.importers.records import CodedRecord, Dataset, describe_error
from kg.importers.source import (
    DEFAULT_MAX_LINE_BYTES,
    Detected,
    HeaderColumns,
    ProgressCallback,
    Rejection,
    SourceError,
    container,
    read_lines,
)

__all__ = ["Columns", "parse_row", "read_icews"]

_REQUIRED = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "CAMEO Code",
    "Target Name", "Target Sectors", "Target Country",
)  # fmt: skip


class Columns(HeaderColumns):
    """Where each needed column is, from the header line."""

    @classmethod
    def from_header(cls, names: list[str], source: str) -> HeaderColumns:
        """The columns of a header; ``SourceError`` names the missing ones."""
        return cls.from_names(
            names, source, required=_REQUIRED, what="an ICEWS events file", fold_case=False
        )


def _blank(text: str) -> str:
    return "" if text in ("NA", "None") else text


def parse_row(row: list[str], columns: HeaderColumns, resolver: ActorResolver) -> CodedRecord:
    """One ICEWS row (split on tabs) as a record; ``ValueError`` says what is wrong.

    Raises
    ------
    UnknownCodeError
        The row's event code is not of its scheme (a ``ValueError``).
    ValueError
        Another cell is missing or malformed.
    """
    if len(row) != columns.count:
        raise ValueError(f"{len(row)} tab-separated columns, the header has {columns.count}")
    cell = columns.get
    code = cell(row, "CAMEO Code")
    if code.isdigit() and len(code) < 3:
        code = code.zfill(3)  # spreadsheets drop CAMEO's leading zeros ("42" is 042)
    if not CAMEO_CODE.match(code):
        raise UnknownCodeError(f"CAMEO Code {code!r} is not a CAMEO event code")
    kind = cameo_kind(code)
    try:
        day = dt.date.fromisoformat(cell(row, "Event Date"))
    except ValueError:
        raise ValueError(f"Event Date {cell(row, 'Event Date')!r} is not YYYY-MM-DD") from None
    source = resolver.icews(
        cell(row, "Source Name"), cell(row, "Source Sectors"), cell(row, "Source Country")
    )
    target = resolver.icews(
        cell(row, "Target Name"), cell(row, "Target Sectors"), cell(row, "Target Country")
    )
    return CodedRecord(
        dataset=Dataset.ICEWS,
        record_id=cell(row, "Event ID"),
        date=day,
        code=code,
        kind=kind,
        source=source.actor if source else None,
        source_role=source.role if source else None,
        speaker=source.speaker if source else None,
        target=target.actor if target else None,
        country=resolver.state_by_name(cell(row, "Country"))
        if kind.is_attack or is_violent_cameo(code)
        else None,
        publisher=_blank(cell(row, "Publisher"))[:500] or None,
        confidence=confidence.DEFAULT,
    )


def read_icews(
    path: str | os.PathLike[str],
    resolver: ActorResolver,
    *,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    progress: ProgressCallback | None = None,
) -> Iterator[CodedRecord | Rejection | Detected]:
    """The records of an ICEWS events file (``.tab``, gzip or zip), or the rejected rows;
    first what the file was found to be.

    Raises
    ------
    SourceError
        The file cannot be read, or is not of this dataset (raised while iterating; a
        malformed row is a ``Rejection``, not an error).
    """
    columns: HeaderColumns | None = None
    for line in read_lines(path, max_line_bytes=max_line_bytes, progress=progress):
        if isinstance(line, Rejection):
            if columns is None:
                raise SourceError(line.source, f"unreadable header: {line.message}", line.number)
            yield line
            continue
        if not line.text.strip():
            continue
        row = line.text.split("\t")
        if columns is None:
            if len(row) == 1:
                raise SourceError(line.source, "no tab in the header: not an ICEWS .tab file", 1)
            columns = Columns.from_header(row, line.source)
            packed = container(path)
            prefix = "" if packed == "plain" else f"{packed} → "
            yield Detected(line.source, f"{prefix}TSV, tab-delimited, ICEWS layout")
            continue
        try:
            yield parse_row(row, columns, resolver)
        except (ValueError, UnknownCodeError) as exc:
            yield Rejection(line.source, line.number, describe_error(exc))
