"""One reader for the tables users download: CSV or TSV with any common delimiter, JSON,
Excel; plain, gzip or zip. What a file is comes from its content, not its name.

:func:`read_table` yields a :class:`~kg.importers.source.Detected` first (what was found:
``"gzip → CSV, comma-delimited"``), then one :class:`Row` per record, its cells by column
name, or a :class:`~kg.importers.source.Rejection` for a row that cannot be read:

* the container (``gzip``, ``zip``, an ``xlsx`` workbook) by its first bytes
  (:func:`kg.importers.source.container`);
* JSON when the text starts with ``[`` or ``{``: a list of objects, an API envelope whose
  ``data`` is that list, or JSON Lines. Every value becomes a string, as in a CSV (APIs
  often send every value as a string anyway). A JSON file is parsed whole (an API page);
  a row's ``number`` is then its position in the list;
* otherwise a delimited table whose first line is the header: the delimiter is the one of
  ``, \\t ; |`` that splits the header into the most columns. Comma, semicolon and bar
  tables are read as CSV (quoted fields, which may span lines); tab tables are split on
  tabs (as GDELT, ICEWS and POLECAT write them, where a quote is an ordinary character);
* an Excel workbook through openpyxl, its first sheet, the first row the header. Dates
  become ``YYYY-MM-DD`` (with the time when it is not midnight).

>>> import tempfile, pathlib, gzip
>>> path = pathlib.Path(tempfile.mkdtemp()) / "events.csv"
>>> _ = path.write_bytes(gzip.compress(b'id;note\\n1;"a; b"\\n'))
>>> for item in read_table(path, required=("id",), what="a test table"):
...     print(getattr(item, "description", None) or dict(item.cells))
gzip → CSV, semicolon-delimited
{'id': '1', 'note': 'a; b'}
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import os
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from kg.importers.records import describe_error
from kg.importers.source import (
    DEFAULT_MAX_LINE_BYTES,
    Detected,
    Line,
    ProgressCallback,
    Rejection,
    SourceError,
    container,
    read_lines,
)

__all__ = ["MISSING", "Row", "looks_like_json", "read_table"]

#: How R, pandas and JSON write a missing value: read as an empty cell.
MISSING = frozenset({"NA", "N/A", "NaN", "nan", "None", "null", "NULL"})

_DELIMITERS = {",": "comma", "\t": "tab", ";": "semicolon", "|": "bar"}
#: The largest JSON file parsed whole (an API page is a few MB).
_MAX_JSON_BYTES = 1 << 30


@dataclass(frozen=True)
class Row:
    """One record of a table: its cells by column name (as in the header, stripped; in
    lower case when the reader folds case), and the line (or JSON position) it starts on."""

    source: str
    number: int
    cells: Mapping[str, str]

    def get(self, name: str) -> str:
        """A cell, stripped ('' when the table has no such column or the value is missing:
        ``NA``, ``NaN``, ``null``...)."""
        return cell(self.cells, name)

    def __str__(self) -> str:
        return f"{self.source}:{self.number}"


def cell(cells: Mapping[str, str], name: str) -> str:
    """A cell of a row, stripped; '' when absent or written as missing (:data:`MISSING`).

    >>> cell({"actor2": "NA", "actor1": " Rioters (Kenya) "}, "actor2"), cell({}, "x")
    ('', '')
    """
    text = (cells.get(name) or "").strip()
    return "" if text in MISSING else text


def read_table(
    path: str | os.PathLike[str],
    *,
    required: tuple[str, ...],
    what: str,
    fold_case: bool = True,
    or_required: tuple[str, ...] = (),
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    progress: ProgressCallback | None = None,
) -> Iterator[Detected | Row | Rejection]:
    """The rows of a table file; ``SourceError`` when it cannot be read or lacks one of the
    ``required`` columns (the message says it is not ``what``); a table with all of
    ``or_required`` instead is accepted too (another layout of the same dataset).

    Raises
    ------
    SourceError
        The file cannot be read, or lacks a required column; raised while iterating.
    """
    spec = _Spec(required, or_required, what, fold_case)
    path = Path(path)
    kind = container(path)
    if kind == "xlsx":
        yield from _xlsx(path, spec)
        if progress is not None:
            progress(path.stat().st_size)
        return
    lines = read_lines(path, max_line_bytes=max_line_bytes, progress=progress)
    first: Line | None = None
    pending: list[Rejection] = []
    for item in lines:
        if isinstance(item, Rejection):
            pending.append(item)
            continue
        if item.text.strip():
            first = item
            break
    if first is None:
        if pending:
            raise SourceError(pending[0].source, f"unreadable: {pending[0].message}", 1)
        raise SourceError(path, "no data: only blank lines")
    prefix = "" if kind == "plain" else f"{kind} → "
    if first.text.lstrip()[:1] in ("[", "{"):
        yield from _json(path, first, lines, prefix, spec)
        return
    yield from pending
    yield from _delimited(first, lines, prefix, spec)


#: What a reader's row parser makes of a row (a dataset's record type).
_Record = TypeVar("_Record")


def table_records(
    path: str | os.PathLike[str],
    parse: Callable[[Mapping[str, str]], Iterable[_Record]],
    *,
    required: tuple[str, ...],
    what: str,
    layout: str,
    errors: tuple[type[Exception], ...] = (ValueError,),
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    progress: ProgressCallback | None = None,
) -> Iterator[_Record | Rejection | Detected]:
    """The records ``parse`` makes of each row of a table file: first what the file was
    found to be (``layout`` named), then each row's records, or its ``Rejection`` when
    ``parse`` raises one of ``errors``; lines the table reader could not read are passed
    on as the rejections they are."""
    for item in read_table(
        path, required=required, what=what, max_line_bytes=max_line_bytes, progress=progress
    ):
        if isinstance(item, Detected):
            yield Detected(item.source, f"{item.description}, {layout}")
        elif isinstance(item, Row):
            try:
                yield from parse(item.cells)
            except errors as exc:
                yield Rejection(item.source, item.number, describe_error(exc))
        else:
            yield item


def looks_like_json(
    path: str | os.PathLike[str], *, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES
) -> bool:
    """Whether a file's text (after decompression) starts with ``[`` or ``{``."""
    if container(path) == "xlsx":
        return False
    for line in read_lines(path, max_line_bytes=max_line_bytes):
        if isinstance(line, Line) and line.text.strip():
            return line.text.lstrip()[:1] in ("[", "{")
    return False


