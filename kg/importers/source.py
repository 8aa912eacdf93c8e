"""Reading a dataset file line by line, safely, in constant memory.

:func:`read_lines` opens a text file, a gzip file or a zip archive (GDELT ships ``.CSV.zip``;
which one is told by the first bytes, not by the name: :func:`container`) and yields
each line decoded as UTF-8, or a :class:`Rejection` naming the file and line when a line
cannot be read (not UTF-8, a NUL byte, longer than the line cap). What makes the whole file
unreadable (missing, empty, binary, UTF-16, a broken or truncated zip) raises
:class:`SourceError`. Lines are read with a length cap, so a 1 GB line costs at most the cap
in memory: it is skipped in pieces and reported.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "x.tsv"
>>> _ = path.write_bytes(b"a\\tb\\n\\xff\\n" + b"c" * 50 + b"\\n")
>>> for item in read_lines(path, max_line_bytes=20):
...     print(item.number, getattr(item, "message", "ok"))
1 ok
2 not UTF-8 (byte 0xff at column 1)
3 line longer than 20 bytes
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO, cast

from kg.errors import SourceError as SourceError

__all__ = [
    "DEFAULT_MAX_LINE_BYTES",
    "Deletion",
    "Detected",
    "HeaderColumns",
    "Line",
    "Rejection",
    "Skipped",
    "SourceError",
    "container",
    "read_lines",
]

#: The longest line read (bytes, end of line included): GDELT rows are under 2 KB.
DEFAULT_MAX_LINE_BYTES = 1 << 20
_SNIFF = 8192
_PROGRESS_EVERY = 4096  # lines


@dataclass(frozen=True)
class Line:
    """One decoded line, without its end of line; ``number`` counts from 1."""

    source: str
    number: int
    text: str

    def __str__(self) -> str:
        return f"{self.source}:{self.number}: {self.text}"


@dataclass(frozen=True)
class Rejection:
    """A row that was not imported, and why: reported, counted, never silently dropped."""

    source: str
    number: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.number}: {self.message}"


@dataclass(frozen=True)
class Skipped:
    """A well-formed row that holds no event (a documentation record): counted, not kept."""

    source: str
    number: int
    reason: str


@dataclass(frozen=True)
class Deletion:
    """A row saying that the dataset deleted a record (ACLED's ``deleted_timestamp``):
    the stored record, if not newer than ``version``, is removed (``kg.importers.versions``)."""

    source: str
    number: int
    record_id: str
    version: dt.datetime | None


@dataclass(frozen=True)
class Detected:
    """What a reader found a file to be ("gzip → CSV, comma-delimited, ACLED export
    layout"): passed on for the import summary, not a record."""

    source: str
    description: str


ProgressCallback = Callable[[int], None]

_GZIP = b"\x1f\x8b"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")


def container(path: str | os.PathLike[str]) -> str:
    """What holds a file's text, from its first bytes: ``gzip``, ``xlsx`` (an Excel
    workbook, itself a zip archive), ``zip`` or ``plain``; ``SourceError`` when missing.

    Raises
    ------
    SourceError
        The file does not exist or cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "data.csv"
    >>> _ = path.write_bytes(gzip.compress(b"a,b\\n"))
    >>> container(path)
    'gzip'
    """
    path = Path(path)
    try:
        with path.open("rb") as raw:
            head = raw.read(4)
            if head.startswith(_GZIP):
                return "gzip"
            if not head.startswith(_ZIP):
                return "plain"
            raw.seek(0)
            try:
                with zipfile.ZipFile(raw) as archive:
                    names = set(archive.namelist())
            except (zipfile.BadZipFile, OSError, EOFError):
                return "zip"  # read_lines says what is wrong with it
            return "xlsx" if "xl/workbook.xml" in names else "zip"
    except FileNotFoundError:
        raise SourceError(path, "no such file") from None
    except OSError as exc:
        raise SourceError(path, f"cannot open: {exc.strerror or exc}") from exc


def read_lines(
    path: str | os.PathLike[str],
    *,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    progress: ProgressCallback | None = None,
) -> Iterator[Line | Rejection]:
    """The lines of a text file, of a gzip file, or of every member of a zip archive, in
    order (an Excel workbook is not text: ``SourceError``; ``kg.importers.table`` reads it).

    ``progress`` is called now and then with the number of bytes of the file read so far
    (compressed bytes for an archive), for a progress bar.

    Raises
    ------
    SourceError
        The file cannot be read (also mid-file: a broken archive), is an Excel workbook,
        or is not UTF-8 text; raised while iterating.
    """
    path = Path(path)
    if container(path) == "xlsx":
        raise SourceError(path, "an Excel workbook (.xlsx), not a text export")
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise SourceError(path, f"cannot open: {exc.strerror or exc}") from exc
    with raw:
        head = raw.read(4)
        raw.seek(0)
        if head.startswith(_ZIP):
            yield from _zip_lines(path, raw, max_line_bytes, progress)
        elif head.startswith(_GZIP):
            yield from _gzip_lines(path, raw, max_line_bytes, progress)
        elif path.suffix.lower() == ".zip":
            raise SourceError(path, "not a zip archive (no zip signature)")
        else:
            yield from _lines(str(path), raw, max_line_bytes, lambda: raw.tell(), progress)


def _zip_lines(
    path: Path, raw: BinaryIO, max_line_bytes: int, progress: ProgressCallback | None
) -> Iterator[Line | Rejection]:
    try:
        archive = zipfile.ZipFile(raw)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise SourceError(path, f"broken or truncated zip archive: {exc}") from exc
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir() and _is_data(m.filename)]
        if not members:
            raise SourceError(path, "empty zip archive (no data file in it)")
        for member in members:
            name = f"{path}!{member.filename}"
            number = 0
            try:
                with archive.open(member) as stream:
                    for item in _lines(name, stream, max_line_bytes, raw.tell, progress):
                        number = item.number
                        yield item
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
                raise SourceError(
                    name, f"zip archive truncated or corrupt after line {number}: {exc}", number
                ) from exc


#: Members of a download's zip archive that are documentation, not data: skipped.
_NOT_DATA = (".pdf", ".doc", ".docx", ".rtf", ".html", ".htm", ".md", ".png", ".jpg", ".xml")


def _is_data(name: str) -> bool:
    """Whether a zip member may hold data (not a PDF of terms of use, not macOS metadata).

    >>> _is_data("acled.csv"), _is_data("Terms_of_use.pdf"), _is_data("__MACOSX/._acled.csv")
    (True, False, False)
    """
    return not name.startswith("__MACOSX/") and not name.lower().endswith(_NOT_DATA)


def _gzip_lines(
    path: Path, raw: BinaryIO, max_line_bytes: int, progress: ProgressCallback | None
) -> Iterator[Line | Rejection]:
    number = 0
    try:
        with gzip.GzipFile(fileobj=raw, mode="rb") as stream:
            for item in _lines(
                str(path), cast(IO[bytes], stream), max_line_bytes, raw.tell, progress
            ):
                number = item.number
                yield item
    except (gzip.BadGzipFile, zlib.error, EOFError) as exc:
        raise SourceError(
            path, f"gzip file truncated or corrupt after line {number}: {exc}", number
        ) from exc


def _lines(
    name: str,
    stream: IO[bytes],
    max_line_bytes: int,
    position: Callable[[], int],
    progress: ProgressCallback | None,
) -> Iterator[Line | Rejection]:
    sniff = _peek(stream)
    if not sniff:
        raise SourceError(name, "empty file (0 bytes)")
    if sniff.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(name, "UTF-16 text: save the file as UTF-8")
    if b"\x00" in sniff:
        raise SourceError(name, "binary data (NUL bytes in the first 8 KiB): not a text export")
    number = 0
    while True:
        data = stream.readline(max_line_bytes)
        if not data:
            break
        number += 1
        if progress is not None and number % _PROGRESS_EVERY == 0:
            progress(position())
        if not data.endswith(b"\n") and len(data) >= max_line_bytes:
            while data and not data.endswith(b"\n"):  # skip the rest in pieces
                data = stream.readline(max_line_bytes)
            yield Rejection(name, number, f"line longer than {max_line_bytes} bytes")
            continue
        data = data.rstrip(b"\n").removesuffix(b"\r")
        if number == 1:
            data = data.removeprefix(b"\xef\xbb\xbf")
        if b"\x00" in data:
            yield Rejection(name, number, "NUL byte in the line (binary data)")
            continue
        try:
            yield Line(name, number, data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            where = f"byte 0x{data[exc.start]:02x} at column {exc.start + 1}"
            yield Rejection(name, number, f"not UTF-8 ({where})")
    if progress is not None:
        progress(position())


def _peek(stream: IO[bytes]) -> bytes:
    """The first bytes of a stream, without consuming them."""
    if isinstance(stream, io.BufferedReader):
        return stream.peek(_SNIFF)[:_SNIFF]
    if stream.seekable():
        start = stream.tell()
        data = stream.read(_SNIFF)
        stream.seek(start)
        return data
    raise TypeError("an unseekable stream that cannot be peeked")  # pragma: no cover


@dataclass(frozen=True)
class HeaderColumns:
    """Where each column of a delimited file with a header line is.

    >>> cols = HeaderColumns.from_names(["a", "B"], "x.tsv", required=("a",), what="a test file")
    >>> cols.get(["1 ", "2"], "a"), cols.get(["1", "2"], "missing")
    ('1', '')
    """

    count: int
    index: dict[str, int]

    @classmethod
    def from_names(
        cls,
        names: list[str],
        source: str,
        *,
        required: tuple[str, ...],
        what: str,
        fold_case: bool = False,
    ) -> HeaderColumns:
        """The columns of a header; ``SourceError`` names the required ones missing.

        ``fold_case`` matches names case-insensitively (they are then looked up in lower case).

        Raises
        ------
        SourceError
            A required column is missing (the message says the file is not ``what``).
        """
        index = {(n.strip().lower() if fold_case else n.strip()): i for i, n in enumerate(names)}
        missing = [name for name in required if name not in index]
        if missing:
            raise SourceError(source, f"not {what}: no column {', '.join(map(repr, missing))}", 1)
        return cls(len(names), index)

    def get(self, row: list[str], name: str) -> str:
        """A cell by column name ('' when the file has no such column)."""
        i = self.index.get(name)
        return row[i].strip() if i is not None else ""
