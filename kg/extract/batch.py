"""Files in, documents and scores out: the I/O around the pipeline.

:func:`read_article` refuses what it cannot read in bounded time with one clear message
(empty, binary, not UTF-8, over :data:`MAX_BYTES`); :func:`predict` turns a document
into the codes the scorer compares; :func:`evaluate_directory` scores a folder of gold
files.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from kg.actors import ActorRegistry
from kg.extract import MAX_CHARS, ExtractionError, extract_document
from kg.extract.evaluate import (
    DocumentScore,
    Gold,
    PredictedEvent,
    PredictedReaction,
    Prediction,
    Report,
    aggregate,
    load_gold,
    score_document,
)
from kg.extract.rerank import Reranker
from kg.model import Document, Quantity, slugify
from kg.reading import Reading, now

__all__ = [
    "MAX_BYTES",
    "article_date",
    "evaluate_directory",
    "extract_file",
    "predict",
    "read_article",
]

#: The largest article file read (bytes); larger files are refused before being read.
MAX_BYTES = 4 * MAX_CHARS // 2
_DATE_IN_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
#: File names that say nothing about the article: its folder names it instead.
_GENERIC_NAMES = frozenset({"article", "index", "text", "body", "content", "story"})
#: Control characters other than tab, line feed, form feed and carriage return.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_TITLE = re.compile(r"\A\s*(?:#+\s*)?([^\n]{1,200})\n\s*\n")


def read_article(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """The text of an article file; ``ExtractionError`` says why it cannot be read.

    A byte-order mark is dropped; nothing else is changed, so offsets are the file's.
    """
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ExtractionError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if len(raw) > max_bytes:
        raise ExtractionError(
            f"{path}: file is larger than the limit of {max_bytes:,} bytes; split it"
        )
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        raise ExtractionError(f"{path}:{line}: looks like a binary file (NUL bytes), not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ExtractionError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ExtractionError(f"{path}: is empty")
    if len(_CONTROLS.findall(text)) > 0.05 * len(text):
        raise ExtractionError(f"{path}: looks like a binary file (control characters), not text")
    return text


def article_date(path: Path) -> dt.date | None:
    """A date written in a file name (``belgorod-2023-12-30.txt``), else None.

    >>> article_date(Path("belgorod-2023-12-30.txt"))
    datetime.date(2023, 12, 30)
    """
    match = _DATE_IN_NAME.search(path.name)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def extract_file(
    path: Path,
    *,
    date: dt.date | None = None,
    registry: ActorRegistry | None = None,
    max_chars: int = MAX_CHARS,
    rerank: bool | Reranker = False,
) -> Document:
    """Read and extract one article file (its date from ``date`` or its name), as an
    extracted reading: its provenance names this extractor and when it ran. With
    ``rerank``, the learned re-ranker re-aims and filters the rules' reactions.

    A text longer than ``max_chars`` characters is refused, the file named.
    """
    started = now()
    text = read_article(path, max_bytes=max(MAX_BYTES, 2 * max_chars))
    if len(text) > max_chars:
        raise ExtractionError(
            f"{path}: text of {len(text):,} characters is over the limit of {max_chars:,} "
            "(--max-chars)"
        )
    title_match = _TITLE.match(text)
    title = title_match.group(1).strip() if title_match else None
    stem = path.stem if path.stem.lower() not in _GENERIC_NAMES else path.parent.name
    document = extract_document(
        text,
        doc_id=slugify(stem),
        date=date or article_date(path),
        title=title,
        registry=registry,
        max_chars=max_chars,
        rerank=rerank,
    )
    return document.model_copy(update={"reading": Reading.extraction(started, now())})


def _range(quantity: Quantity | None) -> tuple[int, int | None] | None:
    return None if quantity is None else (quantity.min, quantity.max)


def _principal(registry: ActorRegistry, code: str | None) -> str | None:
    """The principal of a code; a code the registry does not know is scored as written.

    Scoring must never fail on a code from another source (a document made with another
    registry, a gazetteer country such as ``XKX``): it simply matches no gold code.
    """
    if code is None:
        return None
    if code not in registry:
        return code
    return registry.principal(code).id


def predict(document: Document, registry: ActorRegistry | None = None) -> Prediction:
    """The codes of a document's reactions and events, agents and targets as principals,
    and how many unresolved agents and targets it lists."""
    registry = registry or ActorRegistry.default()
    reactions = [
        PredictedReaction(
            agent=_principal(registry, r.agent) or r.agent,
            type=r.type.value,
            target=_principal(registry, r.target),
            sentence=r.evidence[0].text,
        )
        for r in document.reactions
    ]
    events = [
        PredictedEvent(
            kind=e.kind.value,
            country=_principal(registry, e.country),
            killed=_range(e.killed),
            injured=_range(e.injured),
            children_killed=_range(e.children_killed),
            sentence=e.evidence[0].text,
            perpetrator=(
                e.alleged_perpetrator.perpetrator if e.alleged_perpetrator is not None else None
            ),
        )
        for e in document.events
    ]
    roles = [u.role for u in document.unresolved_actors]
    return Prediction(
        reactions=reactions,
        events=events,
        unresolved_agents=roles.count("agent"),
        unresolved_targets=roles.count("target"),
    )


def _article_for(gold_path: Path, gold: Gold, articles: Path | None) -> Path:
    name = Path(gold.article).name if gold.article else f"{gold.id}.txt"
    if articles is not None:
        return articles / name
    if gold.article:
        return (gold_path.parent / gold.article).resolve()
    return gold_path.with_suffix(".txt")


def evaluate_directory(
    gold_dir: Path,
    articles: Path | None = None,
    registry: ActorRegistry | None = None,
    *,
    rerank: bool | Reranker = False,
) -> Report:
    """Extract the article of every ``*.json`` gold file of a folder and score it (with
    the re-ranker when ``rerank``)."""
    scores: list[DocumentScore] = []
    gold_files = sorted(gold_dir.glob("*.json"))
    if not gold_files:
        raise ExtractionError(f"{gold_dir}: no gold files (*.json)")
    for gold_path in gold_files:
        gold = load_gold(gold_path)
        article = _article_for(gold_path, gold, articles)
        date = dt.date.fromisoformat(gold.date) if gold.date else None
        document = extract_file(article, date=date, registry=registry, rerank=rerank)
        scores.append(score_document(gold, predict(document, registry)))
    return aggregate(scores)
