"""``kg import gdelt``: real GDELT 2.0 and 1.0 rows into a real on-disk store, counted
against an independent count of the same files made with plain ``csv``."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from test_import_support import (
    GDELT1,
    GDELT2,
    actors,
    coded_events,
    import_into,
    independent_gdelt,
    quad_count,
    reactions_by_type,
    select,
)


@pytest.fixture(scope="module")
def gdelt2_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("gdelt2") / "store"
    import_into(store, "gdelt", [GDELT2])
    return store


def test_gdelt2_sample_gives_one_coded_event_per_distinct_signature(gdelt2_store: Path) -> None:
    events, _, _ = independent_gdelt(GDELT2)
    assert coded_events(gdelt2_store, "gdelt") == events


def test_gdelt2_sample_reactions_by_type_match_an_independent_count(gdelt2_store: Path) -> None:
    _, reactions, _ = independent_gdelt(GDELT2)
    assert reactions_by_type(gdelt2_store, "gdelt") == reactions
    assert reactions["condemns"] > 0


def test_gdelt2_sample_actors_match_an_independent_count(gdelt2_store: Path) -> None:
    _, _, expected = independent_gdelt(GDELT2)
    assert actors(gdelt2_store, "gdelt") == expected


def test_gdelt1_daily_and_historical_rows_import(tmp_path: Path) -> None:
    report = import_into(tmp_path / "store", "gdelt", [GDELT1])
    events, reactions, _ = independent_gdelt(GDELT1)
    assert report.stats.rejected == 0
    assert coded_events(tmp_path / "store", "gdelt") == events == 250
    assert reactions_by_type(tmp_path / "store", "gdelt") == reactions


def test_a_zipped_export_imports_like_the_plain_file(tmp_path: Path, gdelt2_store: Path) -> None:
    archive = tmp_path / "20191024143000.export.CSV.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(GDELT2, "20191024143000.export.CSV")
    import_into(tmp_path / "store", "gdelt", [archive])
    assert quad_count(tmp_path / "store") == quad_count(gdelt2_store)


def test_reimporting_a_file_adds_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_into(store, "gdelt", [GDELT2])
    before = quad_count(store)
    report = import_into(store, "gdelt", [GDELT2])
    assert report.unchanged == [GDELT2]
    assert quad_count(store) == before


def test_the_same_rows_in_another_file_merge_into_the_events_already_there(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_into(store, "gdelt", [GDELT2])
    before = coded_events(store, "gdelt")
    copy = tmp_path / "copy.CSV"
    lines = GDELT2.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[0].split("\t")
    fields[0], fields[60] = "999999999", "https://example.org/a-new-article\n"
    copy.write_text("".join(lines) + "\t".join(fields), encoding="utf-8")
    report = import_into(store, "gdelt", [copy])
    assert report.stats.events == 1
    assert report.stats.merged == len(lines)
    assert coded_events(store, "gdelt") == before + 1


def test_merged_records_keep_every_record_id(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_into(store, "gdelt", [GDELT2])
    rows = select(
        store,
        "SELECT ?e (COUNT(?id) AS ?ids) WHERE { ?e a dkg:CodedEvent ; dcterms:identifier ?id }"
        " GROUP BY ?e HAVING (COUNT(?id) > 1)",
    )
    events, _, _ = independent_gdelt(GDELT2)
    assert sum(int(r["ids"]) for r in rows) - len(rows) == 600 - events


def test_a_condemnation_keeps_its_dataset_record_as_evidence(gdelt2_store: Path) -> None:
    rows = select(
        gdelt2_store,
        """SELECT ?id ?url ?mentions ?sources ?confidence ?code ?dataset WHERE {
             ?r a dkg:Condemnation ; prov:wasDerivedFrom ?e .
             ?e dcterms:identifier ?id ; <https://schema.org/url> ?url ;
                dkg:mentions ?mentions ; dkg:sources ?sources ; dkg:confidence ?confidence ;
                <http://semanticweb.cs.vu.nl/2009/11/sem/eventType> ?code ;
                prov:wasDerivedFrom ?dataset .
           }""",
    )
    assert rows
    assert {r["code"] for r in rows} == {"https://w3id.org/diplomatic-kg/scheme/cameo/111"}
    assert {r["dataset"] for r in rows} == {"https://w3id.org/diplomatic-kg/id/dataset/gdelt"}
    assert all(0 < float(r["confidence"]) <= 1 for r in rows)


def test_a_government_body_speaks_for_its_state_as_a_speaker_type(gdelt2_store: Path) -> None:
    rows = select(
        gdelt2_store,
        "SELECT ?agent ?type WHERE { ?r dkg:agent ?agent ; dkg:speakerType ?type }",
    )
    assert rows
    assert {r["type"].rsplit("/", 1)[1] for r in rows} <= {"GOV", "MIL", "COP", "JUD", "SPY", "LEG"}
    assert all("/actor/" in r["agent"] and "." not in r["agent"].rsplit("/", 1)[1] for r in rows)


def test_every_coded_event_carries_its_day(gdelt2_store: Path) -> None:
    rows = select(
        gdelt2_store,
        "SELECT (COUNT(?e) AS ?n) WHERE { ?e a dkg:CodedEvent "
        "FILTER NOT EXISTS { ?e dkg:occurredOn ?d } }",
    )
    assert rows[0]["n"] == "0"


def test_an_import_leaves_no_temporary_bulk_files(tmp_path: Path) -> None:
    import_into(tmp_path / "store", "gdelt", [GDELT2], chunk_rows=100)
    assert not list((tmp_path / "store").glob("bulk-*.sst"))


def test_small_chunks_import_the_same_quads_as_one_chunk(
    tmp_path: Path, gdelt2_store: Path
) -> None:
    import_into(tmp_path / "store", "gdelt", [GDELT2], chunk_rows=7)
    assert quad_count(tmp_path / "store") == quad_count(gdelt2_store)
    shutil.rmtree(tmp_path / "store")