@dataclass(frozen=True)
class _Spec:
    """The columns a table needs (or the other layout's), and how to name it in errors."""

    required: tuple[str, ...]
    or_required: tuple[str, ...]
    what: str
    fold_case: bool


def _header(names: list[str], source: str, spec: _Spec) -> list[str]:
    header = [n.strip().lower() if spec.fold_case else n.strip() for n in names]
    header[0] = header[0].removeprefix("\ufeff")
    missing = [n for n in spec.required if n not in header]
    other = bool(spec.or_required) and all(n in header for n in spec.or_required)
    if missing and not other:
        names_missing = ", ".join(map(repr, missing))
        raise SourceError(source, f"not {spec.what}: no column {names_missing}", 1)
    return header


def _delimited(
    first: Line,
    lines: Iterator[Line | Rejection],
    prefix: str,
    spec: _Spec,
) -> Iterator[Detected | Row | Rejection]:
    what = spec.what
    counts = {d: len(_split(first.text, d)) for d in _DELIMITERS}
    delimiter = max(counts, key=lambda d: counts[d])
    if counts[delimiter] == 1:
        raise SourceError(first.source, f"one column in the header: not {what}", first.number)
    header = _header(_split(first.text, delimiter), first.source, spec)
    folded = [h.lower() for h in header]
    name = "TSV" if delimiter == "\t" else "CSV"
    yield Detected(first.source, f"{prefix}{name}, {_DELIMITERS[delimiter]}-delimited")
    width = len(header)
    for row in _rows(lines, delimiter, first.number + 1):
        if isinstance(row, Rejection):
            yield row
            continue
        number, source, cells = row
        if not any(c.strip() for c in cells):
            continue
        if [c.strip().lower() for c in cells] == folded:  # the next zip member's header
            continue
        if len(cells) != width:
            yield Rejection(
                source,
                number,
                f"{len(cells)} {_DELIMITERS[delimiter]}-separated columns, the header has {width}",
            )
            continue
        yield Row(source, number, dict(zip(header, cells, strict=True)))


