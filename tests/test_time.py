"""Time in the graph: the day a reaction was made and how it is known, the day of an event,
date spans on the named queries and on `kg export`/`analyze`/`render`, and bloc membership
read on the day (Finland's reaction of 2022 is not a NATO member's, its reaction of 2024 is).

The store is a real one on disk, filled with `kg add` from documents of different dates
that share actors and places, written for these tests.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pyoxigraph import Literal, NamedNode

from conftest import SEED_ANNOTATION
from kg import KnowledgeGraph
from kg.annotation import AnnotationError, load_annotation
from kg.extract import extract_document
from kg.model import DateSource, Document, Reaction
from kg.rdf import document_quads

KG = [sys.executable, "-m", "kg"]
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
DKG = "https://w3id.org/diplomatic-kg/ontology#"
XSD_DATE = NamedNode("http://www.w3.org/2001/XMLSchema#date")

# One short report, in four editions of different dates. Each has a strike in Ukraine (no
# place: events that share a place are the concern of other tests) and
# Finland, Poland and Sweden condemning Russia for it; the edition of 2024-01-02 says that
# Finland spoke "on Sunday" (2023-12-31).
TEXT = (
    "A drone struck a power station near Kharkiv overnight. "
    "Finland condemned Russia for the strike. "
    "Poland condemned Russia as well. "
    "Sweden condemned Russia too."
)
STATED = (
    "A drone struck a power station near Kharkiv. "
    "On Sunday, Finland condemned Russia for the strike. "
    "Poland condemned Russia as well. "
    "Sweden condemned Russia too."
)


def _annotation(doc_id: str, day: str, text: str, event_day: str | None) -> str:
    finland = (
        "On Sunday, Finland condemned Russia" if text is STATED else "Finland condemned Russia"
    )
    finland_date = "\n    date: 2023-12-31" if text is STATED else ""
    event_date = f"\n    date: {event_day}" if event_day else ""
    return f"""format: diplomatic-kg/annotation@1
document:
  id: {doc_id}
  date: {day}
  text: {json.dumps(text)}
events:
  - id: e1
    kind: strike
    means: drone
    country: UKR{event_date}
    evidence: "A drone struck a power station near Kharkiv"
reactions:
  - type: condemns
    agent: FIN
    target: RUS
    about: e1{finland_date}
    evidence: "{finland}"
  - type: condemns
    agent: POL
    target: RUS
    about: e1
    evidence: "Poland condemned Russia"
  - type: condemns
    agent: SWE
    target: RUS
    about: e1
    evidence: "Sweden condemned Russia"
