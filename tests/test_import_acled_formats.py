"""``kg import acled`` on the files ACLED's users have: the R client's CSV (floats), a data
portal's CSV (day-first dates with a time), a semicolon re-export with month-first dates,
the API's JSON (bare and enveloped, every value a string), gzip, zip and Excel. The rows
are made up in those layouts (ACLED's rows may not be republished); each import is
counted against an independent count made with pandas or ``json``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from test_import_support import DATA, coded_events, gzipped, import_into, select, zipped
from typer.testing import CliRunner

from kg.cli import app
from kg.importers import import_files
from kg.importers.source import SourceError

RCLIENT = DATA / "acled_rclient_made_up.csv"
PORTAL = DATA / "acled_portal_made_up.csv"
MONTH_FIRST = DATA / "acled_monthfirst_semicolon_made_up.csv"
API_ENVELOPE = DATA / "acled_api_envelope_made_up.json"
API_BARE = DATA / "acled_api_bare_made_up.json"
UPDATES = DATA / "acled_updates_made_up.csv"
DELETED = DATA / "acled_deleted_api_made_up.json"

KILLED = """SELECT (SUM(?n) AS ?total) WHERE {
    ?e a dkg:CodedEvent ; dkg:killed/<https://schema.org/minValue> ?n }"""


def independent(path: Path) -> tuple[int, int]:
    """Events and the sum of fatalities, counted with pandas (CSV) or json (API)."""
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = data["data"] if isinstance(data, dict) else data
        return len({r["event_id_cnty"] for r in rows}), sum(int(r["fatalities"]) for r in rows)
    frame = pd.read_csv(path, sep=";" if "semicolon" in path.name else ",")
    return frame["event_id_cnty"].nunique(), int(frame["fatalities"].sum())


def as_xlsx(path: Path, out: Path) -> Path:
    """The R client's rows saved as an Excel workbook: numbers as numbers, dates as dates."""
    from openpyxl import Workbook

    frame = pd.read_csv(path)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        values = [None if pd.isna(v) else v for v in row]
        i = list(frame.columns).index("event_date")
        values[i] = dt.datetime.fromisoformat(str(values[i]))
        sheet.append(values)
    book.save(out)
    return out


@pytest.mark.parametrize(
    "layout", [RCLIENT, PORTAL, MONTH_FIRST, API_ENVELOPE, API_BARE], ids=lambda p: p.stem
)
def test_every_row_of_each_layout_imports_with_its_fatalities(tmp_path: Path, layout: Path) -> None:
    events, killed = independent(layout)
    report = import_into(tmp_path / "store", "acled", [layout])
    assert (report.stats.records, report.stats.rejected, report.stats.skipped) == (events, 0, 0)
    assert coded_events(tmp_path / "store", "acled") == events
    assert int(select(tmp_path / "store", KILLED)[0]["total"]) == killed


@pytest.mark.parametrize("pack", ["gzip", "zip", "xlsx"])
def test_compressed_and_excel_files_import_like_the_plain_csv(tmp_path: Path, pack: str) -> None:
    if pack == "gzip":
        path = gzipped(RCLIENT, tmp_path, "download.csv")  # gzip, whatever the name says
    elif pack == "zip":
        path = zipped(PORTAL, tmp_path)
    else:
        path = as_xlsx(RCLIENT, tmp_path / "events.xlsx")
    events, killed = independent(RCLIENT)
    report = import_into(tmp_path / "store", "acled", [path])
    assert (report.stats.records, report.stats.rejected) == (events, 0)
    assert int(select(tmp_path / "store", KILLED)[0]["total"]) == killed
    described = report.detected[0][1]
    expected = {
        "gzip": "gzip → CSV, comma-delimited, ACLED export layout, ISO dates",
        "zip": "zip → CSV, comma-delimited, ACLED export layout, dates day-first",
        "xlsx": "Excel workbook, sheet 'Sheet', ACLED export layout, ISO dates",
    }[pack]
    assert described.startswith(expected), described


def _days(store: Path) -> dict[str, str]:
    rows = select(store, "SELECT ?id ?day { ?e dcterms:identifier ?id ; dkg:occurredOn ?day }")
    return {r["id"]: r["day"] for r in rows}


def test_day_first_dates_with_a_time_read_as_day_first(tmp_path: Path) -> None:
    import_into(tmp_path / "store", "acled", [PORTAL])
    days = _days(tmp_path / "store")
    assert days["XUKR8003"] == "2022-04-02"  # "02/04/2022 00:00:00"
    assert days["XUKR8010"] == "2022-12-25"


def test_a_file_whose_dates_show_month_first_reads_its_ambiguous_dates_month_first(
    tmp_path: Path,
) -> None:
    report = import_into(tmp_path / "store", "acled", [MONTH_FIRST])
    days = _days(tmp_path / "store")
    assert days["XUKR8003"] == "2022-04-02"  # "04/02/2022", ambiguous alone
    assert days["XRUS8006"] == "2022-06-11"  # "06/11/2022"
    assert days["XUKR8001"] == "2022-03-14"  # "14 March 2022"
    assert "semicolon-delimited" in report.detected[0][1]
    assert "dates month-first" in report.detected[0][1]


def test_the_newest_version_of_an_event_wins_and_a_deleted_event_is_not_imported(
    tmp_path: Path,
) -> None:
    store = tmp_path / "store"
    report = import_into(store, "acled", [UPDATES])
    assert (report.stats.records, report.stats.skipped, report.stats.rejected) == (2, 4, 0)
    rows = select(
        store,
        """SELECT ?id ?day ?n WHERE { ?e dcterms:identifier ?id ; dkg:occurredOn ?day ;
             dkg:killed/<https://schema.org/minValue> ?n }""",
    )
    assert sorted((r["id"], r["day"], int(r["n"])) for r in rows) == [
        ("XUKR8001", "2022-03-13", 4),
        ("XUKR8003", "2022-04-02", 5),
    ]


@pytest.fixture(scope="module")
def api_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("acled-api") / "store"
    import_into(store, "acled", [API_ENVELOPE])
    return store


def test_every_actor_name_is_kept_labelled_and_state_forces_act_for_their_state(
    api_store: Path,
) -> None:
    rows = select(
        api_store,
        """SELECT DISTINCT ?name ?state WHERE {
             ?e <http://semanticweb.cs.vu.nl/2009/11/sem/hasActor>/rdf:value ?a .
             ?a rdfs:label ?name .
             OPTIONAL { ?a prov:actedOnBehalfOf ?state } }""",
    )
    found = {r["name"]: r.get("state", "").rsplit("/", 1)[-1] for r in rows}
    assert found == {
        "Military Forces of Russia (2000-)": "RUS",
        "Military Forces of Ukraine (2019-)": "UKR",
        "Government of Ukraine (2019-)": "UKR",
        "Government of Russia (2000-)": "RUS",
        "Civilians (Ukraine)": "",
        "Civilians (Pakistan)": "",
        "Unidentified Armed Group (Pakistan)": "",
        "Unidentified Armed Group (Russia)": "",
        "NAF: United Armed Forces of Novorossiya": "",
        "Protesters (Ukraine)": "",
        "Students (Ukraine)": "",
    }


def test_inter_codes_are_kept_on_each_actor_role(api_store: Path) -> None:
    rows = select(
        api_store,
        """SELECT ?role ?type WHERE { ?e dcterms:identifier "XUKR8001" ;
             <http://semanticweb.cs.vu.nl/2009/11/sem/hasActor> ?r .
             ?r rdfs:label ?role ; <http://purl.org/dc/elements/1.1/type> ?type }""",
    )
    assert {r["role"]: r["type"] for r in rows} == {"actor1": "8", "actor2": "7"}


def test_the_place_keeps_its_coordinates_and_country(api_store: Path) -> None:
    rows = select(
        api_store,
        """SELECT ?name ?lat ?lon ?country WHERE { ?e dcterms:identifier "XPAK8004" ;
             <http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace> ?p .
             ?p rdfs:label ?name ; <https://schema.org/latitude> ?lat ;
                <https://schema.org/longitude> ?lon ; dkg:country ?country }""",
    )
    assert [(r["name"], r["lat"], r["lon"], r["country"].rsplit("/", 1)[1]) for r in rows] == [
        ("Peshawar", "34.0151", "71.5249", "PAK")
    ]


def test_when_every_row_is_rejected_for_one_reason_the_cli_says_it_once_and_fails(
    tmp_path: Path,
) -> None:
    frame = pd.read_csv(PORTAL, dtype=str, keep_default_na=False)
    frame["fatalities"] = "several"
    path = tmp_path / "bad.csv"
    frame.to_csv(path, index=False)
    result = CliRunner().invoke(app, ["import", "acled", str(path), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    summary = "10 of 10 rows rejected: fatalities 'several' is not a count"
    assert summary in lines
    assert lines.index(summary) < min(i for i, x in enumerate(lines) if x.startswith("rejected:"))


def test_a_missing_file_raises_naming_it(tmp_path: Path) -> None:
    from kg import KnowledgeGraph

    with KnowledgeGraph.open(tmp_path / "store") as kg, pytest.raises(SourceError) as caught:
        import_files(kg, "gdelt", ["missing.CSV"])
    assert str(caught.value) == "missing.CSV: no such file"


def test_the_cli_says_a_missing_file_is_missing_and_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["import", "gdelt", "missing.CSV", "--store", str(tmp_path / "s")]
    )
    assert result.exit_code == 1
    assert "error: missing.CSV: no such file" in result.output


def test_a_later_download_replaces_updated_events_and_removes_deleted_ones(
    tmp_path: Path,
) -> None:
    store = tmp_path / "store"
    import_into(store, "acled", [PORTAL])
    report = import_into(store, "acled", [UPDATES])
    assert (report.stats.replaced, report.stats.deleted) == (2, 1)
    assert coded_events(store, "acled") == 9
    days = select(store, 'SELECT ?day { ?e dcterms:identifier "XUKR8001" ; dkg:occurredOn ?day }')
    assert [r["day"] for r in days] == ["2022-03-13"]
    _, killed = independent(PORTAL)
    assert int(select(store, KILLED)[0]["total"]) == killed - 3 + 4  # XUKR8001: 3 → 4
    observations = select(
        store,
        """SELECT ?day ?n { ?o a qb:Observation ; dcterms:date ?day ; dkg:count ?n }""",
    )
    assert sorted((r["day"], int(r["n"])) for r in observations) == [
        ("2022-03-13", 1),  # the strike of XUKR8001, moved from 2022-03-14
        ("2022-04-02", 1),
        ("2022-08-14", 1),
    ]


def test_importing_an_older_download_again_brings_back_no_old_version(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_into(store, "acled", [PORTAL])
    import_into(store, "acled", [UPDATES])
    report = import_into(store, "acled", [gzipped(PORTAL, tmp_path)])  # new bytes, old rows
    assert (report.stats.events, report.stats.merged) == (0, 10)
    assert coded_events(store, "acled") == 9  # XUKR8002 stays deleted
    days = select(store, 'SELECT ?day { ?e dcterms:identifier "XUKR8001" ; dkg:occurredOn ?day }')
    assert [r["day"] for r in days] == ["2022-03-13"]


def test_r_missing_values_are_empty_cells_not_actors_named_na(tmp_path: Path) -> None:
    import_into(tmp_path / "store", "acled", [RCLIENT])  # XUKR8005: actor2 NA, as R writes it
    rows = select(
        tmp_path / "store",
        """SELECT ?role ?name { ?e dcterms:identifier "XUKR8005" ; sem:hasActor ?r .
             ?r rdfs:label ?role ; rdf:value/rdfs:label ?name }""",
    )
    assert sorted((r["role"], r["name"]) for r in rows) == [
        ("actor1", "Protesters (Ukraine)"),
        ("assoc_actor_1", "Students (Ukraine)"),
    ]


def test_a_zip_download_with_terms_of_use_and_two_csv_parts_imports_every_row(
    tmp_path: Path,
) -> None:
    import zipfile

    lines = PORTAL.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "download.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Terms_of_Use.pdf", b"%PDF-1.4\x00\x01binary")
        archive.writestr("part1.csv", "".join(lines[:6]))  # header and five events
        archive.writestr("part2.csv", lines[0] + "".join(lines[6:]))  # header and five more
    events, killed = independent(PORTAL)
    report = import_into(tmp_path / "store", "acled", [path])
    assert (report.stats.records, report.stats.rejected) == (events, 0) == (10, 0)
    assert int(select(tmp_path / "store", KILLED)[0]["total"]) == killed


def test_acleds_list_of_deleted_events_removes_them_from_the_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_into(store, "acled", [API_ENVELOPE])
    deleted = json.loads(DELETED.read_text(encoding="utf-8"))["data"]
    report = import_into(store, "acled", [DELETED])
    assert (report.stats.records, report.stats.deleted) == (0, len(deleted)) == (0, 2)
    assert coded_events(store, "acled") == 10 - len(deleted)
    assert "ACLED deleted-events list" in report.detected[0][1]
