"""The ``kg extract``, ``kg ingest`` and ``kg evaluate`` commands (``register(app)``).

``extract`` prints what the rule-based extractor (:mod:`kg.extract`) reads in articles,
``ingest`` adds it to the store as each document's extracted reading, and ``evaluate``
scores it against gold files (or, with ``--events``, scores the fusion of a corpus).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli.kit import DEFAULT_STORE, StoreOption, err, fail, opened, out, reported_errors
from kg.config import MAX_CHARS

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph import KnowledgeGraph
    from kg.model import Document

__all__ = ["evaluate", "extract", "ingest", "register"]


class ExtractFormat(StrEnum):
    """Output formats of ``kg extract``."""

    JSON = "json"
    YAML = "yaml"
    TTL = "ttl"


Articles = Annotated[list[Path], typer.Argument(help="Article files (text, Markdown, HTML).")]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="The articles' date (YYYY-MM-DD), for relative dates; default: a date in the "
        "file name.",
    ),
]
MaxCharsOption = Annotated[
    int,
    typer.Option(
        "--max-chars",
        min=1,
        help="Refuse an article longer than this many characters.",
        show_default=True,
    ),
]
ReplaceOption = Annotated[
    bool,
    typer.Option(
        "--replace",
        help="Replace a different extracted reading already held under the id.",
    ),
]
GoldDir = Annotated[Path | None, typer.Argument(help="A folder of extraction gold files (*.json).")]
EventsOption = Annotated[
    Path | None,
    typer.Option(
        "--events",
        help="Score event coreference instead: a corpus folder of annotations with "
        "a gold.yaml (B3 and pairwise P/R/F1, do-not-merge pairs merged).",
    ),
]
WindowOption = Annotated[
    int, typer.Option("--window", min=0, help="With --events: the fusion window.")
]
ArticlesOption = Annotated[
    Path | None,
    typer.Option(
        "--articles",
        help="Where the articles are (default: the gold file's 'article' path).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
BriefOption = Annotated[bool, typer.Option("--brief", help="Only the table.")]
RerankOption = Annotated[
    bool,
    typer.Option(
        "--rerank",
        help="Score the rules with the learned re-ranker (kg.extract.rerank), "
        "which the extractor leaves off by default.",
    ),
]


def extract(
    articles: Articles,
    date: DateOption = None,
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.JSON,
    max_chars: MaxCharsOption = MAX_CHARS,
) -> None:
    """Extract events and reactions from articles and print them (nothing is stored).

    json: the interchange view of 'kg export'; yaml: annotation files to review and
    'kg add'; ttl: Turtle. json and yaml also list the unresolved actors: agents and
    targets of reactions that no reference actor stands for (unresolved_actors).
    """
    from kg.graph import KnowledgeGraph

    documents, _skipped, _kept = _extract_all(articles, _parse_date(date), max_chars=max_chars)
    if fmt is ExtractFormat.YAML:
        sys.stdout.write(_annotation_yaml(documents))
        return
    graph = KnowledgeGraph.memory()
    for doc in documents:
        graph.add_document(doc, replace=True)  # nothing is stored: the last one shows
    if fmt is ExtractFormat.JSON:
        view = graph.to_json()
        # not in the graph: the reviewer's to-do list, each item naming its document
        view["unresolved_actors"] = [
            {"document": doc.id, **item.model_dump(mode="json")}
            for doc in documents
            for item in doc.unresolved_actors
        ]
        sys.stdout.write(json.dumps(view, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.buffer.write(graph.export("ttl"))


def ingest(
    articles: Articles,
    date: DateOption = None,
    replace: ReplaceOption = False,
    max_chars: MaxCharsOption = MAX_CHARS,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Extract articles and add them to the store (each document in one transaction).

    Each is added as the document's extracted reading, in a graph of its own: a curated
    reading of the same document is never touched. An id that already holds a
    different extracted reading is refused (nothing is written) unless --replace.
    A file that cannot be extracted (not text, over --max-chars...) is skipped with an
    error line; the others are added, and the exit status is 1.
    """
    documents, skipped, kept = _extract_all(
        articles, _parse_date(date), progress=True, max_chars=max_chars, skip_errors=True
    )
    with opened(store) as graph:
        _add_documents(graph, kept, documents, replace)
    if skipped:
        err.print(
            f"{len(articles) - skipped} of {len(articles)} file(s) ingested; "
            f"{skipped} skipped with an error",
            markup=False,
        )
        raise typer.Exit(1)


