"""Bad input: every kind of broken file gives a clear error or counted, located rejections,
and ``--strict`` turns a bad row into an error that writes nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_import_support import ACLED, GDELT2, ICEWS, coded_events, import_into, quad_count
from typer.testing import CliRunner

from kg.cli import app
from kg.importers import StrictError, check_files
from kg.importers.actorcodes import ActorResolver
from kg.importers.gdelt import read_gdelt
from kg.importers.records import CodedRecord
from kg.importers.source import Detected, Rejection, Skipped, SourceError

ROWS = GDELT2.read_text(encoding="utf-8").splitlines(keepends=True)
ACLED_HEADER = ACLED.read_text(encoding="utf-8").splitlines()[0].split(",")
ICEWS_HEADER = ICEWS.read_text(encoding="utf-8").splitlines()[0]


def _read(path: Path, **options: int) -> list[object]:
    # What the file was found to be comes first; the rows follow.
    return [i for i in read_gdelt(path, ActorResolver(), **options) if not isinstance(i, Detected)]


def test_an_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.CSV"
    path.write_bytes(b"")
    with pytest.raises(SourceError, match="empty file"):
        _read(path)


def test_a_binary_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "binary.CSV"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(SourceError, match="binary"):
        _read(path)


def test_a_comma_separated_file_is_reported_as_the_wrong_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "commas.CSV"
    path.write_text("".join(row.replace("\t", ",") for row in ROWS[:3]), encoding="utf-8")
    with pytest.raises(SourceError, match=r"no tab on the first line.*comma-separated"):
        _read(path)


def test_a_row_with_the_wrong_column_count_is_rejected_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "short.CSV"
    path.write_text(ROWS[0] + "1\t2\t3\n" + ROWS[1], encoding="utf-8")
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["CodedRecord", "Rejection", "CodedRecord"]
    assert (
        str(items[1]) == f"{path}:2: 3 tab-separated columns; GDELT 2.0 has 61, GDELT 1.0 57 or 58"
    )


def test_a_line_that_is_not_utf8_is_rejected_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.CSV"
    path.write_bytes(ROWS[0].encode() + ROWS[1].replace("http", "h\u00e9").encode("latin-1"))
    rejected = [i for i in _read(path) if isinstance(i, Rejection)]
    assert [(r.number, r.message.split(" (")[0]) for r in rejected] == [(2, "not UTF-8")]


def test_a_line_longer_than_the_cap_is_rejected_and_the_next_line_read(tmp_path: Path) -> None:
    path = tmp_path / "long.CSV"
    path.write_text(ROWS[0] + "x" * 10_000 + "\n" + ROWS[1], encoding="utf-8")
    items = _read(path, max_line_bytes=4096)
    assert [type(i).__name__ for i in items] == ["CodedRecord", "Rejection", "CodedRecord"]
    assert "longer than 4096 bytes" in str(items[1])


@pytest.mark.slow
def test_a_one_gigabyte_line_is_rejected_in_bounded_memory(tmp_path: Path) -> None:
    import resource

    path = tmp_path / "huge.CSV"
    with path.open("wb") as f:
        f.write(ROWS[0].encode())
        block = b"y" * (1 << 20)
        for _ in range(1024):
            f.write(block)
        f.write(b"\n" + ROWS[1].encode())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    items = _read(path)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert [type(i).__name__ for i in items] == ["CodedRecord", "Rejection", "CodedRecord"]
    assert grown_mb < 100


def test_a_truncated_zip_is_a_clear_error(tmp_path: Path) -> None:
    archive = tmp_path / "x.CSV.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("x.CSV", "".join(ROWS))
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(SourceError, match="zip"):
        _read(archive)


def test_a_zip_cut_inside_its_data_fails_naming_the_last_good_line(tmp_path: Path) -> None:
    archive = tmp_path / "x.CSV.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as z:
        z.writestr("x.CSV", "".join(ROWS))
    data = bytearray(archive.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = b"\x00" * 64  # corrupt the stored data: the CRC fails
    archive.write_bytes(bytes(data))
    with pytest.raises(SourceError, match="truncated or corrupt"):
        _read(archive)


def test_strict_mode_refuses_a_file_with_a_bad_row_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bad.CSV"
    path.write_text(ROWS[0] + "oops\n", encoding="utf-8")
    with pytest.raises(StrictError, match=r"bad.CSV:2:"):
        check_files("gdelt", [path])
    store = tmp_path / "store"
    with pytest.raises(StrictError):
        import_into(store, "gdelt", [path], strict=True)
    assert coded_events(store, "gdelt") == 0


def test_the_cli_reports_rejected_rows_by_file_and_line_and_counts_them(tmp_path: Path) -> None:
    path = tmp_path / "bad.CSV"
    path.write_text(ROWS[0] + "oops\n" + ROWS[1], encoding="utf-8")
    result = CliRunner().invoke(app, ["import", "gdelt", str(path), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert f"rejected: {path}:2:" in result.output
    assert "1 rejected" in result.output


def test_the_cli_with_strict_exits_non_zero_and_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.CSV"
    path.write_text(ROWS[0] + "oops\n", encoding="utf-8")
    store = tmp_path / "s"
    result = CliRunner().invoke(
        app, ["import", "gdelt", str(path), "--store", str(store), "--strict"]
    )
    assert result.exit_code == 1
    assert f"{path}:2:" in result.output
    assert coded_events(store, "gdelt") == 0


def test_a_file_that_breaks_mid_way_is_reported_and_the_others_imported(tmp_path: Path) -> None:
    empty = tmp_path / "empty.CSV"
    empty.write_bytes(b"")
    report = import_into(tmp_path / "store", "gdelt", [empty, GDELT2])
    assert [e.path for e in report.errors] == [str(empty)]
    assert quad_count(tmp_path / "store") > 0


# --------------------------------------------------------------------------- property-based

# NUL bytes make a file binary (a file-level error, tested above): not in these rows.
_field = st.text(
    alphabet=st.characters(blacklist_characters="\t\n\r\x00", blacklist_categories=("Cs",)),
    max_size=12,
)


@st.composite
def gdelt_rows(draw: st.DrawFn) -> str:
    """A real row with some fields replaced by arbitrary text, or a row of random fields."""
    if draw(st.booleans()):
        fields = draw(st.sampled_from(ROWS)).rstrip("\n").split("\t")
        for index in draw(st.lists(st.integers(0, 60), max_size=4)):
            fields[index] = draw(_field)
        return "\t".join(fields)
    return "\t".join(draw(st.lists(_field, min_size=1, max_size=70)))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(gdelt_rows(), min_size=1, max_size=8))
def test_every_gdelt_row_is_either_a_record_or_a_rejection_naming_its_line(
    tmp_path: Path, rows: list[str]
) -> None:
    path = tmp_path / "fuzz.CSV"
    path.write_text(ROWS[0] + "\n".join(rows) + "\n", encoding="utf-8")
    items = _read(path)
    data_lines = [n for n, row in enumerate(rows, start=2) if row.strip()]
    assert len(items) == 1 + len(data_lines)  # one item per row, none lost
    assert isinstance(items[0], CodedRecord)
    rejected = [i.number for i in items if isinstance(i, Rejection)]
    assert set(rejected) <= set(data_lines)
    assert all(isinstance(i, CodedRecord | Rejection) for i in items)


_cell = st.text(
    alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=10
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(_cell, min_size=1, max_size=34), min_size=1, max_size=6))
def test_every_acled_row_is_either_a_record_or_a_rejection(
    tmp_path: Path, rows: list[list[str]]
) -> None:
    import csv

    from kg.importers.acled import read_acled

    path = tmp_path / "fuzz.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(ACLED_HEADER)
        writer.writerows(rows)
    items = [i for i in read_acled(path, ActorResolver()) if not isinstance(i, Detected)]
    assert all(isinstance(i, CodedRecord | Rejection | Skipped) for i in items)
    data_rows = [r for r in rows if any(c.strip() for c in r)]
    assert len(items) == len(data_rows)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(_field, min_size=1, max_size=22), min_size=1, max_size=6))
def test_every_icews_row_is_either_a_record_or_a_rejection_naming_its_line(
    tmp_path: Path, rows: list[list[str]]
) -> None:
    from kg.importers.icews import read_icews

    path = tmp_path / "fuzz.tab"
    lines = [ICEWS_HEADER, *("\t".join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = [i for i in read_icews(path, ActorResolver()) if not isinstance(i, Detected)]
    data_lines = [n for n, line in enumerate(lines[1:], start=2) if line.strip()]
    assert len(items) == len(data_lines)
    assert {i.number for i in items if isinstance(i, Rejection)} <= set(data_lines)
