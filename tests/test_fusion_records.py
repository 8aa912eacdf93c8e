"""Records of event datasets linked to canonical events (issue 14, "Datasets linked").

A GDELT 2.0 export written here (the column layout of the real sample in
tests/data/import) holds one record of the Kramatorsk station strike of 8 April 2022 and
two that are not: a strike the same day in another country, and a condemnation. After
the import and `kg fuse`, the canonical event has exactly one record.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from test_import_support import GDELT2, import_into

from kg import KnowledgeGraph
from kg.fusion import Account
from kg.fusion.records import Record, link_records
from kg.importers.nquads import coded_event_iri

EPISODE = Path(__file__).parent / "data" / "episodes" / "kramatorsk-2022-04-08"
ACTOR = "https://w3id.org/diplomatic-kg/id/actor/"


def _row(record_id: str, day: str, code: str, country_fips: str) -> str:
    """A GDELT 2.0 row (61 columns) made from the first row of the real sample: Russia
    (Actor1) acts on Ukraine (Actor2) with CAMEO ``code``, in the country ``country_fips``."""
    fields = GDELT2.read_text(encoding="utf-8").splitlines()[0].split("\t")
    fields[0], fields[1], fields[26] = record_id, day, code
    fields[27], fields[28] = code, code[:2]
    fields[5], fields[6], fields[7] = "RUS", "RUSSIA", "RUS"
    fields[15], fields[16], fields[17] = "UKR", "UKRAINE", "UKR"
    fields[53] = country_fips  # ActionGeo_CountryCode (FIPS 10-4)
    fields[60] = f"https://example.org/news/{record_id}"
    return "\t".join(fields)


def _export(path: Path) -> Path:
    path.write_text(
        "\n".join(
            [
                _row("900000001", "20220408", "190", "UP"),  # Ukraine, the day: matches
                _row("900000002", "20220408", "190", "RS"),  # the same day, in Russia
                _row("900000003", "20220408", "111", "UP"),  # a condemnation, no violence
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("records")
    store = folder / "store"
    with KnowledgeGraph.open(store) as graph:
        for path in sorted(EPISODE.rglob("annotation.yaml")):
            graph.add_annotation(path)
    import_into(store, "gdelt", [_export(folder / "20220408000000.export.CSV")])
    fused = subprocess.run(
        [sys.executable, "-m", "kg", "fuse", "--store", str(store)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert fused.stderr == (
        "1 canonical events from 3 accounts (3 newly fused); 1 dataset record(s) linked to "
        "1 of them\n"
    )
    return store


def test_the_matching_gdelt_record_is_the_one_linked(store: Path) -> None:
    with KnowledgeGraph.open(store, read_only=True) as graph:
        rows = graph.run("canonical-sources").records()
    records = [(r["source"], r["origin"], r["record_id"], r["code"]) for r in rows]
    assert [r for r in records if r[0] == "record"] == [("record", "gdelt", "900000001", "190")]
    assert sorted(r["origin"] for r in rows if r["source"] == "account") == [
        "kramatorsk-2022-04-08-agency",
        "kramatorsk-2022-04-08-wire",
        "kramatorsk-2022-04-09-broadcast",
    ]
    assert len({r["event"] for r in rows}) == 1


def test_the_json_view_lists_the_record_of_the_canonical_event(store: Path) -> None:
    with KnowledgeGraph.open(store, read_only=True) as graph:
        view = graph.to_json()
    [canonical] = view["canonical_events"]
    assert len(canonical["accounts"]) == 3
    signature = "\x1f".join(
        ["20220408", "RUS", "UKR", "190", "https://example.org/news/900000001"]
    )
    assert canonical["records"] == [
        {
            "id": coded_event_iri("gdelt", signature),
            "dataset": "gdelt",
            "record_ids": ["900000001"],
            "date": "2022-04-08",
            "code": "190",
            "event_type": None,
        }
    ]


def test_kg_query_canonical_sources_takes_the_event(store: Path) -> None:
    with KnowledgeGraph.open(store, read_only=True) as graph:
        event = graph.run("canonical-events").records()[0]["event"]
    run = subprocess.run(
        [sys.executable, "-m", "kg", "query", "canonical-sources", "--store", str(store),
         "-p", f"event={event}", "--format", "csv"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    lines = run.stdout.splitlines()
    assert [line.split(",")[1] for line in lines[1:]] == ["account"] * 3 + ["record"]


def test_linked_records_keep_to_day_country_and_actors() -> None:
    # A strike in Ukraine on 8 April 2022 that its account blames on Russia.
    day = dt.date(2022, 4, 8)
    account = Account(
        iri="e", doc="d", local_id="e1", kind="strike", date=day,
        country=ACTOR + "UKR", perpetrators=frozenset({ACTOR + "RUS"}),
    )  # fmt: skip

    def record(name: str, offset: int, **actors: str) -> Record:
        country = actors.pop("country", ACTOR + "UKR")
        return Record(name, "gdelt", day + dt.timedelta(days=offset), country, **actors)

    records = [
        record("day-before", -1),
        record("two-days-after", 2),
        record("elsewhere", 0, country=ACTOR + "POL"),
        record("by-the-attacker", 0, source=ACTOR + "RUS", target=ACTOR + "UKR"),
        record("by-the-victim", 0, source=ACTOR + "UKR", target=ACTOR + "RUS"),
        record("on-a-third-party", 0, source=ACTOR + "RUS", target=ACTOR + "USA"),
    ]
    assert link_records({"c": [account]}, records) == {"c": ["by-the-attacker", "day-before"]}


def test_a_record_of_assault_keeps_its_country_so_that_it_can_be_linked() -> None:
    # CAMEO 183 (suicide bombing) is of root 18: no strike in the importers' kinds, but
    # violence, so the record keeps the state where it happened, as strikes do.
    from kg.importers.actorcodes import ActorResolver
    from kg.importers.gdelt import parse_row
    from kg.importers.nquads import QuadWriter

    record = parse_row(_row("900000004", "20220408", "183", "UP").split("\t"), ActorResolver())
    assert (record.kind.value, record.country) == ("other", "UKR")
    country = "<https://w3id.org/diplomatic-kg/ontology#country>"
    lines = QuadWriter("gdelt").record(record, new=True)
    assert [line.split()[2] for line in lines if line.split()[1] == country] == [
        f"<{ACTOR}UKR>"
    ]
    condemnation = parse_row(_row("900000005", "20220408", "111", "UP").split("\t"),
                             ActorResolver())  # fmt: skip
    assert condemnation.country is None
