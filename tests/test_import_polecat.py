"""``kg import plover`` on POLECAT's tab-separated layout: made-up rows under the 40-column
header of POLECAT's published files (see ``kg.importers.polecat``), counted with ``csv``."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from test_import_support import (
    DATA,
    coded_events,
    gzipped,
    import_into,
    reactions_by_type,
    select,
    zipped,
)

from kg.importers import ImportReport

POLECAT = DATA / "polecat_made_up.tsv"


def independent() -> tuple[int, int, Counter[str]]:
    """Rows; coded events (one per state actor of a row, at least one, as for PLOVER's
    JSON); reactions by type from the PLOVER type and mode: counted from scratch."""
    with POLECAT.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    events = 0
    for r in rows:
        pairs = zip(
            r["Actor Country"].split(";"), r["Primary Actor Sector"].split(";"), strict=True
        )
        events += max(1, len({c for c, sector in pairs if sector in ("Government", "Military")}))
    kinds = {
        ("ACCUSE", "disapprove"): "condemns",
        ("ACCUSE", "allege"): "blames",
        ("SUPPORT", ""): "supports",
        ("THREATEN", ""): "threatens",
        ("REQUEST", "yield"): "callsForCeasefire",  # with the military context
    }
    reactions = Counter(
        kinds[(r["Event Type"], r["Event Mode"])]
        for r in rows
        if (r["Event Type"], r["Event Mode"]) in kinds
    )
    return len(rows), events, reactions


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportReport]:
    store = tmp_path_factory.mktemp("polecat") / "store"
    return store, import_into(store, "plover", [POLECAT])


def test_every_polecat_row_gives_a_coded_event_per_actor_and_the_reactions_match(
    imported: tuple[Path, ImportReport],
) -> None:
    store, report = imported
    rows, events, reactions = independent()
    assert (rows, events) == (8, 9)  # "France;Germany" visit China: two coded events
    assert (report.stats.records, report.stats.rejected) == (events, 0)
    assert coded_events(store, "plover") == events
    assert reactions_by_type(store, "plover") == reactions
    assert report.detected == [(str(POLECAT), "TSV, tab-delimited, POLECAT layout")]


def test_a_drone_strike_keeps_its_place_and_its_unresolved_recipient(
    imported: tuple[Path, ImportReport],
) -> None:
    store, _ = imported
    rows = select(
        store,
        """SELECT ?place ?lat ?country ?name WHERE { ?e dcterms:identifier "MADEUP-0003" ;
             a dkg:DroneStrike ; dkg:country ?country ; sem:hasPlace ?p ;
             sem:hasActor ?r . ?r rdfs:label "recipient" ; rdf:value/rdfs:label ?name .
             ?p rdfs:label ?place ; schema:latitude ?lat .
             FILTER NOT EXISTS { ?r rdf:value/prov:actedOnBehalfOf ?any } }""",
    )
    assert [(r["place"], r["lat"], r["country"].rsplit("/", 1)[1], r["name"]) for r in rows] == [
        ("Odesa", "46.4825", "UKR", "Odesa residents")
    ]


@pytest.mark.parametrize("pack", ["gzip", "zip"])
def test_a_compressed_polecat_file_imports_like_the_plain_one(tmp_path: Path, pack: str) -> None:
    path = gzipped(POLECAT, tmp_path) if pack == "gzip" else zipped(POLECAT, tmp_path)
    report = import_into(tmp_path / "store", "plover", [path])
    assert (report.stats.records, report.stats.rejected) == (9, 0)
    assert report.detected[0][1] == f"{pack} → TSV, tab-delimited, POLECAT layout"
