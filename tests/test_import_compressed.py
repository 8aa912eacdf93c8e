"""Every importer reads gzip and zip files, told by their bytes, not their names: the
compressed copy of each sample imports exactly as the plain one (independent counts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_icews import independent_icews
from test_import_support import (
    GDELT2,
    PLOVER,
    coded_events,
    gzipped,
    import_into,
    independent_gdelt,
    zipped,
)

PACKERS = {"gzip": gzipped, "zip": zipped}


@pytest.mark.parametrize("pack", ["gzip", "zip"])
def test_gdelt_gzip_and_zip_give_the_events_of_the_plain_file(tmp_path: Path, pack: str) -> None:
    path = PACKERS[pack](GDELT2, tmp_path, "20191024143000.export.CSV")  # name says plain
    events, _, _ = independent_gdelt(GDELT2)
    report = import_into(tmp_path / "store", "gdelt", [path])
    assert (report.stats.records, report.stats.rejected) == (600, 0)
    assert coded_events(tmp_path / "store", "gdelt") == events
    member = f"{path}!{GDELT2.name}" if pack == "zip" else str(path)
    assert report.detected == [(member, f"{pack} → TSV, tab-delimited, GDELT 2.0 layout")]


@pytest.mark.parametrize("pack", ["gzip", "zip"])
def test_icews_gzip_and_zip_give_the_events_of_the_plain_file(tmp_path: Path, pack: str) -> None:
    from test_import_support import ICEWS

    path = PACKERS[pack](ICEWS, tmp_path)
    events, _ = independent_icews()
    report = import_into(tmp_path / "store", "icews", [path])
    assert coded_events(tmp_path / "store", "icews") == events == 800
    member = f"{path}!{ICEWS.name}" if pack == "zip" else str(path)
    assert report.detected == [(member, f"{pack} → TSV, tab-delimited, ICEWS layout")]


@pytest.mark.parametrize("pack", ["gzip", "zip"])
def test_plover_json_gzip_and_zip_give_the_records_of_the_plain_file(
    tmp_path: Path, pack: str
) -> None:
    path = PACKERS[pack](PLOVER, tmp_path)
    report = import_into(tmp_path / "store", "plover", [path])
    plain = import_into(tmp_path / "plain", "plover", [PLOVER])
    # One skipped DOCUMENT record and one malformed record, as in the plain file.
    assert (report.stats.skipped, report.stats.rejected) == (1, 1)
    assert report.stats.records == plain.stats.records
    assert coded_events(tmp_path / "store", "plover") == coded_events(tmp_path / "plain", "plover")
    assert report.detected == [(str(path), f"{pack} → JSON, PLOVER records")]
