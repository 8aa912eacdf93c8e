"""PLOVER / POLECAT event records → records: JSON here, POLECAT's TSV files in
``kg.importers.polecat`` (a file whose text does not start with ``[`` or ``{``).

Reads a JSON array of records (the PLOVER gold-standard file) or JSON Lines (one record per
line), plain or compressed, streaming: one record is held in memory at a time, at most the
line cap in size.
A record has ``id``, ``date`` (YYYY-MM-DD), ``event`` (a PLOVER type; ``event_type`` is
accepted too), optional ``mode`` and ``context``, and ``source`` / ``target`` (POLECAT:
``actor`` / ``recipient``): a list of actors ``{"code": "RUS", "sector": "GOV",
"actorText": "..."}`` (or one such object), where ``code`` is an ISO alpha-3 or CAMEO
country code, or ``IGO`` with the organisation's name as ``actorText``. Optional: ``url``,
``publication`` (the publisher), ``confidence`` (0 to 1), ``country`` (ISO alpha-3 of the
place, for attacks). ``DOCUMENT`` records (documentation, not events) are skipped.

A record with several source actors ("Hungarian and Romanian officials agreed") gives one
coded event per source actor, merged by record id and actor.

>>> rec = {"id": "X-1", "date": "2000-01-01", "event": "DISAPPROVE",
...        "source": [{"code": "USA", "actorText": "Washington", "sector": "GOV"}],
...        "target": [{"code": "RUS", "actorText": "Moscow"}]}
>>> [(r.code, r.kind.value, r.source, r.target) for r in parse_record(rec, ActorResolver())]
[('ACCUSE-disapprove', 'condemns', 'USA', 'RUS')]
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from typing import Any

from kg.importers import confidence
from kg.importers.actorcodes import ActorResolver, ResolvedActor
from kg.importers.codes import UnknownCodeError, plover_event
from kg.importers.polecat import read_polecat
from kg.importers.records import CodedRecord, Dataset, Scheme, describe_error
from kg.importers.source import (
    DEFAULT_MAX_LINE_BYTES,
    Detected,
    Line,
    ProgressCallback,
    Rejection,
    Skipped,
    SourceError,
    container,
    read_lines,
)
from kg.importers.table import looks_like_json

__all__ = ["parse_record", "read_plover"]


def _actors(value: Any, role: str, resolver: ActorResolver) -> list[ResolvedActor]:
    if not value:
        return []
    entries = value if isinstance(value, list) else [value]
    found: list[ResolvedActor] = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise ValueError(f"{role} holds {json.dumps(entry)[:40]}, not an actor object")
        code = str(entry.get("code") or entry.get("country") or "")
        sector = str(entry.get("sector") or entry.get("agent") or "")
        text = str(entry.get("actorText") or entry.get("text") or entry.get("name") or "")
        actor = resolver.plover(code, sector, text)
        if actor is not None and actor not in found:
            found.append(actor)
    return found


def _text(record: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def parse_record(record: Any, resolver: ActorResolver) -> list[CodedRecord]:
    """The records of one PLOVER JSON record (one per source actor; at least one).

    Raises
    ------
    UnknownCodeError
        The row's event code is not of its scheme (a ``ValueError``).
    ValueError
        Another cell is missing or malformed.
    """
    if not isinstance(record, dict):
        raise ValueError(f"a record is {type(record).__name__}, not an object")
    record_id = _text(record, "id")
    event = _text(record, "event", "event_type")
    if record_id is None or event is None:
        raise ValueError("a record needs 'id' and 'event'")
    try:
        day = dt.date.fromisoformat(_text(record, "date") or "")
    except ValueError:
        raise ValueError(f"date {record.get('date')!r} is not YYYY-MM-DD") from None
    code, kind = plover_event(event, _text(record, "mode"), _text(record, "context"))
    sources = _actors(record.get("source", record.get("actor")), "source", resolver)
    targets = _actors(record.get("target", record.get("recipient")), "target", resolver)
    target = targets[0].actor if targets else None
    given = record.get("confidence")
    trust = float(given) if isinstance(given, int | float) else confidence.DEFAULT
    country = _text(record, "country")
    common: dict[str, Any] = {
        "dataset": Dataset.PLOVER,
        "record_id": record_id,
        "date": day,
        "scheme": Scheme.PLOVER,
        "code": code,
        "kind": kind,
        "target": target,
        "url": _text(record, "url", "source_url"),
        "publisher": (_text(record, "publication", "publisher") or "")[:500] or None,
        "confidence": trust,
        "country": resolver.state(country) if country and kind.is_attack else None,
    }
    if len(sources) <= 1:
        source = sources[0] if sources else None
        actor, role = (source.actor, source.role) if source else (None, None)
        return [CodedRecord(**common, source=actor, source_role=role)]
    return [
        CodedRecord(
            **common, signature=f"{record_id}\x1f{s.actor}", source=s.actor, source_role=s.role
        )
        for s in sources
    ]


def _json_values(
    lines: Iterator[Line | Rejection], cap: int
) -> Iterator[tuple[str, int, Any] | Rejection]:
    """The objects of a JSON array or of JSON Lines, with the line each starts on.

    A value may span lines (never inside a string: JSON strings hold no raw line break),
    so a decoding error at the very end of the text read means "read on", anywhere else
    "malformed": the record is rejected and the lines up to the next ``{`` skipped.
    """
    decoder = json.JSONDecoder()
    buffer, start, source = "", 0, ""
    seen_start, resync = False, False
    for line in lines:
        if isinstance(line, Rejection):
            yield line
            continue
        source, text = line.source, line.text
        if not buffer:
            text = text.lstrip()
            if not seen_start and text:
                if text[0] not in "[{":
                    raise SourceError(source, "not JSON records (expected '[' or '{')", line.number)
                seen_start = True
            while text and text[0] in "[,":
                text = text[1:].lstrip()
            if not text or text[0] == "]" or (resync and text[0] != "{"):
                continue
            resync = False
            if text[0] != "{":
                yield Rejection(source, line.number, "not a JSON object")
                resync = True
                continue
            start = line.number
        buffer = f"{buffer}\n{text}" if buffer else text
        while buffer:
            try:
                value, end = decoder.raw_decode(buffer)
            except json.JSONDecodeError as exc:
                if exc.pos < len(buffer.rstrip()):
                    yield Rejection(source, start, f"malformed JSON: {exc.msg}")
                    buffer, resync = "", True
                elif len(buffer) > cap:
                    yield Rejection(source, start, f"JSON record longer than {cap} characters")
                    buffer, resync = "", True
                break
            yield source, start, value
            buffer = buffer[end:].lstrip(" \t\n,")
            if buffer.startswith("]"):
                buffer = ""
    if buffer.strip():
        yield Rejection(source, start, "incomplete JSON record at the end of the file")


def read_plover(
    path: str | os.PathLike[str],
    resolver: ActorResolver,
    *,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    progress: ProgressCallback | None = None,
) -> Iterator[CodedRecord | Rejection | Skipped | Detected]:
    """The records of a PLOVER JSON file (or of a POLECAT TSV file), the skipped
    documentation records, the rejections, and first what the file was found to be.

    Raises
    ------
    SourceError
        The file cannot be read, or is not of this dataset (raised while iterating; a
        malformed row is a ``Rejection``, not an error).
    """
    if not looks_like_json(path, max_line_bytes=max_line_bytes):
        yield from read_polecat(path, resolver, max_line_bytes=max_line_bytes, progress=progress)
        return
    packed = container(path)
    prefix = "" if packed == "plain" else f"{packed} → "
    yield Detected(str(path), f"{prefix}JSON, PLOVER records")
    lines = read_lines(path, max_line_bytes=max_line_bytes, progress=progress)
    for item in _json_values(lines, max_line_bytes):
        if isinstance(item, Rejection):
            yield item
            continue
        source, number, value = item
        if isinstance(value, dict) and str(value.get("event", "")).upper() == "DOCUMENT":
            yield Skipped(source, number, "a PLOVER DOCUMENT record (documentation)")
            continue
        try:
            yield from parse_record(value, resolver)
        except (ValueError, UnknownCodeError) as exc:
            yield Rejection(source, number, describe_error(exc))
