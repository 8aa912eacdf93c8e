"""The commands on the graph itself: ``kg add``, ``validate``, ``summary``, ``query``,
``export``, ``schema``, ``analyze``, ``render``, ``timeline``, ``documents``.

Each is one call into the Python API. Errors in input are reported as one line,
``error: FILE:LINE: message``, with a non-zero exit status, and leave the store as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.annotation import dumps_schema, load_annotation
from kg.cli.kit import (
    DEFAULT_STORE,
    OutputFormat,
    StoreOption,
    err,
    fail,
    opened,
    out,
    print_results,
    reported_errors,
)
from kg.queries import named_queries, parse_query_file

if TYPE_CHECKING:
    from rich.progress import TaskID


class ExportFormat(StrEnum):
    """Export formats."""

    TTL = "ttl"
    NT = "nt"
    JSONLD = "jsonld"
    TRIG = "trig"
    NQ = "nq"
    JSON = "json"
    GRAPHML = "graphml"


SinceOption = Annotated[
    str | None,
    typer.Option("--since", help="Only reactions and events dated on or after YYYY-MM-DD."),
]
UntilOption = Annotated[
    str | None,
    typer.Option("--until", help="Only reactions and events dated on or before YYYY-MM-DD."),
]
YearOption = Annotated[
    int | None,
    typer.Option("--year", help="Only reactions and events of this year (no --since/--until)."),
]


def date_span(
    since: str | None, until: str | None, year: int | None
) -> tuple[dt.date | None, dt.date | None]:
    """The inclusive span the ``--since``/``--until``/``--year`` options give.

    >>> date_span(None, None, 2023)
    (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    """
    if year is not None:
        if since is not None or until is not None:
            fail("--year cannot be combined with --since or --until", 2)
        if not 1 <= year <= 9999:
            fail(f"--year {year}: not a year", 2)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    bounds: list[dt.date | None] = []
    for option, value in (("--since", since), ("--until", until)):
        try:
            bounds.append(dt.date.fromisoformat(value) if value is not None else None)
        except ValueError:
            fail(f"{option} {value!r}: not a date (YYYY-MM-DD)", 2)
    first, last = bounds
    if first is not None and last is not None and first > last:
        fail(f"--since {first} is after --until {last}", 2)
    return first, last


def add(
    files: Annotated[list[Path], typer.Argument(help="Annotation files (YAML or JSON).")],
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Replace a different curated reading already held under the id."
        ),
    ] = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Add curated annotation files to the store (each document in one transaction).

    Every file is checked before anything is written: one bad file changes nothing. A
    document id that already holds a different curated reading is refused unless
    --replace is given; an extracted reading of the same document is left as it is.
    """
    from rich.progress import track

    with opened(store) as graph:
        docs = []
        for path in files:
            with reported_errors():
                docs.append(load_annotation(path, graph.registry))
            conflict = None if replace else graph.conflict(docs[-1])
            if conflict is not None:
                fail(f"{path}: {conflict}")
            first = next((d for d in docs[:-1] if d.id == docs[-1].id), None)
            if first is not None and first.model_dump(exclude={"reading"}) != docs[-1].model_dump(
                exclude={"reading"}
            ):
                fail(f"{path}: {docs[-1].id} is read differently by an earlier file of this run")
        for doc in track(docs, description="adding", console=err, disable=len(docs) < 5):
            result = graph.add_document(doc, replace=replace)
            state = "unchanged" if result.unchanged else "replaced" if result.replaced else "added"
            out.print(f"{state}: {doc.id} ({result.quads} quads)")


def validate(
    everything: Annotated[
        bool,
        typer.Option("--all", help="Validate every graph again, changed or not."),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes validating a dataset's chunks of records side by side "
            "(pySHACL uses one core per process).",
        ),
    ] = 1,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Validate the store against the SHACL shapes; exit 1 when it does not conform.

    Only what changed since the last run is validated: graphs that conformed then and are
    unchanged (same triples, shapes, ontology and actors) are skipped; a graph with
    violations is validated, and reported, every time. Dataset graphs are validated in
    chunks of records.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from kg.graph import ontology_dir
    from kg.validation import cache_path, validate_store

    with (
        opened(store, read_only=True) as graph,
        Progress(
            "{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,  # else a stray newline when piped
        ) as bar,
    ):
        tasks: dict[str, TaskID] = {}

        def progress(what: str, done: int, total: int) -> None:
            if what not in tasks:
                tasks[what] = bar.add_task(what, total=total)
            bar.update(tasks[what], completed=done, total=total)

        run = validate_store(
            graph.store,
            ontology_dir() / "shapes.ttl",
            cache=cache_path(str(store)),
            everything=everything,
            progress=progress,
            jobs=jobs,
        )
    report = run.report
    if report.conforms and not run.validated:
        out.print("conforms: nothing changed since the last validation", markup=False)
    else:
        out.print(report.text(), markup=False)
    if run.skipped or any(skipped for _done, skipped in run.chunks.values()):
        chunks = "".join(
            f"; {name}: {done} chunk(s) of records validated, {skipped} unchanged"
            for name, (done, skipped) in run.chunks.items()
        )
        err.print(
            f"validated {len(run.validated)} graph(s){chunks}; {len(run.skipped)} unchanged "
            "since they last conformed, not validated again (--all to validate them); "
            f"SPARQL constraints asked about {len(run.focus)} node(s)",
            markup=False,
        )
    if not report.conforms:
        raise typer.Exit(1)


def summary(
    store: StoreOption = DEFAULT_STORE,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print counts: documents, actors, events, reactions by type, most condemned..."""
    with opened(store, read_only=True) as graph:
        facts = graph.summary()
    if as_json:
        out.print_json(json.dumps(facts))
        return
    out.print(
        f"{facts['documents']} document(s), {facts['actors']} actors, "
        f"{facts['events']} events, {facts['reactions']} reactions"
    )
    for kind, count in facts["reactions_by_type"].items():
        out.print(f"  {kind:<26} {count}")
    for key in ("most_condemned", "most_blamed", "most_supported"):
        names = ", ".join(f"{name} ({n})" for name, n in facts[key]) or "-"
        out.print(f"{key.replace('_', ' ')}: {names}")


def list_text() -> str:
    """What ``kg query --list`` prints: every named query, then every parameter with its
    kind, whether it is required, its default and what it means."""
    lines = []
    for query_name, named in named_queries().items():
        lines.append(query_name)
        lines.append(f"  {named.description}")
        for p in named.params:
            need = "required" if p.required else "optional"
            default = f", default {p.default}" if p.default is not None else ""
            lines.append(f"  --param {p.name}=<{p.kind}>  ({need}{default}) {p.doc}".rstrip())
    return "\n".join(lines) + "\n"


def query(
    name: Annotated[str | None, typer.Argument(help="A named query (see --list).")] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, repeatable.")
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="A .rq file.")] = None,
    expression: Annotated[str | None, typer.Option("-e", help="SPARQL text.")] = None,
    fmt: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-o",
            help="table, csv or json [default: table on a terminal, csv when piped]",
            show_default=False,
        ),
    ] = None,
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Run a named query, a query file or a SPARQL expression (SELECT)."""
    if list_queries:
        out.print(list_text(), markup=False, end="")
        return
    given = [x for x in (name, file, expression) if x is not None]
    if len(given) != 1:
        fail("give one of: a query NAME, --file FILE, -e SPARQL", 2)
    values: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            fail(f"--param {item!r}: expected NAME=VALUE", 2)
        values[key.strip()] = value
    with opened(store, read_only=True) as graph, reported_errors():
        if name is not None:
            results = graph.run(name, **values)
        else:
            if file is not None:
                try:
                    text = file.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    fail(f"{file}: cannot read query: {exc}")
            else:
                assert expression is not None
                text = expression
            named = parse_query_file(file.stem if file else "expression", text)
            results = graph.store.select(named.sparql, named.bind(values))
    print_results(results, fmt)


def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.TTL,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default: stdout).")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    year: YearOption = None,
    with_reference: Annotated[
        bool,
        typer.Option(
            "--with-reference",
            help="ttl, nt, jsonld: add the whole ontology and reference actors graphs.",
        ),
    ] = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Export the graph: ttl, nt, jsonld, trig, nq, json (interchange view) or graphml.

    --since, --until and --year keep the reactions and events of that span (json and
    graphml only: the RDF formats export whole graphs). ttl, nt and jsonld hold the
    document graphs, merged, with the reference descriptions of the actors the documents
    use; not the ontology, the other reference actors or the imported event datasets
    (--with-reference adds the ontology and all reference actors). trig and nq hold the
    whole store, named graphs kept: documents, ontology, reference actors and imported
    datasets.
    """
    first, last = date_span(since, until, year)
    if (first or last) and fmt not in (ExportFormat.JSON, ExportFormat.GRAPHML):
        fail(f"--since/--until/--year apply to --format json and graphml, not {fmt.value}", 2)
    if with_reference and fmt not in (ExportFormat.TTL, ExportFormat.NT, ExportFormat.JSONLD):
        why = "holds the reference graphs already" if fmt.value in ("trig", "nq") else "is no RDF"
        fail(f"--with-reference applies to ttl, nt and jsonld; {fmt.value} {why}", 2)
    with opened(store, read_only=True) as graph:
        data = graph.export(
            fmt.value, output, since=first, until=last, with_reference=with_reference
        )
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        err.print(f"wrote {output} ({len(data)} bytes)")


def schema() -> None:
    """Print the JSON Schema of the annotation file format."""
    sys.stdout.write(dumps_schema() + "\n")


class Period(StrEnum):
    """The periods ``kg analyze --by`` splits the reactions into."""

    MONTH = "month"


def analyze(
    store: StoreOption = DEFAULT_STORE,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    by: Annotated[
        Period | None,
        typer.Option(
            "--by",
            help="Per period: signed balance, communities, and bloc alignment (NATO, EU, "
            "G7 membership at each reaction's date).",
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    year: YearOption = None,
) -> None:
    """Network analysis: most condemned/blamed/supported, centrality, communities, balance.

    --since, --until and --year analyse the reactions dated in that span only; --by month
    reports balance, communities and bloc alignment month by month.
    """
    from kg.analysis import analyze as run_analysis
    from kg.analysis import report_text

    first, last = date_span(since, until, year)
    if by is not None:
        from kg.overtime import by_month, memberships, months_text

        with opened(store, read_only=True) as graph:
            months = by_month(graph.to_json(since=first, until=last), memberships(graph.run))
        if as_json:
            sys.stdout.write(json.dumps(months, indent=2, ensure_ascii=False) + "\n")
        else:
            out.print(months_text(months), markup=False)
        return
    with opened(store, read_only=True) as graph:
        report = run_analysis(graph.to_networkx(since=first, until=last))
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    else:
        out.print(report_text(report), markup=False)


def render(
    output: Annotated[Path, typer.Option("--output", "-o")] = Path("graph.html"),
    max_nodes: Annotated[
        int, typer.Option("--max-nodes", min=1, help="Draw at most this many nodes.")
    ] = 300,  # kg.render.DEFAULT_MAX_NODES, not imported: it would slow every command
    since: SinceOption = None,
    until: UntilOption = None,
    year: YearOption = None,
    domestic: Annotated[
        bool,
        typer.Option(
            "--domestic",
            help="Draw an actor's reactions to itself as self-loops (default: counted on "
            "the node).",
        ),
    ] = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Draw the graph as one self-contained, offline HTML page.

    --since, --until and --year draw the reactions and events dated in that span only.
    """
    first, last = date_span(since, until, year)
    with opened(store, read_only=True) as graph:
        path = graph.render(output, max_nodes=max_nodes, since=first, until=last, domestic=domestic)
    out.print(f"wrote {path}")


def timeline(
    ref: Annotated[
        str,
        typer.Argument(
            help="A canonical event: its IRI or hash, an account (doc#e1), or a document "
            "id (its first event)."
        ),
    ],
    chain: Annotated[
        bool,
        typer.Option("--chain/--no-chain", help="The whole escalation chain, or the event."),
    ] = True,
    horizon: Annotated[
        int, typer.Option("--horizon", min=0, help="Days within which a chain goes on.")
    ] = 14,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print the rows as CSV.")] = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """An episode as a dated chain: its events and the reactions to each in date order,
    each with its latency from the first event (run 'kg fuse' first)."""
    from kg.episodes import load_episodes
    from kg.timeline import COLUMNS, timeline_rows, timeline_text

    with opened(store, read_only=True) as graph:
        episode = load_episodes(graph.run, horizon)
    with reported_errors():
        rows = timeline_rows(episode, ref, chain=chain)
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        out.print(timeline_text(rows), markup=False)


def documents(store: StoreOption = DEFAULT_STORE) -> None:
    """List the documents in the store."""
    with opened(store, read_only=True) as graph:
        for doc_id in graph.documents():
            out.print(doc_id)


def register(app: typer.Typer) -> None:
    """Add the commands on the graph itself (add, validate, query, export...) to ``kg``."""
    for command in (
        add,
        validate,
        summary,
        query,
        export,
        schema,
        analyze,
        render,
        timeline,
        documents,
    ):
        app.command()(command)