def _split(text: str, delimiter: str) -> list[str]:
    if delimiter == "\t":
        return text.split("\t")
    return next(csv.reader([text], delimiter=delimiter))


def _rows(
    lines: Iterator[Line | Rejection], delimiter: str, start: int
) -> Iterator[tuple[int, str, list[str]] | Rejection]:
    """Rows after the header: split on tabs, or parsed as CSV (a quoted field may span
    lines; a row starts on the line after the previous row's last)."""
    if delimiter == "\t":
        for line in lines:
            if isinstance(line, Rejection):
                yield line
            else:
                yield line.number, line.source, line.text.split("\t")
        return
    rejected: list[Rejection] = []
    current = Line("", 0, "")

    def texts() -> Iterator[str]:
        nonlocal current
        for line in lines:
            if isinstance(line, Rejection):
                rejected.append(line)
                continue
            current = line
            yield line.text + "\n"

    reader = csv.reader(texts(), delimiter=delimiter)
    while True:
        try:
            cells = next(reader)
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
        yield number, current.source, cells


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value)


def _json(
    path: Path,
    first: Line,
    lines: Iterator[Line | Rejection],
    prefix: str,
    spec: _Spec,
) -> Iterator[Detected | Row | Rejection]:
    what, fold_case = spec.what, spec.fold_case
    parts = [first.text]
    size = len(first.text)
    bad: list[Rejection] = []
    for line in lines:
        if isinstance(line, Rejection):
            bad.append(line)
            continue
        parts.append(line.text)
        size += len(line.text) + 1
        if size > _MAX_JSON_BYTES:
            raise SourceError(path, f"JSON larger than {_MAX_JSON_BYTES} bytes")
    if bad:
        raise SourceError(bad[0].source, f"unreadable JSON: {bad[0].message}", bad[0].number)
    text = "\n".join(parts)
    try:
        value: Any = json.loads(text)
        shape = "a list of records"
    except json.JSONDecodeError as exc:
        try:  # JSON Lines: one object per line
            value = [json.loads(p) for p in parts if p.strip()]
            shape = "JSON Lines"
        except json.JSONDecodeError:
            raise SourceError(first.source, f"malformed JSON: {exc.msg}", exc.lineno) from None
    if isinstance(value, dict) and isinstance(value.get("data"), list):
        value, shape = value["data"], "an API envelope with a 'data' list"
    if not isinstance(value, list):
        raise SourceError(first.source, f"not {what}: JSON that is not a list of records", 1)
    yield Detected(first.source, f"{prefix}JSON, {shape}, {len(value):,} record(s)")
    checked = False
    for number, record in enumerate(value, start=1):
        if not isinstance(record, dict):
            yield Rejection(first.source, number, f"record {number} is not a JSON object")
            continue
        cells = {
            (k.strip().lower() if fold_case else k.strip()): _text(v) for k, v in record.items()
        }
        if not checked:
            _header(list(cells) or [""], first.source, spec)
            checked = True
        yield Row(first.source, number, cells)


def _xlsx(path: Path, spec: _Spec) -> Iterator[Detected | Row | Rejection]:
    from openpyxl import load_workbook  # imported here: only Excel files need it

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, zlib.error, gzip.BadGzipFile) as exc:
        raise SourceError(path, f"unreadable Excel workbook: {exc}") from exc
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header: list[str] | None = None
        for number, values in enumerate(rows, start=1):
            cells = [_text(v) for v in values]
            if header is None:
                if not any(c.strip() for c in cells):
                    continue
                while cells and not cells[-1].strip():
                    cells.pop()
                header = _header(cells, str(path), spec)
                yield Detected(str(path), f"Excel workbook, sheet {sheet.title!r}")
                continue
            if not any(c.strip() for c in cells):
                continue
            cells = (cells + [""] * len(header))[: len(header)]
            yield Row(str(path), number, dict(zip(header, cells, strict=True)))
        if header is None:
            raise SourceError(path, "an Excel workbook with no rows")
    finally:
        book.close()
