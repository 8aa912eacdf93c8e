"""``kg import ucdp``: real UCDP GED rows (a 23-row subset of the Ukraine extract, CC BY
4.0, see tests/data/import/PROVENANCE.md) into a real on-disk store, counted against
pandas; and the whole shared extract when the shared data are on this machine."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from test_import_support import DATA, coded_events, gzipped, import_into, select, zipped

from kg.importers import ImportReport

UCDP = DATA / "ucdp_ged_ukraine_subset.csv"
SHARED = [
    root / "data" / "ucdp" / "peacerep_UCDP-GED-Ukraine_v2024-05-02.csv"
    for root in (Path("/work/shared"), Path(__file__).parents[2] / "shared")
]
BEST = """SELECT (COUNT(?f) AS ?n) (SUM(?best) AS ?total) WHERE {
    ?e a dkg:CodedEvent ; prov:wasDerivedFrom <https://w3id.org/diplomatic-kg/id/dataset/ucdp> ;
       dkg:killed ?f . ?f schema:value ?best }"""


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportReport]:
    store = tmp_path_factory.mktemp("ucdp") / "store"
    return store, import_into(store, "ucdp", [UCDP])


def test_every_ged_row_becomes_one_coded_event_with_its_best_estimate(
    imported: tuple[Path, ImportReport],
) -> None:
    store, report = imported
    frame = pd.read_csv(UCDP)
    assert (report.stats.records, report.stats.rejected) == (len(frame), 0)
    assert coded_events(store, "ucdp") == frame["id"].nunique() == 23
    totals = select(store, BEST)[0]
    assert (int(totals["n"]), int(totals["total"])) == (len(frame), int(frame["best"].sum()))


def test_the_casualty_range_is_low_to_high_widened_to_hold_best(
    imported: tuple[Path, ImportReport],
) -> None:
    store, _ = imported
    rows = select(
        store,
        """SELECT ?id ?min ?max ?best WHERE { ?e dcterms:identifier ?id ; dkg:killed ?f .
             ?f schema:minValue ?min ; schema:maxValue ?max ; schema:value ?best }""",
    )
    found = {r["id"]: (int(r["min"]), int(r["max"]), int(r["best"])) for r in rows}
    assert found["149250"] == (48, 67, 48)  # low 48, best 48, high 67
    assert found["154050"] == (48, 50, 50)
    assert found["155425"] == (6, 7, 7)  # GED's own low 7 > high 6


def test_the_sides_are_named_actors_and_the_government_resolves_to_its_state(
    imported: tuple[Path, ImportReport],
) -> None:
    store, _ = imported
    rows = select(
        store,
        """SELECT ?source ?role ?name ?state WHERE { ?e dcterms:identifier "149866" ;
             dkg:sourceActor ?source ; sem:hasActor ?r . ?r rdfs:label ?role ;
             rdf:value ?a . ?a rdfs:label ?name . OPTIONAL { ?a prov:actedOnBehalfOf ?state } }""",
    )
    assert {r["source"].rsplit("/", 1)[1] for r in rows} == {"UKR"}
    assert {(r["role"], r["name"], r.get("state", "").rsplit("/", 1)[-1]) for r in rows} == {
        ("side_a", "Government of Ukraine", "UKR"),
        ("side_b", "DPR", ""),
    }


def test_dates_places_coordinates_and_country_are_kept(
    imported: tuple[Path, ImportReport],
) -> None:
    store, _ = imported
    rows = select(
        store,
        """SELECT ?id ?day ?end ?place ?lat ?country WHERE { ?e dcterms:identifier ?id ;
             dkg:occurredOn ?day ; dkg:country ?country ; sem:hasPlace ?p .
             ?p rdfs:label ?place ; schema:latitude ?lat .
             OPTIONAL { ?e sem:hasEndTimeStamp ?end } }""",
    )
    by_id = {r["id"]: r for r in rows}
    assert (by_id["149249"]["day"], by_id["149249"]["end"]) == ("2014-02-18", "2014-02-20")
    assert "end" not in by_id["147997"]
    assert (by_id["147997"]["place"], by_id["147997"]["lat"]) == ("Kiev city", "50.45")
    assert by_id["154671"]["country"].rsplit("/", 1)[1] == "RUS"  # "Russia (Soviet Union)"


@pytest.mark.parametrize("pack", ["gzip", "zip"])
def test_a_compressed_ged_file_imports_like_the_plain_one(tmp_path: Path, pack: str) -> None:
    path = gzipped(UCDP, tmp_path) if pack == "gzip" else zipped(UCDP, tmp_path)
    report = import_into(tmp_path / "store", "ucdp", [path])
    assert (report.stats.records, report.stats.rejected) == (23, 0)
    assert report.detected[0][1] == f"{pack} → CSV, comma-delimited, UCDP GED layout"


@pytest.mark.skipif(not any(p.exists() for p in SHARED), reason="shared UCDP extract absent")
def test_the_whole_shared_ukraine_extract_imports_with_its_event_count_and_deaths(
    tmp_path: Path,
) -> None:
    path = next(p for p in SHARED if p.exists())
    frame = pd.read_csv(path)
    store = tmp_path / "store"
    report = import_into(store, "ucdp", [path])
    assert (report.stats.records, report.stats.rejected) == (len(frame), 0)
    assert coded_events(store, "ucdp") == frame["id"].nunique() == 3077
    totals = select(store, BEST)[0]
    assert (int(totals["n"]), int(totals["total"])) == (3077, int(frame["best"].sum()))


def test_a_row_that_cannot_be_read_is_rejected_and_the_others_imported(tmp_path: Path) -> None:
    frame = pd.read_csv(UCDP, dtype=str, keep_default_na=False)
    frame.loc[1, "best"] = "many"  # the file's third line: a count that is no number
    broken = tmp_path / "ged.csv"
    frame.to_csv(broken, index=False)
    report = import_into(tmp_path / "store", "ucdp", [broken])
    assert (report.stats.records, report.stats.rejected) == (22, 1)
    assert list(report.examples.values()) == ["best 'many' is not a count"]
