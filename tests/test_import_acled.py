"""``kg import acled``: made-up rows in ACLED's layout (ACLED's rows may not be republished)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_support import ACLED, coded_events, import_into, select

from kg.importers import ImportReport


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportReport]:
    path = tmp_path_factory.mktemp("acled") / "store"
    rejected = []
    report = import_into(path, "acled", [ACLED], on_rejection=rejected.append)
    return path, report


def test_acled_rows_become_coded_events_and_a_duplicate_merges(
    imported: tuple[Path, ImportReport],
) -> None:
    store, report = imported
    assert coded_events(store, "acled") == 10
    assert report.stats.merged == 1


def test_a_row_with_fatalities_that_are_not_a_number_is_rejected(
    imported: tuple[Path, ImportReport],
) -> None:
    _, report = imported
    assert report.stats.rejected == 1


def test_attacks_become_strikes_and_explosions_with_their_fatalities(
    imported: tuple[Path, ImportReport],
) -> None:
    store, _ = imported
    rows = select(
        store,
        """SELECT ?id ?class ?killed ?perpetrator ?country WHERE {
             ?e dcterms:identifier ?id ; a ?class ;
                dkg:killed/<https://schema.org/minValue> ?killed .
             FILTER(?class IN (dkg:Strike, dkg:Explosion))
             OPTIONAL { ?e dkg:hasAttribution/dkg:perpetrator ?perpetrator }
             OPTIONAL { ?e dkg:country ?country }
           } ORDER BY ?id""",
    )
    found = {(r["id"], r["class"].rsplit("#", 1)[1], int(r["killed"])) for r in rows}
    assert ("XUKR9001", "Strike", 4) in found
    assert ("XUKR9002", "Strike", 2) in found  # the row whose note spans two lines
    assert ("XUKR9003", "Explosion", 1) in found
    assert ("XUKR9008", "Explosion", 3) in found
    assert {r["perpetrator"].rsplit("/", 1)[1] for r in rows if "perpetrator" in r} == {
        "RUS",
        "UKR",
    }
    assert {r["country"].rsplit("/", 1)[1] for r in rows if r["id"] == "XRUS9006"} == {"RUS"}


def test_battles_and_protests_are_generic_coded_events_with_acleds_type(
    imported: tuple[Path, ImportReport],
) -> None:
    store, _ = imported
    rows = select(
        store,
        "SELECT ?id ?type WHERE { ?e dcterms:identifier ?id ; "
        "<http://purl.org/dc/elements/1.1/type> ?type "
        "FILTER NOT EXISTS { ?e a dkg:Strike } FILTER NOT EXISTS { ?e a dkg:Explosion } }",
    )
    assert {r["id"]: r["type"] for r in rows}["XUKR9004"] == "Battles: Armed clash"