"""


EDITIONS = [
    ("report-2022-05-10", "2022-05-10", TEXT, "2022-05-09"),
    ("report-2023-12-12", "2023-12-12", TEXT, "2023-12-11"),
    ("report-2024-01-02", "2024-01-02", STATED, None),
    ("report-2024-03-20", "2024-03-20", TEXT, "2024-03-19"),
]


def kg(*args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    run = subprocess.run([*KG, *map(str, args)], capture_output=True, text=True, env=env)
    if check and run.returncode != 0:
        raise AssertionError(f"kg {args} failed ({run.returncode}):\n{run.stderr}")
    return run


def csv_rows(run: subprocess.CompletedProcess[str]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run.stdout)))


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("editions")
    paths = []
    for doc_id, day, text, event_day in EDITIONS:
        path = folder / f"{doc_id}.yaml"
        path.write_text(_annotation(doc_id, day, text, event_day), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, files: list[Path]) -> Path:
    path = tmp_path_factory.mktemp("dated") / "store"
    kg("add", "--store", path, *files)
    return path


# --------------------------------------------------------------------------- the model


def test_a_reaction_the_text_does_not_date_takes_the_documents_date_marked_document() -> None:
    doc = load_annotation(SEED_ANNOTATION)
    assert {(r.date, r.date_source) for r in doc.reactions} == {
        (dt.date(2023, 12, 30), DateSource.DOCUMENT)
    }
    assert len(doc.reactions) == 10


def test_a_date_in_an_annotation_is_stated_unless_it_says_otherwise(files: list[Path]) -> None:
    doc = load_annotation(files[2])
    assert [(r.agent, r.date, r.date_source) for r in doc.reactions] == [
        ("FIN", dt.date(2023, 12, 31), DateSource.STATED),
        ("POL", dt.date(2024, 1, 2), DateSource.DOCUMENT),
        ("SWE", dt.date(2024, 1, 2), DateSource.DOCUMENT),
    ]


def test_a_date_source_without_a_date_is_reported_at_its_line(tmp_path: Path) -> None:
    text = _annotation("bad", "2024-01-02", TEXT, None).replace(
        '    about: e1\n    evidence: "Poland',
        '    about: e1\n    date_source: stated\n    evidence: "Poland',
    )
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnnotationError) as caught:
        load_annotation(path)
    assert str(caught.value) == (
        f"{path}:18: reactions.1: reaction by POL has a date_source (stated) but no date"
    )


def test_a_reaction_given_to_two_documents_takes_each_ones_date() -> None:
    reaction = Reaction(
        type="condemns",
        agent="POL",
        target="RUS",
        evidence=[{"text": "Poland condemned", "start": 0, "end": 16}],
    )
    first = Document(
        id="a", text="Poland condemned.", date=dt.date(2024, 1, 1), reactions=[reaction]
    )
    second = Document(
        id="b", text="Poland condemned.", date=dt.date(2024, 2, 1), reactions=[reaction]
    )
    assert (first.reactions[0].date, second.reactions[0].date, reaction.date) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 2, 1),
        None,
    )


def test_a_document_without_a_date_leaves_its_reactions_undated() -> None:
    doc = Document(
        id="a",
        text="Poland condemned.",
        reactions=[
            Reaction(
                type="condemns", agent="POL", evidence=[{"text": "Poland", "start": 0, "end": 6}]
            )
        ],
    )
    assert (doc.reactions[0].date, doc.reactions[0].date_source) == (None, None)


def test_the_demo_events_carry_the_dates_the_article_supports() -> None:
    doc = load_annotation(SEED_ANNOTATION)
    assert [(e.id, e.date, e.date_source) for e in doc.events] == [
        ("e1", dt.date(2023, 12, 30), DateSource.DOCUMENT),
        ("e2", dt.date(2023, 12, 29), DateSource.STATED),
        ("e3", None, None),
    ]


# --------------------------------------------------------------------------- the extractor


def test_the_extractor_dates_a_statement_the_text_dates_and_the_rest_by_the_document() -> None:
    doc = extract_document(STATED, doc_id="x", date=dt.date(2024, 1, 2))
    assert sorted((r.agent, r.date, r.date_source) for r in doc.reactions) == [
        ("FIN", dt.date(2023, 12, 31), DateSource.STATED),
        ("POL", dt.date(2024, 1, 2), DateSource.DOCUMENT),
        ("SWE", dt.date(2024, 1, 2), DateSource.DOCUMENT),
    ]


def test_the_extractor_does_not_take_the_day_of_the_event_for_the_statement() -> None:
    text = "After the strike on Friday, Poland condemned Russia."
    doc = extract_document(text, doc_id="x", date=dt.date(2024, 1, 7))
    assert [(r.agent, r.date, r.date_source) for r in doc.reactions] == [
        ("POL", dt.date(2024, 1, 7), DateSource.DOCUMENT)
    ]


# --------------------------------------------------------------------------- RDF


def test_a_reactions_day_is_sem_has_time_stamp_with_its_source(files: list[Path]) -> None:
    doc = load_annotation(files[2])
    quads = document_quads(doc)
    dated = sorted(
        (q.subject.value, q.object.value)
        for q in quads
        if q.predicate == NamedNode(SEM + "hasTimeStamp")
    )
    sources = {
        q.subject.value: q.object.value
        for q in quads
        if q.predicate == NamedNode(DKG + "dateSource")
    }
    assert sorted(day for _, day in dated) == ["2023-12-31", "2024-01-02", "2024-01-02"]
    assert all(
        q.object == Literal(q.object.value, datatype=XSD_DATE)
        for q in quads
        if q.predicate == NamedNode(SEM + "hasTimeStamp")
    )
    assert sorted(sources[r] for r, _ in dated) == ["document", "document", "stated"]
    # The event has no date: neither a day nor a source is written for it.
    assert len(sources) == 3


# --------------------------------------------------------------------------- named queries


def test_who_condemns_whom_since_until_keeps_the_reactions_of_that_span(store: Path) -> None:
    run = kg(
        "query",
        "who-condemns-whom",
        "--store",
        store,
        "--format",
        "csv",
        "-p",
        "since=2023-12-01",
        "-p",
        "until=2023-12-31",
    )
    rows = [
        (r["agent_label"], r["target_label"], r["reactions"], r["documents"]) for r in csv_rows(run)
    ]
    assert rows == [
        ("Finland", "Russia", "2", "2"),  # 2023-12-12, and "on Sunday" 2023-12-31
        ("Poland", "Russia", "1", "1"),
        ("Sweden", "Russia", "1", "1"),
    ]


def test_who_condemns_whom_without_a_span_counts_every_edition(store: Path) -> None:
    rows = csv_rows(kg("query", "who-condemns-whom", "--store", store, "--format", "csv"))
    assert [(r["agent_label"], r["reactions"], r["documents"]) for r in rows] == [
        ("Finland", "4", "4"),
        ("Poland", "4", "4"),
        ("Sweden", "4", "4"),
    ]


def test_since_alone_and_until_alone_bound_one_side(store: Path) -> None:
    since = csv_rows(
        kg("query", "reactions", "--store", store, "--format", "csv", "-p", "since=2024-01-01")
    )
    until = csv_rows(
        kg("query", "reactions", "--store", store, "--format", "csv", "-p", "until=2023-12-31")
    )
    assert sorted(r["date"] for r in since) == ["2024-01-02"] * 2 + ["2024-03-20"] * 3
    assert sorted(r["date"] for r in until) == (
        ["2022-05-10"] * 3 + ["2023-12-12"] * 3 + ["2023-12-31"]
    )


def test_reactions_between_two_actors_take_a_span(store: Path) -> None:
    def days(*span: str) -> list[str]:
        options = [x for pair in zip(["-p"] * len(span), span, strict=True) for x in pair]
        run = kg("query", "reactions-between", "--store", store, "--format", "csv",
                 "-p", "agent=FIN", "-p", "target=RUS", *options)  # fmt: skip
        return sorted(r["date"] for r in csv_rows(run))

    assert days() == ["2022-05-10", "2023-12-12", "2023-12-31", "2024-03-20"]
    assert days("since=2024-01-01") == ["2024-03-20"]
    assert days("until=2023-12-31") == ["2022-05-10", "2023-12-12", "2023-12-31"]


def test_events_since_until_filter_on_the_events_own_day(store: Path) -> None:
    rows = csv_rows(
        kg(
            "query",
            "events",
            "--store",
            store,
            "--format",
            "csv",
            "-p",
            "since=2023-12-01",
            "-p",
            "until=2024-01-31",
        )
    )
    # The edition of 2024-01-02 does not date its strike: a span leaves it out.
    assert [(r["doc_id"], r["date"], r["date_source"]) for r in rows] == [
        ("report-2023-12-12", "2023-12-11", "stated")
    ]
    every = csv_rows(kg("query", "events", "--store", store, "--format", "csv"))
    assert len(every) == 4


def test_query_list_shows_the_optional_date_parameters() -> None:
    lines = kg("query", "--list").stdout.splitlines()

    def params_of(name: str) -> list[str]:
        after = lines[lines.index(name) + 1 :]
        block = after[: next((i for i, line in enumerate(after) if not line.startswith(" ")), None)]
        return [line for line in block if "--param" in line]

    assert params_of("who-condemns-whom") == [
        "  --param agent=<actor>  (optional) only condemnations by this actor",
        "  --param domestic=<boolean>  (optional, default false) keep an actor's condemnations"
        " of itself",
        "  --param since=<date>  (optional, default 0001-01-01) only reactions dated on or after"
        " this day",
        "  --param until=<date>  (optional, default 9999-12-31) only reactions dated on or before"
        " this day",
    ]
    assert [line.split("  (")[0].strip() for line in params_of("bloc-reactions")] == [
        "--param bloc=<actor>",
        "--param type=<string>",
        "--param since=<date>",
        "--param until=<date>",
    ]


def test_a_bad_date_is_a_one_line_error(store: Path) -> None:
    run = kg("query", "who-condemns-whom", "--store", store, "-p", "since=2023-13-01", check=False)
    assert run.returncode != 0
    assert run.stderr.strip() == "error: '2023-13-01' is not a date (YYYY-MM-DD)"


# --------------------------------------------------------------------------- blocs


def test_nato_reactions_are_those_of_members_on_the_events_day(store: Path) -> None:
    rows = csv_rows(
        kg("query", "bloc-reactions", "--store", store, "--format", "csv", "-p", "bloc=NATO")
    )
    assert [(r["at"], r["agent_label"]) for r in rows] == [
        ("2022-05-09", "Poland"),  # Finland and Sweden not yet members
        ("2023-12-11", "Finland"),  # Finland from 2023-04-04
        ("2023-12-11", "Poland"),
        ("2023-12-31", "Finland"),  # an undated event: the reaction's day
        ("2024-01-02", "Poland"),
        ("2024-03-19", "Finland"),  # Sweden from 2024-03-07
        ("2024-03-19", "Poland"),
        ("2024-03-19", "Sweden"),
    ]


def test_eu_reactions_count_every_member_of_the_time(store: Path) -> None:
    rows = csv_rows(
        kg(
            "query",
            "bloc-reactions",
            "--store",
            store,
            "--format",
            "csv",
            "-p",
            "bloc=EU",
            "-p",
            "since=2024-01-01",
        )
    )
    assert len(rows) == 5


# --------------------------------------------------------------------------- the views


def view(store: Path, *options: str) -> dict[str, Any]:
    return json.loads(kg("export", "--store", store, "--format", "json", *options).stdout)


def test_the_json_view_gives_each_reaction_its_date_and_source(store: Path) -> None:
    reactions = view(store)["reactions"]
    assert len(reactions) == 12
    assert sorted(
        (r["document"], r["agent"]["code"], r["date"], r["date_source"])
        for r in reactions
        if r["document"] == "report-2024-01-02"
    ) == [
        ("report-2024-01-02", "FIN", "2023-12-31", "stated"),
        ("report-2024-01-02", "POL", "2024-01-02", "document"),
        ("report-2024-01-02", "SWE", "2024-01-02", "document"),
    ]


def test_the_seed_json_view_dates_its_events_and_reactions(seed_view: dict[str, Any]) -> None:
    assert [(e["local_id"], e["date"], e["date_source"]) for e in seed_view["events"]] == [
        ("e1", "2023-12-30", "document"),
        ("e2", "2023-12-29", "stated"),
        ("e3", None, None),
    ]
    assert {(r["date"], r["date_source"]) for r in seed_view["reactions"]} == {
        ("2023-12-30", "document")
    }


def test_export_json_year_keeps_that_years_reactions_and_events(store: Path) -> None:
    year = view(store, "--year", "2023")
    assert sorted(r["date"] for r in year["reactions"]) == ["2023-12-12"] * 3 + ["2023-12-31"]
    assert [e["date"] for e in year["events"]] == ["2023-12-11"]
    span = view(store, "--since", "2023-01-01", "--until", "2023-12-31")
    assert span == year


def test_analyze_since_counts_only_the_reactions_of_the_span(store: Path) -> None:
    every = json.loads(kg("analyze", "--store", store, "--json").stdout)
    late = json.loads(kg("analyze", "--store", store, "--json", "--since", "2024-01-01").stdout)
    assert every["most"]["condemned"] == {"actors": ["RUS"], "count": 12}
    assert late["most"]["condemned"] == {"actors": ["RUS"], "count": 5}


def test_render_until_draws_only_the_reactions_of_the_span(store: Path, tmp_path: Path) -> None:
    kg("render", "--store", store, "--output", tmp_path / "all.html")
    kg("render", "--store", store, "--output", tmp_path / "2022.html", "--until", "2022-12-31")
    everything = (tmp_path / "all.html").read_text(encoding="utf-8")
    early = (tmp_path / "2022.html").read_text(encoding="utf-8")
    assert "On Sunday, Finland condemned Russia" in everything
    assert "On Sunday, Finland condemned Russia" not in early
    assert "report-2022-05-10" in early and "report-2024-03-20" not in early
    assert "<title>diplomatic-kg, reactions of … to 2022-12-31</title>" in early
    assert "<title>diplomatic-kg</title>" in everything


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--year", "2023", "--since", "2023-01-01"],
            "error: --year cannot be combined with --since or --until",
        ),
        (["--since", "2024-02-30"], "error: --since '2024-02-30': not a date (YYYY-MM-DD)"),
        (
            ["--since", "2024-01-02", "--until", "2024-01-01"],
            "error: --since 2024-01-02 is after --until 2024-01-01",
        ),
    ],
)
def test_bad_date_options_are_one_line_errors(
    store: Path, options: list[str], message: str
) -> None:
    run = kg("export", "--store", store, "--format", "json", *options, check=False)
    assert run.returncode == 2
    assert run.stderr.strip() == message


def test_a_date_span_on_an_rdf_export_is_refused(store: Path) -> None:
    run = kg("export", "--store", store, "--format", "ttl", "--year", "2023", check=False)
    assert run.returncode == 2
    assert run.stderr.strip() == (
        "error: --since/--until/--year apply to --format json and graphml, not ttl"
    )


# --------------------------------------------------------------------------- datasets


def test_dataset_reactions_carry_the_records_day(tmp_path: Path) -> None:
    from test_import_support import GDELT2, independent_gdelt

    from kg.importers.runner import import_files

    with KnowledgeGraph.open(tmp_path / "store") as graph:
        import_files(graph, "gdelt", [GDELT2])
        rows = graph.query(
            """PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
            SELECT ?source ?same (COUNT(DISTINCT ?r) AS ?n) WHERE {
              ?r dkg:agent ?a ; prov:wasDerivedFrom ?e . ?e a dkg:CodedEvent ;
                 dkg:occurredOn ?day .
              OPTIONAL { ?r dkg:dateSource ?source }
              OPTIONAL { ?r sem:hasTimeStamp ?stamp }
              BIND(COALESCE(?stamp = ?day, false) AS ?same)
            } GROUP BY ?source ?same"""
        ).records()
    _, reactions, _ = independent_gdelt(GDELT2)
    assert rows == [{"source": "dataset", "same": True, "n": sum(reactions.values())}]


@pytest.mark.parametrize("dataset", ["icews", "plover"])
def test_every_dataset_reaction_is_dated_by_its_record(tmp_path: Path, dataset: str) -> None:
    from test_import_support import ICEWS, PLOVER

    from kg.importers.runner import import_files

    with KnowledgeGraph.open(tmp_path / "store") as graph:
        import_files(graph, dataset, [{"icews": ICEWS, "plover": PLOVER}[dataset]])
        rows = graph.query(
            """PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
            SELECT ?source ?same (COUNT(DISTINCT ?r) AS ?n) WHERE {
              ?r dkg:agent ?a ; prov:wasDerivedFrom ?e . ?e a dkg:CodedEvent ;
                 dkg:occurredOn ?day .
              OPTIONAL { ?r dkg:dateSource ?source }
              OPTIONAL { ?r sem:hasTimeStamp ?stamp }
              BIND(COALESCE(?stamp = ?day, false) AS ?same)
            } GROUP BY ?source ?same"""
        ).records()
        total = graph.query(
            """PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
            SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r dkg:agent ?a }"""
        ).records()[0]["n"]
    assert total > 0
    assert rows == [{"source": "dataset", "same": True, "n": total}]