def evaluate(
    gold_dir: GoldDir = None,
    events: EventsOption = None,
    window: WindowOption = 2,
    articles: ArticlesOption = None,
    as_json: JsonOption = False,
    brief: BriefOption = False,
    rerank: RerankOption = False,
) -> None:
    """Score extraction against gold files: P/R/F1 per reaction type and overall,
    events, casualty ranges, then the misses and false alarms with their sentences.
    With --events DIR: score the fusion of a corpus into canonical events."""
    if events is not None:
        if gold_dir is not None:
            fail("give either a gold folder or --events, not both")
        _evaluate_events(events, window, as_json)
        return
    if gold_dir is None:
        fail("give a folder of gold files, or --events DIR")
    from kg.extract import ExtractionError
    from kg.extract.batch import evaluate_directory

    if not gold_dir.is_dir():
        fail(f"{gold_dir}: not a folder")
    try:
        report = evaluate_directory(gold_dir, articles, rerank=rerank)
    except ExtractionError as exc:
        fail(str(exc))
    except ValueError as exc:
        fail(str(exc))
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n")
    else:
        out.print(report.text(details=not brief), markup=False)


def register(app: typer.Typer) -> None:
    """Add ``extract``, ``ingest`` and ``evaluate`` to the ``kg`` command."""
    for command in (extract, ingest, evaluate):
        app.command()(command)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--date {value!r}: expected YYYY-MM-DD", 2)


def _extract_all(
    files: list[Path],
    date: dt.date | None,
    progress: bool = False,
    *,
    max_chars: int,
    skip_errors: bool = False,
) -> tuple[list[Document], int, list[Path]]:
    """The documents of ``files``, how many files were skipped, and the files kept (one
    per document); a file that cannot be extracted (binary, over-long...) ends the
    command, or with ``skip_errors`` is reported on one line and counted."""
    from rich.progress import track

    from kg.extract import ExtractionError
    from kg.extract.batch import extract_file

    documents = []
    kept: list[Path] = []
    skipped = 0
    for path in track(
        files, description="extracting", console=err, disable=not progress or len(files) < 5
    ):
        try:
            documents.append(extract_file(path, date=date, max_chars=max_chars))
            kept.append(path)
        except ValueError as exc:  # ExtractionError is one
            message = str(exc) if isinstance(exc, ExtractionError) else f"{path}: {exc}"
            if not skip_errors:
                fail(message)
            err.print(f"error: {message}", markup=False)
            skipped += 1
    return documents, skipped, kept


def _add_documents(
    graph: KnowledgeGraph, paths: list[Path], documents: list[Document], replace: bool
) -> None:
    """Add each document, one line each (added, replaced or unchanged); a conflict with a
    reading already held (or between two of the documents) ends the command, before
    anything is written when it can be seen beforehand."""
    from rich.progress import track

    from kg.graph import ReadingConflictError

    for path, doc in zip(paths, documents, strict=True):
        conflict = None if replace else graph.conflict(doc)
        if conflict is not None:
            fail(f"{path}: {conflict}")
    for doc in track(documents, description="adding", console=err, disable=len(documents) < 5):
        try:
            result = graph.add_document(doc, replace=replace)
        except ReadingConflictError as exc:  # two articles of this run, one id
            fail(f"{doc.id}: {exc}")
        state = "unchanged" if result.unchanged else "replaced" if result.replaced else "added"
        out.print(
            f"{state}: {doc.id} ({len(doc.events)} events, "
            f"{len(doc.reactions)} reactions, {result.quads} quads)"
        )


def _annotation_yaml(documents: list[Document]) -> str:
    import yaml

    from kg.model import AnnotationFile, DocumentMeta

    chunks = []
    for doc in documents:
        annotation = AnnotationFile(
            document=DocumentMeta(id=doc.id, title=doc.title, date=doc.date, text=doc.text),
            events=doc.events,
            reactions=doc.reactions,
            unresolved_actors=doc.unresolved_actors,
        )
        data = annotation.model_dump(mode="json", exclude_none=True)
        chunks.append(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))
    return "---\n".join(chunks)


def _evaluate_events(folder: Path, window: int, as_json: bool) -> None:
    """``kg evaluate --events``: the coreference figures of a gold corpus."""
    from kg.fusion.evaluate import corpus_report, corpus_scores

    if not folder.is_dir():
        fail(f"{folder}: not a folder")
    with reported_errors():
        try:
            result = corpus_scores(folder, window)
        except FileNotFoundError as exc:
            fail(str(exc))
    if as_json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
    else:
        out.print(corpus_report(result), markup=False)
